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
import {TenantryError} from './errors.js';
import type {
  FxRates,
  Id,
  Instant,
  Organization,
  OrganizationInput,
  OrganizationPage,
  OrganizationPatch,
  Session,
  TenantNode,
  User,
} from '../model/types.js';

/** The tenant whose view a request acts in. */
export interface Scope {
  tenantId: Id;
}

export interface CallOptions {
  signal?: AbortSignal;
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
  if (ids.length > MAX_USER_IDS) throw new TenantryError('invalid-request', `At most ${MAX_USER_IDS} user ids can be looked up at once.`);
  for (const id of ids) if (typeof id !== 'string' || !USER_ID.test(id)) throw new TenantryError('invalid-request', 'A user id to look up is not valid.');
  return [...new Set(ids as string[])];
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
  /** Users visible from the scope, for owner/reader pickers. */
  listUsers(scope: Scope, options?: UserQuery): Promise<User[]>;
  fxRates(options?: CallOptions): Promise<FxRates>;
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
  /** Cookie policy of each request; `include` for cookie sessions across origins. Default `same-origin`. */
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
