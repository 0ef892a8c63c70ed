/**
 * What the user does to the grid's columns from its header: sort (a click or Enter; with Shift a
 * secondary sort, up to `VIEW_LIMITS.maxSort`), and resize (drag a header's edge; Alt+Left/Right
 * by a step), with the words the live region says.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {msg, str} from '@lit/localize';
import {COLUMN_BY_KEY, type ColumnKey} from '../../src/shared/columns.js';
import {VIEW_LIMITS} from '../../src/shared/grid-view-state.js';
import type {SortSpec} from '../../src/shared/query.js';

/** How `aria-sort` and the live region name a direction. */
export const SORT_DIR_WORDS = {asc: 'ascending', desc: 'descending'} as const;

/** The sort after the user picks column `key` (`add`: Shift, a secondary sort); `null` for a column that does not sort. */
export function nextSort(current: readonly SortSpec[], key: ColumnKey, add: boolean): SortSpec[] | null {
  const sortKey = COLUMN_BY_KEY.get(key)?.sortKey;
  if (!sortKey) return null;
  const at = current.findIndex((s) => s.key === sortKey);
  const flip = (s: SortSpec): SortSpec => ({key: s.key, dir: s.dir === 'asc' ? 'desc' : 'asc'});
  // A full list of sorts replaces its last one, so the primary sort always stays.
  if (add) return at >= 0 ? current.map((s, i) => (i === at ? flip(s) : s)) : [...current.slice(0, VIEW_LIMITS.maxSort - 1), {key: sortKey, dir: 'asc'}];
  return [at === 0 ? flip(current[0]) : {key: sortKey, dir: 'asc'}];
}

/** "Sorted by Plan, ascending, then by Status, ascending". */
export function describeSort(sort: readonly SortSpec[]): string {
  const label = (s: SortSpec): string => {
    const col = [...COLUMN_BY_KEY.values()].find((c) => c.sortKey === s.key);
    const name = col?.label ?? s.key;
    return s.dir === 'asc' ? msg(str`${name}, ascending`) : msg(str`${name}, descending`);
  };
  return sort.map((s, i) => (i === 0 ? msg(str`Sorted by ${label(s)}`) : msg(str`then by ${label(s)}`))).join(msg(', ', {desc: 'Between items of a list of counts'}));
}

/** A width the user asked for, within the column's minimum and the view's maximum. */
export function clampWidth(key: ColumnKey, width: number): number | null {
  const def = COLUMN_BY_KEY.get(key);
  return def ? Math.round(Math.max(def.minWidth, Math.min(VIEW_LIMITS.maxWidth, width))) : null;
}

/**
 * A column edge being dragged: the width follows the pointer (shown at once, not yet in the view)
 * and is committed when the pointer is released. A drag still running when the grid leaves the
 * page ends there.
 */
export class ColumnResize implements ReactiveController {
  private value: {key: ColumnKey; width: number} | null = null;
  private end: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The drag ended with another width. */
    private readonly commit: (key: ColumnKey, width: number) => void,
  ) {
    host.addController(this);
  }

  /** The column being dragged and its width so far. */
  get current(): {key: ColumnKey; width: number} | null {
    return this.value;
  }

  hostDisconnected(): void {
    this.end?.();
  }

  /** The grid's `pointerdown`: starts a drag on a `[data-resize]` handle of a column `width` wide. */
  start(e: PointerEvent, widthOf: (key: ColumnKey) => {width: number; minWidth: number} | undefined): void {
    const handle = (e.target as HTMLElement).closest<HTMLElement>('[data-resize]');
    if (!handle || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const key = handle.dataset.resize as ColumnKey;
    const col = widthOf(key);
    if (!col) return;
    const startX = e.clientX;
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    handle.setPointerCapture(e.pointerId);
    handle.classList.add('active');
    const move = (ev: PointerEvent): void => {
      const dx = (ev.clientX - startX) * (rtl ? -1 : 1);
      this.value = {key, width: Math.max(col.minWidth, col.width + dx)};
      this.host.requestUpdate();
    };
    const end = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      handle.classList.remove('active');
      this.end = null;
      const done = this.value;
      this.value = null;
      this.host.requestUpdate();
      if (done && done.width !== col.width) this.commit(key, done.width);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
    this.end = end;
  }
}
