/**
 * `<tenantry-lifecycle-dialog>` on its own, as any widget uses it: the HTTP data client against the
 * REST contract served by a fresh embedded store (msw at the network edge, where a test also holds
 * or refuses a request), real keyboard input, and axe-core in every state of the dialog.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import type {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS} from '../../src/shared/demo-tenant.js';
import type {LifecycleImpact, TenantNode} from '../../src/shared/model/types.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler, httpTestClient, serverTenants} from '../../src/testing/rest-api.js';
import type {LifecycleSubject, TenantryLifecycleDialog} from './lifecycle-dialog.js';
import './lifecycle-dialog.js';

const DIST = {tenantId: DEMO_TENANTS.distributor, name: 'Northgate Distribution'};
const WAIT = {timeout: 15_000};

type Answer = (request: Request) => Response | Promise<Response> | undefined;
interface Server {
  client: DataClient;
  handle: (request: Request) => Promise<Response>;
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
  const handle = embeddedRestHandler(60, namespace);
  const client = httpTestClient(10_000);
  clients.push(client);
  serving = {client, handle, fault: {answer: null}};
  return serving;
}

async function subject(server: Server, test: (t: TenantNode) => boolean): Promise<LifecycleSubject> {
  const node = (await serverTenants(server.handle, DIST)).find(test)!;
  const {value} = await server.client.getOrganization(DIST, node.id);
  return value;
}

async function mount(client: DataClient): Promise<{el: TenantryLifecycleDialog; opener: HTMLButtonElement}> {
  const wrapper = await fixture<HTMLElement>(html`<div><button type="button">Open</button><tenantry-lifecycle-dialog .client=${client}></tenantry-lifecycle-dialog></div>`);
  return {el: wrapper.querySelector('tenantry-lifecycle-dialog')!, opener: wrapper.querySelector('button')!};
}

const dialogOf = (el: TenantryLifecycleDialog): HTMLDialogElement => el.shadowRoot!.querySelector('dialog')!;
const part = <T extends HTMLElement = HTMLElement>(el: TenantryLifecycleDialog, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const isImpact = (request: Request): boolean => request.url.includes('/lifecycle-impact');

describe('<tenantry-lifecycle-dialog>', function () {
  this.timeout(60_000);

  it('is axe-clean while the impact loads, once loaded (with the per-tenant table), and after a refusal; focus returns to the opener', async () => {
    const server = await startServer('lc-dialog-states');
    const org = await subject(server, (t) => t.kind === 'reseller' && t.status === 'active');
    const {el, opener} = await mount(server.client);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    server.fault.answer = (request) =>
      isImpact(request)
        ? held.then(async () => {
            const impact = (await (await server.handle(request)).json()) as LifecycleImpact;
            const byTenant = [{id: 'cus-x', name: '\u202Egnp.exe <b>Tenant</b>', kind: 'customer' as const, organizations: 3, linkedAccounts: 2, users: 7, scheduledCollections: 1}];
            return HttpResponse.json({...impact, byTenant, moreTenants: 4});
          })
        : undefined;
    opener.focus();
    const asked = el.ask({org, action: 'suspend', scope: DIST});
    await waitUntil(() => dialogOf(el).open && part(el, 'impact-status'), 'loading', WAIT);
    expect(part(el, 'impact-status')!.textContent).to.contain('Loading what this touches');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'cancel-button'));
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => part(el, 'impact-table'), 'the per-tenant table', WAIT);
    const table = part(el, 'impact-table')!;
    expect(table.querySelector('tbody th')!.textContent).to.contain('\u202Egnp.exe <b>Tenant</b>');
    expect(table.querySelectorAll('b')).to.have.length(0);
    expect(part(el, 'impact-more')!.textContent).to.equal('and 4 more tenants');
    expect(part(el, 'impact-list')!.textContent).to.match(/Organizations below it: [\d,]+ \(.*customers?\)/);
    await expect(el).to.be.accessible();

    server.fault.answer = (request) => (request.method === 'POST' ? HttpResponse.json({code: 'forbidden', message: 'Not yours.'}, {status: 403}) : undefined);
    part<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'error'), 'refused', WAIT);
    expect(part(el, 'error')!.textContent).to.contain(`You may not suspend ${org.name} in Northgate Distribution`);
    await expect(el).to.be.accessible();
    await sendKeys({press: 'Escape'});
    expect(await asked).to.equal(null);
    expect(dialogOf(el).open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('says why a move can’t be made from the status, and drops a stale impact after a new ask', async () => {
    const server = await startServer('lc-dialog-blocked');
    const active = await subject(server, (t) => t.kind === 'customer' && t.status === 'active');
    const suspended = await subject(server, (t) => t.kind === 'customer' && t.status === 'suspended');
    const {el} = await mount(server.client);
    void el.ask({org: active, action: 'resume', scope: DIST});
    await waitUntil(() => part(el, 'blocked'), 'blocked', WAIT);
    expect(part(el, 'blocked')!.textContent).to.contain('this one is active');
    expect(part(el, 'confirm-button')).to.equal(null);
    await expect(el).to.be.accessible();
    void el.ask({org: active, action: 'delete', scope: DIST});
    await waitUntil(() => part(el, 'blocked')?.textContent?.includes('Only a suspended organization can be deleted'), 'delete blocked', WAIT);

    // The first impact answers last: it is dropped, the second shows.
    let releaseFirst: () => void = () => undefined;
    const first = new Promise<void>((r) => (releaseFirst = r));
    server.fault.answer = (request) => (isImpact(request) && request.url.includes(active.id) ? first.then(() => HttpResponse.json({code: 'server', message: 'late'}, {status: 500})) : undefined);
    void el.ask({org: active, action: 'archive', scope: DIST});
    await waitUntil(() => part(el, 'impact-status'), 'loading', WAIT);
    void el.ask({org: suspended, action: 'archive', scope: DIST});
    await waitUntil(() => part(el, 'impact-list'), 'the second impact', WAIT);
    releaseFirst();
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(part(el, 'impact-list')).to.not.equal(null);
    expect(part(el, 'question')!.textContent).to.contain(suspended.name);
    el.close();
  });

  it('a failed impact and a network failure say so, with Load again and Try again; the typed name stays', async () => {
    const server = await startServer('lc-dialog-network');
    const org = await subject(server, (t) => t.kind === 'customer' && t.status === 'suspended');
    const {el} = await mount(server.client);
    server.fault.answer = (request) => (isImpact(request) ? HttpResponse.json({code: 'server', message: 'Boom.'}, {status: 500}) : undefined);
    const asked = el.ask({org, action: 'delete', scope: DIST});
    await waitUntil(() => part(el, 'impact-retry'), 'impact failed', WAIT);
    expect(part(el, 'impact-status')!.textContent).to.contain('What this touches could not be loaded');
    await expect(el).to.be.accessible();
    server.fault.answer = null;
    part<HTMLButtonElement>(el, 'impact-retry')!.click();
    await waitUntil(() => part(el, 'impact-list'), 'impact', WAIT);
    part<HTMLInputElement>(el, 'confirm-input')!.focus();
    await sendKeys({type: org.name});
    await el.updateComplete;
    server.fault.answer = (request) => (request.method === 'DELETE' ? HttpResponse.error() : undefined);
    await sendKeys({press: 'Enter'});
    await waitUntil(() => part(el, 'retry-button'), 'not sent', WAIT);
    expect(part(el, 'error')!.textContent).to.contain('Not sent');
    expect(part<HTMLInputElement>(el, 'confirm-input')!.value).to.equal(org.name);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'retry-button'));
    await expect(el).to.be.accessible();
    server.fault.answer = null;
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    const outcome = await asked;
    expect(outcome).to.include({action: 'delete', organizationId: org.id, status: null, scopeTenantId: DIST.tenantId});
  });

  it('offers the host’s merge after a version conflict, when it has one', async () => {
    const server = await startServer('lc-dialog-merge');
    const org = await subject(server, (t) => t.kind === 'customer' && t.status === 'active');
    const {el} = await mount(server.client);
    el.offerMerge = true;
    const merges: unknown[] = [];
    el.addEventListener('tenantry-lifecycle-merge', (e) => merges.push(e.detail));
    const asked = el.ask({org: {...org, version: org.version - 1}, action: 'disable', scope: DIST});
    await waitUntil(() => part(el, 'confirm-button'), 'open', WAIT);
    part<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'merge-button'), 'conflict', WAIT);
    expect(part(el, 'error')!.textContent).to.contain(`${org.name} was changed by someone else`);
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'merge-button')!.click();
    expect(await asked).to.equal(null);
    expect(merges).to.have.length(1);
    expect(merges[0]).to.deep.include({organizationId: org.id, scopeTenantId: DIST.tenantId});
  });

  it('without a client, says so', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><tenantry-lifecycle-dialog></tenantry-lifecycle-dialog></div>`);
    const el = wrapper.querySelector('tenantry-lifecycle-dialog')!;
    const asked = el.ask({org: {id: 'cus-1', name: 'Contoso', kind: 'customer', status: 'active', version: 1}, action: 'suspend', scope: DIST});
    await waitUntil(() => part(el, 'missing-client'), 'missing client', WAIT);
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'cancel-button')!.click();
    expect(await asked).to.equal(null);
  });
});
