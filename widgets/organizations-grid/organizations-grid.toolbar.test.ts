/**
 * `<organizations-grid>` plugs into a page with no host wiring: alone, given a client, it shows its
 * whole toolbar (filters, columns, saved views among it) in step with the grid; controls placed
 * elsewhere on the page share its view by naming it (`for`); a host hides or replaces parts; a grid
 * without a client says so instead of showing made-up data, and finds a provider created later.
 * Real data workers on the embedded backend, real IndexedDB.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {provideDataClient} from '../../src/page/context.js';
import {DataClient} from '../../src/page/data-client.js';
import {missingClientMessage} from '../../src/page/kit/client-controller.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {GridViewState} from '../../src/shared/grid-view.js';
import type {TenantryColumnChooser} from '../column-chooser/column-chooser.js';
import type {TenantryGridFilters} from '../grid-filters/grid-filters.js';
import type {TenantrySavedViews} from '../saved-views/saved-views.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import './organizations-grid.js';

const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

function makeClient(organizations = 120): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `grid-toolbar-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-grid-toolbar-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const rowCount = (el: OrganizationsGrid): number => Number(root(el).querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
const headers = (el: OrganizationsGrid): string[] => [...root(el).querySelectorAll('[role="columnheader"]')].map((h) => h.getAttribute('data-key')!);
const statuses = (el: OrganizationsGrid): string[] => [...root(el).querySelectorAll('.body [role="row"][data-org-id] [part~="status-badge"]')].map((b) => b.textContent!.trim());

async function settled(el: OrganizationsGrid): Promise<void> {
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && rowCount(el) > 0, 'grid did not settle', WAIT);
  await el.updateComplete;
}

/** Applies "Status: Suspended" through a filters element's own panel, as a user would. */
async function filterSuspended(filters: TenantryGridFilters): Promise<void> {
  const r = filters.shadowRoot!;
  r.querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
  await filters.updateComplete;
  const box = r.querySelector<HTMLInputElement>('#f-statuses-suspended')!;
  box.click();
  await filters.updateComplete;
  r.querySelector<HTMLButtonElement>('[part~="apply"]')!.click();
  await filters.updateComplete;
}

describe('organizations-grid brings its own toolbar', () => {
  it('alone, given a client, shows search, filters, columns, saved views, layout, density, currency and export', async () => {
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient()}></organizations-grid>`);
    await settled(el);
    const r = root(el);
    expect(r.querySelector('[part~="search-input"]')).to.exist;
    expect(r.querySelector('tenantry-grid-filters')).to.exist;
    expect(r.querySelector('tenantry-column-chooser')).to.exist;
    expect(r.querySelector('tenantry-saved-views')).to.exist;
    for (const label of ['Layout', 'Density', 'Currency']) expect([...r.querySelectorAll('.group-label')].map((x) => x.textContent)).to.include(label);
    expect([...r.querySelectorAll('[part~="export-button"]')].map((b) => b.textContent!.trim())).to.deep.equal(['Export Excel', 'Export CSV']);
    await expect(el).to.be.accessible();
  });

  it('keeps its filters and column chooser in step with the grid, and tells the host', async () => {
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient()}></organizations-grid>`);
    await settled(el);
    const all = rowCount(el);
    const changes: GridViewState[] = [];
    el.addEventListener('tenantry-view-state-change', (e) => changes.push(e.detail.viewState));

    const filters = root(el).querySelector<TenantryGridFilters>('tenantry-grid-filters')!;
    await filterSuspended(filters);
    await waitUntil(() => rowCount(el) < all, 'the filter did not narrow the grid', WAIT);
    await settled(el);
    expect(new Set(statuses(el))).to.deep.equal(new Set(['Suspended']));
    expect(el.viewState.filters).to.deep.equal({statuses: ['suspended']});
    expect(changes.at(-1)?.filters).to.deep.equal({statuses: ['suspended']});

    const chooser = root(el).querySelector<TenantryColumnChooser>('tenantry-column-chooser')!;
    expect(headers(el)).to.include('plan');
    chooser.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
    await chooser.updateComplete;
    chooser.shadowRoot!.querySelector<HTMLInputElement>('#c-plan')!.click();
    await el.updateComplete;
    expect(headers(el)).not.to.include('plan');
    expect(el.viewState.columns.find((c) => c.key === 'plan')!.visible).to.equal(false);

    // A host that sets the view is shown in the controls too.
    el.viewState = {...el.viewState, filters: {}};
    await el.updateComplete;
    await filters.updateComplete;
    expect(filters.filters).to.deep.equal({});
    await waitUntil(() => rowCount(el) === all, 'clearing the filter did not bring the rows back', WAIT);
  });

  it('restores a saved view from its own saved views, per user and scope', async () => {
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient()}></organizations-grid>`);
    await settled(el);
    const saved = root(el).querySelector<TenantrySavedViews>('tenantry-saved-views')!;
    el.viewState = {...el.viewState, density: 'compact', search: 'a'};
    await el.updateComplete;
    await saved.updateComplete;
    expect(saved.state.density).to.equal('compact');
    await saved.show(true);
    const input = saved.shadowRoot!.querySelector<HTMLInputElement>('[part~="name-input"]')!;
    input.value = 'Compact';
    input.dispatchEvent(new Event('input'));
    saved.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await waitUntil(() => saved.shadowRoot!.querySelector('[part~="restore"]'), 'the view was not saved', WAIT);

    el.viewState = {...el.viewState, density: 'comfortable', search: ''};
    await el.updateComplete;
    saved.shadowRoot!.querySelector<HTMLButtonElement>('[part~="restore"]')!.click();
    await el.updateComplete;
    expect(el.viewState.density).to.equal('compact');
    expect(el.viewState.search).to.equal('a');
    expect(root(el).querySelector<HTMLInputElement>('[part~="search-input"]')!.value).to.equal('a');
  });

  it('shares its view with controls placed elsewhere that name it with `for`', async () => {
    const client = makeClient();
    const page = await fixture<HTMLElement>(html`<div>
      <aside><tenantry-grid-filters for="customers" .client=${client}></tenantry-grid-filters><tenantry-column-chooser for="customers"></tenantry-column-chooser></aside>
      <organizations-grid id="customers" toolbar="search export" .client=${client}></organizations-grid>
    </div>`);
    const el = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await settled(el);
    const all = rowCount(el);
    // Hidden parts are not rendered at all.
    expect(root(el).querySelector('tenantry-grid-filters')).to.equal(null);
    expect(root(el).querySelector('.group-label')).to.equal(null);
    expect(root(el).querySelector('[part~="search-input"]')).to.exist;

    const filters = page.querySelector<TenantryGridFilters>('tenantry-grid-filters')!;
    await filterSuspended(filters);
    await waitUntil(() => rowCount(el) < all, 'the outside filter did not narrow the grid', WAIT);
    expect(el.viewState.filters).to.deep.equal({statuses: ['suspended']});

    const chooser = page.querySelector<TenantryColumnChooser>('tenantry-column-chooser')!;
    el.viewState = {...el.viewState, columns: el.viewState.columns.map((c) => (c.key === 'plan' ? {...c, visible: false} : c))};
    await el.updateComplete;
    await chooser.show();
    expect(chooser.shadowRoot!.querySelector<HTMLInputElement>('#c-plan')!.checked).to.equal(false);
  });

  it('lets the host replace a part through its slot', async () => {
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient()}><button slot="filters" id="own">Our filters</button></organizations-grid>`);
    await settled(el);
    const slot = root(el).querySelector<HTMLSlotElement>('slot[name="filters"]')!;
    expect(slot.assignedElements().map((x) => x.id)).to.deep.equal(['own']);
    // The default sits in the slot but is not shown.
    expect(slot.assignedElements({flatten: true}).some((x) => x.localName === 'tenantry-grid-filters')).to.equal(false);
  });
});

describe('organizations-grid without a client', () => {
  it('says what is missing instead of starting a made-up backend, and finds a provider created later', async () => {
    const workers: string[] = [];
    const Original = window.Worker;
    // Counts workers started while the grid has no client (none may be).
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        workers.push(String(url));
      }
    };
    try {
      const page = await fixture<HTMLElement>(html`<section><organizations-grid></organizations-grid></section>`);
      const el = page.querySelector<OrganizationsGrid>('organizations-grid')!;
      await el.updateComplete;
      const alert = root(el).querySelector('[part~="missing-client"]');
      expect(alert?.getAttribute('role')).to.equal('alert');
      expect(alert?.textContent).to.equal(missingClientMessage());
      expect(root(el).querySelector('[role="grid"]')).to.equal(null);
      expect(workers).to.deep.equal([]);
      await expect(el).to.be.accessible();
      window.Worker = Original;

      // The host provides a client after the grid was defined and connected.
      provideDataClient(page, makeClient());
      await settled(el);
      expect(root(el).querySelector('[part~="missing-client"]')).to.equal(null);
      expect(rowCount(el)).to.be.greaterThan(0);
    } finally {
      window.Worker = Original;
    }
  });
});

describe('organizations-grid and the device’s storage', () => {
  it('says in plain words that data is kept in memory only, and why, when a newer version owns the storage', async () => {
    const cacheName = `tenantry-grid-storage-${crypto.randomUUID()}`;
    // A newer build of Tenantry (in another tab) has taken the database to a later version.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(cacheName, 999);
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const config = {kind: 'local' as const, organizations: 60, namespace: `grid-storage-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
    const client = new DataClient({config, cacheName});
    clients.push(client);
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
    await settled(el);
    await waitUntil(() => root(el).querySelector('[part~="storage-notice"]'), 'storage notice', WAIT);
    const notice = root(el).querySelector('[part~="storage-notice"]')!;
    expect(notice.getAttribute('data-reason')).to.equal('version-change');
    expect(notice.textContent).to.contain('keeps its data in memory only');
    // The rows are there all the same.
    expect(rowCount(el)).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    indexedDB.deleteDatabase(cacheName);
  });
});
