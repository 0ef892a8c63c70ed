/**
 * The grid with its whole toolbar (filters, column chooser, saved views), wired as a host does:
 * keyboard only through the toolbar and into the grid's single tab stop, each panel opened with
 * Enter or Space and closed with Escape (focus returns to its opener), and axe-core in every state:
 * loading skeleton, rows, empty, no match, error, each panel open, the delete confirmation open.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API, startMsw} from '../../src/testing/msw.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import './organizations-grid.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import '../grid-filters/grid-filters.js';
import type {TenantryGridFilters} from '../grid-filters/grid-filters.component.js';
import '../column-chooser/column-chooser.js';
import type {TenantryColumnChooser} from '../column-chooser/column-chooser.component.js';
import '../saved-views/saved-views.js';
import type {TenantrySavedViews} from '../saved-views/saved-views.component.js';
import {defaultViewState, type GridViewState} from '../../src/shared/grid-view.js';
import {demoRestHandler, httpTestClient} from '../../src/testing/rest-api.js';
import {showColumn, startGatedApi} from '../testing/grid-testing.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const WAIT = {timeout: 15_000};

const clients: DataClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});
function localClient(userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const client = new DataClient({
    config: {kind: 'local', organizations: 80, namespace: `a11y-${crypto.randomUUID()}`, userId},
    cacheName: `tenantry-a11y-test-${crypto.randomUUID()}`,
  });
  clients.push(client);
  return client;
}

interface Page {
  grid: OrganizationsGrid;
  filters: TenantryGridFilters;
  columns: TenantryColumnChooser;
  saved: TenantrySavedViews;
  before: HTMLButtonElement;
  after: HTMLButtonElement;
}

/** The grid and its toolbar in a page, kept in step the way `demo/main.ts` does it. */
async function mountPage(client: DataClient, scope: Scope = DIST): Promise<Page> {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <button type="button" id="before">Before</button>
    <organizations-grid .client=${client} .scope=${scope} style="--tenantry-organizations-grid-height: 420px">
      <tenantry-grid-filters slot="toolbar"></tenantry-grid-filters>
      <tenantry-column-chooser slot="toolbar"></tenantry-column-chooser>
      <tenantry-saved-views slot="toolbar"></tenantry-saved-views>
    </organizations-grid>
    <button type="button" id="after">After</button>
  </div>`);
  const grid = wrapper.querySelector('organizations-grid')!;
  const filters = wrapper.querySelector('tenantry-grid-filters')!;
  const columns = wrapper.querySelector('tenantry-column-chooser')!;
  const saved = wrapper.querySelector('tenantry-saved-views')!;
  filters.client = client;
  filters.scopeTenantId = scope.tenantId;
  saved.client = client;
  saved.scopeTenantId = scope.tenantId;
  const show = (state: GridViewState): void => {
    grid.viewState = state;
    filters.filters = state.filters;
    columns.columns = state.columns;
    saved.state = state;
  };
  grid.addEventListener('tenantry-view-state-change', (e) => show(e.detail.viewState));
  filters.addEventListener('tenantry-filters-change', (e) => show({...grid.viewState, filters: e.detail.filters}));
  columns.addEventListener('tenantry-columns-change', (e) => show({...grid.viewState, columns: e.detail.columns}));
  saved.addEventListener('tenantry-view-restore', (e) => show(e.detail.state));
  return {grid, filters, columns, saved, before: wrapper.querySelector('#before')!, after: wrapper.querySelector('#after')!};
}

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const busy = (el: OrganizationsGrid): string | null | undefined => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy');
const rowsShown = (el: OrganizationsGrid): boolean => busy(el) === 'false' && Boolean(root(el).querySelector('.body [role="row"][data-org-id]'));
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
/** A name for the focused control: its part (or role) and its text. */
const describeFocus = (): string => {
  const a = deepActive();
  if (!a) return 'none';
  if (a.closest('[role="grid"]')) return 'grid';
  const what = a.getAttribute('part') ?? a.getAttribute('role') ?? a.tagName.toLowerCase();
  return `${what}:${(a.textContent ?? '').trim().replace(/\s+/g, ' ') || a.getAttribute('aria-label') || ''}`;
};
const panelOf = (el: Element): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
const toggleOf = (el: Element, part = 'toggle'): HTMLButtonElement => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;

/** Tabs from `start` until focus leaves the page's grid area; what each stop was. */
async function tabWalk(start: HTMLElement, end: HTMLElement, max = 60): Promise<string[]> {
  start.focus();
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await sendKeys({press: 'Tab'});
    if (document.activeElement === end) return stops;
    stops.push(describeFocus());
  }
  throw new Error(`Tab never reached the end: ${stops.join(' → ')}`);
}

/** Opens a panel from its toggle with a key, checks it took focus, closes it with Escape. */
async function openAndEscape(host: HTMLElement & {updateComplete: Promise<boolean>}, key: 'Enter' | ' ', part = 'toggle', grid?: OrganizationsGrid): Promise<void> {
  const opener = toggleOf(host, part);
  opener.focus();
  await sendKeys({press: key === ' ' ? 'Space' : key});
  await host.updateComplete;
  const panel = panelOf(host);
  await waitUntil(() => !panel.hidden && panel.contains(host.shadowRoot!.activeElement), `${part} panel opens and takes focus`, WAIT);
  if (part === 'toggle') expect(opener.getAttribute('aria-expanded')).to.equal('true');
  if (grid) await expect(grid).to.be.accessible();
  await sendKeys({press: 'Escape'});
  await host.updateComplete;
  expect(panel.hidden, `${part} panel closed by Escape`).to.equal(true);
  expect(deepActive(), `focus back on ${part}`).to.equal(opener);
}

describe('organizations-grid toolbar: keyboard and axe in every state', () => {
  it('tabs through the whole toolbar in reading order into one grid stop, and out', async () => {
    const client = localClient();
    const page = await mountPage(client);
    await waitUntil(() => rowsShown(page.grid), 'rows', WAIT);
    await waitUntil(() => [...root(page.grid).querySelectorAll('button')].some((b) => b.textContent!.trim() === 'USD' && !b.disabled), 'rates', WAIT);
    const stops = await tabWalk(page.before, page.after);
    const expected = [
      'search-input:Search organizations',
      'toggle:Filters',
      'toggle:Columns',
      'toggle:Views',
      'save-toggle:Save view…',
      'copy-link:Copy link',
      'toggle:Flat',
      'toggle:Tree',
      'toggle:Compact',
      'toggle:Standard',
      'toggle:Comfortable',
      'toggle:Original',
      'toggle:USD',
      'export-button:Export Excel',
      'export-button:Export CSV',
    ];
    // In this order (other controls, e.g. a scope banner's, may sit between), then the grid once.
    let at = -1;
    for (const want of expected) {
      const found = stops.indexOf(want, at + 1);
      expect(found, `${want} after ${stops[at] ?? 'the start'} in ${stops.join(' → ')}`).to.be.greaterThan(at);
      at = found;
    }
    expect(stops.filter((s) => s === 'grid'), 'the grid is one tab stop').to.have.length(1);
    expect(stops.indexOf('grid')).to.be.greaterThan(at);
    expect(stops.at(-1), 'nothing after the grid inside the widget').to.equal('grid');
    // Shift+Tab from after the grid lands on the grid's stop again.
    page.after.focus();
    await sendKeys({press: 'Shift+Tab'});
    expect(describeFocus()).to.equal('grid');
  });

  it('opens each panel with Enter or Space, closes it with Escape back on its opener; axe-clean throughout', async function () {
    this.timeout(90_000);
    const client = localClient();
    const page = await mountPage(client);
    await waitUntil(() => rowsShown(page.grid), 'rows', WAIT);
    await expect(page.grid).to.be.accessible();
    await openAndEscape(page.filters, 'Enter', 'toggle', page.grid);
    await openAndEscape(page.filters, ' ');
    await openAndEscape(page.columns, 'Enter', 'toggle', page.grid);
    await openAndEscape(page.columns, ' ');
    await openAndEscape(page.saved, 'Enter', 'toggle', page.grid);
    await openAndEscape(page.saved, ' ', 'save-toggle', page.grid);
    // Escape in a panel never reaches the grid behind it (no other close, no grid action).
    expect(root(page.grid).querySelector('dialog[open], .popover')).to.equal(null);
  });

  it('reaches the owner list and the type filter by keyboard; chips are axe-clean', async function () {
    this.timeout(60_000);
    const client = localClient();
    const page = await mountPage(client);
    await waitUntil(() => rowsShown(page.grid), 'rows', WAIT);

    // The owner list inside the filters panel, open by keyboard.
    toggleOf(page.filters).focus();
    await sendKeys({press: 'Enter'});
    await page.filters.updateComplete;
    const owner = page.filters.shadowRoot!.querySelector('tenantry-user-combobox')!;
    owner.focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => owner.shadowRoot!.querySelectorAll('[role="option"]').length > 0, 'owner options', WAIT);
    await expect(page.grid).to.be.accessible();
    await sendKeys({press: 'Escape'});
    await sendKeys({press: 'Escape'});
    await page.filters.updateComplete;
    expect(panelOf(page.filters).hidden).to.equal(true);
    expect(deepActive()).to.equal(toggleOf(page.filters));

    // A type filter applied by keyboard shows a chip; the chip is reachable and axe-clean.
    await sendKeys({press: 'Enter'});
    await page.filters.updateComplete;
    const reseller = [...page.filters.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Reseller')!;
    page.filters.shadowRoot!.querySelector<HTMLInputElement>(`#${CSS.escape(reseller.htmlFor)}`)!.focus();
    await sendKeys({press: 'Space'});
    page.filters.shadowRoot!.querySelector<HTMLButtonElement>('[part~="apply"]')!.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => rowsShown(page.grid) && page.grid.viewState.filters.kinds?.[0] === 'reseller', 'type filter applied', WAIT);
    expect([...page.filters.shadowRoot!.querySelectorAll('[part~="chip-label"]')].map((c) => c.textContent!.trim())).to.deep.equal(['Type: Reseller']);
    // The grid shows what the worker answers for the same type filter.
    const view = await client.openView(DIST, {filters: {kinds: ['reseller']}, sort: page.grid.viewState.sort});
    const expected = (await client.window(view.viewId, 0, 50)).rows.map((r) => r.org.id);
    client.closeView(view.viewId);
    expect(expected.length).to.be.greaterThan(0);
    const shown = () => [...root(page.grid).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')].map((r) => r.dataset.orgId);
    await waitUntil(() => JSON.stringify(shown()) === JSON.stringify(expected), 'resellers', WAIT);
    await expect(page.grid).to.be.accessible();
  });

  it('is axe-clean with no match, and with the delete confirmation open', async function () {
    this.timeout(60_000);
    const client = localClient();
    const page = await mountPage(client);
    await waitUntil(() => rowsShown(page.grid), 'rows', WAIT);
    page.grid.viewState = {...defaultViewState(), search: 'zzqx-nothing-matches'};
    await waitUntil(() => root(page.grid).querySelector('[part~="state"]'), 'no-match state', WAIT);
    await expect(page.grid).to.be.accessible();

    page.grid.viewState = {...defaultViewState(), filters: {statuses: ['suspended']}};
    await waitUntil(() => rowsShown(page.grid) && !root(page.grid).querySelector('[part~="state"]'), 'suspended rows', WAIT);
    await showColumn(page.grid, 'actions');
    const row = root(page.grid).querySelector('.body [role="row"][data-org-id]')!;
    row.querySelector<HTMLButtonElement>('[data-action="actions"]')!.click();
    await waitUntil(() => root(page.grid).querySelector('[role="dialog"].popover'), 'actions popup', WAIT);
    const del = [...root(page.grid).querySelectorAll<HTMLButtonElement>('.popover button')].find((b) => b.textContent!.trim() === 'Delete…')!;
    del.click();
    await waitUntil(() => root(page.grid).querySelector('tenantry-lifecycle-dialog')?.shadowRoot?.querySelector('dialog')?.open, 'the confirmation', WAIT);
    const dialog = root(page.grid).querySelector('tenantry-lifecycle-dialog')!.shadowRoot!.querySelector('dialog')!;
    await expect(page.grid).to.be.accessible();
    await sendKeys({press: 'Escape'});
    await waitUntil(() => !dialog.open, 'Escape closes', WAIT);
  });

  it('is axe-clean in the error state', async () => {
    // A reseller's admin asking for another reseller's scope: refused, shown as an error.
    const client = localClient(DEMO_USERS.resellerAdmin);
    const page = await mountPage(client, {tenantId: DEMO_TENANTS.otherReseller});
    await waitUntil(() => root(page.grid).querySelector('[part~="state"][role="alert"], [role="alert"]'), 'error state', WAIT);
    await expect(page.grid).to.be.accessible();
  });

  describe('over HTTP (msw at the network edge)', () => {
    const handler = demoRestHandler;
    const httpClient = (): DataClient => {
      const client = httpTestClient(5000);
      clients.push(client);
      return client;
    };

    it('is axe-clean while the skeleton shows, then with rows', async () => {
      const api = await startGatedApi(handler());
      try {
        const page = await mountPage(httpClient());
        await waitUntil(() => busy(page.grid) === 'true' && root(page.grid).querySelector('[part~="skeleton-row"]'), 'skeleton', WAIT);
        await expect(page.grid).to.be.accessible();
        api.release();
        await waitUntil(() => rowsShown(page.grid), 'rows', WAIT);
        await expect(page.grid).to.be.accessible();
      } finally {
        await api.stop();
      }
    });

    it('is axe-clean in the empty state', async () => {
      const handle = handler();
      const msw = await startMsw(
        http.get(`${API}organizations`, () => HttpResponse.json({items: [], tombstones: [], nextCursor: null, asOf: new Date().toISOString()})),
        http.all(`${API}*`, ({request}) => handle(request)),
      );
      try {
        const page = await mountPage(httpClient());
        await waitUntil(() => root(page.grid).querySelector('[part~="state"]')?.textContent?.includes('No organizations yet'), 'empty state', WAIT);
        await expect(page.grid).to.be.accessible();
      } finally {
        await msw.stop();
      }
    });
  });
});
