/**
 * The embedded backend: the whole REST contract implemented in the data worker, so a new user
 * sees working screens with no server. Same semantics as a real backend: scope and role
 * enforcement, ETags and `If-Match`, idempotent creates, delta sync with tombstones.
 *
 * Data = a deterministic generated base (`seed.ts`, never stored) + an overlay of every change,
 * persisted in IndexedDB, so edits survive a reload and the base costs no storage. Where there is
 * no IndexedDB (the reference server in Node), the caller passes its own {@link OverlayStorage}.
 */
import {openDB, type IDBPDatabase} from 'idb';
import {
  checkDomainPrefix,
  checkDuplicateQuery,
  checkLookupDomain,
  checkParentId,
  checkUserIds,
  MAX_USER_IDS,
  type AuditQuery,
  type Backend,
  type CallOptions,
  type CreateOptions,
  type DuplicateQuery,
  type ListOptions,
  type LocalBackendConfig,
  type PageResult,
  type ReferenceListOptions,
  type Scope,
  type UserQuery,
  type Versioned,
  type WriteOptions,
} from '../../../shared/contract/backend.js';
import {misuse, TenantryError, throwIfAborted} from '../../../shared/contract/errors.js';
import type {Reason} from '../../../shared/contract/reasons.js';
import {afterCursor, auditMatches, changedFields, checkAuditQuery, encodeAuditCursor, newestFirst, type AuditCursor} from '../../../shared/contract/audit.js';
import {checkLifecycleAction, lifecycleMove} from '../../../shared/contract/lifecycle.js';
import {
  checkCommerceKind,
  checkCommerceQuery,
  checkContactInput,
  checkContractQuery,
  checkPeopleChange,
  checkPrimaryContact,
  contactName,
  contactOf,
  contractOrder,
  encodeContractCursor,
  PEOPLE_FIELD,
  peopleSubject,
  startTask,
  type CommerceQuery,
  type ContractQuery,
} from '../../../shared/contract/details.js';
import {compareFolded, completePatch, domainKey, foldName, inputIssues, ONMICROSOFT_SUFFIX, onmicrosoftPrefix, onmicrosoftPrefixProblem, patchIssues} from '../../../shared/contract/server-checks.js';
import {formatIssues, validate, withDefaults, type Issue} from '../../../shared/model/schema.js';
import {AuditEntrySchema, OrganizationInputSchema, OrganizationSchema} from '../../../shared/model/schemas.js';
import {REGION_LABELS, SERVICE_PLAN_LABELS, TENANT_TYPE_LABELS} from '../../../shared/model/labels.js';
import {MAX_ACCOUNT_CUSTOMERS, MAX_DUPLICATE_MATCHES, MAX_IMPACT_TENANTS, SERVICE_PLANS, STORAGE_REGIONS, TENANT_TYPES} from '../../../shared/model/types.js';
import type {
  AccountChange,
  AccountPage,
  AccountPatch,
  AccountSummary,
  LinkedAccount,
  AuditAction,
  AuditEntry,
  AuditPage,
  CommerceKind,
  CommercePage,
  ConsoleLink,
  Contact,
  ContactInput,
  Contract,
  ContractPage,
  PeopleChange,
  DomainAvailability,
  DuplicateCheck,
  DuplicateField,
  KindCounts,
  LifecycleAction,
  LifecycleImpact,
  DuplicateMatch,
  FxRates,
  Id,
  LinkableAzureTenant,
  MicrosoftAccount,
  Organization,
  OrganizationInput,
  OrganizationPatch,
  OrganizationSummary,
  ReferenceLists,
  Role,
  Session,
  TenantImpact,
  TenantKind,
  TenantNode,
  TenantRef,
  Tombstone,
  User,
  UserRef,
} from '../../../shared/model/types.js';
import {
  CUSTOMER_TYPES,
  DEMO_FX,
  DEMO_MICROSOFT_ACCOUNTS,
  detailFor,
  generateSeed,
  linkableTenantsOf,
  partnerOf,
  partnerSubscriptionsOf,
  partnerSubscriptionValues,
  RESERVED_ONMICROSOFT_PREFIXES,
  SEED_EPOCH,
  staffByTenant,
  linkedAccountsFor,
  prng,
} from './seed.js';
import {DEMO_USERS} from '../../../shared/demo-tenant.js';
import {localOrigin} from '../../../shared/contract/origins.js';
import {summarize, withDerived} from '../../../shared/model/derive.js';
import {commerceRecords, contractOf} from './commerce.js';
import {accountPageSize, checkAccountPatch} from '../../../shared/contract/accounts.js';

const DEFAULT_PAGE = 5000;
const MAX_PAGE = 10_000;

export interface OverlayRecord {
  id: Id;
  /** The current full record; absent for a deletion. */
  org?: Organization;
  deleted?: {deletedAt: string; ancestorIds: Id[]};
}

/** An audit entry as the store keeps it: with the organization's ancestors, so it is scoped like the organization. */
export interface StoredAudit extends AuditEntry {
  ancestorIds: Id[];
}

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  id: Id;
}

/** What one write adds to the overlay: records by id, idempotency records by key, audit entries by id (each replaces one with the same key). */
export interface OverlayBatch {
  records: OverlayRecord[];
  idempotency: IdempotencyRecord[];
  audit: StoredAudit[];
}

/**
 * Where a store keeps its overlay, when not in IndexedDB: the reference server's files. `load`
 * gives back everything written (one entry per key, the last written); `write` resolves once the
 * batch is durable, and a rejection fails the write it belongs to (unlike IndexedDB in a browser,
 * whose failures leave a demo working in memory).
 */
export interface OverlayStorage {
  load(): Promise<OverlayBatch>;
  write(batch: OverlayBatch): Promise<void>;
}

/** The role a tenant's own admin has; a switched-in admin acts with the scope tenant's role. */
export function roleOfKind(kind: TenantKind): Role {
  return kind === 'distributor' ? 'distributor-admin' : kind === 'reseller' ? 'reseller-admin' : 'customer-admin';
}

/** Fields a customer admin may change on its own organization (billing less the partner's subscription). */
const CUSTOMER_ADMIN_WRITABLE = new Set<string>(['contacts', 'customLinks', 'notifications', 'companyAddress', 'billing', 'description']);

/** The id of the user account created for an organization's `adminUser`. */
const adminUserId = (orgId: Id): Id => `u-${orgId}-admin`;

/** One generated tenant plus its persisted changes; shared by every user's backend instance. */
class EmbeddedStore {
  /** Append-only; a deleted organization's slot becomes `null` so cursors stay valid. */
  private readonly orgs: (OrganizationSummary | null)[];
  private readonly index = new Map<Id, number>();
  /**
   * Changed records with the time this store learned of them (`seenAt`). Delta sync goes by
   * `seenAt`, not `updatedAt`: a change made by another tab's store arrives after its own clock
   * said it happened, and must still reach clients that synced in between.
   */
  private readonly changed = new Map<Id, {org: Organization; seenAt: string}>();
  private readonly tombstones: (Tombstone & {ancestorIds: Id[]; seenAt: string})[] = [];
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Creates this store is working on now, by key, settled when each is done (memory only: a create in progress ends with its process). */
  readonly pendingKeys = new Map<string, Promise<void>>();
  /** Every write's audit entry, oldest first (by `at`, then id); persisted with the overlay. */
  private readonly audit: StoredAudit[] = [];
  private readonly auditIds = new Set<Id>();
  /**
   * Accounts whose last customer was unassigned: still listed (with none), visible from the scopes
   * that saw that customer. Memory only: after a reload such an account is no longer listed.
   */
  readonly detachedAccounts = new Map<Id, {account: LinkedAccount; ancestorIds: Id[]; at: string}>();
  readonly users: User[];
  readonly usersById = new Map<Id, User>();
  private readonly staff: Map<Id, User[]>;
  /** Highest server time handed out, so every later change is strictly newer than any `asOf`. */
  private clock = 0;
  /** Counts changes of the organizations (and of accounts left with none): what is derived from them is derived again after one. */
  revision = 0;

  /**
   * Every store of the same demo tenant (other tabs, the extension's pages, other workers) hears
   * each change, so they behave as one server does.
   */
  private readonly channel: BroadcastChannel | null;

  private constructor(
    seedOrgs: OrganizationSummary[],
    users: User[],
    private readonly db: IDBPDatabase | null,
    channelName: string | null,
    private readonly storage: OverlayStorage | null = null,
  ) {
    this.orgs = seedOrgs;
    seedOrgs.forEach((o, i) => this.index.set(o!.id, i));
    this.users = users;
    for (const u of users) this.usersById.set(u.id, u);
    this.staff = staffByTenant(users);
    this.channel = channelName !== null && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (e: MessageEvent<{record: OverlayRecord; idempotency?: IdempotencyRecord; audit?: StoredAudit}>) => {
      if (!e.data?.record?.id) return;
      this.replay(e.data.record);
      if (e.data.idempotency) this.idempotency.set(e.data.idempotency.key, e.data.idempotency);
      if (e.data.audit) this.addAudit(e.data.audit);
    });
  }

  static async open(config: {organizations: number; seed: number; namespace: string}, storage?: OverlayStorage): Promise<EmbeddedStore> {
    const seed = generateSeed({organizations: config.organizations, seed: config.seed});
    if (storage) {
      // The only store of its overlay (one server process): no other store to tell of changes.
      const store = new EmbeddedStore(seed.organizations, seed.users, null, null, storage);
      store.load(await storage.load());
      return store;
    }
    const name = `tenantry-embedded:${config.namespace}:${config.seed}:${config.organizations}`;
    let db: IDBPDatabase | null = null;
    try {
      db = await withTimeout(
        openDB(name, 2, {
          upgrade(d, oldVersion) {
            if (oldVersion < 1) {
              d.createObjectStore('records', {keyPath: 'id'});
              d.createObjectStore('idempotency', {keyPath: 'key'});
            }
            if (oldVersion < 2) d.createObjectStore('audit', {keyPath: 'id'});
          },
          blocking() {
            db?.close();
          },
        }),
        5000,
      );
    } catch {
      // No IndexedDB (private mode, blocked, quota): the demo still works, changes live in memory.
      db = null;
    }
    const store = new EmbeddedStore(seed.organizations, seed.users, db, name);
    if (db) {
      const [records, idempotency, audit] = await Promise.all([
        db.getAll('records') as Promise<OverlayRecord[]>,
        db.getAll('idempotency') as Promise<IdempotencyRecord[]>,
        db.getAll('audit').catch(() => []) as Promise<StoredAudit[]>,
      ]);
      store.load({records, idempotency, audit});
    }
    return store;
  }

  /** The overlay as stored, over the generated base. */
  private load({records, idempotency, audit}: OverlayBatch): void {
    records = [...records].sort((a, b) => stamp(a).localeCompare(stamp(b)));
    for (const rec of records) this.replay(rec);
    for (const k of idempotency) this.idempotency.set(k.key, k);
    this.addAuditBulk(audit);
  }

  private replay(rec: OverlayRecord): void {
    // Stored and broadcast records are input like any other: a bad one is skipped, not trusted.
    if (rec.org && OrganizationSchema.is(rec.org)) {
      const mine = this.changed.get(rec.id)?.org;
      // Records stored before a field existed read with its default.
      if (!mine || mine.version < rec.org.version) this.put(withDefaults(OrganizationSchema, rec.org));
    }
    else if (rec.deleted) this.remove(rec.id, rec.deleted.deletedAt, rec.deleted.ancestorIds);
    this.clock = Math.max(this.clock, Date.parse(stamp(rec)) || 0);
  }

  /** Whether an audit entry may be kept: stored, broadcast and imported ones are input like any other. */
  private acceptable(entry: StoredAudit): boolean {
    const {ancestorIds, ...rest} = entry ?? ({} as StoredAudit);
    return Array.isArray(ancestorIds) && ancestorIds.every((a) => typeof a === 'string') && AuditEntrySchema.is(rest) && !this.auditIds.has(rest.id);
  }

  /** Adds an audit entry (a bad one is skipped). */
  private addAudit(entry: StoredAudit): void {
    if (!this.acceptable(entry)) return;
    this.auditIds.add(entry.id);
    // Mostly appended in order; one from another store may land earlier.
    let i = this.audit.length;
    while (i > 0 && newestFirst(this.audit[i - 1], entry) < 0) i--;
    this.audit.splice(i, 0, entry);
  }

  /**
   * Adds many audit entries at once (those read back from IndexedDB, or imported): checked like
   * any, then sorted once. Entries come back from storage in id order, and inserting them one by
   * one would cost a scan each. Returns those kept.
   */
  private addAuditBulk(entries: readonly StoredAudit[]): StoredAudit[] {
    const kept: StoredAudit[] = [];
    for (const e of entries) {
      if (!this.acceptable(e)) continue;
      this.auditIds.add(e.id);
      kept.push(e);
    }
    if (!kept.length) return kept;
    for (const e of kept) this.audit.push(e);
    // Oldest first, as the log is kept.
    this.audit.sort((a, b) => newestFirst(b, a));
    return kept;
  }

  /**
   * Imports audit entries as if their writes had been made (a bench's or a test's history: 100,000
   * at a time): kept in memory and stored in one transaction, so a store opened later (another
   * worker, a reload) reads them too. Stores open in other tabs hear nothing of them.
   */
  async importAudit(entries: readonly StoredAudit[]): Promise<number> {
    const kept = this.addAuditBulk(entries);
    await this.persist({records: [], idempotency: [], audit: kept});
    return kept.length;
  }

  /**
   * Audit entries, newest first; with `before`, only those older than it (a page's cursor), found
   * by binary search rather than by walking past every newer entry.
   */
  *auditNewestFirst(before?: AuditCursor): Generator<StoredAudit> {
    let end = this.audit.length;
    if (before) {
      // The first entry not older than the cursor: everything below it is older.
      let lo = 0;
      let hi = this.audit.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (afterCursor(this.audit[mid], before)) lo = mid + 1;
        else hi = mid;
      }
      end = lo;
    }
    for (let i = end - 1; i >= 0; i--) yield this.audit[i];
  }

  /** A server time strictly after every time handed out before. */
  tick(): string {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return new Date(this.clock).toISOString();
  }

  /** "Now" for an `asOf`: changes after this call get a later time. */
  now(): string {
    this.clock = Math.max(Date.now(), this.clock);
    return new Date(this.clock).toISOString();
  }

  get(id: Id): OrganizationSummary | null {
    const i = this.index.get(id);
    return i === undefined ? null : this.orgs[i];
  }

  detail(id: Id): Organization | null {
    const summary = this.get(id);
    if (!summary) return null;
    return this.changed.get(id)?.org ?? detailFor(summary, this.staff);
  }

  /** The record of an organization changed since the seed (`null` for one as generated). */
  changedDetail(id: Id): Organization | null {
    return this.changed.get(id)?.org ?? null;
  }

  /** Live organizations from slot `from` on; `null` slots are deletions. */
  slots(): readonly (OrganizationSummary | null)[] {
    return this.orgs;
  }

  /** Changes this store learned of after `since` and no later than `until`. */
  changesSince(since: string, until: string): {items: {org: Organization; seenAt: string}[]; tombstones: (Tombstone & {ancestorIds: Id[]})[]} {
    const items: {org: Organization; seenAt: string}[] = [];
    for (const c of this.changed.values()) if (c.seenAt > since && c.seenAt <= until) items.push(c);
    const tombstones = this.tombstones.filter((t) => t.seenAt > since && t.seenAt <= until);
    return {items, tombstones};
  }

  /** Full records changed since the seed (the seed's own never link the demo's linkable tenants). */
  changedRecords(): IterableIterator<{org: Organization}> {
    return this.changed.values();
  }

  /** Live organizations of one kind. */
  ofKind(kind: TenantKind): OrganizationSummary[] {
    return this.orgs.filter((o): o is OrganizationSummary => o !== null && o.kind === kind);
  }

  hasChildren(id: Id): boolean {
    return this.orgs.some((o) => o !== null && o.parentId === id);
  }

  idempotent(key: string): IdempotencyRecord | undefined {
    return this.idempotency.get(key);
  }

  private put(org: Organization): void {
    this.revision++;
    const summary = summarize(org);
    const i = this.index.get(org.id);
    if (i === undefined) {
      this.index.set(org.id, this.orgs.length);
      this.orgs.push(summary);
    } else {
      this.orgs[i] = summary;
    }
    this.changed.set(org.id, {org, seenAt: this.tick()});
    this.registerAdmin(org);
  }

  /** The account created for an organization's admin user, so references to it resolve (and it can sign in). */
  private registerAdmin(org: Organization): void {
    if (!org.adminUser || org.admin?.id !== adminUserId(org.id)) return;
    const user: User = {id: org.admin.id, tenantId: org.id, displayName: org.admin.displayName, email: org.adminUser.loginEmail, function: 'admin'};
    const known = this.usersById.get(user.id);
    if (known) Object.assign(known, user);
    else {
      this.users.push(user);
      this.usersById.set(user.id, user);
    }
  }

  private remove(id: Id, deletedAt: string, ancestorIds: Id[]): void {
    if (!this.index.has(id) && this.tombstones.some((t) => t.id === id)) return;
    this.revision++;
    const i = this.index.get(id);
    if (i !== undefined) this.orgs[i] = null;
    this.index.delete(id);
    this.changed.delete(id);
    this.tombstones.push({id, deletedAt, ancestorIds, seenAt: this.tick()});
  }

  async save(org: Organization, audit: StoredAudit, idempotency?: IdempotencyRecord): Promise<void> {
    this.put(org);
    this.addAudit(audit);
    if (idempotency) this.idempotency.set(idempotency.key, idempotency);
    this.channel?.postMessage({record: {id: org.id, org}, idempotency, audit});
    await this.persist({records: [{id: org.id, org}], idempotency: idempotency ? [idempotency] : [], audit: [audit]});
  }

  async delete(org: OrganizationSummary, audit: StoredAudit): Promise<void> {
    const deletedAt = this.tick();
    this.remove(org.id, deletedAt, org.ancestorIds);
    this.addAudit(audit);
    const record: OverlayRecord = {id: org.id, deleted: {deletedAt, ancestorIds: org.ancestorIds}};
    this.channel?.postMessage({record, audit});
    await this.persist({records: [record], idempotency: [], audit: [audit]});
  }

  private async persist(batch: OverlayBatch): Promise<void> {
    // Applied in memory already; a storage of the caller's says whether the write stands.
    if (this.storage) return this.storage.write(batch);
    if (!this.db) return;
    try {
      const tx = this.db.transaction(['records', 'idempotency', 'audit'] as StoreName[], 'readwrite');
      for (const r of batch.records) void tx.objectStore('records').put(r);
      for (const k of batch.idempotency) void tx.objectStore('idempotency').put(k);
      for (const a of batch.audit) void tx.objectStore('audit').put(a);
      await tx.done;
    } catch {
      // The change is applied in memory; losing persistence must not fail the user's action.
    }
  }
}

type StoreName = 'records' | 'idempotency' | 'audit';

const stamp = (rec: OverlayRecord): string => rec.org?.updatedAt ?? rec.deleted?.deletedAt ?? '';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

const stores = new Map<string, Promise<EmbeddedStore>>();
/** Stores over a caller's storage: one per storage object (and configuration). */
const storedElsewhere = new WeakMap<OverlayStorage, Map<string, Promise<EmbeddedStore>>>();

/** The store for a configuration, opened once per worker (or per storage) and shared by all users' backends. */
function storeFor(config: LocalBackendConfig, storage?: OverlayStorage): Promise<EmbeddedStore> {
  const full = {organizations: config.organizations ?? 2000, seed: config.seed ?? 1, namespace: config.namespace ?? 'demo'};
  const key = `${full.namespace}:${full.seed}:${full.organizations}`;
  let map = stores;
  if (storage) {
    map = storedElsewhere.get(storage) ?? new Map();
    storedElsewhere.set(storage, map);
  }
  let store = map.get(key);
  if (!store) {
    store = EmbeddedStore.open(full, storage);
    map.set(key, store);
    store.catch(() => map.delete(key));
  }
  return store;
}

/** An audit entry with the ancestors of its organization, so it is scoped like the organization. */
export type AuditRecord = StoredAudit;

/**
 * Adds audit entries to the embedded store of `config` (in this worker or page, and in its
 * IndexedDB for any store opened later), as if their writes had been made: for a bench or a test
 * that needs a long history (100,000 entries). Entries that are not valid, or whose id is known,
 * are skipped; returns how many were added.
 */
export async function importAuditEntries(config: LocalBackendConfig, entries: readonly AuditRecord[]): Promise<number> {
  return (await storeFor(config)).importAudit(entries);
}

/**
 * A backend acting for `config.userId` over the store of `config`. `storage`: where the store keeps
 * its overlay instead of IndexedDB (the reference server's files); the store is opened once per
 * storage object, and its `load` is read once.
 */
export async function createEmbeddedBackend(config: LocalBackendConfig, storage?: OverlayStorage): Promise<Backend> {
  return new EmbeddedBackend(await storeFor(config, storage), config);
}

const etagOf = (org: {version: number}): string => `"${org.version}"`;
const inScope = (org: {id: Id; ancestorIds: readonly Id[]}, tenantId: Id): boolean => org.id === tenantId || org.ancestorIds.includes(tenantId);
/** A refusal naming its issues; their messages are sentences already (no second full stop). */
const refused = (message: string, subject: 'organization' | 'change' | 'people', issues: Issue[]): TenantryError =>
  new TenantryError('invalid-request', `${message}: ${formatIssues(issues).replace(/\.$/, '')}.`, {issues, reason: {id: 'request.invalid', params: {subject}}});
/** What a customer administrator may not do (the reason's `act`). */
type CustomerAdminAct = Extract<Reason, {id: 'role.customer-admin'}>['params']['act'];
const notForCustomerAdmin = (english: string, act: CustomerAdminAct): TenantryError =>
  new TenantryError('forbidden', `A customer administrator cannot ${english}.`, {reason: {id: 'role.customer-admin', params: {act}}});
const changedMeanwhile = (org: {name: string; version: number}): TenantryError =>
  new TenantryError('version-conflict', `"${org.name}" was changed by someone else since you opened it.`, {currentVersion: org.version, reason: {id: 'org.changed', params: {name: org.name}}});
const noOrganization = (id: Id): TenantryError => new TenantryError('not-found', `No organization "${id}" in this tenant.`, {reason: {id: 'org.not-found', params: {id}}});
const badCursor = (): TenantryError => new TenantryError('invalid-request', 'The page cursor is not valid; start the listing again.', {reason: {id: 'list.cursor', params: {}}});

/** Name and domain as a duplicate check compares them, computed once per summary object (a changed record is a new object). */
const matchKeys = new WeakMap<OrganizationSummary, {name: string; domain: string}>();
function matchKeysOf(org: OrganizationSummary): {name: string; domain: string} {
  let keys = matchKeys.get(org);
  if (!keys) matchKeys.set(org, (keys = {name: foldName(org.name), domain: org.domain ? domainKey(org.domain) : ''}));
  return keys;
}

/** Linked accounts per summary object (a changed record is a new object). */
const linkedCache = new WeakMap<OrganizationSummary, LinkedAccount[]>();

/** An account and the organizations of a scope holding it (`all`: holders anywhere). */
interface AccountEntry {
  account: LinkedAccount;
  holders: OrganizationSummary[];
  all: number;
  /** Latest change of a visible holder (or when it was left with none). */
  at: string;
}

/** An account listing of one scope, by id. */
interface ScopeAccounts {
  list: AccountEntry[];
  byId: Map<Id, AccountEntry>;
}

/** Every account of a store and its holders, as of one revision, with the scopes' listings derived from it. */
interface AccountsOfStore {
  revision: number;
  holders: Map<Id, {account: LinkedAccount; holders: OrganizationSummary[]}>;
  scopes: Map<Id, ScopeAccounts>;
}
/** Per store: every user's backend of a store shares it. */
const accountsOfStores = new WeakMap<object, AccountsOfStore>();

/** FNV-1a, as hex: an ETag of a value. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** Provider ids by account id: drawn once (a listing of 150,000 accounts asks for each on every read). */
const providerIds = new Map<Id, string>();
/** The provider's id of a demo account, drawn from its id in the provider's form. */
function providerAccountIdOf(a: LinkedAccount): string {
  let known = providerIds.get(`${a.provider}:${a.id}`);
  if (known === undefined) providerIds.set(`${a.provider}:${a.id}`, (known = drawProviderAccountId(a)));
  return known;
}

function drawProviderAccountId(a: LinkedAccount): string {
  // A stream of the account's own: every digit drawn, so two accounts rarely share an id.
  const r = prng(parseInt(fnv(`${a.provider}:${a.id}`), 16));
  const hex = (n: number): string => Array.from({length: n}, () => Math.floor(r() * 16).toString(16)).join('');
  if (a.provider === 'aws') return Array.from({length: 12}, () => Math.floor(r() * 10)).join('');
  if (a.provider === 'gcp') return [hex(6), hex(6), hex(6)].join('-').toUpperCase();
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** Contracts with their terms per summary object (a changed record is a new object). */
const contractCache = new WeakMap<OrganizationSummary, Contract[]>();

/** Linkable tenants per reseller id: generated once. */
const pools = new Map<Id, LinkableAzureTenant[]>();
function poolOf(resellerId: Id): LinkableAzureTenant[] {
  let pool = pools.get(resellerId);
  if (!pool) pools.set(resellerId, (pool = linkableTenantsOf(resellerId)));
  return pool;
}

const accountOf = (t: TenantRef, verified: string[]): MicrosoftAccount => ({tenantId: t.tenantId, name: t.name, primaryDomain: t.domain.toLowerCase(), verifiedDomains: [...new Set(verified.map((d) => d.toLowerCase()))]});

class EmbeddedBackend implements Backend {
  readonly origin: string;
  private readonly userId: string;

  constructor(
    private readonly store: EmbeddedStore,
    config: LocalBackendConfig,
  ) {
    this.origin = localOrigin(config);
    this.userId = config.userId ?? DEMO_USERS.distributorAdmin;
  }

  /** The signed-in user and their home tenant, or `unauthenticated`. */
  private actor(): {user: User; home: OrganizationSummary} {
    const user = this.store.usersById.get(this.userId);
    const home = user && this.store.get(user.tenantId);
    if (!user || !home || user.function !== 'admin') throw new TenantryError('unauthenticated', 'Sign in as an administrator to continue.', {reason: {id: 'auth.admin-only', params: {}}});
    return {user, home};
  }

  /**
   * The scope tenant, if the caller may act in it. A tenant outside the caller's own is refused
   * without saying whether it exists.
   */
  private scopeOf(scope: Scope): {tenant: OrganizationSummary; role: Role} {
    const {home} = this.actor();
    const tenant = this.store.get(scope.tenantId);
    if (!tenant || !inScope(tenant, home.id)) {
      throw new TenantryError('forbidden', `You cannot act in tenant "${scope.tenantId}": it is not yours or below yours.`, {reason: {id: 'scope.not-yours', params: {tenantId: String(scope.tenantId).slice(0, 128)}}});
    }
    return {tenant, role: roleOfKind(tenant.kind)};
  }

  private visible(scope: Scope, id: Id): OrganizationSummary {
    this.scopeOf(scope);
    const org = this.store.get(id);
    if (!org || !inScope(org, scope.tenantId)) throw noOrganization(id);
    return org;
  }

  async session(options?: CallOptions): Promise<Session> {
    throwIfAborted(options?.signal);
    const {user, home} = this.actor();
    return {user, role: roleOfKind(home.kind), homeTenantId: home.id, homeTenantName: home.name};
  }

  async listTenants(scope: Scope, options?: CallOptions): Promise<TenantNode[]> {
    this.scopeOf(scope);
    throwIfAborted(options?.signal);
    const out: TenantNode[] = [];
    for (const o of this.store.slots()) {
      if (o && inScope(o, scope.tenantId)) {
        out.push({id: o.id, kind: o.kind, parentId: o.parentId, name: o.name, domain: o.domain, status: o.status, directoryIds: o.tenants.map((t) => t.tenantId)});
      }
    }
    return out;
  }

  async listOrganizations(scope: Scope, options: ListOptions = {}): Promise<PageResult> {
    this.scopeOf(scope);
    throwIfAborted(options.signal);
    const limit = Math.min(Math.max(1, options.limit ?? DEFAULT_PAGE), MAX_PAGE);
    const cursor = options.cursor ? decodeCursor(options.cursor) : {asOf: this.store.now(), pos: 0, after: null};
    if (options.updatedSince !== undefined) {
      if (Number.isNaN(Date.parse(options.updatedSince))) throw misuse('invalid-request', `updatedSince "${options.updatedSince}" is not a date-time.`);
      const {items, tombstones} = this.store.changesSince(options.updatedSince, cursor.asOf);
      // Delta pages go by (seenAt, id), not position: a record changing again mid-listing must not shift others out.
      const after = cursor.after;
      const rest = items
        .filter((c) => inScope(c.org, scope.tenantId) && (!after || c.seenAt > after[0] || (c.seenAt === after[0] && c.org.id > after[1])))
        .sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : a.org.id < b.org.id ? -1 : 1));
      const page = rest.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((c) => summarize(c.org)),
        tombstones: after ? [] : tombstones.filter((t) => inScope(t, scope.tenantId)).map(({id, deletedAt}) => ({id, deletedAt})),
        nextCursor: last && rest.length > page.length ? encodeCursor({asOf: cursor.asOf, pos: 0, after: [last.seenAt, last.org.id]}) : null,
        asOf: cursor.asOf,
        rejected: [],
      };
    }
    const slots = this.store.slots();
    const items: OrganizationSummary[] = [];
    let pos = cursor.pos;
    for (; pos < slots.length && items.length < limit; pos++) {
      const o = slots[pos];
      if (o && inScope(o, scope.tenantId)) items.push(o);
    }
    return {items, tombstones: [], nextCursor: pos < slots.length ? encodeCursor({asOf: cursor.asOf, pos, after: null}) : null, asOf: cursor.asOf, rejected: []};
  }

  async getOrganization(scope: Scope, id: Id, options?: CallOptions): Promise<Versioned<Organization>> {
    this.visible(scope, id);
    throwIfAborted(options?.signal);
    const org = this.store.detail(id)!;
    return {value: org, etag: etagOf(org)};
  }

  async createOrganization(scope: Scope, raw: OrganizationInput, options: CreateOptions): Promise<Versioned<Organization>> {
    const {role} = this.scopeOf(scope);
    throwIfAborted(options.signal);
    if (!options.idempotencyKey) throw misuse('invalid-request', 'A create needs an Idempotency-Key.');
    const fingerprint = JSON.stringify(raw);
    const key = `${this.userId}|${options.idempotencyKey}`;
    /** The organization an earlier create with this key made, if any. */
    const replayed = (): Versioned<Organization> | null => {
      const seen = this.store.idempotent(key);
      if (!seen) return null;
      // As the IETF Idempotency-Key draft says: a key reused with another body is unprocessable (422), not a conflict to wait out.
      if (seen.fingerprint !== fingerprint) throw new TenantryError('invalid-request', 'This Idempotency-Key was already used for a different organization.', {issues: [{path: '(Idempotency-Key)', message: 'was already used with a different body'}], reason: {id: 'create.key-reused', params: {}}});
      const org = this.store.detail(seen.id);
      if (!org) throw new TenantryError('conflict', 'The organization created with this Idempotency-Key has since been deleted.', {reason: {id: 'create.key-deleted', params: {}}});
      return {value: org, etag: etagOf(org)};
    };
    const before = replayed();
    if (before) return before;
    // The same key still being worked on: answered once that create is done, as it was (rather than
    // the draft's 409, which a client would have to wait out and ask again); made here if it failed.
    for (let pending = this.store.pendingKeys.get(key); pending; pending = this.store.pendingKeys.get(key)) {
      await pending;
      throwIfAborted(options.signal);
      const after = replayed();
      if (after) return after;
    }
    let done = (): void => undefined;
    this.store.pendingKeys.set(key, new Promise<void>((resolve) => (done = resolve)));
    try {
      return await this.createUnder(scope, role, raw, options, key, fingerprint, replayed);
    } finally {
      this.store.pendingKeys.delete(key);
      done();
    }
  }

  private async createUnder(scope: Scope, role: Role, raw: OrganizationInput, options: CreateOptions, key: string, fingerprint: string, replayed: () => Versioned<Organization> | null): Promise<Versioned<Organization>> {
    if (role === 'customer-admin') throw notForCustomerAdmin('create organizations', 'create');
    // The same checks, in the same order, as the REST server: shape and field rules, then references.
    const issues = await inputIssues(raw);
    throwIfAborted(options.signal);
    // The same key may have been used while the rules ran: from here on nothing waits until the record is saved.
    const during = replayed();
    if (during) return during;
    if (issues.length) throw refused('The organization is not valid', 'organization', issues);
    const input = withDefaults(OrganizationInputSchema, raw);
    const parent = input.parentId ? this.store.get(input.parentId) : null;
    if (!parent || !inScope(parent, scope.tenantId)) throw new TenantryError('invalid-request', 'The parent organization is not in this tenant.', {issues: [{path: 'parentId', message: 'is not in this tenant'}], reason: {id: 'create.parent-outside', params: {}}});
    const allowedParents: Record<TenantKind, TenantKind[]> = {
      distributor: [],
      reseller: ['distributor'],
      'customer-organization': ['reseller'],
      customer: ['reseller', 'customer-organization'],
    };
    if (!allowedParents[input.kind].includes(parent.kind)) {
      throw new TenantryError('invalid-request', `A ${input.kind} cannot be created under a ${parent.kind}.`, {
        issues: [{path: 'kind', message: `not allowed under a ${parent.kind}`}],
        reason: {id: 'create.kind-under', params: {kind: input.kind, parentKind: parent.kind}},
      });
    }
    const refs: Issue[] = [];
    // The anchor: the parent when it is a customer organization; else one named below the parent, which then becomes the parent.
    let home = parent;
    let anchor: OrganizationSummary | null = null;
    if (parent.kind === 'customer-organization') {
      anchor = parent;
      if (parent.status !== 'active') refs.push({path: 'parentId', message: 'is a customer organization that is not active'});
      if (input.customerOrganizationId !== null && input.customerOrganizationId !== parent.id) refs.push({path: 'customerOrganizationId', message: 'must be the parent customer organization'});
    } else if (input.customerOrganizationId !== null) {
      const a = this.store.get(input.customerOrganizationId);
      // Not there, out of sight, not an anchor, not active: one answer, so nothing is learnt of what lies outside the scope.
      if (!a || !inScope(a, scope.tenantId) || a.kind !== 'customer-organization' || a.status !== 'active') {
        refs.push({path: 'customerOrganizationId', message: 'is not an active customer organization in this tenant'});
      } else if (input.kind !== 'customer') refs.push({path: 'customerOrganizationId', message: 'only a customer can belong to a customer organization'});
      else if (a.parentId !== parent.id) refs.push({path: 'customerOrganizationId', message: 'is not below the parent organization'});
      else home = anchor = a;
    }
    const ancestorIds = [...home.ancestorIds, home.id];
    const resolved = this.resolveRefs(input, scope, null, refs);
    this.checkPartnerSubscription(input.billing?.partnerSubscription ?? null, partnerOf({kind: input.kind, ancestorIds}), refs);
    if (input.microsoftAccount?.mode === 'new' && this.domainTaken(onmicrosoftPrefix(input.microsoftAccount.domain))) {
      refs.push({path: 'microsoftAccount.domain', message: 'is already taken'});
    }
    if (refs.length) throw refused('The organization is not valid', 'organization', refs);
    const id = `org-${crypto.randomUUID()}`;
    const adminUser = withDisplayName(resolved.adminUser);
    const now = this.store.tick();
    const org: Organization = withDerived({
      ...resolved,
      adminUser,
      // The admin user is invited with the organization: their account is its first admin.
      admin: resolved.admin ?? (adminUser ? {id: adminUserId(id), displayName: adminUser.displayName} : null),
      id,
      parentId: home.id,
      ancestorIds,
      customerOrganizationId: anchor ? anchor.id : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as Organization);
    await this.store.save(org, this.auditOf(scope, org, 'create', org.createdAt), {key, fingerprint, id: org.id});
    return {value: org, etag: etagOf(org)};
  }

  async updateOrganization(scope: Scope, id: Id, sent: OrganizationPatch, options: WriteOptions): Promise<Versioned<Organization>> {
    const {role} = this.scopeOf(scope);
    this.visible(scope, id);
    throwIfAborted(options.signal);
    const stale = changedMeanwhile;
    const current = this.store.detail(id)!;
    if (options.ifMatch !== etagOf(current)) throw stale(current);
    const issues = await patchIssues(current, sent);
    throwIfAborted(options.signal);
    // Another change may have landed while the rules ran: from here on nothing waits until the record is saved.
    const now = this.store.detail(id);
    if (!now) throw noOrganization(id);
    if (etagOf(now) !== etagOf(current)) throw stale(now);
    const patch = completePatch(current, sent);
    if (issues.length) throw refused('The change is not valid', 'change', issues);
    const keys = Object.keys(patch);
    if (role === 'customer-admin') {
      const refusedKeys = keys.filter((k) => !CUSTOMER_ADMIN_WRITABLE.has(k));
      if (patch.billing !== undefined && (patch.billing?.partnerSubscription ?? null) !== (current.billing?.partnerSubscription ?? null)) refusedKeys.push('billing.partnerSubscription');
      if (refusedKeys.length) throw new TenantryError('forbidden', `A customer administrator cannot change: ${refusedKeys.join(', ')}.`, {reason: {id: 'role.customer-admin-fields', params: {fields: refusedKeys.join(', ')}}});
    }
    const refs: Issue[] = [];
    const resolved = this.resolveRefs(withDefaults(OrganizationInputSchema, {...current, ...patch}), scope, current, refs, keys);
    const subscription = resolved.billing?.partnerSubscription ?? null;
    if ('billing' in patch && subscription !== (current.billing?.partnerSubscription ?? null)) this.checkPartnerSubscription(subscription, partnerOf(current), refs);
    const ms = resolved.microsoftAccount;
    const was = current.microsoftAccount;
    if ('microsoftAccount' in patch && ms?.mode === 'new' && !(was?.mode === 'new' && onmicrosoftPrefix(was.domain) === onmicrosoftPrefix(ms.domain)) && this.domainTaken(onmicrosoftPrefix(ms.domain))) {
      refs.push({path: 'microsoftAccount.domain', message: 'is already taken'});
    }
    if (refs.length) throw refused('The change is not valid', 'change', refs);
    const adminUser = withDisplayName(resolved.adminUser);
    // The admin's account follows the name entered for them.
    const renamed = 'adminUser' in patch && !('admin' in patch) && adminUser && current.admin?.id === adminUserId(id);
    const admin = renamed ? {id: adminUserId(id), displayName: adminUser.displayName} : resolved.admin;
    const next = withDerived({...current, ...resolved, adminUser, admin, updatedAt: this.store.tick(), version: current.version + 1} as Organization);
    const invalid = validate(OrganizationSchema, next);
    if (invalid.length) throw refused('The change is not valid', 'change', invalid);
    await this.store.save(next, this.auditOf(scope, next, 'update', next.updatedAt, changedFields(current, next)));
    return {value: next, etag: etagOf(next)};
  }

  async deleteOrganization(scope: Scope, id: Id, options: WriteOptions): Promise<void> {
    const {role} = this.scopeOf(scope);
    const org = this.visible(scope, id);
    throwIfAborted(options.signal);
    if (role === 'customer-admin') throw notForCustomerAdmin('delete organizations', 'delete');
    if (id === scope.tenantId) throw new TenantryError('forbidden', 'You cannot delete the tenant you are acting in.', {reason: {id: 'delete.own-tenant', params: {}}});
    if (options.ifMatch !== etagOf(org)) throw changedMeanwhile(org);
    if (org.status !== 'suspended') throw new TenantryError('conflict', `Suspend "${org.name}" before deleting it.`, {reason: {id: 'delete.not-suspended', params: {name: org.name}}});
    if (this.store.hasChildren(id)) throw new TenantryError('conflict', `"${org.name}" still has organizations below it.`, {reason: {id: 'delete.has-children', params: {name: org.name}}});
    await this.store.delete(org, this.auditOf(scope, org, 'delete', this.store.tick()));
  }

  /** The audit entry of a write the signed-in user makes in `scope`. */
  private auditOf(scope: Scope, org: {id: Id; name: string; ancestorIds: Id[]}, action: AuditAction, at: string, fields?: string[], subject?: string): StoredAudit {
    const {user} = this.actor();
    return {
      id: `aud-${crypto.randomUUID()}`,
      at,
      actorId: user.id,
      actorName: user.displayName,
      actingTenantId: scope.tenantId,
      organizationId: org.id,
      organizationName: org.name,
      action,
      ...(fields && {fields}),
      ...(subject && {subject: subject.slice(0, 1000)}),
      ancestorIds: [...org.ancestorIds],
    };
  }

  /** Who may move `id` along its lifecycle in `scope`: not a customer's view, not the tenant acted in. */
  private lifecycleAllowed(scope: Scope, id: Id, what: string, act: CustomerAdminAct): OrganizationSummary {
    const {role} = this.scopeOf(scope);
    const org = this.visible(scope, id);
    if (role === 'customer-admin') throw notForCustomerAdmin(what, act);
    if (id === scope.tenantId) throw new TenantryError('forbidden', 'You cannot change the lifecycle of the tenant you are acting in.', {reason: {id: 'lifecycle.own-tenant', params: {}}});
    return org;
  }

  async transitionOrganization(scope: Scope, id: Id, raw: LifecycleAction, options: WriteOptions): Promise<Versioned<Organization>> {
    const action = checkLifecycleAction(raw);
    this.lifecycleAllowed(scope, id, `${action} organizations`, action);
    throwIfAborted(options.signal);
    const current = this.store.detail(id)!;
    if (options.ifMatch !== etagOf(current)) {
      throw changedMeanwhile(current);
    }
    const status = lifecycleMove(current.status, action, current.kind);
    const next = withDerived({...current, status, updatedAt: this.store.tick(), version: current.version + 1});
    await this.store.save(next, this.auditOf(scope, next, action, next.updatedAt, ['status']));
    return {value: next, etag: etagOf(next)};
  }

  async lifecycleImpact(scope: Scope, id: Id, raw: LifecycleAction, options: CallOptions = {}): Promise<LifecycleImpact> {
    const action = checkLifecycleAction(raw);
    const org = this.lifecycleAllowed(scope, id, 'change the lifecycle of organizations', 'lifecycle');
    throwIfAborted(options.signal);
    const to = lifecycleMove(org.status, action, org.kind);
    const organizationsBelow: KindCounts = {distributor: 0, reseller: 0, 'customer-organization': 0, customer: 0};
    /** Each organization of the subtree → the tenant directly below `id` it lies in (`null` for `id` itself). */
    const branchOf = new Map<Id, TenantImpact | null>();
    const branches = new Map<Id, TenantImpact>();
    let linkedAccounts = 0;
    let scheduledCollections = 0;
    // Everything below a visible organization is visible from the scope too.
    for (const o of this.store.slots()) {
      if (!o || !inScope(o, id)) continue;
      let branch: TenantImpact | null = null;
      if (o.id !== id) {
        organizationsBelow[o.kind]++;
        const top = o.parentId === id ? o.id : o.ancestorIds[o.ancestorIds.indexOf(id) + 1];
        branch = branches.get(top) ?? null;
        if (!branch) branches.set(top, (branch = {id: top, name: '', kind: o.kind, organizations: 0, linkedAccounts: 0, users: 0, scheduledCollections: 0}));
        if (top === o.id) Object.assign(branch, {name: o.name, kind: o.kind});
        branch.organizations++;
        branch.linkedAccounts += o.linkedAccountCount;
      }
      branchOf.set(o.id, branch);
      linkedAccounts += o.linkedAccountCount;
      const f = this.store.detail(o.id)!.features;
      if (f.security || f.operations || f.costDetails) {
        scheduledCollections++;
        if (branch) branch.scheduledCollections++;
      }
    }
    let users = 0;
    for (const u of this.store.users) {
      const branch = branchOf.get(u.tenantId);
      if (branch === undefined) continue;
      users++;
      if (branch) branch.users++;
    }
    const byTenant = [...branches.values()].sort((a, b) => b.organizations - a.organizations || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    return {
      organizationId: id,
      action,
      from: org.status,
      to,
      organizationsBelow,
      linkedAccounts,
      users,
      scheduledCollections,
      byTenant: byTenant.slice(0, MAX_IMPACT_TENANTS),
      moreTenants: Math.max(0, byTenant.length - MAX_IMPACT_TENANTS),
    };
  }

  async listAuditLog(scope: Scope, query: AuditQuery = {}): Promise<AuditPage> {
    this.scopeOf(scope);
    throwIfAborted(query.signal);
    const q = checkAuditQuery(query);
    const items: AuditEntry[] = [];
    let more = false;
    for (const e of this.store.auditNewestFirst(q.cursor)) {
      if (!(e.organizationId === scope.tenantId || e.ancestorIds.includes(scope.tenantId)) || !auditMatches(e, q)) continue;
      if (items.length === q.limit) {
        more = true;
        break;
      }
      const {ancestorIds: _a, ...entry} = e;
      items.push(structuredClone(entry));
    }
    const last = items.at(-1);
    return {items, nextCursor: more && last ? encodeAuditCursor(last) : null};
  }

  /**
   * One change of the details of a record read with `ifMatch`: the version checked (again after
   * any wait), the next record made by `make`, derived values brought up to date, checked whole,
   * saved with its audit entry. `customerAdmin`: whether a customer's view may make it.
   */
  private async changeDetails(
    scope: Scope,
    id: Id,
    options: WriteOptions,
    rule: {action: AuditAction; customerAdmin: boolean; what: string; act: CustomerAdminAct},
    make: (current: Organization) => Promise<{changes: Partial<Organization>; subject: string}>,
  ): Promise<Versioned<Organization>> {
    const {role} = this.scopeOf(scope);
    this.visible(scope, id);
    throwIfAborted(options.signal);
    if (role === 'customer-admin' && !rule.customerAdmin) throw notForCustomerAdmin(rule.what, rule.act);
    const stale = changedMeanwhile;
    const current = this.store.detail(id)!;
    if (options.ifMatch !== etagOf(current)) throw stale(current);
    const {changes, subject} = await make(current);
    throwIfAborted(options.signal);
    // Another change may have landed while the rules ran: from here on nothing waits until the record is saved.
    const now = this.store.detail(id);
    if (!now) throw noOrganization(id);
    if (etagOf(now) !== etagOf(current)) throw stale(now);
    const next = withDerived({...current, ...changes, updatedAt: this.store.tick(), version: current.version + 1});
    const invalid = validate(OrganizationSchema, next);
    if (invalid.length) throw refused('The change is not valid', 'change', invalid);
    await this.store.save(next, this.auditOf(scope, next, rule.action, next.updatedAt, changedFields(current, next), subject));
    return {value: next, etag: etagOf(next)};
  }

  async addContact(scope: Scope, orgId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.changeDetails(scope, orgId, options, {action: 'contact-add', customerAdmin: true, what: 'add contacts', act: 'add-contacts'}, async (current) => {
      const contact: Contact = {id: `ct-${crypto.randomUUID()}`, ...(await checkContactInput(input, current.companyAddress?.country ?? ''))};
      const contacts = [...current.contacts, contact];
      checkPrimaryContact(current.contacts, contacts, contact);
      return {changes: {contacts}, subject: contactName(contact)};
    });
  }

  async updateContact(scope: Scope, orgId: Id, contactId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.changeDetails(scope, orgId, options, {action: 'contact-update', customerAdmin: true, what: 'change contacts', act: 'change-contacts'}, async (current) => {
      const was = contactOf(current.contacts, contactId, current.name);
      const contact: Contact = {id: was.id, ...(await checkContactInput(input, current.companyAddress?.country ?? ''))};
      const contacts = current.contacts.map((c) => (c === was ? contact : c));
      checkPrimaryContact(current.contacts, contacts, was);
      return {changes: {contacts}, subject: contactName(contact)};
    });
  }

  async deleteContact(scope: Scope, orgId: Id, contactId: Id, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.changeDetails(scope, orgId, options, {action: 'contact-delete', customerAdmin: true, what: 'remove contacts', act: 'remove-contacts'}, async (current) => {
      const was = contactOf(current.contacts, contactId, current.name);
      const contacts = current.contacts.filter((c) => c !== was);
      checkPrimaryContact(current.contacts, contacts, was);
      return {changes: {contacts}, subject: contactName(was)};
    });
  }

  async changePeople(scope: Scope, orgId: Id, raw: PeopleChange, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.changeDetails(scope, orgId, options, {action: 'people-change', customerAdmin: false, what: 'change the people of an organization', act: 'change-people'}, async (current) => {
      const change = checkPeopleChange(raw);
      const issues: Issue[] = [];
      /** A user visible from the scope; else an issue, alike for one that does not exist. */
      const user = (userId: Id, path: string): UserRef | null => {
        const u = this.store.usersById.get(userId);
        const tenant = u && this.store.get(u.tenantId);
        if (u && tenant && inScope(tenant, scope.tenantId)) return {id: u.id, displayName: u.displayName};
        issues.push({path, message: `no user "${userId}" in this tenant`});
        return null;
      };
      const what = 'The change of people is not valid';
      if (change.role === 'account-manager') {
        const ref = change.userId === null ? null : user(change.userId, 'userId');
        if (issues.length) throw refused(what, 'people', issues);
        return {changes: {accountManager: ref}, subject: peopleSubject(change.role, [], [], ref?.displayName ?? null)};
      }
      if (change.role === 'run-as') {
        const rules = await import('../../../shared/contract/field-rules.js');
        const problems = rules.checkRunAsAccount(change.account, 'account', rules.collects(current.features));
        if (problems.length) throw refused(what, 'people', problems.map(({path, message}) => ({path, message})));
        return {changes: {runAsAccount: change.account}, subject: peopleSubject(change.role, [], [], change.account)};
      }
      const field = PEOPLE_FIELD[change.role];
      const added = (change.add ?? []).map((a, i) => user(a, `add[${i}]`));
      if (issues.length) throw refused(what, 'people', issues);
      const list = current[field];
      const gone = new Set(change.remove ?? []);
      const removed = list.filter((u) => gone.has(u.id));
      const fresh = (added as UserRef[]).filter((u) => !list.some((x) => x.id === u.id));
      const next = [...list.filter((u) => !gone.has(u.id)), ...fresh];
      return {changes: {[field]: next}, subject: peopleSubject(change.role, fresh.map((u) => u.displayName), removed.map((u) => u.displayName))};
    });
  }

  async startOnboardingTask(scope: Scope, orgId: Id, taskId: Id, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.changeDetails(scope, orgId, options, {action: 'onboarding-start', customerAdmin: false, what: 'start onboarding tasks', act: 'start-onboarding'}, async (current) => {
      const {tasks, task} = startTask(current.onboardingTasks, taskId, current.name);
      return {changes: {onboardingTasks: tasks}, subject: task.title};
    });
  }

  async listContracts(scope: Scope, query: ContractQuery = {}): Promise<ContractPage> {
    this.scopeOf(scope);
    throwIfAborted(query.signal);
    const q = checkContractQuery(query);
    const orgs = q.organizationId ? [this.visible(scope, q.organizationId)] : this.store.slots();
    const matches: Contract[] = [];
    for (const o of orgs) {
      if (!o || !inScope(o, scope.tenantId)) continue;
      // The summary's counts say which organizations have any: only those are read in full.
      if (q.status ? !o.contractCounts[q.status] : !Object.values(o.contractCounts).some(Boolean)) continue;
      for (const c of this.contractsOf(o)) if (!q.status || c.status === q.status) matches.push(c);
    }
    throwIfAborted(query.signal);
    matches.sort(contractOrder);
    const from = q.cursor ? matches.findIndex((c) => contractOrder(c, q.cursor!) > 0) : 0;
    const start = from < 0 ? matches.length : from;
    const items = matches.slice(start, start + q.limit);
    const more = start + items.length < matches.length;
    return {items: structuredClone(items), nextCursor: more ? encodeContractCursor(items.at(-1)!) : null, total: matches.length};
  }

  /** An organization's contracts with their terms, derived once per version of its summary. */
  private contractsOf(o: OrganizationSummary): Contract[] {
    let list = contractCache.get(o);
    if (!list) contractCache.set(o, (list = this.store.detail(o.id)!.contracts.map((c) => contractOf(c, o))));
    return list;
  }

  async listCommerce<K extends CommerceKind>(scope: Scope, orgId: Id, raw: K, query: CommerceQuery = {}): Promise<CommercePage<K>> {
    const org = this.visible(scope, orgId);
    throwIfAborted(query.signal);
    const kind = checkCommerceKind(raw) as K;
    const q = checkCommerceQuery(query);
    const all = commerceRecords(org, kind);
    let start = 0;
    if (q.cursor !== undefined) {
      let c: unknown = null;
      try {
        c = JSON.parse(atob(q.cursor));
      } catch {
        c = null;
      }
      const ok = Array.isArray(c) && c[0] === kind && c[1] === org.id && Number.isInteger(c[2]) && (c[2] as number) > 0 && (c[2] as number) <= all.length;
      if (!ok) throw new TenantryError('invalid-request', 'The commerce query is not valid: cursor is not one this server gave; start the listing again.', {issues: [{path: 'cursor', message: 'is not one this server gave; start the listing again'}], reason: {id: 'list.cursor', params: {}}});
      start = (c as number[])[2];
    }
    const items = all.slice(start, start + q.limit);
    const end = start + items.length;
    return {kind, items, nextCursor: end < all.length ? btoa(JSON.stringify([kind, org.id, end])) : null, total: all.length};
  }

  async tenantConsoleLink(scope: Scope, orgId: Id, options: CallOptions = {}): Promise<ConsoleLink | null> {
    const org = this.visible(scope, orgId);
    throwIfAborted(options.signal);
    return org.kind === 'customer' ? {url: `https://console.example.net/tenants/${encodeURIComponent(org.id)}`, expiresAt: null} : null;
  }

  /** An organization's linked accounts, read once per version of its summary: a generated one's without generating its whole record. */
  private linkedOf(o: OrganizationSummary): LinkedAccount[] {
    let list = linkedCache.get(o);
    if (!list) linkedCache.set(o, (list = this.store.changedDetail(o.id)?.linkedAccounts ?? linkedAccountsFor(o)));
    return list;
  }

  /**
   * Every account with the organizations holding it, derived once per revision of the store (a
   * listing's pages and the scopes asked for meanwhile share it): reading 100,000 organizations'
   * linked accounts for every page took seconds.
   */
  private allAccounts(): AccountsOfStore {
    const revision = this.store.revision;
    const known = accountsOfStores.get(this.store);
    if (known?.revision === revision) return known;
    const holders = new Map<Id, {account: LinkedAccount; holders: OrganizationSummary[]}>();
    for (const o of this.store.slots()) {
      if (!o || !o.linkedAccountCount) continue;
      for (const a of this.linkedOf(o)) {
        const e = holders.get(a.id);
        if (e) e.holders.push(o);
        else holders.set(a.id, {account: a, holders: [o]});
      }
    }
    const derived: AccountsOfStore = {revision, holders, scopes: new Map()};
    accountsOfStores.set(this.store, derived);
    return derived;
  }

  /**
   * Every account held by an organization visible from `tenantId` (and those left with none that
   * it saw), each with the organizations holding it: visible ones, and how many in all; by id.
   * Kept per scope until the store changes.
   */
  private accountsIn(tenantId: Id): ScopeAccounts {
    const all = this.allAccounts();
    const cached = all.scopes.get(tenantId);
    if (cached) return cached;
    const byId = new Map<Id, AccountEntry>();
    for (const [id, {account, holders}] of all.holders) {
      let seen: OrganizationSummary[] | null = null;
      let at = '';
      for (const o of holders) {
        if (!inScope(o, tenantId)) continue;
        (seen ??= []).push(o);
        if (o.updatedAt > at) at = o.updatedAt;
      }
      if (seen) byId.set(id, {account, holders: seen, all: holders.length, at});
    }
    for (const [id, d] of this.store.detachedAccounts) {
      if (!byId.has(id) && d.ancestorIds.includes(tenantId)) byId.set(id, {account: d.account, holders: [], all: 0, at: d.at});
    }
    const list = [...byId.values()].sort((a, b) => (a.account.id < b.account.id ? -1 : 1));
    const scope = {list, byId};
    // A few scopes at a time: a distributor switching through its resellers keeps the latest.
    if (all.scopes.size >= 8) all.scopes.delete(all.scopes.keys().next().value!);
    all.scopes.set(tenantId, scope);
    return scope;
  }

  /** An account as the list shows it in a scope, and its ETag (its fields and who holds it). */
  private accountRow(e: AccountEntry): {row: AccountSummary; etag: string} {
    const a = e.account;
    const holders = [...e.holders].sort((x, y) => x.name.localeCompare(y.name) || (x.id < y.id ? -1 : 1));
    const etag = `"acct-${fnv(JSON.stringify([a, holders.map((o) => [o.id, o.name])]))}"`;
    const row: AccountSummary = {
      id: a.id,
      name: a.name,
      providerAccountId: providerAccountIdOf(a),
      provider: a.provider,
      type: a.type,
      customerCount: holders.length,
      customers: holders.slice(0, MAX_ACCOUNT_CUSTOMERS).map((o) => ({id: o.id, name: o.name})),
      autoCustomer: a.autoCustomer,
      autoAssigned: a.autoAssigned,
      excludeRule: a.excludeRule,
      updatedAt: e.at || SEED_EPOCH,
      etag,
    };
    return {row, etag};
  }

  async listAccounts(scope: Scope, options: ListOptions = {}): Promise<AccountPage> {
    this.scopeOf(scope);
    throwIfAborted(options.signal);
    const limit = accountPageSize(options.limit);
    let cursor: {asOf: string; after: string} = {asOf: this.store.now(), after: ''};
    if (options.cursor !== undefined) {
      let c: unknown = null;
      try {
        c = JSON.parse(atob(options.cursor));
      } catch {
        c = null;
      }
      if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || Number.isNaN(Date.parse(c[0])) || typeof c[1] !== 'string') throw badCursor();
      cursor = {asOf: c[0], after: c[1]};
    }
    const since = options.updatedSince;
    if (since !== undefined && Number.isNaN(Date.parse(since))) throw misuse('invalid-request', `updatedSince "${since}" is not a date-time.`);
    const {list} = this.accountsIn(scope.tenantId);
    // The first account after the cursor, by binary search over the list in id order.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].account.id <= cursor.after) lo = mid + 1;
      else hi = mid;
    }
    const page: AccountEntry[] = [];
    let more = false;
    for (let i = lo; i < list.length; i++) {
      const e = list[i];
      if (since !== undefined && !(e.at > since && e.at <= cursor.asOf)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(e);
    }
    const last = page.at(-1);
    return {items: page.map((e) => this.accountRow(e).row), tombstones: [], nextCursor: last && more ? btoa(JSON.stringify([cursor.asOf, last.account.id])) : null, asOf: cursor.asOf};
  }

  /**
   * One account write in `scope`, on an account read with `ifMatch`: `apply` gives the records that
   * change (each saved with its audit entry), and the account is answered as the scope now sees it.
   */
  private async changeAccount(scope: Scope, accountId: Id, options: WriteOptions, what: string, act: CustomerAdminAct, apply: (e: AccountEntry) => Promise<{records: Organization[]; subject: string}>): Promise<AccountChange> {
    const {role} = this.scopeOf(scope);
    throwIfAborted(options.signal);
    if (role === 'customer-admin') throw notForCustomerAdmin(what, act);
    const entry = this.accountsIn(scope.tenantId).byId.get(accountId);
    if (!entry) throw new TenantryError('not-found', `No linked account "${accountId}" in this tenant.`, {reason: {id: 'account.not-found', params: {id: String(accountId).slice(0, 128)}}});
    if (options.ifMatch !== this.accountRow(entry).etag) throw new TenantryError('version-conflict', `The account “${entry.account.name}” was changed by someone else since you opened it.`, {reason: {id: 'account.changed', params: {name: entry.account.name}}});
    const {records, subject} = await apply(entry);
    // Accounts left with none (or taken up again) change the listing even without a record saved.
    this.store.revision++;
    const saved: Organization[] = [];
    for (const r of records) {
      const current = this.store.detail(r.id)!;
      const next = withDerived({...r, updatedAt: this.store.tick(), version: current.version + 1});
      await this.store.save(next, this.auditOf(scope, next, 'update', next.updatedAt, ['linkedAccounts'], subject));
      saved.push(next);
    }
    const now = this.accountsIn(scope.tenantId).byId.get(accountId) ?? {...entry, holders: []};
    const {row, etag} = this.accountRow(now);
    return {account: row, etag, organizations: saved.map(summarize)};
  }

  async assignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange> {
    return this.changeAccount(scope, accountId, options, 'assign linked accounts', 'assign-accounts', async (e) => {
      const org = this.visible(scope, orgId);
      const a = e.account;
      if (org.kind !== 'customer') throw new TenantryError('invalid-request', 'Linked accounts are assigned to customers only.', {issues: [{path: 'organizationId', message: 'is not a customer'}], reason: {id: 'account.customers-only', params: {}}});
      if (e.holders.some((h) => h.id === orgId)) throw new TenantryError('conflict', `“${a.name}” is already assigned to “${org.name}”.`, {reason: {id: 'account.already-assigned', params: {account: a.name, org: org.name}}});
      if (a.type === 'dedicated' && e.all > 0) {
        const holder = e.holders[0];
        throw new TenantryError('conflict', `“${a.name}” is a dedicated account${holder ? ` of “${holder.name}”` : ''}: unassign it there first.`, {
          reason: holder ? {id: 'account.dedicated-of', params: {account: a.name, holder: holder.name}} : {id: 'account.dedicated', params: {account: a.name}},
        });
      }
      this.store.detachedAccounts.delete(a.id);
      const current = this.store.detail(orgId)!;
      return {records: [{...current, linkedAccounts: [...current.linkedAccounts, {...a}]}], subject: `Linked account “${a.name}” assigned`};
    });
  }

  async unassignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange> {
    return this.changeAccount(scope, accountId, options, 'unassign linked accounts', 'unassign-accounts', async (e) => {
      const org = this.visible(scope, orgId);
      const a = e.account;
      if (!e.holders.some((h) => h.id === orgId)) throw new TenantryError('conflict', `“${a.name}” is not assigned to “${org.name}”.`, {reason: {id: 'account.not-assigned', params: {account: a.name, org: org.name}}});
      if (e.all === 1) this.store.detachedAccounts.set(a.id, {account: a, ancestorIds: [...org.ancestorIds], at: this.store.now()});
      const current = this.store.detail(orgId)!;
      return {records: [{...current, linkedAccounts: current.linkedAccounts.filter((x) => x.id !== a.id)}], subject: `Linked account “${a.name}” unassigned`};
    });
  }

  async updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, options: WriteOptions): Promise<AccountChange> {
    return this.changeAccount(scope, accountId, options, 'change linked accounts', 'change-accounts', async (e) => {
      const checked = await checkAccountPatch(patch, {...e.account, customerCount: e.all});
      const next: LinkedAccount = {...e.account, ...checked};
      const detached = this.store.detachedAccounts.get(accountId);
      if (detached) detached.account = next;
      const records = e.holders.map((h) => {
        const current = this.store.detail(h.id)!;
        return {...current, linkedAccounts: current.linkedAccounts.map((x) => (x.id === accountId ? {...x, ...checked} : x))};
      });
      return {records, subject: `Linked account “${next.name}” changed`};
    });
  }

  async listUsers(scope: Scope, options: UserQuery = {}): Promise<User[]> {
    this.scopeOf(scope);
    throwIfAborted(options.signal);
    const ids = options.ids ? checkUserIds(options.ids) : null;
    const limit = Math.min(Math.max(1, options.limit ?? (ids ? MAX_USER_IDS : 50)), 1000);
    const needle = (options.search ?? '').trim().toLowerCase();
    const out: User[] = [];
    const candidates = ids ? ids.flatMap((id) => this.store.usersById.get(id) ?? []) : this.store.users;
    for (const u of candidates) {
      if (out.length >= limit) break;
      const tenant = this.store.get(u.tenantId);
      if (!tenant || !inScope(tenant, scope.tenantId)) continue;
      if (needle && !u.displayName.toLowerCase().includes(needle) && !u.email.toLowerCase().includes(needle)) continue;
      out.push(u);
    }
    return out;
  }

  async fxRates(options?: CallOptions): Promise<FxRates> {
    throwIfAborted(options?.signal);
    this.actor();
    return structuredClone(DEMO_FX);
  }

  /**
   * Server-side truth for user references: names come from the directory. A user must be visible
   * from the scope, or already be in that field of the record (an unchanged reference to someone
   * above the scope, e.g. a reseller's owner at the distributor); anything else is reported in
   * `issues` alike, so an id outside the scope is indistinguishable from one that does not exist.
   * With `only`, just those fields are looked at (a patch's).
   */
  private resolveRefs<T extends Partial<Organization>>(value: T, scope: Scope, current: Organization | null, issues: Issue[], only?: readonly string[]): T {
    type RefField = 'owner' | 'admin' | 'accountManager' | 'readers' | 'engineers' | 'tenantAdmins';
    const had = (field: RefField, id: Id): boolean => {
      const was = current?.[field];
      return Array.isArray(was) ? was.some((u) => u.id === id) : was?.id === id;
    };
    const fix = (ref: UserRef | null | undefined, path: string, field: RefField): UserRef | null => {
      if (!ref) return null;
      const user = this.store.usersById.get(ref.id);
      const tenant = user && this.store.get(user.tenantId);
      if (!user || !((tenant && inScope(tenant, scope.tenantId)) || had(field, ref.id))) {
        issues.push({path: `${path}.id`, message: `no user "${ref.id}" in this tenant`});
        return ref;
      }
      return {id: user.id, displayName: user.displayName};
    };
    const out: Partial<Organization> = {...value};
    const look = (field: RefField) => value[field] !== undefined && (!only || only.includes(field));
    for (const field of ['owner', 'admin', 'accountManager'] as const) if (look(field)) out[field] = fix(value[field], field, field);
    for (const field of ['readers', 'engineers', 'tenantAdmins'] as const) if (look(field)) out[field] = value[field]!.map((u, i) => fix(u, `${field}[${i}]`, field)!);
    return out as T;
  }

  /** A partner subscription must be one of the billing partner's own. */
  private checkPartnerSubscription(value: string | null, partnerId: Id | null, issues: Issue[]): void {
    if (value !== null && !(partnerId && partnerSubscriptionValues(partnerId).includes(value))) {
      issues.push({path: 'billing.partnerSubscription', message: 'is not one of the partner’s subscriptions'});
    }
  }

  /** Whether `<prefix>.onmicrosoft.com` belongs to an account already: Microsoft's, the demo directory's, or an organization's. */
  private domainTaken(prefix: string): boolean {
    const domain = `${prefix}${ONMICROSOFT_SUFFIX}`;
    if (RESERVED_ONMICROSOFT_PREFIXES.includes(prefix)) return true;
    if (DEMO_MICROSOFT_ACCOUNTS.some((a) => a.verifiedDomains.includes(domain))) return true;
    for (const r of this.store.ofKind('reseller')) if (poolOf(r.id).some((t) => t.domain === domain)) return true;
    for (const o of this.store.slots()) if (o && o.tenants.some((t) => t.domain.toLowerCase() === domain)) return true;
    for (const {org} of this.store.changedRecords()) {
      const m = org.microsoftAccount;
      if (m?.mode === 'new' && m.domain.toLowerCase() === domain) return true;
    }
    return false;
  }

  async findDuplicates(scope: Scope, query: DuplicateQuery, options: CallOptions = {}): Promise<DuplicateCheck> {
    const {role} = this.scopeOf(scope);
    throwIfAborted(options.signal);
    if (role === 'customer-admin') throw notForCustomerAdmin('check for duplicate organizations', 'check-duplicates');
    const q = await checkDuplicateQuery(query);
    const name = q.name ? foldName(q.name) : '';
    // An organization out of sight is never left out on request: that would tell whether it matched.
    const exclude = q.excludeId && this.store.get(q.excludeId);
    const excludeId = exclude && inScope(exclude, scope.tenantId) ? exclude.id : null;
    const found: {match: DuplicateMatch; score: number}[] = [];
    let hiddenCount = 0;
    for (const o of this.store.slots()) {
      if (!o || o.id === excludeId) continue;
      const on: DuplicateField[] = [];
      let score = 0;
      const keys = matchKeysOf(o);
      if (name) {
        const how = compareFolded(name, keys.name);
        if (how) on.push('name'), (score += how === 'exact' ? 2 : 1);
      }
      if (q.domain && keys.domain === q.domain) on.push('domain'), (score += 2);
      if (q.tenantId && o.tenants.some((t) => t.tenantId.toLowerCase() === q.tenantId)) on.push('tenantId'), (score += 2);
      if (!on.length) continue;
      if (!inScope(o, scope.tenantId)) {
        hiddenCount++;
        continue;
      }
      const parent = o.parentId ? this.store.get(o.parentId) : null;
      const parentName = parent && inScope(parent, scope.tenantId) ? parent.name : null;
      found.push({match: {id: o.id, name: o.name, domain: o.domain, kind: o.kind, status: o.status, parentName, matchedOn: on}, score});
    }
    found.sort((a, b) => b.score - a.score || a.match.name.localeCompare(b.match.name) || (a.match.id < b.match.id ? -1 : 1));
    return {matches: found.slice(0, MAX_DUPLICATE_MATCHES).map((f) => f.match), hiddenCount};
  }

  async lookupMicrosoftAccount(scope: Scope, domain: string, options: CallOptions = {}): Promise<MicrosoftAccount | null> {
    this.scopeOf(scope);
    throwIfAborted(options.signal);
    const d = await checkLookupDomain(domain);
    const demo = DEMO_MICROSOFT_ACCOUNTS.find((a) => a.verifiedDomains.includes(d));
    if (demo) return structuredClone(demo);
    for (const r of this.store.ofKind('reseller')) {
      const t = poolOf(r.id).find((p) => p.domain === d);
      if (t) return accountOf(t, [t.domain]);
    }
    // The directories of organizations, as Microsoft knows them: the first verifies the company's domain too.
    for (const o of this.store.slots()) {
      if (!o?.tenants.length) continue;
      if (o.domain && o.domain.toLowerCase() === d) return accountOf(o.tenants[0], [o.domain, o.tenants[0].domain]);
      const k = o.tenants.findIndex((t) => t.domain.toLowerCase() === d);
      if (k >= 0) return accountOf(o.tenants[k], k === 0 && o.domain ? [o.domain, o.tenants[k].domain] : [o.tenants[k].domain]);
    }
    return null;
  }

  async checkMicrosoftDomain(scope: Scope, prefix: string, options: CallOptions = {}): Promise<DomainAvailability> {
    this.scopeOf(scope);
    throwIfAborted(options.signal);
    const p = checkDomainPrefix(prefix);
    const problem = await onmicrosoftPrefixProblem(p);
    if (problem) return {available: false, reason: problem};
    if (this.domainTaken(p)) return {available: false, reason: `${p}${ONMICROSOFT_SUFFIX} is already taken.`};
    return {available: true};
  }

  async listLinkableAzureTenants(scope: Scope, options: CallOptions = {}): Promise<LinkableAzureTenant[]> {
    const {tenant, role} = this.scopeOf(scope);
    throwIfAborted(options.signal);
    if (role === 'customer-admin') throw notForCustomerAdmin('link Azure tenants', 'link-azure');
    const resellers = tenant.kind === 'reseller' ? [tenant] : this.store.ofKind('reseller').filter((r) => inScope(r, scope.tenantId));
    const linkedTenants = new Set<string>();
    const linkedSubscriptions = new Set<string>();
    for (const {org} of this.store.changedRecords()) {
      for (const t of org.azureTenants) {
        linkedTenants.add(t.tenantId.toLowerCase());
        for (const sub of t.subscriptions) linkedSubscriptions.add(sub.id.toLowerCase());
      }
    }
    const out: LinkableAzureTenant[] = [];
    for (const r of resellers) {
      for (const t of poolOf(r.id)) {
        const subscriptions = t.subscriptions.filter((sub) => !linkedSubscriptions.has(sub.id.toLowerCase()));
        if (subscriptions.length || !linkedTenants.has(t.tenantId.toLowerCase())) out.push(structuredClone({...t, subscriptions}));
      }
    }
    return out;
  }

  async referenceLists(scope: Scope, options: ReferenceListOptions = {}): Promise<ReferenceLists> {
    const {tenant, role} = this.scopeOf(scope);
    const parent = options.parentId ? this.visible(scope, checkParentId(options.parentId)) : tenant;
    throwIfAborted(options.signal);
    // The partner that bills an organization below `parent`: the parent itself when it is a partner.
    const partnerId = parent.kind === 'distributor' || parent.kind === 'reseller' ? parent.id : partnerOf(parent);
    const partner = partnerId ? this.store.get(partnerId) : null;
    return {
      customerTypes: CUSTOMER_TYPES.map((value) => ({value, label: value})),
      // The partner's own subscriptions are the partner's business, not its customers'.
      partnerSubscriptions: role === 'customer-admin' || !partner ? [] : partnerSubscriptionsOf(partner),
      servicePlans: SERVICE_PLANS.map((value) => ({value, label: SERVICE_PLAN_LABELS[value]})),
      storageRegions: STORAGE_REGIONS.map((value) => ({value, label: REGION_LABELS[value]})),
      tenantTypes: TENANT_TYPES.map((value) => ({value, label: TENANT_TYPE_LABELS[value]})),
    };
  }
}

/** An admin user whose display name was left empty is shown by their full name. */
function withDisplayName<T extends Organization['adminUser']>(adminUser: T): T {
  if (!adminUser || adminUser.displayName.trim()) return adminUser;
  return {...adminUser, displayName: `${adminUser.firstName.trim()} ${adminUser.lastName.trim()}`.trim()};
}

interface Cursor {
  asOf: string;
  /** Full listing: the next slot to read. */
  pos: number;
  /** Delta listing: the (seenAt, id) of the last record sent. */
  after: [string, string] | null;
}

function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify(c));
}

/** Cursors come back from clients: treat them as untrusted input. */
function decodeCursor(s: string): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(atob(s));
  } catch {
    c = null;
  }
  const ok =
    typeof c === 'object' &&
    c !== null &&
    typeof (c as Cursor).asOf === 'string' &&
    !Number.isNaN(Date.parse((c as Cursor).asOf)) &&
    Number.isInteger((c as Cursor).pos) &&
    (c as Cursor).pos >= 0 &&
    ((c as Cursor).after === null || (Array.isArray((c as Cursor).after) && (c as Cursor).after!.length === 2 && (c as Cursor).after!.every((x) => typeof x === 'string')));
  if (!ok) throw badCursor();
  return c as Cursor;
}
