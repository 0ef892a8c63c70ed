import {formatInteger} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {repeat} from 'lit/directives/repeat.js';
import {COLUMN_BY_KEY, type ColumnKey} from '../../src/shared/columns.js';
import {emit} from '../../src/page/events.js';
import {GridViewController} from '../../src/page/kit/grid-view-controller.js';
import {PopupController} from '../../src/page/kit/popup-controller.js';
import {ALWAYS_VISIBLE, defaultViewState, parseViewState, type ColumnState} from '../../src/shared/grid-view.js';
import {columnChooserStyles} from './column-chooser.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

export interface ColumnsChangeDetail {
  /** Every column, in display order, with its visibility and width. */
  columns: ColumnState[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-columns-change': CustomEvent<ColumnsChangeDetail>;
  }
}

type FocusTarget = {key: ColumnKey; control: 'check' | 'up' | 'down'};

/**
 * Shows, hides and reorders the organizations grid's columns: a "Columns" button opening a
 * non-modal dialog listing every column with a checkbox and Move up / Move down buttons. Name is
 * always shown. Changes apply at once; "Reset columns" restores the default set, order and widths.
 *
 * Keyboard: Tab through the list; Space toggles a column; Enter or Space on a move button moves it
 * (focus stays on the button); Alt+Up / Alt+Down move the column whose control has focus; Escape
 * closes the dialog and returns focus to the button.
 *
 * @summary Column visibility and order for the organizations grid.
 *
 * @event tenantry-columns-change - A column was shown, hidden or moved, or columns were reset; `detail.columns`.
 *
 * @csspart toggle - The "Columns" button.
 * @csspart panel - The dialog.
 * @csspart panel-title - The dialog's title.
 * @csspart hint - The keyboard hint under the title.
 * @csspart list - The list of columns.
 * @csspart item - One column's row.
 * @csspart checkbox - A column's show/hide checkbox.
 * @csspart label - A column's name.
 * @csspart note - "(always shown)" after Name.
 * @csspart move-up - Button moving a column one place up.
 * @csspart move-down - Button moving a column one place down.
 * @csspart actions - The box of the reset button.
 * @csspart reset - The "Reset columns" button.
 *
 * @cssproperty --tenantry-column-chooser-panel-width - Width of the dialog (default 320px).
 * @cssproperty --tenantry-column-chooser-panel-background - Background of the dialog.
 * @cssproperty --tenantry-column-chooser-max-height - Tallest the list grows before it scrolls.
 */
@localized()
export class TenantryColumnChooser extends LitElement {
  static override styles = columnChooserStyles;

  /** Every column in display order (missing columns are added at the end, unknown ones ignored). */
  @property({attribute: false}) columns: ColumnState[] = defaultViewState().columns;
  /** The id of the `<organizations-grid>` whose columns this chooses, when it is placed outside it. */
  @property({reflect: true, attribute: 'for'}) htmlFor: string | null = null;

  @state() private announcement = '';

  private pendingFocus: FocusTarget | null = null;
  /** The grid view this shows the columns of (its `for` grid, or the grid it sits in); none when alone. */
  private readonly gridView = new GridViewController(this, () => this.htmlFor);
  private readonly panel = new PopupController(this, {
    trigger: () => this.renderRoot.querySelector<HTMLButtonElement>('[part~="toggle"]'),
  });

  private get open(): boolean {
    return this.panel.open;
  }

  /** Opens the dialog and focuses the first checkbox that can change. */
  async show(): Promise<void> {
    if (!this.panel.show()) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="list"] input:not([disabled])')?.focus();
  }

  /** Closes the dialog; `restoreFocus` returns focus to the Columns button. */
  close(restoreFocus = true): void {
    this.panel.close(restoreFocus);
  }

  /** The columns as shown: complete and valid whatever the host passed. */
  private get list(): ColumnState[] {
    return parseViewState({columns: this.columns}).state.columns;
  }

  override willUpdate(): void {
    const bound = this.gridView.store?.state.columns;
    if (bound && bound !== this.columns) this.columns = bound;
  }

  private commit(columns: ColumnState[]): void {
    this.columns = columns;
    this.gridView.store?.update({columns});
    emit(this, 'tenantry-columns-change', {columns: columns.map((c) => ({...c}))});
  }

  private move(key: ColumnKey, by: -1 | 1, control: FocusTarget['control']): void {
    const list = this.list;
    const from = list.findIndex((c) => c.key === key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= list.length) return;
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item);
    // A move button at the end of the list is inert; focus passes to its twin.
    const focus: FocusTarget['control'] = control === 'up' && to === 0 ? 'down' : control === 'down' && to === list.length - 1 ? 'up' : control;
    this.pendingFocus = {key, control: focus};
    const name = COLUMN_BY_KEY.get(key)?.label ?? key;
    this.announcement = msg(str`${name} moved to position ${formatInteger(to + 1)} of ${formatInteger(list.length)}`);
    this.commit(list);
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.pendingFocus;
    if (!target) return;
    this.pendingFocus = null;
    const selector = target.control === 'check' ? `#c-${target.key}` : `[part~="move-${target.control}"][data-key="${target.key}"]`;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private handleToggle(): void {
    if (this.open) this.close();
    else void this.show();
  }

  private handlePanelKeydown(e: KeyboardEvent): void {
    this.panel.handleKeydown(e);
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      const item = (e.target as Element).closest('[data-key]');
      const key = item?.getAttribute('data-key') as ColumnKey | null;
      if (!key) return;
      e.preventDefault();
      const control = (e.target as Element).matches('input') ? 'check' : (e.target as Element).matches('[part~="move-up"]') ? 'up' : 'down';
      this.move(key, e.key === 'ArrowUp' ? -1 : 1, control);
    }
  }

  private handleCheck(key: ColumnKey, e: Event): void {
    const input = e.target as HTMLInputElement;
    if (ALWAYS_VISIBLE.has(key)) {
      input.checked = true;
      return;
    }
    const label = COLUMN_BY_KEY.get(key)?.label ?? key;
    this.announcement = input.checked ? msg(str`${label} shown`) : msg(str`${label} hidden`);
    this.commit(this.list.map((c) => (c.key === key ? {...c, visible: input.checked} : c)));
  }

  private handleMove(key: ColumnKey, by: -1 | 1, e: Event): void {
    if ((e.currentTarget as Element).getAttribute('aria-disabled') === 'true') return;
    this.move(key, by, by < 0 ? 'up' : 'down');
  }

  private handleReset(): void {
    this.announcement = msg('Columns reset');
    this.commit(defaultViewState().columns);
  }

  override render() {
    const list = this.list;
    return html`
      <button type="button" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel" @click=${this.handleToggle}>${msg('Columns')}</button>
      <div id="panel" part="panel" role="dialog" aria-labelledby="panel-title" aria-describedby="hint" ?hidden=${!this.open} @keydown=${this.handlePanelKeydown}>
        <div id="panel-title" part="panel-title">${msg('Columns')}</div>
        <p id="hint" part="hint">${msg('Alt+Up and Alt+Down move the focused column.')}</p>
        ${this.open
          ? html`<ul part="list" aria-labelledby="panel-title">
                ${repeat(
                  list,
                  (c) => c.key,
                  (c, i) => {
                    const label = COLUMN_BY_KEY.get(c.key)?.label ?? c.key;
                    const fixed = ALWAYS_VISIBLE.has(c.key);
                    return html`<li part="item" data-key=${c.key}>
                      <input type="checkbox" part="checkbox" id=${`c-${c.key}`} .checked=${c.visible || fixed} ?disabled=${fixed} @change=${(e: Event) => this.handleCheck(c.key, e)} />
                      <label part="label" for=${`c-${c.key}`}>${label}${fixed ? html` <span part="note">${msg('(always shown)')}</span>` : nothing}</label>
                      <button type="button" part="move-up" data-key=${c.key} aria-label=${msg(str`Move ${label} up`)} aria-disabled=${i === 0 ? 'true' : 'false'} @click=${(e: Event) => this.handleMove(c.key, -1, e)}>↑</button>
                      <button type="button" part="move-down" data-key=${c.key} aria-label=${msg(str`Move ${label} down`)} aria-disabled=${i === list.length - 1 ? 'true' : 'false'} @click=${(e: Event) => this.handleMove(c.key, 1, e)}>↓</button>
                    </li>`;
                  },
                )}
              </ul>
              <div part="actions"><button type="button" part="reset" @click=${this.handleReset}>${msg('Reset columns')}</button></div>`
          : nothing}
        <div class="sr-only" role="status">${this.announcement}</div>
      </div>
    `;
  }
}
