/**
 * The reference server (`npm run serve`) as a real process: the test runner starts it
 * (scripts/reference-server-plugin.mjs) on another port than this page, so every request here is a
 * real cross-origin fetch, CORS preflights included. It proves that the contract holds over it
 * with its real tokens, and what it adds: sign-in (tokens and cookie sessions), scope refusals,
 * Idempotency-Key and If-Match answers, fault drills the HTTP client honours, CORS for the
 * configured origins only, and that what was written is there after the process is killed.
 */
import {expect} from '@open-wc/testing';
import {contractSuite} from '../testing/backend-contract-suite.js';
import {rejectsWith} from '../testing/expect-error.js';
import {futureDate} from '../testing/organization-inputs.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {ErrorBodySchema} from '../shared/model/schemas.js';
import type {Organization, OrganizationInput, Session} from '../shared/model/types.js';
import {HttpBackend} from '../worker/backends/http/http-backend.js';

interface ServerInfo {
  url: string;
  api: string;
  tokens: Record<string, string>;
}

const CONTROL = '/__tenantry/reference-server';
let started: Promise<ServerInfo> | null = null;

async function control(path: string, method = 'GET'): Promise<ServerInfo> {
  const response = await fetch(CONTROL + path, {method});
  if (!response.ok) throw new Error(`${method} ${CONTROL}${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as ServerInfo;
}

/** The running server (started by the test runner on first use). */
const server = (): Promise<ServerInfo> => (started ??= control(''));

/** Kills the server (no clean shutdown) and starts it again on the same data; `torn`: with half a write at the end of its journal. */
async function restart(torn = false): Promise<ServerInfo> {
  started = control(`/restart${torn ? '?torn=1' : ''}`, 'POST');
  return started;
}

const backendAs = async (userId: string, config: {maxAttempts?: number} = {}): Promise<HttpBackend> => {
  const {api, tokens} = await server();
  return new HttpBackend({kind: 'http', baseUrl: api, timeoutMs: 30_000, ...config}, async () => tokens[userId]);
};

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A request to the API as `userId` (or with `init`'s own Authorization), in `scope`. */
async function call(path: string, init: RequestInit & {as?: string; scope?: string} = {}): Promise<Answer> {
  const {api, tokens} = await server();
  const headers = new Headers(init.headers);
  if (init.as && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${tokens[init.as]}`);
  if (init.scope) headers.set('Tenantry-Scope', init.scope);
  if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
  const response = await fetch(new URL(path, api), {...init, headers});
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined};
}

function expectProblem(answer: Answer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(status);
  expect(ErrorBodySchema.is(answer.body), JSON.stringify(answer.body)).to.equal(true);
  expect((answer.body as {code: string}).code).to.equal(code);
  // Nothing of the server's insides in an answer.
  expect(JSON.stringify(answer.body)).not.to.match(/\bat .+\.(m?js|ts):\d+/);
}

let made = 0;
/** A new customer under the demo reseller, made from its first customer's record. */
async function customerInput(name: string): Promise<OrganizationInput> {
  const got = await call(`organizations/${DEMO_TENANTS.customer}`, {as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller});
  expect(got.status).to.equal(200);
  const {id: _id, ancestorIds: _a, createdAt: _c, updatedAt: _u, version: _v, ...input} = got.body as Organization;
  return {...input, kind: 'customer', parentId: DEMO_TENANTS.reseller, customerOrganizationId: null, status: 'active', name: `${name} ${++made} ${crypto.randomUUID().slice(0, 8)}`, licenseExpiresOn: futureDate(), microsoftAccount: {mode: 'skip'}, azureTenants: []};
}

const create = (input: OrganizationInput, key: string): Promise<Answer> =>
  call('organizations', {method: 'POST', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers: {'Idempotency-Key': key}, body: JSON.stringify(input)});

contractSuite('the reference server, over real HTTP with its own tokens', (userId) => backendAs(userId));

describe('reference server', () => {
  describe('sign-in', () => {
    const roles: [string, Session['role'], string][] = [
      [DEMO_USERS.distributorAdmin, 'distributor-admin', DEMO_TENANTS.distributor],
      [DEMO_USERS.resellerAdmin, 'reseller-admin', DEMO_TENANTS.reseller],
      [DEMO_USERS.customerAdmin, 'customer-admin', DEMO_TENANTS.customer],
    ];
    for (const [userId, role, home] of roles) {
      it(`a token of its own signs ${userId} in as ${role}`, async () => {
        const session = await (await backendAs(userId)).session();
        expect(session.user.id).to.equal(userId);
        expect(session.role).to.equal(role);
        expect(session.homeTenantId).to.equal(home);
      });
    }

    it('refuses a made-up token and the demo scheme (401, with WWW-Authenticate readable across origins)', async () => {
      const {tokens} = await server();
      const tampered = tokens[DEMO_USERS.resellerAdmin].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      for (const authorization of [`Bearer ${tampered}`, `Bearer demo.${DEMO_USERS.distributorAdmin}`, 'Bearer ', 'Basic dXNlcjpwYXNz']) {
        const answer = await call('session', {headers: {Authorization: authorization}});
        expectProblem(answer, 401, 'unauthenticated');
        expect(answer.headers.get('WWW-Authenticate')).to.contain('Bearer');
      }
      expectProblem(await call('session'), 401, 'unauthenticated');
    });

    it('exchanges a token for an HttpOnly session cookie that signs in requests made with credentials, until sign-out', async () => {
      const {url, tokens} = await server();
      const signIn = await fetch(new URL('auth/sign-in', url), {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: tokens[DEMO_USERS.resellerAdmin], cookie: true})});
      expect(signIn.status).to.equal(200);
      expect(await signIn.json()).to.deep.equal({userId: DEMO_USERS.resellerAdmin, role: 'reseller admin'});
      // HttpOnly: the page never sees it.
      expect(document.cookie).not.to.contain('tenantry_session');
      // The data client in cookie mode: no token provider, credentials included.
      const {api} = await server();
      const byCookie = new HttpBackend({kind: 'http', baseUrl: api, credentials: 'include', maxAttempts: 1});
      expect((await byCookie.session()).user.id).to.equal(DEMO_USERS.resellerAdmin);
      expect((await byCookie.listTenants({tenantId: DEMO_TENANTS.reseller})).length).to.be.greaterThan(1);
      // Without credentials the cookie is not sent: nobody is signed in.
      expect((await rejectsWith(new HttpBackend({kind: 'http', baseUrl: api, credentials: 'omit', maxAttempts: 1}).session())).code).to.equal('unauthenticated');

      const signOut = await fetch(new URL('auth/sign-out', url), {method: 'POST', credentials: 'include'});
      expect(signOut.status).to.equal(204);
      expect((await rejectsWith(byCookie.session())).code).to.equal('unauthenticated');
    });

    it('refuses to exchange a token that is not one of its own', async () => {
      const {url} = await server();
      const answer = await fetch(new URL('auth/sign-in', url), {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: `demo.${DEMO_USERS.distributorAdmin}`, cookie: true})});
      expect(answer.status).to.equal(401);
    });
  });

  describe('scope', () => {
    it('refuses a scope outside the caller\'s own (403) and a record outside the scope (404)', async () => {
      expectProblem(await call('organizations?limit=1', {as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.otherReseller}), 403, 'forbidden');
      expectProblem(await call('tenants', {as: DEMO_USERS.customerAdmin, scope: DEMO_TENANTS.reseller}), 403, 'forbidden');
      expectProblem(await call(`organizations/${DEMO_TENANTS.otherReseller}`, {as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller}), 404, 'not-found');
      // The distributor sees both.
      expect((await call(`organizations/${DEMO_TENANTS.otherReseller}`, {as: DEMO_USERS.distributorAdmin, scope: DEMO_TENANTS.distributor})).status).to.equal(200);
    });
  });

  describe('writes', () => {
    it('replays a create with the same Idempotency-Key, refuses the key with another body (422), and answers retries sent while it runs with the same organization', async () => {
      const input = await customerInput('Replayed');
      const key = `server-${crypto.randomUUID()}`;
      const first = await create(input, key);
      expect(first.status).to.equal(201);
      const id = (first.body as Organization).id;
      expect(first.headers.get('ETag')).to.equal('"1"');
      expect(first.headers.get('Location')).to.contain(`/v1/organizations/${id}`);
      const again = await create(input, key);
      expect(again.status).to.equal(201);
      expect((again.body as Organization).id).to.equal(id);
      expectProblem(await create({...input, name: `${input.name} (changed)`}, key), 422, 'invalid-request');

      // Several at once with a new key: the later ones wait for the first and answer with its organization.
      const other = await customerInput('Concurrent');
      const otherKey = `server-${crypto.randomUUID()}`;
      const answers = await Promise.all([1, 2, 3].map(() => create(other, otherKey)));
      expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201]);
      const ids = new Set(answers.map((a) => (a.body as Organization).id));
      expect(ids.size).to.equal(1);
      const listed = await call('organizations?limit=10000', {as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller});
      expect(listed.status).to.equal(200);
      expect((listed.body as {items: Organization[]}).items.filter((o) => o.name === other.name).map((o) => o.id)).to.deep.equal([...ids]);
    });

    it('needs If-Match on a change (428) and refuses a stale one (412)', async () => {
      const made = await create(await customerInput('Versioned'), `server-${crypto.randomUUID()}`);
      const id = (made.body as Organization).id;
      const patch = (ifMatch: string | null, description: string) =>
        call(`organizations/${id}`, {method: 'PATCH', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers: ifMatch ? {'If-Match': ifMatch} : {}, body: JSON.stringify({description})});
      expectProblem(await patch(null, 'No precondition'), 428, 'precondition-required');
      const changed = await patch('"1"', 'First change');
      expect(changed.status).to.equal(200);
      expect(changed.headers.get('ETag')).to.equal('"2"');
      const stale = await patch('"1"', 'Lost update');
      expectProblem(stale, 412, 'version-conflict');
      expect((stale.body as {currentVersion?: number}).currentVersion).to.equal(2);
    });
  });

  describe('hostile input', () => {
    it('answers a body that is not JSON 400, one too large 413, an unknown path 404, and a form post 415', async () => {
      const headers = {'Idempotency-Key': `server-${crypto.randomUUID()}`};
      expectProblem(await call('organizations', {method: 'POST', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers, body: '{"name": '}), 400, 'invalid-request');
      expectProblem(await call('organizations', {method: 'POST', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers, body: JSON.stringify({name: 'x'.repeat(2 * 1024 * 1024)})}), 413, 'invalid-request');
      expectProblem(await call('no-such-thing', {as: DEMO_USERS.resellerAdmin}), 404, 'not-found');
      expectProblem(await call('../nothing-here', {as: DEMO_USERS.resellerAdmin}), 404, 'not-found');
      const form = await call('organizations', {method: 'POST', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers: {...headers, 'Content-Type': 'text/plain'}, body: new Blob(['{}'], {type: 'text/plain'})});
      expectProblem(form, 415, 'invalid-request');
    });
  });

  describe('fault drills', () => {
    const drill = async (body: object | null): Promise<{remaining: number; served: number}> => {
      const answer = await call('/drill', {method: body ? 'POST' : 'GET', as: DEMO_USERS.distributorAdmin, ...(body && {body: JSON.stringify(body)})});
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      return answer.body as {remaining: number; served: number};
    };
    afterEach(async () => {
      await call('/drill', {method: 'DELETE', as: DEMO_USERS.distributorAdmin});
    });

    it('answers 503 with Retry-After, which the HTTP client reads across origins', async () => {
      await drill({status: 503, retryAfter: 1, count: 1});
      const failed = await rejectsWith((await backendAs(DEMO_USERS.resellerAdmin, {maxAttempts: 1})).session());
      expect(failed.code).to.equal('unavailable');
      expect(failed.details.retryAfterMs).to.equal(1000);
      expect(await drill(null)).to.include({remaining: 0, served: 1});
    });

    it('a client allowed to try again waits as asked (429) and then succeeds', async () => {
      await drill({status: 429, retryAfter: 1, count: 2});
      const session = await (await backendAs(DEMO_USERS.resellerAdmin, {maxAttempts: 3})).session();
      expect(session.user.id).to.equal(DEMO_USERS.resellerAdmin);
      expect(await drill(null)).to.include({remaining: 0, served: 2});
    });

    it('refuses a drill it cannot run (422) and one asked by nobody signed in (401)', async () => {
      expectProblem(await call('/drill', {method: 'POST', as: DEMO_USERS.distributorAdmin, body: JSON.stringify({status: 500, retryAfter: 1, count: 1})}), 422, 'invalid-request');
      expectProblem(await call('/drill', {method: 'POST', body: JSON.stringify({status: 503, retryAfter: 1, count: 1})}), 401, 'unauthenticated');
    });
  });

  describe('CORS', () => {
    it('lets a configured origin send the contract\'s headers (Idempotency-Key, If-Match, Tenantry-Scope) and read ETag', async () => {
      // Each of these needs a preflight the server allowed; a refused one fails the fetch itself.
      const made = await create(await customerInput('Preflighted'), `server-${crypto.randomUUID()}`);
      expect(made.status).to.equal(201);
      const moved = await call(`organizations/${(made.body as Organization).id}/transitions`, {method: 'POST', as: DEMO_USERS.resellerAdmin, scope: DEMO_TENANTS.reseller, headers: {'If-Match': made.headers.get('ETag')!}, body: JSON.stringify({action: 'suspend'})});
      expect(moved.status).to.equal(200);
      expect(moved.headers.get('ETag')).to.equal('"2"');
    });

    it('gives an origin it was not configured for nothing: its preflights and simple requests fail in the browser', async () => {
      const refusing = await control('/refusing');
      const token = refusing.tokens[DEMO_USERS.resellerAdmin];
      const failure = async (request: Promise<Response>): Promise<unknown> => request.then(() => null, (e: unknown) => e);
      // With Authorization and Tenantry-Scope: a preflight, refused.
      expect(await failure(fetch(new URL('tenants', refusing.api), {headers: {Authorization: `Bearer ${token}`, 'Tenantry-Scope': DEMO_TENANTS.reseller}}))).to.be.instanceOf(TypeError);
      // A simple request: sent, but without Access-Control-Allow-Origin the page may not read it.
      expect(await failure(fetch(new URL('fx-rates', refusing.api)))).to.be.instanceOf(TypeError);
      // The same token from an allowed page would work: it is the origin that is refused.
      expect(await failure(fetch(new URL('auth/sign-in', refusing.url), {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token})}))).to.be.instanceOf(TypeError);
    });
  });

  describe('persistence', () => {
    it('keeps a created customer, its changes, a lifecycle move, a contact and the create\'s replay across a kill and restart', async () => {
      const reseller = await backendAs(DEMO_USERS.resellerAdmin);
      const scope = {tenantId: DEMO_TENANTS.reseller};
      const input = await customerInput('Durable');
      const key = `server-${crypto.randomUUID()}`;
      const created = await reseller.createOrganization(scope, input, {idempotencyKey: key});
      const id = created.value.id;
      const edited = await reseller.updateOrganization(scope, id, {description: 'Kept across a restart.'}, {ifMatch: created.etag});
      const withContact = await reseller.addContact(scope, id, {role: 'technical', firstName: 'Grace', lastName: 'Hopper', email: 'grace@durable.example', phone: '', fax: ''}, {ifMatch: edited.etag});
      const suspended = await reseller.transitionOrganization(scope, id, 'suspend', {ifMatch: withContact.etag});
      const before = await server();

      const after = await restart();
      expect(after.tokens).to.deep.equal(before.tokens);
      const again = await backendAs(DEMO_USERS.resellerAdmin);
      const {value, etag} = await again.getOrganization(scope, id);
      expect(etag).to.equal(suspended.etag);
      expect(value.name).to.equal(input.name);
      expect(value.description).to.equal('Kept across a restart.');
      expect(value.status).to.equal('suspended');
      expect(value.contacts.map((c) => c.email)).to.include('grace@durable.example');
      // The listing and the audit log have it too.
      const page = await again.listOrganizations(scope, {limit: 10_000});
      expect(page.items.some((o) => o.id === id)).to.equal(true);
      const audit = await again.listAuditLog(scope, {organizationId: id});
      expect(audit.items.map((e) => e.action).sort()).to.deep.equal(['contact-add', 'create', 'suspend', 'update']);
      // The create's key still answers with the organization it made, and refuses another body.
      const replay = await again.createOrganization(scope, input, {idempotencyKey: key});
      expect(replay.value.id).to.equal(id);
      expect((await rejectsWith(again.createOrganization(scope, {...input, name: `${input.name} 2`}, {idempotencyKey: key}))).code).to.equal('invalid-request');
    });

    it('starts after a crash in the middle of a write, with every write it answered before', async () => {
      const reseller = await backendAs(DEMO_USERS.resellerAdmin);
      const scope = {tenantId: DEMO_TENANTS.reseller};
      const created = await reseller.createOrganization(scope, await customerInput('Before the crash'), {idempotencyKey: `server-${crypto.randomUUID()}`});
      const changed = await reseller.updateOrganization(scope, created.value.id, {description: 'Answered, so on disk.'}, {ifMatch: created.etag});

      await restart(true);
      const again = await backendAs(DEMO_USERS.resellerAdmin);
      const {value, etag} = await again.getOrganization(scope, created.value.id);
      expect(etag).to.equal(changed.etag);
      expect(value.description).to.equal('Answered, so on disk.');
      // And it goes on taking writes, which are there after one more restart.
      const later = await again.updateOrganization(scope, value.id, {description: 'After the crash.'}, {ifMatch: etag});
      await restart();
      expect((await (await backendAs(DEMO_USERS.resellerAdmin)).getOrganization(scope, value.id)).etag).to.equal(later.etag);
    });
  });
});
