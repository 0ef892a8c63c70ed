/**
 * How a control finds the grid view it shows a part of: the grid named by its `for` attribute
 * (an id in the same document or shadow root, as `<label for>`), else the grid it sits in (its
 * toolbar, or a slot of it) through `gridViewContext`. Without either the control works alone,
 * from its own properties, and tells its host through events.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {gridViewContext} from '../context.js';
import type {GridViewStore} from '../grid-view-store.js';
import {ContextLink} from './context-link.js';

type Host = ReactiveControllerHost & HTMLElement;

/** An element that holds a grid view (the organizations grid). */
interface GridViewOwner extends Element {
  readonly viewStore: GridViewStore;
}

const isViewOwner = (el: Element | null): el is GridViewOwner => Boolean(el && 'viewStore' in el);

export class GridViewController implements ReactiveController {
  private readonly link: ContextLink<typeof gridViewContext>;
  private listening: GridViewStore | null = null;
  private connected = false;
  /** The `for` element is not upgraded yet. */
  private waiting = false;

  constructor(
    private readonly host: Host,
    /** The control's `for` attribute. */
    private readonly target: () => string | null | undefined,
  ) {
    this.link = new ContextLink(host, gridViewContext);
    host.addController(this);
  }

  /** The view the control is bound to; `null` when it works alone. */
  get store(): GridViewStore | null {
    const id = this.target();
    if (id) {
      // The grid may be defined (upgraded) after the control: look again on every update.
      const root = this.host.getRootNode() as Document | ShadowRoot;
      const el = root.getElementById?.(id) ?? null;
      if (isViewOwner(el)) return el.viewStore;
      if (el && !this.waiting) {
        this.waiting = true;
        void customElements.whenDefined(el.localName).then(() => {
          this.waiting = false;
          this.host.requestUpdate();
        });
      }
      return null;
    }
    return this.link.value ?? null;
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostUpdate(): void {
    if (this.connected) this.listen(this.store);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.listen(null);
  }

  private listen(store: GridViewStore | null): void {
    if (store === this.listening) return;
    this.listening?.removeEventListener('change', this.handleChange);
    this.listening = store;
    store?.addEventListener('change', this.handleChange);
  }

  private readonly handleChange = (): void => {
    this.host.requestUpdate();
  };
}
