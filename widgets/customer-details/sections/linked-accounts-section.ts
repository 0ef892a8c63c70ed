/**
 * Linked accounts: the cloud accounts assigned to the customer, read as the accounts view reads
 * them (the worker's accounts of the acting scope, those the customer's record lists), so each comes with
 * its ETag, its type, automation and exclude rule, and the other customers it serves. Those
 * allowed assign another account (a search over the scope's accounts), unassign one (the shared
 * account panel's confirmation naming account and customer), and manage one in that panel (shared
 * or dedicated, auto customer, auto-assigned, exclude rule). Lists follow the worker's
 * `accounts-updated` events; a refusal says why in the panel, a conflict offers Reload.
 */
import {formatInteger, plural} from '../../../src/page/format.js';
import {errorText} from '../../../src/page/messages.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {live} from 'lit/directives/live.js';
import type {DataClient} from '../../../src/page/data-client.js';
import {AccountPanel} from '../../../src/page/kit/account-panel.js';
import {MAX_ACCOUNT_IDS, type AccountQuery, type AccountRow} from '../../../src/shared/accounts-query.js';
import {TenantryError, isAbort} from '../../../src/shared/contract/errors.js';
import {ACCOUNT_TYPE_LABELS, PROVIDER_LABELS} from '../../../src/shared/model/labels.js';
import type {Id, Session} from '../../../src/shared/model/types.js';
import type {DataEvent} from '../../../src/shared/protocol.js';
import type {SectionContext} from './section-context.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Accounts one search offers. */
const OFFER_LIMIT = 8;
const SEARCH_DEBOUNCE_MS = 150;

export interface LinkedAccountsOptions {
  /** The details' context while the section is open, else `null` (nothing loads). */
  context(): SectionContext | null;
  session(): Session | null;
  homeTenantId(): Id | null;
  hrefTemplate(): string | null;
  announce(message: string): void;
}

/** Most rows one window of a view brings. */
const WINDOW = 500;

/**
 * Reads an accounts view and closes it (a list that is read, not kept open): its first rows, and
 * with `all` every further window up to its total.
 */
async function readAccounts(client: DataClient, tenantId: Id, query: AccountQuery, signal: AbortSignal, all = false): Promise<AccountRow[]> {
  const view = await client.openAccountsView({tenantId}, query, {signal});
  try {
    const rows = [...(view.firstRows ?? [])];
    while (all && rows.length < view.total) {
      const w = await client.accountsWindow(view.viewId, rows.length, WINDOW, {signal});
      if (!w.rows.length || w.version !== view.version) break;
      rows.push(...w.rows);
    }
    return rows;
  } finally {
    client.closeAccountsView(view.viewId);
  }
}

/** Every account of `ids` (the ids a customer's record lists), in queries of at most `MAX_ACCOUNT_IDS`, by name. */
async function readAccountsById(client: DataClient, tenantId: Id, ids: readonly Id[], signal: AbortSignal): Promise<AccountRow[]> {
  const rows: AccountRow[] = [];
  for (let i = 0; i < ids.length; i += MAX_ACCOUNT_IDS) rows.push(...(await readAccounts(client, tenantId, {ids: ids.slice(i, i + MAX_ACCOUNT_IDS), sort: [{key: 'name', dir: 'asc'}]}, signal, true)));
  return ids.length > MAX_ACCOUNT_IDS ? rows.sort((a, b) => a.name.localeCompare(b.name)) : rows;
}

export class LinkedAccountsSection implements ReactiveController {
  readonly panel: AccountPanel;
  private rows: AccountRow[] | null = null;
  private error: TenantryError | null = null;
  private loadedKey = '';
  /** The scope and organization the list is of (a new one starts the section over). */
  private loadedOrg = '';
  /** Bumped by the worker's `accounts-updated`: the list is read again. */
  private generation = 0;
  private loading: AbortController | null = null;
  private search = '';
  private offers: AccountRow[] = [];
  private offering: AbortController | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private assigning: Id | null = null;
  private assignError = '';
  /** The button that opened the panel. */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: LinkedAccountsOptions,
  ) {
    host.addController(this);
    this.panel = new AccountPanel(host, {
      client: () => options.context()?.client ?? null,
      scopeTenantId: () => options.context()?.scope.tenantId ?? null,
      homeTenantId: () => options.homeTenantId(),
      session: () => options.session(),
      offlineReason: () => options.context()?.writeBlocked ?? null,
      hrefTemplate: () => options.hrefTemplate(),
      announce: (message) => options.announce(message),
      onClose: (restoreFocus) => {
        const opener = this.opener;
        this.opener = null;
        if (restoreFocus && opener?.isConnected) void host.updateComplete.then(() => opener.focus());
      },
    });
  }

  /** Opens an account in the panel, focus on its title; it goes back to `opener` when the user closes it. */
  private openPanel(e: Event, account: AccountRow, unassign?: {id: Id; name: string}): void {
    this.opener = e.currentTarget as HTMLElement;
    this.panel.open(account, unassign ? {unassign} : {});
    void this.host.updateComplete.then(() => (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>('.panel-title')?.focus());
  }

  hostUpdate(): void {
    const ctx = this.options.context();
    const org = ctx ? `${ctx.scope.tenantId}\u0000${ctx.org.id}` : '';
    const key = ctx ? `${org}\u0000${ctx.org.version}\u0000${this.generation}` : '';
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    this.loading?.abort();
    this.loading = null;
    if (org !== this.loadedOrg) {
      this.loadedOrg = org;
      this.rows = null;
      this.panel.close(false);
      // A search of the previous customer's scope offers nothing here.
      clearTimeout(this.searchTimer);
      this.offering?.abort();
      this.offering = null;
      this.search = '';
      this.offers = [];
      this.assignError = '';
    }
    if (ctx) void this.load(ctx);
  }

  hostDisconnected(): void {
    this.loading?.abort();
    this.offering?.abort();
    clearTimeout(this.searchTimer);
    this.loadedKey = '';
    this.loadedOrg = '';
  }

  handleDataEvent(event: DataEvent): void {
    const ctx = this.options.context();
    if (event.type === 'accounts-updated' && ctx && event.scopeTenantId === ctx.scope.tenantId && event.changed + event.removed > 0) {
      this.generation++;
      this.host.requestUpdate();
    }
  }

  private async load(ctx: SectionContext): Promise<void> {
    const controller = (this.loading = new AbortController());
    try {
      // The accounts its record lists (a shared account serving many names only its first customers).
      const rows = await readAccountsById(ctx.client, ctx.scope.tenantId, ctx.org.linkedAccounts.map((a) => a.id), controller.signal);
      if (this.loading !== controller) return;
      this.rows = rows;
      this.error = null;
      const open = this.panel.account;
      if (open) this.panel.follow(rows.find((r) => r.id === open.id));
    } catch (e) {
      if (this.loading !== controller || isAbort(e)) return;
      this.error = e instanceof TenantryError ? e : new TenantryError('server', String(e), {reason: {id: 'unexpected', params: {}}, detail: String(e)});
    } finally {
      if (this.loading === controller) this.loading = null;
      this.host.requestUpdate();
    }
  }

  private get allowed(): boolean {
    const s = this.options.session();
    return s !== null && s.role !== 'customer-admin';
  }

  render(ctx: SectionContext): TemplateResult {
    if (this.error?.code === 'forbidden') return html`<p class="notice" part="notice" data-tone="warning">${msg(str`You may not see this: ${errorText(this.error)}`)}</p>`;
    const rows = this.rows;
    const blocked = ctx.writeBlocked;
    return html`${this.error
        ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${msg(str`Could not load the linked accounts: ${errorText(this.error)}`)} <button type="button" part="button" @click=${() => this.retry()}>${msg('Retry')}</button></p>`
        : nothing}
      ${rows === null && !this.error ? html`<p class="muted" part="loading" role="status">${msg('Loading linked accounts…')}</p>` : nothing}
      ${rows && !rows.length ? html`<p class="empty" part="empty">${msg('No cloud accounts are linked to this customer.')}</p>` : nothing}
      ${rows?.length
        ? html`<table part="table">
            <caption class="sr-only">${msg('Linked accounts')}</caption>
            <thead><tr><th scope="col">${msg('Account')}</th><th scope="col">${msg('Provider')}</th><th scope="col">${msg('Type')}</th><th scope="col">${msg('Customers')}</th><th scope="col">${msg('Auto customer')}</th><th scope="col">${msg('Auto-assigned')}</th><th scope="col">${msg('Exclude rule')}</th><th scope="col"><span class="sr-only">${msg('Actions')}</span></th></tr></thead>
            <tbody>
              ${rows.map(
                (a) => html`<tr data-account-id=${a.id}>
                  <th scope="row"><bdi>${a.name}</bdi> <span class="muted mono"><bdi>${a.providerAccountId}</bdi></span></th>
                  <td>${PROVIDER_LABELS[a.provider] ?? a.provider}</td>
                  <td>${ACCOUNT_TYPE_LABELS[a.type] ?? a.type}</td>
                  <td class="num">${formatInteger(a.customerCount)}</td>
                  <td>${a.autoCustomer ? msg('Yes') : msg('No')}</td>
                  <td>${a.autoAssigned ? msg('Yes') : msg('No')}</td>
                  <td class="mono"><bdi>${a.excludeRule || '—'}</bdi></td>
                  <td class="row-actions">
                    <button type="button" part="button" aria-label=${msg(str`Manage ${a.name}`)} @click=${(e: Event) => this.openPanel(e, a)}>${msg('Manage')}</button>
                    ${this.allowed
                      ? html`<button type="button" part="button danger" ?disabled=${blocked !== null} title=${blocked ?? nothing} aria-label=${msg(str`Unassign ${a.name}`)} @click=${(e: Event) => this.openPanel(e, a, {id: ctx.org.id, name: ctx.org.name})}>${msg('Unassign')}</button>`
                      : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${this.panel.render()} ${this.allowed ? this.renderAssign(ctx) : nothing}`;
  }

  private renderAssign(ctx: SectionContext): TemplateResult {
    const blocked = ctx.writeBlocked;
    const assigned = new Set(this.rows?.map((r) => r.id));
    const offers = this.offers.filter((o) => !assigned.has(o.id));
    return html`<div class="people-part" part="assign-account">
      <label class="field" part="field"
        >${msg('Assign an account')}
        <span class="hint" part="hint">${msg('Search the accounts of this tenant by name, account ID or a customer’s name.')}</span>
        <input part="input" type="search" autocomplete="off" spellcheck="false" .value=${live(this.search)} ?disabled=${blocked !== null} @input=${(e: Event) => this.handleSearch(ctx, (e.target as HTMLInputElement).value)} />
      </label>
      ${blocked ? html`<p class="muted" part="write-blocked">${blocked}</p>` : nothing}
      ${this.assignError ? html`<p class="note" part="note" data-tone="danger" role="alert">${this.assignError}</p>` : nothing}
      ${this.search.trim() && offers.length
        ? html`<ul class="plain offers" part="offers" aria-label=${msg('Accounts found')}>
            ${offers.map(
              (o) => html`<li>
                <bdi>${o.name}</bdi> <span class="muted">${ACCOUNT_TYPE_LABELS[o.type] ?? o.type} · ${o.customerCount === 0 ? msg('no customers') : plural(o.customerCount, {one: (c) => msg(str`${c} customer`), other: (c) => msg(str`${c} customers`)})}</span>
                <button type="button" part="button" ?disabled=${blocked !== null || this.assigning !== null} aria-label=${msg(str`Assign ${o.name} to ${ctx.org.name}`)} @click=${() => void this.assign(ctx, o)}>
                  ${this.assigning === o.id ? msg('Assigning…') : msg('Assign')}
                </button>
              </li>`,
            )}
          </ul>`
        : this.search.trim() && !this.offering
          ? html`<p class="muted" role="status">${msg('No account matches.')}</p>`
          : nothing}
    </div>`;
  }

  private retry(): void {
    this.generation++;
    this.error = null;
    this.host.requestUpdate();
  }

  private handleSearch(ctx: SectionContext, text: string): void {
    this.search = text;
    this.assignError = '';
    clearTimeout(this.searchTimer);
    this.offering?.abort();
    this.offering = null;
    this.host.requestUpdate();
    if (!text.trim()) return;
    this.searchTimer = setTimeout(() => void this.offer(ctx, text), SEARCH_DEBOUNCE_MS);
  }

  private async offer(ctx: SectionContext, text: string): Promise<void> {
    const controller = (this.offering = new AbortController());
    try {
      const rows = await readAccounts(ctx.client, ctx.scope.tenantId, {search: text}, controller.signal);
      if (this.offering !== controller) return;
      this.offers = rows.slice(0, OFFER_LIMIT + (this.rows?.length ?? 0));
    } catch (e) {
      if (this.offering !== controller || isAbort(e)) return;
      this.assignError = msg(str`Accounts could not be searched: ${errorText(e)}`);
    } finally {
      if (this.offering === controller) this.offering = null;
      this.host.requestUpdate();
    }
  }

  private async assign(ctx: SectionContext, account: AccountRow): Promise<void> {
    this.assigning = account.id;
    this.assignError = '';
    this.host.requestUpdate();
    try {
      await ctx.client.assignAccount(ctx.scope, account.id, ctx.org.id, account.etag);
      this.options.announce(msg(str`${account.name} assigned to ${ctx.org.name}.`));
      this.search = '';
      this.offers = [];
      this.generation++;
    } catch (e) {
      this.assignError = msg(str`${account.name} was not assigned: ${errorText(e)}`);
    } finally {
      this.assigning = null;
      this.host.requestUpdate();
    }
  }
}
