/**
 * `<tenant-switcher>` in other languages, real data worker on the embedded backend: in Arabic the
 * element is right to left and its popup opens from the inline start (the right), asserted on
 * geometry; axe finds nothing; a change of locale re-renders the open switcher in place, its
 * live count worded in German.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {ScopeStore} from '../../src/page/scope-store.js';
import {setLocale} from '../../src/page/locale.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {TenantSwitcher} from './tenant-switcher.js';
import './tenant-switcher.js';

const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

function makeClient(): DataClient {
  const config = {kind: 'local' as const, organizations: 1_200, namespace: `switcher-locale-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-switcher-locale-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const c of clients.splice(0)) {
    ScopeStore.forClient(c, {urlParam: null}).dispose();
    c.dispose();
  }
  await setLocale('en');
});

const root = (el: TenantSwitcher): ShadowRoot => el.shadowRoot!;
const part = (el: TenantSwitcher, name: string): HTMLElement => root(el).querySelector<HTMLElement>(`[part~="${name}"]`)!;
const inputOf = (el: TenantSwitcher): HTMLInputElement => root(el).querySelector<HTMLInputElement>('[role="combobox"]')!;
const status = (el: TenantSwitcher): string => root(el).querySelector('#tenant-status')?.textContent?.trim() ?? '';

async function mountOpen(): Promise<TenantSwitcher> {
  const el = await fixture<TenantSwitcher>(html`<div style="width: 900px; padding: 0 40px"><tenant-switcher style="--tenantry-tenant-switcher-popup-width: 640px" .client=${makeClient()} sync-url="false"></tenant-switcher></div>`).then(
    (wrap) => wrap.querySelector('tenant-switcher')!,
  );
  await waitUntil(() => root(el).querySelector('[part~="name"] bdi')?.textContent, 'the switcher did not get its home tenant', WAIT);
  inputOf(el).focus();
  inputOf(el).click();
  await waitUntil(() => inputOf(el).getAttribute('aria-expanded') === 'true' && root(el).querySelectorAll('[role="option"]').length > 0, 'the list did not open', WAIT);
  await el.updateComplete;
  return el;
}

describe('tenant-switcher in other languages', () => {
  it('in Arabic is right to left: the popup opens from the right edge of the box, the name before the box on the right', async () => {
    await setLocale('ar');
    const el = await mountOpen();
    expect(el.getAttribute('dir')).to.equal('rtl');
    const box = part(el, 'combobox').getBoundingClientRect();
    const popup = part(el, 'popup').getBoundingClientRect();
    // Wider than the box, so which edges meet tells the alignment.
    expect(popup.width).to.be.greaterThan(box.width + 20);
    // Aligned to the inline start: the right edges meet (a left-to-right layout would meet on the left).
    expect(Math.abs(popup.right - box.right), 'popup aligned to the inline start').to.be.lessThan(2);
    // The acting tenant's name comes first in reading order: to the right of the search box.
    const scope = part(el, 'scope').getBoundingClientRect();
    expect(scope.left).to.be.greaterThan(box.left);
    expect(part(el, 'segment').textContent).to.contain('مؤسستي');
    await expect(el).to.be.accessible();
    // The same element laid out left to right (a host's own dir wins): the popup meets the box on the left instead.
    el.setAttribute('dir', 'ltr');
    await el.updateComplete;
    const ltrBox = part(el, 'combobox').getBoundingClientRect();
    const ltrPopup = part(el, 'popup').getBoundingClientRect();
    expect(Math.abs(ltrPopup.left - ltrBox.left)).to.be.lessThan(2);
    expect(Math.abs(ltrPopup.right - ltrBox.right), 'the popup is wider than the box, so the two layouts differ').to.be.greaterThan(2);
  });

  it('counts in German and re-renders the open list in place when the locale changes', async () => {
    const el = await mountOpen();
    await waitUntil(() => / tenants?$/.test(status(el)), 'no English count', WAIT);
    const listbox = root(el).querySelector('[role="listbox"]');
    await setLocale('de');
    await el.updateComplete;
    expect(inputOf(el).getAttribute('placeholder')).to.match(/^Mandant wechseln \(/);
    expect(part(el, 'segment').getAttribute('aria-label')).to.equal('Verwalten');
    expect(root(el).querySelector('[role="listbox"]')).to.equal(listbox);
    // The live count of the list on screen is worded again, without a new search.
    expect(status(el)).to.match(/^\d{1,3}(\.\d{3})* Mandanten?$/);
    expect(inputOf(el).getAttribute('aria-expanded')).to.equal('true');
  });
});
