// The browser extension's tests (a step of `npm test`, or `node scripts/test-extension.mjs`): the
// Chrome build loaded unpacked in real headless Chromium (playwright-core, `--load-extension`), its
// popup, side panel and options opened as extension pages (Playwright cannot open the real side
// panel), end to end on the embedded backend; the languages (the pages in German and Arabic as the
// options choose, the browser's language otherwise; the manifests' `_locales`) and the icons; the
// security checks; the Firefox build through `web-ext lint`. Ends with `N passed, N failed`, exit 1
// on any failure.
//
// Seam for a real HTTP backend (the reference server, `npm run serve`): TENANTRY_EXT_BACKEND_URL=<base
// URL> and TENANTRY_EXT_BACKEND_TOKEN=<a user's token> run the connection and the side panel's grid
// against it too (`grantedTests`, the "reference backend" test).
import {spawn} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {buildExtension} from './build-extension.mjs';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';
import {firefoxPath} from './firefox.mjs';
import {iconProblems, pngInfo} from './icons.mjs';
import {config as l10nConfig} from './l10n-catalogue.mjs';

const TOKEN = `tt-${Math.random().toString(36).slice(2)}-secret-${Date.now().toString(36)}`;
const DEMO_USER = 'u-dist-1-admin';
const REFERENCE = process.env.TENANTRY_EXT_BACKEND_URL ? {url: process.env.TENANTRY_EXT_BACKEND_URL, token: process.env.TENANTRY_EXT_BACKEND_TOKEN ?? ''} : null;
/** What the stand-in backend says of the user: only its session is needed for Test connection. */
const STUB_SESSION = {
  user: {id: 'u-stub-admin', tenantId: 'dist-1', displayName: 'Stub Admin', email: 'stub.admin@example.com', function: 'admin'},
  role: 'distributor-admin',
  homeTenantId: 'dist-1',
  homeTenantName: 'Stub Distribution',
};
const results = [];
let only = process.argv.slice(2).find((a) => a.startsWith('--grep='))?.slice(7) ?? '';

async function test(name, fn) {
  if (only && !name.includes(only)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({name, ok: true});
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({name, ok: false});
    console.log(`  ✗ ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(`Assertion failed: ${message}`);
}

/** A stand-in for a portal and a backend: counts every request under /api/, serves a plain page at /. */
function startSite() {
  const hits = [];
  const server = createServer((req, res) => {
    if (req.url.startsWith('/api/')) {
      hits.push({url: req.url, authorization: req.headers.authorization ?? null});
      const cors = {'access-control-allow-origin': '*', 'access-control-allow-headers': '*'};
      if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
      if (req.url === '/api/tenantry/session' && req.headers.authorization === `Bearer ${TOKEN}`) {
        res.writeHead(200, {'content-type': 'application/json', ...cors});
        return res.end(JSON.stringify(STUB_SESSION));
      }
      res.writeHead(req.url === '/api/tenantry/session' ? 401 : 404, {'content-type': 'application/json', ...cors});
      res.end('{"code":"unauthenticated","message":"stub"}');
      return;
    }
    res.writeHead(200, {'content-type': 'text/html'});
    res.end('<!doctype html><title>Portal</title><h1 class="company">Aldercrest Dental</h1>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, hits, origin: `http://127.0.0.1:${server.address().port}`})));
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe']});
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({code: code ?? 1, out}));
  });
}

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const filesUnder = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? filesUnder(path.join(dir, n)).map((f) => `${n}/${f}`) : [n]));


/**
 * Every record of every IndexedDB database of the page's origin, as text (bytes decoded as UTF-8,
 * so encoded row chunks are searched too), by database and store.
 */
async function dumpIndexedDb(page) {
  return page.evaluate(async () => {
    const text = (v) => {
      if (v instanceof ArrayBuffer) return new TextDecoder().decode(v);
      if (ArrayBuffer.isView(v)) return new TextDecoder().decode(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
      if (v instanceof Blob) return '[blob]';
      if (Array.isArray(v)) return v.map(text).join(' ');
      if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}:${text(x)}`).join(' ');
      return String(v);
    };
    const out = {};
    for (const {name} of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      out[name] = {};
      for (const store of db.objectStoreNames) {
        const [values, keys] = await Promise.all(
          ['getAll', 'getAllKeys'].map((m) => new Promise((resolve) => {
            const r = db.transaction(store).objectStore(store)[m]();
            r.onsuccess = () => resolve(r.result);
          })),
        );
        out[name][store] = values.map((v, i) => `${text(keys[i])} ${text(v)}`);
      }
      db.close();
    }
    return out;
  });
}


/**
 * A new install opens the options page by itself (background `onInstalled`); waits for it and
 * closes it, so it cannot take over a tab a test is opening. Resolves with what it said, or `null`.
 */
async function installPageShown(ctx, extensionId) {
  const isOptions = (p) => p.url() === `chrome-extension://${extensionId}/options/options.html`;
  for (let waited = 0; waited < 10_000; waited += 100) {
    const page = ctx.pages().find(isOptions);
    if (page) {
      await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000});
      const status = await page.locator('#connection-status').textContent();
      await page.close();
      return status;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** The page's DOM with every open shadow root, and its web storage, as text. */
const pageVisibleText = (page) =>
  page.evaluate(() => {
    const walk = (root) => [...root.querySelectorAll('*')].map((el) => `${el.outerHTML} ${el.shadowRoot ? walk(el.shadowRoot) : ''} ${'value' in el ? el.value : ''}`).join(' ');
    return `${walk(document)} ${JSON.stringify({...localStorage})} ${JSON.stringify({...sessionStorage})} ${document.cookie}`;
  });

console.log('[tenantry] building the extension…');
const built = await buildExtension({quiet: true});
// --- A backend whose site permission is granted. Headless Chromium cannot accept the permission
// prompt, so this context loads the Chrome build with that one origin granted up front
// (`host_permissions`, the state after the user said yes): nothing else differs.
async function grantedTests() {
  const dir = path.join(built.out, 'chrome-granted');
  cpSync(built.chrome, dir, {recursive: true});
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const granted = ['http://127.0.0.1/*', ...(REFERENCE ? [`${new URL(REFERENCE.url).origin}/*`] : [])];
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({...manifest, host_permissions: granted}, null, 2));
  const profile2 = mkdtempSync(path.join(os.tmpdir(), 'tenantry-ext-granted-'));
  const ctx = await chromium.launchPersistentContext(profile2, {
    headless: true,
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', {timeout: 20_000}));
    const url = (p) => `chrome-extension://${new URL(sw.url()).host}/${p}`;
    await installPageShown(ctx, new URL(sw.url()).host);
    const open = async (p) => {
      const page = await ctx.newPage();
      await page.goto(url(p));
      return page;
    };
    const base = `${site.origin}/api/tenantry/`;

    if (REFERENCE) {
      await test('reference backend: Test connection names the user, and the side panel shows their customers', async () => {
        const page = await open('options/options.html');
        await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000});
        await page.locator('#backend-http').check();
        await page.locator('#base-url').fill(REFERENCE.url);
        await page.locator('#token').fill(REFERENCE.token);
        await page.locator('#test').click();
        await page.locator('#connection-status', {hasText: 'Connected as'}).waitFor({timeout: 30_000});
        const panel = await open('sidepanel/sidepanel.html');
        await panel.locator('organizations-grid [role="row"]').nth(2).waitFor({timeout: 60_000});
        await Promise.all([panel.close(), page.close()]);
      });
    }

    await test('HTTP backend: Test connection sends the token, shows who the backend says the user is, and keeps the token in storage.session only', async () => {
      const page = await open('options/options.html');
      await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
      await page.locator('#backend-http').check();
      // A URL it cannot use: the status says what is wrong with it, and nothing is asked of the backend.
      const hitsBefore = site.hits.length;
      await page.locator('#base-url').fill(base.replace(/^http:/, 'ftp:'));
      await page.locator('#test').click();
      await page.locator('#connection-status', {hasText: 'must use http or https, not ftp'}).waitFor({timeout: 10_000});
      assert(site.hits.length === hitsBefore, 'no request for a URL it refused');
      await page.locator('#base-url').fill(base);
      await page.locator('#token').fill(TOKEN);
      await page.locator('#test').click();
      await page.locator('#connection-status', {hasText: 'Connected as'}).waitFor({timeout: 20_000});
      const status = await page.locator('#connection-status').textContent();
      assert(status.includes('Stub Admin') && status.includes('Stub Distribution'), status);
      assert(site.hits.some((h) => h.authorization === `Bearer ${TOKEN}`), 'the backend received the bearer token');
      const {local, session} = await page.evaluate(async () => ({local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null)}));
      assert(session.token === TOKEN, 'the token is in storage.session');
      assert(!JSON.stringify(local).includes(TOKEN), 'no token in storage.local');
      const idb = JSON.stringify(await dumpIndexedDb(page));
      assert(idb.length > 2 && !idb.includes(TOKEN), 'no token in IndexedDB');
      assert(!(await pageVisibleText(page)).includes(TOKEN), 'no token in the options page’s DOM or web storage');
      const popup = await open('popup/popup.html');
      await popup.waitForLoadState('networkidle');
      assert(!(await pageVisibleText(popup)).includes(TOKEN), 'no token in the popup');
      await popup.close();
      const web = await ctx.newPage();
      await web.goto(`${site.origin}/`);
      assert(!(await pageVisibleText(web)).includes(TOKEN), 'no token in a web page');
      assert(await web.evaluate(() => typeof globalThis.chrome?.storage === 'undefined'), 'a web page has no extension storage');
      await web.close();
      await page.close();
    });

    await test('portal bridge: on a granted portal it reads the customer from the page and opens it in the side panel, its offer in the extension’s language; nothing runs elsewhere', async () => {
      const page = await open('options/options.html');
      await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000});
      await page.locator('#bridge-enabled').check();
      await page.locator('#bridge-origins').fill(site.origin);
      await page.locator('#bridge-selector').fill('h1.company');
      await page.locator('#bridge-save').click();
      await page.locator('#bridge-status', {hasText: 'runs on'}).waitFor({timeout: 10_000});
      const portal = await ctx.newPage();
      await portal.setViewportSize({width: 800, height: 600});
      await portal.goto(`${site.origin}/`);
      // The offer sits in a closed shadow root (the portal's scripts cannot reach into it): wait for its host, press where it is.
      await portal.waitForFunction(() => document.documentElement.lastElementChild?.tagName === 'DIV', null, {timeout: 10_000});
      await page.evaluate(() => {
        window.__bridged = new Promise((resolve) => chrome.storage.onChanged.addListener((c, area) => area === 'session' && c.panelRequest?.newValue && resolve(c.panelRequest.newValue)));
      });
      await portal.mouse.click(800 - 16 - 20, 600 - 16 - 10);
      const request = await page.evaluate(() => Promise.race([window.__bridged, new Promise((r) => setTimeout(() => r('no request within 10 s'), 10_000))]));
      assert(request.to === 'search' && request.hint === 'Aldercrest Dental', `request ${JSON.stringify(request)}`);
      // The portal page itself cannot talk to the extension.
      assert(await portal.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage !== 'function'), 'no extension messaging in the page');
      // The offer speaks the extension's language: read from the accessibility tree (scripts cannot see into its shadow root).
      const offer = async () => {
        const cdp = await ctx.newCDPSession(portal);
        const {nodes} = await cdp.send('Accessibility.getFullAXTree');
        await cdp.detach();
        return JSON.stringify(nodes.filter((n) => n.role?.value === 'button').map((n) => [n.name?.value, n.description?.value]));
      };
      assert((await offer()) === JSON.stringify([['Open in Tenantry', 'Open “Aldercrest Dental” in Tenantry']]), `the offer in English: ${await offer()}`);
      try {
        await page.locator('#locale').selectOption('de');
        await page.locator('h1', {hasText: 'Tenantry-Optionen'}).waitFor({timeout: 10_000});
        await portal.reload();
        await portal.waitForFunction(() => document.documentElement.lastElementChild?.tagName === 'DIV', null, {timeout: 10_000});
        assert((await offer()) === JSON.stringify([['In Tenantry öffnen', '„Aldercrest Dental“ in Tenantry öffnen']]), `the offer in German: ${await offer()}`);
      } finally {
        await page.locator('#locale').selectOption('auto');
      }
      await portal.close();
      await page.close();
    });

    await test('HTTP backend: after the site permission is revoked no request reaches the backend, and the options page and panels say why', async () => {
      const page = await open('options/options.html');
      await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
      const id = new URL(sw.url()).host;
      await page.locator('#revoke').click();
      await page.locator('#connection-status', {hasText: /not granted|kept the access/}).waitFor({timeout: 10_000});
      if (await page.evaluate((o) => chrome.permissions.contains({origins: [`${o}/*`]}), site.origin)) {
        // A permission granted by the manifest cannot be removed through the API: the user takes it
        // back in the browser's extension settings, as done here (site access "on click").
        const settings = await ctx.newPage();
        await settings.goto('chrome://extensions/');
        await settings.evaluate((extensionId) => Promise.race([chrome.developerPrivate.updateExtensionConfiguration({extensionId, hostAccess: 'ON_CLICK'}), new Promise((_, no) => setTimeout(() => no(new Error('site access not changed within 10 s')), 10_000))]), id);
        await settings.close();
      }
      await page.locator('#connection-status', {hasText: 'not granted'}).waitFor({timeout: 10_000});
      assert(!(await page.evaluate((o) => chrome.permissions.contains({origins: [`${o}/*`]}), site.origin)), 'the permission is gone');
      const hits = site.hits.length;
      const panel = await open('sidepanel/sidepanel.html');
      await panel.locator('.blocked[role="alert"]', {hasText: 'not granted'}).waitFor({timeout: 10_000});
      const popup = await open('popup/popup.html');
      await popup.locator('.blocked[role="alert"]', {hasText: 'not granted'}).waitFor({timeout: 10_000});
      await page.reload();
      await page.locator('#connection-status', {hasText: 'not granted'}).waitFor({timeout: 10_000});
      await new Promise((r) => setTimeout(r, 1500));
      assert(site.hits.length === hits, `requests after revoking: ${JSON.stringify(site.hits.slice(hits))}`);
      await Promise.all([panel.close(), popup.close(), page.close()]);
    });
  } finally {
    await ctx.close();
    rmSync(profile2, {recursive: true, force: true});
  }
}

const site = await startSite();
const profile = mkdtempSync(path.join(os.tmpdir(), 'tenantry-ext-'));
const context = await chromium.launchPersistentContext(profile, {
  headless: true,
  executablePath: chromiumPath(),
  args: [...CHROMIUM_ARGS, `--disable-extensions-except=${built.chrome}`, `--load-extension=${built.chrome}`],
});

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', {timeout: 20_000}));
  const extensionId = new URL(worker.url()).host;
  const url = (p) => `chrome-extension://${extensionId}/${p}`;
  const welcomed = await installPageShown(context, extensionId);
  const pageErrors = [];
  /** An extension page as a tab; page errors are collected (any fails the last test). */
  async function open(p) {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${p}: ${e.message}`));
    await page.goto(url(p));
    return page;
  }
  const storage = (page) =>
    page.evaluate(async () => ({local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null)}));
  const setSettings = (page, settings) => page.evaluate((s) => chrome.storage.local.set({settings: s}), settings);
  /** Runs axe-core in the page (through the debugger protocol: the page's CSP forbids injected scripts). */
  const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  async function axe(page) {
    await page.evaluate(axeSource);
    const {violations} = await page.evaluate(() => window.axe.run(document, {resultTypes: ['violations']}));
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  console.log(`[tenantry] extension ${extensionId} loaded in ${(await context.browser()?.version()) ?? 'Chromium'}`);

  await test('the Chrome manifest declares only what the extension uses: no host permissions at install, no web-accessible files', async () => {
    const m = JSON.parse(readFileSync(path.join(built.chrome, 'manifest.json'), 'utf8'));
    assert(m.manifest_version === 3, 'MV3');
    assert(!m.host_permissions && !m.content_scripts && !m.web_accessible_resources && !m.externally_connectable, 'nothing granted or exposed at install');
    assert(JSON.stringify(m.optional_host_permissions) === JSON.stringify(['https://*/*', 'http://*/*']), 'optional host permissions only');
    assert(m.side_panel?.default_path && m.permissions.includes('sidePanel') && !m.sidebar_action, 'side panel');
    assert(/script-src 'self'/.test(m.content_security_policy.extension_pages), 'CSP');
    const f = JSON.parse(readFileSync(path.join(built.firefox, 'manifest.json'), 'utf8'));
    assert(f.sidebar_action && !f.side_panel && !f.permissions.includes('sidePanel') && f.background.scripts && !f.background.service_worker, 'Firefox keys');
    assert(f.browser_specific_settings.gecko.id && Number.parseFloat(f.browser_specific_settings.gecko.strict_min_version) >= 140 && f.browser_specific_settings.gecko.data_collection_permissions, 'gecko settings');
  });

  /** Both builds' manifests, by browser. */
  const manifests = () => Object.fromEntries(['chrome', 'firefox'].map((b) => [b, JSON.parse(readFileSync(path.join(built[b], 'manifest.json'), 'utf8'))]));

  await test('both manifests are localised: name, description and titles are __MSG_ keys that every _locales/<locale>/messages.json has, in each language of the catalogue', async () => {
    const languages = [l10nConfig.sourceLocale, ...l10nConfig.targetLocales].sort();
    for (const [browser, m] of Object.entries(manifests())) {
      assert(m.default_locale === 'en', `${browser}: default_locale en`);
      const keys = [...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((k) => k[1]);
      for (const field of [m.name, m.short_name, m.description, m.action.default_title, ...(browser === 'firefox' ? [m.sidebar_action.default_title] : [])]) {
        assert(/^__MSG_\w+__$/.test(field), `${browser}: "${field}" is a __MSG_ key`);
      }
      const dirs = readdirSync(path.join(built[browser], '_locales')).sort();
      assert(JSON.stringify(dirs) === JSON.stringify(languages), `${browser}: _locales ${dirs} for ${languages}`);
      const files = Object.fromEntries(dirs.map((l) => [l, JSON.parse(readFileSync(path.join(built[browser], '_locales', l, 'messages.json'), 'utf8'))]));
      for (const [locale, messages] of Object.entries(files)) {
        for (const key of keys) assert(typeof messages[key]?.message === 'string' && messages[key].message.trim(), `${browser}: ${locale} has ${key}`);
        assert([...messages.extDescription.message].length <= 132, `${browser}: ${locale} description within 132 characters`);
      }
      assert(files.de.extDescription.message !== files.en.extDescription.message && files.ar.bridgeOpen.message !== files.en.bridgeOpen.message, `${browser}: the other languages are translated`);
    }
    // Chromium itself resolved them (its UI language here is English).
    const self = await worker.evaluate(() => chrome.management.getSelf());
    const en = JSON.parse(readFileSync(path.join(built.chrome, '_locales/en/messages.json'), 'utf8'));
    assert(self.name === en.extName.message && self.description === en.extDescription.message, `Chromium shows ${self.name}: ${self.description}`);
  });

  await test('icons: every icon the manifests declare is a PNG of its declared size (16, 32, 48, 128), made from the current SVG', async () => {
    assert(iconProblems().length === 0, iconProblems().join('; '));
    for (const [browser, m] of Object.entries(manifests())) {
      const declared = [m.icons, m.action.default_icon, ...(browser === 'firefox' ? [m.sidebar_action.default_icon] : [])];
      assert(declared.every((d) => d && JSON.stringify(Object.keys(d)) === JSON.stringify(['16', '32', '48', '128'])), `${browser}: icons, action${browser === 'firefox' ? ', sidebar' : ''} at 16, 32, 48, 128`);
      for (const set of declared) {
        for (const [size, file] of Object.entries(set)) {
          const info = pngInfo(readFileSync(path.join(built[browser], file)));
          assert(info && info.width === Number(size) && info.height === Number(size), `${browser}: ${file} is ${info ? `${info.width}×${info.height}` : 'not a PNG'}, declared ${size}`);
        }
      }
    }
    const self = await worker.evaluate(() => chrome.management.getSelf());
    assert(JSON.stringify(self.icons?.map((i) => i.size)) === JSON.stringify([16, 32, 48, 128]), `Chromium sees the icons: ${JSON.stringify(self.icons)}`);
  });

  await test('a new install opens the options page, working on the demo data at once', async () => {
    assert(welcomed?.includes('built-in demo data'), `the options page opened by itself after install: ${welcomed}`);
  });

  await test('options: the embedded demo by default; Test connection names the user and their home tenant', async () => {
    const page = await open('options/options.html');
    await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
    assert(await page.locator('#backend-embedded').isChecked(), 'demo checked by default');
    await page.locator('#test').click();
    await page.locator('#connection-status', {hasText: 'Connected as'}).waitFor({timeout: 30_000});
    const text = await page.locator('#connection-status').textContent();
    assert(/home tenant Northgate/.test(text), `status names the home tenant: ${text}`);
    await page.close();
  });

  await test('popup: switcher and quick search paint from the data plane; Ctrl+K switches the tenant; Enter sends the customer to the side panel', async () => {
    const page = await open('popup/popup.html');
    const switcher = page.locator('tenant-switcher');
    await switcher.locator('text=Northgate').first().waitFor({timeout: 30_000});
    await page.keyboard.press('Control+k');
    const input = switcher.locator('input[role="combobox"]');
    assert(await input.evaluate((el) => el.getRootNode().activeElement === el), 'Ctrl+K focuses the switcher');
    await input.fill('Bytebridge');
    await switcher.locator('[role="option"]', {hasText: 'Bytebridge'}).first().waitFor({timeout: 10_000});
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForFunction(async () => (await chrome.storage.session.get('actingTenant')).actingTenant === 'res-01', null, {timeout: 10_000}).catch(async () => {
      throw new Error(`acting tenant not written: ${JSON.stringify((await storage(page)).session)}`);
    });
    const search = page.locator('tenantry-quick-search input');
    await search.fill('a');
    const option = page.locator('tenantry-quick-search [role="option"]').first();
    await option.waitFor({timeout: 10_000});
    const name = (await option.locator('bdi').first().textContent()).trim();
    await search.press('ArrowDown');
    // The real side panel may open and take the request at once: listen for it being written.
    await page.evaluate(() => {
      window.__request = new Promise((resolve) => chrome.storage.onChanged.addListener((c, area) => area === 'session' && c.panelRequest?.newValue && resolve(c.panelRequest.newValue)));
    });
    await search.press('Enter');
    const panelRequest = await page.evaluate(() => Promise.race([window.__request, new Promise((r) => setTimeout(() => r('no request within 10 s'), 10_000))]));
    assert(panelRequest.tenantId === 'res-01' && panelRequest.orgId, `request ${JSON.stringify(panelRequest)}`);
    globalThis.picked = {name, request: panelRequest};
    // Enter was a real key press, so Chrome opened its real side panel (which took the request).
    await page.waitForFunction(async () => (await chrome.runtime.getContexts({contextTypes: ['SIDE_PANEL']})).length === 1, null, {timeout: 10_000});
    const violations = await axe(page);
    assert(violations.length === 0, `axe: ${violations.join('; ')}`);
    await page.close();
  });

  await test('side panel: follows the popup to the customer in its tenant; Back returns to the grid; the acting tenant stays visible', async () => {
    const sender = await open('popup/popup.html');
    // As the popup sent it (the real panel, where Chrome opened it, took the first one).
    const {request, name} = globalThis.picked;
    // Close the real side panel (it would take the request first); the tab stands in for it.
    await sender.evaluate(async () => {
      await chrome.sidePanel.setOptions({enabled: false});
      await chrome.sidePanel.setOptions({enabled: true});
    });
    await sender.waitForFunction(async () => (await chrome.runtime.getContexts({contextTypes: ['SIDE_PANEL']})).length === 0, null, {timeout: 10_000});
    await sender.evaluate((r) => chrome.storage.session.set({panelRequest: {...r, seq: r.seq + 1}}), request);
    await sender.close();
    const page = await open('sidepanel/sidepanel.html');
    const details = page.locator('customer-details');
    await details.locator(`text=${name}`).first().waitFor({timeout: 30_000}).catch(async (e) => {
      console.log(context.pages().map((p) => p.url()), await page.evaluate(() => [location.hash, document.body.innerText.slice(0, 500)]), pageErrors);
      throw e;
    });
    assert(await page.locator('tenant-switcher').locator('text=Bytebridge').first().isVisible(), 'acting tenant shown');
    assert(!(await page.locator('#back').isHidden()), 'Back shown');
    await page.locator('#back').click();
    await page.locator('organizations-grid [role="row"]').nth(2).waitFor({timeout: 30_000});
    assert(await page.locator('#details-view').isHidden(), 'details hidden after Back');
    const violations = await axe(page);
    assert(violations.length === 0, `axe: ${violations.join('; ')}`);

    // A row's actions: View profile is a view of the panel (Back walks it); a portal page is not.
    // As a keyboard user reaches them: a cell of the first row, End (the Actions column), Enter.
    const action = async (view) => {
      await page.locator('organizations-grid [role="row"][data-org-id] [role="gridcell"]').nth(1).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.locator(`organizations-grid [data-popover-action="${view}"]`).click({timeout: 10_000});
    };
    const firstName = (await page.locator('organizations-grid [role="row"][data-org-id] [part~="cell-name"] .name > .text').first().textContent()).trim();
    await action('profile');
    await details.locator('[part~="tab-selected"]', {hasText: /\S/}).waitFor({timeout: 30_000});
    await details.locator(`text=${firstName}`).first().waitFor({timeout: 30_000});
    assert(await page.locator('#grid-view').isHidden(), 'View profile shows the details');
    assert(!/portal/.test((await page.locator('#action-log').textContent()) ?? ''), 'View profile is not reported as a portal page');
    await page.locator('#back').click();
    await page.locator('organizations-grid [role="row"]').nth(2).waitFor({timeout: 30_000});
    const hash = await page.evaluate(() => location.hash);
    await action('dashboard');
    await page.locator('#action-log', {hasText: 'portal'}).waitFor({timeout: 10_000});
    assert((await page.evaluate(() => location.hash)) === hash && (await page.locator('#details-view').isHidden()), 'a portal page leaves the panel on the grid');
    await page.close();
  });

  await test('side panel: creates a customer through the wizard, which then shows in the grid', async () => {
    const page = await open('sidepanel/sidepanel.html');
    await page.locator('organizations-grid [role="row"]').nth(2).waitFor({timeout: 30_000});
    await page.locator('#add-customer').click();
    await page.locator('customer-wizard').waitFor({timeout: 10_000});
    const name = `Zephyrine Panel ${Date.now().toString(36)}`;
    const error = await page.evaluate(async (name) => {
      const el = document.querySelector('customer-wizard');
      const sr = () => el.shadowRoot;
      const title = () => sr()?.querySelector('[part~="step-title"]')?.textContent?.trim() ?? '';
      const until = async (cond, what, ms = 15000) => {
        const end = performance.now() + ms;
        while (!cond()) {
          if (performance.now() > end) throw new Error(`timed out waiting for ${what} on "${title()}": ${sr()?.querySelector('[part~="error-summary"]')?.textContent ?? ''}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const id = (path) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      const control = (path) => sr().querySelector(`#${id(path)}`);
      const set = (path, value) => {
        const c = control(path);
        c.value = value;
        c.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
        c.dispatchEvent(new FocusEvent('blur'));
      };
      const pick = async (path, value) => {
        await until(() => control(path) && [...control(path).options].some((o) => o.value === value), `option ${value} of ${path}`);
        control(path).value = value;
        control(path).dispatchEvent(new Event('change', {bubbles: true, composed: true}));
      };
      const next = async (expect) => {
        [...sr().querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Next')).click();
        await until(() => title() === expect, `step ${expect}`);
      };
      try {
        await until(() => title() === 'Organization' && control('name'), 'the first step');
        // The first step may still be taking its (empty) draft: set the name until it stays.
        for (let i = 0; i < 20 && control('name').value !== name; i++) {
          set('name', name);
          await new Promise((r) => setTimeout(r, 150));
        }
        await pick('parentId', 'res-01');
        await next('Company and billing');
        await pick('companyAddress.country', 'DE');
        set('companyAddress.line1', 'Unter den Linden 1');
        set('companyAddress.city', 'Berlin');
        set('companyAddress.postalCode', '10115');
        await next('Contacts and people');
        set('contacts[0].firstName', 'Ada');
        set('contacts[0].lastName', 'Lovelace');
        set('contacts[0].email', 'ada@example.com');
        set('adminUser.firstName', 'Grace');
        set('adminUser.lastName', 'Hopper');
        set('adminUser.loginEmail', `grace.${Date.now()}@example.com`);
        await next('Microsoft account and Azure');
        sr().querySelector('input[type="radio"][value="skip"]').click();
        await next('Plan and services');
        await next('Collection schedules');
        await next('Notifications');
        await next('Sales representatives');
        set('salesReps[0].name', 'Sam Seller');
        set('salesReps[0].email', 'sam@example.com');
        await next('Review');
        [...sr().querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Create customer')).click();
        return null;
      } catch (e) {
        return String(e);
      }
    }, name);
    assert(error === null, error);
    await page.locator('#action-log', {hasText: `Created: ${name}`}).waitFor({timeout: 20_000});
    assert(await page.locator('#wizard-view').isHidden(), 'the panel is back on the grid');
    await page.evaluate((search) => {
      const grid = document.querySelector('organizations-grid');
      grid.viewState = {...grid.viewState, search};
    }, name);
    await page.locator('organizations-grid [role="row"]', {hasText: name}).first().waitFor({timeout: 20_000});
    await page.close();
  });

  await test('languages: the pages speak the language chosen on the options page (German; Arabic right to left), else the browser’s', async () => {
    const options = await open('options/options.html');
    await options.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000});
    const said = (page, selector) => page.locator(selector).evaluate((el) => el.textContent.trim());
    const root = (page) => page.evaluate(() => ({lang: document.documentElement.lang, dir: document.documentElement.dir, title: document.title}));
    /** A page of the extension once its words are in (the page writes them when its language has loaded). */
    async function openWith(p, selector) {
      const page = await open(p);
      await page.locator(selector).filter({hasText: /\S/}).waitFor({timeout: 20_000});
      return page;
    }
    try {
      // English to begin with: the browser's language (Chromium's UI here is en-US), as nothing is chosen.
      assert((await options.locator('#locale').inputValue()) === 'auto', 'the browser’s language by default');
      assert(JSON.stringify(await root(options)) === JSON.stringify({lang: 'en', dir: 'ltr', title: 'Tenantry options'}), `options: ${JSON.stringify(await root(options))}`);

      // German, chosen on the options page: the page changes at once, without a reload.
      await options.locator('#locale').selectOption('de');
      await options.locator('h1', {hasText: 'Tenantry-Optionen'}).waitFor({timeout: 10_000});
      assert((await said(options, '#test')) === 'Verbindung testen', 'options: the buttons in German');
      assert((await said(options, 'label[for="theme"]')) === 'Design', 'options: the labels in German');
      assert((await said(options, '#connection-status')).startsWith('Die eingebauten Demodaten werden verwendet'), `options: the status said again in German: ${await said(options, '#connection-status')}`);
      assert(JSON.stringify(await root(options)) === JSON.stringify({lang: 'de', dir: 'ltr', title: 'Tenantry-Optionen'}), `options: ${JSON.stringify(await root(options))}`);
      assert((await options.evaluate(async () => (await chrome.storage.local.get('settings')).settings.locale)) === 'de', 'the choice is kept');

      const popup = await openWith('popup/popup.html', '#open-panel');
      assert((await said(popup, '#open-panel')) === 'Seitenleiste öffnen' && (await said(popup, '#open-options')) === 'Optionen', 'popup: its buttons in German');
      assert((await said(popup, 'tenantry-quick-search label')) === 'Kunden finden', 'popup: the quick search in German');
      await popup.locator('tenant-switcher input[placeholder^="Mandant wechseln"]').waitFor({timeout: 20_000});
      assert((await root(popup)).lang === 'de', 'popup: lang de');
      let violations = await axe(popup);
      assert(violations.length === 0, `axe (popup, German): ${violations.join('; ')}`);
      await popup.close();

      const panel = await openWith('sidepanel/sidepanel.html', '#view-title');
      assert((await said(panel, '#view-title')) === 'Kunden' && (await said(panel, '#add-customer')) === 'Kunde hinzufügen', 'side panel: its words in German');
      assert((await panel.locator('#panel-bar').getAttribute('aria-label')) === 'Leiste', 'side panel: its landmark named in German');
      await panel.locator('organizations-grid input[aria-label="Organisationen durchsuchen"]').waitFor({timeout: 20_000});
      await panel.locator('organizations-grid [role="row"]').nth(2).waitFor({timeout: 30_000});
      violations = await axe(panel);
      assert(violations.length === 0, `axe (side panel, German): ${violations.join('; ')}`);
      await panel.close();

      // Arabic: right to left, the pages and the elements in them.
      await options.locator('#locale').selectOption('ar');
      await options.locator('h1', {hasText: 'خيارات Tenantry'}).waitFor({timeout: 10_000});
      assert(JSON.stringify(await root(options)) === JSON.stringify({lang: 'ar', dir: 'rtl', title: 'خيارات Tenantry'}), `options: ${JSON.stringify(await root(options))}`);
      for (const [p, selector, words] of [
        ['popup/popup.html', '#open-panel', 'فتح اللوحة الجانبية'],
        ['sidepanel/sidepanel.html', '#view-title', 'العملاء'],
      ]) {
        const page = await openWith(p, selector);
        assert((await said(page, selector)) === words, `${p}: ${await said(page, selector)}`);
        const {lang, dir} = await root(page);
        assert(lang === 'ar' && dir === 'rtl', `${p}: lang ${lang}, dir ${dir}`);
        const switcher = page.locator('tenant-switcher');
        await switcher.locator('input').first().waitFor({timeout: 20_000});
        assert((await switcher.getAttribute('dir')) === 'rtl', `${p}: the tenant switcher is right to left`);
        assert((await page.evaluate(() => getComputedStyle(document.body).direction)) === 'rtl', `${p}: laid out right to left`);
        if (p.startsWith('sidepanel')) {
          violations = await axe(page);
          assert(violations.length === 0, `axe (side panel, Arabic): ${violations.join('; ')}`);
        }
        await page.close();
      }

      // The browser's language again: followed through browser.i18n.getUILanguage() (here made to
      // say de-AT: this Chromium has English only), then English, the browser's own.
      await options.locator('#locale').selectOption('auto');
      await options.locator('h1', {hasText: 'Tenantry options'}).waitFor({timeout: 10_000});
      assert(JSON.stringify(await root(options)) === JSON.stringify({lang: 'en', dir: 'ltr', title: 'Tenantry options'}), `options back in English: ${JSON.stringify(await root(options))}`);
      const german = await context.newPage();
      await german.addInitScript(() => {
        for (const api of [globalThis.chrome, globalThis.browser]) if (api?.i18n) Object.defineProperty(api.i18n, 'getUILanguage', {value: () => 'de-AT', configurable: true});
      });
      await german.goto(url('popup/popup.html'));
      await german.locator('#open-panel').filter({hasText: /\S/}).waitFor({timeout: 20_000});
      assert((await said(german, '#open-panel')) === 'Seitenleiste öffnen' && (await root(german)).lang === 'de', `a German browser: ${await said(german, '#open-panel')}`);
      await german.close();
      const english = await openWith('popup/popup.html', '#open-panel');
      assert((await said(english, '#open-panel')) === 'Open side panel' && (await root(english)).lang === 'en', `an English browser: ${await said(english, '#open-panel')}`);
      await english.close();
    } finally {
      await options.evaluate(async () => {
        const {settings} = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({settings: {...settings, locale: 'auto'}});
      });
      await options.close();
    }
  });

  await test('a web page cannot load any file of the extension (none is web-accessible)', async () => {
    const files = filesUnder(built.chrome);
    assert(files.length > 20, 'the build has files');
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    const loaded = await page.evaluate(async (urls) => {
      const out = [];
      for (const u of urls) {
        const ok = await fetch(u).then(() => true, () => false);
        const script = await new Promise((resolve) => {
          const s = document.createElement('script');
          s.src = u;
          s.onload = () => resolve(true);
          s.onerror = () => resolve(false);
          document.head.append(s);
        });
        if (ok || script) out.push(u);
      }
      return out;
    }, files.map(url));
    assert(loaded.length === 0, `a web page loaded ${loaded.join(', ')}`);
    // The same files do load in an extension page: the refusal is the browser's, not a broken URL.
    const ext = await open('options/options.html');
    assert(await ext.evaluate((u) => fetch(u).then((r) => r.ok), url('manifest.json')), 'an extension page reads its own manifest');
    await ext.close();
    await page.close();
  });

  await test('500 malformed, oversized or forged messages change nothing and are each answered with a typed rejection', async () => {
    const page = await open('options/options.html');
    await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
    const before = await storage(page);
    const replies = await page.evaluate(async () => {
      const big = 'x'.repeat(5000);
      const makers = [
        (i) => i,
        (i) => `type-${i}`,
        () => null,
        (i) => [i, 'ping'],
        () => ({}),
        (i) => ({kind: 'ping', i}),
        (i) => ({type: i}),
        (i) => ({type: `open-${i}`}),
        (i) => ({type: 'ping', extra: i}),
        () => ({type: 'ping', hint: big}),
        (i) => ({type: 'bridge-open', hint: `Aldercrest ${i}`}), // forged: a page posing as the bridge
        () => ({type: 'bridge-config'}), // forged likewise
        (i) => ({type: 'bridge-open', hint: i}),
        () => ({type: 'bridge-open', hint: ''}),
        () => ({type: 'bridge-open', hint: big}),
        (i) => ({type: 'bridge-open', hint: 'a', tabId: i}),
        () => JSON.parse('{"type":"ping","__proto__":{"admin":true}}'),
        () => ({type: 'ping '}),
        () => ({type: 'PING'}),
        (i) => ({type: 'ping', nested: {deep: [[[[i]]]]}}),
        () => ({type: ['ping']}),
        () => Array.from({length: 3000}, (_, k) => k),
        () => ({type: 'bridge-open', hint: '\u202e\u200b'}),
        () => true,
        () => 'ping',
      ];
      const out = [];
      for (let i = 0; i < 500; i++) {
        const message = makers[i % makers.length](i);
        try {
          out.push(await chrome.runtime.sendMessage(message));
        } catch (e) {
          out.push({thrown: String(e)});
        }
      }
      out.push(await chrome.runtime.sendMessage({type: 'ping'}));
      return out;
    });
    const codes = new Set(['too-large', 'bad-shape', 'unknown-type', 'bad-sender', 'not-enabled', 'failed']);
    const control = replies.pop();
    assert(control?.ok === true && control.type === 'pong', `the background still answers a valid ping: ${JSON.stringify(control)}`);
    const bad = replies.filter((r) => !(r && r.ok === false && codes.has(r.error?.code) && typeof r.error.message === 'string'));
    assert(replies.length === 500 && bad.length === 0, `untyped answers: ${JSON.stringify(bad.slice(0, 3))}`);
    const seen = new Set(replies.map((r) => r.error.code));
    for (const c of ['too-large', 'bad-shape', 'unknown-type', 'bad-sender']) assert(seen.has(c), `some message was refused as ${c}`);
    const after = await storage(page);
    assert(JSON.stringify(after) === JSON.stringify(before), 'storage unchanged');
    await page.close();
  });

  await test('options: asking for a backend’s site permission takes the token out of the page at once and contacts nothing before it is granted', async () => {
    const page = await open('options/options.html');
    await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
    const hitsBefore = site.hits.length;
    await page.locator('#backend-http').check();
    await page.locator('#base-url').fill(`${site.origin}/api/tenantry/`);
    await page.locator('#token').fill(TOKEN);
    // Headless Chromium shows the permission prompt nowhere, so it stays pending: the state before a grant.
    await page.locator('#test').click();
    await page.locator('#connection-status', {hasText: 'Testing'}).waitFor({timeout: 10_000});
    assert((await page.locator('#token').inputValue()) === '', 'the token left the input');
    const {local, session} = await storage(page);
    assert(!JSON.stringify(local).includes(TOKEN) && !JSON.stringify(session).includes(TOKEN), 'no token stored before the grant');
    assert(!(await page.content()).includes(TOKEN), 'no token in the DOM');
    assert(site.hits.length === hitsBefore, 'the backend heard nothing');
    await page.close();
  });


  await test('sign out purges the user’s cached data: nothing of theirs is readable afterwards', async () => {
    const page = await open('options/options.html');
    await page.locator('#connection-status').filter({hasText: /\S/}).waitFor({timeout: 10_000}); // the form holds the saved options
    const mentions = (dump) => Object.entries(dump['tenantry-cache'] ?? {}).flatMap(([store, rows]) => rows.filter((r) => r.includes(DEMO_USER) || r.includes('Northgate')).map((r) => `${store}: ${r.slice(0, 80)}`));
    const before = mentions(await dumpIndexedDb(page));
    assert(before.length > 0, 'the cache held the user’s data before (the check can see it)');
    await page.locator('#sign-out').click();
    await page.locator('#connection-status', {hasText: 'Signed out'}).waitFor({timeout: 20_000});
    const after = mentions(await dumpIndexedDb(page));
    assert(after.length === 0, `left after sign-out: ${after.slice(0, 3).join(' | ')}`);
    const violations = await axe(page);
    assert(violations.length === 0, `axe: ${violations.join('; ')}`);
    await page.close();
  });
} finally {
  await context.close();
  rmSync(profile, {recursive: true, force: true});
}

try {
  await grantedTests();
} finally {
  site.server.close();
}

// Warnings that are read and accepted: lit-html fills a <template> from its own static template
// strings through `innerHTML` (never from values; those are bound as text), in the shared Lit chunk.
const ACCEPTED_LINT_WARNINGS = [{code: 'UNSAFE_VAR_ASSIGNMENT', text: 'n.innerHTML=e'}];

await test('Firefox build: web-ext lint finds no errors, and only the warnings read and accepted', async () => {
  const {out} = await run(path.join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', built.firefox, '--output', 'json', '--self-hosted=false']);
  const report = JSON.parse(out.slice(out.indexOf('{')));
  assert(report.errors.length === 0, `errors: ${report.errors.map((e) => `${e.code} ${e.file ?? ''} ${e.message}`).join('; ')}`);
  const unexplained = [];
  for (const w of report.warnings) {
    const source = w.file ? readFileSync(path.join(built.firefox, w.file), 'utf8') : '';
    if (!ACCEPTED_LINT_WARNINGS.some((a) => a.code === w.code && source.includes(a.text))) unexplained.push(`${w.code} ${w.file ?? ''}: ${w.message}`);
  }
  assert(unexplained.length === 0, `warnings to read: ${unexplained.join('; ')}`);
  console.log(`    web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (accepted: ${report.warnings.map((w) => w.code).join(', ') || 'none'}), ${report.notices.length} notices`);
});

// Firefox itself: Debian's firefox-esr driven over WebDriver BiDi (puppeteer-core), the Firefox build
// installed through BiDi's webExtension.install. Firefox's BiDi refuses to navigate to moz-extension:
// pages and lists no extension browsing contexts, so its pages cannot be driven from here: this
// proves the build is accepted and installed by a real Firefox.
const FIREFOX = firefoxPath();
if (!FIREFOX) console.log('  - Firefox build in Firefox: skipped, no Firefox found or installable (Debian: apt-get install firefox-esr, or set FIREFOX_PATH)');
else {
  await test('Firefox build: a real Firefox (WebDriver BiDi) installs it', async () => {
    const {default: puppeteer} = await import('puppeteer-core');
    const browser = await puppeteer.launch({browser: 'firefox', executablePath: FIREFOX, headless: true});
    try {
      const id = await browser.installExtension(built.firefox);
      const gecko = JSON.parse(readFileSync(path.join(built.firefox, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
      assert(id === gecko, `installed as ${id}`);
      console.log(`    installed in ${await browser.version()} as ${id}`);
      // Control: the same build with a broken manifest is refused, so the install above is Firefox's word.
      const broken = path.join(built.out, 'firefox-broken');
      cpSync(built.firefox, broken, {recursive: true});
      writeFileSync(path.join(broken, 'manifest.json'), '{"manifest_version": 3,');
      const refused = await browser.installExtension(broken).then(() => false, () => true);
      assert(refused, 'Firefox refuses a broken manifest');
    } finally {
      await browser.close();
    }
  });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
