/**
 * `<customer-details>` end to end in real Chromium: a real data worker on the embedded backend
 * (each test its own namespace and cache), real IndexedDB, real keyboard focus, axe-core in each
 * state. Faults at the network edge are in customer-details.hostile.test.ts.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {ContractOpenDetail, OrganizationEditDetail} from './customer-details.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {CUSTOMER, DISTRIBUTOR, RESELLER, SIZE, WAIT, button, cleanup, localClient, mount, panel, part, parts, root, text, typeInto} from '../testing/details-testing.js';
import type {CustomerDetails} from './customer-details.js';

afterEach(cleanup);

const rows = (el: CustomerDetails): HTMLTableRowElement[] => [...panel(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const dialog = (el: CustomerDetails, cls: string): HTMLDialogElement => root(el).querySelector<HTMLDialogElement>(`dialog.${cls}`)!;

describe('customer-details', () => {
  it('shows the header (name, status, path from the acting tenant, acting-tenant guard, actions) and the profile, and is accessible', async () => {
    const client = localClient();
    const el = await mount(client);
    const {value: org} = await client.getOrganization(RESELLER, CUSTOMER);
    expect(text(part(el, 'title'))).to.equal(org.name);
    expect(part(el, 'status')!.dataset.status).to.equal(org.status);
    const path = parts(el, 'path-item').map(text);
    expect(path[0]).to.equal((await client.resolveTenant(RESELLER, RESELLER.tenantId)).name);
    expect(path.at(-1)).to.equal(org.name);
    expect(part(el, 'scope')).to.exist;
    expect(button(el, 'Edit')).to.exist;
    expect(button(el, 'Suspend…')).to.exist;
    // Delete only once suspended.
    expect(() => button(el, 'Delete…')).to.throw();
    // Every group the wizard enters, read-only.
    const groups = [...panel(el).querySelectorAll('h3')].map(text);
    expect(groups).to.deep.equal(['Organization', 'Company and billing', 'Contacts and people', 'Microsoft account and Azure', 'Plan and services', 'Collection schedules', 'Notifications', 'Sales representatives']);
    expect(text(panel(el))).to.contain(org.companyAddress!.city);
    await waitUntil(() => part(el, 'console-link') !== null, 'no console link', WAIT);
    const console = part(el, 'console-link') as HTMLAnchorElement;
    expect(console.target).to.equal('_blank');
    expect(console.rel).to.equal('noopener noreferrer');
    expect(new URL(console.href).protocol).to.equal('https:');
    await expect(el).to.be.accessible();
  });

  it('moves between sections with the arrow keys, Home and End (WAI-ARIA tabs), telling the host each time', async () => {
    const el = await mount(localClient());
    const chosen: string[] = [];
    el.addEventListener('tenantry-details-section', (e) => chosen.push(e.detail.section));
    root(el).querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!.focus();
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    expect(el.section).to.equal('contacts');
    expect(root(el).activeElement?.getAttribute('data-section')).to.equal('contacts');
    await sendKeys({press: 'End'});
    await el.updateComplete;
    expect(el.section).to.equal('audit');
    await sendKeys({press: 'Home'});
    await el.updateComplete;
    expect(el.section).to.equal('profile');
    expect(chosen).to.deep.equal(['contacts', 'audit', 'profile']);
    const selected = root(el).querySelectorAll('[role="tab"][aria-selected="true"]');
    expect(selected.length).to.equal(1);
    expect(panel(el).getAttribute('aria-labelledby')).to.equal('tab-profile');
  });

  it('Edit asks the host to open the wizard; with href-template it is a link to /organization/:id/edit', async () => {
    const client = localClient();
    const el = await mount(client);
    let edit: OrganizationEditDetail | null = null;
    el.addEventListener('tenantry-organization-edit', (e) => (edit = e.detail));
    button(el, 'Edit').click();
    expect(edit).to.deep.include({organizationId: CUSTOMER, scopeTenantId: RESELLER.tenantId});
    el.hrefTemplate = '#/organization/{id}/{view}';
    await el.updateComplete;
    expect(root(el).querySelector<HTMLAnchorElement>('a[part~="action"]')!.getAttribute('href')).to.equal(`#/organization/${CUSTOMER}/edit`);
  });

  it('adds a contact after checking it by the server’s rules, and the audit log shows who added it', async () => {
    const client = localClient();
    const el = await mount(client, {section: 'contacts'});
    expect(rows(el).length).to.equal(2);
    button(el, 'Add contact').click();
    await el.updateComplete;
    const form = dialog(el, 'contact-form');
    await waitUntil(() => form.open, 'the form did not open', WAIT);
    const input = (name: string): HTMLInputElement => form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    await typeInto(input('firstName'), 'Ada');
    await typeInto(input('lastName'), 'Lovelace');
    await typeInto(input('email'), 'ada at example');
    await waitUntil(() => text(form.querySelector('#contact-email-error')) !== '', 'no error for the email', WAIT);
    expect(input('email').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await typeInto(input('email'), 'ada@example.com');
    button(el, 'Add contact', form).click();
    await waitUntil(() => rows(el).length === 3, 'the contact was not added', WAIT);
    expect(form.open).to.equal(false);
    expect(text(panel(el))).to.contain('Ada Lovelace');
    const log = await client.listAuditLog(RESELLER, {organizationId: CUSTOMER});
    expect(log.items[0]).to.deep.include({action: 'contact-add', actorId: DEMO_USERS.distributorAdmin});
    expect(log.items[0].subject).to.contain('Ada Lovelace');
  });

  it('edits a contact, and deletes one after a confirmation naming it; the only primary contact cannot be deleted', async () => {
    const client = localClient();
    const el = await mount(client, {section: 'contacts'});
    const primaryRow = rows(el).find((r) => text(r).includes('Primary'))!;
    const deletePrimary = [...primaryRow.querySelectorAll('button')].find((b) => text(b) === 'Delete')!;
    expect(deletePrimary.disabled).to.equal(true);
    expect(deletePrimary.title).to.contain('primary');

    const billingRow = rows(el).find((r) => text(r).includes('Billing'))!;
    [...billingRow.querySelectorAll('button')].find((b) => text(b) === 'Edit')!.click();
    await el.updateComplete;
    const form = dialog(el, 'contact-form');
    await waitUntil(() => form.open, 'the form did not open', WAIT);
    await typeInto(form.querySelector<HTMLInputElement>('input[name="phone"]')!, '+1 212 555 0142');
    button(el, 'Save contact', form).click();
    await waitUntil(() => text(rows(el).find((r) => text(r).includes('Billing'))) .includes('555 0142'), 'the phone was not saved', WAIT);

    const again = rows(el).find((r) => text(r).includes('Billing'))!;
    [...again.querySelectorAll('button')].find((b) => text(b) === 'Delete')!.click();
    await el.updateComplete;
    const confirm = dialog(el, 'contact-delete');
    await waitUntil(() => confirm.open, 'no confirmation', WAIT);
    expect(text(confirm.querySelector('h3'))).to.equal('Delete Accounts Payable?');
    await expect(el).to.be.accessible();
    button(el, 'Delete contact', confirm).click();
    await waitUntil(() => rows(el).length === 1, 'the contact was not deleted', WAIT);
    const log = await client.listAuditLog(RESELLER, {organizationId: CUSTOMER});
    expect(log.items.map((e) => e.action).slice(0, 2)).to.deep.equal(['contact-delete', 'contact-update']);
  });

  it('adds and removes people with the user picker, and saves the run-as account; each change is one audited write', async () => {
    const client = localClient();
    const el = await mount(client, {section: 'people'});
    const picker = (role: string): HTMLElement & {shadowRoot: ShadowRoot} => panel(el).querySelector(`[data-role="${role}"] tenantry-user-combobox`) as HTMLElement & {shadowRoot: ShadowRoot};
    await waitUntil(() => picker('reader')?.shadowRoot?.querySelector('input'), 'no reader picker', WAIT);
    const before = (await client.getOrganization(RESELLER, CUSTOMER)).value.readers.map((u) => u.id);
    const candidate = (await client.listUsers(RESELLER, '', 50)).find((u) => !before.includes(u.id))!;
    picker('reader').shadowRoot.querySelector('input')!.focus();
    await sendKeys({type: candidate.displayName});
    await waitUntil(() => picker('reader').shadowRoot.querySelector('[role="option"]'), 'no options', WAIT);
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'Enter'});
    await waitUntil(async () => (await client.getOrganization(RESELLER, CUSTOMER)).value.readers.some((u) => u.id === candidate.id), 'the reader was not added', WAIT);
    await waitUntil(() => text(panel(el)).includes('Organization readers: saved.'), 'no confirmation', WAIT);
    const remove = picker('reader').shadowRoot.querySelector<HTMLButtonElement>(`[aria-label="Remove reader ${candidate.displayName}"], [part~="token-remove"][aria-label$="${candidate.displayName}"]`)!;
    remove.click();
    await waitUntil(async () => !(await client.getOrganization(RESELLER, CUSTOMER)).value.readers.some((u) => u.id === candidate.id), 'the reader was not removed', WAIT);

    const runAs = [...panel(el).querySelectorAll<HTMLInputElement>('input')].find((i) => i.closest('label')?.textContent?.includes('Run-as account'))!;
    await typeInto(runAs, 'svc-collect@contoso.com');
    await el.updateComplete;
    button(el, 'Save run-as account').click();
    await waitUntil(async () => (await client.getOrganization(RESELLER, CUSTOMER)).value.runAsAccount === 'svc-collect@contoso.com', 'the run-as account was not saved', WAIT);
    const log = await client.listAuditLog(RESELLER, {organizationId: CUSTOMER, action: 'people-change'});
    expect(log.items.length).to.equal(3);
    await expect(el).to.be.accessible();
  });

  it('lists the customer’s linked accounts from the accounts view, unassigns one after the confirmation naming it, and assigns it again by search', async () => {
    const client = localClient();
    // A customer of the reseller with a dedicated account (it serves that customer alone).
    const view = await client.openAccountsView(RESELLER, {type: 'dedicated', sort: [{key: 'name', dir: 'asc'}]});
    client.closeAccountsView(view.viewId);
    const account = (view.firstRows ?? []).find((a) => a.customerCount === 1)!;
    expect(account, 'a dedicated account').to.exist;
    const customer = account.customers[0];
    const el = await mount(client, {id: customer.id, section: 'linked-accounts'});
    const row = (): HTMLTableRowElement | null => panel(el).querySelector<HTMLTableRowElement>(`tr[data-account-id="${account.id}"]`);
    await waitUntil(() => row() !== null, 'the account is not listed', WAIT);
    const {value: org} = await client.getOrganization(RESELLER, customer.id);
    expect(panel(el).querySelectorAll('tbody tr').length).to.equal(org.linkedAccountCount);
    button(el, `Unassign ${account.name}`).click();
    await el.updateComplete;
    const confirm = panel(el).querySelector('[part~="confirm"]')!;
    expect(text(confirm)).to.contain(account.name);
    expect(text(confirm)).to.contain(org.name);
    await expect(el).to.be.accessible();
    confirm.querySelector<HTMLButtonElement>('[part~="confirm-unassign"]')!.click();
    await waitUntil(() => row() === null, 'the account stayed listed', WAIT);
    const log = await client.listAuditLog(RESELLER, {organizationId: customer.id});
    expect(log.items[0].fields).to.deep.equal(['linkedAccounts']);

    const search = panel(el).querySelector<HTMLInputElement>('[part~="assign-account"] input')!;
    await typeInto(search, account.providerAccountId);
    await waitUntil(() => panel(el).querySelector(`[aria-label="Assign ${account.name} to ${org.name}"]`), 'the account was not offered', WAIT);
    panel(el).querySelector<HTMLButtonElement>(`[aria-label="Assign ${account.name} to ${org.name}"]`)!.click();
    await waitUntil(() => row() !== null, 'the account was not assigned again', WAIT);
    await expect(el).to.be.accessible();
  });

  it('opens a contract through an event the host routes, and filters contracts by status', async () => {
    const client = localClient();
    const el = await mount(client, {section: 'contracts'});
    await waitUntil(() => rows(el).length > 0 || text(panel(el)).includes('No contracts'), 'contracts did not load', WAIT);
    const {value: org} = await client.getOrganization(RESELLER, CUSTOMER);
    expect(rows(el).length).to.equal(org.contracts.length);
    if (org.contracts.length) {
      let opened: ContractOpenDetail | null = null;
      el.addEventListener('tenantry-contract-open', (e) => (opened = e.detail));
      rows(el)[0].querySelector<HTMLButtonElement>('button.link')!.click();
      expect(opened).to.deep.include({organizationId: CUSTOMER, scopeTenantId: RESELLER.tenantId});
      const status = org.contracts[0].status;
      const filter = [...panel(el).querySelectorAll<HTMLButtonElement>('[part~="filter"]')].find((b) => text(b).toLowerCase().startsWith(status))!;
      filter.click();
      await waitUntil(() => filter.getAttribute('aria-pressed') === 'true' && rows(el).length === org.contracts.filter((c) => c.status === status).length, 'the filter did not apply', WAIT);
    }
    await expect(el).to.be.accessible();
  });

  it('starts an onboarding task and shows its new state', async () => {
    const client = localClient();
    // A customer with a startable task still to do (about one in seven is still onboarding).
    let id = '';
    for (let i = 1; i <= SIZE && !id; i++) {
      const candidate = `cus-${String(i).padStart(6, '0')}`;
      const org = await client.getOrganization(DISTRIBUTOR, candidate).catch(() => null);
      if (org?.value.onboardingTasks.some((t) => t.startable && t.state === 'todo')) id = candidate;
    }
    expect(id, 'a customer with a task to start').to.not.equal('');
    const el = await mount(client, {id, section: 'onboarding', scope: DISTRIBUTOR});
    const start = [...panel(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === 'Start');
    expect(start, 'a startable task').to.exist;
    const title = start!.getAttribute('aria-label')!.replace(/^Start: /, '');
    start!.click();
    await waitUntil(() => [...panel(el).querySelectorAll('[part~="task"]')].some((li) => text(li).includes(title) && (li as HTMLElement).dataset.state === 'in-progress'), 'the task did not start', WAIT);
    const log = await client.listAuditLog(DISTRIBUTOR, {organizationId: id});
    expect(log.items[0].action).to.equal('onboarding-start');
    expect(log.items[0].subject).to.contain(title);
  });

  it('reads a customer’s orders page by page', async () => {
    const el = await mount(localClient(), {section: 'orders'});
    await waitUntil(() => rows(el).length > 0 || text(panel(el)).includes('No orders'), 'orders did not load', WAIT);
    const more = [...panel(el).querySelectorAll<HTMLButtonElement>('[part~="more"]')][0];
    if (more) {
      const before = rows(el).length;
      more.click();
      await waitUntil(() => rows(el).length > before, 'the next page did not load', WAIT);
    }
    expect(panel(el).querySelector('thead')?.textContent).to.contain('Order');
    await expect(el).to.be.accessible();
  });

  it('lists the audit log newest first, filtered by action, and a write appears in it', async () => {
    const client = localClient();
    // No view is open: the client's own writes elsewhere reach the details all the same.
    const el = await mount(client, {section: 'audit'});
    const {etag} = await client.getOrganization(RESELLER, CUSTOMER);
    await client.updateOrganization(RESELLER, CUSTOMER, {description: 'Renewed in March'}, etag);
    await client.changePeople(RESELLER, CUSTOMER, {role: 'run-as', account: 'svc-audit@contoso.com'}, (await client.getOrganization(RESELLER, CUSTOMER)).etag);
    const entries = (): HTMLElement[] => parts(el, 'audit-row').filter((r) => !r.hidden);
    await waitUntil(() => entries().length >= 2, 'the writes are not in the log', WAIT);
    expect(text(entries()[0])).to.contain('Changed people');
    expect(text(entries()[1])).to.contain('Changed');
    expect(text(entries()[1])).to.contain('description');
    const select = panel(el).querySelector<HTMLSelectElement>('select')!;
    select.value = 'update';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => entries().length === 1, 'the filter did not apply', WAIT);
    expect(text(entries()[0])).to.contain('Changed');
    expect(panel(el).querySelector('[role="table"]')!.getAttribute('aria-rowcount')).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('shows a move made elsewhere (the grid, another tab) without being asked', async () => {
    const client = localClient();
    const el = await mount(client);
    // A view of the reseller is open (as the grid's would be), so the move reaches it.
    await client.openView(RESELLER, {});
    const {etag} = await client.getOrganization(RESELLER, CUSTOMER);
    await client.transitionOrganization(RESELLER, CUSTOMER, 'suspend', etag);
    await waitUntil(() => part(el, 'status')!.dataset.status === 'suspended', 'the move did not show', WAIT);
    expect(button(el, 'Delete…')).to.exist;
    expect(button(el, 'Resume…')).to.exist;
  });

  it('a customer administrator sees no lifecycle actions', async () => {
    const client = localClient(DEMO_USERS.customerAdmin);
    const el = await fixture<CustomerDetails>(html`<customer-details .client=${client} .scope=${{tenantId: CUSTOMER}} organization-id=${CUSTOMER}></customer-details>`);
    await waitUntil(() => part(el, 'title') !== null, 'no header', WAIT);
    await el.updateComplete;
    expect(parts(el, 'action').map(text).filter((t) => t.endsWith('…'))).to.deep.equal([]);
  });
});
