/**
 * What the grid loads after its first rows, in real Chromium: a popup asked for before its code
 * arrived (the code's module request held or failed at the network edge by msw) waits for it,
 * saying so, and a failed load neither leaves anything stuck nor stops the next open from trying
 * again. A page has one module map, so this file owns the first load of that code.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {http, HttpResponse, passthrough} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {startMsw} from '../../src/testing/msw.js';
import {DEFAULT_VIEW_STATE, type GridViewState} from '../../src/shared/grid-view.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import './organizations-grid.js';

const WAIT = {timeout: 15_000};
/** Only the columns these tests read, so every one is rendered. */
const VIEW: GridViewState = {...DEFAULT_VIEW_STATE, columns: DEFAULT_VIEW_STATE.columns.map((c) => ({...c, visible: ['name', 'status', 'actions'].includes(c.key)}))};

const clients: DataClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const dataRows = (el: OrganizationsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]')];
const liveText = (el: OrganizationsGrid): string => root(el).querySelector('[role="status"][aria-live]')!.textContent!.trim();
const popup = (el: OrganizationsGrid): HTMLElement | null => root(el).querySelector<HTMLElement>('.popover');
const actionsButton = (el: OrganizationsGrid): HTMLButtonElement => dataRows(el)[0].querySelector<HTMLButtonElement>('[data-action="actions"]')!;
const actionsCell = (el: OrganizationsGrid): HTMLElement => actionsButton(el).closest<HTMLElement>('[role="gridcell"]')!;

async function mount(): Promise<OrganizationsGrid> {
  const config = {kind: 'local' as const, organizations: 120, namespace: `grid-lazy-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-grid-lazy-test-${crypto.randomUUID()}`});
  clients.push(client);
  const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .viewState=${VIEW}></organizations-grid>`);
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && dataRows(el).length > 0, 'grid did not settle', WAIT);
  await el.updateComplete;
  return el;
}

describe('<organizations-grid>: code loaded after the first rows', () => {
  it('a popup asked for before its code arrived waits for it, saying so; a failed load says so and the next open tries again', async () => {
    let answer: 'fail' | 'hold' = 'fail';
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const msw = await startMsw(
      // The test runner serves the module under its source's name.
      http.get(/\/widgets\/organizations-grid\/grid-popover-frame\.(?:ts|js)(?:\?|$)/, async () => {
        if (answer === 'fail') return HttpResponse.error();
        await held;
        return passthrough();
      }),
    );
    try {
      const el = await mount();

      // The code cannot be fetched: the user hears why, nothing stays open or busy.
      actionsButton(el).click();
      await waitUntil(() => liveText(el).startsWith('This could not be shown; try again.'), 'the failure was not announced', WAIT);
      await el.updateComplete;
      expect(popup(el)).to.equal(null);
      expect(actionsCell(el).hasAttribute('aria-busy')).to.equal(false);

      // The next open tries again; while the code is on its way the cell says it is busy.
      answer = 'hold';
      actionsButton(el).click();
      await el.updateComplete;
      expect(actionsCell(el).getAttribute('aria-busy')).to.equal('true');
      expect(getComputedStyle(actionsCell(el)).cursor).to.equal('progress');
      expect(liveText(el)).to.equal('Loading…');
      expect(popup(el)).to.equal(null);

      // Once it arrived, the popup opens with focus inside, and the cell is no longer busy.
      release();
      await waitUntil(() => popup(el)?.getAttribute('role') === 'dialog', 'the actions popup did not open', WAIT);
      await waitUntil(() => popup(el)!.contains(root(el).activeElement), 'focus did not move into the popup', WAIT);
      expect(popup(el)!.getAttribute('aria-label')).to.equal(`Actions: ${dataRows(el)[0].querySelector('[part~="cell-name"] .name > .text')!.textContent}`);
      expect(actionsCell(el).hasAttribute('aria-busy')).to.equal(false);
    } finally {
      release();
      await msw.stop();
    }
  });
});
