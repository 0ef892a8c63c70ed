/**
 * Partition identities of the dataset cache. Every cached dataset and preference belongs to one
 * {origin, userId, tenantId}; these ids are persisted in IndexedDB, so their format is part of the
 * on-disk schema and must never change without a migration.
 */
import type {OrganizationSummary} from '../../shared/model/types.js';

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

/** Rows with unique ids: a repeated id keeps its first place and takes its last value. */
export function uniqueById(rows: readonly OrganizationSummary[]): OrganizationSummary[] {
  const byId = new Map<string, OrganizationSummary>();
  for (const row of rows) byId.set(row.id, row);
  return byId.size === rows.length ? [...rows] : [...byId.values()];
}

export interface NormalizedDelta {
  /** Changed rows by id, in the order their ids first appear; last value wins. */
  upserts: Map<string, OrganizationSummary>;
  removed: Set<string>;
}

/** A removal wins over a change of the same id: a deleted organization never comes back. */
export function normalizeDelta(changed: readonly OrganizationSummary[], removedIds: readonly string[]): NormalizedDelta {
  const removed = new Set(removedIds);
  const upserts = new Map<string, OrganizationSummary>();
  for (const row of changed) if (!removed.has(row.id)) upserts.set(row.id, row);
  return {upserts, removed};
}
