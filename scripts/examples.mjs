// `node scripts/examples.mjs [name…]` (a step of `npm test`): every host page in `examples/`,
// end to end in real Chromium. Builds the script-tag bundle once (`vite.cdn.config.ts` →
// dist/cdn/), serves it and the examples from a small static server that sends each example's own
// response headers (its CSP, its Trusted Types), and a second origin that serves only the bundle
// (a CDN, with CORS). Each page is driven by its `check.mjs`; every page also has to report no
// `securitypolicyviolation` (beyond those its `example.json` expects, by directive), no console
// error and no uncaught exception. Ends with `[examples] N passed, N failed`; exit 1 on a failure.
// `--serve` builds and serves them for a browser instead (the URLs are printed).
//
// An example is a folder with `index.html` (placeholders: `{{nonce}}`, a fresh nonce per response;
// `{{cdn}}`, the origin the bundle comes from, empty for the page's own), `example.json`
// (`headers`, `bundleOrigin`: "page" | "cdn", `expectViolations`: directives a test expects to be
// refused, `expectWarnings`: text a console warning must contain, `expectConsoleErrors`: text of the
// browser's own console reports of those refusals, `build`: "vite" for an app built from the npm
// package with its own `vite.config.mjs`, served from dist/examples/<name>/, `server`: true for a
// page on the reference server (`npm run serve`, started once, allowing the page's origin; the
// placeholders `{{api}}` and `{{user}}` name its API and the signed-in user, who is signed in with a
// session cookie before the page loads, as a portal's own sign-in would) and `check.mjs` (default export
// `async (page, t) => …`, `t.test(name, fn)` per promise the example makes).
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {CHROMIUM_ARGS, chromiumPath} from './chromium.mjs';
import {LAZY, WORKER_LAZY, cdnLoads, hasModule, lazyViolations, readCdnGraph, readWorkerGraph, workerLoads} from './cdn-bundle.mjs';
import {launch} from './reference-server-plugin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');
const CDN = path.join(ROOT, 'dist', 'cdn');
const log = (line) => process.stdout.write(`[examples] ${line}\n`);
const PAGE_TIMEOUT_MS = 60_000;
/** Who the reference-server example signs in as: the demo distributor's admin. */
const REFERENCE_USER = 'u-dist-1-admin';

const TYPES = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json'};
/** Packages a page may load from node_modules under /vendor/ (a host's own Lit, beside the bundle's). */
const VENDOR = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'];

function node(args, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit']});
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code})`))));
  });
}
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const viteBuild = () => node([VITE, 'build', '-c', 'vite.cdn.config.ts', '--logLevel', 'error'], 'the script-tag build');
/** Framework apps are built from the npm package, as a host would: the package first, then each app. */
async function buildApps(names) {
  const apps = names.filter((n) => readExample(n)?.build === 'vite');
  if (!apps.length) return;
  log('building the npm package (dist/npm/) and the framework apps…');
  await node(['scripts/build-package.mjs'], 'the package build');
  for (const name of apps) await node([VITE, 'build', '-c', path.join(EXAMPLES, name, 'vite.config.mjs'), '--logLevel', 'error'], `the ${name} app's build`);
}

/** A file under `base` for a URL path, or null (outside it, or missing). */
function fileUnder(base, rest) {
  const file = path.resolve(base, `.${path.posix.normalize(`/${decodeURIComponent(rest)}`)}`);
  if (!file.startsWith(base + path.sep) && file !== base) return null;
  if (!existsSync(file)) return null;
  return statSync(file).isDirectory() ? (existsSync(path.join(file, 'index.html')) ? path.join(file, 'index.html') : null) : file;
}

/**
 * The page origin (examples, the bundle, /vendor/) or the CDN origin (the bundle only, with
 * CORS); `cdnOrigin()` is read per request, once both listen.
 */
function startServer({cdnOnly, cdnOrigin, reference = () => null}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status, body, headers = {}) => {
      res.writeHead(status, {'Cache-Control': 'no-store', ...headers});
      res.end(body);
    };
    let file = null;
    let example = null;
    if (url.pathname.startsWith('/cdn/')) file = fileUnder(CDN, url.pathname.slice('/cdn/'.length));
    else if (!cdnOnly && url.pathname.startsWith('/vendor/')) {
      const rest = url.pathname.slice('/vendor/'.length);
      if (VENDOR.some((p) => rest.startsWith(`${p}/`))) file = fileUnder(path.join(ROOT, 'node_modules'), rest);
    } else if (!cdnOnly && url.pathname.startsWith('/examples/')) {
      const name = url.pathname.split('/')[2];
      const built = name && readExample(name)?.build;
      // A built app is served from its build; the others as they are.
      file = built ? fileUnder(path.join(ROOT, 'dist', 'examples', name), url.pathname.slice(`/examples/${name}/`.length)) : fileUnder(EXAMPLES, url.pathname.slice('/examples/'.length));
      if (file?.endsWith('.html') && name) example = readExample(name);
    }
    if (!file) return send(404, 'not found', {'Content-Type': 'text/plain'});
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    // A CDN answers every origin (module scripts and a blob: worker's import are CORS requests).
    const cors = url.pathname.startsWith('/cdn/') ? {'Access-Control-Allow-Origin': '*'} : {};
    if (!example) return send(200, readFileSync(file), {'Content-Type': type, ...cors});
    const nonce = randomBytes(16).toString('base64');
    const cdn = example.bundleOrigin === 'cdn' ? cdnOrigin() : '';
    const api = example.server ? reference() : null;
    const fill = (text) =>
      text
        .replaceAll('{{nonce}}', nonce)
        .replaceAll('{{cdn}}', cdn)
        .replaceAll('{{api}}', api ? `${api.url}v1/` : '')
        .replaceAll('{{user}}', api ? REFERENCE_USER : '');
    const headers = Object.fromEntries(Object.entries(example.headers ?? {}).map(([k, v]) => [k, fill(v)]));
    send(200, fill(readFileSync(file, 'utf8')), {'Content-Type': type, ...headers});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function readExample(name) {
  const file = path.join(EXAMPLES, name, 'example.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

async function runExample(browser, origin, name, counts, reference) {
  const example = readExample(name);
  const context = await browser.newContext();
  if (example.server) {
    // The portal's own sign-in: a session cookie for the server's host (the page's site too).
    const server = reference();
    const response = await context.request.post(`${server.url}auth/sign-in`, {data: {token: server.tokens[REFERENCE_USER], cookie: true}});
    if (!response.ok()) throw new Error(`the reference server refused the sign-in: ${response.status()} ${await response.text()}`);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const errors = [];
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  // Before any of the page's scripts: every violation the document reports, whoever caused it.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push({directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}`});
    });
  });
  const test = async (label, fn) => {
    try {
      await fn();
      counts.passed++;
      log(`  ✓ ${label}`);
    } catch (e) {
      counts.failed++;
      log(`  ✗ ${label}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  };
  log(`${name}: ${example.title}`);
  try {
    let loaded = false;
    await test('page loads', async () => {
      const response = await page.goto(`${origin}/examples/${name}/`);
      if (!response?.ok()) throw new Error(`answered ${response?.status()}`);
      loaded = true;
    });
    if (loaded) {
      const {default: check} = await import(path.join(EXAMPLES, name, 'check.mjs'));
      await check(page, {test: (label, fn) => test(label, fn)});
      const expected = new Set(example.expectViolations ?? []);
      await test(expected.size ? `only the expected CSP violations (${[...expected].join(', ')})` : 'zero CSP violations', async () => {
        const violations = await page.evaluate(() => window.__violations);
        const unexpected = violations.filter((v) => !expected.has(v.directive));
        if (unexpected.length) throw new Error(`violations: ${JSON.stringify(unexpected, null, 2)}`);
        for (const directive of expected) if (!violations.some((v) => v.directive === directive)) throw new Error(`expected a ${directive} violation, none was reported`);
      });
      for (const text of example.expectWarnings ?? []) {
        await test(`console warns: "${text}"`, async () => {
          if (!warnings.some((w) => w.includes(text))) throw new Error(`no such warning; warnings: ${JSON.stringify(warnings)}`);
        });
      }
      await test('no console errors or uncaught exceptions', async () => {
        // The browser's own report of an expected refusal is not the page's error.
        const allowed = example.expectConsoleErrors ?? [];
        const unexpected = errors.filter((e) => !allowed.some((text) => e.includes(text)));
        if (unexpected.length) throw new Error(unexpected.join('\n'));
      });
    }
  } finally {
    await context.close();
  }
}

/**
 * What the build of the bundle promises, read from its chunk graphs: the wizard's data and the
 * worker's export are chunks loaded on first use, and no worker code is in what a page loads for
 * its elements (the main-thread plane comes only through its dynamic import).
 */
function checkChunks(counts) {
  const test = (label, fn) => {
    try {
      fn();
      counts.passed++;
      log(`  ✓ ${label}`);
    } catch (e) {
      counts.failed++;
      log(`  ✗ ${label}\n      ${e.message}`);
    }
  };
  log('the bundle\'s chunks');
  const graph = readCdnGraph(CDN);
  const loads = cdnLoads(graph);
  const worker = readWorkerGraph(CDN);
  const {http} = workerLoads(worker);
  for (const rule of LAZY) {
    test(`${rule.what}: a lazily loaded chunk, in no element's up-front code`, () => {
      if (!hasModule(graph, rule)) throw new Error('no chunk holds it');
      const found = lazyViolations(graph, loads.all, [rule]);
      if (found.length) throw new Error(found.map((f) => `${f.file}, loaded through ${f.via.join(' → ')}`).join('\n'));
    });
  }
  for (const rule of WORKER_LAZY) {
    test(`the worker's ${rule.what}: a chunk loaded on first use`, () => {
      if (!hasModule(worker, rule)) throw new Error('no worker chunk holds it');
      const found = lazyViolations(worker, http, [rule]);
      if (found.length) throw new Error(found.map((f) => `${f.file}, loaded through ${f.via.join(' → ')}`).join('\n'));
    });
  }
  test('no worker code in the page\'s up-front or element chunks (the main-thread plane only by dynamic import)', () => {
    const found = lazyViolations(graph, loads.all, [{what: 'worker code', module: /^src\/worker\//}]);
    if (found.length) throw new Error(found.map((f) => `${f.file}, loaded through ${f.via.join(' → ')}`).join('\n'));
  });
}

async function main() {
  // --serve: build, then only serve the examples (to open them in a browser) until stopped.
  const serveOnly = process.argv.includes('--serve');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const names = readdirSync(EXAMPLES)
    .filter((n) => existsSync(path.join(EXAMPLES, n, 'example.json')))
    .filter((n) => !only.length || only.includes(n))
    .sort();
  log('building the script-tag bundle (dist/cdn/)…');
  await viteBuild();
  await buildApps(names);
  const counts = {passed: 0, failed: 0};
  if (!only.length) checkChunks(counts);
  let cdnServer = null;
  let reference = null;
  const pageServer = await startServer({cdnOnly: false, cdnOrigin: () => `http://127.0.0.1:${cdnServer.address().port}`, reference: () => reference});
  cdnServer = await startServer({cdnOnly: true, cdnOrigin: () => ''});
  const origin = `http://127.0.0.1:${pageServer.address().port}`;
  // The reference server, for the examples that talk to it: a real process, allowing the pages' origin.
  const referenceData = names.some((n) => readExample(n)?.server) ? mkdtempSync(path.join(tmpdir(), 'tenantry-examples-server-')) : null;
  if (referenceData) {
    log('starting the reference server…');
    reference = await launch(referenceData, [origin]);
  }
  if (serveOnly) {
    for (const name of names) log(`${origin}/examples/${name}/`);
    return new Promise(() => undefined);
  }
  const browser = await chromium.launch({executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true});
  try {
    for (const name of names) {
      try {
        await runExample(browser, origin, name, counts, () => reference);
      } catch (e) {
        counts.failed++;
        log(`  ✗ ${name} could not run: ${e?.stack ?? e}`);
      }
    }
  } finally {
    await browser.close();
    pageServer.close();
    cdnServer.close();
    reference?.child.kill('SIGKILL');
    if (referenceData) rmSync(referenceData, {recursive: true, force: true});
  }
  log(`${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[examples] ${e?.stack ?? e}\n`);
    log('0 passed, 1 failed');
    process.exit(1);
  },
);
