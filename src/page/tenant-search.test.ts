/**
 * Tenant type-ahead and resolution as the switcher uses them: a real DataClient, its module
 * Worker, the embedded backend over real IndexedDB, and once the HTTP backend over real fetch
 * (msw only at the network edge).
 */
import {expect} from '@open-wc/testing';
import {http} from 'msw';
import {createEmbeddedBackend} from '../worker/backends/embedded/embedded-backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {createRestHandler} from '../worker/backends/http/rest-server.js';
import {API, startMsw} from '../testing/msw.js';
import type {HttpBackendConfig, LocalBackendConfig} from '../shared/contract/backend.js';
import type {TenantHit, TenantSearch} from '../shared/tenancy.js';
import {rejectsWith} from '../testing/expect-error.js';
import {nextEvent} from '../testing/next-event.js';
import {fold} from '../worker/rank.js';
import {DataClient} from './data-client.js';

const SIZE = 300;
const clients: DataClient[] = [];
const DIST = {tenantId: DEMO_TENANTS.distributor};
const RES = {tenantId: DEMO_TENANTS.reseller};

function setup(userId: string = DEMO_USERS.distributorAdmin, namespace = `test-${crypto.randomUUID()}`) {
  const config: LocalBackendConfig = {kind: 'local', organizations: SIZE, namespace, userId};
  const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

/** A customer of the other reseller (`res-02`); the seed is the same for every namespace. */
async function otherResellersCustomer(): Promise<TenantHit> {
  const dist = setup();
  return (await dist.searchTenants(DIST, {text: '', limit: 1, parentId: DEMO_TENANTS.otherReseller, kinds: ['customer']})).hits[0];
}

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('tenant search through the data worker', () => {
  it('a distributor admin finds a customer of another reseller by name, exact match first, with its path', async () => {
    const client = setup();
    const target = await otherResellersCustomer();
    const found = await client.searchTenants(DIST, {text: target.name.toUpperCase(), limit: 50});
    expect(found.version).to.be.greaterThan(0);
    expect(fold(found.hits[0].name)).to.equal(fold(target.name));
    const hit = found.hits.find((h) => h.id === target.id)!;
    expect(hit).to.include({matched: 'name', kind: 'customer', childCount: 0});
    expect(hit.path[0]).to.include({id: DEMO_TENANTS.distributor, kind: 'distributor'});
    expect(hit.path[1]).to.include({id: DEMO_TENANTS.otherReseller, kind: 'reseller'});
    expect(hit.path.at(-1)).to.deep.equal({id: target.id, name: target.name, kind: 'customer'});
  });

  it('a reseller admin finds only its own subtree, and cannot resolve another reseller’s tenant or the distributor', async () => {
    const other = await otherResellersCustomer();
    const client = setup(DEMO_USERS.resellerAdmin);
    // Before any dataset is loaded the backend answers; after a search, the dataset does: both refuse alike.
    for (const stage of ['backend', 'dataset']) {
      const foreign = await rejectsWith(client.resolveTenant(RES, other.id));
      expect(foreign.code, stage).to.equal('not-found');
      expect(foreign.message).not.to.contain(other.name);
      expect((await rejectsWith(client.resolveTenant(RES, DEMO_TENANTS.distributor))).code, stage).to.equal('not-found');
      expect((await rejectsWith(client.resolveTenant(DIST, DEMO_TENANTS.reseller))).code, stage).to.equal('forbidden');
      expect((await rejectsWith(client.resolveTenant({tenantId: DEMO_TENANTS.otherReseller}, other.id))).code, stage).to.equal('forbidden');
      const broad = await client.searchTenants(RES, {text: 'a', limit: 200});
      expect(broad.hits.length).to.be.greaterThan(0);
      for (const hit of broad.hits) expect(hit.path[0].id).to.equal(DEMO_TENANTS.reseller);
    }
    const byName = await client.searchTenants(RES, {text: other.name, limit: 200});
    expect(byName.hits.map((h) => h.id)).not.to.include(other.id);
    expect((await rejectsWith(client.searchTenants(DIST, {text: 'a', limit: 10}))).code).to.equal('forbidden');
  });

  it('a customer admin sees only its own tenant', async () => {
    const client = setup(DEMO_USERS.customerAdmin);
    const home = {tenantId: DEMO_TENANTS.customer};
    const self = await client.resolveTenant(home, DEMO_TENANTS.customer);
    expect(self.path.map((p) => p.id)).to.deep.equal([DEMO_TENANTS.customer]);
    expect(await client.searchTenants(home, {text: '', limit: 50})).to.include({total: 0});
    const own = await client.searchTenants(home, {text: self.name, limit: 50});
    expect(own.hits.map((h) => h.id)).to.deep.equal([DEMO_TENANTS.customer]);
    for (const text of ['a', 'e', 'bytebridge', 'northgate']) {
      expect((await client.searchTenants(home, {text, limit: 50})).hits.every((h) => h.id === DEMO_TENANTS.customer)).to.equal(true);
    }
    expect((await rejectsWith(client.resolveTenant(home, DEMO_TENANTS.reseller))).code).to.equal('not-found');
  });

  it('resolves a tenant the same through the dataset and, on a fresh client, through the backend', async () => {
    const loaded = setup();
    const anchors = await loaded.searchTenants(DIST, {text: 'holdings', limit: 200, kinds: ['customer-organization']});
    const anchor = anchors.hits.find((h) => h.childCount > 0)!;
    const target = (await loaded.searchTenants(DIST, {text: '', limit: 1, parentId: anchor.id})).hits[0];
    const fromDataset = await loaded.resolveTenant(DIST, target.id);
    const fresh = setup();
    const fromBackend = await fresh.resolveTenant(DIST, target.id);
    expect(fromDataset.path.map((p) => p.kind)).to.deep.equal(['distributor', 'reseller', 'customer-organization', 'customer']);
    expect(fromBackend).to.deep.equal(fromDataset);
    // Through the backend a tenant's children are not counted (that needs the whole list).
    const reseller = await fresh.resolveTenant(DIST, DEMO_TENANTS.otherReseller);
    expect(reseller.path.map((p) => p.name)).to.deep.equal(['Northgate Distribution', 'Cloudhaven IT']);
    expect((await loaded.resolveTenant(DIST, DEMO_TENANTS.otherReseller)).childCount).to.be.greaterThan(0);
    expect((await rejectsWith(fresh.resolveTenant(DIST, 'no-such-tenant'))).code).to.equal('not-found');
  });

  it('drops a superseded keystroke: the aborted search rejects, the newer one answers', async () => {
    const client = setup();
    const older = new AbortController();
    const first = client.searchTenants(DIST, {text: 'h', limit: 50}, {signal: older.signal});
    older.abort();
    const second = client.searchTenants(DIST, {text: 'ha', limit: 50}, {signal: new AbortController().signal});
    expect((await rejectsWith(first)).code).to.equal('aborted');
    const result = await second;
    expect(result.total).to.be.greaterThan(0);
    expect(result.hits[0].matched).to.equal('name');
    expect(fold(result.hits[0].name).startsWith('ha')).to.equal(true);
  });

  it('finds a renamed tenant once the dataset is updated, with a newer version', async () => {
    const client = setup();
    const target = (await client.searchTenants(DIST, {text: '', limit: 1, parentId: DEMO_TENANTS.reseller, kinds: ['customer']})).hits[0];
    const before = await client.searchTenants(DIST, {text: 'quokka', limit: 10});
    expect(before.total).to.equal(0);
    const {etag} = await client.getOrganization(DIST, target.id);
    const updated = nextEvent(client, 'dataset-updated');
    await client.updateOrganization(DIST, target.id, {name: 'Zanzibar Quokka Works'}, etag);
    await updated;
    const after = await client.searchTenants(DIST, {text: 'quokka', limit: 10});
    expect(after.version).to.be.greaterThan(before.version);
    expect(after.hits.map((h) => [h.id, h.name])).to.deep.equal([[target.id, 'Zanzibar Quokka Works']]);
  });

  it('checks what a page sends: wrong types are refused, long text and limits are bounded', async () => {
    const client = setup();
    const bad = {text: 5, limit: 10} as unknown as TenantSearch;
    expect((await rejectsWith(client.searchTenants(DIST, bad))).code).to.equal('invalid-request');
    expect((await rejectsWith(client.searchTenants(DIST, {text: 'a', limit: 5, kinds: ['<b>'] as unknown as TenantSearch['kinds']}))).code).to.equal('invalid-request');
    expect((await client.searchTenants(DIST, {text: '\u202e'.repeat(500), limit: 10_000})).hits.length).to.be.at.most(200);
    expect((await client.searchTenants(DIST, {text: 'e', limit: 10_000})).hits).to.have.length(200);
  });
});

describe('tenant resolution over HTTP (msw at the network edge)', () => {
  it('resolves without listing the organizations, and refuses another reseller’s tenant with a typed error', async () => {
    const other = await otherResellersCustomer();
    const namespace = `http-${crypto.randomUUID()}`;
    const handle = createRestHandler({basePath: '/v1/', backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: SIZE, namespace, userId})});
    const requests: string[] = [];
    const msw = await startMsw(
      http.all(`${API}*`, ({request}) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return handle(request);
      }),
    );
    try {
      const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000};
      const client = new DataClient({config, cacheName: `tenantry-cache-test-${crypto.randomUUID()}`, tokenProvider: async () => `demo.${DEMO_USERS.resellerAdmin}`});
      clients.push(client);
      const own = await client.resolveTenant(RES, DEMO_TENANTS.customer);
      expect(own.path.map((p) => p.id)).to.deep.equal([DEMO_TENANTS.reseller, DEMO_TENANTS.customer]);
      const notFound = await rejectsWith(client.resolveTenant(RES, other.id));
      expect(notFound).to.include({code: 'not-found'});
      expect(notFound.details.status).to.equal(404);
      const forbidden = await rejectsWith(client.resolveTenant(DIST, other.id));
      expect(forbidden).to.include({code: 'forbidden'});
      expect(forbidden.details.status).to.equal(403);
      expect(requests).to.include(`GET /v1/organizations/${DEMO_TENANTS.customer}`);
      expect(requests).not.to.include('GET /v1/organizations');
    } finally {
      await msw.stop();
    }
  });
});
