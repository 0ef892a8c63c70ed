/**
 * `<organizations-grid>` end to end in real Chromium: a real data worker on the embedded backend
 * (each test its own namespace and cache), or on the HTTP backend behind msw where the test is about
 * what a server sends, real keyboard input, axe-core for accessibility.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {resetMouse, sendKeys, sendMouse} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {COLUMNS, searchFieldsFor} from '../../src/shared/columns.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API, startMsw} from '../../src/testing/msw.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {OrgQuery, OrgRow} from '../../src/shared/query.js';
import type {OrganizationsGrid, RowActionDetail} from './organizations-grid.js';
import './organizations-grid.js';
import {DEFAULT_VIEW_STATE, type GridViewState} from '../../src/shared/grid-view.js';
import {demoRestHandler, demoTokenProvider, embeddedRestHandler, httpTestClient, serverTenants, withServerNames} from '../../src/testing/rest-api.js';
import {rejectsWith} from '../../src/testing/expect-error.js';
import {showColumn, startGatedApi} from '../testing/grid-testing.js';
import {formatDateTime} from '../../src/page/format.js';

const SIZE = 300;
/** Rows in the distributor's scope: itself, 10 resellers, 20 anchors and the customers. */
const DIST_TOTAL = SIZE + 31;
const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const WAIT = {timeout: 15_000};

const clients: DataClient[] = [];

function makeClient(organizations = SIZE, userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `grid-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-grid-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const gridOf = (el: OrganizationsGrid): HTMLElement => root(el).querySelector<HTMLElement>('[role="grid"]')!;
const viewportOf = (el: OrganizationsGrid): HTMLElement => root(el).querySelector<HTMLElement>('.viewport')!;
const dataRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')];
const allBodyRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"]')];
const rowCount = (el: OrganizationsGrid): number => Number(gridOf(el).getAttribute('aria-rowcount'));
const ids = (el: OrganizationsGrid): string[] => dataRows(el).map((r) => r.dataset.orgId!);
const nameText = (row: Element): string | null | undefined => row.querySelector('[part~="cell-name"] .name > .text')?.textContent;
const header = (el: OrganizationsGrid, label: string): HTMLElement =>
  [...root(el).querySelectorAll<HTMLElement>('[role="columnheader"]')].find((h) => h.querySelector('.hlabel')?.textContent === label)!;
const focused = (el: OrganizationsGrid): HTMLElement | null => root(el).activeElement as HTMLElement | null;
const liveText = (el: OrganizationsGrid): string => root(el).querySelector('[role="status"][aria-live]')!.textContent!.trim();
const button = (el: OrganizationsGrid, text: string, scope: ParentNode = root(el)): HTMLButtonElement =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;

async function mount(client: DataClient, options: {scope?: Scope; height?: string; viewState?: GridViewState} = {}): Promise<OrganizationsGrid> {
  const el = await fixture<OrganizationsGrid>(
    html`<organizations-grid .client=${client} .scope=${options.scope} .viewState=${options.viewState ?? DEFAULT_VIEW_STATE} style=${`--tenantry-organizations-grid-height: ${options.height ?? '640px'}`}></organizations-grid>`,
  );
  await settled(el);
  return el;
}

/** Rows in view are loaded (no skeleton, not busy). */
async function settled(el: OrganizationsGrid): Promise<void> {
  await waitUntil(() => gridOf(el)?.getAttribute('aria-busy') === 'false' && (dataRows(el).length > 0 || root(el).querySelector('.state')), 'grid did not settle', WAIT);
  await el.updateComplete;
}

/** The worker's answer for the same question, to compare the grid's order with. */
async function expectedIds(client: DataClient, query: OrgQuery, count: number, scope: Scope = DIST): Promise<{ids: string[]; total: number; rows: OrgRow[]}> {
  const view = await client.openView(scope, query);
  const win = await client.window(view.viewId, 0, count);
  client.closeView(view.viewId);
  return {ids: win.rows.map((r) => r.org.id), total: view.total, rows: win.rows};
}

async function allIds(client: DataClient, scope: Scope): Promise<Set<string>> {
  const view = await client.openView(scope, {});
  const out = new Set<string>();
  for (let start = 0; start < view.total; start += 500) for (const r of (await client.window(view.viewId, start, 500)).rows) out.add(r.org.id);
  client.closeView(view.viewId);
  return out;
}

async function openActions(el: OrganizationsGrid, rowIndex = 0): Promise<HTMLElement> {
  await showColumn(el, 'actions');
  dataRows(el)[rowIndex].querySelector<HTMLButtonElement>('[data-action="actions"]')!.click();
  await waitUntil(() => root(el).querySelector('[role="dialog"].popover'), 'actions popup', WAIT);
  return root(el).querySelector<HTMLElement>('[role="dialog"].popover')!;
}

describe('<organizations-grid>', () => {
  it('renders rows from the data plane with the WAI-ARIA grid roles', async () => {
    const client = makeClient();
    const el = await mount(client);
    const grid = gridOf(el);
    const visible = COLUMNS.filter((c) => c.defaultVisible);
    expect(rowCount(el)).to.equal(DIST_TOTAL + 1);
    expect(grid.getAttribute('aria-colcount')).to.equal(String(visible.length));
    expect(grid.getAttribute('aria-label')).to.equal('Organizations');
    const headers = root(el).querySelectorAll('[role="row"][aria-rowindex="1"] [role="columnheader"]');
    expect([...headers].map((h) => h.querySelector('.hlabel')!.textContent)).to.deep.equal(visible.map((c) => c.label));
    const rows = dataRows(el);
    expect(rows[0].getAttribute('aria-rowindex')).to.equal('2');
    // Cells say which column they are in; those far to the side are not rendered until scrolled to.
    const colIndices = [...rows[0].querySelectorAll('[role="gridcell"]')].map((c) => Number(c.getAttribute('aria-colindex')));
    expect(colIndices[0]).to.equal(1);
    expect(colIndices).to.deep.equal([...colIndices].sort((a, b) => a - b));
    expect(colIndices.length).to.be.within(2, visible.length);
    const expected = await expectedIds(client, {sort: [{key: 'name', dir: 'asc'}]}, 5);
    expect(ids(el).slice(0, 5)).to.deep.equal(expected.ids);
    expect(nameText(rows[0])).to.equal(expected.rows[0].org.name);
    // One tab stop in the whole grid.
    expect(grid.querySelectorAll('[tabindex="0"]')).to.have.length(1);
    expect(root(el).querySelector('[part~="summary"]')!.textContent).to.contain(`${DIST_TOTAL.toLocaleString()} organizations in Northgate Distribution`);
  });

  it('keeps the DOM bounded while scrolling a large view', async () => {
    const client = makeClient(5000);
    const el = await mount(client);
    const total = rowCount(el) - 1;
    expect(total).to.be.greaterThan(5000);
    const viewport = viewportOf(el);
    const rh = dataRows(el)[0].getBoundingClientRect().height;
    for (const at of [0.1, 0.37, 0.5, 0.83, 1]) {
      viewport.scrollTop = at * (viewport.scrollHeight - viewport.clientHeight);
      const first = Math.floor(viewport.scrollTop / rh);
      await waitUntil(() => dataRows(el).some((r) => Number(r.getAttribute('aria-rowindex')) === first + 2), `row ${first} not rendered`, WAIT);
      await settled(el);
      expect(allBodyRows(el).length).to.be.at.most(60);
      expect(root(el).querySelectorAll('[role="gridcell"]').length).to.be.at.most(60 * COLUMNS.length);
    }
    expect(dataRows(el).some((r) => r.getAttribute('aria-rowindex') === String(total + 1))).to.equal(true);
  });

  it('keeps the elements of rows still in view while scrolling, each showing its own row', async () => {
    const client = makeClient(2000);
    const el = await mount(client);
    const expected = (await expectedIds(client, {sort: [{key: 'name', dir: 'asc'}]}, 120)).ids;
    const viewport = viewportOf(el);
    const rh = dataRows(el)[0].getBoundingClientRect().height;
    const byRow = (): Map<number, HTMLElement> => new Map(dataRows(el).map((r) => [Number(r.getAttribute('aria-rowindex')) - 2, r]));
    const before = byRow();
    viewport.scrollTop = 7 * rh;
    await waitUntil(() => byRow().has(7 + 20), 'rows below did not render', WAIT);
    await settled(el);
    const after = byRow();
    // A row in view before and after is the same element: only rows that scrolled in were written.
    const shared = [...after.keys()].filter((i) => before.has(i));
    expect(shared.length).to.be.greaterThan(10);
    for (const i of shared) expect(after.get(i), `row ${i}`).to.equal(before.get(i));
    // Recycled or not, every element shows the row at its index.
    for (const [i, row] of after) expect(row.dataset.orgId, `row ${i}`).to.equal(expected[i]);
  });

  it('adds rows beyond the viewport once the rows in view are painted', async () => {
    const client = makeClient(2000);
    const el = await mount(client);
    const viewport = viewportOf(el);
    const rh = dataRows(el)[0].getBoundingClientRect().height;
    const lastInView = Math.ceil(viewport.clientHeight / rh);
    // The margin below the viewport, so a scroll never shows a blank first.
    await waitUntil(() => dataRows(el).some((r) => Number(r.getAttribute('aria-rowindex')) > lastInView + 5), 'no rows below the viewport', WAIT);
    await settled(el);
    expect(dataRows(el).every((r) => r.querySelector('[part~="cell-name"] .name > .text')?.textContent)).to.equal(true);
  });

  it('renders the columns in view, each cell under its header, and the others as the grid scrolls sideways', async () => {
    const client = makeClient();
    const el = await mount(client);
    const visible = COLUMNS.filter((c) => c.defaultVisible);
    const viewport = viewportOf(el);
    const headers = [...root(el).querySelectorAll<HTMLElement>('[role="columnheader"]')];
    expect(headers).to.have.length(visible.length);
    const cellsOf = (): HTMLElement[] => [...dataRows(el)[0].querySelectorAll<HTMLElement>('[role="gridcell"]')];
    const lined = (): void => {
      for (const cell of cellsOf()) {
        const h = headers[Number(cell.getAttribute('aria-colindex')) - 1];
        expect(Math.round(cell.getBoundingClientRect().left), `${h.dataset.key} cell`).to.equal(Math.round(h.getBoundingClientRect().left));
      }
    };
    // The page is narrower than the columns: the far ones are not in the DOM yet.
    expect(viewport.scrollWidth).to.be.greaterThan(viewport.clientWidth + 400);
    expect(cellsOf().length).to.be.below(visible.length);
    lined();
    await showColumn(el, 'actions');
    const shown = cellsOf().map((c) => Number(c.getAttribute('aria-colindex')));
    // The last column is in, the pinned first one stays, and the ones scrolled far past have left.
    expect(shown.at(-1)).to.equal(visible.length);
    expect(shown[0]).to.equal(1);
    expect(shown.length).to.be.below(visible.length);
    lined();
    // Every row carries the same columns.
    for (const row of dataRows(el)) expect(row.querySelectorAll('[role="gridcell"]').length).to.equal(shown.length);
  });

  it('pins the first column when scrolled sideways', async () => {
    const client = makeClient();
    const el = await mount(client);
    const viewport = viewportOf(el);
    const firstCell = (): DOMRect => dataRows(el)[0].querySelector('[part~="cell-name"]')!.getBoundingClientRect();
    const left = firstCell().left;
    viewport.scrollLeft = 400;
    await waitUntil(() => gridOf(el).hasAttribute('data-hscrolled'), 'the grid did not notice the sideways scroll', WAIT);
    expect(Math.round(firstCell().left)).to.equal(Math.round(left));
    // The second column slid under it.
    expect(dataRows(el)[0].querySelector('[part~="cell-plan"]')!.getBoundingClientRect().left).to.be.below(left);
    viewport.scrollLeft = 0;
    await waitUntil(() => !gridOf(el).hasAttribute('data-hscrolled'), 'the flag stayed after scrolling back', WAIT);
    expect(Math.round(firstCell().left)).to.equal(Math.round(left));
  });

  it('searches as you type, in the visible columns and tenants', async () => {
    const client = makeClient();
    const el = await mount(client);
    const changes: GridViewState[] = [];
    el.addEventListener('tenantry-view-state-change', (e) => changes.push(e.detail.viewState));
    const target = (await expectedIds(client, {}, 40)).rows[37].org;
    const term = target.name.split(' ')[0];
    root(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    await sendKeys({type: term});
    const visible = COLUMNS.filter((c) => c.defaultVisible).map((c) => c.key);
    const expected = await expectedIds(client, {search: term, searchFields: searchFieldsFor(visible), sort: [{key: 'name', dir: 'asc'}]}, 10);
    // The whole term, not a prefix of it that happens to find as many (keystrokes are coalesced).
    await waitUntil(() => rowCount(el) === expected.total + 1 && changes.at(-1)?.search === term, 'search did not apply', WAIT);
    await settled(el);
    expect(expected.total).to.be.lessThan(DIST_TOTAL);
    expect(ids(el).slice(0, 10)).to.deep.equal(expected.ids);
    expect(ids(el)).to.include(target.id);
    expect(changes.at(-1)!.search).to.equal(term);
    // A tenant ID finds its organization even though the Tenants column is hidden.
    const withTenant = (await expectedIds(client, {}, 200)).rows.find((r) => r.org.tenants.length)!.org;
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = withTenant.tenants[0].tenantId;
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => rowCount(el) === 2, 'tenant search did not apply', WAIT);
    await settled(el);
    expect(ids(el)).to.deep.equal([withTenant.id]);
  });

  it('searches at the first keystroke, and coalesces a burst of keystrokes into one more query of the latest text', async () => {
    const client = makeClient();
    const el = await mount(client);
    const searches: string[] = [];
    el.addEventListener('tenantry-view-state-change', (e) => searches.push(e.detail.viewState.search));
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    // A paste-speed burst: five keystrokes in one task.
    for (const text of ['n', 'no', 'nor', 'nort', 'north']) {
      input.value = text;
      input.dispatchEvent(new InputEvent('input', {inputType: 'insertText'}));
    }
    expect(searches, 'the first keystroke searches at once').to.deep.equal(['n']);
    const expected = await expectedIds(client, {search: 'north', searchFields: searchFieldsFor(COLUMNS.filter((c) => c.defaultVisible).map((c) => c.key)), sort: [{key: 'name', dir: 'asc'}]}, 10);
    expect(expected.total).to.be.greaterThan(0);
    await waitUntil(() => rowCount(el) === expected.total + 1, 'the latest text was not searched', WAIT);
    await settled(el);
    expect(searches).to.deep.equal(['n', 'north']);
    expect(ids(el).slice(0, 10)).to.deep.equal(expected.ids);
  });

  it('sorts by header click (asc/desc) and adds a secondary sort with shift-click', async () => {
    const client = makeClient();
    const el = await mount(client);
    const name = header(el, 'Name');
    expect(name.getAttribute('aria-sort')).to.equal('ascending');
    name.click();
    let expected = await expectedIds(client, {sort: [{key: 'name', dir: 'desc'}]}, 8);
    await waitUntil(() => ids(el)[0] === expected.ids[0], 'desc sort', WAIT);
    expect(header(el, 'Name').getAttribute('aria-sort')).to.equal('descending');
    expect(ids(el).slice(0, 8)).to.deep.equal(expected.ids);
    expect(liveText(el)).to.equal('Sorted by Name, descending');

    header(el, 'Plan').click();
    expected = await expectedIds(client, {sort: [{key: 'plan', dir: 'asc'}]}, 8);
    await waitUntil(() => header(el, 'Plan').getAttribute('aria-sort') === 'ascending' && ids(el)[0] === expected.ids[0], 'plan sort', WAIT);
    await settled(el);
    expect(header(el, 'Name').hasAttribute('aria-sort')).to.equal(false);
    expect(ids(el).slice(0, 8)).to.deep.equal(expected.ids);

    header(el, 'Status').dispatchEvent(new MouseEvent('click', {bubbles: true, composed: true, shiftKey: true}));
    expected = await expectedIds(client, {sort: [{key: 'plan', dir: 'asc'}, {key: 'status', dir: 'asc'}]}, 40);
    await waitUntil(() => el.viewState.sort.length === 2, 'secondary sort', WAIT);
    await waitUntil(() => ids(el).length > 10 && JSON.stringify(ids(el)) === JSON.stringify(expected.ids.slice(0, ids(el).length)), 'secondary order', WAIT);
    expect(header(el, 'Plan').getAttribute('aria-sort')).to.equal('ascending');
    expect(header(el, 'Status').hasAttribute('aria-sort')).to.equal(false);
    expect(liveText(el)).to.equal('Sorted by Plan, ascending, then by Status, ascending');

    // Shift+Enter on a focused header flips that secondary sort.
    header(el, 'Status').focus();
    await sendKeys({press: 'Shift+Enter'});
    await waitUntil(() => el.viewState.sort[1]?.dir === 'desc', 'shift+enter', WAIT);
    expect(el.viewState.sort).to.deep.equal([
      {key: 'plan', dir: 'asc'},
      {key: 'status', dir: 'desc'},
    ]);
  });

  it('moves focus with the keyboard, with one tab stop', async () => {
    const client = makeClient();
    const el = await mount(client);
    const cols = COLUMNS.filter((c) => c.defaultVisible).length;
    const at = (): [number, number] => [Number(focused(el)?.dataset.r), Number(focused(el)?.dataset.c)];
    const oneTabStop = (): void => {
      const stops = gridOf(el).querySelectorAll('[tabindex="0"]');
      expect(stops).to.have.length(1);
      expect(stops[0]).to.equal(focused(el));
    };
    // Tab from the last toolbar control lands on the grid's single tab stop.
    root(el).querySelector<HTMLInputElement>('.export input[type="checkbox"]')!.focus();
    await sendKeys({press: 'Tab'});
    expect(at()).to.deep.equal([1, 0]);
    oneTabStop();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(at()).to.deep.equal([2, 0]);
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    expect(at()).to.deep.equal([2, 1]);
    await sendKeys({press: 'End'});
    await el.updateComplete;
    expect(at()).to.deep.equal([2, cols - 1]);
    await sendKeys({press: 'Home'});
    await el.updateComplete;
    expect(at()).to.deep.equal([2, 0]);
    oneTabStop();
    await sendKeys({press: 'PageDown'});
    await el.updateComplete;
    const page = at()[0] - 2;
    expect(page).to.be.greaterThan(3);
    await sendKeys({press: 'ArrowUp'});
    await el.updateComplete;
    expect(at()).to.deep.equal([page + 1, 0]);
    await sendKeys({press: 'PageUp'});
    await el.updateComplete;
    expect(at()).to.deep.equal([1, 0]);
    await sendKeys({press: 'Control+End'});
    await el.updateComplete;
    expect(at()).to.deep.equal([DIST_TOTAL, cols - 1]);
    expect(focused(el)!.closest('[role="row"]')!.getAttribute('aria-rowindex')).to.equal(String(DIST_TOTAL + 1));
    oneTabStop();
    await settled(el);
    // The focused cell is scrolled into view.
    const cell = focused(el)!.getBoundingClientRect();
    const vp = viewportOf(el).getBoundingClientRect();
    expect(cell.bottom).to.be.at.most(vp.bottom + 1);
    await sendKeys({press: 'Control+Home'});
    await el.updateComplete;
    expect(at()).to.deep.equal([0, 0]);
    expect(focused(el)!.getAttribute('role')).to.equal('columnheader');
    oneTabStop();
    // Alt+Right widens the focused column and says so.
    const before = el.viewState.columns.find((c) => c.key === 'name')!.width;
    await sendKeys({press: 'Alt+ArrowRight'});
    await el.updateComplete;
    expect(el.viewState.columns.find((c) => c.key === 'name')!.width).to.be.greaterThan(before);
    expect(liveText(el)).to.match(/^Name column, \d+ pixels wide$/);
  });

  it('expands and collapses the tree, with aria-expanded; open customers list their linked accounts', async () => {
    const client = makeClient();
    const el = await mount(client);
    button(el, 'Tree').click();
    await waitUntil(() => rowCount(el) === 2, 'tree shows the root only', WAIT);
    await settled(el);
    const expander = (): HTMLButtonElement => dataRows(el)[0].querySelector<HTMLButtonElement>('button.expander')!;
    expect(expander().getAttribute('aria-expanded')).to.equal('false');
    expander().click();
    await waitUntil(() => rowCount(el) > 2, 'expanded', WAIT);
    await settled(el);
    expect(expander().getAttribute('aria-expanded')).to.equal('true');
    expect(el.viewState.expanded).to.deep.equal([DEMO_TENANTS.distributor]);
    // Children are indented one level.
    const depth = getComputedStyle(dataRows(el)[1].querySelector('.name')!).getPropertyValue('--_depth').trim();
    expect(depth).to.equal('1');
    // Enter on the focused name cell collapses again.
    dataRows(el)[0].querySelector<HTMLElement>('[role="gridcell"]')!.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => rowCount(el) === 2, 'collapsed', WAIT);
    expect(expander().getAttribute('aria-expanded')).to.equal('false');

    // A customer with linked accounts, opened along with its ancestors.
    const customer = (await expectedIds(client, {filters: {kinds: ['customer']}}, 200)).rows.find((r) => r.org.linkedAccountCount > 0)!.org;
    const detail = (await client.getOrganization(DIST, customer.id)).value;
    el.viewState = {...el.viewState, expanded: [...customer.ancestorIds, customer.id]};
    await waitUntil(() => root(el).querySelector('.row.account .name > .text'), 'linked account rows', WAIT);
    const accounts = [...root(el).querySelectorAll('.row.account .name > .text')].map((n) => n.textContent);
    expect(accounts).to.deep.equal(detail.linkedAccounts.map((a) => a.name));
  });

  it('lays out columns from the view state and resizes them by dragging the header edge', async () => {
    const client = makeClient();
    const columns = [...DEFAULT_VIEW_STATE.columns].reverse().map((c) => (c.key === 'tenants' ? {...c, visible: true} : c.key === 'plan' ? {...c, visible: false} : c));
    const el = await mount(client, {viewState: {...DEFAULT_VIEW_STATE, columns}});
    const labels = [...root(el).querySelectorAll('[role="columnheader"] .hlabel')].map((h) => h.textContent);
    const expected = columns.filter((c) => c.visible).map((c) => COLUMNS.find((d) => d.key === c.key)!.label);
    expect(labels).to.deep.equal(expected);
    expect(labels).to.include('Tenants').and.not.to.include('Plan');
    expect(gridOf(el).getAttribute('aria-colcount')).to.equal(String(expected.length));

    const changes: GridViewState[] = [];
    el.addEventListener('tenantry-view-state-change', (e) => changes.push(e.detail.viewState));
    const tenants = header(el, 'Tenants');
    const before = tenants.getBoundingClientRect().width;
    const handle = tenants.querySelector<HTMLElement>('[data-resize]')!.getBoundingClientRect();
    const x = Math.round(handle.left + handle.width / 2);
    const y = Math.round(handle.top + handle.height / 2);
    try {
      await sendMouse({type: 'move', position: [x, y]});
      await sendMouse({type: 'down'});
      await sendMouse({type: 'move', position: [x + 30, y]});
      await sendMouse({type: 'move', position: [x + 60, y]});
      await sendMouse({type: 'up'});
    } finally {
      await resetMouse();
    }
    await el.updateComplete;
    expect(Math.round(header(el, 'Tenants').getBoundingClientRect().width - before)).to.equal(60);
    expect(changes.at(-1)!.columns.find((c) => c.key === 'tenants')!.width).to.equal(Math.round(before + 60));
    // The drag did not sort.
    expect(el.viewState.sort).to.deep.equal(DEFAULT_VIEW_STATE.sort);
    // Every row follows the header.
    expect(Math.round(dataRows(el)[0].querySelector('[part~="cell-tenants"]')!.getBoundingClientRect().width)).to.equal(Math.round(before + 60));
  });

  it('changes row height with density', async () => {
    const client = makeClient();
    const el = await mount(client);
    const height = (): number => dataRows(el)[0].getBoundingClientRect().height;
    expect(height()).to.equal(40);
    button(el, 'Compact').click();
    await el.updateComplete;
    expect(height()).to.equal(32);
    expect(el.viewState.density).to.equal('compact');
    button(el, 'Comfortable').click();
    await el.updateComplete;
    expect(height()).to.equal(52);
    expect(button(el, 'Comfortable').getAttribute('aria-pressed')).to.equal('true');
  });

  it('shows USD values with the currency toggle, labelled with the rate date', async () => {
    const client = makeClient();
    const el = await mount(client);
    const fx = await client.fxRates();
    await waitUntil(() => root(el).querySelector('.rate-date'), 'rate date', WAIT);
    expect(root(el).querySelector('.rate-date')!.textContent).to.contain(new Intl.DateTimeFormat(undefined, {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'}).format(Date.parse(`${fx!.date}T00:00:00Z`)));
    button(el, 'USD').click();
    await el.updateComplete;
    const expected = await expectedIds(client, {}, 10);
    const usd = new Intl.NumberFormat(undefined, {style: 'currency', currency: 'USD', maximumFractionDigits: 0});
    const cells = dataRows(el)
      .slice(0, 10)
      .map((r) => r.querySelector('[part~="cell-projectedAnnualCost"]')!.textContent!.trim());
    expect(cells).to.deep.equal(expected.rows.map((r) => (r.costUsd === null ? '' : usd.format(r.costUsd))));
    expect(el.viewState.currency).to.equal('usd');
  });

  it('emits row actions with their detail, and makes safe links from href-template', async () => {
    const client = makeClient();
    const el = await mount(client);
    const org = (await expectedIds(client, {}, 1)).rows[0].org;
    const actions: RowActionDetail[] = [];
    el.addEventListener('tenantry-row-action', (e) => {
      actions.push(e.detail);
      // The host routes; the test page must not navigate.
      e.preventDefault();
    });
    let pop = await openActions(el);
    expect(pop.getAttribute('aria-label')).to.equal(`Actions: ${org.name}`);
    expect(focused(el)).to.equal(pop.querySelector('button'));
    // The bodies' look came with them (loaded after the grid): the menu is a list without bullets.
    await waitUntil(() => pop.querySelector('.pop-menu'), 'the menu', WAIT);
    expect(getComputedStyle(pop.querySelector('.pop-menu')!).listStyleType).to.equal('none');
    button(el, 'Get summary', pop).click();
    expect(actions.at(-1)).to.deep.equal({action: 'summary', organizationId: org.id, organizationName: org.name, scopeTenantId: DEMO_TENANTS.distributor});
    await el.updateComplete;
    expect(root(el).querySelector('.popover')).to.equal(null);

    // Keyboard: Enter on the Actions cell opens, Escape closes and returns focus to the cell.
    const cell = dataRows(el)[0].querySelector<HTMLElement>('[part~="cell-actions"]')!;
    cell.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(root(el).querySelector('[role="dialog"].popover')).to.exist;
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(root(el).querySelector('.popover')).to.equal(null);
    expect(focused(el)).to.equal(dataRows(el)[0].querySelector('[part~="cell-actions"]'));

    el.hrefTemplate = '/organization/{id}/{view}';
    await el.updateComplete;
    pop = await openActions(el);
    const link = (text: string): HTMLAnchorElement | undefined => [...pop.querySelectorAll('a')].find((a) => a.textContent === text);
    expect(link('View profile')!.getAttribute('href')).to.equal(`/organization/${encodeURIComponent(org.id)}`);
    expect(link('Edit')!.getAttribute('href')).to.equal(`/organization/${encodeURIComponent(org.id)}/edit`);
    expect(link('Operations')!.getAttribute('href')).to.equal(`/organization/${encodeURIComponent(org.id)}/operations`);
    link('Edit')!.click();
    expect(actions.at(-1)!.action).to.equal('edit');
    await el.updateComplete;

    for (const template of ['javascript:alert(1)//{id}', ' JaVaScRiPt:alert(1)//{id}', 'java\tscript:alert(1)//{id}', 'data:text/html,{id}', 'vbscript:{id}']) {
      el.hrefTemplate = template;
      await el.updateComplete;
      pop = await openActions(el);
      expect(pop.querySelectorAll('a'), template).to.have.length(0);
      expect(button(el, 'View profile', pop)).to.exist;
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
    }
  });

  it('opens tooltips and popups from the keyboard and returns focus on Escape', async () => {
    const client = makeClient();
    const el = await mount(client, {viewState: {...DEFAULT_VIEW_STATE, sort: [{key: 'readers', dir: 'desc'}]}});
    const org = (await expectedIds(client, {sort: [{key: 'readers', dir: 'desc'}]}, 1)).rows[0].org;
    const detail = (await client.getOrganization(DIST, org.id)).value;
    await showColumn(el, 'readers');
    const cell = dataRows(el)[0].querySelector<HTMLElement>('[part~="cell-readers"]')!;
    cell.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => root(el).querySelector('[role="tooltip"] li'), 'readers tooltip', WAIT);
    const tip = root(el).querySelector<HTMLElement>('[role="tooltip"]')!;
    expect([...tip.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal(detail.readers.slice(0, 8).map((u) => u.displayName));
    expect(root(el).querySelector('[part~="cell-readers"][aria-describedby]')!.getAttribute('aria-describedby')).to.equal(tip.id);
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(root(el).querySelector('[role="tooltip"]')).to.equal(null);
    expect(focused(el)).to.equal(dataRows(el)[0].querySelector('[part~="cell-readers"]'));

    // Contracts: up to three, and "View all contracts".
    const withContracts = (await expectedIds(client, {sort: [{key: 'contracts', dir: 'desc'}]}, 1)).rows[0].org;
    const contracts = (await client.getOrganization(DIST, withContracts.id)).value.contracts;
    el.viewState = {...el.viewState, sort: [{key: 'contracts', dir: 'desc'}]};
    await waitUntil(() => ids(el)[0] === withContracts.id, 'contracts sort', WAIT);
    await showColumn(el, 'contracts');
    dataRows(el)[0].querySelector<HTMLElement>('[part~="cell-contracts"]')!.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => root(el).querySelector('[role="dialog"].popover li'), 'contracts popup', WAIT);
    const pop = root(el).querySelector<HTMLElement>('[role="dialog"].popover')!;
    expect(pop.querySelectorAll('li')).to.have.length(Math.min(3, contracts.length));
    await expect(el).to.be.accessible();
    const events: RowActionDetail[] = [];
    el.addEventListener('tenantry-row-action', (e) => events.push(e.detail));
    button(el, `View all contracts (${contracts.length})`, pop).click();
    expect(events.at(-1)).to.include({action: 'view-contracts', organizationId: withContracts.id});
  });

  it('offers Delete only for suspended organizations; its dialog names the organization and the scope', async () => {
    const client = makeClient();
    const el = await mount(client, {viewState: {...DEFAULT_VIEW_STATE, filters: {statuses: ['active']}}});
    const events: RowActionDetail[] = [];
    el.addEventListener('tenantry-row-action', (e) => events.push(e.detail));
    let pop = await openActions(el);
    expect(button(el, 'Delete…', pop)).to.equal(undefined);
    expect(pop.textContent).to.contain('Delete becomes available once suspended.');
    expect(button(el, 'Suspend…', pop)).to.not.equal(undefined);

    el.viewState = {...el.viewState, filters: {statuses: ['suspended']}};
    const suspended = (await expectedIds(client, {filters: {statuses: ['suspended']}}, 1)).rows[0].org;
    await waitUntil(() => ids(el)[0] === suspended.id, 'suspended rows', WAIT);
    await settled(el);
    pop = await openActions(el);
    expect(button(el, 'Suspend…', pop)).to.equal(undefined);
    button(el, 'Delete…', pop).click();
    // The host hears of it first (it may take it over); then the grid asks.
    expect(events.at(-1)).to.deep.equal({action: 'delete', organizationId: suspended.id, organizationName: suspended.name, scopeTenantId: DEMO_TENANTS.distributor});
    await waitUntil(() => root(el).querySelector('tenantry-lifecycle-dialog')?.shadowRoot?.querySelector('dialog')?.open, 'the confirmation', WAIT);
    const dialog = root(el).querySelector('tenantry-lifecycle-dialog')!.shadowRoot!.querySelector('dialog')!;
    expect(dialog.textContent).to.contain(suspended.name).and.to.contain('Northgate Distribution');
    expect(button(el, 'Delete organization', dialog).disabled).to.equal(true);
    await sendKeys({press: 'Escape'});
    await waitUntil(() => !dialog.open, 'Escape closes', WAIT);
    expect((await client.getOrganization(DIST, suspended.id)).value.status).to.equal('suspended');
  });

  it('renders hostile names as text', async () => {
    // Names as a server may still send them (older records, another system's, a compromised
    // server): the organizations list answers with them, whatever the write path allows.
    const scope: Scope = {tenantId: DEMO_TENANTS.reseller};
    const hostile = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '\u202Egnp.exe\u202C Invoice', 'Zero\u200B\u200Bwidth\u200D', 'W'.repeat(500)];
    const handle = embeddedRestHandler(SIZE, 'grid-hostile');
    const targets = (await serverTenants(handle, scope)).filter((t) => t.kind === 'customer').slice(0, hostile.length).map((t) => t.id);
    expect(targets).to.have.length(hostile.length);
    const server = withServerNames(handle, new Map(targets.map((id, i) => [id, hostile[i]])));
    const msw = await startMsw(http.all(`${API}*`, ({request}) => server(request)));
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (m?: unknown) => void alerts.push(m);
    try {
      const client = httpTestClient(5000);
      clients.push(client);
      // No write makes such a name: bidi controls, zero-width characters and 500 characters are refused, naming the field.
      for (const i of [2, 3, 4]) {
        const {etag} = await client.getOrganization(scope, targets[i]);
        const refused = await rejectsWith(client.updateOrganization(scope, targets[i], {name: hostile[i]}, etag));
        expect(refused.code, hostile[i]).to.equal('invalid-request');
        expect(refused.details.issues?.map((issue) => issue.path), hostile[i]).to.deep.equal(['name']);
        expect(refused.message, hostile[i]).to.contain('The organization is not valid: name: ');
      }
      const el = await mount(client, {scope, height: '4000px'});
      await waitUntil(() => hostile.every((n) => dataRows(el).some((r) => nameText(r) === n)), 'hostile names shown', WAIT);
      expect(root(el).querySelectorAll('img')).to.have.length(0);
      for (const svg of root(el).querySelectorAll('svg')) expect(svg.getAttribute('aria-hidden')).to.equal('true');
      for (const node of root(el).querySelectorAll('*')) for (const a of node.getAttributeNames()) expect(a.startsWith('on'), `${node.tagName} ${a}`).to.equal(false);
      for (const [i, n] of hostile.entries()) {
        const row = dataRows(el).find((r) => nameText(r) === n)!;
        expect(row.dataset.orgId).to.equal(targets[i]);
        const text = row.querySelector<HTMLElement>('[part~="cell-name"] .name > .text')!;
        expect(text.getAttribute('title')).to.equal(n);
        expect(getComputedStyle(text).unicodeBidi).to.equal('isolate');
        // Long text stays in its cell.
        expect(text.getBoundingClientRect().width).to.be.at.most(row.querySelector('[part~="cell-name"]')!.getBoundingClientRect().width);
      }
      // And in the popups that show the name.
      const i = dataRows(el).findIndex((r) => nameText(r) === hostile[0]);
      const pop = await openActions(el, i);
      expect(pop.getAttribute('aria-label')).to.equal(`Actions: ${hostile[0]}`);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = original;
      await msw.stop();
    }
  });

  it('never paints a row of the previous scope after a scope change, even with requests in flight', async () => {
    const client = makeClient(2000);
    const a: Scope = {tenantId: DEMO_TENANTS.reseller};
    const b: Scope = {tenantId: DEMO_TENANTS.otherReseller};
    const [idsA, idsB] = await Promise.all([allIds(client, a), allIds(client, b)]);
    expect([...idsA].some((id) => idsB.has(id))).to.equal(false);

    const el = await mount(client, {scope: a});
    expect(ids(el).every((id) => idsA.has(id))).to.equal(true);
    const violations: string[] = [];
    let switched = false;
    const check = (): void => {
      if (switched) for (const id of ids(el)) if (idsA.has(id)) violations.push(id);
    };
    const observer = new MutationObserver(check);
    observer.observe(root(el), {subtree: true, childList: true, attributes: true, characterData: true});
    try {
      // Requests in flight for scope A: a search and a scroll far down, then the switch at once.
      el.viewState = {...el.viewState, search: 'a'};
      await el.updateComplete;
      viewportOf(el).scrollTop = 2000;
      viewportOf(el).dispatchEvent(new Event('scroll'));
      el.scope = b;
      switched = true;
      await el.updateComplete;
      check();
      await waitUntil(() => dataRows(el).length > 0 && ids(el).every((id) => idsB.has(id)), 'rows of scope B', WAIT);
      await settled(el);
      await new Promise((r) => setTimeout(r, 300));
      check();
      expect(violations).to.deep.equal([]);
      expect(ids(el).every((id) => idsB.has(id))).to.equal(true);
    } finally {
      observer.disconnect();
    }
  });

  it('switches scope before the first view opened without showing the first scope', async () => {
    const client = makeClient(2000);
    const a: Scope = {tenantId: DEMO_TENANTS.reseller};
    const b: Scope = {tenantId: DEMO_TENANTS.otherReseller};
    const idsA = await allIds(client, a);
    const el = document.createElement('organizations-grid');
    el.client = client;
    el.scope = a;
    const seen: string[] = [];
    document.body.append(el);
    try {
      await el.updateComplete;
      const observer = new MutationObserver(() => seen.push(...ids(el).filter((id) => idsA.has(id))));
      observer.observe(root(el), {subtree: true, childList: true, attributes: true});
      el.scope = b;
      await settled(el);
      await new Promise((r) => setTimeout(r, 300));
      observer.disconnect();
      expect(seen).to.deep.equal([]);
      expect(dataRows(el).length).to.be.greaterThan(0);
    } finally {
      el.remove();
    }
  });

  it('closes its view when removed and opens it again when put back', async () => {
    const client = makeClient();
    const el = await mount(client);
    const first = ids(el).slice(0, 5);
    const parent = el.parentElement!;
    el.remove();
    await el.updateComplete;
    expect(dataRows(el)).to.have.length(0);
    parent.append(el);
    await waitUntil(() => dataRows(el).length > 0, 'rows again', WAIT);
    await settled(el);
    expect(ids(el).slice(0, 5)).to.deep.equal(first);
  });

  it('shows a no-match state with Clear filters, and is accessible with rows and without', async () => {
    const client = makeClient();
    const el = await mount(client);
    await expect(el).to.be.accessible();
    el.viewState = {...el.viewState, search: 'zzqx-nothing-matches'};
    await waitUntil(() => root(el).querySelector('[part~="state"]'), 'no-match state', WAIT);
    const state = root(el).querySelector('[part~="state"]')!;
    expect(state.textContent).to.contain('No organizations match “zzqx-nothing-matches”');
    expect(rowCount(el)).to.equal(1);
    await expect(el).to.be.accessible();
    button(el, 'Clear filters').click();
    await waitUntil(() => rowCount(el) === DIST_TOTAL + 1, 'cleared', WAIT);
    expect(el.viewState.search).to.equal('');
    expect(root(el).querySelector<HTMLInputElement>('input[type="search"]')!.value).to.equal('');
  });

  it('says plainly that a tenant the user may not see is out of reach, with no Retry that cannot help, and stays accessible', async () => {
    const client = makeClient(SIZE, DEMO_USERS.resellerAdmin);
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .scope=${{tenantId: DEMO_TENANTS.otherReseller}}></organizations-grid>`);
    await waitUntil(() => root(el).querySelector('[part~="state"][role="alert"]'), 'error state', WAIT);
    const state = root(el).querySelector('[part~="state"]')!;
    expect(state.querySelector('.state-title')!.textContent).to.equal('No access to this tenant');
    expect(state.textContent).to.contain('You have no access to this tenant (or it no longer exists). Nothing of it is kept on this device.');
    expect(button(el, 'Retry', state)).to.equal(undefined);
    expect(dataRows(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('exports in the worker with progress, and can cancel', async () => {
    const client = makeClient();
    const el = await mount(client);
    button(el, 'Export Excel').click();
    await el.updateComplete;
    const progress = root(el).querySelector('[part~="export-progress"]')!;
    expect(progress.querySelector('progress')).to.exist;
    button(el, 'Cancel', progress).click();
    await el.updateComplete;
    expect(root(el).querySelector('[part~="export-progress"]')).to.equal(null);
    expect(liveText(el)).to.equal('Export cancelled');

    button(el, 'Export CSV').click();
    await waitUntil(() => liveText(el).startsWith('Exported'), 'export finished', WAIT);
    expect(liveText(el)).to.match(new RegExp(`^Exported ${DIST_TOTAL} organizations to organizations-northgate-distribution-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(root(el).querySelector('[part~="export-progress"]')).to.equal(null);
  });

  describe('over HTTP (msw at the network edge)', () => {
    const tokenProvider = demoTokenProvider;
    const handler = demoRestHandler;
    const httpClient = (): DataClient => {
      const client = httpTestClient(3000);
      clients.push(client);
      return client;
    };

    it('shows a server error with Retry (typed message), and Retry loads the rows once the server answers', async () => {
      const handle = handler();
      let failing = true;
      const msw = await startMsw(
        http.get(`${API}organizations`, ({request}) => (failing ? HttpResponse.json({code: 'server', message: 'The server failed.'}, {status: 500}) : handle(request))),
        http.all(`${API}*`, ({request}) => handle(request)),
      );
      try {
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${httpClient()}></organizations-grid>`);
        await waitUntil(() => root(el).querySelector('[part~="state"][role="alert"]'), 'error state', WAIT);
        const state = root(el).querySelector('[part~="state"]')!;
        expect(state.querySelector('.state-title')!.textContent).to.equal('Couldn’t load organizations');
        await expect(el).to.be.accessible();
        failing = false;
        button(el, 'Retry', state).click();
        await waitUntil(() => dataRows(el).length > 0, 'rows after Retry', WAIT);
        expect(root(el).querySelector('[part~="state"]')).to.equal(null);
      } finally {
        await msw.stop();
      }
    });

    it('shows loading placeholders only once rows take a moment, and says it is busy throughout', async () => {
      const api = await startGatedApi(handler());
      try {
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${httpClient()}></organizations-grid>`);
        // Right after the first render: busy, but no placeholder flashes for what may be a fast load.
        expect(gridOf(el).getAttribute('aria-busy')).to.equal('true');
        expect(root(el).querySelector('[part~="skeleton-row"]')).to.equal(null);
        await waitUntil(() => root(el).querySelector('[part~="skeleton-row"]'), 'placeholders once loading takes a while', WAIT);
        expect(gridOf(el).getAttribute('aria-busy')).to.equal('true');
        api.release();
        await settled(el);
        expect(root(el).querySelector('[part~="skeleton-row"]')).to.equal(null);
        expect(dataRows(el).length).to.be.greaterThan(0);
      } finally {
        await api.stop();
      }
    });

    it('shows the empty state when the scope has no organizations', async () => {
      const handle = handler();
      const msw = await startMsw(
        http.get(`${API}organizations`, () => HttpResponse.json({items: [], tombstones: [], nextCursor: null, asOf: new Date().toISOString()})),
        http.all(`${API}*`, ({request}) => handle(request)),
      );
      try {
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${httpClient()}></organizations-grid>`);
        await waitUntil(() => root(el).querySelector('[part~="state"]'), 'empty state', WAIT);
        expect(root(el).querySelector('[part~="state"]')!.textContent).to.contain('No organizations yet');
        await expect(el).to.be.accessible();
      } finally {
        await msw.stop();
      }
    });

    it('shows the saved data of the user the host vouches for, with its date, when the backend cannot be reached', async () => {
      let online = true;
      const handle = handler();
      const msw = await startMsw(http.all(`${API}*`, ({request}) => (online ? handle(request) : HttpResponse.error())));
      try {
        const cacheName = `tenantry-grid-test-${crypto.randomUUID()}`;
        const make = (): DataClient => {
          const c = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 3000}, cacheName, tokenProvider, user: DEMO_USERS.distributorAdmin});
          clients.push(c);
          return c;
        };
        const first = make();
        const view = await first.openView(DIST, {});
        await first.idle();
        first.dispose();
        online = false;
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${make()}></organizations-grid>`);
        await waitUntil(() => [...root(el).querySelectorAll('[part~="notice"]')].some((n) => n.textContent!.includes('Offline')), 'offline notice', WAIT);
        const notice = [...root(el).querySelectorAll('[part~="notice"]')].find((n) => n.textContent!.includes('Offline'))!;
        expect(notice.textContent!.trim()).to.equal(`Offline — showing data saved on this device, as of ${formatDateTime(view.asOf)}`);
        // The date, not only the time.
        expect(notice.textContent).to.contain(String(new Date(view.asOf!).getFullYear()));
        await settled(el);
        expect(rowCount(el)).to.equal(view.total + 1);
      } finally {
        await msw.stop();
      }
    });

    it('reports records the server sent that were skipped, and shows the rest', async () => {
      const handle = handler();
      const msw = await startMsw(
        http.get(`${API}organizations`, async ({request}) => {
          const body = (await (await handle(request)).json()) as {items: Record<string, unknown>[]};
          body.items[3] = {...body.items[3], name: ''};
          body.items[5] = {...body.items[5], status: '<img src=x onerror=alert(1)>'};
          return HttpResponse.json(body);
        }),
        http.all(`${API}*`, ({request}) => handle(request)),
      );
      try {
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${httpClient()}></organizations-grid>`);
        await settled(el);
        const notice = [...root(el).querySelectorAll('[part~="notice"]')].find((n) => n.textContent!.includes('skipped'))!;
        expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('2 records from the server were skipped: items[3].name');
        expect(root(el).querySelectorAll('img')).to.have.length(0);
        expect(dataRows(el).length).to.be.greaterThan(0);
      } finally {
        await msw.stop();
      }
    });
  });
});
