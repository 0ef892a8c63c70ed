/**
 * The vocabulary of the grid's tooltips and popups: their kinds and what each needs, what is open,
 * and what the frame (`grid-popover-frame.ts`, loaded after the grid's first rows with the bodies
 * of `grid-popover.ts`) needs of the controller that opens them (`grid-popups.ts`).
 */
import type {ReactiveControllerHost} from 'lit';
import type {GridPosition} from '../../src/page/grid/grid-keyboard.js';
import type {Organization, OrganizationSummary} from '../../src/shared/model/types.js';
import type {RowActionsHost} from './grid-row-actions.js';

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

export interface PopoverState {
  kind: PopoverKind;
  /** Grid position of the cell it belongs to (row 0 is the header). */
  at: GridPosition;
  org: OrganizationSummary;
  /** A tooltip (else a popup, a non-modal dialog). */
  tooltip: boolean;
  /** Whether its contents show the organization's detail (the items behind a count). */
  detailed: boolean;
}

export type PopupsHost = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

export interface GridPopupsOptions {
  /** The cell at a grid position, if rendered. */
  cellAt(at: GridPosition): HTMLElement | null;
  /** Scrolls the cell into view. */
  reveal(at: GridPosition): void;
  /** The organization of data row `index`, if loaded. */
  orgAt(index: number): OrganizationSummary | undefined;
  /** An organization's detail (items behind a count). */
  detail(id: string): Organization | null | undefined;
  /** The area where a cell counts as in view: the viewport below the sticky header. */
  visibleArea(): {viewport: DOMRect; headerHeight: number} | null;
  /** The grid's `href-template`, for popup links. */
  hrefTemplate(): string | null;
  /** The lifecycle items the Actions menu offers for an organization. */
  lifecycle(org: OrganizationSummary): LifecycleMenu;
  /** What a popup's items do (row actions, onboarding tasks, lifecycle moves through the confirmation). */
  actions: RowActionsHost;
}

/** What the frame reads and calls of the popups' controller (`GridPopups`). */
export interface PopupsView {
  readonly host: PopupsHost;
  readonly options: GridPopupsOptions;
  /** What is open (or opening), if anything. */
  readonly current: PopoverState | null;
  /** Focus moves into the open popup once it has rendered. */
  focusInside: boolean;
  /** The open popup's element, once rendered. */
  readonly element: HTMLElement | null;
  /** Replaces what is open (`null`: nothing) and renders again. */
  set(value: PopoverState | null): void;
  close(returnFocus: boolean): void;
  /** The pointer is on the open tooltip (or its cell): it stays. */
  keepTooltip(): void;
  /** The grid's (and the tooltip's) `mouseout`. */
  readonly handleTipOut: (e: MouseEvent) => void;
}
