/**
 * The one interface every backend implements: the embedded one (`backends/embedded/`) and the HTTP
 * client of a host's REST API (`backends/http/`). Both run inside the data worker. The REST form
 * of this contract is `openapi/tenantry.openapi.json`; one contract test suite runs against both.
 *
 * Tenancy: the caller is identified by its credentials; every call names the acting scope (the
 * tenant whose view is being shown). The backend refuses a scope outside the caller's own tenant
 * and its descendants, and only ever returns the scope tenant and what lies below it.
 */
import type {Rejected} from '../model/schemas.js';
import {misuse, type TenantryError} from './errors.js';
import {domainKey, foldName, isDirectoryId, normalizeDomain, onmicrosoftPrefix} from './server-checks.js';
import type {AuditQuery} from './audit.js';
import type {CallOptions} from './call.js';
import type {CommerceQuery, ContractQuery} from './details.js';
import type {
  AccountChange,
  AccountPage,
  AccountPatch,
  AuditPage,
  CommerceKind,
  CommercePage,
  ConsoleLink,
  ContactInput,
  ContractPage,
  PeopleChange,
  DomainAvailability,
  DuplicateCheck,
  FxRates,
  Id,
  Instant,
  LifecycleAction,
  LifecycleImpact,
  LinkableAzureTenant,
  MicrosoftAccount,
  Organization,
  OrganizationInput,
  OrganizationPage,
  OrganizationPatch,
  ReferenceLists,
  Session,
  TenantNode,
  User,
} from '../model/types.js';

export type {AuditQuery, CallOptions, CommerceQuery, ContractQuery};

/** The tenant whose view a request acts in. */
export interface Scope {
  tenantId: Id;
}

export interface ListOptions extends CallOptions {
  /** Only changes (and tombstones) after this server time: a delta sync. */
  updatedSince?: Instant;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size; the server may cap it. */
  limit?: number;
}

/** A page as the client keeps it: conforming items, plus a report of the ones that did not. */
export interface PageResult extends OrganizationPage {
  rejected: Rejected[];
}

/** A page of accounts as the client keeps it: conforming items, and (from a backend that checks them) a report of the ones that did not. */
export interface AccountPageResult extends AccountPage {
  rejected?: Rejected[];
}

/** A record with the entity tag to send back as `If-Match` when changing it. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface CreateOptions extends CallOptions {
  /** Same key, same result: a retried create never makes a duplicate. Required. */
  idempotencyKey: string;
}

export interface WriteOptions extends CallOptions {
  /** The ETag read with the record; a mismatch is a `version-conflict`. */
  ifMatch: string;
}

export interface UserQuery extends CallOptions {
  search?: string;
  limit?: number;
  /**
   * Only these users (at most `MAX_USER_IDS`; e.g. to name the owners of a restored view): ids that
   * are unknown or outside the scope are left out, so an empty list means none. Combines with
   * `search`; `limit` defaults to the number of ids.
   */
  ids?: readonly Id[];
}

/** Most ids one `listUsers` call may name. */
export const MAX_USER_IDS = 100;
const USER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `ids` of a user query, checked: at most `MAX_USER_IDS` well-formed ids, duplicates dropped; else `invalid-request`. */
export function checkUserIds(ids: readonly unknown[]): Id[] {
  if (ids.length > MAX_USER_IDS) throw misuse('invalid-request', `At most ${MAX_USER_IDS} user ids can be looked up at once.`);
  for (const id of ids) if (typeof id !== 'string' || !USER_ID.test(id)) throw misuse('invalid-request', 'A user id to look up is not valid.');
  return [...new Set(ids as string[])];
}

/** What a new organization is checked against for duplicates: at least one of name, domain and tenant ID. */
export interface DuplicateQuery {
  /** Compared folded: case, accents, spacing and trailing legal forms ignored; one typo tolerated in longer names. */
  name?: string;
  /** Compared case-insensitively, exactly (a leading `www.` ignored). */
  domain?: string;
  /** An Azure directory (tenant) ID, compared with the organizations' `tenants[].tenantId`. */
  tenantId?: string;
  /** Leave this organization out (the one being edited). */
  excludeId?: Id;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const invalid = (path: string, message: string, what: string): TenantryError =>
  misuse('invalid-request', `${what}: ${path} ${message}.`, {issues: [{path, message}]});

/**
 * A duplicate query, checked and put in the form servers compare: a name with letters or digits
 * (at most 1,000 characters), a domain name, a GUID; absent or empty parts dropped; at least one
 * part left; else `invalid-request` naming the part. The domain is read by the rule of the
 * wizard's domain field, loaded on first use.
 */
export async function checkDuplicateQuery(query: DuplicateQuery): Promise<DuplicateQuery> {
  const what = 'The duplicate check is not valid';
  const text = (v: unknown, path: string, max: number): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalid(path, 'must be text', what);
    if (v.length > max) throw invalid(path, `must be at most ${max} characters`, what);
    return v.trim() || undefined;
  };
  const out: DuplicateQuery = {};
  const name = text(query.name, 'name', 1000);
  if (name !== undefined) {
    if (!foldName(name)) throw invalid('name', 'must hold letters or digits', what);
    out.name = name;
  }
  const domain = text(query.domain, 'domain', 253);
  if (domain !== undefined) {
    const d = await normalizeDomain(domain);
    if (d === null) throw invalid('domain', 'must be a domain name (example.com)', what);
    out.domain = domainKey(d);
  }
  const tenantId = text(query.tenantId, 'tenantId', 64);
  if (tenantId !== undefined) {
    if (!isDirectoryId(tenantId)) throw invalid('tenantId', 'must be a directory (tenant) ID, a GUID', what);
    out.tenantId = tenantId.toLowerCase();
  }
  const excludeId = text(query.excludeId, 'excludeId', 128);
  if (excludeId !== undefined) {
    if (!ID.test(excludeId)) throw invalid('excludeId', 'must be an organization id', what);
    out.excludeId = excludeId;
  }
  if (out.name === undefined && out.domain === undefined && out.tenantId === undefined) {
    throw misuse('invalid-request', `${what}: give a name, a domain or a tenant ID to look for.`, {issues: [{path: '(root)', message: 'needs a name, domain or tenantId'}]});
  }
  return out;
}

/** The domain of a Microsoft account lookup (`Contoso.com` → `contoso.com`), by the domain field's rule; else `invalid-request`. */
export async function checkLookupDomain(domain: unknown): Promise<string> {
  const d = typeof domain === 'string' && domain.length <= 253 ? await normalizeDomain(domain) : null;
  if (d === null) throw invalid('domain', 'must be a domain name (example.com)', 'The Microsoft account lookup is not valid');
  return d;
}

/**
 * The prefix of a `.onmicrosoft.com` check as servers compare it (trimmed, lower case, a pasted
 * suffix taken off). Only an absurd one (not text, over 100 characters) is an `invalid-request`;
 * a malformed one is answered `available: false` with the reason.
 */
export function checkDomainPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || prefix.length > 100) throw invalid('prefix', 'must be text of at most 100 characters', 'The domain check is not valid');
  return onmicrosoftPrefix(prefix);
}

export interface ReferenceListOptions extends CallOptions {
  /**
   * The lists as they apply to a new organization below this one (default: the scope tenant):
   * its partner's subscriptions. Must be visible from the scope.
   */
  parentId?: Id;
}

/** A `parentId` of the reference lists: an organization id; else `invalid-request`. */
export function checkParentId(parentId: unknown): Id {
  if (typeof parentId !== 'string' || !ID.test(parentId)) throw invalid('parentId', 'must be an organization id', 'The reference lists request is not valid');
  return parentId;
}

export interface Backend {
  /** Identity of the data source for cache keys: `local:…` or the API's origin and path. */
  readonly origin: string;
  session(options?: CallOptions): Promise<Session>;
  /** The hierarchy visible from the scope: the scope tenant and all below it. */
  listTenants(scope: Scope, options?: CallOptions): Promise<TenantNode[]>;
  listOrganizations(scope: Scope, options?: ListOptions): Promise<PageResult>;
  getOrganization(scope: Scope, id: Id, options?: CallOptions): Promise<Versioned<Organization>>;
  createOrganization(scope: Scope, input: OrganizationInput, options: CreateOptions): Promise<Versioned<Organization>>;
  updateOrganization(scope: Scope, id: Id, patch: OrganizationPatch, options: WriteOptions): Promise<Versioned<Organization>>;
  /** Only a suspended organization may be deleted; otherwise a `conflict`. */
  deleteOrganization(scope: Scope, id: Id, options: WriteOptions): Promise<void>;
  /**
   * Moves an organization along its lifecycle by the server's rules (`LIFECYCLE_MOVES` in
   * `lifecycle.ts`): the changed record with its new ETag. A move not allowed from the current
   * status is a `conflict` naming both; a stale `If-Match` a `version-conflict`. A customer's view
   * may not move (`forbidden`), nor may anyone move the tenant they act in.
   */
  transitionOrganization(scope: Scope, id: Id, action: LifecycleAction, options: WriteOptions): Promise<Versioned<Organization>>;
  /**
   * What a lifecycle move of an organization would touch (organizations below it by kind, linked
   * accounts, users, scheduled collections), counted within the scope. Refused like the move
   * itself: a `conflict` when the move is not allowed from the current status.
   */
  lifecycleImpact(scope: Scope, id: Id, action: LifecycleAction, options?: CallOptions): Promise<LifecycleImpact>;
  /**
   * Every write made through the backend (create, update, lifecycle move, delete), newest first,
   * in pages; only entries about organizations visible from the scope.
   */
  listAuditLog(scope: Scope, query?: AuditQuery): Promise<AuditPage>;
  /**
   * Adds a contact to an organization read with `If-Match`: the changed record with its new ETag.
   * The contact is checked by the customer wizard's rules for a contact (issues at its own paths:
   * `email`, `firstName`…); the first contact must be primary (`conflict`). A customer's view may
   * change its own contacts. Recorded in the audit log (`contact-add`, the contact's name as subject).
   */
  addContact(scope: Scope, orgId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>>;
  /**
   * Replaces a contact's fields (checked like `addContact`). Giving the last primary contact
   * another role is a `conflict` ("Make another contact primary before removing …"); an unknown
   * contact is `not-found`.
   */
  updateContact(scope: Scope, orgId: Id, contactId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>>;
  /** Removes a contact; removing the last primary contact is a `conflict`, an unknown one `not-found`. */
  deleteContact(scope: Scope, orgId: Id, contactId: Id, options: WriteOptions): Promise<Versioned<Organization>>;
  /**
   * Changes the people of an organization, one role at a time: readers, engineers or tenant
   * administrators added and removed (no duplicates), the account manager set or cleared, the
   * run-as account's name set or cleared (its rule; required while data is collected). Users must
   * be visible from the scope (else `invalid-request` at `add[i]` or `userId`). A customer's view may
   * not (`forbidden`). Recorded in the audit log (`people-change`, who was added or removed as subject).
   */
  changePeople(scope: Scope, orgId: Id, change: PeopleChange, options: WriteOptions): Promise<Versioned<Organization>>;
  /**
   * Starts an onboarding task: a startable task still to do goes in progress; any other is a
   * `conflict` naming the task and its state; an unknown one `not-found`. A customer's view may not
   * (`forbidden`). Recorded in the audit log (`onboarding-start`, the task's title as subject).
   */
  startOnboardingTask(scope: Scope, orgId: Id, taskId: Id, options: WriteOptions): Promise<Versioned<Organization>>;
  /**
   * Contracts of the organizations visible from the scope (or of one, `organizationId`), by end
   * date (open-ended last) then id, in pages with an opaque cursor, with the `total` the query matches.
   */
  listContracts(scope: Scope, query?: ContractQuery): Promise<ContractPage>;
  /**
   * One of an organization's read-only commerce lists (products, orders, invoices, subscriptions),
   * newest first, in pages, with its `total`; visible like the organization. A backend that keeps
   * no such list answers an empty page (never `not-found` for the list itself).
   */
  listCommerce<K extends CommerceKind>(scope: Scope, orgId: Id, kind: K, query?: CommerceQuery): Promise<CommercePage<K>>;
  /**
   * Where an administrator opens the organization's own console (an absolute http(s) URL the
   * backend makes, maybe signed and expiring), or `null` where it has none. A client refuses any
   * other link as the backend's fault (`invalid-response`).
   */
  tenantConsoleLink(scope: Scope, orgId: Id, options?: CallOptions): Promise<ConsoleLink | null>;
  /**
   * Linked cloud accounts as their own list (the accounts view): each account once, with the
   * customers visible from the scope it is assigned to; paged, and as a delta since a previous
   * `asOf` (`updatedSince`) like `listOrganizations`.
   */
  listAccounts(scope: Scope, options?: ListOptions): Promise<AccountPageResult>;
  /**
   * Assigns an account read with `If-Match` (its ETag from `listAccounts` or a previous write) to a
   * customer visible from the scope: a dedicated account serves one customer (assigned elsewhere:
   * `conflict`); only customers take accounts (`invalid-request` at `organizationId`). Answers the
   * account with its new ETag and the changed organizations. A customer's view may not (`forbidden`).
   */
  assignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange>;
  /** Takes an account off a customer (not assigned there: `conflict`); an account left with none stays listed. */
  unassignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange>;
  /** Renames an account, makes it shared or dedicated (dedicated while it serves more than one customer: `conflict`) or changes its automation (`checkAccountPatch` in `accounts.ts`), in every record of the scope that holds it. */
  updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, options: WriteOptions): Promise<AccountChange>;
  /** Users visible from the scope, for owner/reader pickers. */
  listUsers(scope: Scope, options?: UserQuery): Promise<User[]>;
  fxRates(options?: CallOptions): Promise<FxRates>;

  /**
   * Organizations that may already be the one being entered (see {@link DuplicateQuery} for how
   * each part matches). `matches` holds only organizations visible from the scope; matches
   * anywhere else in the channel are only counted in `hiddenCount`, never named. A customer's
   * view may not ask (`forbidden`); a query with nothing to look for is an `invalid-request`.
   */
  findDuplicates(scope: Scope, query: DuplicateQuery, options?: CallOptions): Promise<DuplicateCheck>;
  /**
   * The Microsoft account that has verified `domain` (case-insensitive), or `null`. Microsoft's
   * directory data only: never which organization of the channel uses it.
   */
  lookupMicrosoftAccount(scope: Scope, domain: string, options?: CallOptions): Promise<MicrosoftAccount | null>;
  /**
   * Whether `<prefix>.onmicrosoft.com` can name a new Microsoft account: 1–27 letters and digits,
   * not taken. A malformed or taken prefix is `available: false` with the reason.
   */
  checkMicrosoftDomain(scope: Scope, prefix: string, options?: CallOptions): Promise<DomainAvailability>;
  /**
   * Azure directories the scope's partner has access to, each with its subscriptions not yet
   * linked to an organization. A customer's view may not ask (`forbidden`).
   */
  listLinkableAzureTenants(scope: Scope, options?: CallOptions): Promise<LinkableAzureTenant[]>;
  /**
   * The choices the customer wizard offers: customer types, the subscriptions of the partner that
   * bills a new organization below `parentId` (none in a customer's view), service plans, storage
   * regions and tenant types.
   */
  referenceLists(scope: Scope, options?: ReferenceListOptions): Promise<ReferenceLists>;
}

/** The embedded backend: the contract implemented in the worker over IndexedDB, with demo data. */
export interface LocalBackendConfig {
  kind: 'local';
  /** How many customer organizations the generated demo tenant holds. Default 2,000. */
  organizations?: number;
  /** Seed of the deterministic generator. Default 1. */
  seed?: number;
  /** The demo user to act as; default the distributor's admin. See `DEMO_USERS`. */
  userId?: string;
  /** Separates the embedded store's database (tests use it to start from nothing). */
  namespace?: string;
}

/** A host's REST backend. Credentials come from a token provider or cookies, never an attribute. */
export interface HttpBackendConfig {
  kind: 'http';
  /** Base URL of the API, e.g. `https://psa.example.com/api/tenantry/`. http(s) only. */
  baseUrl: string;
  /**
   * Cookie policy of each request; `include` for cookie sessions across origins. Default
   * `same-origin`. A cookie session (`<tenantry-config auth="cookie">`) is `include` with no token
   * provider: no `Authorization` header is sent, the host's own session cookie is.
   */
  credentials?: RequestCredentials;
  /** Per-attempt timeout. Default 15 s. */
  timeoutMs?: number;
  /** Attempts for idempotent calls, including the first. Default 4. */
  maxAttempts?: number;
  /** Largest response body accepted. Default 8 MiB. */
  maxResponseBytes?: number;
  /** First backoff step; doubles per attempt, capped, with full jitter. Default 300 ms. */
  backoffBaseMs?: number;
  /** Longest single wait between attempts (also caps `Retry-After`). Default 10 s. */
  backoffCapMs?: number;
}

export type BackendConfig = LocalBackendConfig | HttpBackendConfig;

/** Supplies a bearer token per request (refreshing as it sees fit); `null` sends none. */
export type TokenProvider = () => Promise<string | null>;
