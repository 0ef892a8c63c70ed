/**
 * The REST contract of Tenantry as an OpenAPI 3.1 document: what a host implements so the HTTP
 * backend (`backends/http/`) can drive the widgets. Schemas come from the runtime schemas of the
 * model (`model/schemas.ts`), so the published contract and the client's checks cannot drift;
 * `npm run openapi` writes `openapi/tenantry.openapi.json` and `npm test` fails when it is stale.
 */
import {components} from '../model/schema.js';
// Imported for its side effect: defining the schemas registers them in `components`.
import '../model/schemas.js';
import {AUDIT_ACTIONS, COMMERCE_KINDS, CONTRACT_STATUSES, LIFECYCLE_ACTIONS, ORG_STATUSES} from '../model/types.js';
import {DEFAULT_AUDIT_PAGE, MAX_AUDIT_PAGE} from './audit.js';
import {DEFAULT_LIST_PAGE, MAX_LIST_PAGE} from './details.js';
import {DEFAULT_ACCOUNT_PAGE, MAX_ACCOUNT_PAGE} from './accounts.js';
import {LIFECYCLE_MOVES} from './lifecycle.js';

type Json = {[key: string]: unknown};

const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string): Json => ({$ref: `#/components/${kind}/${name}`});

const TENANCY = `
## Tenancy

Every organization belongs to the distributor → reseller → customer hierarchy. The caller is
identified by its credentials; every tenant-scoped request names the tenant whose view it acts in
with the \`Tenantry-Scope\` header (the session and exchange rates need none).

- The scope must be the caller's home tenant or a tenant below it; any other scope is refused
  (\`403\` or \`404\`) without saying whether that tenant exists.
- A response only ever holds the scope tenant and what lies below it.
- A distributor admin sees the whole hierarchy; a reseller admin sees its own reseller and its
  customers and can never read another reseller's data; a customer admin sees only its own
  organization.
- A record outside the scope answers \`404\`, exactly like a record that does not exist.

## Concurrency and retries

Reads return an \`ETag\` (\`"<version>"\`); \`PATCH\` and \`DELETE\` require it as \`If-Match\` and
answer \`412\` when the record has changed. Every create carries an \`Idempotency-Key\`: the same
key returns the organization it first created, so clients may retry a create safely. \`429\` and
\`503\` may carry \`Retry-After\` (seconds or an HTTP date).

## Lifecycle

An organization is \`active\`, \`inactive\`, \`suspended\` or \`archived\`. A lifecycle move
(\`POST /organizations/{id}/transitions\`) follows the server's rules: ${ORG_STATUSES.map((s) => `from \`${s}\`: ${LIFECYCLE_MOVES[s].map((m) => `\`${m.action}\` → \`${m.to}\``).join(', ') || 'none'}`).join('; ')}. Any other move is a
\`409\` naming the move and the current status. A move requires \`If-Match\` like a change, and is
recorded in the audit log with every create, change and delete.

## Refused changes

A create or change the server will not make is a \`422\` whose \`issues\` name every field at fault
by path (\`name\`, \`customLinks[0].url\`, \`notifications.emails[2]\`), one issue per path, so a form can
mark each one. The shape comes first (the schemas below: required fields, lengths, enumerations),
then the field rules the customer wizard applies, at the same paths and in the same words: text
without control characters, hidden text-direction controls or invisible characters, within each
kind of field's length; a required name; domains as DNS reads them; absolute \`http\`/\`https\` links
only (no script, data or protocol-relative links, no credentials); email addresses and lists (no
repeats); a company address with a country, a state of the country's list where it has one and a
postal code of the country's form where it has one (the billing address too, unless it is the
company's); phone numbers valid for their country (read in the company's country when written
without a country code); a primary contact's names and email; the admin user's names and login;
a run-as account while security, operations or cost details are collected; an existing Microsoft
account's tenant ID (a GUID), a new one's \`.onmicrosoft.com\` prefix (letters and digits, at most
27) and what an education qualification needs; features as their dependencies allow; a credit
quota that ends after it takes effect; a licence expiry, new or changed, not before today (UTC);
five-field cron masks that can run and an IANA time zone; 1 to 3 sales representatives, each with
a name and an email. A change is judged on the fields it carries and on what it makes wrong
elsewhere (a collection switched on without a run-as account); what was already wrong in the
stored record's other fields is not the caller's. Only then the references: the parent, the anchor (\`customerOrganizationId\`: an active customer organization
visible from the scope), users (visible from the scope), the partner subscription (one of the
partner's own), a new \`.onmicrosoft.com\` domain (not taken). A reference outside the scope is
refused exactly like one that does not exist.

## Records written before a field existed

Fields added to the model after records were first written are optional in responses, with a
\`default\`: a client reads an absent one as that default, so an older server's records (and
clients' caches of them) stay valid. A server sends them once it knows them. In a \`PATCH\`, an
object sent without such a nested field (\`billing.partnerSubscription\`, \`schedules.timeZone\`)
keeps the stored value.`;

/** The fields a PATCH may carry: the create input less identity and hierarchy, all optional. */
function patchSchema(): Json {
  const input = components.OrganizationInput as {properties: Json};
  const properties: Json = {...input.properties};
  for (const fixed of ['kind', 'parentId', 'customerOrganizationId']) delete properties[fixed];
  return {
    description:
      'A partial update: only the fields given change (each replaces the stored value). Identity, hierarchy (including `customerOrganizationId`, permanent once set) and server-kept fields cannot be patched; naming one is a `422` with an issue at its path. Once `adminUser.loginEmail` is set, a patch carrying `adminUser` must keep it unchanged (else a `422` with an issue at `adminUser.loginEmail`).',
    type: 'object',
    properties,
    minProperties: 1,
  };
}

function errorResponse(description: string, extraHeaders: Json = {}, schema = 'Error'): Json {
  return {
    description,
    headers: extraHeaders,
    content: {'application/json': {schema: ref('schemas', schema)}},
  };
}

function jsonResponse(description: string, schema: Json, headers: Json = {}): Json {
  return {description, headers, content: {'application/json': {schema}}};
}

/** Failures every authenticated operation can meet. */
const COMMON_ERRORS = {
  '401': ref('responses', 'Unauthenticated'),
  '429': ref('responses', 'RateLimited'),
  '500': ref('responses', 'ServerError'),
  '503': ref('responses', 'Unavailable'),
};

/** Failures of tenant-scoped operations on top of the common ones. */
const SCOPED_ERRORS = {
  '400': ref('responses', 'BadRequest'),
  '403': ref('responses', 'Forbidden'),
  '404': ref('responses', 'NotFound'),
  ...COMMON_ERRORS,
};

/** Failures of operations with a request body. */
const BODY_ERRORS = {
  '413': ref('responses', 'TooLarge'),
  '415': ref('responses', 'NotJson'),
  '422': ref('responses', 'Invalid'),
};

export function buildOpenApi(): object {
  const schemas: Json = JSON.parse(JSON.stringify(components)) as Json;
  schemas.OrganizationPatch = patchSchema();
  schemas.TenantList = {
    description: 'The hierarchy visible from the scope: the scope tenant and every tenant below it.',
    type: 'object',
    properties: {items: {type: 'array', items: ref('schemas', 'TenantNode')}},
    required: ['items'],
  };
  schemas.UserList = {
    description: 'Users visible from the scope.',
    type: 'object',
    properties: {items: {type: 'array', items: ref('schemas', 'User')}},
    required: ['items'],
  };
  schemas.ValidationError = {
    description: 'A refused request body, with what is wrong by path.',
    allOf: [
      ref('schemas', 'Error'),
      {
        type: 'object',
        properties: {
          issues: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              properties: {path: {type: 'string', maxLength: 500}, message: {type: 'string', maxLength: 2000}},
              required: ['path', 'message'],
            },
          },
        },
      },
    ],
  };
  schemas.VersionConflict = {
    description: 'The record changed since it was read.',
    allOf: [ref('schemas', 'Error'), {type: 'object', properties: {currentVersion: {type: 'integer', minimum: 0}}}],
  };

  const orgIdParam = {
    name: 'id',
    in: 'path',
    required: true,
    description: 'Organization id (URL-encoded).',
    schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'},
  };

  const idParam = (name: string, description: string): Json => ({name, in: 'path', required: true, description, schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}});
  const pageLimitParam = {name: 'limit', in: 'query', description: `Page size (default ${DEFAULT_LIST_PAGE}).`, schema: {type: 'integer', minimum: 1, maximum: MAX_LIST_PAGE}};
  /** What a write to an organization's details may answer. */
  const detailWriteResponses = (body = true): Json => ({
    '200': jsonResponse('The changed organization.', ref('schemas', 'Organization'), {ETag: ref('headers', 'ETag')}),
    '409': ref('responses', 'Conflict'),
    '412': ref('responses', 'VersionConflict'),
    '428': ref('responses', 'PreconditionRequired'),
    ...(body ? BODY_ERRORS : {}),
    ...SCOPED_ERRORS,
  });

  /** What an account write may answer. */
  const accountWriteResponses = (body = true): Json => ({
    '200': jsonResponse('The account after the write, and the changed organizations.', ref('schemas', 'AccountChange'), {ETag: ref('headers', 'ETag')}),
    '409': ref('responses', 'Conflict'),
    '412': ref('responses', 'VersionConflict'),
    '428': ref('responses', 'PreconditionRequired'),
    ...(body ? BODY_ERRORS : {}),
    ...SCOPED_ERRORS,
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'Tenantry REST API',
      version: '1.0.0',
      summary: 'Tenant-scoped organization management for distributors, resellers and their customers.',
      description: `The API a host implements for the Tenantry widgets' HTTP backend.\n${TENANCY}`,
      license: {name: 'Proprietary', identifier: 'LicenseRef-Proprietary'},
      contact: {name: 'Tenantry'},
    },
    servers: [
      {
        url: 'https://{host}/{basePath}',
        description: 'The host application; the widgets are configured with this base URL.',
        variables: {host: {default: 'api.tenantry.test'}, basePath: {default: 'v1'}},
      },
    ],
    security: [{bearerAuth: []}, {cookieAuth: []}],
    tags: [
      {name: 'Session', description: 'Who is signed in.'},
      {name: 'Tenants', description: 'The tenant hierarchy visible from a scope.'},
      {name: 'Organizations', description: 'Organizations of the hierarchy: list, delta sync, read and change.'},
      {name: 'Users', description: 'Users for owner and reader pickers.'},
      {name: 'Reference data', description: 'Exchange rates, and the choices the customer wizard offers.'},
      {name: 'Microsoft', description: 'Microsoft accounts for new customers: find an existing one, or check a new `.onmicrosoft.com` name.'},
      {name: 'Organization details', description: 'What the customer details view reads and changes: contacts, people, onboarding tasks, contracts, commerce lists and the console link. Each write needs `If-Match`, answers the changed organization with its new `ETag`, and is in the audit log.'},
      {name: 'Accounts', description: 'Linked cloud accounts as their own list: which customers each serves, its automation, assigning and unassigning.'},
      {name: 'Audit', description: 'Every write made through the API: who, in which view, to which organization, what changed.'},
      {name: 'Azure', description: 'Azure directories and subscriptions the partner can link to an organization.'},
    ],
    paths: {
      '/session': {
        get: {
          operationId: 'getSession',
          summary: 'Get the signed-in user',
          description: 'The caller, their role and home tenant: the top of what they may see. Needs no scope.',
          tags: ['Session'],
          responses: {'200': jsonResponse('The session.', ref('schemas', 'Session')), ...COMMON_ERRORS},
        },
      },
      '/tenants': {
        get: {
          operationId: 'listTenants',
          summary: 'List the tenant hierarchy',
          description: 'The scope tenant and every tenant below it, for the tenant switcher.',
          tags: ['Tenants'],
          parameters: [ref('parameters', 'TenantryScope')],
          responses: {'200': jsonResponse('The visible tenants.', ref('schemas', 'TenantList')), ...SCOPED_ERRORS},
        },
      },
      '/organizations': {
        get: {
          operationId: 'listOrganizations',
          summary: 'List organizations, or the changes since a time',
          description:
            'A full listing pages through every organization visible from the scope: pass `nextCursor` back as `cursor` until it is null; every organization appears exactly once, consistent with `asOf`. With `updatedSince` (a previous `asOf`) it returns only the organizations changed since, and `tombstones` for those deleted since.',
          tags: ['Organizations'],
          parameters: [ref('parameters', 'TenantryScope'), ref('parameters', 'UpdatedSince'), ref('parameters', 'Cursor'), ref('parameters', 'Limit')],
          responses: {'200': jsonResponse('One page.', ref('schemas', 'OrganizationPage')), ...SCOPED_ERRORS},
        },
        post: {
          operationId: 'createOrganization',
          summary: 'Create an organization',
          description:
            'Creates an organization below a parent inside the scope. The `Idempotency-Key` makes a retried create return the organization the first attempt created, as the IETF Idempotency-Key draft has it: the same key with a different body is a `422`. A retry that arrives while the first attempt is still in progress is answered once that one is done, with its organization; a server that cannot wait may answer `409` with `Retry-After` instead, which a client waits out and asks again. A customer may name its anchor in `customerOrganizationId`: an active customer organization visible from the scope, either the parent itself or directly below the parent (the customer is then created below the anchor). A refused body is a `422` naming each field at fault (see *Refused changes*).',
          tags: ['Organizations'],
          parameters: [ref('parameters', 'TenantryScope'), ref('parameters', 'IdempotencyKey')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'OrganizationInput')}}},
          responses: {
            '201': jsonResponse('Created.', ref('schemas', 'Organization'), {
              ETag: ref('headers', 'ETag'),
              Location: {description: 'URL of the new organization.', schema: {type: 'string', format: 'uri'}},
            }),
            '409': ref('responses', 'Conflict'),
            ...BODY_ERRORS,
            ...SCOPED_ERRORS,
          },
        },
      },
      '/organizations/{id}': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        get: {
          operationId: 'getOrganization',
          summary: 'Get an organization',
          description: 'The full record, with its `ETag`. `404` when it does not exist or is outside the scope.',
          tags: ['Organizations'],
          responses: {'200': jsonResponse('The organization.', ref('schemas', 'Organization'), {ETag: ref('headers', 'ETag')}), ...SCOPED_ERRORS},
        },
        patch: {
          operationId: 'updateOrganization',
          summary: 'Change an organization',
          description: 'Applies a partial update if the record still has the version named by `If-Match`.',
          tags: ['Organizations'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'OrganizationPatch')}}},
          responses: {
            '200': jsonResponse('The changed organization.', ref('schemas', 'Organization'), {ETag: ref('headers', 'ETag')}),
            '412': ref('responses', 'VersionConflict'),
            '428': ref('responses', 'PreconditionRequired'),
            ...BODY_ERRORS,
            ...SCOPED_ERRORS,
          },
        },
        delete: {
          operationId: 'deleteOrganization',
          summary: 'Delete an organization',
          description: 'Only a suspended organization with nothing below it may be deleted (`409` otherwise). A delta sync then reports its tombstone.',
          tags: ['Organizations'],
          parameters: [ref('parameters', 'IfMatch')],
          responses: {
            '204': {description: 'Deleted.'},
            '409': ref('responses', 'Conflict'),
            '412': ref('responses', 'VersionConflict'),
            '428': ref('responses', 'PreconditionRequired'),
            ...SCOPED_ERRORS,
          },
        },
      },
      '/organizations/{id}/transitions': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        post: {
          operationId: 'transitionOrganization',
          summary: 'Move an organization along its lifecycle',
          description:
            'Suspends, resumes, disables, enables or archives an organization if the record still has the version named by `If-Match`, and answers the changed record with its new `ETag`. A move not allowed from the current status is a `409` whose message names both (see *Lifecycle*). A customer’s view may not move an organization, nor may anyone move the tenant they act in (`403`).',
          tags: ['Organizations'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'LifecycleTransition')}}},
          responses: {
            '200': jsonResponse('The moved organization.', ref('schemas', 'Organization'), {ETag: ref('headers', 'ETag')}),
            '409': ref('responses', 'Conflict'),
            '412': ref('responses', 'VersionConflict'),
            '428': ref('responses', 'PreconditionRequired'),
            ...BODY_ERRORS,
            ...SCOPED_ERRORS,
          },
        },
      },
      '/organizations/{id}/lifecycle-impact': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        get: {
          operationId: 'getLifecycleImpact',
          summary: 'Preview what a lifecycle move touches',
          description:
            'Counts what moving the organization by `action` would touch, within the scope: organizations below it by kind, and the linked accounts, users and organizations collecting data on a schedule of it and those below it. Refused like the move itself (`409` when not allowed from the current status, `403` in a customer’s view or for the tenant acted in).',
          tags: ['Organizations'],
          parameters: [{name: 'action', in: 'query', required: true, description: 'The move to preview.', schema: {type: 'string', enum: [...LIFECYCLE_ACTIONS]}}],
          responses: {'200': jsonResponse('What the move touches.', ref('schemas', 'LifecycleImpact')), '409': ref('responses', 'Conflict'), ...SCOPED_ERRORS},
        },
      },
      '/organizations/{id}/contacts': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        post: {
          operationId: 'addContact',
          summary: 'Add a contact',
          description:
            'Adds a contact to the organization if the record still has the version named by `If-Match`, and answers the changed organization with its new `ETag` (the contact’s id is the server’s). The contact is checked by the customer wizard’s rules for a contact, with issues at its own paths (`email`, `firstName`…; a primary contact needs names and an email; a phone is read in the company’s country). The first contact must be primary (`409`). A customer’s view may change its own contacts. Recorded in the audit log (`contact-add`).',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'ContactInput')}}},
          responses: detailWriteResponses(),
        },
      },
      '/organizations/{id}/contacts/{contactId}': {
        parameters: [orgIdParam, idParam('contactId', 'Contact id (URL-encoded).'), ref('parameters', 'TenantryScope')],
        put: {
          operationId: 'updateContact',
          summary: 'Change a contact',
          description:
            'Replaces the contact’s fields, checked like a new contact. An organization with contacts keeps at least one primary contact: giving the last one another role is a `409` (“Make another contact primary before removing …”). An unknown contact is a `404`. Recorded in the audit log (`contact-update`).',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'ContactInput')}}},
          responses: detailWriteResponses(),
        },
        delete: {
          operationId: 'deleteContact',
          summary: 'Remove a contact',
          description: 'Removes the contact and answers the changed organization with its new `ETag`. Removing the last primary contact is a `409`; an unknown contact a `404`. Recorded in the audit log (`contact-delete`).',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'IfMatch')],
          responses: detailWriteResponses(false),
        },
      },
      '/organizations/{id}/people': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        post: {
          operationId: 'changePeople',
          summary: 'Change the people of an organization',
          description:
            'One role per request: readers, engineers or tenant administrators added and removed by user id (no duplicates; an id both added and removed is a `422`), the account manager set or cleared, or the run-as account’s name set or cleared (trimmed, 1–256 characters, no control or hidden characters, required while security, operations or cost details are collected; never a secret). Users must be visible from the scope: any other id is a `422` at its path (`add[0]`, `userId`), alike whether it exists or not. A customer’s view may not change people (`403`). Recorded in the audit log (`people-change`, whom it added or removed as `subject`).',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'PeopleChange')}}},
          responses: detailWriteResponses(),
        },
      },
      '/organizations/{id}/onboarding-tasks/{taskId}/start': {
        parameters: [orgIdParam, idParam('taskId', 'Onboarding task id (URL-encoded).'), ref('parameters', 'TenantryScope')],
        post: {
          operationId: 'startOnboardingTask',
          summary: 'Start an onboarding task',
          description:
            'A task that is `startable` and still `todo` goes `in-progress`; any other is a `409` naming the task and its state; an unknown one a `404`. A customer’s view may not (`403`). Recorded in the audit log (`onboarding-start`, the task’s title as `subject`).',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'IfMatch')],
          responses: detailWriteResponses(false),
        },
      },
      '/organizations/{id}/commerce/{kind}': {
        parameters: [orgIdParam, {name: 'kind', in: 'path', required: true, description: 'Which list.', schema: {type: 'string', enum: [...COMMERCE_KINDS]}}, ref('parameters', 'TenantryScope')],
        get: {
          operationId: 'listCommerce',
          summary: 'List a customer’s products, orders, invoices or subscriptions',
          description:
            'One page of the list, newest first, with the `total` of the whole list: pass `nextCursor` back as `cursor` until it is null. Visible like the organization (a distributor’s or reseller’s view of its customer too). A server that keeps no such list answers an empty page, never `404` for the list itself.',
          tags: ['Organization details'],
          parameters: [ref('parameters', 'Cursor'), pageLimitParam],
          responses: {'200': jsonResponse('One page.', ref('schemas', 'CommercePage')), ...SCOPED_ERRORS},
        },
      },
      '/organizations/{id}/console-link': {
        parameters: [orgIdParam, ref('parameters', 'TenantryScope')],
        get: {
          operationId: 'getConsoleLink',
          summary: 'Get the link to the organization’s own console',
          description:
            'Where an administrator opens the organization’s own console, as an absolute `https` (or `http`) URL the server makes, maybe signed and expiring (`expiresAt`); `link: null` where it has none. Clients refuse any other link (relative, `javascript:`, `data:`) as a fault of the server.',
          tags: ['Organization details'],
          responses: {'200': jsonResponse('The link, or null.', ref('schemas', 'ConsoleLinkAnswer')), ...SCOPED_ERRORS},
        },
      },
      '/accounts': {
        get: {
          operationId: 'listAccounts',
          summary: 'List linked accounts, or the changes since a time',
          description:
            'Every linked cloud account held by an organization visible from the scope, once, with the customers visible from the scope it is assigned to (`customerCount`, the first few by name in `customers`), by id: pass `nextCursor` back as `cursor` until it is null. With `updatedSince` (a previous `asOf`) only the accounts changed since (the account itself or an assignment), and `tombstones` for those gone. An account unassigned from its last customer stays listed with none.',
          tags: ['Accounts'],
          parameters: [ref('parameters', 'TenantryScope'), ref('parameters', 'UpdatedSince'), ref('parameters', 'Cursor'), {name: 'limit', in: 'query', description: `Page size (default ${DEFAULT_ACCOUNT_PAGE}).`, schema: {type: 'integer', minimum: 1, maximum: MAX_ACCOUNT_PAGE}}],
          responses: {'200': jsonResponse('One page.', ref('schemas', 'AccountPage')), ...SCOPED_ERRORS},
        },
      },
      '/accounts/{accountId}': {
        parameters: [idParam('accountId', 'Account id (URL-encoded).'), ref('parameters', 'TenantryScope')],
        patch: {
          operationId: 'updateAccount',
          summary: 'Rename an account, make it shared or dedicated, or change its automation',
          description:
            'Changes the account in every record of the scope that holds it, if it is still as read (`If-Match`: its `etag`). A shared account may create customers from its billing file (`autoCustomer`); a dedicated one may take new sub-accounts automatically (`autoAssigned`), less those its `excludeRule` matches (only while `autoAssigned`). A change of `type` turns off the other type’s automation (made shared: `autoAssigned` off and `excludeRule` cleared; made dedicated: `autoCustomer` off). A dedicated account serves one customer: made dedicated while it serves more is a `409` saying how many. A customer’s view may not (`403`).',
          tags: ['Accounts'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'AccountPatch')}}},
          responses: accountWriteResponses(),
        },
      },
      '/accounts/{accountId}/assignments': {
        parameters: [idParam('accountId', 'Account id (URL-encoded).'), ref('parameters', 'TenantryScope')],
        post: {
          operationId: 'assignAccount',
          summary: 'Assign an account to a customer',
          description:
            'Assigns the account to a customer visible from the scope. A dedicated account serves one customer: assigned elsewhere is a `409`; an account already assigned to this customer is a `409`; only customers take accounts (`422` at `organizationId`). Answers the account with its new `ETag` and the changed organizations’ summaries. Recorded in the audit log as a change of the organization.',
          tags: ['Accounts'],
          parameters: [ref('parameters', 'IfMatch')],
          requestBody: {required: true, content: {'application/json': {schema: ref('schemas', 'AccountAssignment')}}},
          responses: accountWriteResponses(),
        },
      },
      '/accounts/{accountId}/assignments/{organizationId}': {
        parameters: [idParam('accountId', 'Account id (URL-encoded).'), idParam('organizationId', 'The customer to take the account off (URL-encoded).'), ref('parameters', 'TenantryScope')],
        delete: {
          operationId: 'unassignAccount',
          summary: 'Take an account off a customer',
          description: 'Not assigned to that customer: `409`. An account left with no customer stays listed.',
          tags: ['Accounts'],
          parameters: [ref('parameters', 'IfMatch')],
          responses: accountWriteResponses(false),
        },
      },
      '/contracts': {
        get: {
          operationId: 'listContracts',
          summary: 'List contracts',
          description:
            'Contracts of the organizations visible from the scope (or of one, `organizationId`, which must be visible: `404` otherwise), with their value, billing frequency and renewal, by end date (open-ended last), then id, then organization, in pages: pass `nextCursor` back as `cursor` until it is null. `total` counts every contract the query matches.',
          tags: ['Organization details'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'organizationId', in: 'query', description: 'Only this organization’s contracts.', schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
            {name: 'status', in: 'query', description: 'Only contracts in this status.', schema: {type: 'string', enum: [...CONTRACT_STATUSES]}},
            ref('parameters', 'Cursor'),
            pageLimitParam,
          ],
          responses: {'200': jsonResponse('One page.', ref('schemas', 'ContractPage')), ...SCOPED_ERRORS},
        },
      },
      '/audit-log': {
        get: {
          operationId: 'listAuditLog',
          summary: 'List the audit log',
          description:
            'Every write made through the API (create, change, lifecycle move, delete), newest first, in pages: pass `nextCursor` back as `cursor` until it is null. Only entries about organizations visible from the scope (a reseller never sees entries about another reseller’s organizations, whoever wrote them); entries about a deleted organization stay.',
          tags: ['Audit'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'organizationId', in: 'query', description: 'Only entries about this organization.', schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
            {name: 'action', in: 'query', description: 'Only entries of this kind of write.', schema: {type: 'string', enum: [...AUDIT_ACTIONS]}},
            {name: 'actorId', in: 'query', description: 'Only writes this user made.', schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
            ref('parameters', 'Cursor'),
            {name: 'limit', in: 'query', description: `Page size (default ${DEFAULT_AUDIT_PAGE}).`, schema: {type: 'integer', minimum: 1, maximum: MAX_AUDIT_PAGE}},
          ],
          responses: {'200': jsonResponse('One page, newest first.', ref('schemas', 'AuditPage')), ...SCOPED_ERRORS},
        },
      },
      '/duplicates': {
        get: {
          operationId: 'findDuplicates',
          summary: 'Find organizations that may be the one being entered',
          description:
            'Checks a new (or edited) organization against those that exist. `name` is compared folded: case, accents, punctuation and spacing ignored, `&` read as "and", trailing legal forms (Ltd, Inc, GmbH, LLC…) dropped; names of 8 or more letters also match with one typo. `domain` matches case-insensitively and exactly (a leading `www.` ignored); `tenantId` matches an Azure directory ID of the organization. `matches` holds only organizations visible from the scope, closest first (at most 20), each with what it matched on; matches anywhere else in the channel are only counted in `hiddenCount`, never named. At least one of `name`, `domain` and `tenantId` is required (`400` otherwise). A customer’s view may not ask (`403`).',
          tags: ['Organizations'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'name', in: 'query', description: 'Organization name as entered.', schema: {type: 'string', maxLength: 1000}},
            {name: 'domain', in: 'query', description: 'Primary domain, e.g. `contoso.com`.', schema: {type: 'string', maxLength: 253}},
            {name: 'tenantId', in: 'query', description: 'An Azure directory (tenant) ID, a GUID.', schema: {type: 'string', format: 'uuid'}},
            {name: 'excludeId', in: 'query', description: 'An organization to leave out: the one being edited (ignored unless visible from the scope).', schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
          ],
          responses: {'200': jsonResponse('Possible duplicates.', ref('schemas', 'DuplicateCheck')), ...SCOPED_ERRORS},
        },
      },
      '/microsoft/accounts': {
        get: {
          operationId: 'lookupMicrosoftAccount',
          summary: 'Find the Microsoft account of a domain',
          description:
            'The Microsoft account (Entra ID tenant) that has verified `domain`, compared case-insensitively, or `account: null` when none has. Only Microsoft’s directory data: never which organization of the channel uses the account.',
          tags: ['Microsoft'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'domain', in: 'query', required: true, description: 'The company’s domain, e.g. `contoso.com`.', schema: {type: 'string', minLength: 1, maxLength: 253}},
          ],
          responses: {'200': jsonResponse('The account, or null.', ref('schemas', 'MicrosoftAccountLookup')), ...SCOPED_ERRORS},
        },
      },
      '/microsoft/domain-availability': {
        get: {
          operationId: 'checkMicrosoftDomain',
          summary: 'Check a new .onmicrosoft.com name',
          description:
            'Whether `<prefix>.onmicrosoft.com` can name a new Microsoft account: 1–27 letters (a–z) and digits, compared case-insensitively, and not taken. A malformed or taken prefix is answered `available: false` with the `reason` in words for the user (a pasted `.onmicrosoft.com` is taken off the prefix first).',
          tags: ['Microsoft'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'prefix', in: 'query', required: true, description: 'The name before `.onmicrosoft.com`.', schema: {type: 'string', maxLength: 100}},
          ],
          responses: {'200': jsonResponse('Whether the name is free.', ref('schemas', 'DomainAvailability')), ...SCOPED_ERRORS},
        },
      },
      '/azure/linkable-tenants': {
        get: {
          operationId: 'listLinkableAzureTenants',
          summary: 'List Azure tenants and subscriptions to link',
          description:
            'Azure directories the scope’s partner has access to, each with its subscriptions not yet linked to an organization (a directory with none left is omitted once it is linked). A customer’s view may not ask (`403`).',
          tags: ['Azure'],
          parameters: [ref('parameters', 'TenantryScope')],
          responses: {'200': jsonResponse('Linkable tenants.', ref('schemas', 'LinkableAzureTenantList')), ...SCOPED_ERRORS},
        },
      },
      '/reference-lists': {
        get: {
          operationId: 'getReferenceLists',
          summary: 'Get the choices of the customer wizard',
          description:
            'Customer types, the subscriptions of the partner that bills a new organization below `parentId` (default: the scope tenant; none in a customer’s view), service plans, storage regions and tenant types, each as `{value, label}`.',
          tags: ['Reference data'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'parentId', in: 'query', description: 'The parent of the organization being entered; must be visible from the scope (`404` otherwise).', schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
          ],
          responses: {'200': jsonResponse('The lists.', ref('schemas', 'ReferenceLists')), ...SCOPED_ERRORS},
        },
      },
      '/users': {
        get: {
          operationId: 'listUsers',
          summary: 'List users',
          description: 'Users of the scope tenant and the tenants below it, optionally filtered by name or email.',
          tags: ['Users'],
          parameters: [
            ref('parameters', 'TenantryScope'),
            {name: 'search', in: 'query', description: 'Part of a display name or email, case-insensitive.', schema: {type: 'string', maxLength: 200}},
            {
              name: 'ids',
              in: 'query',
              description:
                'Only these users, comma-separated (at most 100): e.g. to name the owners of a saved view. Unknown ids and users outside the scope are left out; present but empty means none. Combines with `search`; `limit` defaults to the number of ids.',
              style: 'form',
              explode: false,
              schema: {type: 'array', maxItems: 100, items: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'}},
            },
            ref('parameters', 'Limit'),
          ],
          responses: {'200': jsonResponse('Matching users.', ref('schemas', 'UserList')), ...SCOPED_ERRORS},
        },
      },
      '/fx-rates': {
        get: {
          operationId: 'getFxRates',
          summary: 'Get exchange rates',
          description: 'Rates for the USD view of costs. Needs no scope.',
          tags: ['Reference data'],
          responses: {'200': jsonResponse('The latest rates.', ref('schemas', 'FxRates')), ...COMMON_ERRORS},
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {type: 'http', scheme: 'bearer', description: 'A token from the host, sent by the widgets’ token provider. Never put in a URL.'},
        cookieAuth: {type: 'apiKey', in: 'cookie', name: 'session', description: 'The host’s own session cookie (its name is the host’s choice).'},
      },
      parameters: {
        TenantryScope: {
          name: 'Tenantry-Scope',
          in: 'header',
          required: true,
          description:
            'The tenant whose view this request acts in: the caller’s home tenant or one below it. Another scope is refused with `403` or `404`, never answered with its data.',
          schema: {type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$'},
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: 'Chosen by the client per create and reused on every retry of it.',
          schema: {type: 'string', minLength: 1, maxLength: 255},
        },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: true,
          description: 'The `ETag` read with the record.',
          schema: {type: 'string', minLength: 1, maxLength: 200},
        },
        UpdatedSince: {
          name: 'updatedSince',
          in: 'query',
          description: 'A previous listing’s `asOf`: return only changes and tombstones after it.',
          schema: {type: 'string', format: 'date-time'},
        },
        Cursor: {
          name: 'cursor',
          in: 'query',
          description: 'The previous page’s `nextCursor`; opaque.',
          schema: {type: 'string', minLength: 1, maxLength: 1000},
        },
        Limit: {
          name: 'limit',
          in: 'query',
          description: 'Page size; the server may return fewer.',
          schema: {type: 'integer', minimum: 1, maximum: 10000},
        },
      },
      headers: {
        ETag: {description: 'Version of the record, `"<version>"`; send it back as `If-Match`.', schema: {type: 'string'}},
        RetryAfter: {description: 'When to try again: delta-seconds or an HTTP date.', schema: {type: 'string'}},
      },
      responses: {
        BadRequest: errorResponse('A required header or parameter is missing or malformed (e.g. no `Tenantry-Scope`).'),
        Unauthenticated: errorResponse('Not signed in, or the session expired.', {'WWW-Authenticate': {description: 'The scheme to sign in with.', schema: {type: 'string'}}}),
        Forbidden: errorResponse('The scope is not the caller’s tenant or below it, or the caller’s role may not do this.'),
        NotFound: errorResponse('No such record in the scope (also for records outside it).'),
        Conflict: errorResponse('The request conflicts with the state: e.g. deleting an organization that is not suspended, a lifecycle move not allowed from the current status, removing the last primary contact, starting an onboarding task that is not to do, or, from a server that does not wait, a create whose `Idempotency-Key` is still in progress.'),
        VersionConflict: errorResponse('`If-Match` does not match: the record changed since it was read.', {}, 'VersionConflict'),
        PreconditionRequired: errorResponse('`If-Match` is missing.'),
        TooLarge: errorResponse('The request body is larger than the server accepts (1 MiB in the reference adapter).'),
        NotJson: errorResponse('The request body is not `application/json`.'),
        Invalid: errorResponse('The body is not valid (an organization, a contact, a change of people), or would make an organization that is not: `issues` names each field at fault by path.', {}, 'ValidationError'),
        RateLimited: errorResponse('Too many requests.', {'Retry-After': ref('headers', 'RetryAfter')}),
        Unavailable: errorResponse('Temporarily unavailable; safe to retry idempotent requests.', {'Retry-After': ref('headers', 'RetryAfter')}),
        ServerError: errorResponse('An unexpected server failure.'),
      },
      schemas,
    },
  };
}
