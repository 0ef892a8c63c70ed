/**
 * The chunk encoding of the dataset cache: exact round trips (through structured clone and
 * IndexedDB, as the cache stores them), the fallbacks for values the columns cannot hold, records
 * of earlier versions, and (printed, not asserted) what it costs for 100,000 rows.
 */
import {expect} from '@open-wc/testing';
import {deleteDB, openDB} from 'idb';
import {generateSeed} from '../backends/embedded/seed.js';
import type {OrganizationSummary} from '../../shared/model/types.js';
import {CHUNK_ROWS, chunkIds, copyRows, decodeChunk, encodeChunk, splitChunks, type ChunkRecord, type ColumnsData} from './chunk-codec.js';

const SEED = generateSeed({organizations: 3000, seed: 1}).organizations;

/** A realistic row to vary; a fresh deep copy each time. */
const base = (i = 5): OrganizationSummary => structuredClone(SEED[i] as OrganizationSummary);

/** Encodes, structured-clones (what IndexedDB does) and decodes; expects the same rows back. */
function roundTrip(rows: OrganizationSummary[]): ChunkRecord {
  const expected = structuredClone(rows);
  const record = encodeChunk('p', 3, rows);
  expect(decodeChunk(record)).to.deep.equal(expected);
  const stored = structuredClone(record);
  expect(decodeChunk(stored)).to.deep.equal(expected);
  expect(chunkIds(stored)).to.deep.equal(expected.map((r) => r.id));
  expect(rows).to.deep.equal(expected, 'encoding leaves its input alone');
  return stored;
}

const tagOf = (record: ChunkRecord): string => (typeof record.data === 'object' && 'v' in record.data ? record.data.v : typeof record.data);

describe('chunk codec', () => {
  it('round-trips the seed rows exactly, in columns', () => {
    const chunks = splitChunks(SEED);
    expect(chunks.length).to.be.greaterThan(2);
    for (const part of chunks) expect(tagOf(roundTrip(part))).to.equal('columns');
    // The seed covers what the columns must keep apart.
    expect(SEED.some((r) => r.parentId === null) && SEED.some((r) => r.owner === null || r.admin === null)).to.equal(true);
    expect(SEED.some((r) => r.creditQuota === null) && SEED.some((r) => r.onboarding !== null)).to.equal(true);
    expect(SEED.some((r) => r.ancestorIds.length === 0) && SEED.some((r) => /[^\x00-\x7f]/.test(r.name))).to.equal(true);
    expect(SEED.some((r) => Object.keys(r.contractCounts).length === 0)).to.equal(true);
  });

  it('round-trips an empty chunk and a chunk of exactly CHUNK_ROWS', () => {
    expect(tagOf(roundTrip([]))).to.equal('columns');
    expect(decodeChunk(structuredClone(encodeChunk('p', 0, [])))).to.deep.equal([]);
    const full = SEED.slice(0, CHUNK_ROWS);
    expect(full).to.have.length(1000);
    expect(tagOf(roundTrip(full))).to.equal('columns');
  });

  it('keeps hostile strings exactly', () => {
    const names = [
      '<img src=x onerror=alert(1)>',
      '\u202Eevil\u202C.exe',
      'zero\u200Bwidth\u200C\u200D\uFEFF',
      'x'.repeat(1000),
      '😀 family 👨‍👩‍👧‍👦 flags 🇫🇷',
      'lone \uD800 surrogate',
      '',
      ' ',
      'tab\tnew\nline "quotes" \\ back',
    ];
    // In every kind of string slot: the text, the dictionary (parent, owner, ancestors), an enum.
    const rows = names.map((name, i) => ({
      ...base(i),
      name,
      domain: name,
      parentId: name,
      ancestorIds: [name, 'x', name],
      owner: {id: name, displayName: name},
      admin: {id: name, displayName: name},
      tenants: [{tenantId: name, name, domain: ''}],
      projectedAnnualCost: {amount: 1, currency: name},
    }));
    expect(tagOf(roundTrip(rows))).to.equal('columns');
  });

  it('falls back to JSON for a chunk with U+0000 in a string, and still round-trips', () => {
    const rows = [base(1), {...base(2), name: 'nul\u0000inside'}, base(3)];
    expect(tagOf(roundTrip(rows))).to.equal('json');
    const inAncestor = [{...base(2), ancestorIds: ['a\u0000b']}];
    expect(tagOf(roundTrip(inAncestor))).to.equal('json');
  });

  it('keeps instants and dates that epoch ms would change as text', () => {
    const offset = {...base(1), createdAt: '2026-01-01T10:00:00+02:00'};
    const precise = {...base(2), updatedAt: '2026-11-17T01:00:00.000123Z', licenseExpiresOn: '2027-02-30'};
    const plain = {...base(3), createdAt: '2026-11-17T01:00:00.000Z', licenseExpiresOn: '2027-01-30'};
    const record = roundTrip([offset, precise, plain]);
    expect(tagOf(record)).to.equal('columns');
    const [back] = decodeChunk(record);
    expect(back?.createdAt).to.equal('2026-01-01T10:00:00+02:00');
    // Only the columns that need it are text.
    const data = record.data as ColumnsData;
    expect(data.dateText.map((c) => c !== null)).to.deep.equal([true, true, false, false, false, true, false, false]);
    // An instant column never hands back a calendar date, nor the reverse.
    expect(tagOf(roundTrip([{...base(1), licenseExpiresOn: '2026-01-01T00:00:00.000Z'}, {...base(2), createdAt: '2026-01-01'}]))).to.equal('columns');
  });

  it('stores canonical instants and dates as epoch ms, and exactly those', () => {
    // Random instants over the whole four-digit-year range, plus edges of the calendar.
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lo = Date.parse('0000-01-01T00:00:00.000Z');
    const hi = Date.parse('9999-12-31T23:59:59.999Z');
    const values = Array.from({length: 998}, () => Math.floor(lo + random() * (hi - lo)));
    values.push(lo, hi);
    const rows = values.map((ms, i) => {
      const iso = new Date(ms).toISOString();
      return {...base(i % 50), createdAt: iso, licenseExpiresOn: iso.slice(0, 10)};
    });
    const {dateText} = roundTrip(rows).data as ColumnsData;
    expect([dateText[0], dateText[5]]).to.deep.equal([null, null]);

    // Text exactly where toISOString would not give the string back.
    const canonical = (s: string, instant: boolean): boolean => {
      const ms = Date.parse(s);
      return Number.isFinite(ms) && (instant ? new Date(ms).toISOString() : new Date(ms).toISOString().slice(0, 10)) === s;
    };
    const instants = [
      '1969-12-31T23:59:59.999Z', '2024-02-29T12:00:00.000Z', '2023-02-29T12:00:00.000Z', '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T10:60:00.000Z', '2026-01-01T10:00:60.000Z',
      '2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000z', '2026-01-01 10:00:00.000Z', '+002026-01-01T10:00:00.000Z',
      '2026-1-01T10:00:00.000Z', '2026-04-31T10:00:00.000Z', '2026-13-01T10:00:00.000Z', '2026-00-10T10:00:00.000Z',
      '2026-01-00T10:00:00.000Z', '２０２６-01-01T10:00:00.000Z', '2026-01-01T10:00:00.0-0Z', '2026-01-01T10:00:00.00/Z', '',
    ];
    for (const s of instants) {
      const data = encodeChunk('p', 0, [{...base(1), updatedAt: s}]).data as ColumnsData;
      expect(data.dateText[1] === null, s).to.equal(canonical(s, true));
      roundTrip([{...base(1), updatedAt: s}]);
    }
    const days = ['2024-02-29', '2023-02-29', '2026-02-30', '2026-1-01', '2026-01-01T00:00:00.000Z', '0000-01-01', '9999-12-31', '2026/01/01', ''];
    for (const s of days) {
      const data = encodeChunk('p', 0, [{...base(3), licenseExpiresOn: s}]).data as ColumnsData;
      expect(data.dateText[5] === null, s).to.equal(canonical(s, false));
      roundTrip([{...base(3), licenseExpiresOn: s}]);
    }
  });

  it('keeps null, 0, -0, absent contract statuses and list order apart', () => {
    const rows: OrganizationSummary[] = [
      {...base(1), savingsPercent: 0, secureScore: null, projectedAnnualCost: {amount: -0, currency: 'USD'}, contractCounts: {active: 0}},
      {...base(2), savingsPercent: null, secureScore: 0, projectedAnnualCost: null, contractCounts: {}},
      {...base(3), onboarding: {done: 0, total: 0}, creditQuota: {credits: 0, effectiveOn: '2026-01-01', endsOn: null}},
      {...base(4), onboarding: null, creditQuota: null, plan: null, storageRegion: null, parentId: null, owner: null, admin: null},
      {...base(5), lastCollection: {cost: null, security: null, operations: null}, licenseExpiresOn: null, version: 2 ** 53 - 1},
      {...base(6), workloads: ['nas', 'microsoft-365', 'nas'], ancestorIds: [], tenants: [], owner: {id: '', displayName: ''}},
      {...base(8), workloads: [], domain: ''},
      {...base(7), savingsPercent: 12.345678901234567, secureScore: 1e-300, readerCount: 1e21},
    ];
    const back = decodeChunk(roundTrip(rows));
    expect(Object.is(back[0]?.projectedAnnualCost?.amount, -0)).to.equal(true);
    expect(back[0]?.contractCounts).to.deep.equal({active: 0});
    expect(back[1]?.contractCounts).to.deep.equal({});
    // Every key of the summary is present on every decoded row.
    for (const row of back) expect(Object.keys(row).sort()).to.deep.equal(Object.keys(rows[0] as object).sort());
  });

  it('stores each number column in the narrowest exact type, all in one buffer', () => {
    // Every edge of Uint8/16/32 (whose maximum stands for NaN) in one column each.
    const edges = [0, 1, 254, 255, 65534, 65535, 2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32, -1, 0.5, 2 ** 53, 1e300];
    for (const edge of edges) {
      const rows = [base(1), {...base(2), version: edge, readerCount: edge, savingsPercent: edge}, {...base(3), savingsPercent: null}];
      roundTrip(rows);
    }
    const rows = SEED.slice(0, 1000);
    const record = structuredClone(encodeChunk('p', 0, rows));
    const data = record.data as ColumnsData;
    expect(data.nums[0]).to.be.instanceOf(Uint8Array); // version
    expect(data.nums[1]).to.be.instanceOf(Float64Array); // amounts with cents
    const buffers = new Set([...data.nums, data.nulls, data.codes, data.counts, data.listCodes].map((a) => a.buffer));
    expect(buffers.size).to.equal(1);
    expect(decodeChunk(record)).to.deep.equal(rows);
  });

  it('keeps enum and currency values it has never seen', () => {
    const odd = {
      ...base(1),
      kind: 'franchise',
      status: 'frozen',
      plan: 'platinum',
      sourceData: 'unknown',
      storageRegion: 'mars',
      workloads: ['exchange-onprem', 'vmware'],
      projectedAnnualCost: {amount: 1, currency: 'XBT'},
    } as unknown as OrganizationSummary;
    expect(tagOf(roundTrip([odd, base(2)]))).to.equal('columns');
  });

  it('stores rows that are not exactly summaries as objects, losing nothing', () => {
    const extra = {...base(1), extra: {nested: [1, 2]}} as OrganizationSummary;
    const missing = base(2) as Partial<OrganizationSummary>;
    delete missing.domain;
    const wrongType = {...base(3), version: '7'} as unknown as OrganizationSummary;
    const nan = {...base(4), secureScore: NaN};
    const undef = {...base(5), plan: undefined} as unknown as OrganizationSummary;
    const extraNested = {...base(6), owner: {id: 'u', displayName: 'U', email: 'u@x'}} as OrganizationSummary;
    const badStatus = {...base(7), contractCounts: {active: 1, toString: 2}} as unknown as OrganizationSummary;
    for (const row of [extra, missing as OrganizationSummary, wrongType, nan, undef, extraNested, badStatus]) {
      expect(tagOf(roundTrip([base(0), row]))).to.equal('rows');
    }
    // -0 with U+0000: JSON would make it 0.
    expect(tagOf(roundTrip([{...base(1), name: '\u0000', secureScore: -0}]))).to.equal('rows');
  });

  it('refuses what structured clone refuses, as before', () => {
    const bad = {...base(1), name: (() => 'x') as unknown as string};
    expect(() => structuredClone(encodeChunk('p', 0, [bad]))).to.throw();
    expect(() => copyRows([bad])).to.throw();
  });

  it('survives a real IndexedDB put and get', async () => {
    const name = `chunk-codec-test-${crypto.randomUUID()}`;
    const db = await openDB(name, 1, {upgrade: (d) => void d.createObjectStore('chunks', {keyPath: ['partition', 'n']})});
    try {
      const rows = SEED.slice(1000, 2000);
      const odd = [{...base(1), createdAt: '2026-01-01T10:00:00+02:00'}];
      await db.put('chunks', encodeChunk('p', 0, rows));
      await db.put('chunks', encodeChunk('p', 1, odd));
      expect(decodeChunk((await db.get('chunks', ['p', 0])) as ChunkRecord)).to.deep.equal(rows);
      expect(decodeChunk((await db.get('chunks', ['p', 1])) as ChunkRecord)).to.deep.equal(odd);
    } finally {
      db.close();
      await deleteDB(name);
    }
  });

  it('decodes records of earlier versions', () => {
    const rows = SEED.slice(0, 50);
    const legacy = [
      {partition: 'p', n: 0, rows: structuredClone(rows)},
      {partition: 'p', n: 0, rows: JSON.stringify(rows)},
      {partition: 'p', n: 0, data: JSON.stringify(rows)},
      {partition: 'p', n: 0, data: structuredClone(rows)},
      {partition: 'p', n: 0, ids: rows.map((r) => r.id), data: {v: 'json', json: JSON.stringify(rows)}},
    ] as unknown as ChunkRecord[];
    for (const record of legacy) {
      const stored = structuredClone(record);
      expect(decodeChunk(stored)).to.deep.equal(rows);
      expect(chunkIds(stored)).to.deep.equal(rows.map((r) => r.id));
    }
    expect(() => decodeChunk({partition: 'p', n: 0} as unknown as ChunkRecord)).to.throw();
  });

  it('copyRows returns equal rows that share nothing with the input', () => {
    const rows = [...SEED.slice(0, 1500), {...base(1), name: 'a\u0000b'}, {...base(2), extra: 1} as OrganizationSummary];
    const copy = copyRows(rows);
    expect(copy).to.deep.equal(rows);
    copy.forEach((row, i) => {
      const original = rows[i] as OrganizationSummary;
      expect(row).not.to.equal(original);
      expect(row.ancestorIds).not.to.equal(original.ancestorIds);
      if (original.owner) expect(row.owner).not.to.equal(original.owner);
      expect(row.contractCounts).not.to.equal(original.contractCounts);
    });
    expect(copyRows([])).to.deep.equal([]);
  });

  it('prints what 100,000 rows cost (figures, not assertions)', function () {
    this.timeout(600_000);
    // As the HTTP backend delivers them: flat strings. (The generator's template strings are ropes,
    // which whoever touches them first pays to flatten, and would blur the comparison.)
    const rows = JSON.parse(JSON.stringify(generateSeed({organizations: 100_000, seed: 1}).organizations)) as OrganizationSummary[];
    const parts = splitChunks(rows);
    const time = <T>(f: () => T): [T, number] => {
      const start = performance.now();
      const value = f();
      return [value, Math.round(performance.now() - start)];
    };
    for (let run = 1; run <= 2; run++) {
      const [records, encode] = time(() => parts.map((part, n) => encodeChunk('p', n, part)));
      expect(records.every((r) => tagOf(r) === 'columns')).to.equal(true);
      const [cloned, clone] = time(() => structuredClone(records));
      const [decoded, decode] = time(() => cloned.map((record) => decodeChunk(record)));
      expect(decoded.reduce((sum, part) => sum + part.length, 0)).to.equal(rows.length);
      const [json, stringify] = time(() => parts.map((part) => JSON.stringify(part)));
      const [jsonCloned, jsonClone] = time(() => structuredClone(json));
      const [, parse] = time(() => jsonCloned.map((text) => JSON.parse(text) as OrganizationSummary[]));
      const [, copy] = time(() => copyRows(rows));
      const [, cloneRows] = time(() => structuredClone(rows));
      const figures = {encode, clone, decode, stringify, jsonClone, parse, copyRows: copy, structuredCloneRows: cloneRows};
      console.log(`chunk codec, 100k rows, run ${run}, ms: ${JSON.stringify(figures)}`);
    }
  });
});
