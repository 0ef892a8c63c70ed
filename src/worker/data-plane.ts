/**
 * The data plane: one backend, one cache, the datasets of the scopes in use and the views widgets
 * hold on them. It runs in the data worker (`data-worker.ts` exposes it through comlink); it has
 * no DOM dependency, so tests can also drive it directly.
 *
 * Tenant safety is structural: a dataset is keyed by {backend origin, user, scope tenant} from the
 * request that asked for it, never by a "current scope", so a late answer for scope A can only
 * ever land in A's dataset and A's cache partition.
 */
import type {AuditQuery, Backend, BackendConfig, CommerceQuery, ContractQuery, DuplicateQuery, ListOptions, Scope, TokenProvider, Versioned} from '../shared/contract/backend.js';
import {checkConsoleLink} from '../shared/contract/details.js';
import {checkLifecycleAction, lifecycleTarget} from '../shared/contract/lifecycle.js';
import {TenantryError, isAbort, misuse, throwIfAborted} from '../shared/contract/errors.js';
import type {Reason} from '../shared/contract/reasons.js';
import {openDatasetCache, type CacheNotice, type DatasetCache, type PartitionKey} from './cache/dataset-cache.js';
import {summarize} from '../shared/model/derive.js';
import {LAST_SESSION_PREF, SNAPSHOT_PREF, partitionId, uiPrefStoredName, savedSessionOf, sessionKey, snapshotQueryKey as queryKey, snapshotState, usableSnapshot, type Snapshot} from '../shared/saved-state.js';
import {originOf} from '../shared/contract/origins.js';
import {loadBackend} from './backends/load-backend.js';
import {formatIssues} from '../shared/model/schema.js';
import {FxRatesSchema, type Rejected} from '../shared/model/schemas.js';
import {HOME_KIND_OF_ROLE, type AccountChange, type AccountPatch, type CommerceKind, type ContactInput, type FxRates, type Id, type LifecycleAction, type Organization, type PeopleChange, type OrganizationInput, type OrganizationPatch, type OrganizationSummary, type OrgStatus, type Session} from '../shared/model/types.js';
import {DatasetIndex, type QueryResult} from './engine.js';
import {yieldToQueue} from './yield.js';
import {SharedLoad} from './shared-load.js';
import {AccountsPlane, type AccountWrite} from './accounts-plane.js';
import type {AccountQuery} from '../shared/accounts-query.js';
import type {AccountViewState, AccountWindow} from '../shared/protocol.js';
import {SEARCH_FIELDS} from '../shared/columns.js';
import type {OrgQuery, OrgRow, SearchField} from '../shared/query.js';
import {DEFAULT_OFFLINE_MAX_AGE_MS, type ConnectOptions, type ConnectResult, type DataEvent, type DataWorkerApi, type Freshness, type RejectedReport, type RowWindow, type SyncResult, type ResultState} from '../shared/protocol.js';
import {releaseProxy} from 'comlink';
import type {ExportProgress, ExportRequest, ExportedFile} from '../shared/protocol.js';
import type {ExportSource} from './export/export-rows.js';
import {tenantIndexFor, validTenantSearch} from './tenant-index.js';
import type {TenantHit, TenantPathEntry, TenantSearch, TenantSearchResult} from '../shared/tenancy.js';

const PAGE_SIZE = 5000;
/** What a user is told when the backend's session is not the user the page signed in. */
const ANOTHER_USER = 'The backend has another user signed in than this page; nothing is shown. Sign in again.';
/** A session restored from the cache is confirmed by the backend this soon at the latest (earlier if a request needs the backend). */
const CONFIRM_SESSION_AFTER_MS = 1000;
/** Most pages one listing may take (10 million rows): a server whose list never ends is a fault, not a wait. */
const MAX_PAGES = 2000;

/** The cursor of the next page; a cursor seen before, or a list past `MAX_PAGES`, is the server's fault and says so. */
function nextCursor(cursor: string | null | undefined, seen: Set<string>): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  if (seen.has(cursor)) throw new TenantryError('invalid-response', 'The server sent the same page of organizations twice, so the list cannot be read to its end. Nothing was changed; tell your administrator.', {reason: {id: 'list.repeated-page', params: {list: 'organizations'}}});
  seen.add(cursor);
  if (seen.size > MAX_PAGES) throw new TenantryError('invalid-response', `The server's list of organizations did not end after ${MAX_PAGES.toLocaleString('en-US')} pages. Nothing was changed; tell your administrator.`, {reason: {id: 'list.endless', params: {list: 'organizations', pages: MAX_PAGES}}});
  return cursor;
}
const MAX_WINDOW = 500;
/** Rows sent with the state of an opened or updated view (a widget's first block), and saved for a warm start. */
const FIRST_ROWS = 100;
/** A dataset older than this is revalidated in the background when a view opens on it. */
const REVALIDATE_AFTER_MS = 30_000;
/** First wait of the background syncs after one failed for want of the backend; doubles per failure up to the max. */
const SYNC_BACKOFF_BASE_MS = 1000;
const SYNC_BACKOFF_MAX_MS = 60_000;

interface Dataset {
  key: PartitionKey;
  scope: Scope;
  rows: OrganizationSummary[];
  index: DatasetIndex;
  version: number;
  asOf: string | null;
  freshness: Freshness;
  rejected: Rejected[];
  syncedAt: number;
  /** When the backend last confirmed these rows (`Date.now()`): the cache's save time, or the last fetch or sync. */
  confirmedAt: number;
  sync: Promise<SyncResult> | null;
  /** The partition's cache writes, one after another in the order the changes were made. */
  persisting: Promise<void> | null;
  /** One follow-up sync for every request that came while `sync` ran (writes in a burst coalesce). */
  queued: Promise<SyncResult> | null;
  /** Owns the background warm-up of `index`; a newer warm-up or index aborts it. */
  warming: AbortController | null;
}

interface View {
  id: string;
  partition: string;
  query: OrgQuery;
  result: QueryResult;
  version: number;
  /** First rows from the last session while the dataset loads from the cache; `null` once loaded. */
  provisional: Snapshot | null;
  /** Owns the load a provisional view waits on; closing the view cancels it. */
  controller: AbortController;
}

const SNAPSHOT_DELAY_MS = 1000;
function report(rejected: readonly Rejected[]): RejectedReport {
  return {count: rejected.length, sample: rejected.slice(0, 3).map((r) => formatIssues(r.issues, 2))};
}

export class DataPlane implements DataWorkerApi {
  private backend: Backend | null = null;
  private session: Session | null = null;
  private cache: DatasetCache | null = null;
  private cacheName: string | undefined;
  private fx: FxRates | null = null;
  private readonly datasets = new Map<string, SharedLoad<Dataset>>();
  private readonly views = new Map<string, View>();
  private readonly requests = new Map<string, AbortController>();
  private readonly listeners = new Map<number, (event: DataEvent) => void>();
  private readonly background = new Set<Promise<unknown>>();
  /** The delta syncs (their queue, and the confirmation of a restored session) among `background`: a warm-up does not wait for them. */
  private readonly syncRuns = new WeakSet<Promise<unknown>>();
  /** Pending snapshot writes by partition; `idle()` flushes them. */
  private readonly snapshotTimers = new Map<string, {timer: ReturnType<typeof setTimeout>; write: () => void}>();
  private nextId = 1;
  private offlineMaxAgeMs = DEFAULT_OFFLINE_MAX_AGE_MS;
  /** The backend's origin, from the configuration (cache keys use it before the backend has started). */
  private origin = '';
  private backendLoad: Promise<Backend> | null = null;
  /** For a session restored from the cache: starts (once) its confirmation by the backend. */
  private confirmation: (() => Promise<void>) | null = null;
  private confirming: Promise<void> | null = null;
  private confirmTimer: ReturnType<typeof setTimeout> | undefined;
  /** Background syncs waiting their turn, latest last (see `syncLater`). */
  private readonly syncQueue = new Set<Dataset>();
  private syncPump: Promise<void> | null = null;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;
  private syncBackoff = {failures: 0, until: 0};
  /** Set once the backend refused the session (401): every call fails with it. */
  private signedOut: TenantryError | null = null;
  /** Tells this user's other tabs (their workers) that a write landed, so they sync. */
  private writes: BroadcastChannel | null = null;
  /** The accounts view's datasets and views, on this plane's session, cache and backend. */
  private readonly accounts = new AccountsPlane({
    ready: () => this.ready(),
    keyFor: (scope) => this.keyFor(scope),
    backendNow: () => this.backendNow(),
    emit: (event) => this.emit(event),
    track: (promise) => this.track(promise),
    offlineMaxAgeMs: () => this.offlineMaxAgeMs,
    endSession: () => this.endSession(),
    orgAncestors: (id) => this.orgAncestors(id),
  });

  /** @param createBackend makes the configured backend; tests pass one whose chunk fails to load. */
  constructor(private readonly createBackend: typeof loadBackend = loadBackend) {}

  async connect(config: BackendConfig, tokenProvider: TokenProvider | null, options: ConnectOptions = {}): Promise<ConnectResult> {
    const origin = (this.origin = originOf(config));
    // Only the configured backend's code is loaded (the embedded one and its demo data are a chunk
    // of their own), once: when first needed.
    const start = (): Promise<Backend> => {
      if (!this.backendLoad) {
        this.backendLoad = this.createBackend(config, tokenProvider).then((backend) => (this.backend = backend));
        this.backendLoad.catch(() => undefined);
      }
      return this.backendLoad;
    };
    this.cacheName = options.cacheName;
    this.cache = await openDatasetCache({name: options.cacheName});
    this.cache.onNotice((notice: CacheNotice) => this.emit({type: 'notice', notice}));
    globalThis.addEventListener('online', this.handleOnline);
    this.offlineMaxAgeMs = options.offlineMaxAgeMs ?? DEFAULT_OFFLINE_MAX_AGE_MS;
    const expected = options.userId;
    // Earlier versions kept one last session per backend, whoever it was: never trust it. Removed
    // only when there (a write at every start would hold up the page's read of the saved rows).
    const legacy = sessionKey(origin, '');
    if ((await this.cache.getPref<unknown>(legacy, LAST_SESSION_PREF).catch(() => undefined)) !== undefined) await this.cache.setPref(legacy, LAST_SESSION_PREF, undefined).catch(() => undefined);
    // The user the host vouches for, seen here before: their saved rows paint at once, while the
    // backend starts and confirms the session (another user, or a refusal, then ends it).
    const saved = expected ? savedSessionOf(await this.cache.getPref<unknown>(sessionKey(origin, expected), LAST_SESSION_PREF).catch(() => null), expected) : null;
    if (saved) {
      this.session = saved;
      // Saved with the session: costs in US dollars need not wait for the backend either.
      const fx = await this.cache.getPref<unknown>(sessionKey(origin, saved.user.id), 'last-fx').catch(() => null);
      this.fx = FxRatesSchema.is(fx) ? fx : null;
      this.listenForWrites(origin, saved.user.id);
      const userId = saved.user.id;
      // The backend starts (the embedded one generates its demo data, a second of work at 100k)
      // when something first needs it, or soon in any case: never in front of the saved rows.
      this.confirmation = () => {
        if (!this.confirming) {
          this.confirming = this.confirmSession(start(), userId);
          // Starting the backend (the embedded one generates its data) is a sync's business: the
          // search text of the saved rows is prepared meanwhile, not after it.
          this.syncRuns.add(this.confirming);
          this.track(this.confirming).catch(() => undefined);
        }
        return this.confirming;
      };
      this.confirmTimer = setTimeout(() => void this.confirmed(), CONFIRM_SESSION_AFTER_MS);
      return {session: saved, restored: true};
    }
    const backend = await start();
    const session = await backend.session();
    if (expected !== undefined && session.user.id !== expected) throw new TenantryError('unauthenticated', ANOTHER_USER, {reason: {id: 'session.another-user', params: {}}});
    await this.cache.setPref(sessionKey(origin, session.user.id), LAST_SESSION_PREF, session);
    this.session = session;
    this.listenForWrites(origin, session.user.id);
    await this.takeRates(backend, session.user.id);
    return {session, restored: false};
  }

  /**
   * The backend's word on a session restored from the cache: the same user carries on (with the
   * backend's fresh session and rates); another user, or a refusal, ends the session at once; an
   * unreachable backend leaves the saved data on screen, as offline (their syncs say so).
   */
  private async confirmSession(starting: Promise<Backend>, userId: string): Promise<void> {
    try {
      const backend = await starting;
      const session = await backend.session();
      // Signed out meanwhile: nothing comes back to life.
      if (this.signedOut || !this.session) return;
      if (session.user.id !== userId) {
        this.endSession(ANOTHER_USER, {id: 'session.another-user', params: {}});
        return;
      }
      this.session = session;
      await this.cache?.setPref(sessionKey(this.origin, userId), LAST_SESSION_PREF, session);
      await this.takeRates(backend, userId);
    } catch (e) {
      if (e instanceof TenantryError && e.retryable) return;
      if (e instanceof TenantryError && e.code !== 'unauthenticated') {
        const unconfirmed: Reason = e.reason ? {id: 'session.unconfirmed', params: {}, cause: e.reason} : {id: 'session.unconfirmed', params: {}};
        this.endSession(`Your session could not be confirmed: ${e.message}`, unconfirmed);
      } else this.endSession();
    }
  }

  /**
   * The backend's FX rates, kept with the session for the next start. Rates equal to those held
   * keep their object: an index compares rates by identity to carry its derived costs over.
   */
  private async takeRates(backend: Backend, userId: string): Promise<void> {
    const fx = await backend.fxRates().catch(() => null);
    if (!fx || (this.fx && JSON.stringify(this.fx) === JSON.stringify(fx))) return;
    this.fx = fx;
    await this.cache?.setPref(sessionKey(this.origin, userId), 'last-fx', fx).catch(() => undefined);
  }

  async subscribe(listener: (event: DataEvent) => void): Promise<number> {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    return id;
  }

  async unsubscribe(id: number): Promise<void> {
    this.listeners.delete(id);
  }

  async cancel(requestId: string): Promise<void> {
    this.requests.get(requestId)?.abort();
    this.requests.delete(requestId);
  }

  private emit(event: DataEvent): void {
    for (const listener of this.listeners.values()) {
      // A listener on a closed page throws; it must not stop the others.
      Promise.resolve()
        .then(() => listener(event))
        .catch(() => undefined);
    }
  }

  /** Runs `work` with a signal the caller can fire through `cancel(requestId)`. */
  private async tracked<T>(requestId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.requests.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.requests.delete(requestId);
    }
  }

  private ready(): {session: Session; cache: DatasetCache} {
    if (this.signedOut) throw this.signedOut;
    if (!this.session || !this.cache) throw misuse('config', 'The data worker is not connected yet.');
    return {session: this.session, cache: this.cache};
  }

  /**
   * Settles once the session is the backend's (a restored one confirmed, or out of reach) and the
   * FX rates are known: every call to the backend, and every index (costs in US dollars), waits for it.
   */
  private confirmed(): Promise<void> {
    return this.confirmation ? this.confirmation() : Promise.resolve();
  }

  /** The backend, once it has started and confirmed the session (a connect that restored a saved session does not wait for it). */
  private async backendNow(): Promise<Backend> {
    this.ready();
    await this.confirmed();
    const backend = this.backend ?? (await this.backendLoad);
    if (!backend) throw misuse('config', 'The data worker is not connected yet.');
    // Signed out while it started.
    this.ready();
    return backend;
  }

  private keyFor(scope: Scope): PartitionKey {
    const {session} = this.ready();
    return {origin: this.origin, userId: session.user.id, tenantId: scope.tenantId};
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.background.add(promise);
    promise.then(
      () => this.background.delete(promise),
      () => this.background.delete(promise),
    );
    return promise;
  }

  async idle(): Promise<void> {
    for (const {timer, write} of [...this.snapshotTimers.values()]) {
      clearTimeout(timer);
      write();
    }
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** The scope's dataset: from memory, else from the cache (then revalidated), else fetched. */
  private async dataset(scope: Scope, signal: AbortSignal): Promise<Dataset> {
    const key = this.keyFor(scope);
    const id = partitionId(key);
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

  /**
   * Prepares the first sort and search of a freshly indexed dataset while the worker is idle: the
   * field sets its open views search (a grid searches its visible columns), then all fields.
   */
  private warmUp(ds: Dataset): void {
    const index = ds.index;
    // One warm-up per dataset at a time; this one resumes where an aborted one stopped.
    ds.warming?.abort();
    const controller = new AbortController();
    ds.warming = controller;
    // After pending cache writes: persisting comes first. Not after a sync, which may take long
    // (the first search must not wait for it); a sync that changes rows aborts this warm-up. Not
    // tracked by idle(): it is preparation, not pending work. A newer index warms itself.
    setTimeout(() => {
      void Promise.allSettled([...this.background].filter((p) => !this.syncRuns.has(p))).then(() => {
        if (ds.index !== index || controller.signal.aborted) return;
        index
          .warmUp(this.fieldSetsOf(ds), controller.signal)
          .then((done) => {
            // Finished: nothing for an export to pause any more.
            if (done && ds.warming === controller) ds.warming = null;
          })
          .catch(() => undefined);
      });
    }, 0);
  }

  /** The field sets the open views of a dataset search, then all fields (a set asked twice is prepared once). */
  private fieldSetsOf(ds: Dataset): (readonly SearchField[])[] {
    const partition = partitionId(ds.key);
    const sets: (readonly SearchField[])[] = [];
    for (const view of this.views.values()) if (view.partition === partition && view.query.searchFields?.length) sets.push(view.query.searchFields);
    return [...sets, SEARCH_FIELDS];
  }

  /** The sorts of the open views of a dataset other than the default (by name, always prepared). */
  private sortsOf(ds: Dataset): NonNullable<OrgQuery['sort']>[] {
    const partition = partitionId(ds.key);
    const sorts: NonNullable<OrgQuery['sort']>[] = [];
    for (const view of this.views.values()) if (view.partition === partition && view.query.sort?.length) sorts.push(view.query.sort);
    return sorts;
  }

  /** Revalidates a dataset served from the cache, or one not synced for a while (in the background queue). */
  private revalidateIfStale(ds: Dataset): void {
    if (ds.freshness !== 'fresh' || Date.now() - ds.syncedAt > REVALIDATE_AFTER_MS) this.syncLater(ds);
  }

  /**
   * Queues a background sync (a view opening, a tenant search, another tab's write). One runs at a
   * time for the whole backend, the latest scope asked for first, each dataset once however often
   * asked; a dataset no longer held is skipped. After a sync fails for want of the backend, the
   * queue waits (1 s, doubling to a minute, or until the network is back) instead of trying again
   * at every keystroke or scope change. `refresh()` is the user asking: it does not queue.
   */
  private syncLater(ds: Dataset): void {
    this.syncQueue.delete(ds);
    this.syncQueue.add(ds);
    this.pumpSyncs();
  }

  private pumpSyncs(): void {
    if (this.syncPump || !this.syncQueue.size) return;
    const wait = this.syncBackoff.until - Date.now();
    if (wait > 0) {
      // Not tracked: `idle()` does not wait out a backoff.
      clearTimeout(this.syncTimer);
      this.syncTimer = setTimeout(() => this.pumpSyncs(), wait);
      return;
    }
    const pump = (async () => {
      while (this.syncQueue.size && this.syncBackoff.until <= Date.now()) {
        const ds = [...this.syncQueue].pop()!;
        this.syncQueue.delete(ds);
        if (this.signedOut || this.datasets.get(partitionId(ds.key))?.value !== ds) continue;
        try {
          await this.revalidate(ds);
          this.syncBackoff = {failures: 0, until: 0};
        } catch (e) {
          if (e instanceof TenantryError && e.retryable) {
            const failures = this.syncBackoff.failures + 1;
            this.syncBackoff = {failures, until: Date.now() + Math.min(SYNC_BACKOFF_MAX_MS, SYNC_BACKOFF_BASE_MS * 2 ** (failures - 1))};
          }
        }
      }
    })().finally(() => {
      this.syncPump = null;
      this.pumpSyncs();
    });
    this.syncPump = pump;
    this.syncRuns.add(pump);
    this.track(pump).catch(() => undefined);
  }

  private stopSyncs(): void {
    clearTimeout(this.syncTimer);
    this.syncQueue.clear();
    globalThis.removeEventListener('online', this.handleOnline);
  }

  /** The network is back: queued syncs need not wait out their backoff. */
  private readonly handleOnline = (): void => {
    this.syncBackoff = {failures: 0, until: 0};
    this.pumpSyncs();
  };

  private async load(key: PartitionKey, scope: Scope, signal: AbortSignal): Promise<Dataset> {
    const {cache} = this.ready();
    let cached = await cache.read(key);
    throwIfAborted(signal);
    // Saved data past its maximum age is shown only once the backend has confirmed it again.
    const stale = cached && Date.now() - cached.savedAt > this.offlineMaxAgeMs ? cached : null;
    if (stale) cached = null;
    // Costs in US dollars need the rates: known at connect, saved with the session, or once a
    // restored session is confirmed (a saved session without saved rates waits for that).
    if (!this.fx) await this.confirmed();
    if (cached) {
      const ds: Dataset = {key, scope, rows: cached.rows, index: new DatasetIndex(cached.rows, this.fx), version: 1, asOf: cached.asOf, freshness: 'cached', rejected: [], syncedAt: 0, confirmedAt: cached.savedAt, sync: null, persisting: null, queued: null, warming: null};
      this.warmUp(ds);
      return ds;
    }
    let fetched: Awaited<ReturnType<DataPlane['fetchAll']>>;
    try {
      fetched = await this.fetchAll(scope, signal);
    } catch (e) {
      throw this.loadFailure(e, key, stale?.savedAt ?? null);
    }
    const {rows, asOf, rejected} = fetched;
    const ds: Dataset = {key, scope, rows, index: new DatasetIndex(rows, this.fx), version: 1, asOf, freshness: 'fresh', rejected, syncedAt: Date.now(), confirmedAt: Date.now(), sync: null, persisting: null, queued: null, warming: null};
    this.track(cache.writeAll(key, rows, asOf));
    this.warmUp(ds);
    return ds;
  }

  private async fetchAll(scope: Scope, signal: AbortSignal): Promise<{rows: OrganizationSummary[]; asOf: string; rejected: Rejected[]}> {
    const backend = await this.backendNow();
    const rows: OrganizationSummary[] = [];
    const rejected: Rejected[] = [];
    const seen = new Set<Id>();
    let cursor: string | undefined;
    const cursors = new Set<string>();
    let asOf = '';
    do {
      const page = await backend.listOrganizations(scope, {cursor, limit: PAGE_SIZE, signal});
      throwIfAborted(signal);
      asOf ||= page.asOf;
      for (const item of page.items) {
        // A backend that repeats a record across pages must not make a duplicate row.
        if (!seen.has(item.id)) {
          seen.add(item.id);
          rows.push(item);
        }
      }
      rejected.push(...page.rejected);
      cursor = nextCursor(page.nextCursor, cursors);
    } while (cursor);
    return {rows, asOf, rejected};
  }

  /**
   * A delta sync that starts after this call (so it sees every change made before it); calls made
   * while one runs share a single follow-up. Failures mark the dataset offline.
   */
  private revalidate(ds: Dataset): Promise<SyncResult> {
    if (ds.sync) {
      ds.queued ??= ds.sync
        .catch(() => undefined)
        .then(() => {
          ds.queued = null;
          return this.revalidate(ds);
        });
      return ds.queued;
    }
    const run = this.deltaSync(ds, new AbortController().signal)
      .catch((e: unknown) => {
        if (!isAbort(e)) {
          const err = e instanceof TenantryError ? e : new TenantryError('network', String(e), {reason: {id: 'unexpected', params: {}}, detail: String(e)});
          if (err.code === 'unauthenticated') this.endSession();
          else if (err.code === 'forbidden' || err.code === 'not-found') this.dropScope(ds);
          else {
            ds.freshness = 'offline';
            // Past its maximum age, saved data goes from view until the backend confirms it again.
            if (Date.now() - ds.confirmedAt > this.offlineMaxAgeMs) this.forget(ds);
          }
          this.emit({type: 'sync-failed', scopeTenantId: ds.scope.tenantId, code: err.code, message: err.message, ...(err.reason && {reason: err.reason}), ...(err.details.detail && {detail: err.details.detail}), asOf: ds.asOf});
        }
        throw e;
      })
      .finally(() => {
        // A write queued behind this sync may hold the slot now.
        if (ds.sync === run) ds.sync = null;
      });
    ds.sync = run;
    this.syncRuns.add(run);
    this.track(run).catch(() => undefined);
    return run;
  }

  private async deltaSync(ds: Dataset, signal: AbortSignal): Promise<SyncResult> {
    const backend = await this.backendNow();
    if (!ds.asOf) return {changed: 0, removed: 0, asOf: null};
    // Records the last load or sync could not accept are asked for again: a delta would only bring
    // them if they changed, so the whole list is read once more (until they come back valid).
    if (ds.rejected.length) return this.fullSync(ds, signal);
    const changed: OrganizationSummary[] = [];
    const removed = new Set<Id>();
    const rejected: Rejected[] = [];
    let cursor: string | undefined;
    const cursors = new Set<string>();
    let asOf = ds.asOf;
    let first = true;
    do {
      const page = await backend.listOrganizations(ds.scope, {updatedSince: ds.asOf, cursor, limit: PAGE_SIZE, signal});
      if (first) asOf = page.asOf;
      first = false;
      changed.push(...page.items);
      for (const t of page.tombstones) removed.add(t.id);
      rejected.push(...page.rejected);
      cursor = nextCursor(page.nextCursor, cursors);
    } while (cursor);
    ds.syncedAt = ds.confirmedAt = Date.now();
    ds.freshness = 'fresh';
    return this.applyChanges(ds, changed, removed, asOf, rejected, signal);
  }

  /** A sync that reads the whole list again: what changed or left is applied as a delta would be. */
  private async fullSync(ds: Dataset, signal: AbortSignal): Promise<SyncResult> {
    const {rows, asOf, rejected} = await this.fetchAll(ds.scope, signal);
    const now = new Set(rows.map((r) => r.id));
    const removed = new Set<Id>(ds.rows.filter((r) => !now.has(r.id)).map((r) => r.id));
    ds.syncedAt = ds.confirmedAt = Date.now();
    ds.freshness = 'fresh';
    return this.applyChanges(ds, rows, removed, asOf, rejected, signal);
  }

  /**
   * Applies changed rows (by id: replaced, or appended) and removals to a dataset, its index and its
   * cache partition, then tells every view: a delta sync's changes, or a write's record. The next
   * index is prepared while the current one answers; rows, index and version change in one step.
   */
  private async applyChanges(ds: Dataset, changed: readonly OrganizationSummary[], removed: ReadonlySet<Id>, asOf: string, rejected: Rejected[] | null, signal: AbortSignal): Promise<SyncResult> {
    const {cache} = this.ready();
    let rowsAfter = ds.rows;
    if (changed.length || removed.size) {
      // The index's id map is of these rows; ids new in this change get places after them.
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
    }
    // Changes spread over the list touch most 1,000-row chunks once they exceed ~1 in 2,000 rows,
    // and patching every chunk costs more than rewriting the partition from memory. Persisted in
    // the background once views have the change (`idle()` waits for it; a failure is the cache's
    // notice), each write of the partition after the one before.
    const persist = async (): Promise<void> => {
      // The caller's answer and the views' repaint go first: persisting starts in a later task.
      await yieldToQueue();
      return changed.length + removed.size > rowsAfter.length / 2000 ? cache.writeAll(ds.key, rowsAfter, asOf) : cache.applyDelta(ds.key, changed, [...removed], asOf);
    };
    if (rowsAfter !== ds.rows) {
      // The current index answers queries while the next one is prepared in slices (only changed
      // rows are folded again); then rows, index and version change together, in one step, so a
      // view never mixes two versions and no query waits for a re-fold.
      ds.warming?.abort();
      const next = new DatasetIndex(rowsAfter, this.fx, ds.index);
      // What the current index had ready, the next one has before the swap; the rest (a warm-up
      // still under way) continues in the background, so a write never waits for it.
      await next.prepare(this.fieldSetsOf(ds).filter((fields) => ds.index.hasText(fields)), this.sortsOf(ds), signal);
      ds.rows = rowsAfter;
      ds.index = next;
      ds.version++;
    }
    ds.asOf = asOf;
    // A delta runs only when nothing was rejected (else a full read does, see `deltaSync`): what it reports is the whole story.
    if (rejected) ds.rejected = rejected;
    // Also with nothing changed: the partition's `asOf` and save time move on (the data is confirmed).
    const write = (ds.persisting ?? Promise.resolve()).catch(() => undefined).then(persist);
    ds.persisting = write;
    this.track(write).catch(() => undefined);
    // The rest of the new index (every sort key) after pending cache writes, as after a load.
    if (changed.length || removed.size) this.warmUp(ds);
    this.emit({type: 'dataset-updated', scopeTenantId: ds.scope.tenantId, version: ds.version, asOf, changed: changed.length, removed: removed.size});
    return {changed: changed.length, removed: removed.size, asOf};
  }

  private state(view: View, ds: Dataset): ResultState {
    return {
      viewId: view.id,
      scopeTenantId: ds.scope.tenantId,
      total: view.result.indices.length,
      datasetSize: ds.rows.length,
      asOf: ds.asOf,
      freshness: ds.freshness,
      version: ds.version,
      rejected: report(ds.rejected),
    };
  }

  /** The top of a view's result, sent with its state (see `ResultState.firstRows`). */
  private firstRows(view: View, ds: Dataset): OrgRow[] {
    const rows: OrgRow[] = [];
    const n = Math.min(FIRST_ROWS, view.result.indices.length);
    for (let j = 0; j < n; j++) rows.push(ds.index.row(view.result, j));
    return rows;
  }

  private async datasetOf(view: View): Promise<Dataset> {
    const load = this.datasets.get(view.partition);
    if (!load) throw new TenantryError('not-found', 'This view was closed; open it again.', {reason: {id: 'view.closed', params: {}}});
    return load.promise;
  }

  async openView(scope: Scope, query: OrgQuery, requestId: string): Promise<ResultState> {
    return this.tracked(requestId, async (signal) => {
      const key = this.keyFor(scope);
      const partition = partitionId(key);
      if (!this.datasets.has(partition)) {
        const provisional = await this.provisionalView(scope, key, query);
        throwIfAborted(signal);
        if (provisional) return provisional;
      }
      const ds = await this.dataset(scope, signal);
      const result = ds.index.run(query, signal);
      const view: View = {id: `v${this.nextId++}`, partition, query, result, version: ds.version, provisional: null, controller: new AbortController()};
      this.views.set(view.id, view);
      const state = {...this.state(view, ds), firstRows: this.firstRows(view, ds)};
      this.saveSnapshot(view, ds);
      // This view's search fields are now known: have them ready before the first keystroke.
      if (query.searchFields?.length) this.warmUp(ds);
      // After the state is taken: a warm start reports `cached`, and the sync's result arrives as an event.
      this.revalidateIfStale(ds);
      return state;
    });
  }

  /**
   * A warm start of the same query as last time: answer at once with the saved first rows, and
   * load the dataset behind them; an event tells the widget when the real rows are in.
   */
  private async provisionalView(scope: Scope, key: PartitionKey, query: OrgQuery): Promise<ResultState | null> {
    const snapshot = usableSnapshot(await this.ready().cache.getPref<unknown>(key, SNAPSHOT_PREF), query, this.offlineMaxAgeMs);
    if (!snapshot) return null;
    const view: View = {id: `v${this.nextId++}`, partition: partitionId(key), query, result: {indices: new Uint32Array(0), tree: null}, version: 0, provisional: snapshot, controller: new AbortController()};
    this.views.set(view.id, view);
    this.track(
      this.dataset(scope, view.controller.signal).then((ds) => {
        // A window past the saved rows may have swapped the real rows in already; either way
        // the widget hears of it, and a dataset read from the cache is revalidated.
        if (view.provisional) {
          view.result = ds.index.run(view.query);
          view.version = ds.version;
          view.provisional = null;
        }
        this.emit({type: 'dataset-updated', scopeTenantId: scope.tenantId, version: ds.version, asOf: ds.asOf, changed: 0, removed: 0});
        this.revalidateIfStale(ds);
      }),
    ).catch(() => undefined);
    return snapshotState(snapshot, view.id, scope.tenantId);
  }

  /** Saves the view's first rows for the next warm start, once the user pauses. */
  private saveSnapshot(view: View, ds: Dataset): void {
    const timers = this.snapshotTimers;
    clearTimeout(timers.get(view.partition)?.timer);
    const write = (): void => {
      timers.delete(view.partition);
      const snapshot: Snapshot = {query: queryKey(view.query), total: view.result.indices.length, datasetSize: ds.rows.length, asOf: ds.asOf, savedAt: ds.confirmedAt, rows: this.firstRows(view, ds)};
      this.track(this.ready().cache.setPref(ds.key, SNAPSHOT_PREF, snapshot)).catch(() => undefined);
    };
    timers.set(view.partition, {timer: setTimeout(write, SNAPSHOT_DELAY_MS), write});
  }

  async updateView(viewId: string, query: OrgQuery, requestId: string): Promise<ResultState> {
    return this.tracked(requestId, async (signal) => {
      const view = this.view(viewId);
      const ds = await this.datasetOf(view);
      const result = ds.index.run(query, signal);
      // Only a query that ran to the end replaces the view's rows.
      Object.assign(view, {query, result, version: ds.version, provisional: null});
      this.saveSnapshot(view, ds);
      return {...this.state(view, ds), firstRows: this.firstRows(view, ds)};
    });
  }

  private view(viewId: string): View {
    if (this.signedOut) throw this.signedOut;
    const view = this.views.get(viewId);
    if (!view) throw new TenantryError('not-found', 'This view was closed; open it again.', {reason: {id: 'view.closed', params: {}}});
    return view;
  }

  async window(viewId: string, start: number, count: number): Promise<RowWindow> {
    const view = this.view(viewId);
    const snapshot = view.provisional;
    if (snapshot && start >= 0 && start + count <= snapshot.rows.length) {
      return {viewId, start, rows: snapshot.rows.slice(start, start + count), total: snapshot.total, version: 0};
    }
    const ds = await this.datasetOf(view);
    if (view.provisional) {
      view.result = ds.index.run(view.query);
      view.version = ds.version;
      view.provisional = null;
    }
    if (view.version !== ds.version) {
      // The dataset changed under the view: re-run its query so rows and total agree.
      view.result = ds.index.run(view.query);
      view.version = ds.version;
    }
    const total = view.result.indices.length;
    const from = Math.max(0, Math.min(Math.floor(start) || 0, total));
    const to = Math.min(total, from + Math.max(0, Math.min(Math.floor(count) || 0, MAX_WINDOW)));
    const rows = [];
    for (let j = from; j < to; j++) rows.push(ds.index.row(view.result, j));
    return {viewId, start: from, rows, total, version: view.version};
  }

  async closeView(viewId: string): Promise<void> {
    this.views.get(viewId)?.controller.abort();
    this.views.delete(viewId);
  }

  async refresh(scope: Scope, requestId: string): Promise<SyncResult> {
    return this.tracked(requestId, async (signal) => {
      const ds = await this.dataset(scope, signal);
      return this.revalidate(ds);
    });
  }

  async listTenants(scope: Scope, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listTenants(scope, {signal}));
  }

  async searchTenants(home: Scope, search: TenantSearch, requestId: string): Promise<TenantSearchResult> {
    return this.tracked(requestId, async (signal) => {
      const valid = validTenantSearch(search);
      const ds = await this.dataset(checkedScope(home), signal);
      // Index and version taken together: a sync meanwhile replaces both.
      const {index, version} = ds;
      const result = tenantIndexFor(index).search(valid, ds.scope.tenantId, signal);
      // As a view would: a dataset read from the cache is brought up to date in the background
      // (once: keystrokes during that sync must not queue more).
      if (!ds.sync) this.revalidateIfStale(ds);
      return {...result, version};
    });
  }

  async resolveTenant(home: Scope, tenantId: Id, requestId: string): Promise<TenantHit> {
    return this.tracked(requestId, async (signal) => {
      checkedScope(home);
      if (typeof tenantId !== 'string' || !tenantId || tenantId.length > 128) throw misuse('invalid-request', 'The tenant id is invalid.');
      const load = this.datasets.get(partitionId(this.keyFor(home)));
      if (!load || load.aborted) return this.resolveThroughBackend(home, tenantId, signal);
      const hit = tenantIndexFor((await load.join(signal)).index).resolve(tenantId);
      // Says nothing of the tenant, not even whether it exists elsewhere.
      if (!hit) throw new TenantryError('not-found', 'That tenant is not in your view.', {reason: {id: 'tenant.not-in-view', params: {}}});
      return hit;
    });
  }

  /** Without a dataset: the tenant and the names along its path, from the backend (which enforces scope). */
  private async resolveThroughBackend(home: Scope, tenantId: Id, signal: AbortSignal): Promise<TenantHit> {
    const {session} = this.ready();
    const backend = await this.backendNow();
    const {value: org} = await backend.getOrganization(home, tenantId, {signal});
    const self: TenantPathEntry = {id: org.id, name: org.name, kind: org.kind};
    let path = [self];
    if (org.id !== home.tenantId) {
      const at = org.ancestorIds.indexOf(home.tenantId);
      if (at < 0) throw new TenantryError('not-found', 'That tenant is not in your view.', {reason: {id: 'tenant.not-in-view', params: {}}});
      // Home's name comes with the session; the ancestors below home (two at most in the model) are read in parallel.
      const known: TenantPathEntry | null = home.tenantId === session.homeTenantId ? {id: session.homeTenantId, name: session.homeTenantName, kind: HOME_KIND_OF_ROLE[session.role]} : null;
      const ids = [...(known ? [] : [home.tenantId]), ...org.ancestorIds.slice(at + 1)];
      const above = await Promise.all(ids.map((id) => backend.getOrganization(home, id, {signal}).then(({value: a}): TenantPathEntry => ({id: a.id, name: a.name, kind: a.kind}))));
      throwIfAborted(signal);
      path = [...(known ? [known] : []), ...above, self];
    }
    return {id: org.id, kind: org.kind, name: org.name, domain: org.domain, status: org.status, path, childCount: 0, matched: null};
  }

  async listUsers(scope: Scope, search: string, limit: number, requestId: string, ids?: readonly Id[]) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listUsers(scope, {search, limit, ids, signal}));
  }

  async getPref(scope: Scope, name: string): Promise<unknown> {
    return this.ready().cache.getPref<unknown>(this.keyFor(scope), uiPrefName(name));
  }

  async setPref(scope: Scope, name: string, value: unknown): Promise<void> {
    const prefName = uiPrefName(name);
    if (value !== undefined) {
      // One JSON round trip both bounds the size and drops what is not plain data (functions, DOM).
      const text = JSON.stringify(value);
      if (text === undefined) throw misuse('invalid-request', `Preference "${name}" is not a JSON value.`);
      if (text.length > MAX_PREF_CHARS) throw new TenantryError('too-large', `Preference "${name}" is larger than 256 KB.`, {reason: {id: 'pref.too-large', params: {bytes: MAX_PREF_CHARS}}});
      value = JSON.parse(text) as unknown;
    }
    await this.ready().cache.setPref(this.keyFor(scope), prefName, value);
  }

  async fxRates(): Promise<FxRates | null> {
    if (!this.fx) await this.confirmed();
    return this.fx;
  }

  async getOrganization(scope: Scope, id: Id, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).getOrganization(scope, id, {signal}));
  }

  async findDuplicates(scope: Scope, query: DuplicateQuery, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).findDuplicates(checkedScope(scope), query, {signal}));
  }

  async lookupMicrosoftAccount(scope: Scope, domain: string, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).lookupMicrosoftAccount(checkedScope(scope), domain, {signal}));
  }

  async checkMicrosoftDomain(scope: Scope, prefix: string, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).checkMicrosoftDomain(checkedScope(scope), prefix, {signal}));
  }

  async listLinkableAzureTenants(scope: Scope, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listLinkableAzureTenants(checkedScope(scope), {signal}));
  }

  async referenceLists(scope: Scope, parentId: Id | undefined, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).referenceLists(checkedScope(scope), {parentId, signal}));
  }

  async createOrganization(scope: Scope, input: OrganizationInput, idempotencyKey: string, requestId: string) {
    return this.tracked(requestId, async (signal) => {
      const result = await this.write(scope, null, async () => (await this.backendNow()).createOrganization(scope, input, {idempotencyKey, signal}));
      // The new customer is in every loaded view of its scopes when this returns.
      await this.applyWritten([summarize(result.value)], []);
      return result;
    });
  }

  async updateOrganization(scope: Scope, id: Id, patch: OrganizationPatch, etag: string, requestId: string, optimistic = false) {
    return this.tracked(requestId, async (signal) => {
      const undo = optimistic ? await this.applyOptimistic(id, patch) : null;
      try {
        const result = await this.write(scope, id, async () => (await this.backendNow()).updateOrganization(scope, id, patch, {ifMatch: etag, signal}));
        await this.applyWritten([summarize(result.value)], []);
        return result;
      } catch (e) {
        // Refused: what was shown at once goes back to what the server holds.
        await undo?.();
        throw e;
      }
    });
  }

  async transitionOrganization(scope: Scope, id: Id, action: LifecycleAction, etag: string, requestId: string, optimistic = false) {
    return this.tracked(requestId, async (signal) => {
      // Shown at once as the status the move leads to (when the row is loaded and the move allowed
      // from its status); taken back if the server refuses.
      const target = optimistic ? this.statusAfter(id, action) : null;
      const undo = target ? await this.applyOptimistic(id, {status: target}) : null;
      try {
        const result = await this.write(scope, id, async () => (await this.backendNow()).transitionOrganization(checkedScope(scope), id, checkLifecycleAction(action), {ifMatch: etag, signal}));
        await this.applyWritten([summarize(result.value)], []);
        return result;
      } catch (e) {
        await undo?.();
        throw e;
      }
    });
  }

  /** The status a move leads to from the organization's loaded row; `null` when it is not loaded or the move is not allowed. */
  private statusAfter(id: Id, action: LifecycleAction): OrgStatus | null {
    for (const load of this.datasets.values()) {
      const i = load.value?.index.byId.get(id);
      if (load.value && i !== undefined) return lifecycleTarget(load.value.rows[i].status, action);
    }
    return null;
  }

  async lifecycleImpact(scope: Scope, id: Id, action: LifecycleAction, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).lifecycleImpact(checkedScope(scope), id, checkLifecycleAction(action), {signal}));
  }

  async listAuditLog(scope: Scope, query: Omit<AuditQuery, 'signal'>, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listAuditLog(checkedScope(scope), {...query, signal}));
  }

  async addContact(scope: Scope, id: Id, input: ContactInput, etag: string, requestId: string) {
    return this.writeDetails(scope, id, requestId, (backend, signal) => backend.addContact(checkedScope(scope), id, input, {ifMatch: etag, signal}));
  }

  async updateContact(scope: Scope, id: Id, contactId: Id, input: ContactInput, etag: string, requestId: string) {
    return this.writeDetails(scope, id, requestId, (backend, signal) => backend.updateContact(checkedScope(scope), id, contactId, input, {ifMatch: etag, signal}));
  }

  async deleteContact(scope: Scope, id: Id, contactId: Id, etag: string, requestId: string) {
    return this.writeDetails(scope, id, requestId, (backend, signal) => backend.deleteContact(checkedScope(scope), id, contactId, {ifMatch: etag, signal}));
  }

  async changePeople(scope: Scope, id: Id, change: PeopleChange, etag: string, requestId: string) {
    return this.writeDetails(scope, id, requestId, (backend, signal) => backend.changePeople(checkedScope(scope), id, change, {ifMatch: etag, signal}));
  }

  async startOnboardingTask(scope: Scope, id: Id, taskId: Id, etag: string, requestId: string) {
    return this.writeDetails(scope, id, requestId, (backend, signal) => backend.startOnboardingTask(checkedScope(scope), id, taskId, {ifMatch: etag, signal}));
  }

  /**
   * A write to an organization's details (contacts, people, onboarding), like a change: its words
   * when refused (`write`), and when it lands the record's new summary (reader count, onboarding
   * progress…) is in every loaded dataset of its scopes.
   */
  private async writeDetails(scope: Scope, id: Id, requestId: string, run: (backend: Backend, signal: AbortSignal) => Promise<Versioned<Organization>>) {
    return this.tracked(requestId, async (signal) => {
      const result = await this.write(scope, id, async () => run(await this.backendNow(), signal));
      await this.applyWritten([summarize(result.value)], []);
      return result;
    });
  }

  async listContracts(scope: Scope, query: Omit<ContractQuery, 'signal'>, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listContracts(checkedScope(scope), {...query, signal}));
  }

  async listCommerce(scope: Scope, id: Id, kind: CommerceKind, query: Omit<CommerceQuery, 'signal'>, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listCommerce(checkedScope(scope), id, kind, {...query, signal}));
  }

  async tenantConsoleLink(scope: Scope, id: Id, requestId: string) {
    // Checked here whatever the backend: only an absolute http(s) link ever reaches a page.
    return this.tracked(requestId, async (signal) => checkConsoleLink(await (await this.backendNow()).tenantConsoleLink(checkedScope(scope), id, {signal}), 'The console link'));
  }

  async listAccounts(scope: Scope, options: Omit<ListOptions, 'signal'>, requestId: string) {
    return this.tracked(requestId, async (signal) => (await this.backendNow()).listAccounts(checkedScope(scope), {...options, signal}));
  }

  async assignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, requestId: string) {
    return this.writeAccount(requestId, scope, {kind: 'assign', orgId}, (backend, signal) => backend.assignAccount(checkedScope(scope), accountId, orgId, {ifMatch: etag, signal}));
  }

  async unassignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, requestId: string) {
    return this.writeAccount(requestId, scope, {kind: 'unassign', orgId}, (backend, signal) => backend.unassignAccount(checkedScope(scope), accountId, orgId, {ifMatch: etag, signal}));
  }

  async updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, etag: string, requestId: string) {
    return this.writeAccount(requestId, scope, {kind: 'update'}, (backend, signal) => backend.updateAccount(checkedScope(scope), accountId, patch, {ifMatch: etag, signal}));
  }

  /**
   * An account write, refused in the write path's words. When it resolves, the account is in every
   * loaded accounts dataset of the scopes that hold it, and the organizations it changed (their
   * linked account counts) in every loaded organizations dataset.
   */
  private async writeAccount(requestId: string, scope: Scope, what: AccountWrite, run: (backend: Backend, signal: AbortSignal) => Promise<AccountChange>) {
    return this.tracked(requestId, async (signal) => {
      // Not an organization's write: no record to show on a version conflict, nothing created.
      const change = await this.write(checkedScope(scope), null, async () => run(await this.backendNow(), signal), false);
      await Promise.all([this.accounts.applyChange(scope, change, what), change.organizations.length ? this.applyWritten(change.organizations, []) : undefined]);
      return change;
    });
  }

  async openAccountsView(scope: Scope, query: AccountQuery, requestId: string): Promise<AccountViewState> {
    return this.tracked(requestId, (signal) => {
      this.ready();
      return this.accounts.open(checkedScope(scope), query, signal);
    });
  }

  async updateAccountsView(viewId: string, query: AccountQuery, requestId: string): Promise<AccountViewState> {
    return this.tracked(requestId, (signal) => {
      this.ready();
      return this.accounts.update(viewId, query, signal);
    });
  }

  async accountsWindow(viewId: string, start: number, count: number): Promise<AccountWindow> {
    this.ready();
    return this.accounts.window(viewId, start, count);
  }

  async closeAccountsView(viewId: string): Promise<void> {
    this.accounts.close(viewId);
  }

  /** An organization's ancestors from any loaded organizations dataset (the accounts of another scope ask who it sees). */
  private orgAncestors(id: Id): readonly Id[] | null {
    for (const load of this.datasets.values()) {
      const i = load.value?.index.byId.get(id);
      if (load.value && i !== undefined) return load.value.rows[i].ancestorIds;
    }
    return null;
  }

  async deleteOrganization(scope: Scope, id: Id, etag: string, requestId: string): Promise<void> {
    return this.tracked(requestId, async (signal) => {
      await this.write(scope, id, async () => (await this.backendNow()).deleteOrganization(scope, id, {ifMatch: etag, signal}));
      await this.applyWritten([], [id]);
    });
  }

  /**
   * Runs one write against the backend; what it refused comes back in words a user can act on. A
   * version conflict carries the record as the server holds it now (to show a merge); a write the
   * backend could not be reached for says it was not saved. A failed write changes nothing here.
   */
  private async write<T>(scope: Scope, id: Id | null, run: () => Promise<T>, create = id === null): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof TenantryError)) throw e;
      if (e.code === 'version-conflict' && id !== null) {
        const current = await (await this.backendNow()).getOrganization(scope, id).catch(() => null);
        const reason: Reason = {id: 'write.changed', params: {}};
        throw new TenantryError('version-conflict', 'Someone else changed this organization since you opened it. Their version is shown; keep yours or theirs.', current ? {...e.details, current, reason} : {...e.details, reason});
      }
      // Unreachable before it was sent, or its answer lost after the server acted: nothing here
      // tells which, so nothing claims the server did not change. A create is safe to send again
      // (same idempotency key); a change sent again after a lost answer meets its own new version.
      if (e.retryable) {
        const again = create ? 'Try again when you are online: sending it again cannot create it twice.' : 'Try again when you are online.';
        // What the server or browser said of the failure is not what the user needs to know here.
        const {detail: _, ...details} = e.details;
        throw new TenantryError(e.code, `Not saved: the server could not be reached, or its answer did not arrive. ${again}`, {...details, reason: {id: create ? 'write.not-saved-create' : 'write.not-saved', params: {}}});
      }
      throw e;
    }
  }

  /**
   * A write succeeded: its record goes into every loaded dataset it belongs to (a scope holds its
   * own organization and everything below it) and leaves those it no longer belongs to, with their
   * cache partitions; views repaint with it. Other tabs of this user hear of it and sync.
   */
  private async applyWritten(changed: readonly OrganizationSummary[], removedIds: readonly Id[], announce = true): Promise<void> {
    const jobs: Promise<unknown>[] = [];
    for (const load of this.datasets.values()) {
      const apply = (ds: Dataset): Promise<unknown> => this.exclusive(ds, (signal) => this.applyRelevant(ds, changed, removedIds, signal));
      // A dataset still loading gets the record when it is in (without holding up the answer).
      if (load.value) jobs.push(apply(load.value));
      else load.promise.then(apply).catch(() => undefined);
    }
    await Promise.allSettled(jobs);
    if (announce) this.writes?.postMessage({type: 'written'});
    // Every loaded dataset holds the change now: an element showing one of them reads it again.
    const ids = [...new Set([...changed.map((c) => c.id), ...removedIds])];
    if (ids.length) this.emit({type: 'organizations-written', ids});
  }

  private applyRelevant(ds: Dataset, changed: readonly OrganizationSummary[], removedIds: readonly Id[], signal: AbortSignal): Promise<SyncResult> {
    const tenant = ds.scope.tenantId;
    const has = ds.index.byId;
    const upserts = changed.filter((c) => c.id === tenant || c.ancestorIds.includes(tenant));
    const removed = new Set<Id>(removedIds.filter((id) => has.has(id)));
    // A record moved out of this scope leaves it.
    for (const c of changed) if (has.has(c.id) && !upserts.includes(c)) removed.add(c.id);
    if (!upserts.length && !removed.size) return Promise.resolve({changed: 0, removed: 0, asOf: ds.asOf});
    // The dataset keeps its `asOf`: the next delta sync still asks for everything since then.
    return this.applyChanges(ds, upserts, removed, ds.asOf ?? '', null, signal);
  }

  /**
   * Shows a change at once (`optimistic`): the summary fields the patch names, in every loaded
   * dataset holding the organization. Returns the undo, run when the backend refuses.
   */
  private async applyOptimistic(id: Id, patch: OrganizationPatch): Promise<() => Promise<void>> {
    const before: OrganizationSummary[] = [];
    const jobs: Promise<unknown>[] = [];
    for (const load of this.datasets.values()) {
      const ds = load.value;
      // Rows and index change together: the index's id map gives the row without a scan of 100,000.
      const at = ds?.index.byId.get(id);
      const row = at === undefined ? undefined : ds?.rows[at];
      if (!ds || !row) continue;
      before.push(row);
      const next = {...row} as Record<string, unknown>;
      for (const [k, v] of Object.entries(patch)) if (k in row && v !== undefined) next[k] = v;
      jobs.push(this.exclusive(ds, (signal) => this.applyChanges(ds, [next as unknown as OrganizationSummary], new Set(), ds.asOf ?? '', null, signal)));
    }
    await Promise.allSettled(jobs);
    return async () => {
      // Nothing reached the server: other tabs have nothing to learn of.
      if (before.length) await this.applyWritten([before[0]], [], false);
    };
  }

  /** Runs `work` on a dataset once any sync or write on it is done; syncs asked for meanwhile wait for it. */
  private exclusive(ds: Dataset, work: (signal: AbortSignal) => Promise<SyncResult>): Promise<SyncResult> {
    const prior = ds.queued ?? ds.sync;
    const run = (prior ? prior.catch(() => undefined) : Promise.resolve()).then(() => work(new AbortController().signal));
    const tracked = run.finally(() => {
      if (ds.sync === tracked) ds.sync = null;
    });
    ds.sync = tracked;
    this.track(tracked).catch(() => undefined);
    return tracked;
  }

  /**
   * Writes a view's rows in its order (`rows: 'view'`; in tree layout without the linked-account
   * rows) or every row of its scope in the default order (`rows: 'all'`) to a CSV or XLSX file,
   * here in the worker. It reads the dataset version current at the start, so a sync meanwhile
   * cannot mix two versions in one file. The file's bytes reach the caller in a Blob, by reference.
   */
  async exportView(viewId: string, request: ExportRequest, onProgress: (progress: ExportProgress) => void, requestId: string): Promise<ExportedFile> {
    try {
      const file = await this.tracked(requestId, async (signal) => {
        const view = this.view(viewId);
        const ds = await this.datasetOf(view);
        throwIfAborted(signal, 'The export');
        const index = ds.index;
        let source: ExportSource;
        if (request.rows === 'all') {
          const all: QueryResult = {indices: index.order([{key: 'name', dir: 'asc'}]), tree: null};
          source = {count: all.indices.length, row: (k) => index.row(all, k)};
        } else {
          // The view's own result unless the dataset changed under it (as `window` would re-run it).
          const result = !view.provisional && view.version === ds.version ? view.result : index.run(view.query, signal);
          const account = result.tree?.account;
          if (account) {
            const picks: number[] = [];
            for (let j = 0; j < account.length; j++) if (account[j] < 0) picks.push(j);
            source = {count: picks.length, row: (k) => index.row(result, picks[k])};
          } else {
            source = {count: result.indices.length, row: (k) => index.row(result, k)};
          }
        }
        // The user is waiting for the file: background preparation of the index pauses (it would
        // share every slice with the export) and resumes where it stopped once the file is written.
        const paused = ds.warming !== null && !ds.warming.signal.aborted;
        ds.warming?.abort();
        try {
          // The writers (CSV, XLSX, zip) are a chunk of their own: only an export loads them.
          const {writeExport} = await import('./export/export-rows.js');
          return await writeExport(source, request, signal, onProgress);
        } finally {
          if (paused && ds.index === index) this.warmUp(ds);
        }
      });
      return {fileName: file.fileName, mimeType: file.mimeType, rows: file.rows, blob: new Blob([file.data], {type: file.mimeType})};
    } finally {
      // Across comlink `onProgress` holds a port open on the page; give it back once done.
      const release = (onProgress as {[releaseProxy]?: unknown})[releaseProxy];
      if (typeof release === 'function') Promise.resolve(release.call(onProgress)).catch(() => undefined);
    }
  }

  /**
   * Why loading a scope's rows failed, in words for the user: a refused scope drops what is saved of
   * it; saved data past its maximum age is named, with its date, instead of a bare network error.
   */
  private loadFailure(e: unknown, key: PartitionKey, staleSince: number | null): unknown {
    if (!(e instanceof TenantryError)) return e;
    if (e.code === 'forbidden' || e.code === 'not-found') {
      this.track(this.ready().cache.dropPartition(key)).catch(() => undefined);
      return new TenantryError(e.code, 'You have no access to this tenant (or it no longer exists). Nothing of it is kept on this device.', {status: e.details.status, reason: {id: 'scope.no-access', params: {}}});
    }
    if (e.retryable && staleSince !== null) {
      const when = new Date(staleSince).toISOString().slice(0, 10);
      const {detail: _, ...details} = e.details;
      return new TenantryError(e.code, `The server cannot be reached, and the data saved on this device (from ${when}) is too old to show.`, {...details, reason: {id: 'offline.too-old', params: {savedAt: new Date(staleSince).toISOString()}}});
    }
    return e;
  }

  /** Another tab of this user and backend wrote: every loaded dataset catches up with a delta sync. */
  private listenForWrites(origin: string, userId: string): void {
    if (typeof BroadcastChannel !== 'function') return;
    this.writes?.close();
    // The name says which user and backend without spelling either out.
    this.writes = new BroadcastChannel(`tenantry-writes-${fnv1a(`${origin}\n${userId}`)}`);
    this.writes.onmessage = (e: MessageEvent) => {
      if ((e.data as {type?: unknown} | null)?.type !== 'written') return;
      for (const load of this.datasets.values()) if (load.value) this.syncLater(load.value);
      this.accounts.syncAll();
    };
  }

  /** The backend refused the session: nothing more is shown or asked until the user signs in again. */
  private endSession(message = 'You are signed out. Sign in again to see your organizations.', reason: Reason = {id: 'session.signed-out', params: {}}): void {
    if (this.signedOut) return;
    this.signedOut = new TenantryError('unauthenticated', message, {reason});
    for (const c of this.requests.values()) c.abort();
    this.requests.clear();
    this.views.clear();
    this.datasets.clear();
    this.accounts.clear();
    this.writes?.close();
    this.writes = null;
    clearTimeout(this.confirmTimer);
    this.stopSyncs();
    this.emit({type: 'signed-out', message: this.signedOut.message, reason});
  }

  /** The backend refused a scope (403/404): its rows leave memory and the device. */
  private dropScope(ds: Dataset): void {
    this.forget(ds);
    // Saved first rows of that scope are not served any more either.
    const partition = partitionId(ds.key);
    for (const view of this.views.values()) if (view.partition === partition) view.provisional = null;
    this.track(this.ready().cache.dropPartition(ds.key)).catch(() => undefined);
    // Nothing of a refused scope stays: its accounts go too.
    this.accounts.drop(ds.key);
  }

  /** Takes a dataset out of memory: the next request for its scope loads it again. */
  private forget(ds: Dataset): void {
    ds.warming?.abort();
    const id = partitionId(ds.key);
    if (this.datasets.get(id)) this.datasets.delete(id);
  }

  /**
   * `userId`: the user the host vouched for, whose data goes even when this worker never
   * connected (backend out of reach, or it named someone else). With neither a session nor a
   * vouched user, nothing of anyone was loaded here, and nothing is removed.
   */
  async signOut(userId?: string): Promise<void> {
    // Also after the backend refused the session (401): the user's data still leaves the device.
    const {session, origin} = this;
    const who = session?.user.id ?? userId;
    if (!who) return;
    if (!origin) throw misuse('config', 'The data worker was given no backend to sign out of.');
    const cache = this.cache ?? (await openDatasetCache({name: this.cacheName}));
    for (const c of this.requests.values()) c.abort();
    this.requests.clear();
    this.views.clear();
    this.datasets.clear();
    this.accounts.clear();
    this.session = null;
    this.writes?.close();
    this.writes = null;
    clearTimeout(this.confirmTimer);
    this.stopSyncs();
    // Rejects when data may remain on disk (e.g. another tab blocks the delete): the caller must say so.
    await cache.purgeUser(origin, who);
  }
}

const MAX_PREF_CHARS = 256 * 1024;


/** A scope as a page sent it: checked before it names a partition. */
function checkedScope(scope: Scope): Scope {
  if (typeof scope !== 'object' || scope === null || typeof scope.tenantId !== 'string' || !scope.tenantId || scope.tenantId.length > 128) {
    throw misuse('invalid-request', 'The tenant scope is invalid.');
  }
  return scope;
}

/** Widget preferences live beside the plane's own entries (`snapshot`, `last-session`) under a prefix, so no name can overwrite those. */
function uiPrefName(name: string): string {
  if (!/^[a-z0-9][a-z0-9.:-]{0,63}$/.test(name)) throw misuse('invalid-request', `"${name.slice(0, 80)}" is not a valid preference name (lower-case letters, digits, ".", ":" and "-").`);
  return uiPrefStoredName(name);
}

/** A short, stable hash (FNV-1a, 32 bits) of a string, as 8 hex digits. Not for secrets. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
