/**
 * The REST contract (`openapi/tenantry.openapi.json`) served by any {@link Backend}: a
 * `Request → Response` function built only on web APIs, so it runs under msw in tests and in the
 * demo page (the HTTP client talking to the embedded backend in-browser).
 *
 * It is the reference for hosts implementing the API: which header is required where, which
 * status each failure gets, and that request bodies are checked before the backend sees them.
 * Authentication is the demo scheme (`Authorization: Bearer demo.<userId>`) unless the caller
 * passes its own `authenticate` (the reference server's tokens and session cookies).
 */
import {checkDomainPrefix, checkDuplicateQuery, checkLookupDomain, checkParentId, MAX_USER_IDS, type Backend, type Scope} from '../../../shared/contract/backend.js';
import {TenantryError, type ErrorCode} from '../../../shared/contract/errors.js';
import type {Reason} from '../../../shared/contract/reasons.js';
import {inputIssues, patchIssues} from '../../../shared/contract/server-checks.js';
import {checkAuditQuery, type AuditQuery} from '../../../shared/contract/audit.js';
import {checkLifecycleAction} from '../../../shared/contract/lifecycle.js';
import {checkCommerceKind, checkCommerceQuery, checkContractQuery, type CommerceQuery, type ContractQuery} from '../../../shared/contract/details.js';
import {formatIssues, validate, type Issue, type Schema} from '../../../shared/model/schema.js';
import {AccountAssignmentSchema, AccountPatchSchema, ContactInputSchema, instant, LifecycleTransitionSchema, PeopleChangeSchema} from '../../../shared/model/schemas.js';
import {accountPageSize} from '../../../shared/contract/accounts.js';
import type {AccountChange, LifecycleAction, Organization, OrganizationInput, OrganizationPatch} from '../../../shared/model/types.js';

export interface RestHandlerOptions {
  /** Path prefix of the API, e.g. `/v1/`. */
  basePath: string;
  /** The backend acting for a signed-in user. */
  backendFor: (userId: string) => Promise<Backend>;
  /**
   * Who sent the request: their user id, or `null` for a 401. Default: the demo scheme, which
   * believes any `Bearer demo.<userId>`, so a server meant for more than a demo passes its own.
   */
  authenticate?: (request: Request) => string | null | Promise<string | null>;
}

/** Inverse of the client's status mapping; codes with no HTTP meaning fall to 500. */
const STATUS_FOR: Record<ErrorCode, number> = {
  // The client has gone; nobody reads this, but it must not look like success in logs.
  aborted: 499,
  timeout: 504,
  network: 502,
  'rate-limited': 429,
  unavailable: 503,
  server: 500,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'version-conflict': 412,
  'precondition-required': 428,
  'invalid-request': 422,
  'invalid-response': 502,
  'too-large': 502,
  storage: 500,
  config: 500,
};

/** Largest request body accepted (an organization with every list full is far below). */
const MAX_REQUEST_BYTES = 1024 * 1024;
const TOKEN = /^Bearer demo\.([A-Za-z0-9._:-]{1,128})$/;
const TENANT_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** An error on the way to a response: status, contract code and message. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: {issues?: Issue[]; headers?: Record<string, string>; currentVersion?: number; reason?: Reason} = {},
  ) {
    super(message);
  }
}

export function createRestHandler(options: RestHandlerOptions): (request: Request) => Promise<Response> {
  const basePath = `/${options.basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return async (request) => {
    try {
      return await route(request, basePath, options.backendFor, options.authenticate ?? demoUserOf);
    } catch (e) {
      return problemResponse(toProblem(e));
    }
  };
}

async function route(request: Request, basePath: string, backendFor: RestHandlerOptions['backendFor'], authenticate: NonNullable<RestHandlerOptions['authenticate']>): Promise<Response> {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(basePath)) throw new HttpProblem(404, 'not-found', `No API route at ${url.pathname}.`);
  const segments = url.pathname.slice(basePath.length).split('/');
  const method = request.method.toUpperCase();
  const signal = request.signal;

  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) {
      throw new HttpProblem(405, 'invalid-request', `${method} is not allowed here.`, {headers: {Allow: methods.join(', ')}});
    }
  };
  const backend = async () => backendFor(userOf(request, await authenticate(request)));
  const q = url.searchParams;

  switch (segments[0]) {
    case 'session':
      if (segments.length !== 1) break;
      allow('GET');
      return json(200, await (await backend()).session({signal}));
    case 'fx-rates':
      if (segments.length !== 1) break;
      allow('GET');
      return json(200, await (await backend()).fxRates({signal}));
    case 'tenants': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      return json(200, {items: await b.listTenants(scopeOf(request), {signal})});
    }
    case 'users': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      const search = q.get('search') ?? undefined;
      if (search !== undefined && search.length > 200) throw badRequest('search must be at most 200 characters.');
      return json(200, {items: await b.listUsers(scopeOf(request), {search, limit: limitOf(q), ids: idsOf(q), signal})});
    }
    case 'duplicates': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      const query = await parameters(() => checkDuplicateQuery({name: param(q, 'name'), domain: param(q, 'domain'), tenantId: param(q, 'tenantId'), excludeId: param(q, 'excludeId')}));
      return json(200, await b.findDuplicates(scopeOf(request), query, {signal}));
    }
    case 'microsoft': {
      if (segments.length !== 2) break;
      allow('GET');
      const b = await backend();
      const scope = scopeOf(request);
      if (segments[1] === 'accounts') {
        const domain = await parameters(() => checkLookupDomain(q.get('domain')));
        return json(200, {account: await b.lookupMicrosoftAccount(scope, domain, {signal})});
      }
      if (segments[1] === 'domain-availability') {
        if (q.get('prefix') === null) throw badRequest('The prefix parameter is required: the name to use before .onmicrosoft.com.');
        const prefix = await parameters(async () => checkDomainPrefix(q.get('prefix')));
        return json(200, await b.checkMicrosoftDomain(scope, prefix, {signal}));
      }
      break;
    }
    case 'azure': {
      if (segments.length !== 2 || segments[1] !== 'linkable-tenants') break;
      allow('GET');
      const b = await backend();
      return json(200, {items: await b.listLinkableAzureTenants(scopeOf(request), {signal})});
    }
    case 'reference-lists': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      const raw = q.get('parentId');
      const parentId = raw === null ? undefined : await parameters(async () => checkParentId(raw));
      return json(200, await b.referenceLists(scopeOf(request), {parentId, signal}));
    }
    case 'audit-log': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      const raw = q.get('limit');
      const query: AuditQuery = {
        organizationId: param(q, 'organizationId'),
        action: param(q, 'action') as AuditQuery['action'],
        actorId: param(q, 'actorId'),
        cursor: param(q, 'cursor'),
        limit: raw === null ? undefined : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN,
      };
      await parameters(async () => checkAuditQuery(query));
      return json(200, await b.listAuditLog(scopeOf(request), {...query, signal}));
    }
    case 'accounts': {
      if (segments.length === 1) {
        allow('GET');
        const b = await backend();
        const updatedSince = q.get('updatedSince') ?? undefined;
        if (updatedSince !== undefined && !instant.is(updatedSince)) throw badRequest('updatedSince must be an ISO 8601 date-time.');
        const cursor = q.get('cursor') ?? undefined;
        if (cursor !== undefined && (!cursor || cursor.length > 1000)) throw badRequest('cursor must be 1–1,000 characters.');
        const limit = pageLimit(q);
        await parameters(async () => limit !== undefined && accountPageSize(limit));
        return json(200, await b.listAccounts(scopeOf(request), {updatedSince, cursor, limit, signal}));
      }
      const accountId = idOf(segments[1]);
      const change = (c: AccountChange) => json(200, c, {ETag: c.etag});
      const etag = (): string => {
        const v = request.headers.get('If-Match');
        if (!v) throw new HttpProblem(428, 'precondition-required', 'The If-Match header is required on a change of an account: send the ETag read with it.');
        return v;
      };
      const bodyAs = async <T>(schema: Schema<T>, what: string): Promise<T> => {
        const value = await bodyOf(request);
        const issues = validate(schema, value);
        if (issues.length) throw new HttpProblem(422, 'invalid-request', `${what} is not valid: ${formatIssues(issues).replace(/\.$/, '')}.`, {issues: issues.slice(0, 50)});
        return value as T;
      };
      if (segments.length === 2) {
        allow('PATCH');
        const b = await backend();
        const scope = scopeOf(request);
        const ifMatch = etag();
        return change(await b.updateAccount(scope, accountId, await bodyAs(AccountPatchSchema, 'The change of the account'), {ifMatch, signal}));
      }
      if (segments.length === 3 && segments[2] === 'assignments') {
        allow('POST');
        const b = await backend();
        const scope = scopeOf(request);
        const ifMatch = etag();
        const {organizationId} = await bodyAs(AccountAssignmentSchema, 'The assignment');
        return change(await b.assignAccount(scope, accountId, organizationId, {ifMatch, signal}));
      }
      if (segments.length === 4 && segments[2] === 'assignments') {
        allow('DELETE');
        const orgId = idOf(segments[3]);
        const b = await backend();
        const scope = scopeOf(request);
        return change(await b.unassignAccount(scope, accountId, orgId, {ifMatch: etag(), signal}));
      }
      break;
    }
    case 'contracts': {
      if (segments.length !== 1) break;
      allow('GET');
      const b = await backend();
      const query: ContractQuery = {
        organizationId: param(q, 'organizationId'),
        status: param(q, 'status') as ContractQuery['status'],
        cursor: param(q, 'cursor'),
        limit: pageLimit(q),
      };
      await parameters(async () => checkContractQuery(query));
      return json(200, await b.listContracts(scopeOf(request), {...query, signal}));
    }
    case 'organizations':
      if (segments.length >= 3 && ['contacts', 'people', 'onboarding-tasks', 'commerce', 'console-link'].includes(segments[2])) {
        const answer = await detailsRoute(request, segments, method, allow, backend, signal);
        if (answer) return answer;
        break;
      }
      if (segments.length === 3 && segments[2] === 'lifecycle-impact') {
        allow('GET');
        const id = idOf(segments[1]);
        const b = await backend();
        const scope = scopeOf(request);
        if (q.get('action') === null) throw badRequest('The action parameter is required: the lifecycle move to preview.');
        const action = await parameters(async () => checkLifecycleAction(param(q, 'action')));
        return json(200, await b.lifecycleImpact(scope, id, action, {signal}));
      }
      if (segments.length === 3 && segments[2] === 'transitions') {
        allow('POST');
        const id = idOf(segments[1]);
        const b = await backend();
        const scope = scopeOf(request);
        const ifMatch = request.headers.get('If-Match');
        if (!ifMatch) throw new HttpProblem(428, 'precondition-required', 'The If-Match header is required on a lifecycle move: send the ETag read with the organization.');
        const body = await bodyOf(request);
        const issues = validate(LifecycleTransitionSchema, body);
        if (issues.length) throw new HttpProblem(422, 'invalid-request', `The lifecycle move is not valid: ${formatIssues(issues).replace(/\.$/, '')}.`, {issues: issues.slice(0, 50)});
        const moved = await b.transitionOrganization(scope, id, (body as {action: LifecycleAction}).action, {ifMatch, signal});
        return json(200, moved.value, {ETag: moved.etag});
      }
      if (segments.length === 1) {
        allow('GET', 'POST');
        const b = await backend();
        const scope = scopeOf(request);
        if (method === 'GET') {
          const updatedSince = q.get('updatedSince') ?? undefined;
          if (updatedSince !== undefined && !instant.is(updatedSince)) throw badRequest('updatedSince must be an ISO 8601 date-time.');
          const cursor = q.get('cursor') ?? undefined;
          if (cursor !== undefined && (!cursor || cursor.length > 1000)) throw badRequest('cursor must be 1–1,000 characters.');
          const page = await b.listOrganizations(scope, {updatedSince, cursor, limit: limitOf(q), signal});
          return json(200, {items: page.items, tombstones: page.tombstones, nextCursor: page.nextCursor, asOf: page.asOf});
        }
        const key = request.headers.get('Idempotency-Key');
        if (!key) throw badRequest('The Idempotency-Key header is required on create.');
        if (!IDEMPOTENCY_KEY.test(key)) throw badRequest('Idempotency-Key must be 1–255 visible ASCII characters.');
        const input = await bodyOf(request);
        // Shape and field rules here; references (parent, anchor, users, subscriptions) are the backend's, checked next.
        const issues = await inputIssues(input);
        if (issues.length) throw invalidBody(issues);
        const created = await b.createOrganization(scope, input as OrganizationInput, {idempotencyKey: key, signal});
        const location = new URL(`${basePath}organizations/${encodeURIComponent(created.value.id)}`, url).href;
        return json(201, created.value, {ETag: created.etag, Location: location});
      }
      if (segments.length === 2) {
        allow('GET', 'PATCH', 'DELETE');
        const id = idOf(segments[1]);
        const b = await backend();
        const scope = scopeOf(request);
        if (method === 'GET') {
          const got = await b.getOrganization(scope, id, {signal});
          return json(200, got.value, {ETag: got.etag});
        }
        const ifMatch = request.headers.get('If-Match');
        if (!ifMatch) throw new HttpProblem(428, 'precondition-required', `The If-Match header is required on ${method}: send the ETag read with the organization.`);
        if (method === 'DELETE') {
          await b.deleteOrganization(scope, id, {ifMatch, signal});
          return new Response(null, {status: 204, headers: baseHeaders()});
        }
        const patch = await bodyOf(request);
        await checkPatch(b, scope, id, patch, signal);
        const updated = await b.updateOrganization(scope, id, patch as OrganizationPatch, {ifMatch, signal});
        return json(200, updated.value, {ETag: updated.etag});
      }
      break;
  }
  throw new HttpProblem(404, 'not-found', `No API route at ${url.pathname}.`);
}

/**
 * The routes of an organization's details: contacts (`POST contacts`, `PUT`/`DELETE contacts/{id}`),
 * people (`POST people`), `POST onboarding-tasks/{id}/start`, `GET commerce/{kind}` and `GET
 * console-link`. Writes need `If-Match` (428) and a body of the right shape (422); the rules that
 * need the record are the backend's. `null` when no route matches.
 */
async function detailsRoute(request: Request, segments: string[], method: string, allow: (...methods: string[]) => void, backend: () => Promise<Backend>, signal: AbortSignal): Promise<Response | null> {
  const id = idOf(segments[1]);
  const q = new URL(request.url).searchParams;
  const ifMatch = (what: string): string => {
    const etag = request.headers.get('If-Match');
    if (!etag) throw new HttpProblem(428, 'precondition-required', `The If-Match header is required on ${what}: send the ETag read with the organization.`);
    return etag;
  };
  const body = async <T>(schema: Schema<T>, what: string): Promise<T> => {
    const value = await bodyOf(request);
    const issues = validate(schema, value);
    if (issues.length) throw new HttpProblem(422, 'invalid-request', `${what} is not valid: ${formatIssues(issues).replace(/\.$/, '')}.`, {issues: issues.slice(0, 50)});
    return value as T;
  };
  const versioned = (v: {value: Organization; etag: string}) => json(200, v.value, {ETag: v.etag});
  const [, , part, sub, last] = segments;
  if (part === 'contacts' && segments.length === 3) {
    allow('POST');
    const b = await backend();
    const etag = ifMatch('a new contact');
    return versioned(await b.addContact(scopeOf(request), id, await body(ContactInputSchema, 'The contact'), {ifMatch: etag, signal}));
  }
  if (part === 'contacts' && segments.length === 4) {
    allow('PUT', 'DELETE');
    const contactId = idOf(sub);
    const b = await backend();
    const scope = scopeOf(request);
    const etag = ifMatch(`a contact's ${method === 'PUT' ? 'change' : 'removal'}`);
    if (method === 'DELETE') return versioned(await b.deleteContact(scope, id, contactId, {ifMatch: etag, signal}));
    return versioned(await b.updateContact(scope, id, contactId, await body(ContactInputSchema, 'The contact'), {ifMatch: etag, signal}));
  }
  if (part === 'people' && segments.length === 3) {
    allow('POST');
    const b = await backend();
    const etag = ifMatch('a change of people');
    return versioned(await b.changePeople(scopeOf(request), id, await body(PeopleChangeSchema, 'The change of people'), {ifMatch: etag, signal}));
  }
  if (part === 'onboarding-tasks' && segments.length === 5 && last === 'start') {
    allow('POST');
    const taskId = idOf(sub);
    const b = await backend();
    const etag = ifMatch('starting an onboarding task');
    return versioned(await b.startOnboardingTask(scopeOf(request), id, taskId, {ifMatch: etag, signal}));
  }
  if (part === 'commerce' && segments.length === 4) {
    allow('GET');
    const b = await backend();
    const scope = scopeOf(request);
    const kind = await parameters(async () => checkCommerceKind(sub));
    const query: CommerceQuery = {cursor: param(q, 'cursor'), limit: pageLimit(q)};
    await parameters(async () => checkCommerceQuery(query));
    return json(200, await b.listCommerce(scope, id, kind, {...query, signal}));
  }
  if (part === 'console-link' && segments.length === 3) {
    allow('GET');
    const b = await backend();
    return json(200, {link: await b.tenantConsoleLink(scopeOf(request), id, {signal})});
  }
  return null;
}

/** `limit` of a list with pages of at most 500: absent is `undefined`, anything but digits a number the checks refuse. */
function pageLimit(q: URLSearchParams): number | undefined {
  const raw = param(q, 'limit');
  return raw === undefined ? undefined : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
}

/**
 * A patch is checked by what it would make (`patchIssues`): fields that cannot change are refused
 * by name, and the current record with the patch applied must still be a valid organization, in
 * what the patch touched. The version check itself stays with the backend (If-Match).
 */
async function checkPatch(b: Backend, scope: Scope, id: string, patch: unknown, signal: AbortSignal): Promise<void> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw invalidBody([{path: '(root)', message: 'expected an object'}], 'change');
  const current: Organization = (await b.getOrganization(scope, id, {signal})).value;
  const issues = await patchIssues(current, patch);
  if (issues.length) throw invalidBody(issues, 'change');
}

/** A query parameter: absent is `undefined`; given twice is a 400 (which one would count?). */
function param(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name);
  if (all.length > 1) throw badRequest(`${name} may be given once.`);
  return all[0];
}

/** Query parameters checked by the contract's own checks; what they refuse is a 400 naming the parameter. */
async function parameters<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof TenantryError && e.code === 'invalid-request') throw new HttpProblem(400, 'invalid-request', e.message, {issues: e.details.issues});
    throw e;
  }
}

/** The demo scheme: `Bearer demo.<userId>` names the user, believed as written. */
function demoUserOf(request: Request): string | null {
  const header = request.headers.get('Authorization');
  return (header ? TOKEN.exec(header) : null)?.[1] ?? null;
}

function userOf(request: Request, userId: string | null): string {
  if (userId === null) {
    const header = request.headers.get('Authorization');
    throw new HttpProblem(401, 'unauthenticated', header ? 'The bearer token is not valid.' : 'Sign-in required: send Authorization: Bearer <token>.', {
      headers: {'WWW-Authenticate': 'Bearer realm="tenantry"'},
    });
  }
  return userId;
}

function scopeOf(request: Request): Scope {
  const tenantId = request.headers.get('Tenantry-Scope');
  if (!tenantId) throw badRequest('The Tenantry-Scope header is required: name the tenant whose view this request acts in.');
  if (!TENANT_ID.test(tenantId)) throw badRequest('Tenantry-Scope must be a tenant id.');
  return {tenantId};
}

function limitOf(q: URLSearchParams): number | undefined {
  const raw = q.get('limit');
  if (raw === null) return undefined;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 10_000)) throw badRequest('limit must be a whole number from 1 to 10,000.');
  return n;
}

/** `ids=a,b,c`: at most `MAX_USER_IDS` user ids; present but empty means none. */
function idsOf(q: URLSearchParams): string[] | undefined {
  const raw = q.get('ids');
  if (raw === null) return undefined;
  const ids = raw === '' ? [] : raw.split(',');
  if (ids.length > MAX_USER_IDS) throw badRequest(`ids may name at most ${MAX_USER_IDS} users.`);
  if (!ids.every((id) => TENANT_ID.test(id))) throw badRequest('ids must be comma-separated user ids.');
  return ids;
}

function idOf(segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw badRequest('The organization id in the path is not valid.');
  }
  // An id that cannot exist is simply not found, like any id outside the caller's scope.
  if (!TENANT_ID.test(id)) throw new HttpProblem(404, 'not-found', 'No such organization in this scope.');
  return id;
}

async function bodyOf(request: Request): Promise<unknown> {
  // JSON only: a cross-site form can post text/plain without a preflight, never application/json.
  const type = request.headers.get('Content-Type');
  if (!type || !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpProblem(415, 'invalid-request', 'The request body must be JSON (Content-Type: application/json).');
  }
  if (Number(request.headers.get('Content-Length')) > MAX_REQUEST_BYTES) throw tooLarge();
  const text = await request.text();
  if (text.length > MAX_REQUEST_BYTES) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

const tooLarge = () => new HttpProblem(413, 'invalid-request', `The request body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MiB.`);
const badRequest = (message: string) => new HttpProblem(400, 'invalid-request', message);
const invalidBody = (issues: Issue[], subject: 'organization' | 'change' = 'organization') =>
  new HttpProblem(422, 'invalid-request', `The organization is not valid: ${formatIssues(issues).replace(/\.$/, '')}.`, {issues: issues.slice(0, 50), reason: {id: 'request.invalid', params: {subject}}});

function toProblem(e: unknown): HttpProblem {
  if (e instanceof HttpProblem) return e;
  if (e instanceof TenantryError) {
    const headers: Record<string, string> = {};
    if (e.details.retryAfterMs !== undefined) headers['Retry-After'] = String(Math.ceil(e.details.retryAfterMs / 1000));
    const {issues, currentVersion, reason} = e.details;
    return new HttpProblem(STATUS_FOR[e.code] ?? 500, e.code, e.message, {issues, headers, currentVersion, reason});
  }
  if (e instanceof DOMException && e.name === 'AbortError') return new HttpProblem(499, 'aborted', 'The request was cancelled.');
  // Unknown failures keep their detail out of the response: it may describe internals.
  console.error('[tenantry] REST handler failed', e);
  return new HttpProblem(500, 'server', 'Internal error.');
}

function problemResponse(p: HttpProblem): Response {
  const body: {code: string; message: string; reason?: string; params?: Record<string, unknown>; issues?: Issue[]; currentVersion?: number} = {code: p.code, message: p.message.slice(0, 2000)};
  // The refusal's reason goes with it, so a client words it in its user's language.
  if (p.extra.reason) {
    body.reason = p.extra.reason.id;
    body.params = p.extra.reason.params;
  }
  if (p.extra.issues?.length) body.issues = p.extra.issues;
  if (p.extra.currentVersion !== undefined) body.currentVersion = p.extra.currentVersion;
  return json(p.status, body, p.extra.headers);
}

function baseHeaders(extra: Record<string, string> = {}): Headers {
  // Tenant data must never be cached by a shared or browser cache.
  return new Headers({'Cache-Control': 'no-store', ...extra});
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Response {
  const h = baseHeaders(headers);
  h.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(value), {status, headers: h});
}
