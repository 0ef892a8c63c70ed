/**
 * What the worker, the backends and the page's own stores say to a user — errors, refusals,
 * notices, configuration problems — in the page's language: every reason of
 * `src/shared/contract/reasons.ts` is worded here, through the catalogue, with its numbers and
 * dates written in the page's locale. A chunk of its own: widgets call `src/page/messages.ts`,
 * which loads it the first time a message is shown.
 *
 * The English `message` an error carries is shown only for a reason this page does not know (a
 * newer worker or server) or an error without one; a backend's own words (`details.detail`) follow
 * our sentence as a detail. Everything here is text: a template binds it as text, never as HTML.
 */
import {msg, str} from '@lit/localize';
import {TenantryError} from '../shared/contract/errors.js';
import type {Reason, ReasonId, ReasonParams} from '../shared/contract/reasons.js';
import type {Issue} from '../shared/model/schema.js';
import {KIND_LABELS, STATUS_LABELS} from '../shared/model/labels.js';
import type {OrgStatus, TenantKind} from '../shared/model/types.js';
import type {CacheNotice} from '../shared/protocol.js';
import {formatBytes, formatDate, formatInteger, formatSeconds, inSentence, plural} from './format.js';
import {getLocale} from './locale.js';

/** `<tenantry-config>` as the configuration's messages write it: code, in a placeholder (a catalogue text holds no `<`). */
const CONFIG_TAG = '`<tenantry-config>`';

const kindWord = (kind: TenantKind | 'organization'): string => (kind === 'organization' ? msg('organization', {desc: 'An organization of any kind, inside a sentence'}) : inSentence(KIND_LABELS[kind]));
/** A status inside a sentence: an adjective, lower case in every language (unlike a German noun). */
const statusWord = (status: OrgStatus): string => STATUS_LABELS[status].toLocaleLowerCase(getLocale());
/** An HTTP status as a number people look up: written as it is, never grouped or in other digits. */
const statusCode = (status: number): string => String(status);

/** One wording per reason; the type makes every reason of `reasons.ts` need one. */
type Wording = {readonly [I in ReasonId]: (params: ReasonParams<I>) => string};

const WORDS: Wording = {
  unexpected: () => msg('Something went wrong.'),

  'http.timeout': (p) => msg(str`The server did not answer within ${formatSeconds(p.seconds)}.`),
  'http.unreachable': () => msg('The server could not be reached (the connection failed or was reset).'),
  'http.token-failed': () => msg('The page could not give a sign-in token for the server.'),
  'http.token-unsendable': () => msg('The sign-in token the page gave cannot be sent to the server: it holds characters a request cannot carry.'),
  'http.not-json': () => msg('The server’s answer is not valid data.'),
  'http.web-page': () => msg('The server answered with a web page instead of data; check the API address.'),
  'http.too-large': (p) => msg(str`The server’s answer is larger than the ${formatBytes(p.bytes)} this client accepts.`),
  'http.contract': () => msg('The server’s answer does not match the API contract.'),
  'http.invalid-request': (p) => msg(str`The server refused the request as invalid (HTTP ${statusCode(p.status)}).`),
  'http.unauthenticated': () => msg('You are not signed in, or your session has expired; sign in again.'),
  'http.forbidden': () => msg('You do not have permission to do this in the selected tenant.'),
  'http.not-found': () => msg('Not found in the selected tenant (it may have been deleted, or be outside what you can see).'),
  'http.conflict': () => msg('The request conflicts with the current state of the record.'),
  'http.version-conflict': () => msg('Someone else changed this record since you opened it; reload it and try again.'),
  'http.precondition-required': () => msg('The server only accepts a change that names the version it was made to; reload the record and try again.'),
  'http.rate-limited': () => msg('Too many requests; try again shortly.'),
  'http.rate-limited-for': (p) => msg(str`Too many requests; try again in ${formatSeconds(p.seconds)}.`),
  'http.unavailable': (p) => msg(str`The service is temporarily unavailable (HTTP ${statusCode(p.status)}).`),
  'http.unavailable-for': (p) => msg(str`The service is temporarily unavailable (HTTP ${statusCode(p.status)}); try again in ${formatSeconds(p.seconds)}.`),
  'http.server': (p) => msg(str`The server failed (HTTP ${statusCode(p.status)}).`),
  'http.unexpected': (p) => msg(str`The server answered with an unexpected HTTP ${statusCode(p.status)}.`),
  'console-link.invalid': () => msg('The console link the server sent is not an absolute http or https URL, so it was not opened.'),

  'list.repeated-page': (p) =>
    p.list === 'accounts'
      ? msg('The server sent the same page of accounts twice, so the list cannot be read to its end. Nothing was changed; tell your administrator.')
      : msg('The server sent the same page of organizations twice, so the list cannot be read to its end. Nothing was changed; tell your administrator.'),
  'list.endless': (p) =>
    p.list === 'accounts'
      ? msg(str`The server’s list of accounts did not end after ${formatInteger(p.pages)} pages. Nothing was changed; tell your administrator.`)
      : msg(str`The server’s list of organizations did not end after ${formatInteger(p.pages)} pages. Nothing was changed; tell your administrator.`),
  'list.cursor': () => msg('The server no longer knows where this list stopped; start the listing again.'),
  'session.another-user': () => msg('The backend has another user signed in than this page; nothing is shown. Sign in again.'),
  'session.signed-out': () => msg('You are signed out. Sign in again to see your organizations.'),
  'session.unconfirmed': () => msg('Your session could not be confirmed.'),
  'view.closed': () => msg('This view was closed; open it again.'),
  'tenant.not-in-view': () => msg('That tenant is not in your view.'),
  'pref.too-large': (p) => msg(str`This is too large to keep (more than ${formatBytes(p.bytes)}).`),
  'write.changed': () => msg('Someone else changed this organization since you opened it. Their version is shown; keep yours or theirs.'),
  'write.not-saved': () => msg('Not saved: the server could not be reached, or its answer did not arrive. Try again when you are online.'),
  'write.not-saved-create': () => msg('Not saved: the server could not be reached, or its answer did not arrive. Try again when you are online: sending it again cannot create it twice.'),
  'scope.no-access': () => msg('You have no access to this tenant (or it no longer exists). Nothing of it is kept on this device.'),
  'offline.too-old': (p) => msg(str`The server cannot be reached, and the data saved on this device (from ${formatDate(p.savedAt)}) is too old to show.`),
  'backend.load-timeout': (p) => msg(str`The embedded backend did not load within ${formatSeconds(p.seconds)}. Check the connection and reload the page.`),
  'backend.load-failed': () => msg('The embedded backend could not be loaded. Check the connection and reload the page.'),
  'backend.unknown-kind': (p) => msg(str`Unknown backend kind ${p.kind}: use "http" or "local".`),
  'cache.purge-failed': () => msg('This user’s cached data could not be removed from this device.'),
  'cache.purge-blocked': () => msg('This user’s cached data stays on this device until the other Tenantry tabs are closed; it is removed then.'),
  'export.no-columns': () => msg('Nothing to export: no exportable column was chosen.'),

  'auth.admin-only': () => msg('Sign in as an administrator to continue.'),
  'scope.not-yours': (p) => msg(str`You cannot act in tenant “${p.tenantId}”: it is not yours or below yours.`),
  'org.not-found': (p) => msg(str`No organization “${p.id}” in this tenant.`),
  'org.changed': (p) => msg(str`“${p.name}” was changed by someone else since you opened it.`),
  'role.customer-admin': (p) => customerAdminMayNot(p.act),
  'role.customer-admin-fields': (p) => msg(str`A customer administrator cannot change: ${p.fields}.`),
  'request.invalid': (p) => {
    switch (p.subject) {
      case 'organization': return msg('The organization is not valid.');
      case 'change': return msg('The change is not valid.');
      case 'contact': return msg('The contact is not valid.');
      case 'people': return msg('The change of people is not valid.');
      case 'account-change': return msg('The change of the account is not valid.');
    }
  },
  'create.key-reused': () => msg('This request was already used to create a different organization: start the new customer again.'),
  'create.key-deleted': () => msg('The organization this request created has since been deleted.'),
  'create.parent-outside': () => msg('The parent organization is not in this tenant.'),
  'create.kind-under': (p) => msg(str`A ${kindWord(p.kind)} cannot be created under a ${kindWord(p.parentKind)}.`),
  'delete.own-tenant': () => msg('You cannot delete the tenant you are acting in.'),
  'delete.not-suspended': (p) => msg(str`Suspend “${p.name}” before deleting it.`),
  'delete.has-children': (p) => msg(str`“${p.name}” still has organizations below it.`),
  'lifecycle.own-tenant': () => msg('You cannot change the lifecycle of the tenant you are acting in.'),
  'lifecycle.not-allowed': (p) => {
    const kind = kindWord(p.kind);
    const status = statusWord(p.status);
    switch (p.action) {
      case 'suspend': return msg(str`Only an active ${kind} can be suspended; this one is ${status}.`);
      case 'resume': return msg(str`Only a suspended ${kind} can be resumed; this one is ${status}.`);
      case 'disable': return msg(str`Only an active ${kind} can be disabled; this one is ${status}.`);
      case 'enable': return msg(str`Only an inactive ${kind} can be enabled; this one is ${status}.`);
      case 'archive': return msg(str`Only an active, inactive or suspended ${kind} can be archived; this one is ${status}.`);
    }
  },
  'contact.keep-primary': (p) => msg(str`Make another contact primary before removing “${p.contact}” as the primary contact: an organization with contacts keeps at least one primary contact.`),
  'contact.first-primary': () => msg('The first contact of an organization must be its primary contact.'),
  'contact.not-found': (p) => msg(str`“${p.org}” has no such contact; it may have been removed.`),
  'task.not-found': (p) => msg(str`“${p.org}” has no such onboarding task.`),
  'task.not-to-do': (p) => (p.state === 'done' ? msg(str`“${p.task}” cannot be started: it is done.`) : msg(str`“${p.task}” cannot be started: it is in progress already.`)),
  'task.not-startable': (p) => msg(str`“${p.task}” cannot be started from the list: it starts on its own when the tasks before it are done.`),
  'account.not-found': (p) => msg(str`No linked account “${p.id}” in this tenant.`),
  'account.changed': (p) => msg(str`The account “${p.name}” was changed by someone else since you opened it.`),
  'account.customers-only': () => msg('Linked accounts are assigned to customers only.'),
  'account.already-assigned': (p) => msg(str`“${p.account}” is already assigned to “${p.org}”.`),
  'account.dedicated': (p) => msg(str`“${p.account}” is a dedicated account: unassign it there first.`),
  'account.dedicated-of': (p) => msg(str`“${p.account}” is a dedicated account of “${p.holder}”: unassign it there first.`),
  'account.not-assigned': (p) => msg(str`“${p.account}” is not assigned to “${p.org}”.`),
  'account.serves-many': (p) =>
    plural(p.count, {
      one: (c) => msg(str`“${p.account}” serves ${c} customer; a dedicated account serves one. Unassign it from all but one first.`),
      other: (c) => msg(str`“${p.account}” serves ${c} customers; a dedicated account serves one. Unassign it from all but one first.`),
    }),

  'scope.refused': () => msg("You don't have access to that tenant, or it doesn't exist."),
  'scope.switch-failed': () => msg("Couldn't switch tenants. Check the connection and try again."),
  'session.start-failed': () => msg('The session could not be started.'),
  'config.auth-unknown': (p) => msg(str`\`auth="${p.auth}"\` is not a sign-in mode Tenantry knows. Use \`auth="token"\` (with a \`tokenProvider\`) or \`auth="cookie"\` (the page’s own session cookie).`),
  'config.no-backend': () => msg(str`${CONFIG_TAG} has no \`backend\`. Add \`backend="https://…/"\` with the base URL of your Tenantry API, or \`backend="embedded"\` for demo data.`),
  'config.organizations': (p) => msg(str`\`organizations\` is not a number of demo organizations. Give a whole number from 1 to ${formatInteger(p.max)}, or leave it out (${formatInteger(2000)}).`),
  'config.backend-unusable': (p) =>
    msg(str`\`backend="${p.backend}"\` cannot be used: ${reasonText(p.cause)} Give the absolute http(s) base URL of your Tenantry API, e.g. \`backend="https://psa.example.com/api/tenantry/"\`, or \`backend="embedded"\` for demo data.`),
  'config.no-token-provider': () =>
    msg(str`\`auth="token"\` needs a \`tokenProvider\`, and none is set. Set it from a script: \`${'document.querySelector("tenantry-config").tokenProvider = async () => token'}\`, or use \`auth="cookie"\` to send the page’s own session cookie.`),
  'config.token-provider-type': () => msg(str`\`tokenProvider\` is not a function. Set a function that returns a promise of the bearer token: \`${'async () => token'}\`.`),
  'config.duplicate': (p) =>
    plural(p.count, {
      one: (c) => msg(str`This page has ${c} ${CONFIG_TAG} element; there may be only one. Remove all but one (the one with the right \`backend\`).`),
      other: (c) => msg(str`This page has ${c} ${CONFIG_TAG} elements; there may be only one. Remove all but one (the one with the right \`backend\`).`),
    }),
  'url.invalid': (p) => msg(str`The API base URL “${p.url}” is not a valid absolute URL.`),
  'url.scheme': (p) => msg(str`The API base URL must use http or https, not ${p.scheme}.`),
  'url.credentials': () => msg('The API base URL must not contain a user name or password.'),
};

/** A customer administrator's refusal, one sentence per act so each language orders its words. */
function customerAdminMayNot(act: ReasonParams<'role.customer-admin'>['act']): string {
  switch (act) {
    case 'create': return msg('A customer administrator cannot create organizations.');
    case 'delete': return msg('A customer administrator cannot delete organizations.');
    case 'suspend': return msg('A customer administrator cannot suspend organizations.');
    case 'resume': return msg('A customer administrator cannot resume organizations.');
    case 'disable': return msg('A customer administrator cannot disable organizations.');
    case 'enable': return msg('A customer administrator cannot enable organizations.');
    case 'archive': return msg('A customer administrator cannot archive organizations.');
    case 'lifecycle': return msg('A customer administrator cannot change the lifecycle of organizations.');
    case 'add-contacts': return msg('A customer administrator cannot add contacts.');
    case 'change-contacts': return msg('A customer administrator cannot change contacts.');
    case 'remove-contacts': return msg('A customer administrator cannot remove contacts.');
    case 'change-people': return msg('A customer administrator cannot change the people of an organization.');
    case 'start-onboarding': return msg('A customer administrator cannot start onboarding tasks.');
    case 'assign-accounts': return msg('A customer administrator cannot assign linked accounts.');
    case 'unassign-accounts': return msg('A customer administrator cannot unassign linked accounts.');
    case 'change-accounts': return msg('A customer administrator cannot change linked accounts.');
    case 'check-duplicates': return msg('A customer administrator cannot check for duplicate organizations.');
    case 'link-azure': return msg('A customer administrator cannot link Azure tenants.');
  }
}

/** Whether this page words `reason` (an id it knows); a newer worker's or server's may be unknown. */
export function isWorded(reason: unknown): reason is Reason {
  const id = (reason as {id?: unknown} | null)?.id;
  return typeof id === 'string' && Object.hasOwn(WORDS, id) && typeof (reason as {params?: unknown}).params === 'object';
}

/** A reason in the page's language, with the reason it followed from after it. */
export function reasonText(reason: Reason): string {
  const text = (WORDS[reason.id] as (params: unknown) => string)(reason.params);
  return reason.cause && isWorded(reason.cause) ? `${text} ${reasonText(reason.cause)}` : text;
}

/** Free text from outside (a server, the browser, a host's script) after our sentence: a detail, as text. */
function detailText(reason: Reason | undefined, detail: string): string {
  return reason?.id.startsWith('http.') ? msg(str`The server said: “${detail}”`) : msg(str`Details: ${detail}`);
}

/** Issues by path (`email: …; phone: …`), as a refusal lists them: the paths are the contract's, for a technician. */
const issuesText = (issues: readonly Issue[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path || '(root)'}: ${i.message.replace(/\.$/, '')}`)
    .join(msg('; ', {desc: 'Between the issues of a refused request'}));

/**
 * What a user reads of an error: its reason in the page's language, with the backend's own words
 * (and a refusal's issues) as a detail; the English message when the reason is unknown or
 * missing; for anything that is not an error of ours, `fallback()` (default: its own text).
 */
export function errorText(error: unknown, fallback?: () => string): string {
  if (error instanceof TenantryError) {
    const reason = error.details.reason;
    if (!isWorded(reason)) return error.message;
    let text = reasonText(reason);
    const issues = error.details.issues;
    if (reason.id === 'request.invalid' && issues?.length) text = `${text} ${issuesText(issues)}`;
    const detail = error.details.detail;
    return detail ? `${text} ${detailText(reason, detail)}` : text;
  }
  if (fallback) return error instanceof Error && error.message ? `${fallback()} ${detailText(undefined, error.message)}` : fallback();
  return error instanceof Error ? error.message : String(error);
}

/** What the cache tells the user, by its kind and reason. */
export function noticeText(notice: CacheNotice): string {
  switch (notice.reason) {
    case 'unavailable': return msg('Offline storage is not available in this browser (it may be disabled, or this is a private window), so data is kept in memory only and will be loaded again next time.');
    case 'blocked': return msg('Another Tenantry tab is using an older version of the offline storage, so this tab keeps its data in memory only. Close the other Tenantry tabs and reload to store data offline again.');
    case 'quota': return msg('The browser’s storage for this site is full, so data is now kept in memory only and will be loaded again next time. Freeing disk space or site data lets Tenantry store data offline again.');
    case 'version-change': return msg('A newer version of Tenantry opened in another tab took over the offline storage, so this tab now keeps its data in memory only. Reload this tab to store data offline again.');
    case 'error': return msg('Offline storage failed, so data is now kept in memory only and will be loaded again next time.');
    default: return (notice as CacheNotice).message;
  }
}

/** A configuration problem and its fix, with backticked code (`renderCodeText`): worded by its reason, else as published. */
export function configProblemText(status: {problem: string; fix: string; reason?: Reason}): string {
  return status.reason && isWorded(status.reason) ? reasonText(status.reason) : `${status.problem} ${status.fix}`;
}
