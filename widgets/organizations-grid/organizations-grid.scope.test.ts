/**
 * `<organizations-grid>` scoped through the page's `ScopeStore` (what the tenant switcher drives),
 * in real Chromium: real data workers, the embedded backend — and the HTTP backend behind msw with
 * a random delay on every request, so switches really happen while requests are in flight, or with
 * names in its answers that a server may still send although no write may make them.
 */
import {expect, fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {ContextProvider} from '@lit/context';
import {delay, http} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {scopeContext} from '../../src/page/context.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {demoTokenProvider, embeddedRestHandler, serverTenants, withServerNames} from '../../src/testing/rest-api.js';
import {rejectsWith} from '../../src/testing/expect-error.js';
import {API, startMsw} from '../../src/testing/msw.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {OrgRow} from '../../src/shared/query.js';
import {scopeColor} from '../../src/page/scope-color.js';
import {REFUSED_MESSAGE, ScopeStore} from '../../src/page/scope-store.js';
import type {OrganizationsGrid, RowActionDetail} from './organizations-grid.js';
import './organizations-grid.js';
import {DEFAULT_VIEW_STATE} from '../../src/shared/grid-view.js';
import {showColumn} from '../testing/grid-testing.js';

const SIZE = 200;
const WAIT = {timeout: 15_000};
const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES_A = DEMO_TENANTS.reseller;
const RES_B = DEMO_TENANTS.otherReseller;
const RES_C = 'res-03';

const clients: DataClient[] = [];
const stores: ScopeStore[] = [];
const startUrl = location.href;

function makeClient(userId: string = DEMO_USERS.distributorAdmin, organizations = SIZE): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `grid-scope-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-grid-scope-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

function storeOf(client: DataClient): ScopeStore {
  const store = ScopeStore.forClient(client);
  stores.push(store);
  return store;
}

afterEach(() => {
  // Widgets first: a connected grid would ask for a fresh store of its (soon closed) client.
  fixtureCleanup();
  for (const s of stores.splice(0)) s.dispose();
  for (const c of clients.splice(0)) c.dispose();
  history.replaceState(null, '', startUrl);
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const gridOf = (el: OrganizationsGrid): HTMLElement | null => root(el).querySelector<HTMLElement>('[role="grid"]');
const dataRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')];
const ids = (el: OrganizationsGrid): string[] => dataRows(el).map((r) => r.dataset.orgId!);
const banner = (el: OrganizationsGrid): HTMLElement => root(el).querySelector<HTMLElement>('[part~="scope"]')!;
const bannerTenant = (el: OrganizationsGrid): string | undefined => banner(el)?.dataset.tenantId;
const rowCount = (el: OrganizationsGrid): number => Number(gridOf(el)?.getAttribute('aria-rowcount') ?? 0) - 1;
const button = (scope: ParentNode, text: string): HTMLButtonElement => [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim() === text)!;

async function settled(el: OrganizationsGrid): Promise<void> {
  await waitUntil(() => gridOf(el)?.getAttribute('aria-busy') === 'false' && (dataRows(el).length > 0 || root(el).querySelector('.state')), 'grid did not settle', WAIT);
  await el.updateComplete;
}

/** For every organization: itself and its ancestors, as the distributor sees them (same seed, same ids). */
async function ancestry(organizations = SIZE): Promise<{of: Map<string, string[]>; rows: OrgRow[]}> {
  const client = makeClient(DEMO_USERS.distributorAdmin, organizations);
  const view = await client.openView(DIST, {});
  const rows: OrgRow[] = [];
  for (let start = 0; start < view.total; start += 500) rows.push(...(await client.window(view.viewId, start, 500)).rows);
  client.dispose();
  return {of: new Map(rows.map((r) => [r.org.id, [...r.org.ancestorIds, r.org.id]])), rows};
}

/** Rows a scope shows: the scope tenant and everything below it. */
const inScope = (of: Map<string, string[]>, scopeId: string): number => [...of.values()].filter((a) => a.includes(scopeId)).length;

/** The painted rows that are not in the scope the banner names (should always be none). */
function strays(el: OrganizationsGrid, of: Map<string, string[]>): string[] {
  const tenant = bannerTenant(el);
  if (!tenant) return ids(el);
  return ids(el).filter((id) => !of.get(id)?.includes(tenant));
}

describe('<organizations-grid> scoped by the page store', () => {
  let of: Map<string, string[]>;
  let rows: OrgRow[];
  before(async function () {
    // The first worker of the page compiles its modules: allow it the time once, here.
    this.timeout(90_000);
    ({of, rows} = await ancestry());
  });

  it('follows the page store without a scope property, shows the guard, and switches back in one action', async () => {
    const client = makeClient();
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
    await settled(el);
    const store = ScopeStore.forClient(client);
    stores.push(store);
    expect(bannerTenant(el)).to.equal(DIST.tenantId);
    expect(banner(el).querySelector('[part~="scope-name"]')!.textContent).to.equal('Northgate Distribution');
    expect(banner(el).querySelector('[part~="scope-label"]')!.textContent).to.equal('Your organization');
    expect(banner(el).querySelector('[part~="scope-home-button"]')).to.equal(null);
    expect(rowCount(el)).to.equal(of.size);
    expect(el.style.getPropertyValue('--tenantry-scope-color')).to.contain('var(--tenantry-');

    await store.switchTo(RES_A);
    await waitUntil(() => bannerTenant(el) === RES_A, 'banner switched', WAIT);
    await settled(el);
    expect(rowCount(el)).to.equal(inScope(of, RES_A));
    expect(strays(el, of)).to.deep.equal([]);
    expect(dataRows(el).length).to.be.greaterThan(0);
    const resName = store.state.current!.name;
    expect(banner(el).querySelector('[part~="scope-name"]')!.textContent).to.equal(resName);
    expect([...banner(el).querySelectorAll('[part~="scope-path-item"]')].map((li) => li.textContent)).to.deep.equal(['Northgate Distribution', resName]);
    expect(el.style.getPropertyValue('--tenantry-scope-color')).to.equal(scopeColor(RES_A));
    expect(getComputedStyle(banner(el).querySelector('[part~="scope-stripe"]')!).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    expect(root(el).querySelector('[part~="summary"]')!.textContent).to.contain(`in ${resName}`);
    await expect(el).to.be.accessible();

    // One action back home, from the banner.
    button(banner(el), 'Back to Northgate Distribution').click();
    expect(store.state.current!.tenantId).to.equal(DIST.tenantId);
    await waitUntil(() => bannerTenant(el) === DIST.tenantId, 'banner home', WAIT);
    await settled(el);
    expect(rowCount(el)).to.equal(of.size);
  });

  it('switches every grid of the page (two places, no provider); a fixed scope or a provided one stays put', async () => {
    const client = makeClient();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <section><organizations-grid id="one" .client=${client}></organizations-grid></section>
      <aside><organizations-grid id="two" .client=${client}></organizations-grid></aside>
      <organizations-grid id="fixed" .client=${client} .scope=${{tenantId: RES_B}}></organizations-grid>
      <div id="provider"></div>
    </div>`);
    // A host page's own provider (a plain element, not a Lit one) around the fourth grid.
    const providerHost = wrap.querySelector<HTMLElement>('#provider')!;
    new ContextProvider(providerHost, {context: scopeContext, initialValue: {tenantId: RES_C}});
    const provided = document.createElement('organizations-grid');
    provided.client = client;
    providerHost.append(provided);
    const [one, two, fixed] = ['one', 'two', 'fixed'].map((id) => wrap.querySelector<OrganizationsGrid>(`#${id}`)!);
    await waitUntil(() => bannerTenant(provided) === RES_C, 'provided scope', WAIT);
    for (const el of [one, two, fixed, provided]) await settled(el);
    const store = storeOf(client);
    await store.switchTo(RES_A);
    await waitUntil(() => bannerTenant(one) === RES_A && bannerTenant(two) === RES_A, 'both grids switched', WAIT);
    expect(bannerTenant(fixed)).to.equal(RES_B);
    expect(bannerTenant(provided)).to.equal(RES_C);
    // A fixed scope has no "Back": the page's switcher does not drive it.
    expect(banner(fixed).querySelector('[part~="scope-home-button"]')).to.equal(null);
    await waitUntil(() => fixed.shadowRoot!.querySelector('[part~="scope-name"]')!.textContent !== RES_B, 'fixed scope named', WAIT);
    expect([...banner(fixed).querySelectorAll('[part~="scope-path-item"]')].map((li) => li.textContent)).to.have.length(2);
  });

  it('refuses a crafted URL tenant in the grid: home rows only, an error that names nothing of it', async () => {
    const foreign = rows.find((r) => r.org.ancestorIds.includes(RES_B) && r.org.kind === 'customer')!.org;
    const url = new URL(location.href);
    url.searchParams.set('tenant', foreign.id);
    history.replaceState(null, '', url);
    const client = makeClient(DEMO_USERS.resellerAdmin);
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
    await waitUntil(() => root(el).querySelector('[part~="scope-error"]'), 'refusal shown', WAIT);
    await settled(el);
    stores.push(ScopeStore.forClient(client));
    expect(root(el).querySelector('[part~="scope-error"]')!.textContent).to.contain(REFUSED_MESSAGE);
    expect(bannerTenant(el)).to.equal(RES_A);
    expect(rowCount(el)).to.equal(inScope(of, RES_A));
    expect(strays(el, of)).to.deep.equal([]);
    expect(root(el).textContent).not.to.contain(foreign.name);
    expect(new URL(location.href).searchParams.get('tenant')).to.equal(null);
  });

  /**
   * The REST contract behind msw, whose answers carry `names` for those organizations (as a server
   * may still send names no write can make any more), and an HTTP client of the distributor's admin on it.
   */
  async function serverWithNames(handle: (r: Request) => Promise<Response>, names: ReadonlyMap<string, string>): Promise<{client: DataClient; stop(): Promise<void>}> {
    const server = withServerNames(handle, names);
    const msw = await startMsw(http.all(`${API}*`, ({request}) => server(request)));
    const client = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 10_000}, cacheName: `tenantry-grid-scope-test-${crypto.randomUUID()}`, tokenProvider: demoTokenProvider});
    clients.push(client);
    return {client, stop: async () => void (await msw.stop())};
  }

  /** A write of `name` is refused, naming the field. */
  async function expectNameRefused(write: Promise<unknown>): Promise<void> {
    const refused = await rejectsWith(write);
    expect(refused.code).to.equal('invalid-request');
    expect(refused.details.issues?.map((i) => i.path)).to.deep.equal(['name']);
    expect(refused.message).to.contain('The organization is not valid: name: ');
  }

  it('renders hostile tenant names in the banner as isolated text', async () => {
    const hostile = `<img src=x onerror=alert(1)>\u202Egnp.exe\u200B${'W'.repeat(500)}`;
    const server = await serverWithNames(embeddedRestHandler(SIZE, 'grid-scope-hostile'), new Map([[RES_A, hostile]]));
    try {
      const {client} = server;
      // No write makes such a name; the server's answers carry it all the same.
      const {value, etag} = await client.getOrganization(DIST, RES_A);
      expect(value.name).to.equal(hostile);
      await expectNameRefused(client.updateOrganization(DIST, RES_A, {name: hostile}, etag));
      const store = storeOf(client);
      const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
      await settled(el);
      await store.switchTo(RES_A);
      await waitUntil(() => bannerTenant(el) === RES_A, 'switched', WAIT);
      const name = banner(el).querySelector<HTMLElement>('[part~="scope-name"]')!;
      expect(name.textContent).to.equal(hostile);
      expect(name.getAttribute('dir')).to.equal('auto');
      expect(getComputedStyle(name).unicodeBidi).to.equal('isolate');
      expect(banner(el).querySelectorAll('img')).to.have.length(0);
      // Long names stay inside the widget.
      expect(banner(el).getBoundingClientRect().width).to.be.at.most(el.getBoundingClientRect().width + 1);
      for (const li of banner(el).querySelectorAll('[part~="scope-path-item"]')) expect(getComputedStyle(li).unicodeBidi).to.equal('isolate');
      await expect(el).to.be.accessible();
    } finally {
      await server.stop();
    }
  });

  it('asks for the organization’s name to be typed before Delete is enabled', async () => {
    // A name with an invisible character, as the server sends it (no write may make one): the user types what they see.
    const handle = embeddedRestHandler(SIZE, 'grid-scope-delete');
    const [suspended] = (await serverTenants(handle, DIST)).filter((t) => t.status === 'suspended');
    const name = `${suspended.name}\u200B`;
    const server = await serverWithNames(handle, new Map([[suspended.id, name]]));
    try {
      const {client} = server;
      const orgId = suspended.id;
      const {value, etag} = await client.getOrganization(DIST, orgId);
      expect(value.name).to.equal(name);
      await expectNameRefused(client.updateOrganization(DIST, orgId, {name}, etag));
      const el = await fixture<OrganizationsGrid>(
        html`<organizations-grid .client=${client} .viewState=${{...DEFAULT_VIEW_STATE, filters: {statuses: ['suspended']}}} style="--tenantry-organizations-grid-height: 4000px"></organizations-grid>`,
      );
      await settled(el);
      const events: RowActionDetail[] = [];
      el.addEventListener('tenantry-row-action', (e) => events.push(e.detail));
      await waitUntil(() => dataRows(el).some((r) => r.dataset.orgId === orgId && r.textContent!.includes(name)), 'the server’s name shown', WAIT);
      await showColumn(el, 'actions');
      dataRows(el)
        .find((r) => r.dataset.orgId === orgId)!
        .querySelector<HTMLButtonElement>('[data-action="actions"]')!
        .click();
      await waitUntil(() => root(el).querySelector('[role="dialog"].popover'), 'actions', WAIT);
      button(root(el).querySelector('[role="dialog"].popover')!, 'Delete…').click();
      expect(events.at(-1)).to.deep.equal({action: 'delete', organizationId: orgId, organizationName: name, scopeTenantId: DIST.tenantId});
      const host = await waitUntil(() => root(el).querySelector('tenantry-lifecycle-dialog')?.shadowRoot?.querySelector('dialog')?.open, 'the confirmation', WAIT).then(() => root(el).querySelector('tenantry-lifecycle-dialog')!);
      const dialog = host.shadowRoot!.querySelector('dialog')!;
      expect(dialog.textContent).to.contain('Northgate Distribution');
      const del = dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!;
      const input = dialog.querySelector<HTMLInputElement>('[part~="confirm-input"]')!;
      expect(del.disabled).to.equal(true);
      input.focus();
      await sendKeys({type: suspended.name.slice(0, -1)});
      await host.updateComplete;
      expect(del.disabled).to.equal(true);
      await sendKeys({press: 'Enter'});
      await host.updateComplete;
      expect(dialog.open).to.equal(true);
      // The user types what they see: the invisible character is not asked for.
      await sendKeys({type: suspended.name.slice(-1)});
      await host.updateComplete;
      expect(del.disabled).to.equal(false);
      await expect(el).to.be.accessible();
      del.click();
      await waitUntil(() => !dialog.open, 'deleted', WAIT);
      await waitUntil(() => !dataRows(el).some((r) => r.dataset.orgId === orgId), 'the row is gone', WAIT);
    } finally {
      await server.stop();
    }
  });

  describe('races over HTTP with random delays', () => {
    const ORGS = SIZE;
    let nameOf: Map<string, string>;
    before(() => {
      nameOf = new Map(rows.map((r) => [r.org.id, r.org.name]));
    });

    async function httpGrid(handle: (r: Request) => Promise<Response>, run: () => Promise<void>): Promise<void> {
      const msw = await startMsw(
        http.all(`${API}*`, async ({request}) => {
          await delay(Math.floor(Math.random() * 60));
          return handle(request);
        }),
      );
      try {
        await run();
      } finally {
        await msw.stop();
      }
    }

    const makeHttpClient = (): DataClient => {
      const c = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 10_000}, cacheName: `tenantry-grid-scope-test-${crypto.randomUUID()}`, tokenProvider: async () => `demo.${DEMO_USERS.distributorAdmin}`});
      clients.push(c);
      return c;
    };

    it('never paints a row of A under B, and A → B → A → C ends showing C only (20 runs, fresh caches)', async function () {
      this.timeout(240_000);
      const handle = embeddedRestHandler(ORGS, 'grid-scope-http');
      await httpGrid(handle, async () => {
        for (let run = 0; run < 20; run++) {
          // A fresh client each run: nothing cached, every scope's rows really come over the network.
          const client = makeHttpClient();
          const store = storeOf(client);
          const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
          const violations: string[] = [];
          const observer = new MutationObserver(() => violations.push(...strays(el, of).map((id) => `run ${run}: ${id} under ${bannerTenant(el)}`)));
          observer.observe(root(el), {subtree: true, childList: true, attributes: true, characterData: true});
          try {
            await settled(el);
            const pause = (): Promise<void> => new Promise((r) => setTimeout(r, Math.random() * 80));
            // A → B while A's requests are in flight.
            void store.switchTo(RES_A);
            await pause();
            await store.switchTo(RES_B);
            await waitUntil(() => bannerTenant(el) === RES_B, 'B shown', WAIT);
            await settled(el);
            expect(rowCount(el), `run ${run}`).to.equal(inScope(of, RES_B));
            // Rapid A → B → A → C.
            const calls: Promise<void>[] = [];
            for (const id of [RES_A, RES_B, RES_A, RES_C]) {
              calls.push(store.switchTo(id));
              await new Promise((r) => setTimeout(r, Math.random() * 25));
            }
            await Promise.all(calls);
            expect(store.state.current!.tenantId, `run ${run}`).to.equal(RES_C);
            await waitUntil(() => bannerTenant(el) === RES_C, 'C shown', WAIT);
            await settled(el);
            expect(rowCount(el), `run ${run}`).to.equal(inScope(of, RES_C));
            expect(dataRows(el).length).to.be.greaterThan(0);
            expect(ids(el).every((id) => of.get(id)!.includes(RES_C)), `run ${run}`).to.equal(true);
          } finally {
            observer.disconnect();
          }
          expect(violations).to.deep.equal([]);
          el.remove();
          store.dispose();
          client.dispose();
        }
      });
    });

    it('exports only the new scope after a switch', async function () {
      this.timeout(60_000);
      const handle = embeddedRestHandler(ORGS, 'grid-scope-http');
      await httpGrid(handle, async () => {
        const client = makeHttpClient();
        const store = storeOf(client);
        const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
        await settled(el);
        await store.switchTo(RES_A);
        await waitUntil(() => bannerTenant(el) === RES_A, 'A', WAIT);
        await settled(el);
        void store.switchTo(RES_B);
        await waitUntil(() => bannerTenant(el) === RES_B, 'B', WAIT);
        await settled(el);
        const blobs: Blob[] = [];
        const original = URL.createObjectURL;
        URL.createObjectURL = (obj: Blob | MediaSource): string => {
          if (obj instanceof Blob) blobs.push(obj);
          return original.call(URL, obj);
        };
        try {
          button(root(el), 'Export CSV').click();
          await waitUntil(() => blobs.length === 1, 'export', WAIT);
        } finally {
          URL.createObjectURL = original;
        }
        const lines = (await blobs[0].text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
        expect(lines.length - 1).to.equal(inScope(of, RES_B));
        const namesB = new Set([...of].filter(([, a]) => a.includes(RES_B)).map(([id]) => nameOf.get(id)!));
        const onlyA = [...of].filter(([, a]) => a.includes(RES_A)).map(([id]) => nameOf.get(id)!).filter((n) => !namesB.has(n));
        const text = lines.join('\n');
        for (const n of onlyA) expect(text, n).not.to.contain(n);
      });
    });
  });
});
