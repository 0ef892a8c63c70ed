/**
 * The accounts view's rows in the dataset cache: a partition of their own beside the scope's
 * organizations (`dataset: 'accounts'` in the key, see `partition.ts`), written and read by the same
 * chunked store, so sign-out purges them with the user's other partitions and a refused scope drops
 * them. Account rows are not organization summaries: the chunk codec stores them as given
 * (structured clone), not in its columns.
 */
import type {AccountSummary, Instant, OrganizationSummary} from '../../shared/model/types.js';
import type {DatasetCache} from './contract.js';
import type {PartitionKey} from '../../shared/saved-state.js';

export interface CachedAccounts {
  rows: AccountSummary[];
  asOf: Instant;
  savedAt: number;
}

/** The accounts partition of a scope's key. */
export const accountsKey = (key: PartitionKey): PartitionKey => ({origin: key.origin, userId: key.userId, tenantId: key.tenantId, dataset: 'accounts'});

// The cache is typed for organization summaries, but it keeps any rows with an `id` as given (the
// codec's fallback for rows that are not summaries): these casts only move rows through it.
const asStored = (rows: readonly AccountSummary[]): readonly OrganizationSummary[] => rows as unknown as readonly OrganizationSummary[];

/** A row as the cache gives it back, checked just enough to be indexed (our own writes; a foreign one is dropped). */
const isAccountRow = (row: unknown): row is AccountSummary => {
  const r = row as Partial<AccountSummary> | null;
  return typeof r?.id === 'string' && typeof r.name === 'string' && typeof r.providerAccountId === 'string' && Array.isArray(r.customers) && typeof r.customerCount === 'number';
};

export async function readAccounts(cache: DatasetCache, key: PartitionKey): Promise<CachedAccounts | null> {
  const cached = await cache.read(accountsKey(key));
  if (!cached) return null;
  const rows = (cached.rows as unknown[]).filter(isAccountRow);
  return {rows, asOf: cached.asOf, savedAt: cached.savedAt};
}

export function writeAccounts(cache: DatasetCache, key: PartitionKey, rows: readonly AccountSummary[], asOf: Instant): Promise<void> {
  return cache.writeAll(accountsKey(key), asStored(rows), asOf);
}

export function applyAccountDelta(cache: DatasetCache, key: PartitionKey, changed: readonly AccountSummary[], removedIds: readonly string[], asOf: Instant): Promise<void> {
  return cache.applyDelta(accountsKey(key), asStored(changed), removedIds, asOf);
}

export function dropAccounts(cache: DatasetCache, key: PartitionKey): Promise<void> {
  return cache.dropPartition(accountsKey(key));
}
