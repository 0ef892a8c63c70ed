/**
 * The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. It does only what a
 * real host does: create the data client, give it to every widget on the page, and route: the
 * grid at `#/`, the customer wizard at `#/customers/new` (with `?draft=` once a draft exists) and
 * `#/organization/<id>/edit` (the grid's Edit action), and the accounts view at `#/accounts`. The grid brings its own toolbar (filters,
 * columns, saved views) and follows the tenant switcher through the page's acting scope.
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient} from '../src/page/data-client.js';
import {ScopeStore} from '../src/page/scope-store.js';
import {decodeViewState} from '../src/shared/grid-view.js';
import {DETAILS_SECTIONS, sectionOf} from '../widgets/customer-details/details-sections.js';
import {currentDemo} from './demo-config.js';
import {serverApi, serverDemo} from './demo-server.js';
import './demo-session.js';

// `?api=…`: the reference server (`npm run serve`) instead of the embedded backend.
const api = serverApi();
const {config, user} = api ? await serverDemo(api) : currentDemo();
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

// The host routes row actions: pages it has go to their route; the rest it only reports.
const log = document.querySelector<HTMLOutputElement>('#action-log')!;
const ROW_ACTION_ROUTES: Partial<Record<string, string>> = {summary: '', 'view-contracts': '/contracts'};
grid.addEventListener('tenantry-row-action', (e) => {
  const d = e.detail;
  const to = ROW_ACTION_ROUTES[d.action];
  if (to !== undefined) location.hash = `#/organization/${encodeURIComponent(d.organizationId)}${to}`;
  else log.textContent = `Row action: ${d.action} · ${d.organizationName}${d.taskId ? ` · task ${d.taskId}` : ''}`;
});
// Lifecycle moves and deletes the grid or the details carried out themselves (after their confirmation).
document.addEventListener('tenantry-lifecycle-change', (e) => {
  const d = e.detail;
  log.textContent = `Lifecycle: ${d.action} · ${d.organizationName} · ${d.status ?? 'deleted'} (in tenant ${d.scopeTenantId})`;
});

// --- routes: the wizard and the details load only when a route needs them, so the grid's first
// rows never wait for them.
const wizardView = document.querySelector<HTMLElement>('#wizard-view')!;
const detailsView = document.querySelector<HTMLElement>('#details-view')!;
const gridView = document.querySelector<HTMLElement>('#grid-view')!;
const addCustomer = document.querySelector<HTMLAnchorElement>('#add-customer')!;
const accountsView = document.querySelector<HTMLElement>('#accounts-view')!;
const accountsLink = document.querySelector<HTMLAnchorElement>('#accounts-link')!;

interface Route {
  kind: 'grid' | 'new' | 'edit' | 'details' | 'accounts';
  id?: string;
  draftId?: string;
  section?: string;
}

/** `/organization/:id` and `/organization/:id/<section>`: the details (the sections' list is a few bytes, loaded with the page). */
const DETAILS_ROUTE = new RegExp(`^/organization/([^/]+)(?:/(${DETAILS_SECTIONS.join('|')}))?$`);

function route(): Route {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const draftId = new URLSearchParams(query).get('draft') ?? undefined;
  if (path === '/customers/new') return {kind: 'new', draftId};
  if (path === '/accounts') return {kind: 'accounts'};
  const edit = /^\/organization\/([^/]+)\/edit$/.exec(path);
  if (edit) return {kind: 'edit', id: decodeURIComponent(edit[1]), draftId};
  const details = DETAILS_ROUTE.exec(path);
  if (details) return {kind: 'details', id: decodeURIComponent(details[1]), section: details[2]};
  if (/^\/organization\//.test(path)) log.textContent = `The demo portal has no page at ${path}.`;
  return {kind: 'grid'};
}

async function show(): Promise<void> {
  const r = route();
  wizardView.hidden = r.kind !== 'new' && r.kind !== 'edit';
  detailsView.hidden = r.kind !== 'details';
  gridView.hidden = r.kind !== 'grid';
  addCustomer.hidden = r.kind !== 'grid';
  accountsView.hidden = r.kind !== 'accounts';
  accountsLink.hidden = r.kind !== 'grid';
  if (r.kind === 'accounts') return showAccounts();
  if (r.kind === 'details') return showDetails(r.id!, r.section);
  if (r.kind === 'grid') return;
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

async function showDetails(id: string, section: string | undefined): Promise<void> {
  await import('../widgets/customer-details/customer-details.js');
  let details = detailsView.querySelector('customer-details');
  if (!details) {
    details = document.createElement('customer-details');
    details.hrefTemplate = '#/organization/{id}/{view}';
    // A section chosen in the element becomes the route (replaced, so Back leaves the customer).
    details.addEventListener('tenantry-details-section', (e) => history.replaceState(null, '', `${location.pathname}${location.search}#/organization/${encodeURIComponent(e.detail.organizationId)}/${e.detail.section}`));
    details.addEventListener('tenantry-contract-open', (e) => (log.textContent = `Contract: ${e.detail.contractName}`));
    detailsView.append(details);
  }
  details.organizationId = id;
  details.section = sectionOf(section);
}

/** The accounts view, loaded at its first visit; an account's customers link to their details. */
async function showAccounts(): Promise<void> {
  await import('../widgets/accounts-grid/accounts-grid.js');
  if (accountsView.querySelector('accounts-grid')) return;
  const accounts = document.createElement('accounts-grid');
  accounts.hrefTemplate = '#/organization/{id}';
  accounts.style.setProperty('--tenantry-accounts-grid-height', 'calc(100vh - 220px)');
  accounts.addEventListener('tenantry-account-open', (e) => (log.textContent = `Account: ${e.detail.name}`));
  accountsView.append(accounts);
}

window.addEventListener('hashchange', () => void show());
void show();
