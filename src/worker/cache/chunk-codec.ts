/**
 * How rows are stored: ≈1,000 rows per IndexedDB record (one record per row costs ~15 s for 100k
 * rows; 100 chunk records ~1–3 s). The encoding of a chunk is private to the cache.
 *
 * A chunk is stored columnar, as a few typed arrays and two strings. Structured clone (what
 * IndexedDB does on put and get) pays per value, so row objects or per-field arrays of 100k rows
 * cost seconds, while a typed array or one long string is copied in bulk; past that, the cost is
 * proportional to bytes (about 10 ms per MB on this kind of machine), so the layout saves bytes.
 * Layout of {@link ColumnsData}:
 *
 * - `nums`: one column of `n` per number (version, amount, percents, counts, credits, onboarding,
 *   one per contract status with NaN for an absent key) and per date (instants as epoch ms,
 *   calendar dates as epoch days), each the narrowest of Uint8/16/32 (max value = NaN) or
 *   Float64 that holds it exactly. A date column whose values would not come back character for
 *   character is stored as text in `dateText[c]` instead, for that chunk only;
 * - `nulls`: one bit per nullable field per row, so `null` never depends on a sentinel value;
 * - `codes`: `CODE_COLS` columns of indexes into the chunk's own dictionary `dict`: enums and
 *   currency (an open set, so an unexpected value is kept, not lost), and strings that repeat
 *   across rows (parentId, owner), stored and decoded once per chunk;
 * - `counts` + `listCodes`: list lengths per row (ancestorIds, tenants, workloads), and per row
 *   its ancestorIds then its workloads as dictionary codes, in their original order;
 * - `text`: every other string, row by row, joined with U+0000; `dict` likewise.
 *
 * The typed arrays are views of one ArrayBuffer: one allocation, and one copy when cloned.
 *
 * Rows that are not exactly an `OrganizationSummary` (a wrong type, an extra or missing key) are
 * stored as the row objects themselves (`v: 'rows'`), so nothing is lost or coerced and an
 * unclonable value still fails the put. A chunk with a U+0000 inside a string is stored as JSON.
 * Records of earlier versions (`rows` or `data` holding an array or a JSON string) still decode.
 * A changed column layout needs a new tag: stored `'columns'` records must keep decoding.
 */
import {CONTRACT_STATUSES, type ContractCounts, type OrganizationSummary, type TenantRef} from '../../shared/model/types.js';

/** Rows per chunk record. */
export const CHUNK_ROWS = 1000;

/** A numeric column as stored; in the unsigned ones the type's maximum stands for NaN. */
export type NumColumn = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** The columnar encoding of a chunk; see the module comment. */
export interface ColumnsData {
  v: 'columns';
  /** `NUM_COLS` numbers then `DATE_COLS` dates, `n` values each. */
  nums: NumColumn[];
  /** Per date column: `null` when held in `nums`, else its non-null values joined with U+0000. */
  dateText: (string | null)[];
  nulls: Uint32Array;
  codes: Uint16Array;
  counts: Uint16Array;
  listCodes: Uint16Array;
  /** Dictionary entries joined with U+0000. */
  dict: string;
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

// Number columns of `nums`.
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

// Date columns, at `NUM_COLS + c` in `nums`; the first `INSTANT_COLS` are instants.
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
const ALL_NUM_COLS = NUM_COLS + DATE_COLS;

// Columns of `codes`.
const KIND = 0;
const STATUS = 1;
const PLAN = 2;
const SOURCE = 3;
const REGION = 4;
const CURRENCY = 5;
const PARENT = 6;
const OWNER_ID = 7;
const OWNER_NAME = 8;
const CODE_COLS = 9;

// Columns of `counts`.
const ANCESTORS = 0;
const TENANTS = 1;
const WORKLOADS = 2;
const COUNT_COLS = 3;

// Bits of `nulls`; date column c uses `DATE_NULL << c`.
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
const DATE_NULL = 1 << 10;

const SEP = '\u0000';
const DAY_MS = 86_400_000;

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

/**
 * Working columns of the encoder, reused across chunks (encoding is synchronous): the final
 * buffer's layout is known only once every value has been seen.
 */
const work = {
  nums: new Float64Array(0),
  nulls: new Uint32Array(0),
  codes: new Uint16Array(0),
  counts: new Uint16Array(0),
  list: new Uint16Array(0),
};

function reserve(n: number, listTotal: number): typeof work {
  if (work.nulls.length < n) {
    work.nums = new Float64Array(ALL_NUM_COLS * n);
    work.nulls = new Uint32Array(n);
    work.codes = new Uint16Array(CODE_COLS * n);
    work.counts = new Uint16Array(COUNT_COLS * n);
  }
  if (work.list.length < listTotal) work.list = new Uint16Array(listTotal);
  return work;
}

/** Bytes per value of the narrowest column that holds `values[from … from + n)` exactly. */
function widthOf(values: Float64Array, from: number, n: number): 1 | 2 | 4 | 8 {
  let max = 0;
  for (let i = from; i < from + n; i++) {
    const v = values[i]!;
    if (v !== v) continue; // NaN: stored as the type's maximum
    if (!(v >= 0 && v < 0xffffffff && Math.floor(v) === v) || (v === 0 && 1 / v < 0)) return 8;
    if (v > max) max = v;
  }
  return max < 0xff ? 1 : max < 0xffff ? 2 : 4;
}

type Fallback = 'json' | 'rows';

/**
 * The columnar data of `rows`, or which fallback they need: `'rows'` for anything that is not
 * exactly a summary, `'json'` for summaries that hold U+0000 (JSON keeps it; our separator can't).
 */
function encodeColumns(rows: readonly OrganizationSummary[]): ColumnsData | Fallback {
  const n = rows.length;
  let listTotal = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as Partial<OrganizationSummary> | null;
    if (Array.isArray(row?.ancestorIds)) listTotal += row.ancestorIds.length;
    if (Array.isArray(row?.workloads)) listTotal += row.workloads.length;
  }
  const {nums, nulls, codes, counts, list: listCodes} = reserve(n, listTotal);
  codes.fill(0, 0, CODE_COLS * n); // codes of null fields are never written: no stale ones stored
  let listed = 0;
  const dict: string[] = [];
  const dictIndex = new Map<string, number>();
  const parts: string[] = [];
  /** Bit c: date column c does not survive the trip through a number and is stored as text. */
  let dateAsText = 0;
  let hasNul = false;
  let negativeZero = false;

  const code = (v: unknown): number => {
    const s = text(v);
    let c = dictIndex.get(s);
    if (c === undefined) {
      c = dict.length;
      // Uint16 codes: rows within the schema's limits stay far below.
      if (c > 0xffff) notASummary();
      if (s.includes(SEP)) hasNul = true;
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
    nums[col * n + i] = x;
  };
  // Neighbouring rows often share a date, so each column remembers its last one ('' never parses).
  const lastText: string[] = new Array<string>(DATE_COLS).fill('');
  const lastValue = new Float64Array(DATE_COLS).fill(NaN);
  const date = (c: number, i: number, v: unknown, nullable: boolean): number => {
    const at = (NUM_COLS + c) * n + i;
    if (v === null && nullable) {
      nums[at] = NaN;
      return DATE_NULL << c;
    }
    const s = text(v);
    if (s !== lastText[c]) {
      lastText[c] = s;
      lastValue[c] = c < INSTANT_COLS ? parseCanonical(s, true) : parseCanonical(s, false) / DAY_MS;
    }
    const value = lastValue[c]!;
    if (value !== value) dateAsText |= 1 << c;
    nums[at] = value;
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
      if (row.parentId === null) nb |= N_PARENT;
      else codes[PARENT * n + i] = code(row.parentId);
      if (row.owner === null) nb |= N_OWNER;
      else {
        const owner = exact(row.owner, 2);
        codes[OWNER_ID * n + i] = code(owner.id);
        codes[OWNER_NAME * n + i] = code(owner.displayName);
      }
      const ancestors = list(row.ancestorIds);
      const workloads = list(row.workloads);
      // Typed arrays drop writes past their end silently, hence the check.
      if (listed + ancestors.length + workloads.length > listTotal) notASummary();
      counts[ANCESTORS * n + i] = ancestors.length;
      for (let k = 0; k < ancestors.length; k++) listCodes[listed++] = code(ancestors[k]);
      counts[WORKLOADS * n + i] = workloads.length;
      for (let k = 0; k < workloads.length; k++) listCodes[listed++] = code(workloads[k]);

      // Strings in the order decodeColumns reads them back.
      str(row.name);
      str(row.domain);
      if (row.admin === null) nb |= N_ADMIN;
      else {
        const admin = exact(row.admin, 2);
        str(admin.id);
        str(admin.displayName);
      }
      const tenants = list(row.tenants);
      counts[TENANTS * n + i] = tenants.length;
      for (let k = 0; k < tenants.length; k++) {
        const tenant = exact(tenants[k] as TenantRef, 3);
        str(tenant.tenantId);
        str(tenant.name);
        str(tenant.domain);
      }

      number(VERSION, i, row.version);
      number(READERS, i, row.readerCount);
      number(TASKS, i, row.activeTaskCount);
      number(LINKED, i, row.linkedAccountCount);
      if (row.savingsPercent === null) (nb |= N_SAVINGS), (nums[SAVINGS * n + i] = NaN);
      else number(SAVINGS, i, row.savingsPercent);
      if (row.secureScore === null) (nb |= N_SCORE), (nums[SCORE * n + i] = NaN);
      else number(SCORE, i, row.secureScore);
      if (row.projectedAnnualCost === null) (nb |= N_COST), (nums[AMOUNT * n + i] = NaN);
      else {
        const cost = exact(row.projectedAnnualCost, 2);
        number(AMOUNT, i, cost.amount);
        codes[CURRENCY * n + i] = code(cost.currency);
      }
      if (row.onboarding === null) (nb |= N_ONBOARDING), (nums[DONE * n + i] = nums[TOTAL * n + i] = NaN);
      else {
        const onboarding = exact(row.onboarding, 2);
        number(DONE, i, onboarding.done);
        number(TOTAL, i, onboarding.total);
      }
      // NaN = status absent: absent and 0 are different rows.
      for (let k = 0; k < CONTRACT_STATUSES.length; k++) nums[(CONTRACTS + k) * n + i] = NaN;
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
        nums[CREDITS * n + i] = nums[(NUM_COLS + QUOTA_FROM) * n + i] = nums[(NUM_COLS + QUOTA_ENDS) * n + i] = NaN;
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
    for (let i = 0; i < n; i++) nums[(NUM_COLS + c) * n + i] = NaN; // unused: keep the column narrow
  }

  // One buffer; widest columns first, so every view is aligned.
  const widths = Array.from({length: ALL_NUM_COLS}, (_, c) => widthOf(nums, c * n, n));
  const bytes = widths.reduce<number>((sum, w) => sum + w * n, 0) + n * 4 + (CODE_COLS + COUNT_COLS) * n * 2 + listTotal * 2;
  const buffer = new ArrayBuffer(bytes);
  const columns: NumColumn[] = new Array<NumColumn>(ALL_NUM_COLS);
  let offset = 0;
  let nullsOut = new Uint32Array(0);
  let codesOut = new Uint16Array(0);
  let countsOut = new Uint16Array(0);
  let listOut = new Uint16Array(0);
  for (const width of [8, 4, 2, 1] as const) {
    for (let c = 0; c < ALL_NUM_COLS; c++) {
      if (widths[c] !== width) continue;
      const from = c * n;
      if (width === 8) {
        const column = new Float64Array(buffer, offset, n);
        column.set(nums.subarray(from, from + n));
        columns[c] = column;
      } else {
        const column =
          width === 4
            ? new Uint32Array(buffer, offset, n)
            : width === 2
              ? new Uint16Array(buffer, offset, n)
              : new Uint8Array(buffer, offset, n);
        const none = width === 4 ? 0xffffffff : width === 2 ? 0xffff : 0xff;
        for (let i = 0; i < n; i++) {
          const v = nums[from + i]!;
          column[i] = v !== v ? none : v;
        }
        columns[c] = column;
      }
      offset += width * n;
    }
    if (width === 4) {
      nullsOut = new Uint32Array(buffer, offset, n);
      nullsOut.set(nulls.subarray(0, n));
      offset += 4 * n;
    } else if (width === 2) {
      codesOut = new Uint16Array(buffer, offset, CODE_COLS * n);
      codesOut.set(codes.subarray(0, CODE_COLS * n));
      offset += 2 * CODE_COLS * n;
      countsOut = new Uint16Array(buffer, offset, COUNT_COLS * n);
      countsOut.set(counts.subarray(0, COUNT_COLS * n));
      offset += 2 * COUNT_COLS * n;
      listOut = new Uint16Array(buffer, offset, listTotal);
      listOut.set(listCodes.subarray(0, listTotal));
      offset += 2 * listTotal;
    }
  }
  return {
    v: 'columns',
    nums: columns,
    dateText,
    nulls: nullsOut,
    codes: codesOut,
    counts: countsOut,
    listCodes: listOut,
    dict: dict.join(SEP),
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
  const day = daysFromCivil(y, m, d) * DAY_MS;
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
  const days = Math.floor(ms / DAY_MS);
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
    return String.fromCharCode(
      D + ((y / 1000) | 0), D + (((y / 100) | 0) % 10), D + (((y / 10) | 0) % 10), D + (y % 10), 45,
      D + ((m / 10) | 0), D + (m % 10), 45, D + ((d / 10) | 0), D + (d % 10),
    );
  }
  let r = ms - days * DAY_MS;
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

/** Decoded number columns, reused across chunks (decoding is synchronous and keeps no reference). */
let unpacked = new Float64Array(0);

/** All number columns of `d` as Float64, NaN restored, column-major. */
function unpack(d: ColumnsData, n: number): Float64Array {
  if (unpacked.length < ALL_NUM_COLS * n) unpacked = new Float64Array(ALL_NUM_COLS * n);
  const out = unpacked;
  if (d.nums.length !== ALL_NUM_COLS) throw new Error('Chunk has the wrong number of columns.');
  d.nums.forEach((column, c) => {
    if (column.length !== n) throw new Error('Chunk column does not match its ids.');
    if (column instanceof Float64Array) {
      out.set(column, c * n);
      return;
    }
    const none = column instanceof Uint8Array ? 0xff : column instanceof Uint16Array ? 0xffff : 0xffffffff;
    for (let i = 0, at = c * n; i < n; i++, at++) {
      const v = column[i]!;
      out[at] = v === none ? NaN : v;
    }
  });
  return out;
}

/** One date column as strings (`null` where the row has none). */
function dateColumn(d: ColumnsData, nums: Float64Array, c: number, n: number): (string | null)[] {
  const out: (string | null)[] = [];
  const bit = DATE_NULL << c;
  const stored = d.dateText[c];
  if (stored != null) {
    const values = stored.split(SEP);
    let t = 0;
    for (let i = 0; i < n; i++) out.push(d.nulls[i]! & bit ? null : (values[t++] as string));
    return out;
  }
  const instant = c < INSTANT_COLS;
  const scale = instant ? 1 : DAY_MS;
  let lastValue = NaN;
  let lastText = '';
  for (let i = 0, at = (NUM_COLS + c) * n; i < n; i++, at++) {
    if (d.nulls[i]! & bit) {
      out.push(null);
      continue;
    }
    const v = nums[at]!;
    if (v !== lastValue) {
      lastValue = v;
      lastText = formatCached(v * scale, instant);
    }
    out.push(lastText);
  }
  return out;
}

type DateColumn = (string | null)[];
type DateColumns = [DateColumn, DateColumn, DateColumn, DateColumn, DateColumn, DateColumn, DateColumn, DateColumn];

function decodeColumns(d: ColumnsData, ids: readonly string[]): OrganizationSummary[] {
  const n = ids.length;
  const {nulls, codes, counts, listCodes} = d;
  if (nulls.length !== n || codes.length !== CODE_COLS * n || counts.length !== COUNT_COLS * n) {
    throw new Error('Chunk columns do not match its ids.');
  }
  const num = unpack(d, n);
  const tokens = n ? d.text.split(SEP) : [];
  const dict = d.dict.split(SEP);
  const dates = Array.from({length: DATE_COLS}, (_, c) => dateColumn(d, num, c, n)) as DateColumns;
  const [created, updated, lcCost, lcSecurity, lcOperations, license, quotaFrom, quotaEnds] = dates;
  const rows: OrganizationSummary[] = [];
  let t = 0; // next token of `text`
  let w = 0; // next code of `listCodes`
  const next = (): string => tokens[t++] as string;
  const word = (c: number): string => dict[c] as string;
  for (let i = 0; i < n; i++) {
    const nb = nulls[i]!;
    // Same order as encodeColumns wrote them; lists filled by push stay packed arrays.
    const ancestorIds: string[] = [];
    for (let k = counts[ANCESTORS * n + i]!; k > 0; k--) ancestorIds.push(word(listCodes[w++]!));
    const workloads: string[] = [];
    for (let k = counts[WORKLOADS * n + i]!; k > 0; k--) workloads.push(word(listCodes[w++]!));
    const name = next();
    const domain = next();
    const admin = nb & N_ADMIN ? null : {id: next(), displayName: next()};
    const tenants: TenantRef[] = [];
    for (let k = counts[TENANTS * n + i]!; k > 0; k--) tenants.push({tenantId: next(), name: next(), domain: next()});
    const contractCounts: ContractCounts = {};
    for (let k = 0; k < CONTRACT_STATUSES.length; k++) {
      const v = num[(CONTRACTS + k) * n + i]!;
      if (v === v) contractCounts[CONTRACT_STATUSES[k]!] = v;
    }
    rows.push({
      id: ids[i] as string,
      kind: word(codes[KIND * n + i]!) as OrganizationSummary['kind'],
      parentId: nb & N_PARENT ? null : word(codes[PARENT * n + i]!),
      ancestorIds,
      name,
      domain,
      status: word(codes[STATUS * n + i]!) as OrganizationSummary['status'],
      plan: nb & N_PLAN ? null : (word(codes[PLAN * n + i]!) as OrganizationSummary['plan']),
      owner: nb & N_OWNER ? null : {id: word(codes[OWNER_ID * n + i]!), displayName: word(codes[OWNER_NAME * n + i]!)},
      admin,
      createdAt: created[i] as string,
      updatedAt: updated[i] as string,
      version: num[VERSION * n + i]!,
      projectedAnnualCost: nb & N_COST ? null : {amount: num[AMOUNT * n + i]!, currency: word(codes[CURRENCY * n + i]!)},
      savingsPercent: nb & N_SAVINGS ? null : num[SAVINGS * n + i]!,
      secureScore: nb & N_SCORE ? null : num[SCORE * n + i]!,
      lastCollection: {
        cost: lcCost[i] as string | null,
        security: lcSecurity[i] as string | null,
        operations: lcOperations[i] as string | null,
      },
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
    });
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
 * returns exactly what the IndexedDB cache would and callers cannot alias it. Encoding then
 * decoding is several times faster than `structuredClone` of the rows; chunks kept as objects are
 * cloned (which also refuses what IndexedDB would refuse).
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
