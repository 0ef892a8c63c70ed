/**
 * Keeps the organizations grid's display (columns, density, currency) as the signed-in user's
 * preference per tenant scope (the kit's `PrefController`, stored as `grid.layout`): restored when the
 * grid opens a scope, saved (debounced) when the user changes it.
 */
import type {ReactiveControllerHost} from 'lit';
import {PrefController, type PrefClient} from '../../src/page/kit/pref-controller.js';
import {DEFAULT_VIEW_STATE, displayOf, parseDisplay, sameDisplay, type GridDisplay, type GridViewState} from '../../src/shared/grid-view-state.js';

export const DISPLAY_PREF = 'grid.layout';
/** Quiet time after the last display change before it is written (a drag or a burst of toggles writes once). */
export const DISPLAY_SAVE_DELAY_MS = 300;

export interface DisplayPrefsHost extends ReactiveControllerHost, HTMLElement {
  readonly viewState: GridViewState;
}

/**
 * The rule: the saved display of a scope is applied when the grid opens that scope, unless the host
 * set a `viewState` with another display since the grid last opened a scope (or does so, or the
 * user changes the display, before the saved one arrives): then theirs wins. Rows never wait for it.
 */
export class DisplayPrefs {
  private readonly pref: PrefController<GridDisplay>;
  private hostSet = false;

  constructor(
    host: DisplayPrefsHost,
    /** Applies a restored display to the grid (as a change the host hears about). */
    apply: (display: GridDisplay) => void,
  ) {
    this.pref = new PrefController(host, {
      name: DISPLAY_PREF,
      parse: (raw) => parseDisplay(raw)?.display ?? null,
      value: () => displayOf(host.viewState),
      same: sameDisplay,
      onLoad: apply,
      saveDelayMs: DISPLAY_SAVE_DELAY_MS,
    });
  }

  /**
   * The host set `viewState`, or the user picked a saved view (from `prev`). When that changed the
   * display it wins over one being (or about to be) restored.
   */
  hostSetViewState(prev: GridViewState | undefined, next: GridViewState): void {
    if (sameDisplay(displayOf(prev ?? DEFAULT_VIEW_STATE), displayOf(next))) return;
    this.hostSet = true;
    this.pref.cancelLoad();
  }

  /** The user changed the display (in the grid or its toolbar): save it soon, and keep it over a late restore. */
  userChanged(): void {
    this.pref.changed();
  }

  /** Called on every grid update with its client and scope; acts when they change. */
  follow(client: PrefClient | null, scopeTenantId: string | null): void {
    const read = !this.hostSet;
    if (this.pref.follow(client, scopeTenantId, read) && client && scopeTenantId) this.hostSet = false;
  }
}
