/** AG Grid (community) with the client-side row model, as its docs show: rowData, columnDefs, quick filter. */
import type {GridUnderTest} from '../interactions.js';
import {createGrid, type GridOptions} from './ag-grid-lib.js';
import {STATUS_LABELS} from '../../src/shared/model/labels.js';
import {PEER_COLUMNS, type PeerRow} from './rows.js';

export interface MountedPeer extends GridUnderTest {
  destroy(): void;
}

export function mountAgGrid(host: HTMLElement, search: HTMLInputElement, rows: PeerRow[]): MountedPeer {
  // The status filter as AG Grid's docs show for filters an app owns: an external filter.
  let status: string | null = null;
  const options: GridOptions<PeerRow> = {
    isExternalFilterPresent: () => status !== null,
    doesExternalFilterPass: (node) => node.data?.status === status,
    rowData: rows,
    getRowId: (p) => p.data.id,
    // The same first view as ours: sorted by name.
    columnDefs: PEER_COLUMNS.map((c) => ({field: c.key, colId: c.key, headerName: c.label, width: c.width, sort: c.key === 'name' ? ('asc' as const) : null})),
  };
  const api = createGrid(host, options);
  const onInput = (): void => api.setGridOption('quickFilterText', search.value);
  search.addEventListener('input', onInput);
  return {
    subject: 'ag-grid-community',
    firstRowText: () => host.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="name"]')?.textContent ?? null,
    rowCount: () => {
      const v = host.querySelector('[aria-rowcount]')?.getAttribute('aria-rowcount');
      return v ? Number(v) : null;
    },
    busy: () => false,
    searchInput: () => search,
    header: (key) => host.querySelector<HTMLElement>(`.ag-header-cell[col-id="${key}"] .ag-header-cell-label`)!,
    scroller: () => host.querySelector<HTMLElement>('.ag-grid-viewport') ?? host.querySelector<HTMLElement>('.ag-body-viewport')!,
    rowHeight: () => host.querySelector<HTMLElement>('.ag-row')?.offsetHeight ?? 42,
    filterStatus: (s) => {
      status = s ? STATUS_LABELS[s] : null;
      api.onFilterChanged();
    },
    destroy: () => {
      search.removeEventListener('input', onInput);
      api.destroy();
    },
  };
}
