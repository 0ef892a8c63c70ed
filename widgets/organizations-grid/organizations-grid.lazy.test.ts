/**
 * What the grid loads after its first rows, in real Chromium, with the modules' requests held or
 * failed at the network edge (msw): a popup, or a lifecycle move's confirmation, asked for before
 * its code arrived waits for it and says so; a failed load leaves nothing stuck, and the next try
 * loads it. A page has one module map, so this file owns the first load of that code, and its
 * tests run in order.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {startMsw} from '../../src/testing/msw.js';
import {moduleGate} from '../../src/testing/module-gate.js';
import {DEFAULT_VIEW_STATE, type GridViewState} from '../../src/shared/grid-view.js';
import type {OrganizationsGrid, RowActionDetail} from './organizations-grid.js';
import './organizations-grid.js';

const WAIT = {timeout: 15_000};
/** Only the columns these tests read, so every one is rendered. */
const VIEW: GridViewState = {...DEFAULT_VIEW_STATE, columns: DEFAULT_VIEW_STATE.columns.map((c) => ({...c, visible: ['name', 'status', 'actions'].includes(c.key)}))};

/** The two modules' requests, held until a test says otherwise. */
const gates = {frame: moduleGate('widgets/organizations-grid/grid-popover-frame'), dialog: moduleGate('widgets/lifecycle-dialog/lifecycle-dialog')};
gates.frame.answer = 'hold';
gates.dialog.answer = 'hold';

let msw: Awaited<ReturnType<typeof startMsw>> | null = null;
before(async () => {
  // The test runner serves each module under its source's name.
  msw = await startMsw(gates.frame.handler, gates.dialog.handler);
});
after(async () => {
  gates.frame.release();
  gates.dialog.release();
  await msw?.stop();
});

const clients: DataClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const dataRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')];
const liveText = (el: OrganizationsGrid): string => root(el).querySelector('.frame > [role="status"][aria-live]')!.textContent!.trim();
const popup = (el: OrganizationsGrid): HTMLElement | null => root(el).querySelector<HTMLElement>('.popover');
const nameOf = (row: HTMLElement): string => row.querySelector('[part~="cell-name"] .name > .text')!.textContent!;
const actionsButton = (row: HTMLElement): HTMLButtonElement => row.querySelector<HTMLButtonElement>('[data-action="actions"]')!;
const cellOf = (row: HTMLElement): HTMLElement => actionsButton(row).closest<HTMLElement>('[role="gridcell"]')!;
const dialogOf = (el: OrganizationsGrid): HTMLDialogElement | null => root(el).querySelector('tenantry-lifecycle-dialog')?.shadowRoot?.querySelector('dialog') ?? null;

async function mount(): Promise<OrganizationsGrid> {
  const config = {kind: 'local' as const, organizations: 120, namespace: `grid-lazy-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-grid-lazy-test-${crypto.randomUUID()}`});
  clients.push(client);
  const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .viewState=${VIEW}></organizations-grid>`);
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && dataRows(el).length > 0, 'grid did not settle', WAIT);
  await el.updateComplete;
  return el;
}

describe('<organizations-grid>: code loaded after the first rows', function () {
  this.timeout(60_000);

  it('a popup asked for before its code arrived waits for it, saying so; a failed load says so and the next open tries again', async () => {
    gates.frame.answer = 'fail';
    const el = await mount();
    const row = dataRows(el)[0];

    // The code cannot be fetched: the user hears why, nothing stays open or busy.
    actionsButton(row).click();
    await waitUntil(() => liveText(el).startsWith('This could not be shown; try again.'), 'the failure was not announced', WAIT);
    await el.updateComplete;
    expect(popup(el)).to.equal(null);
    expect(cellOf(row).hasAttribute('aria-busy')).to.equal(false);

    // The next open tries again; while the code is on its way the cell says it is busy.
    gates.frame.answer = 'hold';
    actionsButton(row).click();
    await el.updateComplete;
    expect(cellOf(row).getAttribute('aria-busy')).to.equal('true');
    expect(getComputedStyle(cellOf(row)).cursor).to.equal('progress');
    expect(liveText(el)).to.equal('Loading…');
    expect(popup(el)).to.equal(null);

    // Once it arrived, the popup opens with focus inside, and the cell is no longer busy.
    gates.frame.release();
    await waitUntil(() => popup(el)?.getAttribute('role') === 'dialog', 'the actions popup did not open', WAIT);
    await waitUntil(() => popup(el)!.contains(root(el).activeElement), 'focus did not move into the popup', WAIT);
    expect(popup(el)!.getAttribute('aria-label')).to.equal(`Actions: ${nameOf(row)}`);
    expect(cellOf(row).hasAttribute('aria-busy')).to.equal(false);
  });

  it('a move chosen before the confirmation’s code arrived keeps the menu open, its item busy, until the confirmation opens', async () => {
    // The confirmation's request (asked for when an Actions menu with moves showed) is still held.
    const el = await mount();
    await waitUntil(() => dataRows(el).some((r) => r.querySelector('[part~="status-badge"]')?.textContent?.trim() === 'Active' && r.dataset.orgId !== DEMO_TENANTS.distributor), 'an active organization', WAIT);
    const row = dataRows(el).find((r) => r.querySelector('[part~="status-badge"]')?.textContent?.trim() === 'Active' && r.dataset.orgId !== DEMO_TENANTS.distributor)!;
    const events: RowActionDetail[] = [];
    el.addEventListener('tenantry-row-action', (e) => events.push(e.detail));
    actionsButton(row).click();
    await waitUntil(() => popup(el)?.querySelector('[data-popover-action="suspend"]'), 'the actions popup with Suspend', WAIT);
    const suspend = popup(el)!.querySelector<HTMLButtonElement>('[data-popover-action="suspend"]')!;
    suspend.click();
    await el.updateComplete;
    // The host heard of it at once; the menu stays, the item says it is busy.
    expect(popup(el)).not.to.equal(null);
    expect(events.map((e) => e.action)).to.deep.equal(['suspend']);
    expect(suspend.getAttribute('aria-busy')).to.equal('true');
    expect(getComputedStyle(suspend).cursor).to.equal('progress');
    expect(liveText(el)).to.equal('Loading…');
    // A second click while it waits does nothing more.
    suspend.click();
    expect(events).to.have.length(1);
    expect(dialogOf(el)?.open ?? false).to.equal(false);

    gates.dialog.release();
    await waitUntil(() => dialogOf(el)?.open, 'the confirmation did not open', WAIT);
    expect(popup(el)).to.equal(null);
    expect(dialogOf(el)!.textContent).to.contain(nameOf(row));
  });
});
