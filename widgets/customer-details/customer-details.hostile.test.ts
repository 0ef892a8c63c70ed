/**
 * `<customer-details>` against a backend that misbehaves or refuses, and data that tries to act on
 * the page: the REST contract served by an embedded store behind msw (faults at the network edge
 * only), real worker, real IndexedDB. Also its lifecycle actions end to end through the shared
 * dialog, and a change someone else made meanwhile.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {SetupWorker} from 'msw/browser';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import {CUSTOMER, RESELLER, SIZE, WAIT, button, cleanup, httpClient, localClient, mount, openSection, panel, part, root, text, typeInto} from '../testing/details-testing.js';
import type {CustomerDetails} from './customer-details.js';

let msw: SetupWorker | null = null;
/** Answers a request before the server does; `undefined` lets the server answer. */
let intercept: (request: Request, path: string) => Response | undefined | Promise<Response | undefined> = () => undefined;

before(async () => {
  const handle = embeddedRestHandler(SIZE, 'details-hostile');
  msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      const path = new URL(request.url).pathname.replace(/^\/v1\//, '');
      return (await intercept(request, path)) ?? handle(request);
    }),
  );
});

after(() => msw?.stop());

afterEach(() => {
  intercept = () => undefined;
  cleanup();
});

const lifecycleDialog = (el: CustomerDetails): HTMLElement & {shadowRoot: ShadowRoot} => root(el).querySelector('tenantry-lifecycle-dialog') as HTMLElement & {shadowRoot: ShadowRoot};

describe('customer-details against a hostile or refusing backend', () => {
  it('shows names and contact fields as text, never markup', async () => {
    const client = httpClient();
    const {etag} = await client.getOrganization(RESELLER, CUSTOMER);
    await client.updateOrganization(RESELLER, CUSTOMER, {name: '<img src=x onerror="window.__pwned=1">Contoso'}, etag);
    const el = await mount(client, {section: 'contacts'});
    await client.addContact(RESELLER, CUSTOMER, {role: 'other', firstName: '<b>Bold</b>', lastName: 'Tables', email: 'bobby@example.com', phone: '', fax: ''}, (await client.getOrganization(RESELLER, CUSTOMER)).etag);
    el.organizationId = null;
    await el.updateComplete;
    el.organizationId = CUSTOMER;
    await waitUntil(() => text(panel(el)).includes('<b>Bold</b> Tables'), 'the contact did not show as text', WAIT);
    expect(text(part(el, 'title'))).to.contain('<img src=x');
    expect(root(el).querySelector('img, b')).to.equal(null);
    expect((window as {__pwned?: number}).__pwned).to.equal(undefined);
  });

  it('a 403 on one section says "You may not see this" there alone; the other sections still work', async () => {
    intercept = (_request, path) => (path.startsWith('contracts') ? HttpResponse.json({code: 'forbidden', message: 'Contracts are for billing staff.'}, {status: 403}) : undefined);
    const el = await mount(httpClient(), {section: 'contracts'});
    await waitUntil(() => text(panel(el)).includes('You may not see this'), 'no refusal in the section', WAIT);
    expect(text(panel(el))).to.contain('Contracts are for billing staff.');
    await openSection(el, 'contacts');
    expect(panel(el).querySelectorAll('tbody tr').length).to.be.greaterThan(0);
    expect(text(panel(el))).to.not.contain('You may not see this');
    await expect(el).to.be.accessible();
  });

  it('a list that breaks the schema is reported in its section, with Retry', async () => {
    intercept = (_request, path) => (/^organizations\/[^/]+\/commerce\/orders/.test(path) ? HttpResponse.json({kind: 'orders', items: 'nope', nextCursor: 7, total: -1}) : undefined);
    const el = await mount(httpClient(), {section: 'orders'});
    await waitUntil(() => text(panel(el)).includes('Could not load orders'), 'the broken list was not reported', WAIT);
    expect(button(el, 'Retry', panel(el))).to.exist;
    expect(part(el, 'title')).to.exist;
  });

  it('never links a tenant console that is not an absolute http(s) URL', async () => {
    intercept = (_request, path) => (path.endsWith('/console-link') ? HttpResponse.json({url: 'javascript:alert(1)', expiresAt: null}) : undefined);
    const el = await mount(httpClient());
    // The rest of the header is there; the link is not.
    await new Promise((r) => setTimeout(r, 300));
    expect(part(el, 'console-link')).to.equal(null);
    expect(root(el).querySelector('a[href^="javascript"]')).to.equal(null);
    expect(button(el, 'Edit')).to.exist;
  });

  it('a contact saved over someone else’s change says so, offers Reload, and keeps what was typed', async () => {
    const client = httpClient();
    const el = await mount(client, {section: 'contacts'});
    // Another user changes the customer after it was loaded here.
    const other = httpClient(DEMO_USERS.resellerAdmin);
    const {etag} = await other.getOrganization(RESELLER, CUSTOMER);
    await other.updateOrganization(RESELLER, CUSTOMER, {description: 'Changed elsewhere'}, etag);
    button(el, 'Add contact').click();
    await el.updateComplete;
    const form = root(el).querySelector<HTMLDialogElement>('dialog.contact-form')!;
    await waitUntil(() => form.open, 'the form did not open', WAIT);
    await typeInto(form.querySelector<HTMLInputElement>('input[name="firstName"]')!, 'Grace');
    await typeInto(form.querySelector<HTMLInputElement>('input[name="lastName"]')!, 'Hopper');
    await typeInto(form.querySelector<HTMLInputElement>('input[name="email"]')!, 'grace@example.com');
    button(el, 'Add contact', form).click();
    await waitUntil(() => text(part(el, 'notice')).includes('someone else changed'), 'no conflict notice', WAIT);
    expect(form.open).to.equal(true);
    expect(form.querySelector<HTMLInputElement>('input[name="firstName"]')!.value).to.equal('Grace');
    expect(text(form)).to.contain('changed');
    // Reload, then the same contact saves.
    button(el, 'Cancel', form).click();
    button(el, 'Reload').click();
    await waitUntil(() => text(panel(el)) !== '' && !part(el, 'notice'), 'the reload did not finish', WAIT);
    await client.addContact(RESELLER, CUSTOMER, {role: 'other', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: '', fax: ''}, (await client.getOrganization(RESELLER, CUSTOMER)).etag);
  });

  it('while offline, the controls that write are disabled and say why', async () => {
    const client = httpClient();
    const el = await mount(client, {section: 'contacts'});
    window.dispatchEvent(new Event('offline'));
    Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
    try {
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => button(el, 'Add contact').disabled, 'Add contact stayed enabled', WAIT);
      expect(text(part(el, 'write-blocked'))).to.contain('offline');
      expect(button(el, 'Suspend…').disabled).to.equal(true);
    } finally {
      Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => true});
      window.dispatchEvent(new Event('online'));
    }
    await waitUntil(() => !button(el, 'Add contact').disabled, 'Add contact stayed disabled', WAIT);
  });
});

describe('customer-details lifecycle', () => {
  it('suspends through the confirmation naming the customer and the acting tenant, then deletes once the name is typed', async () => {
    const client = localClient();
    const el = await mount(client);
    const {value: org} = await client.getOrganization(RESELLER, CUSTOMER);
    button(el, 'Suspend…').click();
    await waitUntil(() => lifecycleDialog(el)?.shadowRoot?.querySelector('dialog[open]'), 'no confirmation', WAIT);
    const dialog = lifecycleDialog(el).shadowRoot;
    const question = text(dialog.querySelector('[part~="question"]'));
    expect(question).to.contain(org.name);
    expect(question).to.contain((await client.resolveTenant(RESELLER, RESELLER.tenantId)).name);
    await waitUntil(() => dialog.querySelector('[part~="impact"]') !== null, 'no impact', WAIT);
    dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
    await waitUntil(() => part(el, 'status')?.dataset.status === 'suspended', 'the status did not change', WAIT);
    const log = await client.listAuditLog(RESELLER, {organizationId: CUSTOMER});
    expect(log.items[0].action).to.equal('suspend');

    button(el, 'Delete…').click();
    await waitUntil(() => dialog.querySelector('dialog[open] [part~="confirm-input"]'), 'no delete confirmation', WAIT);
    const confirm = dialog.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!;
    expect(confirm.disabled).to.equal(true);
    const input = dialog.querySelector<HTMLInputElement>('[part~="confirm-input"]')!;
    input.value = org.name;
    input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await waitUntil(() => !confirm.disabled, 'Delete stayed disabled', WAIT);
    confirm.click();
    await waitUntil(() => text(part(el, 'notice')).includes('was deleted'), 'no deleted notice', WAIT);
    expect(part(el, 'title')).to.equal(null);
  });
});
