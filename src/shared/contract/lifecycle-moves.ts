/**
 * Which lifecycle move is allowed from which status, and where each leads: the table itself,
 * apart from the checks and refusals built on it (`lifecycle.ts`, which re-exports it), so a UI
 * that only offers the moves does not load those.
 */
import {LIFECYCLE_ACTIONS, type LifecycleAction, type OrgStatus} from '../model/types.js';

/** A move and the status it leads to. */
export interface LifecycleMove {
  readonly action: LifecycleAction;
  readonly to: OrgStatus;
}

/** The moves allowed from each status, in the order a UI offers them. */
export const LIFECYCLE_MOVES: Readonly<Record<OrgStatus, readonly LifecycleMove[]>> = {
  active: [
    {action: 'suspend', to: 'suspended'},
    {action: 'disable', to: 'inactive'},
    {action: 'archive', to: 'archived'},
  ],
  inactive: [
    {action: 'enable', to: 'active'},
    {action: 'archive', to: 'archived'},
  ],
  suspended: [
    {action: 'resume', to: 'active'},
    {action: 'archive', to: 'archived'},
  ],
  archived: [],
};

/** Whether `action` names a lifecycle move. */
export const isLifecycleAction = (action: unknown): action is LifecycleAction => typeof action === 'string' && (LIFECYCLE_ACTIONS as readonly string[]).includes(action);
