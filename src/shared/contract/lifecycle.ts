/**
 * The lifecycle of an organization as the server's rules, in one place: which moves are allowed
 * from which status and where each leads. The embedded backend and the REST reference server both
 * use these (a host backend written in TypeScript can too), and a UI offers only the moves
 * `LIFECYCLE_MOVES` lists for a status.
 *
 * active ─suspend→ suspended ─resume→ active; active ─disable→ inactive ─enable→ active;
 * active | inactive | suspended ─archive→ archived. Anything else is a `conflict`.
 */
import {misuse, TenantryError} from './errors.js';
import {LIFECYCLE_ACTIONS, type LifecycleAction, type OrgStatus, type TenantKind} from '../model/types.js';
import {LIFECYCLE_MOVES, isLifecycleAction} from './lifecycle-moves.js';

export {LIFECYCLE_MOVES, isLifecycleAction, type LifecycleMove} from './lifecycle-moves.js';

/** For each action, the statuses it may start from and its past participle (for messages). */
const ACTION_WORDS: Readonly<Record<LifecycleAction, {from: string; done: string}>> = {
  suspend: {from: 'an active', done: 'suspended'},
  resume: {from: 'a suspended', done: 'resumed'},
  disable: {from: 'an active', done: 'disabled'},
  enable: {from: 'an inactive', done: 'enabled'},
  archive: {from: 'an active, inactive or suspended', done: 'archived'},
};

const KIND_WORDS: Readonly<Record<TenantKind, string>> = {
  distributor: 'distributor',
  reseller: 'reseller',
  'customer-organization': 'customer organization',
  customer: 'customer',
};


/** An action as a request names it, checked; else `invalid-request` naming the allowed ones. */
export function checkLifecycleAction(action: unknown): LifecycleAction {
  if (!isLifecycleAction(action)) {
    throw misuse('invalid-request', `The lifecycle action must be one of ${LIFECYCLE_ACTIONS.join(', ')}.`, {issues: [{path: 'action', message: `must be one of ${LIFECYCLE_ACTIONS.join(', ')}`}]});
  }
  return action;
}

/** The status `action` leads to from `status`, or `null` when the move is not allowed. */
export function lifecycleTarget(status: OrgStatus, action: LifecycleAction): OrgStatus | null {
  return LIFECYCLE_MOVES[status].find((m) => m.action === action)?.to ?? null;
}

/**
 * The status `action` leads to from `status`; a move that is not allowed is a `conflict` naming
 * the move and the current status ("Only an active customer can be suspended; this one is archived.").
 */
export function lifecycleMove(status: OrgStatus, action: LifecycleAction, kind?: TenantKind): OrgStatus {
  const to = lifecycleTarget(status, action);
  if (to !== null) return to;
  const words = ACTION_WORDS[action];
  const noun = kind ? KIND_WORDS[kind] : 'organization';
  throw new TenantryError('conflict', `Only ${words.from} ${noun} can be ${words.done}; this one is ${status}.`, {reason: {id: 'lifecycle.not-allowed', params: {action, status, kind: kind ?? 'organization'}}});
}
