import {getLocale} from '../../src/page/locale.js';
import {formatInteger, plural} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import {live} from 'lit/directives/live.js';
import type {DataClient} from '../../src/page/data-client.js';
import {emit} from '../../src/page/events.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import {ConnectivityController} from '../../src/page/kit/connectivity-controller.js';
import {
  LifecycleController,
  describeKindCounts,
  totalBelow,
  typeableName,
  type LifecycleClient,
  type LifecycleOutcome,
  type LifecycleRequest,
  type LifecycleRequestAction,
} from '../../src/page/kit/lifecycle-controller.js';
import {cycleFocus} from '../../src/page/kit/popup-helpers.js';
import {KIND_LABELS, LIFECYCLE_LABELS, STATUS_LABELS} from '../../src/shared/model/labels.js';
import type {Id, LifecycleImpact, Organization, OrgStatus} from '../../src/shared/model/types.js';
import {lifecycleDialogStyles} from './lifecycle-dialog.styles.js';
import {localized} from '../../src/page/kit/locale-controller.js';

export interface LifecycleChangeDetail {
  organizationId: Id;
  organizationName: string;
  action: LifecycleRequestAction;
  /** The status it has now; `null` after a delete. */
  status: OrgStatus | null;
  /** The tenant it was done in: the acting tenant when the dialog opened. */
  scopeTenantId: Id;
}

export interface LifecycleMergeDetail {
  organizationId: Id;
  organizationName: string;
  scopeTenantId: Id;
  /** The record as the server holds it now (with its ETag), when the server said. */
  current: {value: Organization; etag: string} | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-lifecycle-change': CustomEvent<LifecycleChangeDetail>;
    'tenantry-lifecycle-merge': CustomEvent<LifecycleMergeDetail>;
  }
}

/** What happens, one sentence per request. */
const CONSEQUENCES: Readonly<Record<LifecycleRequestAction, string>> = {
  get suspend() { return msg('Its users lose access until it is resumed.'); },
  get resume() { return msg('Its users get their access back.'); },
  get disable() { return msg('It becomes inactive, and stays so until it is enabled again.'); },
  get enable() { return msg('It becomes active again.'); },
  get archive() { return msg('It is kept for the record only: an archived organization can’t be resumed, enabled or deleted.'); },
  get delete() { return msg('It is deleted permanently, with its settings and history. This can’t be undone.'); },
};

/** The dialog's title: "Suspend Contoso Ltd?" (the name isolated), one sentence per request so each language orders its words. */
function titleOf(action: LifecycleRequestAction, name: string): TemplateResult {
  switch (action) {
    case 'suspend': return msg(html`Suspend <span class="isolate" dir="auto">${name}</span>?`);
    case 'resume': return msg(html`Resume <span class="isolate" dir="auto">${name}</span>?`);
    case 'disable': return msg(html`Disable <span class="isolate" dir="auto">${name}</span>?`);
    case 'enable': return msg(html`Enable <span class="isolate" dir="auto">${name}</span>?`);
    case 'archive': return msg(html`Archive <span class="isolate" dir="auto">${name}</span>?`);
    case 'delete': return msg(html`Delete <span class="isolate" dir="auto">${name}</span>?`);
  }
}

/** The question: "Suspend Contoso Ltd in the view of Northgate Distribution?". */
function questionOf(action: LifecycleRequestAction, name: string, tenant: string): TemplateResult {
  switch (action) {
    case 'suspend': return msg(html`Suspend <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
    case 'resume': return msg(html`Resume <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
    case 'disable': return msg(html`Disable <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
    case 'enable': return msg(html`Enable <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
    case 'archive': return msg(html`Archive <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
    case 'delete': return msg(html`Delete <strong class="isolate" dir="auto">${name}</strong> in the view of <strong class="isolate" dir="auto">${tenant}</strong>?`);
  }
}


/** The focused element, looking through shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Asks the user to confirm one lifecycle request of an organization — suspend, resume, disable,
 * enable, archive, or delete — and carries it out. A modal dialog names the organization and the
 * tenant acted in *when it opened* (the write goes there, whatever the page switches to meanwhile),
 * says in one sentence what happens, and shows first what the move touches (organizations below by
 * kind, linked accounts, users, scheduled collections, and per tenant directly below). A delete is
 * offered only for a suspended organization and waits until its name is typed. Confirm waits while
 * the client is offline, saying why. A refusal keeps the dialog open with what was wrong and the way
 * forward (Reload after someone else's change, Try again after a network failure); what was typed
 * stays. Focus stays inside; Escape or Cancel closes; focus returns to where it was.
 *
 * Any widget can use it: `await dialog.ask({org, action, scope})` resolves with the outcome, or
 * `null` when the user closed it without one.
 *
 * @summary Confirms and carries out a lifecycle move or delete of one organization.
 *
 * @event tenantry-lifecycle-change - The server carried it out (`detail: LifecycleChangeDetail`:
 *   `organizationId`, `organizationName`, `action`, `status` (new, `null` after a delete), `scopeTenantId`).
 * @event tenantry-lifecycle-merge - The user chose "Compare changes" after someone else changed the
 *   organization (only with `offer-merge`; `detail: LifecycleMergeDetail`); the dialog closes, the host opens its merge.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart title - The heading.
 * @csspart question - The sentence naming the organization, the tenant and what happens.
 * @csspart blocked - Why the request can't be made from the organization's status.
 * @csspart impact - What the move touches; inside it `impact-list`, `impact-table` (per tenant), `impact-more` ("and N more").
 * @csspart impact-list - What the move touches, as a list.
 * @csspart impact-table - What it touches per tenant.
 * @csspart impact-more - "and N more tenants".
 * @csspart impact-status - Loading, or why the impact could not be loaded (with `impact-retry`).
 * @csspart impact-retry - Try loading the impact again.
 * @csspart confirm-label - The label of the name a delete asks for; `confirm-input` the field.
 * @csspart confirm-input - The field for the name a delete asks for.
 * @csspart offline - Why Confirm waits (offline).
 * @csspart error - The refusal and its way forward: `reload-button`, `retry-button`, `merge-button`.
 * @csspart reload-button - Reload the organization.
 * @csspart retry-button - Try the request again.
 * @csspart merge-button - Review the newer record.
 * @csspart status - Sending, reloaded.
 * @csspart actions - The button row: `cancel-button`, `confirm-button`.
 * @csspart cancel-button - Cancel.
 * @csspart confirm-button - Confirm (`data-danger` for archive and delete).
 * @csspart missing-client - Shown in the dialog when the element has no data client.
 *
 * @cssproperty --tenantry-lifecycle-dialog-width - Width of the dialog. Default 544px.
 * @cssproperty --tenantry-lifecycle-dialog-background - Background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-lifecycle-dialog-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-lifecycle-dialog-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-lifecycle-dialog-danger-color - Delete and archive buttons, errors; falls back to `--tenantry-color-danger`.
 * @cssproperty --tenantry-lifecycle-dialog-accent-color - The confirm button of other moves; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-lifecycle-dialog-muted-color - Secondary text; falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-lifecycle-dialog-radius - Corner radius of the dialog and its controls; falls back to `--tenantry-radius`.
 */
@localized()
export class TenantryLifecycleDialog extends LitElement {
  static override styles = lifecycleDialogStyles;

  /** The data client; defaults to the provided one (`provideDataClient`). */
  @property({attribute: false}) client?: LifecycleClient | DataClient;

  /** Offers "Compare changes" after a version conflict, for a host that has a merge view (`tenantry-lifecycle-merge`). */
  @property({type: Boolean, attribute: 'offer-merge'}) offerMerge = false;

  /** Said after a reload (the record as it is now). */
  @state() private note = '';

  private readonly clients = new ClientController<LifecycleClient>(this, {own: () => this.client});
  private readonly lifecycle = new LifecycleController(this, {client: () => this.clients.value});
  private readonly connectivity = new ConnectivityController(this, {client: () => this.clients.dataClient, scopeTenantId: () => this.lifecycle.request?.scope.tenantId});

  private settle: ((outcome: LifecycleOutcome | null) => void) | null = null;
  private opener: HTMLElement | null = null;
  private focusOnOpen = false;
  private focusRemedy = false;

  /** Whether a request is open. */
  get open(): boolean {
    return this.lifecycle.request !== null;
  }

  /**
   * Opens the dialog for `request` (its `scope` captured now) and resolves once it closes: with the
   * outcome when the server carried it out, `null` when the user closed it. A new ask ends the open one (`null`).
   */
  ask(request: LifecycleRequest): Promise<LifecycleOutcome | null> {
    this.end(null, false);
    this.opener = deepActiveElement();
    this.note = '';
    this.lifecycle.ask(request.org, request.action, request.scope);
    this.focusOnOpen = true;
    return new Promise((resolve) => (this.settle = resolve));
  }

  /** Closes without carrying anything out (resolves the open ask with `null`). */
  close(): void {
    this.end(null, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.end(null, false);
  }

  protected override updated(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    if (this.open && !dialog.open) dialog.showModal();
    else if (!this.open && dialog.open) dialog.close();
    if (this.focusOnOpen && this.open) {
      this.focusOnOpen = false;
      const first = this.lifecycle.request?.action === 'delete' && !this.lifecycle.blocked ? dialog.querySelector<HTMLElement>('input') : dialog.querySelector<HTMLElement>('[part~="cancel-button"]');
      first?.focus();
    }
    if (this.focusRemedy) {
      this.focusRemedy = false;
      dialog.querySelector<HTMLElement>('[part~="error"] button')?.focus();
    }
  }

  override render(): TemplateResult {
    const r = this.lifecycle.request;
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="question" @cancel=${this.handleCancel} @keydown=${this.handleKeydown}>
      ${r ? this.renderRequest(r) : nothing}
    </dialog>`;
  }

  private renderRequest(r: LifecycleRequest): TemplateResult {
    const lc = this.lifecycle;
    const label = LIFECYCLE_LABELS[r.action];
    const blocked = lc.blocked;
    const offline = this.connectivity.reason;
    const sending = lc.phase === 'sending';
    const busy = sending || lc.phase === 'reloading';
    const danger = r.action === 'delete' || r.action === 'archive';
    const failure = lc.failure;
    if (!this.clients.value) {
      return html`<h2 id="title" part="title">${msg(str`${label} organization`, {id: 'lifecycle-dialog.title-without-client'})}</h2>
        <div id="question" part="question">${renderMissingClient()}</div>
        <div part="actions"><button type="button" part="cancel-button" @click=${this.handleClose}>${msg('Close')}</button></div>`;
    }
    return html`<h2 id="title" part="title">${titleOf(r.action, r.org.name)}</h2>
      <p id="question" part="question">${questionOf(r.action, r.org.name, r.scope.name)} ${CONSEQUENCES[r.action]}</p>
      ${blocked ? html`<p part="blocked">${blocked}</p>` : this.renderImpact(r)}
      ${r.action === 'delete' && !blocked ? this.renderTypeName(r) : nothing}
      ${offline && !blocked ? html`<p part="offline" id="offline-reason">${offline}</p>` : nothing}
      <div role="alert">${failure ? this.renderFailure(failure.message, failure.remedies, busy) : nothing}</div>
      <p part="status" role="status" class="muted">${sending ? msg('Sending…') : lc.phase === 'reloading' ? msg('Reloading…') : this.note}</p>
      <div part="actions">
        <button type="button" part="cancel-button" ?disabled=${sending} @click=${this.handleClose}>${msg('Cancel')}</button>
        ${blocked
          ? nothing
          : html`<button type="button" part="confirm-button" ?data-danger=${danger} ?disabled=${!lc.canConfirm || Boolean(offline)} aria-describedby=${offline ? 'offline-reason' : nothing} @click=${this.handleConfirm}>
              ${r.action === 'delete' ? msg('Delete organization') : label}
            </button>`}
      </div>`;
  }

  private renderImpact(r: LifecycleRequest): TemplateResult | typeof nothing {
    const impact = this.lifecycle.impact;
    if (impact.state === 'none') return nothing;
    const title = html`<h3 id="impact-title">${msg('What this touches')}</h3>`;
    if (impact.state === 'loading') return html`<section part="impact" aria-labelledby="impact-title">${title}<p part="impact-status" role="status" class="muted">${msg('Loading what this touches…')}</p></section>`;
    if (impact.state === 'failed') {
      return html`<section part="impact" aria-labelledby="impact-title">
        ${title}
        <p part="impact-status">${impact.message} <button type="button" part="impact-retry" @click=${() => this.lifecycle.retryImpact()}>${msg('Load again')}</button></p>
      </section>`;
    }
    return html`<section part="impact" aria-labelledby="impact-title">${title}${this.renderImpactValue(r, impact.value)}</section>`;
  }

  private renderImpactValue(r: LifecycleRequest, v: LifecycleImpact): TemplateResult {
    const below = totalBelow(v.organizationsBelow);
    const n = formatInteger;
    // The per-tenant counts may be missing from a server that predates them.
    const byTenant = v.byTenant ?? [];
    const more = v.moreTenants ?? 0;
    return html`<ul part="impact-list">
        <li>${below === 0 ? msg('Organizations below it: none') : msg(str`Organizations below it: ${n(below)} (${describeKindCounts(v.organizationsBelow)})`)}</li>
        <li>${msg(str`Linked cloud accounts: ${n(v.linkedAccounts)}`)}</li>
        <li>${msg(str`Users: ${n(v.users)}`)}</li>
        <li>${msg(str`Scheduled data collections: ${n(v.scheduledCollections)}`)}</li>
      </ul>
      ${r.action === 'delete' && below > 0 ? html`<p part="blocked">${msg(str`It can be deleted only once nothing is below it: move or delete those ${n(below)} first.`)}</p>` : nothing}
      ${byTenant.length
        ? html`<table part="impact-table">
            <caption>${msg('By tenant directly below')}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Tenant')}</th>
                <th scope="col">${msg('Organizations')}</th>
                <th scope="col">${msg('Linked accounts')}</th>
                <th scope="col">${msg('Users')}</th>
                <th scope="col">${msg('Scheduled collections')}</th>
              </tr>
            </thead>
            <tbody>
              ${byTenant.map(
                (t) => html`<tr>
                  <th scope="row"><span class="isolate" dir="auto">${t.name}</span> <span class="muted">${KIND_LABELS[t.kind]}</span></th>
                  <td>${n(t.organizations)}</td>
                  <td>${n(t.linkedAccounts)}</td>
                  <td>${n(t.users)}</td>
                  <td>${n(t.scheduledCollections)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${more > 0 ? html`<p part="impact-more" class="muted">${plural(more, {one: (c) => msg(str`and ${c} more tenant`), other: (c) => msg(str`and ${c} more tenants`)})}</p>` : nothing}`;
  }

  private renderTypeName(r: LifecycleRequest): TemplateResult {
    return html`<label part="confirm-label"
      >${msg(html`Type <strong class="isolate" dir="auto">${typeableName(r.org.name)}</strong> to confirm`)}
      <input type="text" part="confirm-input" autocomplete="off" spellcheck="false" .value=${live(this.lifecycle.typed)} @input=${this.handleInput} @keydown=${this.handleInputKeydown}
    /></label>`;
  }

  private renderFailure(message: string, remedies: readonly string[], busy: boolean): TemplateResult {
    return html`<div part="error">
      <p>${message}</p>
      <div class="remedies">
        ${remedies.includes('reload') ? html`<button type="button" part="reload-button" ?disabled=${busy} @click=${this.handleReload}>${msg('Reload')}</button>` : nothing}
        ${remedies.includes('merge') && this.offerMerge ? html`<button type="button" part="merge-button" ?disabled=${busy} @click=${this.handleMerge}>${msg('Compare changes')}</button>` : nothing}
        ${remedies.includes('retry') ? html`<button type="button" part="retry-button" ?disabled=${busy || Boolean(this.connectivity.reason)} @click=${this.handleConfirm}>${msg('Try again')}</button>` : nothing}
      </div>
    </div>`;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Ends the open request, resolving its ask; focus returns to the opener when `returnFocus`. */
  private end(outcome: LifecycleOutcome | null, returnFocus: boolean): void {
    const settle = this.settle;
    const opener = this.opener;
    this.settle = null;
    this.opener = null;
    this.lifecycle.close();
    this.dialog?.close();
    if (returnFocus && opener?.isConnected) opener.focus();
    settle?.(outcome);
  }

  private readonly handleConfirm = async (): Promise<void> => {
    const r = this.lifecycle.request;
    if (!r || this.connectivity.reason) return;
    this.note = '';
    const result = await this.lifecycle.confirm();
    if (this.lifecycle.request && this.lifecycle.request !== r) return;
    if (!result.ok) {
      this.focusRemedy = true;
      this.requestUpdate();
      return;
    }
    const {outcome} = result;
    emit(this, 'tenantry-lifecycle-change', {organizationId: outcome.organizationId, organizationName: outcome.organizationName, action: outcome.action, status: outcome.status, scopeTenantId: outcome.scopeTenantId});
    this.end(outcome, true);
  };

  private readonly handleReload = async (): Promise<void> => {
    await this.lifecycle.reload();
    const r = this.lifecycle.request;
    if (r && !this.lifecycle.failure) {
      const status = STATUS_LABELS[r.org.status].toLocaleLowerCase(getLocale());
      this.note = msg(str`Reloaded: ${r.org.name} is ${status} now.`);
      this.focusOnOpen = true;
    }
  };

  private readonly handleMerge = (): void => {
    const r = this.lifecycle.request;
    const failure = this.lifecycle.failure;
    if (!r) return;
    emit(this, 'tenantry-lifecycle-merge', {organizationId: r.org.id, organizationName: r.org.name, scopeTenantId: r.scope.tenantId, current: failure?.current ?? null});
    this.end(null, false);
  };

  private readonly handleClose = (): void => {
    if (this.lifecycle.phase === 'sending') return;
    this.end(null, true);
  };

  private readonly handleCancel = (e: Event): void => {
    // Escape: close through our state (not while a write is under way), so focus returns to the opener.
    e.preventDefault();
    this.handleClose();
  };

  private readonly handleKeydown = (e: KeyboardEvent): void => {
    const dialog = this.dialog;
    if (e.key !== 'Tab' || !dialog) return;
    // Focus cycles inside the dialog (a modal dialog alone would let it reach the browser's toolbar).
    e.preventDefault();
    cycleFocus([...dialog.querySelectorAll<HTMLElement>('input, button:not([disabled])')], this.renderRoot as ShadowRoot, e.shiftKey);
  };

  private readonly handleInput = (e: Event): void => {
    this.lifecycle.setTyped((e.target as HTMLInputElement).value);
  };

  private readonly handleInputKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && this.lifecycle.canConfirm && !this.connectivity.reason) void this.handleConfirm();
  };
}
