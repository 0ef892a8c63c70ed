/**
 * Page-load suite, ours: the page a host serves — it creates the data client for the signed-in
 * user, provides it to the page and has an `<organizations-grid>` in its HTML (as demo/main.ts
 * does). As the README advises, the client (and so its worker) is created before the widget's
 * module is loaded, so the worker starts while the page's JS is still arriving. The only bench
 * code before the first rows are painted watches for them (bench/page-load.ts).
 *
 * Query parameters: `n` (organizations, default 100,000), `backend=embedded|http` (the embedded
 * backend in the worker, or the REST API the bench's server serves).
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient, type DataEventMessage} from '../src/page/data-client.js';
import type {BackendConfig} from '../src/shared/contract/backend.js';
import {DEMO_USERS} from '../src/shared/demo-tenant.js';
import {pageLoadParams, reportFirstRows} from './page-load.js';
import {tenantryProbe} from './tenantry-probe.js';

const scriptStart = performance.now();
const {n, backend, apiBase} = pageLoadParams();
const user = DEMO_USERS.distributorAdmin;
const config: BackendConfig = backend === 'http' ? {kind: 'http', baseUrl: apiBase} : {kind: 'local', organizations: n, userId: user};
// The host says who is signed in (README, "Identity and sign-out"); the demo scheme's token for HTTP.
const client = DataClient.shared(backend === 'http' ? {config, user, tokenProvider: async () => `demo.${user}`} : {config, user});
provideDataClient(document.body, client);

// For the log only (callbacks, nothing waits on them): when the worker said it was connected, and
// when it first said a dataset was in (on a warm start, after the saved first rows were shown).
const marks: Record<string, number> = {};
client.connected.then(
  () => (marks.connected = performance.now()),
  () => undefined,
);
client.events.addEventListener('data-event', (e) => {
  if ((e as DataEventMessage).data.type === 'dataset-updated') marks.dataset ??= performance.now();
});
// The widgets after the client: the worker is already starting while their code loads.
await import('../widgets/organizations-grid/organizations-grid.js');
// After the first rows, the runner waits for the cache (rows and saved first rows) to be written.
reportFirstRows(tenantryProbe(document.querySelector('organizations-grid')!), scriptStart, () => client.idle(), marks);
