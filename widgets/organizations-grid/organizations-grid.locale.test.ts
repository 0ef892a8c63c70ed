/**
 * The grid in other languages, in real Chromium on the embedded backend: German words and German
 * numbers and dates; Arabic laid out right to left (asserted on geometry) and accessible; a change
 * of locale at run time re-renders the grid in place; `<html lang>` is followed until the host
 * chooses.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {getLocale, setLocale} from '../../src/page/locale.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import './organizations-grid.js';

const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

function makeClient(organizations = 1_500): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `grid-locale-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-grid-locale-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await setLocale('en');
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const rowCount = (el: OrganizationsGrid): number => Number(root(el).querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
const headerTexts = (el: OrganizationsGrid): string[] => [...root(el).querySelectorAll('[role="columnheader"] .hlabel')].map((h) => h.textContent!.trim());
const header = (el: OrganizationsGrid, key: string): HTMLElement => root(el).querySelector<HTMLElement>(`[role="columnheader"][data-key="${key}"]`)!;
const cellTexts = (el: OrganizationsGrid, key: string): string[] =>
  [...root(el).querySelectorAll(`.body [role="row"][data-org-id] [part~="cell-${key}"]`)].map((c) => c.textContent!.trim()).filter(Boolean);
const summary = (el: OrganizationsGrid): string => root(el).querySelector('[part~="summary"]')!.textContent!.trim();

async function settled(el: OrganizationsGrid): Promise<void> {
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && rowCount(el) > 0, 'grid did not settle', WAIT);
  await el.updateComplete;
}

describe('organizations-grid in other languages', () => {
  it('follows <html lang> until the host sets a locale', async () => {
    const page = document.documentElement;
    const before = page.lang;
    try {
      page.lang = 'de-AT';
      await waitUntil(() => getLocale() === 'de', 'the page language was not followed', WAIT);
      page.lang = 'en';
      await waitUntil(() => getLocale() === 'en', 'the change back was not followed', WAIT);
      await setLocale('de');
      page.lang = 'en-GB';
      // The host chose: the page's language no longer decides (a mutation is delivered before this task ends).
      await new Promise((r) => setTimeout(r, 0));
      expect(getLocale()).to.equal('de');
    } finally {
      page.lang = before;
    }
  });

  it('in German shows German words, and numbers, money and dates written the German way', async () => {
    await setLocale('de');
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient()} style="height: 600px"></organizations-grid>`);
    await settled(el);
    expect(el.getAttribute('lang')).to.equal('de');
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(headerTexts(el)).to.include.members(['Name', 'Tarif', 'Status', 'Voraussichtliche Jahreskosten', 'Erstellt am', 'Aktionen']);
    expect([...root(el).querySelectorAll('.group-label')].map((g) => g.textContent)).to.include.members(['Ansicht', 'Dichte', 'Währung']);
    expect(root(el).querySelector('[part~="search-input"]')!.getAttribute('placeholder')).to.equal('Name, Domain, Mandanten-ID suchen…');
    expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-label')).to.equal('Organisationen');
    // 1.500 with a full stop as the thousands separator, then the German noun.
    expect(summary(el)).to.match(/^\d{1,3}(\.\d{3})+ Organisationen in /);
    const statuses = [...root(el).querySelectorAll('.body [part~="status-badge"]')].map((b) => b.textContent!.trim());
    expect(statuses.length).to.be.greaterThan(0);
    for (const s of statuses) expect(['Aktiv', 'Inaktiv', 'Gesperrt', 'Archiviert']).to.include(s);
    // "12. März 2024": day, full stop, month, year.
    const dates = cellTexts(el, 'createdAt');
    expect(dates.length).to.be.greaterThan(0);
    for (const d of dates) expect(d).to.match(/^\d{1,2}\. \p{L}+\.? \d{4}$/u);
    // "12.500 €": grouped by full stops, the currency after the amount.
    const costs = cellTexts(el, 'projectedAnnualCost');
    expect(costs.length).to.be.greaterThan(0);
    for (const c of costs) expect(c).to.match(/^[\d.]+\s\S+$/u);
  });

  it('switches language at run time: the same grid re-renders in place, and back', async () => {
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient(300)} style="height: 600px"></organizations-grid>`);
    await settled(el);
    const grid = root(el).querySelector('[role="grid"]');
    expect(headerTexts(el)).to.include('Plan');
    expect(summary(el)).to.match(/ organizations in /);
    await setLocale('de');
    await el.updateComplete;
    expect(headerTexts(el)).to.include('Tarif').and.not.include('Plan');
    expect(summary(el)).to.match(/ Organisationen in /);
    expect(root(el).querySelector('[role="grid"]')).to.equal(grid);
    await setLocale('ar');
    await el.updateComplete;
    expect(headerTexts(el)).to.include('الخطة');
    expect(el.getAttribute('dir')).to.equal('rtl');
    await setLocale('en');
    await el.updateComplete;
    expect(headerTexts(el)).to.include('Plan');
    expect(el.hasAttribute('dir')).to.equal(false);
    expect(el.getAttribute('lang')).to.equal('en');
  });

  it('in Arabic lays out right to left: the first column at the right edge, the next to its left, and stays accessible', async () => {
    await setLocale('ar');
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${makeClient(300)} style="height: 600px; width: 900px"></organizations-grid>`);
    await settled(el);
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el).direction).to.equal('rtl');
    const grid = root(el).querySelector<HTMLElement>('[role="grid"]')!.getBoundingClientRect();
    const name = header(el, 'name').getBoundingClientRect();
    const plan = header(el, 'plan').getBoundingClientRect();
    expect(Math.abs(grid.right - name.right), 'the first column starts at the right edge').to.be.lessThan(24);
    expect(plan.right, 'the second column is to the left of the first').to.be.at.most(name.left + 1);
    // A body row lines up under its headers.
    const firstCell = root(el).querySelector<HTMLElement>('.body [role="row"][data-org-id] [part~="cell-name"]')!.getBoundingClientRect();
    expect(Math.abs(firstCell.right - name.right)).to.be.lessThan(2);
    // The search box sits at the inline start of the toolbar: the right.
    const toolbar = root(el).querySelector<HTMLElement>('[part~="toolbar"]')!.getBoundingClientRect();
    const search = root(el).querySelector<HTMLElement>('[part~="search"]')!.getBoundingClientRect();
    expect(toolbar.right - search.right).to.be.lessThan(toolbar.right - toolbar.left - (search.right - search.left));
    expect(search.left - toolbar.left).to.be.greaterThan(toolbar.right - search.right);
    await expect(el).to.be.accessible();
  });

  it('a host’s own dir wins over the locale’s', async () => {
    await setLocale('ar');
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid dir="ltr" .client=${makeClient(120)}></organizations-grid>`);
    await settled(el);
    expect(el.getAttribute('dir')).to.equal('ltr');
    await setLocale('en');
    expect(el.getAttribute('dir')).to.equal('ltr');
  });
});
