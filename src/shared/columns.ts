/**
 * The organization columns as data: key, label, what they sort and search by, and the plain value
 * an export writes. Plain data with no rendering, so the grid (which adds renderers by key) and
 * the export in the worker share one definition.
 */
import {KIND_LABELS, PLAN_LABELS, REGION_LABELS, SOURCE_DATA_LABELS, STATUS_LABELS, WORKLOAD_LABELS, CONTRACT_STATUS_LABELS} from './model/labels.js';
import {CONTRACT_STATUSES} from './model/types.js';
import type {OrgRow, SearchField, SortKey} from './query.js';

export const COLUMN_KEYS = [
  'name',
  'kind',
  'plan',
  'status',
  'projectedAnnualCost',
  'savingsPercent',
  'secureScore',
  'createdAt',
  'lastCollection',
  'readers',
  'activeTasks',
  'owner',
  'admin',
  'sourceData',
  'contracts',
  'onboarding',
  'parent',
  'licenseExpiresOn',
  'creditQuota',
  'storageRegion',
  'workloads',
  'tenants',
  'actions',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** How money is shown: in each organization's own currency, or converted to US dollars. */
export type CurrencyMode = 'original' | 'usd';

export interface ValueContext {
  currency: CurrencyMode;
}

/** A cell's plain value: text stays text, numbers stay numbers, `null` is empty. */
export type PlainValue = string | number | null;

export interface ColumnDef {
  key: ColumnKey;
  label: string;
  /** What clicking the header sorts by; `null` for columns that cannot sort. */
  sortKey: SortKey | null;
  /** Where search looks while the column is visible; `null` if its text is not searched. */
  searchField: SearchField | null;
  defaultVisible: boolean;
  /** Default width in CSS pixels. */
  width: number;
  minWidth: number;
  align: 'start' | 'end' | 'center';
  /** Whether an export includes it (actions do not). */
  exportable: boolean;
  /** The value an export writes and a screen reader hears. */
  value(row: OrgRow, ctx: ValueContext): PlainValue;
}

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

const col = (def: Omit<ColumnDef, 'minWidth' | 'align' | 'exportable' | 'searchField'> & Partial<ColumnDef>): ColumnDef => ({
  minWidth: 60,
  align: 'start',
  exportable: true,
  searchField: null,
  ...def,
});

export const COLUMNS: readonly ColumnDef[] = [
  col({key: 'name', label: 'Name', sortKey: 'name', searchField: 'name', defaultVisible: true, width: 260, minWidth: 140, value: (r) => r.org.name}),
  col({key: 'kind', label: 'Type', sortKey: 'kind', searchField: 'kind', defaultVisible: false, width: 130, value: (r) => KIND_LABELS[r.org.kind]}),
  col({key: 'plan', label: 'Plan', sortKey: 'plan', searchField: 'plan', defaultVisible: true, width: 190, value: (r) => (r.org.plan ? PLAN_LABELS[r.org.plan] : null)}),
  col({key: 'status', label: 'Status', sortKey: 'status', searchField: 'status', defaultVisible: true, width: 110, value: (r) => STATUS_LABELS[r.org.status]}),
  col({key: 'projectedAnnualCost', label: 'Projected annual cost', sortKey: 'projectedAnnualCost', defaultVisible: true, width: 170, align: 'end', value: money}),
  col({key: 'savingsPercent', label: 'Savings %', sortKey: 'savingsPercent', defaultVisible: true, width: 100, align: 'end', value: (r) => r.org.savingsPercent}),
  col({key: 'secureScore', label: 'Secure score (infra)', sortKey: 'secureScore', defaultVisible: true, width: 150, align: 'end', value: (r) => r.org.secureScore}),
  col({key: 'createdAt', label: 'Created on', sortKey: 'createdAt', defaultVisible: true, width: 120, value: (r) => date(r.org.createdAt)}),
  col({key: 'lastCollection', label: 'Last data collection', sortKey: 'lastCollection', defaultVisible: true, width: 170, value: latest}),
  col({key: 'readers', label: 'Organization readers', sortKey: 'readers', defaultVisible: true, width: 120, align: 'end', value: (r) => r.org.readerCount}),
  col({key: 'activeTasks', label: 'Active tasks', sortKey: 'activeTasks', defaultVisible: true, width: 110, align: 'end', value: (r) => r.org.activeTaskCount}),
  col({key: 'owner', label: 'Owner', sortKey: 'owner', searchField: 'owner', defaultVisible: false, width: 160, value: (r) => r.org.owner?.displayName ?? null}),
  col({key: 'admin', label: 'Admin', sortKey: 'admin', searchField: 'admin', defaultVisible: true, width: 160, value: (r) => r.org.admin?.displayName ?? null}),
  col({key: 'sourceData', label: 'Source data', sortKey: 'sourceData', defaultVisible: true, width: 130, value: (r) => SOURCE_DATA_LABELS[r.sourceDataRollup]}),
  col({
    key: 'contracts',
    label: 'Contracts',
    sortKey: 'contracts',
    defaultVisible: true,
    width: 150,
    value: (r) =>
      CONTRACT_STATUSES.filter((s) => r.org.contractCounts[s])
        .map((s) => `${r.org.contractCounts[s]} ${CONTRACT_STATUS_LABELS[s].toLowerCase()}`)
        .join(', ') || null,
  }),
  col({key: 'onboarding', label: 'Onboarding', sortKey: 'onboarding', defaultVisible: true, width: 120, align: 'center', value: (r) => (r.org.onboarding ? `${r.org.onboarding.done}/${r.org.onboarding.total}` : null)}),
  col({key: 'parent', label: 'Parent organization', sortKey: 'parent', searchField: 'parent', defaultVisible: true, width: 200, value: (r) => r.parentName}),
  col({key: 'licenseExpiresOn', label: 'License expiry', sortKey: 'licenseExpiresOn', defaultVisible: false, width: 130, value: (r) => r.org.licenseExpiresOn}),
  col({key: 'creditQuota', label: 'Credit quota', sortKey: 'creditQuota', defaultVisible: false, width: 120, align: 'end', value: (r) => r.org.creditQuota?.credits ?? null}),
  col({key: 'storageRegion', label: 'Storage region', sortKey: 'storageRegion', searchField: 'storageRegion', defaultVisible: false, width: 140, value: (r) => (r.org.storageRegion ? REGION_LABELS[r.org.storageRegion] : null)}),
  col({key: 'workloads', label: 'Workloads', sortKey: 'workloads', searchField: 'workloads', defaultVisible: false, width: 200, value: (r) => r.org.workloads.map((w) => WORKLOAD_LABELS[w]).join(', ') || null}),
  col({key: 'tenants', label: 'Tenants', sortKey: 'tenants', searchField: 'tenants', defaultVisible: false, width: 240, value: (r) => r.org.tenants.map((t) => `${t.name} (${t.tenantId})`).join('; ') || null}),
  col({key: 'actions', label: 'Actions', sortKey: null, defaultVisible: true, width: 120, align: 'end', exportable: false, value: () => null}),
];

export const COLUMN_BY_KEY: ReadonlyMap<ColumnKey, ColumnDef> = new Map(COLUMNS.map((c) => [c.key, c]));

/**
 * Where search looks for a set of visible columns: their searchable fields, plus tenants and the
 * domain, which are always searched (a tenant ID or domain finds its organization even when hidden).
 */
export function searchFieldsFor(visible: readonly ColumnKey[]): SearchField[] {
  const fields = new Set<SearchField>(['tenants', 'domain']);
  for (const key of visible) {
    const f = COLUMN_BY_KEY.get(key)?.searchField;
    if (f) fields.add(f);
  }
  return [...fields];
}
