/**
 * A warm page load: the grid paints the rows saved at the user's last visit before its data
 * worker has answered anything (the page reads them from the cache itself), and the worker's
 * answer takes over without a visible change. Real Workers and real IndexedDB.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import './organizations-grid.js';
import {DISPLAY_PREF} from './display-prefs.js';
import {defaultViewState, displayOf} from '../../src/shared/grid-view.js';

const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const user = DEMO_USERS.distributorAdmin;
const silentWorker = (): Worker => new Worker(URL.createObjectURL(new Blob([''], {type: 'text/javascript'})));

function client(cacheName: string, namespace: string, silent = false): DataClient {
  const c = new DataClient({config: {kind: 'local', organizations: 300, namespace, userId: user}, cacheName, user, ...(silent ? {createWorker: silentWorker} : {})});
  clients.push(c);
  return c;
}

async function mount(c: DataClient): Promise<OrganizationsGrid> {
  return fixture<OrganizationsGrid>(html`<organizations-grid .client=${c} style="--tenantry-organizations-grid-height: 640px"></organizations-grid>`);
}

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const names = (el: OrganizationsGrid): string[] => [...root(el).querySelectorAll('.body [role="row"][data-org-id] [part~="cell-name"] .name > .text')].map((n) => n.textContent ?? '');
const busy = (el: OrganizationsGrid): string | null | undefined => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy');
const rowCount = (el: OrganizationsGrid): number => Number(root(el).querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0);

/**
 * The user's last visit: a grid showed its rows, `before` ran with its client (a preference set),
 * and the page went quiet, its cache written. Returns the cache and namespace for this visit, with
 * the rows that were shown and the row count.
 */
async function lastVisit(before?: (c: DataClient) => Promise<void>): Promise<{cacheName: string; namespace: string; seen: string[]; seenCount: number}> {
  const cacheName = `tenantry-grid-warm-${crypto.randomUUID()}`;
  const namespace = `grid-warm-${crypto.randomUUID()}`;
  const first = client(cacheName, namespace);
  const visit = await mount(first);
  await waitUntil(() => busy(visit) === 'false' && names(visit).length > 0, 'first visit shows rows', WAIT);
  await visit.updateComplete;
  const seen = names(visit);
  const seenCount = rowCount(visit);
  await before?.(first);
  visit.remove();
  await first.idle();
  first.dispose();
  return {cacheName, namespace, seen, seenCount};
}

describe('organizations-grid: warm page load', () => {
  it('paints the saved first rows while the worker has not answered, then the worker’s rows without a change', async () => {
    // The last visit: the grid's rows were shown, and saved when the page went quiet.
    const {cacheName, namespace, seen, seenCount} = await lastVisit();

    // This visit's worker never answers: the rows come from the page's own read of the cache.
    const el = await mount(client(cacheName, namespace, true));
    // The rows in view (a grid renders a margin of rows past them when it has time).
    const inView = 10;
    expect(seen.length).to.be.at.least(inView);
    await waitUntil(() => names(el).length >= inView, 'saved rows painted with no worker answering', WAIT);
    expect(names(el).slice(0, inView)).to.deep.equal(seen.slice(0, inView));
    expect(rowCount(el)).to.equal(seenCount);
    expect(root(el).querySelector('[role="alert"]'), 'no error shown').to.equal(null);
    el.remove();

    // A normal warm start: same rows at first, then the worker's (same here).
    const warm = await mount(client(cacheName, namespace));
    await waitUntil(() => names(warm).length >= inView, 'warm start shows rows', WAIT);
    expect(names(warm).slice(0, inView)).to.deep.equal(seen.slice(0, inView));
    await waitUntil(() => busy(warm) === 'false', 'settled', WAIT);
    expect(names(warm).slice(0, inView)).to.deep.equal(seen.slice(0, inView));
  });

  it('paints the saved rows in the layout the user saved last visit, before the worker answers', async () => {
    const {cacheName, namespace} = await lastVisit(async (first) => {
      const home = (await first.session).homeTenantId;
      await first.setPref({tenantId: home}, DISPLAY_PREF, {...displayOf(defaultViewState()), density: 'compact'});
    });

    // This visit's worker never answers: the layout, like the rows, comes from the page's own read.
    const el = await mount(client(cacheName, namespace, true));
    await waitUntil(() => names(el).length > 0 && el.viewState.density === 'compact', 'saved rows in the saved layout', WAIT);
    const compact = [...root(el).querySelectorAll('button[aria-pressed]')].find((b) => b.textContent!.trim() === 'Compact');
    expect(compact?.getAttribute('aria-pressed')).to.equal('true');
  });

  it('has the saved rows in its very first render: no empty render of an unknown scope before them', async () => {
    const last = await lastVisit();
    const {cacheName, namespace} = last;
    const seen = last.seen.slice(0, 10);

    // What the first render put in the DOM, seen by a controller added before the grid connects.
    const el = document.createElement('organizations-grid');
    el.client = client(cacheName, namespace, true);
    el.style.setProperty('--tenantry-organizations-grid-height', '640px');
    let firstRender: string[] | null = null;
    el.addController({hostUpdated: () => void (firstRender ??= names(el))});
    document.body.append(el);
    try {
      await waitUntil(() => firstRender !== null, 'first render', WAIT);
      expect(firstRender!.slice(0, seen.length)).to.deep.equal(seen);
    } finally {
      el.remove();
    }
  });
});
