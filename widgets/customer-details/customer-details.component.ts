import {msg, str} from '@lit/localize';
import {Task} from '@lit/task';
import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {DataClient} from '../../src/page/data-client.js';
import {emit} from '../../src/page/events.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import {ConnectivityController} from '../../src/page/kit/connectivity-controller.js';
import type {LifecycleRequestAction} from '../../src/page/kit/lifecycle-controller.js';
import {renderScopeBanner} from '../../src/page/kit/scope-banner.js';
import {ScopeController} from '../../src/page/kit/scope-controller.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {TenantryError, abortError, isAbort} from '../../src/shared/contract/errors.js';
import {errorText} from '../../src/page/messages.js';
import {LIFECYCLE_MOVES} from '../../src/shared/contract/lifecycle-moves.js';
import {isIrreversible, KIND_LABELS, lifecycleDone, lifecycleItemLabel, STATUS_LABELS} from '../../src/shared/model/labels.js';
import type {ConsoleLink, Contract, Id, OnboardingTask, Session} from '../../src/shared/model/types.js';
import {rowHref} from '../../src/page/links.js';
import {customerDetailsStyles} from './customer-details.styles.js';
import {DetailsRecord, type RecordValue} from './details-record.js';
import {DETAILS_SECTIONS, SECTION_LABELS, sectionOf, type DetailsSection} from './details-sections.js';
import type {Sections} from './details-deferred.js';
import {renderOnboarding, renderProfile, renderTenants} from './sections/record-sections.js';
import {whenIdle} from '../../src/page/platform/idle.js';
import type {SectionContext, Written} from './sections/section-context.js';
import {localized} from '../../src/page/kit/locale-controller.js';
import {lazyModule} from '../../src/page/kit/lazy-module.js';

export interface DetailsSectionDetail {
  organizationId: Id;
  /** The section the user chose; a host may put it in its route (`/organization/:id/<section>`). */
  section: DetailsSection;
}

export interface ContractOpenDetail {
  organizationId: Id;
  contractId: Id;
  /** Untrusted text: render it as text. */
  contractName: string;
  scopeTenantId: Id;
}

export interface OrganizationEditDetail {
  organizationId: Id;
  /** Untrusted text: render it as text. */
  organizationName: string;
  scopeTenantId: Id;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-details-section': CustomEvent<DetailsSectionDetail>;
    'tenantry-contract-open': CustomEvent<ContractOpenDetail>;
    'tenantry-organization-edit': CustomEvent<OrganizationEditDetail>;
  }
}

/** The sections opened on demand (`details-deferred.ts`): loaded when idle after the element connected, or when one is opened first. */
type Deferred = typeof import('./details-deferred.js');
const deferredCode = lazyModule<Deferred>(() => import('./details-deferred.js'));
const loadDeferred = deferredCode.load;

/** The confirmation loads with the first lifecycle action, not with the details. */
const loadLifecycleDialog = lazyModule(() => import('../lifecycle-dialog/lifecycle-dialog.js')).load;

/** Only an absolute http(s) URL opens; anything else a backend sends is not shown as a link. */
function safeConsoleUrl(link: ConsoleLink | null): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.url);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Everything about one customer organization and its lifecycle, for the acting tenant.
 *
 * The header names the organization, its status and kind, its path in the channel from the acting
 * tenant down, and the acting-tenant guard; its actions are the ones the signed-in user may take:
 * Edit (opens the customer wizard through the host), the lifecycle moves the backend allows from
 * the current status (each confirmed in a dialog naming the customer and the acting tenant, with
 * what the move touches shown first), Delete for a suspended customer, and Open tenant console (a
 * link the backend makes, opened in a new tab, only ever absolute http(s)).
 *
 * Sections (WAI-ARIA tabs; each id is the last segment of a host route `/organization/:id/<section>`):
 * profile, contacts, people, tenants, linked-accounts, contracts, onboarding, products, orders,
 * invoices, subscriptions, audit. A section loads only when opened; a failure shows in that section
 * alone, a 403 as "You may not see this". While writes cannot be sent (offline, an archived
 * customer, a read-only role) the controls that write are disabled with the reason shown. A change
 * someone else made meanwhile (412) says so and offers Reload; nothing the user typed is lost.
 *
 * @summary One customer: profile, contacts, people, tenants, accounts, contracts, onboarding, commerce and audit log, and its lifecycle.
 *
 * @event tenantry-details-section - The user chose a section (`detail: DetailsSectionDetail`); a host may route it. The element shows it either way.
 * @event tenantry-contract-open - The user opened a contract (`detail: ContractOpenDetail`); the host shows it.
 * @event tenantry-organization-edit - The user chose Edit (`detail: OrganizationEditDetail`); the host opens the customer wizard on it. Not sent when `href-template` makes Edit a link.
 * @event tenantry-lifecycle-change - A lifecycle move or delete was carried out (from the lifecycle dialog).
 *
 * @csspart base - The frame.
 * @csspart header - Name, status, path and actions.
 * @csspart title - The organization's name.
 * @csspart status - The status badge (`data-status` holds the status).
 * @csspart path - The path in the channel; `path-item` each tenant.
 * @csspart path-item - A tenant of the path.
 * @csspart actions - The header's actions; `action` each, `danger` the destructive ones.
 * @csspart action - A header action.
 * @csspart danger - A destructive button or action.
 * @csspart console-link - Open tenant console.
 * @csspart tabs - The section tabs; `tab` each, `tab-selected` the open one.
 * @csspart tab - A section tab.
 * @csspart tab-selected - The open section's tab.
 * @csspart panel - The open section.
 * @csspart notice - Messages above the sections (a conflict, a deletion, a failure).
 * @csspart table - Every table of a section; `empty` the "nothing here" text.
 * @csspart empty - The "nothing here" text of a section.
 * @csspart button - Every button; `primary` and `danger` variants.
 * @csspart primary - The main button of a form or dialog.
 * @csspart field - A labelled control; `input`, `hint`, `field-error` its pieces.
 * @csspart input - A text input, select or text area.
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's error.
 * @csspart dialog - The contact form and confirmations.
 * @csspart assign-account - The linked accounts' search to assign another account; `offers` the accounts found.
 * @csspart audit - The audit log table; `audit-row` each entry, `audit-viewport` its scrolling body.
 * @csspart audit-row - An audit log entry.
 * @csspart audit-viewport - The audit log's scrolling body.
 * @csspart lifecycle-dialog - The `<tenantry-lifecycle-dialog>` that confirms a move or delete (style it through its own parts and `--tenantry-lifecycle-dialog-*` properties).
 * @csspart missing-client - The alert shown while the element has no data client.
 *
 * @cssproperty --tenantry-customer-details-background - Background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-customer-details-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-customer-details-muted-color - Secondary text; falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-customer-details-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-customer-details-accent-color - The open tab and primary buttons; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-customer-details-danger-color - Destructive actions and errors; falls back to `--tenantry-color-danger`.
 * @cssproperty --tenantry-customer-details-radius - Corner radius; falls back to `--tenantry-radius`.
 * @cssproperty --tenantry-customer-details-list-height - Height of the audit log's scrolling list. Default 480px.
 */
@localized()
export class CustomerDetails extends LitElement {
  static override styles = customerDetailsStyles;

  /** The data client; defaults to the one provided through `dataClientContext` (`provideDataClient`). */
  @property({attribute: false}) client?: DataClient;

  /** The tenant to act in; defaults to a provided `scopeContext`, else the page's acting scope. */
  @property({attribute: false}) scope?: Scope;

  /** The organization to show. */
  @property({attribute: 'organization-id', reflect: true}) organizationId: string | null = null;

  /** The open section (`profile`, `contacts`, …, `audit`); anything else reads as `profile`. */
  @property({reflect: true}) section: DetailsSection = 'profile';

  /** Makes Edit a plain link: `{id}` is the organization, `{view}` the page (e.g. `/organization/{id}/{view}` → `/organization/42/edit`). Only http(s) and relative URLs. */
  @property({attribute: 'href-template', reflect: true}) hrefTemplate: string | null = null;

  @state() private notice: {tone: 'danger' | 'warning' | 'success'; text: string; reload?: boolean} | null = null;
  @state() private announcement = '';
  @state() private onboardingBusy = new Set<string>();
  /** The organization was deleted here: what the element shows instead. */
  @state() private deleted: {id: Id; name: string} | null = null;
  /** The last write sent from any section (the next one waits for it). */
  private writes: Promise<unknown> = Promise.resolve();
  /** The lifecycle confirmation is loaded and rendered. */
  @state() private lifecycleReady = false;

  private readonly clients: ClientController = new ClientController(this, {
    own: () => this.client,
    onEvent: (event) => {
      this.record.handleDataEvent(event);
      this.sections?.linkedAccounts.handleDataEvent(event);
    },
  });
  private readonly scoping = new ScopeController(this, {client: () => this.clients.dataClient, scope: () => this.scope});
  /** Whether writes can be sent now (offline says why). */
  private readonly connectivity = new ConnectivityController(this, {client: () => this.clients.dataClient, scopeTenantId: () => this.scoping.scope?.tenantId});
  private readonly record: DetailsRecord = new DetailsRecord(this, {
    client: () => this.clients.dataClient,
    scopeTenantId: () => this.scoping.scope?.tenantId ?? null,
    organizationId: () => this.organizationId,
  });

  private readonly sessionTask = new Task(this, {
    args: () => [this.clients.dataClient] as const,
    task: async ([client]): Promise<Session | null> => (client ? client.session : null),
  });

  /** The console link with the tenant and organization it is for: a pending read for another customer never shows the previous one's. */
  private readonly consoleTask = new Task(this, {
    args: () => [this.clients.dataClient, this.scoping.scope?.tenantId ?? null, this.organizationId] as const,
    task: async ([client, tenantId, id], {signal}): Promise<{for: string; url: string | null}> => ({
      for: `${tenantId}\u0000${id}`,
      url: client && tenantId && id ? safeConsoleUrl(await client.tenantConsoleLink({tenantId}, id, {signal})) : null,
    }),
  });

  /** The sections opened on demand (`details-deferred.ts`), once their code has arrived. */
  private sections: Sections | null = null;
  /** Their code could not be loaded for the open section (choosing a section tries again). */
  @state() private sectionsFailed = false;
  private cancelPreload: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // The sections opened on demand are fetched once the page is idle, so opening one never waits for them.
    this.cancelPreload = whenIdle(() => void this.loadSections().catch(() => undefined), 2000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelPreload?.();
    this.cancelPreload = null;
  }

  private loadSections(): Promise<Deferred> {
    return loadDeferred().then((m) => {
      if (!this.sections) this.requestUpdate();
      return m;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.sections && deferredCode.value) {
      this.sections = deferredCode.value.makeSections(this, {
        section: () => this.section,
        context: () => this.context(),
        openContract: (c) => this.handleContractOpen(c),
        session: () => this.sessionTask.value ?? null,
        homeTenantId: () => this.scoping.home?.tenantId ?? this.sessionTask.value?.homeTenantId ?? null,
        hrefTemplate: () => this.hrefTemplate,
        announce: (message) => this.announce(message),
      });
    }
    if (changed.has('section')) {
      const section = sectionOf(this.section);
      if (section !== this.section) this.section = section;
      if (section === 'people' || section === 'audit') void this.loadSections().then((m) => m.loadPeoplePicker()).catch(() => undefined);
    }
    if (changed.has('organizationId')) {
      this.notice = null;
      this.deleted = null;
      this.sections?.contacts.drop();
      this.sections?.people.drop();
      this.sections?.audit.resetScroll();
    }
  }

  /** The current record and what sections need with it, once all are known. */
  private context(): SectionContext | null {
    const rec = this.record.value;
    const client = this.clients.dataClient;
    const scope = this.scoping.scope;
    if (!rec || !client || !scope) return null;
    return {
      org: rec.org,
      etag: rec.etag,
      scope,
      client,
      writeBlocked: this.writeBlocked(rec),
      write: (what, run) => this.write(what, run),
      announce: (message) => this.announce(message),
    };
  }

  /** Why nothing can be written now, in words; `null` when writes can be sent. */
  private writeBlocked(rec: RecordValue): string | null {
    if (this.deleted) return msg('This customer was deleted.');
    if (rec.org.status === 'archived') return msg('Archived customers are kept read-only.');
    return this.connectivity.reason;
  }

  /**
   * Writes run one after another, each with the ETag the previous one left: two quick changes in
   * different sections must not refuse each other as "someone else changed it". A write belongs to
   * the customer on screen when it was asked for: if another customer is shown by its turn, it is
   * not sent (rejected as cancelled), and an answer arriving after a switch changes nothing here.
   */
  private write(what: string, run: (etag: string, signal: AbortSignal) => Promise<Written>): Promise<true> {
    const key = this.record.value?.key ?? null;
    const next = this.writes.catch(() => undefined).then(() => this.writeNow(key, what, run));
    this.writes = next;
    return next;
  }

  private async writeNow(key: string | null, what: string, run: (etag: string, signal: AbortSignal) => Promise<Written>): Promise<true> {
    const rec = this.record.value;
    if (!rec) throw new TenantryError('not-found', msg('The customer is not loaded.'));
    if (rec.key !== key) throw abortError(what);
    this.notice = null;
    try {
      // A write is not aborted once sent: its answer still updates every view of it.
      const written = await run(rec.etag, new AbortController().signal);
      this.record.replace(written, rec.key);
      return true;
    } catch (e) {
      if (e instanceof TenantryError && e.code === 'version-conflict' && this.record.value?.key === rec.key) {
        this.notice = {tone: 'warning', text: msg(str`${what} was not saved: someone else changed ${rec.org.name} since it was loaded. Reload to see their changes, then make yours again.`), reload: true};
      }
      throw e;
    }
  }

  private announce(message: string): void {
    // The same words twice must still be read out.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  override render(): TemplateResult {
    if (!this.clients.value) return html`<div class="frame" part="base">${renderMissingClient()}</div>`;
    const rec = this.record.value;
    return html`<div class="frame" part="base">
      ${renderScopeBanner(this.scoping)}
      ${this.deleted
        ? html`<p class="notice" part="notice" data-tone="success" role="status">${msg(html`<bdi>${this.deleted.name}</bdi> was deleted.`)}</p>`
        : rec
          ? this.renderLoaded(rec)
          : this.renderPending()}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.lifecycleReady ? html`<tenantry-lifecycle-dialog part="lifecycle-dialog" .client=${this.clients.dataClient ?? undefined}></tenantry-lifecycle-dialog>` : nothing}
    </div>`;
  }

  private renderPending(): TemplateResult {
    if (!this.organizationId) return html`<p class="empty" part="empty">${msg('Choose a customer to see its details.')}</p>`;
    const error = this.record.error;
    if (error) {
      const text = error.code === 'not-found' ? msg('This customer is not in the view of the acting tenant, or it no longer exists.') : error.code === 'forbidden' ? msg(str`You may not see this customer: ${errorText(error)}`) : msg(str`Could not load the customer: ${errorText(error)}`);
      return html`<p class="notice" part="notice" data-tone="danger" role="alert">${text} <button type="button" part="button" @click=${() => this.record.reload()}>${msg('Retry')}</button></p>`;
    }
    return html`<div class="header skeleton" part="header" aria-busy="true"><p class="muted" role="status">${msg('Loading the customer…')}</p></div>`;
  }

  private renderLoaded(rec: RecordValue): TemplateResult {
    const ctx = this.context();
    return html`${this.renderHeader(rec)}
      ${this.notice
        ? html`<p class="notice" part="notice" data-tone=${this.notice.tone} role="alert">
            ${this.notice.text} ${this.notice.reload ? html`<button type="button" part="button" @click=${() => this.handleReload()}>${msg('Reload')}</button>` : nothing}
          </p>`
        : nothing}
      ${this.renderTabs()}
      <div class="section-panel" part="panel" role="tabpanel" id="panel" aria-labelledby="tab-${this.section}" tabindex="0">${ctx ? this.renderSection(ctx) : nothing}</div>`;
  }

  private renderHeader(rec: RecordValue): TemplateResult {
    const org = rec.org;
    const role = this.sessionTask.value?.role;
    const scopeId = this.scoping.scope?.tenantId;
    // A customer's own administrators and anyone acting in this very tenant cannot move it.
    const mayMove = role !== undefined && role !== 'customer-admin' && org.id !== scopeId;
    const moves = mayMove ? LIFECYCLE_MOVES[org.status] : [];
    const editHref = rowHref(this.hrefTemplate, org.id, 'edit');
    const link = this.consoleTask.value;
    const consoleUrl = link && link.for === `${scopeId}\u0000${org.id}` ? link.url : null;
    const blocked = this.writeBlocked(rec);
    return html`<header class="header" part="header">
      <div class="title-row">
        <h2 part="title"><bdi>${org.name}</bdi></h2>
        <span class="badge" part="status" data-status=${org.status}>${STATUS_LABELS[org.status] ?? org.status}</span>
        <span class="muted">${KIND_LABELS[org.kind] ?? org.kind}${org.domain ? html` · <bdi>${org.domain}</bdi>` : nothing}</span>
      </div>
      ${rec.path.length > 1
        ? html`<ol class="path" part="path" aria-label=${msg('Path in the channel')}>
            ${rec.path.map((p) => html`<li part="path-item"><bdi>${p.name}</bdi></li>`)}
          </ol>`
        : nothing}
      <div class="actions" part="actions">
        ${editHref
          ? html`<a part="action button" href=${editHref}>${msg('Edit')}</a>`
          : html`<button type="button" part="action button" ?disabled=${blocked !== null} @click=${() => this.handleEdit()}>${msg('Edit')}</button>`}
        ${moves.map(
          (m) => html`<button type="button" part="action button ${isIrreversible(m.action) ? 'danger' : ''}" ?disabled=${blocked !== null} data-action=${m.action} @click=${() => void this.handleLifecycle(m.action)}>
            ${lifecycleItemLabel(m.action)}
          </button>`,
        )}
        ${mayMove && org.status === 'suspended'
          ? html`<button type="button" part="action button danger" ?disabled=${blocked !== null} data-action="delete" @click=${() => void this.handleLifecycle('delete')}>${msg('Delete…')}</button>`
          : nothing}
        ${consoleUrl
          ? html`<a part="action console-link" href=${consoleUrl} target="_blank" rel="noopener noreferrer">${msg('Open tenant console')}<span class="sr-only"> ${msg('(opens in a new tab)')}</span></a>`
          : nothing}
        ${blocked ? html`<span class="muted" part="write-blocked">${blocked}</span>` : nothing}
      </div>
    </header>`;
  }

  private renderTabs(): TemplateResult {
    return html`<div class="tabs" part="tabs" role="tablist" aria-label=${msg('Customer sections')} @keydown=${this.handleTabKeydown}>
      ${DETAILS_SECTIONS.map((s) => {
        const selected = s === this.section;
        return html`<button
          type="button"
          role="tab"
          id="tab-${s}"
          part=${selected ? 'tab tab-selected' : 'tab'}
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="panel"
          tabindex=${selected ? 0 : -1}
          data-section=${s}
          @click=${() => this.choose(s)}
        >
          ${SECTION_LABELS[s]}
        </button>`;
      })}
    </div>`;
  }

  private renderSection(ctx: SectionContext): TemplateResult {
    switch (this.section) {
      case 'profile':
        return renderProfile(ctx);
      case 'tenants':
        return renderTenants(ctx);
      case 'onboarding':
        return renderOnboarding(ctx, (task) => void this.handleStartTask(ctx, task), this.onboardingBusy);
    }
    const s = this.sections;
    if (!s) return this.renderSectionLoading();
    switch (this.section) {
      case 'contacts':
        return s.contacts.render(ctx);
      case 'people':
        return s.people.render(ctx);
      case 'linked-accounts':
        return s.linkedAccounts.render(ctx);
      case 'contracts':
        return s.contracts.render(ctx.org);
      case 'audit':
        return s.audit.render(ctx);
      default:
        return s.commerce.render();
    }
  }

  /** A section opened before its code arrived: it says it is loading (or that it could not be). */
  private renderSectionLoading(): TemplateResult {
    const section = this.section;
    if (!this.sectionsFailed) {
      this.loadSections().catch(() => {
        if (this.section === section) this.sectionsFailed = true;
      });
    }
    return this.sectionsFailed
      ? html`<p class="notice section-loading" part="notice" data-tone="danger" role="alert">${msg('This could not be shown; try again.')}</p>`
      : html`<p class="muted section-loading" part="loading" role="status">${msg('Loading…')}</p>`;
  }

  private choose(section: DetailsSection, focus = false): void {
    this.sectionsFailed = false;
    if (section !== this.section) {
      this.section = section;
      if (this.organizationId) emit(this, 'tenantry-details-section', {organizationId: this.organizationId, section});
    }
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus());
  }

  /** Arrow keys move along the tabs (and open the tab: automatic activation), Home and End to either end. */
  private readonly handleTabKeydown = (e: KeyboardEvent): void => {
    const i = DETAILS_SECTIONS.indexOf(this.section);
    const n = DETAILS_SECTIONS.length;
    const next = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: n - 1}[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.choose(DETAILS_SECTIONS[(next + n) % n], true);
  };

  private handleEdit(): void {
    const org = this.record.value?.org;
    if (org) emit(this, 'tenantry-organization-edit', {organizationId: org.id, organizationName: org.name, scopeTenantId: this.scoping.scope?.tenantId ?? ''});
  }

  /** Confirms and carries out a move or delete in the acting tenant as it is now (the dialog keeps it). */
  private async handleLifecycle(action: LifecycleRequestAction): Promise<void> {
    const org = this.record.value?.org;
    const tenantId = this.scoping.scope?.tenantId;
    if (!org || !tenantId) return;
    const scope = {tenantId, name: this.scoping.current?.tenantId === tenantId ? this.scoping.current.name : tenantId};
    try {
      await loadLifecycleDialog();
    } catch {
      this.notice = {tone: 'danger', text: msg('The confirmation could not be loaded; try again.')};
      return;
    }
    this.lifecycleReady = true;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('tenantry-lifecycle-dialog');
    if (!dialog) return;
    const outcome = await dialog.ask({org: {id: org.id, name: org.name, kind: org.kind, status: org.status, version: org.version}, action, scope});
    if (!outcome || outcome.organizationId !== this.organizationId) return;
    this.announce(lifecycleDone(outcome.action, outcome.organizationName));
    if (outcome.status === null) this.deleted = {id: outcome.organizationId, name: outcome.organizationName};
    else if (outcome.value) this.record.replace({value: outcome.value, etag: `"${outcome.value.version}"`}, this.record.value?.key ?? '');
  }

  private handleReload(): void {
    this.notice = null;
    this.record.reload();
  }

  private handleContractOpen(c: Contract): void {
    emit(this, 'tenantry-contract-open', {organizationId: c.organizationId, contractId: c.id, contractName: c.name, scopeTenantId: this.scoping.scope?.tenantId ?? ''});
  }

  private async handleStartTask(ctx: SectionContext, task: OnboardingTask): Promise<void> {
    this.onboardingBusy = new Set([...this.onboardingBusy, task.id]);
    try {
      await ctx.write(msg(str`Starting “${task.title}”`), (etag, signal) => ctx.client.startOnboardingTask(ctx.scope, ctx.org.id, task.id, etag, {signal}));
      this.announce(msg(str`${task.title}: started.`));
    } catch (e) {
      if (!isAbort(e) && !(e instanceof TenantryError && e.code === 'version-conflict')) this.notice = {tone: 'danger', text: msg(str`“${task.title}” was not started: ${errorText(e)}`)};
    } finally {
      this.onboardingBusy = new Set([...this.onboardingBusy].filter((id) => id !== task.id));
    }
  }
}
