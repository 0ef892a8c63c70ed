/**
 * The organization columns, each declared once: label and layout, the value an export writes,
 * what the engine sorts it by, what search reads of it, and which cell template the grid draws.
 * The engine, the export and the grid all read these declarations; the sort keys and search
 * fields are the keys of the columns that declare a sort or search reader (plus `domain`, searched
 * but shown in no column). This layer has no DOM: the grid maps each `cell` hint to a template.
 */
import {msg} from '@lit/localize';
import {KIND_LABELS, PLAN_LABELS, REGION_LABELS, SOURCE_DATA_LABELS, STATUS_LABELS, WORKLOAD_LABELS, CONTRACT_STATUS_LABELS} from './model/labels.js';
import {CONTRACT_STATUSES, ORG_STATUSES, PLANS, SOURCE_DATA_STATUSES, TENANT_KINDS, type OrganizationSummary, type SourceDataStatus} from './model/types.js';
import type {OrgRow} from './org-row.js';

/** How money is shown: in each organization's own currency, or converted to US dollars. */
export type CurrencyMode = 'original' | 'usd';

export interface ValueContext {
  currency: CurrencyMode;
}

/** A cell's plain value: text stays text, numbers stay numbers, `null` is empty. */
export type PlainValue = string | number | null;

/**
 * A dataset as the engine indexes it: the records in row order, and what it derives per row once
 * per dataset version. `DatasetIndex` is one; sort and search readers take a row by index.
 */
export interface IndexedRows {
  readonly rows: readonly OrganizationSummary[];
  /** Each row's parent row; -1 for a top row or a parent outside the dataset. */
  readonly parentIndex: Int32Array;
  /** Worst source-data health of each row and everything below it. */
  readonly rollup: readonly SourceDataStatus[];
  /** Projected annual cost in US dollars; NaN when unknown or unconvertible. */
  readonly costUsd: Float64Array;
}

/**
 * Reads one row of an indexed dataset; `r` is `d.rows[i]`. A plain function of its arguments (no
 * closure over a dataset), so the engine calls it once per row without allocating anything.
 */
export type RowReader<T> = (r: OrganizationSummary, i: number, d: IndexedRows) => T;

/**
 * What the engine ranks a column by: text (compared folded, in code-unit order) or a number.
 * `null` or NaN is unknown and sorts last in either direction.
 */
export type SortReader = {readonly text: RowReader<string | null>} | {readonly num: RowReader<number>};

/**
 * Which template the grid draws a cell with. `text`, `date`, `percent`, `integer`, `count-tip`
 * and `date-time-tip` format the column's `value` (or `cellValue`); the others present the parts
 * of the row their template names.
 * - `name`: the name with the tree expander and the kind chip (a linked-account row: the account);
 * - `status`: a badge toned by the status;
 * - `money`: the projected annual cost in the grid's currency mode (the original on hover in USD);
 * - `health`: the source-data rollup as an icon and a word;
 * - `contracts`, `onboarding`, `actions`: a button opening that popup;
 * - `credits`: the credit quota, its period on hover;
 * - `count-tip`, `date-time-tip`: a number or an instant opening the column's `tooltip`.
 */
export type CellKind = 'name' | 'text' | 'date' | 'percent' | 'integer' | 'count-tip' | 'date-time-tip' | 'status' | 'money' | 'health' | 'contracts' | 'onboarding' | 'credits' | 'actions';

/** The detail tooltip a cell opens on hover or Enter. */
export type CellTooltip = 'collection' | 'readers' | 'tasks';

/** One column as declared below; `col` fills in the defaults. */
interface ColumnDecl {
  key: string;
  label: string;
  defaultVisible: boolean;
  /** Default width in CSS pixels. */
  width: number;
  minWidth?: number;
  align?: 'start' | 'end' | 'center';
  /** Whether an export includes it (actions do not). */
  exportable?: boolean;
  /** The value an export writes and a screen reader hears. */
  value(row: OrgRow, ctx: ValueContext): PlainValue;
  /** What the cell formats when it is not `value`. */
  cellValue?: (row: OrgRow) => PlainValue;
  cell: CellKind;
  tooltip?: CellTooltip;
  /** What clicking the header sorts by; none for columns that cannot sort. */
  sort?: SortReader;
  /** The text search looks in while the column is visible; none if its text is not searched. */
  search?: RowReader<string>;
  /** Searched whether or not the column is visible. */
  alwaysSearched?: boolean;
}

/** A column as the engine, the export and the grid read it. */
export interface ColumnDef {
  key: ColumnKey;
  label: string;
  /** The column's key when it declares `sort` (what clicking the header sorts by); else `null`. */
  sortKey: SortKey | null;
  sort: SortReader | null;
  /** The column's key when it declares `search`; else `null`. */
  searchField: SearchField | null;
  search: RowReader<string> | null;
  alwaysSearched: boolean;
  defaultVisible: boolean;
  /** Default width in CSS pixels. */
  width: number;
  minWidth: number;
  align: 'start' | 'end' | 'center';
  /** Whether an export includes it (actions do not). */
  exportable: boolean;
  /** The value an export writes and a screen reader hears. */
  value(row: OrgRow, ctx: ValueContext): PlainValue;
  /** What the cell formats when it is not `value` (the grid shows the UTC day of `createdAt`; the export writes its date as written). */
  cellValue: ((row: OrgRow) => PlainValue) | null;
  cell: CellKind;
  tooltip: CellTooltip | null;
}

/** `const` keeps each declaration's key and readers in its type, so the key unions below derive from it. */
const col = <const D extends ColumnDecl>(decl: D): D => decl;
const byText = (text: RowReader<string | null>): SortReader => ({text});
const byNumber = (num: RowReader<number>): SortReader => ({num});

/** An enum value's position in its list: the order a column of it sorts in; NaN for none. */
const enumRank = <T extends string>(values: readonly T[]) => {
  const m = new Map<string, number>(values.map((v, i) => [v, i]));
  return (v: T | null): number => (v === null ? NaN : (m.get(v) ?? NaN));
};
const planRank = enumRank(PLANS);
const statusRank = enumRank(ORG_STATUSES);
const kindRank = enumRank(TENANT_KINDS);
const sourceRank = enumRank(SOURCE_DATA_STATUSES);
const time = (s: string | null | undefined): number => (s ? Date.parse(s) : NaN);

const spacedValues = new Map<string, string>();
/** An enum value (plan, kind) with its hyphens as spaces; memoised: a handful of values, 100,000 rows. */
function spaced(value: string): string {
  let out = spacedValues.get(value);
  if (out === undefined) spacedValues.set(value, (out = value.replace(/-/g, ' ')));
  return out;
}

const parentName = (i: number, d: IndexedRows): string | null => (d.parentIndex[i] >= 0 ? d.rows[d.parentIndex[i]].name : null);

const date = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

/** Rounded to cents so exports do not carry float noise. */
const money = (row: OrgRow, ctx: ValueContext): number | null => {
  if (ctx.currency === 'usd') return row.costUsd;
  return row.org.projectedAnnualCost ? Math.round(row.org.projectedAnnualCost.amount * 100) / 100 : null;
};

/** The latest of the three (ISO times compare as text); comparisons, not an array per row. */
const latest = (row: OrgRow): string | null => {
  const {cost, security, operations} = row.org.lastCollection;
  let last = cost;
  if (security !== null && (last === null || security > last)) last = security;
  if (operations !== null && (last === null || operations > last)) last = operations;
  return last;
};

/** Every column in its default order. */
const DECLARED = [
  col({
    key: 'name',
    get label() { return msg('Name'); },
    defaultVisible: true,
    width: 260,
    minWidth: 140,
    value: (r) => r.org.name,
    cell: 'name',
    sort: byText((r) => r.name),
    search: (r) => r.name,
  }),
  col({
    key: 'kind',
    get label() { return msg('Type'); },
    defaultVisible: false,
    width: 130,
    value: (r) => KIND_LABELS[r.org.kind],
    cell: 'text',
    sort: byNumber((r) => kindRank(r.kind)),
    search: (r) => spaced(r.kind),
  }),
  col({
    key: 'plan',
    get label() { return msg('Plan'); },
    defaultVisible: true,
    width: 190,
    value: (r) => (r.org.plan ? PLAN_LABELS[r.org.plan] : null),
    cell: 'text',
    sort: byNumber((r) => planRank(r.plan)),
    search: (r) => (r.plan ? spaced(r.plan) : ''),
  }),
  col({
    key: 'status',
    get label() { return msg('Status'); },
    defaultVisible: true,
    width: 110,
    value: (r) => STATUS_LABELS[r.org.status],
    cell: 'status',
    sort: byNumber((r) => statusRank(r.status)),
    search: (r) => r.status,
  }),
  col({
    key: 'projectedAnnualCost',
    get label() { return msg('Projected annual cost'); },
    defaultVisible: true,
    width: 170,
    align: 'end',
    value: money,
    cell: 'money',
    // In US dollars whatever the grid shows: amounts in different currencies rank as equal value.
    sort: byNumber((_, i, d) => d.costUsd[i]),
  }),
  col({
    key: 'savingsPercent',
    get label() { return msg('Savings %'); },
    defaultVisible: true,
    width: 100,
    align: 'end',
    value: (r) => r.org.savingsPercent,
    cell: 'percent',
    sort: byNumber((r) => r.savingsPercent ?? NaN),
  }),
  col({
    key: 'secureScore',
    get label() { return msg('Secure score (infra)'); },
    defaultVisible: true,
    width: 150,
    align: 'end',
    value: (r) => r.org.secureScore,
    cell: 'integer',
    sort: byNumber((r) => r.secureScore ?? NaN),
  }),
  col({
    key: 'createdAt',
    get label() { return msg('Created on'); },
    defaultVisible: true,
    width: 120,
    value: (r) => date(r.org.createdAt),
    cellValue: (r) => r.org.createdAt,
    cell: 'date',
    sort: byNumber((r) => time(r.createdAt)),
  }),
  col({
    key: 'lastCollection',
    get label() { return msg('Last data collection'); },
    defaultVisible: true,
    width: 170,
    value: latest,
    cell: 'date-time-tip',
    tooltip: 'collection',
    sort: byNumber((r) => {
      const c = r.lastCollection;
      return Math.max(time(c.cost) || 0, time(c.security) || 0, time(c.operations) || 0) || NaN;
    }),
  }),
  col({
    key: 'readers',
    get label() { return msg('Organization readers'); },
    defaultVisible: true,
    width: 120,
    align: 'end',
    value: (r) => r.org.readerCount,
    cell: 'count-tip',
    tooltip: 'readers',
    sort: byNumber((r) => r.readerCount),
  }),
  col({
    key: 'activeTasks',
    get label() { return msg('Active tasks'); },
    defaultVisible: true,
    width: 110,
    align: 'end',
    value: (r) => r.org.activeTaskCount,
    cell: 'count-tip',
    tooltip: 'tasks',
    sort: byNumber((r) => r.activeTaskCount),
  }),
  col({
    key: 'owner',
    get label() { return msg('Owner'); },
    defaultVisible: false,
    width: 160,
    value: (r) => r.org.owner?.displayName ?? null,
    cell: 'text',
    sort: byText((r) => r.owner?.displayName ?? null),
    search: (r) => r.owner?.displayName ?? '',
  }),
  col({
    key: 'admin',
    get label() { return msg('Admin'); },
    defaultVisible: true,
    width: 160,
    value: (r) => r.org.admin?.displayName ?? null,
    cell: 'text',
    sort: byText((r) => r.admin?.displayName ?? null),
    search: (r) => r.admin?.displayName ?? '',
  }),
  col({
    key: 'sourceData',
    get label() { return msg('Source data'); },
    defaultVisible: true,
    width: 130,
    value: (r) => SOURCE_DATA_LABELS[r.sourceDataRollup],
    cell: 'health',
    // The rollup (worst of the row and everything below it), as the cell shows.
    sort: byNumber((_, i, d) => sourceRank(d.rollup[i])),
  }),
  col({
    key: 'contracts',
    get label() { return msg('Contracts'); },
    defaultVisible: true,
    width: 150,
    value: (r) =>
      CONTRACT_STATUSES.filter((s) => r.org.contractCounts[s])
        .map((s) => `${r.org.contractCounts[s]} ${CONTRACT_STATUS_LABELS[s].toLowerCase()}`)
        .join(', ') || null,
    cell: 'contracts',
    // By how many contracts, whatever their status.
    sort: byNumber((r) => Object.values(r.contractCounts).reduce((a, b) => a + (b ?? 0), 0)),
  }),
  col({
    key: 'onboarding',
    get label() { return msg('Onboarding'); },
    defaultVisible: true,
    width: 120,
    align: 'center',
    value: (r) => (r.org.onboarding ? `${r.org.onboarding.done}/${r.org.onboarding.total}` : null),
    cell: 'onboarding',
    // By share done; complete onboarding (none left) is unknown, so last.
    sort: byNumber((r) => (r.onboarding ? r.onboarding.done / r.onboarding.total : NaN)),
  }),
  col({
    key: 'parent',
    get label() { return msg('Parent organization'); },
    defaultVisible: true,
    width: 200,
    value: (r) => r.parentName,
    cell: 'text',
    sort: byText((_, i, d) => parentName(i, d)),
    search: (_, i, d) => parentName(i, d) ?? '',
  }),
  col({
    key: 'licenseExpiresOn',
    get label() { return msg('License expiry'); },
    defaultVisible: false,
    width: 130,
    value: (r) => r.org.licenseExpiresOn,
    cell: 'date',
    sort: byNumber((r) => time(r.licenseExpiresOn)),
  }),
  col({
    key: 'creditQuota',
    get label() { return msg('Credit quota'); },
    defaultVisible: false,
    width: 120,
    align: 'end',
    value: (r) => r.org.creditQuota?.credits ?? null,
    cell: 'credits',
    sort: byNumber((r) => r.creditQuota?.credits ?? NaN),
  }),
  col({
    key: 'storageRegion',
    get label() { return msg('Storage region'); },
    defaultVisible: false,
    width: 140,
    value: (r) => (r.org.storageRegion ? REGION_LABELS[r.org.storageRegion] : null),
    cell: 'text',
    sort: byText((r) => r.storageRegion),
    search: (r) => r.storageRegion ?? '',
  }),
  col({
    key: 'workloads',
    get label() { return msg('Workloads'); },
    defaultVisible: false,
    width: 200,
    value: (r) => r.org.workloads.map((w) => WORKLOAD_LABELS[w]).join(', ') || null,
    cell: 'text',
    // By how many.
    sort: byNumber((r) => r.workloads.length),
    search: (r) => r.workloads.join(' ').replace(/-/g, ' '),
  }),
  col({
    key: 'tenants',
    get label() { return msg('Tenants'); },
    defaultVisible: false,
    width: 240,
    value: (r) => r.org.tenants.map((t) => `${t.name} (${t.tenantId})`).join('; ') || null,
    cell: 'text',
    // By how many.
    sort: byNumber((r) => r.tenants.length),
    search: (r) => {
      let s = '';
      for (let k = 0; k < r.tenants.length; k++) {
        const t = r.tenants[k];
        s += (k ? ' | ' : '') + t.name + ' ' + t.tenantId + ' ' + t.domain;
      }
      return s;
    },
    // A tenant ID or domain finds its organization even while the column is hidden.
    alwaysSearched: true,
  }),
  col({
    key: 'actions',
    get label() { return msg('Actions'); },
    defaultVisible: true,
    width: 120,
    align: 'end',
    exportable: false,
    value: () => null,
    cell: 'actions',
  }),
];

/**
 * Searched but shown in no column: the domain finds its organization wherever the grid looks (it
 * is the record's identity on the web, not something to read in a cell, so it gets no column).
 */
const SEARCH_ONLY = [{key: 'domain', search: (r: OrganizationSummary): string => r.domain, alwaysSearched: true}] as const;

type Declared = (typeof DECLARED)[number];
export type ColumnKey = Declared['key'];
/** What the engine can sort by: the columns that declare a sort reader. */
export type SortKey = Extract<Declared, {sort: SortReader}>['key'];
/** Where free-text search can look: the columns that declare a search reader, and `domain`. */
export type SearchField = Extract<Declared, {search: RowReader<string>}>['key'] | (typeof SEARCH_ONLY)[number]['key'];

export const COLUMNS: readonly ColumnDef[] = DECLARED.map(
  (d: ColumnDecl): ColumnDef => ({
    // The key unions are derived from these very declarations; `DECLARED` guarantees the casts.
    key: d.key as ColumnKey,
    // Read when shown, so a column's name follows the page's language.
    get label() {
      return d.label;
    },
    sortKey: d.sort ? (d.key as SortKey) : null,
    sort: d.sort ?? null,
    searchField: d.search ? (d.key as SearchField) : null,
    search: d.search ?? null,
    alwaysSearched: d.alwaysSearched ?? false,
    defaultVisible: d.defaultVisible,
    width: d.width,
    minWidth: d.minWidth ?? 60,
    align: d.align ?? 'start',
    exportable: d.exportable ?? true,
    value: d.value,
    cellValue: d.cellValue ?? null,
    cell: d.cell,
    tooltip: d.tooltip ?? null,
  }),
);

export const COLUMN_KEYS: readonly ColumnKey[] = COLUMNS.map((c) => c.key);
export const COLUMN_BY_KEY: ReadonlyMap<ColumnKey, ColumnDef> = new Map(COLUMNS.map((c) => [c.key, c]));

/** What each sort key ranks by, in column order. */
export const SORT_READERS: ReadonlyMap<SortKey, SortReader> = new Map(COLUMNS.flatMap((c) => (c.sortKey && c.sort ? [[c.sortKey, c.sort] as const] : [])));
export const SORT_KEYS: readonly SortKey[] = [...SORT_READERS.keys()];

/** The text each search field contributes, columns first, then the fields no column shows. */
export const SEARCH_READERS: ReadonlyMap<SearchField, RowReader<string>> = new Map([
  ...COLUMNS.flatMap((c) => (c.searchField && c.search ? [[c.searchField, c.search] as const] : [])),
  ...SEARCH_ONLY.map((f) => [f.key, f.search] as const),
]);
export const SEARCH_FIELDS: readonly SearchField[] = [...SEARCH_READERS.keys()];

/** Search fields looked in whatever columns are visible. */
const ALWAYS_SEARCHED: readonly SearchField[] = [...COLUMNS.flatMap((c) => (c.alwaysSearched && c.searchField ? [c.searchField] : [])), ...SEARCH_ONLY.filter((f) => f.alwaysSearched).map((f) => f.key)];

/**
 * Where search looks for a set of visible columns: their searchable fields, plus the fields that
 * are always searched (tenants and the domain: a tenant ID or domain finds its organization even
 * when hidden).
 */
export function searchFieldsFor(visible: readonly ColumnKey[]): SearchField[] {
  const fields = new Set<SearchField>(ALWAYS_SEARCHED);
  for (const key of visible) {
    const f = COLUMN_BY_KEY.get(key)?.searchField;
    if (f) fields.add(f);
  }
  return [...fields];
}
