/**
 * A grid view's shape, its defaults and limits, and the display a user keeps per scope (columns,
 * density, currency) read back from storage: what a grid needs before its first rows. The rest of
 * reading a view from untrusted input (sort, filters, search, open rows), filters as data and the
 * URL form are in `grid-view.ts`, which re-exports this module (and loads with the toolbar's
 * controls, not with the grid).
 */
import {COLUMNS, COLUMN_BY_KEY, COLUMN_KEYS, type ColumnKey, type CurrencyMode} from './columns.js';
import type {OrgFilters, SortSpec} from './query.js';

export type Density = 'compact' | 'standard' | 'comfortable';
export type Layout = 'flat' | 'tree';

export const DENSITIES: readonly Density[] = ['compact', 'standard', 'comfortable'];
export const CURRENCY_MODES: readonly CurrencyMode[] = ['original', 'usd'];
export const LAYOUTS: readonly Layout[] = ['flat', 'tree'];

export interface ColumnState {
  key: ColumnKey;
  visible: boolean;
  /** CSS pixels; at least the column's minimum width. */
  width: number;
}

export interface GridViewState {
  /** Every column, in display order. */
  columns: ColumnState[];
  sort: SortSpec[];
  filters: OrgFilters;
  search: string;
  density: Density;
  currency: CurrencyMode;
  layout: Layout;
  /** Open rows in tree layout. */
  expanded: string[];
}

export const DEFAULT_VIEW_STATE: GridViewState = {
  columns: COLUMNS.map((c) => ({key: c.key, visible: c.defaultVisible, width: c.width})),
  sort: [{key: 'name', dir: 'asc'}],
  filters: {},
  search: '',
  density: 'standard',
  currency: 'original',
  layout: 'flat',
  expanded: [],
};

/** A fresh, unshared copy of the default state (callers may mutate it). */
export const defaultViewState = (): GridViewState => structuredClone(DEFAULT_VIEW_STATE);

/** Limits of what a view state may hold; anything beyond is cut and reported. */
export const VIEW_LIMITS = {
  maxWidth: 1200,
  maxSort: 3,
  maxSearch: 200,
  maxExpanded: 500,
  maxOwners: 50,
  maxIdLength: 128,
  /** Longest URL parameter `decodeViewState` reads. */
  maxParam: 16_384,
} as const;

/** A column that is always shown (the row's name is how a person knows the row). */
export const ALWAYS_VISIBLE: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['name']);

// ---------------------------------------------------------------------------------------------
// Reading untrusted input: the rules a stored display and a whole view (`grid-view.ts`) share.

const MAX_REPORTS = 20;
/** Array entries looked at; the rest of a longer array is dropped unread. */
const MAX_ENTRIES = 1000;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An own, enumerable data property only: never a getter, never the prototype chain. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d && 'value' in d ? d.value : undefined;
}

/** A value quoted for a message: short, one line, controls made visible. */
export function quote(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || v === null) s = String(v);
  else if (v === undefined) s = 'nothing';
  else s = Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '�');
  return typeof v === 'string' ? `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"` : s;
}

/** Collects problems; the same problem repeated is reported once with a count. */
export class Report {
  private readonly counts = new Map<string, number>();
  private extra = 0;
  add(line: string): void {
    const n = this.counts.get(line);
    if (n !== undefined) this.counts.set(line, n + 1);
    else if (this.counts.size < MAX_REPORTS) this.counts.set(line, 1);
    else this.extra++;
  }
  done(): string[] {
    const lines = [...this.counts].map(([line, n]) => (n > 1 ? `${line} (${n} times)` : line));
    return this.extra ? [...lines, `…and ${this.extra} more problems`] : lines;
  }
}

export function entries(v: unknown[], what: string, report: Report): unknown[] {
  if (v.length <= MAX_ENTRIES) return v;
  report.add(`${what}: only the first ${MAX_ENTRIES} of ${v.length} entries were read`);
  return v.slice(0, MAX_ENTRIES);
}

export function parseColumns(v: unknown, report: Report): ColumnState[] {
  if (v === undefined) return defaultViewState().columns;
  if (!Array.isArray(v)) {
    report.add(`columns: ${quote(v)} is not a list of columns; default columns used`);
    return defaultViewState().columns;
  }
  const out: ColumnState[] = [];
  const seen = new Set<string>();
  for (const item of entries(v, 'columns', report)) {
    const key = isRecord(item) ? own(item, 'key') : typeof item === 'string' ? item : undefined;
    if (typeof key !== 'string' || !(COLUMN_KEYS as readonly string[]).includes(key)) {
      report.add(`columns: unknown column ${quote(key ?? item)} removed`);
      continue;
    }
    if (seen.has(key)) {
      report.add(`columns: duplicate column ${quote(key)} removed`);
      continue;
    }
    seen.add(key);
    const def = COLUMN_BY_KEY.get(key as ColumnKey)!;
    const rec = isRecord(item) ? item : {};
    let visible = own(rec, 'visible');
    if (typeof visible !== 'boolean') {
      if (visible !== undefined) report.add(`columns: visibility of ${def.label} was ${quote(visible)}; default used`);
      visible = def.defaultVisible;
    }
    if (!visible && ALWAYS_VISIBLE.has(def.key)) {
      report.add(`columns: ${def.label} cannot be hidden`);
      visible = true;
    }
    let width = own(rec, 'width');
    if (typeof width !== 'number' || !Number.isFinite(width)) {
      if (width !== undefined) report.add(`columns: width of ${def.label} was ${quote(width)}; default used`);
      width = def.width;
    }
    const clamped = Math.round(Math.min(VIEW_LIMITS.maxWidth, Math.max(def.minWidth, width as number)));
    if (clamped !== Math.round(width as number)) report.add(`columns: width of ${def.label} limited to ${clamped} px`);
    out.push({key: def.key, visible: visible as boolean, width: clamped});
  }
  // Columns the input did not name (e.g. added since it was saved) join at the end as defaults.
  for (const c of COLUMNS) if (!seen.has(c.key)) out.push({key: c.key, visible: c.defaultVisible, width: c.width});
  return out;
}

export function parseEnum<T extends string>(v: unknown, allowed: readonly T[], fallback: T, what: string, report: Report): T {
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  report.add(`${what}: ${quote(v)} is not one of ${allowed.join(', ')}; ${fallback} used`);
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// Display: the part of a view a user keeps as theirs per scope (not what they look for). Not to be
// confused with `layout`, which is flat or tree.

/** Columns (visibility, order, widths), density and currency: kept per user and scope (`grid.layout`, its stored name). */
export interface GridDisplay {
  columns: ColumnState[];
  density: Density;
  currency: CurrencyMode;
}

/** A view state's display (a copy). */
export const displayOf = (s: GridViewState): GridDisplay => ({columns: s.columns.map((c) => ({...c})), density: s.density, currency: s.currency});

/** The view state with the display's columns, density and currency; the rest unchanged. */
export const withDisplay = (s: GridViewState, display: GridDisplay): GridViewState => ({...s, columns: display.columns.map((c) => ({...c})), density: display.density, currency: display.currency});

/** Whether two displays are the same. */
export const sameDisplay = (a: GridDisplay, b: GridDisplay): boolean => JSON.stringify(displayOf(a as GridViewState)) === JSON.stringify(displayOf(b as GridViewState));

/**
 * Reads a stored display (untrusted: another version, a damaged cache): `null` if it is not one at
 * all, else every valid part with defaults for the rest (`parseViewState`'s rules).
 */
export function parseDisplay(input: unknown): {display: GridDisplay; dropped: string[]} | null {
  if (!isRecord(input)) return null;
  const report = new Report();
  const display: GridDisplay = {
    columns: parseColumns(own(input, 'columns'), report),
    density: parseEnum(own(input, 'density'), DENSITIES, DEFAULT_VIEW_STATE.density, 'density', report),
    currency: parseEnum(own(input, 'currency'), CURRENCY_MODES, DEFAULT_VIEW_STATE.currency, 'currency', report),
  };
  return {display, dropped: report.done()};
}
