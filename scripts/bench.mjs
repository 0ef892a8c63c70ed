// `npm run bench`: builds the production bundle, serves it, runs each suite's page in a fresh
// headless Chromium page and prints the figures side by side. Production mode matters: Lit's dev
// mode and unminified code would make every figure slower than what users get.
//
//   npm run bench -- [--sizes 10000,100000] [--runs N] [--suites data-plane,grid,ag-grid,vaadin-grid,tenant-switcher,customer-wizard,customer-details,accounts-grid,page-load,extension]
//                    [--json] [--no-build] [--timeout-min 15] [--table results.json]
//
// Suites: data-plane (bench/index.html: the DataClient alone, 5 runs by default), grid
// (bench/grid.html: <organizations-grid>, 3 runs), ag-grid and vaadin-grid (bench/peers.html: the
// peer grids on the same generated organizations, 3 runs), tenant-switcher (bench/tenant-switcher.html:
// type-ahead over the whole hierarchy, keystroke to painted options, 3 runs), customer-wizard
// (bench/wizard.html: open, step changes, typing with autosave, create to the row in the grid, with
// the organizations loaded; 3 runs), customer-details (bench/details.html: a mounted <customer-details>
// given another organization to its header and profile painted, a lifecycle move sent optimistically
// to the grid's row repainted, and frames over 50 ms scrolling an audit log of 100,000 entries, with
// the organizations loaded and shown in a grid; 3 runs), accounts-grid (bench/accounts.html:
// <accounts-grid> on the distributor's accounts, about 1.5 per organization: mount to first rows
// painted, cold (the worker lists and indexes the accounts) and warm (a second grid on the same
// client), then search, type filter, sort by Customers and scroll as the grid suite measures them;
// 3 runs), page-load
// (bench/page-load*.html: navigation start to first rows painted, cold and warm, every grid; driven
// from here, see the page-load section below; 3 runs). --runs sets every suite's runs. The
// gzipped JS of each grid comes from a build of that grid's module alone (.bench/sizes/), not a page; the size
// of our data worker from the site's build, once as a worker configured for HTTP loads it and once with the embedded
// backend's chunk on top (dist/.vite/workers/, see scripts/worker-chunks.mjs); and of the customer
// wizard, counted as what its module adds to a page that already shows the grid; and of the
// script-tag bundle (dist/cdn's build, apart in .bench/cdn): up front (the 60 KB budget), with each
// public element, with every element, and its worker.
//
// --json prints only the figures, as one JSON array, on stdout; progress always goes to stderr.
// --table FILE prints the table of such a saved array and exits.
// Exit 0 even when a target is missed (the bench reports, it does not gate); 1 if a page fails.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {parseArgs} from 'node:util';
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {preview} from 'vite';
import {runExtensionSuite} from './bench-extension.mjs';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';
import {gzippedSize, readWorkerGraph, workerLoads} from './worker-chunks.mjs';
import {CDN_ELEMENTS, cdnLoads, readCdnGraph} from './cdn-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** The pages, each run in a fresh page; `runs` is the default when --runs is not given. */
const SUITES = [
  {name: 'data-plane', page: 'bench/index.html', runs: 5},
  {name: 'grid', page: 'bench/grid.html', runs: 3},
  {name: 'ag-grid', page: 'bench/peers.html', query: {peer: 'ag-grid'}, runs: 3},
  {name: 'vaadin-grid', page: 'bench/peers.html', query: {peer: 'vaadin-grid'}, runs: 3},
  {name: 'tenant-switcher', page: 'bench/tenant-switcher.html', runs: 3},
  {name: 'customer-wizard', page: 'bench/wizard.html', runs: 3},
  {name: 'customer-details', page: 'bench/details.html', runs: 3},
  {name: 'accounts-grid', page: 'bench/accounts.html', runs: 3},
  // Navigations, not one page: driven by runPageLoadSuite below.
  {name: 'page-load', page: 'bench/page-load.html', runs: 3, driver: 'page-load'},
  // The browser extension's popup and side panel, in their own browser: scripts/bench-extension.mjs.
  {name: 'extension', runs: 5, driver: 'extension'},
];

/** Size probes (vite.config.ts inputs): the module each grid needs, by manifest key. */
const SIZE_PROBES = [
  {subject: 'tenantry', entry: 'widgets/organizations-grid/organizations-grid.ts'},
  {subject: 'ag-grid-community', entry: 'bench/peers/ag-grid-lib.ts'},
  {subject: '@vaadin/grid', entry: 'bench/peers/vaadin-grid-lib.ts'},
];
const SIZE_METRIC = 'gzipped JS';
const SIZE_TARGET_KB = 45;
/** The customer wizard's own JS: what its module adds to a page that already shows the grid (lazily loaded country, subdivision, phone and cron data apart). */
const WIZARD_PROBE = {entry: 'widgets/customer-wizard/customer-wizard.ts', besides: 'widgets/organizations-grid/organizations-grid.ts'};
const WIZARD_SIZE_METRIC = 'gzipped JS, customer wizard (beyond the grid)';
const WIZARD_SIZE_TARGET_KB = 30;
/**
 * The script-tag bundle (vite.cdn.config.ts, built into .bench/cdn): what `tenantry.js` loads up
 * front, then what a page showing each public element loads with it (the element's chunks load as
 * its tag appears), then every element at once; all before lazy chunks (the wizard's country,
 * subdivision, phone and cron data, the grid's popovers, the main-thread plane). The peers' rows
 * repeat their whole grid's size beside ours. Its worker is reported apart, like the site's.
 *
 * The 60 KB budget is what the script tag costs a page before any chunk loaded on demand:
 * `tenantry.js` with what it loads up front, which defines every element. Each element's own code is
 * such a chunk (loaded when its tag first appears), and a page showing any one element is held to
 * the same 60 KB. Every element at once is printed beside them, with no target: no page is made to
 * load it, and one that shows all five pays it as their tags appear.
 */
const CDN_METRIC = {
  upFront: 'gzipped JS, script tag: tenantry.js up front (defines every element)',
  element: (tag) => `gzipped JS, script tag: page with <${tag}>`,
  all: 'gzipped JS, script tag: page with every element',
  worker: 'gzipped JS, script tag: its worker (embedded backend)',
};
const CDN_TARGET_KB = 60;
/** The data worker, loaded apart from the page JS above: one row per backend configuration. */
const WORKER_SIZE_METRICS = {http: 'gzipped JS, worker (HTTP)', embedded: 'gzipped JS, worker (embedded)'};

const USAGE = 'Usage: npm run bench -- [--sizes 10000,100000] [--runs N] [--suites data-plane,grid,ag-grid,vaadin-grid,tenant-switcher,customer-wizard,customer-details,accounts-grid,page-load,extension] [--json] [--no-build] [--timeout-min 15] [--table results.json]';

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: {type: 'string', default: '10000,100000'},
        runs: {type: 'string'},
        suites: {type: 'string', default: SUITES.map((x) => x.name).join(',')},
        json: {type: 'boolean', default: false},
        'no-build': {type: 'boolean', default: false},
        'timeout-min': {type: 'string', default: '15'},
        table: {type: 'string'},
      },
    }).values;
  } catch (e) {
    usage(e.message);
  }
  const sizes = parsed.sizes.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n <= 0)) usage(`--sizes must list positive integers, got "${parsed.sizes}"`);
  const runs = parsed.runs === undefined ? null : Number(parsed.runs);
  if (runs !== null && (!Number.isInteger(runs) || runs <= 0)) usage(`--runs must be a positive integer, got "${parsed.runs}"`);
  const names = parsed.suites.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = names.filter((x) => !SUITES.some((s) => s.name === x));
  if (!names.length || unknown.length) usage(`--suites: unknown ${unknown.join(', ') || '(none given)'}; known: ${SUITES.map((x) => x.name).join(', ')}`);
  const suites = SUITES.filter((x) => names.includes(x.name)).map((x) => ({...x, runs: runs ?? x.runs}));
  const timeoutMin = Number(parsed['timeout-min']);
  if (!(timeoutMin > 0)) usage(`--timeout-min must be a positive number, got "${parsed['timeout-min']}"`);
  return {sizes, suites, json: parsed.json, build: !parsed['no-build'], timeoutMs: timeoutMin * 60_000, table: parsed.table ?? null};
}

function usage(problem) {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

/** Runs `vite build` in a child so its output can go to stderr (stdout is reserved for --json). */
function viteBuild() {
  const bin = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(bin)) throw new Error(`vite is not installed (${bin} is missing): run npm install`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build', '--logLevel', 'warn'], {cwd: ROOT, stdio: ['ignore', 2, 2]});
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${signal ?? `exit ${code}`})`))));
  });
}

/** A free loopback port (vite's own port search would print to stdout and may pick a busy one). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });
}

const fmt = (x, unit) => (x == null ? '—' : unit === 'count' ? String(Math.round(x * 10) / 10) : Math.abs(x) < 10 ? x.toFixed(2) : Math.abs(x) < 100 ? x.toFixed(1) : String(Math.round(x)));

const SUBJECTS = [
  ['tenantry', 'Tenantry'],
  ['ag-grid-community', 'AG Grid'],
  ['@vaadin/grid', 'Vaadin Grid'],
];

/**
 * One table per size: a row per metric (in the order the suites recorded them), a column per
 * grid with its median and [min–max] over the runs, then the target and whether ours meets it.
 */
function printTable(rows) {
  const header = ['metric', 'unit', ...SUBJECTS.map(([, label]) => label), 'target', 'ours'];
  const out = [];
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const cell = (r) => (r ? (r.min === r.max ? fmt(r.median, r.unit) : `${fmt(r.median, r.unit)} [${fmt(r.min, r.unit)}–${fmt(r.max, r.unit)}]`) : '—');
  const lines = [];
  for (const n of sizes) {
    const metrics = [...new Set(rows.filter((r) => r.n === n).map((r) => r.metric))];
    lines.push({title: `n = ${n.toLocaleString('en-US')}`});
    for (const metric of metrics) {
      const bySubject = new Map(rows.filter((r) => r.n === n && r.metric === metric).map((r) => [r.subject, r]));
      const ours = bySubject.get('tenantry');
      const any = [...bySubject.values()][0];
      const target = ours?.target ?? any.target;
      lines.push({
        cells: [metric, any.unit, ...SUBJECTS.map(([s]) => cell(bySubject.get(s))), target == null ? '—' : String(target), target == null || !ours ? '' : ours.median <= target ? '✓' : '✗'],
      });
    }
  }
  const body = lines.filter((l) => l.cells);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((l) => l.cells[i].length)));
  const right = new Set([2, 3, 4, 5]);
  const fmtLine = (c) => c.map((v, i) => (right.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  for (const l of lines) {
    if (l.title) {
      if (out.length) out.push('');
      out.push(l.title, fmtLine(header), widths.map((w) => '─'.repeat(w)).join('  '));
    } else out.push(fmtLine(l.cells));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The files a manifest entry loads: its chunk, its CSS and every chunk it imports statically. */
function staticFiles(manifest, entry) {
  if (!manifest[entry]) throw new Error(`${entry} is not in the size build's manifest`);
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entry);
  return files;
}

/**
 * Builds `entries` alone (production settings, nothing else in the build) and returns its output
 * directory and manifest. Alone, because how a bundler splits shared chunks depends on every entry
 * of a build: a probe in the site's build would weigh more or less as unrelated pages come and go.
 */
async function probeBuild(name, entries) {
  const {build} = await import('vite');
  const outDir = path.join(ROOT, '.bench', 'sizes', name);
  await build({
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    worker: {format: 'es'},
    // A probe's exports are what its users call: kept, as a page importing them would keep them.
    // `allow-extension`, not `strict`: a page's own entry chunk takes in the modules the probe shares
    // with its lazy chunks (Vite's app build does so), where a strict signature would leave them
    // as separate chunks, each gzipped alone, that no page importing the module would load.
    build: {target: 'es2022', outDir, emptyOutDir: true, manifest: true, rollupOptions: {input: Object.fromEntries(entries.map((e, i) => [`probe${i}`, e])), preserveEntrySignatures: 'allow-extension'}},
  });
  return {outDir, manifest: JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8'))};
}

/** Gzipped size (KB) of each probe's entry chunk and every chunk it imports statically, each built alone. */
async function bundleSizes(sizes) {
  const out = [];
  const row = (metric, subject, kb, target) => {
    for (const n of sizes) out.push({metric, n, subject, median: kb, min: kb, max: kb, unit: 'KB', target, suite: 'build'});
  };
  for (const {subject, entry} of SIZE_PROBES) {
    const {outDir, manifest} = await probeBuild(subject.replace(/[^a-z0-9-]/gi, '-'), [entry]);
    const files = [...staticFiles(manifest, entry)];
    const {raw, gzipped} = gzippedSize(outDir, files);
    const kb = Math.round((gzipped / 1024) * 10) / 10;
    log(`${subject}: ${files.length} chunks, ${(raw / 1024).toFixed(1)} KB raw, ${kb} KB gzipped (${files.join(', ')})`);
    row(SIZE_METRIC, subject, kb, SIZE_TARGET_KB);
  }
  // The wizard on a page that already shows the grid: the two built together, the grid's files apart.
  const {outDir, manifest} = await probeBuild('customer-wizard', [WIZARD_PROBE.besides, WIZARD_PROBE.entry]);
  const grid = staticFiles(manifest, WIZARD_PROBE.besides);
  const files = [...staticFiles(manifest, WIZARD_PROBE.entry)].filter((f) => !grid.has(f));
  const {raw, gzipped} = gzippedSize(outDir, files);
  const kb = Math.round((gzipped / 1024) * 10) / 10;
  log(`customer wizard beyond the grid: ${files.length} chunks, ${(raw / 1024).toFixed(1)} KB raw, ${kb} KB gzipped (${files.join(', ')})`);
  row(WIZARD_SIZE_METRIC, 'tenantry', kb, WIZARD_SIZE_TARGET_KB);
  return out;
}

/** Builds the script-tag bundle apart and returns its size rows (see CDN_METRIC), peers beside the totals. */
async function cdnSizes(sizes, peerRows) {
  const {build} = await import('vite');
  const outDir = path.join(ROOT, '.bench', 'cdn');
  await build({configFile: path.join(ROOT, 'vite.cdn.config.ts'), root: ROOT, logLevel: 'error', build: {outDir, emptyOutDir: true}});
  const out = [];
  const row = (metric, subject, kb, target) => {
    for (const n of sizes) out.push({metric, n, subject, median: kb, min: kb, max: kb, unit: 'KB', target, suite: 'build'});
  };
  const kbOf = (files) => Math.round((gzippedSize(outDir, files).gzipped / 1024) * 10) / 10;
  const loads = cdnLoads(readCdnGraph(outDir));
  const upFront = [...loads.eager.keys()];
  log(`script tag up front: ${upFront.length} chunks, ${kbOf(upFront)} KB gzipped (${upFront.join(', ')})`);
  row(CDN_METRIC.upFront, 'tenantry', kbOf(upFront), CDN_TARGET_KB);
  for (const tag of Object.keys(CDN_ELEMENTS)) {
    const files = [...upFront, ...loads.elements[tag].keys()];
    log(`script tag, page with <${tag}>: ${files.length} chunks, ${kbOf(files)} KB gzipped`);
    row(CDN_METRIC.element(tag), 'tenantry', kbOf(files), CDN_TARGET_KB);
  }
  const all = [...loads.all.keys()];
  log(`script tag, every element: ${all.length} chunks, ${kbOf(all)} KB gzipped`);
  row(CDN_METRIC.all, 'tenantry', kbOf(all), null);
  for (const peer of peerRows.filter((r) => r.subject !== 'tenantry' && r.n === sizes[0])) row(CDN_METRIC.all, peer.subject, peer.median, null);
  const worker = workerLoads(readWorkerGraph(outDir));
  const workerFiles = [...worker.embedded.keys()];
  log(`script tag's worker (embedded backend): ${workerFiles.length} chunks, ${kbOf(workerFiles)} KB gzipped`);
  row(CDN_METRIC.worker, 'tenantry', kbOf(workerFiles), null);
  return out;
}

/**
 * Gzipped size (KB) of the data worker as each backend configuration loads it: its entry chunk
 * and static imports for HTTP; those plus the embedded backend's chunk for the embedded backend.
 * Ours only (the peer grids have no worker); no target yet.
 */
function workerSizes(sizes) {
  const out = [];
  const worker = workerLoads(readWorkerGraph(path.join(ROOT, 'dist')));
  for (const [config, metric] of Object.entries(WORKER_SIZE_METRICS)) {
    const files = [...worker[config].keys()];
    const {raw, gzipped} = gzippedSize(path.join(ROOT, 'dist'), files);
    const kb = Math.round((gzipped / 1024) * 10) / 10;
    log(`data worker (${config}): ${files.length} chunks, ${(raw / 1024).toFixed(1)} KB raw, ${kb} KB gzipped (${files.join(', ')})`);
    for (const n of sizes) out.push({metric, n, subject: 'tenantry', median: kb, min: kb, max: kb, unit: 'KB', target: null, suite: 'build'});
  }
  return out;
}

/** Opens one suite's page in a fresh page (its own browser context) and returns its results. */
async function runSuite(browser, port, suite, opts) {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  try {
    const forward = (where) => (msg) => {
      const type = msg.type();
      const text = msg.text();
      // The page's own progress lines already carry a [bench] prefix.
      if (type === 'error') process.stderr.write(`[${where} error] ${text}\n`);
      else if (type === 'warning') process.stderr.write(`[${where} warning] ${text}\n`);
      else process.stderr.write(`${text.startsWith('[bench]') ? '' : `[${where}] `}${text}\n`);
    };
    page.on('console', forward(suite.name));
    page.on('worker', (worker) => worker.on('console', forward(`${suite.name} worker`)));
    page.on('pageerror', (err) => process.stderr.write(`[${suite.name} uncaught] ${err.stack ?? err.message}\n`));
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
      process.stderr.write(`[${suite.name}] the page crashed (out of memory?)\n`);
    });

    const query = new URLSearchParams({...suite.query, sizes: opts.sizes.join(','), runs: String(suite.runs)});
    const url = `http://127.0.0.1:${port}/${suite.page}?${query}`;
    log(`${suite.name}: open ${url}`);
    const started = Date.now();
    const response = await page.goto(url, {waitUntil: 'load'});
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
    try {
      await page.waitForFunction(() => window.__benchDone === true, null, {timeout: opts.timeoutMs, polling: 1000});
    } catch (e) {
      const status = crashed ? '' : await page.locator('#status').textContent({timeout: 2000}).catch(() => '');
      const tail = (status ?? '').trimEnd().split('\n').slice(-10).join('\n');
      throw new Error(`the ${suite.name} page did not finish${crashed ? ' (it crashed)' : ` within ${opts.timeoutMs / 60_000} min`}: ${e.message}\nLast status lines:\n${tail}`);
    }
    const {results, error, warnings} = await page.evaluate(() => ({results: window.__benchResults, error: window.__benchError, warnings: window.__benchWarnings ?? []}));
    log(`${suite.name}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return {results: (Array.isArray(results) ? results : []).map((r) => ({suite: suite.name, ...r})), error, warnings};
  } finally {
    await page.close().catch(() => undefined);
  }
}

// ---- page-load suite ---------------------------------------------------------------------------
//
// Navigation start → first data rows painted, as a user opening the page sees it: the built page,
// from this server, timed by the page's own clock (`performance.now()` counts from navigation
// start) at the frame after the grid's first rows are in its DOM (`firstPaint`, as the other suites
// detect it). Per size and run, for each backend and each grid: a new browser context (an empty
// profile: no IndexedDB, no HTTP cache) loads the page, the cold load; once the page has settled
// (ours: `client.idle()`, i.e. the rows and the saved first rows are in IndexedDB) that tab is
// closed and a new tab of the same context loads the same URL, the warm load (a new worker on the
// filled cache), as when the user opens the app again. A new tab rather than a reload: the timed
// navigation does not include tearing down the page before it. The server caches as a production
// one would (`cacheHeaders`), so a warm load takes its JS from the HTTP cache without asking.
//
// Backends: `embedded` (`{kind: 'local'}`, the data made in the worker) and `http` (`{kind: 'http'}`
// on the REST API this server answers under /bench-api/<n>/v1/: bench/rest-api.ts, the reference
// REST adapter over an in-memory embedded store, bundled for Node and warmed before any page).
//
// The peers get the same rows the way their hosts would: generated in the page for `embedded`
// (what bench/peers.bench.ts feeds them), listed from the same REST API for `http`, then mounted.
// They keep no data between loads, so their "warm" figure is a second load of the page in the same
// profile (their JS from the HTTP cache, the rows made or fetched again): what a returning user
// waits for with them, beside what they wait for with ours. Cold HTTP loads are only logged (the
// issue asks for no such line).

const PAGE_LOAD_PAGES = [
  ['tenantry', 'bench/page-load.html'],
  ['ag-grid-community', 'bench/page-load-ag-grid.html'],
  ['@vaadin/grid', 'bench/page-load-vaadin-grid.html'],
];
const PAGE_LOAD_BACKENDS = ['embedded', 'http'];
/** Where a page-load page is built and served (`buildPageLoadPages`), under dist/. */
const pageLoadDir = (subject) => `page-load/${subject.replace(/[^a-z0-9-]/gi, '-')}`;

/**
 * Builds each page-load page alone into dist/page-load/<subject>/, as a host builds its own page:
 * its chunks split for it alone, not by what the demo and the other bench pages happen to share
 * in the site's build (which cut our page into some forty chunks, each a request of its own).
 */
async function buildPageLoadPages() {
  const {build} = await import('vite');
  for (const [subject, page] of PAGE_LOAD_PAGES) {
    const dir = pageLoadDir(subject);
    await build({
      configFile: false,
      root: ROOT,
      base: `/${dir}/`,
      publicDir: false,
      logLevel: 'warn',
      worker: {format: 'es'},
      build: {target: 'es2022', outDir: path.join(ROOT, 'dist', dir), emptyOutDir: true, rollupOptions: {input: {page: path.join(ROOT, page)}}},
    });
  }
}
/** Table rows by (load, backend), in the order printed; targets (ms) at 100,000 organizations. */
const PAGE_LOAD_METRICS = [
  {load: 'warm', backend: 'embedded', metric: 'page load → first rows painted (warm cache, embedded backend, worker start incl.)', target: 150},
  {load: 'warm', backend: 'http', metric: 'page load → first rows painted (warm cache, HTTP backend, worker start incl.)', target: 150},
  {load: 'cold', backend: 'embedded', metric: 'cold page load → first rows painted (embedded backend)', target: 1500},
];
const PAGE_LOAD_TIMEOUT_MS = 120_000;
const BENCH_API = /^\/bench-api\/(\d+)\/v1\//;

/**
 * Bundles bench/rest-api.ts for Node (esbuild) and returns a connect middleware answering
 * /bench-api/<n>/v1/… with it, plus `warm(n)` to generate a size's store before any page asks.
 */
async function benchApi() {
  const {build} = await import('esbuild');
  const out = await build({entryPoints: [path.join(ROOT, 'bench', 'rest-api.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'warning'});
  const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-bench-api-'));
  let mod;
  try {
    const file = path.join(dir, 'rest-api.mjs');
    writeFileSync(file, out.outputFiles[0].contents);
    mod = await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
  const handlers = new Map();
  const handlerFor = (n) => {
    let h = handlers.get(n);
    if (!h) handlers.set(n, (h = mod.startBenchApi(n)));
    return h;
  };
  const serve = async (req, res, n) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const body = req.method === 'GET' || req.method === 'HEAD' || !chunks.length ? undefined : Buffer.concat(chunks);
    const response = await (await handlerFor(n))(new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {method: req.method, headers, body}));
    const payload = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(payload);
  };
  const middleware = (req, res, next) => {
    const match = BENCH_API.exec(req.url ?? '');
    if (!match) return next();
    serve(req, res, Number(match[1])).catch((e) => {
      process.stderr.write(`[bench] bench API ${req.method} ${req.url}: ${e?.stack ?? e}\n`);
      if (!res.headersSent) res.writeHead(500, {'content-type': 'text/plain'});
      res.end(String(e));
    });
  };
  return {middleware, warm: (n) => handlerFor(n)};
}

/**
 * Caching as a production deployment of a Vite build serves it: hashed assets for a year,
 * immutable; pages revalidated. `vite preview` sends no Cache-Control, which leaves a warm load
 * to the browser's heuristic (a fraction of the time since the build), i.e. to when the bench ran.
 */
function cacheHeaders(req, res, next) {
  const url = req.url ?? '';
  if (/^\/(?:page-load\/[^/]+\/)?assets\//.test(url)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (/\.html(?:[?#]|$)/.test(url)) res.setHeader('Cache-Control', 'no-cache');
  next();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * The page's `[page-load] {json}` reports, in order, for one navigation at a time; a page error
 * or crash ends the wait with that error.
 */
function pageLoadReports(page, label) {
  const queue = [];
  let waiter = null;
  const push = (report) => {
    queue.push(report);
    if (waiter) waiter();
  };
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('[page-load] ')) {
      try {
        push(JSON.parse(text.slice('[page-load] '.length)));
      } catch (e) {
        push({error: `unreadable report ${text.slice(0, 200)}: ${e.message}`});
      }
    } else if (msg.type() === 'error' || msg.type() === 'warning') process.stderr.write(`[${label} ${msg.type()}] ${text}\n`);
  });
  page.on('worker', (worker) => worker.on('console', (msg) => (msg.type() === 'error' || msg.type() === 'warning') && process.stderr.write(`[${label} worker ${msg.type()}] ${msg.text()}\n`)));
  page.on('pageerror', (err) => push({error: `uncaught: ${err.stack ?? err.message}`}));
  page.on('crash', () => push({error: 'the page crashed (out of memory?)'}));
  return {
    /** The next report with `key` (or an error), within the timeout. */
    async next(key, timeoutMs = PAGE_LOAD_TIMEOUT_MS) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const i = queue.findIndex((r) => r.error || r[key] !== undefined);
        if (i >= 0) {
          const [r] = queue.splice(i, 1);
          if (r.error) throw new Error(`${label}: ${r.error}`);
          return r;
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error(`${label}: no "${key}" report within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter = () => {
            clearTimeout(timer);
            waiter = null;
            resolve();
          };
        });
      }
    },
  };
}

/** One navigation in a new tab of `context`: the report of its first rows, once the page has settled. */
async function timedLoad(context, url, label) {
  const page = await context.newPage();
  const reports = pageLoadReports(page, label);
  try {
    const response = await page.goto(url, {waitUntil: 'commit', timeout: PAGE_LOAD_TIMEOUT_MS});
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
    const first = await reports.next('firstRows');
    const settled = await reports.next('settled');
    return {...first, marks: {...first.marks, ...settled.marks}};
  } finally {
    await page.close().catch(() => undefined);
  }
}

const describeLoad = (r) => {
  const parts = [`${r.firstRows.toFixed(0)} ms`];
  const at = [['html', r.responseEnd], ['parsed', r.domInteractive], ['script', r.scriptStart], ...Object.entries(r.marks ?? {})].filter(([, t]) => typeof t === 'number');
  if (at.length) parts.push(`(${at.map(([k, t]) => `${k} ${t.toFixed(0)}`).join(', ')})`);
  parts.push(`"${r.firstRowText}" of ${r.rowCount ?? '?'}`);
  return parts.join(' ');
};

async function runPageLoadSuite(browser, port, suite, opts) {
  const samples = new Map();
  const record = (subject, metric, n, value) => {
    const key = `${subject}\u0000${metric}\u0000${n}`;
    if (!samples.has(key)) samples.set(key, {subject, metric, n, values: []});
    samples.get(key).values.push(value);
  };
  let error = null;
  try {
    for (const n of opts.sizes) {
      log(`page-load: warming the bench API for n=${n}…`);
      const w0 = Date.now();
      await opts.api.warm(n);
      log(`page-load: bench API ready for n=${n} in ${Date.now() - w0} ms`);
      for (let run = 0; run < suite.runs; run++) {
        for (const backend of PAGE_LOAD_BACKENDS) {
          for (const [subject, pagePath] of PAGE_LOAD_PAGES) {
            const label = `page-load ${subject} ${backend} n=${n} run ${run + 1}`;
            const url = `http://127.0.0.1:${port}/${pageLoadDir(subject)}/${pagePath}?${new URLSearchParams({n: String(n), backend})}`;
            // A new context: an empty profile, so the first load is cold (no IndexedDB, no HTTP cache).
            const context = await browser.newContext({viewport: {width: 1280, height: 900}});
            try {
              const cold = await timedLoad(context, url, `${label} cold`);
              const warm = await timedLoad(context, url, `${label} warm`);
              for (const m of PAGE_LOAD_METRICS) if (m.backend === backend) record(subject, m.metric, n, (m.load === 'cold' ? cold : warm).firstRows);
              log(`  ${label}: cold ${describeLoad(cold)} · warm ${describeLoad(warm)}`);
            } finally {
              await context.close().catch(() => undefined);
            }
          }
        }
      }
    }
  } catch (e) {
    error = e?.stack ?? String(e);
  }
  const results = [];
  for (const m of PAGE_LOAD_METRICS)
    for (const {subject, metric, n, values} of samples.values())
      if (metric === m.metric) results.push({metric, n, subject, median: round2(median(values)), min: round2(Math.min(...values)), max: round2(Math.max(...values)), unit: 'ms', target: n === 100_000 ? m.target : null, suite: suite.name});
  return {results, error, warnings: []};
}

async function main() {
  const opts = options();
  if (opts.table) {
    // Prints the table of an earlier `--json` run (its file) without running anything.
    printTable(JSON.parse(readFileSync(opts.table, 'utf8')));
    return 0;
  }
  if (opts.build) {
    log('vite build (production)…');
    await viteBuild();
    if (opts.suites.some((s) => s.driver === 'page-load')) {
      log('vite build of each page-load page alone…');
      await buildPageLoadPages();
    }
  } else if (!existsSync(path.join(ROOT, 'dist', 'bench', 'grid.html'))) {
    throw new Error('--no-build given but dist/bench/grid.html does not exist: run without --no-build once');
  }
  const all = [];
  const warnings = [];
  let failed = false;
  try {
    all.push(...(await bundleSizes(opts.sizes)));
  } catch (e) {
    failed = true;
    process.stderr.write(`[bench] bundle sizes: ${e.message}\n`);
  }
  try {
    all.push(...(await cdnSizes(opts.sizes, all.filter((r) => r.metric === SIZE_METRIC))));
  } catch (e) {
    failed = true;
    process.stderr.write(`[bench] script-tag bundle sizes: ${e.message}\n`);
  }
  try {
    all.push(...workerSizes(opts.sizes));
  } catch (e) {
    failed = true;
    process.stderr.write(`[bench] worker sizes: ${e.message}\n`);
  }

  // The page-load suite's HTTP lines need the REST API served beside the pages.
  const api = opts.suites.some((s) => s.driver === 'page-load') ? await benchApi() : null;
  const plugins = [
    {
      name: 'tenantry-bench-server',
      configurePreviewServer(server) {
        server.middlewares.use(cacheHeaders);
        if (api) server.middlewares.use(api.middleware);
      },
    },
  ];
  const port = await freePort();
  const server = await preview({root: ROOT, logLevel: 'warn', plugins, preview: {host: '127.0.0.1', port, strictPort: true, open: false}});
  let browser;
  try {
    // expose-gc and precise memory info: the heap figures are read after a full GC, unrounded.
    browser = await chromium.launch({executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'], headless: true});
    for (const suite of opts.suites) {
      try {
        const r =
          suite.driver === 'page-load'
            ? await runPageLoadSuite(browser, port, suite, {...opts, api})
            : suite.driver === 'extension'
              ? await runExtensionSuite(suite, opts)
              : await runSuite(browser, port, suite, opts);
        all.push(...r.results);
        warnings.push(...r.warnings.map((w) => `${suite.name}: ${w}`));
        if (r.error) {
          failed = true;
          process.stderr.write(`[bench] the ${suite.name} page failed:\n${r.error}\n`);
        } else if (!r.results.length) {
          failed = true;
          process.stderr.write(`[bench] the ${suite.name} page finished without results\n`);
        }
      } catch (e) {
        // One suite failing still leaves the others' figures worth reading.
        failed = true;
        process.stderr.write(`[bench] ${e?.stack ?? e}\n`);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close().catch(() => undefined);
  }
  if (all.length) {
    if (opts.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
    else printTable(all);
  }
  for (const w of warnings) process.stderr.write(`[bench] WARNING: ${w}\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[bench] ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
