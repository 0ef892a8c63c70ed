/**
 * The accounts view's data in the worker: one dataset of linked accounts per partition (backend
 * origin, user, tenant scope; a partition of its own beside the organizations', see
 * `cache/account-cache.ts`), loaded from the cache first (stale-while-revalidate) then from the
 * backend's `listAccounts` pages, kept up to date by delta syncs (`updatedSince`, tombstones) and by
 * this worker's account writes; views over it answer with windows of rows, as the organizations'
 * do. The data plane owns it and lends it what it shares (session, cache, backend, events).
 *
 * Tenant safety is structural, as for organizations: a dataset is keyed by the scope of the
 * request that asked for it, and a write in one scope reaches another scope's dataset only with the
 * customers that scope is known to see.
 */
import type {Backend, Scope} from '../shared/contract/backend.js';
import {TenantryError, isAbort, misuse, throwIfAborted} from '../shared/contract/errors.js';
import {MAX_ACCOUNT_IDS, type AccountQuery, type AccountRow, type AccountSort} from '../shared/accounts-query.js';
import type {AccountViewState, AccountWindow} from '../shared/protocol.js';
import {formatIssues} from '../shared/model/schema.js';
import type {Rejected} from '../shared/model/schemas.js';
import type {AccountChange, AccountSummary, Id, Session} from '../shared/model/types.js';
import type {DataEvent, Freshness, RejectedReport} from '../shared/protocol.js';
import {AccountIndex, checkedSort, searchTerms} from './account-index.js';
import {accountsKey, applyAccountDelta, dropAccounts, readAccounts, writeAccounts} from './cache/account-cache.js';
import type {DatasetCache} from './cache/contract.js';
import {partitionId, type PartitionKey} from '../shared/saved-state.js';
import {SharedLoad} from './shared-load.js';
import {yieldToQueue} from './yield.js';

/** Accounts per page of a listing (the contract's most). */
export const ACCOUNT_PAGE_SIZE = 5000;
/** Most pages one listing may take: a list that never ends is the server's fault. */
const MAX_PAGES = 2000;
const FIRST_ROWS = 100;
const MAX_WINDOW = 500;
/** A dataset older than this is revalidated in the background when a view opens on it. */
const REVALIDATE_AFTER_MS = 30_000;

/** What the data plane lends: its session and cache, its backend, its events and background work. */
export interface AccountsHost {
  ready(): {session: Session; cache: DatasetCache};
  /** The scope's organizations' partition key (the accounts' is derived from it). */
  keyFor(scope: Scope): PartitionKey;
  backendNow(): Promise<Backend>;
  emit(event: DataEvent): void;
  track<T>(promise: Promise<T>): Promise<T>;
  offlineMaxAgeMs(): number;
  /** The backend refused the session (401). */
  endSession(): void;
  /** An organization's ancestors as a loaded organizations dataset holds it, or `null` when none holds it. */
  orgAncestors(id: Id): readonly Id[] | null;
}

/** Which write an `AccountChange` answers, and the customer it was about. */
export type AccountWrite = {kind: 'assign' | 'unassign'; orgId: Id} | {kind: 'update'};

interface AccountDataset {
  /** The organizations' key of the scope; the cache is asked with `accountsKey(key)`. */
  key: PartitionKey;
  scope: Scope;
  rows: AccountSummary[];
  index: AccountIndex;
  version: number;
  asOf: string | null;
  freshness: Freshness;
  rejected: Rejected[];
  syncedAt: number;
  /** When the backend last confirmed these rows (`Date.now()`). */
  confirmedAt: number;
  /** Syncs and writes of the dataset, one after another. */
  chain: Promise<unknown>;
  /** The background sync under way, if any (asked again meanwhile, it is not started twice). */
  syncing: Promise<void> | null;
  persisting: Promise<void> | null;
  warming: AbortController | null;
}

interface AccountView {
  id: string;
  partition: string;
  query: AccountQuery;
  terms: string[];
  result: Uint32Array;
  version: number;
}

const reportOf = (rejected: readonly Rejected[]): RejectedReport => ({count: rejected.length, sample: rejected.slice(0, 3).map((r) => formatIssues(r.issues, 2))});

/** The cursor of the next page; a cursor seen before, or a list past `MAX_PAGES`, is the server's fault. */
function nextCursor(cursor: string | null | undefined, seen: Set<string>): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (seen.has(cursor)) throw new TenantryError('invalid-response', 'The server sent the same page of accounts twice, so the list cannot be read to its end. Nothing was changed; tell your administrator.', {reason: {id: 'list.repeated-page', params: {list: 'accounts'}}});
  seen.add(cursor);
  if (seen.size > MAX_PAGES) throw new TenantryError('invalid-response', `The server's list of accounts did not end after ${MAX_PAGES.toLocaleString('en-US')} pages. Nothing was changed; tell your administrator.`, {reason: {id: 'list.endless', params: {list: 'accounts', pages: MAX_PAGES}}});
  return cursor;
}

/** A query as a page sent it: only the fields the view knows, each of its type (anything else is refused). */
function checkedQuery(query: AccountQuery): AccountQuery {
  if (typeof query !== 'object' || query === null) throw misuse('invalid-request', 'The accounts query is not valid.');
  const bad = (field: string): never => {
    throw misuse('invalid-request', `The accounts query is not valid: ${field}.`, {issues: [{path: field, message: 'is not valid'}]});
  };
  if (query.search !== undefined && (typeof query.search !== 'string' || query.search.length > 500)) bad('search');
  if (query.type != null && query.type !== 'shared' && query.type !== 'dedicated') bad('type');
  if (query.provider != null && !['azure', 'aws', 'gcp'].includes(query.provider)) bad('provider');
  if (query.customerId != null && (typeof query.customerId !== 'string' || query.customerId.length > 128)) bad('customerId');
  if (query.unassigned !== undefined && typeof query.unassigned !== 'boolean') bad('unassigned');
  if (query.ids !== undefined && (!Array.isArray(query.ids) || query.ids.length > MAX_ACCOUNT_IDS || !query.ids.every((id) => typeof id === 'string' && id.length <= 128))) bad('ids');
  if (query.sort !== undefined && (!Array.isArray(query.sort) || query.sort.length > 6)) bad('sort');
  checkedSort(query);
  return query;
}

export class AccountsPlane {
  private readonly datasets = new Map<string, SharedLoad<AccountDataset>>();
  private readonly views = new Map<string, AccountView>();
  private nextId = 1;

  constructor(private readonly host: AccountsHost) {}

  // — views —

  async open(scope: Scope, query: AccountQuery, signal: AbortSignal): Promise<AccountViewState> {
    const q = checkedQuery(query);
    const ds = await this.dataset(scope, signal);
    const result = ds.index.run(q, signal);
    const view: AccountView = {id: `a${this.nextId++}`, partition: partitionId(accountsKey(ds.key)), query: q, terms: searchTerms(q), result, version: ds.version};
    this.views.set(view.id, view);
    const state = {...this.state(view, ds), firstRows: this.rows(view, ds, 0, FIRST_ROWS)};
    // After the state is taken: a view on cached rows says `cached`, and the sync's result arrives as an event.
    if (ds.freshness !== 'fresh' || Date.now() - ds.syncedAt > REVALIDATE_AFTER_MS) void this.sync(ds).catch(() => undefined);
    return state;
  }

  async update(viewId: string, query: AccountQuery, signal: AbortSignal): Promise<AccountViewState> {
    const view = this.view(viewId);
    const q = checkedQuery(query);
    const ds = await this.datasetOf(view);
    const result = ds.index.run(q, signal);
    // Only a query that ran to the end replaces the view's rows.
    Object.assign(view, {query: q, terms: searchTerms(q), result, version: ds.version});
    return {...this.state(view, ds), firstRows: this.rows(view, ds, 0, FIRST_ROWS)};
  }

  async window(viewId: string, start: number, count: number): Promise<AccountWindow> {
    const view = this.view(viewId);
    const ds = await this.datasetOf(view);
    if (view.version !== ds.version) {
      // The dataset changed under the view: its query runs again so rows and total agree.
      view.result = ds.index.run(view.query);
      view.version = ds.version;
    }
    const total = view.result.length;
    const from = Math.max(0, Math.min(Math.floor(start) || 0, total));
    const n = Math.max(0, Math.min(Math.floor(count) || 0, MAX_WINDOW));
    return {viewId, start: from, rows: this.rows(view, ds, from, n), total, version: view.version};
  }

  close(viewId: string): void {
    this.views.delete(viewId);
  }

  private view(viewId: string): AccountView {
    const view = this.views.get(viewId);
    if (!view) throw new TenantryError('not-found', 'This view was closed; open it again.', {reason: {id: 'view.closed', params: {}}});
    return view;
  }

  private async datasetOf(view: AccountView): Promise<AccountDataset> {
    const load = this.datasets.get(view.partition);
    if (!load) throw new TenantryError('not-found', 'This view was closed; open it again.', {reason: {id: 'view.closed', params: {}}});
    return load.promise;
  }

  private state(view: AccountView, ds: AccountDataset): AccountViewState {
    return {viewId: view.id, scopeTenantId: ds.scope.tenantId, total: view.result.length, datasetSize: ds.rows.length, asOf: ds.asOf, freshness: ds.freshness, version: ds.version, rejected: reportOf(ds.rejected)};
  }

  private rows(view: AccountView, ds: AccountDataset, from: number, count: number): AccountRow[] {
    const to = Math.min(view.result.length, from + count);
    const out: AccountRow[] = [];
    for (let j = from; j < to; j++) out.push(ds.index.row(view.result[j], view.terms));
    return out;
  }

  /** The sorts of a dataset's open views (prepared before a new index replaces the current one). */
  private sortsOf(ds: AccountDataset): (readonly AccountSort[])[] {
    const partition = partitionId(accountsKey(ds.key));
    const sorts: (readonly AccountSort[])[] = [];
    for (const view of this.views.values()) if (view.partition === partition && view.query.sort?.length) sorts.push(view.query.sort);
    return sorts;
  }

  // — datasets —

  /** The scope's accounts: from memory, else from the cache (then revalidated), else fetched. */
  private dataset(scope: Scope, signal: AbortSignal): Promise<AccountDataset> {
    const key = this.host.keyFor(scope);
    const id = partitionId(accountsKey(key));
    let load = this.datasets.get(id);
    if (!load || load.aborted) {
      load = new SharedLoad((s) => this.load(key, scope, s));
      this.datasets.set(id, load);
      const mine = load;
      load.promise.catch(() => {
        if (this.datasets.get(id) === mine) this.datasets.delete(id);
      });
    }
    return load.join(signal);
  }

  private make(key: PartitionKey, scope: Scope, rows: AccountSummary[], asOf: string, freshness: Freshness, confirmedAt: number, rejected: Rejected[]): AccountDataset {
    const ds: AccountDataset = {key, scope, rows, index: new AccountIndex(rows), version: 1, asOf, freshness, rejected, syncedAt: freshness === 'fresh' ? Date.now() : 0, confirmedAt, chain: Promise.resolve(), syncing: null, persisting: null, warming: null};
    this.warmUp(ds);
    return ds;
  }

  private async load(key: PartitionKey, scope: Scope, signal: AbortSignal): Promise<AccountDataset> {
    const {cache} = this.host.ready();
    let cached = await readAccounts(cache, key).catch(() => null);
    throwIfAborted(signal);
    // Saved rows past their maximum age are shown only once the backend has confirmed them again.
    const stale = cached && Date.now() - cached.savedAt > this.host.offlineMaxAgeMs() ? cached : null;
    if (stale) cached = null;
    if (cached) return this.make(key, scope, cached.rows, cached.asOf, 'cached', cached.savedAt, []);
    let fetched: Awaited<ReturnType<AccountsPlane['fetchAll']>>;
    try {
      fetched = await this.fetchAll(scope, signal);
    } catch (e) {
      throw this.loadFailure(e, key, stale?.savedAt ?? null);
    }
    const ds = this.make(key, scope, fetched.rows, fetched.asOf, 'fresh', Date.now(), fetched.rejected);
    ds.persisting = this.host.track(writeAccounts(cache, key, fetched.rows, fetched.asOf)).catch(() => undefined);
    return ds;
  }

  private async fetchAll(scope: Scope, signal: AbortSignal): Promise<{rows: AccountSummary[]; asOf: string; rejected: Rejected[]}> {
    const backend = await this.host.backendNow();
    const rows: AccountSummary[] = [];
    const rejected: Rejected[] = [];
    const seen = new Set<Id>();
    const cursors = new Set<string>();
    let cursor: string | undefined;
    let asOf = '';
    do {
      const page = await backend.listAccounts(scope, {cursor, limit: ACCOUNT_PAGE_SIZE, signal});
      throwIfAborted(signal);
      asOf ||= page.asOf;
      for (const item of page.items) {
        // A backend that repeats an account across pages must not make a duplicate row.
        if (!seen.has(item.id)) {
          seen.add(item.id);
          rows.push(item);
        }
      }
      rejected.push(...(page.rejected ?? []));
      cursor = nextCursor(page.nextCursor, cursors);
    } while (cursor);
    return {rows, asOf, rejected};
  }

  /** Why loading failed, in words for the user (as the organizations say it). */
  private loadFailure(e: unknown, key: PartitionKey, staleSince: number | null): unknown {
    if (!(e instanceof TenantryError)) return e;
    if (e.code === 'unauthenticated') this.host.endSession();
    if (e.code === 'forbidden' || e.code === 'not-found') {
      this.host.track(dropAccounts(this.host.ready().cache, key)).catch(() => undefined);
      return new TenantryError(e.code, 'You have no access to this tenant (or it no longer exists). Nothing of it is kept on this device.', {status: e.details.status, reason: {id: 'scope.no-access', params: {}}});
    }
    if (e.retryable && staleSince !== null) {
      const when = new Date(staleSince).toISOString().slice(0, 10);
      const {detail: _, ...details} = e.details;
      return new TenantryError(e.code, `The server cannot be reached, and the data saved on this device (from ${when}) is too old to show.`, {...details, reason: {id: 'offline.too-old', params: {savedAt: new Date(staleSince).toISOString()}}});
    }
    return e;
  }

  /** Prepares every sort key and the search text while the worker is idle; a newer index aborts it. */
  private warmUp(ds: AccountDataset): void {
    ds.warming?.abort();
    const controller = new AbortController();
    ds.warming = controller;
    const index = ds.index;
    // Not tracked by `idle()`: preparation, not pending work.
    setTimeout(() => {
      if (ds.index === index && !controller.signal.aborted) void index.warmUp(controller.signal).catch(() => undefined);
    }, 0);
  }

  /** Runs `work` on a dataset once its earlier syncs and writes are done. */
  private exclusive<T>(ds: AccountDataset, work: () => Promise<T>): Promise<T> {
    const run = ds.chain.catch(() => undefined).then(work);
    ds.chain = run;
    this.host.track(run).catch(() => undefined);
    return run;
  }

  /**
   * A delta sync in the background (once at a time per dataset): the changes since `asOf`, or the
   * whole list again while records the last read rejected are missing. A failure leaves the rows
   * shown as `offline` (or drops them: signed out, refused, or past their maximum age).
   */
  private sync(ds: AccountDataset): Promise<void> {
    if (ds.syncing) return ds.syncing;
    const run = this.exclusive(ds, async () => {
      const backend = await this.host.backendNow();
      if (!ds.asOf || ds.rejected.length) {
        const {rows, asOf, rejected} = await this.fetchAll(ds.scope, new AbortController().signal);
        const now = new Set(rows.map((r) => r.id));
        const removed = new Set(ds.rows.filter((r) => !now.has(r.id)).map((r) => r.id));
        ds.syncedAt = ds.confirmedAt = Date.now();
        ds.freshness = 'fresh';
        await this.apply(ds, rows, removed, asOf, rejected);
        return;
      }
      const changed: AccountSummary[] = [];
      const removed = new Set<Id>();
      const rejected: Rejected[] = [];
      const cursors = new Set<string>();
      let cursor: string | undefined;
      let asOf = ds.asOf;
      let first = true;
      do {
        const page = await backend.listAccounts(ds.scope, {updatedSince: ds.asOf, cursor, limit: ACCOUNT_PAGE_SIZE});
        if (first) asOf = page.asOf;
        first = false;
        changed.push(...page.items);
        for (const t of page.tombstones) removed.add(t.id);
        rejected.push(...(page.rejected ?? []));
        cursor = nextCursor(page.nextCursor, cursors);
      } while (cursor);
      ds.syncedAt = ds.confirmedAt = Date.now();
      ds.freshness = 'fresh';
      await this.apply(ds, changed, removed, asOf, rejected);
    })
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        const err = e instanceof TenantryError ? e : new TenantryError('network', String(e), {reason: {id: 'unexpected', params: {}}, detail: String(e)});
        if (err.code === 'unauthenticated') this.host.endSession();
        else if (err.code === 'forbidden' || err.code === 'not-found') this.drop(ds.key);
        else {
          ds.freshness = 'offline';
          // Past its maximum age, saved data goes from view until the backend confirms it again.
          if (Date.now() - ds.confirmedAt > this.host.offlineMaxAgeMs()) this.forget(ds.key);
        }
        this.host.emit({type: 'accounts-sync-failed', scopeTenantId: ds.scope.tenantId, code: err.code, message: err.message, ...(err.reason && {reason: err.reason}), ...(err.details.detail && {detail: err.details.detail}), asOf: ds.asOf});
      })
      .finally(() => {
        if (ds.syncing === run) ds.syncing = null;
      });
    ds.syncing = run;
    return run;
  }

  /**
   * Applies changed rows (replaced by id, or appended) and removals: the next index is prepared
   * while the current one answers, then rows, index and version change in one step; the cache
   * partition follows in the background, and every subscriber hears of it.
   */
  private async apply(ds: AccountDataset, changed: readonly AccountSummary[], removed: ReadonlySet<Id>, asOf: string, rejected: Rejected[] | null): Promise<void> {
    const {cache} = this.host.ready();
    let rowsAfter = ds.rows;
    if (changed.length || removed.size) {
      const known = ds.index.byId;
      const added = new Map<Id, number>();
      const rows = ds.rows.slice();
      for (const c of changed) {
        const i = known.get(c.id) ?? added.get(c.id);
        if (i === undefined) {
          added.set(c.id, rows.length);
          rows.push(c);
        } else rows[i] = c;
      }
      rowsAfter = removed.size ? rows.filter((r) => !removed.has(r.id)) : rows;
      ds.warming?.abort();
      const next = new AccountIndex(rowsAfter, ds.index);
      await next.prepare(this.sortsOf(ds));
      ds.rows = rowsAfter;
      ds.index = next;
      ds.version++;
      this.warmUp(ds);
    }
    ds.asOf = asOf;
    if (rejected) ds.rejected = rejected;
    const rows = rowsAfter;
    const persist = async (): Promise<void> => {
      // The views' repaint goes first: persisting starts in a later task.
      await yieldToQueue();
      return changed.length + removed.size > rows.length / 2000 ? writeAccounts(cache, ds.key, rows, asOf) : applyAccountDelta(cache, ds.key, changed, [...removed], asOf);
    };
    const write = (ds.persisting ?? Promise.resolve()).catch(() => undefined).then(persist);
    ds.persisting = write;
    this.host.track(write).catch(() => undefined);
    this.host.emit({type: 'accounts-updated', scopeTenantId: ds.scope.tenantId, version: ds.version, asOf, freshness: ds.freshness, changed: changed.length, removed: removed.size});
  }

  // — writes, other tabs, sign-out —

  /**
   * An account write landed (in `scope`): the account goes into every loaded accounts dataset of
   * a scope that holds it, before the write's caller hears back. The write's own scope takes it as
   * answered; another scope takes it with only the customers it is known to see (the backend named
   * them for the write's scope) and then syncs, for its own count and ETag.
   */
  async applyChange(scope: Scope, change: AccountChange, write: AccountWrite): Promise<void> {
    const jobs: Promise<unknown>[] = [];
    for (const load of this.datasets.values()) {
      const run = (ds: AccountDataset): Promise<unknown> =>
        this.exclusive(ds, async () => {
          const edit = this.editFor(ds, scope.tenantId, change, write);
          if (!edit) return;
          // The dataset keeps its `asOf`: the next delta sync still asks for everything since then.
          await this.apply(ds, edit.upsert ? [edit.upsert] : [], new Set(edit.remove ? [edit.remove] : []), ds.asOf ?? '', null);
          if (ds.scope.tenantId !== scope.tenantId) void this.sync(ds).catch(() => undefined);
        });
      // A dataset still loading gets the change once it is in (without holding up the answer).
      if (load.value) jobs.push(run(load.value));
      else load.promise.then(run).catch(() => undefined);
    }
    await Promise.allSettled(jobs);
  }

  /** What a write's answer changes in one dataset: the row to put, or the id that leaves; `null` for nothing. */
  private editFor(ds: AccountDataset, writeTenant: Id, change: AccountChange, write: AccountWrite): {upsert?: AccountSummary; remove?: Id} | null {
    const a = {...change.account, etag: change.etag || change.account.etag};
    const at = ds.index.byId.get(a.id);
    const prev = at === undefined ? undefined : ds.rows[at];
    const tenant = ds.scope.tenantId;
    if (tenant === writeTenant) return {upsert: a};
    const changedOrgs = new Map(change.organizations.map((o) => [o.id, o] as const));
    // Seen from this scope only when known: a customer it may not see is never named here.
    const sees = (id: Id): boolean => {
      const o = changedOrgs.get(id);
      if (o) return o.id === tenant || o.ancestorIds.includes(tenant);
      if (id === tenant || prev?.customers.some((c) => c.id === id)) return true;
      return this.host.orgAncestors(id)?.includes(tenant) ?? false;
    };
    const customers = a.customers.filter((c) => sees(c.id));
    let count = customers.length;
    if (a.customerCount > a.customers.length && prev) {
      // The backend named only the first customers: this scope's count moves by the write's own customer.
      const delta = write.kind === 'update' || !sees(write.orgId) ? 0 : write.kind === 'assign' ? 1 : -1;
      count = Math.max(customers.length, prev.customerCount + delta);
    }
    if (!prev) return customers.length ? {upsert: {...a, customers, customerCount: count}} : null;
    // Left with no customer this scope sees while others still hold it: it is no longer this scope's.
    if (count === 0 && a.customerCount > 0) return {remove: a.id};
    return {upsert: {...a, customers, customerCount: count}};
  }

  /** Another tab of this user wrote: every loaded accounts dataset catches up. */
  syncAll(): void {
    for (const load of this.datasets.values()) if (load.value) void this.sync(load.value).catch(() => undefined);
  }

  /** The scope was refused: its accounts leave memory and the device. */
  drop(key: PartitionKey): void {
    this.forget(key);
    this.host.track(dropAccounts(this.host.ready().cache, key)).catch(() => undefined);
  }

  private forget(key: PartitionKey): void {
    const id = partitionId(accountsKey(key));
    this.datasets.get(id)?.value?.warming?.abort();
    this.datasets.delete(id);
  }

  /** Signed out: every dataset and view goes (the cache is purged by the data plane). */
  clear(): void {
    for (const load of this.datasets.values()) load.value?.warming?.abort();
    this.datasets.clear();
    this.views.clear();
  }
}
