/**
 * Test help for `<organizations-grid>`: body rows render only the columns in view (plus a margin),
 * so a test that works with a column far to the side scrolls it into view first, as a user would.
 */
import {waitUntil} from '@open-wc/testing';
import {http} from 'msw';
import {createEmbeddedBackend} from '../../src/backends/embedded/embedded-backend.js';
import {DEMO_USERS} from '../../src/backends/embedded/seed.js';
import {createRestHandler} from '../../src/backends/http/rest-server.js';
import {API, startMsw} from '../../src/backends/http/test-support.js';
import {DataClient} from '../../src/client/data-client.js';
import type {ColumnKey} from '../../src/columns/organization-columns.js';
import type {OrganizationsGrid} from './organizations-grid.component.js';

/** Scrolls the grid sideways until column `key` is in view and its body cells are rendered. */
export async function showColumn(el: OrganizationsGrid, key: ColumnKey): Promise<void> {
  const root = el.shadowRoot!;
  const viewport = root.querySelector<HTMLElement>('.viewport')!;
  const header = root.querySelector<HTMLElement>(`[role="columnheader"][data-key="${key}"]`);
  if (!header) throw new Error(`column ${key} is not shown`);
  viewport.scrollLeft = Math.max(0, header.offsetLeft + header.offsetWidth - viewport.clientWidth + 40);
  await waitUntil(() => root.querySelector(`.body [role="row"][data-org-id] [part~="cell-${key}"]`), `the ${key} cells did not render`, {timeout: 15_000});
  await el.updateComplete;
}

/**
 * msw serving the REST contract through `handle`, except that the organizations list waits until
 * `release()`: the grid's loading state stays on screen for as long as a test needs it.
 */
export async function startGatedApi(handle: (request: Request) => Promise<Response>): Promise<{release(): void; stop(): Promise<void>}> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const msw = await startMsw(
    http.get(`${API}organizations`, async ({request}) => {
      await gate;
      return handle(request);
    }),
    http.all(`${API}*`, ({request}) => handle(request)),
  );
  return {
    release: () => release(),
    stop: async () => {
      release();
      await msw.stop();
    },
  };
}

/** Signs test clients in as the demo distributor's admin. */
export const demoTokenProvider = async (): Promise<string> => `demo.${DEMO_USERS.distributorAdmin}`;

/** The REST contract served from a fresh embedded backend (40 organizations), for msw to answer with. */
export const demoRestHandler = (): ((request: Request) => Promise<Response>) =>
  createRestHandler({basePath: '/v1/', backendFor: (userId) => createEmbeddedBackend({kind: 'local', organizations: 40, namespace: `grid-http-${crypto.randomUUID()}`, userId})});

/** A data client on the msw API with its own cache, one attempt per call; the caller disposes it. */
export const httpTestClient = (timeoutMs: number): DataClient =>
  new DataClient({config: {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs}, cacheName: `tenantry-grid-test-${crypto.randomUUID()}`, tokenProvider: demoTokenProvider});
