/**
 * The REST adapter's own rules, called with plain Requests (no network): authentication, the
 * required headers, request-body checks, status codes and response headers.
 */
import {expect} from '@open-wc/testing';
import {ErrorBodySchema} from '../../../shared/model/schemas.js';
import {createEmbeddedBackend} from '../embedded/embedded-backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../../shared/demo-tenant.js';
import {createRestHandler} from './rest-server.js';
import {API} from '../../../testing/msw.js';

const namespace = `rest-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const handle = createRestHandler({
  basePath: '/v1/',
  backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: 50, namespace, userId}),
});

const auth = {Authorization: `Bearer demo.${DEMO_USERS.resellerAdmin}`};
const scoped = {...auth, 'Tenantry-Scope': DEMO_TENANTS.reseller};

async function call(path: string, init: RequestInit = {}): Promise<{status: number; headers: Headers; body: unknown}> {
  const response = await handle(new Request(API + path, init));
  const text = await response.text();
  return {status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined};
}

async function expectProblem(path: string, init: RequestInit, status: number, code: string): Promise<{code: string; message: string; issues?: unknown}> {
  const res = await call(path, init);
  expect(res.status, `${init.method ?? 'GET'} ${path}`).to.equal(status);
  expect(ErrorBodySchema.is(res.body), JSON.stringify(res.body)).to.equal(true);
  const body = res.body as {code: string; message: string; issues?: unknown};
  expect(body.code).to.equal(code);
  return body;
}

describe('REST adapter', () => {
  it('answers 401 without a token or with a garbled one', async () => {
    const res = await call('session');
    expect(res.status).to.equal(401);
    expect(res.headers.get('WWW-Authenticate')).to.contain('Bearer');
    await expectProblem('session', {headers: {Authorization: 'Bearer nonsense'}}, 401, 'unauthenticated');
    await expectProblem('session', {headers: {Authorization: 'Bearer demo.u-nobody'}}, 401, 'unauthenticated');
  });

  it('needs no scope for the session and fx-rates, but 400 without one on scoped routes', async () => {
    expect((await call('session', {headers: auth})).status).to.equal(200);
    expect((await call('fx-rates', {headers: auth})).status).to.equal(200);
    for (const path of ['tenants', 'organizations', 'users', `organizations/${DEMO_TENANTS.customer}`]) {
      const body = await expectProblem(path, {headers: auth}, 400, 'invalid-request');
      expect(body.message).to.contain('Tenantry-Scope');
    }
  });

  it('refuses a scope outside the caller with 403, never data', async () => {
    await expectProblem('organizations', {headers: {...auth, 'Tenantry-Scope': DEMO_TENANTS.otherReseller}}, 403, 'forbidden');
  });

  it('checks query parameters', async () => {
    await expectProblem('organizations?limit=0', {headers: scoped}, 400, 'invalid-request');
    await expectProblem('organizations?limit=abc', {headers: scoped}, 400, 'invalid-request');
    await expectProblem('organizations?updatedSince=yesterday', {headers: scoped}, 400, 'invalid-request');
    await expectProblem('organizations?cursor=%25%25', {headers: scoped}, 422, 'invalid-request');
    const many = Array.from({length: 101}, (_, i) => `u-${i}`).join(',');
    await expectProblem(`users?ids=${many}`, {headers: scoped}, 400, 'invalid-request');
    await expectProblem(`users?ids=${encodeURIComponent('u-1,<b>x</b>')}`, {headers: scoped}, 400, 'invalid-request');
    await expectProblem('users?ids=u-1,,u-2', {headers: scoped}, 400, 'invalid-request');
    // Present but empty names no one.
    expect((await call('users?ids=', {headers: scoped})).body).to.deep.equal({items: []});
    const admin = await call(`users?ids=${DEMO_USERS.resellerAdmin},u-nobody`, {headers: scoped});
    expect((admin.body as {items: {id: string}[]}).items.map((u) => u.id)).to.deep.equal([DEMO_USERS.resellerAdmin]);
  });

  it('sends ETag and no-store with a record', async () => {
    const res = await call(`organizations/${DEMO_TENANTS.customer}`, {headers: scoped});
    expect(res.status).to.equal(200);
    expect(res.headers.get('ETag')).to.match(/^"\d+"$/);
    expect(res.headers.get('Cache-Control')).to.equal('no-store');
  });

  it('needs an Idempotency-Key to create and checks the body (422 with issues)', async () => {
    await expectProblem('organizations', {method: 'POST', headers: scoped, body: '{}'}, 400, 'invalid-request');
    const headers = {...scoped, 'Idempotency-Key': 'k-1', 'Content-Type': 'application/json'};
    await expectProblem('organizations', {method: 'POST', headers, body: '{"name": '}, 400, 'invalid-request');
    const body = await expectProblem('organizations', {method: 'POST', headers, body: JSON.stringify({name: ''})}, 422, 'invalid-request');
    expect(body.issues).to.be.an('array').that.is.not.empty;
    expect(body.message).to.contain('name');
    await expectProblem('organizations', {method: 'POST', headers: {...headers, 'Content-Type': 'text/plain'}, body: '{}'}, 415, 'invalid-request');
  });

  it('needs If-Match to change or delete (428), and refuses patches of fixed or invalid fields (422)', async () => {
    const path = `organizations/${DEMO_TENANTS.customer}`;
    await expectProblem(path, {method: 'PATCH', headers: scoped, body: '{"description": "x"}'}, 428, 'precondition-required');
    await expectProblem(path, {method: 'DELETE', headers: scoped}, 428, 'precondition-required');
    const etag = (await call(path, {headers: scoped})).headers.get('ETag')!;
    const withEtag = {...scoped, 'If-Match': etag, 'Content-Type': 'application/json'};
    const fixed = await expectProblem(path, {method: 'PATCH', headers: withEtag, body: '{"parentId": "res-02"}'}, 422, 'invalid-request');
    expect(fixed.issues).to.deep.equal([{path: 'parentId', message: 'cannot be changed'}]);
    const invalid = await expectProblem(path, {method: 'PATCH', headers: withEtag, body: '{"status": "gone"}'}, 422, 'invalid-request');
    expect(invalid.message).to.contain('status');
    await expectProblem(path, {method: 'PATCH', headers: {...withEtag, 'If-Match': '"0"'}, body: '{"description": "x"}'}, 412, 'version-conflict');
  });

  it('needs If-Match on a lifecycle move (428), a known action (422), and answers a stale one 412 with the current version', async () => {
    const path = `organizations/${DEMO_TENANTS.customer}/transitions`;
    const json = {...scoped, 'Content-Type': 'application/json'};
    await expectProblem(path, {method: 'POST', headers: json, body: '{"action": "suspend"}'}, 428, 'precondition-required');
    const current = await call(`organizations/${DEMO_TENANTS.customer}`, {headers: scoped});
    const etag = current.headers.get('ETag')!;
    const bad = await expectProblem(path, {method: 'POST', headers: {...json, 'If-Match': etag}, body: '{"action": "explode"}'}, 422, 'invalid-request');
    expect((bad.issues as {path: string}[]).map((i) => i.path)).to.deep.equal(['action']);
    expect(bad.message).to.contain('action');
    await expectProblem(path, {method: 'POST', headers: {...json, 'If-Match': etag}, body: '{}'}, 422, 'invalid-request');
    const stale = await expectProblem(path, {method: 'POST', headers: {...json, 'If-Match': '"0"'}, body: '{"action": "suspend"}'}, 412, 'version-conflict');
    expect((stale as {currentVersion?: number}).currentVersion).to.equal((current.body as {version: number}).version);
    await expectProblem(path, {method: 'GET', headers: scoped}, 405, 'invalid-request');
  });

  it('needs If-Match (428) and a body of the right shape (422) on every write to an organization’s details, and checks list parameters (400)', async () => {
    const org = `organizations/${DEMO_TENANTS.customer}`;
    const json = {...scoped, 'Content-Type': 'application/json'};
    const contact = JSON.stringify({role: 'technical', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phone: '', fax: ''});
    const writes: [string, string, string | undefined][] = [
      [`${org}/contacts`, 'POST', contact],
      [`${org}/contacts/${DEMO_TENANTS.customer}-ct-2`, 'PUT', contact],
      [`${org}/contacts/${DEMO_TENANTS.customer}-ct-2`, 'DELETE', undefined],
      [`${org}/people`, 'POST', '{"role": "reader", "add": ["u-1"]}'],
      [`${org}/onboarding-tasks/t-1/start`, 'POST', undefined],
    ];
    for (const [path, method, body] of writes) await expectProblem(path, {method, headers: json, body}, 428, 'precondition-required');
    const etag = (await call(org, {headers: scoped})).headers.get('ETag')!;
    const shape = await expectProblem(`${org}/contacts`, {method: 'POST', headers: {...json, 'If-Match': etag}, body: '{"role": "boss"}'}, 422, 'invalid-request');
    expect((shape.issues as {path: string}[]).map((i) => i.path)).to.include('role').and.include('email');
    await expectProblem(`${org}/people`, {method: 'POST', headers: {...json, 'If-Match': etag}, body: '{"role": "owner"}'}, 422, 'invalid-request');
    await expectProblem(`${org}/contacts`, {method: 'GET', headers: scoped}, 405, 'invalid-request');
    for (const [path, name] of [['contracts?limit=0', 'limit'], ['contracts?status=lapsed', 'status'], ['contracts?cursor=garbage', 'cursor'], [`${org}/commerce/receipts`, 'kind'], [`${org}/commerce/orders?limit=501`, 'limit']]) {
      expect((await expectProblem(path, {headers: scoped}, 400, 'invalid-request')).message, path).to.contain(name);
    }
    expect((await call(`${org}/console-link`, {headers: scoped})).body).to.deep.equal({link: {url: `https://console.example.net/tenants/${DEMO_TENANTS.customer}`, expiresAt: null}});
  });

  it('checks lifecycle-impact and audit-log parameters: 400 naming the parameter', async () => {
    const impact = `organizations/${DEMO_TENANTS.customer}/lifecycle-impact`;
    expect((await expectProblem(impact, {headers: scoped}, 400, 'invalid-request')).message).to.contain('action');
    expect((await expectProblem(`${impact}?action=explode`, {headers: scoped}, 400, 'invalid-request')).message).to.contain('action');
    for (const [query, name] of [['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=x', 'limit'], ['action=rename', 'action'], ['cursor=garbage', 'cursor'], ['organizationId=a%20b', 'organizationId']]) {
      const body = await expectProblem(`audit-log?${query}`, {headers: scoped}, 400, 'invalid-request');
      expect(body.message, query).to.contain(name);
    }
    expect((await call('audit-log?limit=2', {headers: scoped})).status).to.equal(200);
  });

  it('checks the customer wizard’s query parameters: 400 naming the parameter, before the backend', async () => {
    for (const path of ['duplicates?name=x', 'microsoft/accounts?domain=contoso.example', 'microsoft/domain-availability?prefix=x', 'azure/linkable-tenants', 'reference-lists']) {
      const body = await expectProblem(path, {headers: auth}, 400, 'invalid-request');
      expect(body.message, path).to.contain('Tenantry-Scope');
    }
    const cases: [string, string][] = [
      ['duplicates', '(root)'],
      ['duplicates?name=%20%20', '(root)'],
      ['duplicates?domain=not%20a%20domain', 'domain'],
      ['duplicates?tenantId=123', 'tenantId'],
      ['microsoft/accounts', 'domain'],
      ['microsoft/accounts?domain=localhost', 'domain'],
      [`microsoft/domain-availability?prefix=${'x'.repeat(101)}`, 'prefix'],
      ['reference-lists?parentId=%3Cb%3E', 'parentId'],
    ];
    for (const [path, field] of cases) {
      const body = await expectProblem(path, {headers: scoped}, 400, 'invalid-request');
      expect(body.issues, path).to.deep.equal([{path: field, message: (body.issues as {message: string}[])[0].message}]);
    }
    await expectProblem('duplicates?name=a&name=b', {headers: scoped}, 400, 'invalid-request');
    await expectProblem('microsoft/domain-availability', {headers: scoped}, 400, 'invalid-request');
    // An empty prefix is a question with an answer.
    expect((await call('microsoft/domain-availability?prefix=', {headers: scoped})).body).to.include({available: false});
    const unknown = await call('microsoft/accounts?domain=nobody-zz.example', {headers: scoped});
    expect([unknown.status, unknown.body]).to.deep.equal([200, {account: null}]);
    expect(unknown.headers.get('Cache-Control')).to.equal('no-store');
    await expectProblem('reference-lists?parentId=res-02', {headers: scoped}, 404, 'not-found');
    await expectProblem('azure/linkable-tenants', {headers: {...auth, 'Tenantry-Scope': DEMO_TENANTS.otherReseller}}, 403, 'forbidden');
    await expectProblem('microsoft/other', {headers: scoped}, 404, 'not-found');
    await expectProblem('azure/linkable-tenants/x', {headers: scoped}, 404, 'not-found');
    const post = await call('duplicates?name=x', {method: 'POST', headers: scoped});
    expect([post.status, post.headers.get('Allow')]).to.deep.equal([405, 'GET']);
  });

  it('answers 404 for unknown routes and 405 (with Allow) for wrong methods', async () => {
    await expectProblem('nothing-here', {headers: auth}, 404, 'not-found');
    await expectProblem('organizations/a/b', {headers: scoped}, 404, 'not-found');
    const res = await call('session', {method: 'DELETE', headers: auth});
    expect(res.status).to.equal(405);
    expect(res.headers.get('Allow')).to.equal('GET');
    const outside = await handle(new Request('https://api.tenantry.test/other/session', {headers: auth}));
    expect(outside.status).to.equal(404);
  });
});
