/**
 * The write path: page → DataClient → worker → backend, and the record back into every open view
 * of its scopes, the search index and the cache partition; other tabs of the same user sync. Real
 * Workers and IndexedDB; the embedded backend, or the REST contract behind msw where the test is
 * about what the network does (delays, 409, 412, 428, a network that is down).
 */
import {expect} from '@open-wc/testing';
import {delay, http, HttpResponse} from 'msw';
import type {HttpBackendConfig, LocalBackendConfig, Scope} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {SERVER_KEPT_FIELDS, type Organization, type OrganizationInput} from '../shared/model/types.js';
import {rejectsWith} from '../testing/expect-error.js';
import {API, startMsw} from '../testing/msw.js';
import {nextEvent} from '../testing/next-event.js';
import {embeddedRestHandler} from '../testing/rest-api.js';
import type {DataEvent} from '../shared/protocol.js';
import {DataClient, DataEventMessage} from './data-client.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES: Scope = {tenantId: DEMO_TENANTS.reseller};
const user = DEMO_USERS.distributorAdmin;
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function localClient(): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations: 200, namespace: `writes-${crypto.randomUUID()}`, userId: user};
  const client = new DataClient({config, cacheName: `tenantry-writes-${crypto.randomUUID()}`, user});
  clients.push(client);
  return client;
}

const httpConfig: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 3, timeoutMs: 3000, backoffBaseMs: 10};
function httpClient(cacheName = `tenantry-writes-${crypto.randomUUID()}`): DataClient {
  const client = new DataClient({config: httpConfig, cacheName, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/**
 * A new customer under the demo reseller, made from a real record so any backend accepts it. The
 * template's licence may have lapsed (a stored record keeps its date), and a new organization may
 * not carry an expiry in the past: the copy has none.
 */
async function newCustomer(client: DataClient, name: string): Promise<OrganizationInput> {
  const template = (await client.getOrganization(RES, DEMO_TENANTS.customer)).value as Partial<Organization>;
  for (const k of SERVER_KEPT_FIELDS) delete template[k];
  return {...(template as OrganizationInput), kind: 'customer', parentId: DEMO_TENANTS.reseller, customerOrganizationId: null, status: 'active', licenseExpiresOn: null, name};
}

/** The names a view's query finds now (a window of its first rows). */
async function names(client: DataClient, scope: Scope, search: string): Promise<string[]> {
  const view = await client.openView(scope, {search, searchFields: ['name']});
  const win = await client.window(view.viewId, 0, 50);
  client.closeView(view.viewId);
  return win.rows.map((r) => r.org.name);
}

describe('writes: the record is in every open view when the write returns', () => {
  it('a created customer is findable in the reseller’s and the distributor’s views at once, and a retried create makes no duplicate', async () => {
    const client = localClient();
    const resView = await client.openView(RES, {search: 'Quokka', searchFields: ['name']});
    const distView = await client.openView(DIST, {});
    expect(resView.total).to.equal(0);
    const key = `create-${crypto.randomUUID()}`;
    const updated = nextEvent(client, 'dataset-updated');
    const created = await client.createOrganization(RES, await newCustomer(client, 'Quokka Dental Ltd'), key);
    // No reload and no resync: the open views answer with it now.
    expect((await client.updateView(resView.viewId, {search: 'Quokka', searchFields: ['name']})).total).to.equal(1);
    expect((await client.updateView(distView.viewId, {})).total).to.equal(distView.total + 1);
    expect(await updated).to.include({type: 'dataset-updated', changed: 1});

    // The same submit again (a lost answer, a double click): the same organization, no duplicate.
    const again = await client.createOrganization(RES, await newCustomer(client, 'Quokka Dental Ltd'), key);
    expect(again.value.id).to.equal(created.value.id);
    expect((await client.updateView(distView.viewId, {})).total).to.equal(distView.total + 1);
    expect(await names(client, RES, 'Quokka')).to.deep.equal(['Quokka Dental Ltd']);

    // The cache partition has it too: a new client (a reload) finds it before any sync.
    await client.idle();
    const reload = new DataClient({...client.options});
    clients.push(reload);
    const warm = await reload.openView(RES, {search: 'Quokka', searchFields: ['name']});
    expect(warm.freshness).to.equal('cached');
    expect(warm.total).to.equal(1);
  });

  it('an update is in the views at once; a delete takes the organization out of every view', async () => {
    const client = localClient();
    const view = await client.openView(DIST, {filters: {statuses: ['suspended']}});
    const {value: org, etag} = await client.getOrganization(RES, DEMO_TENANTS.customer);
    expect(org.status).to.equal('active');
    const suspended = await client.updateOrganization(RES, org.id, {status: 'suspended'}, etag);
    const after = await client.updateView(view.viewId, {filters: {statuses: ['suspended']}});
    expect(after.total).to.equal(view.total + 1);
    await client.deleteOrganization(RES, org.id, suspended.etag);
    expect((await client.updateView(view.viewId, {filters: {statuses: ['suspended']}})).total).to.equal(view.total);
    expect((await names(client, DIST, org.name)).includes(org.name)).to.equal(false);
  });
});

describe('writes over HTTP: what the network and the server may answer', () => {
  it('shows an optimistic change at once and takes it back, with the server’s record, when the server refuses (412)', async () => {
    const handle = embeddedRestHandler(120, 'writes-412');
    let patchSeen = false;
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const msw = await startMsw(
      http.patch(`${API}organizations/:id`, async ({request}) => {
        patchSeen = true;
        await held;
        // Someone else changed it meanwhile: the ETag the client sent is stale.
        return handle(new Request(request, {headers: {...Object.fromEntries(request.headers), 'If-Match': '"stale"'}}));
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = httpClient();
      const view = await client.openView(RES, {filters: {statuses: ['suspended']}});
      const {value: org, etag} = await client.getOrganization(RES, DEMO_TENANTS.customer);
      const pending = client.updateOrganization(RES, org.id, {status: 'suspended'}, etag, {optimistic: true});
      pending.catch(() => undefined);
      // Shown at once, before the server answered.
      await new Promise((r) => setTimeout(r, 100));
      expect(patchSeen).to.equal(true);
      expect((await client.updateView(view.viewId, {filters: {statuses: ['suspended']}})).total).to.equal(view.total + 1);
      release();
      const error = await rejectsWith(pending);
      expect(error.code).to.equal('version-conflict');
      expect(error.message).to.contain('Someone else changed this organization');
      expect(error.details.current?.value.id).to.equal(org.id);
      expect(error.details.current?.etag).to.be.a('string').and.not.equal('');
      // Taken back: the view shows what the server holds.
      expect((await client.updateView(view.viewId, {filters: {statuses: ['suspended']}})).total).to.equal(view.total);
    } finally {
      await msw.stop();
    }
  });

  it('a lifecycle move lands in every view with its audit entry; a stale one (shown at once) is taken back, a forbidden one refused with the reason', async () => {
    const client = localClient();
    const target = (await client.openView(RES, {filters: {kinds: ['customer'], statuses: ['active']}})).firstRows![0].org;
    const byName = async (): Promise<string | undefined> => {
      const view = await client.openView(RES, {search: target.name, searchFields: ['name']});
      const rows = (await client.window(view.viewId, 0, 500)).rows;
      client.closeView(view.viewId);
      return rows.find((r) => r.org.id === target.id)?.org.status;
    };
    const {etag} = await client.getOrganization(RES, target.id);
    const impact = await client.lifecycleImpact(RES, target.id, 'suspend');
    expect(impact).to.include({organizationId: target.id, from: 'active', to: 'suspended'});

    const moved = await client.transitionOrganization(RES, target.id, 'suspend', etag, {optimistic: true});
    expect(moved.value.status).to.equal('suspended');
    expect(moved.etag).to.not.equal(etag);
    expect(await byName()).to.equal('suspended');
    const audit = await client.listAuditLog(RES, {organizationId: target.id});
    expect(audit.items[0]).to.include({action: 'suspend', organizationId: target.id});

    // With the old ETag the move is shown at once, refused (412), and the row returns to what the server holds.
    const stale = await rejectsWith(client.transitionOrganization(RES, target.id, 'archive', etag, {optimistic: true}));
    expect(stale.code).to.equal('version-conflict');
    expect(await byName()).to.equal('suspended');
    // A move the rules forbid from this status: refused, saying why; nothing changes.
    const forbidden = await rejectsWith(client.transitionOrganization(RES, target.id, 'enable', moved.etag, {optimistic: true}));
    expect(forbidden.code).to.equal('conflict');
    expect(forbidden.message).to.contain('suspended');
    expect(await byName()).to.equal('suspended');
  });

  it('says clearly when the server requires If-Match (428)', async () => {
    const handle = embeddedRestHandler(60, 'writes-428');
    const msw = await startMsw(
      http.patch(`${API}organizations/:id`, () => HttpResponse.json({code: 'precondition-required', message: 'If-Match required.'}, {status: 428})),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = httpClient();
      const {value: org, etag} = await client.getOrganization(RES, DEMO_TENANTS.customer);
      const error = await rejectsWith(client.updateOrganization(RES, org.id, {name: 'Renamed'}, etag));
      expect(error.code).to.equal('precondition-required');
      expect(error.message).to.contain('names the version it was made to');
    } finally {
      await msw.stop();
    }
  });

  it('waits out a create still in progress (409) and asks again with the same Idempotency-Key', async () => {
    const handle = embeddedRestHandler(60, 'writes-409');
    const keys: (string | null)[] = [];
    const msw = await startMsw(
      http.post(`${API}organizations`, async ({request}) => {
        keys.push(request.headers.get('Idempotency-Key'));
        if (keys.length === 1) return HttpResponse.json({code: 'conflict', message: 'A request with this key is in progress.'}, {status: 409, headers: {'Retry-After': '0'}});
        return handle(request);
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = httpClient();
      await client.openView(RES, {});
      const key = `create-${crypto.randomUUID()}`;
      const created = await client.createOrganization(RES, await newCustomer(client, 'Wombat Freight Co'), key);
      expect(keys).to.deep.equal([key, key]);
      expect(await names(client, RES, 'Wombat')).to.deep.equal([created.value.name]);
    } finally {
      await msw.stop();
    }
  });

  it('refuses a write while offline with "Not saved", and changes nothing', async () => {
    const handle = embeddedRestHandler(60, 'writes-offline');
    let online = true;
    const msw = await startMsw(http.all(`${API}*`, ({request}) => (online ? handle(request) : HttpResponse.error())));
    try {
      const client = httpClient();
      const view = await client.openView(RES, {});
      const input = await newCustomer(client, 'Numbat Legal LLC');
      online = false;
      const error = await rejectsWith(client.createOrganization(RES, input, `create-${crypto.randomUUID()}`));
      expect(error.code).to.equal('network');
      expect(error.message).to.contain('Not saved');
      expect((await client.updateView(view.viewId, {})).total).to.equal(view.total);
      expect(await names(client, RES, 'Numbat')).to.deep.equal([]);
    } finally {
      await msw.stop();
    }
  });

  it('another tab of the same user learns of the write and syncs it in', async () => {
    const handle = embeddedRestHandler(80, 'writes-tabs');
    const msw = await startMsw(http.all(`${API}*`, async ({request}) => {
      await delay(5);
      return handle(request);
    }));
    try {
      const cacheName = `tenantry-writes-${crypto.randomUUID()}`;
      const tabA = httpClient(cacheName);
      const tabB = httpClient(cacheName);
      const viewB = await tabB.openView(RES, {});
      await tabA.openView(RES, {});
      // Tab B's own load may say "updated" too; the one that matters brings a change.
      const synced = new Promise<DataEvent>((resolve) =>
        tabB.events.addEventListener('data-event', (e) => {
          const d = (e as DataEventMessage).data;
          if (d.type === 'dataset-updated' && d.changed > 0) resolve(d);
        }),
      );
      await tabA.createOrganization(RES, await newCustomer(tabA, 'Bilby Studios GmbH'), `create-${crypto.randomUUID()}`);
      expect(await synced).to.include({type: 'dataset-updated', changed: 1});
      expect((await tabB.updateView(viewB.viewId, {})).total).to.equal(viewB.total + 1);
      expect(await names(tabB, RES, 'Bilby')).to.deep.equal(['Bilby Studios GmbH']);
    } finally {
      await msw.stop();
    }
  });
});
