/**
 * Keeps the organizations grid's layout (columns, density, currency) as the signed-in user's
 * preference per tenant scope (the kit's `PrefController`, name `grid.layout`): restored when the
 * grid opens a scope, saved (debounced) when the user changes it.
 */
import type {ReactiveControllerHost} from 'lit';
import {PrefController, type PrefClient} from '../../src/page/kit/pref-controller.js';
import {DEFAULT_VIEW_STATE, layoutOf, parseLayout, sameLayout, type GridLayout, type GridViewState} from '../../src/shared/grid-view.js';

export const LAYOUT_PREF = 'grid.layout';
/** Quiet time after the last layout change before it is written (a drag or a burst of toggles writes once). */
export const LAYOUT_SAVE_DELAY_MS = 300;

export interface LayoutPrefsHost extends ReactiveControllerHost, HTMLElement {
  readonly viewState: GridViewState;
}

/**
 * The rule: the saved layout of a scope is applied when the grid opens that scope, unless the host
 * set a `viewState` with another layout since the grid last opened a scope (or does so, or the user
 * changes the layout, before the saved one arrives): then theirs wins. Rows never wait for it.
 */
export class LayoutPrefs {
  private readonly pref: PrefController<GridLayout>;
  private hostSet = false;

  constructor(
    host: LayoutPrefsHost,
    /** Applies a restored layout to the grid (as a change the host hears about). */
    apply: (layout: GridLayout) => void,
  ) {
    this.pref = new PrefController(host, {
      name: LAYOUT_PREF,
      parse: (raw) => parseLayout(raw)?.layout ?? null,
      value: () => layoutOf(host.viewState),
      same: sameLayout,
      onLoad: apply,
      saveDelayMs: LAYOUT_SAVE_DELAY_MS,
    });
  }

  /**
   * The host set `viewState`, or the user picked a saved view (from `prev`). When that changed the
   * layout it wins over a layout being (or about to be) restored.
   */
  hostSetViewState(prev: GridViewState | undefined, next: GridViewState): void {
    if (sameLayout(layoutOf(prev ?? DEFAULT_VIEW_STATE), layoutOf(next))) return;
    this.hostSet = true;
    this.pref.cancelLoad();
  }

  /** The user changed the layout (in the grid or its toolbar): save it soon, and keep it over a late restore. */
  userChanged(): void {
    this.pref.changed();
  }

  /** Called on every grid update with its client and scope; acts when they change. */
  follow(client: PrefClient | null, scopeTenantId: string | null): void {
    const read = !this.hostSet;
    if (this.pref.follow(client, scopeTenantId, read) && client && scopeTenantId) this.hostSet = false;
  }
}
