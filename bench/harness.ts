/**
 * What the grid and peer suites share: page status, samples and results on `window.__benchResults`
 * (the shape `scripts/bench.mjs` prints), and the measurements every grid gets the same way —
 * first rows painted, repaint after an input, long tasks, frames while scrolling, heap.
 *
 * Every grid is driven through its DOM as a user would (typing, clicking a header, scrolling its
 * scroller) and observed through its DOM (`aria-rowcount`, the first row's name), so no grid gets
 * a shortcut the others do not.
 */

export type Unit = 'ms' | 'count' | 'MB' | 'KB';

export interface GridBenchResult {
  metric: string;
  n: number;
  /** `tenantry`, or a peer's npm package name. */
  subject: string;
  median: number;
  min: number;
  max: number;
  unit: Unit;
  /** The median should be at or below this; `null` when there is no target. */
  target: number | null;
  /** The suite (page) that measured it. */
  suite: string;
}

declare global {
  interface Window {
    /** Present when Chromium runs with `--js-flags=--expose-gc`. */
    gc?: () => void;
  }
  interface Performance {
    /** Chromium only; precise with `--enable-precise-memory-info`. */
    memory?: {usedJSHeapSize: number};
  }
}

// ---- metric names and targets (one name per row of the side-by-side table) ---------------------

export const GM = {
  firstRows: 'mount → first rows painted',
  firstRowsCold: 'mount → first rows painted (cold cache)',
  firstRowsWithWorker: 'worker start + mount → first rows (warm cache)',
  mountLong: 'long tasks > 50 ms: mount',
  search: 'search, 4 chars typed → repaint',
  searchQuery: 'search query (keystrokes coalesced) → repaint',
  searchLong: 'long tasks > 50 ms: search',
  filter: 'filter (status) → repaint',
  filterLong: 'long tasks > 50 ms: filter',
  sort: 'sort (header click) → repaint',
  sortLong: 'long tasks > 50 ms: sort',
  scrollFrames: 'frames > 50 ms: scroll 2,000 rows',
  scrollMaxGap: 'longest frame: scroll 2,000 rows',
  heap: 'JS heap added (main thread)',
  xlsx: 'export xlsx (view)',
  xlsxLong: 'long tasks > 50 ms: export xlsx',
  xlsxGap: 'longest frame: export xlsx',
  csv: 'export csv (view)',
  csvLong: 'long tasks > 50 ms: export csv',
  typeAhead: 'tenant type-ahead: keystroke → options painted',
  typeAheadLong: 'long tasks > 50 ms: type-ahead',
  wizardOpen: 'customer wizard: open → first step painted',
  wizardStep: 'customer wizard: Next → next step painted',
  wizardTypingLong: 'long tasks > 50 ms: typing in the wizard (autosave on)',
  wizardCreateToGrid: 'customer wizard: create answered → row in the grid',
  detailsOpen: 'details open → header and first section painted',
  lifecycleOptimistic: 'lifecycle action → grid row repainted (optimistic)',
  auditScrollFrames: 'audit log scroll, frames over 50 ms',
  auditScrollMaxGap: 'longest frame: audit log scroll',
  // `<accounts-grid>` (bench/accounts.bench.ts): the grid's lines, measured the same way, on the scope's accounts.
  accountsFirstRowsCold: 'accounts: mount → first rows painted (cold: worker builds the accounts)',
  accountsFirstRows: 'accounts: mount → first rows painted (warm: second mount, same client)',
  accountsMountLong: 'accounts: long tasks > 50 ms: mount (warm)',
  accountsSearch: 'accounts: search, 4 chars of an account ID typed → repaint',
  accountsSearchLong: 'accounts: long tasks > 50 ms: search',
  accountsFilter: 'accounts: filter (type = dedicated) → repaint',
  accountsFilterLong: 'accounts: long tasks > 50 ms: filter',
  accountsSort: 'accounts: sort (Customers, most first) → repaint',
  accountsSortLong: 'accounts: long tasks > 50 ms: sort',
  accountsScrollFrames: 'accounts: frames > 50 ms: scroll 2,000 rows',
  accountsScrollMaxGap: 'accounts: longest frame: scroll 2,000 rows',
} as const;

const TARGETS_100K: Partial<Record<string, number>> = {
  [GM.firstRows]: 80,
  [GM.search]: 50,
  [GM.searchQuery]: 50,
  [GM.searchLong]: 0,
  [GM.filter]: 80,
  [GM.filterLong]: 0,
  [GM.sort]: 80,
  [GM.sortLong]: 0,
  [GM.scrollFrames]: 0,
  [GM.heap]: 5,
  [GM.wizardOpen]: 100,
  [GM.wizardStep]: 50,
  [GM.wizardTypingLong]: 0,
  [GM.wizardCreateToGrid]: 200,
  [GM.detailsOpen]: 100,
  [GM.lifecycleOptimistic]: 50,
  [GM.auditScrollFrames]: 0,
  [GM.xlsx]: 5000,
  [GM.xlsxLong]: 0,
  [GM.csv]: 1000,
  [GM.csvLong]: 0,
  [GM.typeAhead]: 50,
  [GM.typeAheadLong]: 0,
  // 100,000 accounts behave like 100,000 organizations: the grid's targets (none for a cold mount, as for the grid).
  [GM.accountsFirstRows]: 80,
  [GM.accountsSearch]: 50,
  [GM.accountsSearchLong]: 0,
  [GM.accountsFilter]: 80,
  [GM.accountsFilterLong]: 0,
  [GM.accountsSort]: 80,
  [GM.accountsSortLong]: 0,
  [GM.accountsScrollFrames]: 0,
};

export function targetFor(metric: string, n: number): number | null {
  return n === 100_000 ? (TARGETS_100K[metric] ?? null) : null;
}

// ---- page status -------------------------------------------------------------------------------

const statusEl = document.getElementById('status');
const stateEl = document.getElementById('state');

export function log(line: string): void {
  console.log(`[bench] ${line}`);
  if (statusEl) statusEl.textContent += `${line}\n`;
}

const warnings: string[] = [];
export function warn(message: string): void {
  warnings.push(message);
  console.warn(`[bench] ${message}`);
  if (statusEl) statusEl.textContent += `WARNING: ${message}\n`;
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---- samples -----------------------------------------------------------------------------------

interface Series {
  metric: string;
  n: number;
  subject: string;
  unit: Unit;
  values: number[];
}

export class Samples {
  private readonly series = new Map<string, Series>();

  constructor(private readonly suite: string) {}

  record(subject: string, metric: string, n: number, value: number, unit: Unit = 'ms'): void {
    const key = `${subject}\u0000${metric}\u0000${n}`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = {metric, n, subject, unit, values: []}));
    s.values.push(value);
  }

  results(): GridBenchResult[] {
    const round = (x: number): number => Math.round(x * 100) / 100;
    const out: GridBenchResult[] = [];
    for (const {metric, n, subject, unit, values} of this.series.values()) {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      out.push({metric, n, subject, median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), unit, target: targetFor(metric, n), suite: this.suite});
    }
    return out;
  }
}

export function params(defaultRuns: number): {sizes: number[]; runs: number; q: URLSearchParams} {
  const q = new URLSearchParams(location.search);
  const sizes = (q.get('sizes') ?? '10000,100000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  const runs = Number(q.get('runs') ?? defaultRuns);
  check(sizes.length > 0, 'sizes must list positive integers, e.g. sizes=10000,100000');
  check(Number.isInteger(runs) && runs > 0, 'runs must be a positive integer');
  return {sizes, runs, q};
}

/** Runs a suite and publishes its results, or its error and what it measured before failing. */
export function runSuite(samples: Samples, main: () => Promise<void>): void {
  // The same globals bench/data-plane.bench.ts publishes (declared there), with wider units.
  const page = window as unknown as {__benchDone?: boolean; __benchResults?: GridBenchResult[]; __benchError?: string; __benchWarnings?: string[]};
  page.__benchWarnings = warnings;
  const done = (state: 'done' | 'error', text: string): void => {
    if (stateEl) {
      stateEl.dataset.state = state;
      stateEl.textContent = text;
    }
    page.__benchResults = samples.results();
    page.__benchDone = true;
  };
  main().then(
    () => done('done', 'Done.'),
    (e: unknown) => {
      const message = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
      page.__benchError = message;
      log(`ERROR ${message}`);
      done('error', 'Failed.');
    },
  );
}

// ---- measurements ------------------------------------------------------------------------------

const longTaskEntries: PerformanceEntry[] = [];
try {
  new PerformanceObserver((list) => longTaskEntries.push(...list.getEntries())).observe({type: 'longtask', buffered: true});
} catch {
  warn('PerformanceObserver does not support "longtask" here: long-task counts read 0');
}

/** Main-thread tasks over 50 ms that started in [t0, t1]. Entries arrive after the task: call after a frame. */
export function longTasks(t0: number, t1: number): number {
  return longTaskEntries.filter((e) => e.startTime >= t0 && e.startTime < t1).length;
}

export const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));

/** Resolves on the frame after `done()` holds, with the time then. */
export async function paintedWhen(done: () => unknown, what: string, timeoutMs = 30_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  while (!done()) {
    check(performance.now() < end, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 0));
  }
  await frame();
  return performance.now();
}

/** What the bench reads of a grid: the same questions for every grid. */
export interface GridProbe {
  /** The name shown in data row 0 (the first row of the list), or null if no data row is rendered. */
  firstRowText(): string | null;
  /** `aria-rowcount` of the grid element (header row included). */
  rowCount(): number | null;
  /** The grid says it is still loading what is in view. */
  busy(): boolean;
}

const signature = (g: GridProbe): string => `${g.rowCount()}|${g.firstRowText()}`;

/**
 * Waits until data row 0 has text (and the grid is not busy), then one more frame: the time of
 * that frame's callback is when the first rows have been painted.
 */
export async function firstPaint(g: GridProbe, timeoutMs = 60_000): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    await frame();
    if (g.firstRowText() && !g.busy()) break;
    if (performance.now() > until) throw new Error(`no first row within ${timeoutMs} ms`);
  }
  await frame();
  return performance.now();
}

/**
 * After an input started at `t0`: samples the grid every frame until what it shows (row count,
 * first row) has changed and then stayed the same for `quietMs`. Returns the frame after the last
 * change was first seen, i.e. when the final result had been painted.
 */
export async function repaintAfter(g: GridProbe, before: string, quietMs = 1000, timeoutMs = 30_000): Promise<number> {
  const start = performance.now();
  let last = before;
  let changedAt: number | null = null;
  let stableSince = start;
  let pendingPaint = false;
  for (;;) {
    const now = await frame();
    if (pendingPaint) {
      changedAt = performance.now();
      pendingPaint = false;
    }
    const sig = signature(g);
    const ready = g.firstRowText() !== null && !g.busy();
    if (sig !== last && ready) {
      last = sig;
      pendingPaint = true;
      stableSince = now;
      continue;
    }
    if (changedAt !== null && last !== before && ready && now - stableSince >= quietMs) return changedAt;
    if (performance.now() - start > timeoutMs) throw new Error(`the grid showed no new result within ${timeoutMs} ms (still "${sig}")`);
  }
}

export const snapshot = (g: GridProbe): string => signature(g);

/** Scrolls by a fixed number of rows per frame through `rows` rows; counts frame gaps over 50 ms. */
export async function scrollThrough(scroller: HTMLElement, rowHeight: number, rows = 2000, rowsPerFrame = 20): Promise<{over50: number; maxGap: number}> {
  scroller.scrollTop = 0;
  await frame();
  let prev = await frame();
  let over50 = 0;
  let maxGap = 0;
  const step = rowHeight * rowsPerFrame;
  // `profile=scroll`: a CPU profile of the scroll alone, for a DevTools Protocol client to collect.
  const profiling = new URLSearchParams(location.search).get('profile') === 'scroll';
  if (profiling) console.profile('scroll');
  // Marks bracket the scroll in a Chromium trace (style and layout time per frame).
  performance.mark('bench-scroll-start');
  let top = 0;
  for (let scrolled = 0; scrolled < rows; scrolled += rowsPerFrame) {
    // Written, never read back: reading scrollTop would force a layout the grid did not ask for.
    top += step;
    scroller.scrollTop = top;
    const now = await frame();
    const gap = now - prev;
    prev = now;
    if (gap > 50) over50++;
    maxGap = Math.max(maxGap, gap);
  }
  performance.mark('bench-scroll-end');
  if (profiling) console.profileEnd('scroll');
  // Let the last rows load: the next operation should not pay for them.
  await sleep(300);
  return {over50, maxGap};
}

/** Frame gaps while `work` runs: how responsive the page stayed. */
export async function framesDuring<T>(work: Promise<T>): Promise<{value: T; maxGap: number; over50: number}> {
  let running = true;
  let maxGap = 0;
  let over50 = 0;
  const loop = (async () => {
    let prev = await frame();
    while (running) {
      const now = await frame();
      maxGap = Math.max(maxGap, now - prev);
      if (now - prev > 50) over50++;
      prev = now;
    }
  })();
  try {
    return {value: await work, maxGap, over50};
  } finally {
    running = false;
    await loop;
  }
}

let warnedHeap = false;
/** Used JS heap after a full GC, in MB; null where Chromium does not expose it. */
export async function heapMB(): Promise<number | null> {
  if (!window.gc || !performance.memory) {
    if (!warnedHeap) warn('heap not measured: run Chromium with --js-flags=--expose-gc (scripts/bench.mjs does)');
    warnedHeap = true;
    return null;
  }
  // Two passes: the first may only finalize what the second frees.
  window.gc();
  await sleep(50);
  window.gc();
  return performance.memory.usedJSHeapSize / 1_048_576;
}

/** Types `text` one character at a time into `input`, `gapMs` apart, as a fast typist would. */
export async function typeInto(input: HTMLInputElement, text: string, gapMs = 60): Promise<{first: number; last: number}> {
  let first = 0;
  let last = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i > 1) await sleep(gapMs);
    input.value = text.slice(0, i);
    last = performance.now();
    if (i === 1) first = last;
    input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText', data: text[i - 1]}));
  }
  return {first, last};
}

/** Clears a search box (not timed) and waits for the grid to show the whole list again. */
export async function clearSearch(g: GridProbe, input: HTMLInputElement): Promise<void> {
  const before = snapshot(g);
  input.value = '';
  input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'deleteContentBackward'}));
  await repaintAfter(g, before, 300);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // A connection a terminated worker has not released yet blocks deletion; never hang the bench on it.
    const timer = setTimeout(() => {
      warn(`deleting IndexedDB "${name}" was still blocked after 10 s; left behind`);
      resolve();
    }, 10_000);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    request.onsuccess = done;
    request.onerror = done;
  });
}

/** Deletes every IndexedDB database whose name contains `fragment` (a suite's embedded store and caches, after it ran). */
export async function deleteDatabases(fragment: string): Promise<void> {
  const all = await indexedDB.databases();
  await Promise.all(all.flatMap((db) => (db.name?.includes(fragment) ? [deleteDatabase(db.name)] : [])));
}
