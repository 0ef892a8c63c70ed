/**
 * `<accounts-grid>` in real Chromium on the embedded backend (a fresh store and cache per test):
 * virtual rows, search by account ID and by a customer's name, sort, filters, the grid keyboard,
 * opening an account, hostile names as text, a customer administrator's read-only panel, and axe
 * in each state.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {DISTRIBUTOR, RESELLER, WAIT, allRows, button, cell, cleanup, dataRows, filter, grid, localClient, mount, openRow, panel, part, root, search, settled, text, total} from '../testing/accounts-testing.js';

afterEach(() => cleanup());

describe('accounts-grid', () => {
  it('renders virtual rows: 2,000 and more accounts keep the DOM small while scrolling', async () => {
    const el = await mount(localClient({organizations: 2000}));
    await settled(el);
    expect(total(el)).to.be.greaterThan(2000);
    expect(text(part(el, 'summary'))).to.match(/^[\d,]+ accounts in /);
    expect(allRows(el).length).to.be.lessThan(80);
    const first = dataRows(el)[0];
    expect(first.getAttribute('aria-rowindex')).to.equal('2');
    expect(cell(first, 'name')).to.not.equal('');
    expect(cell(first, 'providerAccountId')).to.not.equal('');
    expect(cell(first, 'type')).to.match(/^(Shared|Dedicated)$/);
    await expect(el).to.be.accessible();

    const viewport = part(el, 'viewport')!;
    viewport.scrollTop = 40 * 1500;
    await waitUntil(() => dataRows(el).some((r) => Number(r.getAttribute('aria-rowindex')) > 1500), 'rows far down did not render', WAIT);
    expect(allRows(el).length).to.be.lessThan(80);
    // Only the active row (kept for focus) stays from the top.
    expect(dataRows(el).filter((r) => Number(r.getAttribute('aria-rowindex')) < 1400).map((r) => r.getAttribute('aria-rowindex'))).to.deep.equal(['2']);
  });

  it('finds an account by its provider account ID', async () => {
    const el = await mount(localClient());
    await settled(el);
    const row = dataRows(el)[3];
    const id = cell(row, 'providerAccountId');
    const name = cell(row, 'name');
    await search(el, id);
    await waitUntil(() => dataRows(el).length > 0 && dataRows(el).every((r) => cell(r, 'providerAccountId').includes(id)), 'the account ID did not narrow the rows', WAIT);
    expect(dataRows(el).some((r) => cell(r, 'name') === name)).to.equal(true);
    expect(text(part(el, 'summary'))).to.match(/^[\d,]+ of [\d,]+ accounts/);
  });

  it('finds the accounts of a customer by its name and says which customer they are assigned to', async () => {
    const client = localClient();
    const el = await mount(client);
    await settled(el);
    const customer = (await client.searchTenants(DISTRIBUTOR, {text: '', limit: 5, kinds: ['customer'], parentId: DEMO_TENANTS.reseller})).hits[0];
    await search(el, customer.name);
    await waitUntil(() => dataRows(el).some((r) => cell(r, 'customers').includes(`assigned to ${customer.name}`)), 'no row said "assigned to"', WAIT);
    expect(part(el, 'matched-customer')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sorts by a column header, saying so with aria-sort', async () => {
    const el = await mount(localClient());
    await settled(el);
    const header = root(el).querySelector<HTMLElement>('[role="columnheader"][data-key="customers"]')!;
    expect(root(el).querySelector('[role="columnheader"][data-key="name"]')!.getAttribute('aria-sort')).to.equal('ascending');
    header.click();
    await waitUntil(() => header.getAttribute('aria-sort') === 'ascending', 'no aria-sort', WAIT);
    header.click();
    await waitUntil(() => header.getAttribute('aria-sort') === 'descending', 'not descending', WAIT);
    await settled(el);
    await waitUntil(() => {
      const counts = dataRows(el).map((r) => Number(text(r.querySelector('[part~="customer-count"]'))));
      return counts.length > 1 && counts.every((c, i) => i === 0 || counts[i - 1] >= c);
    }, 'rows are not by customers, most first', WAIT);
    expect(root(el).querySelector('[role="columnheader"][data-key="name"]')!.hasAttribute('aria-sort')).to.equal(false);
  });

  it('filters by type and provider, and says when no account is unassigned', async () => {
    const el = await mount(localClient());
    await settled(el);
    const all = total(el);
    await filter(el, 'type', 'dedicated');
    await waitUntil(() => total(el) < all && dataRows(el).length > 0 && dataRows(el).every((r) => cell(r, 'type') === 'Dedicated'), 'not only dedicated accounts', WAIT);
    await filter(el, 'provider', 'aws');
    await waitUntil(() => dataRows(el).length > 0 && dataRows(el).every((r) => cell(r, 'type') === 'Dedicated' && cell(r, 'provider') === 'AWS'), 'not only dedicated AWS accounts', WAIT);
    await filter(el, 'unassigned', true);
    // Every demo account serves a customer.
    await waitUntil(() => text(part(el, 'state')).includes('No accounts match these filters'), 'no no-match state', WAIT);
    await expect(el).to.be.accessible();
    button(el, 'Clear filters').click();
    await waitUntil(() => total(el) === all, 'the filters did not clear', WAIT);
  });

  it('moves the active cell with the grid keys and opens an account with Enter', async () => {
    const el = await mount(localClient());
    await settled(el);
    const opened: string[] = [];
    el.addEventListener('tenantry-account-open', (e) => opened.push(e.detail.accountId));
    const active = (): HTMLElement => root(el).activeElement as HTMLElement;
    root(el).querySelector<HTMLElement>('[role="gridcell"][data-r="1"][data-c="0"]')!.focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => active()?.dataset.r === '2', 'ArrowDown did not move', WAIT);
    await sendKeys({press: 'ArrowRight'});
    await waitUntil(() => active()?.dataset.c === '1', 'ArrowRight did not move', WAIT);
    await sendKeys({press: 'End'});
    await waitUntil(() => active()?.dataset.c === '7', 'End did not move to the last column', WAIT);
    await sendKeys({press: 'Home'});
    await waitUntil(() => active()?.dataset.c === '0', 'Home did not move to the first column', WAIT);
    await sendKeys({press: 'PageDown'});
    await waitUntil(() => Number(active()?.dataset.r) > 3, 'PageDown did not move a page', WAIT);
    await sendKeys({press: 'Control+End'});
    await waitUntil(() => Number(active()?.dataset.r) === total(el), 'Ctrl+End did not move to the last row', WAIT);
    await sendKeys({press: 'Control+Home'});
    await waitUntil(() => active()?.dataset.r === '0' && active()?.getAttribute('role') === 'columnheader', 'Ctrl+Home did not reach the header', WAIT);
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => active()?.dataset.r === '1', 'back to the first row', WAIT);
    const id = dataRows(el)[0].dataset.accountId!;
    await sendKeys({press: 'Enter'});
    await waitUntil(() => panel(el), 'Enter did not open the account', WAIT);
    expect(opened).to.deep.equal([id]);
    await waitUntil(() => root(el).activeElement === part(el, 'panel-title'), 'focus did not move to the panel', WAIT);
    expect(dataRows(el)[0].getAttribute('part')).to.contain('open-row');
    await sendKeys({press: 'Escape'});
    await waitUntil(() => !panel(el), 'Escape did not close the panel', WAIT);
    await waitUntil(() => active()?.dataset.r === '1', 'focus did not return to the row', WAIT);
  });

  it('opens an account in a side panel with its customers as links, "and N more" from the count', async () => {
    const el = await mount(localClient());
    await settled(el);
    const row = dataRows(el)[0];
    const p = await openRow(el, row);
    expect(text(part(el, 'panel-title'))).to.equal(cell(row, 'name'));
    expect(text(p)).to.contain(cell(row, 'providerAccountId'));
    const links = [...p.querySelectorAll<HTMLAnchorElement>('[part~="customer-link"]')];
    expect(links.length).to.be.greaterThan(0);
    expect(links[0].getAttribute('href')).to.match(/^#\/organization\/[^/]+$/);
    await expect(el).to.be.accessible();
    button(el, 'Close account').click();
    await waitUntil(() => !panel(el), 'the panel did not close', WAIT);
  });

  it('shows hostile names as text, never markup', async () => {
    const client = localClient();
    const hostile = '<img src=x onerror="window.__pwnedAccounts=1">Contoso';
    const {etag} = await client.getOrganization(RESELLER, DEMO_TENANTS.customer);
    await client.updateOrganization(RESELLER, DEMO_TENANTS.customer, {name: hostile}, etag);
    const el = await mount(client, {scope: RESELLER});
    await settled(el);
    await search(el, 'onerror');
    await waitUntil(() => dataRows(el).some((r) => cell(r, 'customers').includes(`assigned to ${hostile}`)), 'the hostile customer name did not show as text', WAIT);
    await openRow(el, dataRows(el)[0]);
    expect(text(panel(el))).to.contain(hostile);
    expect(root(el).querySelector('img')).to.equal(null);
    expect((window as {__pwnedAccounts?: number}).__pwnedAccounts).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('offers no changes in a customer administrator’s session', async () => {
    const el = await mount(localClient({userId: DEMO_USERS.customerAdmin}), {scope: {tenantId: DEMO_TENANTS.customer}});
    await settled(el);
    await openRow(el, dataRows(el)[0]);
    await waitUntil(() => part(el, 'read-only'), 'no read-only note', WAIT);
    expect(part(el, 'writes')).to.equal(null);
    expect(part(el, 'unassign-button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when it has no client, and starts nothing', async () => {
    const el = document.createElement('accounts-grid');
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(text(root(el).querySelector('[part~="missing-client"]'))).to.contain('Not connected');
      expect(grid(el)).to.equal(null);
    } finally {
      el.remove();
    }
  });
});
