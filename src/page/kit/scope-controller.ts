/**
 * How a widget finds the tenant it acts in: its own `scope` property if set, else the `scopeContext`
 * of a provider above it, else the page's `ScopeStore` of its data client (what the tenant switcher
 * drives). The host re-renders whenever the answer may have changed, and carries the tenant's
 * colour as `--tenantry-scope-color`.
 */
import {ContextConsumer} from '@lit/context';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Scope} from '../../shared/contract/backend.js';
import {isAbort} from '../../shared/contract/errors.js';
import type {DataClient} from '../data-client.js';
import {scopeContext} from '../context.js';
import {scopeColor} from '../scope-color.js';
import {ScopeStore, type ScopeStoreOptions, type ScopeStoreState} from '../scope-store.js';
import type {ActingScope} from '../../shared/tenancy.js';

export interface ScopeControllerOptions {
  /** The widget's data client (its property, a provided one, or a fallback). */
  client: () => DataClient | null | undefined;
  /** The widget's own `scope` property. */
  scope: () => Scope | null | undefined;
  /** Options for the page store, if this widget is the first to ask for it. */
  store?: ScopeStoreOptions;
}

/** Where the acting scope came from: a fixed one (`property`, `context`) or the page's switcher (`store`). */
export type ScopeSource = 'property' | 'context' | 'store';

type Host = ReactiveControllerHost & HTMLElement;

/** What of the store's state a widget reads through this controller (the scope banner included). */
const SCOPE_FIELDS = ['home', 'current', 'switching', 'notice', 'error'] as const satisfies readonly (keyof ScopeStoreState)[];

export class ScopeController implements ReactiveController {
  private contextScope: Scope | undefined;
  private bound: ScopeStore | null = null;
  private connected = false;
  /** Names and paths of fixed scopes, resolved once through the user's view. */
  private described: {tenantId: string; value: ActingScope | null; controller: AbortController} | null = null;
  /** The store state the host last re-rendered for. */
  private seen: ScopeStoreState | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: ScopeControllerOptions,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: scopeContext,
      subscribe: true,
      callback: (value) => {
        this.contextScope = value;
        host.requestUpdate();
      },
    });
  }

  /** The page store of the widget's client (created on first use). */
  get store(): ScopeStore | null {
    const client = this.options.client();
    if (!client) return null;
    // A registry lookup: also picks up a fresh store after the old one was disposed.
    const store = ScopeStore.forClient(client, this.options.store);
    this.bind(store);
    return store;
  }

  get source(): ScopeSource {
    if (this.options.scope()) return 'property';
    if (this.contextScope) return 'context';
    return 'store';
  }

  /** The tenant to name in every request; `null` until known (then show nothing, not the wrong tenant). */
  get scope(): Scope | null {
    const own = this.options.scope() ?? this.contextScope;
    if (own) return own;
    const current = this.store?.state.current;
    return current ? {tenantId: current.tenantId} : null;
  }

  /** The acting scope with its name and path, once known. */
  get current(): ActingScope | null {
    const store = this.store;
    const state = store?.state;
    const fixed = this.options.scope() ?? this.contextScope;
    if (!fixed) return state?.current ?? null;
    if (state?.home?.tenantId === fixed.tenantId) return state.home;
    if (state?.current?.tenantId === fixed.tenantId) return state.current;
    return this.describe(fixed.tenantId);
  }

  get home(): ActingScope | null {
    return this.store?.state.home ?? null;
  }

  /**
   * Resolves once the scope is as well known as it gets before the worker answers: at once for a
   * fixed scope; with the page store, once the last visit's saved session named the home tenant,
   * or the page found none saved.
   */
  get knownEarly(): Promise<void> {
    return (this.source === 'store' && this.store?.readyFromSaved) || Promise.resolve();
  }

  /** Whether "Back to <home>" applies: the page store drives this widget and it is away from home. */
  get canGoHome(): boolean {
    const {home} = this;
    const current = this.current;
    return this.source === 'store' && Boolean(home && current && home.tenantId !== current.tenantId);
  }

  /** One step back to the user's own tenant, for every widget of the page store. */
  goHome(): void {
    this.store?.switchHome();
  }

  hostConnected(): void {
    // The store is bound on first use (the next update), once providers have answered: asking for
    // the client here could start a fallback client the widget never needed.
    this.connected = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.bound?.removeEventListener('change', this.handleChange);
    this.bound = null;
    this.described?.controller.abort();
    this.described = null;
  }

  hostUpdate(): void {
    const current = this.scope;
    const color = current ? scopeColor(current.tenantId, this.home?.tenantId) : '';
    // Read back, not cached: a host template binding `style` may have replaced the attribute.
    if (this.host.style.getPropertyValue('--tenantry-scope-color') === color) return;
    if (color) this.host.style.setProperty('--tenantry-scope-color', color);
    else this.host.style.removeProperty('--tenantry-scope-color');
  }

  private bind(store: ScopeStore): void {
    if (this.bound === store) return;
    this.bound?.removeEventListener('change', this.handleChange);
    this.bound = store;
    this.seen = null;
    // Only a connected host listens; a detached one rebinds on connect.
    if (this.connected) store.addEventListener('change', this.handleChange);
  }

  private describe(tenantId: string): ActingScope | null {
    if (this.described?.tenantId === tenantId) return this.described.value;
    this.described?.controller.abort();
    const entry: {tenantId: string; value: ActingScope | null; controller: AbortController} = {tenantId, value: null, controller: new AbortController()};
    this.described = entry;
    const store = this.bound;
    store?.describe(tenantId, {signal: entry.controller.signal}).then(
      (value) => {
        if (this.described !== entry) return;
        entry.value = value;
        this.host.requestUpdate();
      },
      (e: unknown) => {
        if (!isAbort(e) && this.described === entry) this.host.requestUpdate();
      },
    );
    return null;
  }

  private readonly handleChange = (): void => {
    const state = this.bound?.state ?? null;
    // Pinned and recent tenants are the switcher's alone (it listens to the store itself): a widget
    // acting in the scope does not re-render for them (on a warm start they land beside its first rows).
    if (state && this.seen && SCOPE_FIELDS.every((k) => state[k] === this.seen![k])) return;
    this.seen = state;
    this.host.requestUpdate();
  };
}
