/**
 * Semantics of the dataset cache, run against both implementations (IndexedDB in real Chromium,
 * and memory), plus what only the IndexedDB one has: chunk records, persistence, chunk-level deltas.
 */
import {expect} from '@open-wc/testing';
import {openDB} from 'idb';
import {TenantryError} from '../../shared/contract/errors.js';
import {chunkIds, type ChunkRecord} from './chunk-codec.js';
import type {OrganizationSummary} from '../../shared/model/types.js';
import {MemoryDatasetCache, openDatasetCache, partitionId, type DatasetCache, type PartitionKey} from './dataset-cache.js';
import {dropDb, makeRow, makeRows, testDbName} from '../../testing/cache-fixtures.js';

const KEY: PartitionKey = {origin: 'https://psa.example.com/api/tenantry/', userId: 'user-1', tenantId: 'tenant-1'};
const ids = (rows: readonly OrganizationSummary[]): string[] => rows.map((r) => r.id);

async function expectStorageError(promise: Promise<unknown>): Promise<TenantryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TenantryError);
    expect((error as TenantryError).code).to.equal('storage');
    return error as TenantryError;
  }
  throw new Error('expected a storage error');
}

interface Impl {
  label: string;
  open(): Promise<DatasetCache>;
  cleanup(): Promise<void>;
}

function idbImpl(): Impl {
  let name = '';
  return {
    label: 'IndexedDB',
    async open() {
      name = testDbName();
      const cache = await openDatasetCache({name});
      expect(cache.mode).to.equal('indexeddb');
      return cache;
    },
    cleanup: () => dropDb(name),
  };
}

const memoryImpl = (): Impl => ({label: 'memory', open: async () => new MemoryDatasetCache(), cleanup: async () => {}});

for (const makeImpl of [idbImpl, memoryImpl]) {
  const impl = makeImpl();
  describe(`dataset cache semantics (${impl.label})`, () => {
    let cache: DatasetCache;
    beforeEach(async () => {
      cache = await impl.open();
    });
    afterEach(async () => {
      cache.close();
      await impl.cleanup();
    });

    it('misses a partition never written', async () => {
      expect(await cache.read(KEY)).to.equal(null);
    });

    it('round-trips 2,000 realistic rows with asOf and savedAt', async () => {
      const rows = makeRows(2000);
      const before = Date.now();
      await cache.writeAll(KEY, rows, '2026-11-24T09:30:00.000Z');
      const got = await cache.read(KEY);
      expect(got).to.not.equal(null);
      expect(got!.rows).to.deep.equal(rows);
      expect(got!.asOf).to.equal('2026-11-24T09:30:00.000Z');
      expect(got!.savedAt).to.be.within(before, Date.now());
    });

    it('writeAll replaces the partition rows', async () => {
      await cache.writeAll(KEY, makeRows(1500, 'a-'), 't1');
      const second = makeRows(3, 'b-');
      await cache.writeAll(KEY, second, 't2');
      const got = await cache.read(KEY);
      expect(got!.rows).to.deep.equal(second);
      expect(got!.asOf).to.equal('t2');
    });

    it('writeAll of no rows stores an empty dataset (not a miss)', async () => {
      await cache.writeAll(KEY, [], 't0');
      expect(await cache.read(KEY)).to.deep.include({rows: [], asOf: 't0'});
    });

    it('keeps one row per id when a write repeats an id (first place, last value)', async () => {
      const rows = [makeRow('x'), makeRow('y'), makeRow('x', 2, {name: 'X2'})];
      await cache.writeAll(KEY, rows, 't');
      const got = (await cache.read(KEY))!.rows;
      expect(ids(got)).to.deep.equal(['x', 'y']);
      expect(got[0]!.name).to.equal('X2');
    });

    it('returns copies: mutating what was written or read does not change the cache', async () => {
      const rows = makeRows(3);
      await cache.writeAll(KEY, rows, 't');
      rows[0]!.name = 'changed after write';
      const first = (await cache.read(KEY))!;
      first.rows[1]!.name = 'changed after read';
      first.rows.pop();
      const again = (await cache.read(KEY))!.rows;
      expect(again.map((r) => r.name)).to.deep.equal(makeRows(3).map((r) => r.name));
    });

    it('never returns data under a key that differs in one part only', async () => {
      const variants: PartitionKey[] = [
        KEY,
        {...KEY, origin: 'https://other.example.com/api/tenantry/'},
        {...KEY, userId: 'user-2'},
        {...KEY, tenantId: 'tenant-2'},
      ];
      for (const [i, key] of variants.entries()) await cache.writeAll(key, [makeRow(`only-${i}`)], `t${i}`);
      for (const [i, key] of variants.entries()) {
        const got = await cache.read(key);
        expect(ids(got!.rows), JSON.stringify(key)).to.deep.equal([`only-${i}`]);
        expect(got!.asOf).to.equal(`t${i}`);
      }
    });

    it('keeps keys apart whose parts contain separator characters', async () => {
      // Pairs that a naive join with any of these separators would confuse.
      const tricky: PartitionKey[] = [
        {origin: 'a|b', userId: 'c', tenantId: 't'},
        {origin: 'a', userId: 'b|c', tenantId: 't'},
        {origin: 'a/b', userId: 'c', tenantId: 't'},
        {origin: 'a', userId: 'b/c', tenantId: 't'},
        {origin: 'a","b', userId: 'c', tenantId: 't'},
        {origin: 'a', userId: 'b","c', tenantId: 't'},
        {origin: 'a\u0000b', userId: 'c', tenantId: 't'},
        {origin: 'a', userId: 'b\u0000c', tenantId: 't'},
        {origin: 'a\\', userId: '"c', tenantId: 't'},
        {origin: 'a', userId: '\\"c', tenantId: 't'},
        {origin: '', userId: '', tenantId: ''},
      ];
      expect(new Set(tricky.map(partitionId)).size).to.equal(tricky.length);
      for (const [i, key] of tricky.entries()) await cache.writeAll(key, [makeRow(`k-${i}`)], `t${i}`);
      for (const [i, key] of tricky.entries()) expect(ids((await cache.read(key))!.rows), JSON.stringify(key)).to.deep.equal([`k-${i}`]);
      expect(await cache.read({origin: 'a', userId: 'b', tenantId: 'c|t'})).to.equal(null);
    });

    it('applyDelta upserts in place, appends new rows, drops removed ones, sets asOf', async () => {
      const rows = makeRows(2000);
      await cache.writeAll(KEY, rows, 't1');
      const changed = [makeRow('org-5', 9, {name: 'Renamed 5'}), makeRow('new-1'), makeRow('org-1500', 9, {name: 'Renamed 1500'}), makeRow('new-2')];
      await cache.applyDelta(KEY, changed, ['org-7', 'org-1999', 'no-such-id'], 't2');
      const expected = rows
        .filter((r) => r.id !== 'org-7' && r.id !== 'org-1999')
        .map((r) => (r.id === 'org-5' ? changed[0]! : r.id === 'org-1500' ? changed[2]! : r))
        .concat([changed[1]!, changed[3]!]);
      const got = (await cache.read(KEY))!;
      expect(got.asOf).to.equal('t2');
      expect(got.rows).to.deep.equal(expected);
    });

    it('applyDelta: a removal wins over a change of the same id; a repeated change keeps the last value', async () => {
      await cache.writeAll(KEY, makeRows(3), 't1');
      await cache.applyDelta(KEY, [makeRow('org-1', 2, {name: 'gone anyway'}), makeRow('n', 1, {name: 'first'}), makeRow('n', 1, {name: 'last'})], ['org-1'], 't2');
      const got = (await cache.read(KEY))!.rows;
      expect(ids(got)).to.deep.equal(['org-0', 'org-2', 'n']);
      expect(got[2]!.name).to.equal('last');
    });

    it('applyDelta on a partition with no dataset does nothing (never a partial dataset)', async () => {
      await cache.applyDelta(KEY, [makeRow('a')], [], 't');
      expect(await cache.read(KEY)).to.equal(null);
    });

    it('applyDelta with nothing changed still moves asOf', async () => {
      await cache.writeAll(KEY, makeRows(10), 't1');
      await cache.applyDelta(KEY, [], [], 't2');
      const got = (await cache.read(KEY))!;
      expect(got.asOf).to.equal('t2');
      expect(got.rows).to.deep.equal(makeRows(10));
    });

    it('chunk boundaries: exactly 1,000 and 1,001 rows, then deltas across them', async () => {
      const thousand = makeRows(1000);
      await cache.writeAll(KEY, thousand, 't1');
      expect((await cache.read(KEY))!.rows).to.deep.equal(thousand);
      // Adding across the boundary: the full chunk stays, a new one starts.
      const added = makeRows(3, 'add-');
      await cache.applyDelta(KEY, added, [], 't2');
      expect(ids((await cache.read(KEY))!.rows)).to.deep.equal(ids([...thousand, ...added]));

      const thousandOne = makeRows(1001, 'b-');
      await cache.writeAll(KEY, thousandOne, 't3');
      expect((await cache.read(KEY))!.rows).to.deep.equal(thousandOne);
      // Removing the only row of the last chunk, then the last row of the first chunk.
      await cache.applyDelta(KEY, [], ['b-1000'], 't4');
      expect(ids((await cache.read(KEY))!.rows)).to.deep.equal(ids(thousandOne.slice(0, 1000)));
      await cache.applyDelta(KEY, [], ['b-999'], 't5');
      expect(ids((await cache.read(KEY))!.rows)).to.deep.equal(ids(thousandOne.slice(0, 999)));
      // New rows go after the existing ones, in the order given.
      await cache.applyDelta(KEY, [makeRow('z2'), makeRow('z1')], [], 't6');
      expect(ids((await cache.read(KEY))!.rows)).to.deep.equal([...ids(thousandOne.slice(0, 999)), 'z2', 'z1']);
    });

    it('a sequence of deltas matches a model of the expected rows', async () => {
      let model = makeRows(2500);
      await cache.writeAll(KEY, model, 't0');
      for (let step = 1; step <= 6; step++) {
        const removeIds = model.filter((_, i) => i % (97 + step) === step).map((r) => r.id);
        const updates = model.filter((_, i) => i % (131 + step) === 0).map((r) => ({...r, version: r.version + step}));
        const fresh = makeRows(150 * step, `s${step}-`);
        await cache.applyDelta(KEY, [...updates, ...fresh], removeIds, `t${step}`);
        const updated = new Map(updates.map((r) => [r.id, r]));
        model = model.filter((r) => !removeIds.includes(r.id)).map((r) => updated.get(r.id) ?? r).concat(fresh);
        const got = (await cache.read(KEY))!;
        expect(got.asOf).to.equal(`t${step}`);
        expect(got.rows.length).to.equal(model.length);
        expect(got.rows).to.deep.equal(model);
      }
    });

    it('purgeUser removes every partition and pref of that origin+user only', async () => {
      const other = 'https://other.example.com/';
      const mine = [KEY, {...KEY, tenantId: 'tenant-2'}];
      const kept = [{...KEY, userId: 'user-2'}, {...KEY, origin: other}];
      for (const key of [...mine, ...kept]) {
        await cache.writeAll(key, makeRows(1200), 't');
        await cache.setPref(key, 'columns', ['name', 'status']);
      }
      await cache.purgeUser(KEY.origin, KEY.userId);
      for (const key of mine) {
        expect(await cache.read(key)).to.equal(null);
        expect(await cache.getPref(key, 'columns')).to.equal(undefined);
      }
      for (const key of kept) {
        expect((await cache.read(key))!.rows.length).to.equal(1200);
        expect(await cache.getPref(key, 'columns')).to.deep.equal(['name', 'status']);
      }
      // Purging is not a dead end: the user can sign in again and be cached again.
      await cache.writeAll(KEY, makeRows(2), 't2');
      expect((await cache.read(KEY))!.rows.length).to.equal(2);
    });

    it('dropPartition removes one partition’s rows and prefs, and nothing else', async () => {
      const other = {...KEY, tenantId: 'tenant-2'};
      // Ids that share a prefix with the dropped one must survive (the ranges are exact).
      const lookalike = {...KEY, tenantId: 'tenant-1x'};
      for (const key of [KEY, other, lookalike]) {
        await cache.writeAll(key, makeRows(1500), 't');
        await cache.setPref(key, 'snapshot', {rows: [1, 2]});
        await cache.setPref(key, 'ui:grid.layout', {density: 'compact'});
      }
      await cache.dropPartition(KEY);
      expect(await cache.read(KEY)).to.equal(null);
      expect(await cache.getPref(KEY, 'snapshot')).to.equal(undefined);
      expect(await cache.getPref(KEY, 'ui:grid.layout')).to.equal(undefined);
      for (const key of [other, lookalike]) {
        expect((await cache.read(key))!.rows.length).to.equal(1500);
        expect(await cache.getPref(key, 'snapshot')).to.deep.equal({rows: [1, 2]});
        expect(await cache.getPref(key, 'ui:grid.layout')).to.deep.equal({density: 'compact'});
      }
    });

    it('prefs: per partition and name, JSON semantics, undefined removes', async () => {
      expect(await cache.getPref(KEY, 'view')).to.equal(undefined);
      const view = {name: 'Mine', filters: [{column: 'status', op: 'eq', value: 'active'}], when: new Date(0)};
      await cache.setPref(KEY, 'view', view);
      expect(await cache.getPref(KEY, 'view')).to.deep.equal({...view, when: '1970-01-01T00:00:00.000Z'});
      expect(await cache.getPref({...KEY, tenantId: 'tenant-2'}, 'view')).to.equal(undefined);
      expect(await cache.getPref({...KEY, userId: 'user-2'}, 'view')).to.equal(undefined);
      expect(await cache.getPref(KEY, 'other')).to.equal(undefined);
      await cache.setPref(KEY, 'view', 3);
      expect(await cache.getPref<number>(KEY, 'view')).to.equal(3);
      await cache.setPref(KEY, 'view', undefined);
      expect(await cache.getPref(KEY, 'view')).to.equal(undefined);
    });

    it('refuses a pref value JSON cannot hold', async () => {
      await expectStorageError(cache.setPref(KEY, 'bad', {n: 1n}));
      expect(await cache.getPref(KEY, 'bad')).to.equal(undefined);
    });

    it('refuses rows that cannot be stored, keeping the previous dataset and the mode', async () => {
      const mode = cache.mode;
      await cache.writeAll(KEY, makeRows(1500), 't1');
      // A caller's bug (a function in a row) must not be taken for a broken disk.
      const bad = {...makeRow('bad'), name: (() => 'x') as unknown as string};
      await expectStorageError(cache.writeAll(KEY, [...makeRows(1500), bad], 't2'));
      await expectStorageError(cache.applyDelta(KEY, [bad], [], 't2'));
      expect(cache.mode).to.equal(mode);
      const got = (await cache.read(KEY))!;
      expect(got.asOf).to.equal('t1');
      expect(got.rows).to.deep.equal(makeRows(1500));
    });

    it('rejects calls after close with a storage error', async () => {
      await cache.writeAll(KEY, makeRows(1), 't');
      cache.close();
      await expectStorageError(cache.read(KEY));
      await expectStorageError(cache.writeAll(KEY, [], 't'));
    });
  });
}

describe('dataset cache on IndexedDB', () => {
  let name: string;
  let cache: DatasetCache;
  const opened: DatasetCache[] = [];
  const open = async (): Promise<DatasetCache> => {
    const c = await openDatasetCache({name});
    opened.push(c);
    expect(c.mode).to.equal('indexeddb');
    return c;
  };
  /** Records the chunk numbers the cache puts and deletes while `fn` runs. */
  async function watchChunkWrites(fn: () => Promise<void>): Promise<{put: number[]; deleted: unknown[]}> {
    const put: number[] = [];
    const deleted: unknown[] = [];
    const proto = IDBObjectStore.prototype;
    const {put: origPut, delete: origDelete} = proto;
    proto.put = function (this: IDBObjectStore, value: {n?: number}, key?: IDBValidKey) {
      if (this.name === 'chunks') put.push(value.n as number);
      return origPut.call(this, value, key);
    };
    proto.delete = function (this: IDBObjectStore, query: IDBValidKey | IDBKeyRange) {
      if (this.name === 'chunks') deleted.push(query);
      return origDelete.call(this, query);
    };
    try {
      await fn();
    } finally {
      proto.put = origPut;
      proto.delete = origDelete;
    }
    return {put: put.sort((a, b) => a - b), deleted};
  }
  async function chunkSizes(key: PartitionKey): Promise<Map<number, number>> {
    const db = await openDB(name);
    try {
      const pid = partitionId(key);
      const records = await db.getAll('chunks', IDBKeyRange.bound([pid, 0], [pid, Infinity]));
      // Through the codec, so this holds whatever the chunk encoding is.
      return new Map(records.map((r: ChunkRecord) => [r.n, chunkIds(r).length]));
    } finally {
      db.close();
    }
  }

  beforeEach(async () => {
    name = testDbName();
    cache = await open();
  });
  afterEach(async () => {
    for (const c of opened.splice(0)) c.close();
    await dropDb(name);
  });

  it('stores ≈1,000 rows a record: 2,000 → 2 records, 1,000 → 1, 1,001 → 2', async () => {
    await cache.writeAll(KEY, makeRows(2000), 't');
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 1000], [1, 1000]]);
    await cache.writeAll(KEY, makeRows(1000), 't');
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 1000]]);
    await cache.writeAll(KEY, makeRows(1001), 't');
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 1000], [1, 1]]);
    const meta = await (async () => {
      const db = await openDB(name);
      const m = await db.get('meta', partitionId(KEY));
      db.close();
      return m as {count: number; chunkCount: number; userKey: string};
    })();
    expect(meta).to.include({count: 1001, chunkCount: 2, userKey: JSON.stringify([KEY.origin, KEY.userId])});
  });

  it('persists across connections', async () => {
    const rows = makeRows(2000);
    await cache.writeAll(KEY, rows, 't1');
    await cache.setPref(KEY, 'columns', ['a']);
    cache.close();
    const again = await open();
    expect((await again.read(KEY))!.rows).to.deep.equal(rows);
    expect(await again.getPref(KEY, 'columns')).to.deep.equal(['a']);
  });

  it('applyDelta rewrites only the chunks it touches', async () => {
    await cache.writeAll(KEY, makeRows(3000), 't1');
    // A change in chunk 1 only.
    let w = await watchChunkWrites(() => cache.applyDelta(KEY, [makeRow('org-1234', 5)], [], 't2'));
    expect(w.put).to.deep.equal([1]);
    expect(w.deleted).to.deep.equal([]);
    // New rows when the last chunk is full: one new chunk, nothing else.
    w = await watchChunkWrites(() => cache.applyDelta(KEY, makeRows(5, 'n-'), [], 't3'));
    expect(w.put).to.deep.equal([3]);
    // A removal in chunk 0 and more new rows: chunk 0 and the last chunk (which has room).
    w = await watchChunkWrites(() => cache.applyDelta(KEY, makeRows(2, 'm-'), ['org-10'], 't4'));
    expect(w.put).to.deep.equal([0, 3]);
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 999], [1, 1000], [2, 1000], [3, 7]]);
    const got = (await cache.read(KEY))!.rows;
    expect(got.length).to.equal(3006);
    expect(ids(got.slice(-7))).to.deep.equal([...ids(makeRows(5, 'n-')), ...ids(makeRows(2, 'm-'))]);
  });

  it('deletes a chunk emptied by a delta and appends after the last remaining one', async () => {
    await cache.writeAll(KEY, makeRows(2500), 't1');
    const chunk1 = makeRows(2500).slice(1000, 2000).map((r) => r.id);
    const w = await watchChunkWrites(() => cache.applyDelta(KEY, [], chunk1, 't2'));
    expect(w.put).to.deep.equal([]);
    expect(w.deleted.length).to.equal(1);
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 1000], [2, 500]]);
    await cache.applyDelta(KEY, makeRows(600, 'x-'), [], 't3');
    expect([...(await chunkSizes(KEY))]).to.deep.equal([[0, 1000], [2, 1000], [3, 100]]);
    const expected = [...makeRows(2500).filter((r) => !chunk1.includes(r.id)), ...makeRows(600, 'x-')];
    expect((await cache.read(KEY))!.rows).to.deep.equal(expected);
  });

  it('builds the chunk index lazily when a delta comes before any read', async () => {
    await cache.writeAll(KEY, makeRows(2000), 't1');
    cache.close();
    const fresh = await open();
    const w = await watchChunkWrites(() => fresh.applyDelta(KEY, [makeRow('org-1999', 3, {name: 'last one'})], ['org-0'], 't2'));
    expect(w.put).to.deep.equal([0, 1]);
    const got = (await fresh.read(KEY))!.rows;
    expect(got.length).to.equal(1999);
    expect(got[0]!.id).to.equal('org-1');
    expect(got[1998]!.name).to.equal('last one');
  });

  it('notices another connection’s writes (stale index) before applying a delta', async () => {
    const tabA = cache;
    const tabB = await open();
    await tabA.writeAll(KEY, makeRows(1500), 't1');
    expect((await tabB.read(KEY))!.rows.length).to.equal(1500); // B now holds an index.
    await tabA.writeAll(KEY, makeRows(1200, 'other-'), 't2'); // … which this makes stale.
    await tabB.applyDelta(KEY, [makeRow('other-5', 7, {name: 'B edit'}), makeRow('b-new')], ['other-0'], 't3');
    const expected = makeRows(1200, 'other-')
      .slice(1)
      .map((r) => (r.id === 'other-5' ? makeRow('other-5', 7, {name: 'B edit'}) : r))
      .concat(makeRow('b-new'));
    expect((await tabA.read(KEY))!.rows).to.deep.equal(expected);
  });

  it('keeps a partition unchanged when its delta write fails', async () => {
    // Fault injection only in this test: the delta's transaction fails after its first request.
    await cache.writeAll(KEY, makeRows(1500), 't1');
    const proto = IDBObjectStore.prototype;
    const orig = proto.put;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'meta') throw new DOMException('Disk is on fire', 'UnknownError');
      return orig.apply(this, args);
    };
    try {
      await cache.applyDelta(KEY, [makeRow('org-3', 4, {name: 'x'})], ['org-4'], 't2');
    } finally {
      proto.put = orig;
    }
    expect(cache.mode).to.equal('memory'); // A failed write means memory from now on …
    const fromMemory = (await cache.read(KEY))!;
    expect(fromMemory.asOf).to.equal('t2'); // … holding the delta's result …
    expect(fromMemory.rows.length).to.equal(1499);
    cache.close();
    const disk = (await open()).read(KEY); // … while the disk kept the last committed state.
    expect((await disk)!.asOf).to.equal('t1');
    expect((await disk)!.rows).to.deep.equal(makeRows(1500));
  });
});
