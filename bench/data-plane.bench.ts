/**
 * Data-plane bench: drives the public `DataClient` over the embedded backend, in a production
 * build, and publishes the figures on `window.__benchResults` for `scripts/bench.mjs`.
 *
 * Only the public client API is used, so every figure is what a widget would wait for (worker
 * round trips included). Query parameters: `sizes=10000,100000` and `runs=5`.
 */
import {DataClient, type DataEventMessage} from '../src/page/data-client.js';
import type {LocalBackendConfig, Scope} from '../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import type {OrgQuery, SortSpec} from '../src/shared/query.js';
import type {RowWindow, ResultState} from '../src/shared/protocol.js';
import {deleteDatabases, type GridBenchResult} from './harness.js';

/** One figure, in the shape every suite publishes (this page names no suite: the runner does). */
export type BenchResult = Omit<GridBenchResult, 'suite'>;

declare global {
  interface Window {
    __benchDone?: boolean;
    __benchResults?: BenchResult[];
    __benchError?: string;
    /** Things the reader must know that are not a figure (e.g. a metric that could not be measured). */
    __benchWarnings?: string[];
  }
}

const SUBJECT = 'tenantry';
const SCOPE: Scope = {tenantId: DEMO_TENANTS.distributor};
/** The tenants whose admins make the changes of the delta-sync run (two: enough customers at every size). */
const RESELLERS: Scope[] = [{tenantId: DEMO_TENANTS.reseller}, {tenantId: DEMO_TENANTS.otherReseller}];
const RESELLER_ADMINS = [DEMO_USERS.resellerAdmin, DEMO_USERS.otherResellerAdmin];
const BY_NAME: SortSpec[] = [{key: 'name', dir: 'asc'}];
const DELTA_CHANGES = 1000;
const DELTA_MAX_RUNS = 3;
const WINDOW_SAMPLES = 50;
const WINDOW_SIZE = 50;
/** Writes timed per run of the writes step. */
const WRITE_SAMPLES = 5;
/** Every database this page creates carries this prefix, so leftovers can be found and removed. */
const TOKEN_PREFIX = 'tbench-';

const M = {
  coldFill: 'cache fill (cold)',
  connect: 'worker start + connect',
  warmStart: 'warm start → first window',
  warmReady: 'warm start → all rows ready',
  search: 'search',
  searchWarm: 'search as soon as every row is in (4 chars)',
  filter: 'filter',
  sort: 'sort',
  delta: `delta sync (${DELTA_CHANGES.toLocaleString('en-US')} changes)`,
  window: 'window round trip',
  write: 'write (update) → in every view',
} as const;

/** Targets by metric and dataset size; a size not listed has none. */
const TARGETS: Partial<Record<string, Record<number, number>>> = {
  [M.coldFill]: {100_000: 1500},
  [M.warmStart]: {100_000: 150},
  [M.search]: {100_000: 50},
  [M.filter]: {100_000: 50},
  [M.sort]: {100_000: 50},
  [M.window]: {100_000: 8},
  [M.write]: {100_000: 50},
  [M.delta]: {100_000: 100},
};

const SEARCHES = ['a', 'al', 'ald', 'alde', /* tenant GUID fragment, found in the data */ '', 'logistics'];
const FILTERS: OrgQuery['filters'][] = [
  {statuses: ['active']},
  {plans: ['management-service', 'assessment']},
  {workloads: ['microsoft-365', 'vmware']},
  {statuses: ['active'], plans: ['management-service'], workloads: ['microsoft-365'], storageRegions: ['eu-west', 'eu-central']},
];
const SORTS: SortSpec[][] = [
  [{key: 'name', dir: 'desc'}],
  [{key: 'projectedAnnualCost', dir: 'asc'}],
  [{key: 'secureScore', dir: 'desc'}],
  [
    {key: 'status', dir: 'asc'},
    {key: 'createdAt', dir: 'desc'},
  ],
];

// ---- page status -------------------------------------------------------------------------------

const statusEl = document.getElementById('status');
const stateEl = document.getElementById('state');

function log(line: string): void {
  console.log(`[bench] ${line}`);
  if (statusEl) statusEl.textContent += `${line}\n`;
}

const warnings: string[] = [];
function warn(message: string): void {
  warnings.push(message);
  console.warn(`[bench] ${message}`);
  if (statusEl) statusEl.textContent += `WARNING: ${message}\n`;
}

function setState(state: 'running' | 'done' | 'error', text: string): void {
  if (!stateEl) return;
  stateEl.dataset.state = state;
  stateEl.textContent = text;
}

// ---- samples -----------------------------------------------------------------------------------

const samples = new Map<string, {metric: string; n: number; values: number[]}>();

function record(metric: string, n: number, ms: number): void {
  const key = `${metric}\u0000${n}`;
  let entry = samples.get(key);
  if (!entry) samples.set(key, (entry = {metric, n, values: []}));
  entry.values.push(ms);
}

const round = (x: number): number => Math.round(x * 100) / 100;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function results(): BenchResult[] {
  const out: BenchResult[] = [];
  for (const {metric, n, values} of samples.values()) {
    const sorted = [...values].sort((a, b) => a - b);
    out.push({
      metric,
      n,
      subject: SUBJECT,
      median: round(median(sorted)),
      min: round(sorted[0]),
      max: round(sorted[sorted.length - 1]),
      unit: 'ms',
      target: TARGETS[metric]?.[n] ?? null,
    });
  }
  return out.sort((a, b) => a.n - b.n || a.metric.localeCompare(b.metric) || a.subject.localeCompare(b.subject));
}

async function timed<T>(work: () => Promise<T>): Promise<[ms: number, value: T]> {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

// ---- helpers -----------------------------------------------------------------------------------

function newClient(n: number, namespace: string, cacheName: string, userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace, userId};
  return new DataClient({config, cacheName, user: userId});
}

const newToken = (label: string): string => `${TOKEN_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${label}`;

function dispose(client: DataClient | null, viewIds: readonly string[] = []): void {
  if (!client) return;
  for (const id of viewIds) client.closeView(id);
  client.dispose();
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs `work` over `items` with at most `limit` in flight (writes are independent records). */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, lane));
}

/** A directory (tenant) GUID fragment from the loaded data, as a user would paste one. */
async function guidFragment(client: DataClient, viewId: string, total: number): Promise<string> {
  for (let start = 0; start < Math.min(total, 2000); start += 500) {
    const w = await client.window(viewId, start, 500);
    const hit = w.rows.find((r) => r.org.tenants.length > 0);
    if (hit) return hit.org.tenants[0].tenantId.slice(0, 13);
  }
  warn('no Azure tenant GUID found in the first rows; searching a fixed hex fragment instead');
  return '4a1f';
}

// ---- scenarios ---------------------------------------------------------------------------------

/** Cold fill, then a warm start on the same cache, then queries and windows on that warm view. */
async function coldWarmAndQueries(n: number, run: number): Promise<void> {
  const token = newToken(`n${n}-r${run}`);
  const cacheName = `${token}-cache`;
  let a: DataClient | null = null;
  let b: DataClient | null = null;
  const viewsA: string[] = [];
  const viewsB: string[] = [];
  try {
    // Cold: connecting includes generating the embedded server's data, which a real server already has.
    a = newClient(n, token, cacheName);
    await a.connected;
    const [fillMs, cold] = await timed(async () => {
      // The same view the warm start opens, as the same widget would on the next page load.
      const state = await a!.openView(SCOPE, {sort: BY_NAME});
      viewsA.push(state.viewId);
      await a!.idle();
      return state;
    });
    check(cold.datasetSize >= n, `cold fill loaded ${cold.datasetSize} rows, expected at least ${n}`);
    record(M.coldFill, n, fillMs);
    // `freshness` cannot tell a warm start from a refetch (the background revalidation may finish
    // first), so check instead that the cold fill left a cache database for the warm start to read.
    const names = (await indexedDB.databases()).map((db) => db.name ?? '');
    if (!names.some((name) => name.includes(cacheName))) warn(`n=${n} run ${run + 1}: no IndexedDB database named after cacheName "${cacheName}" after the cold fill (${names.join(', ')})`);
    dispose(a, viewsA);
    a = null;

    // Warm: a new worker on the same namespace and cache, as on the next page load.
    const t0 = performance.now();
    b = newClient(n, token, cacheName);
    await b.connected;
    const t1 = performance.now();
    record(M.connect, n, t1 - t0);
    let openMs = 0;
    const [warmMs, [view, first]] = await timed(async (): Promise<[ResultState, RowWindow]> => {
      const state = await b!.openView(SCOPE, {sort: BY_NAME});
      openMs = performance.now() - t1;
      return [state, await b!.window(state.viewId, 0, WINDOW_SIZE)];
    });
    viewsB.push(view.viewId);
    check(first.rows.length === WINDOW_SIZE, `warm first window has ${first.rows.length} rows`);
    check(view.datasetSize === cold.datasetSize, `warm start saw ${view.datasetSize} rows, cold fill ${cold.datasetSize}`);
    record(M.warmStart, n, warmMs);
    // The first window may come from the saved first rows; this is when every row can be searched.
    await b.updateView(view.viewId, {sort: BY_NAME});
    record(M.warmReady, n, performance.now() - t1);
    // A user who types the moment every row is there, before the background has built the search
    // text (the grid suite's search figure is the one with the target: typed after a warm start).
    const [warmSearchMs, warmSearch] = await timed(() => b!.updateView(view.viewId, {search: 'alde', sort: BY_NAME}));
    check(warmSearch.total > 0, 'search "alde" right after the warm start matched nothing');
    record(M.searchWarm, n, warmSearchMs);
    await b.updateView(view.viewId, {sort: BY_NAME});
    // The warm start revalidates in the background; it must not run during the timed queries.
    await b.idle();
    log(`  n=${n} run ${run + 1}: connect ${(performance.now() - t0 - warmMs).toFixed(0)} ms · cold fill ${fillMs.toFixed(0)} ms · warm start ${warmMs.toFixed(1)} ms (openView ${openMs.toFixed(1)})`);

    const fragment = await guidFragment(b, view.viewId, view.total);
    const detail: string[] = [];
    for (const term of SEARCHES) {
      const search = term || fragment;
      const [ms, state] = await timed(() => b!.updateView(view.viewId, {search, sort: BY_NAME}));
      check(state.total > 0, `search "${search}" matched nothing`);
      record(M.search, n, ms);
      detail.push(`"${search}" ${ms.toFixed(1)}`);
    }
    log(`    search: ${detail.join(' · ')}`);
    detail.length = 0;
    for (const filters of FILTERS) {
      const [ms, state] = await timed(() => b!.updateView(view.viewId, {filters, sort: BY_NAME}));
      check(state.total > 0, `filter ${JSON.stringify(filters)} matched nothing`);
      record(M.filter, n, ms);
      detail.push(`${Object.keys(filters ?? {}).join('+')} ${ms.toFixed(1)}`);
    }
    log(`    filter: ${detail.join(' · ')}`);
    detail.length = 0;
    for (const sort of SORTS) {
      const [ms] = await timed(() => b!.updateView(view.viewId, {sort}));
      record(M.sort, n, ms);
      detail.push(`${sort.map((s) => `${s.key} ${s.dir}`).join(', ')} ${ms.toFixed(1)}`);
    }
    log(`    sort: ${detail.join(' · ')}`);

    const reset = await b.updateView(view.viewId, {sort: BY_NAME});
    const span = Math.max(0, reset.total - WINDOW_SIZE);
    for (let i = 0; i < WINDOW_SAMPLES; i++) {
      const start = Math.floor(Math.random() * (span + 1));
      const [ms, w] = await timed(() => b!.window(view.viewId, start, WINDOW_SIZE));
      check(w.rows.length === Math.min(WINDOW_SIZE, reset.total - start), `window at ${start} has ${w.rows.length} rows`);
      record(M.window, n, ms);
    }
  } finally {
    dispose(a, viewsA);
    dispose(b, viewsB);
    await deleteDatabases(token);
  }
}

/**
 * Clients B (other users of the same server: two resellers' admins, in workers of their own)
 * change 1,000 of their customers; client A (the distributor's admin), which has the
 * whole dataset loaded, then times its `refresh`. The embedded servers of the two workers share
 * changes the way two users of one real server would. (Another tab of A's own user would tell A of
 * each write and A would sync as they come; another user's writes reach A only by a sync.)
 */
async function deltaSync(n: number, run: number): Promise<void> {
  const token = newToken(`n${n}-delta${run}`);
  let a: DataClient | null = null;
  const writers: {client: DataClient; scope: Scope}[] = [];
  const viewsA: string[] = [];
  try {
    // The writers connect first (generating their server's data takes seconds at 100k) so that A's
    // dataset is as young as possible when it refreshes: A revalidates on its own once it is 30 s old.
    for (const [k, scope] of RESELLERS.entries()) writers.push({client: newClient(n, token, `${token}-b${k}`, RESELLER_ADMINS[k]), scope});
    a = newClient(n, token, `${token}-a`);
    await Promise.all([a.connected, ...writers.map((w) => w.client.connected)]);
    const view = await a.openView(SCOPE, {filters: {kinds: ['customer']}, sort: BY_NAME});
    viewsA.push(view.viewId);
    await a.idle();
    check(view.total >= DELTA_CHANGES, `only ${view.total} customers; need ${DELTA_CHANGES}`);
    // The writers' customers, spread over the whole sorted list rather than one block of names.
    const writerOf = new Map<string, (typeof writers)[number]>();
    for (let start = 0; start < view.total; start += 500) {
      const w = await a.window(view.viewId, start, 500);
      for (const r of w.rows) {
        const writer = writers.find((x) => r.org.ancestorIds.includes(x.scope.tenantId));
        if (writer) writerOf.set(r.org.id, writer);
      }
    }
    const theirs = [...writerOf.keys()];
    check(theirs.length >= DELTA_CHANGES, `the resellers have only ${theirs.length} customers; need ${DELTA_CHANGES}`);
    const stride = Math.max(1, Math.floor(theirs.length / DELTA_CHANGES));
    const picked = theirs.filter((_, k) => k % stride === 0).slice(0, DELTA_CHANGES);
    check(new Set(picked).size === DELTA_CHANGES, `picked ${new Set(picked).size} distinct customers`);

    const [writeMs] = await timed(() =>
      pool(picked, 8, async (id, i) => {
        const {client, scope} = writerOf.get(id)!;
        const {value, etag} = await client.getOrganization(scope, id);
        await client.updateOrganization(scope, id, {name: `${value.name} ·${run}`, secureScore: (i * 37) % 100}, etag);
      }),
    );
    for (const w of writers) await w.client.idle();
    // The change notice crosses workers asynchronously; give it a moment before asking.
    await sleep(500);
    // The syncs that ran during the refresh, as A's events report them (see below for why).
    const synced: number[] = [];
    const onEvent = (e: Event): void => {
      const data = (e as DataEventMessage).data;
      if (data.type === 'dataset-updated' && data.scopeTenantId === SCOPE.tenantId) synced.push(data.changed);
    };
    a.events.addEventListener('data-event', onEvent);
    const [ms, result] = await timed(() => a!.refresh(SCOPE));
    // Events travel on their own port: let any still in flight arrive.
    await sleep(100);
    a.events.removeEventListener('data-event', onEvent);
    const syncedTotal = synced.reduce((x, y) => x + y, 0);
    log(
      `  n=${n} delta run ${run + 1}: ${DELTA_CHANGES} writes through B in ${writeMs.toFixed(0)} ms; A.refresh ${ms.toFixed(1)} ms → ` +
        `changed ${result.changed}, removed ${result.removed}; syncs during it changed [${synced.join(', ')}]`,
    );
    if (result.changed >= DELTA_CHANGES) {
      record(M.delta, n, ms);
    } else if (syncedTotal >= DELTA_CHANGES) {
      // A background revalidation (dataset older than 30 s) took the changes and refresh() then
      // returned a second, empty sync's result. The time is still what the caller waited.
      record(M.delta, n, ms);
      warn(
        `n=${n} delta run ${run + 1}: A.refresh() returned changed ${result.changed}, but ${synced.length} syncs ran during it ` +
          `(changed [${synced.join(', ')}]): recorded, and the figure covers all of them`,
      );
    } else {
      await sleep(2000);
      const again = await a.refresh(SCOPE);
      // Tell "B's writes did not stick" apart from "A does not hear of them".
      const first = writerOf.get(picked[0])!;
      const seenByB = (await first.client.getOrganization(first.scope, picked[0])).value.name.endsWith(` ·${run}`);
      const seenByA = (await a.getOrganization(SCOPE, picked[0])).value.name.endsWith(` ·${run}`);
      warn(
        `n=${n} delta run ${run + 1}: client A's refresh saw ${result.changed} changed (${again.changed} on a second refresh 2 s later) ` +
          `after client B made ${DELTA_CHANGES} changes; B reads its change back: ${seenByB}; A's getOrganization sees it: ${seenByA}. Not recorded.`,
      );
    }
  } finally {
    dispose(a, viewsA);
    for (const w of writers) dispose(w.client);
    await deleteDatabases(token);
  }
}

/**
 * The user changes one customer after another in a loaded scope: each `updateOrganization` call,
 * from the page's call until it resolves with the record in every open view (the embedded
 * backend's own write included). The views' answers are checked afterwards, untimed.
 */
async function writes(n: number, run: number): Promise<void> {
  const token = newToken(`n${n}-writes${run}`);
  let a: DataClient | null = null;
  const views: string[] = [];
  try {
    a = newClient(n, token, `${token}-a`);
    const view = await a.openView(SCOPE, {sort: BY_NAME});
    views.push(view.viewId);
    await a.idle();
    const first = await a.window(view.viewId, 1000, WRITE_SAMPLES);
    const times: number[] = [];
    for (const [k, row] of first.rows.entries()) {
      const {value, etag} = await a.getOrganization(SCOPE, row.org.id);
      const name = `${value.name} ·w${run}${k}`;
      const [ms] = await timed(() => a!.updateOrganization(SCOPE, row.org.id, {name}, etag));
      const found = await a.updateView(view.viewId, {search: name, searchFields: ['name']});
      check(found.total === 1, `the written name "${name}" is not in the view (found ${found.total})`);
      await a.updateView(view.viewId, {sort: BY_NAME});
      times.push(ms);
      record(M.write, n, ms);
    }
    log(`  n=${n} writes run ${run + 1}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  } finally {
    dispose(a, views);
    await deleteDatabases(token);
  }
}

// ---- main --------------------------------------------------------------------------------------

function params(): {sizes: number[]; runs: number} {
  const q = new URLSearchParams(location.search);
  const sizes = (q.get('sizes') ?? '10000,100000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  const runs = Number(q.get('runs') ?? 5);
  check(sizes.length > 0, 'sizes must list positive integers, e.g. sizes=10000,100000');
  check(Number.isInteger(runs) && runs > 0, 'runs must be a positive integer');
  return {sizes, runs};
}

async function main(): Promise<void> {
  const {sizes, runs} = params();
  log(`sizes ${sizes.join(', ')} · ${runs} runs · ${navigator.userAgent}`);
  // Leftovers of an interrupted bench in a reused profile would skew IndexedDB timings.
  await deleteDatabases(TOKEN_PREFIX);
  for (const n of sizes) {
    log(`n = ${n.toLocaleString('en-US')}`);
    for (let run = 0; run < runs; run++) await coldWarmAndQueries(n, run);
    const deltaRuns = Math.min(runs, DELTA_MAX_RUNS);
    for (let run = 0; run < deltaRuns; run++) await deltaSync(n, run);
    for (let run = 0; run < Math.min(runs, DELTA_MAX_RUNS); run++) await writes(n, run);
  }
  const out = results();
  window.__benchResults = out;
  for (const r of out) log(`${String(r.n).padStart(7)}  ${r.metric.padEnd(30)} median ${r.median} (min ${r.min}, max ${r.max}) ms · target ${r.target ?? '—'}`);
}

window.__benchWarnings = warnings;
main().then(
  () => {
    setState('done', 'Done.');
    window.__benchDone = true;
  },
  (e: unknown) => {
    const message = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    window.__benchError = message;
    // What was measured before the failure is still worth reading.
    window.__benchResults = results();
    log(`ERROR ${message}`);
    setState('error', 'Failed.');
    window.__benchDone = true;
  },
);
