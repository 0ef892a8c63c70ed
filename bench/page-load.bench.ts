/**
 * Page-load suite, ours: the page a host serves — it creates the data client for the signed-in
 * user, provides it to the page and has an `<organizations-grid>` in its HTML (as demo/main.ts
 * does). As the README advises, the client is created in the first module the page imports
 * (`page-load-client.ts`), the widget's module after it: the browser fetches both at once, and the
 * worker starts and the saved first rows are read while the widget's code is evaluated. The only
 * bench code before the first rows are painted watches for them (bench/page-load.ts).
 *
 * Query parameters: `n` (organizations, default 100,000), `backend=embedded|http` (the embedded
 * backend in the worker, or the REST API the bench's server serves).
 */
import {client, scriptStart} from './page-load-client.js';
import '../widgets/organizations-grid/organizations-grid.js';
import {type DataEventMessage} from '../src/page/data-client.js';
import {reportFirstRows} from './page-load.js';
import {tenantryProbe} from './tenantry-probe.js';

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
// When the widget's module had been evaluated; after the first rows, the runner waits for the
// cache (rows and saved first rows) to be written.
marks.grid = performance.now();
reportFirstRows(tenantryProbe(document.querySelector('organizations-grid')!), scriptStart, () => client.idle(), marks);
