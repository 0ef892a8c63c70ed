/**
 * The rows a virtual grid holds on the main thread: blocks of one worker view at one version,
 * fetched on demand through the grid's `fetch` (the organizations' `window`, the accounts'
 * `accountsWindow`…). A block is only ever returned for the view state it was fetched for: every
 * reset or commit starts a new generation, and an answer from an older generation (another view,
 * scope or version) is dropped on arrival.
 */
import {isAbort} from '../../shared/contract/errors.js';

export const BLOCK_SIZE = 100;
/** Blocks kept at most; the farthest from the rows in view go first (heap stays small at 100,000 rows). */
const MAX_BLOCKS = 24;

/** What the blocks need of a view's state: which view, how many rows, at which version, and the rows that came with it. */
export interface BlockView<R> {
  viewId: string;
  total: number;
  version: number;
  /** The view's first rows, sent with its state (a warm start's, or a new result's). */
  firstRows?: R[];
}

/** A window of rows as the worker answers it. */
export interface BlockWindow<R> {
  viewId: string;
  start: number;
  rows: R[];
  total: number;
  version: number;
}

/** Reads `count` rows of view `viewId` from `start`; must give up when `signal` aborts. */
export type FetchWindow<R> = (viewId: string, start: number, count: number, signal: AbortSignal) => Promise<BlockWindow<R>>;

export type Blocks<R> = Map<number, R[]>;

export interface BlockEvents {
  /** A block arrived: the host re-renders. */
  loaded(): void;
  /** The worker answered with another version than the committed one: the host re-runs the view. */
  stale(): void;
  /** A load failed for a reason other than cancellation. */
  failed(error: unknown): void;
}

/** Rows of block `b` in a view of `total` rows: the last block asks only for what exists. */
const blockCount = (b: number, total: number): number => Math.max(0, Math.min(BLOCK_SIZE, total - b * BLOCK_SIZE));

const blockRange = (first: number, last: number): number[] => {
  const out: number[] = [];
  for (let b = Math.floor(first / BLOCK_SIZE); b <= Math.floor(last / BLOCK_SIZE); b++) out.push(b);
  return out;
};

/** The blocks of rows `first..last` that came with `state` (its first rows, no round trip), and the others, still wanted. */
export function blocksWithState<R>(state: BlockView<R>, first: number, last: number): {blocks: Blocks<R>; wanted: number[]} {
  const blocks: Blocks<R> = new Map();
  const wanted: number[] = [];
  if (state.total === 0) return {blocks, wanted};
  const to = Math.min(last, state.total - 1);
  const saved = state.firstRows ?? [];
  for (const b of blockRange(Math.max(0, first), Math.max(0, to))) {
    const count = blockCount(b, state.total);
    if (b * BLOCK_SIZE + count <= saved.length) blocks.set(b, saved.slice(b * BLOCK_SIZE, b * BLOCK_SIZE + count));
    else wanted.push(b);
  }
  return {blocks, wanted};
}

/**
 * Fetches the blocks covering rows `first..last` of a view state, for a commit that swaps them in
 * together with the state (no skeleton flash between the old rows and the new ones).
 * Windows of another version are left out; they load later through `ensure` like any other.
 */
export async function prefetchBlocks<R>(fetch: FetchWindow<R>, state: BlockView<R>, first: number, last: number, signal: AbortSignal): Promise<Blocks<R>> {
  const {blocks, wanted} = blocksWithState(state, first, last);
  const wins = await Promise.all(wanted.map((b) => fetch(state.viewId, b * BLOCK_SIZE, blockCount(b, state.total), signal)));
  for (const win of wins) {
    if (win.viewId === state.viewId && win.version === state.version && win.total === state.total) blocks.set(win.start / BLOCK_SIZE, win.rows);
  }
  return blocks;
}

export class RowBlocks<R, S extends BlockView<R> = BlockView<R>> {
  private blocks: Blocks<R> = new Map();
  private readonly loading = new Map<number, AbortController>();
  private generation = 0;
  /** Set once a window reported another version or failed: no further loads until the next commit. */
  private halted = false;
  private state: S | null = null;

  constructor(private readonly events: BlockEvents) {}

  /** The committed view state, or `null` while there is none (loading, or after a scope change). */
  get view(): S | null {
    return this.state;
  }

  get total(): number {
    return this.state?.total ?? 0;
  }

  /** Drops the view, every block and every pending load, synchronously. */
  reset(): void {
    this.generation++;
    for (const c of this.loading.values()) c.abort();
    this.loading.clear();
    this.blocks = new Map();
    this.state = null;
    this.halted = false;
  }

  /** Adopts a new view state with the blocks fetched for it, replacing everything in one step. */
  commit(state: S, blocks: Blocks<R>): void {
    this.reset();
    this.state = state;
    this.blocks = blocks;
  }

  row(i: number): R | undefined {
    return this.blocks.get(Math.floor(i / BLOCK_SIZE))?.[i % BLOCK_SIZE];
  }

  /** Whether any block of rows `first..last` is still loading. */
  busy(first: number, last: number): boolean {
    if (!this.state || this.state.total === 0) return false;
    return blockRange(first, Math.min(last, this.state.total - 1)).some((b) => !this.blocks.has(b));
  }

  /** Starts loading the missing blocks of rows `first..last` through `fetch`; evicts blocks far from them. */
  ensure(fetch: FetchWindow<R>, first: number, last: number): void {
    const state = this.state;
    if (!state || this.halted || state.total === 0) return;
    const to = Math.min(last, state.total - 1);
    const wanted = blockRange(Math.max(0, first), Math.max(0, to));
    for (const b of wanted) if (!this.blocks.has(b) && !this.loading.has(b)) void this.load(fetch, state, b);
    if (this.blocks.size > MAX_BLOCKS) {
      const centre = (wanted[0] + wanted[wanted.length - 1]) / 2;
      const far = [...this.blocks.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
      for (const b of far.slice(0, this.blocks.size - MAX_BLOCKS)) this.blocks.delete(b);
    }
  }

  private async load(fetch: FetchWindow<R>, state: S, b: number): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.loading.set(b, controller);
    try {
      const win = await fetch(state.viewId, b * BLOCK_SIZE, blockCount(b, state.total), controller.signal);
      if (generation !== this.generation || win.viewId !== state.viewId) return;
      if (win.version !== state.version || win.total !== state.total) {
        this.halted = true;
        this.events.stale();
        return;
      }
      this.blocks.set(b, win.rows);
      this.events.loaded();
    } catch (e) {
      if (generation === this.generation && !isAbort(e)) {
        this.halted = true;
        this.events.failed(e);
      }
    } finally {
      if (this.loading.get(b) === controller) this.loading.delete(b);
    }
  }
}
