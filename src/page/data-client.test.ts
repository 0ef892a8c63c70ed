/**
 * The data plane end to end, as widgets use it: a real module Worker behind comlink, the embedded
 * backend over real IndexedDB, the real cache. Nothing in between is faked.
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import {createEmbeddedBackend} from '../worker/backends/embedded/embedded-backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {createRestHandler} from '../worker/backends/http/rest-server.js';
import {API, startMsw} from '../testing/msw.js';
import type {HttpBackendConfig, LocalBackendConfig} from '../shared/contract/backend.js';
import type {RowWindow} from '../shared/protocol.js';
import type {OrgRow} from '../shared/query.js';
import {DataClient} from './data-client.js';
import {rejectsWith} from '../testing/expect-error.js';
import {nextEvent} from '../testing/next-event.js';

const SIZE = 300;
const clients: DataClient[] = [];

function setup(userId: string = DEMO_USERS.distributorAdmin, shared?: {namespace: string; cacheName: string}) {
  const namespace = shared?.namespace ?? `test-${crypto.randomUUID()}`;
  const cacheName = shared?.cacheName ?? `tenantry-cache-test-${crypto.randomUUID()}`;
  const config: LocalBackendConfig = {kind: 'local', organizations: SIZE, namespace, userId};
  const client = new DataClient({config, cacheName});
  clients.push(client);
  return {client, namespace, cacheName, config};
}

async function allRows(client: DataClient, viewId: string, total: number): Promise<OrgRow[]> {
  const rows: OrgRow[] = [];
  for (let start = 0; start < total; start += 500) rows.push(...(await client.window(viewId, start, 500)).rows);
  return rows;
}

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('DataClient ↔ data worker', () => {
  it('connects and opens a view; the main thread receives only the window it asked for', async () => {
    const {client} = setup();
    const session = await client.session;
    expect(session.role).to.equal('distributor-admin');
    const view = await client.openView({tenantId: session.homeTenantId}, {});
    // Distributor + 10 resellers + 20 anchors + the customers.
    expect(view.total).to.equal(SIZE + 31);
    expect(view.freshness).to.equal('fresh');
    const win = await client.window(view.viewId, 10, 25);
    expect(win.rows).to.have.length(25);
    expect(win.start).to.equal(10);
    expect(win.total).to.equal(view.total);
    expect(win.rows[0].org).to.have.property('name').that.is.a('string');
  });

  it('searches, filters and sorts in the worker', async () => {
    const {client} = setup();
    const view = await client.openView({tenantId: DEMO_TENANTS.distributor}, {filters: {statuses: ['suspended']}, sort: [{key: 'secureScore', dir: 'desc'}]});
    const rows = await allRows(client, view.viewId, view.total);
    expect(rows.length).to.be.greaterThan(0);
    expect(rows.every((r) => r.org.status === 'suspended')).to.equal(true);
    const scores = rows.map((r) => r.org.secureScore ?? -1);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
    const target = rows[0].org;
    const searched = await client.updateView(view.viewId, {search: target.name, filters: {statuses: ['suspended']}});
    const found = await allRows(client, searched.viewId, searched.total);
    expect(found.map((r) => r.org.id)).to.include(target.id);
  });

  it('enforces scope through the worker: a reseller sees only itself and its customers', async () => {
    const {client} = setup(DEMO_USERS.resellerAdmin);
    const session = await client.session;
    expect(session.homeTenantId).to.equal(DEMO_TENANTS.reseller);
    const view = await client.openView({tenantId: DEMO_TENANTS.reseller}, {});
    const rows = await allRows(client, view.viewId, view.total);
    expect(rows.length).to.be.greaterThan(1);
    for (const r of rows) expect(r.org.id === DEMO_TENANTS.reseller || r.org.ancestorIds.includes(DEMO_TENANTS.reseller)).to.equal(true);
    const error = await rejectsWith(client.openView({tenantId: DEMO_TENANTS.otherReseller}, {}));
    expect(error.code).to.equal('forbidden');
    const up = await rejectsWith(client.openView({tenantId: DEMO_TENANTS.distributor}, {}));
    expect(up.code).to.equal('forbidden');
  });

  it('keeps preferences per user and scope in the worker, bounded and validated', async () => {
    const dist = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const other = {tenantId: DEMO_TENANTS.reseller};
    expect(await dist.client.getPref(scope, 'grid.views')).to.equal(undefined);
    await dist.client.setPref(scope, 'grid.views', [{name: 'Mine', columns: ['name']}]);
    expect(await dist.client.getPref(scope, 'grid.views')).to.deep.equal([{name: 'Mine', columns: ['name']}]);
    // Another scope of the same user, and another user in the same cache, see nothing of it.
    expect(await dist.client.getPref(other, 'grid.views')).to.equal(undefined);
    const reseller = setup(DEMO_USERS.resellerAdmin, {namespace: dist.namespace, cacheName: dist.cacheName});
    expect(await reseller.client.getPref(scope, 'grid.views')).to.equal(undefined);
    // The plane's own entries cannot be reached or overwritten through a preference name.
    expect((await rejectsWith(dist.client.setPref(scope, 'snapshot/../x', 1))).code).to.equal('invalid-request');
    expect((await rejectsWith(dist.client.setPref(scope, 'big', 'x'.repeat(300 * 1024)))).code).to.equal('too-large');
    await dist.client.setPref(scope, 'grid.views', undefined);
    expect(await dist.client.getPref(scope, 'grid.views')).to.equal(undefined);
  });

  it('serves a warm start from the cache, then revalidates with a delta sync', async () => {
    const first = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const cold = await first.client.openView(scope, {});
    await first.client.idle();
    // Change one organization while "away", through the backend.
    const target = (await first.client.window(cold.viewId, 5, 1)).rows[0].org;
    const {etag} = await first.client.getOrganization(scope, target.id);
    await first.client.updateOrganization(scope, target.id, {name: 'Renamed While Away'}, etag);
    await first.client.idle();
    first.client.dispose();

    const second = setup(DEMO_USERS.distributorAdmin, {namespace: first.namespace, cacheName: first.cacheName});
    const updated = nextEvent(second.client, 'dataset-updated');
    const warm = await second.client.openView(scope, {search: 'Renamed While Away', searchFields: ['name']});
    expect(warm.freshness).to.equal('cached');
    const event = await updated;
    expect(event).to.include({type: 'dataset-updated', scopeTenantId: scope.tenantId});
    const after = await second.client.updateView(warm.viewId, {search: 'Renamed While Away', searchFields: ['name']});
    expect(after.freshness).to.equal('fresh');
    expect(after.total).to.equal(1);
    expect((await second.client.window(after.viewId, 0, 1)).rows[0].org.id).to.equal(target.id);
  });

  it('sends the first rows of a result with its state: the same rows a window would', async () => {
    const {client} = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const view = await client.openView(scope, {sort: [{key: 'createdAt', dir: 'desc'}]});
    const opened = (await client.window(view.viewId, 0, 100)).rows.map((r) => r.org.id);
    expect(view.firstRows!.map((r) => r.org.id)).to.deep.equal(opened);
    const narrowed = await client.updateView(view.viewId, {filters: {statuses: ['suspended']}, sort: [{key: 'name', dir: 'asc'}]});
    expect(narrowed.total).to.be.within(1, 99);
    const rows = (await client.window(view.viewId, 0, 100)).rows;
    expect(rows).to.have.length(narrowed.total);
    expect(narrowed.firstRows!.map((r) => r.org.id)).to.deep.equal(rows.map((r) => r.org.id));
    expect(narrowed.firstRows!.every((r) => r.org.status === 'suspended')).to.equal(true);
  });

  it('paints a warm start of the same view from its saved first rows, then swaps in the dataset', async () => {
    const first = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const query = {sort: [{key: 'secureScore' as const, dir: 'desc' as const}]};
    const cold = await first.client.openView(scope, query);
    const expected = (await first.client.window(cold.viewId, 0, 30)).rows.map((r) => r.org.id);
    await first.client.idle();
    first.client.dispose();

    const second = setup(DEMO_USERS.distributorAdmin, {namespace: first.namespace, cacheName: first.cacheName});
    const loaded = nextEvent(second.client, 'dataset-updated');
    const warm = await second.client.openView(scope, query);
    expect(warm).to.include({freshness: 'cached', version: 0, total: cold.total});
    // The saved rows come with the state itself, before the dataset can have loaded.
    expect(warm.firstRows!.slice(0, 30).map((r) => r.org.id)).to.deep.equal(expected);
    // A window asked for now is served from the saved rows or, if the load won the race, from
    // the dataset: the same rows either way.
    const early = await second.client.window(warm.viewId, 0, 30);
    expect(early.rows.map((r) => r.org.id)).to.deep.equal(expected);
    await loaded;
    const real = await second.client.window(warm.viewId, 0, 30);
    expect(real.version).to.be.greaterThan(0);
    expect(real.rows.map((r) => r.org.id)).to.deep.equal(expected);
    // Past the saved rows, a window waits for the dataset instead of inventing rows.
    const deep = await second.client.window(warm.viewId, 200, 10);
    expect(deep.rows).to.have.length(10);
  });

  it('delta sync applies updates and deletions (tombstones) to open views', async () => {
    const {client} = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const view = await client.openView(scope, {filters: {statuses: ['suspended'], kinds: ['customer']}});
    const victim = (await client.window(view.viewId, 0, 1)).rows[0].org;
    const {etag} = await client.getOrganization(scope, victim.id);
    await client.deleteOrganization(scope, victim.id, etag);
    await client.refresh(scope);
    const win: RowWindow = await client.window(view.viewId, 0, 500);
    expect(win.total).to.equal(view.total - 1);
    expect(win.rows.map((r) => r.org.id)).not.to.include(victim.id);
  });

  it('keeps users apart in one cache: nothing cached for one user is read by another', async () => {
    const a = setup(DEMO_USERS.resellerAdmin);
    await a.client.openView({tenantId: DEMO_TENANTS.reseller}, {});
    await a.client.idle();
    const b = setup(DEMO_USERS.otherResellerAdmin, {namespace: a.namespace, cacheName: a.cacheName});
    const view = await b.client.openView({tenantId: DEMO_TENANTS.otherReseller}, {});
    // Nothing of b's was cached, so b's first open is a network load, and holds only b's tenant.
    expect(view.freshness).to.equal('fresh');
    const rows = await allRows(b.client, view.viewId, view.total);
    expect(rows.some((r) => r.org.id === DEMO_TENANTS.reseller || r.org.ancestorIds.includes(DEMO_TENANTS.reseller))).to.equal(false);
  });

  it('sign-out purges the cache of that user', async () => {
    const a = setup();
    await a.client.openView({tenantId: DEMO_TENANTS.distributor}, {});
    await a.client.idle();
    await a.client.signOut();
    const again = setup(DEMO_USERS.distributorAdmin, {namespace: a.namespace, cacheName: a.cacheName});
    const view = await again.client.openView({tenantId: DEMO_TENANTS.distributor}, {});
    expect(view.freshness).to.equal('fresh');
  });

  it('cancels across the worker boundary and drops the late result', async () => {
    const {client} = setup();
    const controller = new AbortController();
    const pending = client.openView({tenantId: DEMO_TENANTS.distributor}, {search: 'a'}, {signal: controller.signal});
    controller.abort();
    const error = await rejectsWith(pending);
    expect(error.code).to.equal('aborted');
    // The worker stays usable after a cancellation.
    const view = await client.openView({tenantId: DEMO_TENANTS.distributor}, {});
    expect(view.total).to.equal(SIZE + 31);
  });

  it('rejects at once for an already-aborted signal', async () => {
    const {client} = setup();
    const error = await rejectsWith(client.openView({tenantId: DEMO_TENANTS.distributor}, {}, {signal: AbortSignal.abort()}));
    expect(error.code).to.equal('aborted');
  });

  it('carries typed errors (code and details) across the boundary', async () => {
    const {client} = setup();
    const scope = {tenantId: DEMO_TENANTS.distributor};
    const {value, etag} = await client.getOrganization(scope, DEMO_TENANTS.customer);
    await client.updateOrganization(scope, value.id, {description: 'first'}, etag);
    const error = await rejectsWith(client.updateOrganization(scope, value.id, {description: 'second'}, etag));
    expect(error.code).to.equal('version-conflict');
    expect(error.details.currentVersion).to.equal(value.version + 1);
  });

  it('shares one client (and worker) per configuration across the page', () => {
    const config: LocalBackendConfig = {kind: 'local', organizations: SIZE, namespace: `shared-${crypto.randomUUID()}`};
    const a = DataClient.shared({config});
    const b = DataClient.shared({config: {...config}});
    clients.push(a);
    expect(a).to.equal(b);
    const other = DataClient.shared({config: {...config, userId: DEMO_USERS.resellerAdmin}});
    clients.push(other);
    expect(other).not.to.equal(a);
  });

  it('a crafted request for another reseller’s organization is refused without leaking it', async () => {
    const {client} = setup(DEMO_USERS.resellerAdmin);
    const otherCustomer = await (async () => {
      const d = setup();
      const v = await d.client.openView({tenantId: DEMO_TENANTS.otherReseller}, {filters: {kinds: ['customer']}});
      return (await d.client.window(v.viewId, 0, 1)).rows[0].org;
    })();
    const error = await rejectsWith(client.getOrganization({tenantId: DEMO_TENANTS.reseller}, otherCustomer.id));
    expect(error.code).to.equal('not-found');
    expect(error.message).not.to.contain(otherCustomer.name);
  });
});

describe('DataClient over HTTP (msw at the network edge, fetch from inside the worker)', () => {
  const scope = {tenantId: DEMO_TENANTS.distributor};
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 3000};
  const tokenProvider = async (): Promise<string> => `demo.${DEMO_USERS.distributorAdmin}`;

  function server(namespace: string) {
    const handle = createRestHandler({basePath: '/v1/', backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: SIZE, namespace, userId})});
    return handle;
  }

  it('shows the cache offline, with its as-of time, to the user the host vouches for, when the backend cannot be reached', async () => {
    let online = true;
    const handle = server(`offline-${crypto.randomUUID()}`);
    const msw = await startMsw(http.all(`${API}*`, ({request}) => (online ? handle(request) : HttpResponse.error())));
    try {
      const cacheName = `tenantry-cache-test-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      const first = new DataClient({config, cacheName, tokenProvider, user});
      clients.push(first);
      const loaded = await first.openView(scope, {});
      await first.idle();
      first.dispose();

      online = false;
      const second = new DataClient({config, cacheName, tokenProvider, user});
      clients.push(second);
      // The saved session of the vouched-for user: connected at once, without the backend.
      expect((await second.connected).session.user.id).to.equal(user);
      const failed = nextEvent(second, 'sync-failed');
      const warm = await second.openView(scope, {});
      expect(warm.freshness).to.equal('cached');
      expect(warm.total).to.equal(loaded.total);
      const event = await failed;
      expect(event).to.include({type: 'sync-failed', code: 'network'});
      const after = await second.updateView(warm.viewId, {});
      expect(after.freshness).to.equal('offline');
      expect(after.asOf).to.equal(loaded.asOf);
    } finally {
      await msw.stop();
    }
  });

  it('an abort that fires before the worker has connected cancels the request: it is never sent', async () => {
    const handle = server(`abort-early-${crypto.randomUUID()}`);
    let lists = 0;
    let releaseSession: () => void = () => undefined;
    const sessionHeld = new Promise<void>((r) => (releaseSession = r));
    const msw = await startMsw(
      http.get(`${API}session`, async ({request}) => {
        await sessionHeld;
        return handle(request);
      }),
      http.get(`${API}organizations`, ({request}) => {
        lists++;
        return handle(request);
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`, tokenProvider});
      clients.push(client);
      const controller = new AbortController();
      const opened = client.openView(scope, {}, {signal: controller.signal});
      controller.abort();
      releaseSession();
      expect((await rejectsWith(opened)).code).to.equal('aborted');
      await client.connected;
      await client.idle();
      expect(lists).to.equal(0);
    } finally {
      await msw.stop();
    }
  });

  it('reports a server whose paging repeats a cursor instead of loading forever', async () => {
    const handle = server(`cursor-loop-${crypto.randomUUID()}`);
    let pages = 0;
    let first: Record<string, unknown> | null = null;
    const msw = await startMsw(
      http.get(`${API}organizations`, async ({request}) => {
        pages++;
        first ??= (await (await handle(request)).json()) as Record<string, unknown>;
        // The same page and cursor every time: a server bug that would otherwise never end.
        return HttpResponse.json({...first, nextCursor: 'again'});
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`, tokenProvider});
      clients.push(client);
      const error = await rejectsWith(client.openView(scope, {}));
      expect(error.code).to.equal('invalid-response');
      expect(error.message).to.contain('same page of organizations twice');
      expect(pages).to.equal(2);
    } finally {
      await msw.stop();
    }
  });

  it('asks again, at the next sync, for the records it could not accept, and shows them once they are valid', async () => {
    const handle = server(`rejected-again-${crypto.randomUUID()}`);
    let broken = true;
    const msw = await startMsw(
      http.get(`${API}organizations`, async ({request}) => {
        const body = (await (await handle(request)).json()) as {items: Record<string, unknown>[]};
        if (broken && body.items.length > 3) body.items[3] = {...body.items[3], name: ''};
        return HttpResponse.json(body);
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`, tokenProvider});
      clients.push(client);
      const view = await client.openView(scope, {});
      expect(view.rejected.count).to.equal(1);
      // The server's data is mended; nothing about the record changed, so a delta would never bring it.
      broken = false;
      await client.refresh(scope);
      const after = await client.updateView(view.viewId, {});
      expect(after.rejected.count).to.equal(0);
      expect(after.total).to.equal(view.total + 1);
    } finally {
      await msw.stop();
    }
  });

  it('reports and skips a malformed organization; every other row is kept', async () => {
    const handle = server(`malformed-${crypto.randomUUID()}`);
    const msw = await startMsw(
      http.get(`${API}organizations`, async ({request}) => {
        const body = (await (await handle(request)).json()) as {items: Record<string, unknown>[]};
        body.items[2] = {...body.items[2], name: ''};
        body.items[4] = {...body.items[4], status: '<img src=x onerror=alert(1)>'};
        return HttpResponse.json(body);
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`, tokenProvider});
      clients.push(client);
      const view = await client.openView(scope, {});
      expect(view.total).to.equal(SIZE + 31 - 2);
      expect(view.rejected.count).to.equal(2);
      expect(view.rejected.sample.join(' ')).to.contain('items[2].name').and.to.contain('items[4].status');
    } finally {
      await msw.stop();
    }
  });
});
