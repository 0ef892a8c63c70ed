/**
 * The grid says what went wrong in the page's language, in real Chromium: a server's failure and
 * refusal at the network edge (msw before the REST contract served by the embedded backend), the
 * device's storage taken by a newer version; the server's own words shown after ours as text,
 * never as markup.
 */
import {expect, fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {setLocale} from '../../src/page/locale.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler, httpTestClient} from '../../src/testing/rest-api.js';
import type {OrganizationsGrid} from './organizations-grid.js';
import './organizations-grid.js';

const WAIT = {timeout: 15_000};
const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const clients: DataClient[] = [];

/** The REST contract over a fresh embedded store; `refuse` answers instead while set. */
const net = {handle: embeddedRestHandler(60, 'grid-messages'), refuse: null as null | ((request: Request) => Response | null)};
let msw: Awaited<ReturnType<typeof startMsw>> | null = null;
before(async () => {
  msw = await startMsw(http.all(`${API}*`, ({request}) => net.refuse?.(request) ?? net.handle(request)));
});
after(() => msw?.stop());
afterEach(async () => {
  fixtureCleanup();
  net.refuse = null;
  for (const c of clients.splice(0)) c.dispose();
  await setLocale('en');
});

const root = (el: OrganizationsGrid): ShadowRoot => el.shadowRoot!;
const isList = (request: Request): boolean => new URL(request.url).pathname.endsWith('/organizations') && request.method === 'GET';

async function mountHttp(): Promise<OrganizationsGrid> {
  const client = httpTestClient(5000);
  clients.push(client);
  return fixture<OrganizationsGrid>(html`<organizations-grid .client=${client} .scope=${DIST} style="height: 500px"></organizations-grid>`);
}

async function stateOf(el: OrganizationsGrid): Promise<HTMLElement> {
  await waitUntil(() => root(el).querySelector('[part~="state"][role="alert"]'), 'the error state', WAIT);
  return root(el).querySelector<HTMLElement>('[part~="state"]')!;
}

describe('organizations-grid says what went wrong in the page’s language', function () {
  this.timeout(60_000);

  it('in German, a server failure in German words, the server’s own words after them as text, never as markup', async () => {
    await setLocale('de');
    const said = '<img src=x onerror="window.__tenantryPwned=1">Wartung bis 14:00';
    net.refuse = (request) => (isList(request) ? HttpResponse.json({code: 'server', message: said}, {status: 500}) : null);
    const el = await mountHttp();
    const state = await stateOf(el);
    expect(state.querySelector('.state-title')!.textContent).to.equal('Organisationen konnten nicht geladen werden');
    expect(state.querySelector('p:not(.state-title)')!.textContent).to.equal(`Auf dem Server ist ein Fehler aufgetreten (HTTP 500). Der Server meldete: „${said}“`);
    expect(state.querySelector('img')).to.equal(null);
    expect((window as {__tenantryPwned?: number}).__tenantryPwned).to.equal(undefined);
    // Trying again may help: offered, in German.
    expect([...state.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Erneut versuchen']);
    await expect(el).to.be.accessible();

    // The server answers again: Retry shows the rows.
    net.refuse = null;
    state.querySelector('button')!.click();
    await waitUntil(() => root(el).querySelectorAll('.body [role="row"][data-org-id]').length > 0, 'rows after Retry', WAIT);
  });

  it('in Arabic, a tenant the server refuses is out of reach, said in Arabic with no Retry', async () => {
    await setLocale('ar');
    net.refuse = (request) => (isList(request) ? HttpResponse.json({code: 'forbidden', message: 'Not your tenant.'}, {status: 403}) : null);
    const el = await mountHttp();
    const state = await stateOf(el);
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(state.querySelector('.state-title')!.textContent).to.equal('لا يمكنك الوصول إلى هذا المستأجر');
    // The data plane's own sentence (it dropped what it kept of the tenant), not the server's words.
    expect(state.querySelector('p:not(.state-title)')!.textContent).to.equal('ليس لديك وصول إلى هذا المستأجر (أو لم يعد موجودًا). لا يُحتفظ بشيء منه على هذا الجهاز.');
    expect(state.textContent).to.not.contain('Not your tenant');
    expect(state.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in German, says that data is kept in memory only, and why, when a newer version owns the storage', async () => {
    await setLocale('de');
    const cacheName = `tenantry-grid-messages-${crypto.randomUUID()}`;
    // A newer build of Tenantry (in another tab) has taken the database to a later version.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(cacheName, 999);
      open.onsuccess = () => (open.result.close(), resolve());
      open.onerror = () => reject(open.error);
    });
    const config = {kind: 'local' as const, organizations: 60, namespace: `grid-messages-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
    const client = new DataClient({config, cacheName});
    clients.push(client);
    const el = await fixture<OrganizationsGrid>(html`<organizations-grid .client=${client}></organizations-grid>`);
    await waitUntil(() => root(el).querySelector('[part~="storage-notice"]'), 'storage notice', WAIT);
    const notice = root(el).querySelector('[part~="storage-notice"]')!;
    expect(notice.getAttribute('data-reason')).to.equal('version-change');
    expect(notice.textContent).to.equal(
      'Eine neuere Version von Tenantry wurde in einem anderen Tab geöffnet und hat den Offline-Speicher übernommen, daher hält dieser Tab seine Daten jetzt nur im Arbeitsspeicher. Laden Sie diesen Tab neu, um Daten wieder offline zu speichern.',
    );
    // Switched back at run time, the same notice is English again.
    await setLocale('en');
    await el.updateComplete;
    expect(root(el).querySelector('[part~="storage-notice"]')!.textContent).to.contain('keeps its data in memory only');
    indexedDB.deleteDatabase(cacheName);
  });
});
