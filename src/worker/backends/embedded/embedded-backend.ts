/**
 * The embedded backend: the whole REST contract implemented in the data worker, so a new user
 * sees working screens with no server. Same semantics as a real backend: scope and role
 * enforcement, ETags and `If-Match`, idempotent creates, delta sync with tombstones.
 *
 * Data = a deterministic generated base (`seed.ts`, never stored) + an overlay of every change,
 * persisted in IndexedDB, so edits survive a reload and the base costs no storage.
 */
import {openDB, type IDBPDatabase, type IDBPTransaction} from 'idb';
import {checkUserIds, MAX_USER_IDS, type Backend, type CallOptions, type CreateOptions, type ListOptions, type LocalBackendConfig, type PageResult, type Scope, type UserQuery, type Versioned, type WriteOptions} from '../../../shared/contract/backend.js';
import {TenantryError, throwIfAborted} from '../../../shared/contract/errors.js';
import {validate} from '../../../shared/model/schema.js';
import {OrganizationInputSchema, OrganizationSchema} from '../../../shared/model/schemas.js';
import {SERVER_KEPT_FIELDS} from '../../../shared/model/types.js';
import type {
  FxRates,
  Id,
  Organization,
  OrganizationInput,
  OrganizationPatch,
  OrganizationSummary,
  Role,
  Session,
  TenantKind,
  TenantNode,
  Tombstone,
  User,
  UserRef,
} from '../../../shared/model/types.js';
import {DEMO_FX, detailFor, generateSeed, staffByTenant} from './seed.js';
import {DEMO_USERS} from '../../../shared/demo-tenant.js';
import {localOrigin} from '../origins.js';
import {summarize, withDerived} from '../../../shared/model/derive.js';

const DEFAULT_PAGE = 5000;
const MAX_PAGE = 10_000;

interface OverlayRecord {
  id: Id;
  /** The current full record; absent for a deletion. */
  org?: Organization;
  deleted?: {deletedAt: string; ancestorIds: Id[]};
}

interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  id: Id;
}

/** The role a tenant's own admin has; a switched-in admin acts with the scope tenant's role. */
export function roleOfKind(kind: TenantKind): Role {
  return kind === 'distributor' ? 'distributor-admin' : kind === 'reseller' ? 'reseller-admin' : 'customer-admin';
}

/** Fields a customer admin may change on its own organization. */
const CUSTOMER_ADMIN_WRITABLE = new Set<string>(['contacts', 'customLinks', 'notifications', 'companyAddress', 'billing', 'description']);
/** Fields no patch may carry: identity, hierarchy and what the server keeps. */
const IMMUTABLE = new Set<string>(['kind', 'parentId', 'customerOrganizationId', ...SERVER_KEPT_FIELDS]);

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
  readonly users: User[];
  readonly usersById = new Map<Id, User>();
  private readonly staff: Map<Id, User[]>;
  /** Highest server time handed out, so every later change is strictly newer than any `asOf`. */
  private clock = 0;

  /**
   * Every store of the same demo tenant (other tabs, the extension's pages, other workers) hears
   * each change, so they behave as one server does.
   */
  private readonly channel: BroadcastChannel | null;

  private constructor(
    seedOrgs: OrganizationSummary[],
    users: User[],
    private readonly db: IDBPDatabase | null,
    channelName: string,
  ) {
    this.orgs = seedOrgs;
    seedOrgs.forEach((o, i) => this.index.set(o!.id, i));
    this.users = users;
    for (const u of users) this.usersById.set(u.id, u);
    this.staff = staffByTenant(users);
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.channel?.addEventListener('message', (e: MessageEvent<{record: OverlayRecord; idempotency?: IdempotencyRecord}>) => {
      if (!e.data?.record?.id) return;
      this.replay(e.data.record);
      if (e.data.idempotency) this.idempotency.set(e.data.idempotency.key, e.data.idempotency);
    });
  }

  static async open(config: {organizations: number; seed: number; namespace: string}): Promise<EmbeddedStore> {
    const seed = generateSeed({organizations: config.organizations, seed: config.seed});
    const name = `tenantry-embedded:${config.namespace}:${config.seed}:${config.organizations}`;
    let db: IDBPDatabase | null = null;
    try {
      db = await withTimeout(
        openDB(name, 1, {
          upgrade(d) {
            d.createObjectStore('records', {keyPath: 'id'});
            d.createObjectStore('idempotency', {keyPath: 'key'});
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
      const [records, keys] = await Promise.all([db.getAll('records') as Promise<OverlayRecord[]>, db.getAll('idempotency') as Promise<IdempotencyRecord[]>]);
      records.sort((a, b) => stamp(a).localeCompare(stamp(b)));
      for (const rec of records) store.replay(rec);
      for (const k of keys) store.idempotency.set(k.key, k);
    }
    return store;
  }

  private replay(rec: OverlayRecord): void {
    // Stored and broadcast records are input like any other: a bad one is skipped, not trusted.
    if (rec.org && OrganizationSchema.is(rec.org)) {
      const mine = this.changed.get(rec.id)?.org;
      if (!mine || mine.version < rec.org.version) this.put(rec.org);
    }
    else if (rec.deleted) this.remove(rec.id, rec.deleted.deletedAt, rec.deleted.ancestorIds);
    this.clock = Math.max(this.clock, Date.parse(stamp(rec)) || 0);
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

  hasChildren(id: Id): boolean {
    return this.orgs.some((o) => o !== null && o.parentId === id);
  }

  idempotent(key: string): IdempotencyRecord | undefined {
    return this.idempotency.get(key);
  }

  private put(org: Organization): void {
    const summary = summarize(org);
    const i = this.index.get(org.id);
    if (i === undefined) {
      this.index.set(org.id, this.orgs.length);
      this.orgs.push(summary);
    } else {
      this.orgs[i] = summary;
    }
    this.changed.set(org.id, {org, seenAt: this.tick()});
  }

  private remove(id: Id, deletedAt: string, ancestorIds: Id[]): void {
    if (!this.index.has(id) && this.tombstones.some((t) => t.id === id)) return;
    const i = this.index.get(id);
    if (i !== undefined) this.orgs[i] = null;
    this.index.delete(id);
    this.changed.delete(id);
    this.tombstones.push({id, deletedAt, ancestorIds, seenAt: this.tick()});
  }

  async save(org: Organization, idempotency?: IdempotencyRecord): Promise<void> {
    this.put(org);
    if (idempotency) this.idempotency.set(idempotency.key, idempotency);
    this.channel?.postMessage({record: {id: org.id, org}, idempotency});
    await this.persist((tx) => {
      void tx.objectStore('records').put({id: org.id, org} satisfies OverlayRecord);
      if (idempotency) void tx.objectStore('idempotency').put(idempotency);
    });
  }

  async delete(org: OrganizationSummary): Promise<void> {
    const deletedAt = this.tick();
    this.remove(org.id, deletedAt, org.ancestorIds);
    const record: OverlayRecord = {id: org.id, deleted: {deletedAt, ancestorIds: org.ancestorIds}};
    this.channel?.postMessage({record});
    await this.persist((tx) => void tx.objectStore('records').put(record));
  }

  private async persist(write: (tx: IDBPTransaction<unknown, ('records' | 'idempotency')[], 'readwrite'>) => void): Promise<void> {
    if (!this.db) return;
    try {
      const tx = this.db.transaction(['records', 'idempotency'] as ('records' | 'idempotency')[], 'readwrite');
      write(tx);
      await tx.done;
    } catch {
      // The change is applied in memory; losing persistence must not fail the user's action.
    }
  }
}

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

/** The store for a configuration, opened once per worker and shared by all users' backends. */
function storeFor(config: LocalBackendConfig): Promise<EmbeddedStore> {
  const full = {organizations: config.organizations ?? 2000, seed: config.seed ?? 1, namespace: config.namespace ?? 'demo'};
  const key = `${full.namespace}:${full.seed}:${full.organizations}`;
  let store = stores.get(key);
  if (!store) {
    store = EmbeddedStore.open(full);
    stores.set(key, store);
    store.catch(() => stores.delete(key));
  }
  return store;
}

export async function createEmbeddedBackend(config: LocalBackendConfig): Promise<Backend> {
  return new EmbeddedBackend(await storeFor(config), config);
}

const etagOf = (org: {version: number}): string => `"${org.version}"`;
const inScope = (org: {id: Id; ancestorIds: readonly Id[]}, tenantId: Id): boolean => org.id === tenantId || org.ancestorIds.includes(tenantId);

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
    if (!user || !home || user.function !== 'admin') throw new TenantryError('unauthenticated', 'Sign in as an administrator to continue.');
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
      throw new TenantryError('forbidden', `You cannot act in tenant "${scope.tenantId}": it is not yours or below yours.`);
    }
    return {tenant, role: roleOfKind(tenant.kind)};
  }

  private visible(scope: Scope, id: Id): OrganizationSummary {
    this.scopeOf(scope);
    const org = this.store.get(id);
    if (!org || !inScope(org, scope.tenantId)) throw new TenantryError('not-found', `No organization "${id}" in this tenant.`);
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
      if (Number.isNaN(Date.parse(options.updatedSince))) throw new TenantryError('invalid-request', `updatedSince "${options.updatedSince}" is not a date-time.`);
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

  async createOrganization(scope: Scope, input: OrganizationInput, options: CreateOptions): Promise<Versioned<Organization>> {
    const {role} = this.scopeOf(scope);
    throwIfAborted(options.signal);
    if (!options.idempotencyKey) throw new TenantryError('invalid-request', 'A create needs an Idempotency-Key.');
    const fingerprint = JSON.stringify(input);
    const seen = this.store.idempotent(`${this.userId}|${options.idempotencyKey}`);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw new TenantryError('conflict', 'This Idempotency-Key was already used for a different organization.');
      const org = this.store.detail(seen.id);
      if (!org) throw new TenantryError('conflict', 'The organization created with this Idempotency-Key has since been deleted.');
      return {value: org, etag: etagOf(org)};
    }
    if (role === 'customer-admin') throw new TenantryError('forbidden', 'A customer administrator cannot create organizations.');
    const issues = validate(OrganizationInputSchema, input);
    if (issues.length) throw new TenantryError('invalid-request', 'The organization is not valid.', {issues});
    const parent = input.parentId ? this.store.get(input.parentId) : null;
    if (!parent || !inScope(parent, scope.tenantId)) throw new TenantryError('invalid-request', 'The parent organization is not in this tenant.', {issues: [{path: 'parentId', message: 'is not in this tenant'}]});
    const allowedParents: Record<TenantKind, TenantKind[]> = {
      distributor: [],
      reseller: ['distributor'],
      'customer-organization': ['reseller'],
      customer: ['reseller', 'customer-organization'],
    };
    if (!allowedParents[input.kind].includes(parent.kind)) {
      throw new TenantryError('invalid-request', `A ${input.kind} cannot be created under a ${parent.kind}.`, {issues: [{path: 'kind', message: `not allowed under a ${parent.kind}`}]});
    }
    const anchor = parent.kind === 'customer-organization' ? parent : null;
    if (anchor && anchor.status !== 'active') throw new TenantryError('invalid-request', 'Only an active customer organization can anchor new customers.');
    const now = this.store.tick();
    const org: Organization = withDerived({
      ...this.resolveRefs(input),
      id: `org-${crypto.randomUUID()}`,
      ancestorIds: [...parent.ancestorIds, parent.id],
      customerOrganizationId: anchor ? anchor.id : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as Organization);
    await this.store.save(org, {key: `${this.userId}|${options.idempotencyKey}`, fingerprint, id: org.id});
    return {value: org, etag: etagOf(org)};
  }

  async updateOrganization(scope: Scope, id: Id, patch: OrganizationPatch, options: WriteOptions): Promise<Versioned<Organization>> {
    const {role} = this.scopeOf(scope);
    this.visible(scope, id);
    throwIfAborted(options.signal);
    const current = this.store.detail(id)!;
    if (options.ifMatch !== etagOf(current)) {
      throw new TenantryError('version-conflict', `"${current.name}" was changed by someone else since you opened it.`, {currentVersion: current.version});
    }
    const keys = Object.keys(patch);
    const immutable = keys.filter((k) => IMMUTABLE.has(k));
    if (immutable.length) throw new TenantryError('invalid-request', `These fields cannot be changed: ${immutable.join(', ')}.`, {issues: immutable.map((path) => ({path, message: 'cannot be changed'}))});
    if (role === 'customer-admin') {
      const refused = keys.filter((k) => !CUSTOMER_ADMIN_WRITABLE.has(k));
      if (refused.length) throw new TenantryError('forbidden', `A customer administrator cannot change: ${refused.join(', ')}.`);
    }
    const next = withDerived({...current, ...this.resolveRefs(patch), updatedAt: this.store.tick(), version: current.version + 1});
    const issues = validate(OrganizationSchema, next);
    if (issues.length) throw new TenantryError('invalid-request', 'The change is not valid.', {issues});
    await this.store.save(next);
    return {value: next, etag: etagOf(next)};
  }

  async deleteOrganization(scope: Scope, id: Id, options: WriteOptions): Promise<void> {
    const {role} = this.scopeOf(scope);
    const org = this.visible(scope, id);
    throwIfAborted(options.signal);
    if (role === 'customer-admin') throw new TenantryError('forbidden', 'A customer administrator cannot delete organizations.');
    if (id === scope.tenantId) throw new TenantryError('forbidden', 'You cannot delete the tenant you are acting in.');
    if (options.ifMatch !== etagOf(org)) throw new TenantryError('version-conflict', `"${org.name}" was changed by someone else since you opened it.`, {currentVersion: org.version});
    if (org.status !== 'suspended') throw new TenantryError('conflict', `Suspend "${org.name}" before deleting it.`);
    if (this.store.hasChildren(id)) throw new TenantryError('conflict', `"${org.name}" still has organizations below it.`);
    await this.store.delete(org);
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

  /** Server-side truth for user references: names come from the directory, unknown ids are refused. */
  private resolveRefs<T extends Partial<Organization>>(value: T): T {
    const issues: {path: string; message: string}[] = [];
    const fix = (ref: UserRef | null | undefined, path: string): UserRef | null => {
      if (!ref) return null;
      const user = this.store.usersById.get(ref.id);
      if (!user) {
        issues.push({path: `${path}.id`, message: `no user "${ref.id}"`});
        return ref;
      }
      return {id: user.id, displayName: user.displayName};
    };
    const out: Partial<Organization> = {...value};
    if (value.owner !== undefined) out.owner = fix(value.owner, 'owner');
    if (value.admin !== undefined) out.admin = fix(value.admin, 'admin');
    if (value.accountManager !== undefined) out.accountManager = fix(value.accountManager, 'accountManager');
    if (value.readers) out.readers = value.readers.map((u, i) => fix(u, `readers[${i}]`)!);
    if (value.engineers) out.engineers = value.engineers.map((u, i) => fix(u, `engineers[${i}]`)!);
    if (issues.length) throw new TenantryError('invalid-request', 'Some users do not exist.', {issues});
    return out as T;
  }
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
  if (!ok) throw new TenantryError('invalid-request', 'The page cursor is not valid; start the listing again.');
  return c as Cursor;
}
