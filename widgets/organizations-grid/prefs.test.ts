/**
 * The grid's layout (columns, density, currency) as the user's preference per scope, in the real
 * data worker's cache: saved when the user shapes it (debounced), restored when a scope opens,
 * per scope and per user, never over a layout the host set.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import './organizations-grid.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import '../column-chooser/column-chooser.js';
import type {TenantryColumnChooser} from '../column-chooser/column-chooser.component.js';
import {DISPLAY_PREF, DISPLAY_SAVE_DELAY_MS} from './display-prefs.js';
import {DEFAULT_VIEW_STATE, decodeViewState, defaultViewState, displayOf, type GridDisplay, type GridViewState} from '../../src/shared/grid-view.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES: Scope = {tenantId: DEMO_TENANTS.reseller};
const WAIT = {timeout: 15_000};

const clients: DataClient[] = [];
function makeClient(userId: string = DEMO_USERS.distributorAdmin, shared?: {namespace: string; cacheName: string}) {
  const namespace = shared?.namespace ?? `prefs-${crypto.randomUUID()}`;
  const cacheName = shared?.cacheName ?? `tenantry-prefs-test-${crypto.randomUUID()}`;
  const client = new DataClient({config: {kind: 'local', organizations: 60, namespace, userId}, cacheName});
  clients.push(client);
  return {client, namespace, cacheName};
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const pressed = (el: OrganizationsGrid, label: string): boolean =>
  [...root(el).querySelectorAll('button[aria-pressed]')].find((b) => b.textContent!.trim() === label)!.getAttribute('aria-pressed') === 'true';
const width = (el: OrganizationsGrid, key: string): number => el.viewState.columns.find((c) => c.key === key)!.width;
const visible = (el: OrganizationsGrid, key: string): boolean => el.viewState.columns.find((c) => c.key === key)!.visible;

async function mount(client: DataClient, scope: Scope, viewState: GridViewState = DEFAULT_VIEW_STATE): Promise<OrganizationsGrid> {
  const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .scope=${scope} .viewState=${viewState} style="--tenantry-organizations-grid-height: 360px"></organizations-grid>`);
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && root(el).querySelector('.body [role="row"][data-org-id]'), 'rows', WAIT);
  return el;
}

/** The grid's own getPref went before this one on the same worker port: after it, a restore has arrived. */
async function afterRestore(el: OrganizationsGrid, client: DataClient, scope: Scope): Promise<void> {
  await client.getPref(scope, DISPLAY_PREF);
  await el.updateComplete;
}

function layout(patch: Partial<GridDisplay>): GridDisplay {
  return {...displayOf(defaultViewState()), ...patch};
}

describe('organizations-grid: layout preferences', () => {
  it('saves what the user shapes once per burst, and restores it when the scope opens again', async () => {
    const {client} = makeClient();
    const stored = localStorage.length;
    const writes: unknown[] = [];
    const setPref = client.setPref.bind(client);
    client.setPref = (scope, name, value, options) => (writes.push({scope, name, value}), setPref(scope, name, value, options));
    const el = await mount(client, DIST);
    await afterRestore(el, client, DIST);
    // Density twice and a keyboard resize, in one burst.
    [...root(el).querySelectorAll<HTMLButtonElement>('button[aria-pressed]')].find((b) => b.textContent!.trim() === 'Comfortable')!.click();
    [...root(el).querySelectorAll<HTMLButtonElement>('button[aria-pressed]')].find((b) => b.textContent!.trim() === 'Compact')!.click();
    await el.updateComplete;
    const planHeader = [...root(el).querySelectorAll<HTMLElement>('[role="columnheader"]')].find((h) => h.querySelector('.hlabel')?.textContent === 'Plan')!;
    planHeader.focus();
    await sendKeys({press: 'Alt+ArrowRight'});
    await el.updateComplete;
    const widened = width(el, 'plan');
    expect(widened).to.be.greaterThan(190);
    await waitUntil(() => writes.length > 0, 'layout written', WAIT);
    // The quiet time passes twice more: still one write for the burst.
    await new Promise((r) => setTimeout(r, DISPLAY_SAVE_DELAY_MS * 2));
    expect(writes).to.have.length(1);
    const saved = await client.getPref<GridDisplay>(DIST, DISPLAY_PREF);
    expect(saved).to.deep.equal(displayOf(el.viewState));
    expect(saved!.density).to.equal('compact');
    expect(localStorage.length, 'nothing in page-readable storage').to.equal(stored);
    el.remove();

    // A new grid on the same scope comes back as the user left it, and tells the host.
    const changes: GridViewState[] = [];
    const again = await fixture<OrganizationsGrid>(
      html`<organizations-grid .client=${client} .scope=${DIST} @tenantry-view-state-change=${(e: CustomEvent<{viewState: GridViewState}>) => changes.push(e.detail.viewState)}></organizations-grid>`,
    );
    await waitUntil(() => pressed(again, 'Compact'), 'compact restored', WAIT);
    expect(width(again, 'plan')).to.equal(widened);
    expect(changes.at(-1)!.density).to.equal('compact');
    // Search, sort and filters are not part of the layout.
    expect(again.viewState.sort).to.deep.equal(DEFAULT_VIEW_STATE.sort);
  });

  it('keeps one layout per scope and per user; a scope change brings that scope’s layout', async () => {
    const dist = makeClient();
    await dist.client.setPref(DIST, DISPLAY_PREF, layout({density: 'compact'}));
    await dist.client.setPref(RES, DISPLAY_PREF, layout({density: 'comfortable', currency: 'usd'}));
    const el = await mount(dist.client, DIST);
    await waitUntil(() => pressed(el, 'Compact'), 'distributor layout', WAIT);
    el.scope = RES;
    await waitUntil(() => pressed(el, 'Comfortable') && el.viewState.currency === 'usd', 'reseller layout', WAIT);
    el.scope = DIST;
    await waitUntil(() => pressed(el, 'Compact') && el.viewState.currency === 'original', 'distributor layout again', WAIT);
    // Another user in the same browser and scope has none of it.
    const other = makeClient(DEMO_USERS.resellerAdmin, dist);
    expect(await other.client.getPref(RES, DISPLAY_PREF)).to.equal(undefined);
    const theirs = await mount(other.client, RES);
    await afterRestore(theirs, other.client, RES);
    expect(pressed(theirs, 'Standard')).to.equal(true);
  });

  it('a layout the host sets wins over the saved one; a host that sets only the default does not block it', async () => {
    const {client} = makeClient();
    await client.setPref(DIST, DISPLAY_PREF, layout({density: 'compact'}));
    const hostState = defaultViewState();
    hostState.density = 'comfortable';
    hostState.columns.find((c) => c.key === 'tenants')!.visible = true;
    const el = await mount(client, DIST, hostState);
    await afterRestore(el, client, DIST);
    expect(pressed(el, 'Comfortable')).to.equal(true);
    expect(visible(el, 'tenants')).to.equal(true);
    el.remove();
    // A host that decodes an empty link (the default view) still gets the user's layout.
    const plain = await mount(client, DIST, decodeViewState(null).state);
    await waitUntil(() => pressed(plain, 'Compact'), 'user layout', WAIT);
  });

  it('saves a change made in the toolbar’s column chooser and the host applied', async () => {
    const {client} = makeClient();
    await client.setPref(RES, DISPLAY_PREF, layout({density: 'comfortable'}));
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .scope=${DIST}>
      <tenantry-column-chooser slot="toolbar"></tenantry-column-chooser>
    </organizations-grid>`);
    const chooser = el.querySelector<TenantryColumnChooser>('tenantry-column-chooser')!;
    // Wired as the demo does: the host keeps the chooser and the grid in step.
    chooser.addEventListener('tenantry-columns-change', (e) => (el.viewState = {...el.viewState, columns: e.detail.columns}));
    el.addEventListener('tenantry-view-state-change', (e) => (chooser.columns = e.detail.viewState.columns));
    await afterRestore(el, client, DIST);
    await chooser.show();
    chooser.shadowRoot!.querySelector<HTMLInputElement>('#c-tenants')!.click();
    await el.updateComplete;
    expect(visible(el, 'tenants')).to.equal(true);
    await waitUntil(async () => (await client.getPref<GridDisplay>(DIST, DISPLAY_PREF))?.columns.find((c) => c.key === 'tenants')?.visible === true, 'chooser change saved', WAIT);
    // It was the user's change, not a host's layout: the next scope still brings its own.
    el.scope = RES;
    await waitUntil(() => pressed(el, 'Comfortable'), 'reseller layout', WAIT);
  });

  it('repairs a damaged or hostile saved layout and ignores one that is not a layout', async () => {
    const {client} = makeClient();
    await client.setPref(DIST, DISPLAY_PREF, {
      columns: [{key: '<img src=x onerror="window.__pwned=1">', visible: true}, {key: 'plan', visible: true, width: 1e9}, {key: 'name', visible: false}],
      density: 'huge',
      currency: 'usd',
      search: 'injected',
    });
    await client.setPref(RES, DISPLAY_PREF, 'not a layout');
    const el = await mount(client, DIST);
    await waitUntil(() => el.viewState.currency === 'usd', 'valid parts restored', WAIT);
    expect(width(el, 'plan')).to.equal(1200);
    expect(visible(el, 'name')).to.equal(true);
    expect(el.viewState.density).to.equal('standard');
    expect(el.viewState.search).to.equal('');
    expect(root(el).querySelector('img')).to.equal(null);
    el.scope = RES;
    await afterRestore(el, client, RES);
    expect(el.viewState.currency).to.equal('usd');
  });
});
