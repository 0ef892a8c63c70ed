/**
 * What the bench reads of `<organizations-grid>` through its shadow DOM, the same questions it asks
 * the peer grids (bench/peers/*.ts): shared by the grid suite and the page-load suite.
 */
import type {OrganizationsGrid} from '../widgets/organizations-grid/organizations-grid.js';
import type {GridUnderTest} from './interactions.js';

export function tenantryProbe(el: OrganizationsGrid): GridUnderTest {
  // `?.`: the page-load suite asks before the element has rendered its shadow root.
  const root = (): ShadowRoot | null => el.shadowRoot;
  const grid = (): HTMLElement | null => root()?.querySelector<HTMLElement>('[role="grid"]') ?? null;
  return {
    subject: 'tenantry',
    firstRowText: () => root()?.querySelector('.body [role="row"][data-org-id][aria-rowindex="2"] [part~="cell-name"] .name > .text')?.textContent ?? null,
    rowCount: () => {
      const v = grid()?.getAttribute('aria-rowcount');
      return v ? Number(v) : null;
    },
    busy: () => grid()?.getAttribute('aria-busy') !== 'false',
    searchInput: () => root()!.querySelector<HTMLInputElement>('input[part~="search-input"]')!,
    header: (key) => root()!.querySelector<HTMLElement>(`[role="columnheader"][data-key="${key}"]`)!,
    scroller: () => root()!.querySelector<HTMLElement>('.viewport')!,
    rowHeight: () => root()?.querySelector('.body [role="row"][data-org-id]')?.getBoundingClientRect().height ?? 40,
    // What the filter panel's checkbox does: a new view state with the status list.
    filterStatus: (status) => (el.viewState = {...el.viewState, filters: {...el.viewState.filters, statuses: status ? [status] : []}}),
  };
}
