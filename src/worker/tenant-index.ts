/**
 * Tenant type-ahead search and resolution over one scope's organizations, in the data worker.
 *
 * It answers the tenant switcher from the dataset the grid already holds (the user's own view of
 * the hierarchy), so 100,000 tenants never cross to the main thread. Built once per dataset
 * version (`tenantIndexFor` caches it on the `DatasetIndex`, which a sync replaces):
 * - folded names and domains in one flat string, tenant IDs in another, so a keystroke is one
 *   `indexOf` scan per word (each full scan of 5 MB costs milliseconds), not 100,000 `includes`;
 *   whether a hit is a prefix or starts a word is read off that hit;
 * - depth and children (in name order) as typed arrays, so path matches are subtree walks and
 *   browsing is a slice;
 * - the engine's name order, so picking the first `limit` hits needs no sort: one pass in name
 *   order fills a capped list per (rank, depth) bucket.
 */
import {misuse, TenantryError, throwIfAborted} from '../shared/contract/errors.js';
import type {Id, TenantKind} from '../shared/model/types.js';
import {TENANT_KINDS} from '../shared/model/types.js';
import type {TenantHit, TenantMatchField, TenantPathEntry, TenantSearch} from '../shared/tenancy.js';
import type {DatasetIndex} from './engine.js';
import {fold} from './rank.js';

/** Per-term match bits of a row. */
const NAME = 1;
const WORD = 2;
const DOMAIN = 4;
const TENANT = 8;
const PATH = 16;

/** What `matched` reports, weakest evidence last (a row's own field beats an ancestor's name). */
const FIELD_NAME = 1;
const FIELD_DOMAIN = 2;
const FIELD_TENANT = 3;
const FIELD_PATH = 4;
const FIELDS: readonly (TenantMatchField | null)[] = [null, 'name', 'domain', 'tenantId', 'path'];

/** Rank buckets, best first: exact name, name prefix, every term starts a name word, own field, only the path. */
const BUCKETS = 5;
/** Depths above this share a bucket (the model has four levels). */
const MAX_DEPTH = 7;

/** Starts each row in the flat strings: no match spans two rows. */
const ROW = '\u0002';
/** Ends a row's name, so no match spans name and domain. */
const FIELD_END = '\u0001';
// eslint-disable-next-line no-control-regex -- control characters are never typed on purpose
const CONTROL = /[\u0000-\u001f]/g;
/** Printable ASCII words with single spaces: folding is lower-casing, nothing to collapse. */
const TIDY = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
const HAS_WORD = /[\p{L}\p{N}]/u;
const HEX = /^[0-9a-f]+$/;

/** Text folded for matching, whitespace collapsed: "  Contoso\u200b  Ltd " → "contoso ltd". */
function normalise(text: string): string {
  if (TIDY.test(text)) return text.toLowerCase();
  return fold(text.replace(CONTROL, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The forms a GUID-like term can take in the data (8-4-4-4-12 with dashes, or bare hex), or
 * `null`. Short letter-only terms ("face", "decade") are words, not tenant IDs.
 */
function guidForms(term: string): string[] | null {
  const hex = term.replace(/^[{(]|[)}]$/g, '').replace(/-/g, '');
  if (!HEX.test(hex) || hex.length > 32 || !(hex.length >= 8 || (hex.length >= 4 && /[0-9]/.test(hex)))) return null;
  let dashed = '';
  for (let i = 0; i < hex.length; i++) dashed += (i === 8 || i === 12 || i === 16 || i === 20 ? '-' : '') + hex[i];
  return dashed === hex ? [hex] : [dashed, hex];
}

/** Letters and digits continue a word; anything else (space, punctuation) starts the next. */
const isWordChar = (code: number): boolean => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code >= 0x80;

const kindCode = new Map<TenantKind, number>(TENANT_KINDS.map((k, i) => [k, i]));

/** The row whose slice of a flat string holds `pos` (`starts` ascending). */
function rowAt(starts: Uint32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class TenantIndex {
  private readonly n: number;
  /** Folded names, whitespace collapsed. */
  private readonly names: string[];
  /** Every row as ROW + name + FIELD_END + domain, folded; row `i` starts after `starts[i]`. */
  private readonly text: string;
  private readonly starts: Uint32Array;
  /** Where each row's name ends in `text`. */
  private readonly nameEnd: Uint32Array;
  /** Every row as ROW + its tenant IDs (lower case) separated by spaces; built on the first search by ID. */
  private guidText: {text: string; starts: Uint32Array} | null = null;
  private readonly depth: Uint8Array;
  private readonly kind: Uint8Array;
  /** Rows with children, shallowest first: the only ones whose names a path can match. */
  private readonly inner: Uint32Array;
  /** Children of row `p` (name order) are `children[childStart[p] .. childStart[p + 1]]`. */
  private readonly childStart: Uint32Array;
  private readonly children: Uint32Array;
  /** Every row in name order (the engine's, so both agree on collation). */
  private readonly byName: Uint32Array;
  /** Each row's place in `byName`. */
  private readonly nameRank: Uint32Array;
  /** Per-search scratch, reused: a search runs to the end before the next starts. */
  private readonly scratch: {alive: Uint8Array; allWords: Uint8Array; field: Uint8Array; flags: Uint8Array; prefix: Uint8Array; live: Uint32Array};

  constructor(private readonly index: DatasetIndex) {
    const rows = index.rows;
    const n = (this.n = rows.length);
    const parent = index.parentIndex;
    const names = (this.names = new Array<string>(n));
    const parts = new Array<string>(n);
    this.starts = new Uint32Array(n + 1);
    this.nameEnd = new Uint32Array(n);
    this.kind = new Uint8Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      const name = (names[i] = normalise(r.name));
      const row = (parts[i] = ROW + name + FIELD_END + normalise(r.domain));
      this.starts[i] = at;
      this.nameEnd[i] = at + 1 + name.length;
      at += row.length;
      this.kind[i] = kindCode.get(r.kind) ?? 255;
    }
    this.starts[n] = at;
    this.text = parts.join('');

    // Depth below the visible root; hostile data with a cycle stops after n steps.
    const depth = (this.depth = new Uint8Array(n));
    const known = new Uint8Array(n);
    const chain: number[] = [];
    for (let i = 0; i < n; i++) {
      let p = i;
      while (p >= 0 && !known[p] && chain.length <= n) {
        chain.push(p);
        p = parent[p];
      }
      let d = p >= 0 && known[p] ? depth[p] + 1 : 0;
      while (chain.length) {
        const c = chain.pop()!;
        depth[c] = Math.min(d++, 255);
        known[c] = 1;
      }
    }

    // Usually cached already: the data plane warms the name order up after each load.
    this.byName = index.order([{key: 'name', dir: 'asc'}]);
    this.nameRank = new Uint32Array(n);
    for (let j = 0; j < n; j++) this.nameRank[this.byName[j]] = j;
    const childStart = (this.childStart = new Uint32Array(n + 1));
    let rootCount = 0;
    for (let i = 0; i < n; i++) {
      if (parent[i] >= 0) childStart[parent[i] + 1]++;
      else rootCount++;
    }
    const inner: number[] = [];
    for (let p = 0; p < n; p++) {
      if (childStart[p + 1]) inner.push(p);
      childStart[p + 1] += childStart[p];
    }
    this.inner = Uint32Array.from(inner).sort((a, b) => this.depth[a] - this.depth[b]);
    this.children = new Uint32Array(n - rootCount);
    const fill = childStart.slice(0, n);
    for (let j = 0; j < n; j++) {
      const i = this.byName[j];
      const p = parent[i];
      if (p >= 0) this.children[fill[p]++] = i;
    }
    this.scratch = {alive: new Uint8Array(n), allWords: new Uint8Array(n), field: new Uint8Array(n), flags: new Uint8Array(n), prefix: new Uint8Array(n), live: new Uint32Array(n)};
  }

  /**
   * Hits for a type-ahead search, best first, or the children of `parentId` (default `homeId`)
   * by name when the text is empty. `search` must be validated already (the data plane does).
   */
  search(search: TenantSearch, homeId: Id, signal?: AbortSignal): {hits: TenantHit[]; total: number} {
    const kinds = search.kinds?.length ? new Set(search.kinds.map((k) => kindCode.get(k))) : null;
    const phrase = normalise(search.text);
    // Separators such as "›" or "&" carry no letters: they must not make a path unmatchable.
    const terms = phrase.split(' ').filter((t) => HAS_WORD.test(t));
    if (!terms.length) return this.browse(search.parentId ?? homeId, search.limit, kinds);

    const n = this.n;
    const {alive, allWords, field, flags, prefix} = this.scratch;
    alive.fill(0);
    allWords.fill(1);
    field.fill(0);
    prefix.fill(0);
    const guidTerms: string[] = [];
    // The rows still in the running; the longest (most selective) term goes first, and once few
    // rows are left the other terms are checked on those rows alone instead of a full scan.
    const live = this.scratch.live;
    let count = -1;
    for (const term of [...terms].sort((x, y) => y.length - x.length)) {
      const forms = guidForms(term) ?? [];
      guidTerms.push(...forms);
      flags.fill(0);
      if (count < 0 || count > n / 8) {
        this.markText(term, flags, phrase);
        for (const form of forms) this.markGuids(form, flags);
      } else {
        for (let k = 0; k < count; k++) this.markRow(live[k], term, forms, flags, phrase);
        for (const p of this.inner) if (!flags[p]) this.markRow(p, term, [], flags, phrase);
      }
      this.markPaths(flags);
      const first = count < 0;
      let kept = 0;
      for (let k = 0, m = first ? n : count; k < m; k++) {
        const i = first ? k : live[k];
        const f = flags[i];
        if (!f) {
          alive[i] = 0;
          continue;
        }
        alive[i] = 1;
        live[kept++] = i;
        if (!(f & WORD)) allWords[i] = 0;
        const best = f & NAME ? FIELD_NAME : f & DOMAIN ? FIELD_DOMAIN : f & TENANT ? FIELD_TENANT : FIELD_PATH;
        if (best > field[i]) field[i] = best;
      }
      count = kept;
      throwIfAborted(signal, 'The search');
    }

    const limit = search.limit;
    const rankOf = (i: number): number => (prefix[i] === 2 ? 0 : prefix[i] === 1 ? 1 : allWords[i] ? 2 : field[i] === FIELD_PATH ? 4 : 3);
    const buckets: number[][] = Array.from({length: BUCKETS * (MAX_DEPTH + 1)}, () => []);
    let total = 0;
    if (count > n / 16) {
      // Many matches: one pass in name order; each (rank, depth) bucket keeps its first `limit` rows.
      const byName = this.byName;
      for (let j = 0; j < n; j++) {
        const i = byName[j];
        if (!alive[i] || (kinds && !kinds.has(this.kind[i]))) continue;
        total++;
        const bucket = buckets[rankOf(i) * (MAX_DEPTH + 1) + Math.min(this.depth[i], MAX_DEPTH)];
        if (bucket.length < limit) bucket.push(i);
      }
    } else {
      // Few: sort them by (rank, depth, name).
      const keyed: number[] = [];
      for (let k = 0; k < count; k++) {
        const i = live[k];
        if (kinds && !kinds.has(this.kind[i])) continue;
        keyed.push(i);
      }
      total = keyed.length;
      const key = (i: number): number => (rankOf(i) * (MAX_DEPTH + 1) + Math.min(this.depth[i], MAX_DEPTH)) * n + this.nameRank[i];
      keyed.sort((x, y) => key(x) - key(y));
      buckets[0] = keyed.slice(0, limit);
    }
    const hits: TenantHit[] = [];
    for (const bucket of buckets) {
      for (const i of bucket) {
        if (hits.length === limit) break;
        const matched = FIELDS[field[i]];
        const hit = this.hit(i, matched);
        if (matched === 'tenantId') {
          const id = this.index.rows[i].tenants.find((t) => guidTerms.some((g) => t.tenantId.toLowerCase().startsWith(g)));
          if (id) hit.directoryId = id.tenantId;
        }
        hits.push(hit);
      }
    }
    return {hits, total};
  }

  /** The tenant as the switcher lists it, or `null` when it is not in this view. */
  resolve(id: Id): TenantHit | null {
    const i = this.index.byId.get(id);
    return i === undefined ? null : this.hit(i, null);
  }

  private browse(parentId: Id, limit: number, kinds: ReadonlySet<number | undefined> | null): {hits: TenantHit[]; total: number} {
    const p = this.index.byId.get(parentId);
    if (p === undefined) throw new TenantryError('not-found', 'That tenant is not in your view.', {reason: {id: 'tenant.not-in-view', params: {}}});
    const hits: TenantHit[] = [];
    let total = 0;
    for (let c = this.childStart[p]; c < this.childStart[p + 1]; c++) {
      const i = this.children[c];
      if (kinds && !kinds.has(this.kind[i])) continue;
      total++;
      if (hits.length < limit) hits.push(this.hit(i, null));
    }
    return {hits, total};
  }

  private hit(i: number, matched: TenantMatchField | null): TenantHit {
    const org = this.index.rows[i];
    return {
      id: org.id,
      kind: org.kind,
      name: org.name,
      domain: org.domain,
      status: org.status,
      path: this.path(i),
      childCount: this.childStart[i + 1] - this.childStart[i],
      matched,
    };
  }

  /** From the visible root down to row `i`, inclusive. */
  private path(i: number): TenantPathEntry[] {
    const path: TenantPathEntry[] = [];
    for (let p = i, steps = 0; p >= 0 && steps <= this.depth[i]; p = this.index.parentIndex[p], steps++) {
      const r = this.index.rows[p];
      path.push({id: r.id, name: r.name, kind: r.kind});
    }
    return path.reverse();
  }

  /** Marks rows whose name (or else domain) contains `term`: one scan, resumed at the next row after a hit. */
  private markText(term: string, flags: Uint8Array, phrase: string): void {
    const {text, starts, nameEnd} = this;
    const n = this.n;
    const spaced = ' ' + term;
    let row = 0;
    for (let pos = text.indexOf(term); pos !== -1; pos = row < n ? text.indexOf(term, starts[row]) : -1) {
      while (starts[row + 1] <= pos) row++;
      if (pos >= nameEnd[row]) flags[row] |= DOMAIN;
      else this.markName(row, pos - starts[row] - 1, spaced, flags, phrase);
      row++;
    }
  }

  /** `markText` and `markGuids` for one row. */
  private markRow(i: number, term: string, forms: readonly string[], flags: Uint8Array, phrase: string): void {
    const name = this.names[i];
    const at = name.indexOf(term);
    if (at >= 0) this.markName(i, at, ' ' + term, flags, phrase);
    else if (this.text.slice(this.nameEnd[i] + 1, this.starts[i + 1]).includes(term)) flags[i] |= DOMAIN;
    if (forms.length) for (const t of this.index.rows[i].tenants) if (forms.some((f) => t.tenantId.toLowerCase().startsWith(f))) flags[i] |= TENANT;
  }

  /** A name hit at `at` (its first): a word start or not, a prefix of the phrase or not. */
  private markName(i: number, at: number, spaced: string, flags: Uint8Array, phrase: string): void {
    const name = this.names[i];
    const word = at === 0 || !isWordChar(name.charCodeAt(at - 1)) || name.indexOf(spaced, at) !== -1;
    flags[i] |= word ? NAME | WORD : NAME;
    if (at === 0 && name.startsWith(phrase)) this.scratch.prefix[i] = name.length === phrase.length ? 2 : 1;
  }

  /** Marks rows with a tenant ID that starts with `form`. */
  private markGuids(form: string, flags: Uint8Array): void {
    const {text: guids, starts: guidStarts} = this.guidsText();
    for (let pos = guids.indexOf(form); pos !== -1; pos = guids.indexOf(form, pos + 1)) {
      const before = guids.charCodeAt(pos - 1);
      if (before === 0x02 || before === 0x20) flags[rowAt(guidStarts, pos)] |= TENANT;
    }
  }

  /** Built on the first search that looks like a tenant ID: most typing never needs it. */
  private guidsText(): {text: string; starts: Uint32Array} {
    if (this.guidText) return this.guidText;
    const rows = this.index.rows;
    const parts = new Array<string>(this.n);
    const starts = new Uint32Array(this.n + 1);
    let at = 0;
    for (let i = 0; i < this.n; i++) {
      let g = ROW;
      for (let k = 0; k < rows[i].tenants.length; k++) g += (k ? ' ' : '') + rows[i].tenants[k].tenantId.toLowerCase();
      parts[i] = g;
      starts[i] = at;
      at += g.length;
    }
    starts[this.n] = at;
    return (this.guidText = {text: parts.join(''), starts});
  }

  /**
   * A row's path matches when an ancestor's name does: the subtrees below matching names. The
   * root of the view is on every path, so it narrows nothing: typing the user's own tenant's
   * name must not match every tenant they manage.
   */
  private markPaths(flags: Uint8Array): void {
    const {inner, children, childStart} = this;
    const stack: number[] = [];
    // Shallow first, so a subtree already marked is not walked again.
    for (let k = 0; k < inner.length; k++) {
      const p = inner[k];
      if (this.depth[p] === 0 || !(flags[p] & NAME) || flags[p] & PATH) continue;
      stack.push(p);
      while (stack.length) {
        const q = stack.pop()!;
        for (let c = childStart[q]; c < childStart[q + 1]; c++) {
          const i = children[c];
          if (flags[i] & PATH) continue;
          flags[i] |= PATH;
          if (childStart[i + 1] > childStart[i]) stack.push(i);
        }
      }
    }
  }
}

const cache = new WeakMap<DatasetIndex, TenantIndex>();

/** The tenant index of a dataset version, built on first use (a sync makes a new `DatasetIndex`). */
export function tenantIndexFor(index: DatasetIndex): TenantIndex {
  let tenants = cache.get(index);
  if (!tenants) cache.set(index, (tenants = new TenantIndex(index)));
  return tenants;
}

/** Largest type-ahead text searched; longer text is cut, not refused. */
export const MAX_SEARCH_CHARS = 200;
export const MAX_HITS = 200;

/**
 * A `TenantSearch` from a page, checked and bounded: the worker trusts nothing that crosses the
 * boundary. Wrong types are `invalid-request`; text is cut to 200 characters, `limit` clamped to 1..200.
 */
export function validTenantSearch(value: unknown): TenantSearch {
  const bad = (what: string): TenantryError => misuse('invalid-request', `The tenant search has an invalid ${what}.`, {issues: [{path: what, message: 'is invalid'}]});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('shape');
  const s = value as Record<string, unknown>;
  if (typeof s.text !== 'string') throw bad('text');
  const limit = s.limit === undefined ? 50 : s.limit;
  if (typeof limit !== 'number' || Number.isNaN(limit)) throw bad('limit');
  const out: TenantSearch = {text: s.text.slice(0, MAX_SEARCH_CHARS), limit: Math.max(1, Math.min(MAX_HITS, Math.floor(limit)))};
  if (s.parentId !== undefined) {
    if (typeof s.parentId !== 'string' || !s.parentId || s.parentId.length > 128) throw bad('parentId');
    out.parentId = s.parentId;
  }
  if (s.kinds !== undefined) {
    if (!Array.isArray(s.kinds) || s.kinds.length > TENANT_KINDS.length * 4 || !s.kinds.every((k) => kindCode.has(k as TenantKind))) throw bad('kinds');
    out.kinds = [...new Set(s.kinds as TenantKind[])];
  }
  return out;
}
