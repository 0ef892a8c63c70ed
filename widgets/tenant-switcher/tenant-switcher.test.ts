/**
 * `<tenant-switcher>` end to end in real Chromium: a real data worker on the embedded backend (each
 * test its own namespace and cache), or on the HTTP backend behind msw where the test is about what
 * a server sends, the real page scope store, real keyboard input, axe-core.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http} from 'msw';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {rejectsWith} from '../../src/testing/expect-error.js';
import {embeddedRestHandler, httpTestClient, serverTenants, withServerNames} from '../../src/testing/rest-api.js';
import {ScopeStore} from '../../src/page/scope-store.js';
import {provideDataClient} from '../../src/page/context.js';
import {missingClientMessage} from '../../src/page/kit/client-controller.js';
import type {TenantHit} from '../../src/shared/tenancy.js';
import type {OrganizationsGrid} from '../organizations-grid/organizations-grid.js';
import '../organizations-grid/organizations-grid.js';
import type {ScopeChangeDetail, TenantSwitcher} from './tenant-switcher.js';
import './tenant-switcher.js';

const SIZE = 300;
const WAIT = {timeout: 15_000};
const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RESELLER: Scope = {tenantId: DEMO_TENANTS.reseller};

const clients: DataClient[] = [];

function makeClient(userId: string = DEMO_USERS.distributorAdmin, organizations = SIZE): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `switcher-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-switcher-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const c of clients.splice(0)) {
    ScopeStore.forClient(c, {urlParam: null}).dispose();
    c.dispose();
  }
});

const root = (el: TenantSwitcher): ShadowRoot => el.shadowRoot!;
const inputOf = (el: TenantSwitcher): HTMLInputElement => root(el).querySelector<HTMLInputElement>('[role="combobox"]')!;
const options = (el: TenantSwitcher): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('[role="option"]')];
const optionIds = (el: TenantSwitcher, section?: string): string[] =>
  options(el)
    .filter((o) => !section || o.dataset.section === section)
    .map((o) => o.dataset.tenantId!);
const optionName = (o: Element): string => o.querySelector('[part~="option-name"]')!.textContent!;
const liveText = (el: TenantSwitcher): string => root(el).querySelector('#tenant-status')!.textContent!.trim();
const nameText = (el: TenantSwitcher): string => root(el).querySelector('[part~="name"] bdi')?.textContent ?? '';
const part = (el: TenantSwitcher, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const segment = (el: TenantSwitcher, text: string): HTMLButtonElement =>
  [...root(el).querySelectorAll<HTMLButtonElement>('[part~="segment-button"]')].find((b) => b.textContent!.trim() === text)!;
const storeOf = (client: DataClient): ScopeStore => ScopeStore.forClient(client, {urlParam: null});

async function mount(client: DataClient, homeName?: string): Promise<TenantSwitcher> {
  const el = await fixture<TenantSwitcher>(html`<tenant-switcher .client=${client} sync-url="false"></tenant-switcher>`);
  await waitUntil(() => nameText(el) !== '', 'switcher did not get its home tenant', WAIT);
  if (homeName) expect(nameText(el)).to.equal(homeName);
  return el;
}

/** The list answered the text in the box (not "Searching…"). */
async function answered(el: TenantSwitcher): Promise<void> {
  await waitUntil(() => inputOf(el).getAttribute('aria-expanded') === 'true' && !['', 'Searching…', 'Loading…'].includes(liveText(el)), 'list did not answer', WAIT);
  await el.updateComplete;
}

async function typeText(el: TenantSwitcher, text: string): Promise<void> {
  const input = inputOf(el);
  input.focus();
  input.select();
  await sendKeys({press: 'Backspace'});
  if (text) await sendKeys({type: text});
  else if (input.getAttribute('aria-expanded') !== 'true') await sendKeys({press: 'Alt+ArrowDown'});
  await waitUntil(() => input.value === text, 'text typed', WAIT);
  await answered(el);
}

/** What the backend lets `client` see for `text`: the truth the list must show. */
async function search(client: DataClient, home: Scope, text: string, limit = 50): Promise<TenantHit[]> {
  return (await client.searchTenants(home, {text, limit})).hits;
}

describe('<tenant-switcher>', () => {
  it('shows a distributor admin the whole hierarchy: resellers to browse, customers to search', async () => {
    const client = makeClient();
    const el = await mount(client, 'Northgate Distribution');
    expect(el.getAttribute('sync-url')).to.equal('false');
    inputOf(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await answered(el);
    const browse = optionIds(el, 'browse');
    expect(browse).to.have.length(10);
    expect(browse).to.include(DEMO_TENANTS.reseller).and.to.include(DEMO_TENANTS.otherReseller);
    expect(liveText(el)).to.equal('10 tenants');
    // Customers of two different resellers are found by name.
    const truth = await search(client, DIST, 'Dental');
    await typeText(el, 'Dental');
    expect(optionIds(el)).to.deep.equal(truth.map((h) => h.id));
    const resellers = new Set(truth.filter((h) => h.kind === 'customer').map((h) => h.path[1].id));
    expect(resellers.size).to.be.greaterThan(1);
    // Each option shows its path from the distributor.
    const first = options(el)[0];
    expect(first.querySelector('[part~="option-path"]')!.textContent).to.contain('Northgate Distribution');
  });

  it('shows a reseller admin only its own subtree, never the distributor or another reseller', async () => {
    const client = makeClient(DEMO_USERS.resellerAdmin);
    const el = await mount(client, 'Bytebridge Managed Services');
    inputOf(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await answered(el);
    const browse = optionIds(el, 'browse');
    expect(browse.length).to.be.greaterThan(0);
    expect(browse).to.not.include(DEMO_TENANTS.distributor).and.to.not.include(DEMO_TENANTS.otherReseller);
    await typeText(el, 'Cloudhaven');
    expect(options(el)).to.have.length(0);
    expect(liveText(el)).to.equal('No tenant matches “Cloudhaven”');
    await typeText(el, 'Northgate');
    expect(options(el)).to.have.length(0);
    await typeText(el, 'Dental');
    const ids = optionIds(el);
    expect(ids.length).to.be.greaterThan(0);
    for (const o of options(el)) {
      expect(o.dataset.tenantId).to.not.match(/^(dist-1|res-02)$/);
      expect(o.textContent).to.not.contain('Northgate').and.to.not.contain('Cloudhaven');
    }
    expect(ids).to.deep.equal((await search(client, RESELLER, 'Dental')).map((h) => h.id));
  });

  it('shows a customer admin only its own organization, and says so', async () => {
    const client = makeClient(DEMO_USERS.customerAdmin);
    const el = await mount(client);
    const session = await client.session;
    expect(nameText(el)).to.equal(session.homeTenantName);
    expect(part(el, 'note')!.textContent).to.contain('only your own organization');
    expect(segment(el, 'A customer').disabled).to.equal(true);
    expect(segment(el, 'My organization').getAttribute('aria-pressed')).to.equal('true');
    await typeText(el, session.homeTenantName);
    expect(optionIds(el)).to.deep.equal([DEMO_TENANTS.customer]);
    await typeText(el, 'Bytebridge');
    expect(optionIds(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('finds tenants by name, domain, Azure tenant ID and path', async () => {
    const client = makeClient();
    const el = await mount(client);
    const target = (await client.getOrganization(DIST, 'cus-000007')).value;
    const byName = await search(client, DIST, target.name);
    expect(byName[0].id).to.equal(target.id);
    await typeText(el, target.name);
    expect(optionIds(el)[0]).to.equal(target.id);
    expect(optionName(options(el)[0])).to.equal(target.name);

    await typeText(el, target.domain);
    expect(optionIds(el)).to.include(target.id);
    expect(options(el).find((o) => o.dataset.tenantId === target.id)!.textContent).to.contain(target.domain);

    const guid = target.tenants[0].tenantId;
    await typeText(el, guid);
    const hit = options(el).find((o) => o.dataset.tenantId === target.id)!;
    expect(hit.querySelector('[part~="option-match"]')!.textContent).to.equal(`matched tenant ID ${guid}`);

    const path = (await client.resolveTenant(DIST, target.id)).path;
    const pathText = path.slice(1).map((p) => p.name).join(' › ');
    await typeText(el, pathText);
    expect(optionIds(el)).to.include(target.id);
  });

  it('is fully usable by keyboard: Ctrl+K, type, arrows, Enter switches; Escape closes then clears', async () => {
    const client = makeClient();
    const el = await mount(client);
    const events: ScopeChangeDetail[] = [];
    el.addEventListener('tenantry-scope-change', (e) => events.push(e.detail));
    document.body.focus();
    await sendKeys({press: 'Control+k'});
    expect(root(el).activeElement).to.equal(inputOf(el));
    expect(inputOf(el).getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({type: 'Cloudhaven'});
    await answered(el);
    await waitUntil(() => optionIds(el)[0] === DEMO_TENANTS.otherReseller, 'reseller first', WAIT);
    const input = inputOf(el);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    let active = root(el).getElementById(input.getAttribute('aria-activedescendant')!)!;
    expect(active.dataset.tenantId).to.equal(optionIds(el)[1]);
    expect(active.getAttribute('aria-selected')).to.equal('true');
    expect(options(el).filter((o) => o.getAttribute('aria-selected') === 'true')).to.have.length(1);
    await sendKeys({press: 'End'});
    await el.updateComplete;
    active = root(el).getElementById(input.getAttribute('aria-activedescendant')!)!;
    expect(active).to.equal(options(el).at(-1));
    await sendKeys({press: 'Home'});
    await el.updateComplete;
    active = root(el).getElementById(input.getAttribute('aria-activedescendant')!)!;
    expect(active.dataset.tenantId).to.equal(DEMO_TENANTS.otherReseller);
    await sendKeys({press: 'Enter'});
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await waitUntil(() => nameText(el) === 'Cloudhaven IT', 'switched to the reseller', WAIT);
    expect(events).to.deep.equal([{tenantId: DEMO_TENANTS.otherReseller, name: 'Cloudhaven IT', previousTenantId: DEMO_TENANTS.distributor}]);
    expect(segment(el, 'A customer').getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'path')!.textContent).to.contain('Northgate Distribution');

    // Escape closes and keeps the text; a second Escape clears it.
    await sendKeys({type: 'Dental'});
    await answered(el);
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.value).to.equal('Dental');
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(input.value).to.equal('');
    // Alt+Down opens without picking an option.
    await sendKeys({press: 'Alt+ArrowDown'});
    await answered(el);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
  });

  it('leaves Ctrl+K alone when the page already handled it', async () => {
    const client = makeClient();
    const el = await mount(client);
    const taken = (e: KeyboardEvent): void => e.preventDefault();
    document.addEventListener('keydown', taken, {capture: true});
    try {
      document.body.focus();
      await sendKeys({press: 'Control+k'});
      expect(inputOf(el).getAttribute('aria-expanded')).to.equal('false');
    } finally {
      document.removeEventListener('keydown', taken, {capture: true});
    }
    // Removed on disconnect: a detached switcher never answers.
    el.remove();
    const event = new KeyboardEvent('keydown', {key: 'k', ctrlKey: true, cancelable: true, bubbles: true});
    document.body.dispatchEvent(event);
    expect(event.defaultPrevented).to.equal(false);
  });

  it('drills into a tenant with → and back with ←', async () => {
    const client = makeClient();
    const el = await mount(client);
    inputOf(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await answered(el);
    // ↓ pressed before the list arrived made its first option active when it came.
    const reseller = options(el)[0];
    expect(reseller.getAttribute('aria-selected')).to.equal('true');
    const resellerId = reseller.dataset.tenantId!;
    await sendKeys({press: 'ArrowRight'});
    await waitUntil(() => optionIds(el).length > 0 && !optionIds(el).includes(resellerId), 'drilled in', WAIT);
    await answered(el);
    const truth = await client.searchTenants(DIST, {text: '', limit: 50, parentId: resellerId});
    expect(optionIds(el)).to.deep.equal(truth.hits.map((h) => h.id));
    expect(root(el).querySelector('[part~="group"]')!.getAttribute('aria-label')).to.equal(`Below ${optionName(reseller)}`);
    await sendKeys({press: 'ArrowLeft'});
    await waitUntil(() => optionIds(el).includes(resellerId), 'back up', WAIT);
  });

  it('pins a tenant from the keyboard and lists it under Pinned; lists a switched-to tenant under Recent', async () => {
    const client = makeClient();
    const el = await mount(client);
    const store = storeOf(client);
    await typeText(el, 'Kettle');
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    const pinId = options(el)[0].dataset.tenantId!;
    // Tab reaches the pin button for the active option; the popup stays open.
    await sendKeys({press: 'Tab'});
    const focused = root(el).activeElement as HTMLElement;
    expect(focused.dataset.action).to.equal('pin');
    expect(focused.textContent).to.contain('Pin');
    await sendKeys({press: 'Enter'});
    await waitUntil(() => store.state.pinned.some((h) => h.id === pinId), 'pinned', WAIT);
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(root(el).activeElement).to.equal(inputOf(el));

    // Switch to another tenant, then open the empty list: Pinned, then Recent, then the children.
    await typeText(el, 'Maplewave');
    await sendKeys({press: 'ArrowDown'});
    const switchId = options(el)[0].dataset.tenantId!;
    await sendKeys({press: 'Enter'});
    await waitUntil(() => store.state.current?.tenantId === switchId, 'switched', WAIT);
    await sendKeys({press: 'ArrowDown'});
    await answered(el);
    expect(optionIds(el, 'pinned')).to.deep.equal([pinId]);
    expect(optionIds(el, 'recent')[0]).to.equal(switchId);
    const labels = [...root(el).querySelectorAll('[part~="group"]')].map((g) => g.getAttribute('aria-label'));
    expect(labels).to.deep.equal(['Pinned', 'Recent', 'Below Northgate Distribution']);
    expect(options(el).find((o) => o.dataset.section === 'pinned')!.textContent).to.contain('pinned');
    // Unpin with the mouse mark.
    options(el)
      .find((o) => o.dataset.section === 'pinned')!
      .querySelector<HTMLElement>('[part~="pin"]')!
      .click();
    await waitUntil(() => optionIds(el, 'pinned').length === 0, 'unpinned', WAIT);
    expect(store.state.pinned).to.deep.equal([]);
  });

  it('switches back to the home tenant in one action', async () => {
    const client = makeClient();
    const el = await mount(client);
    const store = storeOf(client);
    const events: ScopeChangeDetail[] = [];
    el.addEventListener('tenantry-scope-change', (e) => events.push(e.detail));
    expect(part(el, 'back')).to.equal(null);
    await store.switchTo(DEMO_TENANTS.customer);
    await el.updateComplete;
    const back = part(el, 'back')!;
    expect(back.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Back to Northgate Distribution');
    expect(getComputedStyle(part(el, 'chip')!).backgroundColor).to.not.equal('');
    back.click();
    await el.updateComplete;
    expect(nameText(el)).to.equal('Northgate Distribution');
    expect(store.state.current?.tenantId).to.equal(DEMO_TENANTS.distributor);
    expect(part(el, 'back')).to.equal(null);
    expect(events.map((e) => e.tenantId)).to.deep.equal([DEMO_TENANTS.customer, DEMO_TENANTS.distributor]);
    // "My organization" is the same step back; "A customer" opens the list for customers.
    await store.switchTo(DEMO_TENANTS.reseller);
    await el.updateComplete;
    segment(el, 'My organization').click();
    await el.updateComplete;
    expect(store.state.current?.tenantId).to.equal(DEMO_TENANTS.distributor);
    segment(el, 'A customer').click();
    await answered(el);
    expect(root(el).activeElement).to.equal(inputOf(el));
    expect(inputOf(el).labels![0].textContent).to.equal('Administer a customer');
    await sendKeys({type: 'Bytebridge'});
    await answered(el);
    const kinds = await Promise.all(optionIds(el).map(async (id) => (await client.resolveTenant(DIST, id)).kind));
    expect(kinds.length).to.be.greaterThan(0);
    expect(new Set(kinds)).to.deep.equal(new Set(['customer']));
  });

  it('says when a switch is refused, without anything of the tenant', async () => {
    const client = makeClient(DEMO_USERS.resellerAdmin);
    const el = await mount(client);
    const store = storeOf(client);
    await store.switchTo(DEMO_TENANTS.otherReseller);
    await el.updateComplete;
    const alert = root(el).querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).to.contain('You cannot act in that tenant');
    expect(alert.textContent).to.not.contain('Cloudhaven').and.to.not.contain(DEMO_TENANTS.otherReseller);
    expect(nameText(el)).to.equal('Bytebridge Managed Services');
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('renders hostile tenant names as text in the list, the name and the path', async () => {
    // Names as a server may still send them (no write may make one any more): the organizations
    // the tenant search is built from, and every organization read, carry them.
    const hostile = ['<img src=x onerror=alert(1)>', '\u202Egnp.exe\u202C Invoice', 'Zero\u200B\u200Bwidth\u200D', 'W'.repeat(500)];
    const handle = embeddedRestHandler(SIZE, 'switcher-hostile');
    const targets = (await serverTenants(handle, RESELLER)).filter((t) => t.kind === 'customer').slice(0, hostile.length).map((t) => t.id);
    expect(targets).to.have.length(hostile.length);
    // Their reseller has a hostile name too: it shows in every path.
    const resName = '<b>Res</b>\u202E';
    const server = withServerNames(handle, new Map([...targets.map((id, i): [string, string] => [id, hostile[i]]), [DEMO_TENANTS.reseller, resName]]));
    const msw = await startMsw(http.all(`${API}*`, ({request}) => server(request)));
    const alerts: unknown[] = [];
    const original = window.alert;
    window.alert = (m?: unknown) => void alerts.push(m);
    try {
      const client = httpTestClient(5000);
      clients.push(client);
      // The write path refuses what the server still sends (bidi controls, zero-width characters, 500 characters), naming the field.
      for (const [id, name] of [[targets[1], hostile[1]], [targets[2], hostile[2]], [targets[3], hostile[3]], [DEMO_TENANTS.reseller, resName]]) {
        const {etag} = await client.getOrganization(DIST, id);
        const refused = await rejectsWith(client.updateOrganization(DIST, id, {name}, etag));
        expect(refused.code, name).to.equal('invalid-request');
        expect(refused.details.issues?.map((i) => i.path), name).to.deep.equal(['name']);
        expect(refused.message, name).to.contain('The organization is not valid: name: ');
      }
      const el = await mount(client);
      inputOf(el).focus();
      for (const [i, name] of hostile.entries()) {
        await typeText(el, i === 0 ? 'img src' : i === 3 ? 'WWWWWWWW' : name.replace(/[\u202E\u202C\u200B\u200D]/g, '').split(' ')[0]);
        const option = options(el).find((o) => o.dataset.tenantId === targets[i]);
        expect(option, `option for hostile name ${i}`).to.exist;
        expect(optionName(option!)).to.equal(name);
        expect(option!.querySelector('[part~="option-name"]')!.getAttribute('title')).to.equal(name);
      }
      expect(root(el).querySelectorAll('img, b')).to.have.length(0);
      for (const [i, id] of targets.entries()) {
        await storeOf(client).switchTo(id);
        await el.updateComplete;
        expect(nameText(el)).to.equal(hostile[i]);
        expect(part(el, 'name')!.getAttribute('title')).to.equal(hostile[i]);
        expect([...part(el, 'path')!.querySelectorAll('bdi')].map((b) => b.textContent)).to.include(resName);
        expect(part(el, 'path')!.getAttribute('title')).to.contain(resName);
        // A 500-character name is ellipsised, not allowed to push the control wider than its box.
        const name = part(el, 'name')!;
        expect(name.scrollWidth >= name.clientWidth).to.equal(true);
        expect(part(el, 'control')!.getBoundingClientRect().width).to.be.at.most(el.getBoundingClientRect().width + 1);
      }
      expect(root(el).querySelectorAll('img, b')).to.have.length(0);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = original;
      await msw.stop();
    }
  });

  it('never shows the answer to an older keystroke', async () => {
    const client = makeClient();
    const el = await mount(client);
    const seen: {text: string; ids: string[]}[] = [];
    const observer = new MutationObserver(() => seen.push({text: inputOf(el).value, ids: optionIds(el)}));
    observer.observe(root(el), {subtree: true, childList: true, attributes: true, characterData: true});
    try {
      inputOf(el).focus();
      await sendKeys({type: 'Cloudhaven Dental'});
      await answered(el);
      await waitUntil(() => optionIds(el).length > 0, 'results', WAIT);
    } finally {
      observer.disconnect();
    }
    const truth = new Map<string, Set<string>>();
    for (const s of seen) {
      if (!s.ids.length) continue;
      if (!truth.has(s.text)) truth.set(s.text, new Set((await search(client, DIST, s.text)).map((h) => h.id)));
      // Every option painted belongs to the text that was in the box at the time.
      for (const id of s.ids) expect(truth.get(s.text)!.has(id), `${id} under “${s.text}”`).to.equal(true);
    }
    expect(optionIds(el)).to.deep.equal((await search(client, DIST, 'Cloudhaven Dental')).map((h) => h.id));
  });

  it('drives a grid of the same client elsewhere on the page: switch, then back', async () => {
    const client = makeClient();
    const page = await fixture<HTMLElement>(html`<div>
      <header><tenant-switcher .client=${client} sync-url="false"></tenant-switcher></header>
      <main><organizations-grid .client=${client} style="--tenantry-organizations-grid-height: 480px"></organizations-grid></main>
    </div>`);
    const el = page.querySelector('tenant-switcher')!;
    const grid = page.querySelector('organizations-grid')!;
    const summary = (g: OrganizationsGrid): string => g.shadowRoot!.querySelector('[part~="summary"]')?.textContent ?? '';
    const rowIds = (g: OrganizationsGrid): string[] => [...g.shadowRoot!.querySelectorAll<HTMLElement>('[role="row"][data-org-id]')].map((r) => r.dataset.orgId!);
    const settledIn = (name: string): Promise<unknown> =>
      waitUntil(() => summary(grid).includes(`in ${name}`) && rowIds(grid).length > 0 && grid.shadowRoot!.querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false', `grid in ${name}`, WAIT);
    const rowCount = (): number => Number(grid.shadowRoot!.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')) - 1;
    await waitUntil(() => nameText(el) === 'Northgate Distribution', 'switcher ready', WAIT);
    await settledIn('Northgate Distribution');
    expect(rowCount()).to.equal(SIZE + 31);

    document.body.focus();
    await sendKeys({press: 'Control+k'});
    await sendKeys({type: 'Cloudhaven'});
    await answered(el);
    await waitUntil(() => optionIds(el)[0] === DEMO_TENANTS.otherReseller, 'reseller first', WAIT);
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'Enter'});
    await settledIn('Cloudhaven IT');
    const view = await client.openView({tenantId: DEMO_TENANTS.otherReseller}, {});
    const allowed = new Set((await client.window(view.viewId, 0, view.total)).rows.map((r) => r.org.id));
    client.closeView(view.viewId);
    expect(rowIds(grid).every((id) => allowed.has(id))).to.equal(true);
    expect(rowCount()).to.equal(view.total);

    part(el, 'back')!.click();
    await settledIn('Northgate Distribution');
    // Distributor + 10 resellers + 20 anchors + the customers.
    expect(rowCount()).to.equal(SIZE + 31);
  });

  it('shows a notice when another tab switches, and follows only when asked', async () => {
    const namespace = `switcher-${crypto.randomUUID()}`;
    const config = {kind: 'local' as const, organizations: SIZE, namespace, userId: DEMO_USERS.distributorAdmin};
    // Two data clients of the same backend and user: two tabs, as far as the stores can tell.
    const other = new DataClient({config, cacheName: `tenantry-switcher-test-${crypto.randomUUID()}`});
    const client = new DataClient({config, cacheName: `tenantry-switcher-test-${crypto.randomUUID()}`});
    clients.push(other, client);
    const el = await mount(client, 'Northgate Distribution');
    const otherStore = storeOf(other);
    await otherStore.ready;
    await otherStore.switchTo(DEMO_TENANTS.otherReseller);
    await waitUntil(() => part(el, 'notice'), 'notice shown', WAIT);
    const notice = part(el, 'notice')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('Another tab switched to Cloudhaven IT.');
    expect(nameText(el)).to.equal('Northgate Distribution');
    await expect(el).to.be.accessible();
    [...notice.querySelectorAll('button')].find((b) => b.textContent === 'Switch here')!.click();
    await waitUntil(() => nameText(el) === 'Cloudhaven IT', 'followed the other tab', WAIT);
    expect(part(el, 'notice')).to.equal(null);
  });

  it('with no client and no provider says so, and starts no worker', async () => {
    const made: unknown[] = [];
    const RealWorker = window.Worker;
    // Counts every worker the page starts while the switcher connects and renders.
    window.Worker = class extends RealWorker {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        made.push(args[0]);
      }
    };
    try {
      const el = await fixture<TenantSwitcher>(html`<tenant-switcher sync-url="false"></tenant-switcher>`);
      await new Promise((r) => setTimeout(r, 100));
      await el.updateComplete;
      const alert = part(el, 'missing-client')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal(missingClientMessage());
      // Nothing else: no input, no scope, no buttons.
      expect(root(el).querySelector('[role="combobox"], [part~="control"], button')).to.equal(null);
      // Ctrl+K has nothing to open.
      document.body.focus();
      await sendKeys({press: 'Control+k'});
      expect(root(el).querySelector('[role="combobox"]')).to.equal(null);
      expect(made).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      window.Worker = RealWorker;
    }
  });

  it('finds a client provided on an ancestor after it connected', async () => {
    const page = await fixture<HTMLElement>(html`<div><tenant-switcher sync-url="false"></tenant-switcher></div>`);
    const el = page.querySelector('tenant-switcher')!;
    await el.updateComplete;
    expect(part(el, 'missing-client')).to.not.equal(null);
    const client = makeClient();
    provideDataClient(page, client);
    await waitUntil(() => nameText(el) === 'Northgate Distribution', 'switcher found the provided client', WAIT);
    expect(part(el, 'missing-client')).to.equal(null);
    // It drives that client's page store, and searches through it.
    expect(storeOf(client).state.home?.tenantId).to.equal(DEMO_TENANTS.distributor);
    await typeText(el, 'Cloudhaven');
    expect(optionIds(el)[0]).to.equal(DEMO_TENANTS.otherReseller);
  });

  it('is accessible closed, open with results, and with tenants pinned', async () => {
    const client = makeClient();
    const el = await mount(client);
    await expect(el).to.be.accessible();
    await typeText(el, 'Bytebridge');
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(options(el).length).to.be.greaterThan(1);
    await expect(el).to.be.accessible();
    storeOf(client).pin((await search(client, DIST, 'Cloudhaven'))[0]);
    await typeText(el, '');
    await expect(el).to.be.accessible();
  });
});
