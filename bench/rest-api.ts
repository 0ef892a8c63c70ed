/**
 * The REST contract for the page-load suite's HTTP lines, served by the bench's own server:
 * `scripts/bench.mjs` bundles this module for Node and answers `/bench-api/<n>/v1/…` with it, so
 * the HTTP backend in the data worker makes real requests over loopback to a real server. Behind
 * it: the reference REST adapter (`createRestHandler`) over an embedded store of `n` organizations,
 * in memory (no IndexedDB in Node), shared by every request as one server's database would be.
 *
 * Only web APIs (Request, Response): no Node types here.
 */
import {DEMO_USERS} from '../src/shared/demo-tenant.js';
import {createEmbeddedBackend} from '../src/worker/backends/embedded/embedded-backend.js';
import {createRestHandler} from '../src/worker/backends/http/rest-server.js';

/** Path prefix of the bench's API; the organization count follows, then the contract's `/v1/`. */
export const BENCH_API_PREFIX = '/bench-api/';

export function benchRestHandler(organizations: number): (request: Request) => Promise<Response> {
  return createRestHandler({
    basePath: `${BENCH_API_PREFIX}${organizations}/v1/`,
    backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations, namespace: 'bench-api', userId}),
  });
}

/** The handler, once its store is generated (a second or two at 100,000): no page load waits for that. */
export async function startBenchApi(organizations: number): Promise<(request: Request) => Promise<Response>> {
  const handle = benchRestHandler(organizations);
  const url = `http://bench.invalid${BENCH_API_PREFIX}${organizations}/v1/session`;
  const response = await handle(new Request(url, {headers: {Authorization: `Bearer demo.${DEMO_USERS.distributorAdmin}`}}));
  if (!response.ok) throw new Error(`the bench API answered ${response.status} to GET /session: ${await response.text()}`);
  return handle;
}
