// `npm run bench`: builds the production bundle, serves it, runs each suite's page in a fresh
// headless Chromium page and prints the figures side by side. Production mode matters: Lit's dev
// mode and unminified code would make every figure slower than what users get.
//
//   npm run bench -- [--sizes 10000,100000] [--runs N] [--suites data-plane,grid,ag-grid,vaadin-grid,tenant-switcher]
//                    [--json] [--no-build] [--timeout-min 15] [--table results.json]
//
// Suites: data-plane (bench/index.html: the DataClient alone, 5 runs by default), grid
// (bench/grid.html: <organizations-grid>, 3 runs), ag-grid and vaadin-grid (bench/peers.html: the
// peer grids on the same generated organizations, 3 runs), tenant-switcher (bench/tenant-switcher.html:
// type-ahead over the whole hierarchy, keystroke to painted options, 3 runs). --runs sets every suite's runs. The
// gzipped JS of each grid comes from the build output (dist/.vite/manifest.json), not a page; so does
// ours of the data worker, once as a worker configured for HTTP loads it and once with the embedded
// backend's chunk on top (dist/.vite/workers/, see scripts/worker-chunks.mjs).
//
// --json prints only the figures, as one JSON array, on stdout; progress always goes to stderr.
// --table FILE prints the table of such a saved array and exits.
// Exit 0 even when a target is missed (the bench reports, it does not gate); 1 if a page fails.
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {gzipSync} from 'node:zlib';
import {chromium} from 'playwright-core';
import {preview} from 'vite';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';
import {gzippedSize, readWorkerGraph, workerLoads} from './worker-chunks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** The pages, each run in a fresh page; `runs` is the default when --runs is not given. */
const SUITES = [
  {name: 'data-plane', page: 'bench/index.html', runs: 5},
  {name: 'grid', page: 'bench/grid.html', runs: 3},
  {name: 'ag-grid', page: 'bench/peers.html', query: {peer: 'ag-grid'}, runs: 3},
  {name: 'vaadin-grid', page: 'bench/peers.html', query: {peer: 'vaadin-grid'}, runs: 3},
  {name: 'tenant-switcher', page: 'bench/tenant-switcher.html', runs: 3},
];

/** Size probes (vite.config.ts inputs): the module each grid needs, by manifest key. */
const SIZE_PROBES = [
  {subject: 'tenantry', entry: 'widgets/organizations-grid/organizations-grid.ts'},
  {subject: 'ag-grid-community', entry: 'bench/peers/ag-grid-lib.ts'},
  {subject: '@vaadin/grid', entry: 'bench/peers/vaadin-grid-lib.ts'},
];
const SIZE_METRIC = 'gzipped JS';
const SIZE_TARGET_KB = 45;
/** The data worker, loaded apart from the page JS above: one row per backend configuration. */
const WORKER_SIZE_METRICS = {http: 'gzipped JS, worker (HTTP)', embedded: 'gzipped JS, worker (embedded)'};

const USAGE = 'Usage: npm run bench -- [--sizes 10000,100000] [--runs N] [--suites data-plane,grid,ag-grid,vaadin-grid,tenant-switcher] [--json] [--no-build] [--timeout-min 15] [--table results.json]';

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

/** Gzipped size (KB) of each probe's entry chunk and every chunk it imports statically. */
function bundleSizes(sizes) {
  const manifestPath = path.join(ROOT, 'dist', '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run without --no-build`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const out = [];
  for (const {subject, entry} of SIZE_PROBES) {
    if (!manifest[entry]) throw new Error(`${entry} is not in the build manifest (vite.config.ts inputs)`);
    const files = new Set();
    const visit = (key) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const dep of chunk.imports ?? []) visit(dep);
    };
    visit(entry);
    let bytes = 0;
    let raw = 0;
    for (const file of files) {
      const content = readFileSync(path.join(ROOT, 'dist', file));
      raw += content.length;
      bytes += gzipSync(content).length;
    }
    const kb = Math.round((bytes / 1024) * 10) / 10;
    log(`${subject}: ${files.size} chunks, ${(raw / 1024).toFixed(1)} KB raw, ${kb} KB gzipped (${[...files].join(', ')})`);
    for (const n of sizes) out.push({metric: SIZE_METRIC, n, subject, median: kb, min: kb, max: kb, unit: 'KB', target: SIZE_TARGET_KB, suite: 'build'});
  }
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
  } else if (!existsSync(path.join(ROOT, 'dist', 'bench', 'grid.html'))) {
    throw new Error('--no-build given but dist/bench/grid.html does not exist: run without --no-build once');
  }
  const all = [];
  const warnings = [];
  let failed = false;
  try {
    all.push(...bundleSizes(opts.sizes));
  } catch (e) {
    failed = true;
    process.stderr.write(`[bench] bundle sizes: ${e.message}\n`);
  }
  try {
    all.push(...workerSizes(opts.sizes));
  } catch (e) {
    failed = true;
    process.stderr.write(`[bench] worker sizes: ${e.message}\n`);
  }

  const port = await freePort();
  const server = await preview({root: ROOT, logLevel: 'warn', preview: {host: '127.0.0.1', port, strictPort: true, open: false}});
  let browser;
  try {
    // expose-gc and precise memory info: the heap figures are read after a full GC, unrounded.
    browser = await chromium.launch({executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'], headless: true});
    for (const suite of opts.suites) {
      try {
        const r = await runSuite(browser, port, suite, opts);
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
