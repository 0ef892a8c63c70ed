/**
 * The main thread's handle on the data plane. Widgets never talk to a backend or IndexedDB
 * themselves: they hold a `DataClient` (provided through `@lit/context`, see `context.ts`) and ask
 * it for views and windows of rows.
 *
 * - One worker per backend configuration and signed-in user (`user`), shared by every widget on
 *   the page — also by widgets from separately loaded bundles, through a registry on `globalThis`.
 * - Every call takes an optional `AbortSignal`. An `AbortSignal` cannot cross to a worker, so the
 *   call gets a request id and aborting sends `cancel(id)`; the promise rejects at once.
 */
import {proxy, releaseProxy, wrap, type Remote} from 'comlink';
import type {AuditQuery, BackendConfig, CommerceQuery, ContractQuery, DuplicateQuery, ListOptions, Scope, TokenProvider} from '../shared/contract/backend.js';
import {TenantryError, abortError, isAbort, misuse} from '../shared/contract/errors.js';
import type {AccountChange, AccountPage, AccountPatch, AuditPage, CommerceKind, CommercePage, ConsoleLink, ContactInput, ContractPage, PeopleChange, DomainAvailability, DuplicateCheck, FxRates, Id, LifecycleAction, LifecycleImpact, LinkableAzureTenant, MicrosoftAccount, Organization, OrganizationInput, OrganizationPatch, ReferenceLists, Session, TenantNode, User} from '../shared/model/types.js';
import type {OrgQuery} from '../shared/query.js';
import type {AccountQuery} from '../shared/accounts-query.js';
import type {AccountViewState, AccountWindow} from '../shared/protocol.js';
import type {CacheNotice, ConnectResult, DataEvent, DataWorkerApi, RowWindow, SyncResult, ResultState} from '../shared/protocol.js';
import type {ExportProgress, ExportRequest, ExportedFile} from '../shared/protocol.js';
import type {TenantHit, TenantSearch, TenantSearchResult} from '../shared/tenancy.js';
import {originOf} from '../shared/contract/origins.js';
import {DEFAULT_CACHE_NAME, LAST_SESSION_PREF, SNAPSHOT_PREF, savedSessionOf, sessionKey, snapshotState, uiPrefStoredName, usableSnapshot} from '../shared/saved-state.js';
import {DEFAULT_OFFLINE_MAX_AGE_MS} from '../shared/protocol.js';
import {SavedStateReader, type SavedPrefs} from './saved-state-reader.js';
import {afterNextPaint} from './platform/idle.js';
import {loadMessages} from './messages.js';
import '../shared/transfer.js';
import {startDataPlane, type DataPlacement, type DataPlaneEndpoint} from './platform/data-worker-start.js';

export interface DataClientOptions {
  config: BackendConfig;
  /** Supplies bearer tokens for an HTTP backend; it stays on the main thread. */
  tokenProvider?: TokenProvider;
  /** IndexedDB database of the cache (tests and the bench isolate themselves with it). */
  cacheName?: string;
  /**
   * Makes the worker; the default starts `data-worker.ts` next to this package where the page
   * allows it, else runs the data plane on the main thread (`platform/data-worker-start.ts`).
   */
  createWorker?: () => DataPlaneEndpoint;
  /**
   * Who the host has signed in: its id for the user, as the backend's session names them. The
   * client, its worker and its cache then belong to that user alone: a session of anyone else is
   * refused, and saved data is shown while the backend cannot be reached only for this user. Give
   * it whenever the host knows it; without it nothing is shown offline.
   */
  user?: string;
  /** Saved data older than this is not shown while the backend cannot be reached. Default one week. */
  offlineMaxAgeMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Emitted on `DataClient.events` for every worker event. */
export class DataEventMessage extends Event {
  constructor(readonly data: DataEvent) {
    super('data-event');
  }
}

const defaultWorker = (after?: Promise<unknown>): DataPlaneEndpoint => startDataPlane('tenantry-data', after);
/**
 * The most a found snapshot holds the worker back (its rows are painted by then, or the page is
 * hidden and paints nothing).
 */
const SAVED_PAINT_WAIT_MS = 100;

let requestSeq = 0;
const requestId = (): string => `r${++requestSeq}-${Math.random().toString(36).slice(2, 8)}`;

export class DataClient {
  /** Worker events (`data-event`), for widgets to refresh views or show notices. */
  readonly events = new EventTarget();
  /**
   * What the cache told the user so far (e.g. it keeps data in memory only, and why), one per
   * reason: a widget that connects later shows them too.
   */
  readonly notices: CacheNotice[] = [];
  /** Resolves with the signed-in session once the worker is connected. */
  readonly connected: Promise<ConnectResult>;
  private readonly worker: DataPlaneEndpoint;
  private readonly api: Remote<DataWorkerApi>;
  private disposed = false;
  private signedOut: TenantryError | null = null;
  /** The worker has connected (or failed to): from then on it answers for saved data. */
  private workerAnswered = false;
  /** The page's read of the last visit, once it is in (`savedViewNow`); dropped once the worker answers. */
  private savedNow: {session: Session | null; home: SavedPrefs | null} | null = null;
  /**
   * What the worker saved for `user` on an earlier visit, read on the main thread while the worker
   * starts (see `savedView`); `null` without a vouched-for user or a known backend origin.
   */
  private readonly saved: {reader: SavedStateReader; origin: string; user: string; session: Promise<Session | null>; home: Promise<SavedPrefs | null>} | null;

  constructor(readonly options: DataClientOptions) {
    this.saved = this.readSaved(options);
    // On a warm start the worker starts once the saved first rows were read and painted: starting
    // it (its script, its cache) shares two cores with that paint and held it back by ~50 ms. With
    // nothing saved it starts at once.
    const savedPainted = this.saved?.home.then((home) => (home?.has(SNAPSHOT_PREF) ? afterNextPaint(SAVED_PAINT_WAIT_MS) : undefined));
    this.worker = options.createWorker ? options.createWorker() : defaultWorker(savedPainted);
    this.api = wrap<DataWorkerApi>(this.worker);
    const token = options.tokenProvider ? proxy(options.tokenProvider) : null;
    this.connected = this.api.connect(options.config, token, {cacheName: options.cacheName, userId: options.user, offlineMaxAgeMs: options.offlineMaxAgeMs});
    // Subscribing does not wait for connect: events of the first load must not be missed.
    void this.api.subscribe(
      proxy((event: DataEvent) => {
        // Once the backend refused the session this client is done: calls fail, `shared()` makes a new one.
        if (event.type === 'signed-out') this.signedOut = new TenantryError('unauthenticated', event.message, event.reason ? {reason: event.reason} : {});
        if (event.type === 'notice' && !this.notices.some((n) => n.reason === event.notice.reason)) this.notices.push(event.notice);
        // Widgets word these when they render: the words start loading now (they render again once there).
        if (event.type === 'signed-out' || event.type === 'sync-failed' || event.type === 'notice') void loadMessages();
        this.events.dispatchEvent(new DataEventMessage(event));
      }),
    );
    // Once the worker answers, it is the one to ask (`savedView` is for the time before).
    const workerAnswered = (): void => {
      this.workerAnswered = true;
      this.savedNow = null;
      this.saved?.reader.close();
    };
    this.connected.then(workerAnswered, () => {
      workerAnswered();
      void loadMessages();
    });
  }

  /** Starts reading the saved session of the user the host vouches for (the worker makes the same check). */
  private readSaved(options: DataClientOptions): DataClient['saved'] {
    const user = options.user;
    if (!user) return null;
    let origin: string;
    try {
      origin = originOf(options.config);
    } catch {
      return null; // A configuration the worker refuses: it says why.
    }
    const reader = new SavedStateReader(options.cacheName ?? DEFAULT_CACHE_NAME);
    // Most pages open on the user's own tenant: what was saved for it (first rows, the switcher's
    // tenants, display preferences) is read with the session, while the widgets load.
    const both = reader.readThen({key: sessionKey(origin, user), pref: LAST_SESSION_PREF}, (raw) => {
      const s = savedSessionOf(raw, user);
      return s ? {origin, userId: user, tenantId: s.homeTenantId} : null;
    });
    const session = both.then(([raw]) => savedSessionOf(raw, user));
    const home = both.then(([raw, prefs]) => {
      if (!this.workerAnswered && !this.disposed) this.savedNow = {session: savedSessionOf(raw, user), home: prefs};
      return prefs;
    });
    return {reader, origin, user, session, home};
  }

  /**
   * The client for a configuration and user, shared page-wide: widgets (even from different
   * bundles) that ask for the same backend and user get the same worker and cache. Another user
   * (`user`) gets another client; a client that was signed out or disposed is replaced.
   */
  static shared(options: DataClientOptions): DataClient {
    const registry = sharedRegistry();
    const key = JSON.stringify([options.config, options.cacheName ?? null, options.user ?? null, options.offlineMaxAgeMs ?? null]);
    let client = registry.get(key);
    if (!client || client.disposed || client.signedOut) {
      client?.dispose();
      client = new DataClient(options);
      registry.set(key, client);
    }
    return client;
  }

  /**
   * Where the data plane runs once it listens: a worker from the bundle's origin, a `blob:` worker
   * (bundle on another origin), or the main thread (the page allowed no worker); `null` when
   * `createWorker` made it.
   */
  get placement(): Promise<DataPlacement | null> {
    const placement = (this.worker as Partial<{placement: Promise<DataPlacement>}>).placement;
    return placement ?? Promise.resolve(null);
  }

  /**
   * The signed-in session: the one saved for the user the host vouches for (`user`), as the worker
   * restores it too, else the worker's once it has connected.
   */
  get session(): Promise<Session> {
    const fromWorker = (): Promise<Session> => this.connected.then((c) => c.session);
    if (!this.saved) return fromWorker();
    return this.saved.session.then((saved) => {
      if (this.disposed) throw misuse('config', 'This data client was closed.');
      if (this.signedOut) throw this.signedOut;
      return saved ?? fromWorker();
    });
  }

  /**
   * The saved first rows of `query` in `scope` from the user's last visit, read on the main thread
   * before the worker has started: a state to paint at once (`viewId` empty: it is no view, ask
   * `openView` for one), or `null` when nothing usable was saved (another query, too old, another
   * user), or once the worker has connected (it answers `openView` itself, with the same rows or
   * newer ones).
   */
  async savedView(scope: Scope, query: OrgQuery): Promise<ResultState | null> {
    return this.savedState(scope, query, await this.savedValue(scope, SNAPSHOT_PREF));
  }

  /**
   * `savedView` without waiting, for a widget's render: the saved first rows of `query` in the
   * user's home scope once the page's read of the last visit is in, else `null` (also when the
   * worker has answered).
   */
  savedViewNow(scope: Scope, query: OrgQuery): ResultState | null {
    const read = this.savedNow;
    if (!read?.session || !read.home || scope.tenantId !== read.session.homeTenantId) return null;
    return this.savedState(scope, query, read.home.get(SNAPSHOT_PREF));
  }

  /** A saved snapshot as a state to paint, if it answers `query`, is young enough, and the worker has not answered yet. */
  private savedState(scope: Scope, query: OrgQuery, raw: unknown): ResultState | null {
    const snapshot = usableSnapshot(raw, query, this.options.offlineMaxAgeMs ?? DEFAULT_OFFLINE_MAX_AGE_MS);
    return snapshot && !this.workerAnswered && !this.disposed && !this.signedOut ? snapshotState(snapshot, '', scope.tenantId) : null;
  }

  /**
   * Settles once what was saved for the user's home scope has been read (at once without a saved
   * session): a widget that shows saved rows may hold its first render until then, so that it lays
   * out and paints once, with them, instead of an empty frame first.
   */
  get savedRead(): Promise<void> {
    return this.saved ? this.saved.home.then(() => undefined) : Promise.resolve();
  }

  /** The session saved on the user's last visit, as the page read it; `null` when none was (or no user was vouched for). */
  get savedSession(): Promise<Session | null> {
    return this.saved ? this.saved.session : Promise.resolve(null);
  }

  /**
   * A widget preference of `scope` as saved on the user's last visit, read on the main thread
   * before the worker has started (e.g. the switcher's recent tenants): `undefined` when none was
   * saved, and once the worker has connected (ask `getPref`). Unchecked: the caller checks it.
   */
  async savedPref(scope: Scope, name: string): Promise<unknown> {
    const value = await this.savedValue(scope, uiPrefStoredName(name));
    return this.workerAnswered || this.disposed || this.signedOut ? undefined : value;
  }

  /**
   * A preference of `scope` as the vouched-for user's last visit saved it (stored name): from the
   * read made with the session for the home scope, else read now; `undefined` once the worker answers.
   */
  private async savedValue(scope: Scope, stored: string): Promise<unknown> {
    const saved = this.saved;
    const session = saved ? await saved.session : null;
    if (!saved || !session || this.workerAnswered || this.disposed || this.signedOut) return undefined;
    return scope.tenantId === session.homeTenantId ? (await saved.home)?.get(stored) : saved.reader.read({origin: saved.origin, userId: saved.user, tenantId: scope.tenantId}, stored);
  }

  /** Runs a worker call that the signal can cancel; rejects with `aborted` at once when it fires. */
  private async call<T>(signal: AbortSignal | undefined, run: (id: string) => Promise<T>): Promise<T> {
    try {
      return await this.callNow(signal, run);
    } catch (e) {
      // A widget often words a failure once, when it happens (an announcement, a notice): its
      // words are loaded first (src/page/messages.ts), so it never keeps "Loading…".
      if (!isAbort(e)) await loadMessages();
      throw e;
    }
  }

  private async callNow<T>(signal: AbortSignal | undefined, run: (id: string) => Promise<T>): Promise<T> {
    if (this.disposed) throw misuse('config', 'This data client was closed.');
    if (this.signedOut) throw this.signedOut;
    if (signal?.aborted) throw abortError();
    await this.connected;
    // Aborted while the worker was still connecting: the request is never sent.
    if (signal?.aborted) throw abortError();
    const id = requestId();
    if (!signal) return run(id);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        void this.api.cancel(id);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, {once: true});
      run(id).then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          // A result that arrives after its caller gave up is dropped, never delivered.
          if (signal.aborted) reject(abortError());
          else resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(signal.aborted ? abortError() : e);
        },
      );
    });
  }

  openView(scope: Scope, query: OrgQuery, options: CallOptions = {}): Promise<ResultState> {
    return this.call(options.signal, (id) =>
      this.api.openView(scope, query, id).then((view) => {
        // Opened after its caller gave up: nobody holds its id, so close it here.
        if (options.signal?.aborted) void this.api.closeView(view.viewId).catch(() => undefined);
        return view;
      }),
    );
  }

  updateView(viewId: string, query: OrgQuery, options: CallOptions = {}): Promise<ResultState> {
    return this.call(options.signal, (id) => this.api.updateView(viewId, query, id));
  }

  window(viewId: string, start: number, count: number, options: CallOptions = {}): Promise<RowWindow> {
    return this.call(options.signal, () => this.api.window(viewId, start, count));
  }

  closeView(viewId: string): void {
    if (!this.disposed) void this.api.closeView(viewId).catch(() => undefined);
  }

  /**
   * Opens a view over the scope's linked accounts (the accounts view), held in the worker like the
   * organizations' views: the worker loads the scope's accounts (from the cache at once, then from
   * the backend), runs the query there, and answers with the view's state and its first 100 rows
   * (`firstRows`), so the top paints without another round trip. Aborting `signal` cancels the
   * request in the worker and closes a view opened meanwhile. Close the view with
   * `closeAccountsView` when done. The scope's changes arrive as `accounts-updated` events (then read
   * a window again), a failed background sync as `accounts-sync-failed`.
   */
  openAccountsView(scope: Scope, query: AccountQuery, options: CallOptions = {}): Promise<AccountViewState> {
    return this.call(options.signal, (id) =>
      this.api.openAccountsView(scope, query, id).then((view) => {
        // Opened after its caller gave up: nobody holds its id, so close it here.
        if (options.signal?.aborted) void this.api.closeAccountsView(view.viewId).catch(() => undefined);
        return view;
      }),
    );
  }

  /**
   * Runs another query (search, filters, sort) on an open accounts view: its new state and first
   * rows. A view the worker no longer knows (closed, or the user signed out) is `not-found`: open a
   * new one. An answer that arrives after `signal` fired is dropped.
   */
  updateAccountsView(viewId: string, query: AccountQuery, options: CallOptions = {}): Promise<AccountViewState> {
    return this.call(options.signal, (id) => this.api.updateAccountsView(viewId, query, id));
  }

  /**
   * Rows `start`..`start + count` (at most 500) of an accounts view, in its order, with the total
   * and the dataset `version` they belong to (a window of an older version than the view's last
   * state is stale). After the dataset changed, the view's query runs again first.
   */
  accountsWindow(viewId: string, start: number, count: number, options: CallOptions = {}): Promise<AccountWindow> {
    return this.call(options.signal, () => this.api.accountsWindow(viewId, start, count));
  }

  /** Closes an accounts view (the worker lets go of its result); closing one twice does nothing. */
  closeAccountsView(viewId: string): void {
    if (!this.disposed) void this.api.closeAccountsView(viewId).catch(() => undefined);
  }

  refresh(scope: Scope, options: CallOptions = {}): Promise<SyncResult> {
    return this.call(options.signal, (id) => this.api.refresh(scope, id));
  }

  /** Waits for background cache writes and syncs (tests and the bench). */
  idle(): Promise<void> {
    return this.call(undefined, () => this.api.idle());
  }

  listTenants(scope: Scope, options: CallOptions = {}): Promise<TenantNode[]> {
    return this.call(options.signal, (id) => this.api.listTenants(scope, id));
  }

  /**
   * Type-ahead over the tenants the user can see from `home`, run in the worker. Pass a signal per
   * keystroke and abort the previous one: a superseded answer is then dropped, never delivered.
   */
  searchTenants(home: Scope, search: TenantSearch, options: CallOptions = {}): Promise<TenantSearchResult> {
    return this.call(options.signal, (id) => this.api.searchTenants(home, search, id));
  }

  /** One tenant with its path from `home`; `not-found` (or `forbidden`) when the user may not see it. */
  resolveTenant(home: Scope, tenantId: Id, options: CallOptions = {}): Promise<TenantHit> {
    return this.call(options.signal, (id) => this.api.resolveTenant(home, tenantId, id));
  }

  /**
   * Users of the scope whose name or email contains `search`. With `options.ids`, only those users
   * (at most 100; ids unknown or outside the scope are left out): to name users known by id.
   */
  listUsers(scope: Scope, search = '', limit = 20, options: CallOptions & {ids?: readonly Id[]} = {}): Promise<User[]> {
    const ids = options.ids ? [...options.ids] : undefined;
    return this.call(options.signal, (id) => this.api.listUsers(scope, search, limit, id, ids));
  }

  fxRates(options: CallOptions = {}): Promise<FxRates | null> {
    return this.call(options.signal, (id) => this.api.fxRates(id));
  }

  getOrganization(scope: Scope, orgId: Id, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.getOrganization(scope, orgId, id));
  }

  /** Organizations that may be the one being entered (name, domain or Azure tenant ID): those the user may see, and only a count of the rest. */
  findDuplicates(scope: Scope, query: DuplicateQuery, options: CallOptions = {}): Promise<DuplicateCheck> {
    return this.call(options.signal, (id) => this.api.findDuplicates(scope, query, id));
  }

  /** The customer's existing Microsoft account, found by one of its domains; `null` when there is none. */
  lookupMicrosoftAccount(scope: Scope, domain: string, options: CallOptions = {}): Promise<MicrosoftAccount | null> {
    return this.call(options.signal, (id) => this.api.lookupMicrosoftAccount(scope, domain, id));
  }

  /** Whether `<prefix>.onmicrosoft.com` can be given to a new Microsoft account (with the reason when not). */
  checkMicrosoftDomain(scope: Scope, prefix: string, options: CallOptions = {}): Promise<DomainAvailability> {
    return this.call(options.signal, (id) => this.api.checkMicrosoftDomain(scope, prefix, id));
  }

  /** Azure directories the partner can link, each with its subscriptions not yet linked to an organization. */
  listLinkableAzureTenants(scope: Scope, options: CallOptions = {}): Promise<LinkableAzureTenant[]> {
    return this.call(options.signal, (id) => this.api.listLinkableAzureTenants(scope, id));
  }

  /** The choices the customer wizard offers (customer types, partner subscriptions, service plans, regions, tenant types); `parentId`: as they apply below that tenant. */
  referenceLists(scope: Scope, options: CallOptions & {parentId?: Id} = {}): Promise<ReferenceLists> {
    return this.call(options.signal, (id) => this.api.referenceLists(scope, options.parentId, id));
  }

  /**
   * Creates an organization. Keep `idempotencyKey` with what the user entered (a draft keeps it
   * across a reload) and pass the same one when retrying: a retried submit never makes a duplicate;
   * a create the server is still working on is waited out and asked again with the same key. When
   * this resolves, the new organization is already in every open view of its scopes, and this
   * user's other tabs are syncing. Offline (or when its answer is lost) it is refused ("Not saved"), nothing queued: send it again
   * with the same key.
   */
  createOrganization(scope: Scope, input: OrganizationInput, idempotencyKey: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.createOrganization(scope, input, idempotencyKey, id));
  }

  /**
   * Changes an organization read with `etag` (sent as `If-Match`). A `version-conflict` error
   * carries the server's current record and ETag in `details.current`, to show a merge. With
   * `optimistic`, open views show the change at once and go back if the server refuses. A write
   * that fails changes nothing.
   */
  updateOrganization(scope: Scope, orgId: Id, patch: OrganizationPatch, etag: string, options: CallOptions & {optimistic?: boolean} = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.updateOrganization(scope, orgId, patch, etag, id, options.optimistic ?? false));
  }

  /**
   * A lifecycle move (suspend, resume, disable, enable, archive) of an organization read with
   * `etag`; the server refuses a move its rules forbid (`conflict`, saying why). With
   * `{optimistic: true}` the status it leads to is shown at once and taken back if refused. When
   * this resolves the organization is in every open view with its new status.
   */
  transitionOrganization(scope: Scope, orgId: Id, action: LifecycleAction, etag: string, options: CallOptions & {optimistic?: boolean} = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.transitionOrganization(scope, orgId, action, etag, id, options.optimistic ?? false));
  }

  /** What a lifecycle move would touch: organizations below, linked accounts, users, scheduled collections (as the user may see them). */
  lifecycleImpact(scope: Scope, orgId: Id, action: LifecycleAction, options: CallOptions = {}): Promise<LifecycleImpact> {
    return this.call(options.signal, (id) => this.api.lifecycleImpact(scope, orgId, action, id));
  }

  /** The scope's audit log, newest first, a page at a time (filter by organization, action or person). */
  listAuditLog(scope: Scope, query: AuditQuery = {}): Promise<AuditPage> {
    const {signal, ...rest} = query;
    return this.call(signal, (id) => this.api.listAuditLog(scope, rest, id));
  }

  /**
   * Adds a contact to an organization read with `etag` (sent as `If-Match`), checked by the
   * wizard's rules for a contact (issues at `email`, `firstName`…); the first contact must be
   * primary. Resolves with the changed organization and its new ETag, already in every open view.
   */
  addContact(scope: Scope, orgId: Id, input: ContactInput, etag: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.addContact(scope, orgId, input, etag, id));
  }

  /** Replaces a contact's fields; giving the last primary contact another role is a `conflict` saying what to do. */
  updateContact(scope: Scope, orgId: Id, contactId: Id, input: ContactInput, etag: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.updateContact(scope, orgId, contactId, input, etag, id));
  }

  /** Removes a contact; removing the last primary contact is a `conflict` ("Make another contact primary before removing …"). */
  deleteContact(scope: Scope, orgId: Id, contactId: Id, etag: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.deleteContact(scope, orgId, contactId, etag, id));
  }

  /**
   * Changes the people of an organization read with `etag`, one role at a time: readers, engineers
   * or tenant admins added and removed, the account manager or the run-as account set or cleared.
   * A user the scope cannot see is refused at its path (`add[0]`, `userId`).
   */
  changePeople(scope: Scope, orgId: Id, change: PeopleChange, etag: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.changePeople(scope, orgId, change, etag, id));
  }

  /** Starts an onboarding task (startable and still to do; otherwise a `conflict` naming it and its state). */
  startOnboardingTask(scope: Scope, orgId: Id, taskId: Id, etag: string, options: CallOptions = {}): Promise<{value: Organization; etag: string}> {
    return this.call(options.signal, (id) => this.api.startOnboardingTask(scope, orgId, taskId, etag, id));
  }

  /** Contracts of the scope (or of one organization, or in one status), by end date, a page at a time, with the total. */
  listContracts(scope: Scope, query: ContractQuery = {}): Promise<ContractPage> {
    const {signal, ...rest} = query;
    return this.call(signal, (id) => this.api.listContracts(scope, rest, id));
  }

  /** A customer's products, orders, invoices or subscriptions, newest first, a page at a time, with the total (an empty page where the backend keeps none). */
  listCommerce<K extends CommerceKind>(scope: Scope, orgId: Id, kind: K, query: CommerceQuery = {}): Promise<CommercePage<K>> {
    const {signal, ...rest} = query;
    return this.call(signal, (id) => this.api.listCommerce(scope, orgId, kind, rest, id)) as Promise<CommercePage<K>>;
  }

  /** The link to the organization's own console (always an absolute http(s) URL), or `null` where it has none. */
  tenantConsoleLink(scope: Scope, orgId: Id, options: CallOptions = {}): Promise<ConsoleLink | null> {
    return this.call(options.signal, (id) => this.api.tenantConsoleLink(scope, orgId, id));
  }

  /**
   * The scope's linked accounts as their own list, a page at a time (`cursor`), or the changes
   * since a previous `asOf` (`updatedSince`): each account once, with the customers the scope sees
   * and the ETag to change it with.
   */
  listAccounts(scope: Scope, options: Omit<ListOptions, 'signal'> & CallOptions = {}): Promise<AccountPage> {
    const {signal, ...rest} = options;
    return this.call(signal, (id) => this.api.listAccounts(scope, rest, id));
  }

  /** Assigns an account read with `etag` to a customer (a dedicated account serves one: otherwise a `conflict`); the customer's row changes in every open view. */
  assignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, options: CallOptions = {}): Promise<AccountChange> {
    return this.call(options.signal, (id) => this.api.assignAccount(scope, accountId, orgId, etag, id));
  }

  /** Takes an account read with `etag` off a customer. */
  unassignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, options: CallOptions = {}): Promise<AccountChange> {
    return this.call(options.signal, (id) => this.api.unassignAccount(scope, accountId, orgId, etag, id));
  }

  /** Renames an account read with `etag` or changes its automation (issues at `name`, `autoCustomer`, `autoAssigned`, `excludeRule`). */
  updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, etag: string, options: CallOptions = {}): Promise<AccountChange> {
    return this.call(options.signal, (id) => this.api.updateAccount(scope, accountId, patch, etag, id));
  }

  /** Deletes an organization read with `etag` (only a suspended one: otherwise a `conflict`); it leaves every open view. */
  deleteOrganization(scope: Scope, orgId: Id, etag: string, options: CallOptions = {}): Promise<void> {
    return this.call(options.signal, (id) => this.api.deleteOrganization(scope, orgId, etag, id));
  }

  /**
   * Writes a view (or its whole scope) to a CSV or XLSX file in the worker; the page receives only
   * the finished bytes (transferred, not copied). Hand the result to `saveFile` to download it.
   * `onProgress` is called every few thousand rows and, before the promise resolves, with
   * `done === total`; never after an abort or after the end.
   */
  async exportView(viewId: string, request: ExportRequest, options: CallOptions & {onProgress?: (progress: ExportProgress) => void} = {}): Promise<ExportedFile> {
    const {signal, onProgress} = options;
    let ended = false;
    let done = -1;
    const progress = proxy((p: ExportProgress): void => {
      if (ended || signal?.aborted) return;
      done = p.done;
      onProgress?.(p);
    });
    try {
      const file = await this.call(signal, (id) => this.api.exportView(viewId, request, progress, id));
      // Progress comes on its own port, which keeps no order with the result: say the end here.
      if (done < file.rows) onProgress?.({done: file.rows, total: file.rows});
      return file;
    } finally {
      ended = true;
    }
  }

  /**
   * A preference of the signed-in user in a scope, kept in the worker's cache (IndexedDB, or
   * memory where that is unavailable): never in page-readable storage, and always per user and
   * tenant scope. Resolves `undefined` when none was stored.
   */
  getPref<T>(scope: Scope, name: string, options: CallOptions = {}): Promise<T | undefined> {
    return this.call(options.signal, () => this.api.getPref(scope, name)) as Promise<T | undefined>;
  }

  /** Stores a preference (JSON, at most 256 KB); `undefined` removes it. */
  setPref(scope: Scope, name: string, value: unknown, options: CallOptions = {}): Promise<void> {
    return this.call(options.signal, () => this.api.setPref(scope, name, value));
  }

  /**
   * Signs the user out of this device: ends the worker's datasets, purges everything of this user
   * from the cache (rows, saved first rows, preferences, saved views, the last session) and closes
   * the client. Call it when the host signs the user out; the next user then gets a new client
   * (`shared()` never hands back a closed one). Rejects (after closing) if data may remain on disk.
   */
  async signOut(): Promise<void> {
    try {
      if (this.disposed) throw misuse('config', 'This data client was closed.');
      // Not through `call`: a client the backend signed out, or one that never connected (backend
      // out of reach), must still purge its user's data: the user the host vouched for.
      this.saved?.reader.close();
      this.savedNow = null;
      await this.connected.catch(() => undefined);
      await this.api.signOut(this.options.user);
    } finally {
      this.dispose();
    }
  }

  /** Stops the worker; pending calls reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.saved?.reader.close();
    this.savedNow = null;
    this.api[releaseProxy]();
    this.worker.terminate();
    const registry = sharedRegistry();
    for (const [k, v] of registry) if (v === this) registry.delete(k);
  }
}

const REGISTRY = Symbol.for('tenantry.data-clients');

function sharedRegistry(): Map<string, DataClient> {
  const g = globalThis as typeof globalThis & {[REGISTRY]?: Map<string, DataClient>};
  return (g[REGISTRY] ??= new Map());
}
