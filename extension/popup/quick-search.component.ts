import {msg, str} from '@lit/localize';
import {LitElement, css, html, nothing} from 'lit';
import {property} from 'lit/decorators.js';
import {ifDefined} from 'lit/directives/if-defined.js';
import type {DataClient} from '../../src/page/data-client.js';
import {plural} from '../../src/page/format.js';
import {ClientController} from '../../src/page/kit/client-controller.js';
import {ComboboxController} from '../../src/page/kit/combobox-controller.js';
import {localized} from '../../src/page/kit/locale-controller.js';
import {ScopeController} from '../../src/page/kit/scope-controller.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {OrgRow} from '../../src/shared/org-row.js';

export interface QuickOpenDetail {
  organizationId: string;
  /** The acting tenant the customer was found in. */
  tenantId: string;
  /** Untrusted text from the backend. */
  name: string;
}

/** Most customers the quick search lists. */
const LIMIT = 8;

/**
 * The popup's quick customer search: a combobox over the acting tenant's organizations, searched
 * in the data worker (the cached rows at once, the backend's refresh after). Enter (or a click)
 * fires `tenantry-quick-open`; the popup opens that customer in the side panel. Its words are the
 * catalogue's, in the page's language, like every element's.
 */
@localized()
export class TenantryQuickSearch extends LitElement {
  static override styles = css`
    :host { display: block; font: inherit; color: var(--tenantry-color-text, CanvasText); }
    label { display: block; font-weight: 600; margin-block-end: 4px; }
    input { box-sizing: border-box; inline-size: 100%; font: inherit; padding: 6px 8px; border: 1px solid var(--tenantry-color-border-strong, GrayText); border-radius: 4px; background: var(--tenantry-color-surface, Canvas); color: inherit; }
    ul { list-style: none; margin: 4px 0 0; padding: 0; border: 1px solid var(--tenantry-color-border, GrayText); border-radius: 4px; max-block-size: 260px; overflow: auto; }
    ul[hidden] { display: none; }
    li { padding: 6px 8px; cursor: pointer; display: flex; flex-direction: column; }
    li[aria-selected='true'] { background: var(--tenantry-color-selected, Highlight); color: var(--tenantry-color-selected-text, HighlightText); outline: 2px solid currentColor; outline-offset: -2px; }
    .detail { font-size: 0.85em; opacity: 0.85; }
    .sr-only { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  @property({attribute: false}) client?: DataClient;
  @property({attribute: false}) scope?: Scope;

  private readonly clients = new ClientController(this, {own: () => this.client});
  private readonly scoping = new ScopeController(this, {client: () => this.clients.dataClient, scope: () => this.scope, store: {urlParam: null}});

  private readonly combo = new ComboboxController<OrgRow[]>(this, {
    input: () => this.renderRoot.querySelector('input'),
    query: (): string | null => {
      const tenantId = this.scoping.scope?.tenantId;
      return this.clients.dataClient && tenantId ? JSON.stringify([tenantId, this.combo.text.trim()]) : null;
    },
    search: (key, signal) => this.search(key, signal),
    debounce: () => 120,
    count: () => this.rows.length,
    optionId: (index) => `customer-${index}`,
    pick: (index) => this.open(this.rows[index]),
    announce: {
      found: (rows) =>
        rows.length
          ? plural(rows.length, {
              one: (count) => msg(str`${count} customer shown`, {id: 'ext.quick-search.shown-one'}),
              other: (count) => msg(str`${count} customers shown`, {id: 'ext.quick-search.shown-other'}),
            })
          : msg('No customer matches', {id: 'ext.quick-search.none'}),
      get failed() {
        return msg('Customers could not be searched', {id: 'ext.quick-search.failed'});
      },
    },
    activateOnOpen: true,
  });

  private get rows(): OrgRow[] {
    return this.combo.result ?? [];
  }

  /** One question: a view over the acting tenant with this search, its first rows, then closed. */
  private async search(key: string, signal: AbortSignal): Promise<OrgRow[]> {
    const client = this.clients.dataClient;
    if (!client) throw new Error('No data client');
    const [tenantId, text] = JSON.parse(key) as [string, string];
    const view = await client.openView({tenantId}, {search: text}, {signal});
    client.closeView(view.viewId);
    return (view.firstRows ?? []).filter((r) => r.accountIndex === null).slice(0, LIMIT);
  }

  private open(row: OrgRow | undefined): void {
    const tenantId = this.scoping.scope?.tenantId;
    if (!row || !tenantId) return;
    const detail: QuickOpenDetail = {organizationId: row.org.id, tenantId, name: row.org.name};
    this.dispatchEvent(new CustomEvent('tenantry-quick-open', {detail, bubbles: true, composed: true}));
  }

  private readonly handleClick = (e: MouseEvent): void => {
    const li = (e.target as Element).closest('li');
    if (li) this.open(this.rows[Number(li.dataset.index)]);
  };

  /** Moves focus to the search box. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }

  override render() {
    const {combo} = this;
    const showList = combo.open && this.rows.length > 0;
    return html`
      <div @focusout=${combo.handleFocusOut}>
        <label for="input">${msg('Find a customer', {id: 'ext.quick-search.label'})}</label>
        <input
          id="input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="listbox"
          aria-expanded=${showList ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(showList ? combo.activeDescendant : undefined)}
          placeholder=${msg('Name, domain or ID; Enter opens it', {id: 'ext.quick-search.placeholder'})}
          .value=${combo.text}
          @input=${combo.handleInput}
          @keydown=${combo.handleKeydown}
          @focus=${() => combo.show()}
        />
        <ul id="listbox" role="listbox" aria-label=${msg('Customers', {id: 'ext.quick-search.list'})} ?hidden=${!showList} @mousedown=${combo.handlePopupMousedown} @click=${this.handleClick}>
          ${showList
            ? this.rows.map(
                (r, i) => html`<li id=${`customer-${i}`} data-index=${i} role="option" aria-selected=${i === combo.active ? 'true' : 'false'}>
                  <bdi>${r.org.name}</bdi>${r.parentName ? html`<span class="detail"><bdi>${r.parentName}</bdi></span>` : nothing}
                </li>`,
              )
            : nothing}
        </ul>
      </div>
      <div class="sr-only" role="status">${combo.announcement}</div>
    `;
  }
}

declare global {
  interface HTMLElementEventMap {
    'tenantry-quick-open': CustomEvent<QuickOpenDetail>;
  }
}
