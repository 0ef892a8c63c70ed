import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import './saved-views.js';
import type {TenantrySavedViews, ViewRestoreDetail} from './saved-views.component.js';
import {SAVED_VIEWS_PREF, localViewStore, workerViewStore, type SavedView, type ViewStore} from '../../src/page/saved-views-store.js';
import {DEFAULT_VIEW_STATE, decodeViewState, defaultViewState, type GridViewState} from '../../src/shared/grid-view.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string): T => {
  const found = el.shadowRoot!.querySelector<T>(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const qa = <T extends Element = HTMLElement>(el: Element, sel: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const names = (el: TenantrySavedViews): string[] => qa(el, '[part~="restore"] bdi').map((b) => b.textContent!);
const until = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const keys: string[] = [];
const storeKey = (): string => {
  const k = `test-${crypto.randomUUID()}`;
  keys.push(k);
  return k;
};
afterEach(() => {
  for (const k of keys.splice(0)) localStorage.removeItem(`tenantry:saved-views:v1:${k}`);
});

function someState(): GridViewState {
  const s = defaultViewState();
  s.filters = {plans: ['assessment'], statuses: ['active']};
  s.sort = [{key: 'projectedAnnualCost', dir: 'desc'}];
  s.density = 'compact';
  s.columns.find((c) => c.key === 'tenants')!.visible = true;
  return s;
}

async function saveAs(el: TenantrySavedViews, name: string): Promise<void> {
  await el.show(true);
  const input = q<HTMLInputElement>(el, '[part~="name-input"]');
  input.focus();
  input.value = '';
  input.dispatchEvent(new Event('input'));
  await sendKeys({type: name});
  await sendKeys({press: 'Enter'});
  await el.updateComplete;
}

describe('localViewStore', () => {
  it('saves, lists, replaces by name and removes', async () => {
    const store = localViewStore(storeKey());
    expect(await store.list()).to.deep.equal([]);
    const view: SavedView = {name: 'Suspended EU', state: someState(), savedAt: '2026-01-02T03:04:05.000Z'};
    await store.save(view);
    expect(await store.list()).to.deep.equal([view]);
    await store.save({...view, state: defaultViewState(), savedAt: '2026-02-02T00:00:00.000Z'});
    const list = await store.list();
    expect(list).to.have.length(1);
    expect(list[0].state).to.deep.equal(DEFAULT_VIEW_STATE);
    await store.remove('Suspended EU');
    expect(await store.list()).to.deep.equal([]);
    await store.remove('never saved');
  });

  it('tolerates corrupt and hostile storage: empty list or only the valid views, never a throw', async () => {
    const key = storeKey();
    const raw = `tenantry:saved-views:v1:${key}`;
    const store = localViewStore(key);
    for (const junk of ['{not json', '42', '"text"', 'null', '{"a":1}', '[1, "x", null]']) {
      localStorage.setItem(raw, junk);
      expect(await store.list(), junk).to.deep.equal([]);
    }
    localStorage.setItem(
      raw,
      JSON.stringify([
        {name: '  Good  ', state: {density: 'compact', columns: 'nope', __proto__x: 1}, savedAt: 'yesterday'},
        {name: '', state: {}},
        {name: 'x'.repeat(81), state: {}},
        {name: 7, state: {}},
        {state: {}},
      ]),
    );
    const list = await store.list();
    expect(list).to.have.length(1);
    expect(list[0].name).to.equal('Good');
    expect(list[0].state.density).to.equal('compact');
    expect(list[0].state.columns).to.deep.equal(DEFAULT_VIEW_STATE.columns);
    expect(list[0].savedAt).to.equal('');
    // Writing over a corrupt list works.
    localStorage.setItem(raw, '{broken');
    await store.save({name: 'Fresh', state: defaultViewState(), savedAt: new Date().toISOString()});
    expect((await store.list()).map((v) => v.name)).to.deep.equal(['Fresh']);
    // A different key is a different list (another user or scope).
    expect(await localViewStore(storeKey()).list()).to.deep.equal([]);
  });
});

describe('<tenantry-saved-views>', () => {
  it('saves the current view by name and restores it as validated state', async () => {
    const store = localViewStore(storeKey());
    const state = someState();
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store} .state=${state}></tenantry-saved-views>`);
    q<HTMLButtonElement>(el, '[part~="save-toggle"]').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '[part~="name-input"]'));
    await sendKeys({type: '   Active assessments   '});
    await sendKeys({press: 'Enter'});
    await until(() => names(el).length === 1);
    expect(names(el)).to.deep.equal(['Active assessments']);
    expect(q(el, '[part~="status"]').textContent).to.contain('saved');
    const stored = await store.list();
    expect(stored[0].state).to.deep.equal(state);
    expect(Date.parse(stored[0].savedAt)).to.be.closeTo(Date.now(), 60_000);

    // Restore, after the grid has moved on.
    el.state = defaultViewState();
    const restored = oneEvent(el, 'tenantry-view-restore') as Promise<CustomEvent<ViewRestoreDetail>>;
    q<HTMLButtonElement>(el, '[part~="restore"]').click();
    const e = await restored;
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.detail.state).to.deep.equal(state);
    expect(e.detail.dropped).to.deep.equal([]);
    expect(e.detail.name).to.equal('Active assessments');
    await el.updateComplete;
    expect(q(el, '[part~="panel"]').hidden).to.equal(true);
  });

  it('restores a damaged saved view with defaults and reports what was dropped', async () => {
    const store: ViewStore = {
      list: async () => [{name: 'Odd', state: {...defaultViewState(), density: 'gigantic', sort: [{key: 'evil', dir: 'asc'}]} as unknown as GridViewState, savedAt: ''}],
      save: async () => undefined,
      remove: async () => undefined,
    };
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store}></tenantry-saved-views>`);
    await el.show();
    await until(() => names(el).length === 1);
    const restored = oneEvent(el, 'tenantry-view-restore') as Promise<CustomEvent<ViewRestoreDetail>>;
    q<HTMLButtonElement>(el, '[part~="restore"]').click();
    const {detail} = await restored;
    expect(detail.state.density).to.equal('standard');
    expect(detail.state.sort).to.deep.equal([]);
    expect(detail.dropped.join('\n')).to.contain('gigantic').and.contain('evil');
  });

  it('validates the name: trimmed, non-empty, at most 80 characters', async () => {
    const store = localViewStore(storeKey());
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store}></tenantry-saved-views>`);
    await saveAs(el, '    ');
    expect(q(el, '[part~="error"]').textContent).to.equal('Enter a name for the view.');
    expect(q(el, '[part~="name-input"]').getAttribute('aria-invalid')).to.equal('true');
    expect(await store.list()).to.deep.equal([]);
    const input = q<HTMLInputElement>(el, '[part~="name-input"]');
    expect(input.maxLength).to.equal(80);
    await saveAs(el, 'n'.repeat(100));
    await until(() => names(el).length === 1);
    expect(names(el)[0]).to.have.length(80);
  });

  it('asks before replacing a view of the same name; Cancel keeps it, Replace overwrites', async () => {
    const store = localViewStore(storeKey());
    const first = someState();
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store} .state=${first}></tenantry-saved-views>`);
    await saveAs(el, 'Mine');
    await until(() => names(el).length === 1);
    const second = defaultViewState();
    second.layout = 'tree';
    el.state = second;
    await saveAs(el, 'Mine');
    await until(() => el.shadowRoot!.querySelector('[part~="confirm"]') !== null);
    expect(q(el, '[part~="confirm"]').textContent).to.contain('exists. Replace it?');
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '[part~="confirm-replace"]'));
    q<HTMLButtonElement>(el, '[part~="confirm-cancel"]').click();
    await el.updateComplete;
    expect((await store.list())[0].state).to.deep.equal(first);

    await saveAs(el, 'Mine');
    await until(() => el.shadowRoot!.querySelector('[part~="confirm-replace"]') !== null);
    await sendKeys({press: 'Enter'});
    await until(() => el.shadowRoot!.querySelector('[part~="confirm"]') === null);
    await until(() => (el.shadowRoot!.querySelector('[part~="status"]')?.textContent ?? '').includes('saved'));
    const list = await store.list();
    expect(list).to.have.length(1);
    expect(list[0].state).to.deep.equal(second);
  });

  it('deletes a view and keeps focus in the list', async () => {
    const store = localViewStore(storeKey());
    for (const name of ['Alpha', 'Beta', 'Gamma']) await store.save({name, state: defaultViewState(), savedAt: new Date().toISOString()});
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store}></tenantry-saved-views>`);
    await el.show();
    await until(() => names(el).length === 3);
    const del = qa<HTMLButtonElement>(el, '[part~="delete"]');
    expect(del.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Delete view Alpha', 'Delete view Beta', 'Delete view Gamma']);
    del[1].focus();
    await sendKeys({press: 'Enter'});
    await until(() => names(el).length === 2);
    expect(names(el)).to.deep.equal(['Alpha', 'Gamma']);
    expect((await store.list()).map((v) => v.name).sort()).to.deep.equal(['Alpha', 'Gamma']);
    await until(() => el.shadowRoot!.activeElement?.textContent?.trim() === 'Gamma');
  });

  it('copies a link carrying the view, and says so', async () => {
    const copied: string[] = [];
    const state = someState();
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views base-url="https://portal.example/customers?tab=1" .state=${state} .copyText=${async (t: string) => void copied.push(t)}></tenantry-saved-views>`);
    q<HTMLButtonElement>(el, '[part~="copy-link"]').click();
    await until(() => copied.length === 1);
    const url = new URL(copied[0]);
    expect(url.origin + url.pathname).to.equal('https://portal.example/customers');
    expect(url.searchParams.get('tab')).to.equal('1');
    expect(decodeViewState(url.searchParams.get('view')).state).to.deep.equal(state);
    await el.updateComplete;
    expect(q(el, '[part~="status"]').textContent).to.equal('Link copied');
    expect(q(el, '[part~="status"]').getAttribute('role')).to.equal('status');

    // When the clipboard refuses, the link is offered in a field to copy by hand.
    el.copyText = async () => {
      throw new Error('denied');
    };
    q<HTMLButtonElement>(el, '[part~="copy-link"]').click();
    await until(() => el.shadowRoot!.querySelector('[part~="link"]') !== null);
    expect(q<HTMLInputElement>(el, '[part~="link"]').value).to.equal(copied[0]);
  });

  it('writeClipboard hands the text to navigator.clipboard, and rejects where there is none', async () => {
    const {writeClipboard} = await import('../../src/page/platform/clipboard.js');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: async (t: string) => void written.push(t)}});
    try {
      await writeClipboard('https://portal.example/?view=abc');
      expect(written).to.deep.equal(['https://portal.example/?view=abc']);
      Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});
      let failed = false;
      await writeClipboard('x').catch(() => (failed = true));
      expect(failed).to.equal(true);
    } finally {
      delete (navigator as {clipboard?: unknown}).clipboard;
    }
    expect(navigator.clipboard).to.exist;
  });

  it('renders hostile names as text, and is axe-clean with the dialog open', async () => {
    delete (window as {__pwned?: number}).__pwned;
    const store = localViewStore(storeKey());
    const hostile = ['<img src=x onerror="window.__pwned=1">', '"><svg onload="window.__pwned=2">', 'Admin \u202Egnp.exe', 'Ze\u200Bro\u200DWidth'];
    for (const name of hostile) await store.save({name, state: defaultViewState(), savedAt: new Date().toISOString()});
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${store}></tenantry-saved-views>`);
    await expect(el).to.be.accessible();
    await el.show();
    await until(() => names(el).length === hostile.length);
    expect([...names(el)].sort()).to.deep.equal([...hostile].sort());
    expect(el.shadowRoot!.querySelector('img, svg, script')).to.equal(null);
    await saveAs(el, hostile[0]);
    await until(() => el.shadowRoot!.querySelector('[part~="confirm"] bdi') !== null);
    expect(q(el, '[part~="confirm"] bdi').textContent).to.equal(hostile[0]);
    await expect(el).to.be.accessible();
    expect((window as {__pwned?: number}).__pwned).to.equal(undefined);
  });

  it('shows no view of a previous store after the store changes', async () => {
    const a = localViewStore(storeKey());
    const b = localViewStore(storeKey());
    await a.save({name: 'Only in A', state: defaultViewState(), savedAt: ''});
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .store=${a}></tenantry-saved-views>`);
    await el.show();
    await until(() => names(el).length === 1);
    el.store = b;
    await el.updateComplete;
    expect(names(el)).to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(names(el)).to.deep.equal([]);
    expect(q(el, '[part~="empty"]').textContent).to.contain('No saved views');
  });
});

describe('workerViewStore', () => {
  const clients: DataClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose();
  });
  /** A client of its own embedded backend and cache; pass `shared` to reuse another's (another user, same browser). */
  const makeClient = (userId: string = DEMO_USERS.distributorAdmin, shared?: {namespace: string; cacheName: string}) => {
    const namespace = shared?.namespace ?? `views-${crypto.randomUUID()}`;
    const cacheName = shared?.cacheName ?? `tenantry-views-test-${crypto.randomUUID()}`;
    const client = new DataClient({config: {kind: 'local', organizations: 40, namespace, userId}, cacheName});
    clients.push(client);
    return {client, namespace, cacheName};
  };
  const DIST = {tenantId: DEMO_TENANTS.distributor};
  const RES = {tenantId: DEMO_TENANTS.reseller};

  it('keeps views per user and per scope in the worker, not in localStorage', async () => {
    const dist = makeClient();
    const before = localStorage.length;
    const store = workerViewStore(dist.client, DIST);
    const view: SavedView = {name: 'Suspended EU', state: someState(), savedAt: '2026-01-02T03:04:05.000Z'};
    await store.save(view);
    await store.save({name: 'Second', state: defaultViewState(), savedAt: ''});
    expect((await store.list()).map((v) => v.name).sort()).to.deep.equal(['Second', 'Suspended EU']);
    expect((await store.list()).find((v) => v.name === 'Suspended EU')).to.deep.equal(view);
    expect(localStorage.length, 'nothing in page-readable storage').to.equal(before);
    // Another scope of the same user: its own, empty list.
    const resStore = workerViewStore(dist.client, RES);
    expect(await resStore.list()).to.deep.equal([]);
    await resStore.save({name: 'Reseller only', state: defaultViewState(), savedAt: ''});
    expect((await store.list()).map((v) => v.name)).not.to.include('Reseller only');
    // Another user in the same browser cache, same scope: sees none of the distributor admin's views.
    const reseller = makeClient(DEMO_USERS.resellerAdmin, dist);
    expect(await workerViewStore(reseller.client, RES).list()).to.deep.equal([]);
    await store.remove('Second');
    expect((await store.list()).map((v) => v.name)).to.deep.equal(['Suspended EU']);
  });

  it('drops corrupt and hostile entries with a count, keeps the good ones, and writes back only those', async () => {
    const {client} = makeClient();
    const good = {name: 'Good', state: someState(), savedAt: '2026-01-02T03:04:05.000Z'};
    await client.setPref(DIST, SAVED_VIEWS_PREF, {
      format: 1,
      views: [good, null, 'x', {name: ''}, {name: 'N'.repeat(81)}, {name: 42}, {name: 'Bad state', state: {density: 'huge', sort: 'nope'}, savedAt: 'never'}],
    });
    const store = workerViewStore(client, DIST);
    const list = await store.list();
    expect(list.map((v) => v.name)).to.deep.equal(['Good', 'Bad state']);
    expect(list.dropped).to.equal(5);
    // A damaged state is repaired, not trusted: defaults where it was invalid.
    expect(list[1].state.density).to.equal('standard');
    expect(list[1].savedAt).to.equal('');
    // A foreign shape (another format, not a record) gives nothing, counted.
    await client.setPref(RES, SAVED_VIEWS_PREF, [good]);
    expect((await workerViewStore(client, RES).list()).dropped).to.equal(1);
    // The next change writes back only valid views.
    await store.save({name: 'New', state: defaultViewState(), savedAt: ''});
    const stored = await client.getPref<{views: unknown[]}>(DIST, SAVED_VIEWS_PREF);
    expect(stored!.views.map((v) => (v as SavedView).name)).to.deep.equal(['Good', 'Bad state', 'New']);
    expect((await store.list()).dropped).to.equal(0);
  });

  it('is the element\'s store when it has a client and scope: saves through the UI, notices unreadable views', async () => {
    const {client} = makeClient();
    await client.setPref(DIST, SAVED_VIEWS_PREF, {format: 1, views: [{name: 'Kept', state: {}, savedAt: ''}, {bogus: true}]});
    const el = await fixture<TenantrySavedViews>(html`<tenantry-saved-views .client=${client} scope-tenant-id=${DIST.tenantId} .state=${someState()}></tenantry-saved-views>`);
    await el.show();
    await until(() => names(el).length === 1);
    expect(names(el)).to.deep.equal(['Kept']);
    expect(q(el, '[part~="notice"]').textContent).to.contain('1 saved view could not be read');
    await saveAs(el, 'From UI');
    await until(() => names(el).length === 2);
    const stored = await workerViewStore(client, DIST).list();
    expect(stored.find((v) => v.name === 'From UI')!.state).to.deep.equal(someState());
    await expect(el).to.be.accessible();
    // Another scope: the list of that scope, never the previous one's.
    el.scopeTenantId = RES.tenantId;
    await el.updateComplete;
    await until(() => qa(el, '[part~="empty"]').some((p) => p.textContent === 'No saved views yet.'));
    expect(names(el)).to.deep.equal([]);
  });
});
