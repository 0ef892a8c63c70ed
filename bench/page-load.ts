/**
 * What every page of the page-load suite shares (scripts/bench.mjs drives them, one navigation at a
 * time): its parameters, and the one bench-specific thing a page does before its first rows are
 * painted — watching for them, one frame at a time, as `firstPaint` does in the other suites.
 *
 * Times are `performance.now()` of the page, i.e. milliseconds since its navigation started.
 * Each report goes to the console as `[page-load] {json}`, where the runner listens (it never
 * polls the page), and on `window.__pageLoad`.
 */
import {firstPaint, type GridProbe} from './harness.js';

export type PageLoadBackend = 'embedded' | 'http';

export interface PageLoadReport {
  /** Navigation start → the frame after the first data rows were in the DOM. */
  firstRows?: number;
  firstRowText?: string | null;
  rowCount?: number | null;
  /** Navigation timing, for the log: when the HTML had arrived and had been parsed. */
  responseEnd?: number;
  domInteractive?: number;
  /** When the page's own script started (its imports evaluated). */
  scriptStart?: number;
  /** Other moments the page saw (ms since navigation start), for the log. */
  marks?: Record<string, number>;
  /** After the first rows: the page's background work (cache writes) is over, a reload may follow. */
  settled?: boolean;
  error?: string;
}

declare global {
  interface Window {
    __pageLoad?: PageLoadReport;
  }
}

/** `n` (organizations, default 100,000) and `backend` (`embedded` or `http`) from the URL. */
export function pageLoadParams(): {n: number; backend: PageLoadBackend; apiBase: string} {
  const q = new URLSearchParams(location.search);
  const n = Number(q.get('n') ?? 100_000);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`n must be a positive integer, got "${q.get('n')}"`);
  const backend = q.get('backend') ?? 'embedded';
  if (backend !== 'embedded' && backend !== 'http') throw new Error(`backend must be embedded or http, got "${backend}"`);
  // The REST contract as the bench's server serves it (scripts/bench.mjs, bench/rest-api.ts).
  return {n, backend, apiBase: new URL(`/bench-api/${n}/v1/`, location.origin).href};
}

function publish(report: PageLoadReport): void {
  window.__pageLoad = report;
  console.log(`[page-load] ${JSON.stringify(report)}`);
}

/** Says the page failed before its first rows (the runner stops waiting). */
export function reportError(what: string, e: unknown): void {
  publish({error: `${what}: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`});
}

/**
 * Publishes when `g` painted its first data rows; then, once `settle` is done (e.g. the cache
 * written), says the page may be left.
 */
export function reportFirstRows(g: GridProbe, scriptStart: number, settle: () => Promise<void> = async () => undefined, marks: Record<string, number> = {}): void {
  firstPaint(g).then(
    async (t) => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const report: PageLoadReport = {firstRows: t, firstRowText: g.firstRowText(), rowCount: g.rowCount(), responseEnd: nav?.responseEnd, domInteractive: nav?.domInteractive, scriptStart, marks};
      publish(report);
      try {
        await settle();
        // The marks again: some come after the first rows.
        publish({settled: true, marks});
      } catch (e) {
        publish({error: `after the first rows: ${String(e)}`});
      }
    },
    (e: unknown) => reportError('first rows', e),
  );
}
