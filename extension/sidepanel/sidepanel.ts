/**
 * The side panel (Chrome `side_panel`, Firefox `sidebar_action`): the whole product in a narrow
 * column, routed as a host page routes it (`demo/main.ts`): the grid at `#/`, a customer's details
 * at `#/organization/<id>/<section>`, the wizard at `#/customers/new` and `#/organization/<id>/edit`.
 * Every view change is a history entry of the panel, so Back walks them; the acting tenant stays
 * on top. Long work (an export, a wizard's save) runs here, not in the popup, and survives it.
 * Its words are the catalogue's, in the page's language (`setupPage`), set once that has loaded.
 */
import {msg, str} from '@lit/localize';
import {booting} from '../shared/boot.js';
import {DEFAULT_VIEW_STATE} from '../../src/shared/grid-view-state.js';
import {isLifecycleAction} from '../../src/shared/contract/lifecycle.js';
import {lifecycleDone} from '../../src/shared/model/labels.js';
import {browserWords} from '../shared/browser-words.js';
import {DETAILS_SECTIONS, sectionOf} from '../../widgets/customer-details/details-sections.js';
import {onPanelSignals, takePanelRequest, type PanelRequest} from '../shared/panel-requests.js';
import {showBlocked} from '../shared/page-setup.js';

// The widgets load while the options are read and the client's worker starts (see the popup).
const widgets = Promise.all([import('../../widgets/tenant-switcher/tenant-switcher.js'), import('../../widgets/organizations-grid/organizations-grid.js')]);

const content = document.querySelector<HTMLElement>('#content')!;
const grid = document.querySelector('organizations-grid')!;
const gridView = document.querySelector<HTMLElement>('#grid-view')!;
const detailsView = document.querySelector<HTMLElement>('#details-view')!;
const wizardView = document.querySelector<HTMLElement>('#wizard-view')!;
const back = document.querySelector<HTMLButtonElement>('#back')!;
const title = document.querySelector<HTMLElement>('#view-title')!;
const addCustomer = document.querySelector<HTMLAnchorElement>('#add-customer')!;
const log = document.querySelector<HTMLOutputElement>('#action-log')!;

/** The page's own words that do not change with the route (the elements bring theirs). */
function showWords(): void {
  document.title = browserWords.extName();
  document.querySelector('#panel-bar')!.setAttribute('aria-label', msg('Panel', {id: 'ext.panel.bar'}));
  back.textContent = msg('← Back', {id: 'ext.panel.back'});
  addCustomer.textContent = msg('Add customer', {id: 'ext.panel.add-customer'});
}

const setup = await booting;
showWords();
await widgets;
addEventListener('pagehide', () => setup.dispose(), {once: true});

interface Route {
  kind: 'grid' | 'new' | 'edit' | 'details';
  id?: string;
  draftId?: string;
  section?: string;
}

const DETAILS_ROUTE = new RegExp(`^/organization/([^/]+)(?:/(${DETAILS_SECTIONS.join('|')}))?$`);

function route(): Route {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const draftId = new URLSearchParams(query).get('draft') ?? undefined;
  if (path === '/customers/new') return {kind: 'new', draftId};
  const edit = /^\/organization\/([^/]+)\/edit$/.exec(path);
  if (edit) return {kind: 'edit', id: decodeURIComponent(edit[1]), draftId};
  const details = DETAILS_ROUTE.exec(path);
  if (details) return {kind: 'details', id: decodeURIComponent(details[1]), section: details[2]};
  return {kind: 'grid'};
}

/** Views entered inside the panel: Back goes through them, then stops at the grid. */
let depth = 0;
const go = (hash: string): void => {
  if (location.hash === hash) return;
  depth++;
  location.hash = hash;
};

back.addEventListener('click', () => {
  if (depth > 0) history.back();
  else location.hash = '#/';
});

async function show(): Promise<void> {
  const r = route();
  gridView.hidden = r.kind !== 'grid';
  detailsView.hidden = r.kind !== 'details';
  wizardView.hidden = r.kind !== 'new' && r.kind !== 'edit';
  addCustomer.hidden = r.kind !== 'grid';
  back.hidden = r.kind === 'grid';
  title.textContent =
    r.kind === 'grid'
      ? msg('Customers', {id: 'ext.panel.title-grid'})
      : r.kind === 'details'
        ? msg('Customer', {id: 'ext.panel.title-details'})
        : r.kind === 'new'
          ? msg('New customer', {id: 'ext.panel.title-new'})
          : msg('Edit customer', {id: 'ext.panel.title-edit'});
  if (r.kind === 'details') return showDetails(r.id!, r.section);
  if (r.kind === 'grid') return;
  await import('../../widgets/customer-wizard/customer-wizard.js');
  let wizard = wizardView.querySelector('customer-wizard');
  if (!wizard) {
    wizard = document.createElement('customer-wizard');
    wizard.addEventListener('tenantry-customer-saved', (e) => {
      const {name} = e.detail;
      log.textContent = e.detail.mode === 'create' ? msg(str`Created: ${name}`, {id: 'ext.panel.created'}) : msg(str`Saved: ${name}`, {id: 'ext.panel.saved'});
      location.hash = '#/';
    });
    wizard.addEventListener('tenantry-draft-change', (e) => {
      const [path] = location.hash.split('?');
      history.replaceState(history.state, '', `${location.pathname}${path}${e.detail.draftId ? `?draft=${encodeURIComponent(e.detail.draftId)}` : ''}`);
    });
    wizard.addEventListener('tenantry-wizard-close', () => back.click());
    wizardView.append(wizard);
  }
  wizard.organizationId = r.kind === 'edit' ? (r.id ?? null) : null;
  wizard.draftId = r.draftId ?? null;
}

async function showDetails(id: string, section: string | undefined): Promise<void> {
  await import('../../widgets/customer-details/customer-details.js');
  let details = detailsView.querySelector('customer-details');
  if (!details) {
    details = document.createElement('customer-details');
    details.hrefTemplate = '#/organization/{id}/{view}';
    // A section chosen in the element replaces the route: Back leaves the customer, not the tab.
    details.addEventListener('tenantry-details-section', (e) => history.replaceState(history.state, '', `${location.pathname}#/organization/${encodeURIComponent(e.detail.organizationId)}/${e.detail.section}`));
    details.addEventListener('tenantry-contract-open', (e) => (log.textContent = msg(str`Contract: ${e.detail.contractName}`, {id: 'ext.panel.contract'})));
    detailsView.append(details);
  }
  details.organizationId = id;
  details.section = sectionOf(section);
}

/** What the popup or the bridge asked this panel to show. */
async function serve(request: PanelRequest | null): Promise<void> {
  if (!request || !setup.store) return;
  if (request.to === 'grid') return go('#/');
  if (request.to === 'search') {
    grid.viewState = {...grid.viewState, search: request.hint};
    return go('#/');
  }
  await setup.store.ready;
  if (setup.store.state.current?.tenantId !== request.tenantId) await setup.store.switchTo(request.tenantId);
  go(`#/organization/${encodeURIComponent(request.orgId)}`);
}

if (setup.connection.kind === 'blocked') {
  showBlocked(content, setup.connection);
  document.querySelector('header')!.hidden = true;
} else {
  grid.viewState = {...DEFAULT_VIEW_STATE, density: setup.settings.density};
  // Row actions the panel has a view for go there (as a view entered in the panel, so Back walks
  // it). Lifecycle moves and onboarding tasks the grid carries out itself (a move is reported once
  // done, below). The other pages (dashboard, cost…) are the portal's: their links stay unfollowed.
  const ROW_ACTION_ROUTES: Partial<Record<string, string>> = {summary: '', profile: '', 'view-contracts': '/contracts', edit: '/edit'};
  grid.addEventListener('tenantry-row-action', (e) => {
    const {action, organizationId, organizationName} = e.detail;
    if (action === 'delete' || action === 'start-onboarding-task' || isLifecycleAction(action)) return;
    e.preventDefault();
    const to = ROW_ACTION_ROUTES[action];
    if (to !== undefined) go(`#/organization/${encodeURIComponent(organizationId)}${to}`);
    else log.textContent = msg(str`${organizationName}: this page is in your portal; the side panel does not have it.`, {id: 'ext.panel.no-view'});
  });
  document.addEventListener('tenantry-lifecycle-change', (e) => (log.textContent = lifecycleDone(e.detail.action, e.detail.organizationName)));
  // Links inside the panel (a row's name, a details tab) are views of the panel too.
  addEventListener('hashchange', () => void show());
  addEventListener('popstate', () => (depth = Math.max(0, depth - 1)));
  void show();
  const stop = onPanelSignals({request: () => void takePanelRequest().then(serve)});
  addEventListener('pagehide', stop, {once: true});
  void takePanelRequest().then(serve);
}
