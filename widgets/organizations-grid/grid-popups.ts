/**
 * The grid's tooltips (last collection, readers, active tasks: on hover after a short delay, or
 * Enter on the cell) and popups (contracts, onboarding, row actions: a non-modal dialog). One at a
 * time, next to its cell; it follows the cell while scrolling and closes once the cell leaves the
 * view. A popup keeps focus (Tab and the arrows move inside it), Escape or a press outside closes
 * it, and keyboard closing returns focus to the cell.
 *
 * This controller holds what is open and opens it. The open one itself (its frame and contents,
 * its keys and clicks, its place next to the cell) is `grid-popover-frame.ts`, with the contents
 * in `grid-popover.ts`: nobody opens one before the first rows are read, so they load when the
 * page is first idle after them (`preload`), or at the first open, whichever comes first. A popup
 * asked for before they arrived waits for them: its cell says it is busy and the grid announces
 * that it is loading; if they cannot be loaded, the grid says so and the next open tries again.
 */
import {msg} from '@lit/localize';
import {nothing, type ReactiveController, type TemplateResult} from 'lit';
import type {OrganizationSummary} from '../../src/shared/model/types.js';
import type {GridPosition} from '../../src/page/grid/grid-keyboard.js';
import {whenIdle} from '../../src/page/platform/idle.js';
import {isTooltip, needsDetail, type GridPopupsOptions, type PopoverKind, type PopoverState, type PopupsHost, type PopupsView} from './grid-popover-kinds.js';
import {lazyModule} from '../../src/page/kit/lazy-module.js';

type Frame = typeof import('./grid-popover-frame.js');
const frameCode = lazyModule<Frame>(() => import('./grid-popover-frame.js'));
const loadFrame = frameCode.load;

/** The popups' code loads no later than this after the grid's first rows. */
const PRELOAD_IDLE_TIMEOUT_MS = 2000;
const TOOLTIP_DELAY_MS = 350;
/** A tooltip stays this long after the pointer left, so the pointer can move onto it. */
const TOOLTIP_LINGER_MS = 150;

export class GridPopups implements ReactiveController, PopupsView {
  private value: PopoverState | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancelPreload: (() => void) | null = null;
  /** Focus moves into the open popup once it has rendered (set by `open`, used by the frame). */
  focusInside = false;

  constructor(
    readonly host: PopupsHost,
    readonly options: GridPopupsOptions,
  ) {
    host.addController(this);
  }

  /** What is open (or opening), if anything. */
  get current(): PopoverState | null {
    return this.value;
  }

  /** The open tooltip's cell (for `aria-describedby`), if a tooltip is open. */
  get tooltipAt(): GridPosition | null {
    return frameCode.value && this.value?.tooltip ? this.value.at : null;
  }

  /** The cell of a popup that waits for its code (it shows busy), if any. */
  get loadingAt(): GridPosition | null {
    return !frameCode.value && this.value && !this.value.tooltip ? this.value.at : null;
  }

  hostConnected(): void {
    window.addEventListener('pointerdown', this.handleWindowPointerDown, true);
  }

  /** The grid has shown its first rows (or why not): the popups' code loads when the page is next idle. */
  preload(): void {
    if (frameCode.value || this.cancelPreload) return;
    this.cancelPreload = whenIdle(() => void loadFrame().catch(() => undefined), PRELOAD_IDLE_TIMEOUT_MS);
  }

  hostDisconnected(): void {
    window.removeEventListener('pointerdown', this.handleWindowPointerDown, true);
    clearTimeout(this.timer);
    this.cancelPreload?.();
    this.cancelPreload = null;
  }

  hostUpdated(): void {
    frameCode.value?.updated(this);
  }

  open(kind: PopoverKind, at: GridPosition, org: OrganizationSummary): void {
    clearTimeout(this.timer);
    const value: PopoverState = {kind, at, org, tooltip: isTooltip(kind), detailed: needsDetail(kind, org)};
    if (value.detailed) this.options.detail(org.id);
    // A popup opens next to a cell in view (a click may come from a half-hidden one).
    this.options.reveal(at);
    this.set(value);
    this.focusInside = !value.tooltip;
    if (frameCode.value) return;
    if (this.focusInside) this.options.actions.announce(msg('Loading…'));
    loadFrame().then(
      () => this.host.requestUpdate(),
      () => {
        if (this.value !== value) return;
        this.drop();
        // A tooltip just does not show; a popup the user asked for says why.
        if (!value.tooltip) this.options.actions.announce(msg('This could not be shown; try again.'));
      },
    );
  }

  close(returnFocus: boolean): void {
    clearTimeout(this.timer);
    if (!this.value) return;
    this.set(null);
    if (returnFocus) this.options.actions.focusCell();
  }

  /** Closes a tooltip (a popup stays). */
  closeTooltip(): void {
    clearTimeout(this.timer);
    if (this.value?.tooltip) this.set(null);
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
      this.keepTooltip();
      return;
    }
    if (this.value && !this.value.tooltip) return;
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
    if (this.value?.tooltip) this.timer = setTimeout(() => this.closeTooltip(), TOOLTIP_LINGER_MS);
  };

  /** The pointer is on the open tooltip (or its cell): it stays. */
  keepTooltip(): void {
    clearTimeout(this.timer);
  }

  /** Keeps the open one next to its cell; closes it once the cell is out of view. */
  position(): void {
    frameCode.value?.place(this);
  }

  render(): TemplateResult | typeof nothing {
    return frameCode.value ? frameCode.value.render(this) : nothing;
  }

  /** The open popup's element, once rendered. */
  get element(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.popover');
  }

  /** Replaces what is open (`null`: nothing) and renders again. */
  set(value: PopoverState | null): void {
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
    if (anchor && path.includes(anchor) && !this.value.tooltip) return;
    this.set(null);
  };
}
