/**
 * The dataset cache's public shapes. `dataset-cache.ts` re-exports them; they live here so the
 * memory and IndexedDB implementations can share them without importing each other.
 */
import type {Instant, OrganizationSummary} from '../../shared/model/types.js';
import type {PartitionKey} from '../../shared/saved-state.js';
import type {CacheNotice} from '../../shared/protocol.js';

export type {CacheNotice};

export interface CachedDataset {
  rows: OrganizationSummary[];
  /** Server time the rows are consistent with (the next delta sync asks `updatedSince=asOf`). */
  asOf: Instant;
  /** `Date.now()` of the write that stored this `asOf`. */
  savedAt: number;
}

export interface DatasetCache {
  readonly mode: 'indexeddb' | 'memory';
  read(key: PartitionKey): Promise<CachedDataset | null>;
  /** Replaces the partition's rows, written in chunks (≈1,000 rows a record, all in one transaction). */
  writeAll(key: PartitionKey, rows: readonly OrganizationSummary[], asOf: Instant): Promise<void>;
  /**
   * Delta sync: upserts `changed` (by id; existing rows keep their place, new ones are appended),
   * removes `removedIds` (a removal wins over a change of the same id), sets `asOf`; rewrites only
   * the chunks touched. Does nothing when the partition holds no dataset: a delta without its base
   * would read back as a complete dataset that is not.
   */
  applyDelta(key: PartitionKey, changed: readonly OrganizationSummary[], removedIds: readonly string[], asOf: Instant): Promise<void>;
  /**
   * Sign-out: removes every partition (and pref) of this origin+user, leaving other users' untouched.
   * Rejects with `TenantryError('storage')` only when that user's data may remain on this device.
   */
  purgeUser(origin: string, userId: string): Promise<void>;
  /**
   * Removes one partition: its rows and its preferences (the tenant refused this user, so nothing
   * of it may stay on the device). Rejects with `TenantryError('storage')` only when some may remain.
   */
  dropPartition(key: PartitionKey): Promise<void>;
  /** Small per-user-and-scope preferences (grid columns, saved views): JSON-compatible values. */
  getPref<T>(key: PartitionKey, name: string): Promise<T | undefined>;
  /** Stores a JSON-compatible value (as JSON would round-trip it); `undefined` removes the pref. */
  setPref(key: PartitionKey, name: string, value: unknown): Promise<void>;
  /** Subscribe to notices; returns an unsubscribe function. Notices already raised are replayed to a new subscriber. */
  onNotice(listener: (notice: CacheNotice) => void): () => void;
  /** Releases the storage; later calls reject with `TenantryError('storage')`. */
  close(): void;
}
