/**
 * Search, filters and sort over one scope's linked accounts, inside the data worker: the accounts
 * view's counterpart of `engine.ts`, on the same generic pieces (`rank.ts`): text folded once per
 * row (name, the provider's account id, the names of the customers it serves), a sort key as dense
 * ranks and a stable counting sort from the name order, work prepared in slices so the worker keeps
 * answering, and the orderings of a dataset version cached so typing never re-sorts.
 */
import {misuse, throwIfAborted} from '../shared/contract/errors.js';
import {ACCOUNT_SORT_KEYS, type AccountQuery, type AccountRow, type AccountSort, type AccountSortKey} from '../shared/accounts-query.js';
import type {AccountSummary, Id} from '../shared/model/types.js';
import {ASCII, CONTROL, countingSort, fold, inSlices, rankNumbers, rankTexts, type KeyRanks} from './rank.js';

/** Orderings kept per dataset version (one per sort spec asked for). */
const MAX_CACHED_ORDERS = 8;
/** Terms remembered for the next keystroke (one byte per row each). */
const RECENT_TERMS = 8;
const DEFAULT_SORT: readonly AccountSort[] = [{key: 'name', dir: 'asc'}];

/** What a sort key reads of a row: folded text, or a number (NaN: unknown, sorted last). */
const SORT_VALUES: Record<AccountSortKey, {text: (a: AccountSummary) => string} | {num: (a: AccountSummary) => number}> = {
  name: {text: (a) => a.name},
  providerAccountId: {text: (a) => a.providerAccountId},
  provider: {text: (a) => a.provider},
  type: {text: (a) => a.type},
  customerCount: {num: (a) => a.customerCount},
  updatedAt: {num: (a) => Date.parse(a.updatedAt)},
};

/** Folds one field for the search text: control characters (field separators included) become spaces. */
const foldField = (s: string): string => (ASCII.test(s) && !s.includes('\u0001') ? s.toLowerCase() : fold(s.replace(CONTROL, ' ').replace(/\u0001/g, ' ')));

/** The search terms of a query: folded, split on white space, control characters dropped so no term spans two fields. */
export function searchTerms(query: AccountQuery): string[] {
  // eslint-disable-next-line no-control-regex -- control characters cannot be typed on purpose
  return fold((query.search ?? '').replace(/[\u0000-\u001f]/g, ' '))
    .split(/\s+/)
    .filter(Boolean);
}

/** A sort spec as the query names it, checked: unknown keys are refused; default by name. */
export function checkedSort(query: AccountQuery): readonly AccountSort[] {
  const sort = query.sort?.length ? query.sort : DEFAULT_SORT;
  for (const s of sort) {
    if (!(ACCOUNT_SORT_KEYS as readonly string[]).includes(s?.key)) throw misuse('invalid-request', `The accounts cannot be sorted by "${String(s?.key).slice(0, 40)}".`);
    if (s.dir !== 'asc' && s.dir !== 'desc') throw misuse('invalid-request', 'A sort direction is "asc" or "desc".');
  }
  return sort;
}

/** The accounts of one scope and dataset version, with what search, filters and sort precompute over them. */
export class AccountIndex {
  readonly byId = new Map<Id, number>();
  /** Folded search text per row: name, provider's id, customers' names, separated by U+0001. */
  private readonly text: (string | undefined)[];
  private textDone = 0;
  private readonly rankCache = new Map<AccountSortKey, KeyRanks>();
  private names: Uint32Array | null = null;
  private readonly orderCache = new Map<string, Uint32Array>();
  private readonly recent: {term: string; bits: Uint8Array}[] = [];

  /**
   * `previous`: the index this one replaces after a sync or a write; every row that is the same
   * object there keeps its folded text, so only changed rows fold again.
   */
  constructor(
    readonly rows: readonly AccountSummary[],
    previous?: AccountIndex,
  ) {
    rows.forEach((r, i) => this.byId.set(r.id, i));
    this.text = new Array<string | undefined>(rows.length);
    if (previous) {
      for (let i = 0; i < rows.length; i++) {
        const j = previous.byId.get(rows[i].id);
        if (j !== undefined && previous.rows[j] === rows[i]) this.text[i] = previous.text[j];
      }
    }
  }

  /**
   * Builds in slices what the first query would otherwise pay for: the search text, the name order
   * and the orderings of `sorts` (the open views'). Returns `false` when aborted.
   */
  async prepare(sorts: readonly (readonly AccountSort[])[] = [], signal?: AbortSignal): Promise<boolean> {
    if (!(await inSlices(this.rows.length, signal, (_, to) => this.buildText(to)))) return false;
    this.nameOrder();
    for (const sort of sorts) this.order(sort);
    return !signal?.aborted;
  }

  /** `prepare`, then every sort key's ranks (idle work after a load). */
  async warmUp(signal?: AbortSignal): Promise<boolean> {
    if (!(await this.prepare([], signal))) return false;
    for (const key of ACCOUNT_SORT_KEYS) {
      if (signal?.aborted) return false;
      this.ranks(key);
      // One key at a time, the queue in between: a query waits for one ranking at most.
      if (!(await inSlices(0, signal, () => undefined))) return false;
    }
    return true;
  }

  /** Row indices matching the query's search and filters, in its sort order. */
  run(query: AccountQuery, signal?: AbortSignal): Uint32Array {
    const order = this.order(checkedSort(query));
    throwIfAborted(signal, 'The query');
    const terms = searchTerms(query);
    const passed = this.filterMask(query);
    if (!terms.length && !passed) return order;
    let hits: Uint8Array | null = null;
    for (const term of terms) {
      const bits = this.termRows(term);
      if (hits) for (let i = 0; i < bits.length; i++) hits[i] &= bits[i];
      else hits = bits.slice();
      throwIfAborted(signal, 'The query');
    }
    const out = new Uint32Array(order.length);
    let k = 0;
    for (let j = 0; j < order.length; j++) {
      const i = order[j];
      if (hits && !hits[i]) continue;
      if (passed && !passed[i]) continue;
      out[k++] = i;
      if ((j & 0x3fff) === 0) throwIfAborted(signal, 'The query');
    }
    return out.slice(0, k);
  }

  /**
   * Row `i` as the view shows it. With search terms, `matchedCustomer` names the customer whose
   * name matched the terms the account's own name and id do not hold (the first such, by name).
   */
  row(i: number, terms: readonly string[]): AccountRow {
    const account = this.rows[i];
    if (!terms.length || !account.customers.length) return account;
    const own = `${foldField(account.name)}\u0001${foldField(account.providerAccountId)}`;
    const rest = terms.filter((t) => !own.includes(t));
    if (!rest.length) return account;
    let best: {id: Id; name: string} | null = null;
    let bestCount = 0;
    for (const c of account.customers) {
      const name = foldField(c.name);
      const count = rest.reduce((n, t) => (name.includes(t) ? n + 1 : n), 0);
      if (count > bestCount) {
        best = c;
        bestCount = count;
        if (count === rest.length) break;
      }
    }
    return best ? {...account, matchedCustomer: {id: best.id, name: best.name}} : account;
  }

  /** The rows the query's filters let through, one byte per row; `null` without filters. */
  private filterMask(query: AccountQuery): Uint8Array | null {
    const {type, provider, customerId, unassigned} = query;
    const ids = query.ids ? new Set(query.ids) : null;
    if (!type && !provider && !customerId && !unassigned && !ids) return null;
    const rows = this.rows;
    const mask = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i];
      if (type && a.type !== type) continue;
      if (provider && a.provider !== provider) continue;
      if (unassigned && a.customerCount !== 0) continue;
      // The customers a row names (at most `MAX_ACCOUNT_CUSTOMERS`): an account serving more is found by the first of them.
      if (customerId && !a.customers.some((c) => c.id === customerId)) continue;
      if (ids && !ids.has(a.id)) continue;
      mask[i] = 1;
    }
    return mask;
  }

  /** Which rows' text contains `term`; typing extends a term, so a longer one checks only the rows of a shorter one. */
  private termRows(term: string): Uint8Array {
    this.buildText(this.rows.length);
    let base: {term: string; bits: Uint8Array} | null = null;
    for (const r of this.recent) {
      if (r.term === term) return r.bits;
      if (term.includes(r.term) && (!base || r.term.length > base.term.length)) base = r;
    }
    const n = this.rows.length;
    const bits = new Uint8Array(n);
    const text = this.text as string[];
    if (base) {
      for (let i = 0; i < n; i++) if (base.bits[i] && text[i].includes(term)) bits[i] = 1;
    } else {
      for (let i = 0; i < n; i++) if (text[i].includes(term)) bits[i] = 1;
    }
    this.recent.push({term, bits});
    if (this.recent.length > RECENT_TERMS) this.recent.shift();
    return bits;
  }

  /** Folds the search text of rows up to `upTo` (rows adopted from the previous index are kept). */
  private buildText(upTo: number): void {
    for (let i = this.textDone; i < upTo; i++) {
      if (this.text[i] !== undefined) continue;
      const a = this.rows[i];
      let s = `${foldField(a.name)}\u0001${foldField(a.providerAccountId)}`;
      for (const c of a.customers) s += `\u0001${foldField(c.name)}`;
      this.text[i] = s;
    }
    if (upTo > this.textDone) this.textDone = upTo;
  }

  /** Every row, sorted by the spec; cached per spec for this dataset version. */
  private order(sort: readonly AccountSort[]): Uint32Array {
    const cacheKey = sort.map((s) => `${s.key}:${s.dir}`).join(',');
    const cached = this.orderCache.get(cacheKey);
    if (cached) return cached;
    // From the name order, one stable counting sort per key, the last key first: ties fall to the
    // next key, then to the name, then to the row's place.
    let order = this.nameOrder();
    for (let k = sort.length - 1; k >= 0; k--) {
      const {key, dir} = sort[k];
      if (key !== 'name' || dir !== 'asc' || k < sort.length - 1) order = countingSort(order, this.ranks(key), dir === 'desc');
    }
    if (this.orderCache.size >= MAX_CACHED_ORDERS) this.orderCache.delete(this.orderCache.keys().next().value!);
    this.orderCache.set(cacheKey, order);
    return order;
  }

  private nameOrder(): Uint32Array {
    if (this.names) return this.names;
    const identity = new Uint32Array(this.rows.length);
    for (let i = 0; i < identity.length; i++) identity[i] = i;
    return (this.names = countingSort(identity, this.ranks('name'), false));
  }

  private ranks(key: AccountSortKey): KeyRanks {
    let ranks = this.rankCache.get(key);
    if (ranks) return ranks;
    const reader = SORT_VALUES[key];
    if ('num' in reader) {
      const values = new Float64Array(this.rows.length);
      for (let i = 0; i < values.length; i++) values[i] = reader.num(this.rows[i]);
      ranks = rankNumbers(values);
    } else {
      ranks = rankTexts(this.rows.map((r) => fold(reader.text(r))));
    }
    this.rankCache.set(key, ranks);
    return ranks;
  }
}
