/**
 * The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. It does only what a
 * real host does: create the data client, give it to every widget on the page, and route: the
 * grid at `#/`, the customer wizard at `#/customers/new` (with `?draft=` once a draft exists) and
 * `#/organization/<id>/edit` (the grid's Edit action). The grid brings its own toolbar (filters,
 * columns, saved views) and follows the tenant switcher through the page's acting scope.
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient} from '../src/page/data-client.js';
import {ScopeStore} from '../src/page/scope-store.js';
import {decodeViewState} from '../src/shared/grid-view.js';
import {currentDemo} from './demo-config.js';
import './demo-session.js';

const {config, user} = currentDemo();
// The host says who is signed in: the client, its worker and its cache belong to that user alone.
const client = DataClient.shared({config, user});
// The page's acting scope lives in the URL as `?tenant=`, and in the title while away from home.
ScopeStore.forClient(client, {urlParam: 'tenant', syncTitle: true});
provideDataClient(document.body, client);

// The widgets load after the client is made: its worker starts while their code arrives.
await Promise.all([import('../widgets/tenant-switcher/tenant-switcher.js'), import('../widgets/organizations-grid/organizations-grid.js')]);

const grid = document.querySelector('organizations-grid')!;
// A link with `?view=…` opens that view (validated: the URL is untrusted input).
grid.viewState = decodeViewState(new URLSearchParams(location.search).get('view')).state;

// The host routes row actions; the demo only says what it would do.
const log = document.querySelector<HTMLOutputElement>('#action-log')!;
grid.addEventListener('tenantry-row-action', (e) => {
  const d = e.detail;
  log.textContent = `Row action: ${d.action} · ${d.organizationName}${d.taskId ? ` · task ${d.taskId}` : ''}`;
});
// Lifecycle moves and deletes the grid carried out itself (after its confirmation).
grid.addEventListener('tenantry-lifecycle-change', (e) => {
  const d = e.detail;
  log.textContent = `Lifecycle: ${d.action} · ${d.organizationName} · ${d.status ?? 'deleted'} (in tenant ${d.scopeTenantId})`;
});

// --- routes: the wizard loads only when a route needs it, so the grid's first rows never wait for it.
const wizardView = document.querySelector<HTMLElement>('#wizard-view')!;
const gridView = document.querySelector<HTMLElement>('#grid-view')!;
const addCustomer = document.querySelector<HTMLAnchorElement>('#add-customer')!;

interface Route {
  kind: 'grid' | 'new' | 'edit';
  id?: string;
  draftId?: string;
}

function route(): Route {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const draftId = new URLSearchParams(query).get('draft') ?? undefined;
  if (path === '/customers/new') return {kind: 'new', draftId};
  const edit = /^\/organization\/([^/]+)\/edit$/.exec(path);
  if (edit) return {kind: 'edit', id: decodeURIComponent(edit[1]), draftId};
  return {kind: 'grid'};
}

async function show(): Promise<void> {
  const r = route();
  const onWizard = r.kind !== 'grid';
  wizardView.hidden = !onWizard;
  gridView.hidden = onWizard;
  addCustomer.hidden = onWizard;
  if (!onWizard) return;
  await import('../widgets/customer-wizard/customer-wizard.js');
  let wizard = wizardView.querySelector('customer-wizard');
  if (!wizard) {
    wizard = document.createElement('customer-wizard');
    wizard.addEventListener('tenantry-customer-saved', (e) => {
      log.textContent = `${e.detail.mode === 'create' ? 'Created' : 'Saved'}: ${e.detail.name}`;
      location.hash = '#/';
    });
    wizard.addEventListener('tenantry-draft-change', (e) => {
      // The draft goes into the URL, so a reload comes back to it.
      const [path] = location.hash.split('?');
      history.replaceState(null, '', `${location.pathname}${location.search}${path}${e.detail.draftId ? `?draft=${encodeURIComponent(e.detail.draftId)}` : ''}`);
    });
    wizard.addEventListener('tenantry-wizard-close', () => (location.hash = '#/'));
    wizardView.append(wizard);
  }
  wizard.organizationId = r.kind === 'edit' ? (r.id ?? null) : null;
  wizard.draftId = r.draftId ?? null;
}

window.addEventListener('hashchange', () => void show());
void show();
