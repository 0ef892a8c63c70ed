/**
 * The customer details' calls, page → DataClient → worker → backend: contacts, people and
 * onboarding writes (If-Match, the record back in every open view, an audit entry each, the
 * server's rules in words), contracts and commerce lists, the console link. Real Workers and
 * IndexedDB on the embedded backend, or the REST contract behind msw where the test is about what
 * the server may answer (a link or a contract that breaks the contract, a 403).
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {HttpBackendConfig, LocalBackendConfig, Scope} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {ContactInput} from '../shared/model/types.js';
import {rejectsWith} from '../testing/expect-error.js';
import {API, startMsw} from '../testing/msw.js';
import {embeddedRestHandler} from '../testing/rest-api.js';
import {DataClient} from './data-client.js';

const RES: Scope = {tenantId: DEMO_TENANTS.reseller};
const user = DEMO_USERS.resellerAdmin;
const clients: DataClient[] = [];
const ada: ContactInput = {role: 'technical', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', phone: '', fax: ''};

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

function localClient(): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations: 200, namespace: `details-${crypto.randomUUID()}`, userId: user};
  const client = new DataClient({config, cacheName: `tenantry-details-${crypto.randomUUID()}`, user});
  clients.push(client);
  return client;
}

function httpClient(): DataClient {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 2, timeoutMs: 3000, backoffBaseMs: 10};
  const client = new DataClient({config, cacheName: `tenantry-details-${crypto.randomUUID()}`, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/** The row of an organization in a new view of the scope, as the grid would show it. */
async function rowOf(client: DataClient, scope: Scope, id: string, name: string) {
  const view = await client.openView(scope, {search: name, searchFields: ['name']});
  const rows = (await client.window(view.viewId, 0, 500)).rows;
  client.closeView(view.viewId);
  return rows.find((r) => r.org.id === id)?.org;
}

describe('customer details through the worker', () => {
  for (const backend of ['embedded', 'HTTP'] as const) {
    it(`${backend}: contacts keep a primary one, a stale ETag is refused with the current record, and each write is in the audit log with its subject`, async () => {
      const msw = backend === 'HTTP' ? await startMsw(http.all(`${API}*`, ({request}) => handle(request))) : null;
      const handle = embeddedRestHandler(120, 'details-contacts');
      try {
        const client = backend === 'HTTP' ? httpClient() : localClient();
        const {value: org, etag} = await client.getOrganization(RES, DEMO_TENANTS.customer);
        const primary = org.contacts.find((c) => c.role === 'primary')!;
        const refused = await rejectsWith(client.deleteContact(RES, org.id, primary.id, etag));
        expect(refused.code).to.equal('conflict');
        expect(refused.message).to.contain('Make another contact primary before removing');

        const invalid = await rejectsWith(client.addContact(RES, org.id, {...ada, email: 'ada at example'}, etag));
        expect(invalid.code).to.equal('invalid-request');
        expect(invalid.details.issues?.map((i) => i.path)).to.deep.equal(['email']);

        const added = await client.addContact(RES, org.id, ada, etag);
        const contact = added.value.contacts.at(-1)!;
        expect(contact).to.deep.include({firstName: 'Ada', role: 'technical'});
        const stale = await rejectsWith(client.updateContact(RES, org.id, contact.id, {...ada, role: 'primary'}, etag));
        expect(stale.code).to.equal('version-conflict');
        expect(stale.details.current?.etag).to.equal(added.etag);
        const promoted = await client.updateContact(RES, org.id, contact.id, {...ada, role: 'primary'}, added.etag);
        const removed = await client.deleteContact(RES, org.id, primary.id, promoted.etag);
        expect(removed.value.contacts.map((c) => c.id)).not.to.include(primary.id);

        const audit = await client.listAuditLog(RES, {organizationId: org.id, limit: 3});
        expect(audit.items.map((e) => [e.action, e.subject])).to.deep.equal([
          ['contact-delete', `${primary.firstName} ${primary.lastName}`.trim()],
          ['contact-update', 'Ada Lovelace'],
          ['contact-add', 'Ada Lovelace'],
        ]);
      } finally {
        await msw?.stop();
      }
    });
  }

  it('a change of people and a started onboarding task land in every open view (reader count), refused users named by path', async () => {
    const client = localClient();
    const view = await client.openView(RES, {});
    const target = view.firstRows!.find((r) => r.org.kind === 'customer')!.org;
    const {value: org, etag} = await client.getOrganization(RES, target.id);
    const users = await client.listUsers(RES, '', 50);
    const fresh = users.find((u) => !org.readers.some((r) => r.id === u.id))!;
    const outside = await rejectsWith(client.changePeople(RES, org.id, {role: 'reader', add: ['u-no-such']}, etag));
    expect([outside.code, outside.details.issues?.[0].path]).to.deep.equal(['invalid-request', 'add[0]']);

    const changed = await client.changePeople(RES, org.id, {role: 'reader', add: [fresh.id]}, etag);
    expect(changed.value.readerCount).to.equal(org.readers.length + 1);
    expect((await rowOf(client, RES, org.id, org.name))?.readerCount, 'in a view at once').to.equal(org.readers.length + 1);
    const entry = (await client.listAuditLog(RES, {organizationId: org.id, limit: 1})).items[0];
    expect(entry).to.deep.include({action: 'people-change', subject: `Readers: added ${fresh.displayName}`});

    const task = changed.value.onboardingTasks.find((t) => t.state === 'todo' && t.startable);
    if (task) {
      const started = await client.startOnboardingTask(RES, org.id, task.id, changed.etag);
      expect(started.value.onboardingTasks.find((t) => t.id === task.id)?.state).to.equal('in-progress');
      const again = await rejectsWith(client.startOnboardingTask(RES, org.id, task.id, started.etag));
      expect(again.code).to.equal('conflict');
      expect(again.message).to.contain(task.title);
    } else {
      const none = await rejectsWith(client.startOnboardingTask(RES, org.id, 'onb-no-such', changed.etag));
      expect(none.code).to.equal('not-found');
    }
  });

  it('lists contracts and commerce in pages with totals, and gives a customer’s console link', async () => {
    const client = localClient();
    const first = await client.listContracts(RES, {limit: 5});
    expect(first.items.length).to.equal(Math.min(5, first.total));
    if (first.nextCursor) {
      const second = await client.listContracts(RES, {limit: 5, cursor: first.nextCursor});
      expect(second.items.map((c) => c.id)).not.to.deep.equal(first.items.map((c) => c.id));
    }
    const orders = await client.listCommerce(RES, DEMO_TENANTS.customer, 'orders', {limit: 3});
    expect(orders.kind).to.equal('orders');
    expect(orders.items.length).to.equal(Math.min(3, orders.total));
    const link = await client.tenantConsoleLink(RES, DEMO_TENANTS.customer);
    expect(link?.url).to.match(/^https:\/\//);
    expect(await client.tenantConsoleLink(RES, DEMO_TENANTS.reseller)).to.equal(null);
    const aborted = new AbortController();
    const pending = client.listCommerce(RES, DEMO_TENANTS.customer, 'invoices', {signal: aborted.signal});
    aborted.abort();
    expect((await rejectsWith(pending)).code).to.equal('aborted');
  });
});

describe('accounts through the worker', () => {
  it('an account assigned to another customer shows in that customer’s row at once; a stale ETag is refused', async () => {
    const client = localClient();
    const page = await client.listAccounts(RES, {limit: 5000});
    const shared = page.items.find((a) => a.type === 'shared');
    expect(shared, 'the demo has a shared account').to.not.equal(undefined);
    const view = await client.openView(RES, {filters: {kinds: ['customer']}});
    const rows = (await client.window(view.viewId, 0, 500)).rows.map((r) => r.org);
    const target = rows.find((o) => !shared!.customers.some((c) => c.id === o.id))!;
    const change = await client.assignAccount(RES, shared!.id, target.id, shared!.etag);
    expect(change.account.customerCount).to.equal(shared!.customerCount + 1);
    expect((await rowOf(client, RES, target.id, target.name))?.linkedAccountCount, 'in a view at once').to.equal(target.linkedAccountCount + 1);
    const stale = await rejectsWith(client.unassignAccount(RES, shared!.id, target.id, shared!.etag));
    expect(stale.code).to.equal('version-conflict');
    const back = await client.unassignAccount(RES, shared!.id, target.id, change.etag);
    expect(back.account.customerCount).to.equal(shared!.customerCount);
  });
});

describe('customer details over HTTP: what the server may answer', () => {
  it('a console link that is not an absolute http(s) URL, or a contract with an unknown status, is reported and never passed on; a 403 reads as forbidden', async () => {
    const handle = embeddedRestHandler(60, 'details-faults');
    const msw = await startMsw(
      http.get(`${API}organizations/:id/console-link`, () => HttpResponse.json({link: {url: 'javascript:alert(document.domain)', expiresAt: null}})),
      http.get(`${API}contracts`, async ({request}) => {
        if (new URL(request.url).searchParams.get('status') === 'expired') return HttpResponse.json({code: 'forbidden', message: 'Not your contracts.'}, {status: 403});
        const page = (await (await handle(request)).json()) as {items: {status: string}[]};
        if (page.items[0]) page.items[0].status = 'lapsed';
        return HttpResponse.json(page);
      }),
      http.all(`${API}*`, ({request}) => handle(request)),
    );
    try {
      const client = httpClient();
      const link = await rejectsWith(client.tenantConsoleLink(RES, DEMO_TENANTS.customer));
      expect(link.code).to.equal('invalid-response');
      expect(link.message).to.contain('console-link');
      const contracts = await rejectsWith(client.listContracts(RES, {organizationId: DEMO_TENANTS.customer}));
      expect(contracts.code).to.equal('invalid-response');
      expect(contracts.details.issues?.[0].path).to.equal('items[0].status');
      const forbidden = await rejectsWith(client.listContracts(RES, {status: 'expired'}));
      expect(forbidden.code).to.equal('forbidden');
      expect(forbidden.message).to.contain('permission');
    } finally {
      await msw.stop();
    }
  });
});
