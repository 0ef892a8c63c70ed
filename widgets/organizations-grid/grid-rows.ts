/**
 * The view task: which client and tenant scope the grid's rows belong to, the view open in the data
 * worker, the task that opens or updates it for the current query and fetches its first blocks
 * (an `AbortSignal` per run: a superseded query's answer is dropped, never rendered), and the row
 * blocks themselves. A change of client or scope drops every row synchronously, before the next
 * paint, so rows never cross scopes.
 */
import {Task, TaskStatus, initialState} from '@lit/task';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import {TenantryError, abortError, isAbort} from '../../src/shared/contract/errors.js';
import type {ResultState} from '../../src/shared/protocol.js';
import type {OrgQuery, OrgRow} from '../../src/shared/query.js';
import {RowBlocks, blocksWithState, prefetchBlocks, type Blocks, type FetchWindow} from '../../src/page/grid/row-blocks.js';

/** A query's answer, with the blocks that paint first. */
export interface RowsResult {
  client: DataClient;
  scopeTenantId: string;
  state: ResultState;
  blocks: Blocks<OrgRow>;
  /** The query had a search or a filter (the count then reads "N of M"). */
  narrowed: boolean;
}

/** The organizations' windows of `client`, as the row blocks read them. */
const windowOf =
  (client: DataClient): FetchWindow<OrgRow> =>
  (viewId, start, count, signal) =>
    client.window(viewId, start, count, {signal});

/** The query had a search or a filter (the count then reads "N of M"). */
const narrowed = (query: OrgQuery): boolean => Boolean(query.search) || Object.values(query.filters ?? {}).some((f) => Array.isArray(f) && f.length > 0);

interface OpenView {
  client: DataClient;
  scopeTenantId: string;
  viewId: string;
}

export interface GridRowsOptions {
  /** The worker query of the grid's view, as a string compared between runs. */
  queryKey(): string;
  /** The rows a new answer fetches before it paints. */
  firstRows(total: number): [number, number];
  /** A new answer, for the grid to show (after `accept`). */
  onResult(result: RowsResult): void;
  /** Everything of the old view went (the grid forgets its details, popups, export). */
  onDrop(): void;
}

export class GridRows implements ReactiveController {
  readonly blocks: RowBlocks<OrgRow, ResultState>;
  /** The client and scope the rows belong to. */
  client: DataClient | null = null;
  scopeTenantId: string | null = null;
  /** The committed answer's query had a search or a filter. */
  narrowed = false;
  private blockError: unknown = null;
  private open: OpenView | null = null;
  private seq = 0;
  private readonly task: Task<readonly [DataClient | null, string | null, string, number], RowsResult | typeof initialState>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GridRowsOptions,
  ) {
    this.blocks = new RowBlocks({
      loaded: () => host.requestUpdate(),
      stale: () => this.refresh(),
      failed: (e) => {
        this.blockError = e;
        host.requestUpdate();
      },
    });
    this.task = new Task(host, {
      args: () => [this.client, this.scopeTenantId, options.queryKey(), this.seq] as const,
      task: ([client, scopeTenantId, key], {signal}) => this.run(client, scopeTenantId, key, signal),
      // The task never completes with `initialState` (that is its idle value, not an answer).
      onComplete: (result) => options.onResult(result),
    });
    host.addController(this);
  }

  /** Why rows cannot be shown (the query failed, or a block), if they cannot. */
  get error(): unknown {
    const failed = this.task.status === TaskStatus.ERROR && !isAbort(this.task.error) ? this.task.error : null;
    return failed ?? this.blockError;
  }

  /** Rows of `client` and `scopeTenantId` from now on: drops the old ones at once; `true` if that changed. */
  follow(client: DataClient | null, scopeTenantId: string | null): boolean {
    if (client === this.client && scopeTenantId === this.scopeTenantId) return false;
    this.drop();
    this.client = client;
    this.scopeTenantId = scopeTenantId;
    if (client && scopeTenantId) this.showSavedNow(client, scopeTenantId);
    return true;
  }

  /**
   * The saved first rows of the grid's query, when the page's read of the last visit is already in:
   * shown in this very render (`showSaved` waits for the read otherwise).
   */
  private showSavedNow(client: DataClient, scopeTenantId: string): void {
    const query = JSON.parse(this.options.queryKey()) as OrgQuery;
    const state = client.savedViewNow({tenantId: scopeTenantId}, query);
    if (state) this.commitSaved(client, scopeTenantId, query, state);
  }

  /** Whether `result` still belongs to the grid's client and scope; if so its blocks become the rows. */
  accept(result: RowsResult): boolean {
    if (result.client !== this.client || result.scopeTenantId !== this.scopeTenantId) return false;
    this.blocks.commit(result.state, result.blocks);
    this.narrowed = result.narrowed;
    this.blockError = null;
    return true;
  }

  /** Runs the query again, keeping the scroll position (after a dataset change, or on retry). */
  refresh(): void {
    this.seq++;
    this.host.requestUpdate();
  }

  retry(): void {
    this.blockError = null;
    this.refresh();
  }

  /** Loads the blocks of rows `first`..`last` of the shown view, if missing (none for saved rows shown before the view opened). */
  ensure(first: number, last: number): void {
    if (this.blocks.view?.viewId && this.client) this.blocks.ensure(windowOf(this.client), first, last);
  }

  hostDisconnected(): void {
    this.drop();
    this.client = null;
    this.scopeTenantId = null;
    this.task.abort();
  }

  /** Closes the open view and forgets every row of it, synchronously. */
  private drop(): void {
    if (this.open) this.open.client.closeView(this.open.viewId);
    this.open = null;
    this.blocks.reset();
    this.blockError = null;
    this.options.onDrop();
  }

  /**
   * Shows the saved first rows of `query` (`DataClient.savedView`) while `opening` is under way,
   * if they come first and nothing else is shown; the view's own answer replaces them.
   */
  private async showSaved(client: DataClient, scopeTenantId: string, query: OrgQuery, opening: Promise<ResultState>, signal: AbortSignal): Promise<void> {
    let answered = false;
    opening.then(
      () => (answered = true),
      () => (answered = true),
    );
    const state = await client.savedView({tenantId: scopeTenantId}, query).catch(() => null);
    if (!state || answered || signal.aborted || this.blocks.view || client !== this.client || scopeTenantId !== this.scopeTenantId) return;
    this.commitSaved(client, scopeTenantId, query, state);
    // Not the task's own completion (which renders by itself): the grid must be asked to render.
    this.host.requestUpdate();
  }

  /** Saved rows (a state with no view) as the rows shown: only the blocks that came with them; the rest wait for the view's answer. */
  private commitSaved(client: DataClient, scopeTenantId: string, query: OrgQuery, state: ResultState): void {
    const [first, last] = this.options.firstRows(state.total);
    this.options.onResult({client, scopeTenantId, state, blocks: blocksWithState(state, first, last).blocks, narrowed: narrowed(query)});
  }

  private async run(client: DataClient | null, scopeTenantId: string | null, key: string, signal: AbortSignal): Promise<RowsResult | typeof initialState> {
    if (!client || !scopeTenantId) return initialState;
    const query = JSON.parse(key) as OrgQuery;
    const open = this.open;
    let state: ResultState;
    try {
      if (open && open.client === client && open.scopeTenantId === scopeTenantId) {
        state = await client.updateView(open.viewId, query, {signal});
      } else {
        const opening = client.openView({tenantId: scopeTenantId}, query, {signal});
        // The grid's first view of this scope: the rows saved last time paint while the worker starts.
        if (!open) void this.showSaved(client, scopeTenantId, query, opening, signal);
        state = await opening;
        if (client !== this.client || scopeTenantId !== this.scopeTenantId) {
          client.closeView(state.viewId);
          throw abortError();
        }
        this.open = {client, scopeTenantId, viewId: state.viewId};
      }
    } catch (e) {
      // A view the worker no longer knows is opened afresh on retry.
      if (e instanceof TenantryError && e.code === 'not-found' && this.open === open) this.open = null;
      throw e;
    }
    const [first, last] = this.options.firstRows(state.total);
    const blocks = await prefetchBlocks(windowOf(client), state, first, last, signal);
    return {client, scopeTenantId, state, blocks, narrowed: narrowed(query)};
  }
}
