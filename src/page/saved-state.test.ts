/**
 * A warm page load paints the first rows saved last time before the data worker has started: the
 * page reads the vouched-for user's saved session and a scope's saved first rows straight from
 * the cache's IndexedDB (`DataClient.session`, `DataClient.savedView`). Real Workers and real
 * IndexedDB; the "worker" of the later visit is one that never answers, so whatever shows came
 * from the page's own read.
 */
import {expect} from '@open-wc/testing';
import type {Scope} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {ResultState} from '../shared/protocol.js';
import {DataClient} from './data-client.js';
import {openSavedStateEarly} from './saved-state-reader.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES: Scope = {tenantId: DEMO_TENANTS.reseller};
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** The embedded backend of one test (its own store), signed in as `user`. */
const configFor = (namespace: string, user: string) => ({kind: 'local' as const, organizations: 120, namespace, userId: user});

/** A worker that never answers: the client's calls wait for ever, its page-side reads do not. */
const silentWorker = (): Worker => new Worker(URL.createObjectURL(new Blob([''], {type: 'text/javascript'})));

function client(cacheName: string, namespace: string, user: string, options: {silent?: boolean; offlineMaxAgeMs?: number; loggedInAs?: string} = {}): DataClient {
  const c = new DataClient({config: configFor(namespace, options.loggedInAs ?? user), cacheName, user, offlineMaxAgeMs: options.offlineMaxAgeMs, ...(options.silent ? {createWorker: silentWorker} : {})});
  clients.push(c);
  return c;
}

/** `user` opened `scope` earlier on this device and left: their session and first rows are saved. */
async function visitedEarlier(cacheName: string, namespace: string, user: string, scope: Scope = DIST): Promise<ResultState> {
  const c = client(cacheName, namespace, user);
  const seen = await c.openView(scope, {});
  await c.idle();
  c.dispose();
  return seen;
}

const names = (state: ResultState | null): string[] => (state?.firstRows ?? []).map((r) => r.org.name);

describe('saved first rows, read by the page while the worker starts', () => {
  it('gives the vouched-for user’s session and saved rows with no worker answering', async () => {
    const cacheName = `tenantry-saved-${crypto.randomUUID()}`;
    const namespace = `saved-${crypto.randomUUID()}`;
    const user = DEMO_USERS.distributorAdmin;
    const seen = await visitedEarlier(cacheName, namespace, user);

    const later = client(cacheName, namespace, user, {silent: true});
    expect((await later.session).user.id).to.equal(user);
    const saved = await later.savedView(DIST, {});
    expect(saved, 'saved rows').to.not.equal(null);
    expect(saved!.viewId, 'no view yet').to.equal('');
    expect(saved!.freshness).to.equal('cached');
    expect(saved!.total).to.equal(seen.total);
    expect(names(saved)).to.deep.equal(names(seen));
    // Another question than the one saved, or a scope never opened: nothing to show early.
    expect(await later.savedView(DIST, {sort: [{key: 'name', dir: 'desc'}]})).to.equal(null);
    expect(await later.savedView(RES, {})).to.equal(null);
    // Without waiting, once the read is in (for a widget's render): the same rows, for the home scope only.
    await later.savedRead;
    expect(names(later.savedViewNow(DIST, {}))).to.deep.equal(names(seen));
    expect(later.savedViewNow(DIST, {sort: [{key: 'name', dir: 'desc'}]})).to.equal(null);
    expect(later.savedViewNow(RES, {})).to.equal(null);
  });

  it('shows nothing of another user, nothing too old, and nothing once that user signed out', async () => {
    const cacheName = `tenantry-saved-${crypto.randomUUID()}`;
    const namespace = `saved-${crypto.randomUUID()}`;
    const user1 = DEMO_USERS.distributorAdmin;
    await visitedEarlier(cacheName, namespace, user1);

    // The next user of the browser, whose worker has not answered yet.
    expect(await client(cacheName, namespace, DEMO_USERS.resellerAdmin, {silent: true}).savedView(DIST, {})).to.equal(null);
    // Saved longer ago than the host allows to show before the backend confirms it.
    expect(await client(cacheName, namespace, user1, {silent: true, offlineMaxAgeMs: 1}).savedView(DIST, {})).to.equal(null);

    await client(cacheName, namespace, user1).signOut();
    expect(await client(cacheName, namespace, user1, {silent: true}).savedView(DIST, {})).to.equal(null);
  });

  it('never creates the cache database, and leaves the answering to the worker once it has connected', async () => {
    const fresh = `tenantry-saved-${crypto.randomUUID()}`;
    expect(await client(fresh, `saved-${crypto.randomUUID()}`, DEMO_USERS.distributorAdmin, {silent: true}).savedView(DIST, {})).to.equal(null);
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(fresh);

    const cacheName = `tenantry-saved-${crypto.randomUUID()}`;
    const namespace = `saved-${crypto.randomUUID()}`;
    await visitedEarlier(cacheName, namespace, DEMO_USERS.distributorAdmin);
    const connected = client(cacheName, namespace, DEMO_USERS.distributorAdmin);
    await connected.connected;
    expect(await connected.savedView(DIST, {})).to.equal(null);
    expect(connected.savedViewNow(DIST, {})).to.equal(null);
  });

  it('gives a widget preference saved on the last visit, of that user only, until the worker answers', async () => {
    const cacheName = `tenantry-saved-${crypto.randomUUID()}`;
    const namespace = `saved-${crypto.randomUUID()}`;
    const user = DEMO_USERS.distributorAdmin;
    const recent = [{id: DEMO_TENANTS.reseller, name: 'Recent reseller'}];
    const earlier = client(cacheName, namespace, user);
    await earlier.openView(DIST, {});
    await earlier.setPref(DIST, 'tenancy.recent', recent);
    await earlier.idle();
    earlier.dispose();

    expect(await client(cacheName, namespace, user, {silent: true}).savedPref(DIST, 'tenancy.recent')).to.deep.equal(recent);
    expect(await client(cacheName, namespace, user, {silent: true}).savedPref(DIST, 'tenancy.pinned'), 'never saved').to.equal(undefined);
    expect(await client(cacheName, namespace, DEMO_USERS.resellerAdmin, {silent: true}).savedPref(DIST, 'tenancy.recent'), 'another user').to.equal(undefined);
    const connected = client(cacheName, namespace, user);
    await connected.connected;
    expect(await connected.savedPref(DIST, 'tenancy.recent'), 'the worker answers now').to.equal(undefined);
    expect(await connected.getPref(DIST, 'tenancy.recent')).to.deep.equal(recent);
  });

  it('takes over a database opened early, which never creates it nor holds up its deletion', async () => {
    const cacheName = `tenantry-saved-${crypto.randomUUID()}`;
    const namespace = `saved-${crypto.randomUUID()}`;
    const user = DEMO_USERS.distributorAdmin;
    const seen = await visitedEarlier(cacheName, namespace, user);

    const opens: string[] = [];
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (name: string, version?: number) => (opens.push(name), open(name, version));
    try {
      openSavedStateEarly(cacheName);
      openSavedStateEarly(cacheName);
      const later = client(cacheName, namespace, user, {silent: true});
      expect((await later.session).user.id).to.equal(user);
      expect(names(await later.savedView(DIST, {}))).to.deep.equal(names(seen));
      expect(opens.filter((n) => n === cacheName), 'one connection, opened early').to.have.length(1);
    } finally {
      indexedDB.open = open;
    }

    const fresh = `tenantry-saved-${crypto.randomUUID()}`;
    openSavedStateEarly(fresh);
    expect(await client(fresh, namespace, user, {silent: true}).savedView(DIST, {})).to.equal(null);
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(fresh);

    // Opened early and never taken over: a deletion (or the worker's upgrade) goes through at once.
    const unclaimed = `tenantry-saved-${crypto.randomUUID()}`;
    await visitedEarlier(unclaimed, namespace, user);
    openSavedStateEarly(unclaimed);
    await new Promise((r) => setTimeout(r, 50));
    const blocked = await new Promise<boolean>((resolve) => {
      const req = indexedDB.deleteDatabase(unclaimed);
      req.addEventListener('blocked', () => resolve(true));
      req.addEventListener('success', () => resolve(false));
      req.addEventListener('error', () => resolve(true));
    });
    expect(blocked, 'deletion blocked by the early connection').to.equal(false);

    // Upgraded by another version (a newer build's worker) before a client took it over: read afresh.
    const upgraded = `tenantry-saved-${crypto.randomUUID()}`;
    const seenBefore = await visitedEarlier(upgraded, namespace, user);
    openSavedStateEarly(upgraded);
    await new Promise((r) => setTimeout(r, 50));
    const version = (await indexedDB.databases()).find((d) => d.name === upgraded)!.version!;
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(upgraded, version + 1);
      req.addEventListener('success', () => (req.result.close(), resolve()));
      req.addEventListener('error', () => reject(req.error));
      req.addEventListener('blocked', () => reject(new Error('upgrade blocked by the early connection')));
    });
    expect(names(await client(upgraded, namespace, user, {silent: true}).savedView(DIST, {}))).to.deep.equal(names(seenBefore));
  });
});
