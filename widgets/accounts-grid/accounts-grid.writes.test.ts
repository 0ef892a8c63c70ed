/**
 * `<accounts-grid>` writes, end to end in real Chromium: assign and unassign through the panel (the
 * audit log records each, the row's customer count changes), a dedicated account refused a second
 * customer with the server's words, writes waiting with the reason while offline, an exclude rule
 * checked before it is sent, and a change someone else made meanwhile (412 at the network edge,
 * msw) offering Reload.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {SetupWorker} from 'msw/browser';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import type {DataClient} from '../../src/page/data-client.js';
import type {AccountsGrid} from './accounts-grid.js';
import {DISTRIBUTOR, SIZE, WAIT, assignTo, button, cell, cleanup, dataRows, filter, goOffline, httpClient, localClient, mount, openRow, panel, part, parts, root, search, settled, text} from '../testing/accounts-testing.js';

let msw: SetupWorker | null = null;
/** Answers a request before the server does; `undefined` lets the server answer. */
let intercept: (request: Request, path: string) => Response | undefined | Promise<Response | undefined> = () => undefined;

before(async () => {
  const handle = embeddedRestHandler(SIZE, 'accounts-writes');
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

/** A customer of the distributor's view that the account in the panel does not serve yet. */
async function otherCustomer(client: DataClient, el: AccountsGrid): Promise<{id: string; name: string}> {
  const named = new Set(parts(el, 'customer').map((li) => li.dataset.customerId));
  const {hits} = await client.searchTenants(DISTRIBUTOR, {text: 'a', limit: 50, kinds: ['customer']});
  // A name no other customer starts with, so the option picked is the one meant.
  const hit = hits.find((h) => !named.has(h.id) && hits.filter((o) => o.name.startsWith(h.name)).length === 1);
  if (!hit) throw new Error('no customer to assign');
  return {id: hit.id, name: hit.name};
}

const countOf = (row: HTMLElement | undefined): number => Number(text(row?.querySelector('[part~="customer-count"]')));

describe('accounts-grid states over REST', () => {
  it('says it is loading, then why the accounts could not be loaded, and Retry loads them', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let failing = true;
    intercept = async (request, path) => {
      if (request.method !== 'GET' || path !== 'accounts' || !failing) return undefined;
      await gate;
      return HttpResponse.json({code: 'unavailable', message: 'The accounts service is down for maintenance.'}, {status: 503});
    };
    const el = await fixture<AccountsGrid>(html`<accounts-grid .client=${httpClient()} .scope=${DISTRIBUTOR}></accounts-grid>`);
    await waitUntil(() => text(part(el, 'state')).includes('Loading accounts'), 'no loading state', WAIT);
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => text(part(el, 'state')).includes('Couldn’t load accounts'), 'no error state', WAIT);
    expect(part(el, 'state')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    failing = false;
    button(el, 'Retry').click();
    await waitUntil(() => dataRows(el).length > 0, 'Retry did not load the accounts', WAIT);
  });
});

describe('accounts-grid writes', () => {
  it('assigns a shared account to a customer and unassigns it after a confirmation; each is audited and the row’s count follows', async () => {
    const client = localClient();
    const el = await mount(client);
    await filter(el, 'type', 'shared');
    await waitUntil(() => dataRows(el).length > 0 && dataRows(el).every((r) => cell(r, 'type') === 'Shared'), 'no shared accounts', WAIT);
    await settled(el);
    const row = dataRows(el)[0];
    const id = row.dataset.accountId!;
    const name = cell(row, 'name');
    const before = countOf(row);
    await openRow(el, row);
    const customer = await otherCustomer(client, el);
    await expect(el).to.be.accessible();

    await assignTo(el, customer.name);
    await waitUntil(() => parts(el, 'customer').some((li) => li.dataset.customerId === customer.id), 'the customer did not join the panel', WAIT);
    const rowOf = (): HTMLElement | undefined => dataRows(el).find((r) => r.dataset.accountId === id);
    await waitUntil(() => countOf(rowOf()) === before + 1, 'the row’s count did not change', WAIT);
    let audit = await client.listAuditLog(DISTRIBUTOR, {organizationId: customer.id});
    expect(audit.items[0].subject).to.equal(`Linked account “${name}” assigned`);
    expect(text(root(el).querySelector('[role="status"][aria-atomic]'))).to.contain(`assigned to ${customer.name}`);

    button(el, `Unassign from ${customer.name}`).click();
    await waitUntil(() => part(el, 'confirm'), 'no confirmation', WAIT);
    expect(text(part(el, 'confirm'))).to.contain(`Unassign “${name}” from “${customer.name}”?`);
    await waitUntil(() => root(el).activeElement === part(el, 'confirm-unassign'), 'focus is not on the confirmation', WAIT);
    await expect(el).to.be.accessible();
    part(el, 'confirm-unassign')!.click();
    await waitUntil(() => !parts(el, 'customer').some((li) => li.dataset.customerId === customer.id), 'the customer stayed in the panel', WAIT);
    await waitUntil(() => countOf(rowOf()) === before, 'the row’s count did not come back', WAIT);
    audit = await client.listAuditLog(DISTRIBUTOR, {organizationId: customer.id});
    expect(audit.items[0].subject).to.equal(`Linked account “${name}” unassigned`);
  });

  it('refuses a second customer for a dedicated account, in the server’s words', async () => {
    const client = localClient();
    const el = await mount(client);
    await filter(el, 'type', 'dedicated');
    await waitUntil(() => dataRows(el).length > 0 && dataRows(el).every((r) => cell(r, 'type') === 'Dedicated'), 'no dedicated accounts', WAIT);
    await settled(el);
    const row = dataRows(el)[0];
    const name = cell(row, 'name');
    await openRow(el, row);
    const customer = await otherCustomer(client, el);
    await assignTo(el, customer.name);
    await waitUntil(() => part(el, 'refusal'), 'no refusal', WAIT);
    expect(text(part(el, 'refusal'))).to.contain(`“${name}” is a dedicated account`);
    expect(part(el, 'refusal')!.getAttribute('role')).to.equal('alert');
    expect(parts(el, 'customer').some((li) => li.dataset.customerId === customer.id)).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('makes a shared account dedicated, and refuses that while it serves two customers, saying why', async () => {
    const client = localClient();
    const el = await mount(client);
    await filter(el, 'type', 'shared');
    await waitUntil(() => dataRows(el).length > 1 && dataRows(el).every((r) => cell(r, 'type') === 'Shared'), 'no shared accounts', WAIT);
    await settled(el);
    // Two shared accounts that serve one customer each (others serve several of a reseller's).
    const [first, second] = dataRows(el).filter((r) => countOf(r) === 1);
    expect(second, 'two shared accounts of one customer in view').to.not.equal(undefined);
    const secondId = second.dataset.accountId!;
    const name = cell(first, 'name');
    await openRow(el, first);
    const customer = await otherCustomer(client, el);
    await assignTo(el, customer.name);
    await waitUntil(() => parts(el, 'customer').some((li) => li.dataset.customerId === customer.id), 'the customer did not join the panel', WAIT);
    await waitUntil(() => countOf(dataRows(el).find((r) => r.dataset.accountId === first.dataset.accountId)) === 2, 'the row does not count two customers', WAIT);
    button(el, 'Make dedicated').click();
    await waitUntil(() => part(el, 'refusal'), 'no refusal', WAIT);
    expect(text(part(el, 'refusal'))).to.contain(`“${name}” serves 2 customers; a dedicated account serves one`);
    expect(text(root(el).querySelector('[data-field="type"]'))).to.equal('Shared');
    await expect(el).to.be.accessible();

    // One customer: made dedicated, and the row (now filtered out as shared) leaves the view.
    button(el, 'Close account').click();
    await waitUntil(() => !panel(el), 'the panel did not close', WAIT);
    await openRow(el, dataRows(el).find((r) => r.dataset.accountId === secondId)!);
    button(el, 'Make dedicated').click();
    await waitUntil(() => text(root(el).querySelector('[data-field="type"]')) === 'Dedicated', 'the account did not become dedicated', WAIT);
    await waitUntil(() => !dataRows(el).some((r) => r.dataset.accountId === secondId), 'the row stayed among shared accounts', WAIT);
  });

  it('checks the exclude rule before sending it, then saves it', async () => {
    const client = localClient();
    const el = await mount(client);
    await filter(el, 'type', 'dedicated');
    await settled(el);
    await search(el, '');
    const row = dataRows(el).find((r) => cell(r, 'autoAssigned') === 'Yes');
    expect(row, 'a dedicated, auto-assigned account').to.not.equal(undefined);
    await openRow(el, row!);
    const input = part(el, 'exclude-rule-input') as HTMLInputElement;
    input.value = 'name:*-sandbox\u202e';
    input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await el.updateComplete;
    part(el, 'exclude-rule-save')!.click();
    await waitUntil(() => part(el, 'rule-issue'), 'the hidden character was not caught', WAIT);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    input.value = 'name:*-test';
    input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await el.updateComplete;
    part(el, 'exclude-rule-save')!.click();
    await waitUntil(() => dataRows(el).some((r) => r.dataset.accountId === row!.dataset.accountId && cell(r, 'excludeRule') === 'name:*-test'), 'the rule did not reach the row', WAIT);
  });

  it('while offline, disables every write and says why', async () => {
    const el = await mount(localClient());
    await settled(el);
    await openRow(el, dataRows(el)[0]);
    const online = goOffline();
    try {
      await waitUntil(() => (part(el, 'assign-input') as HTMLInputElement).disabled, 'the assign box stayed enabled', WAIT);
      expect(text(panel(el))).to.contain('You are offline');
      expect((part(el, 'type-button') as HTMLButtonElement).disabled).to.equal(true);
      expect(parts(el, 'unassign-button').every((b) => (b as HTMLButtonElement).disabled)).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      online();
    }
    await waitUntil(() => !(part(el, 'assign-input') as HTMLInputElement).disabled, 'the assign box stayed disabled', WAIT);
  });

  it('a change someone else made meanwhile (412) says so and offers Reload', async () => {
    const client = httpClient();
    const el = await mount(client);
    await settled(el);
    const row = dataRows(el)[0];
    await openRow(el, row);
    intercept = (request, path) =>
      request.method === 'PATCH' && path.startsWith('accounts/')
        ? HttpResponse.json({code: 'version-conflict', message: 'The account was changed by someone else since you opened it.'}, {status: 412})
        : undefined;
    (part(el, 'type-button') as HTMLButtonElement).click();
    await waitUntil(() => part(el, 'refusal'), 'no refusal', WAIT);
    expect(text(part(el, 'refusal'))).to.contain('changed by someone else');
    await expect(el).to.be.accessible();
    intercept = () => undefined;
    part(el, 'reload-button')!.click();
    await waitUntil(() => !part(el, 'refusal'), 'Reload did not clear the refusal', WAIT);
    expect(text(part(el, 'panel-title'))).to.equal(cell(row, 'name'));
  });
});
