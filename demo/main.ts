/**
 * The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. It does only what a
 * real host does: create the data client, give it to every widget on the page, and route row
 * actions. The grid brings its own toolbar (filters, columns, saved views) and follows the tenant
 * switcher through the page's acting scope.
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient} from '../src/page/data-client.js';
import {ScopeStore} from '../src/page/scope-store.js';
import {decodeViewState} from '../src/shared/grid-view.js';
import {currentDemo} from './demo-config.js';
import './demo-session.js';
import '../widgets/tenant-switcher/tenant-switcher.js';
import '../widgets/organizations-grid/organizations-grid.js';

const {config, user} = currentDemo();
// The host says who is signed in: the client, its worker and its cache belong to that user alone.
const client = DataClient.shared({config, user});
// The page's acting scope lives in the URL as `?tenant=`, and in the title while away from home.
ScopeStore.forClient(client, {urlParam: 'tenant', syncTitle: true});
provideDataClient(document.body, client);

const grid = document.querySelector('organizations-grid')!;
// A link with `?view=…` opens that view (validated: the URL is untrusted input).
grid.viewState = decodeViewState(new URLSearchParams(location.search).get('view')).state;

// The host routes row actions; the demo only says what it would do.
const log = document.querySelector<HTMLOutputElement>('#action-log')!;
grid.addEventListener('tenantry-row-action', (e) => {
  const d = e.detail;
  log.textContent = `Row action: ${d.action} · ${d.organizationName}${d.taskId ? ` · task ${d.taskId}` : ''}`;
});
