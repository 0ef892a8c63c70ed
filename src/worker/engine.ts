/**
 * Search, filter and sort over one scope's organizations, inside the data worker.
 *
 * Speed comes from doing expensive work once per dataset version and reusing it per keystroke:
 * - sort keys are numbers (strings are replaced by their collation rank), computed lazily per key;
 * - a sort spec's full ordering is computed once and cached, so a query is a single filtered pass
 *   over a precomputed permutation: typing in search never re-sorts;
 * - search text is folded (case, accents, zero-width characters) once per set of fields.
 */
import type {FxRates, OrganizationSummary, SourceDataStatus} from '../model/types.js';
import {ORG_STATUSES, PLANS, SOURCE_DATA_STATUSES, TENANT_KINDS} from '../model/types.js';
import {throwIfAborted} from '../contract/errors.js';
import {SEARCH_FIELDS, type OrgQuery, type OrgRow, type SearchField, type SortKey, type SortSpec} from './query.js';

// eslint-disable-next-line no-control-regex -- the whole printable ASCII range, by design
const ASCII = /^[\x20-\x7e]*$/;

/** Folds text for matching: lower case, no accents, no invisible formatting characters. */
export function fold(text: string): string {
  // Most text is plain ASCII: skip Unicode normalisation, by far the costliest step, for it.
  if (ASCII.test(text)) return text.toLowerCase();
  // Zero-width and bidi controls must neither hide a match nor make one.
  return text.normalize('NFKD').replace(/[\u0300-\u036f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '').toLowerCase();
}

const SOURCE_RANK: Record<SourceDataStatus, number> = {success: 0, 'not-available': 1, warning: 2, failed: 3};
const worse = (a: SourceDataStatus, b: SourceDataStatus): SourceDataStatus => (SOURCE_RANK[b] > SOURCE_RANK[a] ? b : a);

const enumRank = <T extends string>(values: readonly T[]) => {
  const m = new Map<string, number>(values.map((v, i) => [v, i]));
  return (v: T | null): number => (v === null ? NaN : (m.get(v) ?? NaN));
};
const planRank = enumRank(PLANS);
const statusRank = enumRank(ORG_STATUSES);
const kindRank = enumRank(TENANT_KINDS);
const sourceRank = enumRank(SOURCE_DATA_STATUSES);
const time = (s: string | null | undefined): number => (s ? Date.parse(s) : NaN);

const MAX_CACHED_ORDERS = 8;

export class DatasetIndex {
  readonly byId = new Map<string, number>();
  /** Worst source-data health of each row and its descendants. */
  readonly rollup: SourceDataStatus[];
  readonly costUsd: Float64Array;
  readonly parentIndex: Int32Array;
  private readonly keyCache = new Map<SortKey, Float64Array>();
  private readonly orderCache = new Map<string, Uint32Array>();
  private readonly textCache = new Map<string, string[]>();

  constructor(
    readonly rows: readonly OrganizationSummary[],
    fx: FxRates | null,
  ) {
    const n = rows.length;
    rows.forEach((r, i) => this.byId.set(r.id, i));
    this.rollup = rows.map((r) => r.sourceData);
    this.costUsd = new Float64Array(n);
    this.parentIndex = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      this.parentIndex[i] = r.parentId === null ? -1 : (this.byId.get(r.parentId) ?? -1);
      const cost = r.projectedAnnualCost;
      const rate = cost ? fx?.rates[cost.currency] : undefined;
      this.costUsd[i] = cost && rate ? cost.amount / rate : NaN;
      for (const a of r.ancestorIds) {
        const ai = this.byId.get(a);
        if (ai !== undefined) this.rollup[ai] = worse(this.rollup[ai], r.sourceData);
      }
    }
  }

  row(i: number): OrgRow {
    const org = this.rows[i];
    const p = this.parentIndex[i];
    const cost = this.costUsd[i];
    return {
      org,
      sourceDataRollup: this.rollup[i],
      costUsd: Number.isNaN(cost) ? null : Math.round(cost * 100) / 100,
      parentName: p >= 0 ? this.rows[p].name : null,
      onboardingProgress: org.onboarding ? org.onboarding.done / org.onboarding.total : null,
    };
  }

  /** Row indices matching the query, in its order. */
  run(query: OrgQuery, signal?: AbortSignal): Uint32Array {
    const order = this.order(query.sort ?? [{key: 'name', dir: 'asc'}]);
    throwIfAborted(signal, 'The query');
    // Control characters cannot be typed on purpose; dropping them keeps field separators unmatchable.
    const terms = fold((query.search ?? '').replace(/[\u0000-\u001f]/g, ' '))
      .split(/\s+/)
      .filter(Boolean);
    const text = terms.length ? this.text(query.searchFields ?? [...SEARCH_FIELDS]) : null;
    const test = this.filterTest(query);
    if (!text && !test) return order;
    const out = new Uint32Array(order.length);
    let k = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (test && !test(this.rows[i])) continue;
      if (text) {
        const t = text[i];
        let ok = true;
        for (let m = 0; m < terms.length; m++) {
          if (!t.includes(terms[m])) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      out[k++] = i;
      // Long scans check for cancellation now and then; a superseded keystroke stops here.
      if ((j & 0x3fff) === 0) throwIfAborted(signal, 'The query');
    }
    return out.slice(0, k);
  }

  private filterTest(query: OrgQuery): ((r: OrganizationSummary) => boolean) | null {
    const f = query.filters ?? {};
    const checks: ((r: OrganizationSummary) => boolean)[] = [];
    const set = <T>(values: readonly T[] | undefined): Set<T> | null => (values && values.length ? new Set(values) : null);
    const plans = set(f.plans);
    const statuses = set(f.statuses);
    const owners = set(f.ownerIds);
    const sources = set(f.sourceData);
    const workloads = set(f.workloads);
    const regions = set(f.storageRegions);
    const kinds = set(f.kinds);
    if (plans) checks.push((r) => r.plan !== null && plans.has(r.plan));
    if (statuses) checks.push((r) => statuses.has(r.status));
    if (owners) checks.push((r) => r.owner !== null && owners.has(r.owner.id));
    if (sources) checks.push((r) => sources.has(this.rollup[this.byId.get(r.id)!]));
    if (workloads) checks.push((r) => r.workloads.some((w) => workloads.has(w)));
    if (regions) checks.push((r) => r.storageRegion !== null && regions.has(r.storageRegion));
    if (kinds) checks.push((r) => kinds.has(r.kind));
    if (!checks.length) return null;
    return (r) => checks.every((c) => c(r));
  }

  /** Every row, sorted by the spec; cached per spec for this dataset version. */
  order(sort: readonly SortSpec[]): Uint32Array {
    const cacheKey = sort.map((s) => `${s.key}:${s.dir}`).join(',');
    const cached = this.orderCache.get(cacheKey);
    if (cached) return cached;
    const n = this.rows.length;
    const specs = sort.map((s) => ({keys: this.sortKey(s.key), sign: s.dir === 'desc' ? -1 : 1}));
    const nameRank = this.sortKey('name');
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => {
      for (const {keys, sign} of specs) {
        const ka = keys[a];
        const kb = keys[b];
        if (ka === kb) continue;
        // Unknown values sort last in either direction: nobody wants a page of blanks first.
        if (Number.isNaN(ka)) {
          if (!Number.isNaN(kb)) return 1;
          continue;
        }
        if (Number.isNaN(kb)) return -1;
        return ka < kb ? -sign : sign;
      }
      return nameRank[a] - nameRank[b] || a - b;
    });
    if (this.orderCache.size >= MAX_CACHED_ORDERS) this.orderCache.delete(this.orderCache.keys().next().value!);
    this.orderCache.set(cacheKey, order);
    return order;
  }

  private sortKey(key: SortKey): Float64Array {
    let keys = this.keyCache.get(key);
    if (keys) return keys;
    const rows = this.rows;
    const n = rows.length;
    const numeric = (f: (r: OrganizationSummary, i: number) => number): Float64Array => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = f(rows[i], i);
      return out;
    };
    switch (key) {
      case 'name':
        keys = this.rank((r) => r.name);
        break;
      case 'admin':
        keys = this.rank((r) => r.admin?.displayName ?? null);
        break;
      case 'owner':
        keys = this.rank((r) => r.owner?.displayName ?? null);
        break;
      case 'parent':
        keys = this.rank((_, i) => (this.parentIndex[i] >= 0 ? rows[this.parentIndex[i]].name : null));
        break;
      case 'storageRegion':
        keys = this.rank((r) => r.storageRegion);
        break;
      case 'kind':
        keys = numeric((r) => kindRank(r.kind));
        break;
      case 'plan':
        keys = numeric((r) => planRank(r.plan));
        break;
      case 'status':
        keys = numeric((r) => statusRank(r.status));
        break;
      case 'sourceData':
        keys = numeric((_, i) => sourceRank(this.rollup[i]));
        break;
      case 'projectedAnnualCost':
        keys = this.costUsd;
        break;
      case 'savingsPercent':
        keys = numeric((r) => r.savingsPercent ?? NaN);
        break;
      case 'secureScore':
        keys = numeric((r) => r.secureScore ?? NaN);
        break;
      case 'createdAt':
        keys = numeric((r) => time(r.createdAt));
        break;
      case 'lastCollection':
        keys = numeric((r) => {
          const t = Math.max(time(r.lastCollection.cost) || 0, time(r.lastCollection.security) || 0, time(r.lastCollection.operations) || 0);
          return t || NaN;
        });
        break;
      case 'readers':
        keys = numeric((r) => r.readerCount);
        break;
      case 'activeTasks':
        keys = numeric((r) => r.activeTaskCount);
        break;
      case 'contracts':
        keys = numeric((r) => Object.values(r.contractCounts).reduce((a, b) => a + (b ?? 0), 0));
        break;
      case 'onboarding':
        keys = numeric((r) => (r.onboarding ? r.onboarding.done / r.onboarding.total : NaN));
        break;
      case 'licenseExpiresOn':
        keys = numeric((r) => time(r.licenseExpiresOn));
        break;
      case 'creditQuota':
        keys = numeric((r) => r.creditQuota?.credits ?? NaN);
        break;
      case 'workloads':
        keys = numeric((r) => r.workloads.length);
        break;
      case 'tenants':
        keys = numeric((r) => r.tenants.length);
        break;
    }
    this.keyCache.set(key, keys);
    return keys;
  }

  /** Collation rank of a text column: equal texts share a rank; `null` is NaN (sorts last). */
  private rank(get: (r: OrganizationSummary, i: number) => string | null): Float64Array {
    const n = this.rows.length;
    const folded: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = get(this.rows[i], i);
      folded[i] = v === null ? null : fold(v);
    }
    const idx = Array.from({length: n}, (_, i) => i).filter((i) => folded[i] !== null);
    idx.sort((a, b) => (folded[a]! < folded[b]! ? -1 : folded[a]! > folded[b]! ? 1 : 0));
    const out = new Float64Array(n).fill(NaN);
    let rank = 0;
    for (let j = 0; j < idx.length; j++) {
      if (j > 0 && folded[idx[j]] !== folded[idx[j - 1]]) rank++;
      out[idx[j]] = rank;
    }
    return out;
  }

  /** Folded search text per row over the given fields, cached per field set. */
  private text(fields: readonly SearchField[]): string[] {
    const cacheKey = [...fields].sort().join(',');
    let text = this.textCache.get(cacheKey);
    if (text) return text;
    const rows = this.rows;
    const parts: ((r: OrganizationSummary, i: number) => string)[] = fields.map((f) => {
      switch (f) {
        case 'name':
          return (r) => r.name;
        case 'domain':
          return (r) => r.domain;
        case 'plan':
          return (r) => (r.plan ? r.plan.replace(/-/g, ' ') : '');
        case 'status':
          return (r) => r.status;
        case 'kind':
          return (r) => r.kind.replace(/-/g, ' ');
        case 'owner':
          return (r) => r.owner?.displayName ?? '';
        case 'admin':
          return (r) => r.admin?.displayName ?? '';
        case 'parent':
          return (_, i) => (this.parentIndex[i] >= 0 ? rows[this.parentIndex[i]].name : '');
        case 'storageRegion':
          return (r) => r.storageRegion ?? '';
        case 'workloads':
          return (r) => r.workloads.join(' ').replace(/-/g, ' ');
        case 'tenants':
          return (r) => r.tenants.map((t) => `${t.name} ${t.tenantId} ${t.domain}`).join(' | ');
      }
    });
    text = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      let s = '';
      // U+0001 between fields, so no match spans two of them.
      for (const p of parts) s += fold(p(rows[i], i)).replace(/[\u0000-\u001f]/g, ' ') + '\u0001';
      text[i] = s;
    }
    this.textCache.set(cacheKey, text);
    return text;
  }
}
