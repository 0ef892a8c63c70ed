/**
 * A REST backend for tests of page-side code and widgets: the REST contract served by a fresh
 * embedded backend per signed-in user, for msw to answer with (the network edge), and an HTTP data
 * client that talks to it. Tests above the worker use this instead of importing a backend.
 */
import {DataClient} from '../page/data-client.js';
import {DEMO_USERS} from '../shared/demo-tenant.js';
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
