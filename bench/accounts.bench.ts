/**
 * Accounts-grid suite: `<accounts-grid>` on the distributor scope (about 1.5 linked accounts per
 * organization: some 150,000 at 100,000 organizations) over the embedded backend, measured through
 * its DOM as the grid suite measures `<organizations-grid>` (bench/grid.bench.ts, interactions.ts):
 * the same first-paint and repaint detection, keystrokes, long-task and frame counts.
 *
 * Per run, on a new client with an empty cache: a cold mount (the worker lists the scope's accounts
 * and indexes them), then, once the worker is idle, a second grid mounted on the same client (warm:
 * the accounts dataset is in the worker) that is measured, then on it: search (four characters of
 * an account ID typed), the type filter (dedicated), sort by Customers (most first) and scrolling
 * through 2,000 rows.
 *
 * Query parameters: `sizes=10000,100000` (organizations of the demo tenant), `runs=3`.
 */
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig, Scope} from '../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import type {AccountsGrid} from '../widgets/accounts-grid/accounts-grid.js';
import '../widgets/accounts-grid/accounts-grid.js';
import {GM, Samples, check, deleteDatabases, clearSearch, firstPaint, log, longTasks, paintedWhen, params, repaintAfter, runSuite, scrollThrough, sleep, snapshot, typeInto, type GridProbe} from './harness.js';

const SUBJECT = 'tenantry';
/** The distributor: every account of the size's organizations. */
const SCOPE: Scope = {tenantId: DEMO_TENANTS.distributor};
const TOKEN_PREFIX = 'tbench-accounts-';
/** Characters of an account ID typed, as many as the grid suite types. */
const SEARCH_CHARS = 4;
/** Rows scrolled through, as in the grid suite (`scrollThrough`'s default, 20 rows a frame). */
const SCROLL_ROWS = 2000;

const samples = new Samples('accounts-grid');
const stage = document.getElementById('stage')!;

function mount(client: DataClient): AccountsGrid {
  const el = document.createElement('accounts-grid');
  el.client = client;
  el.scope = SCOPE;
  el.style.setProperty('--tenantry-accounts-grid-height', '640px');
  stage.append(el);
  return el;
}

// ---- what the bench reads of `<accounts-grid>` (its shadow DOM, as a user sees it) ---------------

interface AccountsProbe extends GridProbe {
  searchInput(): HTMLInputElement;
  typeFilter(): HTMLSelectElement;
  header(key: string): HTMLElement;
  scroller(): HTMLElement;
  rowHeight(): number;
  /** Rendered data rows with their data, in row order. */
  rows(): HTMLElement[];
}

const cellText = (row: Element | null | undefined, key: string): string | null => row?.querySelector(`[part~="cell-${key}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

function probe(el: AccountsGrid): AccountsProbe {
  const root = (): ShadowRoot | null => el.shadowRoot;
  const grid = (): HTMLElement | null => root()?.querySelector<HTMLElement>('[role="grid"]') ?? null;
  const first = (): HTMLElement | null => root()?.querySelector<HTMLElement>('.body [role="row"][data-account-id][aria-rowindex="2"]') ?? null;
  return {
    // Name and account ID: account names repeat ("Billing 1" of many customers), the ID does not.
    firstRowText: () => {
      const row = first();
      return row ? `${cellText(row, 'name')} · ${cellText(row, 'providerAccountId')}` : null;
    },
    rowCount: () => {
      const v = grid()?.getAttribute('aria-rowcount');
      return v ? Number(v) : null;
    },
    busy: () => grid()?.getAttribute('aria-busy') !== 'false',
    searchInput: () => root()!.querySelector<HTMLInputElement>('input[part~="search-input"]')!,
    typeFilter: () => root()!.querySelector<HTMLSelectElement>('select[data-filter="type"]')!,
    header: (key) => root()!.querySelector<HTMLElement>(`[role="columnheader"][data-key="${key}"]`)!,
    scroller: () => root()!.querySelector<HTMLElement>('[part~="viewport"]')!,
    rowHeight: () => root()?.querySelector('.body [role="row"][data-account-id]')?.getBoundingClientRect().height ?? 40,
    rows: () => [...(root()?.querySelectorAll<HTMLElement>('.body [role="row"][data-account-id]') ?? [])].sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex'))),
  };
}

/** Picks a type filter value as a user does (the select's change event). */
function chooseType(g: AccountsProbe, value: '' | 'dedicated'): void {
  const select = g.typeFilter();
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
}

const customerCount = (row: Element): number => Number(row.querySelector('[part~="customer-count"]')?.textContent?.replace(/\D/g, '') ?? NaN);

// ---- the interactions, in the grid suite's order -------------------------------------------------

async function interactions(g: AccountsProbe, n: number, run: number): Promise<void> {
  const parts: string[] = [];

  // Search as you type: the first characters of the first row's account ID, 60 ms apart.
  const accountId = cellText(g.rows()[0], 'providerAccountId');
  check(accountId && accountId.length >= SEARCH_CHARS, `no account ID in the first row ("${accountId}")`);
  const term = accountId.slice(0, SEARCH_CHARS);
  {
    const input = g.searchInput();
    const countBefore = g.rowCount();
    const before = snapshot(g);
    const typed = await typeInto(input, term);
    const painted = await repaintAfter(g, before);
    const after = g.rowCount();
    check(after !== null && countBefore !== null && after < countBefore && after > 1, `search "${term}" left ${after} rows of ${countBefore}`);
    samples.record(SUBJECT, GM.accountsSearch, n, painted - typed.last);
    samples.record(SUBJECT, GM.accountsSearchLong, n, longTasks(typed.first, painted), 'count');
    parts.push(`search "${term}" ${(painted - typed.last).toFixed(0)} ms (${after - 1} rows, first "${g.firstRowText()}")`);
    await clearSearch(g, input);
  }

  // Filter by type, then clear it again (not timed).
  {
    const b = snapshot(g);
    const total = g.rowCount();
    const t0 = performance.now();
    chooseType(g, 'dedicated');
    const t1 = await repaintAfter(g, b);
    const shown = g.rowCount();
    check(shown !== null && total !== null && shown < total && shown > 1, `type filter left ${shown} rows of ${total}`);
    const types = new Set(g.rows().map((r) => cellText(r, 'type')));
    check(types.size === 1 && types.has('Dedicated'), `type filter shows ${[...types].join(', ')}`);
    samples.record(SUBJECT, GM.accountsFilter, n, t1 - t0);
    samples.record(SUBJECT, GM.accountsFilterLong, n, longTasks(t0, t1), 'count');
    parts.push(`filter ${(t1 - t0).toFixed(0)} ms (${shown - 1} rows)`);
    const cleared = snapshot(g);
    chooseType(g, '');
    await repaintAfter(g, cleared, 300);
  }

  // Sort by Customers, most first: the header's first click sorts ascending (not a figure), the
  // second descending, which is timed. Every generated account serves one customer, so the order
  // shown may not change (ties go by name): the sort is painted when the header says descending and
  // the grid no longer says busy (`aria-busy` turns true in the render that sets `aria-sort`, as the
  // query starts, and false in the render of its answer), rather than when the first row changes.
  {
    const header = g.header('customers');
    const sorted = (dir: 'ascending' | 'descending') => (): boolean => header.getAttribute('aria-sort') === dir && g.firstRowText() !== null && !g.busy();
    const a0 = performance.now();
    header.click();
    const a1 = await paintedWhen(sorted('ascending'), 'the Customers sort, ascending');
    parts.push(`sort Customers ascending ${(a1 - a0).toFixed(0)} ms (not a figure)`);
    await sleep(300);
    const t0 = performance.now();
    header.click();
    const t1 = await paintedWhen(sorted('descending'), 'the Customers sort, descending');
    const counts = g.rows().map(customerCount);
    check(counts.length > 1 && counts.every((c, i) => i === 0 || counts[i - 1] >= c), `rows are not by customers, most first (${counts.slice(0, 10).join(', ')})`);
    samples.record(SUBJECT, GM.accountsSort, n, t1 - t0);
    samples.record(SUBJECT, GM.accountsSortLong, n, longTasks(t0, t1), 'count');
    parts.push(`sort Customers, most first ${(t1 - t0).toFixed(0)} ms → "${g.firstRowText()}" (${counts[0]} customers; fewest shown ${Math.min(...counts)})`);
  }

  // Scroll through 2,000 rows, 20 rows a frame.
  await sleep(200);
  const scroll = await scrollThrough(g.scroller(), g.rowHeight(), SCROLL_ROWS);
  const reached = Math.max(...g.rows().map((r) => Number(r.getAttribute('aria-rowindex')) - 1));
  samples.record(SUBJECT, GM.accountsScrollFrames, n, scroll.over50, 'count');
  samples.record(SUBJECT, GM.accountsScrollMaxGap, n, scroll.maxGap);
  parts.push(`scroll: ${scroll.over50} frames > 50 ms, longest ${scroll.maxGap.toFixed(0)} ms, last row with data #${reached}`);
  g.scroller().scrollTop = 0;
  log(`  n=${n} run ${run + 1}: ${parts.join(' · ')}`);
}

// ---- the suite ----------------------------------------------------------------------------------

async function oneRun(n: number, run: number): Promise<void> {
  const token = `${TOKEN_PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-n${n}-r${run}`;
  const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace: token, userId: DEMO_USERS.distributorAdmin};
  // The host says who is signed in, as a real one does (and as the grid suite's clients do).
  const client = new DataClient({config, cacheName: `${token}-cache`, user: DEMO_USERS.distributorAdmin});
  let el: AccountsGrid | null = null;
  try {
    // Not timed: the embedded server generates its organizations and derives their accounts (a
    // server's own data, ready before any visit; the grid suite does not time it either).
    await client.connected;
    const s0 = performance.now();
    const page = await client.listAccounts(SCOPE, {limit: 1});
    const serverMs = performance.now() - s0;
    check(page.items.length === 1, `the server listed ${page.items.length} accounts`);

    // Cold: the first visit, an empty cache; the worker reads every page of accounts and indexes them.
    const c0 = performance.now();
    el = mount(client);
    const cold = probe(el);
    const c1 = await firstPaint(cold);
    samples.record(SUBJECT, GM.accountsFirstRowsCold, n, c1 - c0);
    const accounts = (cold.rowCount() ?? 1) - 1;
    // The dataset saved and its index prepared: not part of the next mount.
    await client.idle();
    el.remove();
    el = null;
    await sleep(300);

    // Warm: a second grid on the same client (the worker holds the scope's accounts).
    const w0 = performance.now();
    el = mount(client);
    const g = probe(el);
    const w1 = await firstPaint(g);
    samples.record(SUBJECT, GM.accountsFirstRows, n, w1 - w0);
    await client.idle();
    await sleep(300);
    samples.record(SUBJECT, GM.accountsMountLong, n, longTasks(w0, w1), 'count');
    log(`  n=${n} run ${run + 1}: ${accounts.toLocaleString('en-US')} accounts · cold ${(c1 - c0).toFixed(0)} ms · warm ${(w1 - w0).toFixed(0)} ms ("${g.firstRowText()}") · server's first listing, not timed: ${serverMs.toFixed(0)} ms`);

    await interactions(g, n, run);
  } finally {
    el?.remove();
    client.dispose();
    await deleteDatabases(token);
  }
}

async function main(): Promise<void> {
  const {sizes, runs} = params(3);
  log(`accounts-grid suite · sizes ${sizes.join(', ')} · ${runs} runs · ${navigator.userAgent}`);
  await deleteDatabases(TOKEN_PREFIX);
  for (const n of sizes) for (let run = 0; run < runs; run++) await oneRun(n, run);
}

runSuite(samples, main);
