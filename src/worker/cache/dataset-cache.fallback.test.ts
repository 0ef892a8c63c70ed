/**
 * IndexedDB trouble: unavailable, hanging, blocked upgrades, newer tabs, quota, failed writes, and
 * migrations of an older database. In every case the cache keeps working (in memory) and says why.
 */
import {expect} from '@open-wc/testing';
import {openDB} from 'idb';
import {TenantryError} from '../../shared/contract/errors.js';
import {encodeChunk} from './chunk-codec.js';
import {openDatasetCache, partitionId, type CacheNotice, type DatasetCache, type PartitionKey} from './dataset-cache.js';
import {dropDb, makeRow, makeRows, testDbName} from '../../testing/cache-fixtures.js';

const KEY: PartitionKey = {origin: 'https://psa.example.com/', userId: 'user-1', tenantId: 'tenant-1'};
const OTHER_USER: PartitionKey = {...KEY, userId: 'user-2'};

function noticesOf(cache: DatasetCache): CacheNotice[] {
  const seen: CacheNotice[] = [];
  cache.onNotice((n) => seen.push(n));
  return seen;
}

/** Opens a raw connection at `version` with the version-1 schema, and leaves versionchange unanswered. */
function openRawV1(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      // Version 1 as released: chunks and meta, no prefs, no indexes.
      request.result.createObjectStore('chunks', {keyPath: ['partition', 'n']});
      request.result.createObjectStore('meta', {keyPath: 'partition'});
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Puts a dataset into a version-1 database the way version 1 stored it. */
function putV1Dataset(db: IDBDatabase, key: PartitionKey, rows = makeRows(1500)): Promise<void> {
  return new Promise((resolve, reject) => {
    const pid = partitionId(key);
    const tx = db.transaction(['chunks', 'meta'], 'readwrite');
    for (let n = 0; n * 1000 < rows.length; n++) tx.objectStore('chunks').put(encodeChunk(pid, n, rows.slice(n * 1000, n * 1000 + 1000)));
    tx.objectStore('meta').put({
      partition: pid,
      userKey: JSON.stringify([key.origin, key.userId]),
      asOf: 'v1-asof',
      savedAt: 1234,
      chunkCount: Math.ceil(rows.length / 1000),
      count: rows.length,
    });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function dbVersion(name: string): Promise<number | undefined> {
  return (await indexedDB.databases()).find((d) => d.name === name)?.version;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function withPatchedPut<T>(error: DOMException, fn: () => Promise<T>): Promise<T> {
  const proto = IDBObjectStore.prototype;
  const orig = proto.put;
  proto.put = () => {
    throw error;
  };
  try {
    return await fn();
  } finally {
    proto.put = orig;
  }
}

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

async function expectUsableMemoryCache(cache: DatasetCache): Promise<void> {
  expect(cache.mode).to.equal('memory');
  const rows = makeRows(1200);
  await cache.writeAll(KEY, rows, 't');
  expect((await cache.read(KEY))!.rows).to.deep.equal(rows);
  expect(await cache.read(OTHER_USER)).to.equal(null);
}

describe('dataset cache without IndexedDB', () => {
  it('idbFactory null: memory cache with an "unavailable" notice, replayed to late subscribers', async () => {
    const cache = await openDatasetCache({idbFactory: null});
    const notices = noticesOf(cache);
    expect(notices.map((n) => [n.kind, n.reason])).to.deep.equal([['memory-fallback', 'unavailable']]);
    expect(notices[0]!.message).to.match(/memory/i);
    await expectUsableMemoryCache(cache);
    await cache.purgeUser(KEY.origin, KEY.userId); // Nothing on disk to fail on.
    expect(await cache.read(KEY)).to.equal(null);
    cache.close();
  });

  it('a factory whose open throws SecurityError: memory, "unavailable", at once', async () => {
    const factory = {
      open(): IDBOpenDBRequest {
        throw new DOMException('Access to IndexedDB is denied in this context.', 'SecurityError');
      },
    } as unknown as IDBFactory; // A stand-in: only `open` is called.
    const started = performance.now();
    const cache = await openDatasetCache({idbFactory: factory});
    expect(performance.now() - started).to.be.below(500);
    expect(noticesOf(cache).map((n) => n.reason)).to.deep.equal(['unavailable']);
    await expectUsableMemoryCache(cache);
    cache.close();
  });

  it('a factory whose open never answers: memory, "unavailable", within openTimeoutMs', async () => {
    const factory = {open: () => new EventTarget()} as unknown as IDBFactory; // A request that never fires.
    const started = performance.now();
    const cache = await openDatasetCache({idbFactory: factory, openTimeoutMs: 300});
    const elapsed = performance.now() - started;
    expect(elapsed).to.be.within(250, 1500);
    expect(noticesOf(cache).map((n) => n.reason)).to.deep.equal(['unavailable']);
    await expectUsableMemoryCache(cache);
    cache.close();
  });
});

describe('dataset cache versions and upgrades', () => {
  let name: string;
  const toClose: {close(): void}[] = [];
  beforeEach(() => {
    name = testDbName();
  });
  afterEach(async () => {
    for (const c of toClose.splice(0)) c.close();
    await dropDb(name);
  });

  it('upgrades a version-1 database keeping its data, then indexes it for sign-out', async () => {
    const v1 = await openRawV1(name);
    const rows = makeRows(1500);
    await putV1Dataset(v1, KEY, rows);
    await putV1Dataset(v1, {...KEY, tenantId: 'tenant-2'}, makeRows(10, 't2-'));
    await putV1Dataset(v1, OTHER_USER, makeRows(20, 'u2-'));
    v1.close();

    const cache = await openDatasetCache({name});
    toClose.push(cache);
    expect(cache.mode).to.equal('indexeddb');
    expect(await dbVersion(name)).to.equal(2);
    const got = (await cache.read(KEY))!;
    expect(got).to.deep.equal({rows, asOf: 'v1-asof', savedAt: 1234});
    // Version 2 features work on the migrated data: prefs, deltas, and the user index.
    await cache.setPref(KEY, 'columns', ['name']);
    expect(await cache.getPref(KEY, 'columns')).to.deep.equal(['name']);
    await cache.applyDelta(KEY, [makeRow('new')], ['org-0'], 'v2-asof');
    expect((await cache.read(KEY))!.rows.length).to.equal(1500);
    await cache.purgeUser(KEY.origin, KEY.userId);
    expect(await cache.read(KEY)).to.equal(null);
    expect(await cache.read({...KEY, tenantId: 'tenant-2'})).to.equal(null);
    expect((await cache.read(OTHER_USER))!.rows.length).to.equal(20);
  });

  it('blocked upgrade: resolves to memory with "blocked" after blockedTimeoutMs, and lets the blocker go', async () => {
    const blocker = await openRawV1(name); // Ignores versionchange: never closes by itself.
    await putV1Dataset(blocker, KEY);
    await putV1Dataset(blocker, OTHER_USER, makeRows(5, 'u2-'));
    const started = performance.now();
    const cache = await openDatasetCache({name, blockedTimeoutMs: 200, openTimeoutMs: 10_000});
    toClose.push(cache);
    expect(performance.now() - started).to.be.within(150, 2000);
    expect(noticesOf(cache).map((n) => n.reason)).to.deep.equal(['blocked']);
    expect(cache.mode).to.equal('memory');
    expect(await cache.read(KEY)).to.equal(null); // The old data is not ours to read while blocked.

    // Sign-out cannot reach the disk yet: the caller is told, and the purge happens once unblocked.
    const purge = await cache.purgeUser(KEY.origin, KEY.userId).then(() => null, (e: unknown) => e);
    expect(purge).to.be.instanceOf(TenantryError);
    expect((purge as TenantryError).code).to.equal('storage');

    blocker.close();
    await until(async () => (await dbVersion(name)) === 2);
    await until(async () => {
      const db = await openDB(name);
      const left = await db.getAllKeys('meta');
      db.close();
      return left.length === 1 && left[0] === partitionId(OTHER_USER);
    });
    await expectUsableMemoryCache(cache);
  });

  it('versionchange: our connection closes for a newer tab, which upgrades and keeps the data', async () => {
    const older = await openDatasetCache({name});
    toClose.push(older);
    const notices = noticesOf(older);
    const rows = makeRows(2000);
    await older.writeAll(KEY, rows, 't1');
    await older.setPref(KEY, 'columns', ['name']);

    const started = performance.now();
    const newer = await openDatasetCache({name, version: 3}); // Default blockedTimeoutMs is 3 s.
    toClose.push(newer);
    expect(performance.now() - started).to.be.below(1500);
    expect(newer.mode).to.equal('indexeddb');
    expect(await dbVersion(name)).to.equal(3);
    expect((await newer.read(KEY))!.rows).to.deep.equal(rows);
    expect(await newer.getPref(KEY, 'columns')).to.deep.equal(['name']);

    expect(older.mode).to.equal('memory');
    expect(notices.map((n) => n.reason)).to.deep.equal(['version-change']);
    // The older tab goes on in memory, without touching the newer tab's data.
    await older.writeAll(KEY, makeRows(3, 'mem-'), 't2');
    expect((await older.read(KEY))!.rows.length).to.equal(3);
    expect((await newer.read(KEY))!.rows).to.deep.equal(rows);
  });

  it('a database already at a newer version: memory with "version-change"', async () => {
    const newer = await openDatasetCache({name, version: 3});
    expect(newer.mode).to.equal('indexeddb');
    newer.close();
    const cache = await openDatasetCache({name});
    toClose.push(cache);
    expect(cache.mode).to.equal('memory');
    expect(noticesOf(cache).map((n) => n.reason)).to.deep.equal(['version-change']);
  });

  it('sign-out after a version-change fallback still purges the disk, for that user only', async () => {
    const older = await openDatasetCache({name});
    toClose.push(older);
    await older.writeAll(KEY, makeRows(1100), 't1');
    await older.writeAll(OTHER_USER, makeRows(1100, 'u2-'), 't1');
    const newer = await openDatasetCache({name, version: 3});
    expect(older.mode).to.equal('memory');
    newer.close(); // The newer tab closed, but its version stays.
    await older.purgeUser(KEY.origin, KEY.userId);
    const check = await openDatasetCache({name, version: 3});
    toClose.push(check);
    expect(await check.read(KEY)).to.equal(null);
    expect((await check.read(OTHER_USER))!.rows.length).to.equal(1100);
  });

  it('a deleteDatabase elsewhere is not blocked by an open cache', async () => {
    const cache = await openDatasetCache({name});
    toClose.push(cache);
    await cache.writeAll(KEY, makeRows(10), 't');
    await dropDb(name); // Asserts the deletion was not blocked.
    expect(cache.mode).to.equal('memory');
    expect(noticesOf(cache).map((n) => n.reason)).to.deep.equal(['version-change']);
  });
});

describe('dataset cache on a full disk', () => {
  let name: string;
  let cache: DatasetCache;
  beforeEach(async () => {
    name = testDbName();
    cache = await openDatasetCache({name});
    expect(cache.mode).to.equal('indexeddb');
  });
  afterEach(async () => {
    cache.close();
    await dropDb(name);
  });

  it('QuotaExceededError on writeAll: resolves, keeps the rows in memory, says "quota"', async () => {
    await cache.writeAll(KEY, makeRows(1500), 'old');
    await cache.writeAll(OTHER_USER, makeRows(30, 'u2-'), 'u2');
    await cache.setPref(OTHER_USER, 'columns', ['a']);
    const notices = noticesOf(cache);
    const rows = makeRows(2500, 'new-');
    await withPatchedPut(quota(), () => cache.writeAll(KEY, rows, 'new'));

    expect(cache.mode).to.equal('memory');
    expect(notices.map((n) => [n.kind, n.reason])).to.deep.equal([['memory-fallback', 'quota']]);
    expect(notices[0]!.message).to.match(/full/);
    expect(await cache.read(KEY)).to.deep.include({rows, asOf: 'new'});
    // What the disk already held is still served.
    expect((await cache.read(OTHER_USER))!.rows).to.deep.equal(makeRows(30, 'u2-'));
    expect(await cache.getPref(OTHER_USER, 'columns')).to.deep.equal(['a']);
    // Later writes stay in memory and never raise a second notice.
    await cache.applyDelta(OTHER_USER, [makeRow('u2-new')], ['u2-0'], 'u2b');
    expect(ids((await cache.read(OTHER_USER))!.rows)).to.deep.equal([...ids(makeRows(30, 'u2-').slice(1)), 'u2-new']);
    expect(notices.length).to.equal(1);
    // The failed transaction was rolled back whole: the disk still has the last committed rows.
    const disk = await openDB(name);
    expect((await disk.get('meta', partitionId(KEY)))?.asOf).to.equal('old');
    expect(await disk.count('chunks', IDBKeyRange.bound([partitionId(KEY), 0], [partitionId(KEY), Infinity]))).to.equal(2);
    disk.close();
  });

  it('QuotaExceededError on applyDelta: the delta lands in memory on top of the disk rows', async () => {
    const rows = makeRows(1500);
    await cache.writeAll(KEY, rows, 't1');
    await withPatchedPut(quota(), () => cache.applyDelta(KEY, [makeRow('org-2', 2, {name: 'edited'}), makeRow('added')], ['org-1'], 't2'));
    expect(cache.mode).to.equal('memory');
    const got = (await cache.read(KEY))!;
    expect(got.asOf).to.equal('t2');
    expect(got.rows).to.deep.equal([rows[0], makeRow('org-2', 2, {name: 'edited'}), ...rows.slice(3), makeRow('added')]);
  });

  it('QuotaExceededError on setPref: the pref is kept in memory', async () => {
    const notices = noticesOf(cache);
    await withPatchedPut(quota(), () => cache.setPref(KEY, 'view', {sort: 'name'}));
    expect(cache.mode).to.equal('memory');
    expect(notices.map((n) => n.reason)).to.deep.equal(['quota']);
    expect(await cache.getPref(KEY, 'view')).to.deep.equal({sort: 'name'});
  });

  it('any other write error falls back too, with reason "error"', async () => {
    const notices = noticesOf(cache);
    await withPatchedPut(new DOMException('Internal error.', 'UnknownError'), () => cache.writeAll(KEY, makeRows(5), 't'));
    expect(cache.mode).to.equal('memory');
    expect(notices.map((n) => n.reason)).to.deep.equal(['error']);
    expect((await cache.read(KEY))!.rows).to.deep.equal(makeRows(5));
  });

  it('sign-out after a quota fallback purges memory and disk, and never reads that user back', async () => {
    await cache.writeAll(KEY, makeRows(1500), 't1');
    await cache.writeAll(OTHER_USER, makeRows(5, 'u2-'), 'u2');
    await withPatchedPut(quota(), () => cache.writeAll({...KEY, tenantId: 'tenant-2'}, makeRows(3), 't'));
    expect(cache.mode).to.equal('memory');
    await cache.purgeUser(KEY.origin, KEY.userId);
    expect(await cache.read(KEY)).to.equal(null);
    expect(await cache.read({...KEY, tenantId: 'tenant-2'})).to.equal(null);
    expect((await cache.read(OTHER_USER))!.rows.length).to.equal(5);
    const disk = await openDB(name);
    expect(await disk.getAllKeys('meta')).to.deep.equal([partitionId(OTHER_USER)]);
    disk.close();
  });

  for (const when of ['in indexeddb mode', 'after a quota fallback']) {
    it(`a sign-out the disk refuses (${when}) rejects with "storage" and never serves that user again`, async () => {
      await cache.writeAll(KEY, makeRows(1500), 't1');
      await cache.setPref(KEY, 'columns', ['a']);
      if (when !== 'in indexeddb mode') await withPatchedPut(quota(), () => cache.setPref(OTHER_USER, 'x', 1));
      const proto = IDBObjectStore.prototype;
      const orig = proto.delete;
      proto.delete = () => {
        throw new DOMException('Internal error.', 'UnknownError');
      };
      let failure: unknown = null;
      try {
        await cache.purgeUser(KEY.origin, KEY.userId);
      } catch (error) {
        failure = error;
      } finally {
        proto.delete = orig;
      }
      expect(failure).to.be.instanceOf(TenantryError);
      expect((failure as TenantryError).code).to.equal('storage');
      expect(cache.mode).to.equal('memory');
      // The rows are still on disk, but this cache must not hand them out any more.
      expect(await cache.read(KEY)).to.equal(null);
      expect(await cache.getPref(KEY, 'columns')).to.equal(undefined);
    });
  }

  it('onNotice: replays to late subscribers, and an unsubscribed listener hears nothing more', async () => {
    const early: CacheNotice[] = [];
    const gone: CacheNotice[] = [];
    cache.onNotice((n) => early.push(n));
    cache.onNotice((n) => gone.push(n))();
    await withPatchedPut(quota(), () => cache.writeAll(KEY, makeRows(2), 't'));
    expect(early.map((n) => n.reason)).to.deep.equal(['quota']);
    expect(gone).to.deep.equal([]);
    expect(noticesOf(cache)).to.deep.equal(early);
  });
});

const ids = (rows: readonly {id: string}[]): string[] => rows.map((r) => r.id);
