/**
 * A subscription to a `@lit/context` value that also finds a provider created after the element
 * connected. A host page usually defines the elements (its imports run first) and only then
 * provides a data client on an ancestor; `ContextConsumer` asks once, on connect, and would never
 * hear of it. This asks again whenever a provider of the same context appears above the element.
 */
import {ContextEvent, type Context, type ContextType} from '@lit/context';
import type {ReactiveController, ReactiveControllerHost} from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** Whether `node` is `ancestor` or inside it, across shadow roots. */
function composedContains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === ancestor) return true;
  return false;
}

export class ContextLink<C extends Context<unknown, unknown>> implements ReactiveController {
  private current: ContextType<C> | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: Host,
    private readonly context: C,
  ) {
    host.addController(this);
  }

  /** The provided value; `undefined` while no provider above the element has answered. */
  get value(): ContextType<C> | undefined {
    return this.current;
  }

  hostConnected(): void {
    this.connected = true;
    // Providers announce themselves by bubbling this event up to the window.
    window.addEventListener('context-provider', this.handleProvider);
    this.request();
  }

  hostDisconnected(): void {
    this.connected = false;
    window.removeEventListener('context-provider', this.handleProvider);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private request(): void {
    const callback = (value: ContextType<C>, unsubscribe?: () => void): void => {
      // A closer provider answered: stop hearing from the previous one.
      if (this.unsubscribe && this.unsubscribe !== unsubscribe) this.unsubscribe();
      this.unsubscribe = unsubscribe;
      if (!this.connected) return unsubscribe?.();
      if (value === this.current) return;
      this.current = value;
      this.host.requestUpdate();
    };
    this.host.dispatchEvent(new ContextEvent(this.context, this.host, callback, true));
  }

  private readonly handleProvider = (e: Event): void => {
    const event = e as Event & {context?: unknown; contextTarget?: Element};
    if (event.context !== this.context) return;
    const provider = event.contextTarget ?? (e.composedPath()[0] as Node | undefined);
    if (!provider || provider === this.host || !composedContains(provider, this.host)) return;
    this.request();
  };
}
