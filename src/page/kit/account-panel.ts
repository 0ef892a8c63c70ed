/**
 * The side panel of the account the user opened: its customers (links through the host's
 * `href-template`, "and N more" from the count) and, for those allowed, its writes: assign to a
 * customer (a combobox over the tenant search, customers of the acting scope only), unassign (after
 * a confirmation naming account and customer), shared or dedicated, auto customer, auto-assigned
 * and the exclude rule (checked by the contract's rule before it is sent). Each write sends the
 * account's ETag and is made in the scope captured when the panel opened; a refusal says why, and a
 * conflict (409, 412) offers Reload. Writes wait with the reason while offline and are not offered
 * in a customer administrator's session.
 */
import {formatInteger, plural} from '../format.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import type {DataClient} from '../data-client.js';
import {errorText} from '../messages.js';
import {ComboboxController} from './combobox-controller.js';
import {rowHref} from '../links.js';
import type {AccountRow} from '../../shared/accounts-query.js';
import type {Scope} from '../../shared/contract/backend.js';
import {TenantryError, isAbort} from '../../shared/contract/errors.js';
import type {AccountChange, AccountPatch, AccountSummary, Session} from '../../shared/model/types.js';
import type {TenantHit, TenantSearchResult} from '../../shared/tenancy.js';
import {ACCOUNT_TYPE_LABELS, PROVIDER_LABELS} from '../../shared/model/labels.js';
import {whenIdle} from '../platform/idle.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The contract's rules of an account change (with the record schemas they check the shape by),
 * loaded when an account is first opened, not with the grid or the details: only the exclude rule
 * is checked here before it is sent.
 */
type AccountRules = typeof import('../../shared/contract/accounts.js');
let accountRules: Promise<AccountRules> | null = null;
const loadAccountRules = (): Promise<AccountRules> =>
  (accountRules ??= import('../../shared/contract/accounts.js').catch((e: unknown) => {
    // The next use tries again.
    accountRules = null;
    throw e;
  }));

/** Customers one search offers. */
const CUSTOMER_LIMIT = 20;
/** Milliseconds of typing pause before a customer search is sent. */
const CUSTOMER_DEBOUNCE_MS = 120;

export interface AccountPanelOptions {
  client(): DataClient | null;
  /** The scope the grid shows now (the panel captures it when it opens). */
  scopeTenantId(): string | null;
  /** The signed-in user's own tenant, whose view the tenant search runs over. */
  homeTenantId(): string | null;
  session(): Session | null;
  /** Why writes cannot be sent now; `null` when they can. */
  offlineReason(): string | null;
  hrefTemplate(): string | null;
  /** Says a write's outcome in the grid's live region. */
  announce(message: string): void;
  /** The panel closed; `restoreFocus` when focus goes back to the grid (the user closed it). */
  onClose(restoreFocus: boolean): void;
}

/** Which write is on its way (its control shows busy). */
type Busy = 'assign' | `unassign:${string}` | 'type' | 'autoCustomer' | 'autoAssigned' | 'excludeRule' | 'reload';

interface Refusal {
  message: string;
  /** What the live region says (the message, saying once that nothing was saved). */
  announced: string;
  /** A conflict with someone else's change: the account must be read again. */
  reload: boolean;
}

const refusalOf = (e: unknown): Refusal => {
  if (e instanceof TenantryError) {
    const reload = e.code === 'conflict' || e.code === 'version-conflict';
    const text = errorText(e);
    const message = e.code === 'version-conflict' ? `${text} ${msg('Reload it to see the change, then try again.')}` : text;
    // The worker's "not saved" already says so.
    const notSaved = e.reason?.id === 'write.not-saved' || e.reason?.id === 'write.not-saved-create';
    return {message, announced: notSaved ? message : msg(str`Not saved: ${message}`), reload};
  }
  const message = msg('Not saved: something went wrong.');
  return {message, announced: message, reload: false};
};

export class AccountPanel implements ReactiveController {
  /** The open account, as last read (its ETag goes with every write). */
  account: AccountSummary | null = null;
  private scope: Scope | null = null;
  private busy: Busy | null = null;
  private refusal: Refusal | null = null;
  /** The customer whose unassignment is being confirmed. */
  private confirming: {id: string; name: string} | null = null;
  private ruleDraft = '';
  private ruleIssue = '';
  private writes: AbortController | null = null;

  readonly combo: ComboboxController<TenantSearchResult>;

  constructor(
    private readonly host: Host,
    private readonly options: AccountPanelOptions,
  ) {
    host.addController(this);
    this.combo = new ComboboxController<TenantSearchResult>(host, {
      input: () => this.root().querySelector<HTMLInputElement>('#assign-input'),
      popup: () => this.root().querySelector('#assign-listbox'),
      query: () => {
        const home = options.homeTenantId();
        if (!this.account || !this.scope || !home || !options.client()) return null;
        return JSON.stringify([home, this.scope.tenantId, this.combo.text.trim()]);
      },
      search: (key, signal) => {
        const client = options.client();
        if (!client) return Promise.reject(new Error(msg('No data client')));
        const [homeId, scopeId, text] = JSON.parse(key) as [string, string, string];
        return client.searchTenants({tenantId: homeId}, {text, limit: CUSTOMER_LIMIT, kinds: ['customer'], ...(text ? {} : {parentId: scopeId})}, {signal});
      },
      debounce: () => CUSTOMER_DEBOUNCE_MS,
      count: () => this.candidates().length,
      optionId: (index) => `assign-option-${index}`,
      pick: (index) => {
        const hit = this.candidates()[index];
        if (hit) void this.assign(hit);
      },
      announce: {
        found: () => {
          const n = this.candidates().length;
          return n ? plural(n, {one: (c) => msg(str`${c} customer found`), other: (c) => msg(str`${c} customers found`)}) : msg('No customers match');
        },
        get failed() {
          return msg('Customers could not be loaded. Type again to retry.');
        },
        get loading() {
          return msg('Searching…');
        },
      },
      wrap: true,
    });
  }

  get isOpen(): boolean {
    return this.account !== null;
  }

  /**
   * Opens `row` in the scope shown now; with `unassign`, straight at the confirmation of taking it
   * off that customer (who need not be among the customers the row names).
   */
  open(row: AccountSummary, options: {unassign?: {id: string; name: string}} = {}): void {
    const tenantId = this.options.scopeTenantId();
    if (!tenantId) return;
    this.writes?.abort();
    this.writes = null;
    this.account = row;
    this.scope = {tenantId};
    this.busy = null;
    this.refusal = null;
    this.confirming = options.unassign ?? null;
    this.ruleDraft = row.excludeRule;
    this.ruleIssue = '';
    this.combo.reset();
    this.host.requestUpdate();
    whenIdle(() => void loadAccountRules().catch(() => undefined), 2000);
  }

  /**
   * Closes the panel (a write on its way still lands; its answer is no longer shown);
   * `restoreFocus` when the user closed it, not when its rows went (another scope).
   */
  close(restoreFocus = true): void {
    if (!this.account) return;
    this.writes?.abort();
    this.writes = null;
    this.account = null;
    this.scope = null;
    this.combo.reset();
    this.host.requestUpdate();
    this.options.onClose(restoreFocus);
  }

  /** The grid's rows changed: a newer read of the open account replaces the panel's. */
  follow(row: AccountRow | undefined): void {
    const a = this.account;
    if (!a || !row || row.id !== a.id || row.etag === a.etag || this.busy) return;
    if (row.updatedAt < a.updatedAt) return;
    const ruleUntouched = this.ruleDraft === a.excludeRule;
    this.account = row;
    if (ruleUntouched) this.ruleDraft = row.excludeRule;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.writes?.abort();
    this.writes = null;
  }

  /** Whether this session may change accounts at all (a customer administrator may not). */
  private get allowed(): boolean {
    const s = this.options.session();
    return s !== null && s.role !== 'customer-admin';
  }

  private root(): ParentNode {
    return this.host.shadowRoot ?? this.host;
  }

  /** The customers the search offers: of the captured scope, not already named on the account. */
  private candidates(): TenantHit[] {
    const hits = this.combo.result?.hits ?? [];
    const scopeId = this.scope?.tenantId;
    const named = new Set(this.account?.customers.map((c) => c.id));
    return hits.filter((h) => h.kind === 'customer' && h.path.some((p) => p.id === scopeId) && !named.has(h.id));
  }

  // ——— Writes ———

  private async write(busy: Busy, send: (client: DataClient, scope: Scope, etag: string, signal: AbortSignal) => Promise<AccountChange>, done: (a: AccountSummary) => string): Promise<boolean> {
    const client = this.options.client();
    const account = this.account;
    const scope = this.scope;
    if (!client || !account || !scope || this.busy || this.options.offlineReason()) return false;
    const controller = (this.writes = new AbortController());
    this.busy = busy;
    this.refusal = null;
    this.host.requestUpdate();
    try {
      // Not aborted once sent (closing the panel must not cancel a change the server may make): the
      // worker applies its answer to every view; the panel only stops showing it (`this.writes`).
      const change = await send(client, scope, account.etag, new AbortController().signal);
      if (this.writes !== controller) return false;
      this.account = {...change.account, etag: change.etag};
      this.options.announce(done(this.account));
      return true;
    } catch (e) {
      if (this.writes !== controller || isAbort(e)) return false;
      this.refusal = refusalOf(e);
      this.options.announce(this.refusal.announced);
      return false;
    } finally {
      if (this.writes === controller) {
        this.writes = null;
        this.busy = null;
        this.host.requestUpdate();
      }
    }
  }

  private async assign(hit: TenantHit): Promise<void> {
    const name = this.account?.name ?? '';
    await this.write('assign', (c, s, etag, signal) => c.assignAccount(s, this.account!.id, hit.id, etag, {signal}), () => msg(str`${name} assigned to ${hit.name}.`));
  }

  private async unassign(customer: {id: string; name: string}): Promise<void> {
    const name = this.account?.name ?? '';
    const ok = await this.write(`unassign:${customer.id}`, (c, s, etag, signal) => c.unassignAccount(s, this.account!.id, customer.id, etag, {signal}), () => msg(str`${name} unassigned from ${customer.name}.`));
    if (ok || this.refusal) this.confirming = null;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.root().querySelector<HTMLElement>('.panel-title')?.focus();
  }

  private async patch(busy: Busy, patch: AccountPatch, done: (a: AccountSummary) => string): Promise<void> {
    await this.write(busy, (c, s, etag, signal) => c.updateAccount(s, this.account!.id, patch, etag, {signal}), done);
  }

  private async saveRule(): Promise<void> {
    const account = this.account;
    if (!account || this.busy) return;
    // A save before the rules arrived shows it is saving while it waits for them; if they cannot
    // be loaded, the server's own check of the same rule stands (the change is sent unchecked here).
    this.busy = 'excludeRule';
    this.host.requestUpdate();
    const rules = await loadAccountRules().catch(() => null);
    this.busy = null;
    if (this.account !== account) return this.host.requestUpdate();
    try {
      // The contract's own rule, before anything is sent.
      if (rules) await rules.checkAccountPatch({excludeRule: this.ruleDraft}, account);
      this.ruleIssue = '';
    } catch (e) {
      const issue = e instanceof TenantryError ? e.details.issues?.find((i) => i.path === 'excludeRule') : undefined;
      this.ruleIssue = issue ? msg(str`The exclude rule ${issue.message}.`) : errorText(e, () => msg('The exclude rule is not valid.'));
      this.host.requestUpdate();
      return;
    }
    const rule = this.ruleDraft.trim();
    await this.patch('excludeRule', {excludeRule: rule}, (a) => (rule ? msg(str`Exclude rule of ${a.name} saved.`) : msg(str`Exclude rule of ${a.name} cleared.`)));
    if (this.account) this.ruleDraft = this.account.excludeRule;
  }

  /** Reads the account again (after a conflict): the worker's view of it, found by its provider id. */
  private async reload(): Promise<void> {
    const client = this.options.client();
    const account = this.account;
    const scope = this.scope;
    if (!client || !account || !scope) return;
    const controller = (this.writes = new AbortController());
    this.busy = 'reload';
    this.host.requestUpdate();
    try {
      const view = await client.openAccountsView(scope, {search: account.providerAccountId}, {signal: controller.signal});
      client.closeAccountsView(view.viewId);
      const row = view.firstRows?.find((r) => r.id === account.id);
      if (this.writes !== controller) return;
      this.refusal = null;
      if (row) {
        this.account = row;
        this.ruleDraft = row.excludeRule;
        this.options.announce(`${row.name} reloaded.`);
      } else {
        const message = msg(str`“${account.name}” is no longer listed in this tenant.`);
        this.refusal = {message, announced: message, reload: false};
      }
    } catch (e) {
      if (this.writes === controller && !isAbort(e)) this.refusal = refusalOf(e);
    } finally {
      if (this.writes === controller) {
        this.writes = null;
        this.busy = null;
        this.host.requestUpdate();
      }
    }
  }

  // ——— Rendering ———

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    if (this.confirming) {
      this.confirming = null;
      this.host.requestUpdate();
      return;
    }
    this.close();
  };

  render(): TemplateResult | typeof nothing {
    const a = this.account;
    if (!a) return nothing;
    const offline = this.options.offlineReason();
    const allowed = this.allowed;
    const disabled = Boolean(offline) || this.busy !== null;
    const more = a.customerCount - a.customers.length;
    const template = this.options.hrefTemplate();
    return html`<section class="panel" part="panel" role="region" aria-labelledby="panel-title" @keydown=${this.handleKeydown}>
      <div class="panel-head">
        <h2 id="panel-title" class="panel-title" part="panel-title" tabindex="-1"><bdi>${a.name}</bdi></h2>
        <button type="button" class="panel-close" part="panel-close" aria-label=${msg('Close account')} @click=${() => this.close()}>✕</button>
      </div>
      <dl class="facts" part="panel-facts">
        <dt>${msg('Account ID')}</dt>
        <dd><bdi class="mono">${a.providerAccountId}</bdi></dd>
        <dt>${msg('Provider')}</dt>
        <dd>${PROVIDER_LABELS[a.provider] ?? a.provider}</dd>
        <dt>${msg('Type')}</dt>
        <dd data-field="type">${ACCOUNT_TYPE_LABELS[a.type] ?? a.type}</dd>
      </dl>
      ${offline && allowed ? html`<p class="notice" part="notice" data-tone="warning">${offline}</p>` : nothing}
      ${this.refusal
        ? html`<p class="notice" part="notice refusal" data-tone="danger" role="alert">
            <span>${this.refusal.message}</span>
            ${this.refusal.reload ? html`<button type="button" part="reload-button" ?disabled=${this.busy !== null} @click=${() => void this.reload()}>${msg('Reload')}</button>` : nothing}
          </p>`
        : nothing}
      <h3 class="panel-subtitle">${msg(str`Customers (${formatInteger(a.customerCount)})`)}</h3>
      ${a.customerCount === 0
        ? html`<p class="muted" part="panel-empty">${msg('Not assigned to any customer.')}</p>`
        : html`<ul class="customers" part="customers">
            ${a.customers.map((c) => {
              const href = rowHref(template, c.id, 'profile');
              return html`<li part="customer" data-customer-id=${c.id}>
                ${href ? html`<a part="customer-link" href=${href}><bdi>${c.name}</bdi></a>` : html`<bdi>${c.name}</bdi>`}
                ${allowed
                  ? html`<button type="button" part="unassign-button" aria-label=${msg(str`Unassign from ${c.name}`)} title=${ifDefined(offline ?? undefined)} ?disabled=${disabled} @click=${() => this.askUnassign(c)}>
                      ${this.busy === `unassign:${c.id}` ? msg('Unassigning…') : msg('Unassign')}
                    </button>`
                  : nothing}
              </li>`;
            })}
            ${more > 0 ? html`<li part="customer-more" class="muted">${msg(str`and ${formatInteger(more)} more`)}</li>` : nothing}
          </ul>`}
      ${this.confirming ? this.renderConfirm(a, this.confirming, disabled) : nothing}
      ${allowed ? this.renderWrites(a, disabled, offline) : html`<p class="muted" part="read-only">${msg('You can view this account; changing it is for your service provider.')}</p>`}
    </section>`;
  }

  private askUnassign(customer: {id: string; name: string}): void {
    this.confirming = customer;
    this.refusal = null;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.root().querySelector<HTMLElement>('[part~="confirm-unassign"]')?.focus());
  }

  private renderConfirm(a: AccountSummary, c: {id: string; name: string}, disabled: boolean): TemplateResult {
    return html`<div class="confirm" part="confirm" role="group" aria-labelledby="confirm-text">
      <p id="confirm-text">${msg(html`Unassign <bdi>“${a.name}”</bdi> from <bdi>“${c.name}”</bdi>? The customer stops receiving this account’s data.`)}</p>
      <button type="button" class="danger" part="confirm-unassign" ?disabled=${disabled} @click=${() => void this.unassign(c)}>${msg('Unassign')}</button>
      <button type="button" part="confirm-cancel" @click=${() => {
        this.confirming = null;
        this.host.requestUpdate();
      }}>${msg('Cancel')}</button>
    </div>`;
  }

  private renderWrites(a: AccountSummary, disabled: boolean, offline: string | null): TemplateResult {
    const combo = this.combo;
    const options = this.candidates();
    const showList = combo.open && options.length > 0;
    const status = !combo.open ? '' : combo.phase === 'loading' ? msg('Searching…') : combo.phase === 'error' ? msg('Customers could not be loaded.') : combo.phase === 'done' && !options.length ? msg('No customers match.') : '';
    const dedicatedTaken = a.type === 'dedicated' && a.customerCount > 0;
    const nextType = a.type === 'shared' ? 'dedicated' : 'shared';
    return html`<div class="writes" part="writes">
      <div class="assign" @focusout=${combo.handleFocusOut}>
        <label for="assign-input">${msg('Assign to a customer')}</label>
        <input
          id="assign-input"
          part="assign-input"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-controls="assign-listbox"
          aria-expanded=${showList ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(showList ? combo.activeDescendant : undefined)}
          aria-describedby="assign-hint"
          placeholder=${msg('Type a customer’s name')}
          ?disabled=${disabled}
          .value=${combo.text}
          @input=${combo.handleInput}
          @keydown=${combo.handleKeydown}
        />
        <ul id="assign-listbox" part="assign-listbox" role="listbox" aria-label=${msg('Customers')} ?hidden=${!showList} @mousedown=${combo.handlePopupMousedown} @click=${this.handleOptionClick}>
          ${showList
            ? options.map(
                (h, i) => html`<li id=${`assign-option-${i}`} data-index=${i} role="option" part=${i === combo.active ? 'assign-option assign-option-active' : 'assign-option'} aria-selected=${i === combo.active ? 'true' : 'false'}>
                  <bdi>${h.name}</bdi>${h.domain ? html` <span class="muted"><bdi>${h.domain}</bdi></span>` : nothing}
                </li>`,
              )
            : nothing}
        </ul>
        <p id="assign-hint" class="hint" part="hint">${offline ?? (this.busy === 'assign' ? msg('Assigning…') : status || (dedicatedTaken ? msg('A dedicated account serves one customer.') : ''))}</p>
        <div class="sr-only" role="status">${combo.announcement}</div>
      </div>
      <div class="setting">
        <span>${msg(str`Type: ${ACCOUNT_TYPE_LABELS[a.type]}`)}</span>
        <button type="button" part="type-button" ?disabled=${disabled} @click=${() => void this.patch('type', {type: nextType}, (x) => (x.type === 'shared' ? msg(str`${x.name} is now shared.`) : msg(str`${x.name} is now dedicated.`)))}>
          ${this.busy === 'type' ? msg('Switching…') : nextType === 'shared' ? msg('Make shared') : msg('Make dedicated')}
        </button>
      </div>
      <label class="setting check">
        <input type="checkbox" part="auto-customer" .checked=${a.autoCustomer} ?disabled=${disabled || (a.type !== 'shared' && !a.autoCustomer)} aria-describedby="auto-customer-hint"
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            void this.patch('autoCustomer', {autoCustomer: on}, (x) => (on ? msg(str`Auto customer on for ${x.name}.`) : msg(str`Auto customer off for ${x.name}.`)));
          }} />
        ${msg('Auto customer')}
      </label>
      <p id="auto-customer-hint" class="hint">${msg('Creates customers from the billing file; shared accounts only.')}</p>
      <label class="setting check">
        <input type="checkbox" part="auto-assigned" .checked=${a.autoAssigned} ?disabled=${disabled || (a.type !== 'dedicated' && !a.autoAssigned)} aria-describedby="auto-assigned-hint"
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            void this.patch('autoAssigned', {autoAssigned: on}, (x) => (on ? msg(str`Auto-assigned on for ${x.name}.`) : msg(str`Auto-assigned off for ${x.name}.`)));
          }} />
        ${msg('Auto-assigned')}
      </label>
      <p id="auto-assigned-hint" class="hint">${msg('Assigns new sub-accounts to the customer; dedicated accounts only.')}</p>
      <div class="setting rule">
        <label for="rule-input">${msg('Exclude rule')}</label>
        <input id="rule-input" part="exclude-rule-input" type="text" spellcheck="false" .value=${this.ruleDraft} ?disabled=${disabled || !a.autoAssigned}
          aria-invalid=${this.ruleIssue ? 'true' : 'false'} aria-describedby="rule-hint"
          @input=${(e: Event) => {
            this.ruleDraft = (e.target as HTMLInputElement).value;
            this.ruleIssue = '';
            this.host.requestUpdate();
          }}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') void this.saveRule();
          }} />
        <button type="button" part="exclude-rule-save" ?disabled=${disabled || !a.autoAssigned || this.ruleDraft.trim() === a.excludeRule} @click=${() => void this.saveRule()}>
          ${this.busy === 'excludeRule' ? msg('Saving…') : msg('Save rule')}
        </button>
        <p id="rule-hint" class="hint ${this.ruleIssue ? 'issue' : ''}" part=${this.ruleIssue ? 'hint rule-issue' : 'hint'}>${this.ruleIssue || (a.autoAssigned ? msg('Sub-accounts matching it are not assigned automatically, e.g. name:*-sandbox.') : msg('Applies only while new sub-accounts are auto-assigned.'))}</p>
      </div>
    </div>`;
  }

  private readonly handleOptionClick = (e: Event): void => {
    const li = (e.target as Element).closest('[role="option"]');
    if (li) this.combo.pick(Number(li.getAttribute('data-index')));
  };
}
