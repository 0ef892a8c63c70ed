import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {guard} from 'lit/directives/guard.js';
import {repeat} from 'lit/directives/repeat.js';
import {styleProps} from '../../src/page/styles/style-props.js';
import type {DataClient} from '../../src/page/data-client.js';
import {emit} from '../../src/page/events.js';
import {navigate, type GridPosition} from '../../src/page/grid/grid-keyboard.js';
import {GridViewport} from '../../src/page/grid/grid-viewport.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import {ConnectivityController} from '../../src/page/kit/connectivity-controller.js';
import {renderScopeBanner, scopeBannerStyles} from '../../src/page/kit/scope-banner.js';
import {ScopeController} from '../../src/page/kit/scope-controller.js';
import {formatDateTime, formatInteger, plural} from '../../src/page/format.js';
import {errorText} from '../../src/page/messages.js';
import type {AccountQuery, AccountRow, AccountSort} from '../../src/shared/accounts-query.js';
import type {AccountViewState} from '../../src/shared/protocol.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {TenantryError} from '../../src/shared/contract/errors.js';
import type {AccountSummary, Session} from '../../src/shared/model/types.js';
import type {DataEvent} from '../../src/shared/protocol.js';
import {ACCOUNT_COLUMNS, type AccountColumn} from './account-columns.js';
import {ACCOUNT_TYPE_LABELS, PROVIDER_LABELS} from '../../src/shared/model/labels.js';
import type {AccountPanel} from '../../src/page/kit/account-panel.js';
import {whenIdle} from '../../src/page/platform/idle.js';
import {AccountRows, type AccountRowsResult} from './account-rows.js';
import {accountsGridStyles} from './accounts-grid.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';
import {lazyModule} from '../../src/page/kit/lazy-module.js';

export interface AccountOpenDetail {
  accountId: string;
  name: string;
  /** The tenant scope the grid shows. */
  scopeTenantId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-account-open': CustomEvent<AccountOpenDetail>;
  }
}

/**
 * The opened account's panel (`src/page/kit/account-panel.ts`): loaded when the page is idle after
 * the first rows, or when an account is opened first, which shows the panel loading meanwhile.
 */
type PanelModule = typeof import('../../src/page/kit/account-panel.js');
const panelCode = lazyModule<PanelModule>(() => import('../../src/page/kit/account-panel.js'));
const loadPanel = panelCode.load;

/** Shortest time between two search queries while typing (the organizations grid's figure). */
const SEARCH_COALESCE_MS = 30;
const DEFAULT_SORT: AccountSort[] = [{key: 'name', dir: 'asc'}];
const ALL_COLUMNS = ACCOUNT_COLUMNS.map((_, i) => i);
const SORT_WORDS = {asc: 'ascending', desc: 'descending'} as const;

type TypeFilter = '' | AccountSummary['type'];
type ProviderFilter = '' | AccountSummary['provider'];

/**
 * The linked cloud accounts of a tenant scope, on the Tenantry data plane: one row per account
 * (name, the provider's account ID, provider, shared or dedicated, the customers it serves, auto
 * customer, auto-assigned, exclude rule), search as you type (by name, account ID or a customer's
 * name, which the row then names: "assigned to …"), sort by column, filters for type, provider and
 * unassigned accounts. Rows are virtual (the worker holds the accounts; the DOM holds what is in
 * view) and never cross scopes. Opening an account (Enter or a click) shows its customers in a side
 * panel, where those allowed assign it to a customer, unassign it, switch it between shared and
 * dedicated and change its automation; each write goes with the account's ETag, and a refusal says
 * why (a conflict offers Reload).
 *
 * Client and scope come like every Tenantry element's: the `client` and `scope` properties, else a
 * provided `dataClientContext` and `scopeContext`, else the page's acting scope (the tenant
 * switcher's). A banner names the acting tenant.
 *
 * @summary The accounts view: every linked cloud account of a scope, and who it serves.
 *
 * @event tenantry-account-open - An account was opened (`detail: AccountOpenDetail`: `accountId`,
 *   `name`, `scopeTenantId`), for hosts that route. Cancelable: `preventDefault()` takes it over
 *   (the grid opens no panel).
 *
 * @csspart base - The frame around toolbar, notices, grid and panel.
 * @csspart scope - The acting-tenant banner (inside it the `scope-*` parts of every element).
 * @csspart toolbar - The search and filters.
 * @csspart search - The search field's box; `search-input` the input.
 * @csspart search-input - The search input.
 * @csspart filter - A filter control (type, provider, unassigned).
 * @csspart summary - The row count line.
 * @csspart notice - Offline, saved-data, skipped-records and error notices; `refusal` a write the server refused.
 * @csspart viewport - The scroll container of the grid.
 * @csspart grid - The `role=grid` element.
 * @csspart header - The sticky header row group; `header-cell` each column header.
 * @csspart header-cell - A column header.
 * @csspart row - A data row; `skeleton-row` a row still loading; `open-row` the opened account's.
 * @csspart skeleton-row - A row still loading.
 * @csspart open-row - The opened account's row.
 * @csspart cell - A data cell; also `cell-<column key>`, e.g. `cell-providerAccountId`.
 * @csspart badge - A badge; `type-badge` shared or dedicated.
 * @csspart type-badge - The shared or dedicated badge.
 * @csspart customer-count - The count in the Customers column; `matched-customer` the customer a search matched.
 * @csspart matched-customer - The customer a search matched.
 * @csspart state - The loading, empty, no-match and error states.
 * @csspart panel - The opened account's side panel; `panel-title`, `panel-close`, `panel-facts`,
 *   `customers`, `customer`, `customer-link`, `customer-more`, `unassign-button`, `confirm`,
 *   `confirm-unassign`, `confirm-cancel`, `writes`, `assign-input`, `assign-listbox`, `assign-option`,
 *   `type-button`, `auto-customer`, `auto-assigned`, `exclude-rule-input`, `exclude-rule-save`,
 *   `hint`, `rule-issue`, `reload-button`, `read-only` inside it.
 * @csspart panel-title - The opened account's name.
 * @csspart panel-close - The panel's Close button.
 * @csspart panel-facts - The account's facts.
 * @csspart assign-input - The search for a customer to assign.
 * @csspart unassign-button - The Unassign buttons.
 *
 * @cssproperty --tenantry-accounts-grid-height - Height of the whole widget. Default 600px.
 * @cssproperty --tenantry-accounts-grid-row-height - Row height. Default 40px.
 * @cssproperty --tenantry-accounts-grid-header-height - Header row height. Default 40px.
 * @cssproperty --tenantry-accounts-grid-panel-width - Width of the side panel. Default 360px.
 * @cssproperty --tenantry-accounts-grid-background - Grid background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-accounts-grid-header-background - Header background; falls back to `--tenantry-color-surface-raised`.
 * @cssproperty --tenantry-accounts-grid-row-hover-background - Hovered row; falls back to `--tenantry-color-surface-raised`.
 * @cssproperty --tenantry-accounts-grid-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-accounts-grid-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-accounts-grid-accent-color - Sort marks, links, the opened row; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-accounts-grid-muted-color - Secondary text (ids, the summary, facts' names); falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-accounts-grid-radius - Corner radius of the grid, panel and controls; falls back to `--tenantry-radius`.
 */
@localized()
export class AccountsGrid extends LitElement {
  static override styles = [accountsGridStyles, scopeBannerStyles];

  /** The data client; defaults to the one provided through `dataClientContext`. */
  @property({attribute: false}) client?: DataClient;

  /** The tenant scope to show; defaults to the provided `scopeContext`, then the page's acting scope. */
  @property({attribute: false}) scope?: Scope;

  /** Makes customers in the panel links: `{id}` is the customer (e.g. `#/organization/{id}`). Only http(s) and relative URLs. */
  @property({attribute: 'href-template', reflect: true}) hrefTemplate: string | null = null;

  /** Accessible name of the grid. */
  @property({reflect: true}) label = 'Accounts';

  /** What is in the search box (ahead of the query while keystrokes are coalesced). */
  @state() private searchText = '';
  /** The search the query runs. */
  @state() private search = '';
  @state() private typeFilter: TypeFilter = '';
  @state() private providerFilter: ProviderFilter = '';
  @state() private unassigned = false;
  @state() private sort: AccountSort[] = DEFAULT_SORT;
  @state() private active: GridPosition = {row: 1, col: 0};
  @state() private announcement = '';

  @query('.viewport') private viewport?: HTMLElement;
  @query('.grid') private gridEl?: HTMLElement;

  private readonly clients = new ClientController(this, {own: () => this.client, onEvent: (event) => this.handleDataEvent(event)});
  private readonly scoping = new ScopeController(this, {client: () => this.clients.dataClient, scope: () => this.scope});
  private readonly connectivity = new ConnectivityController(this, {client: () => this.clients.dataClient, scopeTenantId: () => this.rows.scopeTenantId});

  private readonly rows = new AccountRows(this, {
    queryKey: () => this.queryKey(),
    firstRows: (total) => (this.pendingScrollReset ? this.vp.firstPage() : this.vp.range(total)),
    onResult: (result) => this.commit(result),
    // The panel's account belonged to the rows that went (another client or scope).
    onDrop: () => {
      this.panel?.close(false);
      this.pendingOpen = null;
    },
  });

  private readonly vp = new GridViewport(this, {element: () => this.viewport, density: () => 'standard', metrics: '--tenantry-accounts-grid'});

  /** The opened account's panel, made once its code has arrived (`loadPanel`). */
  private panel: AccountPanel | null = null;
  /** An account opened before the panel's code arrived: opened in it once it has. */
  @state() private pendingOpen: AccountRow | null = null;
  /** The panel's code could not be loaded for `pendingOpen` (opening an account tries again). */
  @state() private panelFailed = false;
  private cancelPanelPreload: (() => void) | null = null;

  /** The panel, made when its code is there; `null` until then. */
  private makePanel(): AccountPanel | null {
    if (!this.panel && panelCode.value) {
      this.panel = new panelCode.value.AccountPanel(this, {
        client: () => this.clients.dataClient,
        scopeTenantId: () => this.rows.scopeTenantId,
        homeTenantId: () => this.scoping.home?.tenantId ?? this.session?.homeTenantId ?? null,
        session: () => this.session,
        offlineReason: () => this.connectivity.reason,
        hrefTemplate: () => this.hrefTemplate,
        announce: (message) => this.announce(message),
        onClose: (restoreFocus) => {
          this.openId = null;
          if (restoreFocus) this.focusAfterUpdate = 'cell';
        },
      });
    }
    return this.panel;
  }

  /** The signed-in session of the client (who may write), once known. */
  private session: Session | null = null;
  private sessionOf: DataClient | null = null;
  /** The opened account's id (its row is marked). */
  private openId: string | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchedAt = -Infinity;
  private queryKeyOf: {parts: readonly unknown[]; key: string} | null = null;
  private pendingScrollReset = false;
  private pendingCountAnnouncement = false;
  private focusAfterUpdate: 'cell' | 'panel' | null = null;
  /** The cell that holds the tab stop in the last render. */
  private tabStop: GridPosition = {row: 0, col: 0};

  override connectedCallback(): void {
    super.connectedCallback();
    // After a disconnect the view was closed: the next update opens it again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    this.cancelPanelPreload?.();
    this.cancelPanelPreload = null;
  }

  // ——— Data ———

  private handleDataEvent(d: DataEvent): void {
    if (d.type === 'signed-out') this.rows.refresh();
    else if ((d.type === 'accounts-updated' || d.type === 'accounts-sync-failed') && d.scopeTenantId === this.rows.scopeTenantId) this.rows.refresh();
  }

  /** The worker query, as a string the view task compares; recomputed only when a part changes. */
  private queryKey(): string {
    const parts = [this.search, this.typeFilter, this.providerFilter, this.unassigned, this.sort] as const;
    if (this.queryKeyOf && this.queryKeyOf.parts.every((p, i) => p === parts[i])) return this.queryKeyOf.key;
    const q: AccountQuery = {sort: this.sort};
    const search = this.search.trim();
    if (search) q.search = search;
    if (this.typeFilter) q.type = this.typeFilter;
    if (this.providerFilter) q.provider = this.providerFilter;
    if (this.unassigned) q.unassigned = true;
    const key = JSON.stringify(q);
    this.queryKeyOf = {parts, key};
    return key;
  }

  private commit(r: AccountRowsResult): void {
    if (!this.rows.accept(r)) return;
    this.vp.deferMargin();
    if (this.pendingScrollReset) {
      this.pendingScrollReset = false;
      this.vp.scrollToTop();
    }
    if (this.active.row > r.state.total) this.active = {row: r.state.total, col: this.active.col};
    if (this.pendingCountAnnouncement) {
      this.pendingCountAnnouncement = false;
      this.announce(plural(r.state.total, {one: (c) => msg(str`${c} account`), other: (c) => msg(str`${c} accounts`)}));
    }
    // The opened account as the new rows have it (after a write, another tab's, a sync).
    if (this.openId) {
      const [first, last] = this.vp.range(r.state.total);
      for (let i = first; i <= last; i++) {
        const row = this.rows.blocks.row(i);
        if (row?.id === this.openId) {
          this.panel?.follow(row);
          break;
        }
      }
    }
  }

  private announce(message: string): void {
    // Re-announcing the same words needs a change the live region notices.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  private scopeLabel(): string {
    const acting = this.scoping.current;
    if (acting && acting.tenantId === this.rows.scopeTenantId) return acting.name;
    return this.rows.scopeTenantId ?? '';
  }

  private followSession(client: DataClient | null): void {
    if (client === this.sessionOf) return;
    this.sessionOf = client;
    this.session = null;
    client?.session.then(
      (s) => {
        if (this.sessionOf !== client) return;
        this.session = s;
        this.requestUpdate();
      },
      // The rows' own query says why a session failed.
      () => undefined,
    );
  }

  // ——— Toolbar ———

  /** A keystroke after a pause searches at once; keystrokes closer together than `SEARCH_COALESCE_MS` go as one. */
  private handleSearchInput(e: Event): void {
    this.searchText = (e.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    const wait = this.searchedAt + SEARCH_COALESCE_MS - performance.now();
    if (wait <= 0) this.sendSearch();
    else this.searchTimer = setTimeout(() => this.sendSearch(), wait);
  }

  private handleSearchKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.searchText) {
      e.preventDefault();
      this.searchText = '';
      this.sendSearch();
    }
  }

  private sendSearch(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    this.searchedAt = performance.now();
    if (this.search === this.searchText) return;
    this.search = this.searchText;
    this.narrowed();
  }

  /** Search or a filter changed: back to the top, and the new count is announced. */
  private narrowed(): void {
    this.pendingScrollReset = true;
    this.pendingCountAnnouncement = true;
  }

  private clearFilters(): void {
    this.searchText = '';
    this.search = '';
    this.typeFilter = '';
    this.providerFilter = '';
    this.unassigned = false;
    this.narrowed();
  }

  private sortBy(col: AccountColumn): void {
    if (!col.sortKey) return;
    const current = this.sort[0];
    const dir = current?.key === col.sortKey && current.dir === 'asc' ? 'desc' : 'asc';
    this.sort = [{key: col.sortKey, dir}];
    this.pendingScrollReset = true;
    const name = col.label;
    this.announce(dir === 'asc' ? msg(str`Sorted by ${name}, ascending`) : msg(str`Sorted by ${name}, descending`));
  }

  // ——— Opening an account ———

  private openAt(index: number): void {
    const row = this.rows.blocks.row(index);
    const scopeTenantId = this.rows.scopeTenantId;
    if (!row || !scopeTenantId) return;
    if (!emit(this, 'tenantry-account-open', {accountId: row.id, name: row.name, scopeTenantId})) return;
    this.openId = row.id;
    const panel = this.makePanel();
    if (panel) {
      this.pendingOpen = null;
      panel.open(row);
      this.focusAfterUpdate = 'panel';
      return;
    }
    // Before the panel's code arrived: the panel says it is loading, and opens on the row once it has.
    this.pendingOpen = row;
    this.panelFailed = false;
    loadPanel().then(
      () => {
        if (this.pendingOpen !== row) return;
        this.pendingOpen = null;
        this.makePanel()?.open(row);
        this.focusAfterUpdate = 'panel';
      },
      () => {
        if (this.pendingOpen === row) this.panelFailed = true;
      },
    );
  }

  // ——— Lifecycle ———

  override willUpdate(_changed: PropertyValues<this>): void {
    if (!this.isConnected) return;
    if (!this.hasUpdated) this.vp.guessWidth();
    const client = this.clients.dataClient;
    this.followSession(client);
    if (this.rows.follow(client, this.scoping.scope?.tenantId ?? null)) {
      this.active = {row: 1, col: this.active.col};
      this.vp.scrollToTop();
    }
  }

  override updated(): void {
    this.rows.ensure(...this.vp.range(this.rows.blocks.total));
    // The panel's code loads once the first rows are on screen, when the page is next idle.
    if (this.rows.blocks.view && !panelCode.value && !this.cancelPanelPreload) this.cancelPanelPreload = whenIdle(() => void loadPanel().catch(() => undefined), 2000);
    const focus = this.focusAfterUpdate;
    this.focusAfterUpdate = null;
    if (focus === 'cell') this.cellAt(this.active)?.focus({preventScroll: true});
    else if (focus === 'panel') this.renderRoot.querySelector<HTMLElement>('.panel-title')?.focus();
  }

  // ——— Keyboard and pointer ———

  private cellAt(at: GridPosition): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.grid [data-r="${at.row}"][data-c="${at.col}"]`);
  }

  private handleScroll(): void {
    if (this.vp.scrolled(this.gridEl, ACCOUNT_COLUMNS, ALL_COLUMNS)) this.requestUpdate();
  }

  private moveTo(at: GridPosition): void {
    this.active = at;
    this.vp.reveal(at, ACCOUNT_COLUMNS);
    this.focusAfterUpdate = 'cell';
    this.requestUpdate();
  }

  private handleGridKeydown(e: KeyboardEvent): void {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (at.row === 0) this.sortBy(ACCOUNT_COLUMNS[at.col]);
      else this.openAt(at.row - 1);
      return;
    }
    const next = navigate(e, at, {rows: this.rows.blocks.view ? this.rows.blocks.total : 0, cols: ACCOUNT_COLUMNS.length, page: this.vp.pageRows()});
    if (next) {
      e.preventDefault();
      this.moveTo(next);
    }
  }

  private handleFocusIn(e: FocusEvent): void {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    if (at.row !== this.active.row || at.col !== this.active.col) this.active = at;
  }

  private handleGridClick(e: MouseEvent): void {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-r]');
    if (!cell) return;
    const at: GridPosition = {row: Number(cell.dataset.r), col: Number(cell.dataset.c)};
    this.active = at;
    if (at.row === 0) this.sortBy(ACCOUNT_COLUMNS[at.col]);
    else this.openAt(at.row - 1);
  }

  // ——— Rendering ———

  override render(): TemplateResult {
    if (!this.clients.value) return html`<div class="frame" part="base">${renderMissingClient()}</div>`;
    const view = this.rows.blocks.view;
    const error = this.rows.error;
    return html`<div class="frame" part="base">
      ${renderScopeBanner(this.scoping)} ${this.renderToolbar()}
      <div class="summary" part="summary">${view ? this.summaryText(view) : nothing}</div>
      ${this.renderNotices(view, view ? error : null)}
      <div class="main">
        <div class="viewport" part="viewport" @scroll=${this.handleScroll}>${this.renderGrid(view, Boolean(error))} ${this.renderState(view, view ? null : error)}</div>
        ${this.panel?.render() ?? nothing}${this.pendingOpen ? this.renderPanelLoading(this.pendingOpen) : nothing}
      </div>
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </div>`;
  }

  /** The panel of an account opened before the panel's code arrived: loading, or why it could not. */
  private renderPanelLoading(row: AccountRow): TemplateResult {
    return html`<section class="panel" part="panel" role="region" aria-labelledby="panel-title" aria-busy=${this.panelFailed ? 'false' : 'true'}>
      <div class="panel-head"><h2 id="panel-title" class="panel-title" part="panel-title" tabindex="-1"><bdi>${row.name}</bdi></h2></div>
      ${this.panelFailed ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${msg('This could not be shown; try again.')}</p>` : html`<p class="muted" role="status">${msg('Loading…')}</p>`}
    </section>`;
  }

  private renderToolbar(): TemplateResult {
    return html`<div class="toolbar" part="toolbar">
      <label class="search" part="search">
        <span class="sr-only">${msg('Search accounts')}</span>
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d="M7 2a5 5 0 013.9 8.1l3 3-1 1-3-3A5 5 0 117 2zm0 1.5a3.5 3.5 0 100 7 3.5 3.5 0 000-7z" fill="currentColor"></path></svg>
        <input type="search" part="search-input" placeholder=${msg('Search name, account ID or customer')} autocomplete="off" spellcheck="false" .value=${this.searchText} @input=${this.handleSearchInput} @keydown=${this.handleSearchKeydown} />
      </label>
      <label class="filter" part="filter">
        ${msg('Type')}
        <select data-filter="type" .value=${this.typeFilter} @change=${(e: Event) => {
          this.typeFilter = (e.target as HTMLSelectElement).value as TypeFilter;
          this.narrowed();
        }}>
          <option value="">${msg('Any')}</option>
          ${Object.entries(ACCOUNT_TYPE_LABELS).map(([v, w]) => html`<option value=${v} ?selected=${this.typeFilter === v}>${w}</option>`)}
        </select>
      </label>
      <label class="filter" part="filter">
        ${msg('Provider')}
        <select data-filter="provider" .value=${this.providerFilter} @change=${(e: Event) => {
          this.providerFilter = (e.target as HTMLSelectElement).value as ProviderFilter;
          this.narrowed();
        }}>
          <option value="">${msg('Any')}</option>
          ${Object.entries(PROVIDER_LABELS).map(([v, w]) => html`<option value=${v} ?selected=${this.providerFilter === v}>${w}</option>`)}
        </select>
      </label>
      <label class="filter check" part="filter">
        <input type="checkbox" data-filter="unassigned" .checked=${this.unassigned} @change=${(e: Event) => {
          this.unassigned = (e.target as HTMLInputElement).checked;
          this.narrowed();
        }} />
        ${msg('Unassigned only')}
      </label>
    </div>`;
  }

  private isNarrowed(): boolean {
    const q = this.rows.query;
    return Boolean(q.search || q.type || q.provider || q.unassigned);
  }

  /** "1,204 of 2,731 accounts in Northgate Distribution". */
  private summaryText(view: AccountViewState): string {
    const scope = this.scopeLabel();
    const all = view.datasetSize;
    if (this.isNarrowed()) {
      const shown = formatInteger(view.total);
      return scope
        ? plural(all, {one: (c) => msg(str`${shown} of ${c} account in ${scope}`), other: (c) => msg(str`${shown} of ${c} accounts in ${scope}`)})
        : plural(all, {one: (c) => msg(str`${shown} of ${c} account`), other: (c) => msg(str`${shown} of ${c} accounts`)});
    }
    return scope
      ? plural(all, {one: (c) => msg(str`${c} account in ${scope}`), other: (c) => msg(str`${c} accounts in ${scope}`)})
      : plural(all, {one: (c) => msg(str`${c} account`), other: (c) => msg(str`${c} accounts`)});
  }

  private renderNotices(view: AccountViewState | null, error: unknown): TemplateResult {
    return html`<div class="notices">
      ${view?.freshness === 'offline' ? html`<p class="notice" part="notice" data-tone="warning">${msg(str`Offline — showing accounts saved on this device, as of ${formatDateTime(view.asOf)}`)}</p>` : nothing}
      ${view?.freshness === 'cached' ? html`<p class="notice" part="notice">${msg(str`Showing saved accounts as of ${formatDateTime(view.asOf)}`)}</p>` : nothing}
      ${view && view.rejected.count > 0
        ? html`<p class="notice" part="notice" data-tone="warning">${plural(view.rejected.count, {
            one: (c) => msg(str`${c} account from the server was skipped: ${view.rejected.sample.join('; ')}`),
            other: (c) => msg(str`${c} accounts from the server were skipped: ${view.rejected.sample.join('; ')}`),
          })}</p>`
        : nothing}
      ${error ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${errorMessage(error)} <button type="button" @click=${() => this.rows.refresh()}>${msg('Retry')}</button></p>` : nothing}
    </div>`;
  }

  private renderState(view: AccountViewState | null, error: unknown): TemplateResult | typeof nothing {
    if (error) {
      const code = error instanceof TenantryError ? error.code : null;
      // Signed out, or no access: trying again cannot help, so no Retry.
      const final = code === 'unauthenticated' || code === 'forbidden';
      const title = code === 'unauthenticated' ? msg('You are signed out') : code === 'forbidden' ? msg('No access to this tenant') : msg('Couldn’t load accounts');
      return html`<div class="state" part="state" role="alert">
        <p class="state-title">${title}</p>
        <p>${errorMessage(error)}</p>
        ${final ? nothing : html`<button type="button" @click=${() => this.rows.refresh()}>${msg('Retry')}</button>`}
      </div>`;
    }
    if (!view) return html`<div class="state" part="state" role="status"><p class="state-title">${msg('Loading accounts…')}</p></div>`;
    if (view.total > 0) return nothing;
    if (view.datasetSize === 0) {
      return html`<div class="state" part="state">
        <p class="state-title">${msg('No linked accounts yet')}</p>
        <p>${msg(html`Cloud accounts linked to customers of <bdi>${this.scopeLabel()}</bdi> appear here.`)}</p>
      </div>`;
    }
    const search = this.rows.query.search?.trim() ?? '';
    return html`<div class="state" part="state">
      <p class="state-title">${search ? msg(html`No accounts match “<bdi>${search}</bdi>”`) : msg('No accounts match these filters')}</p>
      <p>${msg('Try other words, or clear the search and filters.')}</p>
      <button type="button" @click=${() => this.clearFilters()}>${msg('Clear filters')}</button>
    </div>`;
  }

  private renderGrid(view: AccountViewState | null, failed: boolean): TemplateResult | typeof nothing {
    if (!view) return nothing;
    const total = view.total;
    const rh = this.vp.rowHeight();
    this.tabStop = {row: Math.min(this.active.row, total), col: Math.min(this.active.col, ACCOUNT_COLUMNS.length - 1)};
    const gridStyle = styleProps({
      '--_cols': ACCOUNT_COLUMNS.map((c) => `${c.width}px`).join(' '),
      '--_row-h': `${rh}px`,
      '--_header-h': `${this.vp.headerHeight}px`,
      width: `${ACCOUNT_COLUMNS.reduce((s, c) => s + c.width, 0)}px`,
    });
    const sort = this.sort[0];
    return html`<div
      class="grid"
      part="grid"
      role="grid"
      aria-label=${this.label === 'Accounts' ? msg('Accounts') : this.label}
      aria-rowcount=${total + 1}
      aria-colcount=${ACCOUNT_COLUMNS.length}
      aria-busy=${failed ? 'false' : this.rows.pending || this.rows.blocks.busy(...this.vp.range(total)) ? 'true' : 'false'}
      style=${gridStyle}
      @keydown=${this.handleGridKeydown}
      @focusin=${this.handleFocusIn}
      @click=${this.handleGridClick}
    >
      <div class="head" part="header" role="rowgroup">
        <div class="row" role="row" aria-rowindex="1">
          ${ACCOUNT_COLUMNS.map((c, i) => {
            const dir = c.sortKey && sort?.key === c.sortKey ? sort.dir : null;
            return html`<div
              class="cell hcell ${i === 0 ? 'pin' : ''}"
              part="header-cell"
              role="columnheader"
              aria-colindex=${i + 1}
              aria-sort=${dir ? SORT_WORDS[dir] : nothing}
              data-key=${c.key}
              data-align=${c.align ?? 'start'}
              data-r="0"
              data-c=${i}
              ?data-sortable=${Boolean(c.sortKey)}
              tabindex=${this.tabStop.row === 0 && this.tabStop.col === i ? 0 : -1}
            >
              <span class="hlabel">${c.label}</span>
              ${dir ? html`<span class="sort" aria-hidden="true">${dir === 'asc' ? '▲' : '▼'}</span>` : nothing}
            </div>`;
          })}
        </div>
      </div>
      <div class="body" role="rowgroup" style=${styleProps({height: `${total * rh}px`})}>${this.renderRows(total)}</div>
    </div>`;
  }

  private renderRows(total: number): unknown {
    if (total === 0) return nothing;
    const [first, last] = this.vp.range(total);
    this.vp.rendered();
    const activeIndex = this.active.row - 1;
    const rh = this.vp.rowHeight();
    const render = (i: number): unknown => {
      const row = this.rows.blocks.row(i);
      const r = i + 1;
      // A row re-renders only when something it shows changed.
      return guard([i, row, rh, this.tabStop.row === r ? this.tabStop.col : -1, row?.id === this.openId], () => this.renderRow(i, row));
    };
    // A pool of row elements, recycled as in the organizations grid: row i lives in slot
    // i % capacity, so rows still in view keep their elements; the active row is kept apart by key
    // so the focused cell is never handed to another row. `aria-rowindex` gives the order.
    const capacity = this.vp.capacity(first, last);
    const slots: unknown[] = new Array(Math.min(capacity, total)).fill(nothing);
    for (let i = first; i <= last; i++) if (i !== activeIndex) slots[i % capacity] = render(i);
    const active = activeIndex >= 0 && activeIndex < total ? [activeIndex] : [];
    return html`${repeat(active, (i) => i, render)}${slots}`;
  }

  private renderRow(i: number, row: AccountRow | undefined): TemplateResult {
    const r = i + 1;
    const open = row !== undefined && row.id === this.openId;
    return html`<div
      class="row ${row ? '' : 'skeleton'} ${open ? 'open' : ''}"
      part=${row ? (open ? 'row open-row' : 'row') : 'row skeleton-row'}
      role="row"
      aria-rowindex=${i + 2}
      data-account-id=${row ? row.id : nothing}
      style=${styleProps({transform: `translateY(${i * this.vp.rowHeight()}px)`})}
    >
      ${ACCOUNT_COLUMNS.map(
        (c, ci) => html`<div
          class="cell ${ci === 0 ? 'pin' : ''}"
          part="cell cell-${c.key}"
          role="gridcell"
          aria-colindex=${ci + 1}
          data-align=${c.align ?? 'start'}
          data-r=${r}
          data-c=${ci}
          tabindex=${this.tabStop.row === r && this.tabStop.col === ci ? 0 : -1}
        >
          ${row ? c.cell(row) : ci === 0 ? html`<span class="skeleton-text" aria-hidden="true"></span><span class="sr-only">${msg('Loading')}</span>` : html`<span class="skeleton-text" aria-hidden="true"></span>`}
        </div>`,
      )}
    </div>`;
  }
}

const errorMessage = (error: unknown): string => errorText(error, () => msg('Something went wrong while loading accounts.'));
