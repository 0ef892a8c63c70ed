/**
 * The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. It plays the host's
 * part: it hands the grid its client, puts the filter, column and saved-view controls in the grid's
 * toolbar slot, keeps them in step with the grid's view state, and routes row actions.
 */
import {DataClient} from '../src/client/data-client.js';
import {currentDemo} from './demo-config.js';
import './demo-session.js';
import '../widgets/organizations-grid/organizations-grid.js';
import '../widgets/organizations-grid/grid-filters.js';
import '../widgets/organizations-grid/column-chooser.js';
import {localViewStore} from '../widgets/organizations-grid/saved-views.js';
import {decodeViewState, type GridViewState} from '../widgets/organizations-grid/view-state.js';

const {config, as} = currentDemo();
const client = DataClient.shared({config});
const grid = document.querySelector('organizations-grid')!;
const filters = document.querySelector('tenantry-grid-filters')!;
const columns = document.querySelector('tenantry-column-chooser')!;
const saved = document.querySelector('tenantry-saved-views')!;
grid.client = client;
filters.client = client;
saved.store = localViewStore(`demo:${as}`);

/** One view state for the grid and every control that shows a part of it. */
function show(state: GridViewState): void {
  grid.viewState = state;
  filters.filters = state.filters;
  columns.columns = state.columns;
  saved.state = state;
}

// A link with `?view=…` opens that view (validated: the URL is untrusted input).
show(decodeViewState(new URLSearchParams(location.search).get('view')).state);
void client.session.then((s) => (filters.scopeTenantId = s.homeTenantId));

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
