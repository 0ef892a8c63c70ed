/**
 * The HTTP client of a host's REST API (`openapi/tenantry.openapi.json`), as a {@link Backend}.
 *
 * Runs in the data worker, so it uses only fetch, streams, timers and AbortSignal (no DOM). It is
 * the trust boundary: every response is size-capped, parsed and checked against the model schemas
 * before anything downstream sees it, and every failure becomes a {@link TenantryError} with a
 * reason the page words (`reasons.ts`), and an English message that names the request for logs.
 */
import type {
  AuditQuery,
  Backend,
  CallOptions,
  CreateOptions,
  DuplicateQuery,
  HttpBackendConfig,
  ListOptions,
  AccountPageResult,
  PageResult,
  ReferenceListOptions,
  Scope,
  TokenProvider,
  UserQuery,
  Versioned,
  WriteOptions,
} from '../../../shared/contract/backend.js';
import {checkDomainPrefix, checkDuplicateQuery, checkLookupDomain, checkParentId, checkUserIds} from '../../../shared/contract/backend.js';
import {normaliseBaseUrl} from '../../../shared/contract/origins.js';
import {checkAuditQuery} from '../../../shared/contract/audit.js';
import {checkLifecycleAction} from '../../../shared/contract/lifecycle.js';
import {accountPageSize} from '../../../shared/contract/accounts.js';
import {checkCommerceKind, checkCommerceQuery, checkConsoleLink, checkContractQuery, checkPeopleChange, type CommerceQuery, type ContractQuery} from '../../../shared/contract/details.js';
import {abortError, misuse, TenantryError, type ErrorCode, type ErrorDetails} from '../../../shared/contract/errors.js';
import {checkReason, type Reason} from '../../../shared/contract/reasons.js';
import {array, formatIssues, nullable, object, string, unknown, validate, withDefaults, type Issue, type Schema} from '../../../shared/model/schema.js';
import {
  AccountChangeSchema,
  AccountSummarySchema,
  AuditPageSchema,
  CommercePageSchema,
  ConsoleLinkAnswerSchema,
  ContractPageSchema,
  DomainAvailabilitySchema,
  DuplicateCheckSchema,
  ErrorBodySchema,
  FxRatesSchema,
  instant,
  LifecycleImpactSchema,
  LinkableAzureTenantListSchema,
  MicrosoftAccountLookupSchema,
  OrganizationSchema,
  OrganizationSummarySchema,
  partitionValid,
  ReferenceListsSchema,
  SessionSchema,
  TenantNodeSchema,
  TombstoneSchema,
  UserSchema,
  type Rejected,
} from '../../../shared/model/schemas.js';
import type {
  AccountChange,
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
  LifecycleAction,
  LifecycleImpact,
  LinkableAzureTenant,
  MicrosoftAccount,
  Organization,
  OrganizationInput,
  OrganizationPatch,
  ReferenceLists,
  Session,
  TenantNode,
  Tombstone,
  User,
} from '../../../shared/model/types.js';

export interface HttpBackendOptions {
  /**
   * Told about list items that failed their check and were dropped. Organization pages also
   * report them in `PageResult.rejected`; tenant and user lists return bare arrays, so this is
   * their only report (the data worker logs it).
   */
  onRejected?: (request: string, rejected: readonly Rejected[]) => void;
}

const DEFAULTS = {
  timeoutMs: 15_000,
  maxAttempts: 4,
  maxResponseBytes: 8 * 1024 * 1024,
  backoffBaseMs: 300,
  backoffCapMs: 10_000,
  credentials: 'same-origin' as RequestCredentials,
};

/** Error bodies are small; reading more of one would only waste memory. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Longest server-supplied text shown in a message. */
const MAX_SHOWN_TEXT = 200;

/**
 * When a failed attempt may be repeated. `read`: a GET (also on a 500). `idempotent`: DELETE
 * and the keyed create (the server deduplicates by `Idempotency-Key`). `never`: PATCH.
 */
type RetryPolicy = 'read' | 'idempotent' | 'never';

interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path relative to the base URL, already encoded. */
  path: string;
  /** `GET organizations`: what messages and logs call this request. */
  label: string;
  scope?: Scope;
  query?: Record<string, string | number | undefined>;
  /** Send query parameters whose value is empty (by default they are left out). */
  keepEmpty?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
  retry: RetryPolicy;
  signal?: AbortSignal;
}

interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON; `undefined` for an empty body. */
  json: unknown;
}

const PageEnvelopeSchema = object<{items: unknown[]; tombstones: Tombstone[]; nextCursor: string | null; asOf: string}>({
  items: array(unknown(), {maxItems: 10_000}),
  tombstones: array(TombstoneSchema, {maxItems: 100_000}),
  nextCursor: nullable(string({maxLength: 1000})),
  asOf: instant,
});

const AccountPageEnvelopeSchema = object<{items: unknown[]; tombstones: Tombstone[]; nextCursor: string | null; asOf: string}>({
  items: array(unknown(), {maxItems: 10_000}),
  tombstones: array(TombstoneSchema, {maxItems: 100_000}),
  nextCursor: nullable(string({maxLength: 1000})),
  asOf: instant,
});

/** Tenant and user lists: an `items` envelope, so fields can be added without breaking clients. */
const ListEnvelopeSchema = object<{items: unknown[]}>({items: array(unknown(), {maxItems: 200_000})});

export class HttpBackend implements Backend {
  readonly origin: string;
  private readonly base: URL;
  private readonly settings: typeof DEFAULTS;
  /** `Date.now()` before which no request goes out: the latest `Retry-After` holds for the whole backend. */
  private notBefore = 0;

  constructor(
    config: HttpBackendConfig,
    private readonly tokenProvider?: TokenProvider,
    private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
    private readonly options: HttpBackendOptions = {},
  ) {
    this.base = normaliseBaseUrl(config.baseUrl);
    this.origin = this.base.href;
    this.settings = {
      timeoutMs: positive(config.timeoutMs, DEFAULTS.timeoutMs, 'timeoutMs'),
      maxAttempts: Math.floor(positive(config.maxAttempts, DEFAULTS.maxAttempts, 'maxAttempts')),
      maxResponseBytes: positive(config.maxResponseBytes, DEFAULTS.maxResponseBytes, 'maxResponseBytes'),
      backoffBaseMs: nonNegative(config.backoffBaseMs, DEFAULTS.backoffBaseMs, 'backoffBaseMs'),
      backoffCapMs: nonNegative(config.backoffCapMs, DEFAULTS.backoffCapMs, 'backoffCapMs'),
      credentials: config.credentials ?? DEFAULTS.credentials,
    };
  }

  async session(options: CallOptions = {}): Promise<Session> {
    const label = 'GET session';
    const reply = await this.send({method: 'GET', path: 'session', label, retry: 'read', signal: options.signal});
    return check(SessionSchema, reply, label);
  }

  async listTenants(scope: Scope, options: CallOptions = {}): Promise<TenantNode[]> {
    const label = 'GET tenants';
    const reply = await this.send({method: 'GET', path: 'tenants', label, scope, retry: 'read', signal: options.signal});
    return this.items(TenantNodeSchema, check(ListEnvelopeSchema, reply, label).items, label);
  }

  async listOrganizations(scope: Scope, options: ListOptions = {}): Promise<PageResult> {
    const label = 'GET organizations';
    const {updatedSince, cursor, limit, signal} = options;
    const query = {updatedSince, cursor, limit};
    const reply = await this.send({method: 'GET', path: 'organizations', label, scope, query, retry: 'read', signal});
    const page = check(PageEnvelopeSchema, reply, label);
    const {valid, rejected} = partitionValid(OrganizationSummarySchema, page.items, 'items');
    if (rejected.length) this.options.onRejected?.(label, rejected);
    return {items: valid, tombstones: page.tombstones, nextCursor: page.nextCursor, asOf: page.asOf, rejected};
  }

  async getOrganization(scope: Scope, id: Id, options: CallOptions = {}): Promise<Versioned<Organization>> {
    const path = orgPath(id);
    const label = `GET ${path}`;
    const reply = await this.send({method: 'GET', path, label, scope, retry: 'read', signal: options.signal});
    return versioned(checkOrganization(reply, label), reply);
  }

  async createOrganization(scope: Scope, input: OrganizationInput, options: CreateOptions): Promise<Versioned<Organization>> {
    const label = 'POST organizations';
    const key = options?.idempotencyKey;
    // Without a key a retried create could make a duplicate, so it is refused before any request.
    if (typeof key !== 'string' || !key.trim() || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw misuse('config', `${label}: an Idempotency-Key (1–255 visible ASCII characters) is required for every create.`, {request: label});
    }
    const reply = await this.send({
      method: 'POST',
      path: 'organizations',
      label,
      scope,
      body: input,
      headers: {'Idempotency-Key': key},
      retry: 'idempotent',
      signal: options.signal,
    });
    return versioned(checkOrganization(reply, label), reply);
  }

  async updateOrganization(scope: Scope, id: Id, patch: OrganizationPatch, options: WriteOptions): Promise<Versioned<Organization>> {
    const path = orgPath(id);
    const label = `PATCH ${path}`;
    const reply = await this.send({
      method: 'PATCH',
      path,
      label,
      scope,
      body: patch,
      headers: {'If-Match': requireEtag(options?.ifMatch, label)},
      retry: 'never',
      signal: options.signal,
    });
    return versioned(checkOrganization(reply, label), reply);
  }

  async deleteOrganization(scope: Scope, id: Id, options: WriteOptions): Promise<void> {
    const path = orgPath(id);
    const label = `DELETE ${path}`;
    await this.send({
      method: 'DELETE',
      path,
      label,
      scope,
      headers: {'If-Match': requireEtag(options?.ifMatch, label)},
      retry: 'idempotent',
      signal: options.signal,
    });
  }

  async transitionOrganization(scope: Scope, id: Id, action: LifecycleAction, options: WriteOptions): Promise<Versioned<Organization>> {
    const path = `${orgPath(id)}/transitions`;
    const label = `POST ${path}`;
    const reply = await this.send({
      method: 'POST',
      path,
      label,
      scope,
      body: {action: checkLifecycleAction(action)},
      headers: {'If-Match': requireEtag(options?.ifMatch, label)},
      // A move is a write: never repeated (a lost answer is found by reading the record again).
      retry: 'never',
      signal: options.signal,
    });
    return versioned(checkOrganization(reply, label), reply);
  }

  async lifecycleImpact(scope: Scope, id: Id, action: LifecycleAction, options: CallOptions = {}): Promise<LifecycleImpact> {
    const path = `${orgPath(id)}/lifecycle-impact`;
    const label = `GET ${path}`;
    const query = {action: checkLifecycleAction(action)};
    const reply = await this.send({method: 'GET', path, label, scope, query, retry: 'read', signal: options.signal});
    return check(LifecycleImpactSchema, reply, label);
  }

  async listAuditLog(scope: Scope, query: AuditQuery = {}): Promise<AuditPage> {
    const label = 'GET audit-log';
    // Checked here too: a query the server would refuse is refused before any request.
    const {cursor: _c, ...q} = checkAuditQuery(query);
    const params = {...q, cursor: query.cursor};
    const reply = await this.send({method: 'GET', path: 'audit-log', label, scope, query: params, retry: 'read', signal: query.signal});
    return check(AuditPageSchema, reply, label);
  }

  async addContact(scope: Scope, orgId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.writeDetails(scope, 'POST', `${orgPath(orgId)}/contacts`, input, options);
  }

  async updateContact(scope: Scope, orgId: Id, contactId: Id, input: ContactInput, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.writeDetails(scope, 'PUT', `${orgPath(orgId)}/contacts/${encodeURIComponent(contactId)}`, input, options);
  }

  async deleteContact(scope: Scope, orgId: Id, contactId: Id, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.writeDetails(scope, 'DELETE', `${orgPath(orgId)}/contacts/${encodeURIComponent(contactId)}`, undefined, options);
  }

  async changePeople(scope: Scope, orgId: Id, change: PeopleChange, options: WriteOptions): Promise<Versioned<Organization>> {
    // Checked here too: a change the server would refuse for its shape is refused before any request.
    return this.writeDetails(scope, 'POST', `${orgPath(orgId)}/people`, checkPeopleChange(change), options);
  }

  async startOnboardingTask(scope: Scope, orgId: Id, taskId: Id, options: WriteOptions): Promise<Versioned<Organization>> {
    return this.writeDetails(scope, 'POST', `${orgPath(orgId)}/onboarding-tasks/${encodeURIComponent(taskId)}/start`, undefined, options);
  }

  /** A write to an organization's details: sent once with `If-Match`, answered with the changed record and its new ETag. */
  private async writeDetails(scope: Scope, method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, options: WriteOptions): Promise<Versioned<Organization>> {
    const label = `${method} ${path}`;
    const reply = await this.send({
      method,
      path,
      label,
      scope,
      body,
      headers: {'If-Match': requireEtag(options?.ifMatch, label)},
      // A write is never repeated: a lost answer is found by reading the record again.
      retry: 'never',
      signal: options.signal,
    });
    return versioned(checkOrganization(reply, label), reply);
  }

  async listContracts(scope: Scope, query: ContractQuery = {}): Promise<ContractPage> {
    const label = 'GET contracts';
    const {cursor: _c, ...q} = checkContractQuery(query);
    const params = {...q, cursor: query.cursor};
    const reply = await this.send({method: 'GET', path: 'contracts', label, scope, query: params, retry: 'read', signal: query.signal});
    return check(ContractPageSchema, reply, label);
  }

  async listCommerce<K extends CommerceKind>(scope: Scope, orgId: Id, kind: K, query: CommerceQuery = {}): Promise<CommercePage<K>> {
    const path = `${orgPath(orgId)}/commerce/${checkCommerceKind(kind)}`;
    const label = `GET ${path}`;
    const reply = await this.send({method: 'GET', path, label, scope, query: {...checkCommerceQuery(query)}, retry: 'read', signal: query.signal});
    const page = check(CommercePageSchema, reply, label);
    // A page of another list than the one asked for is not this list's.
    if (page.kind !== kind) throw new TenantryError('invalid-response', `${label} failed: the server answered with its ${page.kind} instead of ${kind}.`, {request: label, status: reply.status, reason: {id: 'http.contract', params: {}}});
    return page as CommercePage<K>;
  }

  async tenantConsoleLink(scope: Scope, orgId: Id, options: CallOptions = {}): Promise<ConsoleLink | null> {
    const path = `${orgPath(orgId)}/console-link`;
    const label = `GET ${path}`;
    const reply = await this.send({method: 'GET', path, label, scope, retry: 'read', signal: options.signal});
    return checkConsoleLink(check(ConsoleLinkAnswerSchema, reply, label).link, label);
  }

  async listAccounts(scope: Scope, options: ListOptions = {}): Promise<AccountPageResult> {
    const label = 'GET accounts';
    const {updatedSince, cursor, limit, signal} = options;
    const reply = await this.send({method: 'GET', path: 'accounts', label, scope, query: {updatedSince, cursor, limit: limit === undefined ? undefined : accountPageSize(limit)}, retry: 'read', signal});
    const page = check(AccountPageEnvelopeSchema, reply, label);
    // Like organization pages: an account that does not conform costs only itself, and is reported.
    const {valid, rejected} = partitionValid(AccountSummarySchema, page.items, 'items');
    if (rejected.length) this.options.onRejected?.(label, rejected);
    return {items: valid, tombstones: page.tombstones, nextCursor: page.nextCursor, asOf: page.asOf, rejected};
  }

  async assignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange> {
    return this.writeAccount(scope, 'POST', `${accountPath(accountId)}/assignments`, {organizationId: orgId}, options);
  }

  async unassignAccount(scope: Scope, accountId: Id, orgId: Id, options: WriteOptions): Promise<AccountChange> {
    return this.writeAccount(scope, 'DELETE', `${accountPath(accountId)}/assignments/${encodeURIComponent(orgId)}`, undefined, options);
  }

  async updateAccount(scope: Scope, accountId: Id, patch: AccountPatch, options: WriteOptions): Promise<AccountChange> {
    return this.writeAccount(scope, 'PATCH', accountPath(accountId), patch, options);
  }

  /** An account write: sent once with `If-Match`; the answer checked, its ETag the header's where one is sent. */
  private async writeAccount(scope: Scope, method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, options: WriteOptions): Promise<AccountChange> {
    const label = `${method} ${path}`;
    const reply = await this.send({method, path, label, scope, body, headers: {'If-Match': requireEtag(options?.ifMatch, label)}, retry: 'never', signal: options.signal});
    const change = check(AccountChangeSchema, reply, label);
    return {...change, etag: reply.headers.get('ETag') ?? change.etag, organizations: change.organizations.map((o) => withDefaults(OrganizationSummarySchema, o))};
  }

  async listUsers(scope: Scope, options: UserQuery = {}): Promise<User[]> {
    const label = 'GET users';
    const ids = options.ids ? checkUserIds(options.ids) : undefined;
    // Naming no one asks for no one: no request (an empty `ids` parameter would be dropped).
    if (ids && !ids.length) return [];
    const query = {search: options.search || undefined, limit: options.limit, ids: ids?.join(',')};
    const reply = await this.send({method: 'GET', path: 'users', label, scope, query, retry: 'read', signal: options.signal});
    return this.items(UserSchema, check(ListEnvelopeSchema, reply, label).items, label);
  }

  async fxRates(options: CallOptions = {}): Promise<FxRates> {
    const label = 'GET fx-rates';
    const reply = await this.send({method: 'GET', path: 'fx-rates', label, retry: 'read', signal: options.signal});
    return check(FxRatesSchema, reply, label);
  }

  async findDuplicates(scope: Scope, query: DuplicateQuery, options: CallOptions = {}): Promise<DuplicateCheck> {
    const label = 'GET duplicates';
    // Checked here too: a query with nothing to look for is refused before any request, as the embedded backend does.
    const q = await checkDuplicateQuery(query);
    const reply = await this.send({method: 'GET', path: 'duplicates', label, scope, query: {...q}, retry: 'read', signal: options.signal});
    return check(DuplicateCheckSchema, reply, label);
  }

  async lookupMicrosoftAccount(scope: Scope, domain: string, options: CallOptions = {}): Promise<MicrosoftAccount | null> {
    const label = 'GET microsoft/accounts';
    const query = {domain: await checkLookupDomain(domain)};
    const reply = await this.send({method: 'GET', path: 'microsoft/accounts', label, scope, query, retry: 'read', signal: options.signal});
    return check(MicrosoftAccountLookupSchema, reply, label).account;
  }

  async checkMicrosoftDomain(scope: Scope, prefix: string, options: CallOptions = {}): Promise<DomainAvailability> {
    const label = 'GET microsoft/domain-availability';
    // An empty prefix is a question too ("not available: enter a name"), so it is always sent.
    const query = {prefix: checkDomainPrefix(prefix)};
    const reply = await this.send({method: 'GET', path: 'microsoft/domain-availability', label, scope, query, keepEmpty: true, retry: 'read', signal: options.signal});
    const answer = check(DomainAvailabilitySchema, reply, label);
    return answer.reason === undefined ? {available: answer.available} : {available: answer.available, reason: answer.reason};
  }

  async listLinkableAzureTenants(scope: Scope, options: CallOptions = {}): Promise<LinkableAzureTenant[]> {
    const label = 'GET azure/linkable-tenants';
    const reply = await this.send({method: 'GET', path: 'azure/linkable-tenants', label, scope, retry: 'read', signal: options.signal});
    return check(LinkableAzureTenantListSchema, reply, label).items;
  }

  async referenceLists(scope: Scope, options: ReferenceListOptions = {}): Promise<ReferenceLists> {
    const label = 'GET reference-lists';
    const query = {parentId: options.parentId === undefined ? undefined : checkParentId(options.parentId)};
    const reply = await this.send({method: 'GET', path: 'reference-lists', label, scope, query, retry: 'read', signal: options.signal});
    return check(ReferenceListsSchema, reply, label);
  }

  /** Keeps the items that conform; the rest are dropped and reported to `onRejected`. */
  private items<T>(schema: Schema<T>, items: unknown[], label: string): T[] {
    const {valid, rejected} = partitionValid(schema, items, 'items');
    if (rejected.length) this.options.onRejected?.(label, rejected);
    return valid;
  }

  /** One logical request: attempts, backoff and retry decisions. */
  private async send(spec: RequestSpec): Promise<Reply> {
    const url = new URL(spec.path, this.base);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && (v !== '' || spec.keepEmpty)) url.searchParams.set(k, String(v));
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) throw abortError(spec.label);
      // The server asked everyone to wait (Retry-After): no request to it before then, whoever asks.
      const wait = this.notBefore - Date.now();
      if (wait > 0) await sleep(wait, spec.signal, spec.label);
      let failure: TenantryError;
      try {
        return await this.attempt(url, spec, body);
      } catch (e) {
        failure = e instanceof TenantryError ? e : this.transportError(e, spec, false);
      }
      const asked = failure.details.retryAfterMs;
      if (asked !== undefined) this.notBefore = Math.max(this.notBefore, Date.now() + Math.min(asked, this.settings.backoffCapMs));
      if (failure.code === 'aborted') throw failure;
      // An earlier attempt may have deleted it and only the answer was lost: the goal is met.
      if (spec.method === 'DELETE' && attempt > 1 && failure.code === 'not-found') return {status: 204, headers: new Headers(), json: undefined};
      const delay = this.retryDelay(failure, spec, attempt);
      if (delay === null) throw failure;
      await sleep(delay, spec.signal, spec.label);
    }
  }

  /** How long to wait before the next attempt, or `null` to give up with `failure`. */
  private retryDelay(failure: TenantryError, spec: RequestSpec, attempt: number): number | null {
    const policy = spec.retry;
    const {maxAttempts, backoffBaseMs, backoffCapMs} = this.settings;
    if (policy === 'never' || attempt >= maxAttempts) return null;
    const retryable =
      ['network', 'timeout', 'rate-limited', 'unavailable'].includes(failure.code) ||
      (failure.code === 'server' && failure.details.status === 500 && policy === 'read') ||
      // A keyed create still in progress on the server (409): waited out and asked again with the
      // same key. A 409 of anything else (a delete before suspend) is final.
      (failure.code === 'conflict' && policy === 'idempotent' && spec.method === 'POST');
    if (!retryable) return null;
    const asked = failure.details.retryAfterMs;
    if (asked !== undefined) return asked > backoffCapMs ? null : asked;
    // Full jitter: spreads the retries of many clients hit by the same outage.
    return Math.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
  }

  /** One fetch with its own timeout, its body read under the same signal. */
  private async attempt(url: URL, spec: RequestSpec, body: string | undefined): Promise<Reply> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), this.settings.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timer.signal]) : timer.signal;
    try {
      const headers = new Headers({Accept: 'application/json'});
      if (body !== undefined) headers.set('Content-Type', 'application/json');
      if (spec.scope) headers.set('Tenantry-Scope', spec.scope.tenantId);
      for (const [k, v] of Object.entries(spec.headers ?? {})) headers.set(k, v);
      const token = await untilAborted(this.token(spec), signal);
      if (token) {
        // A malformed token would make fetch throw a TypeError that looks like a network failure.
        if (!/^[\x21-\x7e]+$/.test(token)) throw new TenantryError('config', `${spec.label}: the token provider returned a token that cannot be sent in a header.`, {request: spec.label, reason: {id: 'http.token-unsendable', params: {}}});
        headers.set('Authorization', `Bearer ${token}`);
      }
      const response = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        body,
        credentials: this.settings.credentials,
        cache: 'no-store',
        signal,
      });
      if (response.ok) return await this.success(response, spec);
      throw await this.httpError(response, spec);
    } catch (e) {
      if (e instanceof TenantryError) throw e;
      throw this.transportError(e, spec, timer.signal.aborted);
    } finally {
      clearTimeout(timeout);
    }
  }

  private async token(spec: RequestSpec): Promise<string | null> {
    if (!this.tokenProvider) return null;
    try {
      return await this.tokenProvider();
    } catch (e) {
      // The provider is the host's code: what it said is a detail, not our sentence.
      throw new TenantryError('unauthenticated', `${spec.label} failed: could not obtain a sign-in token (${short(errorText(e))}).`, {request: spec.label, reason: {id: 'http.token-failed', params: {}}, detail: short(errorText(e))});
    }
  }

  private transportError(e: unknown, spec: RequestSpec, timedOut: boolean): TenantryError {
    if (spec.signal?.aborted) return abortError(spec.label);
    if (timedOut) {
      return new TenantryError('timeout', `${spec.label} failed: the server did not answer within ${seconds(this.settings.timeoutMs)}.`, {request: spec.label, reason: {id: 'http.timeout', params: {seconds: this.settings.timeoutMs / 1000}}});
    }
    return new TenantryError(
      'network',
      `${spec.label} failed: could not reach the server (the connection failed or was reset${e instanceof Error && e.message ? `: ${short(e.message)}` : ''}).`,
      // The browser's own words ("Failed to fetch") stay in the message, for logs.
      {request: spec.label, reason: {id: 'http.unreachable', params: {}}},
    );
  }

  private async success(response: Response, spec: RequestSpec): Promise<Reply> {
    const {status, headers} = response;
    const bytes = await readCapped(response, this.settings.maxResponseBytes, spec.label);
    if (!bytes.length) return {status, headers, json: undefined};
    let text: string;
    let json: unknown;
    try {
      text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
      json = JSON.parse(text);
    } catch {
      const type = headers.get('Content-Type') ?? '';
      const page = /html/i.test(type);
      const why = page ? 'the server answered with a web page instead of data; check the API address' : 'the response is not valid JSON';
      throw new TenantryError('invalid-response', `${spec.label} failed: ${why}.`, {request: spec.label, status, reason: {id: page ? 'http.web-page' : 'http.not-json', params: {}}});
    }
    return {status, headers, json};
  }

  private async httpError(response: Response, spec: RequestSpec): Promise<TenantryError> {
    const {status, headers} = response;
    const details: ErrorDetails = {status, request: spec.label};
    let said = '';
    let theirs: Reason | null = null;
    try {
      const bytes = await readCapped(response, Math.min(MAX_ERROR_BODY_BYTES, this.settings.maxResponseBytes), spec.label);
      const text = new TextDecoder().decode(bytes);
      const body = parseJson(text);
      if (ErrorBodySchema.is(body)) {
        said = body.message;
        const extra = body as {issues?: unknown; currentVersion?: unknown; reason?: unknown; params?: unknown};
        // A reason of the contract's vocabulary, checked, is worded by the page in its language;
        // anything else the server said stays its own words (a detail).
        theirs = checkReason(extra.reason, extra.params);
        // Only path and message cross, each capped: what the server said wrong with the request, by field.
        const issues = Array.isArray(extra.issues) ? extra.issues.filter(isIssue).slice(0, 50).map((i) => ({path: i.path.slice(0, 500), message: i.message.slice(0, 2000)})) : [];
        if (issues.length) details.issues = issues;
        if (Number.isInteger(extra.currentVersion)) details.currentVersion = extra.currentVersion as number;
      } else if (body === undefined && !/</.test(text)) {
        // Short plain text may help ("Bad gateway"); markup and long bodies never reach a message.
        said = text.trim().length <= MAX_SHOWN_TEXT ? text.trim() : '';
      }
    } catch {
      // The error body is a courtesy: if it cannot be read, the status still says enough.
      if (spec.signal?.aborted) return abortError(spec.label);
    }
    if (status === 429 || status === 503) {
      const wait = parseRetryAfter(headers.get('Retry-After'));
      if (wait !== undefined) details.retryAfterMs = wait;
    }
    const code = codeForStatus(status);
    const reason = describeStatus(code, status, details.retryAfterMs);
    const suffix = said ? ` The server said: “${short(said)}”` : '';
    // The server's reason is our sentence in the user's language; without one the status is, and what the server said is a detail.
    const detail = !theirs && said ? {detail: short(said)} : {};
    return new TenantryError(code, `${spec.label} failed: ${reason}.${suffix}`, {...details, ...detail, reason: theirs ?? statusReason(code, status, details.retryAfterMs)});
  }
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'invalid-request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 412:
      return 'version-conflict';
    case 428:
      return 'precondition-required';
    case 429:
      return 'rate-limited';
    case 502:
    case 503:
    case 504:
      return 'unavailable';
  }
  if (status >= 500) return 'server';
  if (status >= 400) return 'invalid-request';
  // 1xx/3xx never reach here as success: fetch follows redirects, so this is a protocol surprise.
  return 'invalid-response';
}

function describeStatus(code: ErrorCode, status: number, retryAfterMs: number | undefined): string {
  switch (code) {
    case 'invalid-request':
      return `the server refused the request as invalid (HTTP ${status})`;
    case 'unauthenticated':
      return 'you are not signed in, or your session has expired; sign in again';
    case 'forbidden':
      return 'you do not have permission to do this in the selected tenant';
    case 'not-found':
      return 'not found in the selected tenant (it may have been deleted, or be outside what you can see)';
    case 'conflict':
      return 'the request conflicts with the current state of the record';
    case 'version-conflict':
      return 'someone else changed this record since you opened it; reload it and try again';
    case 'precondition-required':
      return 'the server only accepts a change that names the version it was made to (If-Match); reload the record and try again';
    case 'rate-limited':
      return `too many requests; try again ${retryAfterMs !== undefined ? `in ${seconds(retryAfterMs)}` : 'shortly'}`;
    case 'unavailable':
      return `the service is temporarily unavailable (HTTP ${status})${retryAfterMs !== undefined ? `; try again in ${seconds(retryAfterMs)}` : ''}`;
    case 'server':
      return `the server failed (HTTP ${status})`;
    default:
      return `the server answered with an unexpected HTTP ${status}`;
  }
}

/** What a user is told of an HTTP status the server gave no reason of ours for. */
function statusReason(code: ErrorCode, status: number, retryAfterMs: number | undefined): Reason {
  const seconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  switch (code) {
    case 'invalid-request':
      return {id: 'http.invalid-request', params: {status}};
    case 'unauthenticated':
      return {id: 'http.unauthenticated', params: {}};
    case 'forbidden':
      return {id: 'http.forbidden', params: {}};
    case 'not-found':
      return {id: 'http.not-found', params: {}};
    case 'conflict':
      return {id: 'http.conflict', params: {}};
    case 'version-conflict':
      return {id: 'http.version-conflict', params: {}};
    case 'precondition-required':
      return {id: 'http.precondition-required', params: {}};
    case 'rate-limited':
      return seconds === undefined ? {id: 'http.rate-limited', params: {}} : {id: 'http.rate-limited-for', params: {seconds}};
    case 'unavailable':
      return seconds === undefined ? {id: 'http.unavailable', params: {status}} : {id: 'http.unavailable-for', params: {status, seconds}};
    case 'server':
      return {id: 'http.server', params: {status}};
    default:
      return {id: 'http.unexpected', params: {status}};
  }
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP-date; `undefined` if absent or garbled. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Reads a body up to `max` bytes: refuses a larger declared length, and stops a stream that runs over. */
async function readCapped(response: Response, max: number, label: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new TenantryError('too-large', `${label} failed: the response is larger than the ${formatBytes(max)} this client accepts.`, {
      request: label,
      status: response.status,
      reason: {id: 'http.too-large', params: {bytes: max}},
    });
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > max) {
    // Cancelling drops the connection's remaining bytes instead of downloading them.
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function check<T>(schema: Schema<T>, reply: Reply, label: string): T {
  const issues = validate(schema, reply.json);
  if (issues.length) {
    throw new TenantryError('invalid-response', `${label} failed: the response does not match the API contract (${formatIssues(issues)}).`, {
      request: label,
      status: reply.status,
      issues,
      reason: {id: 'http.contract', params: {}},
    });
  }
  return reply.json as T;
}

/** An organization, checked, with the fields an older server leaves out read as their defaults. */
function checkOrganization(reply: Reply, label: string): Organization {
  return withDefaults(OrganizationSchema, check(OrganizationSchema, reply, label));
}

function versioned(value: Organization, reply: Reply): Versioned<Organization> {
  return {value, etag: reply.headers.get('ETag') ?? `"${value.version}"`};
}

function requireEtag(etag: string | undefined, label: string): string {
  if (typeof etag !== 'string' || !etag.trim() || /[\r\n]/.test(etag)) {
    throw misuse('config', `${label}: the ETag read with the record is required (If-Match).`, {request: label});
  }
  return etag;
}

const orgPath = (id: Id): string => `organizations/${encodeURIComponent(id)}`;
const accountPath = (id: Id): string => `accounts/${encodeURIComponent(id)}`;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value > 0)) throw misuse('config', `HTTP backend option ${name} must be a positive number.`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(Number.isFinite(value) && value >= 0)) throw misuse('config', `HTTP backend option ${name} must be zero or more.`);
  return value;
}

/** `promise`, unless `signal` fires first (a hung token provider must not outlive a timeout). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, {once: true});
    promise.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** Waits, but rejects with `aborted` as soon as the caller cancels. */
function sleep(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(label));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(label));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isIssue = (v: unknown): v is Issue =>
  typeof v === 'object' && v !== null && typeof (v as Issue).path === 'string' && typeof (v as Issue).message === 'string';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Server text in a message: one line, at most 200 characters. */
const short = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_SHOWN_TEXT ? `${line.slice(0, MAX_SHOWN_TEXT - 1)}…` : line;
};

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
