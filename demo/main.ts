/**
 * The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. It plays the host's
 * part: it hands the tenant switcher and the grid the same client (so the grid follows every
 * switch through the page's scope store), puts the filter, column and saved-view controls in the
 * grid's toolbar slot, keeps them in step with the grid's view state, and routes row actions.
 */
import {DataClient} from '../src/page/data-client.js';
import {ScopeStore} from '../src/page/scope-store.js';
import {currentDemo} from './demo-config.js';
import './demo-session.js';
import '../widgets/tenant-switcher/tenant-switcher.js';
import '../widgets/organizations-grid/organizations-grid.js';
import '../widgets/grid-filters/grid-filters.js';
import '../widgets/column-chooser/column-chooser.js';
import '../widgets/saved-views/saved-views.js';
import {decodeViewState, type GridViewState} from '../src/shared/grid-view.js';

const {config} = currentDemo();
const client = DataClient.shared({config});
// The page's acting scope (in the URL as `?tenant=`, and in the title while away from home).
const scope = ScopeStore.forClient(client, {urlParam: 'tenant', syncTitle: true});
const switcher = document.querySelector('tenant-switcher')!;
const grid = document.querySelector('organizations-grid')!;
const filters = document.querySelector('tenantry-grid-filters')!;
const columns = document.querySelector('tenantry-column-chooser')!;
const saved = document.querySelector('tenantry-saved-views')!;
switcher.client = client;
switcher.store = scope;
grid.client = client;
filters.client = client;
// Saved views live in the worker's cache, per user and acting tenant (never in localStorage).
saved.client = client;

/** One view state for the grid and every control that shows a part of it. */
function show(state: GridViewState): void {
  grid.viewState = state;
  filters.filters = state.filters;
  columns.columns = state.columns;
  saved.state = state;
}

// A link with `?view=…` opens that view (validated: the URL is untrusted input).
show(decodeViewState(new URLSearchParams(location.search).get('view')).state);
// The filters (users of the acting tenant) and saved views follow the page's scope like the grid.
const followScope = (): void => {
  const id = scope.state.current?.tenantId;
  if (!id) return;
  filters.scopeTenantId = id;
  saved.scopeTenantId = id;
};
scope.addEventListener('change', followScope);
followScope();

grid.addEventListener('tenantry-view-state-change', (e) => show(e.detail.viewState));
filters.addEventListener('tenantry-filters-change', (e) => show({...grid.viewState, filters: e.detail.filters}));
columns.addEventListener('tenantry-columns-change', (e) => show({...grid.viewState, columns: e.detail.columns}));
saved.addEventListener('tenantry-view-restore', (e) => show(e.detail.state));

// The host routes row actions; the demo only says what it would do.
const log = document.querySelector<HTMLOutputElement>('#action-log')!;
grid.addEventListener('tenantry-row-action', (e) => {
  const d = e.detail;
  log.textContent = `Row action: ${d.action} · ${d.organizationName}${d.taskId ? ` · task ${d.taskId}` : ''}`;
});
