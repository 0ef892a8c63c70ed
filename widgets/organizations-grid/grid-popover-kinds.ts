/** The kinds of the grid's tooltips and popups, and what each needs; the bodies are in `grid-popover.ts`, loaded after the grid. */
import type {LifecycleAction, OrganizationSummary} from '../../src/shared/model/types.js';

export type TooltipKind = 'collection' | 'readers' | 'tasks';
export type PopupKind = 'contracts' | 'onboarding' | 'actions';
export type PopoverKind = TooltipKind | PopupKind;

export const isTooltip = (kind: PopoverKind): kind is TooltipKind => kind === 'collection' || kind === 'readers' || kind === 'tasks';

/** Whether a popover of this kind needs the organization's detail. */
export const needsDetail = (kind: PopoverKind, org: OrganizationSummary): boolean =>
  (kind === 'readers' && org.readerCount > 0) || (kind === 'tasks' && org.activeTaskCount > 0) || kind === 'contracts' || kind === 'onboarding';

/** The lifecycle items a row's Actions menu offers. */
export interface LifecycleMenu {
  /** Whether any show (not in a customer administrator's session, nor on the acting tenant's own row). */
  shown: boolean;
  /** The moves the row's status allows (`LIFECYCLE_MOVES`), in order. */
  moves: readonly LifecycleAction[];
  /** Why they can't be used now (offline); `null` when they can. */
  disabledReason: string | null;
}
