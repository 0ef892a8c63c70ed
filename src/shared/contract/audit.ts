/**
 * The audit log's rules every server shares: the query as it is checked, the page cursor (newest
 * first, stable while entries are added), and which top-level fields a write changed.
 */
import {misuse, TenantryError} from './errors.js';
import {AUDIT_ACTIONS, SERVER_KEPT_FIELDS, type AuditAction, type AuditEntry, type Id} from '../model/types.js';
import type {CallOptions} from './call.js';

export interface AuditQuery extends CallOptions {
  /** Only entries about this organization. */
  organizationId?: Id;
  action?: AuditAction;
  /** Only entries of writes this user made. */
  actorId?: Id;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  /** Page size, 1–`MAX_AUDIT_PAGE`; default `DEFAULT_AUDIT_PAGE`. */
  limit?: number;
}

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 500;

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const WHAT = 'The audit log query is not valid';
/** A query no page of ours sends: its words are for the developer. */
const invalid = (path: string, message: string): TenantryError => misuse('invalid-request', `${WHAT}: ${path} ${message}.`, {issues: [{path, message}]});

/** Where a page ends: the (time, id) of its last, oldest entry. */
export interface AuditCursor {
  at: string;
  id: Id;
}

/** A query, checked: ids, a known action, a cursor a server gave, a limit in range; else `invalid-request` naming the part. */
export function checkAuditQuery(query: AuditQuery): {organizationId?: Id; action?: AuditAction; actorId?: Id; cursor?: AuditCursor; limit: number} {
  const out: {organizationId?: Id; action?: AuditAction; actorId?: Id; cursor?: AuditCursor; limit: number} = {limit: DEFAULT_AUDIT_PAGE};
  for (const key of ['organizationId', 'actorId'] as const) {
    const v = query[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !ID.test(v)) throw invalid(key, 'must be an id');
    out[key] = v;
  }
  if (query.action !== undefined) {
    if (!(AUDIT_ACTIONS as readonly unknown[]).includes(query.action)) throw invalid('action', `must be one of ${AUDIT_ACTIONS.join(', ')}`);
    out.action = query.action;
  }
  if (query.cursor !== undefined) out.cursor = decodeAuditCursor(query.cursor);
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_AUDIT_PAGE) throw invalid('limit', `must be a whole number from 1 to ${MAX_AUDIT_PAGE}`);
    out.limit = query.limit;
  }
  return out;
}

export function encodeAuditCursor(c: AuditCursor): string {
  return btoa(JSON.stringify([c.at, c.id]));
}

/** Cursors come back from clients: untrusted input. */
export function decodeAuditCursor(s: unknown): AuditCursor {
  let c: unknown = null;
  if (typeof s === 'string' && s.length <= 1000) {
    try {
      c = JSON.parse(atob(s));
    } catch {
      c = null;
    }
  }
  if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || Number.isNaN(Date.parse(c[0])) || typeof c[1] !== 'string' || !ID.test(c[1])) {
    const message = 'is not one this server gave; start the listing again';
    throw new TenantryError('invalid-request', `${WHAT}: cursor ${message}.`, {issues: [{path: 'cursor', message}], reason: {id: 'list.cursor', params: {}}});
  }
  return {at: c[0], id: c[1]};
}

/** Newest first: by time, then by id, both descending. */
export const newestFirst = (a: Pick<AuditEntry, 'at' | 'id'>, b: Pick<AuditEntry, 'at' | 'id'>): number => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Whether an entry comes after the cursor in newest-first order (is older than where the last page ended). */
export const afterCursor = (e: Pick<AuditEntry, 'at' | 'id'>, c: AuditCursor): boolean => e.at < c.at || (e.at === c.at && e.id < c.id);

/** Whether an entry matches a checked query's filters. */
export function auditMatches(e: AuditEntry, q: {organizationId?: Id; action?: AuditAction; actorId?: Id}): boolean {
  return (q.organizationId === undefined || e.organizationId === q.organizationId) && (q.action === undefined || e.action === q.action) && (q.actorId === undefined || e.actorId === q.actorId);
}

const SERVER_KEPT = new Set<string>(SERVER_KEPT_FIELDS);

/** Top-level fields whose value differs between two versions of a record (server-kept ones left out), sorted. */
export function changedFields(before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => !SERVER_KEPT.has(k) && stable(b[k]) !== stable(a[k])).sort();
}

/** JSON with object keys sorted, so the same value reads the same whatever order it was built in. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : x)) ?? 'undefined';
}
