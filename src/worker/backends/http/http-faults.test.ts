/**
 * Faults at the network edge, injected by msw handlers, against the real HttpBackend over real
 * fetch: each asserts the typed error or the retry behaviour (attempts are counted server-side).
 * Backoff settings are tiny so the suite is quick; time is asserted only where the behaviour is
 * "promptly" (generous upper bounds) or "waited as asked" (lower bounds set by the server).
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {SetupWorker} from 'msw/browser';
import type {HttpBackendConfig} from '../../../shared/contract/backend.js';
import {TenantryError} from '../../../shared/contract/errors.js';
import type {Rejected} from '../../../shared/model/schemas.js';
import {HttpBackend, parseRetryAfter} from './http-backend.js';
import {API, organizationFixture, pause, startMsw, summaryFixture} from '../../../testing/msw.js';
import {rejectsWith as failure} from '../../../testing/expect-error.js';

const scope = {tenantId: 'res-01'};
const FAST: Partial<HttpBackendConfig> = {backoffBaseMs: 5, backoffCapMs: 2000, maxAttempts: 3, timeoutMs: 2000};
const backend = (config: Partial<HttpBackendConfig> = {}, token: string | null = 'tok-123') =>
  new HttpBackend({kind: 'http', baseUrl: API, ...FAST, ...config}, async () => token);

const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({items, tombstones: [], nextCursor: null, asOf: '2026-11-24T09:30:00.000Z', ...extra});

/** A handler answering from a list of responses in turn (the last one repeats), counting attempts. */
function sequence(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, ...answers: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  const times: number[] = [];
  const handler = http[method](API + path, ({request}) => {
    seen.push(request.clone());
    times.push(performance.now());
    return answers[Math.min(seen.length, answers.length) - 1]();
  });
  return {handler, seen, times};
}

const ok = (body: unknown, init?: ResponseInit) => () => HttpResponse.json(body as object, init);
const status = (code: number, headers: Record<string, string> = {}, body: unknown = {code: 'x', message: `status ${code}`}) => () =>
  HttpResponse.json(body as object, {status: code, headers});

describe('HttpBackend faults', () => {
  let worker: SetupWorker;
  before(async () => {
    worker = await startMsw();
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('configuration and requests', () => {
    it('normalises the base URL and refuses anything but http(s) or credentials in it', async () => {
      expect(new HttpBackend({kind: 'http', baseUrl: 'https://api.tenantry.test/v1'}).origin).to.equal(API);
      for (const baseUrl of ['ftp://api.tenantry.test/', 'javascript:alert(1)', 'not a url', 'https://user:pw@api.tenantry.test/']) {
        expect(() => new HttpBackend({kind: 'http', baseUrl}), baseUrl).to.throw(TenantryError).with.property('code', 'config');
      }
    });

    it('sends scope, bearer token and query; never the token in the URL; no scope on session', async () => {
      const list = sequence('get', 'organizations', ok(page([summaryFixture('cus-1')])));
      const session = sequence('get', 'session', ok({user: {id: 'u-1', tenantId: 'res-01', displayName: 'A', email: 'a@x', function: 'admin'}, role: 'reseller-admin', homeTenantId: 'res-01', homeTenantName: 'R'}));
      worker.use(list.handler, session.handler);
      const b = backend();
      await b.listOrganizations(scope, {updatedSince: '2026-11-01T00:00:00.000Z', cursor: 'c/1', limit: 50});
      await b.session();
      const [req] = list.seen;
      const url = new URL(req.url);
      expect(req.headers.get('Tenantry-Scope')).to.equal('res-01');
      expect(req.headers.get('Authorization')).to.equal('Bearer tok-123');
      expect(url.searchParams.get('updatedSince')).to.equal('2026-11-01T00:00:00.000Z');
      expect(url.searchParams.get('cursor')).to.equal('c/1');
      expect(url.searchParams.get('limit')).to.equal('50');
      expect(req.url).not.to.contain('tok-123');
      expect(session.seen[0].headers.get('Tenantry-Scope')).to.equal(null);
    });

    it('URL-encodes ids and sends no Authorization when the provider has no token', async () => {
      const get = sequence('get', 'organizations/:id', ok(organizationFixture('o-1')));
      worker.use(get.handler);
      await backend({}, null).getOrganization(scope, 'a/b c');
      expect(new URL(get.seen[0].url).pathname).to.equal('/v1/organizations/a%2Fb%20c');
      expect(get.seen[0].headers.get('Authorization')).to.equal(null);
    });

    it('refuses a token that cannot be a header, and times out a token provider that hangs', async () => {
      const s = sequence('get', 'session', status(500));
      worker.use(s.handler);
      const bad = await failure(backend({}, 'line\nbreak').session());
      expect(bad.code).to.equal('config');
      const hung = new HttpBackend({kind: 'http', baseUrl: API, timeoutMs: 100, maxAttempts: 1}, () => new Promise(() => undefined));
      expect((await failure(hung.session())).code).to.equal('timeout');
      expect(s.seen.length).to.equal(0);
    });

    it('returns the ETag header, or "<version>" when the server sends none', async () => {
      worker.use(sequence('get', 'organizations/:id', ok(organizationFixture('o-1')), ok(organizationFixture('o-1'), {headers: {ETag: 'W/"abc"'}})).handler);
      const b = backend();
      expect((await b.getOrganization(scope, 'o-1')).etag).to.equal('"3"');
      expect((await b.getOrganization(scope, 'o-1')).etag).to.equal('W/"abc"');
    });
  });

  describe('customer wizard calls', () => {
    const reply = {
      duplicates: {matches: [{id: 'cus-1', name: 'Cobalt Dental', domain: 'cobalt.example', kind: 'customer', status: 'active', parentName: 'Bytebridge', matchedOn: ['name']}], hiddenCount: 2},
      account: {account: {tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e', name: 'Fabrikam', primaryDomain: 'fabrikam.onmicrosoft.com', verifiedDomains: ['fabrikam.example']}},
      availability: {available: false, reason: 'Taken.'},
      tenants: {items: [{tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e', name: 'T', domain: 't.onmicrosoft.com', subscriptions: [{id: 's-1', name: 'Production', state: 'enabled'}]}]},
      lists: {customerTypes: [{value: 'Standard', label: 'Standard'}], partnerSubscriptions: [], servicePlans: [{value: 'elite', label: 'Elite'}], storageRegions: [{value: 'uk', label: 'United Kingdom'}], tenantTypes: [{value: 'trial', label: 'Trial'}]},
    };
    const calls = (b: HttpBackend) => ({
      duplicates: () => b.findDuplicates(scope, {name: ' Cobalt Dental ', domain: 'WWW.Cobalt.example', tenantId: '0F8FAD5B-D9CB-469F-A165-70867728950E'}),
      account: () => b.lookupMicrosoftAccount(scope, 'Fabrikam.example'),
      availability: () => b.checkMicrosoftDomain(scope, 'Fabrikam'),
      tenants: () => b.listLinkableAzureTenants(scope),
      lists: () => b.referenceLists(scope, {parentId: 'res-01'}),
    });
    const paths = {duplicates: 'duplicates', account: 'microsoft/accounts', availability: 'microsoft/domain-availability', tenants: 'azure/linkable-tenants', lists: 'reference-lists'} as const;

    it('send the scope and the query in its checked form, and retry a 500 like any GET', async () => {
      const seen: Record<string, Request[]> = {};
      for (const [k, path] of Object.entries(paths)) {
        const s = sequence('get', path, status(500), ok(reply[k as keyof typeof reply]));
        seen[k] = s.seen;
        worker.use(s.handler);
      }
      const b = backend();
      const c = calls(b);
      expect(await c.duplicates()).to.deep.equal(reply.duplicates);
      expect(await c.account()).to.deep.equal(reply.account.account);
      expect(await c.availability()).to.deep.equal(reply.availability);
      expect(await c.tenants()).to.deep.equal(reply.tenants.items);
      expect(await c.lists()).to.deep.equal(reply.lists);
      for (const [k, requests] of Object.entries(seen)) {
        expect(requests.length, `${k}: a 500, then the retry`).to.equal(2);
        expect(requests[1].headers.get('Tenantry-Scope'), k).to.equal('res-01');
      }
      const q = (k: string) => Object.fromEntries(new URL(seen[k][0].url).searchParams);
      expect(q('duplicates')).to.deep.equal({name: 'Cobalt Dental', domain: 'cobalt.example', tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e'});
      expect(q('account')).to.deep.equal({domain: 'fabrikam.example'});
      expect(q('availability')).to.deep.equal({prefix: 'fabrikam'});
      expect(q('lists')).to.deep.equal({parentId: 'res-01'});
    });

    it('refuse a malformed query before sending anything', async () => {
      const s = sequence('get', 'duplicates', ok(reply.duplicates));
      worker.use(s.handler);
      const b = backend();
      for (const call of [() => b.findDuplicates(scope, {}), () => b.findDuplicates(scope, {tenantId: 'nope'}), () => b.lookupMicrosoftAccount(scope, 'no domain'), () => b.checkMicrosoftDomain(scope, 'x'.repeat(101)), () => b.referenceLists(scope, {parentId: 'a b'})]) {
        expect((await failure(call())).code).to.equal('invalid-request');
      }
      expect(s.seen.length).to.equal(0);
    });

    it('reject a malformed answer as invalid-response naming the path, never passing it on', async () => {
      const hostile: [keyof typeof paths, unknown, string][] = [
        ['duplicates', {...reply.duplicates, hiddenCount: -1}, 'hiddenCount'],
        ['duplicates', {matches: [{...reply.duplicates.matches[0], matchedOn: ['owner']}], hiddenCount: 0}, 'matches[0].matchedOn[0]'],
        ['duplicates', {matches: Array.from({length: 21}, () => reply.duplicates.matches[0]), hiddenCount: 0}, 'matches'],
        ['account', {account: {...reply.account.account, verifiedDomains: 'fabrikam.example'}}, 'account.verifiedDomains'],
        ['account', {}, 'account'],
        ['availability', {available: 'yes'}, 'available'],
        ['tenants', {items: [{...reply.tenants.items[0], subscriptions: [{id: 's-1', name: 'P', state: 'deleted'}]}]}, 'items[0].subscriptions[0].state'],
        ['lists', {...reply.lists, storageRegions: [{value: 'moon', label: 'Moon'}]}, 'storageRegions[0].value'],
        ['lists', {...reply.lists, tenantTypes: undefined}, 'tenantTypes'],
      ];
      for (const [k, body, path] of hostile) {
        worker.resetHandlers(sequence('get', paths[k], ok(body)).handler);
        const e = await failure(calls(backend())[k]());
        expect(e.code, `${k} → ${path}`).to.equal('invalid-response');
        expect(e.details.issues?.map((i) => i.path), k).to.include(path);
        expect(e.message).to.contain(path);
      }
    });

    it('read an organization from an older server with the newer fields as their defaults', async () => {
      const older = organizationFixture('o-1', {billing: {profileName: 'HQ', billTo: 'HQ', address: {line1: '', line2: '', city: '', state: '', postalCode: '', country: ''}, sameAsCompany: true} as never}) as unknown as Record<string, unknown>;
      for (const k of ['adminUser', 'tenantAdmins', 'microsoftAccount']) delete older[k];
      delete (older.schedules as Record<string, unknown>).timeZone;
      worker.use(sequence('get', 'organizations/:id', ok(older)).handler);
      const {value} = await backend().getOrganization(scope, 'o-1');
      expect([value.adminUser, value.tenantAdmins, value.microsoftAccount, value.billing!.partnerSubscription, value.schedules.timeZone]).to.deep.equal([null, [], null, null, 'UTC']);
    });
  });

  describe('retries', () => {
    it('retries a GET after a 500, then succeeds', async () => {
      const s = sequence('get', 'organizations', status(500), ok(page([])));
      worker.use(s.handler);
      const result = await backend().listOrganizations(scope);
      expect(result.items).to.deep.equal([]);
      expect(s.seen.length).to.equal(2);
    });

    it('never retries a PATCH, whether 500 or 503', async () => {
      for (const code of [500, 503]) {
        const s = sequence('patch', 'organizations/:id', status(code), ok(organizationFixture('o-1')));
        worker.resetHandlers(s.handler);
        const e = await failure(backend().updateOrganization(scope, 'o-1', {name: 'New'}, {ifMatch: '"3"'}));
        expect(e.code).to.equal(code === 500 ? 'server' : 'unavailable');
        expect(e.details.status).to.equal(code);
        expect(s.seen.length, `PATCH attempts on ${code}`).to.equal(1);
      }
    });

    it('never retries a lifecycle move, sends it with If-Match, and retries its reads (impact, audit log) like any GET', async () => {
      for (const code of [500, 503]) {
        const s = sequence('post', 'organizations/:id/transitions', status(code), ok(organizationFixture('o-1')));
        worker.resetHandlers(s.handler);
        const e = await failure(backend().transitionOrganization(scope, 'o-1', 'suspend', {ifMatch: '"3"'}));
        expect(e.code).to.equal(code === 500 ? 'server' : 'unavailable');
        expect(s.seen.length, `POST transitions attempts on ${code}`).to.equal(1);
        expect(s.seen[0].headers.get('If-Match')).to.equal('"3"');
        expect(await s.seen[0].json()).to.deep.equal({action: 'suspend'});
      }
      expect((await failure(backend().transitionOrganization(scope, 'o-1', 'suspend', {ifMatch: ''}))).code, 'no ETag, no request').to.equal('config');
      expect((await failure(backend().transitionOrganization(scope, 'o-1', 'explode' as never, {ifMatch: '"3"'}))).code).to.equal('invalid-request');

      const impact = {organizationId: 'o-1', action: 'suspend', from: 'active', to: 'suspended', organizationsBelow: {distributor: 0, reseller: 0, 'customer-organization': 0, customer: 2}, linkedAccounts: 1, users: 3, scheduledCollections: 2, byTenant: [], moreTenants: 0};
      const i = sequence('get', 'organizations/:id/lifecycle-impact', status(500), ok(impact));
      const audit = sequence('get', 'audit-log', status(503), ok({items: [], nextCursor: null}));
      worker.resetHandlers(i.handler, audit.handler);
      expect(await backend().lifecycleImpact(scope, 'o-1', 'suspend')).to.deep.equal(impact);
      expect(new URL(i.seen[1].url).searchParams.get('action')).to.equal('suspend');
      expect(await backend().listAuditLog(scope, {organizationId: 'o-1', limit: 10})).to.deep.equal({items: [], nextCursor: null});
      expect([...new URL(audit.seen[1].url).searchParams]).to.deep.equal([['limit', '10'], ['organizationId', 'o-1']]);
      expect([i.seen.length, audit.seen.length]).to.deep.equal([2, 2]);

      // An answer that is not the contract's is refused at the boundary.
      worker.resetHandlers(sequence('get', 'audit-log', ok({items: [{id: 'a-1'}], nextCursor: null})).handler);
      expect((await failure(backend().listAuditLog(scope))).code).to.equal('invalid-response');
      expect((await failure(backend().listAuditLog(scope, {limit: 0}))).code, 'checked before sending').to.equal('invalid-request');
    });

    it('never repeats a write to an organization’s details, sends it with If-Match, and refuses answers that are not the contract’s', async () => {
      const ada = {role: 'primary', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '', fax: ''} as const;
      const writes: [string, 'post' | 'put' | 'delete', string, (b: HttpBackend) => Promise<unknown>][] = [
        ['add contact', 'post', 'organizations/:id/contacts', (b) => b.addContact(scope, 'o-1', ada, {ifMatch: '"3"'})],
        ['change contact', 'put', 'organizations/:id/contacts/:cid', (b) => b.updateContact(scope, 'o-1', 'ct-1', ada, {ifMatch: '"3"'})],
        ['remove contact', 'delete', 'organizations/:id/contacts/:cid', (b) => b.deleteContact(scope, 'o-1', 'ct-1', {ifMatch: '"3"'})],
        ['change people', 'post', 'organizations/:id/people', (b) => b.changePeople(scope, 'o-1', {role: 'reader', add: ['u-1']}, {ifMatch: '"3"'})],
        ['start task', 'post', 'organizations/:id/onboarding-tasks/:tid/start', (b) => b.startOnboardingTask(scope, 'o-1', 'onb-1', {ifMatch: '"3"'})],
      ];
      for (const [what, method, path, call] of writes) {
        const s = sequence(method, path, status(503), ok(organizationFixture('o-1')));
        worker.resetHandlers(s.handler);
        expect((await failure(call(backend()))).code, what).to.equal('unavailable');
        expect(s.seen.length, what).to.equal(1);
        expect(s.seen[0].headers.get('If-Match'), what).to.equal('"3"');
      }
      expect((await failure(backend().changePeople(scope, 'o-1', {role: 'reader'}, {ifMatch: '"3"'}))).code, 'checked before sending').to.equal('invalid-request');

      // A console link that is not an absolute http(s) URL is the server's fault, never passed on.
      for (const url of ['javascript:alert(1)', '//console.example.net/t', 'https:///t', '/tenants/o-1', 'data:text/html,x']) {
        worker.resetHandlers(sequence('get', 'organizations/:id/console-link', ok({link: {url, expiresAt: null}})).handler);
        const e = await failure(backend().tenantConsoleLink(scope, 'o-1'));
        expect(e.code, url).to.equal('invalid-response');
        expect(e.details.issues?.[0].path, url).to.equal('link.url');
      }
      worker.resetHandlers(sequence('get', 'organizations/:id/console-link', ok({link: null})).handler);
      expect(await backend().tenantConsoleLink(scope, 'o-1')).to.equal(null);

      const contract = {id: 'c-1', name: 'MSA', status: 'active', startsOn: '2026-01-01', endsOn: null, organizationId: 'o-1', organizationName: 'O', value: null, billingFrequency: 'monthly', autoRenew: false};
      worker.resetHandlers(sequence('get', 'contracts', ok({items: [{...contract, status: 'lapsed'}], nextCursor: null, total: 1})).handler);
      const bad = await failure(backend().listContracts(scope));
      expect([bad.code, bad.details.issues?.[0].path]).to.deep.equal(['invalid-response', 'items[0].status']);
      worker.resetHandlers(sequence('get', 'organizations/:id/commerce/:kind', ok({kind: 'orders', items: [], nextCursor: null, total: 0})).handler);
      expect((await failure(backend().listCommerce(scope, 'o-1', 'invoices'))).code, 'another list than asked for').to.equal('invalid-response');
    });

    it('waits as a 503 Retry-After in seconds asks, then succeeds', async () => {
      const s = sequence('get', 'fx-rates', status(503, {'Retry-After': '1'}), ok({base: 'USD', date: '2026-11-20', rates: {EUR: 0.92}}));
      worker.use(s.handler);
      const rates = await backend({backoffBaseMs: 1}).fxRates();
      expect(rates.rates.EUR).to.equal(0.92);
      expect(s.seen.length).to.equal(2);
      expect(s.times[1] - s.times[0]).to.be.at.least(900);
    });

    it('waits as a 429 Retry-After HTTP-date asks, then succeeds', async () => {
      const at = () => new Date(Date.now() + 2000).toUTCString();
      const s = sequence('get', 'organizations', () => HttpResponse.json({}, {status: 429, headers: {'Retry-After': at()}}), ok(page([])));
      worker.use(s.handler);
      await backend({backoffBaseMs: 1, backoffCapMs: 5000}).listOrganizations(scope);
      expect(s.seen.length).to.equal(2);
      // The date has whole seconds, so the wait is between 1 and 2 s.
      expect(s.times[1] - s.times[0]).to.be.at.least(800);
    });

    it('holds every request to the backend until a Retry-After passes, not only the one that got it', async () => {
      const fx = sequence('get', 'fx-rates', status(503, {'Retry-After': '1'}), ok({base: 'USD', date: '2026-11-20', rates: {EUR: 0.92}}));
      const list = sequence('get', 'organizations', ok(page([])));
      worker.use(fx.handler, list.handler);
      const b = backend({backoffBaseMs: 1});
      const rates = b.fxRates();
      // Another caller (a scope change, a keystroke) asks while the server has said "wait".
      while (fx.seen.length === 0) await pause(5);
      await pause(50);
      await b.listOrganizations(scope);
      await rates;
      expect(list.times[0] - fx.times[0], 'the other request waited for the Retry-After').to.be.at.least(900);
    });

    it('parses both Retry-After forms', () => {
      const now = Date.parse('2026-11-24T09:30:00.000Z');
      expect(parseRetryAfter('7', now)).to.equal(7000);
      expect(parseRetryAfter('Tue, 24 Nov 2026 09:30:05 GMT', now)).to.equal(5000);
      expect(parseRetryAfter('Tue, 24 Nov 2026 09:29:00 GMT', now)).to.equal(0);
      expect(parseRetryAfter('soon', now)).to.equal(undefined);
      expect(parseRetryAfter(null, now)).to.equal(undefined);
    });

    it('stops at once when Retry-After exceeds the cap: rate-limited / unavailable with retryAfterMs', async () => {
      const s429 = sequence('get', 'organizations', status(429, {'Retry-After': '120'}));
      const s503 = sequence('get', 'tenants', status(503, {'Retry-After': '60'}));
      worker.use(s429.handler, s503.handler);
      const b = backend({backoffCapMs: 1000});
      const limited = await failure(b.listOrganizations(scope));
      expect(limited.code).to.equal('rate-limited');
      expect(limited.details.retryAfterMs).to.equal(120_000);
      expect(limited.message).to.contain('GET organizations').and.contain('120 s');
      const down = await failure(b.listTenants(scope));
      expect(down.code).to.equal('unavailable');
      expect(down.details.retryAfterMs).to.equal(60_000);
      expect(s429.seen.length + s503.seen.length).to.equal(2);
    });

    it('times out each attempt and gives up after maxAttempts with "timeout"', async () => {
      const s = sequence('get', 'organizations', async () => {
        await pause(3000);
        return HttpResponse.json(page([]));
      });
      worker.use(s.handler);
      const e = await failure(backend({timeoutMs: 150, maxAttempts: 2}).listOrganizations(scope));
      expect(e.code).to.equal('timeout');
      expect(e.message).to.contain('GET organizations').and.contain('150 ms');
      expect(s.seen.length).to.equal(2);
    });

    it('retries a connection reset, and reports "network" when it persists', async () => {
      const flaky = sequence('get', 'session', () => HttpResponse.error(), ok({user: {id: 'u-1', tenantId: 't', displayName: 'A', email: 'a@x', function: 'admin'}, role: 'customer-admin', homeTenantId: 't', homeTenantName: 'T'}));
      const dead = sequence('get', 'users', () => HttpResponse.error());
      worker.use(flaky.handler, dead.handler);
      const b = backend();
      expect((await b.session()).role).to.equal('customer-admin');
      expect(flaky.seen.length).to.equal(2);
      const e = await failure(b.listUsers(scope));
      expect(e.code).to.equal('network');
      expect(e.retryable).to.equal(true);
      expect(dead.seen.length).to.equal(3);
    });

    it('retries a create after 503s with the SAME Idempotency-Key on every attempt', async () => {
      const org = organizationFixture('o-new');
      const s = sequence('post', 'organizations', status(503), status(503), ok(org, {status: 201, headers: {ETag: '"1"'}}));
      worker.use(s.handler);
      const {id: _id, ancestorIds: _a, createdAt: _c, updatedAt: _u, version: _v, ...input} = org;
      const created = await backend().createOrganization(scope, input, {idempotencyKey: 'key-42'});
      expect(created.value.id).to.equal('o-new');
      expect(created.etag).to.equal('"1"');
      expect(s.seen.map((r) => r.headers.get('Idempotency-Key'))).to.deep.equal(['key-42', 'key-42', 'key-42']);
      expect(await s.seen[2].json()).to.deep.equal(input);
    });

    it('never sends a create without an Idempotency-Key', async () => {
      const s = sequence('post', 'organizations', status(503));
      worker.use(s.handler);
      const {id: _id, ancestorIds: _a, createdAt: _c, updatedAt: _u, version: _v, ...input} = organizationFixture('o-new');
      for (const idempotencyKey of ['', '   ', 'has space']) {
        const e = await failure(backend().createOrganization(scope, input, {idempotencyKey}));
        expect(e.code).to.equal('config');
      }
      expect(s.seen.length).to.equal(0);
    });

    it('treats a 404 on a retried DELETE as done (the first attempt deleted it)', async () => {
      const s = sequence('delete', 'organizations/:id', status(503), status(404));
      worker.use(s.handler);
      await backend().deleteOrganization(scope, 'o-1', {ifMatch: '"4"'});
      expect(s.seen.length).to.equal(2);
      expect(s.seen[1].headers.get('If-Match')).to.equal('"4"');
    });
  });

  describe('cancellation', () => {
    it('aborts promptly mid-request, without retrying', async () => {
      const s = sequence('get', 'organizations', async () => {
        await pause(5000);
        return HttpResponse.json(page([]));
      });
      worker.use(s.handler);
      const controller = new AbortController();
      const call = failure(backend().listOrganizations(scope, {signal: controller.signal}));
      await until(() => s.seen.length === 1);
      const t0 = performance.now();
      controller.abort();
      const e = await call;
      expect(e.code).to.equal('aborted');
      expect(performance.now() - t0).to.be.below(1000);
      await pause(100);
      expect(s.seen.length).to.equal(1);
    });

    it('aborts promptly mid-backoff', async () => {
      const s = sequence('get', 'organizations', status(503, {'Retry-After': '5'}));
      worker.use(s.handler);
      const controller = new AbortController();
      const call = failure(backend({backoffCapMs: 10_000}).listOrganizations(scope, {signal: controller.signal}));
      await until(() => s.seen.length === 1);
      await pause(100);
      const t0 = performance.now();
      controller.abort();
      const e = await call;
      expect(e.code).to.equal('aborted');
      expect(performance.now() - t0).to.be.below(1000);
      expect(s.seen.length).to.equal(1);
    });

    it('rejects at once, sending nothing, when already aborted', async () => {
      const s = sequence('get', 'session', status(500));
      worker.use(s.handler);
      const e = await failure(backend().session({signal: AbortSignal.abort()}));
      expect(e.code).to.equal('aborted');
      expect(s.seen.length).to.equal(0);
    });
  });

  describe('responses', () => {
    it('reports invalid JSON as invalid-response, without retrying', async () => {
      const s = sequence('get', 'organizations', () => new HttpResponse('{"items": [', {headers: {'Content-Type': 'application/json'}}));
      worker.use(s.handler);
      const e = await failure(backend().listOrganizations(scope));
      expect(e.code).to.equal('invalid-response');
      expect(e.message).to.contain('GET organizations').and.contain('not valid JSON');
      expect(s.seen.length).to.equal(1);
    });

    it('says so when a web page comes back instead of data', async () => {
      worker.use(http.get(API + 'session', () => HttpResponse.html('<!doctype html><title>Sign in</title>')));
      const e = await failure(backend().session());
      expect(e.code).to.equal('invalid-response');
      expect(e.message).to.contain('web page').and.not.contain('<');
    });

    it('names the path and field of a schema-invalid body', async () => {
      worker.use(http.get(API + 'organizations', () => HttpResponse.json(page([], {asOf: 'yesterday'}))));
      const e = await failure(backend().listOrganizations(scope));
      expect(e.code).to.equal('invalid-response');
      expect(e.message).to.contain('asOf');
      expect(e.details.issues?.[0].path).to.equal('asOf');
    });

    it('rejects a page whose envelope is wrong (items not an array)', async () => {
      worker.use(http.get(API + 'organizations', () => HttpResponse.json(page([], {items: {}}))));
      const e = await failure(backend().listOrganizations(scope));
      expect(e.code).to.equal('invalid-response');
      expect(e.details.issues?.[0].path).to.equal('items');
    });

    it('skips one malformed organization, reports it, and keeps the rest', async () => {
      const bad = {...summaryFixture('cus-2'), projectedAnnualCost: {amount: 5, currency: 'euro'}};
      worker.use(http.get(API + 'organizations', () => HttpResponse.json(page([summaryFixture('cus-1'), bad, summaryFixture('cus-3')]))));
      const reported: Rejected[] = [];
      const b = new HttpBackend({kind: 'http', baseUrl: API}, undefined, undefined, {onRejected: (_r, rejected) => reported.push(...rejected)});
      const result = await b.listOrganizations(scope);
      expect(result.items.map((o) => o.id)).to.deep.equal(['cus-1', 'cus-3']);
      expect(result.rejected).to.have.length(1);
      expect(result.rejected[0]).to.include({index: 1, id: 'cus-2'});
      expect(result.rejected[0].issues[0].path).to.equal('items[1].projectedAnnualCost.currency');
      expect(reported).to.have.length(1);
    });

    it('drops malformed tenants and users, telling onRejected', async () => {
      const node = {id: 'res-01', kind: 'reseller', parentId: 'dist-1', name: 'R', domain: 'r.example', status: 'active', directoryIds: []};
      worker.use(
        http.get(API + 'tenants', () => HttpResponse.json({items: [node, {...node, id: 'res-02', kind: 'planet'}]})),
        http.get(API + 'users', () => HttpResponse.json({items: [{id: 'u-1'}, {id: 'u-2', tenantId: 'res-01', displayName: 'B', email: 'b@x', function: 'admin'}]})),
      );
      const reported: string[] = [];
      const b = new HttpBackend({kind: 'http', baseUrl: API}, undefined, undefined, {onRejected: (request, rejected) => reported.push(`${request}: ${rejected.map((r) => r.id).join()}`)});
      expect((await b.listTenants(scope)).map((t) => t.id)).to.deep.equal(['res-01']);
      expect((await b.listUsers(scope)).map((u) => u.id)).to.deep.equal(['u-2']);
      expect(reported).to.deep.equal(['GET tenants: res-02', 'GET users: u-1']);
    });

    it('refuses a 10 MB body by its Content-Length (too-large, naming the limit)', async () => {
      worker.use(http.get(API + 'organizations', () => HttpResponse.text('x'.repeat(10 * 1024 * 1024))));
      const e = await failure(backend().listOrganizations(scope));
      expect(e.code).to.equal('too-large');
      expect(e.message).to.contain('8 MiB');
    });

    it('stops reading a streamed body with no Content-Length once it passes the limit', async () => {
      let pulled = 0;
      worker.use(
        http.get(API + 'organizations', () => {
          const chunk = new Uint8Array(256 * 1024).fill(0x20);
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              // Bounded so a client that never stops cannot hang the test.
              if (++pulled > 64) controller.close();
              else controller.enqueue(chunk);
            },
          });
          return new HttpResponse(stream, {headers: {'Content-Type': 'application/json'}});
        }),
      );
      const e = await failure(backend({maxResponseBytes: 1024 * 1024}).listOrganizations(scope));
      expect(e.code).to.equal('too-large');
      expect(e.message).to.contain('1 MiB');
    });
  });

  describe('status mapping', () => {
    it('maps 412 to version-conflict, with the current version when the server says it', async () => {
      const s = sequence('patch', 'organizations/:id', status(412, {}, {code: 'version-conflict', message: 'Changed by someone else.', currentVersion: 7}));
      worker.use(s.handler);
      const e = await failure(backend().updateOrganization(scope, 'o-1', {name: 'X'}, {ifMatch: '"3"'}));
      expect(e.code).to.equal('version-conflict');
      expect(e.details.currentVersion).to.equal(7);
      expect(s.seen[0].headers.get('If-Match')).to.equal('"3"');
    });

    it('maps 401, 403, 404, 409 and 422 without retrying, enriching the message from the error body', async () => {
      const cases = [
        [401, 'unauthenticated'],
        [403, 'forbidden'],
        [404, 'not-found'],
        [409, 'conflict'],
        [422, 'invalid-request'],
      ] as const;
      for (const [code, expected] of cases) {
        const s = sequence('get', 'organizations/:id', status(code, {}, {code: expected, message: `Server detail ${code}`}));
        worker.resetHandlers(s.handler);
        const e = await failure(backend().getOrganization(scope, 'o-9'));
        expect(e.code, String(code)).to.equal(expected);
        expect(e.details.status).to.equal(code);
        expect(e.message).to.contain('GET organizations/o-9').and.contain(`Server detail ${code}`);
        expect(s.seen.length).to.equal(1);
      }
    });

    it('carries validation issues of a 422 into details.issues', async () => {
      worker.use(http.patch(API + 'organizations/:id', () => HttpResponse.json({code: 'invalid-request', message: 'Invalid.', issues: [{path: 'name', message: 'must not be empty'}]}, {status: 422})));
      const e = await failure(backend().updateOrganization(scope, 'o-1', {name: ''}, {ifMatch: '"1"'}));
      expect(e.details.issues).to.deep.equal([{path: 'name', message: 'must not be empty'}]);
    });

    it('carries only the path and message of each 422 issue, capped, whatever else the server sends', async () => {
      const issues = [{path: 'notifications.emails[2]', message: 'must be an email address', secret: 'x'}, {path: 'p'.repeat(900), message: 'm'}, {path: 3, message: 'not an issue'}];
      worker.use(sequence('post', 'organizations', status(422, {}, {code: 'invalid-request', message: 'The organization is not valid.', issues})).handler);
      const e = await failure(backend().createOrganization(scope, organizationFixture('o-1'), {idempotencyKey: 'k-1'}));
      expect(e.code).to.equal('invalid-request');
      expect(e.details.issues).to.deep.equal([
        {path: 'notifications.emails[2]', message: 'must be an email address'},
        {path: 'p'.repeat(500), message: 'm'},
      ]);
    });

    it('never shows an HTML or long error body', async () => {
      const html = `<html><body>${'Proxy error '.repeat(50)}</body></html>`;
      worker.use(http.get(API + 'session', () => HttpResponse.html(html, {status: 502})));
      const e = await failure(backend({maxAttempts: 1}).session());
      expect(e.code).to.equal('unavailable');
      expect(e.message).not.to.contain('<').and.not.to.contain('Proxy error');
      expect(e.message.length).to.be.below(300);
    });
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await pause(5);
  }
}
