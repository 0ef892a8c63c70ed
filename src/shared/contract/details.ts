/**
 * The rules of an organization's details as every server applies them, in one place: contacts
 * (checked by the wizard's field rules; an organization with contacts keeps a primary one), people
 * changes, onboarding tasks started from a list, the contracts and commerce lists' queries and
 * cursors, and the console link a client accepts. The embedded backend and the REST reference
 * server both use these (a host backend written in TypeScript can too); the HTTP client checks a
 * request with them before sending it.
 */
import {misuse, TenantryError} from './errors.js';
import {contactIssues} from './server-checks.js';
import type {CallOptions} from './call.js';
import {validate, type Issue} from '../model/schema.js';
import {PeopleChangeSchema} from '../model/schemas.js';
import {
  COMMERCE_KINDS,
  CONTRACT_STATUSES,
  type CommerceKind,
  type ConsoleLink,
  type Contact,
  type ContactInput,
  type ContractStatus,
  type Id,
  type OnboardingTask,
  type PeopleChange,
} from '../model/types.js';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A request no page of ours sends (a malformed query or change): its words are for the developer. */
const invalid = (what: string, path: string, message: string): TenantryError => misuse('invalid-request', `${what}: ${path} ${message}.`, {issues: [{path, message}]});
/** A cursor this server did not give, or no longer reads (a list read again from the start cures it). */
const badCursor = (what: string): TenantryError => {
  const message = 'is not one this server gave; start the listing again';
  return new TenantryError('invalid-request', `${what}: cursor ${message}.`, {issues: [{path: 'cursor', message}], reason: {id: 'list.cursor', params: {}}});
};
/** A refusal naming its issues. */
const refused = (what: string, subject: 'contact' | 'people', issues: Issue[]): TenantryError =>
  new TenantryError('invalid-request', `${what}: ${issues.slice(0, 5).map((i) => `${i.path || '(root)'}: ${i.message.replace(/\.$/, '')}`).join('; ')}.`, {issues: issues.slice(0, 50), reason: {id: 'request.invalid', params: {subject}}});

// ---------------------------------------------------------------------------------------------
// Contacts

/**
 * Everything wrong with a contact as sent (`addContact`, `updateContact`): its shape, then the
 * wizard's rules for a contact, at paths of the contact itself (`email`, `firstName`). The phone
 * is read in `country` (the company's) when written without a country code.
 */
export async function checkContactInput(input: unknown, country: string): Promise<ContactInput> {
  const issues = await contactIssues(input, country);
  if (issues.length) throw refused('The contact is not valid', 'contact', issues);
  const {role, firstName, lastName, email, phone, fax} = input as ContactInput;
  // Only the contact's own fields are kept (a client may send more, e.g. the id it read).
  return {role, firstName: firstName.trim(), lastName: lastName.trim(), email: email.trim(), phone: phone.trim(), fax: fax.trim()};
}

/** A contact's name in words, for messages and the audit log ("Ada Lovelace", else the email, else the role). */
export function contactName(c: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'role'>): string {
  return `${c.firstName} ${c.lastName}`.trim() || c.email.trim() || `the ${c.role} contact`;
}

/**
 * An organization that has contacts keeps at least one primary contact: a change of `before` to
 * `after` that takes the last one away (deleting it, or giving it another role) is a `conflict`,
 * as is a first contact that is not primary. `changed` is the contact the change is about.
 */
export function checkPrimaryContact(before: readonly Contact[], after: readonly Contact[], changed: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'role'>): void {
  if (after.some((c) => c.role === 'primary')) return;
  if (before.some((c) => c.role === 'primary')) {
    const contact = contactName(changed);
    throw new TenantryError('conflict', `Make another contact primary before removing “${contact}” as the primary contact: an organization with contacts keeps at least one primary contact.`, {reason: {id: 'contact.keep-primary', params: {contact}}});
  }
  if (!before.length && after.length) throw new TenantryError('conflict', 'The first contact of an organization must be its primary contact.', {reason: {id: 'contact.first-primary', params: {}}});
}

/** The contact `contactId` of an organization; else `not-found`. */
export function contactOf(contacts: readonly Contact[], contactId: unknown, orgName: string): Contact {
  const found = typeof contactId === 'string' ? contacts.find((c) => c.id === contactId) : undefined;
  if (!found) throw new TenantryError('not-found', `“${orgName}” has no contact “${String(contactId).slice(0, 128)}”; it may have been removed.`, {reason: {id: 'contact.not-found', params: {org: orgName}}});
  return found;
}

// ---------------------------------------------------------------------------------------------
// People

const ROLE_WORDS: Readonly<Record<PeopleChange['role'], string>> = {
  reader: 'Readers',
  engineer: 'Engineers',
  'tenant-admin': 'Tenant administrators',
  'account-manager': 'Account manager',
  'run-as': 'Run-as account',
};

/** The organization field each role of a people change writes. */
export const PEOPLE_FIELD = {reader: 'readers', engineer: 'engineers', 'tenant-admin': 'tenantAdmins', 'account-manager': 'accountManager', 'run-as': 'runAsAccount'} as const satisfies Record<PeopleChange['role'], string>;

/**
 * A people change, checked in its shape: one known role; for readers, engineers and tenant
 * administrators at least one id to add or remove, none both added and removed (duplicates
 * dropped); a run-as account's name is trimmed. Whether the users exist and are visible from the
 * scope is the server's to say (`invalid-request` at `add[0]`, `userId`), and so is the run-as rule
 * (`account`), which needs the organization's features.
 */
export function checkPeopleChange(raw: unknown): PeopleChange {
  const what = 'The change of people is not valid';
  const shape = validate(PeopleChangeSchema, raw);
  if (shape.length) throw refused(what, 'people', shape);
  const change = raw as PeopleChange;
  if (change.role === 'account-manager') return {role: change.role, userId: change.userId};
  if (change.role === 'run-as') return {role: change.role, account: change.account === null ? null : change.account.trim() || null};
  const add = [...new Set(change.add ?? [])];
  const remove = [...new Set(change.remove ?? [])];
  if (!add.length && !remove.length) throw invalid(what, 'add', 'or remove must name at least one user');
  const both = add.findIndex((a) => remove.includes(a));
  if (both >= 0) throw invalid(what, `add[${both}]`, 'is removed by the same change');
  return {role: change.role, add, remove};
}

/** What a people change did, in words for the audit log ("Readers: added Ada Lovelace; removed Bob Stone"). */
export function peopleSubject(role: PeopleChange['role'], added: readonly string[], removed: readonly string[], set?: string | null): string {
  const head = ROLE_WORDS[role];
  if (role === 'account-manager' || role === 'run-as') return set ? `${head}: ${set}` : `${head} cleared`;
  const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
  return `${head}: ${parts.join('; ') || 'no change'}`;
}

// ---------------------------------------------------------------------------------------------
// Onboarding

const STATE_WORDS: Readonly<Record<OnboardingTask['state'], string>> = {todo: 'not started', 'in-progress': 'in progress already', done: 'done'};

/**
 * The task `taskId` started: a startable task that is still to do goes in progress; unknown is
 * `not-found`; anything else a `conflict` naming the task and its state.
 */
export function startTask(tasks: readonly OnboardingTask[], taskId: unknown, orgName: string): {tasks: OnboardingTask[]; task: OnboardingTask} {
  const task = typeof taskId === 'string' ? tasks.find((t) => t.id === taskId) : undefined;
  if (!task) throw new TenantryError('not-found', `“${orgName}” has no onboarding task “${String(taskId).slice(0, 128)}”.`, {reason: {id: 'task.not-found', params: {org: orgName}}});
  if (task.state !== 'todo') throw new TenantryError('conflict', `“${task.title}” cannot be started: it is ${STATE_WORDS[task.state]}.`, {reason: {id: 'task.not-to-do', params: {task: task.title, state: task.state}}});
  if (!task.startable) throw new TenantryError('conflict', `“${task.title}” cannot be started from the list: it starts on its own when the tasks before it are done.`, {reason: {id: 'task.not-startable', params: {task: task.title}}});
  const started: OnboardingTask = {...task, state: 'in-progress'};
  return {tasks: tasks.map((t) => (t === task ? started : t)), task: started};
}

// ---------------------------------------------------------------------------------------------
// Contracts

export interface ContractQuery extends CallOptions {
  /** Only this organization's contracts (it must be visible from the scope). */
  organizationId?: Id;
  status?: ContractStatus;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1–`MAX_LIST_PAGE`; default `DEFAULT_LIST_PAGE`. */
  limit?: number;
}

export const DEFAULT_LIST_PAGE = 50;
export const MAX_LIST_PAGE = 500;

/**
 * Where a contracts page ends: the (end date, id, organization) of its last contract; an
 * open-ended one sorts last. A contract's id is its organization's, so two organizations may hold the same.
 */
export interface ContractCursor {
  endsOn: string | null;
  id: Id;
  organizationId: Id;
}

const limitOf = (limit: unknown, what: string): number => {
  if (limit === undefined) return DEFAULT_LIST_PAGE;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIST_PAGE) throw invalid(what, 'limit', `must be a whole number from 1 to ${MAX_LIST_PAGE}`);
  return limit as number;
};

/** A contracts query, checked; else `invalid-request` naming the part. */
export function checkContractQuery(query: ContractQuery): {organizationId?: Id; status?: ContractStatus; cursor?: ContractCursor; limit: number} {
  const what = 'The contracts query is not valid';
  const out: {organizationId?: Id; status?: ContractStatus; cursor?: ContractCursor; limit: number} = {limit: limitOf(query.limit, what)};
  if (query.organizationId !== undefined) {
    if (typeof query.organizationId !== 'string' || !ID.test(query.organizationId)) throw invalid(what, 'organizationId', 'must be an id');
    out.organizationId = query.organizationId;
  }
  if (query.status !== undefined) {
    if (!(CONTRACT_STATUSES as readonly unknown[]).includes(query.status)) throw invalid(what, 'status', `must be one of ${CONTRACT_STATUSES.join(', ')}`);
    out.status = query.status;
  }
  if (query.cursor !== undefined) {
    const c = decode(query.cursor);
    if (!Array.isArray(c) || c.length !== 3 || !(c[0] === null || (typeof c[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c[0]))) || !c.slice(1).every((x) => typeof x === 'string' && ID.test(x))) {
      throw badCursor(what);
    }
    out.cursor = {endsOn: c[0] as string | null, id: c[1] as Id, organizationId: c[2] as Id};
  }
  return out;
}

export const encodeContractCursor = (c: ContractCursor): string => btoa(JSON.stringify([c.endsOn, c.id, c.organizationId]));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By end date (open-ended last), then id, then organization id. */
export const contractOrder = (a: ContractCursor, b: ContractCursor): number =>
  a.endsOn !== b.endsOn ? (a.endsOn === null ? 1 : b.endsOn === null ? -1 : compare(a.endsOn, b.endsOn)) : compare(a.id, b.id) || compare(a.organizationId, b.organizationId);

// ---------------------------------------------------------------------------------------------
// Commerce

export interface CommerceQuery extends CallOptions {
  /** From a previous page's `nextCursor`: opaque, the server's own. */
  cursor?: string;
  /** Page size, 1–`MAX_LIST_PAGE`; default `DEFAULT_LIST_PAGE`. */
  limit?: number;
}

/** A commerce list's kind, checked; else `invalid-request` naming the known ones. */
export function checkCommerceKind(kind: unknown): CommerceKind {
  if (typeof kind !== 'string' || !(COMMERCE_KINDS as readonly string[]).includes(kind)) throw invalid('The commerce list is not valid', 'kind', `must be one of ${COMMERCE_KINDS.join(', ')}`);
  return kind as CommerceKind;
}

/** A commerce query, checked (the cursor only as text: what it holds is the server's); else `invalid-request`. */
export function checkCommerceQuery(query: CommerceQuery): {cursor?: string; limit: number} {
  const what = 'The commerce query is not valid';
  const out: {cursor?: string; limit: number} = {limit: limitOf(query.limit, what)};
  if (query.cursor !== undefined) {
    if (typeof query.cursor !== 'string' || !query.cursor || query.cursor.length > 1000) throw badCursor(what);
    out.cursor = query.cursor;
  }
  return out;
}

/** Cursors come back from clients: untrusted input; `undefined` when it is not one. */
function decode(s: unknown): unknown {
  if (typeof s !== 'string' || s.length > 1000) return undefined;
  try {
    return JSON.parse(atob(s));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Console links

/**
 * Whether `text` is an absolute http(s) URL with a host and no credentials: the only console link
 * a client opens (`javascript:`, `data:`, relative and protocol-relative links are refused).
 */
export function isAbsoluteHttpUrl(text: unknown): boolean {
  if (typeof text !== 'string' || text.length > 2000 || !/^https?:\/\/[^\s/?#]/i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/**
 * A console link as a backend answered it, checked: `null`, or a link to an absolute http(s) URL;
 * anything else is the backend's fault (`invalid-response`), never passed on.
 */
export function checkConsoleLink(link: ConsoleLink | null, request: string): ConsoleLink | null {
  if (link === null) return null;
  if (!isAbsoluteHttpUrl(link.url)) {
    const issues = [{path: 'link.url', message: 'must be an absolute http or https URL'}];
    throw new TenantryError('invalid-response', `${request} failed: the console link the server sent is not an absolute http or https URL, so it was not opened.`, {request, issues, reason: {id: 'console-link.invalid', params: {}}});
  }
  return {url: link.url, expiresAt: link.expiresAt};
}
