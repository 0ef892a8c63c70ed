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
import {ORG_STATUSES, PLANS, SOURCE_DATA_STATUSES, TENANT_KINDS, WORKLOADS} from '../model/types.js';
import {throwIfAborted} from '../contract/errors.js';
import {SEARCH_FIELDS, type OrgQuery, type OrgRow, type SearchField, type SortKey, type SortSpec} from './query.js';

// eslint-disable-next-line no-control-regex -- printable ASCII plus the U+0001 field separator
const ASCII = /^[\x01\x20-\x7e]*$/;
// eslint-disable-next-line no-control-regex -- control characters other than the field separator
const CONTROL = /[\u0000\u0002-\u001f]/g;
/** Zero-width and bidi controls: they must neither hide a match nor make one. */
const IGNORABLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const MARKS = /[\u0300-\u036f]/g;
const foldedChars = new Map<number, string>();

/** One non-ASCII UTF-16 unit, folded; memoised because normalisation costs ~4 µs a call. */
function foldUnit(code: number): string {
  let folded = foldedChars.get(code);
  if (folded === undefined) {
    const ch = String.fromCharCode(code);
    // A lone surrogate half is kept as it is: emoji still match themselves.
    folded = IGNORABLE.test(ch) ? '' : code >= 0xd800 && code <= 0xdfff ? ch : ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
    foldedChars.set(code, folded);
  }
  return folded;
}

/** Folds text for matching: lower case, no accents, no invisible formatting characters. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    // Copy the ASCII run before this unit in one slice.
    if (run < i) out += text.slice(run, i).toLowerCase();
    out += foldUnit(code);
    run = i + 1;
  }
  if (run < text.length) out += text.slice(run).toLowerCase();
  return out;
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
const MATCHED = 1;
const HAS_CHILDREN = 2;
const EXPANDED = 4;

interface Haystack {
  text: string;
  /** Offset of each row's text in `text`; one more entry marks the end. */
  starts: Uint32Array;
}

/** What a query selected, in display order; `tree` is set in tree layout. */
export interface QueryResult {
  indices: Uint32Array;
  tree: {depth: Uint8Array; account: Int16Array; flags: Uint8Array} | null;
}
/** One key per set of search fields, whatever their order. */
const fieldSetKey = (fields: readonly SearchField[]): string => [...fields].sort().join(',');
const WORKLOAD_BIT = new Map<string, number>(WORKLOADS.map((w, i) => [w, i]));

export class DatasetIndex {
  readonly byId = new Map<string, number>();
  /** Worst source-data health of each row and its descendants. */
  readonly rollup: SourceDataStatus[];
  readonly costUsd: Float64Array;
  readonly parentIndex: Int32Array;
  private readonly keyCache = new Map<SortKey, Float64Array>();
  private readonly orderCache = new Map<string, Uint32Array>();
  /** Folded search text per field set; `done` rows are built (warm-up builds it in slices). */
  private readonly textCache = new Map<string, {text: string[]; done: number}>();
  private workloadMask: Uint32Array | null = null;
  private readonly hayCache = new Map<string, Haystack>();
  private lastSort: readonly SortSpec[] = [{key: 'name', dir: 'asc'}];

  /**
   * `previous`: the index this one replaces after a delta sync. Its folded search text is reused
   * for every row that did not change (same object, same parent object), so the first search
   * after a sync does not fold 100,000 rows again.
   */
  constructor(
    readonly rows: readonly OrganizationSummary[],
    fx: FxRates | null,
    previous?: DatasetIndex,
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
    if (previous) this.adoptText(previous);
  }

  private adoptText(previous: DatasetIndex): void {
    const rows = this.rows;
    for (const [cacheKey, entry] of previous.textCache) {
      if (entry.done < previous.rows.length) continue;
      const fields = cacheKey.split(',') as SearchField[];
      const parts = this.textParts(fields);
      const text = new Array<string>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const j = previous.byId.get(rows[i].id);
        const p = this.parentIndex[i];
        const pj = j === undefined ? -1 : previous.parentIndex[j];
        const same = j !== undefined && previous.rows[j] === rows[i] && (p < 0 ? pj < 0 : pj >= 0 && previous.rows[pj] === rows[p]);
        text[i] = same ? entry.text[j] : this.rowText(parts, i);
      }
      this.textCache.set(cacheKey, {text, done: rows.length});
    }
  }

  /** The `j`-th row of a query result, with what the worker derives for display. */
  row(result: QueryResult, j: number): OrgRow {
    const i = result.indices[j];
    const org = this.rows[i];
    const p = this.parentIndex[i];
    const cost = this.costUsd[i];
    const tree = result.tree;
    const flags = tree ? tree.flags[j] : MATCHED;
    const account = tree ? tree.account[j] : -1;
    return {
      org,
      sourceDataRollup: this.rollup[i],
      costUsd: Number.isNaN(cost) ? null : Math.round(cost * 100) / 100,
      parentName: p >= 0 ? this.rows[p].name : null,
      onboardingProgress: org.onboarding ? org.onboarding.done / org.onboarding.total : null,
      depth: tree ? tree.depth[j] : 0,
      hasChildren: (flags & HAS_CHILDREN) !== 0,
      expanded: (flags & EXPANDED) !== 0,
      matched: (flags & MATCHED) !== 0,
      accountIndex: account >= 0 ? account : null,
    };
  }

  /** Each row's workloads as a bit set, so a workloads filter is one AND per row. */
  private workloadBits(): Uint32Array {
    if (this.workloadMask) return this.workloadMask;
    const bits = new Uint32Array(this.rows.length);
    this.rows.forEach((r, i) => {
      for (const w of r.workloads) bits[i] |= 1 << WORKLOAD_BIT.get(w)!;
    });
    return (this.workloadMask = bits);
  }

  /**
   * Precomputes what the first sort by name and the first keystroke of a search would otherwise
   * pay for. The data plane calls it when the worker is idle after a load.
   */
  async warmUp(fieldSets: readonly (readonly SearchField[])[] = [SEARCH_FIELDS], signal?: AbortSignal): Promise<void> {
    this.order([{key: 'name', dir: 'asc'}]);
    // Each field set a view searches has its own haystack: the first keystroke must not build one.
    for (const fields of fieldSets) {
      // Already prepared (a view opened again on the same index): nothing to yield for.
      if (this.hayCache.has(fieldSetKey(fields))) continue;
      for (let upTo = 0; upTo < this.rows.length && !signal?.aborted; ) {
        upTo = Math.min(this.rows.length, upTo + 1000);
        this.text(fields, upTo);
        // Yield between slices (about 10 ms each) so a query that arrives meanwhile is not kept waiting.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (signal?.aborted) return;
      this.haystack(fields);
    }
  }

  /** Row indices matching the query, in its order. */
  run(query: OrgQuery, signal?: AbortSignal): QueryResult {
    const matches = this.matches(query, signal);
    if (query.layout !== 'tree') return {indices: matches, tree: null};
    const active = Boolean(query.search?.trim()) || this.filterTest(query) !== null;
    return this.tree(matches, active, new Set(query.expanded ?? []), signal);
  }

  /**
   * Tree layout: depth-first from the top rows, siblings in sort order. Every ancestor of a match
   * is shown (as context) and open; otherwise a row is open when listed in `expanded`. An open
   * customer lists its linked accounts after its child organizations.
   */
  private tree(matches: Uint32Array, active: boolean, expanded: ReadonlySet<string>, signal?: AbortSignal): QueryResult {
    const n = this.rows.length;
    const matched = new Uint8Array(n);
    const visible = new Uint8Array(n);
    const ancestorOfMatch = new Uint8Array(n);
    for (const i of matches) {
      matched[i] = 1;
      visible[i] = 1;
      for (let p = this.parentIndex[i]; p >= 0 && !ancestorOfMatch[p]; p = this.parentIndex[p]) {
        ancestorOfMatch[p] = 1;
        visible[p] = 1;
      }
    }
    throwIfAborted(signal, 'The query');
    // Children lists as linked lists in sort order: no array per row.
    const order = this.order(this.lastSort);
    const firstChild = new Int32Array(n).fill(-1);
    const lastChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    const roots: number[] = [];
    for (const i of order) {
      if (!visible[i]) continue;
      const p = this.parentIndex[i];
      if (p < 0 || !visible[p]) roots.push(i);
      else {
        if (lastChild[p] < 0) firstChild[p] = i;
        else nextSibling[lastChild[p]] = i;
        lastChild[p] = i;
      }
    }
    const indices: number[] = [];
    const depth: number[] = [];
    const account: number[] = [];
    const flags: number[] = [];
    const stack: [number, number][] = [];
    for (let r = roots.length - 1; r >= 0; r--) stack.push([roots[r], 0]);
    while (stack.length) {
      const [entry, d] = stack.pop()!;
      if (entry < 0) {
        // A linked-account row, encoded as -1 - (owner * 1024 + account).
        const code = -1 - entry;
        indices.push(Math.floor(code / 1024));
        depth.push(d);
        account.push(code % 1024);
        flags.push(MATCHED);
        continue;
      }
      const i = entry;
      const org = this.rows[i];
      const accounts = org.kind === 'customer' ? Math.min(org.linkedAccountCount, 1023) : 0;
      const hasChildren = firstChild[i] >= 0 || accounts > 0;
      const open = hasChildren && ((active && ancestorOfMatch[i] === 1) || expanded.has(org.id));
      indices.push(i);
      depth.push(d);
      account.push(-1);
      flags.push((matched[i] ? MATCHED : 0) | (hasChildren ? HAS_CHILDREN : 0) | (open ? EXPANDED : 0));
      if (!open) continue;
      // The stack pops last-pushed first: accounts go on first so they follow the child organizations.
      if (expanded.has(org.id)) for (let a = accounts - 1; a >= 0; a--) stack.push([-1 - (i * 1024 + a), d + 1]);
      const kids: number[] = [];
      for (let c = firstChild[i]; c >= 0; c = nextSibling[c]) kids.push(c);
      for (let k = kids.length - 1; k >= 0; k--) stack.push([kids[k], d + 1]);
    }
    return {
      indices: Uint32Array.from(indices),
      tree: {depth: Uint8Array.from(depth), account: Int16Array.from(account), flags: Uint8Array.from(flags)},
    };
  }

  /** Row indices matching the query's search and filters, in its sort order. */
  private matches(query: OrgQuery, signal?: AbortSignal): Uint32Array {
    this.lastSort = query.sort?.length ? query.sort : [{key: 'name', dir: 'asc'}];
    const order = this.order(this.lastSort);
    throwIfAborted(signal, 'The query');
    // Control characters cannot be typed on purpose; dropping them keeps field separators unmatchable.
    const terms = fold((query.search ?? '').replace(/[\u0000-\u001f]/g, ' '))
      .split(/\s+/)
      .filter(Boolean);
    const test = this.filterTest(query);
    if (!terms.length && !test) return order;
    // Each term marks the rows that contain it; a row must carry every term.
    let hits: Uint8Array | null = null;
    if (terms.length) {
      const hay = this.haystack(query.searchFields ?? [...SEARCH_FIELDS]);
      for (const term of terms) {
        const bits = this.rowsContaining(hay, term);
        if (hits) for (let i = 0; i < bits.length; i++) hits[i] &= bits[i];
        else hits = bits;
        throwIfAborted(signal, 'The query');
      }
    }
    const out = new Uint32Array(order.length);
    let k = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (hits && !hits[i]) continue;
      if (test && !test(this.rows[i], i)) continue;
      out[k++] = i;
      // Long scans check for cancellation now and then; a superseded keystroke stops here.
      if ((j & 0x3fff) === 0) throwIfAborted(signal, 'The query');
    }
    return out.slice(0, k);
  }

  private filterTest(query: OrgQuery): ((r: OrganizationSummary, i: number) => boolean) | null {
    const f = query.filters ?? {};
    const checks: ((r: OrganizationSummary, i: number) => boolean)[] = [];
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
    if (sources) checks.push((_, i) => sources.has(this.rollup[i]));
    if (workloads) {
      let mask = 0;
      for (const w of workloads) mask |= 1 << WORKLOAD_BIT.get(w)!;
      const bits = this.workloadBits();
      checks.push((_, i) => (bits[i] & mask) !== 0);
    }
    if (regions) checks.push((r) => r.storageRegion !== null && regions.has(r.storageRegion));
    if (kinds) checks.push((r) => kinds.has(r.kind));
    if (!checks.length) return null;
    return (r, i) => {
      for (const c of checks) if (!c(r, i)) return false;
      return true;
    };
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

  /**
   * All rows' folded text for a field set as one string (rows separated by U+0002) with each
   * row's start: `indexOf` over one flat string is far faster than `includes` on 100,000 strings.
   */
  private haystack(fields: readonly SearchField[]): Haystack {
    const cacheKey = fieldSetKey(fields);
    let hay = this.hayCache.get(cacheKey);
    if (hay) return hay;
    const text = this.text(fields);
    const starts = new Uint32Array(text.length + 1);
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      starts[i] = at;
      at += text[i].length + 1;
    }
    starts[text.length] = at;
    hay = {text: text.join('\u0002'), starts};
    this.hayCache.set(cacheKey, hay);
    return hay;
  }

  /** Marks the rows whose text contains `term`; after a hit the search resumes at the next row. */
  private rowsContaining(hay: Haystack, term: string): Uint8Array {
    const n = this.rows.length;
    const bits = new Uint8Array(n);
    const {text, starts} = hay;
    let row = 0;
    for (let pos = text.indexOf(term); pos !== -1; pos = row < n ? text.indexOf(term, starts[row]) : -1) {
      while (starts[row + 1] <= pos) row++;
      bits[row] = 1;
      row++;
    }
    return bits;
  }

  /** Folded search text per row over the given fields, cached per field set; built up to row `upTo`. */
  private text(fields: readonly SearchField[], upTo = this.rows.length): string[] {
    const cacheKey = fieldSetKey(fields);
    let entry = this.textCache.get(cacheKey);
    if (!entry) this.textCache.set(cacheKey, (entry = {text: new Array<string>(this.rows.length), done: 0}));
    if (entry.done >= upTo) return entry.text;
    const text = entry.text;
    const parts = this.textParts(fields);
    for (let i = entry.done; i < upTo; i++) text[i] = this.rowText(parts, i);
    entry.done = upTo;
    return text;
  }

  /** One row's folded text over the given parts. */
  private rowText(parts: readonly ((r: OrganizationSummary, i: number) => string)[], i: number): string {
    let s = '';
    // U+0001 between fields, so no match spans two of them (other control characters become
    // spaces). One fold per row, not per field: it is the costly step.
    for (const p of parts) s += p(this.rows[i], i) + '\u0001';
    return fold(s.replace(CONTROL, ' '));
  }

  private textParts(fields: readonly SearchField[]): ((r: OrganizationSummary, i: number) => string)[] {
    const rows = this.rows;
    return fields.map((f) => {
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
  }
}
