import {formatInteger} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing} from 'lit';
import {property, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {MAX_USER_IDS} from '../../src/shared/contract/backend.js';
import type {UserRef} from '../../src/shared/model/types.js';
import {emit} from '../../src/page/events.js';
import {GridControl} from '../../src/page/kit/grid-control.js';
import {PopupController} from '../../src/page/kit/popup-controller.js';
import type {OrgFilters} from '../../src/shared/query.js';
import '../user-combobox/user-combobox.js';
import type {UserDirectory, UsersChangeDetail} from '../user-combobox/user-combobox.component.js';
import {FILTER_GROUPS, unknownUser, activeFilterCount, filterChips, isSafeId, normalizeFilters, type FilterChip, type FilterGroup, type FilterKey} from '../../src/shared/grid-view.js';
import {gridFiltersStyles} from './grid-filters.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

export interface FiltersChangeDetail {
  /** The new filters; lists are never empty (an unused filter is absent). */
  filters: OrgFilters;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-filters-change': CustomEvent<FiltersChangeDetail>;
  }
}

/** Checkbox groups of the panel, in order (owner sits after Plan, as its own control). */
const CHECKBOX_GROUPS: readonly {key: FilterKey; legend: () => string}[] = [
  {key: 'plans', legend: () => msg('Plan')},
  {key: 'statuses', legend: () => msg('Status')},
  {key: 'sourceData', legend: () => msg('Source data')},
  {key: 'workloads', legend: () => msg('Workloads')},
  {key: 'storageRegions', legend: () => msg('Storage regions')},
  {key: 'kinds', legend: () => msg('Type')},
];
const GROUP_BY_KEY = new Map<FilterKey, FilterGroup>(FILTER_GROUPS.map((g) => [g.key, g]));

/** Most ids one name lookup sends (the backends' cap per call). */
const OWNER_LOOKUP_BATCH = MAX_USER_IDS;

/**
 * The organizations grid's filters: a "Filters" button opening a non-modal dialog with Plan,
 * Owner (user type-ahead), Status, Source data, Workloads, Storage regions and Type (distributor,
 * reseller, customer organization, customer), each multi-select;
 * choices apply together with Apply. Active filters show as removable chips below the button.
 *
 * The panel edits a draft: Reset clears the draft, Apply emits it, Escape or a click outside
 * closes the panel and discards the draft. Removing a chip applies at once.
 *
 * @summary Filter panel and active-filter chips for the organizations grid.
 *
 * @event tenantry-filters-change - Filters were applied or a chip removed; `detail.filters`.
 *
 * @csspart toggle - The "Filters" button.
 * @csspart count - The number of active filter values on the button.
 * @csspart panel - The filters dialog.
 * @csspart panel-title - The dialog's title.
 * @csspart groups - The box of filter groups.
 * @csspart group - One checkbox group (a fieldset).
 * @csspart legend - A group's title.
 * @csspart option - One checkbox with its label.
 * @csspart option-label - The label of one checkbox.
 * @csspart owner - The owner picker (`<tenantry-user-combobox>`; style inside it via its own parts).
 * @csspart actions - The box of Reset and Apply.
 * @csspart reset - The Reset button.
 * @csspart apply - The Apply button.
 * @csspart chips - The list of active filters.
 * @csspart chip - One active filter.
 * @csspart chip-label - The text of a chip.
 * @csspart chip-remove - The button removing a chip's filter.
 * @csspart clear-all - The button removing every filter.
 *
 * @cssproperty --tenantry-grid-filters-panel-width - Width of the panel (default 544px, capped by the viewport).
 * @cssproperty --tenantry-grid-filters-panel-background - Background of the panel.
 * @cssproperty --tenantry-grid-filters-chip-background - Background of a chip.
 * @cssproperty --tenantry-grid-filters-accent - Colour of the Apply button and the count.
 */
@localized()
export class TenantryGridFilters extends LitElement {
  static override styles = gridFiltersStyles;

  /** The applied filters; the element updates it itself when the user applies or removes one. */
  @property({attribute: false}) filters: OrgFilters = {};
  /** A fixed tenant whose users the owner picker offers; default the grid's or the page's acting tenant. */
  @property({reflect: true, attribute: 'scope-tenant-id'}) scopeTenantId = '';
  /** The data client (for the owner picker and for naming owners restored from a view); default the provided one. */
  @property({attribute: false}) client?: UserDirectory;
  /** The id of the `<organizations-grid>` these filters apply to, when they are placed outside it. */
  @property({reflect: true, attribute: 'for'}) htmlFor: string | null = null;
  /** Whether the chips are left out (for a host that shows them elsewhere, e.g. with `filterChips`). */
  @property({type: Boolean, reflect: true, attribute: 'no-chips'}) noChips = false;

  @state() private draft: OrgFilters = {};
  /** Names of owners by id: from picks in the panel and from lookups. */
  @state() private ownerNames = new Map<string, string>();
  /** Owner ids the directory of this scope does not know (shown as "Unknown user"). */
  @state() private unknownOwners = new Set<string>();

  private lookup: AbortController | undefined;
  /** Client, tenant and grid view, from the kit. */
  private readonly control = new GridControl<UserDirectory>(this, {client: () => this.client, scopeTenantId: () => this.scopeTenantId, for: () => this.htmlFor});
  /** The directory and tenant the owner names were looked up in. */
  private directoryKey: [UserDirectory | null, string] = [null, ''];
  private readonly panel = new PopupController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLButtonElement>('[part~="toggle"]'),
    onOpen: () => (this.draft = normalizeFilters(this.filters)),
  });

  private get open(): boolean {
    return this.panel.open;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lookup?.abort();
    this.lookup = undefined;
  }

  override willUpdate(): void {
    // Bound to a grid: its view's filters are the applied ones.
    const bound = this.control.store?.state.filters;
    if (bound && bound !== this.filters) this.filters = bound;
    const directory = this.control.client;
    const tenantId = this.control.tenantId;
    if (directory !== this.directoryKey[0] || tenantId !== this.directoryKey[1]) {
      this.directoryKey = [directory, tenantId];
      this.lookup?.abort();
      this.lookup = undefined;
      // Another directory may know them.
      this.unknownOwners = new Set();
    }
  }

  override updated(): void {
    void this.nameOwners();
  }

  /** Opens the panel with the applied filters as its draft, and focuses its first control. */
  async show(): Promise<void> {
    if (!this.panel.show()) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[part~="panel"] input')?.focus();
  }

  /** Closes the panel, discarding the draft; `restoreFocus` returns focus to the Filters button. */
  close(restoreFocus = true): void {
    this.panel.close(restoreFocus);
  }

  /** Looks up names for owner ids that came without one (a restored view or a link), by id. */
  private async nameOwners(): Promise<void> {
    const missing = (this.filters.ownerIds ?? []).filter((id) => isSafeId(id) && !this.ownerNames.has(id) && !this.unknownOwners.has(id));
    const [client, tenantId] = this.directoryKey;
    if (!missing.length || !client || !tenantId || this.lookup) return;
    const controller = new AbortController();
    this.lookup = controller;
    const scope = {tenantId};
    try {
      const found = new Map<string, string>();
      for (let i = 0; i < missing.length; i += OWNER_LOOKUP_BATCH) {
        const ids = missing.slice(i, i + OWNER_LOOKUP_BATCH);
        for (const u of await client.listUsers(scope, '', ids.length, {signal: controller.signal, ids})) found.set(u.id, u.displayName);
      }
      if (controller.signal.aborted) return;
      const names = new Map(this.ownerNames);
      for (const [id, name] of found) names.set(id, name);
      this.ownerNames = names;
      this.unknownOwners = new Set([...this.unknownOwners, ...missing.filter((id) => !found.has(id))]);
    } catch {
      if (controller.signal.aborted) return;
      // Owners stay "Unknown user" (the filter itself still applies); another scope or client retries.
      this.unknownOwners = new Set([...this.unknownOwners, ...missing]);
    } finally {
      if (this.lookup === controller) {
        this.lookup = undefined;
        // Owners added while this lookup ran.
        if (!controller.signal.aborted) void this.updateComplete.then(() => this.nameOwners());
      }
    }
  }

  /** An owner's name for people: looked up or picked; "Looking up…" until the directory answers; else "Unknown user". */
  private ownerName(id: string): string {
    const known = this.ownerNames.get(id);
    if (known !== undefined) return known;
    const pending = Boolean(this.directoryKey[0] && this.directoryKey[1]) && isSafeId(id) && !this.unknownOwners.has(id);
    return pending ? msg('Looking up…') : unknownUser();
  }

  private commit(filters: OrgFilters): void {
    this.filters = normalizeFilters(filters);
    this.control.update({filters: this.filters});
    emit(this, 'tenantry-filters-change', {filters: normalizeFilters(this.filters)});
  }

  private handleToggle(): void {
    if (this.open) this.close();
    else void this.show();
  }

  private handleCheck(key: FilterKey, value: string, checked: boolean): void {
    const group = GROUP_BY_KEY.get(key)!;
    const current = new Set((this.draft[key] ?? []) as readonly string[]);
    if (checked) current.add(value);
    else current.delete(value);
    const ordered = (group.values ?? []).filter((v) => current.has(v));
    this.draft = normalizeFilters({...this.draft, [key]: ordered});
  }

  private handleOwners(e: CustomEvent<UsersChangeDetail>): void {
    e.stopPropagation();
    const names = new Map(this.ownerNames);
    for (const u of e.detail.users) names.set(u.id, u.displayName);
    this.ownerNames = names;
    this.draft = normalizeFilters({...this.draft, ownerIds: e.detail.users.map((u) => u.id)});
  }

  private handleReset(): void {
    this.draft = {};
  }

  private handleApply(): void {
    this.commit(this.draft);
    this.close();
  }

  private async handleChipRemove(chip: FilterChip, index: number): Promise<void> {
    this.commit(chip.remove());
    await this.updateComplete;
    // Focus stays in the chip list: on the chip now in this place, else the one before, else the button.
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="chip-remove"]')];
    (buttons[index] ?? buttons[index - 1] ?? this.renderRoot.querySelector<HTMLButtonElement>('[part~="toggle"]'))?.focus();
  }

  private async handleClearAll(): Promise<void> {
    this.commit({});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="toggle"]')?.focus();
  }

  private renderGroup(key: FilterKey, legend: string) {
    const group = GROUP_BY_KEY.get(key)!;
    const chosen = (this.draft[key] ?? []) as readonly string[];
    return html`<fieldset part="group">
      <legend part="legend">${legend}</legend>
      ${(group.values ?? []).map((value) => {
        const id = `f-${key}-${value}`;
        return html`<div part="option">
          <input type="checkbox" id=${id} .checked=${chosen.includes(value)} @change=${(e: Event) => this.handleCheck(key, value, (e.target as HTMLInputElement).checked)} />
          <label part="option-label" for=${id}>${group.valueLabel(value)}</label>
        </div>`;
      })}
    </fieldset>`;
  }

  private renderPanel() {
    const owners: UserRef[] = (this.draft.ownerIds ?? []).map((id) => ({id, displayName: this.ownerName(id)}));
    const [plan, ...rest] = CHECKBOX_GROUPS;
    return html`<div id="panel" part="panel" role="dialog" aria-labelledby="panel-title" ?hidden=${!this.open} @keydown=${this.panel.handleKeydown}>
      <div id="panel-title" part="panel-title">${msg('Filters')}</div>
      ${this.open
        ? html`<div part="groups">
              ${this.renderGroup(plan.key, plan.legend())}
              <tenantry-user-combobox
                part="owner"
                label=${msg('Owner')}
                placeholder=${msg("Type an owner's name or email")}
                .client=${this.directoryKey[0] ?? undefined}
                .scopeTenantId=${this.directoryKey[1]}
                .selected=${owners}
                @tenantry-users-change=${this.handleOwners}
              ></tenantry-user-combobox>
              ${rest.map((g) => this.renderGroup(g.key, g.legend()))}
            </div>
            <div part="actions">
              <button type="button" part="reset" @click=${this.handleReset}>${msg('Reset')}</button>
              <button type="button" part="apply" @click=${this.handleApply}>${msg('Apply')}</button>
            </div>`
        : nothing}
    </div>`;
  }

  override render() {
    const count = activeFilterCount(this.filters);
    const chips = this.noChips ? [] : filterChips(this.filters, new Map((this.filters.ownerIds ?? []).map((id) => [id, this.ownerName(id)])));
    return html`
      <button type="button" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel" @click=${this.handleToggle}>
        ${msg('Filters')}${count ? html`<span part="count"><span class="sr-only">${msg(', ', {desc: 'Between items of a list of counts'})}</span>${formatInteger(count)}<span class="sr-only"> ${msg('active', {desc: 'After the number of active filters'})}</span></span>` : nothing}
      </button>
      ${this.renderPanel()}
      ${chips.length
        ? html`<ul part="chips" aria-label=${msg('Active filters')}>
            ${repeat(
              chips,
              (c) => c.key,
              (c, i) => html`<li part="chip">
                <span part="chip-label">${c.group}: <bdi>${c.text}</bdi></span>
                <button type="button" part="chip-remove" aria-label=${msg(str`Remove filter ${c.label}`)} @click=${() => this.handleChipRemove(c, i)}>✕</button>
              </li>`,
            )}
            ${chips.length > 1 ? html`<li><button type="button" part="clear-all" @click=${this.handleClearAll}>${msg('Clear all filters')}</button></li>` : nothing}
          </ul>`
        : nothing}
    `;
  }
}
