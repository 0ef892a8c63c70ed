/**
 * The chunk encoding of the dataset cache: exact round trips (through structured clone and
 * IndexedDB, as the cache stores them), the fallbacks for values the columns cannot hold, records
 * of earlier versions, and (printed, not asserted) what it costs for 100,000 rows.
 */
import {expect} from '@open-wc/testing';
import {deleteDB, openDB} from 'idb';
import {generateSeed} from '../backends/embedded/seed.js';
import type {OrganizationSummary} from '../model/types.js';
import {CHUNK_ROWS, chunkIds, copyRows, decodeChunk, encodeChunk, splitChunks, type ChunkRecord} from './chunk-codec.js';

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
    expect(SEED.some((r) => r.tenants.length === 0) && SEED.some((r) => r.workloads.length === 0)).to.equal(true);
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
    const rows = names.map((name, i) => ({...base(i), name, domain: name, tenants: [{tenantId: name, name, domain: ''}]}));
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
    const data = record.data as {dateText: (string | null)[]};
    expect(data.dateText.map((c) => c !== null)).to.deep.equal([true, true, false, false, false, true, false, false]);
    // An instant column never hands back a calendar date, nor the reverse.
    expect(tagOf(roundTrip([{...base(1), licenseExpiresOn: '2026-01-01T00:00:00.000Z'}, {...base(2), createdAt: '2026-01-01'}]))).to.equal('columns');
  });

  it('keeps null, 0, -0, absent contract statuses and list order apart', () => {
    const rows: OrganizationSummary[] = [
      {...base(1), savingsPercent: 0, secureScore: null, projectedAnnualCost: {amount: -0, currency: 'USD'}, contractCounts: {active: 0}},
      {...base(2), savingsPercent: null, secureScore: 0, projectedAnnualCost: null, contractCounts: {}},
      {...base(3), onboarding: {done: 0, total: 0}, creditQuota: {credits: 0, effectiveOn: '2026-01-01', endsOn: null}},
      {...base(4), onboarding: null, creditQuota: null, plan: null, storageRegion: null, parentId: null, owner: null, admin: null},
      {...base(5), lastCollection: {cost: null, security: null, operations: null}, licenseExpiresOn: null, version: 2 ** 53 - 1},
      {...base(6), workloads: ['nas', 'microsoft-365', 'nas'], ancestorIds: [], tenants: [], owner: {id: '', displayName: ''}},
      {...base(7), savingsPercent: 12.345678901234567, secureScore: 1e-300, readerCount: 1e21},
    ];
    const back = decodeChunk(roundTrip(rows));
    expect(Object.is(back[0]?.projectedAnnualCost?.amount, -0)).to.equal(true);
    expect(back[0]?.contractCounts).to.deep.equal({active: 0});
    expect(back[1]?.contractCounts).to.deep.equal({});
    // Every key of the summary is present on every decoded row.
    for (const row of back) expect(Object.keys(row).sort()).to.deep.equal(Object.keys(rows[0] as object).sort());
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
    this.timeout(300_000);
    const rows = generateSeed({organizations: 100_000, seed: 1}).organizations;
    const parts = splitChunks(rows);
    const time = <T>(f: () => T): [T, number] => {
      const start = performance.now();
      const value = f();
      return [value, Math.round(performance.now() - start)];
    };
    const report: Record<string, number> = {};
    for (let run = 1; run <= 2; run++) {
      const [records, encode] = time(() => parts.map((part, n) => encodeChunk('p', n, part)));
      const [cloned, clone] = time(() => structuredClone(records));
      const [decoded, decode] = time(() => cloned.flatMap((record) => decodeChunk(record)));
      const [, ids] = time(() => cloned.map((record) => chunkIds(record)));
      const [json, stringify] = time(() => parts.map((part) => JSON.stringify(part)));
      const [jsonCloned, jsonClone] = time(() => structuredClone(json));
      const [, parse] = time(() => jsonCloned.flatMap((text) => JSON.parse(text) as OrganizationSummary[]));
      const [, copy] = time(() => copyRows(rows));
      const [, cloneRows] = time(() => structuredClone(rows));
      expect(decoded).to.have.length(rows.length);
      expect(records.every((r) => tagOf(r) === 'columns')).to.equal(true);
      Object.assign(report, {run, encode, clone, decode, ids, stringify, jsonClone, parse, copyRows: copy, structuredCloneRows: cloneRows});
      console.log(`chunk codec, 100k rows, run ${run}: ${JSON.stringify(report)}`);
    }
    expect(decodeChunk(structuredClone(encodeChunk('p', 0, rows.slice(0, 1000))))).to.deep.equal(rows.slice(0, 1000));
  });
});
