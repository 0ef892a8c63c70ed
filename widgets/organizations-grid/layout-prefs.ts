/**
 * Keeps the organizations grid's layout (columns, density, currency) as the signed-in user's
 * preference per tenant scope, in the data worker's cache (`DataClient.getPref/setPref`, name
 * `grid.layout`): restored when the grid opens a scope, saved (debounced) when the user changes it.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import {DEFAULT_VIEW_STATE, layoutOf, parseLayout, sameLayout, type GridLayout, type GridViewState} from '../../src/shared/grid-view.js';

export const LAYOUT_PREF = 'grid.layout';
/** Quiet time after the last layout change before it is written (a drag or a burst of toggles writes once). */
export const LAYOUT_SAVE_DELAY_MS = 300;

type PrefClient = Pick<DataClient, 'getPref' | 'setPref'>;

export interface LayoutPrefsHost extends ReactiveControllerHost, HTMLElement {
  readonly viewState: GridViewState;
}

/**
 * The rule: the saved layout of a scope is applied when the grid opens that scope, unless the host
 * set a `viewState` with another layout since the grid last opened a scope (or does so, or the user
 * changes the layout, before the saved one arrives): then theirs wins. Rows never wait for it.
 */
export class LayoutPrefs implements ReactiveController {
  private client: PrefClient | null = null;
  private scopeTenantId: string | null = null;
  private hostSet = false;
  private load: AbortController | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the store holds for the current scope, as far as this grid knows (skips useless writes). */
  private stored: GridLayout | null = null;

  constructor(
    private readonly host: LayoutPrefsHost,
    /** Applies a restored layout to the grid (as a change the host hears about). */
    private readonly apply: (layout: GridLayout) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flush();
    this.cancelLoad();
    this.client = null;
    this.scopeTenantId = null;
  }

  /**
   * The host set `viewState`, or the user picked a saved view (from `prev`). When that changed the
   * layout it wins over a layout being (or about to be) restored.
   */
  hostSetViewState(prev: GridViewState | undefined, next: GridViewState): void {
    if (sameLayout(layoutOf(prev ?? DEFAULT_VIEW_STATE), layoutOf(next))) return;
    this.hostSet = true;
    this.cancelLoad();
  }

  /** The user changed the layout (in the grid or its toolbar): save it soon, and keep it over a late restore. */
  userChanged(): void {
    this.cancelLoad();
    if (!this.client || !this.scopeTenantId) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), LAYOUT_SAVE_DELAY_MS);
  }

  /** Called on every host update with the grid's client and scope; acts when they change. */
  follow(client: PrefClient | null, scopeTenantId: string | null): void {
    if (client === this.client && scopeTenantId === this.scopeTenantId) return;
    // A change not yet written belongs to the scope it was made in.
    this.flush();
    this.cancelLoad();
    this.client = client;
    this.scopeTenantId = scopeTenantId;
    this.stored = null;
    if (!client || !scopeTenantId) return;
    if (this.hostSet) {
      this.hostSet = false;
      return;
    }
    const controller = (this.load = new AbortController());
    client.getPref<unknown>({tenantId: scopeTenantId}, LAYOUT_PREF, {signal: controller.signal}).then(
      (raw) => {
        if (controller.signal.aborted || this.load !== controller) return;
        this.load = null;
        const parsed = parseLayout(raw);
        if (!parsed) return;
        this.stored = parsed.layout;
        if (!sameLayout(parsed.layout, layoutOf(this.host.viewState))) this.apply(parsed.layout);
      },
      () => {
        // No saved layout (an error reading it): the grid keeps what it has.
        if (this.load === controller) this.load = null;
      },
    );
  }

  /** Writes a pending change now. */
  private flush(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const {client, scopeTenantId} = this;
    if (!client || !scopeTenantId) return;
    const layout = layoutOf(this.host.viewState);
    if (this.stored && sameLayout(this.stored, layout)) return;
    this.stored = layout;
    // A failed write (full or closed cache) only loses the preference, never the grid.
    client.setPref({tenantId: scopeTenantId}, LAYOUT_PREF, layout).catch(() => {
      if (this.stored === layout) this.stored = null;
    });
  }

  private cancelLoad(): void {
    this.load?.abort();
    this.load = null;
  }
}
