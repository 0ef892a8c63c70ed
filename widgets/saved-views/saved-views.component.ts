import {formatDateTime, formatInteger, plural} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {TenantryError} from '../../src/shared/contract/errors.js';
import {errorText} from '../../src/page/messages.js';
import {LitElement, html, nothing} from 'lit';
import {property, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {emit} from '../../src/page/events.js';
import {GridControl} from '../../src/page/kit/grid-control.js';
import {PopupController} from '../../src/page/kit/popup-controller.js';
import {defaultViewState, parseViewState, viewLink, type GridViewState} from '../../src/shared/grid-view.js';
import {writeClipboard} from '../../src/page/platform/clipboard.js';
import {VIEW_NAME_MAX, viewName, workerViewStore, type PrefClient, type SavedView, type ViewStore} from '../../src/page/saved-views-store.js';
import {savedViewsStyles} from './saved-views.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

export interface ViewRestoreDetail {
  /** The restored state, validated by `parseViewState`. */
  state: GridViewState;
  /** Parts of the saved view that were invalid and replaced by defaults (for a notice). */
  dropped: string[];
  /** The saved view's name. */
  name: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-view-restore': CustomEvent<ViewRestoreDetail>;
  }
}

const formatSavedAt = (iso: string): string => (iso ? formatDateTime(iso) : '');

/**
 * Saved views of the organizations grid: restore a view saved by name, save the current one,
 * delete one, and copy a link that carries the current view in the URL.
 *
 * "Views" opens a non-modal dialog listing the saved views (each restores on activation and has a
 * Delete button) with a form to save the current view (a name of 1–80 characters, trimmed; an
 * existing name asks before replacing). "Save view…" opens the same dialog at the name field.
 * "Copy link" copies the page URL with the encoded view in query parameter `param`.
 *
 * Views live in `store`; without one, in the worker's cache of `client` for `scope-tenant-id`
 * (per user and scope, `workerViewStore`). Stored entries that cannot be read are left out and the
 * dialog says how many.
 *
 * @summary Save, restore, delete and share views of the organizations grid.
 *
 * @event tenantry-view-restore - A saved view was chosen; `detail.state` (validated), `detail.dropped`, `detail.name`.
 *
 * @csspart toggle - The "Views" button.
 * @csspart save-toggle - The "Save view…" button.
 * @csspart copy-link - The "Copy link" button.
 * @csspart status - Messages such as "Link copied" (a live region).
 * @csspart link - Read-only field with the link, shown when copying failed.
 * @csspart panel - The dialog.
 * @csspart panel-title - The dialog's title.
 * @csspart list - The list of saved views.
 * @csspart item - One saved view.
 * @csspart restore - The button restoring a view (its name).
 * @csspart saved-at - When a view was saved.
 * @csspart delete - The button deleting a view.
 * @csspart empty - The text shown when no view is saved.
 * @csspart notice - Says how many stored views could not be read (they are left out).
 * @csspart save-form - The form saving the current view.
 * @csspart name-label - The label of the name field.
 * @csspart name-input - The name field.
 * @csspart save - The button saving the view.
 * @csspart error - A problem with the name or with the store.
 * @csspart confirm - The question asked before replacing a view.
 * @csspart confirm-text - The question's text.
 * @csspart confirm-replace - The button replacing the existing view.
 * @csspart confirm-cancel - The button keeping the existing view.
 *
 * @cssproperty --tenantry-saved-views-panel-width - Width of the dialog (default 384px).
 * @cssproperty --tenantry-saved-views-panel-background - Background of the dialog.
 * @cssproperty --tenantry-saved-views-accent - Colour of the Save and Replace buttons.
 */
@localized()
export class TenantrySavedViews extends LitElement {
  static override styles = savedViewsStyles;

  /** The grid's current view: what "Save view…" saves and "Copy link" shares. */
  @property({attribute: false}) state: GridViewState = defaultViewState();
  /** Where views are saved; when unset, the user's views in the worker's cache (`client` and `scopeTenantId`, see `workerViewStore`). */
  @property({attribute: false}) store?: ViewStore;
  /** The data client whose preferences hold the views when no `store` is set; default the provided one. */
  @property({attribute: false}) client?: PrefClient;
  /** A fixed tenant whose views are shown when no `store` is set; default the grid's or the page's acting tenant. */
  @property({reflect: true, attribute: 'scope-tenant-id'}) scopeTenantId = '';
  /** The id of the `<organizations-grid>` whose view this saves and restores, when it is placed outside it. */
  @property({reflect: true, attribute: 'for'}) htmlFor: string | null = null;
  /** The URL query parameter that carries a view in a link. */
  @property({reflect: true}) param = 'view';
  /** The page the copied link points to; default the current page. */
  @property({reflect: true, attribute: 'base-url'}) baseUrl = '';
  /** Writes the link to the clipboard (replace to route it elsewhere, or in tests). */
  @property({attribute: false}) copyText: (text: string) => Promise<void> = writeClipboard;

  @state() private views: SavedView[] = [];
  @state() private loading = false;
  @state() private name = '';
  @state() private error = '';
  @state() private confirming: string | null = null;
  @state() private status = '';
  @state() private failedLink = '';
  /** How many stored entries the last load could not read (left out). */
  @state() private unreadable = 0;

  private defaultStore: {client: PrefClient; scopeTenantId: string; store: ViewStore} | null = null;
  /** Client, tenant and grid view, from the kit. */
  private readonly control = new GridControl<PrefClient>(this, {client: () => this.client, scopeTenantId: () => this.scopeTenantId, for: () => this.htmlFor});
  /** The store the shown views came from; another one (user, scope) clears them. */
  private shownStore: ViewStore | undefined;

  private loadSeq = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly panel = new PopupController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLButtonElement>('[part~="toggle"]'),
    onOpen: () => {
      this.error = '';
      this.confirming = null;
    },
    onClose: () => (this.confirming = null),
    onEscape: () => {
      if (!this.confirming) return false;
      this.handleCancelReplace();
      return true;
    },
  });

  private get open(): boolean {
    return this.panel.open;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.statusTimer);
    this.loadSeq++;
  }

  /** The store in use: `store`, else the worker store of `client` and `scopeTenantId`. */
  private get activeStore(): ViewStore | undefined {
    if (this.store) return this.store;
    const client = this.control.client;
    const scopeTenantId = this.control.tenantId;
    if (!client || !scopeTenantId) return undefined;
    const cached = this.defaultStore;
    if (cached?.client === client && cached.scopeTenantId === scopeTenantId) return cached.store;
    this.defaultStore = {client, scopeTenantId, store: workerViewStore(client, {tenantId: scopeTenantId})};
    return this.defaultStore.store;
  }

  override willUpdate(): void {
    // Bound to a grid: its view is the current one.
    const bound = this.control.store?.state;
    if (bound && bound !== this.state) this.state = bound;
    const store = this.activeStore;
    if (store !== this.shownStore) {
      this.shownStore = store;
      this.unreadable = 0;
      // Views of another store (another user or scope) must never show.
      this.views = [];
      this.confirming = null;
      if (this.open) void this.load();
    }
  }

  /** Opens the dialog; with `focusName`, at the name field. */
  async show(focusName = false): Promise<void> {
    if (this.panel.show()) void this.load();
    await this.updateComplete;
    const first = focusName ? null : this.renderRoot.querySelector<HTMLElement>('[part~="restore"]');
    (first ?? this.renderRoot.querySelector<HTMLElement>('[part~="name-input"]'))?.focus();
  }

  /** Closes the dialog; `restoreFocus` returns focus to the Views button. */
  close(restoreFocus = true): void {
    this.panel.close(restoreFocus);
  }

  /** Reads the store again (the dialog does so whenever it opens). */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    const store = this.activeStore;
    if (!store) {
      this.views = [];
      return;
    }
    this.loading = true;
    try {
      const views = await store.list();
      if (seq !== this.loadSeq) return;
      this.views = [...views].sort((a, b) => a.name.localeCompare(b.name));
      this.unreadable = views.dropped ?? 0;
      this.error = '';
    } catch {
      if (seq !== this.loadSeq) return;
      this.views = [];
      this.unreadable = 0;
      this.error = msg('Saved views could not be loaded.');
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  private say(message: string): void {
    this.status = message;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => (this.status = ''), 5000);
  }

  private handleToggle(): void {
    if (this.open) this.close();
    else void this.show();
  }

  private handleRestore(view: SavedView): void {
    const {state, dropped} = parseViewState(view.state);
    this.control.store?.set(state, 'restore');
    emit(this, 'tenantry-view-restore', {state, dropped, name: view.name});
    this.say(msg(str`View “${view.name}” restored`));
    this.close();
  }

  private async handleDelete(view: SavedView, index: number): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    try {
      await store.remove(view.name);
    } catch {
      this.error = `“${view.name}” could not be deleted.`;
      return;
    }
    this.say(msg(str`View “${view.name}” deleted`));
    await this.load();
    await this.updateComplete;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="restore"]')];
    (buttons[index] ?? buttons[index - 1] ?? this.renderRoot.querySelector<HTMLElement>('[part~="name-input"]'))?.focus();
  }

  private handleNameInput(e: Event): void {
    this.name = (e.target as HTMLInputElement).value;
    this.error = '';
    this.confirming = null;
  }

  private async handleSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const name = viewName(this.name);
    if (!name) {
      this.error = this.name.trim() ? msg(str`A name can have at most ${formatInteger(VIEW_NAME_MAX)} characters.`) : msg('Enter a name for the view.');
      this.renderRoot.querySelector<HTMLElement>('[part~="name-input"]')?.focus();
      return;
    }
    if (this.views.some((v) => v.name === name)) {
      this.confirming = name;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="confirm-replace"]')?.focus();
      return;
    }
    await this.save(name);
  }

  private async handleReplace(): Promise<void> {
    const name = this.confirming;
    this.confirming = null;
    if (name) await this.save(name);
  }

  private handleCancelReplace(): void {
    this.confirming = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="name-input"]')?.focus());
  }

  private async save(name: string): Promise<void> {
    const store = this.activeStore;
    if (!store) {
      this.error = msg('Views cannot be saved here.');
      return;
    }
    const {state} = parseViewState(this.state);
    try {
      await store.save({name, state, savedAt: new Date().toISOString()});
    } catch (err) {
      // The store's own refusals are worded already; the worker's are worded by their reason.
      this.error = err instanceof TenantryError ? errorText(err) : err instanceof Error ? err.message : msg('The view could not be saved.');
      return;
    }
    this.name = '';
    this.error = '';
    this.say(msg(str`View “${name}” saved`));
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="name-input"]')?.focus();
  }

  private async handleCopy(): Promise<void> {
    const link = viewLink(parseViewState(this.state).state, this.param, this.baseUrl || globalThis.location.href);
    try {
      await this.copyText(link);
      this.failedLink = '';
      this.say(msg('Link copied'));
    } catch {
      this.failedLink = link;
      this.say(msg('The link could not be copied; copy it from the field.'));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[part~="link"]')?.select();
    }
  }

  private renderList() {
    const n = this.unreadable;
    const notice = n
      ? html`<p part="notice" role="note">${plural(n, {one: (c) => msg(str`${c} saved view could not be read and was left out.`), other: (c) => msg(str`${c} saved views could not be read and were left out.`)})}</p>`
      : nothing;
    if (this.loading && !this.views.length) return html`<p part="empty">${msg('Loading saved views…')}</p>`;
    if (!this.views.length) return html`${notice}<p part="empty">${msg('No saved views yet.')}</p>`;
    return html`${notice}<ul part="list" aria-label=${msg('Saved views')}>
      ${repeat(
        this.views,
        (v) => v.name,
        (v, i) => html`<li part="item">
          <button type="button" part="restore" title=${v.name} @click=${() => this.handleRestore(v)}><bdi>${v.name}</bdi></button>
          ${v.savedAt ? html`<time part="saved-at" datetime=${v.savedAt}>${formatSavedAt(v.savedAt)}</time>` : nothing}
          <button type="button" part="delete" aria-label=${msg(str`Delete view ${v.name}`)} @click=${() => this.handleDelete(v, i)}>${msg('Delete')}</button>
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    return html`
      <button type="button" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel" @click=${this.handleToggle}>${msg('Views')}</button>
      <button type="button" part="save-toggle" aria-haspopup="dialog" @click=${() => this.show(true)}>${msg('Save view…')}</button>
      <button type="button" part="copy-link" @click=${this.handleCopy}>${msg('Copy link')}</button>
      <span part="status" role="status">${this.status}</span>
      ${this.failedLink ? html`<input part="link" type="text" readonly aria-label=${msg('Link to this view')} .value=${this.failedLink} />` : nothing}
      <div id="panel" part="panel" role="dialog" aria-labelledby="panel-title" ?hidden=${!this.open} @keydown=${this.panel.handleKeydown}>
        <div id="panel-title" part="panel-title">${msg('Saved views')}</div>
        ${this.open
          ? html`${this.renderList()}
              <form part="save-form" @submit=${this.handleSubmit} novalidate>
                <label part="name-label" for="name">${msg('Save current view as')}</label>
                <input
                  id="name"
                  part="name-input"
                  type="text"
                  autocomplete="off"
                  maxlength=${VIEW_NAME_MAX}
                  aria-invalid=${this.error ? 'true' : 'false'}
                  aria-describedby="error"
                  .value=${this.name}
                  @input=${this.handleNameInput}
                />
                <button type="submit" part="save">${msg('Save')}</button>
                <div id="error" part="error" role="alert">${this.error}</div>
              </form>
              ${this.confirming
                ? html`<div part="confirm" role="group" aria-labelledby="confirm-text">
                    <span id="confirm-text" part="confirm-text">${msg(html`A view named “<bdi>${this.confirming}</bdi>” exists. Replace it?`)}</span>
                    <button type="button" part="confirm-replace" @click=${this.handleReplace}>${msg('Replace')}</button>
                    <button type="button" part="confirm-cancel" @click=${this.handleCancelReplace}>${msg('Cancel')}</button>
                  </div>`
                : nothing}`
          : nothing}
      </div>
    `;
  }
}
