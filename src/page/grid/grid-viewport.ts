/**
 * A virtual grid's windowing (the organizations grid's and the accounts grid's): where the viewport is scrolled, how tall rows and the header are, which
 * rows and columns are rendered (those in view plus a margin), and the scrolling that keeps a cell
 * in view. Rows and columns are virtual: the DOM holds a viewport's worth of cells at any size.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {whenIdle} from '../platform/idle.js';
import type {Density} from '../../shared/grid-view.js';
import type {GridPosition} from './grid-keyboard.js';

const DEFAULT_ROW_HEIGHTS: Record<Density, number> = {compact: 32, standard: 40, comfortable: 52};
const DEFAULT_HEADER_HEIGHT = 40;
/** Rows rendered beyond each edge of the viewport, so a fast scroll rarely shows a blank. */
export const MARGIN_ROWS = 10;
/** Columns rendered beyond each side of the viewport, in CSS pixels, so a sideways scroll rarely shows a gap. */
const COLUMN_MARGIN_PX = 320;
/** A new result's margin rows wait for an idle moment at most this long. */
const MARGIN_IDLE_TIMEOUT_MS = 200;

/** A shown column's width; the viewport needs nothing else of it. */
export interface SizedColumn {
  width: number;
}

type Host = ReactiveControllerHost & HTMLElement;

export class GridViewport implements ReactiveController {
  /** Scrolled from the top, in CSS pixels. */
  top = 0;
  /** How far the grid is scrolled from its start edge (either direction). */
  private left = 0;
  /** The viewport's width; 0 until measured, and then every column renders. */
  private width = 0;
  private height = 600;
  /** A measurement waiting for the next frame. */
  private measureFrame: number | null = null;
  /** The first row in view at the last render; a scroll that keeps it re-renders nothing. */
  private renderedFirst = -1;
  private rowHeights = DEFAULT_ROW_HEIGHTS;
  /** Height of the sticky header row. */
  headerHeight = DEFAULT_HEADER_HEIGHT;
  /**
   * Rows rendered beyond each edge of the viewport. A new result paints the rows in view alone
   * (half the work before the user sees anything); the margin follows once the page is idle, or
   * at the first scroll.
   */
  private margin = MARGIN_ROWS;
  private cancelMargin: (() => void) | null = null;
  /** The body columns of the last render (see `columns`), reused while unchanged so row guards hold. */
  private columnsShown: {cols: readonly SizedColumn[]; key: string; value: readonly number[]} | null = null;
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: {
      /** The scroll container, once rendered. */
      element: () => HTMLElement | null | undefined;
      /** The grid's density (which row height applies). */
      density: () => Density;
      /**
       * The element's custom-property prefix for its metrics, e.g. `--tenantry-organizations-grid`:
       * `<prefix>-row-height` (and `-compact`, `-comfortable`) and `<prefix>-header-height`.
       */
      metrics: string;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.readMetrics();
    this.observe();
  }

  hostUpdated(): void {
    if (!this.observer) this.observe();
  }

  hostDisconnected(): void {
    this.cancelMargin?.();
    this.cancelMargin = null;
    this.margin = MARGIN_ROWS;
    this.observer?.disconnect();
    this.observer = null;
    if (this.measureFrame !== null) cancelAnimationFrame(this.measureFrame);
    this.measureFrame = null;
  }

  /** Before the first render: the host's width stands in for the viewport's, so only the columns in view are built. */
  guessWidth(): void {
    if (!this.width) this.width = this.host.clientWidth;
  }

  rowHeight(): number {
    return this.rowHeights[this.options.density()] ?? DEFAULT_ROW_HEIGHTS.standard;
  }

  bodyHeight(): number {
    return Math.max(0, this.height - this.headerHeight);
  }

  pageRows(): number {
    return Math.max(1, Math.floor(this.bodyHeight() / this.rowHeight()));
  }

  /** Data rows to render: those in view plus a margin each side. */
  range(total: number): [number, number] {
    const rh = this.rowHeight();
    const first = Math.floor(this.top / rh);
    const last = Math.ceil((this.top + this.bodyHeight()) / rh) - 1;
    return [Math.max(0, first - this.margin), Math.min(total - 1, last + this.margin)];
  }

  /** Rows a new result fetches first: the first screenful and its margin. */
  firstPage(): [number, number] {
    return [0, this.pageRows() + MARGIN_ROWS];
  }

  /** How many row slots a render recycles (see the grid's `renderRows`). */
  capacity(first: number, last: number): number {
    return Math.max(last - first + 1, this.pageRows() + 2 + 2 * MARGIN_ROWS);
  }

  /** Notes the first row in view of this render. */
  rendered(): void {
    this.renderedFirst = Math.floor(this.top / this.rowHeight());
  }

  /** A new result paints the rows in view first; the margin rows follow when the page is idle. */
  deferMargin(): void {
    this.cancelMargin?.();
    this.margin = 0;
    this.cancelMargin = whenIdle(() => this.restoreMargin(), MARGIN_IDLE_TIMEOUT_MS);
  }

  /** Back to the top (a new search, filter, sort or layout). */
  scrollToTop(): void {
    this.top = 0;
    const el = this.options.element();
    if (el) el.scrollTop = 0;
  }

  /**
   * Reads a scroll of the container; `true` when the render must change (other rows or columns
   * come into view). Body cells of the first column stick only once scrolled sideways.
   */
  scrolled(grid: HTMLElement | null | undefined, cols: readonly SizedColumn[], keep: readonly number[]): boolean {
    const el = this.options.element();
    if (!el) return false;
    // Rows are about to move into view: the margin is needed now, not when idle.
    if (el.scrollTop !== this.top) this.restoreMargin();
    this.top = el.scrollTop;
    const sideways = el.scrollLeft !== 0;
    if (grid && grid.hasAttribute('data-hscrolled') !== sideways) grid.toggleAttribute('data-hscrolled', sideways);
    this.left = Math.abs(el.scrollLeft);
    const before = this.columnsShown?.value;
    return Math.floor(this.top / this.rowHeight()) !== this.renderedFirst || this.columns(cols, keep) !== before;
  }

  /** Scrolls so grid position `at` is in view below the sticky header and right of the pinned column. */
  reveal(at: GridPosition, cols: readonly SizedColumn[]): void {
    const el = this.options.element();
    if (!el) return;
    if (at.row > 0) {
      const rh = this.rowHeight();
      const top = (at.row - 1) * rh;
      const body = this.bodyHeight();
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rh > el.scrollTop + body) el.scrollTop = top + rh - body;
      this.top = el.scrollTop;
    }
    if (at.col > 0 && cols[at.col]) {
      const pinned = cols[0].width;
      const left = cols.slice(0, at.col).reduce((s, c) => s + c.width, 0);
      const width = cols[at.col].width;
      if (left - pinned < el.scrollLeft) el.scrollLeft = left - pinned;
      else if (left + width > el.scrollLeft + el.clientWidth) el.scrollLeft = left + width - el.clientWidth;
      this.left = Math.abs(el.scrollLeft);
    }
  }

  /**
   * Which columns body rows render: those within the viewport plus a margin, and those in `keep`
   * (the pinned first one, the active cell's, an open popup's: focus and anchors must exist). The
   * same array comes back while unchanged.
   */
  columns(cols: readonly SizedColumn[], keep: readonly number[]): readonly number[] {
    const from = this.left - COLUMN_MARGIN_PX;
    const to = this.width ? this.left + this.width + COLUMN_MARGIN_PX : Infinity;
    const value: number[] = [];
    let x = 0;
    for (let ci = 0; ci < cols.length; ci++) {
      const w = cols[ci].width;
      if (keep.includes(ci) || (x + w > from && x < to)) value.push(ci);
      x += w;
    }
    const key = value.join(',');
    const shown = this.columnsShown;
    if (shown && shown.cols === cols && shown.key === key) return shown.value;
    this.columnsShown = {cols, key, value};
    return value;
  }

  private restoreMargin(): void {
    this.cancelMargin?.();
    this.cancelMargin = null;
    if (this.margin === MARGIN_ROWS) return;
    this.margin = MARGIN_ROWS;
    this.host.requestUpdate();
  }

  /** Row and header heights from the host's custom properties (read when it connects). */
  private readMetrics(): void {
    const style = getComputedStyle(this.host);
    const px = (name: string, fallback: number): number => {
      const v = parseFloat(style.getPropertyValue(name));
      return v > 0 ? v : fallback;
    };
    const prefix = this.options.metrics;
    this.rowHeights = {
      compact: px(`${prefix}-row-height-compact`, DEFAULT_ROW_HEIGHTS.compact),
      standard: px(`${prefix}-row-height`, DEFAULT_ROW_HEIGHTS.standard),
      comfortable: px(`${prefix}-row-height-comfortable`, DEFAULT_ROW_HEIGHTS.comfortable),
    };
    this.headerHeight = px(`${prefix}-header-height`, DEFAULT_HEADER_HEIGHT);
  }

  private observe(): void {
    const el = this.options.element();
    if (!el || !this.host.isConnected) return;
    this.observer?.disconnect();
    this.observer = new ResizeObserver(() => {
      // Measured in the next frame, not while the browser delivers resizes: a render that changes
      // the viewport's size there (the summary line appearing with the first rows) would be
      // reported to the page as a "ResizeObserver loop" error.
      if (this.measureFrame !== null) return;
      this.measureFrame = requestAnimationFrame(() => {
        this.measureFrame = null;
        // Never more rows than a screen holds twice over: a viewport a page's CSS left unbounded
        // grows with every row rendered, and would otherwise render them all.
        const h = Math.min(el.clientHeight, 2 * Math.max(globalThis.screen?.height ?? 0, globalThis.innerHeight ?? 0, 1080));
        const w = el.clientWidth;
        if (h !== this.height || w !== this.width) {
          this.height = h;
          this.width = w;
          this.host.requestUpdate();
        }
      });
    });
    this.observer.observe(el);
  }
}
