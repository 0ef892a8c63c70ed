/**
 * What the data worker saves on the device for the next start, as both sides read it: the cache's
 * partition keys, where a preference lives in IndexedDB, and the two preferences a warm start
 * shows before the worker has started — the user's last session and a scope's first rows.
 *
 * The worker writes all of it (`src/worker/cache/`); the page only reads these
 * (`src/page/saved-state-reader.ts`), so that the first rows of a warm page load paint while the
 * worker is still starting. The ids are persisted, so their format is part of the on-disk schema
 * and must never change without a migration.
 */
import type {Instant, Session} from './model/types.js';
import type {ResultState} from './protocol.js';
import type {OrgQuery, OrgRow} from './query.js';

/** The cache's IndexedDB database when a client names none. */
export const DEFAULT_CACHE_NAME = 'tenantry-cache';

/** Whose data a cache entry is: never read under another. */
export interface PartitionKey {
  origin: string;
  userId: string;
  tenantId: string;
  /**
   * What the partition holds besides the organizations of the scope: `accounts` for the scope's
   * linked accounts (the accounts view). Its id has a fourth part, so the two never share a
   * partition, and ids written before it existed are unchanged (no migration).
   */
  dataset?: 'accounts';
}

/**
 * The partition's id: a JSON array of its parts. JSON escapes quotes and backslashes inside each
 * part, so no choice of parts can make two keys collide (unlike joining with a separator).
 */
export function partitionId(key: PartitionKey): string {
  return key.dataset ? JSON.stringify([key.origin, key.userId, key.tenantId, key.dataset]) : JSON.stringify([key.origin, key.userId, key.tenantId]);
}

/** Id of an origin+user, shared by all their partitions: what sign-out purges. */
export function userKeyOf(origin: string, userId: string): string {
  return JSON.stringify([origin, userId]);
}

/** Key of one preference of a partition (memory cache and overlay bookkeeping only). */
export function prefKeyOf(partition: string, name: string): string {
  return JSON.stringify([partition, name]);
}

/** The object store of preferences; a record's key is `[partitionId, name]`. */
export const PREFS_STORE = 'prefs';

/** A preference as stored: its value as JSON, and whose it is (sign-out purges by `userKey`). */
export interface PrefRecord {
  partition: string;
  name: string;
  userKey: string;
  json: string;
}

/** The user's session as the backend last confirmed it, in the user's partition with no tenant. */
export const LAST_SESSION_PREF = 'last-session';
/** A scope's first rows of its last view, in the scope's partition. */
export const SNAPSHOT_PREF = 'snapshot';

/** A widget preference's name as stored: beside the plane's own entries under a prefix, so no name can overwrite those. */
export const uiPrefStoredName = (name: string): string => `ui:${name}`;

/** Where the user's last session is kept. */
export const sessionKey = (origin: string, userId: string): PartitionKey => ({origin, userId, tenantId: ''});

/** The saved session, if it is the session of `userId` (the user the host vouches for). */
export function savedSessionOf(raw: unknown, userId: string): Session | null {
  const session = raw as Session | null | undefined;
  return session && typeof session === 'object' && session.user?.id === userId && typeof session.homeTenantId === 'string' ? session : null;
}

/**
 * The first rows of a scope's last view, saved with the cache: a warm start paints them before
 * the dataset (100,000 rows take ~1 s to read and index) is ready.
 */
export interface Snapshot {
  query: string;
  total: number;
  datasetSize: number;
  asOf: Instant | null;
  /** When the backend last confirmed the rows (`Date.now()`); past the offline maximum age the snapshot is not shown. */
  savedAt?: number;
  rows: OrgRow[];
}

/** The same question asked with or without defaults gives the same key (search fields matter only with a search). */
export function snapshotQueryKey(q: OrgQuery): string {
  const search = q.search?.trim() ?? '';
  return JSON.stringify([search, search ? (q.searchFields ?? null) : null, q.filters ?? {}, q.sort?.length ? q.sort : [{key: 'name', dir: 'asc'}]]);
}

/** The saved snapshot, if it answers `query` and is young enough to show before the backend confirms it. */
export function usableSnapshot(raw: unknown, query: OrgQuery, maxAgeMs: number, now = Date.now()): Snapshot | null {
  const snapshot = raw as Snapshot | null | undefined;
  if (!snapshot || typeof snapshot !== 'object' || snapshot.query !== snapshotQueryKey(query) || !Array.isArray(snapshot.rows)) return null;
  if (typeof snapshot.total !== 'number' || typeof snapshot.datasetSize !== 'number') return null;
  // Too old to show before the backend confirms it (or saved by a version that did not say when).
  if (typeof snapshot.savedAt !== 'number' || now - snapshot.savedAt > maxAgeMs) return null;
  return snapshot;
}

/** A view's state answered from a snapshot (`version` 0, `cached`): the worker's, or the page's before it has a view (`viewId` empty). */
export function snapshotState(snapshot: Snapshot, viewId: string, scopeTenantId: string): ResultState {
  return {viewId, scopeTenantId, total: snapshot.total, datasetSize: snapshot.datasetSize, asOf: snapshot.asOf, freshness: 'cached', version: 0, rejected: {count: 0, sample: []}, firstRows: snapshot.rows};
}
