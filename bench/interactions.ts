/**
 * The interactions every grid gets, in the same order and the same way: search typed as a user
 * types, clear, two header-click sorts, then scrolling through 2,000 rows.
 */
import type {OrgStatus} from '../src/shared/model/types.js';
import {GM, check, clearSearch, longTasks, log, repaintAfter, scrollThrough, sleep, snapshot, typeInto, type GridProbe, type Samples} from './harness.js';

export interface GridUnderTest extends GridProbe {
  subject: string;
  searchInput(): HTMLInputElement;
  /** The header cell a user clicks to sort by column `key`. */
  header(key: string): HTMLElement;
  /** The element that scrolls the rows vertically. */
  scroller(): HTMLElement;
  rowHeight(): number;
  /** Shows only organizations with this status, through the grid's own filter API; `null` clears it. */
  filterStatus(status: OrgStatus | null): void;
}

/** Four characters found in the generated names (the data-plane bench types the same). */
export const SEARCH_TERM = 'alde';
/** Header clicks: "Created on" twice (ascending, then descending): every row has a value, so the first row always changes. */
export const SORT_KEYS = ['createdAt', 'createdAt'] as const;
/** The status filter applied: about 7 % of the generated organizations are suspended. */
export const FILTER_STATUS: OrgStatus = 'suspended';

export interface InteractionHooks {
  /** When the grid sent the query of the typed search (ours: at once, or after coalescing close keystrokes); null if unknown. */
  searchQueryAt?: () => number | null;
}

export async function measureInteractions(samples: Samples, g: GridUnderTest, n: number, run: number, hooks: InteractionHooks = {}): Promise<void> {
  const s = g.subject;
  const parts: string[] = [];

  // Search as you type.
  const input = g.searchInput();
  const countBefore = g.rowCount();
  const before = snapshot(g);
  const typed = await typeInto(input, SEARCH_TERM);
  const painted = await repaintAfter(g, before);
  const after = g.rowCount();
  check(after !== null && countBefore !== null && after < countBefore && after > 1, `${s}: search "${SEARCH_TERM}" left ${after} rows of ${countBefore}`);
  samples.record(s, GM.search, n, painted - typed.last);
  samples.record(s, GM.searchLong, n, longTasks(typed.first, painted), 'count');
  parts.push(`search ${(painted - typed.last).toFixed(0)} ms (${after! - 1} rows, first "${g.firstRowText()}")`);
  const queryAt = hooks.searchQueryAt?.() ?? null;
  if (hooks.searchQueryAt) {
    if (queryAt === null) {
      parts.push('query→paint ?');
    } else if (painted < queryAt) {
      // The rows on screen already matched the final query before it was sent (e.g. "ald" and
      // "alde" find the same names): there is no repaint of it to time, so no sample.
      parts.push('query→paint — (the last keystroke changed nothing on screen)');
    } else {
      samples.record(s, GM.searchQuery, n, painted - queryAt);
      parts.push(`query→paint ${(painted - queryAt).toFixed(0)} ms`);
    }
  }
  await clearSearch(g, input);

  // Filter by status, then clear it again (not timed).
  {
    const b = snapshot(g);
    const total = g.rowCount();
    const t0 = performance.now();
    g.filterStatus(FILTER_STATUS);
    const t1 = await repaintAfter(g, b);
    const shown = g.rowCount();
    check(shown !== null && total !== null && shown < total && shown > 1, `${s}: status filter left ${shown} rows of ${total}`);
    samples.record(s, GM.filter, n, t1 - t0);
    samples.record(s, GM.filterLong, n, longTasks(t0, t1), 'count');
    parts.push(`filter ${(t1 - t0).toFixed(0)} ms (${shown! - 1} rows)`);
    const cleared = snapshot(g);
    g.filterStatus(null);
    await repaintAfter(g, cleared, 300);
  }

  // Sort by clicking a header.
  for (const [i, key] of SORT_KEYS.entries()) {
    const b = snapshot(g);
    const t0 = performance.now();
    g.header(key).click();
    const t1 = await repaintAfter(g, b);
    samples.record(s, GM.sort, n, t1 - t0);
    samples.record(s, GM.sortLong, n, longTasks(t0, t1), 'count');
    parts.push(`sort ${i + 1} (${key}) ${(t1 - t0).toFixed(0)} ms → "${g.firstRowText()}"`);
  }

  // Scroll through 2,000 rows, 20 rows a frame.
  await sleep(200);
  const scroll = await scrollThrough(g.scroller(), g.rowHeight());
  samples.record(s, GM.scrollFrames, n, scroll.over50, 'count');
  samples.record(s, GM.scrollMaxGap, n, scroll.maxGap);
  parts.push(`scroll: ${scroll.over50} frames > 50 ms, longest ${scroll.maxGap.toFixed(0)} ms`);
  g.scroller().scrollTop = 0;
  log(`  ${s} n=${n} run ${run + 1}: ${parts.join(' · ')}`);
}
