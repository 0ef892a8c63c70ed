/**
 * One organizations grid's view as the user shaped it (`GridViewState`: columns, sort, search,
 * filters, density, currency, layout, open rows), held once and shared by the grid and every
 * control that shows a part of it: the grid's own toolbar, and controls the host places elsewhere
 * (`for="grid-id"`) or in the grid's slots (through `gridViewContext`). No host copies state
 * between them.
 */
import {DEFAULT_VIEW_STATE, type GridViewState} from '../shared/grid-view-state.js';

/**
 * Who changed the view: the user (in the grid or a control), the host (`grid.viewState = …`), the
 * user's saved layout being restored, or a saved view the user picked.
 */
export type GridViewSource = 'user' | 'host' | 'prefs' | 'restore';

export class GridViewChangeEvent extends Event {
  constructor(
    readonly state: GridViewState,
    readonly previous: GridViewState,
    readonly source: GridViewSource,
  ) {
    super('change');
  }
}

export class GridViewStore extends EventTarget {
  private value: GridViewState;

  constructor(initial: GridViewState = DEFAULT_VIEW_STATE) {
    super();
    this.value = initial;
  }

  get state(): GridViewState {
    return this.value;
  }

  /** Replaces the whole view; listeners hear of it at once (synchronously). */
  set(next: GridViewState, source: GridViewSource): void {
    const previous = this.value;
    if (next === previous) return;
    this.value = next;
    this.dispatchEvent(new GridViewChangeEvent(next, previous, source));
  }

  /** Changes some parts of the view. */
  update(patch: Partial<GridViewState>, source: GridViewSource = 'user'): void {
    this.set({...this.value, ...patch}, source);
  }
}
