/**
 * Why something failed, or what a notice is about, as a stable id with its parameters: what the
 * worker, the embedded backend and a server say to a user. A page words a reason in its own
 * language (`src/page/messages.ts`); the English `message` beside it stays for logs and for ids a
 * page does not know. The worker and a server never word a reason themselves: no catalogue is
 * loaded there.
 *
 * `REASONS` gives each id its parameters and what each one is: `text` (a name, a URL: shown as it
 * is, as text), `number` (written in the page's locale), `date` (an ISO date or instant, written in
 * the page's locale), `reason` (another reason, worded in turn), or the list of values it may take
 * (a status, an action: worded by the page). Reasons cross the worker boundary inside
 * `ErrorDetails`, and the REST contract's error body may carry one (`reason`, `params`), which a
 * client accepts only when `checkReason` does.
 *
 * Adding a reason: add it here, word it in `src/page/messages.ts` (the type check and
 * `scripts/check-l10n.mjs` fail until it is), then `npm run l10n` and translate.
 */
import {LIFECYCLE_ACTIONS, ORG_STATUSES, TENANT_KINDS} from '../model/types.js';

/** What a parameter is (see the module's comment). */
export type ParamSpec = 'text' | 'number' | 'date' | 'reason' | readonly string[];

const CUSTOMER_ADMIN_ACTS = [
  'create',
  'delete',
  ...LIFECYCLE_ACTIONS,
  'lifecycle',
  'add-contacts',
  'change-contacts',
  'remove-contacts',
  'change-people',
  'start-onboarding',
  'assign-accounts',
  'unassign-accounts',
  'change-accounts',
  'check-duplicates',
  'link-azure',
] as const;

/** The things a refusal with issues is about (`request.invalid`). */
const INVALID_SUBJECTS = ['organization', 'change', 'contact', 'people', 'account-change'] as const;

/** Which list a paging fault is about. */
const LISTS = ['organizations', 'accounts'] as const;

export const REASONS = {
  // --- An HTTP backend's answers (src/worker/backends/http/http-backend.ts) ---
  /** No answer within the timeout (`seconds`). */
  'http.timeout': {seconds: 'number'},
  /** The connection failed or was reset. */
  'http.unreachable': {},
  /** The host's token provider failed (its own words are the error's `detail`). */
  'http.token-failed': {},
  /** The host's token provider returned something that cannot go in a header. */
  'http.token-unsendable': {},
  'http.not-json': {},
  /** An HTML page instead of data: the API address is likely wrong. */
  'http.web-page': {},
  'http.too-large': {bytes: 'number'},
  /** The answer does not match the REST contract. */
  'http.contract': {},
  'http.invalid-request': {status: 'number'},
  'http.unauthenticated': {},
  'http.forbidden': {},
  'http.not-found': {},
  'http.conflict': {},
  'http.version-conflict': {},
  'http.precondition-required': {},
  'http.rate-limited': {},
  'http.rate-limited-for': {seconds: 'number'},
  'http.unavailable': {status: 'number'},
  'http.unavailable-for': {status: 'number', seconds: 'number'},
  'http.server': {status: 'number'},
  'http.unexpected': {status: 'number'},
  /** The console link a server sent is not an absolute http(s) URL. */
  'console-link.invalid': {},

  // --- The data plane (src/worker/) ---
  /** Something failed that is none of the above (its own words, for a technician, are the `detail`). */
  unexpected: {},
  /** A server repeated a page cursor of a list. */
  'list.repeated-page': {list: LISTS},
  /** A server's list did not end after `pages` pages. */
  'list.endless': {list: LISTS, pages: 'number'},
  /** A page cursor the server did not give (or no longer accepts). */
  'list.cursor': {},
  /** The backend's session is another user than the one the page signed in. */
  'session.another-user': {},
  /** The backend refused the session (401): signed out. */
  'session.signed-out': {},
  /** A restored session could not be confirmed (`cause`, when known, says why). */
  'session.unconfirmed': {},
  'view.closed': {},
  'tenant.not-in-view': {},
  /** A preference larger than the worker keeps. */
  'pref.too-large': {bytes: 'number'},
  /** A write met someone else's change; their version is in `details.current`. */
  'write.changed': {},
  /** A write could not be sent, or its answer was lost. */
  'write.not-saved': {},
  /** The same for a create (sending it again cannot create it twice). */
  'write.not-saved-create': {},
  /** A scope the backend refused (403/404): nothing of it is kept. */
  'scope.no-access': {},
  /** Offline, and what is saved (from `savedAt`) is past its maximum age. */
  'offline.too-old': {savedAt: 'date'},
  /** The embedded backend's code did not load in time (`seconds`). */
  'backend.load-timeout': {seconds: 'number'},
  /** The embedded backend's code could not be loaded. */
  'backend.load-failed': {},
  'backend.unknown-kind': {kind: 'text'},
  /** Sign-out could not remove this user's cached data (the browser's reason is the `detail`). */
  'cache.purge-failed': {},
  /** Sign-out's removal waits for other tabs of an older version to close. */
  'cache.purge-blocked': {},
  'export.no-columns': {},

  // --- A backend's rules (embedded backend, REST handler, src/shared/contract/) ---
  /** Only administrators sign in. */
  'auth.admin-only': {},
  /** The acting tenant is not the user's nor below it. */
  'scope.not-yours': {tenantId: 'text'},
  'org.not-found': {id: 'text'},
  /** The organization changed since it was read (412). */
  'org.changed': {name: 'text'},
  /** A customer administrator may not do `act`. */
  'role.customer-admin': {act: CUSTOMER_ADMIN_ACTS},
  /** A customer administrator may not change these fields (`fields`, comma-separated paths). */
  'role.customer-admin-fields': {fields: 'text'},
  /** A refusal whose `details.issues` say what is wrong, by path. */
  'request.invalid': {subject: INVALID_SUBJECTS},
  'create.key-reused': {},
  'create.key-deleted': {},
  'create.parent-outside': {},
  'create.kind-under': {kind: TENANT_KINDS, parentKind: TENANT_KINDS},
  'delete.own-tenant': {},
  'delete.not-suspended': {name: 'text'},
  'delete.has-children': {name: 'text'},
  'lifecycle.own-tenant': {},
  /** A lifecycle move not allowed from the status (`kind` is `organization` when not known). */
  'lifecycle.not-allowed': {action: LIFECYCLE_ACTIONS, status: ORG_STATUSES, kind: [...TENANT_KINDS, 'organization']},
  'contact.keep-primary': {contact: 'text'},
  'contact.first-primary': {},
  'contact.not-found': {org: 'text'},
  'task.not-found': {org: 'text'},
  'task.not-to-do': {task: 'text', state: ['in-progress', 'done']},
  'task.not-startable': {task: 'text'},
  'account.not-found': {id: 'text'},
  'account.changed': {name: 'text'},
  'account.customers-only': {},
  'account.already-assigned': {account: 'text', org: 'text'},
  'account.dedicated': {account: 'text'},
  'account.dedicated-of': {account: 'text', holder: 'text'},
  'account.not-assigned': {account: 'text', org: 'text'},
  /** A shared account serving `count` customers cannot become dedicated. */
  'account.serves-many': {account: 'text', count: 'number'},

  // --- The page's own (src/page/) ---
  /** A tenant switch the backend refused (it does not say whether the tenant exists). */
  'scope.refused': {},
  'scope.switch-failed': {},
  'session.start-failed': {},
  /** `<tenantry-config>`'s problems, each worded with its fix. */
  'config.auth-unknown': {auth: 'text'},
  'config.no-backend': {},
  'config.organizations': {max: 'number'},
  /** `backend` is not a usable base URL; `cause` says why (a `url.*` reason). */
  'config.backend-unusable': {backend: 'text', cause: 'reason'},
  'config.no-token-provider': {},
  'config.token-provider-type': {},
  'config.duplicate': {count: 'number'},
  /** A base URL that is not an absolute URL. */
  'url.invalid': {url: 'text'},
  'url.scheme': {scheme: 'text'},
  'url.credentials': {},
} as const satisfies Record<string, Readonly<Record<string, ParamSpec>>>;

export type ReasonId = keyof typeof REASONS;

type ParamValue<S> = S extends 'text' | 'date' ? string : S extends 'number' ? number : S extends 'reason' ? Reason : S extends readonly (infer E)[] ? E : never;

/** The parameters of a reason, as its `REASONS` entry says. */
export type ReasonParams<I extends ReasonId> = {readonly [K in keyof (typeof REASONS)[I]]: ParamValue<(typeof REASONS)[I][K]>};

/** A reason: its id and parameters; `cause` an earlier reason it follows from, when there is one. */
export type Reason<I extends ReasonId = ReasonId> = I extends ReasonId ? {readonly id: I; readonly params: ReasonParams<I>; readonly cause?: Reason} : never;

/** Longest text parameter accepted from a server (one line). */
const MAX_TEXT = 200;

/**
 * A reason as a server or another bundle sent it, checked against `REASONS`: a known id with every
 * parameter of its kind (text one line, at most 200 characters; numbers finite; dates parseable;
 * a listed value); `null` otherwise, and the caller words the error by its code instead.
 */
export function checkReason(id: unknown, params: unknown, depth = 0): Reason | null {
  if (typeof id !== 'string' || !Object.hasOwn(REASONS, id)) return null;
  const spec = REASONS[id as ReasonId] as Readonly<Record<string, ParamSpec>>;
  const given = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const v = given[name];
    if (kind === 'reason') {
      // Nested once at most (a configuration problem and its URL's fault).
      const inner = depth === 0 && typeof v === 'object' && v !== null ? checkReason((v as {id?: unknown}).id, (v as {params?: unknown}).params, 1) : null;
      if (!inner) return null;
      out[name] = inner;
    } else if (kind === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      out[name] = v;
    } else if (kind === 'text' || kind === 'date') {
      if (typeof v !== 'string') return null;
      const line = v.replace(/\s+/g, ' ').trim();
      if (kind === 'date' && Number.isNaN(Date.parse(line))) return null;
      out[name] = line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT - 1)}…` : line;
    } else {
      if (typeof v !== 'string' || !kind.includes(v)) return null;
      out[name] = v;
    }
  }
  return {id, params: out} as Reason;
}
