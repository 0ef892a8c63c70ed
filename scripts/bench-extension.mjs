// The extension's bench suite (`npm run bench -- --suites extension`, or alone:
// `node scripts/bench-extension.mjs [--runs N]`): the Chrome build loaded unpacked in headless
// Chromium, on the embedded backend with 100,000 organizations and a warm cache:
// - popup open (navigation start) → the switcher's list with the recent tenants painted;
// - side panel open (navigation start; its data worker starts then) → the grid's first rows painted.
// "Painted" is the frame after the condition holds in the DOM (a requestAnimationFrame probe put in
// by the debugger protocol; the pages' CSP forbids any other script).
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {buildExtension} from './build-extension.mjs';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
/** The sizes the embedded demo backend offers (the options page's choice). */
const DEMO_SIZES = [2000, 100_000];
const METRICS = {
  popup: {metric: 'extension: popup open → switcher and recent tenants painted (warm)', target: 100},
  panel: {metric: 'extension: side panel open → first grid rows painted (warm, worker start included)', target: 150},
};

/** Runs in the page before its own scripts: records the first frame after `window.__until` holds. */
const PROBE = `(() => {
  const conditions = {
    popup: () => {
      const sr = document.querySelector('tenant-switcher')?.shadowRoot;
      return !!sr && [...sr.querySelectorAll('[part~="group-label"]')].some((l) => l.textContent.trim() === 'Recent') && !!sr.querySelector('[part~="option"]');
    },
    panel: () => (document.querySelector('organizations-grid')?.shadowRoot?.querySelectorAll('[role="row"][aria-rowindex]').length ?? 0) > 1,
  };
  const which = location.pathname.includes('popup') ? 'popup' : 'panel';
  const tick = () => {
    if (conditions[which]()) requestAnimationFrame(() => (window.__painted = performance.now()));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round2 = (x) => Math.round(x * 100) / 100;

export async function runExtensionSuite(suite, opts) {
  const results = [];
  const warnings = [];
  const built = await buildExtension({quiet: true});
  for (const n of opts.sizes.filter((s) => DEMO_SIZES.includes(s))) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'tenantry-ext-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath: chromiumPath(),
      viewport: {width: 400, height: 900},
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${built.chrome}`, `--load-extension=${built.chrome}`],
    });
    try {
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', {timeout: 20_000}));
      const url = (p) => `chrome-extension://${new URL(sw.url()).host}/${p}`;
      await context.addInitScript(PROBE);
      // Warm-up: the demo at n, its rows cached, and some recent tenants.
      const warm = await context.newPage();
      await warm.goto(url('options/options.html'));
      await warm.evaluate((organizations) => chrome.storage.local.set({settings: {backend: {kind: 'embedded', organizations}}}), n);
      await warm.goto(url('sidepanel/sidepanel.html'));
      const w0 = Date.now();
      await warm.waitForFunction(() => window.__painted !== undefined, null, {timeout: 300_000});
      log(`extension n=${n}: first side panel (cold) painted; warming the cache…`);
      await warm.goto(url('popup/popup.html'));
      await warm.waitForFunction(() => !!document.querySelector('tenant-switcher')?.shadowRoot?.querySelector('[part~="option"]'), null, {timeout: 120_000});
      for (const name of ['Bytebridge', 'Northgate']) {
        const input = warm.locator('tenant-switcher input[role="combobox"]');
        await input.fill(name);
        await warm.locator('tenant-switcher [role="option"]', {hasText: name}).first().waitFor({timeout: 60_000});
        await input.press('ArrowDown');
        await input.press('Enter');
        await warm.waitForTimeout(500);
      }
      // The worker writes the cache in the background: give it its time once, then measure warm.
      await warm.goto(url('sidepanel/sidepanel.html'));
      await warm.waitForFunction(() => window.__painted !== undefined, null, {timeout: 120_000});
      await warm.waitForTimeout(Math.min(30_000, Math.max(5_000, Date.now() - w0)));
      await warm.close();
      log(`extension n=${n}: warm after ${((Date.now() - w0) / 1000).toFixed(0)} s`);
      for (const [key, page] of [
        ['popup', 'popup/popup.html'],
        ['panel', 'sidepanel/sidepanel.html'],
      ]) {
        const values = [];
        for (let run = 0; run < suite.runs; run++) {
          const tab = await context.newPage();
          tab.on('pageerror', (e) => warnings.push(`${page}: ${e.message}`));
          await tab.goto(url(page));
          values.push(await tab.waitForFunction(() => window.__painted, null, {timeout: 60_000}).then((h) => h.jsonValue()));
          if (process.env.TENANTRY_BENCH_DETAIL) log(`  ${key} run ${run + 1}: ${await tab.evaluate(() => JSON.stringify({marks: performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]), dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd), painted: Math.round(window.__painted)}))}`);
          await tab.close();
        }
        log(`extension n=${n} ${key}: ${values.map((v) => v.toFixed(0)).join(', ')} ms`);
        results.push({suite: suite.name, subject: 'tenantry', n, metric: METRICS[key].metric, unit: 'ms', median: round2(median(values)), min: round2(Math.min(...values)), max: round2(Math.max(...values)), target: n === 100_000 ? METRICS[key].target : null});
      }
    } finally {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    }
  }
  return {results, error: null, warnings};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const {results, warnings} = await runExtensionSuite({name: 'extension', runs}, {sizes: [100_000]});
  for (const r of results) console.log(`${r.metric}  n=${r.n}  median ${r.median} ms [${r.min}–${r.max}]  target ${r.target ?? '—'} ms  ${r.target != null ? (r.median <= r.target ? '✓' : '✗') : ''}`);
  for (const w of warnings) log(`WARNING: ${w}`);
}
