/**
 * The peers' data: the same generated organizations the embedded backend serves (`generateSeed`,
 * seed 1), as plain row objects holding the values of the grid's default visible columns — what a
 * host hands a client-side grid.
 */
import {generateSeed} from '../../src/worker/backends/embedded/seed.js';
import {COLUMN_BY_KEY, type ColumnKey, type PlainValue} from '../../src/shared/columns.js';
import type {OrgRow} from '../../src/shared/query.js';
import type {OrganizationSummary} from '../../src/shared/model/types.js';
import {DEFAULT_VIEW_STATE} from '../../src/shared/grid-view.js';

export type PeerRow = {id: string} & Partial<Record<ColumnKey, PlainValue>>;

export interface PeerColumn {
  key: ColumnKey;
  label: string;
  width: number;
  numeric: boolean;
}

/** The grid's default visible columns, without its Actions column (peers get no row actions). */
export const PEER_COLUMNS: PeerColumn[] = DEFAULT_VIEW_STATE.columns.flatMap((c) => {
  const def = COLUMN_BY_KEY.get(c.key);
  return def && c.visible && def.exportable ? [{key: def.key, label: def.label, width: c.width, numeric: def.align === 'end'}] : [];
});

export function peerRows(n: number): PeerRow[] {
  return toPeerRows(generateSeed({organizations: n, seed: 1}).organizations);
}

/** Rows of organizations however they came (generated, or listed by the REST API). */
export function toPeerRows(organizations: readonly OrganizationSummary[]): PeerRow[] {
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return organizations.map((org) => {
    const row: OrgRow = {
      org,
      sourceDataRollup: org.sourceData,
      costUsd: null,
      parentName: org.parentId ? (names.get(org.parentId) ?? null) : null,
      onboardingProgress: null,
      depth: 0,
      hasChildren: false,
      expanded: false,
      matched: true,
      accountIndex: null,
    };
    const out: PeerRow = {id: org.id};
    for (const c of PEER_COLUMNS) out[c.key] = COLUMN_BY_KEY.get(c.key)!.value(row, {currency: 'original'});
    return out;
  });
}
