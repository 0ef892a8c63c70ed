/**
 * The grid's lifecycle actions end to end in real Chromium: the HTTP data client against the REST
 * contract served by a fresh embedded store per test (msw at the network edge only, where a test
 * also answers with a refusal or a network failure), the grid's own confirmation dialog, real
 * keyboard input, axe-core.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import type {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {TenantNode} from '../../src/shared/model/types.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler, httpTestClient, serverTenants} from '../../src/testing/rest-api.js';
import {DEFAULT_VIEW_STATE, type GridViewState} from '../../src/shared/grid-view.js';
import type {OrganizationsGrid, RowActionDetail} from './organizations-grid.js';
import type {LifecycleChangeDetail} from '../lifecycle-dialog/lifecycle-dialog.js';
import './organizations-grid.js';

const SIZE = 120;
const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const WAIT = {timeout: 15_000};
/** Only the columns these tests read, so every one is rendered. */
const VIEW: GridViewState = {...DEFAULT_VIEW_STATE, columns: DEFAULT_VIEW_STATE.columns.map((c) => ({...c, visible: ['name', 'status', 'actions'].includes(c.key)}))};

type Answer = (request: Request) => Response | Promise<Response> | undefined;

interface Server {
  client: DataClient;
  handle: (request: Request) => Promise<Response>;
  /** Answers instead of the server while set (a refusal, a network failure, a held request). */
  fault: {answer: Answer | null};
}

/** One msw worker for the file (starting and stopping one per test raced the service worker); each test serves its own store through it. */
let serving: Server | null = null;
let msw: Awaited<ReturnType<typeof startMsw>> | null = null;
const clients: DataClient[] = [];
before(async () => {
  msw = await startMsw(http.all(`${API}*`, async ({request}) => (serving ? ((await serving.fault.answer?.(request.clone())) ?? serving.handle(request)) : HttpResponse.error())));
});
after(() => msw?.stop());
afterEach(() => {
  serving = null;
  for (const c of clients.splice(0)) c.dispose();
});

async function startServer(namespace: string): Promise<Server> {
  const handle = embeddedRestHandler(SIZE, namespace);
  const client = httpTestClient(10_000);
  clients.push(client);
  serving = {client, handle, fault: {answer: null}};
  return serving;
}

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const dataRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')];
const rowOf = (el: OrganizationsGrid, id: string): HTMLElement | undefined => dataRows(el).find((r) => r.dataset.orgId === id);
const statusOf = (el: OrganizationsGrid, id: string): string | undefined => rowOf(el, id)?.querySelector('[part~="status-badge"]')?.textContent?.trim();
const liveText = (el: OrganizationsGrid): string => root(el).querySelector('.frame > [role="status"][aria-live]')!.textContent!.trim();
const popup = (el: OrganizationsGrid): HTMLElement | null => root(el).querySelector<HTMLElement>('[role="dialog"].popover');
const items = (el: OrganizationsGrid): string[] => [...popup(el)!.querySelectorAll<HTMLElement>('[data-popover-action]')].map((b) => b.textContent!.trim());
const item = (el: OrganizationsGrid, text: string): HTMLButtonElement => [...popup(el)!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text)!;
const lifecycleEl = (el: OrganizationsGrid): HTMLElement & {updateComplete: Promise<boolean>} => root(el).querySelector('tenantry-lifecycle-dialog')!;
const dialogOf = (el: OrganizationsGrid): HTMLDialogElement | null => root(el).querySelector('tenantry-lifecycle-dialog')?.shadowRoot?.querySelector('dialog') ?? null;
const inDialog = <T extends HTMLElement = HTMLElement>(el: OrganizationsGrid, part: string): T | null => dialogOf(el)?.querySelector<T>(`[part~="${part}"]`) ?? null;
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

async function mount(client: DataClient, viewState: GridViewState = VIEW, scope: Scope = DIST): Promise<OrganizationsGrid> {
  const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .scope=${scope} .viewState=${viewState} style="--tenantry-organizations-grid-height: 700px"></organizations-grid>`);
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && dataRows(el).length > 0, 'rows', WAIT);
  return el;
}

/** Mounts the grid searched down to `org`, and waits for its row. */
async function mountOn(client: DataClient, org: TenantNode, scope: Scope = DIST): Promise<OrganizationsGrid> {
  const el = await mount(client, {...VIEW, search: org.name}, scope);
  await waitUntil(() => rowOf(el, org.id), `row of ${org.name}`, WAIT);
  return el;
}

async function openActions(el: OrganizationsGrid, id: string): Promise<HTMLElement> {
  rowOf(el, id)!.querySelector<HTMLButtonElement>('[data-action="actions"]')!.click();
  await waitUntil(() => popup(el)?.querySelector('[data-popover-action="summary"]'), 'actions popup', WAIT);
  await el.updateComplete;
  return popup(el)!;
}

/** Chooses a lifecycle item and waits for the dialog. */
async function choose(el: OrganizationsGrid, id: string, text: string): Promise<HTMLDialogElement> {
  await openActions(el, id);
  item(el, text).click();
  await waitUntil(() => dialogOf(el)?.open, 'the confirmation opens', WAIT);
  await lifecycleEl(el).updateComplete;
  return dialogOf(el)!;
}

const pick = async (handle: Server['handle'], test: (t: TenantNode) => boolean): Promise<TenantNode> => {
  const found = (await serverTenants(handle, DIST)).find(test);
  if (!found) throw new Error('no such organization in the demo data');
  return found;
};

describe('organizations-grid lifecycle actions', function () {
  this.timeout(60_000);

  it('offers the moves of the row’s status; Suspend repaints the row at once, and the audit log records it', async () => {
    const server = await startServer('grid-lc-suspend');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active');
    const el = await mountOn(server.client, org);
    await openActions(el, org.id);
    expect(items(el).slice(-3)).to.deep.equal(['Suspend…', 'Disable…', 'Archive…']);
    expect(popup(el)!.textContent).to.contain('Delete becomes available once suspended.');

    // The server holds the move until the test lets it go: the row shows it before the answer.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    server.fault.answer = (request) => (request.method === 'POST' && request.url.endsWith('/transitions') ? held.then(() => server.handle(request)) : undefined);
    const rowEvents: RowActionDetail[] = [];
    const changes: LifecycleChangeDetail[] = [];
    el.addEventListener('tenantry-row-action', (e) => rowEvents.push(e.detail));
    el.addEventListener('tenantry-lifecycle-change', (e) => changes.push(e.detail));
    item(el, 'Suspend…').click();
    await waitUntil(() => dialogOf(el)?.open, 'confirmation', WAIT);
    expect(rowEvents).to.deep.equal([{action: 'suspend', organizationId: org.id, organizationName: org.name, scopeTenantId: DIST.tenantId}]);
    const dialog = dialogOf(el)!;
    expect(inDialog(el, 'question')!.textContent!.replace(/\s+/g, ' ')).to.contain(`Suspend ${org.name} in the view of Northgate Distribution? Its users lose access until it is resumed.`);
    await waitUntil(() => inDialog(el, 'impact-list'), 'impact', WAIT);
    expect(inDialog(el, 'impact-list')!.textContent).to.contain('Users:');
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => statusOf(el, org.id) === 'Suspended', 'the row repaints before the server answered', WAIT);
    expect(dialog.open).to.equal(true);
    expect(changes).to.have.length(0);
    release();
    await waitUntil(() => !dialog.open, 'the dialog closes once done', WAIT);
    expect(changes).to.deep.equal([{organizationId: org.id, organizationName: org.name, action: 'suspend', status: 'suspended', scopeTenantId: DIST.tenantId}]);
    expect(statusOf(el, org.id)).to.equal('Suspended');
    await waitUntil(() => liveText(el).startsWith(`${org.name} suspended.`), 'announced', WAIT);
    const log = await server.client.listAuditLog(DIST, {organizationId: org.id});
    expect(log.items[0]).to.include({action: 'suspend', organizationId: org.id, actingTenantId: DIST.tenantId, actorId: DEMO_USERS.distributorAdmin});
    expect(log.items[0].fields).to.deep.equal(['status']);

    // Suspended now: Resume, Archive… and Delete….
    await openActions(el, org.id);
    expect(items(el).slice(-3)).to.deep.equal(['Resume…', 'Archive…', 'Delete…']);
  });

  it('a refused move puts the row back and says why, with the way forward; nothing else changed', async () => {
    const server = await startServer('grid-lc-refused');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active');
    const el = await mountOn(server.client, org);
    server.fault.answer = (request) =>
      request.method === 'POST' && request.url.endsWith('/transitions') ? HttpResponse.json({code: 'conflict', message: 'Only an active customer can be suspended; this one is archived.'}, {status: 409}) : undefined;
    const dialog = await choose(el, org.id, 'Suspend…');
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => inDialog(el, 'error'), 'the refusal', WAIT);
    expect(dialog.open).to.equal(true);
    expect(inDialog(el, 'error')!.closest('[role="alert"]')).to.not.equal(null);
    expect(inDialog(el, 'error')!.textContent).to.contain(`${org.name} was not suspended:`).and.to.contain('Only an active customer can be suspended');
    await waitUntil(() => statusOf(el, org.id) === 'Active', 'the row is back', WAIT);
    // The way forward: read it again.
    expect(inDialog(el, 'reload-button')).to.not.equal(null);
    expect(deepActive()).to.equal(inDialog(el, 'reload-button'));

    // Someone else changed it (412): said in words, and Reload reads it again.
    server.fault.answer = (request) =>
      request.method === 'POST' && request.url.endsWith('/transitions') ? HttpResponse.json({code: 'version-conflict', message: 'Changed.', currentVersion: 99}, {status: 412}) : undefined;
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => inDialog(el, 'error')?.textContent?.includes('was changed by someone else'), 'the conflict', WAIT);
    await waitUntil(() => statusOf(el, org.id) === 'Active', 'the row is back', WAIT);
    server.fault.answer = null;
    inDialog<HTMLButtonElement>(el, 'reload-button')!.click();
    await waitUntil(() => !inDialog(el, 'error') && inDialog(el, 'status')?.textContent?.includes(`Reloaded: ${org.name} is active now.`), 'reloaded', WAIT);
    expect((await server.client.listAuditLog(DIST, {organizationId: org.id})).items.filter((e) => e.action === 'suspend')).to.have.length(0);
    // Then the user may ask again, and it goes through.
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => !dialog.open, 'done', WAIT);
    await waitUntil(() => statusOf(el, org.id) === 'Suspended', 'suspended', WAIT);
  });

  it('while offline, the lifecycle items and the confirm button wait, saying why', async () => {
    const server = await startServer('grid-lc-offline');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active');
    const el = await mountOn(server.client, org);
    try {
      window.dispatchEvent(new Event('offline'));
      await openActions(el, org.id);
      const suspend = item(el, 'Suspend…');
      expect(suspend.getAttribute('aria-disabled')).to.equal('true');
      expect(root(el).getElementById(suspend.getAttribute('aria-describedby')!)!.textContent).to.equal('You are offline: changes can’t be sent.');
      suspend.click();
      await el.updateComplete;
      expect(dialogOf(el)?.open ?? false).to.equal(false);
      await expect(el).to.be.accessible();
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect(item(el, 'Suspend…').hasAttribute('aria-disabled')).to.equal(false);

      // Open, then the connection goes: Confirm waits, with the reason.
      item(el, 'Suspend…').click();
      await waitUntil(() => dialogOf(el)?.open, 'confirmation', WAIT);
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => inDialog(el, 'offline'), 'offline reason', WAIT);
      expect(inDialog<HTMLButtonElement>(el, 'confirm-button')!.disabled).to.equal(true);
      expect(inDialog(el, 'offline')!.textContent).to.equal('You are offline: changes can’t be sent.');
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !inDialog<HTMLButtonElement>(el, 'confirm-button')!.disabled, 'online again', WAIT);
      inDialog<HTMLButtonElement>(el, 'cancel-button')!.click();
      await el.updateComplete;

      // The server out of reach (the last sync failed): the same.
      server.fault.answer = () => HttpResponse.error();
      await server.client.refresh(DIST).catch(() => undefined);
      await openActions(el, org.id);
      await waitUntil(() => item(el, 'Suspend…').getAttribute('aria-disabled') === 'true', 'unreachable', WAIT);
      expect(popup(el)!.textContent).to.contain('the server could not be reached');
      server.fault.answer = null;
      await server.client.refresh(DIST);
      await waitUntil(() => popup(el) === null || !item(el, 'Suspend…').hasAttribute('aria-disabled'), 'reachable again', WAIT);
    } finally {
      window.dispatchEvent(new Event('online'));
    }
  });

  it('Delete… shows only for a suspended row, needs the name typed, and removes the row', async () => {
    const server = await startServer('grid-lc-delete');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'suspended');
    const el = await mountOn(server.client, org);
    const dialog = await choose(el, org.id, 'Delete…');
    const confirm = inDialog<HTMLButtonElement>(el, 'confirm-button')!;
    expect(confirm.textContent!.trim()).to.equal('Delete organization');
    expect(confirm.disabled).to.equal(true);
    expect(deepActive()).to.equal(inDialog(el, 'confirm-input'));
    await sendKeys({type: org.name.slice(0, -1)});
    await lifecycleEl(el).updateComplete;
    expect(confirm.disabled).to.equal(true);
    await sendKeys({press: 'Enter'});
    expect(dialog.open).to.equal(true);
    await sendKeys({type: org.name.slice(-1)});
    await lifecycleEl(el).updateComplete;
    expect(confirm.disabled).to.equal(false);
    await waitUntil(() => inDialog(el, 'impact-list'), 'impact', WAIT);
    await expect(el).to.be.accessible();
    confirm.click();
    await waitUntil(() => !dialog.open, 'deleted', WAIT);
    await waitUntil(() => !rowOf(el, org.id), 'the row is gone', WAIT);
    await waitUntil(() => liveText(el).startsWith(`${org.name} deleted.`), 'announced', WAIT);
    expect((await server.client.listAuditLog(DIST, {organizationId: org.id})).items[0]).to.include({action: 'delete'});
  });

  it('a delete of an organization with organizations below says so, and how many; the typed name stays', async () => {
    const server = await startServer('grid-lc-children');
    const reseller = await pick(server.handle, (t) => t.kind === 'reseller' && t.status === 'active');
    const {etag} = await server.client.getOrganization(DIST, reseller.id);
    await server.client.transitionOrganization(DIST, reseller.id, 'suspend', etag);
    const below = (await serverTenants(server.handle, DIST)).filter((t) => t.parentId === reseller.id).length;
    expect(below).to.be.greaterThan(0);
    const el = await mountOn(server.client, reseller);
    await waitUntil(() => statusOf(el, reseller.id) === 'Suspended', 'suspended', WAIT);
    await choose(el, reseller.id, 'Delete…');
    await waitUntil(() => inDialog(el, 'impact-list'), 'impact', WAIT);
    expect(inDialog(el, 'impact')!.textContent).to.contain('It can be deleted only once nothing is below it');
    await sendKeys({type: reseller.name});
    await lifecycleEl(el).updateComplete;
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => inDialog(el, 'error'), 'refused', WAIT);
    const text = inDialog(el, 'error')!.textContent!;
    expect(text).to.match(new RegExp(`can’t be deleted: it still has [\\d,]+ organizations? below it`));
    expect(text).to.contain('customer');
    expect(inDialog<HTMLInputElement>(el, 'confirm-input')!.value).to.equal(reseller.name);
    expect(rowOf(el, reseller.id)).to.not.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('acts in the tenant named when it opened, even after the page’s scope changed', async () => {
    const server = await startServer('grid-lc-scope');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active' && t.parentId === DEMO_TENANTS.reseller);
    const el = await mountOn(server.client, org);
    await choose(el, org.id, 'Suspend…');
    el.scope = {tenantId: DEMO_TENANTS.reseller};
    await waitUntil(() => root(el).querySelector('[part~="scope-name"]')?.textContent?.trim() !== 'Northgate Distribution' && dataRows(el).length > 0, 'the grid shows the reseller', WAIT);
    expect(dialogOf(el)!.open).to.equal(true);
    expect(inDialog(el, 'question')!.textContent).to.contain('in the view of Northgate Distribution?');
    inDialog<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => !dialogOf(el)!.open, 'done', WAIT);
    const [entry] = (await server.client.listAuditLog(DIST, {organizationId: org.id})).items;
    expect(entry).to.include({action: 'suspend', actingTenantId: DIST.tenantId});
  });

  it('a host that calls preventDefault() takes the action over: no dialog, no change', async () => {
    const server = await startServer('grid-lc-host');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active');
    const el = await mountOn(server.client, org);
    const taken: string[] = [];
    el.addEventListener('tenantry-row-action', (e) => {
      taken.push(e.detail.action);
      e.preventDefault();
    });
    await openActions(el, org.id);
    item(el, 'Suspend…').click();
    await el.updateComplete;
    expect(taken).to.deep.equal(['suspend']);
    expect(dialogOf(el)?.open ?? false).to.equal(false);
    expect(statusOf(el, org.id)).to.equal('Active');
    expect((await server.client.getOrganization(DIST, org.id)).value.status).to.equal('active');
  });

  it('offers no lifecycle item for the acting tenant’s own row, nor to a customer administrator', async () => {
    const server = await startServer('grid-lc-roles');
    const self = await pick(server.handle, (t) => t.id === DEMO_TENANTS.distributor);
    const el = await mountOn(server.client, self);
    await openActions(el, self.id);
    expect(items(el)).to.not.include('Suspend…');
    expect(items(el)).to.not.include('Archive…');
    expect(popup(el)!.textContent).to.not.contain('Delete');
  });

  it('works by keyboard alone, focus returning to the cell', async () => {
    const server = await startServer('grid-lc-keys');
    const org = await pick(server.handle, (t) => t.kind === 'customer' && t.status === 'active');
    const el = await mountOn(server.client, org);
    const cell = rowOf(el, org.id)!.querySelector<HTMLElement>('[part~="cell-actions"]')!;
    cell.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => popup(el)?.contains(root(el).activeElement), 'the menu takes focus', WAIT);
    // Up from the first item wraps to the last: Archive…; up again: Disable; again: Suspend.
    for (let i = 0; i < 3; i++) await sendKeys({press: 'ArrowUp'});
    expect((root(el).activeElement as HTMLElement).textContent!.trim()).to.equal('Suspend…');
    await sendKeys({press: 'Enter'});
    await waitUntil(() => dialogOf(el)?.open, 'confirmation', WAIT);
    await lifecycleEl(el).updateComplete;
    expect(deepActive()).to.equal(inDialog(el, 'cancel-button'));
    await sendKeys({press: 'Escape'});
    await waitUntil(() => !dialogOf(el)!.open, 'Escape closes', WAIT);
    await waitUntil(() => deepActive() === cell, 'focus back on the cell', WAIT);
    expect(statusOf(el, org.id)).to.equal('Active');

    await sendKeys({press: 'Enter'});
    await waitUntil(() => popup(el)?.contains(root(el).activeElement), 'menu', WAIT);
    for (let i = 0; i < 3; i++) await sendKeys({press: 'ArrowUp'});
    await sendKeys({press: 'Enter'});
    await waitUntil(() => dialogOf(el)?.open, 'confirmation', WAIT);
    await lifecycleEl(el).updateComplete;
    // Tab moves to Suspend and wraps inside the dialog.
    await sendKeys({press: 'Tab'});
    expect(deepActive()).to.equal(inDialog(el, 'confirm-button'));
    await sendKeys({press: 'Tab'});
    expect(dialogOf(el)!.contains(deepActive())).to.equal(true);
    await sendKeys({press: 'Shift+Tab'});
    expect(deepActive()).to.equal(inDialog(el, 'confirm-button'));
    await sendKeys({press: 'Enter'});
    await waitUntil(() => !dialogOf(el)!.open, 'done', WAIT);
    await waitUntil(() => statusOf(el, org.id) === 'Suspended', 'suspended', WAIT);
    await waitUntil(() => deepActive() === rowOf(el, org.id)!.querySelector('[part~="cell-actions"]'), 'focus back on the cell', WAIT);
  });
});

describe('organizations-grid onboarding tasks', function () {
  this.timeout(60_000);

  it('starts a task from the onboarding popup through the write path; a host may take it over', async () => {
    const {client, handle} = await startServer(`grid-onboarding-${crypto.randomUUID()}`);
    // A customer still onboarding, with a task it can start.
    let org: TenantNode | null = null;
    let taskId = '';
    for (const t of await serverTenants(handle, DIST)) {
      if (t.kind !== 'customer') continue;
      const {value} = await client.getOrganization(DIST, t.id);
      const task = value.onboardingTasks.find((x) => x.startable && x.state === 'todo');
      if (task) {
        org = t;
        taskId = task.id;
        break;
      }
    }
    expect(org, 'a customer with a task to start').to.not.equal(null);
    const view = {...VIEW, columns: VIEW.columns.map((c) => (c.key === 'onboarding' ? {...c, visible: true} : c))};
    const el = await mount(client, {...view, search: org!.name});
    await waitUntil(() => rowOf(el, org!.id), 'the row', WAIT);
    const openTasks = async (): Promise<HTMLButtonElement> => {
      rowOf(el, org!.id)!.querySelector<HTMLButtonElement>('[data-action="onboarding"]')!.click();
      await waitUntil(() => popup(el)?.querySelector(`[data-task-id="${taskId}"]`), 'the onboarding popup', WAIT);
      return popup(el)!.querySelector<HTMLButtonElement>(`[data-task-id="${taskId}"]`)!;
    };
    // A host that takes it over: nothing is written.
    const taken = (e: GlobalEventHandlersEventMap['tenantry-row-action']): void => e.preventDefault();
    el.addEventListener('tenantry-row-action', taken, {once: true});
    (await openTasks()).click();
    expect((await client.getOrganization(DIST, org!.id)).value.onboardingTasks.find((t) => t.id === taskId)!.state).to.equal('todo');
    (await openTasks()).click();
    await waitUntil(async () => (await client.getOrganization(DIST, org!.id)).value.onboardingTasks.find((t) => t.id === taskId)!.state === 'in-progress', 'the task did not start', WAIT);
    await waitUntil(() => liveText(el).includes('started for'), 'not announced', WAIT);
    const log = await client.listAuditLog(DIST, {organizationId: org!.id});
    expect(log.items[0].action).to.equal('onboarding-start');
  });
});
