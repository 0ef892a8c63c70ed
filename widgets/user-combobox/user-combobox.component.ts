import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {repeat} from 'lit/directives/repeat.js';
import type {DataClient} from '../../src/page/data-client.js';
import type {User, UserRef} from '../../src/shared/model/types.js';
import {emit} from '../../src/page/events.js';
import {userComboboxStyles} from './user-combobox.styles.js';

/** What the combobox needs of a data client: the user directory of a scope. */
export type UserDirectory = Pick<DataClient, 'listUsers'>;

export interface UsersChangeDetail {
  /** Every selected user, in the order they were picked. */
  users: UserRef[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-users-change': CustomEvent<UsersChangeDetail>;
  }
}

const isAbort = (e: unknown): boolean => (e as {code?: unknown; name?: unknown} | null)?.code === 'aborted' || (e as {name?: unknown} | null)?.name === 'AbortError';

/**
 * A multi-select user picker: the WAI-ARIA combobox pattern with a listbox popup. Typing searches
 * the scope's user directory (`client.listUsers`), debounced, each request aborting the previous;
 * picked users show as removable tokens.
 *
 * Keyboard: Down/Up open the list and move through it (wrapping), Alt+Down opens it, Enter picks
 * or un-picks the active user, Escape closes the list (or, when closed, clears the text).
 *
 * @summary Type-ahead user picker with selected users as removable tokens.
 *
 * @event tenantry-users-change - The selection changed; `detail.users` is the new selection.
 *
 * @csspart label - The visible label.
 * @csspart field - The box holding the tokens and the text input.
 * @csspart tokens - The list of selected users.
 * @csspart token - One selected user.
 * @csspart token-remove - The button removing one selected user.
 * @csspart input - The text input (the combobox).
 * @csspart listbox - The popup list of matching users.
 * @csspart option - One matching user.
 * @csspart option-active - The option the keyboard is on (with `option`).
 * @csspart option-detail - The email line of an option.
 * @csspart status - Loading, no-match and error messages.
 *
 * @cssproperty --tenantry-user-combobox-token-background - Background of a selected-user token.
 * @cssproperty --tenantry-user-combobox-active-background - Background of the active option.
 * @cssproperty --tenantry-user-combobox-max-height - Tallest the popup list grows.
 */
export class TenantryUserCombobox extends LitElement {
  static override styles = userComboboxStyles;

  /** The visible label of the text input. */
  @property({reflect: true}) label = 'Owner';
  /** Hint inside the empty text input. */
  @property({reflect: true}) placeholder = 'Type a name or email';
  /** The tenant scope whose users are offered. */
  @property({reflect: true, attribute: 'scope-tenant-id'}) scopeTenantId = '';
  /** Where users are looked up (a `DataClient`, or anything with its `listUsers`). */
  @property({attribute: false}) client?: UserDirectory;
  /** The selected users; updated by the element as the user picks and removes. */
  @property({attribute: false}) selected: UserRef[] = [];
  /** Milliseconds of typing pause before a search is sent. */
  @property({type: Number, reflect: true}) debounce = 200;
  /** Most users one search offers. */
  @property({type: Number, reflect: true}) limit = 20;

  @state() private text = '';
  @state() private open = false;
  @state() private options: User[] = [];
  @state() private active = -1;
  @state() private phase: 'idle' | 'loading' | 'done' | 'error' = 'idle';
  @state() private announcement = '';

  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  /** The text the current options answer, so reopening does not search again. */
  private answered: string | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelSearch();
    this.open = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scopeTenantId') || changed.has('client')) {
      // Users of another scope or directory must never be offered.
      this.cancelSearch();
      this.options = [];
      this.answered = null;
      this.active = -1;
      this.phase = 'idle';
    }
  }

  /** Moves focus to the text input. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  private cancelSearch(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  private schedule(delay: number): void {
    this.cancelSearch();
    this.phase = 'loading';
    this.timer = setTimeout(() => void this.search(), Math.max(0, delay));
  }

  private async search(): Promise<void> {
    this.timer = undefined;
    const client = this.client;
    const text = this.text.trim();
    if (!client || !this.scopeTenantId) {
      this.phase = 'idle';
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.phase = 'loading';
    try {
      const users = await client.listUsers({tenantId: this.scopeTenantId}, text, this.limit, {signal: controller.signal});
      if (controller.signal.aborted) return;
      this.options = users;
      this.answered = text;
      this.active = -1;
      this.phase = 'done';
      this.announcement = users.length ? `${users.length} ${users.length === 1 ? 'user' : 'users'} found` : 'No users match';
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) return;
      this.options = [];
      this.answered = null;
      this.phase = 'error';
      this.announcement = 'Users could not be loaded';
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  private openList(): void {
    this.open = true;
    if (this.answered !== this.text.trim() && !this.timer && !this.controller) this.schedule(0);
  }

  private closeList(): void {
    this.open = false;
    this.active = -1;
  }

  private isSelected(id: string): boolean {
    return this.selected.some((u) => u.id === id);
  }

  private toggle(user: User): void {
    const ref: UserRef = {id: user.id, displayName: user.displayName};
    const picked = !this.isSelected(user.id);
    this.setSelection(picked ? [...this.selected, ref] : this.selected.filter((u) => u.id !== user.id));
    this.announcement = `${user.displayName} ${picked ? 'added' : 'removed'}`;
    this.text = '';
    this.closeList();
    this.input?.focus();
  }

  private setSelection(users: UserRef[]): void {
    this.selected = users;
    emit(this, 'tenantry-users-change', {users: [...users]});
  }

  private handleInput(e: Event): void {
    this.text = (e.target as HTMLInputElement).value;
    this.active = -1;
    this.open = true;
    this.schedule(this.debounce);
  }

  private handleKeydown(e: KeyboardEvent): void {
    const count = this.options.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open || e.altKey) this.openList();
        else if (count) this.active = this.active < 0 || this.active >= count - 1 ? 0 : this.active + 1;
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.open) this.openList();
        else if (count) this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case 'Enter':
        if (this.open && this.active >= 0 && this.active < count) {
          e.preventDefault();
          this.toggle(this.options[this.active]);
        }
        break;
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          e.stopPropagation();
          this.closeList();
        } else if (this.text) {
          e.preventDefault();
          e.stopPropagation();
          this.text = '';
          this.cancelSearch();
          this.phase = 'idle';
        }
        break;
      case 'Tab':
        this.closeList();
        break;
    }
  }

  private handleFocusout(e: FocusEvent): void {
    const next = e.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.closeList();
  }

  private handleOptionPointerdown(e: Event): void {
    // Keeps focus in the input while an option is clicked.
    e.preventDefault();
  }

  private handleOptionClick(e: Event): void {
    const li = (e.target as Element).closest('[role="option"]');
    const index = li ? Number(li.getAttribute('data-index')) : -1;
    const user = this.options[index];
    if (user) this.toggle(user);
  }

  private handleRemove(user: UserRef): void {
    this.setSelection(this.selected.filter((u) => u.id !== user.id));
    this.announcement = `${user.displayName} removed`;
    this.input?.focus();
  }

  private statusText(): string {
    if (!this.open && this.phase !== 'error') return '';
    switch (this.phase) {
      case 'loading':
        return 'Searching…';
      case 'error':
        return 'Users could not be loaded.';
      case 'done':
        return this.options.length ? '' : 'No users match.';
      default:
        return this.client ? '' : 'No user directory.';
    }
  }

  override render() {
    const showList = this.open && this.options.length > 0;
    const activeId = showList && this.active >= 0 ? `option-${this.active}` : undefined;
    const noun = this.label.toLowerCase();
    return html`
      <label part="label" for="input">${this.label}</label>
      <div part="field" @focusout=${this.handleFocusout}>
        ${this.selected.length
          ? html`<ul part="tokens" aria-label=${`Selected ${noun}s`}>
              ${repeat(
                this.selected,
                (u) => u.id,
                (u) => html`<li part="token">
                  <bdi>${u.displayName}</bdi>
                  <button type="button" part="token-remove" aria-label=${`Remove ${noun} ${u.displayName}`} @click=${() => this.handleRemove(u)}>✕</button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${showList ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(activeId)}
          aria-describedby="status"
          placeholder=${this.placeholder}
          .value=${this.text}
          @input=${this.handleInput}
          @keydown=${this.handleKeydown}
        />
        <ul id="listbox" part="listbox" role="listbox" aria-label=${`${this.label} suggestions`} aria-multiselectable="true" aria-busy=${this.phase === 'loading' ? 'true' : 'false'} ?hidden=${!showList} @pointerdown=${this.handleOptionPointerdown} @click=${this.handleOptionClick}>
          ${showList
            ? this.options.map(
                (u, i) => html`<li
                  id=${`option-${i}`}
                  data-index=${i}
                  role="option"
                  part=${i === this.active ? 'option option-active' : 'option'}
                  aria-selected=${this.isSelected(u.id) ? 'true' : 'false'}
                >
                  <bdi>${u.displayName}</bdi><span part="option-detail"><bdi>${u.email}</bdi></span>
                </li>`,
              )
            : nothing}
        </ul>
      </div>
      <div id="status" part="status">${this.statusText()}</div>
      <div class="sr-only" role="status">${this.announcement}</div>
    `;
  }

  override updated(): void {
    if (this.active >= 0) this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({block: 'nearest'});
  }
}
