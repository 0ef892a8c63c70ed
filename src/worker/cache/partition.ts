/**
 * Rows as a cache partition keeps them: unique by id, and a delta's changes and removals. The
 * partition keys themselves are in `src/shared/saved-state.ts` (the page reads two preferences).
 */
import type {OrganizationSummary} from '../../shared/model/types.js';

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
