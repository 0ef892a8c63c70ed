import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {msg, str} from '@lit/localize';
import {property, query, state} from 'lit/decorators.js';
import {guard} from 'lit/directives/guard.js';
import {repeat} from 'lit/directives/repeat.js';
import {styleProps} from '../../src/page/styles/style-props.js';
import {ContextProvider} from '@lit/context';
import type {DataClient} from '../../src/page/data-client.js';
import {dataClientContext, gridViewContext, scopeContext} from '../../src/page/context.js';
import {GridViewStore, type GridViewChangeEvent} from '../../src/page/grid-view-store.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import type {DataEvent} from '../../src/shared/protocol.js';
import {COLUMN_BY_KEY, searchFieldsFor, type ColumnDef, type ColumnKey} from '../../src/shared/columns.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {emit} from '../../src/page/events.js';
import type {Organization, OrganizationSummary} from '../../src/shared/model/types.js';
import {renderScopeBanner, scopeBannerStyles} from '../../src/page/kit/scope-banner.js';
import {ScopeController} from '../../src/page/kit/scope-controller.js';
import {ConnectivityController} from '../../src/page/kit/connectivity-controller.js';
import type {ResultState} from '../../src/shared/protocol.js';
import type {OrgQuery, OrgRow} from '../../src/shared/query.js';
import {renderCell, type CellContext} from './grid-cells.js';
import {navigate, type GridPosition} from '../../src/page/grid/grid-keyboard.js';
import type {RowAction} from './grid-row-actions.js';
import type {LifecycleMenu, PopoverKind} from './grid-popover-kinds.js';
import {GridPopups} from './grid-popups.js';
import {gridStyles} from './organizations-grid.styles.js';
import {DEFAULT_VIEW_STATE, VIEW_LIMITS, withDisplay, type GridViewState} from '../../src/shared/grid-view-state.js';
import {DetailCache} from './grid-details.js';
import {GridExport} from './grid-export.js';
import {DisplayPrefs} from './display-prefs.js';
import {renderNotices, renderState, summaryText} from './grid-states.js';
import {GridRows, type RowsResult} from './grid-rows.js';
import {GridSession} from './grid-session.js';
import {formatInteger, plural} from '../../src/page/format.js';
import {localized} from '../../src/page/kit/locale-controller.js';
import {ColumnResize, SORT_DIR_WORDS, clampWidth, describeSort, nextSort} from './grid-columns.js';
import {GridToolbar, TOOLBAR_PARTS} from './grid-toolbar.js';
import {GridViewport} from '../../src/page/grid/grid-viewport.js';

/** The longest the first render waits for the saved first rows (`scheduleUpdate`). */
const FIRST_RENDER_HOLD_MS = 100;

export type {RowAction} from './grid-row-actions.js';

export interface RowActionDetail {
  action: RowAction;
  organizationId: string;
  organizationName: string;
  /** The tenant scope the grid shows; the host acts in it. */
  scopeTenantId: string;
  /** The onboarding task, for `start-onboarding-task`. */
  taskId?: string;
}

export interface ViewStateChangeDetail {
  viewState: GridViewState;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-row-action': CustomEvent<RowActionDetail>;
    'tenantry-view-state-change': CustomEvent<ViewStateChangeDetail>;
  }
}

/** Placeholder rows while the first view loads. */
const SKELETON_ROWS = 8;
/**
 * Placeholder rows appear only when rows take longer than this. A fast load (a warm start answers
 * in tens of milliseconds) then shows no flash of skeleton, and the page skips building,
 * painting and tearing down rows nobody reads.
 */
const SKELETON_DELAY_MS = 150;
const RESIZE_STEP = 16;

const SKELETON_TEXT = html`<span class="skeleton-text" aria-hidden="true"></span>`;
const skeletonFirst = (): TemplateResult => html`${SKELETON_TEXT}<span class="sr-only">${msg('Loading')}</span>`;

interface VisibleColumn {
  def: ColumnDef;
  width: number;
}


/**
 * Every customer organization of a tenant scope, on the Tenantry data plane: search as you type,
 * multi-column sort, flat or hierarchical layout, density and currency, export, and row actions a
 * host routes. Rows are virtual (the DOM holds only what is in view) and never cross scopes.
 *
 * The data client and scope come from `@lit/context` providers (`dataClientContext`,
 * `scopeContext`) or the `client` and `scope` properties; with neither, the grid uses the shared
 * embedded client and follows the page's acting scope (`ScopeStore`, driven by the tenant switcher
 * and the URL; the signed-in user's home tenant until switched). A banner above the toolbar names
 * the acting tenant, its path and colour, with "Back to <home>" while away from it.
 *
 * @summary The organizations grid: the MSP's customer list.
 *
 * Row actions: the Actions menu offers the lifecycle moves the row's status allows (Suspend…,
 * Resume…, Disable…, Enable…, Archive…) and Delete… for a suspended row — none in a customer administrator's
 * session or on the acting tenant's own row, and all waiting with the reason while offline. The
 * grid carries them out itself: a `tenantry-lifecycle-dialog` asks first (naming the organization
 * and the acting tenant at that moment, with what the move touches), the row repaints at once and
 * comes back if the server refuses, and the outcome is announced.
 *
 * @event tenantry-row-action - A row action (`detail: RowActionDetail`): `summary`, `profile`, `edit`,
 *   `dashboard`, `cost`, `security`, `operations`, `tasks`, `view-contracts` for the host to route;
 *   `start-onboarding-task` (with `taskId`) before the grid starts the task; and `suspend`, `resume`,
 *   `disable`, `enable`, `archive`, `delete` as the user chooses them, before the grid asks for
 *   confirmation. Cancelable: for a link (see `href-template`) `preventDefault()` stops navigation;
 *   for a task or a lifecycle action it takes the action over (the grid does nothing).
 * @event tenantry-lifecycle-change - From the grid's confirmation dialog: a lifecycle move or delete the server
 *   carried out (`detail: LifecycleChangeDetail`: `organizationId`, `organizationName`, `action`,
 *   `status` (new, `null` after a delete), `scopeTenantId`).
 * @event tenantry-view-state-change - The user changed the view state (`detail.viewState`):
 *   columns, widths, sort, search, density, currency, layout or open rows. Save it to persist.
 *
 * @slot toolbar - Extra toolbar controls (filters, column chooser, saved views).
 *
 * @csspart base - The frame around toolbar, notices and grid.
 * @csspart scope - The acting-tenant banner; inside it `scope-stripe`, `scope-label`, `scope-name`,
 *   `scope-kind`, `scope-path`, `scope-path-item`, `scope-status`, `scope-home-button`, `scope-error`.
 * @csspart toolbar - The toolbar.
 * @csspart filters - The default `<tenantry-grid-filters>` (exports `filters-toggle`, `filters-panel`, `filter-chips`).
 * @csspart column-chooser - The default `<tenantry-column-chooser>` (exports `columns-toggle`, `columns-panel`).
 * @csspart saved-views - The default `<tenantry-saved-views>` (exports `views-toggle`, `views-panel`).
 * @csspart filters-toggle - The filters button.
 * @csspart filters-panel - The filters panel.
 * @csspart filter-chips - The applied filters as chips.
 * @csspart columns-toggle - The columns button.
 * @csspart columns-panel - The column chooser panel.
 * @csspart views-toggle - The saved views button.
 * @csspart views-panel - The saved views panel.
 * @csspart search - The search field's box; `search-input` is the input.
 * @csspart search-input - The search input.
 * @csspart segmented - A group of toggle buttons (layout, density, currency); `toggle` each button.
 * @csspart toggle - A toggle button of a segmented group; `[aria-pressed="true"]` the chosen one.
 * @csspart export-button - The Excel and CSV export buttons.
 * @csspart export-progress - The export progress notice.
 * @csspart summary - The row count line.
 * @csspart notice - Offline, saved-data, skipped-records, storage and error notices; `storage-notice` the cache's (it keeps data in memory only, and why).
 * @csspart storage-notice - The notice that the cache keeps data in memory only, and why.
 * @csspart viewport - The scroll container of the grid.
 * @csspart grid - The `role=grid` element.
 * @csspart header - The sticky header row group; `header-cell` each column header.
 * @csspart header-cell - A column header.
 * @csspart resizer - The drag handle at a column header's edge.
 * @csspart row - A data row; `skeleton-row` a row still loading.
 * @csspart skeleton-row - A row still loading.
 * @csspart cell - A data cell; also `cell-<column key>`, e.g. `cell-name`.
 * @csspart expander - The expand/collapse button of a tree row.
 * @csspart kind - The kind label next to a distributor's or reseller's name.
 * @csspart badge - A status badge; `status-badge` the organization status.
 * @csspart status-badge - The organization status badge (`data-tone` holds its tone).
 * @csspart source-data - The source-data status (icon and text).
 * @csspart cell-button - The contracts and onboarding buttons in cells.
 * @csspart onboarding-ring - The circular onboarding progress.
 * @csspart actions-button - The row's Actions button.
 * @csspart state - The empty, no-match and error states.
 * @csspart tooltip - A tooltip (`role=tooltip`).
 * @csspart popover - A popup (`role=dialog`): contracts, onboarding, actions.
 * @csspart popover-action - A button or link inside a popup; `danger-action` the Archive… and Delete… items.
 * @csspart danger-action - The Archive… and Delete… items of the Actions popup.
 * @csspart lifecycle-dialog - The `<tenantry-lifecycle-dialog>` that confirms a lifecycle move or delete (style
 *   it through its own parts and `--tenantry-lifecycle-dialog-*` properties).
 *
 * @cssproperty --tenantry-organizations-grid-height - Height of the whole widget. Default 600px.
 * @cssproperty --tenantry-organizations-grid-row-height - Row height at standard density. Default 40px.
 * @cssproperty --tenantry-organizations-grid-row-height-compact - Row height at compact density. Default 32px.
 * @cssproperty --tenantry-organizations-grid-row-height-comfortable - Row height at comfortable density. Default 52px.
 * @cssproperty --tenantry-organizations-grid-header-height - Header row height. Default 40px.
 * @cssproperty --tenantry-organizations-grid-background - Grid background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-organizations-grid-header-background - Header background; falls back to `--tenantry-color-surface-raised`.
 * @cssproperty --tenantry-organizations-grid-row-hover-background - Hovered row; falls back to `--tenantry-color-surface-raised`.
 * @cssproperty --tenantry-organizations-grid-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-organizations-grid-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-organizations-grid-accent-color - Sort marks, links, pressed toggles; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-organizations-grid-muted-color - Secondary text (labels, kinds, the summary); falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-organizations-grid-radius - Corner radius of the grid, toolbar controls and popups; falls back to `--tenantry-radius`.
 * @cssproperty --tenantry-organizations-grid-indent - Indentation per tree level. Default 20px.
 */
@localized()
export class OrganizationsGrid extends LitElement {
  static override styles = [gridStyles, scopeBannerStyles];

  /** The data client; defaults to the one provided through `dataClientContext`, then the shared embedded client. */
  @property({attribute: false}) client?: DataClient;

  /** The tenant scope to show; defaults to the provided `scopeContext`, then the page's acting scope. */
  @property({attribute: false}) scope?: Scope;

  /** The whole user-shaped view state (columns, sort, search, filters, density, currency, layout). */
  @property({attribute: false}) viewState: GridViewState = DEFAULT_VIEW_STATE;

  /** Makes row pages plain links: `{id}` is the organization, `{view}` the page (e.g. `/organization/{id}/{view}`). Only http(s) and relative URLs. */
  @property({attribute: 'href-template', reflect: true}) hrefTemplate: string | null = null;

  /** Accessible name of the grid. */
  @property({reflect: true}) label = 'Organizations';

  /** Which toolbar parts show, space-separated, in any order: `search filters columns views layout density currency export`. Default all; empty for none. */
  @property() toolbar: string = TOOLBAR_PARTS.join(' ');

  /**
   * The view this grid shows, shared with its toolbar's controls and with controls placed
   * elsewhere that name this grid (`for="…"`): they read and change it here, never through the host.
   */
  readonly viewStore = new GridViewStore(DEFAULT_VIEW_STATE);

  /** The data client: the `client` property, else a provided one; without either the grid says so. */
  private readonly clients = new ClientController(this, {own: () => this.client, onEvent: (event) => this.handleDataEvent(event)});

  /** The acting scope: the `scope` property, else a provided `scopeContext`, else the page's scope store (the tenant switcher). */
  private readonly scoping = new ScopeController(this, {client: () => this.clients.dataClient, scope: () => this.scope});

  /** The toolbar's controls (and slotted ones) find the grid's client, scope and view through these. */
  private readonly clientProvider = new ContextProvider(this, {context: dataClientContext});
  private readonly scopeProvider = new ContextProvider(this, {context: scopeContext});

  /** Whether writes can be sent now (else the lifecycle items wait, saying why). */
  private readonly connectivity = new ConnectivityController(this, {client: () => this.clients.dataClient, scopeTenantId: () => this.rows.scopeTenantId});

  /** The confirmation dialog is rendered once its module has loaded (`grid-row-actions.ts`). */
  @state() private lifecycleReady = false;

  @state() private active: GridPosition = {row: 1, col: 0};
  @state() private announcement = '';

  @query('.viewport') private viewport?: HTMLElement;
  @query('.grid') private gridEl?: HTMLElement;

  /** Tooltips and popups next to cells. */
  private readonly popups = new GridPopups(this, {
    cellAt: (at) => this.cellAt(at),
    reveal: (at) => this.vp.reveal(at, this.visibleColumns()),
    orgAt: (index) => this.rows.blocks.row(index)?.org,
    detail: (id) => this.detail(id),
    visibleArea: () => {
      const viewport = this.viewport?.getBoundingClientRect();
      return viewport ? {viewport, headerHeight: this.vp.headerHeight} : null;
    },
    hrefTemplate: () => this.hrefTemplate,
    lifecycle: (org) => this.lifecycleMenu(org),
    actions: {
      rowAction: (action, org, taskId) => this.rowAction(action, org, taskId),
      rowsClient: () => this.rows.client,
      scopeTenantId: () => this.rows.scopeTenantId,
      dataClient: () => this.clients.dataClient,
      scopeName: () => this.scopeLabel(),
      offlineReason: () => this.connectivity.reason,
      detail: (id) => this.detail(id),
      announce: (message) => this.announce(message),
      focusCell: () => this.focusCellAfterUpdate(),
      dialog: async () => {
        this.lifecycleReady = true;
        await this.updateComplete;
        return this.renderRoot.querySelector('tenantry-lifecycle-dialog');
      },
    },
  });

  /** The export of the view: job, progress, cancel, failure. */
  private readonly exporter = new GridExport(this, (message) => this.announce(message));

  /** The user's display (columns, density, currency) per scope, in the worker's prefs. */
  private readonly displayPrefs = new DisplayPrefs(this, (display) => this.setViewState(withDisplay(this.viewState, display), true));
  /** Session and FX rates. */
  private readonly services = new GridSession(this);

  /** A column edge being dragged. */
  private readonly resize = new ColumnResize(this, (key, width) => this.resizeColumn(key, width, false));

  /** Search, the toolbar's controls, layout, density, currency, export. */
  private readonly bar = new GridToolbar(this, {parts: () => this.toolbar, view: () => this.viewState, update: (patch) => this.setViewState(patch)});

  /** The view task: the rows' client and scope, the worker view, its query and its row blocks. */
  private readonly rows = new GridRows(this, {
    queryKey: () => this.queryKey(),
    firstRows: (total) => (this.pendingScrollReset ? this.vp.firstPage() : this.vp.range(total)),
    onResult: (result) => this.commit(result),
    onDrop: () => {
      this.details.clear();
      this.exporter.abort();
      this.popups.drop();
      // An open confirmation stays: it acts in the tenant it named when it opened.
    },
  });

  /** Client and scope the rows belong to; a change drops every row before the next paint. */
  /** Scroll position, row and header heights, and which rows and columns are rendered. */
  private readonly vp = new GridViewport(this, {element: () => this.viewport, density: () => this.viewState.density, metrics: '--tenantry-organizations-grid'});
  /** Details of organizations in view (tooltips, popups, linked accounts). */
  private readonly details = new DetailCache(() => this.requestUpdate());
  private queryKeyOf: {state: GridViewState; key: string} | null = null;
  private columnsOf: {columns: GridViewState['columns']; resizing: ColumnResize['current']; value: VisibleColumn[]} | null = null;
  private pendingScrollReset = false;
  private pendingCountAnnouncement = false;
  private focusAfterUpdate: 'cell' | null = null;
  /** Rows are taking long enough to show placeholders (see SKELETON_DELAY_MS). */
  @state() private skeletonDue = false;
  private skeletonTimer: ReturnType<typeof setTimeout> | undefined;
  /** The cell that holds the tab stop in the last render (the active cell, clamped to what exists). */
  private tabStop: GridPosition = {row: 0, col: 0};

  constructor() {
    super();
    new ContextProvider(this, {context: gridViewContext, initialValue: this.viewStore});
    // The grid owns its view store: the listener lives as long as both.
    this.viewStore.addEventListener('change', this.handleViewChange);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // After a disconnect the view was closed: the next update opens it again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.skeletonTimer);
    this.skeletonTimer = undefined;
    // Let the detached DOM drop the closed view's rows too.
    this.requestUpdate();
  }

  // ——— Services: client, session, scope ———

  private effectiveScopeId(): string | null {
    // Unknown until the page store knows the session (and the URL's tenant): nothing is shown under a guessed scope.
    return this.scoping.scope?.tenantId ?? null;
  }

  /** The scope's name for people: the acting tenant's name once known (through the user's own view). */
  private scopeLabel(): string {
    const {session} = this.services;
    const acting = this.scoping.current;
    if (acting && acting.tenantId === this.rows.scopeTenantId) return acting.name;
    if (session && session.homeTenantId === this.rows.scopeTenantId) return session.homeTenantName;
    return this.rows.scopeTenantId ?? '';
  }

  private handleDataEvent(d: DataEvent): void {
    // Signed out: the rows go at once (the view fails with the reason), nothing stays to read or export.
    if (d.type === 'signed-out') this.rows.refresh();
    // The cache now keeps data in memory only (and why): said above the grid.
    else if (d.type === 'notice') this.requestUpdate();
    else if ((d.type === 'dataset-updated' || d.type === 'sync-failed') && d.scopeTenantId === this.rows.scopeTenantId) this.rows.refresh();
  }

  // ——— View state ———

  /** The shown columns in order, with their widths; the same array until columns or a drag change it. */
  private visibleColumns(): VisibleColumn[] {
    const cached = this.columnsOf;
    const resizing = this.resize.current;
    if (cached && cached.columns === this.viewState.columns && cached.resizing === resizing) return cached.value;
    const out: VisibleColumn[] = [];
    for (const c of this.viewState.columns) {
      const def = COLUMN_BY_KEY.get(c.key);
      if (!def || !c.visible || out.some((o) => o.def.key === c.key)) continue;
      const width = resizing?.key === c.key ? resizing.width : c.width;
      out.push({def, width: Math.max(def.minWidth, Number.isFinite(width) ? width : def.width)});
    }
    this.columnsOf = {columns: this.viewState.columns, resizing, value: out};
    return out;
  }

  /** The worker query of the view state, as a string the task compares; recomputed only when the state changes. */
  private queryKey(): string {
    if (this.queryKeyOf?.state === this.viewState) return this.queryKeyOf.key;
    const vs = this.viewState;
    // The search fields go along even before anything is typed: the worker prepares their index
    // while the user reads, so the first keystroke does not build it.
    const q: OrgQuery = {sort: vs.sort, filters: vs.filters, layout: vs.layout, searchFields: searchFieldsFor(this.visibleColumns().map((c) => c.def.key))};
    const search = vs.search.trim();
    if (search) q.search = search;
    if (vs.layout === 'tree') q.expanded = vs.expanded;
    const key = JSON.stringify(q);
    this.queryKeyOf = {state: vs, key};
    return key;
  }

  /** Applies a user's change (or the user's restored layout) to the view. */
  private setViewState(patch: Partial<GridViewState>, restoredDisplay = false): void {
    this.viewStore.update(patch, restoredDisplay ? 'prefs' : 'user');
  }

  /**
   * Every change of the view, wherever it was made (this grid, a toolbar control, the host, a
   * saved view): the grid shows it, keeps the display preference, and tells the host of any change
   * it did not make itself.
   */
  private readonly handleViewChange = (e: Event): void => {
    const {state: next, previous: prev, source} = e as GridViewChangeEvent;
    if (source === 'host' || source === 'restore') this.displayPrefs.hostSetViewState(prev, next);
    else if (source === 'user' && (next.columns !== prev.columns || next.density !== prev.density || next.currency !== prev.currency)) this.displayPrefs.userChanged();
    if (source !== 'host') {
      if (next.search !== prev.search || next.filters !== prev.filters || next.sort !== prev.sort || next.layout !== prev.layout) this.pendingScrollReset = true;
      if (next.search !== prev.search || next.filters !== prev.filters) this.pendingCountAnnouncement = true;
    }
    this.viewState = next;
    if (source !== 'host') emit(this, 'tenantry-view-state-change', {viewState: next});
  };

  /** A new answer of the view task: show it. */
  private commit(r: RowsResult): void {
    const prev = this.rows.blocks.view;
    if (!this.rows.accept(r)) return;
    if (!prev || prev.viewId !== r.state.viewId || prev.version !== r.state.version) this.details.clear();
    clearTimeout(this.skeletonTimer);
    this.skeletonTimer = undefined;
    this.skeletonDue = false;
    this.vp.deferMargin();
    if (this.pendingScrollReset) {
      this.pendingScrollReset = false;
      this.vp.scrollToTop();
    }
    if (this.active.row > r.state.total) this.active = {row: r.state.total, col: this.active.col};
    if (this.pendingCountAnnouncement) {
      this.pendingCountAnnouncement = false;
      this.announce(plural(r.state.total, {one: (c) => msg(str`${c} organization`), other: (c) => msg(str`${c} organizations`)}));
    }
    // A popup's row may have moved or gone; its content would no longer match the cell.
    const pop = this.popups.current;
    if (pop && this.rows.blocks.row(pop.at.row - 1)?.org.id !== pop.org.id) this.popups.drop();
  }

  private announce(message: string): void {
    // Re-announcing the same words needs a change the live region notices.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  // ——— Details (tooltips, popups, linked accounts) ———

  private detail(id: string): Organization | null | undefined {
    return this.details.get(this.rows.client, this.rows.scopeTenantId, id);
  }

  private readonly cellContext: CellContext = {
    currency: 'original',
    detail: (id) => this.detail(id),
  };

  // ——— Geometry ———

  /** Columns body rows always render: the pinned first one, the active cell's, an open popup's. */
  private keptColumns(): number[] {
    return [0, this.active.col, this.popups.current?.at.col ?? 0];
  }

  private handleScroll(): void {
    if (this.vp.scrolled(this.gridEl, this.visibleColumns(), this.keptColumns())) this.requestUpdate();
    // A popup follows its cell, and closes once the cell has scrolled out of view.
    this.popups.position();
  }

  private cellAt(at: GridPosition): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-r="${at.row}"][data-c="${at.col}"]`);
  }

  // ——— Lifecycle ———

  /**
   * The first render waits (briefly) for what the page reads of the last visit and for the scope
   * it names: the saved first rows then paint in the grid's first frame, and the read is not queued
   * behind an empty frame's layout.
   */
  protected override async scheduleUpdate(): Promise<void> {
    const client = this.hasUpdated ? null : this.clients.dataClient;
    if (client) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_RENDER_HOLD_MS)));
      await Promise.race([Promise.all([client.savedRead, this.scoping.knownEarly]), cap]);
      clearTimeout(timer);
    }
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    // Until the viewport is measured, the host's width stands in for it, so the first render
    // already holds only the columns in view instead of building all of them and then dropping most.
    if (!this.hasUpdated) this.vp.guessWidth();
    // A view state set by the host goes to the shared view (its listeners see it at once).
    if (changed.has('viewState') && this.viewState !== this.viewStore.state) this.viewStore.set(this.viewState, 'host');
    const client = this.clients.dataClient;
    if (client !== (this.clientProvider.value ?? null)) this.clientProvider.setValue(client ?? undefined);
    const scopeTenantId = this.effectiveScopeId();
    if (this.rows.follow(client, scopeTenantId)) {
      this.active = {row: 1, col: this.active.col};
      this.vp.scrollToTop();
      this.scopeProvider.setValue(scopeTenantId ? {tenantId: scopeTenantId} : undefined);
    }
    this.services.follow(client);
    this.displayPrefs.follow(client, scopeTenantId);
    // A view state set from outside (saved view, URL) shows its search in the box.
    if (changed.has('viewState')) this.bar.followView();
    this.cellContext.currency = this.viewState.currency;
    if (!this.rows.blocks.view && !this.skeletonDue && this.skeletonTimer === undefined) {
      this.skeletonTimer = setTimeout(() => {
        this.skeletonTimer = undefined;
        this.skeletonDue = !this.rows.blocks.view;
      }, SKELETON_DELAY_MS);
    }
  }

  override updated(): void {
    this.rows.ensure(...this.vp.range(this.rows.blocks.total));
    // The toolbar's own elements and the popups' contents load once the first result is on screen
    // (when the page is next idle), not in front of it.
    if (this.rows.blocks.view || this.services.error || this.rows.error || !this.clients.value) {
      this.bar.loadParts();
      this.popups.preload();
    }
    const focus = this.focusAfterUpdate;
    this.focusAfterUpdate = null;
    if (focus === 'cell') this.cellAt(this.active)?.focus({preventScroll: true});
  }

  // ——— Keyboard and pointer ———

  private moveTo(at: GridPosition): void {
    this.popups.closeTooltip();
    this.active = at;
    this.vp.reveal(at, this.visibleColumns());
    this.focusCellAfterUpdate();
  }

  /** The active cell takes focus after the next render. */
  private focusCellAfterUpdate(): void {
    this.focusAfterUpdate = 'cell';
    this.requestUpdate();
  }

  private handleGridKeydown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    const cols = this.visibleColumns();
    if (target !== cell) {
      // Focus sits on a control inside the cell (after a click): Escape returns to the cell,
      // Enter and Space are the control's own.
      if (e.key === 'Escape') {
        e.preventDefault();
        cell.focus();
        return;
      }
      if (e.key === 'Enter' || e.key === ' ') return;
    }
    if (e.key === 'Escape' && this.popups.current) {
      e.preventDefault();
      this.popups.close(true);
      return;
    }
    if (at.row === 0) {
      const col = cols[at.col];
      if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && col) {
        e.preventDefault();
        const rtl = getComputedStyle(this).direction === 'rtl';
        const grow = (e.key === 'ArrowRight') !== rtl;
        this.resizeColumn(col.def.key, col.width + (grow ? RESIZE_STEP : -RESIZE_STEP), true);
        return;
      }
      if ((e.key === 'Enter' || e.key === ' ') && col) {
        e.preventDefault();
        this.sortBy(col.def.key, e.shiftKey);
        return;
      }
    } else if (e.key === 'Enter' || e.key === ' ' || e.key === 'F2') {
      if (this.activateCell(at)) e.preventDefault();
      return;
    }
    const total = this.rows.blocks.view ? this.rows.blocks.total : 0;
    const next = navigate(e, at, {rows: total, cols: cols.length, page: this.vp.pageRows()});
    if (next) {
      e.preventDefault();
      this.moveTo(next);
    }
  }

  private handleFocusIn(e: FocusEvent): void {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    if (at.row !== this.active.row || at.col !== this.active.col) {
      this.active = at;
      this.popups.closeTooltip();
    }
  }

  private handleGridClick(e: MouseEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest('[data-resize]')) return;
    const header = target.closest<HTMLElement>('[role="columnheader"]');
    if (header) {
      const key = header.dataset.key as ColumnKey | undefined;
      if (key) this.sortBy(key, e.shiftKey);
      return;
    }
    const cell = target.closest<HTMLElement>('[data-r]');
    const control = target.closest<HTMLElement>('[data-action]');
    if (!cell || !control) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    // A second click on the control of an open popup closes it.
    if (this.popups.isOpenAt(at, control.dataset.action)) {
      this.popups.close(true);
      return;
    }
    this.activateCell(at, control.dataset.action);
  }

  /** Does what Enter on a cell (or a click on its control) means; `false` if nothing. */
  private activateCell(at: GridPosition, action?: string): boolean {
    const row = this.rows.blocks.row(at.row - 1);
    const col = this.visibleColumns()[at.col];
    if (!row || !col || row.accountIndex !== null) return false;
    const cell = col.def.cell;
    const kind =
      action ??
      (cell === 'name' && row.hasChildren
        ? 'toggle'
        : cell === 'contracts' && Object.values(row.org.contractCounts).some(Boolean)
          ? 'contracts'
          : cell === 'onboarding' && row.org.onboarding
            ? 'onboarding'
            : cell === 'actions'
              ? 'actions'
              : (col.def.tooltip ?? undefined));
    if (!kind) return false;
    this.active = at;
    if (kind === 'toggle') {
      this.toggleExpanded(row);
      return true;
    }
    this.popups.open(kind as PopoverKind, at, row.org);
    return true;
  }

  private toggleExpanded(row: OrgRow): void {
    const id = row.org.id;
    const expanded = this.viewState.expanded.filter((x) => x !== id);
    if (!row.expanded) expanded.push(id);
    // A saved view holds a bounded list; the oldest opened rows close first.
    if (expanded.length > VIEW_LIMITS.maxExpanded) expanded.splice(0, expanded.length - VIEW_LIMITS.maxExpanded);
    this.setViewState({expanded});
    this.announce(row.expanded ? msg(str`Collapsed ${row.org.name}`) : msg(str`Expanded ${row.org.name}`));
  }

  // ——— Sorting and resizing ———

  private sortBy(key: ColumnKey, add: boolean): void {
    const sort = nextSort(this.viewState.sort, key, add);
    if (!sort) return;
    this.setViewState({sort});
    this.announce(describeSort(sort));
  }

  private resizeColumn(key: ColumnKey, width: number, announce: boolean): void {
    const w = clampWidth(key, width);
    if (w === null) return;
    this.setViewState({columns: this.viewState.columns.map((c) => (c.key === key ? {...c, width: w} : c))});
    if (announce) this.announce(msg(str`${COLUMN_BY_KEY.get(key)!.label} column, ${formatInteger(w)} pixels wide`));
  }

  private handleResizeStart(e: PointerEvent): void {
    this.resize.start(e, (key) => {
      const col = this.visibleColumns().find((c) => c.def.key === key);
      return col && {width: col.width, minWidth: col.def.minWidth};
    });
  }

  /** Emits a row action; `false` if the host called `preventDefault()`. */
  private rowAction(action: RowAction, org: OrganizationSummary, taskId?: string): boolean {
    const detail: RowActionDetail = {action, organizationId: org.id, organizationName: org.name, scopeTenantId: this.rows.scopeTenantId ?? ''};
    if (taskId) detail.taskId = taskId;
    return emit(this, 'tenantry-row-action', detail);
  }

  /** The lifecycle items of a row's Actions menu. */
  private lifecycleMenu(org: OrganizationSummary): LifecycleMenu {
    const session = this.services.session;
    // Until the session is known nobody is offered a move it may refuse.
    const shown = session !== null && session.role !== 'customer-admin' && org.id !== this.rows.scopeTenantId;
    return {shown, disabledReason: this.connectivity.reason};
  }

  // ——— Toolbar ———

  private clearFilters(): void {
    this.bar.clearSearch();
    this.setViewState({search: '', filters: {}});
  }

  private runExport(format: 'csv' | 'xlsx'): void {
    const view = this.rows.blocks.view;
    const client = this.rows.client;
    if (!view || !client) return;
    const columns = this.exporter.everything
      ? [...COLUMN_BY_KEY.values()].filter((c) => c.exportable).map((c) => c.key)
      : this.visibleColumns()
          .filter((c) => c.def.exportable)
          .map((c) => c.def.key);
    void this.exporter.run(client, view, {format, columns, currency: this.viewState.currency, scopeName: this.scopeLabel()});
  }

  // ——— Rendering ———

  override render(): TemplateResult {
    const cols = this.visibleColumns();
    const view = this.rows.blocks.view;
    const error = this.services.error ?? this.rows.error;
    if (!this.clients.value) return html`<div class="frame" part="base">${renderMissingClient()}</div>`;
    return html`<div class="frame" part="base">
      ${renderScopeBanner(this.scoping)} ${this.renderToolbar(view)} ${renderNotices(view, view ? error : null, this.exporter.renderNotices(), () => this.rows.retry(), this.clients.dataClient?.notices)}
      <div class="viewport" part="viewport" @scroll=${this.handleScroll}>
        ${this.renderGrid(cols, view, !view && Boolean(error))} ${renderState(view, view ? null : error, {scopeLabel: this.scopeLabel(), search: this.viewState.search, retry: () => this.rows.retry(), clearFilters: () => this.clearFilters()})}
      </div>
      ${this.popups.render()}
      ${this.lifecycleReady ? html`<tenantry-lifecycle-dialog part="lifecycle-dialog" .client=${this.clients.dataClient ?? undefined}></tenantry-lifecycle-dialog>` : nothing}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  private renderToolbar(view: ResultState | null): TemplateResult {
    return html`${this.bar.render(this.services.fx, () => this.exporter.renderButtons(view, (format) => this.runExport(format)))}
      <div class="summary" part="summary">${view ? summaryText(view, this.rows.narrowed, this.scopeLabel()) : nothing}</div>`;
  }

  private renderGrid(cols: VisibleColumn[], view: ResultState | null, failed: boolean): TemplateResult {
    const rh = this.vp.rowHeight();
    const total = view?.total ?? 0;
    const skeleton = !view && !failed && this.skeletonDue;
    const rows = view ? total : skeleton ? SKELETON_ROWS : 0;
    this.tabStop = {row: Math.min(this.active.row, rows), col: Math.min(this.active.col, Math.max(0, cols.length - 1))};
    const width = cols.reduce((s, c) => s + c.width, 0);
    const gridStyle = styleProps({
      '--_cols': cols.map((c) => `${c.width}px`).join(' '),
      '--_row-h': `${rh}px`,
      '--_header-h': `${this.vp.headerHeight}px`,
      width: `${width}px`,
    });
    return html`<div
      class="grid"
      part="grid"
      role="grid"
      aria-label=${this.label === 'Organizations' ? msg('Organizations') : this.label}
      aria-rowcount=${view ? total + 1 : nothing}
      aria-colcount=${cols.length}
      aria-busy=${!view && !failed ? 'true' : view && this.rows.blocks.busy(...this.vp.range(this.rows.blocks.total)) ? 'true' : 'false'}
      style=${gridStyle}
      @keydown=${this.handleGridKeydown}
      @focusin=${this.handleFocusIn}
      @click=${this.handleGridClick}
      @pointerdown=${this.handleResizeStart}
      @mouseover=${this.popups.handleTipOver}
      @mouseout=${this.popups.handleTipOut}
    >
      <div class="head" part="header" role="rowgroup">
        <div class="row" role="row" aria-rowindex="1">${cols.map((c, i) => this.renderHeaderCell(c, i))}</div>
      </div>
      <div class="body" role="rowgroup" style=${styleProps({height: `${rows * rh}px`})}>${view ? this.renderRows(cols, total) : skeleton ? this.renderSkeleton(cols, SKELETON_ROWS) : nothing}</div>
    </div>`;
  }

  private renderHeaderCell(c: VisibleColumn, i: number): TemplateResult {
    const sortKey = c.def.sortKey;
    const sorts = this.viewState.sort;
    const at = sortKey ? sorts.findIndex((s) => s.key === sortKey) : -1;
    const dir = at >= 0 ? sorts[at].dir : null;
    return html`<div
      class="cell hcell ${i === 0 ? 'pin' : ''}"
      part="header-cell"
      role="columnheader"
      aria-colindex=${i + 1}
      aria-sort=${at === 0 && dir ? SORT_DIR_WORDS[dir] : nothing}
      data-align=${c.def.align}
      data-key=${c.def.key}
      data-r="0"
      data-c=${i}
      ?data-sortable=${Boolean(sortKey)}
      tabindex=${this.tabStop.row === 0 && this.tabStop.col === i ? 0 : -1}
    >
      <span class="hlabel" title=${c.def.label}>${c.def.label}</span>
      ${dir
        ? html`<span class="sort" aria-hidden="true"
            ><svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d=${dir === 'asc' ? 'M8 3l4.5 6h-9z' : 'M8 13l4.5-6h-9z'} fill="currentColor"></path></svg>${sorts.length > 1 ? at + 1 : ''}</span
          >`
        : nothing}
      <span class="resizer" part="resizer" data-resize=${c.def.key} aria-hidden="true"></span>
    </div>`;
  }

  /** Placeholder rows before the first view; keyed like real rows so they turn into them in place. */
  private renderSkeleton(cols: VisibleColumn[], count: number): unknown {
    return repeat(
      Array.from({length: count}, (_, i) => i),
      (i) => i,
      (i) => this.renderRow(cols, this.vp.columns(cols, this.keptColumns()), i, undefined, false),
    );
  }

  private renderRows(cols: VisibleColumn[], total: number): unknown {
    if (total === 0) return nothing;
    const [first, last] = this.vp.range(total);
    this.vp.rendered();
    const activeIndex = this.active.row - 1;
    const tree = this.viewState.layout === 'tree';
    const rh = this.vp.rowHeight();
    const currency = this.viewState.currency;
    const tip = this.popups.tooltipAt;
    const loading = this.popups.loadingAt;
    const shown = this.vp.columns(cols, this.keptColumns());
    const render = (i: number): unknown => {
      const row = this.rows.blocks.row(i);
      const r = i + 1;
      // A row re-renders only when something it shows changed.
      const deps = [i, row, cols, shown, rh, currency, tree, this.tabStop.row === r ? this.tabStop.col : -1, tip?.row === r ? tip.col : -1, loading?.row === r ? loading.col : -1, row?.accountIndex != null ? this.details.tick : 0];
      return guard(deps, () => this.renderRow(cols, shown, i, row, tree));
    };
    // Scrolling recycles a pool of row elements: row i always lives in slot i % capacity, so a
    // row still in view keeps its element untouched (its guard holds), and only the slots of rows
    // that scrolled out are reused, their cells updated in place, for the rows scrolling in. DOM
    // order is therefore not row order; `aria-rowindex` gives assistive technology the order, as
    // the grid pattern allows. The active row is kept apart, by key: the focused cell is never
    // handed to another row, and it stays in the DOM while scrolled away, so focus is never lost.
    const capacity = this.vp.capacity(first, last);
    const slots: unknown[] = new Array(Math.min(capacity, total)).fill(nothing);
    for (let i = first; i <= last; i++) if (i !== activeIndex) slots[i % capacity] = render(i);
    const active = activeIndex >= 0 && activeIndex < total ? [activeIndex] : [];
    return html`${repeat(active, (i) => i, render)}${slots}`;
  }

  /**
   * One row; `row` undefined while its block loads. Loading and loaded rows share one template, so
   * a block arriving updates the cells in place and a focused cell keeps its focus.
   */
  private renderRow(cols: VisibleColumn[], shown: readonly number[], i: number, row: OrgRow | undefined, tree: boolean): TemplateResult {
    const r = i + 1;
    const tip = this.popups.tooltipAt;
    const tipAt = tip && tip.row === r ? tip.col : -1;
    // A popup waiting for its code: its cell says it is busy.
    const loading = this.popups.loadingAt;
    const busyAt = loading && loading.row === r ? loading.col : -1;
    const cls = row ? `row${row.matched ? '' : ' context'}${row.accountIndex !== null ? ' account' : ''}` : 'row skeleton';
    return html`<div
      class=${cls}
      part=${row ? 'row' : 'row skeleton-row'}
      role="row"
      aria-rowindex=${i + 2}
      data-org-id=${row ? row.org.id : nothing}
      style=${styleProps({transform: `translateY(${i * this.vp.rowHeight()}px)`})}
    >
      ${shown.map((ci, k) => {
        const c = cols[ci];
        // The columns between those shown are not in the DOM: the first cell after a gap is placed
        // by its column, the rest follow it. (Only there: an inline style on every cell would keep
        // the browser from sharing computed styles between cells.)
        const afterGap = k > 0 && ci !== shown[k - 1] + 1;
        return html`<div
            class="cell ${ci === 0 ? 'pin' : ''}"
            part="cell cell-${c.def.key}"
            role="gridcell"
            style=${afterGap ? styleProps({'grid-column-start': String(ci + 1)}) : nothing}
            aria-colindex=${ci + 1}
            aria-describedby=${tipAt === ci ? 'grid-tooltip' : nothing}
            aria-busy=${busyAt === ci ? 'true' : nothing}
            data-align=${c.def.align}
            data-r=${r}
            data-c=${ci}
            tabindex=${this.tabStop.row === r && this.tabStop.col === ci ? 0 : -1}
          >
            ${row ? renderCell(c.def.key, row, this.cellContext, tree) : ci === 0 ? skeletonFirst() : SKELETON_TEXT}
          </div>`;
      })}
    </div>`;
  }
}
