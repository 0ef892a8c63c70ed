/**
 * The dataset cache of the data worker: organization lists per {origin, user, tenant} in
 * IndexedDB, so a reload paints from disk and then only asks the server for a delta.
 *
 * Storage is a convenience, never a requirement: `openDatasetCache` never rejects or hangs, and any
 * IndexedDB trouble (unavailable, blocked upgrade, quota, another tab's upgrade, failed writes)
 * turns the cache into a memory cache with the same semantics, announced by a `CacheNotice`.
 * After a mid-life fallback the disk is still read for partitions memory has not taken over, and
 * sign-out still purges the disk.
 *
 * Works in a dedicated worker and on a main thread (only IndexedDB, timers and JSON are used).
 */
import {wrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction} from 'idb';
import {TenantryError} from '../../shared/contract/errors.js';
import type {OrganizationSummary} from '../../shared/model/types.js';
import {CHUNK_ROWS, chunkIds, decodeChunk, encodeChunk, splitChunks, type ChunkRecord} from './chunk-codec.js';
import {yieldToQueue} from '../yield.js';

/** Longest stretch of encoding before queued work (a query) gets its turn. */
const ENCODE_SLICE_MS = 8;
import type {CachedDataset, CacheNotice, DatasetCache} from './contract.js';
import {closedError, MemoryDatasetCache, prefJson, unstorableRows} from './memory-cache.js';
import {noticeFor, NoticeHub} from './notices.js';
import {DEFAULT_CACHE_NAME, partitionId, prefKeyOf, userKeyOf, type PartitionKey} from '../../shared/saved-state.js';
import {normalizeDelta, uniqueById} from './partition.js';
import {chunkRange, DB_VERSION, migrate, type CacheSchema, type MetaRecord, type StoreName} from './schema.js';

export type {CachedDataset, CacheNotice, DatasetCache} from './contract.js';
export {partitionId, type PartitionKey} from '../../shared/saved-state.js';
export {MemoryDatasetCache} from './memory-cache.js';

/**
 * `uniqueById` in slices: hashing 100,000 ids the first time takes 20–30 ms, too long for one
 * task of a worker that is answering queries meanwhile. A duplicate (rare) falls back to it.
 */
async function uniqueInSlices(rows: readonly OrganizationSummary[]): Promise<OrganizationSummary[]> {
  const seen = new Set<string>();
  let since = performance.now();
  for (let i = 0; i < rows.length; i++) {
    if (seen.has(rows[i].id)) return uniqueById(rows);
    seen.add(rows[i].id);
    if ((i & 1023) === 1023 && performance.now() - since >= ENCODE_SLICE_MS) {
      await yieldToQueue();
      since = performance.now();
    }
  }
  return [...rows];
}

export interface OpenCacheOptions {
  /** Default `globalThis.indexedDB`; `null` = unavailable. */
  idbFactory?: IDBFactory | null;
  /** Default `'tenantry-cache'`. */
  name?: string;
  /** How long to wait for other connections to let an upgrade through. Default 3,000 ms. */
  blockedTimeoutMs?: number;
  /** How long opening may take in all. Default 5,000 ms. */
  openTimeoutMs?: number;
  /** @internal Schema version to open at (tests act as a newer build with a higher one). */
  version?: number;
}

type Reason = CacheNotice['reason'];
type Db = IDBPDatabase<CacheSchema>;
type Tx<M extends IDBTransactionMode = 'readwrite'> = IDBPTransaction<CacheSchema, StoreName[], M>;
type ChunkStore = IDBPObjectStore<CacheSchema, StoreName[], 'chunks', 'readwrite'>;

interface OpenConfig {
  factory: IDBFactory | null;
  name: string;
  version: number;
  blockedTimeoutMs: number;
  openTimeoutMs: number;
}

/** Where an open that was given up on stands: it may still succeed later (a blocker closed). */
interface PendingOpen {
  late: ((db: IDBDatabase) => void) | null;
}

type OpenOutcome = {db: IDBDatabase} | {reason: Reason; pending: PendingOpen | null};

/** Which chunk holds each row of a partition, as of the write `rev`. */
interface ChunkIndex {
  userKey: string;
  rev: string | undefined;
  chunkOf: Map<string, number>;
  /** Rows per chunk present on disk. */
  sizes: Map<number, number>;
  /** Next unused chunk number. */
  nextN: number;
}

const noop = (): void => {};

const errorName = (error: unknown): string =>
  error instanceof DOMException || error instanceof Error ? error.name : '';

/** Why opening failed, as a notice reason. */
function openReason(error: unknown): Reason {
  switch (errorName(error)) {
    case 'QuotaExceededError':
      return 'quota';
    case 'VersionError':
      return 'version-change'; // The database is already at a newer version: a newer build owns it.
    case 'AbortError':
    case 'ConstraintError':
    case 'DataError':
      return 'error';
    default:
      return 'unavailable'; // SecurityError, InvalidStateError (private mode), UnknownError, …
  }
}

const writeReason = (error: unknown): Reason => (errorName(error) === 'QuotaExceededError' ? 'quota' : 'error');

let revCounter = 0;
/** A write's revision: unique enough across tabs to tell one write from another. */
const newRev = (): string => `${Date.now().toString(36)}.${(revCounter++).toString(36)}.${Math.random().toString(36).slice(2, 10)}`;

function defaultFactory(): IDBFactory | null {
  try {
    // Reading `indexedDB` itself throws SecurityError in some sandboxed contexts.
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Opens the database with the raw API (idb's `openDB` always uses the global factory and cannot
 * time out), migrating as needed. Resolves once, within the timeouts; a connection that arrives
 * after we gave up goes to `pending.late`, or is closed.
 */
function openConnection(cfg: OpenConfig): Promise<OpenOutcome> {
  return new Promise((resolve) => {
    if (!cfg.factory) {
      resolve({reason: 'unavailable', pending: null});
      return;
    }
    const pending: PendingOpen = {late: null};
    let settled = false;
    let wasBlocked = false;
    let blockedTimer: ReturnType<typeof setTimeout> | undefined;
    const settle = (outcome: OpenOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(openTimer);
      clearTimeout(blockedTimer);
      resolve(outcome);
    };
    const openTimer = setTimeout(() => settle({reason: wasBlocked ? 'blocked' : 'unavailable', pending}), cfg.openTimeoutMs);
    try {
      const request = cfg.factory.open(cfg.name, cfg.version);
      request.addEventListener('upgradeneeded', (event) => {
        const tx = request.transaction;
        try {
          if (!tx) throw new Error('No upgrade transaction.');
          migrate(request.result, tx, event.oldVersion, event.newVersion ?? cfg.version);
        } catch {
          try {
            tx?.abort(); // The open then fails with AbortError and the old version stays intact.
          } catch {
            /* already aborted */
          }
        }
      });
      request.addEventListener('blocked', () => {
        wasBlocked = true;
        blockedTimer ??= setTimeout(() => settle({reason: 'blocked', pending}), cfg.blockedTimeoutMs);
      });
      request.addEventListener('success', () => {
        const db = request.result;
        if (!settled) settle({db});
        else if (pending.late) pending.late(db);
        else db.close();
      });
      request.addEventListener('error', (event) => {
        event.preventDefault();
        settle({reason: openReason(request.error), pending: null});
      });
    } catch (error) {
      settle({reason: openReason(error), pending: null});
    }
  });
}

/** Whether the database has this code's stores and indexes (not some other database of the same name). */
function hasSchema(db: IDBDatabase): boolean {
  try {
    const names = db.objectStoreNames;
    if (!names.contains('chunks') || !names.contains('meta') || !names.contains('prefs')) return false;
    const tx = db.transaction(['meta', 'prefs'], 'readonly');
    return tx.objectStore('meta').indexNames.contains('byUser') && tx.objectStore('prefs').indexNames.contains('byUser');
  } catch {
    return false;
  }
}

/** A transaction whose `done` never counts as an unhandled rejection (callers await it when they care). */
function begin<M extends IDBTransactionMode>(db: Db, stores: StoreName[], mode: M): Tx<M> {
  const tx = db.transaction(stores, mode);
  tx.done.catch(noop);
  return tx;
}

function abortQuietly(tx: Tx<IDBTransactionMode>): void {
  try {
    tx.abort();
  } catch {
    /* already finished or aborting */
  }
}

/**
 * Runs the requests `body` issues in `tx` and waits for the commit. On any failure the transaction
 * is aborted, so a half-done write (say, old chunks deleted but new ones refused) never commits.
 */
async function runWrites(tx: Tx, body: (ops: Promise<unknown>[]) => void | Promise<void>): Promise<void> {
  const ops: Promise<unknown>[] = [];
  try {
    await body(ops);
    await Promise.all([...ops, tx.done]);
  } catch (error) {
    for (const op of ops) op.catch(noop);
    abortQuietly(tx);
    throw error;
  }
}

/** Removes a user's partitions and prefs; copes with a version-1 database (no indexes, no prefs). */
async function purgeDisk(raw: IDBDatabase, userKey: string): Promise<void> {
  // The schema is ours: created by MIGRATIONS (a database of another shape fails here and is reported).
  const db = wrap(raw) as unknown as Db;
  const stores = (['chunks', 'meta', 'prefs'] as const).filter((s) => raw.objectStoreNames.contains(s));
  if (!stores.includes('meta')) return;
  const tx = begin(db, stores, 'readwrite');
  await runWrites(tx, async (ops) => {
    const meta = tx.objectStore('meta');
    const partitions = meta.indexNames.contains('byUser')
      ? await meta.index('byUser').getAllKeys(userKey)
      : (await meta.getAll()).filter((m) => m.userKey === userKey).map((m) => m.partition);
    for (const partition of partitions) {
      ops.push(meta.delete(partition));
      if (stores.includes('chunks')) ops.push(tx.objectStore('chunks').delete(chunkRange(partition)));
    }
    if (stores.includes('prefs')) {
      const prefs = tx.objectStore('prefs');
      if (prefs.indexNames.contains('byUser')) {
        for (const key of await prefs.index('byUser').getAllKeys(userKey)) ops.push(prefs.delete(key));
      }
    }
  });
}

/**
 * Opens the database at whatever version it has, for a sign-out purge once our own connection is
 * gone. Resolves `null` when there is no such database; rejects on error or timeout.
 */
function reopenForPurge(factory: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let absent = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new Error('Opening the offline storage timed out.'));
    }, timeoutMs);
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    try {
      const request = factory.open(name);
      request.addEventListener('upgradeneeded', () => {
        // Version 0: nothing was ever stored. Abort rather than create an empty database.
        absent = true;
        request.transaction?.abort();
      });
      request.addEventListener('success', () => {
        const db = request.result;
        if (settled) db.close();
        else finish(() => resolve(db));
      });
      request.addEventListener('error', (event) => {
        event.preventDefault();
        finish(() => (absent ? resolve(null) : reject(request.error)));
      });
    } catch (error) {
      finish(() => reject(error));
    }
  });
}

const purgeFailed = (cause: unknown): TenantryError =>
  new TenantryError('storage', `Could not remove this user's cached data from this device: ${errorName(cause) || String(cause)}.`, {reason: {id: 'cache.purge-failed', params: {}}, detail: errorName(cause) || String(cause)});

class IndexedDbDatasetCache implements DatasetCache {
  /** The connection: written to while in indexeddb mode; after a quota/error fallback only read and purged. */
  private db: Db | null = null;
  private raw: IDBDatabase | null = null;
  private current: 'indexeddb' | 'memory';
  private readonly memory = new MemoryDatasetCache();
  private readonly hub = new NoticeHub();
  private readonly indexes = new Map<string, ChunkIndex>();
  /** Memory mode: partitions and prefs whose memory state supersedes the disk. */
  private readonly shadowed = new Set<string>();
  private readonly shadowedPrefs = new Set<string>();
  /** Memory mode: users signed out, whose disk data must never be read again. */
  private readonly purgedUsers = new Set<string>();
  /** Users whose disk data a late connection (after a blocked open) must purge. */
  private readonly latePurges = new Set<string>();
  private closed = false;

  constructor(
    private readonly cfg: OpenConfig,
    raw: IDBDatabase | null,
    /** Why the cache starts in memory, if it does. */
    private readonly startReason: Reason | null,
    pending: PendingOpen | null,
  ) {
    this.current = raw ? 'indexeddb' : 'memory';
    if (raw) this.attach(raw);
    if (startReason) this.hub.raise(noticeFor(startReason));
    if (pending) pending.late = (late) => void this.onLateConnection(late);
  }

  get mode(): 'indexeddb' | 'memory' {
    return this.current;
  }

  private attach(raw: IDBDatabase): void {
    this.raw = raw;
    // The schema is ours: hasSchema checked it before this cache was made.
    this.db = wrap(raw) as unknown as Db;
    // A newer tab wants to upgrade (or the database is being deleted): let it, and go on in memory.
    raw.addEventListener('versionchange', () => {
      this.detach();
      this.fallback('version-change');
    });
    // The browser closed the connection (storage cleared, disk error).
    raw.addEventListener('close', () => {
      this.detach();
      this.fallback('error');
    });
  }

  private detach(): void {
    try {
      this.raw?.close();
    } catch {
      /* already closed */
    }
    this.raw = null;
    this.db = null;
  }

  /** Switches to memory once; the first reason is the one announced. */
  private fallback(reason: Reason): void {
    if (this.current === 'memory') return;
    this.current = 'memory';
    this.indexes.clear();
    this.hub.raise(noticeFor(reason));
  }

  /** A disk write failed: bad rows are the caller's to know; anything else moves the cache to memory. */
  private writeFailed(error: unknown): void {
    if (errorName(error) === 'DataCloneError') throw unstorableRows(error);
    this.fallback(writeReason(error));
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }

  /** The connection, only while writes go to disk. */
  private get writable(): Db | null {
    return this.current === 'indexeddb' ? this.db : null;
  }

  /** Memory mode: whether memory, not the disk, answers for this partition. */
  private memoryOwns(key: PartitionKey, pid: string): boolean {
    return this.memory.hasPartition(key) || this.shadowed.has(pid) || this.purgedUsers.has(userKeyOf(key.origin, key.userId));
  }

  async read(key: PartitionKey): Promise<CachedDataset | null> {
    this.assertOpen();
    const pid = partitionId(key);
    const db = this.writable ?? (this.memoryOwns(key, pid) ? null : this.db);
    if (!db) return this.memory.read(key);
    try {
      return await this.readDisk(db, pid, this.current === 'indexeddb');
    } catch {
      return null; // Unreadable data is a cache miss: the caller loads from the server and rewrites it.
    }
  }

  private async readDisk(db: Db, pid: string, keepIndex: boolean): Promise<CachedDataset | null> {
    const tx = begin(db, ['meta', 'chunks'], 'readonly');
    const [meta, records] = await Promise.all([tx.objectStore('meta').get(pid), tx.objectStore('chunks').getAll(chunkRange(pid))]);
    if (!meta) return null;
    const rows: OrganizationSummary[] = [];
    const index = keepIndex ? emptyIndex(meta) : null;
    for (const record of records) {
      const part = decodeChunk(record);
      for (const row of part) rows.push(row);
      if (index) indexChunk(index, record.n, part.map((row) => row.id));
    }
    if (rows.length !== meta.count) throw new Error(`Partition holds ${rows.length} rows, meta says ${meta.count}.`);
    // Set before this continuation yields, so it is in place before any later write transaction runs.
    if (index) this.indexes.set(pid, index);
    return {rows, asOf: meta.asOf, savedAt: meta.savedAt};
  }

  async writeAll(key: PartitionKey, rows: readonly OrganizationSummary[], asOf: string): Promise<void> {
    this.assertOpen();
    const pid = partitionId(key);
    const unique = await uniqueInSlices(rows);
    const db = this.writable;
    if (db) {
      try {
        await this.writeAllDisk(db, key, pid, unique, asOf);
        return;
      } catch (error) {
        this.writeFailed(error);
      }
    }
    // Memory keeps the rows of a write the disk refused.
    this.shadowed.add(pid);
    await this.memory.writeAll(key, unique, asOf);
  }

  private async writeAllDisk(db: Db, key: PartitionKey, pid: string, rows: OrganizationSummary[], asOf: string): Promise<void> {
    const userKey = userKeyOf(key.origin, key.userId);
    const chunks = splitChunks(rows);
    const rev = newRev();
    const index: ChunkIndex = {userKey, rev, chunkOf: new Map(), sizes: new Map(), nextN: chunks.length};
    this.indexes.delete(pid);
    // Encoding 100,000 rows takes hundreds of milliseconds: done in slices first, so queries keep
    // being answered meanwhile; the transaction then only stores what is ready.
    const records: ChunkRecord[] = [];
    let since = performance.now();
    for (const [n, part] of chunks.entries()) {
      records.push(encodeChunk(pid, n, part));
      indexChunk(index, n, part.map((row) => row.id));
      if (performance.now() - since >= ENCODE_SLICE_MS) {
        await yieldToQueue();
        since = performance.now();
      }
    }
    const tx = begin(db, ['meta', 'chunks'], 'readwrite');
    await runWrites(tx, (ops) => {
      const store = tx.objectStore('chunks');
      ops.push(store.delete(chunkRange(pid)));
      for (const record of records) ops.push(store.put(record));
      const meta: MetaRecord = {partition: pid, userKey, asOf, savedAt: Date.now(), chunkCount: chunks.length, count: rows.length, rev};
      ops.push(tx.objectStore('meta').put(meta));
    });
    this.indexes.set(pid, index);
  }

  async applyDelta(key: PartitionKey, changed: readonly OrganizationSummary[], removedIds: readonly string[], asOf: string): Promise<void> {
    this.assertOpen();
    const pid = partitionId(key);
    const db = this.writable;
    if (db) {
      try {
        await this.applyDeltaDisk(db, pid, changed, removedIds, asOf);
        return;
      } catch (error) {
        this.writeFailed(error);
      }
    }
    if (!this.memoryOwns(key, pid)) {
      // The base is on disk (the failed transaction left it intact): bring it into memory first.
      this.shadowed.add(pid);
      const base = this.db ? await this.readDisk(this.db, pid, false).catch(() => null) : null;
      // Without a base the delta is dropped and the partition reads as a miss (never as partial data).
      if (!base) return;
      this.memory.adopt(key, base);
    }
    await this.memory.applyDelta(key, changed, removedIds, asOf);
  }

  private async applyDeltaDisk(
    db: Db,
    pid: string,
    changed: readonly OrganizationSummary[],
    removedIds: readonly string[],
    asOf: string,
  ): Promise<void> {
    const {upserts, removed} = normalizeDelta(changed, removedIds);
    let committed = null as ChunkIndex | null;
    const tx = begin(db, ['meta', 'chunks'], 'readwrite');
    await runWrites(tx, async (ops) => {
      const metaStore = tx.objectStore('meta');
      const chunkStore = tx.objectStore('chunks');
      const meta = await metaStore.get(pid);
      if (!meta) return; // Nothing to apply to.
      let index = this.indexes.get(pid);
      // Out of the map while it is edited: a failed transaction leaves no half-edited index behind.
      this.indexes.delete(pid);
      if (!index || index.rev !== meta.rev) index = await loadIndex(chunkStore, pid, meta);

      // Which chunks change, and how.
      const edits = new Map<number, {upserts: Map<string, OrganizationSummary>; removes: Set<string>}>();
      const edit = (n: number) => {
        let e = edits.get(n);
        if (!e) edits.set(n, (e = {upserts: new Map(), removes: new Set()}));
        return e;
      };
      const fresh: OrganizationSummary[] = [];
      for (const [id, row] of upserts) {
        const n = index.chunkOf.get(id);
        if (n === undefined) fresh.push(row);
        else edit(n).upserts.set(id, row);
      }
      for (const id of removed) {
        const n = index.chunkOf.get(id);
        if (n !== undefined) edit(n).removes.add(id);
      }
      // New rows first fill the last chunk, so rows keep their order and chunks stay full.
      const last = index.sizes.size ? Math.max(...index.sizes.keys()) : -1;
      const lastRoom = last < 0 ? 0 : CHUNK_ROWS - ((index.sizes.get(last) ?? 0) - (edits.get(last)?.removes.size ?? 0));
      if (fresh.length && lastRoom > 0) edit(last);

      const ns = [...edits.keys()];
      const records = await Promise.all(ns.map((n) => chunkStore.get([pid, n])));
      let count = meta.count;
      ns.forEach((n, i) => {
        const record = records[i];
        const e = edits.get(n) as {upserts: Map<string, OrganizationSummary>; removes: Set<string>};
        if (!record) throw new Error(`Chunk ${n} of the index is missing.`);
        const next: OrganizationSummary[] = [];
        let matched = 0;
        for (const row of decodeChunk(record)) {
          if (e.removes.has(row.id)) {
            matched++;
            continue;
          }
          const replacement = e.upserts.get(row.id);
          if (replacement) matched++;
          next.push(replacement ?? row);
        }
        if (matched !== e.removes.size + e.upserts.size) throw new Error(`Chunk ${n} does not hold the rows the index says.`);
        for (const id of e.removes) index.chunkOf.delete(id);
        count -= e.removes.size;
        if (n === last) {
          for (const row of fresh.splice(0, CHUNK_ROWS - next.length)) {
            next.push(row);
            index.chunkOf.set(row.id, n);
            count++;
          }
        }
        if (next.length) {
          ops.push(chunkStore.put(encodeChunk(pid, n, next)));
          index.sizes.set(n, next.length);
        } else {
          ops.push(chunkStore.delete([pid, n]));
          index.sizes.delete(n);
        }
      });
      for (const part of splitChunks(fresh)) {
        ops.push(chunkStore.put(encodeChunk(pid, index.nextN, part)));
        indexChunk(index, index.nextN, part.map((row) => row.id));
        index.nextN++;
        count += part.length;
      }
      index.rev = newRev();
      const next: MetaRecord = {...meta, asOf, savedAt: Date.now(), chunkCount: index.nextN, count, rev: index.rev};
      ops.push(metaStore.put(next));
      committed = index;
    });
    if (committed) this.indexes.set(pid, committed);
  }

  async purgeUser(origin: string, userId: string): Promise<void> {
    this.assertOpen();
    const userKey = userKeyOf(origin, userId);
    this.memory.purgeUserNow(userKey);
    for (const [pid, index] of this.indexes) if (index.userKey === userKey) this.indexes.delete(pid);
    const writable = this.writable;
    if (writable && this.raw) {
      try {
        await purgeDisk(this.raw, userKey);
        return;
      } catch (error) {
        this.purgedUsers.add(userKey);
        this.fallback(writeReason(error));
        throw purgeFailed(error);
      }
    }
    this.purgedUsers.add(userKey);
    await this.purgeDiskInMemoryMode(userKey);
  }

  async dropPartition(key: PartitionKey): Promise<void> {
    this.assertOpen();
    const pid = partitionId(key);
    this.memory.dropPartitionNow(pid);
    this.shadowed.delete(pid);
    for (const id of [...this.shadowedPrefs]) if ((JSON.parse(id) as [string, string])[0] === pid) this.shadowedPrefs.delete(id);
    this.indexes.delete(pid);
    const raw = this.raw;
    if (!raw) return;
    try {
      const db = wrap(raw) as unknown as Db;
      const tx = begin(db, ['chunks', 'meta', 'prefs'], 'readwrite');
      await runWrites(tx, (ops) => {
        ops.push(tx.objectStore('meta').delete(pid));
        ops.push(tx.objectStore('chunks').delete(chunkRange(pid)));
        // Every pref of the partition: names are strings, and any array sorts after every string.
        ops.push(tx.objectStore('prefs').delete(IDBKeyRange.bound([pid, ''], [pid, []])));
      });
    } catch (error) {
      throw purgeFailed(error);
    }
  }

  /** Sign-out in memory mode still removes what earlier sessions left on disk, where it can. */
  private async purgeDiskInMemoryMode(userKey: string): Promise<void> {
    if (this.raw) {
      try {
        await purgeDisk(this.raw, userKey);
        return;
      } catch (error) {
        throw purgeFailed(error);
      }
    }
    const factory = this.cfg.factory;
    // IndexedDB never answered here: nothing of this user's can be reached, so nothing to report.
    if (!factory || this.startReason === 'unavailable') return;
    if (this.startReason === 'blocked') {
      // Our upgrade is still queued behind the blocker; its connection will purge when it arrives.
      this.latePurges.add(userKey);
      throw new TenantryError(
        'storage',
        "This user's cached data stays on this device until the other Tenantry tabs are closed; it is removed then.",
        {reason: {id: 'cache.purge-blocked', params: {}}},
      );
    }
    let raw: IDBDatabase | null;
    try {
      raw = await reopenForPurge(factory, this.cfg.name, this.cfg.openTimeoutMs);
    } catch (error) {
      throw purgeFailed(error);
    }
    if (!raw) return;
    try {
      await purgeDisk(raw, userKey);
    } catch (error) {
      throw purgeFailed(error);
    } finally {
      raw.close();
    }
  }

  /** A connection that arrived after a blocked open gave up: do the purges owed, then let it go. */
  private async onLateConnection(raw: IDBDatabase): Promise<void> {
    try {
      for (const userKey of this.latePurges) await purgeDisk(raw, userKey);
      this.latePurges.clear();
    } catch {
      /* Best effort: nothing is left to report to. */
    } finally {
      raw.close();
    }
  }

  async getPref<T>(key: PartitionKey, name: string): Promise<T | undefined> {
    this.assertOpen();
    const pid = partitionId(key);
    const owned = this.memory.hasPref(key, name) || this.shadowedPrefs.has(prefKeyOf(pid, name)) || this.purgedUsers.has(userKeyOf(key.origin, key.userId));
    const db = this.writable ?? (owned ? null : this.db);
    if (!db) return this.memory.getPref<T>(key, name);
    try {
      const record = await db.get('prefs', [pid, name]);
      // The caller names the type it stored; prefs are not validated here.
      return record ? (JSON.parse(record.json) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  async setPref(key: PartitionKey, name: string, value: unknown): Promise<void> {
    this.assertOpen();
    const pid = partitionId(key);
    const json = prefJson(name, value);
    const db = this.writable;
    if (db) {
      try {
        const tx = begin(db, ['prefs'], 'readwrite');
        await runWrites(tx, (ops) => {
          const store = tx.objectStore('prefs');
          if (json === undefined) ops.push(store.delete([pid, name]));
          else ops.push(store.put({partition: pid, name, userKey: userKeyOf(key.origin, key.userId), json}));
        });
        return;
      } catch (error) {
        this.fallback(writeReason(error));
      }
    }
    this.shadowedPrefs.add(prefKeyOf(pid, name));
    await this.memory.setPref(key, name, value);
  }

  onNotice(listener: (notice: CacheNotice) => void): () => void {
    return this.hub.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.detach();
    this.memory.close();
    this.indexes.clear();
  }
}

function emptyIndex(meta: MetaRecord): ChunkIndex {
  return {userKey: meta.userKey, rev: meta.rev, chunkOf: new Map(), sizes: new Map(), nextN: meta.chunkCount};
}

function indexChunk(index: ChunkIndex, n: number, ids: readonly string[]): void {
  for (const id of ids) index.chunkOf.set(id, n);
  index.sizes.set(n, ids.length);
  if (n >= index.nextN) index.nextN = n + 1;
}

/** Builds a partition's index from its chunks, inside the caller's transaction. */
async function loadIndex(store: ChunkStore, pid: string, meta: MetaRecord): Promise<ChunkIndex> {
  const index = emptyIndex(meta);
  const records: ChunkRecord[] = await store.getAll(chunkRange(pid));
  for (const record of records) indexChunk(index, record.n, chunkIds(record));
  return index;
}

/** Never rejects and never hangs: on any IndexedDB trouble it resolves to a memory cache carrying a notice. */
export async function openDatasetCache(options: OpenCacheOptions = {}): Promise<DatasetCache> {
  const cfg: OpenConfig = {
    factory: options.idbFactory === undefined ? defaultFactory() : options.idbFactory,
    name: options.name ?? DEFAULT_CACHE_NAME,
    version: options.version ?? DB_VERSION,
    blockedTimeoutMs: options.blockedTimeoutMs ?? 3000,
    openTimeoutMs: options.openTimeoutMs ?? 5000,
  };
  try {
    const outcome = await openConnection(cfg);
    if (!('db' in outcome)) return new IndexedDbDatasetCache(cfg, null, outcome.reason, outcome.pending);
    if (hasSchema(outcome.db)) return new IndexedDbDatasetCache(cfg, outcome.db, null, null);
    outcome.db.close();
    return new IndexedDbDatasetCache(cfg, null, 'error', null);
  } catch {
    return new IndexedDbDatasetCache(cfg, null, 'error', null);
  }
}
