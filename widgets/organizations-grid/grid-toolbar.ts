/**
 * The grid's toolbar: search as you type (keystrokes coalesced; Escape clears), the filters, column chooser
 * and saved views (elements of their own, loaded after the grid, each replaceable through its
 * slot), layout, density, currency and the export buttons. The `toolbar` attribute picks the parts.
 * Every control reads and writes the grid's one view; the toolbar keeps only the text being typed.
 */
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import {live} from 'lit/directives/live.js';
import type {Density, GridViewState, Layout} from '../../src/shared/grid-view.js';
import type {FxRates} from '../../src/shared/model/types.js';
import {formatDate} from '../../src/page/format.js';
import {whenIdle} from '../../src/page/platform/idle.js';

/**
 * Long enough to fold a burst of keys into one query, short enough to stay inside the 80 ms
 * keystroke-to-repaint budget; a superseded query is cancelled in the worker anyway.
 */
/** Shortest time between two search queries while typing (see `handleSearchInput`). */
const SEARCH_COALESCE_MS = 30;

/** The toolbar's parts, in the order they show; the `toolbar` attribute picks among them. */
export const TOOLBAR_PARTS = ['search', 'filters', 'columns', 'views', 'layout', 'density', 'currency', 'export'] as const;
export type ToolbarPart = (typeof TOOLBAR_PARTS)[number];

/**
 * The toolbar's controls are elements of their own, loaded once the grid has shown its first rows
 * (`loadParts`): the first rows never wait for their code (nor share the main thread with it), and
 * a host that hides or replaces them never loads it.
 */
const TOOLBAR_ELEMENTS: Partial<Record<ToolbarPart, () => Promise<unknown>>> = {
  filters: () => import('../grid-filters/grid-filters.js'),
  columns: () => import('../column-chooser/column-chooser.js'),
  views: () => import('../saved-views/saved-views.js'),
};
/** The parts' elements load no later than this after the grid's first result. */
const PARTS_IDLE_TIMEOUT_MS = 500;
/** Toolbar elements asked for (page-wide: a module loads once). */
const requested = new Set<ToolbarPart>();

const SEARCH_ICON = html`<svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" stroke-width="1.6"></circle><path d="M10.5 10.5L14 14" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"></path></svg>`;

export interface GridToolbarOptions {
  /** The grid's `toolbar` attribute. */
  parts(): string;
  /** The grid's view. */
  view(): GridViewState;
  /** Changes the grid's view (the user's change). */
  update(patch: Partial<GridViewState>): void;
}

export class GridToolbar implements ReactiveController {
  /** What is in the search box (ahead of the view while keystrokes are coalesced). */
  private text = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last search query was sent. */
  private searchedAt = -Infinity;
  private parsed: {source: string; parts: ReadonlySet<string>} | null = null;
  /** Parts shown whose element may load (`loadParts` was called). */
  private loading = false;
  private cancelLoad: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GridToolbarOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.cancelLoad?.();
    this.cancelLoad = null;
  }

  /**
   * The grid has shown what it first had to show (rows, none, or why not): the shown parts' elements
   * load when the page is next idle, and from then on as soon as a part shows.
   */
  loadParts(): void {
    if (this.loading || this.cancelLoad) return;
    this.cancelLoad = whenIdle(() => {
      this.cancelLoad = null;
      this.loading = true;
      this.host.requestUpdate();
    }, PARTS_IDLE_TIMEOUT_MS);
  }

  /** A view set from outside (saved view, URL, host) shows its search in the box, unless the user is typing. */
  followView(): void {
    const search = this.options.view().search;
    if (this.timer === undefined && search !== this.text) this.text = search;
  }

  /** Empties the box (with the view's search, by the caller). */
  clearSearch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.text = '';
    this.host.requestUpdate();
  }

  /** Whether `part` shows (and starts loading the part's element when it is one). */
  shows(part: ToolbarPart): boolean {
    const source = this.options.parts();
    if (this.parsed?.source !== source) this.parsed = {source, parts: new Set(source.split(/\s+/))};
    const shown = this.parsed.parts.has(part);
    const load = TOOLBAR_ELEMENTS[part];
    if (shown && load && this.loading && !requested.has(part)) {
      requested.add(part);
      // A failed load leaves the part's slot empty (tried again on the next render); the grid works.
      load().catch(() => requested.delete(part));
    }
    return shown;
  }

  render(fx: FxRates | null, exportButtons: () => TemplateResult): TemplateResult {
    const vs = this.options.view();
    const shows = (part: ToolbarPart, content: () => unknown): unknown => (this.shows(part) ? content() : nothing);
    const toggle = <T extends string>(label: string, value: T, current: T, set: (v: T) => void) =>
      html`<button type="button" part="toggle" aria-pressed=${value === current ? 'true' : 'false'} @click=${() => set(value)}>${label}</button>`;
    const group = (name: string, label: string, body: unknown, after: unknown = nothing) =>
      html`<div class="group">
        <span class="group-label" id=${`${name}-label`}>${label}</span>
        <div class="segmented" part="segmented" role="group" aria-labelledby=${`${name}-label`}>${body}</div>
        ${after}
      </div>`;
    const layout = (v: Layout): void => this.change({layout: v});
    const density = (v: Density): void => this.change({density: v});
    return html`<div class="toolbar" part="toolbar">
      ${shows(
        'search',
        () => html`<label class="search" part="search"
          >${SEARCH_ICON}<input
            type="search"
            part="search-input"
            aria-label=${msg('Search organizations')}
            placeholder=${msg('Search name, domain, tenant ID…')}
            autocomplete="off"
            spellcheck="false"
            .value=${live(this.text)}
            @input=${this.handleSearchInput}
            @keydown=${this.handleSearchKeydown}
        /></label>`,
      )}
      <slot name="filters">${shows('filters', () => html`<tenantry-grid-filters part="filters" exportparts="toggle: filters-toggle, panel: filters-panel, chips: filter-chips"></tenantry-grid-filters>`)}</slot>
      <slot name="columns">${shows('columns', () => html`<tenantry-column-chooser part="column-chooser" exportparts="toggle: columns-toggle, panel: columns-panel"></tenantry-column-chooser>`)}</slot>
      <slot name="views">${shows('views', () => html`<tenantry-saved-views part="saved-views" exportparts="toggle: views-toggle, panel: views-panel"></tenantry-saved-views>`)}</slot>
      <slot name="toolbar"></slot>
      ${shows('layout', () => group('layout', msg('Layout'), html`${toggle(msg('Flat'), 'flat', vs.layout, layout)}${toggle(msg('Tree'), 'tree', vs.layout, layout)}`))}
      ${shows('density', () =>
        group('density', msg('Density'), html`${toggle(msg('Compact'), 'compact', vs.density, density)}${toggle(msg('Standard'), 'standard', vs.density, density)}${toggle(msg('Comfortable'), 'comfortable', vs.density, density)}`),
      )}
      ${shows('currency', () =>
        group(
          'currency',
          msg('Currency'),
          html`${toggle(msg('Original'), 'original', vs.currency, () => this.change({currency: 'original'}))}
            <button type="button" part="toggle" aria-pressed=${vs.currency === 'usd' ? 'true' : 'false'} ?disabled=${!fx} @click=${() => this.change({currency: 'usd'})}>USD</button>`,
          fx ? html`<span class="rate-date">${msg(str`rates of ${formatDate(fx.date)}`)}</span>` : nothing,
        ),
      )}
      ${shows('export', exportButtons)}
    </div>`;
  }

  /** A change of the view that changes something. */
  private change(patch: Partial<GridViewState>): void {
    const vs = this.options.view();
    if ((Object.keys(patch) as (keyof GridViewState)[]).some((k) => patch[k] !== vs[k])) this.options.update(patch);
  }

  /**
   * A keystroke after a pause searches at once (the worker narrows the previous term's rows, so
   * each keystroke's query is cheap); keystrokes closer together than `SEARCH_COALESCE_MS` are
   * coalesced into one query of the latest text. A stale answer is dropped by the view's task.
   */
  private readonly handleSearchInput = (e: Event): void => {
    this.text = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = undefined;
    const wait = this.searchedAt + SEARCH_COALESCE_MS - performance.now();
    if (wait <= 0) this.sendSearch();
    else this.timer = setTimeout(() => this.sendSearch(), wait);
  };

  private sendSearch(): void {
    this.timer = undefined;
    this.searchedAt = performance.now();
    if (this.text !== this.options.view().search) this.options.update({search: this.text});
  }

  private readonly handleSearchKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.text) {
      e.preventDefault();
      this.clearSearch();
      this.options.update({search: ''});
    }
  };
}
