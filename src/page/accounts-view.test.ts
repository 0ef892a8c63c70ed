/**
 * The accounts view's data plane, page → DataClient → worker: a dataset of linked accounts per
 * scope (cache first, then the backend), search, filters, sort and deep windows, writes shown at
 * once in the accounts view and in the organizations' view, tenant scope. Real Workers and
 * IndexedDB on the embedded backend, and the REST contract behind msw (the network edge).
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {HttpBackendConfig, LocalBackendConfig, Scope} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {AccountRow} from '../shared/accounts-query.js';
import type {AccountViewState} from '../shared/protocol.js';
import type {AccountSummary} from '../shared/model/types.js';
import type {DataEvent} from '../shared/protocol.js';
import {API, startMsw} from '../testing/msw.js';
import {nextEvent} from '../testing/next-event.js';
import {embeddedRestHandler} from '../testing/rest-api.js';
import {DataClient, DataEventMessage} from './data-client.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES: Scope = {tenantId: DEMO_TENANTS.reseller};
const ORGS = 2000;
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function localClient(namespace: string, user: string = DEMO_USERS.distributorAdmin, cacheName = `tenantry-accounts-${crypto.randomUUID()}`): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations: ORGS, namespace, userId: user};
  const client = new DataClient({config, cacheName, user});
  clients.push(client);
  return client;
}

function httpClient(user: string = DEMO_USERS.distributorAdmin, cacheName = `tenantry-accounts-${crypto.randomUUID()}`): DataClient {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 2, timeoutMs: 5000, backoffBaseMs: 10};
  const client = new DataClient({config, cacheName, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/** Every row of a view, window by window (500 at most each). */
async function allRows(client: DataClient, view: AccountViewState): Promise<AccountRow[]> {
  const rows: AccountRow[] = [];
  for (let start = 0; start < view.total; start += 500) rows.push(...(await client.accountsWindow(view.viewId, start, 500)).rows);
  return rows;
}

/** The next `accounts-updated` event of a scope that satisfies `when`. */
function accountsUpdated(client: DataClient, scopeTenantId: string, when: (e: Extract<DataEvent, {type: 'accounts-updated'}>) => boolean = () => true): Promise<Extract<DataEvent, {type: 'accounts-updated'}>> {
  return new Promise((resolve) => {
    const on = (e: Event): void => {
      const d = (e as DataEventMessage).data;
      if (e instanceof DataEventMessage && d.type === 'accounts-updated' && d.scopeTenantId === scopeTenantId && when(d)) {
        client.events.removeEventListener('data-event', on);
        resolve(d);
      }
    };
    client.events.addEventListener('data-event', on);
  });
}

/** The organization as the organizations' view of the scope shows it. */
async function orgRow(client: DataClient, scope: Scope, id: string, name: string) {
  const view = await client.openView(scope, {search: name, searchFields: ['name']});
  const rows = (await client.window(view.viewId, 0, 50)).rows;
  client.closeView(view.viewId);
  return rows.find((r) => r.org.id === id)?.org;
}

const fold = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

for (const backend of ['embedded', 'HTTP'] as const) {
  describe(`accounts view (${backend})`, () => {
    let stop: (() => void) | null = null;
    let handle: ((request: Request) => Promise<Response>) | null = null;
    let corrupt: ((items: unknown[]) => unknown[]) | null = null;

    before(async () => {
      if (backend !== 'HTTP') return;
      const msw = await startMsw(
        http.all(`${API}*`, async ({request}) => {
          const response = await handle!(request);
          const url = new URL(request.url);
          if (!corrupt || request.method !== 'GET' || !url.pathname.endsWith('/accounts')) return response;
          const body = (await response.json()) as {items: unknown[]};
          return HttpResponse.json({...body, items: corrupt(body.items)}, {status: response.status});
        }),
      );
      stop = () => msw.stop();
    });
    after(() => stop?.());
    beforeEach(() => {
      handle = embeddedRestHandler(ORGS, `accounts-${backend}`);
      corrupt = null;
    });

    const client = (user: string = DEMO_USERS.distributorAdmin, cacheName?: string, namespace = `accounts-${crypto.randomUUID()}`) =>
      backend === 'HTTP' ? httpClient(user, cacheName) : localClient(namespace, user, cacheName);

    it('opens with the first rows, searches by the provider’s id and by a customer’s name, filters, sorts and windows deep rows', async () => {
      const c = client();
      const view = await c.openAccountsView(DIST, {});
      expect(view.total).to.equal(view.datasetSize);
      expect(view.total).to.be.greaterThan(1000);
      expect(view.freshness).to.equal('fresh');
      expect(view.rejected.count).to.equal(0);
      expect(view.firstRows).to.have.length(100);

      // By name, ascending (folded), every account once; a deep window is the same rows.
      const rows = await allRows(c, view);
      expect(rows).to.have.length(view.total);
      expect(new Set(rows.map((r) => r.id)).size).to.equal(view.total);
      for (let i = 1; i < rows.length; i++) expect(fold(rows[i - 1].name) <= fold(rows[i].name), `${rows[i - 1].name} before ${rows[i].name}`).to.equal(true);
      const deep = await c.accountsWindow(view.viewId, view.total - 37, 100);
      expect(deep.start).to.equal(view.total - 37);
      expect(deep.rows.map((r) => r.id)).to.deep.equal(rows.slice(-37).map((r) => r.id));
      expect(view.firstRows!.map((r) => r.id)).to.deep.equal(rows.slice(0, 100).map((r) => r.id));
      // Some shared accounts serve several customers (a reseller's pool); dedicated ones one each.
      expect(rows.some((r) => r.type === 'shared' && r.customerCount > 1)).to.equal(true);
      expect(rows.filter((r) => r.type === 'dedicated').every((r) => r.customerCount === 1)).to.equal(true);
      // Each account has its own provider id: a search by one finds that account.
      expect(new Set(rows.map((r) => r.providerAccountId)).size).to.equal(rows.length);

      const target = rows[Math.floor(rows.length / 2)];
      const byId = await c.updateAccountsView(view.viewId, {search: target.providerAccountId.toUpperCase()});
      expect(byId.firstRows!.map((r) => r.id)).to.include(target.id);
      expect(byId.firstRows!.find((r) => r.id === target.id)!.matchedCustomer).to.equal(undefined);

      const customer = target.customers[0];
      const byCustomer = await c.updateAccountsView(view.viewId, {search: customer.name});
      const hit = byCustomer.firstRows!.find((r) => r.id === target.id);
      expect(hit, 'found by its customer’s name').to.not.equal(undefined);
      expect(hit!.matchedCustomer).to.deep.equal({id: customer.id, name: customer.name});
      for (const r of byCustomer.firstRows!) expect(r.customers.some((x) => fold(x.name).includes(fold(customer.name))) || fold(r.name).includes(fold(customer.name))).to.equal(true);

      // A view shows its last query: each result is read before the next.
      const dedicated = await c.updateAccountsView(view.viewId, {type: 'dedicated'});
      expect((await allRows(c, dedicated)).every((r) => r.type === 'dedicated')).to.equal(true);
      const shared = await c.updateAccountsView(view.viewId, {type: 'shared'});
      expect(dedicated.total + shared.total).to.equal(view.total);
      const azure = await c.updateAccountsView(view.viewId, {provider: 'azure', type: 'shared'});
      expect((await allRows(c, azure)).every((r) => r.provider === 'azure' && r.type === 'shared')).to.equal(true);
      const ofCustomer = await c.updateAccountsView(view.viewId, {customerId: customer.id});
      expect(ofCustomer.firstRows!.map((r) => r.id)).to.include(target.id);
      expect(ofCustomer.firstRows!.every((r) => r.customers.some((x) => x.id === customer.id))).to.equal(true);
      expect((await c.updateAccountsView(view.viewId, {unassigned: true})).total).to.equal(0);
      // By ids (a customer's record lists them): exactly those, whatever the row names.
      const picked = [rows[3], rows[rows.length - 5], target];
      const byIds = await c.updateAccountsView(view.viewId, {ids: [...picked.map((r) => r.id), 'no-such-account']});
      expect(byIds.firstRows!.map((r) => r.id).sort()).to.deep.equal(picked.map((r) => r.id).sort());
      const refused = await c.updateAccountsView(view.viewId, {ids: 'acct-1' as unknown as string[]}).catch((e: {code?: string}) => e.code);
      expect(refused).to.equal('invalid-request');

      const byCount = await c.updateAccountsView(view.viewId, {sort: [{key: 'customerCount', dir: 'desc'}, {key: 'providerAccountId', dir: 'asc'}]});
      const counted = await allRows(c, byCount);
      for (let i = 1; i < counted.length; i++) {
        const [a, b] = [counted[i - 1], counted[i]];
        expect(a.customerCount > b.customerCount || (a.customerCount === b.customerCount && fold(a.providerAccountId) <= fold(b.providerAccountId))).to.equal(true);
      }
      c.closeAccountsView(view.viewId);
      const closed = await c.accountsWindow(view.viewId, 0, 10).catch((e: {code?: string}) => e.code);
      expect(closed).to.equal('not-found');
    });

    it('a write shows at once in the open accounts view and the organizations’ view, and says which organizations it wrote', async () => {
      const c = client();
      const view = await c.openAccountsView(RES, {type: 'shared'});
      const rows = await allRows(c, view);
      const account = rows.find((r) => r.customerCount === 1)!;
      const holder = account.customers[0];
      const other = (await c.openView(RES, {filters: {kinds: ['customer']}}).then((v) => c.window(v.viewId, 0, 50))).rows.map((r) => r.org).find((o) => o.id !== holder.id)!;
      const before = other.linkedAccountCount;

      const repaint = accountsUpdated(c, RES.tenantId, (e) => e.changed === 1);
      const written = nextEvent(c, 'organizations-written');
      const assigned = await c.assignAccount(RES, account.id, other.id, account.etag);
      expect(assigned.account.customerCount).to.equal(2);
      expect((await written as Extract<DataEvent, {type: 'organizations-written'}>).ids).to.deep.equal([other.id]);
      const event = await repaint;
      expect(event.version).to.be.greaterThan(view.version);
      const after = await c.accountsWindow(view.viewId, 0, 1);
      const shown = (await allRows(c, {...view, total: after.total})).find((r) => r.id === account.id)!;
      expect(shown.customerCount).to.equal(2);
      expect(shown.customers.map((x) => x.id).sort()).to.deep.equal([holder.id, other.id].sort());
      expect((await orgRow(c, RES, other.id, other.name))!.linkedAccountCount).to.equal(before + 1);
      const ofOther = await c.updateAccountsView(view.viewId, {customerId: other.id, type: 'shared'});
      expect(ofOther.firstRows!.map((r) => r.id)).to.include(account.id);

      const renamed = await c.updateAccount(RES, account.id, {name: 'Qwxvz Consolidated Billing'}, assigned.etag);
      const found = await c.updateAccountsView(view.viewId, {search: 'qwxvz consolidated'});
      expect(found.firstRows!.map((r) => [r.id, r.name])).to.deep.equal([[account.id, 'Qwxvz Consolidated Billing']]);

      const off1 = await c.unassignAccount(RES, account.id, other.id, renamed.etag);
      await c.unassignAccount(RES, account.id, holder.id, off1.etag);
      const unassigned = await c.updateAccountsView(view.viewId, {unassigned: true});
      expect(unassigned.firstRows!.map((r) => [r.id, r.customerCount])).to.deep.equal([[account.id, 0]]);
      expect((await orgRow(c, RES, other.id, other.name))!.linkedAccountCount).to.equal(before);
    });

    it('a warm start shows the cached accounts (cached), then the backend’s (fresh)', async () => {
      const cacheName = `tenantry-accounts-${crypto.randomUUID()}`;
      const namespace = `accounts-warm-${crypto.randomUUID()}`;
      const first = client(DEMO_USERS.resellerAdmin, cacheName, namespace);
      const cold = await first.openAccountsView(RES, {});
      expect(cold.freshness).to.equal('fresh');
      await first.idle();
      first.dispose();

      const second = client(DEMO_USERS.resellerAdmin, cacheName, namespace);
      const fresh = accountsUpdated(second, RES.tenantId, (e) => e.freshness === 'fresh');
      const warm = await second.openAccountsView(RES, {});
      expect(warm.freshness).to.equal('cached');
      expect(warm.total).to.equal(cold.total);
      expect(warm.firstRows!.map((r) => r.id)).to.deep.equal(cold.firstRows!.map((r) => r.id));
      await fresh;
      const again = await second.updateAccountsView(warm.viewId, {});
      expect(again.freshness).to.equal('fresh');
    });

    it('a reseller’s accounts name only its own customers, also after a write in the distributor’s scope', async () => {
      const c = client();
      const res = await c.openAccountsView(RES, {});
      const mine = new Set((await c.openView(RES, {}).then(async (v) => (await c.window(v.viewId, 0, 500)).rows.concat((await c.window(v.viewId, 500, 500)).rows))).map((r) => r.org.id));
      const resRows = await allRows(c, res);
      expect(resRows.length).to.be.greaterThan(0);
      for (const r of resRows) for (const x of r.customers) expect(mine.has(x.id), `${x.id} is the reseller’s`).to.equal(true);

      // The distributor gives one of the reseller's shared accounts to another reseller's customer too.
      const dist = await c.openAccountsView(DIST, {type: 'shared'});
      const distRows = await allRows(c, dist);
      const account = distRows.find((r) => r.customerCount === 1 && mine.has(r.customers[0].id))!;
      expect(account, `one of ${distRows.length} shared accounts is the reseller's (${mine.size} organizations)`).to.not.equal(undefined);
      const stranger = (await c.openView({tenantId: DEMO_TENANTS.otherReseller}, {filters: {kinds: ['customer']}}).then((v) => c.window(v.viewId, 0, 1))).rows[0].org;
      const seen = accountsUpdated(c, RES.tenantId, (e) => e.changed === 1);
      const change = await c.assignAccount(DIST, account.id, stranger.id, account.etag);
      expect(change.account.customers.map((x) => x.id)).to.include(stranger.id);
      await seen;
      const after = (await allRows(c, res)).find((r) => r.id === account.id)!;
      expect(after.customers.map((x) => x.id)).to.deep.equal([account.customers[0].id]);
      expect(after.customerCount).to.equal(1);
      const search = await c.updateAccountsView(res.viewId, {search: stranger.name});
      for (const r of search.firstRows!) expect(r.matchedCustomer?.id).to.not.equal(stranger.id);
      // The reseller's dataset then syncs (its own count and ETag): still only its own customer.
      await c.idle();
      const synced = (await allRows(c, await c.updateAccountsView(res.viewId, {}))).find((r) => r.id === account.id)!;
      expect(synced.customers.map((x) => x.id)).to.deep.equal([account.customers[0].id]);
    });

    if (backend === 'HTTP') {
      it('a malformed account in a page is reported and skipped, the rest kept', async () => {
        let broken: string | null = null;
        corrupt = (items) =>
          items.map((item, i) => {
            if (i !== 3) return item;
            broken = (item as AccountSummary).id;
            return {...(item as AccountSummary), customerCount: -1, providerAccountId: ''};
          });
        const c = client();
        const view = await c.openAccountsView(DIST, {});
        expect(broken).to.not.equal(null);
        expect(view.rejected.count).to.equal(1);
        expect(view.rejected.sample[0]).to.match(/items\[3\]/);
        const rows = await allRows(c, view);
        expect(rows.map((r) => r.id)).to.not.include(broken);
        corrupt = null;
        const {items} = await c.listAccounts(DIST, {limit: 5000});
        expect(rows.length).to.equal(items.length - 1);
      });
    }
  });
}
