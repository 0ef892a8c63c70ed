/** The kinds of the grid's tooltips and popups, and what each needs; the bodies are in `grid-popover.ts`, loaded after the grid. */
import type {OrganizationSummary} from '../../src/shared/model/types.js';

export type TooltipKind = 'collection' | 'readers' | 'tasks';
export type PopupKind = 'contracts' | 'onboarding' | 'actions';
export type PopoverKind = TooltipKind | PopupKind;

export const isTooltip = (kind: PopoverKind): kind is TooltipKind => kind === 'collection' || kind === 'readers' || kind === 'tasks';

/** Whether a popover of this kind needs the organization's detail. */
export const needsDetail = (kind: PopoverKind, org: OrganizationSummary): boolean =>
  (kind === 'readers' && org.readerCount > 0) || (kind === 'tasks' && org.activeTaskCount > 0) || kind === 'contracts' || kind === 'onboarding';

/** The lifecycle items of a row's Actions menu (the moves are the row's status's `LIFECYCLE_MOVES`, in order). */
export interface LifecycleMenu {
  /** Whether any show (not in a customer administrator's session, nor on the acting tenant's own row). */
  shown: boolean;
  /** Why they can't be used now (offline); `null` when they can. */
  disabledReason: string | null;
}
