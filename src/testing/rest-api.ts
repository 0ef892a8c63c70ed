/**
 * A REST backend for tests of page-side code and widgets: the REST contract served by a fresh
 * embedded backend per signed-in user, for msw to answer with (the network edge), and an HTTP data
 * client that talks to it. Tests above the worker use this instead of importing a backend.
 */
import {DataClient} from '../page/data-client.js';
import type {Scope} from '../shared/contract/backend.js';
import {DEMO_USERS} from '../shared/demo-tenant.js';
import type {Id, TenantNode} from '../shared/model/types.js';
import {createEmbeddedBackend} from '../worker/backends/embedded/embedded-backend.js';
import {createRestHandler} from '../worker/backends/http/rest-server.js';
import {API} from './msw.js';

/**
 * Answers REST requests under `/v1/` as one server would: a fresh embedded store of
 * `organizations` customers, shared by every user and request of this handler (a write one user
 * makes is there for the next request), with a backend per signed-in user over it.
 */
export function embeddedRestHandler(organizations: number, namespace = 'rest'): (request: Request) => Promise<Response> {
  const store = `${namespace}-${crypto.randomUUID()}`;
  const backends = new Map<string, ReturnType<typeof createEmbeddedBackend>>();
  return createRestHandler({
    basePath: '/v1/',
    backendFor: (userId) => {
      let backend = backends.get(userId);
      if (!backend) backends.set(userId, (backend = createEmbeddedBackend({kind: 'local', organizations, namespace: store, userId})));
      return backend;
    },
  });
}

/** Signs test clients in as the demo distributor's admin. */
export const demoTokenProvider = async (): Promise<string> => `demo.${DEMO_USERS.distributorAdmin}`;

/** The REST contract served from a fresh embedded backend (40 organizations), for msw to answer with. */
export const demoRestHandler = (): ((request: Request) => Promise<Response>) => embeddedRestHandler(40, 'grid-http');

/** A data client on the msw API with its own cache, one attempt per call; the caller disposes it. */
export const httpTestClient = (timeoutMs: number): DataClient =>
  new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs}, cacheName: `tenantry-grid-test-${crypto.randomUUID()}`, tokenProvider: demoTokenProvider});

/**
 * The tenants `userId` sees in `scope`, asked of `handle` directly as the server holds them (no
 * client, no cache, no msw): for a test to choose records before any client has loaded them.
 */
export async function serverTenants(handle: (request: Request) => Promise<Response>, scope: Scope, userId: string = DEMO_USERS.distributorAdmin): Promise<TenantNode[]> {
  const response = await handle(new Request(`${API}tenants`, {headers: {Authorization: `Bearer demo.${userId}`, 'Tenantry-Scope': scope.tenantId}}));
  if (!response.ok) throw new Error(`GET tenants answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as {items: TenantNode[]}).items;
}

/**
 * `handle`, answering with other names for some organizations: every JSON answer that carries one of
 * them (organization pages, one organization, the answer to a write, the tenant list) has the name
 * `names` gives for its id. Data as a server may send it although no write can make it any more
 * (records older than the field rules, another system's, a compromised server): what a widget must
 * still render safely. Requests and every other field pass unchanged; `names` is read per answer.
 */
export function withServerNames(handle: (request: Request) => Promise<Response>, names: ReadonlyMap<Id, string>): (request: Request) => Promise<Response> {
  const rename = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    const name = typeof record.id === 'string' ? names.get(record.id) : undefined;
    return name === undefined || typeof record.name !== 'string' ? record : {...record, name};
  };
  return async (request) => {
    const response = await handle(request);
    if (!response.ok || !response.headers.get('Content-Type')?.includes('application/json')) return response;
    const body = (await response.json()) as unknown;
    const renamed =
      typeof body === 'object' && body !== null && Array.isArray((body as {items?: unknown}).items)
        ? {...body, items: (body as {items: unknown[]}).items.map(rename)}
        : rename(body);
    return new Response(JSON.stringify(renamed), {status: response.status, statusText: response.statusText, headers: response.headers});
  };
}
