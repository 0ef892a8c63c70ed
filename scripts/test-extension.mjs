// The browser extension's tests (a step of `npm test`, or `node scripts/test-extension.mjs`): the
// Chrome build loaded unpacked in real headless Chromium (playwright-core, `--load-extension`), its
// popup, side panel and options opened as extension pages (Playwright cannot open the real side
// panel), end to end on the embedded backend; the security checks; the Firefox build through
// `web-ext lint`. Ends with `N passed, N failed`, exit 1 on any failure.
//
// Seam for an HTTP backend (the reference server, `npm run serve`): TENANTRY_EXT_BACKEND_URL=<base
// URL> runs the connection test against it too (see `httpBackendTests`).
import {spawn} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {buildExtension} from './build-extension.mjs';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';

const TOKEN = `tt-${Math.random().toString(36).slice(2)}-secret-${Date.now().toString(36)}`;
const DEMO_USER = 'u-dist-1-admin';
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
      hits.push(req.url);
      res.writeHead(401, {'content-type': 'application/json', 'access-control-allow-origin': '*'});
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

const filesUnder = (dir) => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? filesUnder(path.join(dir, n)).map((f) => `${n}/${f}`) : [n]));

console.log('[tenantry] building the extension…');
const built = await buildExtension({quiet: true});
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
  const EMBEDDED = {backend: {kind: 'embedded', organizations: 2000}, user: null, homeTenantName: null, locale: 'en-US', theme: 'auto', density: 'standard', bridge: {enabled: false, origins: [], urlPattern: '', selector: ''}};
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

  await test('options: the embedded demo by default; Test connection names the user and their home tenant', async () => {
    const page = await open('options/options.html');
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
    const panelRequest = await page.evaluate(() => window.__request);
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
    await page.close();
  });
} finally {
  await context.close();
  site.server.close();
  rmSync(profile, {recursive: true, force: true});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
