/**
 * Search, filter and sort over one scope's organizations, inside the data worker.
 *
 * Speed comes from doing expensive work once per dataset version and reusing it per keystroke:
 * - a sort key is a dense integer rank per row (equal values share one), so a sort is a stable
 *   counting sort per key (linear, no comparator) starting from the name order; ranks are
 *   computed in the background after a load, so the first click on a column extracts nothing;
 * - a sort spec's full ordering is computed once and cached, so a query is a single filtered pass
 *   over a precomputed permutation: typing in search never re-sorts;
 * - search text is folded (case, accents, zero-width characters) once per set of fields, and after
 *   a delta sync only for the rows that changed.
 * What a sort key ranks by and what a search field reads are declared with their column
 * (src/shared/columns.ts): the engine calls those readers, once per row, and knows no column.
 */
import type {FxRates, OrganizationSummary, SourceDataStatus} from '../shared/model/types.js';
import {ORG_STATUSES, PLANS, SOURCE_DATA_STATUSES, STORAGE_REGIONS, TENANT_KINDS, WORKLOADS} from '../shared/model/types.js';
import {misuse, throwIfAborted} from '../shared/contract/errors.js';
import {SEARCH_READERS, SORT_READERS, type IndexedRows, type RowReader, type SortReader} from '../shared/columns.js';
import {yieldToQueue} from './yield.js';
import {SEARCH_FIELDS, SORT_KEYS} from '../shared/columns.js';
import type {OrgQuery, OrgRow, SearchField, SortKey, SortSpec} from '../shared/query.js';
import {ASCII, CONTROL, adoptKeyRanks, countingSort, fold, inSlices, rankNumbers, rankTexts, type KeyRanks} from './rank.js';

const SOURCE_RANK: Record<SourceDataStatus, number> = {success: 0, 'not-available': 1, warning: 2, failed: 3};
const worse = (a: SourceDataStatus, b: SourceDataStatus): SourceDataStatus => (SOURCE_RANK[b] > SOURCE_RANK[a] ? b : a);

const MAX_CACHED_ORDERS = 8;

/** The declared sort reader of a key (the column's); a key no column declares is refused. */
function sortReader(key: SortKey): SortReader {
  const reader = SORT_READERS.get(key);
  if (!reader) throw misuse('invalid-request', `No column sorts by "${String(key)}".`);
  return reader;
}

/**
 * Reads a key's values with its declared reader (`read` a range of rows, text folded), then ranks
 * them: one call of the reader per row, which gets the row, its index and the dataset.
 */
function keyReader(source: SortReader, d: IndexedRows): {read: (from: number, to: number) => void; ranks: () => KeyRanks} {
  const rows = d.rows;
  const n = rows.length;
  if ('num' in source) {
    const num = source.num;
    const values = new Float64Array(n);
    return {
      read: (from, to) => {
        for (let i = from; i < to; i++) values[i] = num(rows[i], i, d);
      },
      ranks: () => rankNumbers(values),
    };
  }
  const text = source.text;
  const values = new Array<string | null>(n);
  return {
    read: (from, to) => {
      for (let i = from; i < to; i++) {
        const v = text(rows[i], i, d);
        values[i] = v === null ? null : fold(v);
      }
    },
    ranks: () => rankTexts(values),
  };
}

const MATCHED = 1;
const HAS_CHILDREN = 2;
const EXPANDED = 4;

/**
 * The folded text of a block of `CHUNK_ROWS` rows as one string, rows separated by U+0002:
 * `indexOf` over a few flat strings is far faster than `includes` on 100,000 strings, and blocks
 * (not one string for all rows) are joined as the rows fold, so no 100,000-row join is left for
 * the first keystroke, and a delta re-joins only the blocks it touched.
 */
interface Chunk {
  text: string;
  /** Offset of each row's text in `text`; one more entry marks the end. */
  starts: Uint32Array;
  /**
   * Rows of the block (offsets from its first row) whose text changed after it was joined: `text`
   * still holds their old text, so they are searched in `SearchText.text` instead.
   */
  stale?: Uint16Array;
}
const CHUNK_ROWS = 4096;
/** Stale rows a block may carry (see `Chunk.stale`) before a delta joins it again. */
const MAX_STALE_ROWS = 256;
/**
 * A delta touching more than 1 row in this many ranks its keys afresh rather than carrying them
 * over (carrying over costs a binary search per touched row, ranking afresh a sort of all values).
 */
const ADOPT_RANKS_MAX_SHARE = 2;
/** Terms remembered per field set for the next keystroke (one byte per row each). */
const RECENT_TERMS = 8;

/** Search text of one field set. */
interface SearchText {
  /** Folded text per row. Rows below `done` are all built; above it, rows adopted from the previous index after a delta are, the others are holes. */
  text: (string | undefined)[];
  done: number;
  /** Joined blocks, built once all their rows are; `joined` counts them. */
  chunks: (Chunk | undefined)[];
  joined: number;
}

/** What a query selected, in display order; `tree` is set in tree layout. */
export interface QueryResult {
  indices: Uint32Array;
  tree: {depth: Uint8Array; account: Int16Array; flags: Uint8Array} | null;
}
/** One key per set of search fields, whatever their order. */
const fieldSetKey = (fields: readonly SearchField[]): string => [...fields].sort().join(',');
/** Enumerated fields a filter tests, and their values (a row's value is coded by its place here). */
const ENUM_TABLES = {
  plan: PLANS,
  status: ORG_STATUSES,
  sourceData: SOURCE_DATA_STATUSES,
  storageRegion: STORAGE_REGIONS,
  kind: TENANT_KINDS,
} as const satisfies Record<string, readonly string[]>;
type EnumField = keyof typeof ENUM_TABLES;

/** Whether a query has any filter (an empty list is none). */
const hasFilters = (query: OrgQuery): boolean => Object.values(query.filters ?? {}).some((v) => Array.isArray(v) && v.length > 0);

const WORKLOAD_BIT = new Map<string, number>(WORKLOADS.map((w, i) => [w, i]));

/** The dataset of one scope and version, with what search, filters and sort precompute over it. */
export class DatasetIndex implements IndexedRows {
  readonly byId: Map<string, number>;
  /** Worst source-data health of each row and its descendants. */
  readonly rollup: SourceDataStatus[];
  readonly costUsd: Float64Array;
  readonly parentIndex: Int32Array;
  private readonly rankCache = new Map<SortKey, KeyRanks>();
  /** Rows by name then index: every sort's last tiebreak. */
  private names: Uint32Array | null = null;
  private readonly orderCache = new Map<string, Uint32Array>();
  /** Folded search text per field set (see `SearchText`). */
  private readonly textCache = new Map<string, SearchText>();
  /**
   * The rows of the last terms looked up, per field set, newest last. Typing extends a term: the
   * rows containing "ald" are among those containing "al", so only those are checked again.
   */
  private readonly recentTerms = new Map<string, {term: string; bits: Uint8Array}[]>();
  private workloadMask: Uint32Array | null = null;
  /** How many sort keys this index carried over from the previous one (tests and the bench read it). */
  adoptedRanks = 0;
  /** The previous index's ranks not yet carried over, with what carrying them over needs. */
  private inherited: {ranks: Map<SortKey, KeyRanks>; same: Int32Array; dirty: Uint8Array} | null = null;
  private lastSort: readonly SortSpec[] = [{key: 'name', dir: 'asc'}];

  /**
   * `previous`: the index this one replaces after a delta sync. Its folded search text is reused
   * for every row that did not change (same object, same parent object) and that it had built, so
   * only the changed rows are folded again (`prepare` does it, in slices).
   */
  constructor(
    readonly rows: readonly OrganizationSummary[],
    private readonly fx: FxRates | null,
    previous?: DatasetIndex,
  ) {
    const n = rows.length;
    const touched = previous ? this.touchedInPlace(previous) : null;
    if (previous && touched) {
      // Rows kept their places (replaced in place, new ones appended): copy what the previous
      // index derived and redo only the touched rows (a write, a small sync).
      // Nothing appended: the same ids at the same places, so the map is shared (never changed after construction).
      const appended = n > previous.rows.length;
      this.byId = appended ? new Map(previous.byId) : previous.byId;
      if (appended) for (let i = previous.rows.length; i < n; i++) this.byId.set(rows[i].id, i);
      this.parentIndex = new Int32Array(n);
      this.parentIndex.set(previous.parentIndex.subarray(0, Math.min(n, previous.parentIndex.length)));
      this.costUsd = new Float64Array(n);
      this.costUsd.set(previous.costUsd.subarray(0, Math.min(n, previous.costUsd.length)));
      for (const i of touched) this.derive(i);
      this.rollup = this.rolledUp(previous, touched) ?? this.rollupAll();
    } else {
      this.byId = new Map();
      rows.forEach((r, i) => this.byId.set(r.id, i));
      this.costUsd = new Float64Array(n);
      this.parentIndex = new Int32Array(n);
      for (let i = 0; i < n; i++) this.derive(i);
      this.rollup = this.rollupAll();
    }
    if (previous && (previous.textCache.size || previous.rankCache.size)) {
      const same = touched ? this.sameInPlace(previous, touched) : this.sameRows(previous);
      this.adoptText(previous, same);
      this.adoptRanks(previous, same, touched !== null);
    }
  }

  /** A row's parent place and its cost in US dollars. */
  private derive(i: number): void {
    const r = this.rows[i];
    this.parentIndex[i] = r.parentId === null ? -1 : (this.byId.get(r.parentId) ?? -1);
    const cost = r.projectedAnnualCost;
    const rate = cost ? this.fx?.rates[cost.currency] : undefined;
    this.costUsd[i] = cost && rate ? cost.amount / rate : NaN;
  }

  /** Worst source-data health of each row and its descendants, from every row. */
  private rollupAll(): SourceDataStatus[] {
    const rollup = this.rows.map((r) => r.sourceData);
    for (const r of this.rows) {
      for (const a of r.ancestorIds) {
        const ai = this.byId.get(a);
        if (ai !== undefined) rollup[ai] = worse(rollup[ai], r.sourceData);
      }
    }
    return rollup;
  }

  /**
   * The previous rollup with the touched rows' health spread up to their ancestors; `null` when
   * that is not enough (a row got healthier or moved: its ancestors must be rolled up afresh).
   */
  private rolledUp(previous: DatasetIndex, touched: readonly number[]): SourceDataStatus[] | null {
    const pn = previous.rows.length;
    for (const i of touched) {
      if (i >= pn) continue;
      const was = previous.rows[i];
      const now = this.rows[i];
      if (worse(now.sourceData, was.sourceData) !== now.sourceData || now.parentId !== was.parentId || now.ancestorIds.join() !== was.ancestorIds.join()) return null;
    }
    const rollup = previous.rollup.slice();
    for (const i of touched) rollup[i] = i < pn ? worse(rollup[i], this.rows[i].sourceData) : this.rows[i].sourceData;
    for (const i of touched) {
      for (const a of this.rows[i].ancestorIds) {
        const ai = this.byId.get(a);
        if (ai !== undefined) rollup[ai] = worse(rollup[ai], this.rows[i].sourceData);
      }
    }
    return rollup;
  }

  /**
   * The rows that differ from the previous index's when every previous row kept its place (in
   * place replacements, new rows appended); `null` otherwise, or when too many differ to be worth it.
   */
  private touchedInPlace(previous: DatasetIndex): number[] | null {
    const prev = previous.rows;
    const rows = this.rows;
    if (rows.length < prev.length || previous.fx !== this.fx) return null;
    const touched: number[] = [];
    for (let i = 0; i < prev.length; i++) {
      if (rows[i] === prev[i]) continue;
      if (rows[i].id !== prev[i].id) return null;
      touched.push(i);
    }
    for (let i = prev.length; i < rows.length; i++) {
      // A new organization that may have rows below it: rows already here may name it as their
      // parent, and their places must be looked up again.
      if (rows[i].kind !== 'customer') return null;
      touched.push(i);
    }
    return touched.length * ADOPT_RANKS_MAX_SHARE > rows.length ? null : touched;
  }

  /** `sameRows` when rows kept their places: the untouched rows under untouched parents. */
  private sameInPlace(previous: DatasetIndex, touched: readonly number[]): Int32Array {
    const n = this.rows.length;
    const pn = previous.rows.length;
    const same = new Int32Array(n);
    const isTouched = new Uint8Array(n);
    for (const i of touched) isTouched[i] = 1;
    for (let i = 0; i < n; i++) {
      const p = this.parentIndex[i];
      same[i] = i < pn && !isTouched[i] && (p < 0 || !isTouched[p]) ? i : -1;
    }
    return same;
  }

  /** Where each row was in the previous index, if it is the same row under the same parent; else -1. */
  private sameRows(previous: DatasetIndex): Int32Array {
    const rows = this.rows;
    const same = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const j = previous.byId.get(rows[i].id);
      const p = this.parentIndex[i];
      const pj = j === undefined ? -1 : previous.parentIndex[j];
      same[i] = j !== undefined && previous.rows[j] === rows[i] && (p < 0 ? pj < 0 : pj >= 0 && previous.rows[pj] === rows[p]) ? j : -1;
    }
    return same;
  }

  /**
   * After a small delta (a write, a sync of a few changes), every sort key the previous index had
   * ranked is carried over: only the rows whose values can have changed are read again (changed
   * rows, and the ancestors of changed or removed rows, whose rolled-up values follow them). A
   * large delta ranks afresh, in the background, as a load does.
   */
  private adoptRanks(previous: DatasetIndex, same: Int32Array, inPlace: boolean): void {
    if (!previous.rankCache.size) return;
    const n = this.rows.length;
    const dirty = new Uint8Array(n);
    let count = 0;
    const mark = (i: number | undefined): void => {
      if (i !== undefined && !dirty[i]) {
        dirty[i] = 1;
        count++;
      }
    };
    const markAncestors = (ids: readonly string[]): void => {
      for (const a of ids) mark(this.byId.get(a));
    };
    for (let i = 0; i < n; i++) {
      if (same[i] >= 0) continue;
      mark(i);
      markAncestors(this.rows[i].ancestorIds);
    }
    // Rows that left (none when every row kept its place): their ancestors' rollups change.
    if (!inPlace) for (const r of previous.rows) if (!this.byId.has(r.id)) markAncestors(r.ancestorIds);
    if (count > n / ADOPT_RANKS_MAX_SHARE) return;
    // Carried over when first asked for (a query, or the background warm-up), not all at once.
    this.inherited = {ranks: new Map(previous.rankCache), same, dirty};
  }

  /** A key's ranks carried over from the previous index (see `adoptRanks`); `null` when it had none. */
  private adoptedRanksOf(key: SortKey): KeyRanks | null {
    const prev = this.inherited?.ranks.get(key);
    if (!this.inherited || !prev) return null;
    this.inherited.ranks.delete(key);
    this.adoptedRanks++;
    const source = sortReader(key);
    const value =
      'num' in source
        ? (i: number) => source.num(this.rows[i], i, this)
        : (i: number) => {
            const v = source.text(this.rows[i], i, this);
            return v === null ? null : fold(v);
          };
    return adoptKeyRanks(prev, this.inherited.same, this.inherited.dirty, value);
  }

  /**
   * Carries the previous index's search text over: every row that did not change keeps its folded
   * text, and a block keeps its joined string when its rows kept their places; the rows of the
   * block that changed are marked stale in it (searched from their own text instead), so a delta
   * spread over the whole list re-joins no block until one holds too many stale rows.
   */
  private adoptText(previous: DatasetIndex, same: Int32Array): void {
    const rows = this.rows;
    for (const [cacheKey, entry] of previous.textCache) {
      const text = new Array<string | undefined>(rows.length);
      let done = -1;
      for (let i = 0; i < rows.length; i++) {
        const j = same[i];
        const t = j >= 0 ? entry.text[j] : undefined;
        if (t !== undefined) text[i] = t;
        else if (done < 0) done = i;
      }
      const chunks = new Array<Chunk | undefined>(Math.ceil(rows.length / CHUNK_ROWS));
      let joined = 0;
      for (let c = 0; c < chunks.length; c++) {
        const from = c * CHUNK_ROWS;
        const to = Math.min(rows.length, from + CHUNK_ROWS);
        const old = entry.chunks[c];
        if (!old || old.starts.length !== to - from + 1) continue;
        const stale = new Set(old.stale);
        for (let i = from; i < to && stale.size <= MAX_STALE_ROWS; i++) if (same[i] !== i) stale.add(i - from);
        if (stale.size > MAX_STALE_ROWS) continue;
        chunks[c] = stale.size ? {text: old.text, starts: old.starts, stale: Uint16Array.from(stale)} : old;
        joined++;
      }
      // `done` stops at the first block to join (rows adopted above it are skipped, not folded).
      let firstToJoin = 0;
      while (firstToJoin < chunks.length && chunks[firstToJoin]) firstToJoin++;
      done = Math.min(done < 0 ? rows.length : done, firstToJoin * CHUNK_ROWS);
      this.textCache.set(cacheKey, {text, done, chunks, joined});
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

  /** Per-row codes of the enumerated fields filters test (see `enumCodes`). */
  private readonly enumCache = new Map<EnumField, {codes: Uint8Array; table: readonly string[]}>();

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
   * Precomputes what the first sort and the first keystroke of a search would otherwise pay for:
   * the name order, the search text of each field set, then every sort key. The data plane calls
   * it after a load; it runs in slices and yields between them. Returns `false` when aborted.
   */
  async warmUp(fieldSets: readonly (readonly SearchField[])[] = [SEARCH_FIELDS], signal?: AbortSignal): Promise<boolean> {
    if (!(await this.prepare(fieldSets, [], signal))) return false;
    for (const key of SORT_KEYS) if (!(await this.ranksInSlices(key, signal))) return false;
    return true;
  }

  /**
   * Builds, in slices, the name order, the search text (folded and joined) of each field set and
   * the orderings of `sorts`: after a delta sync the data plane swaps this index in once it is
   * prepared, so the views' next queries find everything they need. Returns `false` when aborted.
   */
  async prepare(fieldSets: readonly (readonly SearchField[])[], sorts: readonly (readonly SortSpec[])[] = [], signal?: AbortSignal): Promise<boolean> {
    if (!(await this.ranksInSlices('name', signal))) return false;
    this.nameOrder();
    // Each field set a view searches has its own text: the first keystroke must not build it.
    for (const fields of fieldSets) {
      // Already prepared (a view opened again on the same index): nothing to yield for.
      if (this.hasText(fields)) continue;
      // Rows adopted from the previous index are skipped: after a delta only changed rows fold.
      if (!(await this.inSlices(signal, (_, to) => this.text(fields, to)))) return false;
    }
    for (const sort of sorts) {
      for (const s of sort) if (!(await this.ranksInSlices(s.key, signal))) return false;
      this.order(sort);
    }
    return !signal?.aborted;
  }

  /** Whether the search text of a field set is built for every row (a query of it would not build any). */
  hasText(fields: readonly SearchField[]): boolean {
    const entry = this.textCache.get(fieldSetKey(fields));
    return entry !== undefined && entry.done >= this.rows.length && entry.joined === entry.chunks.length;
  }

  /** Runs `step` over the rows in blocks, yielding about every `SLICE_MS`; `false` when aborted. */
  private inSlices(signal: AbortSignal | undefined, step: (from: number, to: number) => void): Promise<boolean> {
    return inSlices(this.rows.length, signal, step);
  }

  /** A sort key's ranks, its values read in slices; a query meanwhile may compute them first. */
  private async ranksInSlices(key: SortKey, signal?: AbortSignal): Promise<boolean> {
    if (this.rankCache.has(key)) return true;
    const adopted = this.adoptedRanksOf(key);
    if (adopted) {
      this.rankCache.set(key, adopted);
      return true;
    }
    const reader = keyReader(sortReader(key), this);
    if (!(await this.inSlices(signal, reader.read))) return false;
    if (!this.rankCache.has(key)) this.rankCache.set(key, reader.ranks());
    await yieldToQueue();
    return !signal?.aborted;
  }

  /** Row indices matching the query, in its order. */
  run(query: OrgQuery, signal?: AbortSignal): QueryResult {
    const matches = this.matches(query, signal);
    if (query.layout !== 'tree') return {indices: matches, tree: null};
    const active = Boolean(query.search?.trim()) || hasFilters(query);
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
    const passed = this.filterMask(query);
    if (!terms.length && !passed) return order;
    // Each term marks the rows that contain it; a row must carry every term.
    let hits: Uint8Array | null = null;
    if (terms.length) {
      const fields = query.searchFields ?? [...SEARCH_FIELDS];
      for (const term of terms) {
        const bits = this.termRows(fields, term);
        // The bits are kept for the next keystroke: combine into a copy.
        if (hits) for (let i = 0; i < bits.length; i++) hits[i] &= bits[i];
        else hits = bits.slice();
        throwIfAborted(signal, 'The query');
      }
    }
    const out = new Uint32Array(order.length);
    let k = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (hits && !hits[i]) continue;
      if (passed && !passed[i]) continue;
      out[k++] = i;
      // Long scans check for cancellation now and then; a superseded keystroke stops here.
      if ((j & 0x3fff) === 0) throwIfAborted(signal, 'The query');
    }
    return out.slice(0, k);
  }

  /**
   * The rows the query's filters let through, one byte per row (row-index order); `null` without
   * filters. Each filter is one pass over small per-row codes (prepared once per dataset version)
   * and a lookup table, so the sorted scan that follows reads only this mask, not the records.
   */
  private filterMask(query: OrgQuery): Uint8Array | null {
    const f = query.filters ?? {};
    const n = this.rows.length;
    let mask: Uint8Array | null = null;
    const keep = (pass: (i: number) => boolean): void => {
      const m: Uint8Array = mask ?? (mask = new Uint8Array(n).fill(1));
      for (let i = 0; i < n; i++) if (m[i] && !pass(i)) m[i] = 0;
    };
    const byCode = <T extends string>(field: EnumField, values: readonly T[] | undefined): void => {
      if (!values?.length) return;
      const {codes, table} = this.enumCodes(field);
      const allowed = new Uint8Array(table.length + 1);
      for (const v of values) {
        const code = table.indexOf(v);
        if (code >= 0) allowed[code + 1] = 1;
      }
      keep((i) => allowed[codes[i]] === 1);
    };
    byCode('plan', f.plans);
    byCode('status', f.statuses);
    byCode('sourceData', f.sourceData);
    byCode('storageRegion', f.storageRegions);
    byCode('kind', f.kinds);
    if (f.ownerIds?.length) {
      const owners = new Set(f.ownerIds);
      keep((i) => {
        const owner = this.rows[i].owner;
        return owner !== null && owners.has(owner.id);
      });
    }
    if (f.workloads?.length) {
      let bitsWanted = 0;
      for (const w of f.workloads) bitsWanted |= 1 << WORKLOAD_BIT.get(w)!;
      const bits = this.workloadBits();
      keep((i) => (bits[i] & bitsWanted) !== 0);
    }
    return mask;
  }

  /** Each row's value of an enumerated field as a small code: 0 for none, else 1 + its place in `table`. */
  private enumCodes(field: EnumField): {codes: Uint8Array; table: readonly string[]} {
    const cached = this.enumCache.get(field);
    if (cached) return cached;
    const table = ENUM_TABLES[field];
    const place = new Map<string, number>(table.map((v, k) => [v, k + 1]));
    const codes = new Uint8Array(this.rows.length);
    for (let i = 0; i < codes.length; i++) {
      const v = field === 'sourceData' ? this.rollup[i] : this.rows[i][field];
      codes[i] = v === null ? 0 : (place.get(v) ?? 0);
    }
    const entry = {codes, table};
    this.enumCache.set(field, entry);
    return entry;
  }

  /** Every row, sorted by the spec; cached per spec for this dataset version. */
  order(sort: readonly SortSpec[]): Uint32Array {
    const cacheKey = sort.map((s) => `${s.key}:${s.dir}`).join(',');
    const cached = this.orderCache.get(cacheKey);
    if (cached) return cached;
    const order = this.computeOrder(sort);
    if (this.orderCache.size >= MAX_CACHED_ORDERS) this.orderCache.delete(this.orderCache.keys().next().value!);
    this.orderCache.set(cacheKey, order);
    return order;
  }

  /**
   * Ties fall to the next key, then to name, then to row index: from the name order, one stable
   * counting sort per key, the last key first (a radix sort over ranks; exact for any spec).
   */
  private computeOrder(sort: readonly SortSpec[]): Uint32Array {
    let order = this.nameOrder();
    for (let k = sort.length - 1; k >= 0; k--) {
      const {key, dir} = sort[k];
      // Re-sorting the name order by name ascending would change nothing.
      if (key !== 'name' || dir !== 'asc' || k < sort.length - 1) order = countingSort(order, this.ranks(key), dir === 'desc');
    }
    return order;
  }

  /** Rows by folded name, then by row index. */
  private nameOrder(): Uint32Array {
    if (this.names) return this.names;
    const identity = new Uint32Array(this.rows.length);
    for (let i = 0; i < identity.length; i++) identity[i] = i;
    return (this.names = countingSort(identity, this.ranks('name'), false));
  }

  private ranks(key: SortKey): KeyRanks {
    let ranks = this.rankCache.get(key);
    if (ranks) return ranks;
    const adopted = this.adoptedRanksOf(key);
    if (adopted) {
      this.rankCache.set(key, adopted);
      return adopted;
    }
    const reader = keyReader(sortReader(key), this);
    reader.read(0, this.rows.length);
    this.rankCache.set(key, (ranks = reader.ranks()));
    return ranks;
  }

  /** Which rows' text (of field set `fields`) contains `term`, as one byte per row. */
  private termRows(fields: readonly SearchField[], term: string): Uint8Array {
    const setKey = fieldSetKey(fields);
    const entry = this.text(fields);
    const recent = this.recentTerms.get(setKey) ?? [];
    this.recentTerms.set(setKey, recent);
    let base: {term: string; bits: Uint8Array} | null = null;
    for (const r of recent) {
      if (r.term === term) return r.bits;
      if (term.includes(r.term) && (!base || r.term.length > base.term.length)) base = r;
    }
    let bits: Uint8Array;
    if (base) {
      // Only rows that hold the shorter term can hold this one.
      const text = entry.text;
      const from = base.bits;
      bits = new Uint8Array(this.rows.length);
      for (let i = 0; i < from.length; i++) if (from[i] && text[i]!.includes(term)) bits[i] = 1;
    } else {
      bits = this.rowsContaining(entry, term);
    }
    recent.push({term, bits});
    if (recent.length > RECENT_TERMS) recent.shift();
    return bits;
  }

  private rowsContaining(entry: SearchText, term: string): Uint8Array {
    const bits = new Uint8Array(this.rows.length);
    const chunks = entry.chunks as Chunk[];
    for (let c = 0; c < chunks.length; c++) {
      const {text, starts, stale} = chunks[c];
      const base = c * CHUNK_ROWS;
      const m = starts.length - 1;
      let row = 0;
      for (let pos = text.indexOf(term); pos !== -1; pos = row < m ? text.indexOf(term, starts[row]) : -1) {
        while (starts[row + 1] <= pos) row++;
        bits[base + row] = 1;
        row++;
      }
      if (stale) for (const r of stale) bits[base + r] = entry.text[base + r]!.includes(term) ? 1 : 0;
    }
    return bits;
  }

  /**
   * The search text of a field set, built up to row `upTo` (all of it by default), each block of
   * rows joined as soon as all its rows are built.
   */
  private text(fields: readonly SearchField[], upTo = this.rows.length): SearchText {
    const cacheKey = fieldSetKey(fields);
    const n = this.rows.length;
    let entry = this.textCache.get(cacheKey);
    if (!entry) this.textCache.set(cacheKey, (entry = {text: new Array<string | undefined>(n), done: 0, chunks: new Array<Chunk | undefined>(Math.ceil(n / CHUNK_ROWS)), joined: 0}));
    if (entry.done >= upTo) return entry;
    const {text, chunks} = entry;
    const parts = this.textParts(fields);
    for (let i = entry.done; i < upTo; i++) if (text[i] === undefined) text[i] = this.rowText(parts, i);
    // Join the blocks this call completed (a block already taken from the previous index stays).
    for (let c = Math.floor(entry.done / CHUNK_ROWS); c < chunks.length && Math.min(n, (c + 1) * CHUNK_ROWS) <= upTo; c++) {
      if (chunks[c]) continue;
      const from = c * CHUNK_ROWS;
      const to = Math.min(n, from + CHUNK_ROWS);
      const starts = new Uint32Array(to - from + 1);
      let at = 0;
      for (let i = from; i < to; i++) {
        starts[i - from] = at;
        at += text[i]!.length + 1;
      }
      starts[to - from] = at;
      chunks[c] = {text: text.slice(from, to).join('\u0002'), starts};
      entry.joined++;
    }
    entry.done = upTo;
    return entry;
  }

  /** One row's folded text over the given parts. */
  private rowText(parts: readonly RowReader<string>[], i: number): string {
    let s = '';
    // U+0001 between fields, so no match spans two of them (other control characters become
    // spaces). One fold per row, not per field: it is the costly step.
    const r = this.rows[i];
    for (const p of parts) s += p(r, i, this) + '\u0001';
    // Plain ASCII (most rows) has no control character to replace: one regex pass, not three.
    return ASCII.test(s) ? s.toLowerCase() : fold(s.replace(CONTROL, ' '));
  }

  /** The declared search readers of the fields (the columns', and the domain's); an unknown field is refused. */
  private textParts(fields: readonly SearchField[]): RowReader<string>[] {
    return fields.map((f) => {
      const reader = SEARCH_READERS.get(f);
      if (!reader) throw misuse('invalid-request', `No column searches "${String(f)}".`);
      return reader;
    });
  }
}
