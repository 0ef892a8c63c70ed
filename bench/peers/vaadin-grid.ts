/** Vaadin Grid with in-memory `items` and sort columns; search filters the array, as its docs show. */
import type {MountedPeer} from './ag-grid.js';
import type {Grid, GridSortColumn} from './vaadin-grid-lib.js';
import './vaadin-grid-lib.js';
import {STATUS_LABELS} from '../../src/shared/model/labels.js';
import {PEER_COLUMNS, type PeerRow} from './rows.js';

type RowElement = HTMLTableRowElement & {index?: number};

const SEARCHED = PEER_COLUMNS.filter((c) => !c.numeric).map((c) => c.key);

export function mountVaadinGrid(host: HTMLElement, search: HTMLInputElement, rows: PeerRow[]): MountedPeer {
  const grid = document.createElement('vaadin-grid') as Grid<PeerRow>;
  grid.style.height = '100%';
  for (const c of PEER_COLUMNS) {
    const col = document.createElement('vaadin-grid-sort-column') as GridSortColumn<PeerRow>;
    col.path = c.key;
    col.header = c.label;
    col.width = `${c.width}px`;
    col.flexGrow = 0;
    if (c.key === 'name') col.direction = 'asc';
    grid.append(col);
  }
  grid.items = rows;
  host.append(grid);
  // Search and the status filter narrow the array together, as an app using `items` would.
  let status: string | null = null;
  const onInput = (): void => {
    const term = search.value.trim().toLowerCase();
    grid.items = term || status ? rows.filter((r) => (!status || r.status === status) && (!term || SEARCHED.some((k) => String(r[k] ?? '').toLowerCase().includes(term)))) : rows;
  };
  search.addEventListener('input', onInput);
  const shadow = (): ShadowRoot => grid.shadowRoot!;
  const firstRow = (): RowElement | undefined => [...shadow().querySelectorAll<RowElement>('#items > tr')].find((tr) => tr.index === 0 && !tr.hidden);
  return {
    subject: '@vaadin/grid',
    firstRowText: () => {
      const slot = firstRow()?.querySelector('td slot') as HTMLSlotElement | null | undefined;
      const text = slot?.assignedElements()[0]?.textContent;
      return text ? text : null;
    },
    rowCount: () => {
      const v = shadow().querySelector('#table')?.getAttribute('aria-rowcount');
      return v ? Number(v) : null;
    },
    busy: () => grid.hasAttribute('loading'),
    searchInput: () => search,
    header: (key) => [...grid.querySelectorAll<HTMLElement & {path?: string}>('vaadin-grid-sorter')].find((s) => s.path === key)!,
    scroller: () => shadow().querySelector<HTMLElement>('#table')!,
    rowHeight: () => firstRow()?.offsetHeight ?? 36,
    filterStatus: (s) => {
      status = s ? STATUS_LABELS[s] : null;
      onInput();
    },
    destroy: () => {
      search.removeEventListener('input', onInput);
      grid.remove();
    },
  };
}
