/**
 * Audit log: who did what to the customer, when, and from which tenant — every write made through
 * the product — newest first, filtered by action and person. The log can hold 100,000 entries, so
 * the table is windowed (only the rows in view and a few around them exist; fixed row height) and
 * pages are read from the backend as the user scrolls towards the end of what is loaded. The
 * rows are an ARIA table with `aria-rowcount`/`aria-rowindex`, so assistive technology knows where
 * in the log a row is. Names and subjects are text.
 */
import {msg, str} from '@lit/localize';
import {html, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {styleProps} from '../../../src/page/styles/style-props.js';
import {PagedListController} from '../../../src/page/kit/paged-list-controller.js';
import {TenantryError} from '../../../src/shared/contract/errors.js';
import {AUDIT_ACTIONS, type AuditAction, type AuditEntry, type Id, type UserRef} from '../../../src/shared/model/types.js';
import {formatDateTime} from '../../../src/page/format.js';
import type {UsersChangeDetail} from '../../user-combobox/user-combobox.js';
import {AUDIT_ROW_HEIGHT} from '../customer-details.styles.js';
import {renderListState} from './list-sections.js';
import type {SectionContext} from './section-context.js';

type Host = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  get create() {
    return msg('Created');
  },
  get update() {
    return msg('Changed');
  },
  get delete() {
    return msg('Deleted');
  },
  get suspend() {
    return msg('Suspended');
  },
  get resume() {
    return msg('Resumed');
  },
  get disable() {
    return msg('Disabled');
  },
  get enable() {
    return msg('Enabled');
  },
  get archive() {
    return msg('Archived');
  },
  get 'contact-add'() {
    return msg('Added a contact');
  },
  get 'contact-update'() {
    return msg('Changed a contact');
  },
  get 'contact-delete'() {
    return msg('Deleted a contact');
  },
  get 'people-change'() {
    return msg('Changed people');
  },
  get 'onboarding-start'() {
    return msg('Started an onboarding task');
  },
};

/** Rows rendered beyond the visible ones on each side. */
const OVERSCAN = 8;
/** The next page is read when the rows in view come this close to the end of what is loaded. */
const PREFETCH_ROWS = 60;
const PAGE = 200;

/** A row of the pool: the element and the text node of each cell (text only: nothing becomes markup). */
interface PoolRow {
  row: HTMLElement;
  texts: Text[];
}

/** Cells whose text comes from people or names: each in its own bidi isolate. */
const ISOLATED_CELLS = [false, true, true, false, true];

function newPoolRow(windowEl: HTMLElement): PoolRow {
  const row = document.createElement('div');
  row.className = 'audit-row';
  row.setAttribute('part', 'audit-row');
  row.setAttribute('role', 'row');
  const texts = ISOLATED_CELLS.map((isolated) => {
    const cell = document.createElement('span');
    cell.setAttribute('role', 'cell');
    const text = document.createTextNode('');
    (isolated ? cell.appendChild(document.createElement('bdi')) : cell).append(text);
    row.append(cell);
    return text;
  });
  windowEl.append(row);
  return {row, texts};
}

export interface AuditSectionOptions {
  context(): SectionContext | null;
}

export class AuditSection implements ReactiveController {
  readonly list: PagedListController<AuditEntry>;
  action: AuditAction | null = null;
  person: UserRef | null = null;
  private scrollTop = 0;
  private viewportHeight = 480;
  /** Names of acting tenants, read once each (`null`: not in the user's view). */
  private readonly tenantNames = new Map<Id, string | null>();
  /** The row elements of the window they were made in (see `hostUpdated`). */
  private pool: PoolRow[] = [];
  private poolIn: HTMLElement | null = null;
  /** Names asked for and not answered yet. */
  private readonly asked = new Set<Id>();
  /** The acting tenant the names were read in, and the owner of those reads. */
  private namesFor: Id | null = null;
  private naming = new AbortController();
  private frame = 0;

  constructor(
    private readonly host: Host,
    options: AuditSectionOptions,
  ) {
    host.addController(this);
    this.list = new PagedListController(host, {
      key: () => {
        const ctx = options.context();
        return ctx ? JSON.stringify([ctx.scope.tenantId, ctx.org.id, ctx.org.version, this.action, this.person?.id ?? null]) : null;
      },
      fetch: async (cursor, signal) => {
        const ctx = options.context()!;
        const page = await ctx.client.listAuditLog(ctx.scope, {organizationId: ctx.org.id, ...(this.action && {action: this.action}), ...(this.person && {actorId: this.person.id}), ...(cursor && {cursor}), limit: PAGE, signal});
        this.nameTenants(ctx, page.items);
        return page;
      },
    });
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.naming.abort();
    this.namesFor = null;
  }

  /** Back to the top (a new organization or filter). */
  resetScroll(): void {
    this.scrollTop = 0;
    const viewport = this.viewport;
    if (viewport) viewport.scrollTop = 0;
  }

  render(ctx: SectionContext): TemplateResult {
    const items = this.list.items;
    // Rows with the header row; -1 (unknown) while pages remain and the backend does not count.
    const rowCount = this.list.total !== null ? this.list.total + 1 : this.list.hasMore ? -1 : items.length + 1;
    // The spacer's height goes through the CSSOM (styleProps): a style="…" attribute is refused by a strict CSP's style-src.
    return html`<div class="filters" part="filters">
        <label class="field inline" part="field"
          >${msg('Action')}
          <select part="input" @change=${this.handleAction}>
            <option value="" ?selected=${this.action === null}>${msg('All actions')}</option>
            ${AUDIT_ACTIONS.map((a) => html`<option value=${a} ?selected=${this.action === a}>${AUDIT_ACTION_LABELS[a]}</option>`)}
          </select>
        </label>
        <tenantry-user-combobox class="person" label=${msg('Person')} placeholder=${msg('Anyone')} .client=${ctx.client} .selected=${this.person ? [this.person] : []} scope-tenant-id=${ctx.scope.tenantId} @tenantry-users-change=${this.handlePerson}></tenantry-user-combobox>
      </div>
      <div class="audit" part="audit" role="table" aria-label=${msg('Audit log')} aria-rowcount=${rowCount}>
        <div class="audit-head" role="rowgroup">
          <div class="audit-row" role="row" aria-rowindex="1">
            <span role="columnheader">${msg('When')}</span><span role="columnheader">${msg('Who')}</span><span role="columnheader">${msg('From tenant')}</span><span role="columnheader">${msg('Action')}</span><span role="columnheader">${msg('What')}</span>
          </div>
        </div>
        <div class="audit-viewport" part="audit-viewport" role="rowgroup" tabindex="0" aria-label=${msg('Audit entries, newest first')} @scroll=${this.handleScroll}>
          <div class="audit-spacer" style=${styleProps({height: `${items.length * AUDIT_ROW_HEIGHT}px`})}><div class="audit-window"></div></div>
        </div>
      </div>
      ${renderListState(this.list, {loading: msg('Loading audit entries…'), failed: (reason) => msg(str`Could not load audit entries: ${reason}`), empty: msg('No audit entries.')})}`;
  }

  /**
   * The rows in view: a pool of row elements in a window moved down the spacer, in view order,
   * whose text changes as the list scrolls. Scrolling creates no element and attaches no node (only
   * the text nodes' data and the window's offset change), which keeps frames short at any depth of
   * a 100,000-entry log. Lit renders the window empty and leaves its children to this.
   */
  hostUpdated(): void {
    const windowEl = this.host.renderRoot.querySelector<HTMLElement>('.audit-window');
    if (windowEl !== this.poolIn) {
      this.pool = [];
      this.poolIn = windowEl;
    }
    if (!windowEl) return;
    const items = this.list.items;
    const first = this.firstRow();
    const last = Math.min(items.length, Math.ceil((this.scrollTop + this.viewportHeight) / AUDIT_ROW_HEIGHT) + OVERSCAN);
    const count = Math.max(0, last - first);
    while (this.pool.length < count) this.pool.push(newPoolRow(windowEl));
    // One offset for the whole window: rows carry no style of their own, so scrolling gives the
    // style engine nothing new to match (a distinct inline style per row made each frame slower
    // the further the log was scrolled).
    const offset = `translateY(${first * AUDIT_ROW_HEIGHT}px)`;
    if (windowEl.style.transform !== offset) windowEl.style.transform = offset;
    for (let k = 0; k < this.pool.length; k++) {
      const slot = this.pool[k];
      if (k >= count) {
        slot.row.hidden = true;
        continue;
      }
      const index = first + k;
      const e = items[index];
      slot.row.hidden = false;
      slot.row.setAttribute('aria-rowindex', String(index + 2));
      const tenant = this.tenantNames.get(e.actingTenantId);
      const texts = [
        formatDateTime(e.at),
        e.actorName,
        tenant ?? (tenant === null ? msg('A tenant above your view') : '…'),
        AUDIT_ACTION_LABELS[e.action] ?? e.action,
        e.subject ?? (e.fields?.length ? e.fields.join(', ') : ''),
      ];
      for (let c = 0; c < texts.length; c++) if (slot.texts[c].data !== texts[c]) slot.texts[c].data = texts[c];
    }
  }

  /** The first row rendered for the current scroll position. */
  private firstRow(): number {
    return Math.max(0, Math.floor(this.scrollTop / AUDIT_ROW_HEIGHT) - OVERSCAN);
  }

  private get viewport(): HTMLElement | null {
    return this.host.renderRoot.querySelector('.audit-viewport');
  }

  /**
   * Names the tenants writes were made from, once each per acting scope (the same tenant may be in
   * one user's view and above another's): a tenant the scope does not see says so; a failure to
   * read the name is tried again with the next page.
   */
  private nameTenants(ctx: SectionContext, entries: readonly AuditEntry[]): void {
    if (this.namesFor !== ctx.scope.tenantId) {
      this.naming.abort();
      this.naming = new AbortController();
      this.tenantNames.clear();
      this.asked.clear();
      this.namesFor = ctx.scope.tenantId;
    }
    const signal = this.naming.signal;
    for (const e of entries) {
      const id = e.actingTenantId;
      if (this.tenantNames.has(id) || this.asked.has(id)) continue;
      this.asked.add(id);
      void ctx.client
        .resolveTenant(ctx.scope, id, {signal})
        .then((hit) => this.tenantNames.set(id, hit.name))
        .catch((err: unknown) => {
          if (err instanceof TenantryError && (err.code === 'not-found' || err.code === 'forbidden')) this.tenantNames.set(id, null);
        })
        .finally(() => {
          if (signal.aborted) return;
          this.asked.delete(id);
          this.host.requestUpdate();
        });
    }
  }

  private readonly handleScroll = (e: Event): void => {
    const viewport = e.currentTarget as HTMLElement;
    // One render per frame however fast the wheel turns.
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const before = this.firstRow();
      this.scrollTop = viewport.scrollTop;
      this.viewportHeight = viewport.clientHeight || this.viewportHeight;
      const lastInView = Math.ceil((this.scrollTop + this.viewportHeight) / AUDIT_ROW_HEIGHT);
      if (lastInView + PREFETCH_ROWS >= this.list.items.length) this.list.more();
      // Rows stay where they are (each placed by its index): only a new first row needs a render.
      if (this.firstRow() !== before) this.host.requestUpdate();
    });
  };

  private readonly handleAction = (e: Event): void => {
    const v = (e.target as HTMLSelectElement).value;
    this.action = (AUDIT_ACTIONS as readonly string[]).includes(v) ? (v as AuditAction) : null;
    this.resetScroll();
    this.host.requestUpdate();
  };

  private readonly handlePerson = (e: CustomEvent<UsersChangeDetail>): void => {
    const users = e.detail.users;
    // One person at a time: the one picked last.
    this.person = users.length ? users[users.length - 1] : null;
    this.resetScroll();
    this.host.requestUpdate();
  };
}
