/**
 * The whole state of an organizations grid view that a user can shape, save by name, restore and
 * carry in a URL. Plain data. Anything read back (saved views, URLs) is untrusted input and goes
 * through `parseViewState`, which keeps what is valid and reports what was dropped. The shape, its
 * defaults and the display's rules are in `grid-view-state.ts` (all a grid needs before its first
 * rows), re-exported here; what follows loads with the toolbar's controls.
 */
import {COLUMN_BY_KEY, type ColumnKey} from './columns.js';
import {msg} from '@lit/localize';
import {KIND_LABELS, PLAN_LABELS, REGION_LABELS, SOURCE_DATA_LABELS, STATUS_LABELS, WORKLOAD_LABELS} from './model/labels.js';
import {ORG_STATUSES, PLANS, SOURCE_DATA_STATUSES, STORAGE_REGIONS, TENANT_KINDS, WORKLOADS} from './model/types.js';
import {SORT_KEYS} from './columns.js';
import type {OrgFilters, SortSpec} from './query.js';
import {
  CURRENCY_MODES,
  DEFAULT_VIEW_STATE,
  DENSITIES,
  LAYOUTS,
  Report,
  VIEW_LIMITS,
  defaultViewState,
  entries,
  isRecord,
  own,
  parseColumns,
  parseEnum,
  quote,
  type ColumnState,
  type GridViewState,
} from './grid-view-state.js';

export {
  ALWAYS_VISIBLE,
  CURRENCY_MODES,
  DEFAULT_VIEW_STATE,
  DENSITIES,
  LAYOUTS,
  VIEW_LIMITS,
  defaultViewState,
  displayOf,
  parseDisplay,
  sameDisplay,
  withDisplay,
  type ColumnState,
  type Density,
  type GridDisplay,
  type GridViewState,
  type Layout,
} from './grid-view-state.js';

/** Ids (organizations, users) as carried in a view: letters, digits and `. _ : -` only. */
const SAFE_ID = /^[A-Za-z0-9._:-]+$/;
export const isSafeId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= VIEW_LIMITS.maxIdLength && SAFE_ID.test(v);

// ---------------------------------------------------------------------------------------------
// Filters as data: one description per filter, shared by the parser, the chips and the panel.

export type FilterKey = keyof OrgFilters;

export interface FilterGroup {
  key: FilterKey;
  /** What a chip and a legend call it, e.g. "Plan". */
  label: string;
  /** The allowed values in display order; `null` for open sets (owner ids). */
  values: readonly string[] | null;
  /** The word a person reads for a value. */
  valueLabel(value: string): string;
}

const labelled =
  (labels: Record<string, string>) =>
  (v: string): string =>
    labels[v] ?? v;

export const FILTER_GROUPS: readonly FilterGroup[] = [
  {key: 'plans', get label() { return msg('Plan'); }, values: PLANS, valueLabel: labelled(PLAN_LABELS)},
  {key: 'ownerIds', get label() { return msg('Owner'); }, values: null, valueLabel: (v) => v},
  {key: 'statuses', get label() { return msg('Status'); }, values: ORG_STATUSES, valueLabel: labelled(STATUS_LABELS)},
  {key: 'sourceData', get label() { return msg('Source data'); }, values: SOURCE_DATA_STATUSES, valueLabel: labelled(SOURCE_DATA_LABELS)},
  {key: 'workloads', get label() { return msg('Workload'); }, values: WORKLOADS, valueLabel: labelled(WORKLOAD_LABELS)},
  {key: 'storageRegions', get label() { return msg('Storage region'); }, values: STORAGE_REGIONS, valueLabel: labelled(REGION_LABELS)},
  {key: 'kinds', get label() { return msg('Type'); }, values: TENANT_KINDS, valueLabel: labelled(KIND_LABELS)},
];

const FILTER_KEYS: ReadonlySet<string> = new Set(FILTER_GROUPS.map((g) => g.key));

/** Copies filters, leaving out empty lists, so equal filters always look the same. */
export function normalizeFilters(filters: OrgFilters): OrgFilters {
  const out: Record<string, string[]> = {};
  for (const g of FILTER_GROUPS) {
    const list = filters[g.key] as readonly string[] | undefined;
    if (list?.length) out[g.key] = [...list];
  }
  return out as OrgFilters;
}

/** How many filter values are set. */
export const activeFilterCount = (filters: OrgFilters): number => FILTER_GROUPS.reduce((n, g) => n + (filters[g.key]?.length ?? 0), 0);

export interface FilterChip {
  /** Stable and unique: `<filter>:<value>`. */
  key: string;
  /** E.g. "Plan: Assessment". */
  label: string;
  /** The filter's name, e.g. "Plan". */
  group: string;
  /** The value as a person reads it, e.g. "Assessment" (an owner's name). */
  text: string;
  /** The filters without this value. */
  remove(): OrgFilters;
}

/** What an owner whose name is not known is called: never the raw id, which is not a name. */
export const unknownUser = (): string => msg('Unknown user');

/**
 * One chip per active filter value, in panel order. Owners are shown by name when `ownerNames`
 * knows them, else as `unknownUser()`.
 */
export function filterChips(filters: OrgFilters, ownerNames?: ReadonlyMap<string, string>): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const g of FILTER_GROUPS) {
    const values = (filters[g.key] ?? []) as readonly string[];
    for (const value of values) {
      const text = g.key === 'ownerIds' ? (ownerNames?.get(value) ?? unknownUser()) : g.valueLabel(value);
      chips.push({
        key: `${g.key}:${value}`,
        label: `${g.label}: ${text}`,
        group: g.label,
        text,
        remove: () => normalizeFilters({...filters, [g.key]: values.filter((v) => v !== value)}),
      });
    }
  }
  return chips;
}

// ---------------------------------------------------------------------------------------------
// Parsing untrusted input.

export interface ParsedViewState {
  state: GridViewState;
  /** What was removed or replaced, and why, in words for a notice. Empty when all was valid. */
  dropped: string[];
}

function parseSort(v: unknown, report: Report): SortSpec[] {
  if (v === undefined) return defaultViewState().sort;
  if (!Array.isArray(v)) {
    report.add(`sort: ${quote(v)} is not a list; default sort used`);
    return defaultViewState().sort;
  }
  const out: SortSpec[] = [];
  for (const item of entries(v, 'sort', report)) {
    const key = isRecord(item) ? own(item, 'key') : undefined;
    const dir = isRecord(item) ? own(item, 'dir') : undefined;
    if (typeof key !== 'string' || !(SORT_KEYS as readonly string[]).includes(key)) {
      report.add(`sort: unknown sort key ${quote(key ?? item)} removed`);
      continue;
    }
    if (dir !== 'asc' && dir !== 'desc') {
      report.add(`sort: direction ${quote(dir)} of ${quote(key)} is neither asc nor desc; removed`);
      continue;
    }
    if (out.some((s) => s.key === key)) {
      report.add(`sort: duplicate sort key ${quote(key)} removed`);
      continue;
    }
    if (out.length === VIEW_LIMITS.maxSort) {
      report.add(`sort: only ${VIEW_LIMITS.maxSort} sort keys are kept; ${quote(key)} removed`);
      continue;
    }
    out.push({key: key as SortSpec['key'], dir});
  }
  return out;
}

function parseFilters(v: unknown, report: Report): OrgFilters {
  if (v === undefined) return {};
  if (!isRecord(v)) {
    report.add(`filters: ${quote(v)} is not a set of filters; filters cleared`);
    return {};
  }
  for (const k of Object.keys(v)) if (!FILTER_KEYS.has(k)) report.add(`filters: unknown filter ${quote(k)} removed`);
  const out: Record<string, string[]> = {};
  for (const g of FILTER_GROUPS) {
    const list = own(v, g.key);
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report.add(`filters: ${g.label} was ${quote(list)}, not a list; removed`);
      continue;
    }
    const kept: string[] = [];
    for (const value of entries(list, `filters: ${g.label}`, report)) {
      const ok = g.values ? typeof value === 'string' && g.values.includes(value) : isSafeId(value);
      if (!ok) report.add(`filters: unknown ${g.label.toLowerCase()} ${quote(value)} removed`);
      else if (!kept.includes(value as string)) {
        if (g.key === 'ownerIds' && kept.length === VIEW_LIMITS.maxOwners) {
          report.add(`filters: only ${VIEW_LIMITS.maxOwners} owners are kept`);
          break;
        }
        kept.push(value as string);
      }
    }
    // Panel order, so the same filters always encode the same way.
    if (g.values) kept.sort((a, b) => g.values!.indexOf(a) - g.values!.indexOf(b));
    if (kept.length) out[g.key] = kept;
  }
  return out as OrgFilters;
}

function parseSearch(v: unknown, report: Report): string {
  if (v === undefined) return '';
  if (typeof v !== 'string') {
    report.add(`search: ${quote(v)} is not text; cleared`);
    return '';
  }
  if (v.length <= VIEW_LIMITS.maxSearch) return v;
  report.add(`search: shortened to ${VIEW_LIMITS.maxSearch} characters`);
  // Do not leave half of a surrogate pair at the cut.
  const cut = v.slice(0, VIEW_LIMITS.maxSearch);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function parseExpanded(v: unknown, report: Report): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    report.add(`expanded rows: ${quote(v)} is not a list; none kept`);
    return [];
  }
  const out = new Set<string>();
  let bad = 0;
  for (const id of entries(v, 'expanded rows', report)) {
    if (!isSafeId(id)) bad++;
    else if (out.size < VIEW_LIMITS.maxExpanded) out.add(id);
    else {
      report.add(`expanded rows: only ${VIEW_LIMITS.maxExpanded} are kept`);
      break;
    }
  }
  if (bad) report.add(`expanded rows: ${bad} invalid ${bad === 1 ? 'id' : 'ids'} removed`);
  return [...out];
}

const STATE_KEYS: readonly (keyof GridViewState)[] = ['columns', 'sort', 'filters', 'search', 'density', 'currency', 'layout', 'expanded'];

/**
 * Reads a view state from untrusted input (a URL, storage, another version of the app): keeps
 * every valid part, replaces the invalid ones with defaults, and says what it dropped. Never throws,
 * never returns objects shared with the input or with `DEFAULT_VIEW_STATE`.
 */
export function parseViewState(input: unknown): ParsedViewState {
  const report = new Report();
  if (!isRecord(input)) {
    if (input !== undefined && input !== null) report.add(`view: ${quote(input)} is not a view state; default view used`);
    return {state: defaultViewState(), dropped: report.done()};
  }
  for (const k of Object.keys(input)) if (!(STATE_KEYS as readonly string[]).includes(k)) report.add(`view: unknown setting ${quote(k)} removed`);
  const state: GridViewState = {
    columns: parseColumns(own(input, 'columns'), report),
    sort: parseSort(own(input, 'sort'), report),
    filters: parseFilters(own(input, 'filters'), report),
    search: parseSearch(own(input, 'search'), report),
    density: parseEnum(own(input, 'density'), DENSITIES, DEFAULT_VIEW_STATE.density, 'density', report),
    currency: parseEnum(own(input, 'currency'), CURRENCY_MODES, DEFAULT_VIEW_STATE.currency, 'currency', report),
    layout: parseEnum(own(input, 'layout'), LAYOUTS, DEFAULT_VIEW_STATE.layout, 'layout', report),
    expanded: parseExpanded(own(input, 'expanded'), report),
  };
  return {state, dropped: report.done()};
}

/** Whether two (valid) view states are the same view. */
export function sameViewState(a: GridViewState, b: GridViewState): boolean {
  return STATE_KEYS.every((k) => JSON.stringify(k === 'filters' ? normalizeFilters(a.filters) : a[k]) === JSON.stringify(k === 'filters' ? normalizeFilters(b.filters) : b[k]));
}

// ---------------------------------------------------------------------------------------------
// URL form: `v` (format version) plus only what differs from the default; columns as compact
// strings `[-]key[.width]` (`-` hidden, width only when not the default). JSON, then base64url.

const FORMAT_VERSION = 1;

function columnsToCompact(columns: readonly ColumnState[]): string[] {
  return columns.map((c) => {
    const def = COLUMN_BY_KEY.get(c.key);
    return `${c.visible ? '' : '-'}${c.key}${def && def.width === c.width ? '' : `.${c.width}`}`;
  });
}

function columnsFromCompact(list: unknown[]): unknown[] {
  return list.map((item) => {
    if (typeof item !== 'string') return item;
    const m = /^(-?)([A-Za-z]+)(?:\.(\d{1,5}))?$/.exec(item);
    if (!m) return item;
    const [, hidden, key, width] = m;
    const def = COLUMN_BY_KEY.get(key as ColumnKey);
    return {key, visible: hidden !== '-', width: width === undefined ? (def?.width ?? 0) : Number(width)};
  });
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(param: string): string {
  const b64 = param.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
}

/** The view as a URL query parameter value: only the differences from the default. */
export function encodeViewState(state: GridViewState): string {
  const payload: Record<string, unknown> = {v: FORMAT_VERSION};
  for (const k of STATE_KEYS) {
    const value = k === 'filters' ? normalizeFilters(state.filters) : state[k];
    if (JSON.stringify(value) === JSON.stringify(DEFAULT_VIEW_STATE[k])) continue;
    payload[k] = k === 'columns' ? columnsToCompact(state.columns) : value;
  }
  return toBase64Url(JSON.stringify(payload));
}

/** Reads a URL parameter written by `encodeViewState`. Never throws: bad input gives the default view and says why. */
export function decodeViewState(param: string | null | undefined): ParsedViewState {
  const fail = (why: string): ParsedViewState => ({state: defaultViewState(), dropped: [`view link: ${why}; default view used`]});
  if (param === null || param === undefined || param === '') return {state: defaultViewState(), dropped: []};
  if (typeof param !== 'string') return fail('not text');
  if (param.length > VIEW_LIMITS.maxParam) return fail('too long');
  if (!/^[A-Za-z0-9_-]+$/.test(param)) return fail('not a view link');
  let payload: unknown;
  try {
    payload = JSON.parse(fromBase64Url(param));
  } catch {
    return fail('damaged');
  }
  if (!isRecord(payload)) return fail('damaged');
  const version = own(payload, 'v');
  if (version !== FORMAT_VERSION) return fail(`format ${quote(version)} is not supported`);
  const rest: Record<string, unknown> = {};
  for (const k of Object.keys(payload)) if (k !== 'v') Object.defineProperty(rest, k, {value: own(payload, k), enumerable: true, writable: true, configurable: true});
  const columns = own(rest, 'columns');
  if (Array.isArray(columns)) rest.columns = columnsFromCompact(columns);
  return parseViewState(rest);
}

/**
 * A link to `base` (default: the current page) carrying the view in query parameter `param`;
 * the default view carries no parameter.
 */
export function viewLink(state: GridViewState, param = 'view', base: string = globalThis.location?.href ?? 'http://localhost/'): string {
  const url = new URL(base);
  if (sameViewState(state, DEFAULT_VIEW_STATE)) url.searchParams.delete(param);
  else url.searchParams.set(param, encodeViewState(state));
  return url.toString();
}
