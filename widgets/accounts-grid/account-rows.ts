/**
 * The accounts grid's view task: which client and tenant scope its rows belong to, the accounts
 * view open in the data worker, the task that opens or updates it for the current query and
 * fetches its first blocks (an `AbortSignal` per run: a superseded query's answer is dropped,
 * never rendered), and the row blocks (the shared `RowBlocks` of `src/page/grid/`). A change of
 * client or scope drops every row synchronously, before the next paint, so rows never cross scopes.
 */
import {Task, TaskStatus, initialState} from '@lit/task';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import {RowBlocks, prefetchBlocks, type Blocks, type FetchWindow} from '../../src/page/grid/row-blocks.js';
import type {AccountQuery, AccountRow} from '../../src/shared/accounts-query.js';
import type {AccountViewState} from '../../src/shared/protocol.js';
import {TenantryError, abortError, isAbort} from '../../src/shared/contract/errors.js';

/** A query's answer, with the blocks that paint first. */
export interface AccountRowsResult {
  client: DataClient;
  scopeTenantId: string;
  state: AccountViewState;
  blocks: Blocks<AccountRow>;
  query: AccountQuery;
}

export interface AccountRowsOptions {
  /** The worker query, as a string compared between runs. */
  queryKey(): string;
  /** The rows a new answer fetches before it paints. */
  firstRows(total: number): [number, number];
  /** A new answer, for the grid to show (after `accept`). */
  onResult(result: AccountRowsResult): void;
  /** Everything of the old view went (the grid closes its panel). */
  onDrop(): void;
}

/** The accounts' windows of `client`, as the row blocks read them. */
const windowOf =
  (client: DataClient): FetchWindow<AccountRow> =>
  (viewId, start, count, signal) =>
    client.accountsWindow(viewId, start, count, {signal});

export class AccountRows implements ReactiveController {
  readonly blocks: RowBlocks<AccountRow, AccountViewState>;
  client: DataClient | null = null;
  scopeTenantId: string | null = null;
  /** The committed answer's query (its search and filters say "N of M" and "no match"). */
  query: AccountQuery = {};
  private blockError: unknown = null;
  private open: {client: DataClient; scopeTenantId: string; viewId: string} | null = null;
  private seq = 0;
  private readonly task: Task<readonly [DataClient | null, string | null, string, number], AccountRowsResult | typeof initialState>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AccountRowsOptions,
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

  /** Whether the query behind the shown rows is still running (a new search, sort or filter). */
  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Rows of `client` and `scopeTenantId` from now on: drops the old ones at once; `true` if that changed. */
  follow(client: DataClient | null, scopeTenantId: string | null): boolean {
    if (client === this.client && scopeTenantId === this.scopeTenantId) return false;
    this.drop();
    this.client = client;
    this.scopeTenantId = scopeTenantId;
    return true;
  }

  /** Whether `result` still belongs to the grid's client and scope; if so its blocks become the rows. */
  accept(result: AccountRowsResult): boolean {
    if (result.client !== this.client || result.scopeTenantId !== this.scopeTenantId) return false;
    this.blocks.commit(result.state, result.blocks);
    this.query = result.query;
    this.blockError = null;
    return true;
  }

  /** Runs the query again, keeping the scroll position (after a dataset change, or on retry). */
  refresh(): void {
    this.blockError = null;
    this.seq++;
    this.host.requestUpdate();
  }

  /** Loads the blocks of rows `first`..`last` of the shown view, if missing. */
  ensure(first: number, last: number): void {
    if (this.blocks.view && this.client) this.blocks.ensure(windowOf(this.client), first, last);
  }

  hostDisconnected(): void {
    this.drop();
    this.client = null;
    this.scopeTenantId = null;
    this.task.abort();
  }

  private drop(): void {
    if (this.open) this.open.client.closeAccountsView(this.open.viewId);
    this.open = null;
    this.blocks.reset();
    this.blockError = null;
    this.options.onDrop();
  }

  private async run(client: DataClient | null, scopeTenantId: string | null, key: string, signal: AbortSignal): Promise<AccountRowsResult | typeof initialState> {
    if (!client || !scopeTenantId) return initialState;
    const query = JSON.parse(key) as AccountQuery;
    const open = this.open;
    let state: AccountViewState;
    try {
      if (open && open.client === client && open.scopeTenantId === scopeTenantId) {
        state = await client.updateAccountsView(open.viewId, query, {signal});
      } else {
        state = await client.openAccountsView({tenantId: scopeTenantId}, query, {signal});
        if (client !== this.client || scopeTenantId !== this.scopeTenantId) {
          client.closeAccountsView(state.viewId);
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
    return {client, scopeTenantId, state, blocks, query};
  }
}
