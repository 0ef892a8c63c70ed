/**
 * `<tenantry-config>` configures a page without code: elements with no client of their own find
 * the page's configuration wherever they sit, a wrong or missing one is named in each element,
 * cookie and token sign-in send what they should, a user switch never shows the previous user's
 * rows, and no token reaches page-readable storage or the DOM. Real data workers, real IndexedDB,
 * the embedded backend or the REST contract behind msw (the network edge only).
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {http} from 'msw';
import {missingClientMessage} from '../../src/page/kit/client-controller.js';
import {pageConfig} from '../../src/page/kit/page-config.js';
import {setLocale} from '../../src/page/locale.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {nextEvent} from '../../src/testing/next-event.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import type {OrganizationsGrid} from '../organizations-grid/organizations-grid.js';
import '../organizations-grid/organizations-grid.js';
import '../tenant-switcher/tenant-switcher.js';
import type {ConfigChangeDetail, TenantryConfig} from './tenantry-config.js';
import './tenantry-config.js';

const WAIT = {timeout: 15_000};
const made: TenantryConfig[] = [];
const stops: (() => unknown)[] = [];

afterEach(async () => {
  for (const el of made.splice(0)) {
    el.remove();
    el.client?.dispose();
  }
  for (const stop of stops.splice(0)) await stop();
});

/** A config element with its own cache database, made by the page's markup (attributes) and tracked for cleanup. */
function configElement(attributes: Record<string, string>, props: Record<string, unknown> = {}): TenantryConfig {
  const el = document.createElement('tenantry-config');
  el.cacheName = `tenantry-config-test-${crypto.randomUUID()}`;
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  Object.assign(el, props);
  made.push(el);
  return el;
}

const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;
const rowCount = (el: OrganizationsGrid): number => Number(root(el).querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ?? 0) - 1;
const rowIds = (el: OrganizationsGrid): string[] => [...root(el).querySelectorAll('.body [role="row"][data-org-id]')].map((r) => r.getAttribute('data-org-id')!);
const notice = (el: HTMLElement): HTMLElement | null => root(el).querySelector('[part~="missing-client"]');

async function showsRows(el: OrganizationsGrid): Promise<void> {
  await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && rowCount(el) > 0, 'the grid did not show rows', WAIT);
  await el.updateComplete;
}

async function says(el: HTMLElement, text: string, role: 'alert' | 'status' = 'alert'): Promise<HTMLElement> {
  await waitUntil(() => notice(el)?.textContent?.includes(text) && notice(el)?.getAttribute('role') === role, `the element did not say “${text}” (${role}); it says “${notice(el)?.textContent ?? ''}”`, WAIT);
  return notice(el)!;
}

/** Counts the workers the page starts from now until `restore()`. */
function countWorkers(): {made: string[]; restore(): void} {
  const Original = window.Worker;
  const made: string[] = [];
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      made.push(String(url));
    }
  };
  return {
    made,
    restore: () => {
      window.Worker = Original;
    },
  };
}

interface Seen {
  url: string;
  authorization: string | null;
  credentials: RequestCredentials;
}

/**
 * The REST contract behind msw, signing requests in as the demo distributor's admin by `signIn`
 * (the server's own rule: a token it issued, or its session cookie); every API request is recorded.
 */
async function serveApi(signIn: (request: Request) => boolean): Promise<Seen[]> {
  const handle = embeddedRestHandler(40, 'config');
  const seen: Seen[] = [];
  const msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      seen.push({url: request.url, authorization: request.headers.get('Authorization'), credentials: request.credentials});
      const headers = new Headers(request.headers);
      headers.delete('Authorization');
      // The demo server knows users by `demo.<id>` tokens: a request this server accepts is handed on as that user's.
      if (signIn(request)) headers.set('Authorization', `Bearer demo.${DEMO_USERS.distributorAdmin}`);
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      return handle(new Request(request.url, {method: request.method, headers, body}));
    }),
  );
  stops.push(() => msw.stop());
  return seen;
}

/** Every string stored in IndexedDB on this origin (keys and values, text inside binary values decoded). */
async function indexedDbText(): Promise<string[]> {
  const found: string[] = [];
  const decoder = new TextDecoder();
  const walk = async (value: unknown, depth = 0): Promise<void> => {
    if (depth > 64 || value === null || value === undefined) return;
    if (typeof value === 'string') found.push(value);
    else if (value instanceof ArrayBuffer) found.push(decoder.decode(value));
    else if (ArrayBuffer.isView(value)) found.push(decoder.decode(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
    else if (value instanceof Blob) found.push(await value.text());
    else if (value instanceof Map) for (const [k, v] of value) await Promise.all([walk(k, depth + 1), walk(v, depth + 1)]);
    else if (Array.isArray(value) || value instanceof Set) for (const v of value) await walk(v, depth + 1);
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) await Promise.all([walk(k, depth + 1), walk(v, depth + 1)]);
  };
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      for (const name of db.objectStoreNames) {
        const store = db.transaction(name, 'readonly').objectStore(name);
        const [keys, values] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map((request) => new Promise<unknown[]>((resolve, reject) => ((request.onsuccess = () => resolve(request.result as unknown[])), (request.onerror = () => reject(request.error))))),
        );
        await walk(keys);
        await walk(values);
      }
    } finally {
      db.close();
    }
  }
  return found;
}

/** The whole DOM as markup, shadow roots included (attributes and text). */
function domText(node: Node = document.documentElement): string {
  let out = node instanceof Element ? node.outerHTML : '';
  const visit = (n: Node): void => {
    if (n instanceof Element && n.shadowRoot) {
      out += n.shadowRoot.innerHTML;
      n.shadowRoot.childNodes.forEach(visit);
    }
    n.childNodes.forEach(visit);
  };
  visit(node);
  return out;
}

/** A user's partition ids in the cache database `name`: keys of every store that name `userId`. */
async function partitionsOf(name: string, userId: string): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    let count = 0;
    for (const store of db.objectStoreNames) {
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      count += keys.filter((k) => JSON.stringify(k).includes(JSON.stringify(JSON.stringify(userId)).slice(1, -1))).length;
    }
    return count;
  } finally {
    db.close();
  }
}

describe('tenantry-config: elements find the page’s configuration', () => {
  it('gives one client to grids before and after it and inside another element’s shadow root, and shows nothing itself', async () => {
    const workers = countWorkers();
    try {
      const page = await fixture<HTMLElement>(html`<div><tenant-switcher sync-url="false"></tenant-switcher><organizations-grid id="before"></organizations-grid><div id="host"></div></div>`);
      const switcher = page.querySelector('tenant-switcher')!;
      const before = page.querySelector<OrganizationsGrid>('#before')!;
      const shadowHost = page.querySelector<HTMLElement>('#host')!;
      const inShadow = document.createElement('organizations-grid');
      shadowHost.attachShadow({mode: 'open'}).append(inShadow);
      await before.updateComplete;
      expect(notice(before)?.textContent).to.equal(missingClientMessage());

      const config = configElement({backend: 'embedded', organizations: '60'});
      page.append(config);
      const after = document.createElement('organizations-grid');
      page.append(after);

      for (const grid of [before, inShadow, after]) await showsRows(grid);
      // Another kind of element finds it the same way.
      await waitUntil(() => root(switcher).querySelector('[part~="name"] bdi')?.textContent === 'Northgate Distribution', 'the switcher did not find the client', WAIT);
      expect(rowCount(after)).to.equal(rowCount(before));
      expect(rowCount(inShadow)).to.equal(rowCount(before));
      // One shared client, so one worker for the three.
      expect(workers.made).to.have.length(1);
      expect(config.client).to.not.equal(null);

      expect(getComputedStyle(config).display).to.equal('none');
      expect(root(config).childElementCount).to.equal(0);
    } finally {
      workers.restore();
    }
  });

  it('with no configuration says so with the line to add, starts nothing, and takes one added later', async () => {
    const workers = countWorkers();
    try {
      const page = await fixture<HTMLElement>(html`<section><organizations-grid></organizations-grid></section>`);
      const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
      await grid.updateComplete;
      const alert = notice(grid)!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal(missingClientMessage());
      expect([...alert.querySelectorAll('code')].map((c) => c.textContent)).to.include.members([
        '<tenantry-config backend="https://…/api/tenantry/" auth="cookie"></tenantry-config>',
        'backend="embedded"',
      ]);
      expect(root(grid).querySelector('[role="grid"]')).to.equal(null);
      await expect(grid).to.be.accessible();
      expect(workers.made).to.deep.equal([]);

      page.append(configElement({backend: 'embedded', organizations: '40'}));
      await showsRows(grid);
    } finally {
      workers.restore();
    }
  });

  it('exposes the configured locale and theme page-wide, reflected and announced', async () => {
    const config = configElement({backend: 'embedded', locale: 'de-DE', theme: 'dark'});
    document.body.append(config);
    await config.updateComplete;
    expect([pageConfig().locale, pageConfig().theme]).to.deep.equal(['de-DE', 'dark']);
    let changes = 0;
    const count = (): void => void changes++;
    pageConfig().addEventListener('change', count);
    try {
      config.theme = 'high-contrast';
      await config.updateComplete;
      expect(config.getAttribute('theme')).to.equal('high-contrast');
      expect(pageConfig().theme).to.equal('high-contrast');
      expect(changes).to.equal(1);
    } finally {
      pageConfig().removeEventListener('change', count);
    }
    config.remove();
    expect([pageConfig().locale, pageConfig().theme]).to.deep.equal([null, null]);
  });
});

describe('tenantry-config: the configured theme', () => {
  it('puts the configured theme on every element that names none, never over the page’s own, and takes it away again', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <organizations-grid></organizations-grid>
      <organizations-grid theme="light"></organizations-grid>
      <tenant-switcher></tenant-switcher>
    </div>`);
    const [plain, own] = [...page.querySelectorAll<OrganizationsGrid>('organizations-grid')];
    const switcher = page.querySelector('tenant-switcher')!;
    const config = configElement({backend: 'embedded', theme: 'dark'});
    page.append(config);
    await config.updateComplete;
    expect(plain.getAttribute('theme')).to.equal('dark');
    expect(switcher.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(plain).colorScheme).to.equal('dark');
    expect(own.getAttribute('theme'), 'the page’s own choice').to.equal('light');
    // Parts inside a themed element inherit its scheme and carry no attribute of their own.
    await waitUntil(() => plain.shadowRoot?.querySelector('tenantry-column-chooser, tenantry-grid-filters'), 'toolbar parts', {timeout: 15_000});
    for (const inner of plain.shadowRoot!.querySelectorAll('tenantry-column-chooser, tenantry-grid-filters')) {
      expect(inner.hasAttribute('theme')).to.equal(false);
      expect(getComputedStyle(inner).colorScheme).to.equal('dark');
    }
    config.theme = 'auto';
    await config.updateComplete;
    expect(plain.getAttribute('theme')).to.equal('auto');
    config.remove();
    expect(plain.hasAttribute('theme')).to.equal(false);
    expect(own.getAttribute('theme')).to.equal('light');
  });
});

describe('tenantry-config: the configured locale', () => {
  it('switches the page’s elements to the configured locale, and back', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><organizations-grid></organizations-grid></div>`);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    const config = configElement({backend: 'embedded', locale: 'de-DE'});
    page.append(config);
    try {
      await waitUntil(() => grid.getAttribute('lang') === 'de', 'the grid speaks German', {timeout: 15_000});
      config.locale = 'en';
      await waitUntil(() => grid.getAttribute('lang') === 'en', 'and English again', {timeout: 15_000});
    } finally {
      await setLocale('en');
    }
  });
});

describe('tenantry-config: what is wrong, in the page’s language', () => {
  it('names a wrong backend and its fix in German, the configured locale’s, with the URL’s own fault and the code as code', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><organizations-grid></organizations-grid></div>`);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    const config = configElement({backend: 'javascript:alert(1)', auth: 'cookie', locale: 'de'});
    page.append(config);
    try {
      await waitUntil(() => grid.getAttribute('lang') === 'de' && notice(grid)?.textContent?.startsWith('Tenantry ist nicht eingerichtet'), 'the problem in German', WAIT);
      const alert = notice(grid)!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal(
        'Tenantry ist nicht eingerichtet: backend="javascript:alert(1)" kann nicht verwendet werden: Die API-Basis-URL muss http oder https verwenden, nicht javascript. Geben Sie die absolute http(s)-Basis-URL Ihrer Tenantry-API an, z. B. backend="https://psa.example.com/api/tenantry/", oder backend="embedded" für Demodaten.',
      );
      expect([...alert.querySelectorAll('code')].map((c) => c.textContent)).to.deep.equal(['backend="javascript:alert(1)"', 'backend="https://psa.example.com/api/tenantry/"', 'backend="embedded"']);
      await expect(grid).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });

  it('names two config elements in Arabic, right to left', async () => {
    await setLocale('ar');
    try {
      const page = await fixture<HTMLDivElement>(html`<div><organizations-grid></organizations-grid></div>`);
      const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
      page.append(configElement({backend: 'embedded'}), configElement({backend: 'embedded'}));
      await waitUntil(() => notice(grid)?.textContent?.includes('<tenantry-config>'), 'the duplicate named', WAIT);
      expect(grid.getAttribute('dir')).to.equal('rtl');
      expect(notice(grid)!.textContent).to.equal('لم يُضبط Tenantry: تحتوي هذه الصفحة على عناصر ٢ <tenantry-config>؛ ولا يُسمح إلا بعنصر واحد. أزل الجميع إلا واحدًا (الذي يحمل backend الصحيح).'.replace('٢', new Intl.NumberFormat('ar').format(2)));
    } finally {
      await setLocale('en');
    }
  });
});

describe('tenantry-config: wrong or missing configuration', () => {
  const cases: {name: string; attributes: Record<string, string>; props?: Record<string, unknown>; says: string[]; never?: string[]}[] = [
    {name: 'a user name in the URL', attributes: {backend: 'https://admin:secret@psa.example.com/api/', auth: 'cookie'}, says: ['backend="https://…@psa.example.com/api/" cannot be used', 'must not contain a user name or password'], never: ['secret']},
    {name: 'a tokenProvider that is no function', attributes: {backend: API, auth: 'token'}, props: {tokenProvider: 'eyJhbGciOi'}, says: ['tokenProvider is not a function', 'async () => token'], never: ['eyJhbGciOi']},
    {name: 'a javascript: URL', attributes: {backend: 'javascript:alert(1)', auth: 'cookie'}, says: ['Tenantry is not configured', 'must use http or https, not javascript', 'backend="https://psa.example.com/api/tenantry/"']},
    {name: 'a relative URL', attributes: {backend: '/api/tenantry/', auth: 'cookie'}, says: ['backend="/api/tenantry/" cannot be used', 'not a valid absolute URL']},
    {name: 'an unknown auth', attributes: {backend: API, auth: 'basic'}, says: ['auth="basic" is not a sign-in mode Tenantry knows', 'auth="token"', 'auth="cookie"']},
    {name: 'a demo size that is no number', attributes: {backend: 'embedded', organizations: 'lots'}, says: ['organizations is not a number of demo organizations', 'from 1 to 100,000']},
  ];
  for (const c of cases) {
    it(`names ${c.name} in the element, at once, and starts nothing`, async () => {
      const workers = countWorkers();
      try {
        const config = configElement(c.attributes, c.props);
        const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
        page.append(config);
        const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
        await config.updateComplete;
        await grid.updateComplete;
        const alert = notice(grid)!;
        expect(alert.getAttribute('role')).to.equal('alert');
        for (const text of c.says) expect(alert.textContent).to.contain(text);
        for (const text of c.never ?? []) expect(alert.textContent).to.not.contain(text);
        expect(config.client).to.equal(null);
        expect(workers.made).to.deep.equal([]);
        await expect(grid).to.be.accessible();
      } finally {
        workers.restore();
      }
    });
  }

  it('waits a moment for a missing backend, then says what to add', async () => {
    const changes: ConfigChangeDetail[] = [];
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.addEventListener('tenantry-config-change', (e) => changes.push(e.detail));
    page.append(configElement({auth: 'cookie'}));
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await says(grid, 'waiting for backend on <tenantry-config>', 'status');
    const alert = await says(grid, '<tenantry-config> has no backend.');
    expect(alert.textContent).to.contain('backend="embedded" for demo data');
    expect(changes.map((c) => c.status)).to.deep.equal(['waiting', 'error']);
    expect(changes[1].message).to.equal(alert.textContent);
  });

  it('with auth="token" waits for the tokenProvider, names it when it never comes, and connects once it is set', async () => {
    const seen = await serveApi((request) => request.headers.get('Authorization') === `Bearer demo.${DEMO_USERS.distributorAdmin}`);
    const config = configElement({backend: API, auth: 'token'});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await says(grid, 'waiting for tokenProvider', 'status');
    const alert = await says(grid, 'auth="token" needs a tokenProvider');
    expect(alert.textContent).to.contain('auth="cookie"');
    expect(seen).to.deep.equal([]);

    config.tokenProvider = async () => `demo.${DEMO_USERS.distributorAdmin}`;
    await showsRows(grid);
  });

  it('takes a tokenProvider set right after the element, without an error in between', async () => {
    await serveApi((request) => request.headers.get('Authorization') === `Bearer demo.${DEMO_USERS.distributorAdmin}`);
    const changes: ConfigChangeDetail[] = [];
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.addEventListener('tenantry-config-change', (e) => changes.push(e.detail));
    const config = configElement({backend: API, auth: 'token'});
    page.append(config);
    // The host's sign-in library answers a little later.
    await new Promise((r) => setTimeout(r, 200));
    config.tokenProvider = async () => `demo.${DEMO_USERS.distributorAdmin}`;
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await showsRows(grid);
    expect(changes.map((c) => c.status)).to.deep.equal(['waiting', 'ready']);
  });

  it('names two config elements as an error, starts no client for either, and connects when one goes', async () => {
    const workers = countWorkers();
    try {
      const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
      const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
      const first = configElement({backend: 'embedded', organizations: '40'});
      const second = configElement({backend: 'embedded', organizations: '40'});
      page.append(first, second);
      const alert = await says(grid, 'This page has 2 <tenantry-config> elements; there may be only one.');
      expect(alert.textContent).to.contain('Remove all but one');
      expect([first.client, second.client]).to.deep.equal([null, null]);
      await expect(grid).to.be.accessible();

      second.remove();
      await showsRows(grid);
      expect(first.client).to.not.equal(null);
      expect(workers.made).to.have.length(1);
    } finally {
      workers.restore();
    }
  });
});

describe('tenantry-config: sign-in and identity', () => {
  it('with auth="token" sends the provider’s token on every request, and no cookies across origins', async () => {
    const seen = await serveApi((request) => request.headers.get('Authorization') === `Bearer demo.${DEMO_USERS.distributorAdmin}`);
    let asked = 0;
    const config = configElement({backend: API, auth: 'token'}, {tokenProvider: async () => (asked++, `demo.${DEMO_USERS.distributorAdmin}`)});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    await showsRows(page.querySelector<OrganizationsGrid>('organizations-grid')!);
    expect(seen.length).to.be.greaterThan(0);
    expect(asked).to.be.at.least(seen.length);
    for (const s of seen) {
      expect(s.authorization, s.url).to.equal(`Bearer demo.${DEMO_USERS.distributorAdmin}`);
      expect(s.credentials, s.url).to.not.equal('include');
    }
  });

  it('with auth="cookie" sends the page’s credentials and no Authorization header, even with a tokenProvider set', async () => {
    // The host's server knows its users by its session cookie, which the browser sends with `credentials: 'include'`.
    const seen = await serveApi((request) => request.credentials === 'include' && !request.headers.has('Authorization'));
    let asked = 0;
    const config = configElement({backend: API, auth: 'cookie'}, {tokenProvider: async () => (asked++, 'not-to-be-sent')});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    await showsRows(page.querySelector<OrganizationsGrid>('organizations-grid')!);
    expect(seen.length).to.be.greaterThan(0);
    for (const s of seen) expect([s.credentials, s.authorization], s.url).to.deep.equal(['include', null]);
    expect(asked).to.equal(0);
  });

  it('on another user replaces the client, signs the previous user out of the device, and shows none of their rows', async () => {
    const config = configElement({backend: 'embedded', organizations: '60', user: DEMO_USERS.distributorAdmin});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await showsRows(grid);
    const first = config.client!;
    await first.idle();
    const distributorRows = rowIds(grid);
    expect(distributorRows.length).to.be.greaterThan(1);
    expect(await partitionsOf(config.cacheName!, DEMO_USERS.distributorAdmin)).to.be.greaterThan(0);

    // Every state of the grid's rows from the switch on, as rendered: none may be the previous user's.
    const stale = (): string[] => rowIds(grid).filter((id) => id !== DEMO_TENANTS.customer);
    const leaked: string[] = [];
    let renders = 0;
    const observer = new MutationObserver(() => (renders++, leaked.push(...stale())));
    config.setAttribute('user', DEMO_USERS.customerAdmin);
    observer.observe(root(grid), {subtree: true, childList: true, attributes: true, characterData: true});
    await config.updateComplete;
    const second = config.client!;
    expect(second).to.not.equal(first);
    expect(second.options.user).to.equal(DEMO_USERS.customerAdmin);
    // The customer admin sees only their own organization.
    await waitUntil(() => rowIds(grid).length > 0 && stale().length === 0, 'the grid did not show the customer’s rows', WAIT);
    observer.disconnect();
    expect(rowIds(grid)).to.deep.equal([DEMO_TENANTS.customer]);
    expect(renders).to.be.greaterThan(0);
    expect(leaked).to.deep.equal([]);
    // Nothing of the distributor's stays on the device, and their client is closed.
    await waitUntil(async () => (await partitionsOf(config.cacheName!, DEMO_USERS.distributorAdmin)) === 0, 'the previous user’s cache was not purged', WAIT);
    let closed: unknown = null;
    await first.idle().catch((e: unknown) => (closed = e));
    expect(closed).to.be.an('error');
  });

  it('after the backend ended the session, a tokenProvider set again signs in with a new client', async () => {
    // The server accepts the tokens it currently issues; the first one expires below.
    const issued = new Set(['first-token']);
    await serveApi((request) => issued.has(request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? ''));
    const config = configElement({backend: API, auth: 'token', user: DEMO_USERS.distributorAdmin}, {tokenProvider: async () => 'first-token'});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await showsRows(grid);
    const first = config.client!;

    issued.clear();
    const ended = nextEvent(first, 'signed-out');
    await first.refresh({tenantId: DEMO_TENANTS.distributor}).catch(() => undefined);
    await ended;
    await waitUntil(() => root(grid).textContent?.includes('You are signed out'), 'the grid did not say the user is signed out', WAIT);

    issued.add('second-token');
    config.tokenProvider = async () => 'second-token';
    await config.updateComplete;
    expect(config.client).to.not.equal(first);
    await waitUntil(() => rowCount(grid) > 0 && !root(grid).textContent?.includes('signed out'), 'the grid did not sign in again', WAIT);
  });

  it('signOut() signs the user out, and every element says so', async () => {
    const config = configElement({backend: 'embedded', organizations: '40', user: DEMO_USERS.resellerAdmin});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await showsRows(grid);
    await config.client!.idle();
    await config.signOut();
    expect(config.client).to.equal(null);
    await says(grid, 'You are signed out of Tenantry.', 'status');
    expect(await partitionsOf(config.cacheName!, DEMO_USERS.resellerAdmin)).to.equal(0);
  });

  it('keeps no token in page-readable storage, IndexedDB, cookies or the DOM', async () => {
    const secret = `tok-${crypto.randomUUID()}`;
    const seen = await serveApi((request) => request.headers.get('Authorization') === `Bearer ${secret}`);
    const config = configElement({backend: API, auth: 'token', user: DEMO_USERS.distributorAdmin}, {tokenProvider: async () => secret});
    const page = await fixture<HTMLElement>(html`<div><organizations-grid></organizations-grid></div>`);
    page.append(config);
    const grid = page.querySelector<OrganizationsGrid>('organizations-grid')!;
    await showsRows(grid);
    await config.client!.idle();
    // The token was used: the server saw it on its requests.
    expect(seen.filter((s) => s.authorization === `Bearer ${secret}`).length).to.be.greaterThan(0);

    const storage = (area: Storage): string[] => Object.keys(area).flatMap((k) => [k, area.getItem(k) ?? '']);
    const stored = await indexedDbText();
    // The check reads the cache: the rows the grid shows are there.
    expect(stored.some((s) => s.includes(rowIds(grid)[0]))).to.equal(true);
    expect(stored.filter((s) => s.includes(secret))).to.deep.equal([]);
    expect(storage(localStorage).filter((s) => s.includes(secret))).to.deep.equal([]);
    expect(storage(sessionStorage).filter((s) => s.includes(secret))).to.deep.equal([]);
    expect(document.cookie).to.not.contain(secret);
    expect(domText()).to.not.contain(secret);
    expect(config.getAttributeNames().map((n) => config.getAttribute(n))).to.not.include(secret);
  });
});
