/**
 * How rows are stored: ≈1,000 rows per IndexedDB record (one record per row costs ~15 s for 100k
 * rows; 100 chunk records ~1–3 s). The encoding of a chunk is private to the cache.
 *
 * A chunk is stored columnar: a few typed arrays and ONE string. Structured clone (what IndexedDB
 * does on put and get) pays per value, so row objects or per-field arrays of 100k rows cost
 * seconds, while a typed array or one long string is copied in bulk. Layout of {@link ColumnsData}:
 *
 * - `num`: Float64Array, `NUM_COLS` columns of `n` (column-major): version, amounts, percents,
 *   counts, credits, onboarding, one column per contract status (NaN = key absent);
 * - `dates`: Float64Array, `DATE_COLS` columns of epoch ms; a column whose values do not come back
 *   exactly from `toISOString()` is stored as text in `dateText[c]` instead (per chunk);
 * - `nulls`: one bit per nullable field per row, so `null` never depends on a sentinel value;
 * - `codes`: Uint16Array, `CODE_COLS` columns of indexes into the chunk's own dictionary `dict`
 *   (enums and currency; an open set, so an unexpected value is kept, not lost);
 * - `counts` + `listCodes`: list lengths per row (ancestorIds, tenants, workloads) and the
 *   workloads as dictionary codes in their original order;
 * - `text`: every other string of the chunk, row by row, joined with U+0000.
 *
 * Rows that are not exactly an `OrganizationSummary` (a wrong type, an extra key) are stored as
 * the row objects themselves (`v: 'rows'`), so nothing is lost or silently coerced and an
 * unclonable value still fails the put. A chunk with a U+0000 inside a string is stored as JSON.
 * Records of earlier versions (`rows` or `data` holding an array or a JSON string) still decode.
 * A changed column layout needs a new tag: stored `'columns'` records must keep decoding.
 */
import {CONTRACT_STATUSES, type ContractCounts, type OrganizationSummary, type TenantRef} from '../model/types.js';

/** Rows per chunk record. */
export const CHUNK_ROWS = 1000;

/** The columnar encoding of a chunk; see the module comment. */
export interface ColumnsData {
  v: 'columns';
  num: Float64Array;
  dates: Float64Array;
  /** Per date column: `null` when held in `dates`, else its non-null values joined with U+0000. */
  dateText: (string | null)[];
  nulls: Uint32Array;
  codes: Uint16Array;
  dict: string[];
  counts: Uint16Array;
  listCodes: Uint16Array;
  text: string;
}

export type ChunkData =
  | ColumnsData
  | {v: 'json'; json: string}
  | {v: 'rows'; rows: OrganizationSummary[]}
  /** Legacy: a JSON string or an array of rows. */
  | string
  | OrganizationSummary[];

/** A record of the `chunks` store, key `[partition, n]`. */
export interface ChunkRecord {
  partition: string;
  n: number;
  /** Ids of the rows in order, so the chunk index is built without decoding. */
  ids: string[];
  data: ChunkData;
}

// Float64 columns of `num`.
const VERSION = 0;
const AMOUNT = 1;
const SAVINGS = 2;
const SCORE = 3;
const READERS = 4;
const TASKS = 5;
const LINKED = 6;
const CREDITS = 7;
const DONE = 8;
const TOTAL = 9;
const CONTRACTS = 10; // …+ CONTRACT_STATUSES.length
const NUM_COLS = CONTRACTS + CONTRACT_STATUSES.length;

// Columns of `dates`; the first `INSTANT_COLS` are instants, the rest calendar dates.
const CREATED = 0;
const UPDATED = 1;
const LC_COST = 2;
const LC_SECURITY = 3;
const LC_OPERATIONS = 4;
const INSTANT_COLS = 5;
const LICENSE = 5;
const QUOTA_FROM = 6;
const QUOTA_ENDS = 7;
const DATE_COLS = 8;

// Columns of `codes`.
const KIND = 0;
const STATUS = 1;
const PLAN = 2;
const SOURCE = 3;
const REGION = 4;
const CURRENCY = 5;
const CODE_COLS = 6;

// Columns of `counts`.
const ANCESTORS = 0;
const TENANTS = 1;
const WORKLOADS = 2;
const COUNT_COLS = 3;

// Bits of `nulls`. Date columns use `DATE_NULL << c` so a date column's null bit is found by index.
const N_PARENT = 1 << 0;
const N_PLAN = 1 << 1;
const N_OWNER = 1 << 2;
const N_ADMIN = 1 << 3;
const N_COST = 1 << 4;
const N_SAVINGS = 1 << 5;
const N_SCORE = 1 << 6;
const N_ONBOARDING = 1 << 7;
const N_QUOTA = 1 << 8;
const N_REGION = 1 << 9;
const DATE_NULL = 1 << 10; // …<< DATE_COLS - 1

const SEP = '\u0000';
/** Every key of a summary, checked by the compiler both ways, so a new field cannot be dropped silently. */
const SUMMARY_FIELDS = {
  id: 1, kind: 1, parentId: 1, ancestorIds: 1, name: 1, domain: 1, status: 1, plan: 1, owner: 1, admin: 1,
  createdAt: 1, updatedAt: 1, version: 1, projectedAnnualCost: 1, savingsPercent: 1, secureScore: 1,
  lastCollection: 1, readerCount: 1, activeTaskCount: 1, sourceData: 1, contractCounts: 1, onboarding: 1,
  licenseExpiresOn: 1, creditQuota: 1, storageRegion: 1, workloads: 1, tenants: 1, linkedAccountCount: 1,
} as const satisfies Record<keyof OrganizationSummary, 1>;
/** Own enumerable keys of a summary; a row with more or fewer is stored as objects. */
const SUMMARY_KEYS = Object.keys(SUMMARY_FIELDS).length;
/** Index of each contract status in the contract columns; no prototype, so `toString` is no status. */
const CONTRACT_INDEX: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  Object.fromEntries(CONTRACT_STATUSES.map((s, i) => [s, i])),
);

/** Thrown inside {@link encodeColumns} when a row is not exactly a summary. */
const NOT_A_SUMMARY = new Error('Row is not a plain OrganizationSummary.');
const notASummary = (): never => {
  throw NOT_A_SUMMARY;
};

function keyCount(o: object): number {
  let count = 0;
  for (const key in o) if (Object.hasOwn(o, key)) count++;
  return count;
}

/** A plain object with exactly `keys` own keys, else not a summary. */
function exact<T extends object>(o: T | null | undefined, keys: number): T {
  if (typeof o !== 'object' || o === null || Array.isArray(o) || keyCount(o) !== keys) notASummary();
  return o as T;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : notASummary();
}

/** Also refuses NaN and ±Infinity, which JSON could not carry and which a row never holds. */
function finite(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : notASummary();
}

function list(v: unknown): readonly unknown[] {
  // Uint16 counts; far above the schema's limits.
  return Array.isArray(v) && v.length <= 0xffff ? v : notASummary();
}

type Fallback = 'json' | 'rows';

/**
 * The columnar data of `rows`, or which fallback they need: `'rows'` for anything that is not
 * exactly a summary, `'json'` for summaries that hold U+0000 (JSON keeps them; our separator can't).
 */
function encodeColumns(rows: readonly OrganizationSummary[]): ColumnsData | Fallback {
  const n = rows.length;
  const num = new Float64Array(NUM_COLS * n);
  const dates = new Float64Array(DATE_COLS * n);
  const nulls = new Uint32Array(n);
  const codes = new Uint16Array(CODE_COLS * n);
  const counts = new Uint16Array(COUNT_COLS * n);
  const listCodes: number[] = [];
  const dict: string[] = [];
  const dictIndex = new Map<string, number>();
  const parts: string[] = [];
  /** Bit c: date column c does not survive epoch ms and is stored as text. */
  let dateAsText = 0;
  let hasNul = false;
  let negativeZero = false;

  const code = (v: unknown): number => {
    const s = text(v);
    let c = dictIndex.get(s);
    if (c === undefined) {
      c = dict.length;
      if (c > 0xffff) notASummary(); // Uint16 codes; never near with ≤1,000 rows of enums.
      dict.push(s);
      dictIndex.set(s, c);
    }
    return c;
  };
  const str = (v: unknown): void => {
    const s = text(v);
    if (s.includes(SEP)) hasNul = true;
    parts.push(s);
  };
  const number = (col: number, i: number, v: unknown): void => {
    const x = finite(v);
    if (x === 0 && 1 / x < 0) negativeZero = true;
    num[col * n + i] = x;
  };
  // Epoch ms are kept only where formatting them gives back the very same string. Neighbouring
  // rows often share a value, so each column remembers its last one ('' is never a valid date).
  const lastText: string[] = new Array<string>(DATE_COLS).fill('');
  const lastMs = new Float64Array(DATE_COLS).fill(NaN);
  const date = (col: number, i: number, v: unknown, nullable: boolean): number => {
    if (v === null && nullable) {
      dates[col * n + i] = NaN;
      return DATE_NULL << col;
    }
    const s = text(v);
    if (s !== lastText[col]) {
      lastText[col] = s;
      lastMs[col] = parseCanonical(s, col < INSTANT_COLS);
    }
    const ms = lastMs[col]!;
    if (Number.isNaN(ms)) dateAsText |= 1 << col;
    dates[col * n + i] = ms;
    return 0;
  };

  try {
    for (let i = 0; i < n; i++) {
      const row = exact(rows[i], SUMMARY_KEYS);
      let nb = 0;
      text(row.id);
      codes[KIND * n + i] = code(row.kind);
      codes[STATUS * n + i] = code(row.status);
      codes[SOURCE * n + i] = code(row.sourceData);
      if (row.plan === null) nb |= N_PLAN;
      else codes[PLAN * n + i] = code(row.plan);
      if (row.storageRegion === null) nb |= N_REGION;
      else codes[REGION * n + i] = code(row.storageRegion);

      // Strings in the order decodeChunk reads them back.
      if (row.parentId === null) nb |= N_PARENT;
      else str(row.parentId);
      str(row.name);
      str(row.domain);
      if (row.owner === null) nb |= N_OWNER;
      else {
        const owner = exact(row.owner, 2);
        str(owner.id);
        str(owner.displayName);
      }
      if (row.admin === null) nb |= N_ADMIN;
      else {
        const admin = exact(row.admin, 2);
        str(admin.id);
        str(admin.displayName);
      }
      const ancestors = list(row.ancestorIds);
      counts[ANCESTORS * n + i] = ancestors.length;
      for (let k = 0; k < ancestors.length; k++) str(ancestors[k]);
      const tenants = list(row.tenants);
      counts[TENANTS * n + i] = tenants.length;
      for (let k = 0; k < tenants.length; k++) {
        const tenant = exact(tenants[k] as TenantRef, 3);
        str(tenant.tenantId);
        str(tenant.name);
        str(tenant.domain);
      }
      const workloads = list(row.workloads);
      counts[WORKLOADS * n + i] = workloads.length;
      for (let k = 0; k < workloads.length; k++) listCodes.push(code(workloads[k]));

      number(VERSION, i, row.version);
      number(READERS, i, row.readerCount);
      number(TASKS, i, row.activeTaskCount);
      number(LINKED, i, row.linkedAccountCount);
      if (row.savingsPercent === null) (nb |= N_SAVINGS), (num[SAVINGS * n + i] = NaN);
      else number(SAVINGS, i, row.savingsPercent);
      if (row.secureScore === null) (nb |= N_SCORE), (num[SCORE * n + i] = NaN);
      else number(SCORE, i, row.secureScore);
      if (row.projectedAnnualCost === null) (nb |= N_COST), (num[AMOUNT * n + i] = NaN);
      else {
        const cost = exact(row.projectedAnnualCost, 2);
        number(AMOUNT, i, cost.amount);
        codes[CURRENCY * n + i] = code(cost.currency);
      }
      if (row.onboarding === null) (nb |= N_ONBOARDING), (num[DONE * n + i] = num[TOTAL * n + i] = NaN);
      else {
        const onboarding = exact(row.onboarding, 2);
        number(DONE, i, onboarding.done);
        number(TOTAL, i, onboarding.total);
      }
      // NaN = status absent: absent and 0 are different rows.
      for (let k = 0; k < CONTRACT_STATUSES.length; k++) num[(CONTRACTS + k) * n + i] = NaN;
      const contracts = row.contractCounts;
      if (typeof contracts !== 'object' || contracts === null || Array.isArray(contracts)) notASummary();
      for (const status in contracts) {
        if (!Object.hasOwn(contracts, status)) continue;
        const k = CONTRACT_INDEX[status];
        if (k === undefined) notASummary();
        else number(CONTRACTS + k, i, contracts[status as keyof ContractCounts]);
      }

      nb |= date(CREATED, i, row.createdAt, false);
      nb |= date(UPDATED, i, row.updatedAt, false);
      const lc = exact(row.lastCollection, 3);
      nb |= date(LC_COST, i, lc.cost, true);
      nb |= date(LC_SECURITY, i, lc.security, true);
      nb |= date(LC_OPERATIONS, i, lc.operations, true);
      nb |= date(LICENSE, i, row.licenseExpiresOn, true);
      if (row.creditQuota === null) {
        nb |= N_QUOTA | (DATE_NULL << QUOTA_FROM) | (DATE_NULL << QUOTA_ENDS);
        num[CREDITS * n + i] = dates[QUOTA_FROM * n + i] = dates[QUOTA_ENDS * n + i] = NaN;
      } else {
        const quota = exact(row.creditQuota, 3);
        number(CREDITS, i, quota.credits);
        nb |= date(QUOTA_FROM, i, quota.effectiveOn, false);
        nb |= date(QUOTA_ENDS, i, quota.endsOn, true);
      }
      nulls[i] = nb;
    }
  } catch (error) {
    if (error === NOT_A_SUMMARY) return 'rows';
    throw error;
  }
  // JSON would turn -0 into 0; objects keep it.
  if (hasNul) return negativeZero ? 'rows' : 'json';

  const dateText: (string | null)[] = [];
  for (let c = 0; c < DATE_COLS; c++) {
    if (!(dateAsText & (1 << c))) {
      dateText.push(null);
      continue;
    }
    const values: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = dateValue(rows[i] as OrganizationSummary, c);
      if (v === null) continue;
      if (v.includes(SEP)) return 'json';
      values.push(v);
    }
    dateText.push(values.join(SEP));
  }
  return {
    v: 'columns',
    num,
    dates,
    dateText,
    nulls,
    codes,
    dict,
    counts,
    listCodes: Uint16Array.from(listCodes),
    text: parts.join(SEP),
  };
}

/** The string of date column `c` of a row that passed {@link encodeColumns}'s checks. */
function dateValue(row: OrganizationSummary, c: number): string | null {
  switch (c) {
    case CREATED:
      return row.createdAt;
    case UPDATED:
      return row.updatedAt;
    case LC_COST:
      return row.lastCollection.cost;
    case LC_SECURITY:
      return row.lastCollection.security;
    case LC_OPERATIONS:
      return row.lastCollection.operations;
    case LICENSE:
      return row.licenseExpiresOn;
    case QUOTA_FROM:
      return row.creditQuota?.effectiveOn ?? null;
    default:
      return row.creditQuota?.endsOn ?? null;
  }
}

/** Digit at `i` of `s`, or -1. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i`, or NaN (which fails every range check after it). */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? NaN : a * 10 + b;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * Epoch ms of `s` if it is exactly what {@link formatCanonical} writes (`YYYY-MM-DDTHH:mm:ss.sssZ`
 * for instants, `YYYY-MM-DD` for dates, years 0000–9999, real calendar days), else NaN. Strict on
 * purpose: anything else is kept as text, so every value comes back character for character.
 * Hand-written because `Date.parse` plus `toISOString` to verify cost ~1 µs per value.
 */
function parseCanonical(s: string, instant: boolean): number {
  if (s.length !== (instant ? 24 : 10) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = two(s, 0) * 100 + two(s, 2);
  const m = two(s, 5);
  const d = two(s, 8);
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1)) return NaN;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (!(d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number)))) return NaN;
  const day = daysFromCivil(y, m, d) * 86_400_000;
  if (!instant) return day;
  // 'T' ':' ':' '.' 'Z'
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) {
    return NaN;
  }
  const h = two(s, 11);
  const min = two(s, 14);
  const sec = two(s, 17);
  const centis = two(s, 20);
  const last = digit(s, 22);
  if (!(h < 24 && min < 60 && sec < 60 && centis >= 0 && last >= 0)) return NaN;
  return day + h * 3_600_000 + min * 60_000 + sec * 1000 + centis * 10 + last;
}

/** Instants as `toISOString()` writes them; calendar dates as its first ten characters. */
function formatCanonical(ms: number, instant: boolean): string {
  // Only values parseCanonical produced get here; anything else goes the slow, general way.
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000)) {
    const iso = new Date(ms).toISOString();
    return instant ? iso : iso.slice(0, 10);
  }
  const days = Math.floor(ms / 86_400_000);
  // H. Hinnant's `civil_from_days`.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  // One flat string from char codes: concatenating pieces would leave rope strings in every row.
  const D = 48;
  if (!instant) {
    return String.fromCharCode(D + ((y / 1000) | 0), D + (((y / 100) | 0) % 10), D + (((y / 10) | 0) % 10), D + (y % 10), 45, D + ((m / 10) | 0), D + (m % 10), 45, D + ((d / 10) | 0), D + (d % 10));
  }
  let r = ms - days * 86_400_000;
  const h = (r / 3_600_000) | 0;
  r -= h * 3_600_000;
  const min = (r / 60_000) | 0;
  r -= min * 60_000;
  const sec = (r / 1000) | 0;
  const milli = r - sec * 1000;
  return String.fromCharCode(
    D + ((y / 1000) | 0), D + (((y / 100) | 0) % 10), D + (((y / 10) | 0) % 10), D + (y % 10), 45,
    D + ((m / 10) | 0), D + (m % 10), 45, D + ((d / 10) | 0), D + (d % 10), 84,
    D + ((h / 10) | 0), D + (h % 10), 58, D + ((min / 10) | 0), D + (min % 10), 58, D + ((sec / 10) | 0), D + (sec % 10), 46,
    D + ((milli / 100) | 0), D + (((milli / 10) | 0) % 10), D + (milli % 10), 90,
  );
}

/** Formatted values by epoch ms, shared by all decodes: dates and many instants repeat across rows. */
const formatted = [new Map<number, string>(), new Map<number, string>()] as const;

function formatCached(ms: number, instant: boolean): string {
  const cache = formatted[instant ? 1 : 0];
  let s = cache.get(ms);
  if (s === undefined) {
    s = formatCanonical(ms, instant);
    if (cache.size >= 20_000) cache.clear(); // bounded: a cache, not a leak
    cache.set(ms, s);
  }
  return s;
}

export function encodeChunk(partition: string, n: number, rows: OrganizationSummary[]): ChunkRecord {
  const data = encodeColumns(rows);
  if (data === 'rows') {
    // Not exactly summaries: stored as given (ids too), so the put clones or refuses them as before.
    return {partition, n, ids: rows.map((row) => (row as Partial<OrganizationSummary> | null)?.id as string), data: {v: 'rows', rows}};
  }
  const ids = rows.map((row) => row.id);
  return {partition, n, ids, data: data === 'json' ? {v: 'json', json: JSON.stringify(rows)} : data};
}

/** Record shapes written before `ids` and `data`: the rows or their JSON under `rows`. */
interface LegacyRecord {
  rows?: OrganizationSummary[] | string;
  data?: ChunkData;
}

export function decodeChunk(record: ChunkRecord): OrganizationSummary[] {
  const data = (record as LegacyRecord).data ?? (record as LegacyRecord).rows;
  if (typeof data === 'string') return JSON.parse(data) as OrganizationSummary[];
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object' || data === null) throw new Error(`Chunk ${record.n} holds no rows.`);
  switch (data.v) {
    case 'columns':
      return decodeColumns(data, record.ids);
    case 'json':
      return JSON.parse(data.json) as OrganizationSummary[];
    case 'rows':
      return data.rows;
    default:
      throw new Error(`Chunk ${record.n} has an unknown encoding.`);
  }
}

/** One date column as strings (`null` where the row has none). */
function dateColumn(d: ColumnsData, c: number, n: number): (string | null)[] {
  const out: (string | null)[] = new Array<string | null>(n);
  const bit = DATE_NULL << c;
  const stored = d.dateText[c];
  if (stored != null) {
    const values = stored.split(SEP);
    let t = 0;
    for (let i = 0; i < n; i++) out[i] = d.nulls[i]! & bit ? null : (values[t++] as string);
    return out;
  }
  // Neighbouring rows often share a date: format each run once.
  let lastMs = NaN;
  let lastText = '';
  for (let i = 0; i < n; i++) {
    if (d.nulls[i]! & bit) {
      out[i] = null;
      continue;
    }
    const ms = d.dates[c * n + i]!;
    if (ms !== lastMs) {
      lastMs = ms;
      lastText = formatCached(ms, c < INSTANT_COLS);
    }
    out[i] = lastText;
  }
  return out;
}

function decodeColumns(d: ColumnsData, ids: readonly string[]): OrganizationSummary[] {
  const n = ids.length;
  const {num, nulls, codes, dict, counts, listCodes} = d;
  if (nulls.length !== n || num.length !== NUM_COLS * n) throw new Error('Chunk columns do not match its ids.');
  const tokens = n ? d.text.split(SEP) : [];
  const cols: (string | null)[][] = [];
  for (let c = 0; c < DATE_COLS; c++) cols.push(dateColumn(d, c, n));
  const [created, updated, lcCost, lcSecurity, lcOperations, license, quotaFrom, quotaEnds] = cols as [
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
  ];
  const rows: OrganizationSummary[] = new Array<OrganizationSummary>(n);
  let t = 0; // next token of `text`
  let w = 0; // next workload code
  const next = (): string => tokens[t++] as string;
  const word = (c: number): string => dict[c] as string;
  for (let i = 0; i < n; i++) {
    const nb = nulls[i]!;
    // Same order as encodeColumns pushed them.
    const parentId = nb & N_PARENT ? null : next();
    const name = next();
    const domain = next();
    const owner = nb & N_OWNER ? null : {id: next(), displayName: next()};
    const admin = nb & N_ADMIN ? null : {id: next(), displayName: next()};
    const ancestorIds: string[] = new Array<string>(counts[ANCESTORS * n + i]!);
    for (let k = 0; k < ancestorIds.length; k++) ancestorIds[k] = next();
    const tenants: TenantRef[] = new Array<TenantRef>(counts[TENANTS * n + i]!);
    for (let k = 0; k < tenants.length; k++) tenants[k] = {tenantId: next(), name: next(), domain: next()};
    const workloads = new Array<string>(counts[WORKLOADS * n + i]!);
    for (let k = 0; k < workloads.length; k++) workloads[k] = word(listCodes[w++]!);
    const contractCounts: ContractCounts = {};
    for (let k = 0; k < CONTRACT_STATUSES.length; k++) {
      const v = num[(CONTRACTS + k) * n + i]!;
      if (!Number.isNaN(v)) contractCounts[CONTRACT_STATUSES[k]!] = v;
    }
    rows[i] = {
      id: ids[i] as string,
      kind: word(codes[KIND * n + i]!) as OrganizationSummary['kind'],
      parentId,
      ancestorIds,
      name,
      domain,
      status: word(codes[STATUS * n + i]!) as OrganizationSummary['status'],
      plan: nb & N_PLAN ? null : (word(codes[PLAN * n + i]!) as OrganizationSummary['plan']),
      owner,
      admin,
      createdAt: created[i] as string,
      updatedAt: updated[i] as string,
      version: num[VERSION * n + i]!,
      projectedAnnualCost: nb & N_COST ? null : {amount: num[AMOUNT * n + i]!, currency: word(codes[CURRENCY * n + i]!)},
      savingsPercent: nb & N_SAVINGS ? null : num[SAVINGS * n + i]!,
      secureScore: nb & N_SCORE ? null : num[SCORE * n + i]!,
      lastCollection: {cost: lcCost[i] as string | null, security: lcSecurity[i] as string | null, operations: lcOperations[i] as string | null},
      readerCount: num[READERS * n + i]!,
      activeTaskCount: num[TASKS * n + i]!,
      sourceData: word(codes[SOURCE * n + i]!) as OrganizationSummary['sourceData'],
      contractCounts,
      onboarding: nb & N_ONBOARDING ? null : {done: num[DONE * n + i]!, total: num[TOTAL * n + i]!},
      licenseExpiresOn: license[i] as string | null,
      creditQuota:
        nb & N_QUOTA
          ? null
          : {credits: num[CREDITS * n + i]!, effectiveOn: quotaFrom[i] as string, endsOn: quotaEnds[i] as string | null},
      storageRegion: nb & N_REGION ? null : (word(codes[REGION * n + i]!) as OrganizationSummary['storageRegion']),
      workloads: workloads as OrganizationSummary['workloads'],
      tenants,
      linkedAccountCount: num[LINKED * n + i]!,
    };
  }
  // A mismatch means a corrupt record: the cache treats the throw as a miss.
  if (n && (t !== tokens.length || w !== listCodes.length)) throw new Error('Chunk text does not match its columns.');
  return rows;
}

/** Ids of a chunk's rows, in order. */
export function chunkIds(record: ChunkRecord): string[] {
  return Array.isArray(record.ids) ? record.ids.slice() : decodeChunk(record).map((row) => row.id);
}

/**
 * A private copy of rows with the semantics of a round trip through the store, so the memory cache
 * returns exactly what the IndexedDB cache would and callers cannot alias it. Encoding and decoding
 * is ~10× faster than `structuredClone` of the rows; chunks kept as objects are cloned (which also
 * refuses what IndexedDB would refuse).
 */
export function copyRows(rows: readonly OrganizationSummary[]): OrganizationSummary[] {
  const out: OrganizationSummary[] = [];
  for (const part of splitChunks(rows)) {
    const record = encodeChunk('', 0, part);
    const data = record.data as Exclude<ChunkData, string | OrganizationSummary[]>;
    const copy = data.v === 'rows' ? (structuredClone(part) as OrganizationSummary[]) : decodeChunk(record);
    for (const row of copy) out.push(row);
  }
  return out;
}

/** Splits rows into chunks of `CHUNK_ROWS`. */
export function splitChunks<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) chunks.push(rows.slice(i, i + CHUNK_ROWS));
  return chunks;
}
