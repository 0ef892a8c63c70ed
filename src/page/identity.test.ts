/**
 * One user's data is never readable by the next user of the same browser: a worker, its datasets
 * and every cache partition belong to one user of one backend. Real Workers, real IndexedDB, real
 * `fetch` from inside the worker; msw stands at the network edge (the REST contract served by the
 * embedded backend, or a network that is down, or a server that answers 401/403).
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {HttpBackendConfig, Scope} from '../shared/contract/backend.js';
import type {ResultState} from '../shared/protocol.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {rejectsWith} from '../testing/expect-error.js';
import {API, startMsw} from '../testing/msw.js';
import {nextEvent} from '../testing/next-event.js';
import {embeddedRestHandler} from '../testing/rest-api.js';
import {DataClient} from './data-client.js';

const DIST = {tenantId: DEMO_TENANTS.distributor};
const RES = {tenantId: DEMO_TENANTS.reseller};
const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 3000};
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** A network that is up (the REST contract), down (connection errors) or refusing with `refuse`. */
async function network() {
  const handle = embeddedRestHandler(120, 'identity');
  const net = {state: 'up' as 'up' | 'down', refuse: null as null | ((request: Request) => Response | null), hold: null as null | Promise<void>};
  const msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      // A backend that is slow to answer: requests wait until the test lets them through.
      if (net.hold) await net.hold;
      if (net.state === 'down') return HttpResponse.error();
      return net.refuse?.(request) ?? handle(request);
    }),
  );
  return Object.assign(net, {stop: () => msw.stop()});
}

/** A client for one signed-in user on a shared device (one cache database for everyone). */
function clientFor(cacheName: string, tokenUser: string, {timeoutMs, ...options}: {user?: string; offlineMaxAgeMs?: number; timeoutMs?: number} = {}): DataClient {
  const client = new DataClient({config: {...config, timeoutMs: timeoutMs ?? config.timeoutMs}, cacheName, tokenProvider: async () => `demo.${tokenUser}`, ...options});
  clients.push(client);
  return client;
}

/** A user who opened `scope` on this device earlier and left without signing out: their rows and session stay saved. */
async function visitedEarlier(cacheName: string, user: string, scope: Scope = DIST): Promise<ResultState> {
  const client = clientFor(cacheName, user, {user});
  const seen = await client.openView(scope, {});
  await client.idle();
  client.dispose();
  return seen;
}

const problem = (status: number, code: string, message: string): Response =>
  HttpResponse.json({code, message}, {status, headers: {'Content-Type': 'application/problem+json'}});

describe('identity: a worker and its cache belong to one user', () => {
  it('user 2, offline, after user 1 left without signing out, sees nothing of user 1', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const seen = await visitedEarlier(cacheName, DEMO_USERS.distributorAdmin);
      expect(seen.total).to.be.greaterThan(100);

      net.state = 'down';
      // The host vouches for user 2: there is no saved session of theirs, so nothing is shown.
      const second = clientFor(cacheName, DEMO_USERS.resellerAdmin, {user: DEMO_USERS.resellerAdmin});
      expect((await rejectsWith(second.connected)).code).to.equal('network');
      expect((await rejectsWith(second.openView(DIST, {}))).code).to.equal('network');
      // A host that says nothing of the user gets nothing offline either (the old per-backend fallback is gone).
      const anonymous = clientFor(cacheName, DEMO_USERS.resellerAdmin);
      await rejectsWith(anonymous.connected);
      await rejectsWith(anonymous.openView(DIST, {}));
      await rejectsWith(anonymous.getPref(DIST, 'grid.saved-views'));

      // User 1, vouched for again, still has their own saved data.
      const back = clientFor(cacheName, DEMO_USERS.distributorAdmin, {user: DEMO_USERS.distributorAdmin});
      const restored = await back.connected;
      expect(restored.session.user.id).to.equal(DEMO_USERS.distributorAdmin);
      expect(restored.restored, 'connected from the session saved on this device').to.equal(true);
      expect((await back.openView(DIST, {})).total).to.equal(seen.total);
    } finally {
      await net.stop();
    }
  });

  it('after user 1 signs out, nothing of theirs is left: not offline, not for user 1 themselves', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      const first = clientFor(cacheName, user, {user});
      await first.openView(DIST, {});
      await first.setPref(DIST, 'grid.saved-views', {format: 1, views: []});
      await first.idle();
      await first.signOut();

      net.state = 'down';
      const again = clientFor(cacheName, user, {user});
      expect((await rejectsWith(again.connected)).code).to.equal('network');
      await rejectsWith(again.openView(DIST, {}));
    } finally {
      await net.stop();
    }
  });

  it('signing out a client that never connected (backend out of reach) resolves, closes it, and leaves other users\' data alone', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      // User 1 visited earlier: rows and session saved.
      await visitedEarlier(cacheName, user);
      net.state = 'down';
      const stranded = clientFor(cacheName, user, {user: DEMO_USERS.resellerAdmin});
      expect((await rejectsWith(stranded.connected)).code).to.equal('network');
      await stranded.signOut();
      expect((await rejectsWith(stranded.openView(DIST, {}))).code).to.equal('config');
      // User 1 is untouched by the reseller admin's sign-out: their saved rows still paint offline.
      const back = clientFor(cacheName, user, {user});
      expect((await back.connected).restored).to.equal(true);
      expect((await back.openView(DIST, {})).total).to.be.greaterThan(0);
      await back.signOut();
      // And once user 1 signs out, even while the backend is out of reach, nothing of theirs is left.
      const again = clientFor(cacheName, user, {user});
      expect((await rejectsWith(again.connected)).code).to.equal('network');
    } finally {
      await net.stop();
    }
  });

  it('refuses a session of another user than the host signed in', async () => {
    const net = await network();
    try {
      const client = clientFor(`tenantry-identity-${crypto.randomUUID()}`, DEMO_USERS.resellerAdmin, {user: DEMO_USERS.distributorAdmin});
      const error = await rejectsWith(client.connected);
      expect(error.code).to.equal('unauthenticated');
      expect(error.message).to.contain('another user');
      await rejectsWith(client.openView(DIST, {}));
    } finally {
      await net.stop();
    }
  });

  it('paints the vouched-for user’s saved rows before the backend answers, and ends it all if the backend signs in someone else', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      const seen = await visitedEarlier(cacheName, user);

      // The backend now has another user signed in (a shared kiosk); the host still says it is user 1.
      const client = clientFor(cacheName, DEMO_USERS.resellerAdmin, {user});
      const ended = nextEvent(client, 'signed-out');
      // Connected from the saved session at once: the saved first rows can paint before the backend has answered.
      expect((await client.connected).session.user.id).to.equal(user);
      const warm = await client.openView(DIST, {}).catch(() => null);
      if (warm) expect(warm.total).to.equal(seen.total);
      const signedOut = await ended;
      expect(signedOut).to.deep.include({type: 'signed-out'});
      expect((signedOut as {message: string}).message).to.contain('another user');
      expect((await rejectsWith(client.openView(DIST, {}))).code).to.equal('unauthenticated');
    } finally {
      await net.stop();
    }
  });

  it('on a warm start, every saved row (with costs in US dollars, from the rates saved with the session) answers before the backend does', async () => {
    const net = await network();
    let release = (): void => undefined;
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      const seen = await visitedEarlier(cacheName, user);
      net.hold = new Promise<void>((resolve) => (release = resolve));
      // The backend never answers during the test (no timeout gives up on it): nothing below may wait for it.
      const client = clientFor(cacheName, user, {user, timeoutMs: 600_000});
      expect((await client.connected).restored).to.equal(true);
      const view = await client.openView(DIST, {sort: [{key: 'name', dir: 'desc'}]});
      expect(view.total).to.equal(seen.total);
      // Past the saved first rows, in an order they were not saved in: the whole dataset is loaded.
      const rows = (await client.window(view.viewId, view.total - 20, 20)).rows;
      expect(rows).to.have.length(20);
      expect(rows.some((r) => typeof r.costUsd === 'number')).to.equal(true);
      expect((await client.fxRates())?.base).to.equal('USD');
    } finally {
      release();
      await net.stop();
    }
  });

  it('gives each user of one page their own shared client, and a signed-out one is never handed back', async () => {
    const base = {config, cacheName: `tenantry-identity-${crypto.randomUUID()}`};
    const one = DataClient.shared({...base, user: 'u-1'});
    const two = DataClient.shared({...base, user: 'u-2'});
    clients.push(one, two);
    expect(one).not.to.equal(two);
    expect(DataClient.shared({...base, user: 'u-1'})).to.equal(one);
    one.dispose();
    const fresh = DataClient.shared({...base, user: 'u-1'});
    clients.push(fresh);
    expect(fresh).not.to.equal(one);
  });

  it('a 401 while revalidating signs the user out: the rows go, and it is not shown as offline', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      await visitedEarlier(cacheName, user);

      // The session is valid when the page opens, then expires before the delta sync.
      net.refuse = (request) => (new URL(request.url).pathname.endsWith('/organizations') ? problem(401, 'unauthenticated', 'The session expired.') : null);
      const client = clientFor(cacheName, user, {user});
      const signedOut = nextEvent(client, 'signed-out');
      const failed = nextEvent(client, 'sync-failed');
      const warm = await client.openView(DIST, {});
      expect(warm.freshness).to.equal('cached');
      // The English for logs, and the reason a page words in its language.
      expect(await signedOut).to.deep.equal({type: 'signed-out', message: 'You are signed out. Sign in again to see your organizations.', reason: {id: 'session.signed-out', params: {}}});
      // Not "offline": the sync failed because the user is signed out.
      expect(await failed).to.include({code: 'unauthenticated'});
      // Nothing more can be read or exported through this client.
      const error = await rejectsWith(client.window(warm.viewId, 0, 10));
      expect(error.code).to.equal('unauthenticated');
      await rejectsWith(client.exportView(warm.viewId, {format: 'csv', columns: ['name'], rows: 'view', currency: 'original', scopeName: 'x'}));
      // The page's shared client for this user is replaced, not handed back signed out.
      const shared = DataClient.shared({config, cacheName, user});
      clients.push(shared);
      expect(shared).not.to.equal(client);
    } finally {
      await net.stop();
    }
  });

  it('a 403 on a scope drops its saved rows from the device and says so plainly', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      const saved = await visitedEarlier(cacheName, user, RES);
      expect(saved.total).to.be.greaterThan(0);

      // The reseller was moved away from this distributor: the backend now refuses that scope.
      net.refuse = (request) => (request.headers.get('Tenantry-Scope') === RES.tenantId && new URL(request.url).pathname.endsWith('/organizations') ? problem(403, 'forbidden', 'Forbidden.') : null);
      const client = clientFor(cacheName, user, {user});
      const failed = nextEvent(client, 'sync-failed');
      const warm = await client.openView(RES, {});
      expect(warm.freshness).to.equal('cached');
      expect(await failed).to.include({code: 'forbidden'});
      await client.idle();
      const error = await rejectsWith(client.openView(RES, {}));
      expect(error.code).to.equal('forbidden');
      expect(error.message).to.equal('You have no access to this tenant (or it no longer exists). Nothing of it is kept on this device.');
      client.dispose();

      // Offline, even the same user finds nothing of that scope on the device any more; other scopes stay.
      net.state = 'down';
      const offline = clientFor(cacheName, user, {user});
      expect((await offline.connected).session.user.id).to.equal(user);
      expect((await rejectsWith(offline.openView(RES, {}))).code).to.equal('network');
    } finally {
      await net.stop();
    }
  });

  it('does not show saved data past its maximum age while the backend cannot be reached, and names its date', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-identity-${crypto.randomUUID()}`;
      const user = DEMO_USERS.distributorAdmin;
      await visitedEarlier(cacheName, user);
      await new Promise((r) => setTimeout(r, 20));

      net.state = 'down';
      const client = clientFor(cacheName, user, {user, offlineMaxAgeMs: 10});
      expect((await client.connected).session.user.id).to.equal(user);
      const error = await rejectsWith(client.openView(DIST, {}));
      expect(error.code).to.equal('network');
      expect(error.message).to.contain(`from ${new Date().toISOString().slice(0, 10)}`).and.to.contain('too old to show');

      // Online again, the same old data is confirmed by the backend and shown.
      net.state = 'up';
      const online = clientFor(cacheName, user, {user, offlineMaxAgeMs: 10});
      expect((await online.openView(DIST, {})).freshness).to.equal('fresh');
    } finally {
      await net.stop();
    }
  });
});
