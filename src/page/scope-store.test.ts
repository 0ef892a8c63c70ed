/**
 * The page's acting scope, end to end in real Chromium: real DataClients (module Worker, embedded
 * backend over IndexedDB, or the HTTP backend behind msw at the network edge), the real URL and
 * history, real BroadcastChannels (two clients of the same user in one page are two "tabs").
 */
import {expect, waitUntil} from '@open-wc/testing';
import {HttpResponse, delay, http} from 'msw';
import {DataClient} from './data-client.js';
import {createEmbeddedBackend} from '../worker/backends/embedded/embedded-backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {createRestHandler} from '../worker/backends/http/rest-server.js';
import {API, startMsw} from '../testing/msw.js';
import {rejectsWith} from '../testing/expect-error.js';
import {demoTokenProvider, embeddedRestHandler, serverTenants, withServerNames} from '../testing/rest-api.js';
import type {LocalBackendConfig} from '../shared/contract/backend.js';
import {HOME_SCOPE_COLOR, scopeColor, scopeHue} from './scope-color.js';
import {REFUSED_MESSAGE, ScopeStore, plainName, type ScopeStoreOptions, type ScopeStoreState} from './scope-store.js';

const SIZE = 60;
const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];
const stores: ScopeStore[] = [];
const startUrl = location.href;
const startTitle = document.title;

function makeClient(userId: string = DEMO_USERS.distributorAdmin, namespace = `scope-${crypto.randomUUID()}`, cacheName = `tenantry-scope-test-${crypto.randomUUID()}`) {
  const config: LocalBackendConfig = {kind: 'local', organizations: SIZE, namespace, userId};
  const client = new DataClient({config, cacheName});
  clients.push(client);
  return client;
}

function storeOf(client: DataClient, options: ScopeStoreOptions = {}): ScopeStore {
  const store = ScopeStore.forClient(client, options);
  stores.push(store);
  return store;
}

/** Resolves once the store's state satisfies `test` (checked now and after every change). */
async function until(store: ScopeStore, test: (s: ScopeStoreState) => boolean, what = 'store state'): Promise<ScopeStoreState> {
  await waitUntil(() => test(store.state), what, WAIT);
  return store.state;
}

const settled = (s: ScopeStoreState): boolean => s.current !== null && s.switching === null;
const urlTenant = (): string | null => new URL(location.href).searchParams.get('tenant');
function setUrlTenant(id: string | null): void {
  const url = new URL(location.href);
  if (id === null) url.searchParams.delete('tenant');
  else url.searchParams.set('tenant', id);
  history.replaceState(null, '', url);
}

afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
  for (const c of clients.splice(0)) c.dispose();
  history.replaceState(null, '', startUrl);
  document.title = startTitle;
});

/** Ids of customers under a tenant, as the distributor sees them. */
async function customersOf(parentId: string): Promise<string[]> {
  const client = makeClient();
  const nodes = await client.listTenants({tenantId: DEMO_TENANTS.distributor});
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const under = (id: string, root: string): boolean => {
    for (let at = byId.get(id); at; at = at.parentId ? byId.get(at.parentId) : undefined) if (at.parentId === root) return true;
    return false;
  };
  return nodes.filter((n) => n.kind === 'customer' && under(n.id, parentId)).map((n) => n.id);
}

describe('ScopeStore', () => {
  it('is one store per data client, shared through a global registry, and forgotten on dispose', async () => {
    const a = makeClient();
    const b = makeClient();
    const store = storeOf(a);
    expect(ScopeStore.forClient(a)).to.equal(store);
    expect(storeOf(b)).not.to.equal(store);
    const registry = (globalThis as unknown as Record<symbol, WeakMap<DataClient, ScopeStore>>)[Symbol.for('tenantry.scope-stores')];
    expect(registry.get(a)).to.equal(store);
    store.dispose();
    expect(registry.has(a)).to.equal(false);
    const fresh = storeOf(a);
    expect(fresh).not.to.equal(store);
  });

  it("starts at the user's own tenant; every state is a new frozen object, each followed by a change event", async () => {
    const store = storeOf(makeClient());
    const seen: ScopeStoreState[] = [];
    store.addEventListener('change', () => seen.push(store.state));
    const s = await until(store, settled);
    expect(s.home).to.deep.equal({tenantId: DEMO_TENANTS.distributor, name: 'Northgate Distribution', kind: 'distributor', path: [{id: DEMO_TENANTS.distributor, name: 'Northgate Distribution', kind: 'distributor'}]});
    expect(s.current).to.equal(s.home);
    expect(store.mode).to.equal('my-organization');
    expect(seen.length).to.be.greaterThan(0);
    expect(new Set(seen).size).to.equal(seen.length);
    for (const state of seen) expect(Object.isFrozen(state)).to.equal(true);
    expect(Object.isFrozen(store.state.recent)).to.equal(true);
  });

  describe('role visibility (the backend decides)', () => {
    it('a distributor admin may act in any reseller or customer', async () => {
      const store = storeOf(makeClient());
      await until(store, settled);
      const [customer] = await customersOf(DEMO_TENANTS.otherReseller);
      await store.switchTo(customer);
      expect(store.state.current!.tenantId).to.equal(customer);
      expect(store.state.current!.path[0].id).to.equal(DEMO_TENANTS.distributor);
      expect(store.state.current!.path.map((p) => p.id)).to.include(DEMO_TENANTS.otherReseller);
      expect(store.mode).to.equal('customer');
      await store.switchTo(DEMO_TENANTS.reseller);
      expect(store.state.current!.path.map((p) => p.id)).to.deep.equal([DEMO_TENANTS.distributor, DEMO_TENANTS.reseller]);
      expect(store.state.error).to.equal(null);
    });

    it('a reseller admin sees its own customers, never the distributor, another reseller or its customers', async () => {
      const [own] = await customersOf(DEMO_TENANTS.reseller);
      const [foreign] = await customersOf(DEMO_TENANTS.otherReseller);
      const store = storeOf(makeClient(DEMO_USERS.resellerAdmin));
      const home = (await until(store, settled)).home!;
      expect(home.tenantId).to.equal(DEMO_TENANTS.reseller);
      expect(home.kind).to.equal('reseller');
      await store.switchTo(own);
      expect(store.state.current!.tenantId).to.equal(own);
      // The path starts where the user's view starts: their own tenant.
      expect(store.state.current!.path[0].id).to.equal(DEMO_TENANTS.reseller);
      for (const refused of [DEMO_TENANTS.distributor, DEMO_TENANTS.otherReseller, foreign]) {
        store.switchHome();
        await store.switchTo(refused);
        const s = store.state;
        expect(s.current!.tenantId, refused).to.equal(DEMO_TENANTS.reseller);
        expect(s.error!.message).to.equal(REFUSED_MESSAGE);
        expect(['forbidden', 'not-found']).to.include(s.error!.code);
        expect(s.recent.map((h) => h.id)).not.to.include(refused);
        expect(JSON.stringify(s)).not.to.contain(refused);
      }
    });

    it('a customer admin sees only itself', async () => {
      const [sibling] = (await customersOf(DEMO_TENANTS.reseller)).filter((id) => id !== DEMO_TENANTS.customer);
      const store = storeOf(makeClient(DEMO_USERS.customerAdmin));
      const home = (await until(store, settled)).home!;
      expect(home.tenantId).to.equal(DEMO_TENANTS.customer);
      expect(home.kind).to.equal('customer');
      for (const refused of [DEMO_TENANTS.reseller, DEMO_TENANTS.distributor, sibling]) {
        await store.switchTo(refused);
        expect(store.state.current).to.equal(home);
        expect(store.state.error!.message).to.equal(REFUSED_MESSAGE);
      }
      // Switching to one's own tenant is no switch at all.
      await store.switchTo(DEMO_TENANTS.customer);
      expect(store.state.current).to.equal(home);
      expect(store.state.error).to.equal(null);
    });
  });

  describe('URL and history', () => {
    it("reads the tab's URL on start: the page opens in that tenant, never painting home first", async () => {
      setUrlTenant(DEMO_TENANTS.otherReseller);
      const store = storeOf(makeClient());
      const currents: (string | null)[] = [];
      store.addEventListener('change', () => currents.push(store.state.current?.tenantId ?? null));
      await until(store, settled);
      expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.otherReseller);
      expect(currents.filter((c) => c !== null)).to.deep.equal(currents.filter((c) => c !== null).map(() => DEMO_TENANTS.otherReseller));
      expect(urlTenant()).to.equal(DEMO_TENANTS.otherReseller);
    });

    it('refuses a crafted URL tenant: stays home, says so without naming it, and the URL shows the real scope', async () => {
      for (const crafted of [DEMO_TENANTS.otherReseller, '<img src=x onerror=alert(1)>', 'x'.repeat(500)]) {
        setUrlTenant(crafted);
        const client = makeClient(DEMO_USERS.resellerAdmin);
        const store = storeOf(client);
        await until(store, (s) => s.error !== null, 'refusal');
        expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.reseller);
        expect(store.state.error!.message).to.equal(REFUSED_MESSAGE);
        expect(urlTenant()).to.equal(null);
        store.dispose();
        client.dispose();
      }
    });

    it('writes the URL on switch with a history entry; Back and Forward follow the URL', async () => {
      const store = storeOf(makeClient());
      await until(store, settled);
      const length = history.length;
      await store.switchTo(DEMO_TENANTS.reseller);
      expect(urlTenant()).to.equal(DEMO_TENANTS.reseller);
      await store.switchTo(DEMO_TENANTS.otherReseller);
      expect(urlTenant()).to.equal(DEMO_TENANTS.otherReseller);
      expect(history.length).to.equal(length + 2);
      history.back();
      await until(store, (s) => settled(s) && s.current!.tenantId === DEMO_TENANTS.reseller, 'back to the first switch');
      history.back();
      await until(store, (s) => settled(s) && s.current!.tenantId === DEMO_TENANTS.distributor, 'back home');
      expect(urlTenant()).to.equal(null);
      history.forward();
      await until(store, (s) => settled(s) && s.current!.tenantId === DEMO_TENANTS.reseller, 'forward');
      // Home is one synchronous step, and is a history entry too.
      store.switchHome();
      expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
      expect(urlTenant()).to.equal(null);
    });

    it('keeps a deep link when the backend is only unavailable, so a reload retries it', async () => {
      const handle = createRestHandler({basePath: '/v1/', backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: SIZE, namespace: `scope-http-${crypto.randomUUID()}`, userId})});
      const msw = await startMsw(
        http.get(`${API}organizations/:id`, () => new HttpResponse(null, {status: 503})),
        http.all(`${API}*`, ({request}) => handle(request)),
      );
      try {
        setUrlTenant(DEMO_TENANTS.reseller);
        const client = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000}, cacheName: `tenantry-scope-test-${crypto.randomUUID()}`, tokenProvider: async () => `demo.${DEMO_USERS.distributorAdmin}`});
        clients.push(client);
        const store = storeOf(client);
        const s = await until(store, (st) => st.error !== null, 'failure');
        expect(s.error!.code).to.equal('unavailable');
        expect(s.error!.message).not.to.equal(REFUSED_MESSAGE);
        expect(s.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
        expect(urlTenant()).to.equal(DEMO_TENANTS.reseller);
      } finally {
        await msw.stop();
      }
    });

    it('leaves the URL alone with `urlParam: null`', async () => {
      setUrlTenant(DEMO_TENANTS.otherReseller);
      const store = storeOf(makeClient(), {urlParam: null});
      await until(store, settled);
      expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
      await store.switchTo(DEMO_TENANTS.reseller);
      expect(urlTenant()).to.equal(DEMO_TENANTS.otherReseller);
    });
  });

  describe('recent and pinned', () => {
    it('keeps recent tenants most recent first, deduplicated, at most 8, per user in the worker', async () => {
      const namespace = `scope-${crypto.randomUUID()}`;
      const cacheName = `tenantry-scope-test-${crypto.randomUUID()}`;
      const client = makeClient(DEMO_USERS.distributorAdmin, namespace, cacheName);
      const store = storeOf(client, {urlParam: null});
      await until(store, settled);
      const customers = (await customersOf(DEMO_TENANTS.distributor)).slice(0, 9);
      expect(customers).to.have.length(9);
      for (const id of [...customers, customers[3]]) await store.switchTo(id);
      const expected = [customers[3], customers[8], customers[7], customers[6], customers[5], customers[4], customers[2], customers[1]];
      expect(store.state.recent.map((h) => h.id)).to.deep.equal(expected);
      store.pin(store.state.recent[1]);
      store.pin(store.state.recent[0]);
      store.pin(store.state.recent[1]);
      store.unpin('nobody');
      expect(store.state.pinned.map((h) => h.id)).to.deep.equal([customers[3], customers[8]]);
      // The writes are fire-and-forget; a read queued after them in the same store sees them.
      const home = {tenantId: DEMO_TENANTS.distributor};
      expect(((await client.getPref<{id: string}[]>(home, 'tenancy.recent')) ?? []).map((h) => h.id)).to.deep.equal(expected);
      expect(((await client.getPref<{id: string}[]>(home, 'tenancy.pinned')) ?? []).map((h) => h.id)).to.deep.equal([customers[3], customers[8]]);
      // Another page of the same user and cache reads them back.
      store.dispose();
      client.dispose();
      const again = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace, cacheName), {urlParam: null});
      await until(again, (s) => s.recent.length === 8 && s.pinned.length === 2, 'stored lists');
      expect(again.state.recent.map((h) => h.id)).to.deep.equal(expected);
      expect(again.state.pinned.map((h) => h.id)).to.deep.equal([customers[3], customers[8]]);
      again.unpin(customers[3]);
      expect(again.state.pinned.map((h) => h.id)).to.deep.equal([customers[8]]);
    });
  });

  describe('other tabs', () => {
    const channelName = (client: DataClient, userId: string): string => `tenantry-scope:local:${(client.options.config as LocalBackendConfig).namespace}:${userId}`;

    it("shows another tab's switch as a notice and does not follow it until asked", async () => {
      const namespace = `scope-${crypto.randomUUID()}`;
      const tabA = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace), {urlParam: null});
      const tabB = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace), {urlParam: null});
      await Promise.all([until(tabA, settled), until(tabB, settled)]);
      await tabA.switchTo(DEMO_TENANTS.reseller);
      const s = await until(tabB, (st) => st.notice !== null, 'notice');
      expect(s.notice).to.deep.equal({tenantId: DEMO_TENANTS.reseller, name: tabA.state.current!.name});
      expect(s.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
      tabB.dismissNotice();
      expect(tabB.state.notice).to.equal(null);
      await tabA.switchTo(DEMO_TENANTS.otherReseller);
      await until(tabB, (st) => st.notice?.tenantId === DEMO_TENANTS.otherReseller, 'second notice');
      await tabB.followNotice();
      expect(tabB.state.current!.tenantId).to.equal(DEMO_TENANTS.otherReseller);
      expect(tabB.state.notice).to.equal(null);
      // Tab A hears B's follow, but B is where A already is: no notice.
      await tabB.client.idle();
      expect(tabA.state.notice).to.equal(null);
    });

    it('does not hear tabs of another user', async () => {
      const namespace = `scope-${crypto.randomUUID()}`;
      const dist = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace), {urlParam: null});
      const res = storeOf(makeClient(DEMO_USERS.resellerAdmin, namespace), {urlParam: null});
      await Promise.all([until(dist, settled), until(res, settled)]);
      const listener = new BroadcastChannel(channelName(res.client, DEMO_USERS.resellerAdmin));
      const heard: unknown[] = [];
      listener.onmessage = (e) => heard.push(e.data);
      await dist.switchTo(DEMO_TENANTS.reseller);
      await res.switchTo(DEMO_TENANTS.customer);
      await waitUntil(() => heard.length === 1, 'own message', WAIT);
      listener.close();
      expect(heard).to.deep.equal([{tenantId: DEMO_TENANTS.customer, name: res.state.current!.name}]);
      expect(res.state.notice).to.equal(null);
    });

    it('ignores malformed and hostile messages', async () => {
      const store = storeOf(makeClient(), {urlParam: null});
      await until(store, settled);
      const hostile = new BroadcastChannel(channelName(store.client, DEMO_USERS.distributorAdmin));
      const bad: unknown[] = [
        null,
        'res-01',
        42,
        [DEMO_TENANTS.reseller, 'x'],
        {tenantId: DEMO_TENANTS.reseller},
        {name: 'x'},
        {tenantId: 7, name: 'x'},
        {tenantId: '<script>', name: 'x'},
        {tenantId: 'a'.repeat(5000), name: 'x'},
        {tenantId: DEMO_TENANTS.reseller, name: 'n'.repeat(100_000)},
        {tenantId: DEMO_TENANTS.reseller, name: {toString: 'x'}},
        // This tab's own scope: nothing to say.
        {tenantId: DEMO_TENANTS.distributor, name: 'Northgate Distribution'},
      ];
      // Only the notice is under test: the pinned and recent lists may still arrive from the worker.
      const notices: ScopeStoreState['notice'][] = [];
      let last = store.state.notice;
      store.addEventListener('change', () => {
        if (store.state.notice !== last) notices.push((last = store.state.notice));
      });
      for (const m of bad) hostile.postMessage(m);
      // A well-formed message after them: once it arrives, all before it have been handled.
      const name = '\u202Egnp.exe <b>x</b>\u200B';
      hostile.postMessage({tenantId: DEMO_TENANTS.otherReseller, name, extra: 'ignored'});
      await until(store, (s) => s.notice !== null, 'valid notice');
      hostile.close();
      expect(notices).to.have.length(1);
      expect(store.state.notice).to.deep.equal({tenantId: DEMO_TENANTS.otherReseller, name});
      expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
      // Following resolves through the backend: a forged tenant is refused like any other.
      hostile.close();
    });
  });

  it('prefixes the page title with the plain, capped tenant name while away from home', async () => {
    // A name no write may make any more (bidi controls, zero-width characters, 500+ characters),
    // as a server may still send it: in the organization it answers with.
    const handle = embeddedRestHandler(SIZE, 'scope-title');
    const [target] = (await serverTenants(handle, {tenantId: DEMO_TENANTS.reseller})).filter((t) => t.kind === 'customer');
    const hostile = `\u202Egnp.exe\u202C <b>Invoice</b>\u200B\u200D\u2066${'W'.repeat(500)}`;
    const server = withServerNames(handle, new Map([[target.id, hostile]]));
    const msw = await startMsw(http.all(`${API}*`, ({request}) => server(request)));
    try {
      const client = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000}, cacheName: `tenantry-scope-test-${crypto.randomUUID()}`, tokenProvider: demoTokenProvider});
      clients.push(client);
      const scope = {tenantId: DEMO_TENANTS.reseller};
      // The write path refuses such a name, and says which field.
      const {value, etag} = await client.getOrganization(scope, target.id);
      expect(value.name).to.equal(hostile);
      const refused = await rejectsWith(client.updateOrganization(scope, target.id, {name: hostile}, etag));
      expect(refused.code).to.equal('invalid-request');
      expect(refused.details.issues?.map((i) => i.path)).to.deep.equal(['name']);
      expect(refused.message).to.contain('name: Use at most 200 characters');
      document.title = 'Harbourline PSA';
      const store = storeOf(client, {urlParam: null, syncTitle: true});
      await until(store, settled);
      expect(document.title).to.equal('Harbourline PSA');
      await store.switchTo(target.id);
      expect(store.state.current!.name).to.equal(hostile);
      const [prefix, rest] = document.title.split(' · ');
      expect(rest).to.equal('Harbourline PSA');
      expect([...prefix]).to.have.length(80);
      expect(prefix.startsWith('gnp.exe <b>Invoice</b>WWW')).to.equal(true);
      expect(prefix).not.to.match(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
      store.switchHome();
      expect(document.title).to.equal('Harbourline PSA');
      await store.switchTo(DEMO_TENANTS.reseller);
      expect(document.title).to.equal(`${store.state.current!.name} · Harbourline PSA`);
      store.dispose();
      expect(document.title).to.equal('Harbourline PSA');
      expect(plainName('  a\u0000b\n\tc  ')).to.equal('ab c');
    } finally {
      await msw.stop();
    }
  });

  it('dispose stops listening to the URL and other tabs, and aborts the switch in flight', async () => {
    const namespace = `scope-${crypto.randomUUID()}`;
    const other = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace), {urlParam: null});
    const store = storeOf(makeClient(DEMO_USERS.distributorAdmin, namespace));
    await Promise.all([until(store, settled), until(other, settled)]);
    let changes = 0;
    store.addEventListener('change', () => changes++);
    const switching = store.switchTo(DEMO_TENANTS.reseller);
    store.dispose();
    await switching;
    await other.switchTo(DEMO_TENANTS.otherReseller);
    setUrlTenant(DEMO_TENANTS.customer);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await other.client.idle();
    expect(store.state.current!.tenantId).to.equal(DEMO_TENANTS.distributor);
    expect(store.state.notice).to.equal(null);
    expect(changes).to.be.at.most(1);
  });

  it('over HTTP with random delays, rapid A → B → A → C always ends at C and nothing older lands', async () => {
    const handle = createRestHandler({basePath: '/v1/', backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: SIZE, namespace: `scope-http-${crypto.randomUUID()}`, userId})});
    const msw = await startMsw(
      http.all(`${API}*`, async ({request}) => {
        await delay(Math.floor(Math.random() * 40));
        return handle(request);
      }),
    );
    try {
      const client = new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000}, cacheName: `tenantry-scope-test-${crypto.randomUUID()}`, tokenProvider: async () => `demo.${DEMO_USERS.distributorAdmin}`});
      clients.push(client);
      const store = storeOf(client, {urlParam: null});
      await until(store, settled);
      const [a, b, c] = [DEMO_TENANTS.reseller, DEMO_TENANTS.otherReseller, DEMO_TENANTS.customer];
      for (let run = 0; run < 20; run++) {
        store.switchHome();
        const order = [a, b, a, c];
        let issued = 0;
        let last = store.state.current!.tenantId;
        const wrong: string[] = [];
        // A scope may land only while its switch is the newest: an older answer never does.
        const on = (): void => {
          const now = store.state.current!.tenantId;
          if (now !== last && now !== order[issued - 1]) wrong.push(`${now} after ${issued} switches`);
          last = now;
        };
        store.addEventListener('change', on);
        const calls: Promise<void>[] = [];
        for (const id of order) {
          issued++;
          calls.push(store.switchTo(id));
          await new Promise((r) => setTimeout(r, Math.random() * 30));
        }
        await Promise.all(calls);
        store.removeEventListener('change', on);
        expect(wrong, `run ${run}`).to.deep.equal([]);
        expect(store.state.current!.tenantId, `run ${run}`).to.equal(c);
        expect(store.state.switching).to.equal(null);
      }
    } finally {
      await msw.stop();
    }
  });
});

describe('scopeColor', () => {
  it('is stable per tenant, distinct between tenants, and neutral for home', () => {
    expect(scopeColor('res-01')).to.equal(scopeColor('res-01'));
    expect(scopeColor('res-01')).to.match(/^oklch\(62% 0\.14 \d{1,3}\)$/);
    const hues = new Set(Array.from({length: 40}, (_, i) => scopeHue(`cus-${String(i + 1).padStart(6, '0')}`)));
    expect(hues.size).to.be.greaterThan(30);
    expect(scopeColor('dist-1', 'dist-1')).to.equal(HOME_SCOPE_COLOR);
    expect(HOME_SCOPE_COLOR).to.contain('var(--tenantry-');
  });
});
