/**
 * What any index in the worker shares, whatever it lists (organizations, accounts): text folded for
 * matching, a sort key as dense ranks, a stable counting sort over ranks, and background work in
 * short slices. The organizations' engine (`engine.ts`) and the accounts' index (`account-index.ts`)
 * both build on it.
 */
import {yieldToQueue} from './yield.js';
// eslint-disable-next-line no-control-regex -- printable ASCII plus the U+0001 field separator
export const ASCII = /^[\x01\x20-\x7e]*$/;
// eslint-disable-next-line no-control-regex -- control characters other than the field separator
export const CONTROL = /[\u0000\u0002-\u001f]/g;
/** Zero-width and bidi controls: they must neither hide a match nor make one. */
const IGNORABLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const MARKS = /[\u0300-\u036f]/g;
export const foldedChars = new Map<number, string>();

/** One non-ASCII UTF-16 unit, folded; memoised because normalisation costs ~4 µs a call. */
export function foldUnit(code: number): string {
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

/** Background work runs in slices of about this long, so a query that arrives meanwhile waits little. */
export const SLICE_MS = 4;

/**
 * A sort key as dense ranks: equal values share a rank, 0 sorts first ascending; a row without a
 * value has rank `distinct`, after every value (unknowns sort last in either direction).
 */
export interface KeyRanks {
  rank: Uint32Array;
  /** Ranks in use are below this; `distinct` itself is the rank of an unknown value (sorted last). */
  distinct: number;
  /** The values in rank order (numbers, or folded texts); a later index merges its changed rows' values in. */
  values: Float64Array | readonly string[];
}

/** Ranks of numbers: one native sort of the values, then a binary search per row. */
export function rankNumbers(values: Float64Array): KeyRanks {
  // A typed-array sort needs no comparator: numeric order, NaN last, -0 next to 0 (they are equal).
  const unique = values.slice().sort();
  let m = 0;
  for (let j = 0; j < unique.length; j++) {
    const v = unique[j];
    if (Number.isNaN(v)) break;
    if (m === 0 || v !== unique[m - 1]) unique[m++] = v;
  }
  const rank = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      rank[i] = m;
      continue;
    }
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (unique[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return {rank, distinct: m, values: unique.slice(0, m)};
}

/** Ranks of folded texts in code-unit order (as `<` compares them); only distinct texts are sorted. */
export function rankTexts(values: readonly (string | null)[]): KeyRanks {
  const ids = new Map<string, number>();
  const unique: string[] = [];
  for (const v of values) {
    if (v !== null && !ids.has(v)) {
      ids.set(v, 0);
      unique.push(v);
    }
  }
  // No comparator: the default sort compares strings by UTF-16 code units, without a call per pair.
  unique.sort();
  unique.forEach((v, r) => ids.set(v, r));
  const rank = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    rank[i] = v === null ? unique.length : ids.get(v)!;
  }
  return {rank, distinct: unique.length, values: unique};
}

/** Where `v` goes among sorted `values` (the first place not below it). */
export function lowerBound(values: Float64Array | readonly string[], count: number, v: number | string): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A key's ranks after a small delta, from the previous index's: the changed rows' values are read
 * again and any new ones merged into the sorted values; every other row keeps its value, so its
 * rank is the old one shifted past the values inserted before it. O(rows), no sort of all values.
 * `value(i)` reads row `i` (folded text, or a number; `null`/NaN for unknown).
 */
export function adoptKeyRanks(prev: KeyRanks, same: Int32Array, dirty: Uint8Array, value: (i: number) => number | string | null): KeyRanks {
  const n = same.length;
  const m = prev.distinct;
  const old = prev.values;
  const isText = !(old instanceof Float64Array);
  const known = (v: number | string | null): v is number | string => v !== null && !(typeof v === 'number' && Number.isNaN(v));
  const read = new Map<number, number | string | null>();
  const added: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    if (!dirty[i]) continue;
    const v = value(i);
    read.set(i, v);
    if (!known(v)) continue;
    const at = lowerBound(old, m, v);
    if (at >= m || old[at] !== v) added.push(v);
  }
  let values: Float64Array | string[];
  let count: number;
  const shift = new Uint32Array(m + 1);
  if (!added.length) {
    values = isText ? (old as string[]) : (old as Float64Array);
    count = m;
    for (let u = 0; u <= m; u++) shift[u] = u;
  } else {
    (added as (number | string)[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const unique: (number | string)[] = [];
    for (const v of added) if (!unique.length || unique[unique.length - 1] !== v) unique.push(v);
    count = m + unique.length;
    const merged: (number | string)[] = new Array(count);
    let a = 0;
    let k = 0;
    for (let u = 0; u < m; u++) {
      while (a < unique.length && unique[a] < old[u]) merged[k++] = unique[a++];
      shift[u] = k;
      merged[k++] = old[u];
    }
    while (a < unique.length) merged[k++] = unique[a++];
    shift[m] = count;
    values = isText ? (merged as string[]) : Float64Array.from(merged as number[]);
  }
  const rank = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (dirty[i]) {
      const v = read.get(i)!;
      rank[i] = known(v) ? lowerBound(values, count, v) : count;
    } else {
      rank[i] = shift[prev.rank[same[i]]];
    }
  }
  return {rank, distinct: count, values};
}


/**
 * `order` stably re-sorted by one key: a counting sort over its ranks (reversed for `desc`,
 * unknowns last either way), so rows equal on this key keep their order in `order`.
 */
export function countingSort(order: Uint32Array, {rank, distinct}: KeyRanks, desc: boolean): Uint32Array {
  const n = order.length;
  const start = new Uint32Array(distinct + 2);
  const bucket = (r: number): number => (desc && r < distinct ? distinct - 1 - r : r);
  for (let k = 0; k < n; k++) start[bucket(rank[order[k]]) + 1]++;
  for (let b = 1; b < start.length; b++) start[b] += start[b - 1];
  const out = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out[start[bucket(rank[i])]++] = i;
  }
  return out;
}

/**
 * Runs `step` over `n` rows in blocks of 500, yielding to the worker's queue about every
 * `SLICE_MS`, so a query or a cancel that arrives meanwhile waits little; `false` when aborted.
 */
export async function inSlices(n: number, signal: AbortSignal | undefined, step: (from: number, to: number) => void): Promise<boolean> {
  let since = performance.now();
  for (let from = 0; from < n; ) {
    if (signal?.aborted) return false;
    const to = Math.min(n, from + 500);
    step(from, to);
    from = to;
    if (performance.now() - since >= SLICE_MS) {
      await yieldToQueue();
      since = performance.now();
    }
  }
  return !signal?.aborted;
}
