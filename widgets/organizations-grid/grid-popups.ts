/**
 * The grid's tooltips (last collection, readers, active tasks: on hover after a short delay, or
 * Enter on the cell) and popups (contracts, onboarding, row actions: a non-modal dialog). One at a
 * time, next to its cell; it follows the cell while scrolling and closes once the cell leaves the
 * view. A popup keeps focus (Tab and the arrows move inside it), Escape or a press outside closes
 * it, and keyboard closing returns focus to the cell.
 */
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {cycleFocus, placeBeside} from '../../src/page/kit/popup-helpers.js';
import type {Organization, OrganizationSummary} from '../../src/shared/model/types.js';
import type {GridPosition} from '../../src/page/grid/grid-keyboard.js';
import type {RowView} from '../../src/page/links.js';
import {whenIdle} from '../../src/page/platform/idle.js';
import {addStyles} from '../../src/page/platform/styles.js';
import {isTooltip, needsDetail, type LifecycleMenu, type PopoverKind} from './grid-popover-kinds.js';
import {isLifecycleAction} from '../../src/shared/contract/lifecycle.js';

/**
 * The popups' contents load after the grid (nobody opens one before the first rows are read):
 * asked for when the page is first idle, or at the first open, whichever comes first.
 */
type Bodies = typeof import('./grid-popover.js');
let bodies: Bodies | null = null;
let bodiesFailed = false;
let bodiesLoad: Promise<void> | null = null;
const loadBodies = (): Promise<void> =>
  (bodiesLoad ??= import('./grid-popover.js').then(
    (m) => void (bodies = m),
    () => {
      bodiesFailed = true;
      // The next open tries again.
      bodiesLoad = null;
    },
  ));

const TOOLTIP_DELAY_MS = 350;
/** A tooltip stays this long after the pointer left, so the pointer can move onto it. */
const TOOLTIP_LINGER_MS = 150;

const POPOVER_TITLES: Readonly<Record<PopoverKind, string>> = {
  get collection() { return msg('Last data collection'); },
  get readers() { return msg('Organization readers'); },
  get tasks() { return msg('Active tasks'); },
  get contracts() { return msg('Contracts'); },
  get onboarding() { return msg('Onboarding'); },
  get actions() { return msg('Actions'); },
};

export interface PopoverState {
  kind: PopoverKind;
  /** Grid position of the cell it belongs to (row 0 is the header). */
  at: GridPosition;
  org: OrganizationSummary;
}

type Host = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

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
  /** A row action chosen in a popup; `false` if the host took it over (`preventDefault()`). */
  onAction(action: RowView | string, org: OrganizationSummary, taskId: string | undefined): boolean;
  /** Focus returns to the cell after the next render. */
  focusCell(): void;
}

export class GridPopups implements ReactiveController {
  private value: PopoverState | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private focusInside = false;
  private cancelPreload: (() => void) | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: GridPopupsOptions,
  ) {
    host.addController(this);
  }

  /** What is open, if anything. */
  get current(): PopoverState | null {
    return this.value;
  }

  /** The open tooltip's cell (for `aria-describedby`), if a tooltip is open. */
  get tooltipAt(): GridPosition | null {
    return this.value && isTooltip(this.value.kind) ? this.value.at : null;
  }

  hostConnected(): void {
    window.addEventListener('pointerdown', this.handleWindowPointerDown, true);
    if (!bodies) this.cancelPreload = whenIdle(() => void loadBodies(), 2000);
  }

  hostDisconnected(): void {
    window.removeEventListener('pointerdown', this.handleWindowPointerDown, true);
    clearTimeout(this.timer);
    this.cancelPreload?.();
    this.cancelPreload = null;
  }

  hostUpdated(): void {
    this.position();
    if (this.focusInside) {
      const target = this.element?.querySelector<HTMLElement>('button, a[href]');
      // While its contents load, the popup waits to take focus.
      if (target || bodies || !this.value) {
        this.focusInside = false;
        target?.focus();
      }
    }
  }

  open(kind: PopoverKind, at: GridPosition, org: OrganizationSummary): void {
    clearTimeout(this.timer);
    if (needsDetail(kind, org)) this.options.detail(org.id);
    if (!bodies) void loadBodies().then(() => this.host.requestUpdate());
    // A popup opens next to a cell in view (a click may come from a half-hidden one).
    this.options.reveal(at);
    this.set({kind, at, org});
    if (!isTooltip(kind)) this.focusInside = true;
  }

  close(returnFocus: boolean): void {
    clearTimeout(this.timer);
    if (!this.value) return;
    this.set(null);
    if (returnFocus) this.options.focusCell();
  }

  /** Closes a tooltip (a popup stays). */
  closeTooltip(): void {
    clearTimeout(this.timer);
    if (this.value && isTooltip(this.value.kind)) this.set(null);
  }

  /** Closes whatever is open, without moving focus (its row is gone). */
  drop(): void {
    clearTimeout(this.timer);
    if (this.value) this.set(null);
  }

  /** Whether the open popup belongs to the cell at `at` and was opened by `kind`. */
  isOpenAt(at: GridPosition, kind?: string): boolean {
    const v = this.value;
    return Boolean(v && v.at.row === at.row && v.at.col === at.col && (kind === undefined || v.kind === kind));
  }

  /** The grid's `mouseover`: a cell with `data-tip` opens its tooltip after a short delay. */
  readonly handleTipOver = (e: MouseEvent): void => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-tip]');
    const cell = target?.closest<HTMLElement>('[data-r]');
    if (!target || !cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    if (this.isOpenAt(at)) {
      clearTimeout(this.timer);
      return;
    }
    if (this.value && !isTooltip(this.value.kind)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const org = this.options.orgAt(at.row - 1);
      if (org && target.isConnected) this.open(target.dataset.tip as PopoverKind, at, org);
    }, TOOLTIP_DELAY_MS);
  };

  /** The grid's (and the tooltip's) `mouseout`. */
  readonly handleTipOut = (e: MouseEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (to && (this.element?.contains(to) || (e.target as HTMLElement).closest('[data-tip]')?.contains(to))) return;
    clearTimeout(this.timer);
    if (this.value && isTooltip(this.value.kind)) this.timer = setTimeout(() => this.closeTooltip(), TOOLTIP_LINGER_MS);
  };

  /** Keeps the open one next to its cell; closes it once the cell is out of view. */
  position(): void {
    const pop = this.element;
    const frame = this.host.renderRoot.querySelector<HTMLElement>('.frame');
    if (!pop || !frame || !this.value) return;
    const a = this.options.cellAt(this.value.at)?.getBoundingClientRect();
    const area = this.options.visibleArea();
    const v = area?.viewport;
    if (!a || !v || !area || a.bottom <= v.top + area.headerHeight || a.top >= v.bottom || a.right <= v.left || a.left >= v.right) {
      this.set(null);
      return;
    }
    placeBeside(a, pop, frame);
  }

  render(): TemplateResult | typeof nothing {
    // The bodies' look came with them: the grid's shadow root takes it the first time.
    if (bodies && this.host.renderRoot instanceof ShadowRoot) addStyles(this.host.renderRoot, bodies.popoverStyles);
    const pop = this.value;
    if (!pop) return nothing;
    const tooltip = isTooltip(pop.kind);
    const detail = needsDetail(pop.kind, pop.org) ? this.options.detail(pop.org.id) : undefined;
    return html`<div
      class="popover"
      part=${tooltip ? 'tooltip' : 'popover'}
      id=${tooltip ? 'grid-tooltip' : 'grid-popover'}
      role=${tooltip ? 'tooltip' : 'dialog'}
      aria-label=${tooltip ? nothing : msg(str`${POPOVER_TITLES[pop.kind]}: ${pop.org.name}`)}
      @keydown=${this.handleKeydown}
      @click=${this.handleClick}
      @mouseleave=${tooltip ? this.handleTipOut : nothing}
      @mouseenter=${tooltip ? () => clearTimeout(this.timer) : nothing}
    >
      ${bodies
        ? bodies.popoverBody(pop.kind, pop.org, detail, this.options.hrefTemplate(), this.options.lifecycle(pop.org))
        : html`<p role="status">${bodiesFailed ? msg('This could not be shown; try again.') : msg('Loading…')}</p>`}
    </div>`;
  }

  private get element(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.popover');
  }

  private set(value: PopoverState | null): void {
    this.value = value;
    this.host.requestUpdate();
  }

  private readonly handleWindowPointerDown = (e: PointerEvent): void => {
    if (!this.value) return;
    const path = e.composedPath();
    const pop = this.element;
    if (pop && path.includes(pop)) return;
    // A press on the cell that opened it toggles it through the grid's click handler.
    const anchor = this.options.cellAt(this.value.at);
    if (anchor && path.includes(anchor) && !isTooltip(this.value.kind)) return;
    this.set(null);
  };

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    const pop = this.element;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
      return;
    }
    if (!pop) return;
    const items = [...pop.querySelectorAll<HTMLElement>('button, a[href]')];
    if (!items.length) return;
    const root = this.host.renderRoot as ShadowRoot;
    if (e.key === 'Tab') {
      // Focus stays in the popup until it is closed; Escape leaves.
      e.preventDefault();
      cycleFocus(items, root, e.shiftKey);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!items.includes(root.activeElement as HTMLElement)) items[e.key === 'ArrowDown' ? items.length - 1 : 0].focus();
      cycleFocus(items, root, e.key === 'ArrowUp');
    }
  };

  private readonly handleClick = (e: MouseEvent): void => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-popover-action]');
    const pop = this.value;
    if (!el || !pop) return;
    const action = el.dataset.popoverAction!;
    if (action === 'delete' || isLifecycleAction(action)) {
      // Unavailable (offline): the reason is next to it, and the popup stays.
      if (el.getAttribute('aria-disabled') === 'true') return;
      // The confirmation takes over; the popup goes without moving focus.
      this.set(null);
      this.options.onAction(action, pop.org, undefined);
      return;
    }
    const proceed = this.options.onAction(action, pop.org, el.dataset.taskId);
    if (!proceed && el instanceof HTMLAnchorElement) e.preventDefault();
    // A followed link leaves the page; anything else returns focus to the cell.
    this.close(!(el instanceof HTMLAnchorElement && proceed));
  };
}
