import {formatInteger, plural} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type TemplateResult} from 'lit';
import {property, query, state} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {styleProps} from '../../src/page/styles/style-props.js';
import type {DataClient} from '../../src/page/data-client.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import {ComboboxController} from '../../src/page/kit/combobox-controller.js';
import type {TenantryError} from '../../src/shared/contract/errors.js';
import {emit} from '../../src/page/events.js';
import {KIND_LABELS} from '../../src/shared/model/labels.js';
import type {Id, TenantKind} from '../../src/shared/model/types.js';
import {scopeColor} from '../../src/page/scope-color.js';
import {ScopeStore, type ScopeStoreState} from '../../src/page/scope-store.js';
import type {TenantHit, TenantPathEntry, TenantSearchResult} from '../../src/shared/tenancy.js';
import {tenantSwitcherStyles} from './tenant-switcher.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

export interface ScopeChangeDetail {
  /** The tenant every widget of the page now acts in. */
  tenantId: Id;
  /** Its name, as the backend gave it (untrusted text: render it as text). */
  name: string;
  /** The tenant acted in before the switch. */
  previousTenantId: Id;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-scope-change': CustomEvent<ScopeChangeDetail>;
  }
}

/** One screenful of hits per search. */
const SEARCH_LIMIT = 50;
/** Options PageUp/PageDown move by. */
const PAGE_STEP = 10;
const CUSTOMER_KINDS: TenantKind[] = ['customer'];

type Section = 'pinned' | 'recent' | 'browse' | 'results';

interface Entry {
  section: Section;
  hit: TenantHit;
}

/** What one search asks, as the combobox's question key. */
interface SearchQuestion {
  homeId: Id;
  text: string;
  parentId: Id | null;
  kinds: TenantKind[] | null;
}

const SECTION_LABELS: Readonly<Record<Exclude<Section, 'browse'>, string>> = {
  get pinned() { return msg('Pinned'); },
  get recent() { return msg('Recent'); },
  get results() { return msg('Matches'); },
};
const customerResultsLabel = (): string => msg('Matching customers');

/** `sync-url="false"` turns URL sync off; any other value (or none) keeps it on. */
const onUnlessFalse = {
  fromAttribute: (value: string | null): boolean => value !== 'false',
  toAttribute: (value: boolean): string => (value ? '' : 'false'),
};

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Switches the acting tenant of every Tenantry widget on the page, and back in one step.
 *
 * Shows the acting scope where it cannot be missed — a per-tenant colour, the tenant's name and
 * its path (Distributor › Reseller › Customer) — with a "My organization | A customer" switch, a
 * "Back to <home>" action, and a searchable combobox over the hierarchy the signed-in user may see
 * (WAI-ARIA 1.2 combobox with a listbox popup). Type-ahead matches name, domain, Azure tenant ID or
 * path; with no text the list shows pinned, recent and the tenants below (→ drills in, ← goes up).
 * Ctrl+K / ⌘+K opens it from anywhere on the page.
 *
 * The switch itself belongs to the page's `ScopeStore` (shared by every widget of the same data
 * client, mirrored in the URL); this widget only asks it and shows what it says. Every tenant name
 * is untrusted text and renders as text, isolated for bidi.
 *
 * Keyboard (in the input): ↓/↑ move through the options (↓ opens), Alt+↓ opens, Home/End and
 * PageUp/PageDown move further, Enter switches to the active option, → / ← drill into and out of
 * a tenant's children while the text is empty, Escape closes (a second Escape clears the text).
 * Tab reaches the popup's Pin and "Show tenants below" buttons for the active option.
 *
 * @summary The tenant switcher: acting scope, "My organization | A customer", type-ahead, back.
 *
 * @event tenantry-scope-change - A switch landed (`detail: ScopeChangeDetail`: `tenantId`, `name`,
 *   `previousTenantId`); every widget of the page already follows it.
 *
 * @slot logo - A brand mark at the start of the bar (a white-label reseller's logo): an `<img>` with
 *   its `alt`, or an `<svg>`; its height is `--tenantry-tenant-switcher-logo-height`.
 *
 * @csspart control - The bar around everything (its start edge has the scope colour).
 * @csspart logo - The slot holding the logo.
 * @csspart chip - The scope colour dot.
 * @csspart scope - The name and path of the acting tenant.
 * @csspart name - The acting tenant's name (ellipsised; full name in its tooltip).
 * @csspart path - The acting tenant's path; `path-entry` each step, `path-separator` each ›.
 * @csspart path-entry - A step of the path.
 * @csspart path-separator - A › between steps.
 * @csspart segment - The "My organization | A customer" switch; `segment-button` each half.
 * @csspart segment-button - A half of the switch; `[aria-pressed="true"]` the chosen one.
 * @csspart note - The note shown to a customer admin ("only your organization").
 * @csspart combobox - The box around the input and its popup.
 * @csspart input - The text input (`role=combobox`).
 * @csspart popup - The popup under the input.
 * @csspart listbox - The list of tenants (`role=listbox`).
 * @csspart group - A section of the list (Pinned, Recent, tenants below, matches); `group-label` its heading.
 * @csspart group-label - A section's heading.
 * @csspart option - One tenant; `option-active` the one the keyboard is on, `option-current` the acting one.
 * @csspart option-active - The option the keyboard is on.
 * @csspart option-current - The acting tenant's option.
 * @csspart option-name - An option's name; `option-detail` its kind/domain, path and match lines
 *   (also `option-kind`, `option-path`, `option-match`).
 * @csspart option-detail - A detail line of an option.
 * @csspart option-kind - The kind and domain line of an option.
 * @csspart option-path - The path line of an option.
 * @csspart option-match - The line saying what matched.
 * @csspart pin - The pin mark of an option (click to pin or unpin).
 * @csspart drill - The "tenants below" mark of an option (click to drill in).
 * @csspart footer - The popup's bottom bar; `footer-button` its buttons (pin, drill, up).
 * @csspart footer-button - A button of the footer.
 * @csspart status - The polite live status ("N tenants", "No tenant matches …").
 * @csspart back - The "Back to <home>" button.
 * @csspart error - The alert when a switch was refused; `error-button` its Dismiss button.
 * @csspart error-button - Dismiss.
 * @csspart notice - The notice when another tab switched; `notice-button` its two buttons.
 * @csspart notice-button - A button of the notice.
 * @csspart missing-client - The alert shown instead of everything else while the switcher has no data client.
 *
 * @cssproperty --tenantry-tenant-switcher-background - Control and popup background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-tenant-switcher-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-tenant-switcher-muted-color - Paths, details, status; falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-tenant-switcher-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-tenant-switcher-accent-color - Pressed segment, active option mark, pinned mark; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-tenant-switcher-active-background - The active option; falls back to `--tenantry-color-surface-raised`.
 * @cssproperty --tenantry-tenant-switcher-danger-color - The refused-switch alert; falls back to `--tenantry-color-danger`.
 * @cssproperty --tenantry-tenant-switcher-warning-color - The other-tab notice; falls back to `--tenantry-color-warning`.
 * @cssproperty --tenantry-tenant-switcher-radius - Corner radius; falls back to `--tenantry-radius`.
 * @cssproperty --tenantry-tenant-switcher-accent-text-color - Text on the pressed segment; falls back to `--tenantry-color-accent-text`.
 * @cssproperty --tenantry-tenant-switcher-logo-height - Height of the slotted logo. Default 24px.
 * @cssproperty --tenantry-tenant-switcher-scope-color - Overrides the scope colour; otherwise `--tenantry-scope-color` (per tenant).
 * @cssproperty --tenantry-tenant-switcher-max-height - Tallest the list grows. Default 360px.
 * @cssproperty --tenantry-tenant-switcher-popup-width - Width of the popup. Default 420px.
 * @cssproperty --tenantry-tenant-switcher-name-max-width - Widest the acting tenant's name and path grow. Default 28ch.
 */
@localized()
export class TenantSwitcher extends LitElement {
  static override styles = tenantSwitcherStyles;

  /** The data client; defaults to the one provided through `dataClientContext` (`provideDataClient`). Without either the switcher says so. */
  @property({attribute: false}) client?: DataClient;

  /** The page's scope store; defaults to `ScopeStore.forClient(client)`. */
  @property({attribute: false}) store?: ScopeStore;

  /** Keep the acting tenant in this tab's URL (`?tenant=`); `sync-url="false"` leaves the URL alone. Read when the store is created. */
  @property({attribute: 'sync-url', reflect: true, converter: onUnlessFalse}) syncUrl = true;

  /** Prefix the page title with the acting tenant while it is not the user's own. Read when the store is created. */
  @property({attribute: 'sync-title', type: Boolean, reflect: true}) syncTitle = false;

  /** Placeholder of the search input; defaults to "Switch tenant (Ctrl+K)". */
  @property({reflect: true}) placeholder: string | null = null;

  @state() private scopeState: ScopeStoreState | null = null;
  /** "A customer" was chosen: the list shows customers only until a switch or close. */
  @state() private pickCustomer = false;
  /** Tenants drilled into while browsing, outermost first. */
  @state() private trail: TenantHit[] = [];

  @query('input') private input?: HTMLInputElement;

  private ownStore: ScopeStore | null = null;
  private boundStore: ScopeStore | null = null;
  private lastTenantId: Id | null = null;
  /** The entries of this render, in option order: what the keys move through. */
  private entries: Entry[] = [];

  private readonly clients = new ClientController(this, {own: () => this.client});

  private readonly combo = new ComboboxController<TenantSearchResult>(this, {
    input: () => this.input ?? null,
    popup: () => this.renderRoot.querySelector('[part~="popup"]'),
    query: () => this.searchKey(),
    search: (key, signal) => {
      const client = this.boundStore?.client;
      if (!client) return Promise.reject(new Error(msg('No data client')));
      const {homeId, text, parentId, kinds} = JSON.parse(key) as SearchQuestion;
      return client.searchTenants({tenantId: homeId}, {text, limit: SEARCH_LIMIT, ...(parentId ? {parentId} : {}), ...(kinds ? {kinds} : {})}, {signal});
    },
    count: () => this.entries.length,
    optionId: (index) => `tenant-option-${index}`,
    pick: (index) => this.select(this.entries[index].hit),
    announce: {
      found: (result) => this.countText(result),
      get failed() {
        return msg('Could not load tenants. Type again to retry.');
      },
      get loading() {
        return msg('Searching…');
      },
      get idle() {
        return msg('Loading…');
      },
    },
    onClose: () => {
      this.trail = [];
      this.pickCustomer = false;
    },
    activateOnOpen: true,
    pageStep: PAGE_STEP,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.handleDocumentKeydown);
    // After a disconnect the store was unbound: the next update binds it again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.handleDocumentKeydown);
    this.unbindStore();
  }

  /** Opens the list and puts the keyboard in the search input. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  // ——— Services ———

  /** The page store of the client in use; `null` with no client (and no store given). */
  private resolveStore(): ScopeStore | null {
    if (this.store) return this.store;
    const client: DataClient | null = this.clients.dataClient;
    if (!client) return null;
    if (this.ownStore?.client !== client) {
      this.ownStore = ScopeStore.forClient(client, {urlParam: this.syncUrl ? 'tenant' : null, syncTitle: this.syncTitle});
    }
    return this.ownStore;
  }

  private bindStore(store: ScopeStore): void {
    this.unbindStore();
    // Another client's tenants: nothing asked of the old one may show.
    this.combo.reset();
    this.boundStore = store;
    store.addEventListener('change', this.handleStoreChange);
    this.scopeState = store.state;
    this.lastTenantId = store.state.current?.tenantId ?? null;
  }

  private unbindStore(): void {
    // The store is the page's, shared with other widgets: stop listening, never dispose it.
    this.boundStore?.removeEventListener('change', this.handleStoreChange);
    this.boundStore = null;
  }

  private readonly handleStoreChange = (): void => {
    const store = this.boundStore;
    if (!store) return;
    const next = store.state;
    this.scopeState = next;
    const current = next.current;
    if (!current) return;
    const previous = this.lastTenantId;
    this.lastTenantId = current.tenantId;
    if (previous !== null && previous !== current.tenantId) {
      emit(this, 'tenantry-scope-change', {tenantId: current.tenantId, name: current.name, previousTenantId: previous});
    }
  };

  override willUpdate(): void {
    if (this.isConnected) {
      const store = this.resolveStore();
      if (!store) {
        this.unbindStore();
        this.scopeState = null;
      } else if (store !== this.boundStore) this.bindStore(store);
    }
    // Entries are worked out here, before the combobox settles its active option on them.
    this.entries = this.combo.open ? this.computeEntries() : [];
  }

  // ——— Search ———

  /** The question the list answers now; `null` until the user's own tenant is known. */
  private searchKey(): string | null {
    const homeId = this.scopeState?.home?.tenantId;
    if (!this.boundStore || !homeId) return null;
    const text = this.combo.text.trim();
    const parentId = text ? null : (this.trail.at(-1)?.id ?? null);
    // Browsing keeps every kind so a customer under a reseller can be reached; a search narrows to customers.
    const question: SearchQuestion = {homeId, text, parentId, kinds: this.pickCustomer && text ? CUSTOMER_KINDS : null};
    return JSON.stringify(question);
  }

  private computeEntries(): Entry[] {
    const results = this.combo.result?.hits ?? [];
    if (this.combo.text.trim()) return results.map((hit) => ({section: 'results', hit}));
    const out: Entry[] = [];
    if (this.trail.length === 0) {
      const state = this.scopeState;
      const fits = (hit: TenantHit): boolean => !this.pickCustomer || CUSTOMER_KINDS.includes(hit.kind);
      for (const hit of state?.pinned ?? []) if (fits(hit)) out.push({section: 'pinned', hit});
      for (const hit of state?.recent ?? []) if (fits(hit)) out.push({section: 'recent', hit});
    }
    for (const hit of results) out.push({section: 'browse', hit});
    return out;
  }

  /** The live status for an answer: how many tenants, or that none match. */
  private countText({hits, total}: TenantSearchResult): string {
    const text = this.combo.text.trim();
    if (text && total === 0) return msg(str`No tenant matches “${text}”`);
    const count = text ? total : this.entries.length;
    const words = plural(count, {one: (c) => msg(str`${c} tenant`), other: (c) => msg(str`${c} tenants`)});
    return text && total > hits.length ? msg(str`${words}, first ${formatInteger(hits.length)} shown`) : words;
  }

  // ——— Actions ———

  /** The picked option (the combobox then clears the text, closes and keeps focus in the input). */
  private select(hit: TenantHit): void {
    const store = this.boundStore;
    if (!store) return;
    if (hit.id === store.state.home?.tenantId) store.switchHome();
    // A refusal lands in `state.error`; nothing else to do with the rejection here.
    else store.switchTo(hit.id).catch(() => undefined);
  }

  private togglePin(hit: TenantHit): void {
    const store = this.boundStore;
    if (!store) return;
    if (this.isPinned(hit.id)) store.unpin(hit.id);
    else store.pin({...hit, matched: null});
  }

  private isPinned(id: Id): boolean {
    return (this.scopeState?.pinned ?? []).some((p) => p.id === id);
  }

  private drillInto(hit: TenantHit): void {
    if (hit.childCount <= 0) return;
    this.combo.text = '';
    this.trail = [...this.trail, hit];
    this.combo.show();
  }

  private drillOut(): void {
    if (this.trail.length) this.trail = this.trail.slice(0, -1);
  }

  private chooseCustomer(): void {
    this.pickCustomer = true;
    this.trail = [];
    this.combo.text = '';
    // Customers only now: the option the keyboard was on may be gone.
    this.combo.activate(-1);
    this.combo.show();
    this.input?.focus();
  }

  private chooseHome(): void {
    this.combo.close();
    this.pickCustomer = false;
    this.boundStore?.switchHome();
  }

  // ——— Handlers ———

  private readonly handleDocumentKeydown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'k') return;
    if (!this.input) return;
    e.preventDefault();
    this.combo.show();
    this.input.focus();
    this.input.select();
  };

  private handleInputClick(): void {
    this.combo.show();
  }

  /** → / ← drill in and out while browsing; every other key is the combobox's. */
  private handleInputKeydown(e: KeyboardEvent): void {
    const browsing = this.combo.open && !this.combo.text;
    if (e.key === 'ArrowRight' && browsing) {
      const activeEntry = this.entries[this.combo.active];
      const caretAtEnd = (this.input?.selectionStart ?? 0) === this.combo.text.length;
      if (caretAtEnd && activeEntry && activeEntry.hit.childCount > 0) {
        e.preventDefault();
        this.drillInto(activeEntry.hit);
      }
      return;
    }
    if (e.key === 'ArrowLeft' && browsing && this.trail.length) {
      e.preventDefault();
      this.drillOut();
      return;
    }
    this.combo.handleKeydown(e);
  }

  // ——— Rendering ———

  override render(): TemplateResult {
    // With no client there is nothing to show or switch: say so, and start nothing.
    if (!this.boundStore) return renderMissingClient();
    const state = this.scopeState;
    const home = state?.home ?? null;
    const current = state?.current ?? null;
    const color = current ? scopeColor(current.tenantId, home?.tenantId) : null;
    const atHome = Boolean(current && home && current.tenantId === home.tenantId);
    const customerOnly = home?.kind === 'customer';
    const status = this.combo.announcement;
    return html`
      <div part="control" style=${styleProps(color ? {'--tenantry-scope-color': color} : {})}>
        <slot name="logo" part="logo"></slot>
        <span part="chip" aria-hidden="true"></span>
        <div part="scope">
          ${current
            ? html`<span part="name" class="ellipsis" title=${current.name}><span class="sr-only">${msg('Acting in')} </span><bdi dir="auto">${current.name}</bdi></span>
                ${this.renderPath(current.path, 'path')}`
            : html`<span part="name" class="ellipsis">${state?.switching ? msg('Switching…') : msg('Loading…')}</span>`}
        </div>
        <div part="segment" role="group" aria-label=${msg('Administer')}>
          <button part="segment-button" type="button" aria-pressed=${String(atHome && !this.pickCustomer)} ?disabled=${!home} @click=${this.chooseHome}>${msg('My organization')}</button>
          <button part="segment-button" type="button" aria-pressed=${String(Boolean(current && !atHome) || this.pickCustomer)} ?disabled=${!home || customerOnly} @click=${this.chooseCustomer}>${msg('A customer')}</button>
        </div>
        ${customerOnly ? html`<span part="note">${msg('You administer only your own organization.')}</span>` : nothing}
        ${this.renderCombobox(status)}
        ${home && current && !atHome
          ? html`<button part="back" type="button" title=${msg(str`Back to ${home.name}`)} @click=${this.chooseHome}>${msg(html`Back to <bdi dir="auto">${home.name}</bdi>`)}</button>`
          : nothing}
      </div>
      ${state?.error
        ? html`<div part="error" role="alert">
            <span>${this.refusalText(state.error)}</span>
            <button part="error-button" type="button" @click=${() => this.boundStore?.dismissError()}>${msg('Dismiss')}</button>
          </div>`
        : nothing}
      ${state?.notice
        ? html`<div part="notice" role="status">
            <span>${msg(html`Another tab switched to <bdi dir="auto">${state.notice.name}</bdi>.`)}</span>
            <button part="notice-button" type="button" @click=${() => this.boundStore?.followNotice().catch(() => undefined)}>${msg('Switch here')}</button>
            <button part="notice-button" type="button" @click=${() => this.boundStore?.dismissNotice()}>${msg('Keep this tab')}</button>
          </div>`
        : nothing}
    `;
  }

  private renderPath(path: TenantPathEntry[], part: string): TemplateResult | typeof nothing {
    if (path.length < 2) return nothing;
    const full = path.map((p) => p.name).join(' › ');
    return html`<ol part=${part} title=${full} aria-label=${msg('Path')}>
      ${path.map(
        (p, i) => html`<li part="path-entry">${i > 0 ? html`<span part="path-separator" class="sep" aria-hidden="true">›</span>` : nothing}<bdi dir="auto">${p.name}</bdi></li>`,
      )}
    </ol>`;
  }

  private renderCombobox(status: string): TemplateResult {
    const {combo} = this;
    const activeEntry = this.entries[combo.active];
    const keys = isMac() ? '⌘K' : 'Ctrl+K';
    const placeholder = this.placeholder ?? msg(str`Switch tenant (${keys})`);
    return html`
      <div part="combobox" @focusout=${combo.handleFocusOut}>
        <label class="sr-only" for="tenant-input">${this.pickCustomer ? msg('Administer a customer') : msg('Switch tenant')}</label>
        <input
          id="tenant-input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded=${String(combo.open)}
          aria-controls="tenant-listbox"
          aria-activedescendant=${ifDefined(combo.activeDescendant)}
          aria-keyshortcuts="Control+K Meta+K"
          aria-describedby="tenant-status"
          placeholder=${placeholder}
          .value=${combo.text}
          @input=${combo.handleInput}
          @keydown=${this.handleInputKeydown}
          @click=${this.handleInputClick}
        />
        <div part="popup" ?hidden=${!combo.open} @keydown=${combo.handlePopupKeydown} @mousedown=${combo.handlePopupMousedown}>
          <div id="tenant-listbox" part="listbox" role="listbox" aria-label=${msg('Tenants')} tabindex="-1" ?hidden=${this.entries.length === 0}>${this.renderGroups()}</div>
          <div part="status" aria-hidden="true">${status}</div>
          ${combo.open ? this.renderFooter(activeEntry) : nothing}
        </div>
        <div id="tenant-status" class="sr-only" role="status" aria-live="polite">${status}</div>
      </div>
    `;
  }

  private renderGroups(): TemplateResult[] {
    const groups: TemplateResult[] = [];
    let i = 0;
    while (i < this.entries.length) {
      const section = this.entries[i].section;
      const start = i;
      while (i < this.entries.length && this.entries[i].section === section) i++;
      const label = section === 'browse' ? this.browseLabel() : section === 'results' && this.pickCustomer ? customerResultsLabel() : SECTION_LABELS[section];
      const options = this.entries.slice(start, i).map((entry, k) => this.renderOption(entry, start + k));
      groups.push(html`<div part="group" role="group" aria-label=${label}><div part="group-label" aria-hidden="true">${label}</div>${options}</div>`);
    }
    return groups;
  }

  private browseLabel(): string {
    const parent = this.trail.at(-1);
    const name = parent?.name ?? this.scopeState?.home?.name ?? '';
    return msg(str`Below ${name}`);
  }

  private renderOption(entry: Entry, index: number): TemplateResult {
    const {hit} = entry;
    const activeOpt = index === this.combo.active;
    const currentOpt = hit.id === this.scopeState?.current?.tenantId;
    const pinned = this.isPinned(hit.id);
    const parts = ['option', activeOpt ? 'option-active' : '', currentOpt ? 'option-current' : ''].filter(Boolean).join(' ');
    const ancestors = hit.path.slice(0, -1);
    return html`<div
      id=${`tenant-option-${index}`}
      part=${parts}
      role="option"
      aria-selected=${String(activeOpt)}
      aria-current=${ifDefined(currentOpt ? 'true' : undefined)}
      data-tenant-id=${hit.id}
      data-section=${entry.section}
      @click=${() => this.combo.pick(index)}
    >
      <div class="option-main">
        <span part="option-name" class="ellipsis" title=${hit.name}><bdi dir="auto">${hit.name}</bdi></span>
        <span part="option-detail option-kind" class="ellipsis">${KIND_LABELS[hit.kind]}${hit.domain ? html` · <bdi dir="auto">${hit.domain}</bdi>` : nothing}${
          hit.childCount > 0 ? html` · ${msg(str`${formatInteger(hit.childCount)} below`)}` : nothing
        }</span>
        ${ancestors.length
          ? html`<span part="option-detail option-path" class="ellipsis" title=${ancestors.map((p) => p.name).join(' › ')}
              >${ancestors.map((p, i) => html`${i > 0 ? html`<span class="sep" aria-hidden="true">›</span>` : nothing}<bdi dir="auto">${p.name}</bdi>`)}</span
            >`
          : nothing}
        ${hit.matched === 'tenantId' && hit.directoryId
          ? html`<span part="option-detail option-match" class="ellipsis">${msg(html`matched tenant ID <bdi dir="ltr">${hit.directoryId}</bdi>`)}</span>`
          : nothing}
        ${pinned ? html`<span class="sr-only">${msg(', pinned')}</span>` : nothing}
      </div>
      <div class="option-tools">
        <span
          part="pin"
          aria-hidden="true"
          title=${pinned ? msg('Unpin') : msg('Pin')}
          ?data-pinned=${pinned}
          @click=${(e: Event) => {
            e.stopPropagation();
            this.togglePin(hit);
          }}
          >${pinned ? '★' : '☆'}</span
        >
        ${hit.childCount > 0
          ? html`<span
              part="drill"
              aria-hidden="true"
              title=${msg('Show tenants below')}
              @click=${(e: Event) => {
                e.stopPropagation();
                this.drillInto(hit);
              }}
              >›</span
            >`
          : nothing}
      </div>
    </div>`;
  }

  private renderFooter(activeEntry: Entry | undefined): TemplateResult | typeof nothing {
    const parent = this.trail.at(-1);
    if (!activeEntry && !parent) return nothing;
    const hit = activeEntry?.hit;
    return html`<div part="footer">
      ${hit
        ? html`<button part="footer-button" type="button" data-action="pin" @click=${() => this.togglePin(hit)}>
            ${this.isPinned(hit.id) ? msg(html`Unpin <bdi dir="auto">${hit.name}</bdi>`) : msg(html`Pin <bdi dir="auto">${hit.name}</bdi>`)}
          </button>`
        : nothing}
      ${hit && hit.childCount > 0 && !this.combo.text.trim()
        ? html`<button part="footer-button" type="button" data-action="drill" @click=${() => this.drillInto(hit)}>${msg(html`Show tenants below <bdi dir="auto">${hit.name}</bdi>`)}</button>`
        : nothing}
      ${parent ? html`<button part="footer-button" type="button" data-action="up" @click=${this.drillOut}>${msg(html`Up from <bdi dir="auto">${parent.name}</bdi>`)}</button>` : nothing}
    </div>`;
  }

  /** Says why a switch was refused without repeating anything the backend said about the tenant. */
  private refusalText(error: TenantryError): string {
    if (error.code === 'forbidden' || error.code === 'not-found') return msg('You cannot act in that tenant: it does not exist, or it is not one you manage.');
    if (error.code === 'unauthenticated') return msg('Your session has ended. Sign in again to switch tenants.');
    return msg('The tenant could not be switched. Check the connection and try again.');
  }
}
