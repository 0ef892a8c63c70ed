// `npm run bench`: builds the production bundle, serves it, runs bench/index.html in headless
// Chromium and prints the figures. Production mode matters: Lit's dev mode and unminified code
// would make every figure slower than what users get.
//
//   npm run bench -- [--sizes 10000,100000] [--runs 5] [--json] [--no-build] [--timeout-min 15]
//
// --json prints only the figures, as one JSON array, on stdout; progress always goes to stderr.
// Exit 0 even when a target is missed (the bench reports, it does not gate); 1 if the page fails.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {chromium} from 'playwright-core';
import {preview} from 'vite';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: {type: 'string', default: '10000,100000'},
        runs: {type: 'string', default: '5'},
        json: {type: 'boolean', default: false},
        'no-build': {type: 'boolean', default: false},
        'timeout-min': {type: 'string', default: '15'},
      },
    }).values;
  } catch (e) {
    usage(e.message);
  }
  const sizes = parsed.sizes.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n <= 0)) usage(`--sizes must list positive integers, got "${parsed.sizes}"`);
  const runs = Number(parsed.runs);
  if (!Number.isInteger(runs) || runs <= 0) usage(`--runs must be a positive integer, got "${parsed.runs}"`);
  const timeoutMin = Number(parsed['timeout-min']);
  if (!(timeoutMin > 0)) usage(`--timeout-min must be a positive number, got "${parsed['timeout-min']}"`);
  return {sizes, runs, json: parsed.json, build: !parsed['no-build'], timeoutMs: timeoutMin * 60_000};
}

function usage(problem) {
  process.stderr.write(`${problem}\nUsage: npm run bench -- [--sizes 10000,100000] [--runs 5] [--json] [--no-build] [--timeout-min 15]\n`);
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

const fmt = (x) => (x == null ? '—' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : String(Math.round(x)));

function printTable(rows) {
  const header = ['metric', 'n', 'subject', 'median', 'min', 'max', 'unit', 'target', '✓/✗'];
  const right = new Set([1, 3, 4, 5, 7]);
  const sorted = [...rows].sort((a, b) => a.n - b.n || a.metric.localeCompare(b.metric) || a.subject.localeCompare(b.subject));
  const cells = sorted.map((r) => [
    r.metric,
    r.n.toLocaleString('en-US'),
    r.subject,
    fmt(r.median),
    fmt(r.min),
    fmt(r.max),
    r.unit,
    r.target == null ? '—' : String(r.target),
    r.target == null ? '' : r.median <= r.target ? '✓' : '✗',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => (right.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  sorted.forEach((r, i) => {
    // A blank line between sizes groups each n.
    if (i > 0 && r.n !== sorted[i - 1].n) out.push('');
    out.push(line(cells[i]));
  });
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const opts = options();
  if (opts.build) {
    log('vite build (production)…');
    await viteBuild();
  } else if (!existsSync(path.join(ROOT, 'dist', 'bench', 'index.html'))) {
    throw new Error('--no-build given but dist/bench/index.html does not exist: run without --no-build once');
  }

  const port = await freePort();
  const server = await preview({root: ROOT, logLevel: 'warn', preview: {host: '127.0.0.1', port, strictPort: true, open: false}});
  let browser;
  let failed = false;
  try {
    browser = await chromium.launch({executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true});
    const page = await browser.newPage();
    const forward = (where) => (msg) => {
      const type = msg.type();
      const text = msg.text();
      // The page's own progress lines already carry a [bench] prefix.
      if (type === 'error') process.stderr.write(`[${where} error] ${text}\n`);
      else if (type === 'warning') process.stderr.write(`[${where} warning] ${text}\n`);
      else process.stderr.write(`${text.startsWith('[bench]') ? '' : `[${where}] `}${text}\n`);
    };
    page.on('console', forward('page'));
    page.on('worker', (worker) => worker.on('console', forward('worker')));
    page.on('pageerror', (err) => process.stderr.write(`[page uncaught] ${err.stack ?? err.message}\n`));
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
      process.stderr.write('[page] the page crashed (out of memory?)\n');
    });

    const query = new URLSearchParams({sizes: opts.sizes.join(','), runs: String(opts.runs)});
    const url = `http://127.0.0.1:${port}/bench/index.html?${query}`;
    log(`open ${url}`);
    const response = await page.goto(url, {waitUntil: 'load'});
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
    try {
      await page.waitForFunction(() => window.__benchDone === true, null, {timeout: opts.timeoutMs, polling: 1000});
    } catch (e) {
      const status = crashed ? '' : await page.locator('#status').textContent({timeout: 2000}).catch(() => '');
      const tail = (status ?? '').trimEnd().split('\n').slice(-10).join('\n');
      throw new Error(`the bench page did not finish${crashed ? ' (it crashed)' : ` within ${opts.timeoutMs / 60_000} min`}: ${e.message}\nLast status lines:\n${tail}`);
    }
    const {results, error, warnings} = await page.evaluate(() => ({results: window.__benchResults, error: window.__benchError, warnings: window.__benchWarnings ?? []}));
    if (error) {
      failed = true;
      process.stderr.write(`[bench] the bench page failed:\n${error}\n`);
    }
    if (Array.isArray(results) && results.length) {
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      else printTable(results);
    } else if (!error) {
      failed = true;
      process.stderr.write('[bench] the page finished without results\n');
    }
    for (const w of warnings) process.stderr.write(`[bench] WARNING: ${w}\n`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close().catch(() => undefined);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[bench] ${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
