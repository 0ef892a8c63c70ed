import {getLocale} from '../../src/page/locale.js';
import {plural} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import {repeat} from 'lit/directives/repeat.js';
import type {DataClient} from '../../src/page/data-client.js';
import {ClientController} from '../../src/page/kit/client-controller.js';
import {ComboboxController} from '../../src/page/kit/combobox-controller.js';
import type {User, UserRef} from '../../src/shared/model/types.js';
import {emit} from '../../src/page/events.js';
import {userComboboxStyles} from './user-combobox.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

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

/**
 * A multi-select user picker: the WAI-ARIA combobox pattern with a listbox popup (the kit's
 * `ComboboxController`). Typing searches the scope's user directory (`client.listUsers`, else the
 * provided data client's), debounced, each request aborting the previous; the list only shows the
 * answer to the text in the box. Picked users show as removable tokens.
 *
 * Keyboard: Down/Up open the list and move through it (wrapping), Alt+Down opens it, Home/End jump
 * to the first/last user once one is active, Enter picks or un-picks the active user, Escape closes
 * the list (or, when closed, clears the text). Focus leaving the input closes the list.
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
@localized()
export class TenantryUserCombobox extends LitElement {
  static override styles = userComboboxStyles;

  /** The visible label of the text input. */
  @property({reflect: true}) label = 'Owner';
  /** Hint inside the empty text input. */
  @property({reflect: true}) placeholder = 'Type a name or email';
  /** The tenant scope whose users are offered. */
  @property({reflect: true, attribute: 'scope-tenant-id'}) scopeTenantId = '';
  /** Where users are looked up (a `DataClient`, or anything with its `listUsers`); defaults to the provided data client. */
  @property({attribute: false}) client?: UserDirectory;
  /** The selected users; updated by the element as the user picks and removes. */
  @property({attribute: false}) selected: UserRef[] = [];
  /** Milliseconds of typing pause before a search is sent. */
  @property({type: Number, reflect: true}) debounce = 200;
  /** Most users one search offers. */
  @property({type: Number, reflect: true}) limit = 20;

  private readonly clients = new ClientController<UserDirectory>(this, {own: () => this.client});

  private readonly combo = new ComboboxController<User[]>(this, {
    input: () => this.input,
    query: (): string | null => {
      // The directory is not in the key: a new one resets the combobox (willUpdate).
      if (!this.clients.value || !this.scopeTenantId) return null;
      return JSON.stringify([this.scopeTenantId, this.limit, this.combo.text.trim()]);
    },
    search: (key, signal) => {
      const directory = this.clients.value;
      if (!directory) return Promise.reject(new Error(msg('No user directory')));
      const [tenantId, limit, text] = JSON.parse(key) as [string, number, string];
      return directory.listUsers({tenantId}, text, limit, {signal});
    },
    debounce: () => this.debounce,
    count: () => this.options.length,
    optionId: (index) => `option-${index}`,
    pick: (index) => this.toggle(this.options[index]),
    announce: {
      found: (users) => (users.length ? plural(users.length, {one: (c) => msg(str`${c} user found`), other: (c) => msg(str`${c} users found`)}) : msg('No users match')),
      get failed() {
        return msg('Users could not be loaded');
      },
    },
    wrap: true,
  });

  /** The directory the offered users came from. */
  private directory: UserDirectory | null | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    const directory = this.clients.value;
    if (changed.has('scopeTenantId') || directory !== this.directory) {
      // Users of another scope or directory must never be offered.
      this.directory = directory;
      this.combo.reset();
    }
  }

  /** Moves focus to the text input. */
  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  /** The users matching the text in the box (none while that answer is on its way). */
  private get options(): User[] {
    return this.combo.result ?? [];
  }

  private isSelected(id: string): boolean {
    return this.selected.some((u) => u.id === id);
  }

  /** The picked option (the combobox then clears the text, closes and keeps focus in the input). */
  private toggle(user: User): void {
    const ref: UserRef = {id: user.id, displayName: user.displayName};
    const picked = !this.isSelected(user.id);
    this.setSelection(picked ? [...this.selected, ref] : this.selected.filter((u) => u.id !== user.id));
    this.combo.announce(picked ? msg(str`${user.displayName} added`) : msg(str`${user.displayName} removed`));
  }

  private setSelection(users: UserRef[]): void {
    this.selected = users;
    emit(this, 'tenantry-users-change', {users: [...users]});
  }

  private handleOptionClick(e: Event): void {
    const li = (e.target as Element).closest('[role="option"]');
    if (li) this.combo.pick(Number(li.getAttribute('data-index')));
  }

  private handleRemove(user: UserRef): void {
    this.setSelection(this.selected.filter((u) => u.id !== user.id));
    this.combo.announce(msg(str`${user.displayName} removed`));
    this.input?.focus();
  }

  private statusText(): string {
    const phase = this.combo.phase;
    if (!this.combo.open && phase !== 'error') return '';
    switch (phase) {
      case 'loading':
        return msg('Searching…');
      case 'error':
        return msg('Users could not be loaded.');
      case 'done':
        return this.options.length ? '' : msg('No users match.');
      default:
        return this.clients.value ? '' : msg('No user directory.');
    }
  }

  override render() {
    const {combo} = this;
    const showList = combo.open && this.options.length > 0;
    // The defaults are English in the attribute; shown in the page's language.
    const label = this.label === 'Owner' ? msg('Owner') : this.label;
    // A noun inside a sentence: lower case where the language writes it so (German capitalises nouns).
    const locale = getLocale();
    const noun = locale === 'de' ? label : label.toLocaleLowerCase(locale);
    return html`
      <label part="label" for="input">${label}</label>
      <div part="field" @focusout=${combo.handleFocusOut}>
        ${this.selected.length
          ? html`<ul part="tokens" aria-label=${msg(str`Selected ${noun}s`)}>
              ${repeat(
                this.selected,
                (u) => u.id,
                (u) => html`<li part="token">
                  <bdi>${u.displayName}</bdi>
                  <button type="button" part="token-remove" aria-label=${msg(str`Remove ${noun} ${u.displayName}`)} @click=${() => this.handleRemove(u)}>✕</button>
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
          aria-activedescendant=${ifDefined(showList ? combo.activeDescendant : undefined)}
          aria-describedby="status"
          placeholder=${this.placeholder === 'Type a name or email' ? msg('Type a name or email') : this.placeholder}
          .value=${combo.text}
          @input=${combo.handleInput}
          @keydown=${combo.handleKeydown}
        />
        <ul id="listbox" part="listbox" role="listbox" aria-label=${msg(str`${this.label} suggestions`)} aria-multiselectable="true" aria-busy=${combo.phase === 'loading' ? 'true' : 'false'} ?hidden=${!showList} @mousedown=${combo.handlePopupMousedown} @click=${this.handleOptionClick}>
          ${showList
            ? this.options.map(
                (u, i) => html`<li
                  id=${`option-${i}`}
                  data-index=${i}
                  role="option"
                  part=${i === combo.active ? 'option option-active' : 'option'}
                  aria-selected=${this.isSelected(u.id) ? 'true' : 'false'}
                >
                  <bdi>${u.displayName}</bdi><span part="option-detail"><bdi>${u.email}</bdi></span>
                </li>`,
              )
            : nothing}
        </ul>
      </div>
      <div id="status" part="status">${this.statusText()}</div>
      <div class="sr-only" role="status">${combo.announcement}</div>
    `;
  }
}
