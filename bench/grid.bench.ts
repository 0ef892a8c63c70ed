/**
 * Grid suite: `<organizations-grid>` on a `DataClient` over the embedded backend, measured through
 * its DOM the same way as the peer grids (bench/peers.bench.ts). Per run: a cold fill through the
 * grid, then a warm start (a new worker on the same cache, as on the next page load) that is
 * measured, then search, sort, scroll, and CSV/Excel export of the view through `exportView`.
 *
 * Query parameters: `sizes=10000,100000`, `runs=3`.
 */
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig, Scope} from '../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import type {ColumnKey} from '../src/shared/columns.js';
import {COLUMN_BY_KEY} from '../src/shared/columns.js';
import type {SortSpec} from '../src/shared/query.js';
import type {OrganizationsGrid} from '../widgets/organizations-grid/organizations-grid.js';
import '../widgets/organizations-grid/organizations-grid.js';
import {DEFAULT_VIEW_STATE} from '../src/shared/grid-view.js';
import {GM, Samples, check, deleteDatabases, firstPaint, framesDuring, heapMB, log, longTasks, params, runSuite, sleep} from './harness.js';
import {SEARCH_TERM, measureInteractions, type GridUnderTest} from './interactions.js';
import {tenantryProbe} from './tenantry-probe.js';

const SUBJECT = 'tenantry';
const SCOPE: Scope = {tenantId: DEMO_TENANTS.distributor};
const BY_NAME: SortSpec[] = [{key: 'name', dir: 'asc'}];
const TOKEN_PREFIX = 'tbench-grid-';
const samples = new Samples('grid');
const container = document.getElementById('stage')!;

const newToken = (label: string): string => `${TOKEN_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${label}`;

function newClient(n: number, namespace: string, cacheName: string): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace, userId: DEMO_USERS.distributorAdmin};
  // The host says who is signed in, as a real one does: a warm start paints before the backend has started.
  return new DataClient({config, cacheName, user: DEMO_USERS.distributorAdmin});
}

function mount(client: DataClient): OrganizationsGrid {
  const el = document.createElement('organizations-grid');
  el.client = client;
  el.scope = SCOPE;
  el.style.setProperty('--tenantry-organizations-grid-height', '640px');
  container.append(el);
  return el;
}

/**
 * `trace=1`: logs every client call the grid makes (start → end, ms since `t0`), to tell time in
 * the worker from time on the main thread when a figure misses its target.
 */
const TRACE = new URLSearchParams(location.search).get('trace') === '1';
const TRACED = ['openView', 'updateView', 'window', 'getOrganization', 'fxRates', 'idle', 'exportView'] as const;

function traceClient(client: DataClient, label: string): void {
  if (!TRACE) return;
  const t0 = performance.now();
  const c = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of TRACED) {
    const original = c[name].bind(client);
    c[name] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        return await original(...args);
      } finally {
        const end = performance.now();
        const what = name === 'window' ? ` ${String(args[1])}+${String(args[2])}` : name === 'updateView' ? ` ${JSON.stringify(args[1]).slice(0, 80)}` : '';
        log(`    trace ${label} ${name}${what}: ${(start - t0).toFixed(0)} → ${(end - t0).toFixed(0)} (${(end - start).toFixed(0)} ms)`);
      }
    };
  }
}

/** `trace=1`: when the first row reached the DOM (a microtask after the render that put it there). */
function traceDom(el: OrganizationsGrid, g: GridUnderTest, t0: number): void {
  const seen = new Set<string>();
  const observer = new MutationObserver(() => {
    const mark = (what: string, yes: boolean): void => {
      if (yes && !seen.has(what)) {
        seen.add(what);
        log(`    trace warm DOM ${what}: ${(performance.now() - t0).toFixed(0)}`);
      }
    };
    mark('grid element', g.rowCount() !== null || el.shadowRoot!.querySelector('[role="grid"]') !== null);
    mark('first row text', g.firstRowText() !== null);
    mark('not busy', g.firstRowText() !== null && !g.busy());
    if (seen.size === 3) observer.disconnect();
  });
  observer.observe(el.shadowRoot!, {subtree: true, childList: true, attributes: true, characterData: true});
  setTimeout(() => observer.disconnect(), 30_000);
}

/** The columns the grid shows by default and exports with `rows: 'view'`. */
const EXPORT_COLUMNS: ColumnKey[] = DEFAULT_VIEW_STATE.columns.filter((c) => c.visible && COLUMN_BY_KEY.get(c.key)?.exportable).map((c) => c.key);

async function exportFigures(client: DataClient, n: number): Promise<string> {
  const view = await client.openView(SCOPE, {sort: BY_NAME});
  const out: string[] = [];
  try {
    for (const format of ['csv', 'xlsx'] as const) {
      const t0 = performance.now();
      const {value: file, maxGap} = await framesDuring(client.exportView(view.viewId, {format, columns: EXPORT_COLUMNS, rows: 'view', currency: 'original', scopeName: 'Bench'}));
      const t1 = performance.now();
      check(file.rows === view.total, `${format} export wrote ${file.rows} rows of ${view.total}`);
      await sleep(100);
      const long = longTasks(t0, t1);
      if (format === 'csv') {
        samples.record(SUBJECT, GM.csv, n, t1 - t0);
        samples.record(SUBJECT, GM.csvLong, n, long, 'count');
      } else {
        samples.record(SUBJECT, GM.xlsx, n, t1 - t0);
        samples.record(SUBJECT, GM.xlsxLong, n, long, 'count');
        samples.record(SUBJECT, GM.xlsxGap, n, maxGap);
      }
      out.push(`${format} ${(t1 - t0).toFixed(0)} ms (${long} long tasks, longest frame ${maxGap.toFixed(0)} ms)`);
    }
  } finally {
    client.closeView(view.viewId);
  }
  return out.join(' · ');
}

async function oneRun(n: number, run: number): Promise<void> {
  const token = newToken(`n${n}-r${run}`);
  const cacheName = `${token}-cache`;
  let a: DataClient | null = null;
  let b: DataClient | null = null;
  let el: OrganizationsGrid | null = null;
  try {
    // Cold: the grid fills the cache (generating the embedded server's data is not timed).
    a = newClient(n, token, cacheName);
    await a.connected;
    const c0 = performance.now();
    el = mount(a);
    const c1 = await firstPaint(tenantryProbe(el));
    samples.record(SUBJECT, GM.firstRowsCold, n, c1 - c0);
    await a.idle();
    el.remove();
    el = null;
    a.dispose();
    a = null;
    await sleep(300);

    // Warm: a new worker on the same cache, as on the next page load; then a new grid.
    const heap0 = await heapMB();
    const w0 = performance.now();
    b = newClient(n, token, cacheName);
    await b.connected;
    const w1 = performance.now();
    // Brackets the warm start in a Chromium trace (what the worker and the page did meanwhile).
    performance.mark('bench-warm-start');
    // `profile=warm`: a CPU profile of the warm start alone, for a DevTools Protocol client to collect.
    const profiling = new URLSearchParams(location.search).get('profile') === 'warm';
    if (profiling) console.profile('warm');
    traceClient(b, 'warm');
    el = mount(b);
    const g = tenantryProbe(el);
    if (TRACE) traceDom(el, g, w1);
    const w2 = await firstPaint(g);
    performance.mark('bench-warm-end');
    if (profiling) console.profileEnd('warm');
    samples.record(SUBJECT, GM.firstRows, n, w2 - w1);
    samples.record(SUBJECT, GM.firstRowsWithWorker, n, w2 - w0);
    // The full dataset is read and indexed after the saved first rows; not part of the timed ops.
    await b.idle();
    await sleep(Number(new URLSearchParams(location.search).get("settle") ?? 300));
    samples.record(SUBJECT, GM.mountLong, n, longTasks(w1, w2), 'count');
    const heap1 = await heapMB();
    if (heap0 !== null && heap1 !== null) samples.record(SUBJECT, GM.heap, n, heap1 - heap0, 'MB');
    log(`  ${SUBJECT} n=${n} run ${run + 1}: cold ${(c1 - c0).toFixed(0)} ms · warm ${(w2 - w1).toFixed(0)} ms ("${g.firstRowText()}") (with worker start ${(w2 - w0).toFixed(0)}) · heap +${heap0 !== null && heap1 !== null ? (heap1 - heap0).toFixed(2) : '?'} MB`);

    let queryAt: number | null = null;
    el.addEventListener('tenantry-view-state-change', (e) => {
      if (e.detail.viewState.search === SEARCH_TERM) queryAt = performance.now();
    });
    await measureInteractions(samples, g, n, run, {searchQueryAt: () => queryAt});
    log(`    export: ${await exportFigures(b, n)}`);
  } finally {
    el?.remove();
    a?.dispose();
    b?.dispose();
    await deleteDatabases(token);
  }
}

async function main(): Promise<void> {
  const {sizes, runs} = params(3);
  log(`grid suite · sizes ${sizes.join(', ')} · ${runs} runs · ${navigator.userAgent}`);
  await deleteDatabases(TOKEN_PREFIX);
  for (const n of sizes) for (let run = 0; run < runs; run++) await oneRun(n, run);
}

runSuite(samples, main);
