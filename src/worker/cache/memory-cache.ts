/**
 * The dataset cache kept in memory: used where IndexedDB is unavailable, and as the overlay the
 * IndexedDB cache falls back to. Same semantics as the IndexedDB cache, partitioning included.
 */
import {misuse, type TenantryError} from '../../shared/contract/errors.js';
import type {OrganizationSummary} from '../../shared/model/types.js';
import {copyRows} from './chunk-codec.js';
import type {CachedDataset, CacheNotice, DatasetCache} from './contract.js';
import {NoticeHub} from './notices.js';
import {partitionId, prefKeyOf, userKeyOf, type PartitionKey} from '../../shared/saved-state.js';
import {normalizeDelta, uniqueById} from './partition.js';

interface MemoryPartition {
  userKey: string;
  rows: OrganizationSummary[];
  asOf: string;
  savedAt: number;
}

interface MemoryPref {
  userKey: string;
  /** Stored as JSON so a pref reads back exactly as it would from IndexedDB. */
  json: string;
}

/** Used after `close()`: only a caller's ordering mistake meets it. */
export const closedError = (): TenantryError => misuse('storage', 'The dataset cache is closed.');

/** Rows that cannot be structured-cloned (functions, …): a caller's bug, refused without a fallback. */
export const unstorableRows = (cause: unknown): TenantryError =>
  misuse('storage', `The rows cannot be stored: ${cause instanceof Error ? cause.message : String(cause)}`);

/** A copy of rows, refusing what cannot be cloned with a storage error. */
function copyOrRefuse(rows: readonly OrganizationSummary[]): OrganizationSummary[] {
  try {
    return copyRows(rows);
  } catch (error) {
    throw unstorableRows(error);
  }
}

/** JSON text of a pref value; `undefined` for values JSON drops (the pref is then removed). */
export function prefJson(name: string, value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw misuse('storage', `The preference “${name}” is not JSON-compatible: ${String(error)}`);
  }
}

export class MemoryDatasetCache implements DatasetCache {
  readonly mode = 'memory' as const;
  private readonly partitions = new Map<string, MemoryPartition>();
  private readonly prefs = new Map<string, MemoryPref>();
  private readonly notices = new NoticeHub();
  private closed = false;

  constructor(notice?: CacheNotice) {
    if (notice) this.notices.raise(notice);
  }

  /** @internal Whether the partition holds a dataset here (the IndexedDB overlay asks). */
  hasPartition(key: PartitionKey): boolean {
    return this.partitions.has(partitionId(key));
  }

  /** @internal Whether the pref is set here. */
  hasPref(key: PartitionKey, name: string): boolean {
    return this.prefs.has(prefKeyOf(partitionId(key), name));
  }

  /** @internal Takes over a dataset read elsewhere, keeping its `savedAt`; the rows are not copied. */
  adopt(key: PartitionKey, dataset: CachedDataset): void {
    this.partitions.set(partitionId(key), {userKey: userKeyOf(key.origin, key.userId), ...dataset});
  }

  async read(key: PartitionKey): Promise<CachedDataset | null> {
    if (this.closed) throw closedError();
    const p = this.partitions.get(partitionId(key));
    return p ? {rows: copyRows(p.rows), asOf: p.asOf, savedAt: p.savedAt} : null;
  }

  async writeAll(key: PartitionKey, rows: readonly OrganizationSummary[], asOf: string): Promise<void> {
    if (this.closed) throw closedError();
    const copy = copyOrRefuse(uniqueById(rows));
    this.partitions.set(partitionId(key), {userKey: userKeyOf(key.origin, key.userId), rows: copy, asOf, savedAt: Date.now()});
  }

  async applyDelta(key: PartitionKey, changed: readonly OrganizationSummary[], removedIds: readonly string[], asOf: string): Promise<void> {
    if (this.closed) throw closedError();
    const p = this.partitions.get(partitionId(key));
    if (!p) return;
    const {upserts, removed} = normalizeDelta(changed, removedIds);
    const copies = new Map([...upserts.keys()].map((id, i) => [id, i] as const));
    const copied = copyOrRefuse([...upserts.values()]);
    const next: OrganizationSummary[] = [];
    for (const row of p.rows) {
      if (removed.has(row.id)) continue;
      const at = copies.get(row.id);
      if (at === undefined) {
        next.push(row);
      } else {
        next.push(copied[at] as OrganizationSummary);
        copies.delete(row.id);
      }
    }
    // What is left are new rows: appended in the order they came.
    for (const at of copies.values()) next.push(copied[at] as OrganizationSummary);
    p.rows = next;
    p.asOf = asOf;
    p.savedAt = Date.now();
  }

  async purgeUser(origin: string, userId: string): Promise<void> {
    if (this.closed) throw closedError();
    this.purgeUserNow(userKeyOf(origin, userId));
  }

  async dropPartition(key: PartitionKey): Promise<void> {
    if (this.closed) throw closedError();
    this.dropPartitionNow(partitionId(key));
  }

  /** @internal Synchronous removal of a partition's rows and prefs. */
  dropPartitionNow(pid: string): void {
    this.partitions.delete(pid);
    for (const id of [...this.prefs.keys()]) if ((JSON.parse(id) as [string, string])[0] === pid) this.prefs.delete(id);
  }

  /** @internal Synchronous purge by user key. */
  purgeUserNow(userKey: string): void {
    for (const [id, p] of this.partitions) if (p.userKey === userKey) this.partitions.delete(id);
    for (const [id, p] of this.prefs) if (p.userKey === userKey) this.prefs.delete(id);
  }

  async getPref<T>(key: PartitionKey, name: string): Promise<T | undefined> {
    if (this.closed) throw closedError();
    const pref = this.prefs.get(prefKeyOf(partitionId(key), name));
    // The caller names the type it stored; prefs are not validated here.
    return pref ? (JSON.parse(pref.json) as T) : undefined;
  }

  async setPref(key: PartitionKey, name: string, value: unknown): Promise<void> {
    if (this.closed) throw closedError();
    const json = prefJson(name, value);
    const id = prefKeyOf(partitionId(key), name);
    if (json === undefined) this.prefs.delete(id);
    else this.prefs.set(id, {userKey: userKeyOf(key.origin, key.userId), json});
  }

  onNotice(listener: (notice: CacheNotice) => void): () => void {
    return this.notices.subscribe(listener);
  }

  close(): void {
    this.closed = true;
    this.partitions.clear();
    this.prefs.clear();
  }
}
