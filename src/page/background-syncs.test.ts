/**
 * Background syncs are coalesced and backed off: scope changes and tenant-search keystrokes never
 * start a sync each. Real Worker, real IndexedDB, real `fetch` from the worker; msw stands at the
 * network edge (the REST contract served by the embedded backend, or a network that is down) and
 * counts what reaches it.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {HttpBackendConfig, Scope} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {rejectsWith} from '../testing/expect-error.js';
import {API, startMsw} from '../testing/msw.js';
import {embeddedRestHandler} from '../testing/rest-api.js';
import {DataClient} from './data-client.js';

const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000};
const USER = DEMO_USERS.distributorAdmin;
const SCOPES: Scope[] = [DEMO_TENANTS.distributor, DEMO_TENANTS.reseller, DEMO_TENANTS.otherReseller, DEMO_TENANTS.customer].map((tenantId) => ({tenantId}));
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

/** The REST contract behind a network that can go down; counts delta syncs (`updatedSince`) as they reach it, and how many overlap. */
async function network() {
  const handle = embeddedRestHandler(150, 'syncs');
  const net = {down: false, deltas: 0, inFlight: 0, maxInFlight: 0};
  const msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      const delta = new URL(request.url).searchParams.has('updatedSince');
      if (delta) net.deltas++;
      if (net.down) return HttpResponse.error();
      if (!delta) return handle(request);
      net.inFlight++;
      net.maxInFlight = Math.max(net.maxInFlight, net.inFlight);
      try {
        // Slow enough that syncs asked for together would overlap at the server.
        await new Promise((r) => setTimeout(r, 60));
        return await handle(request);
      } finally {
        net.inFlight--;
      }
    }),
  );
  return Object.assign(net, {stop: () => msw.stop()});
}

function clientFor(cacheName: string): DataClient {
  const client = new DataClient({config, cacheName, user: USER, tokenProvider: async () => `demo.${USER}`});
  clients.push(client);
  return client;
}

describe('background syncs: coalesced across scopes, backed off after a failure', () => {
  it('a warm start that opens four scopes in quick succession syncs them one at a time, each once', async () => {
    const net = await network();
    try {
      const cacheName = `tenantry-syncs-${crypto.randomUUID()}`;
      const first = clientFor(cacheName);
      for (const scope of SCOPES) await first.openView(scope, {});
      await first.idle();
      first.dispose();

      net.deltas = 0;
      const client = clientFor(cacheName);
      // A user clicking through four tenants: each opens from the cache and wants revalidating.
      for (const scope of SCOPES) await client.openView(scope, {});
      await client.idle();
      expect(net.deltas, 'one delta sync per scope').to.equal(SCOPES.length);
      expect(net.maxInFlight, 'never two at once').to.equal(1);
    } finally {
      await net.stop();
    }
  });

  it('with the backend out of reach, tenant-search keystrokes and scope changes do not each try a sync; one goes once the backoff has passed', async () => {
    const net = await network();
    try {
      const client = clientFor(`tenantry-syncs-${crypto.randomUUID()}`);
      const home = SCOPES[0];
      for (const scope of SCOPES.slice(0, 2)) await client.openView(scope, {});
      await client.idle();
      net.down = true;
      // The user's own refresh fails: both datasets are now offline, and every use of them asks for a sync.
      await rejectsWith(client.refresh(home));
      await rejectsWith(client.refresh(SCOPES[1]));
      net.deltas = 0;
      for (const term of ['r', 're', 'res', 'rese', 'resel', 'reselle', 'reseller']) {
        await client.searchTenants(home, {text: term, limit: 20});
        await client.openView(SCOPES[term.length % 2], {});
      }
      await waitUntil(() => net.deltas >= 1, 'no sync was tried', {timeout: 5000});
      // The first failure starts a backoff of a second: fourteen uses of two offline scopes in it cost one request.
      await new Promise((r) => setTimeout(r, 300));
      expect(net.deltas).to.equal(1);
      net.down = false;
      // Once the backoff has passed, the queued syncs run (the latest scope first) and succeed.
      await waitUntil(() => net.deltas >= 3, 'the queued syncs did not run after the backoff', {timeout: 5000});
      await client.idle();
      expect(net.deltas).to.equal(3);
      const after = await client.openView(home, {});
      expect(after.freshness).to.equal('fresh');
    } finally {
      await net.stop();
    }
  });
});
