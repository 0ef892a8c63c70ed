/**
 * What crosses the worker boundary. The main thread only ever receives windows of rows, never a
 * whole dataset (a structured clone of 100,000 organizations blocks the page for ~300 ms).
 */
import type {AuditQuery, BackendConfig, CommerceQuery, ContractQuery, DuplicateQuery, ListOptions, Scope, TokenProvider} from './contract/backend.js';
import type {ErrorCode} from './contract/errors.js';
import type {Reason} from './contract/reasons.js';
import type {AccountChange, AccountPage, AccountPatch, AuditPage, CommerceKind, CommercePage, ConsoleLink, ContactInput, ContractPage, PeopleChange, DomainAvailability, DuplicateCheck, FxRates, Id, Instant, LifecycleAction, LifecycleImpact, LinkableAzureTenant, MicrosoftAccount, Organization, OrganizationInput, OrganizationPatch, ReferenceLists, Session, TenantNode, User} from './model/types.js';
import type {OrgQuery, OrgRow} from './query.js';
import type {ColumnKey, CurrencyMode} from './columns.js';
import type {TenantHit, TenantSearch, TenantSearchResult} from './tenancy.js';
import type {AccountQuery, AccountRow} from './accounts-query.js';

/**
 * Something the cache tells the user about (e.g. it now lives in memory only, and why). A page words
 * it by `kind` and `reason` (`src/page/messages.ts`); `message` is the English, for logs.
 */
export interface CacheNotice {
  kind: 'memory-fallback';
  reason: 'unavailable' | 'blocked' | 'quota' | 'version-change' | 'error';
  /** Says, in English, that the cache now lives in memory only, and why. */
  message: string;
}

/**
 * How current a view's data is: `fresh` after a sync with the backend; `cached` while showing
 * the local cache and a sync is under way; `offline` when the sync failed and the cache is shown.
 */
export type Freshness = 'fresh' | 'cached' | 'offline';

export interface RejectedReport {
  /** How many records the backend sent that did not match the contract and were skipped. */
  count: number;
  /** The first few reasons, e.g. `items[3].name: must not be empty`. */
  sample: string[];
}

/** The state of one query's result in the worker (not the user's view of the grid: that is `GridViewState`). */
export interface ResultState {
  viewId: string;
  scopeTenantId: Id;
  /** Rows matching the query. */
  total: number;
  /** Rows in the scope before search and filters. */
  datasetSize: number;
  /** Server time the data is consistent with; `null` before the first load. */
  asOf: Instant | null;
  freshness: Freshness;
  /** Increments whenever the dataset changes; windows carry it so stale ones can be dropped. */
  version: number;
  rejected: RejectedReport;
  /**
   * The view's first rows (up to 100), sent with the state so the widget paints the top of a
   * result without another round trip: a warm start's saved rows (version 0), or the result's own
   * after `openView`/`updateView`. Not sent with events or by `window`.
   */
  firstRows?: OrgRow[];
}

export interface RowWindow {
  viewId: string;
  start: number;
  rows: OrgRow[];
  total: number;
  version: number;
}

/** An accounts view's state, as `ResultState` is an organizations view's (see `accounts-query.ts`). */
export interface AccountViewState {
  viewId: string;
  scopeTenantId: Id;
  /** Accounts matching the query. */
  total: number;
  /** Accounts in the scope before search and filters. */
  datasetSize: number;
  asOf: Instant | null;
  freshness: Freshness;
  /** Increments whenever the dataset changes; windows carry it so stale ones can be dropped. */
  version: number;
  rejected: RejectedReport;
  /** The view's first rows (up to 100), so the top paints without another round trip. */
  firstRows?: AccountRow[];
}

/** Rows of an accounts view by index, as `RowWindow` for organizations. */
export interface AccountWindow {
  viewId: string;
  start: number;
  rows: AccountRow[];
  total: number;
  version: number;
}

export interface SyncResult {
  changed: number;
  removed: number;
  asOf: Instant | null;
}

/** Events a data worker pushes to every subscriber. */
export type DataEvent =
  | {type: 'dataset-updated'; scopeTenantId: Id; version: number; asOf: Instant | null; changed: number; removed: number}
  | {type: 'sync-failed'; scopeTenantId: Id; code: ErrorCode; message: string; reason?: Reason; detail?: string; asOf: Instant | null}
  | {type: 'notice'; notice: CacheNotice}
  /** The backend no longer accepts the session (401): nothing is shown until the user signs in again. */
  | {type: 'signed-out'; message: string; reason?: Reason}
  /**
   * A scope's accounts changed (loaded, synced, written): an open accounts view of that scope
   * repaints (its next window re-runs the query). Never about organizations' datasets.
   */
  | {type: 'accounts-updated'; scopeTenantId: Id; version: number; asOf: Instant | null; freshness: Freshness; changed: number; removed: number}
  /** A background sync of a scope's accounts failed; the rows shown are the cached ones (`offline`). */
  | {type: 'accounts-sync-failed'; scopeTenantId: Id; code: ErrorCode; message: string; reason?: Reason; detail?: string; asOf: Instant | null}
  /**
   * Organizations this client's worker wrote (changed, created, moved or removed), as soon as every
   * loaded dataset holds the change: an element showing one organization without a view (the
   * customer details) reads it again. Other tabs' writes arrive through their syncs instead.
   */
  | {type: 'organizations-written'; ids: Id[]};

/** Saved data older than this is not shown when the backend cannot be reached (one week). */
export const DEFAULT_OFFLINE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface ConnectOptions {
  /** IndexedDB database of the cache; tests and the bench give their own. */
  cacheName?: string;
  /**
   * The user the host says is signed in (its own id for them, as the backend's session names
   * them). A session of another user is refused, and saved data is shown while the backend cannot
   * be reached only for this user; without it, nothing is shown offline.
   */
  userId?: string;
  /** Saved data older than this is not shown while the backend cannot be reached. Default `DEFAULT_OFFLINE_MAX_AGE_MS`. */
  offlineMaxAgeMs?: number;
}

export interface ConnectResult {
  session: Session;
  /**
   * The session is the one saved on this device for the user the host vouches for: the saved rows
   * can show at once, and the backend confirms it in the background (or ends it: `signed-out`).
   */
  restored: boolean;
}

export interface ExportRequest {
  format: 'csv' | 'xlsx';
  /** Columns in order: the grid's visible ones, or every exportable column. */
  columns: ColumnKey[];
  /** `view`: the view's rows in its order (filtered, sorted: what is on screen); `all`: every row of the scope. */
  rows: 'view' | 'all';
  currency: CurrencyMode;
  /** The tenant scope's name, for the file name. */
  scopeName: string;
}

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportFile {
  /** Names the scope and the date, e.g. `organizations-northgate-distribution-2026-11-24.xlsx`. */
  fileName: string;
  mimeType: string;
  data: ArrayBuffer;
  rows: number;
}

/**
 * An export as the page receives it. The bytes are put in a `Blob` in the worker: a Blob crosses
 * to the page by reference, so saving a 20 MB file costs the page no copy (making the Blob there
 * was a 70–170 ms task).
 */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  blob: Blob;
  rows: number;
}

/** The API a data worker exposes through comlink. Calls that take a `requestId` can be cancelled. */
export interface DataWorkerApi {
  connect(config: BackendConfig, tokenProvider: TokenProvider | null, options: ConnectOptions): Promise<ConnectResult>;
  subscribe(listener: (event: DataEvent) => void): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  cancel(requestId: string): Promise<void>;
  openView(scope: Scope, query: OrgQuery, requestId: string): Promise<ResultState>;
  updateView(viewId: string, query: OrgQuery, requestId: string): Promise<ResultState>;
  window(viewId: string, start: number, count: number): Promise<RowWindow>;
  closeView(viewId: string): Promise<void>;
  refresh(scope: Scope, requestId: string): Promise<SyncResult>;
  /** Resolves once background cache writes and syncs have settled (bench and tests). */
  idle(): Promise<void>;
  listTenants(scope: Scope, requestId: string): Promise<TenantNode[]>;
  /**
   * Type-ahead over the tenants of `home`'s dataset (the user's own view of the hierarchy), in the
   * worker: never through `listTenants`, which is too large at 100,000 tenants.
   */
  searchTenants(home: Scope, search: TenantSearch, requestId: string): Promise<TenantSearchResult>;
  /**
   * One tenant with its path from `home`: from `home`'s dataset when it is loaded or loading, else
   * from the backend (no full load). `not-found` when it is not in `home`'s view. Resolved through
   * the backend, `childCount` is 0: counting children would need the whole list.
   */
  resolveTenant(home: Scope, tenantId: Id, requestId: string): Promise<TenantHit>;
  /** Users of the scope matching `search`; with `ids`, only those users (at most 100; unknown ones left out). */
  listUsers(scope: Scope, search: string, limit: number, requestId: string, ids?: readonly Id[]): Promise<User[]>;
  fxRates(requestId: string): Promise<FxRates | null>;
  getOrganization(scope: Scope, id: Id, requestId: string): Promise<{value: Organization; etag: string}>;
  /** Organizations that may be the one being entered: those the user may see, and a count of the rest. */
  findDuplicates(scope: Scope, query: DuplicateQuery, requestId: string): Promise<DuplicateCheck>;
  lookupMicrosoftAccount(scope: Scope, domain: string, requestId: string): Promise<MicrosoftAccount | null>;
  checkMicrosoftDomain(scope: Scope, prefix: string, requestId: string): Promise<DomainAvailability>;
  listLinkableAzureTenants(scope: Scope, requestId: string): Promise<LinkableAzureTenant[]>;
  referenceLists(scope: Scope, parentId: Id | undefined, requestId: string): Promise<ReferenceLists>;
  createOrganization(scope: Scope, input: OrganizationInput, idempotencyKey: string, requestId: string): Promise<{value: Organization; etag: string}>;
  updateOrganization(scope: Scope, id: Id, patch: OrganizationPatch, etag: string, requestId: string, optimistic?: boolean): Promise<{value: Organization; etag: string}>;
  deleteOrganization(scope: Scope, id: Id, etag: string, requestId: string): Promise<void>;
  /** A lifecycle move (suspend, resume, disable, enable, archive) of an organization read with `etag`; `optimistic` shows the status it leads to at once. */
  transitionOrganization(scope: Scope, id: Id, action: LifecycleAction, etag: string, requestId: string, optimistic?: boolean): Promise<{value: Organization; etag: string}>;
  /** What a lifecycle move would touch (counts below the organization, as the user may see them). */
  lifecycleImpact(scope: Scope, id: Id, action: LifecycleAction, requestId: string): Promise<LifecycleImpact>;
  /** The audit log of the scope, newest first, a page at a time. */
  listAuditLog(scope: Scope, query: Omit<AuditQuery, 'signal'>, requestId: string): Promise<AuditPage>;
  /** Adds a contact to an organization read with `etag`. */
  addContact(scope: Scope, orgId: Id, input: ContactInput, etag: string, requestId: string): Promise<{value: Organization; etag: string}>;
  updateContact(scope: Scope, orgId: Id, contactId: Id, input: ContactInput, etag: string, requestId: string): Promise<{value: Organization; etag: string}>;
  deleteContact(scope: Scope, orgId: Id, contactId: Id, etag: string, requestId: string): Promise<{value: Organization; etag: string}>;
  /** Readers, engineers, tenant admins, the account manager or the run-as account of an organization read with `etag`. */
  changePeople(scope: Scope, orgId: Id, change: PeopleChange, etag: string, requestId: string): Promise<{value: Organization; etag: string}>;
  startOnboardingTask(scope: Scope, orgId: Id, taskId: Id, etag: string, requestId: string): Promise<{value: Organization; etag: string}>;
  /** The scope's contracts (or one organization's), a page at a time. */
  listContracts(scope: Scope, query: Omit<ContractQuery, 'signal'>, requestId: string): Promise<ContractPage>;
  /** A customer's products, orders, invoices or subscriptions, a page at a time. */
  listCommerce(scope: Scope, orgId: Id, kind: CommerceKind, query: Omit<CommerceQuery, 'signal'>, requestId: string): Promise<CommercePage>;
  /** The link to the organization's own console (an absolute http(s) URL, checked), or `null`. */
  tenantConsoleLink(scope: Scope, orgId: Id, requestId: string): Promise<ConsoleLink | null>;
  /** The scope's linked accounts, a page at a time (or the changes since `updatedSince`). */
  listAccounts(scope: Scope, options: Omit<ListOptions, 'signal'>, requestId: string): Promise<AccountPage>;
  assignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, requestId: string): Promise<AccountChange>;
  unassignAccount(scope: Scope, accountId: Id, orgId: Id, etag: string, requestId: string): Promise<AccountChange>;
  updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, etag: string, requestId: string): Promise<AccountChange>;
  /**
   * Opens a view over the scope's linked accounts (loaded in the worker from the cache, then the
   * backend): its state with the first rows. Cancellable through `requestId`.
   */
  openAccountsView(scope: Scope, query: AccountQuery, requestId: string): Promise<AccountViewState>;
  updateAccountsView(viewId: string, query: AccountQuery, requestId: string): Promise<AccountViewState>;
  /** Rows `start`..`start + count` (at most 500) of an accounts view, in its order. */
  accountsWindow(viewId: string, start: number, count: number): Promise<AccountWindow>;
  closeAccountsView(viewId: string): Promise<void>;
  /** Writes a view (or its whole scope) to a file, in the worker; progress as it goes; cancellable. */
  exportView(viewId: string, request: ExportRequest, onProgress: (progress: ExportProgress) => void, requestId: string): Promise<ExportedFile>;
  /** Drops this user's cached data (every scope) and their in-memory datasets; `userId` names the vouched user when the worker never connected. */
  signOut(userId?: string): Promise<void>;
  /** A widget preference of the signed-in user in a scope (saved views, columns, pinned tenants). */
  getPref(scope: Scope, name: string): Promise<unknown>;
  /** Stores (or, with `undefined`, removes) a widget preference; JSON values of at most 256 KB. */
  setPref(scope: Scope, name: string, value: unknown): Promise<void>;
}
