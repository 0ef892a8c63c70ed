import {formatDateTime, formatList, formatTime, plural} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {DataClient} from '../../src/page/data-client.js';
import {type DraftSummary, type WizardDraft, newDraftId, DraftStore} from '../../src/page/drafts-store.js';
import {emit} from '../../src/page/events.js';
import {ClientController, renderMissingClient} from '../../src/page/kit/client-controller.js';
import {DraftController} from '../../src/page/kit/draft-controller.js';
import {PressController} from '../../src/page/kit/press-controller.js';
import {renderScopeBanner} from '../../src/page/kit/scope-banner.js';
import {ScopeController} from '../../src/page/kit/scope-controller.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {TenantryError, isAbort} from '../../src/shared/contract/errors.js';
import {errorText} from '../../src/page/messages.js';
import type {FormIssue} from '../../src/shared/forms/issue.js';
import type {DuplicateCheck, DuplicateField, Id, OrganizationInput} from '../../src/shared/model/types.js';
import {customerWizardStyles} from './customer-wizard.styles.js';
import {renderOrganizationStep} from './steps/organization-step.js';
import {whenIdle} from '../../src/page/platform/idle.js';
import type {StepContext} from './steps/step-context.js';
import {controlId, pathKey} from './wizard-fields.js';
import {STEPS, STEP_IDS, stepById, stepOfPath, topField, type StepId} from './wizard-steps.js';
import {changedFields, emptyValues, fromOrganization, repairValues, same, setAt, type FieldPath} from './wizard-values.js';
import {localized} from '../../src/page/kit/locale-controller.js';
import {lazyModule} from '../../src/page/kit/lazy-module.js';

export interface CustomerSavedDetail {
  /** The organization created or changed. */
  id: Id;
  /** Its name as saved (untrusted text: render it as text). */
  name: string;
  mode: 'create' | 'edit';
}

export interface DraftChangeDetail {
  /** The draft the wizard now edits (put it in the page's URL to come back to it); `null` once it is gone. */
  draftId: string | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-customer-saved': CustomEvent<CustomerSavedDetail>;
    'tenantry-draft-change': CustomEvent<DraftChangeDetail>;
    'tenantry-wizard-close': CustomEvent<Record<string, never>>;
  }
}

/**
 * The later steps' views and the rules (`wizard-deferred.ts`): the wizard opens on its first step
 * without them; they load when the page is idle after it connected, or at the first need.
 */
type Deferred = typeof import('./wizard-deferred.js');
const deferredCode = lazyModule<Deferred>(() => import('./wizard-deferred.js'));
const loadDeferred = deferredCode.load;

/** Words for the top-level fields a merge lists. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  get name() { return msg('Name'); },
  get description() { return msg('Description'); },
  get status() { return msg('Status'); },
  get customerType() { return msg('Customer type'); },
  get domain() { return msg('Primary domain'); },
  get customLinks() { return msg('Custom links'); },
  get companyAddress() { return msg('Company address'); },
  get companyPhone() { return msg('Company phone'); },
  get billing() { return msg('Billing'); },
  get contacts() { return msg('Contacts'); },
  get adminUser() { return msg('Admin user'); },
  get tenantAdmins() { return msg('Tenant administrators'); },
  get readers() { return msg('Organization readers'); },
  get engineers() { return msg('MSP engineers'); },
  get accountManager() { return msg('Account manager'); },
  get runAsAccount() { return msg('Run-as account'); },
  get microsoftAccount() { return msg('Microsoft account'); },
  get azureTenants() { return msg('Azure directories'); },
  get plan() { return msg('Plan'); },
  get features() { return msg('Features'); },
  get service() { return msg('Service plan and tenant type'); },
  get storageRegion() { return msg('Storage region'); },
  get licenseExpiresOn() { return msg('License expiry'); },
  get creditQuota() { return msg('Credit quota'); },
  get schedules() { return msg('Collection schedules'); },
  get notifications() { return msg('Notifications'); },
  get salesReps() { return msg('Sales representatives'); },
};

const DUPLICATE_DELAY_MS = 400;
const MATCH_WORDS: Readonly<Record<DuplicateField, string>> = {
  get name() { return msg('name', {desc: 'What two customers have in common'}); },
  get domain() { return msg('domain', {desc: 'What two customers have in common'}); },
  get tenantId() { return msg('Azure tenant ID'); },
};

type Phase = 'loading' | 'pick' | 'form' | 'merge' | 'done' | 'failed';

interface Conflict {
  /** The organization as the server holds it now. */
  theirs: OrganizationInput;
  etag: string;
  /** Fields both sides changed: whose value to keep. */
  choices: Map<string, 'mine' | 'theirs'>;
}

/** What identifies an issue when comparing two checks of the same step. */
const issueKey = (i: FormIssue): string => `${i.path}\u0000${i.message}`;

/** A short, plain reading of a field's value for the merge screen (text only). */
function brief(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(brief).join('; ') : '—';
  const v = value as Record<string, unknown>;
  if (typeof v.displayName === 'string') return v.displayName;
  return Object.values(v)
    .filter((x) => x !== null && x !== '' && typeof x !== 'boolean')
    .map(brief)
    .join(', ') || '—';
}

/**
 * Creates a customer organization step by step, or edits one (`organization-id`), without ever
 * losing a field or making a duplicate.
 *
 * Steps: organization; company and billing; contacts and people; Microsoft account and Azure; plan
 * and services; collection schedules; notifications; sales representatives; review. Each field is
 * checked when the user leaves it and each step on Next, by the rules the server also applies; an
 * error summary takes focus and links to each field, and the server's own refusals land on the
 * right step and field. The draft is saved as the user types (through the data worker, per user
 * and acting tenant) and comes back after a reload at the same step; it owns the create's
 * idempotency key, so a retried submit (a timeout, a reload, a double click, a second tab) creates
 * one organization. While the name or domain is typed the wizard warns of likely duplicates the
 * user may see, and says how many others exist elsewhere in the channel without naming them.
 * In edit mode fields that can never change are read-only and only what changed is saved, with the
 * version read; if someone else changed it meanwhile, a merge screen shows theirs and yours.
 *
 * @summary The customer wizard: create or edit a customer organization, with drafts that survive a reload.
 *
 * @event tenantry-customer-saved - The organization was created or saved (`detail: CustomerSavedDetail`: `id`, `name`, `mode`); route the user to it.
 * @event tenantry-draft-change - The wizard started, resumed or finished a draft (`detail.draftId`); a host may keep it in its URL.
 * @event tenantry-wizard-close - The user chose Close (the draft is kept).
 *
 * @csspart base - The wizard's frame.
 * @csspart header - Title, acting tenant and save state.
 * @csspart title - The heading.
 * @csspart save-state - "Draft saved 10:42" and the like.
 * @csspart steps - The list of steps; `step` each, `step-current` the open one, `step-invalid` one with errors.
 * @csspart step - A step of the list.
 * @csspart step-current - The open step.
 * @csspart step-invalid - A step with errors.
 * @csspart body - The open step.
 * @csspart step-title - The open step's heading.
 * @csspart error-summary - The list of problems on the step, each a link to its field.
 * @csspart duplicates - The warning of likely duplicates.
 * @csspart field - A field (label, hint, errors, control); `label`, `hint`, `field-error`, `locked`, `input`, `checkbox`, `fieldset`, `legend` its pieces.
 * @csspart label - A field's label.
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's error.
 * @csspart locked - Why a field cannot be changed.
 * @csspart input - A text input, select or text area.
 * @csspart checkbox - A checkbox.
 * @csspart fieldset - A group of fields.
 * @csspart legend - A group's heading.
 * @csspart footer - Back, Next, Create or Save, Close.
 * @csspart button - Every button; `primary` the main one.
 * @csspart primary - The main button of the step.
 * @csspart notice - Progress and failures of a save.
 * @csspart drafts - The list of unfinished drafts to resume.
 * @csspart merge - The merge screen.
 * @csspart missing-client - The alert shown while the wizard has no data client.
 *
 * @cssproperty --tenantry-customer-wizard-background - Background; falls back to `--tenantry-color-surface`.
 * @cssproperty --tenantry-customer-wizard-text-color - Text; falls back to `--tenantry-color-text`.
 * @cssproperty --tenantry-customer-wizard-muted-color - Hints and secondary text; falls back to `--tenantry-color-text-muted`.
 * @cssproperty --tenantry-customer-wizard-border-color - Lines; falls back to `--tenantry-color-border`.
 * @cssproperty --tenantry-customer-wizard-accent-color - Current step and primary button; falls back to `--tenantry-color-accent`.
 * @cssproperty --tenantry-customer-wizard-danger-color - Errors; falls back to `--tenantry-color-danger`.
 * @cssproperty --tenantry-customer-wizard-warning-color - Duplicate warnings; falls back to `--tenantry-color-warning`.
 * @cssproperty --tenantry-customer-wizard-radius - Corner radius; falls back to `--tenantry-radius`.
 * @cssproperty --tenantry-customer-wizard-max-width - Widest the form grows. Default 880px.
 */
@localized()
export class CustomerWizard extends LitElement {
  static override styles = customerWizardStyles;
  /** Takes part in a host's form: its value is the id of the organization it saved. */
  static formAssociated = true;

  /** The data client; defaults to the one provided through `dataClientContext` (`provideDataClient`). */
  @property({attribute: false}) client?: DataClient;

  /** The tenant to act in; defaults to a provided `scopeContext`, else the page's acting scope. */
  @property({attribute: false}) scope?: Scope;

  /** Edit this organization instead of creating one. */
  @property({attribute: 'organization-id', reflect: true}) organizationId: string | null = null;

  /** Resume this draft (as `tenantry-draft-change` named it). */
  @property({attribute: 'draft-id', reflect: true}) draftId: string | null = null;

  @state() private phase: Phase = 'loading';
  @state() private values: OrganizationInput = emptyValues(null);
  @state() private step: StepId = 'organization';
  @state() private errors = new Map<string, string>();
  /** The problems listed at the top of the step (after Next or a refused save). */
  @state() private summary: FormIssue[] = [];
  @state() private notice: {tone: 'info' | 'error' | 'success'; text: string; retry?: boolean} | null = null;
  @state() private busy = false;
  @state() private drafts: DraftSummary[] = [];
  @state() private conflict: Conflict | null = null;
  @state() private duplicates: DuplicateCheck | null = null;
  @state() private invalidSteps = new Set<StepId>();
  @state() private failure = '';
  @state() private announcement = '';
  /** A move waits for the later steps' code (`loadDeferred`): the form says it is busy. */
  @state() private waitingForCode = false;
  /** The later steps' code could not be loaded for the step shown (a move tries again). */
  @state() private codeFailed = false;
  /** Notes the open step shows next to its fields (`StepContext.say`). */
  @state() private notes = new Map<string, string>();

  private draft: WizardDraft | null = null;
  private original: OrganizationInput | null = null;
  private etag: string | null = null;
  private loadedFor = '';
  private loading: AbortController | null = null;
  private readonly loads = new Map<string, {value: unknown; done: boolean; controller: AbortController}>();
  private readonly typedText = new Map<string, string>();
  /** How often each field was left: only the check of its latest leave shows. */
  private readonly leaves = new Map<string, number>();
  /** The issues each step of a stored record had when it was read (edit mode), by record. */
  private readonly storedIssues = new WeakMap<OrganizationInput, Map<StepId, Promise<Set<string>>>>();
  private duplicateTimer: ReturnType<typeof setTimeout> | undefined;
  private duplicateCheck: AbortController | null = null;
  private focusAfterRender: 'heading' | 'summary' | 'title' | null = null;
  private readonly internals: ElementInternals | null = typeof this.attachInternals === 'function' ? this.attachInternals() : null;

  private readonly clients = new ClientController(this, {own: () => this.client});
  private readonly scoping = new ScopeController(this, {client: () => this.clients.dataClient, scope: () => this.scope});
  /** A press on Next (or any button) in progress: what leaving a field shows waits for its click. */
  private readonly press = new PressController(this);
  private readonly autosave = new DraftController(this, {
    snapshot: () => (this.draft && this.phase === 'form' ? {draft: {...this.draft, step: this.step, values: this.values, savedAt: new Date().toISOString()}, title: this.values.name} : null),
  });

  private cancelPrefetch: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // The later steps, the rules and what those steps load on demand are fetched once the page is
    // idle, so a step change or a check never waits for them.
    this.cancelPrefetch = whenIdle(() => void loadDeferred().then((m) => m.loadUserPicker()).catch(() => undefined), 2000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelPrefetch?.();
    this.cancelPrefetch = null;
    this.loading?.abort();
    this.duplicateCheck?.abort();
    clearTimeout(this.duplicateTimer);
    for (const l of this.loads.values()) l.controller.abort();
    this.loads.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const client = this.clients.dataClient;
    const scope = this.scoping.scope;
    this.autosave.use(client, scope);
    const key = client && scope ? `${scope.tenantId}|${this.organizationId ?? ''}|${this.draftId ?? ''}` : '';
    // A draft id the wizard itself announced is already open: nothing to load.
    if (changed.has('draftId') && this.draft && this.draftId === this.draft.id) this.loadedFor = key;
    if (key && key !== this.loadedFor) {
      this.loadedFor = key;
      void this.open(client!, scope!);
    }
  }

  protected override updated(): void {
    const target = this.focusAfterRender;
    this.focusAfterRender = null;
    if (target === 'summary') this.renderRoot.querySelector<HTMLElement>('[part~="error-summary"]')?.focus();
    else if (target === 'heading') this.renderRoot.querySelector<HTMLElement>('[part~="step-title"]')?.focus();
    else if (target === 'title') this.renderRoot.querySelector<HTMLElement>('[part~="title"]')?.focus();
  }

  private get mode(): 'create' | 'edit' {
    return this.organizationId ? 'edit' : 'create';
  }

  /** The draft store of the client and scope (the autosave's own: one chain of index writes). */
  private store(): DraftStore | null {
    return this.autosave.use(this.clients.dataClient, this.scoping.scope);
  }

  /** Loads what the wizard opens on: the organization (edit), the draft named, or the list of drafts. */
  private async open(client: DataClient, scope: Scope): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const {signal} = controller;
    this.phase = 'loading';
    this.reset();
    const store = this.autosave.use(client, scope) ?? new DraftStore(client, scope);
    try {
      let draft = this.draftId ? await store.get(this.draftId) : null;
      if (signal.aborted) return;
      if (this.organizationId) {
        const {value, etag} = await client.getOrganization(scope, this.organizationId, {signal});
        if (signal.aborted) return;
        this.original = fromOrganization(value);
        this.etag = etag;
        if (draft && (draft.mode !== 'edit' || draft.orgId !== value.id)) draft = null;
        // Not named: an unsaved edit of this very version (a reload, a closed tab) comes back. One
        // made on an older version is not taken for it (its values would undo the newer changes).
        if (!draft) {
          for (const listed of (await store.list()).filter((d) => d.mode === 'edit' && d.orgId === value.id)) {
            const found = await store.get(listed.id);
            if (signal.aborted) return;
            if (found?.etag === etag) {
              draft = found;
              break;
            }
          }
        }
        this.begin(draft ?? this.newDraft('edit', this.original), draft ? {id: draft.id, mode: 'edit', orgId: draft.orgId, title: '', step: draft.step, savedAt: draft.savedAt} : null);
        return;
      }
      if (draft && draft.mode === 'create') {
        this.begin(draft, {id: draft.id, mode: 'create', orgId: null, title: '', step: draft.step, savedAt: draft.savedAt});
        return;
      }
      const drafts = (await store.list()).filter((d) => d.mode === 'create');
      if (signal.aborted) return;
      if (drafts.length) {
        this.drafts = drafts;
        this.phase = 'pick';
        return;
      }
      this.begin(this.newDraft('create', emptyValues(scope.tenantId)), null);
    } catch (e) {
      if (signal.aborted || isAbort(e)) return;
      this.failure = errorText(e);
      this.phase = 'failed';
    }
  }

  private reset(): void {
    this.errors = new Map();
    this.notes = new Map();
    this.summary = [];
    this.notice = null;
    this.conflict = null;
    this.duplicates = null;
    this.invalidSteps = new Set();
    this.typedText.clear();
    this.original = null;
    this.etag = null;
    this.draft = null;
  }

  private newDraft(mode: 'create' | 'edit', values: OrganizationInput): WizardDraft {
    return {id: newDraftId(), idempotencyKey: newDraftId(), mode, orgId: mode === 'edit' ? this.organizationId : null, etag: this.etag, step: 'organization', values, savedAt: new Date().toISOString()};
  }

  /** Opens the form on a draft (read back: its values are repaired, its step checked). */
  private begin(draft: WizardDraft, stored: DraftSummary | null): void {
    const base = this.original ?? emptyValues(this.scoping.scope?.tenantId ?? null);
    this.draft = draft;
    this.values = repairValues(draft.values, base);
    this.step = stepById(draft.step)?.id ?? 'organization';
    this.autosave.adopt(stored);
    this.phase = 'form';
    const what = this.mode === 'edit' ? msg('Editing') : stored ? msg('Resumed draft') : msg('New customer');
    this.announcement = `${what}. ${stepOf(STEP_IDS.indexOf(this.step) + 1, stepById(this.step)!.title)}`;
    emit(this, 'tenantry-draft-change', {draftId: draft.id});
    if (stored && this.step === 'review') void this.checkAll();
  }

  // --- fields -------------------------------------------------------------------------------

  private readonly fieldHost: Omit<StepContext, 'values' | 'mode' | 'client' | 'scope'> = {
    error: (path) => this.errors.get(path),
    input: (path, value, text) => this.handleInput(path, value, text),
    leave: (path) => void this.handleLeave(path),
    locked: (path) => this.lockedReason(path),
    typed: (path) => this.typedText.get(path),
    patch: (changes) => {
      let next = this.values;
      for (const [path, value] of changes) next = setAt(next, path, value);
      this.commit(next, changes.map(([p]) => p));
    },
    load: (key, run) => this.load(key, run),
    goTo: (step) => void this.goTo(step),
    say: (key, text) => {
      const notes = new Map(this.notes);
      if (text) notes.set(key, text);
      else notes.delete(key);
      this.notes = notes;
    },
    said: (key) => this.notes.get(key),
  };

  private context(): StepContext {
    return {...this.fieldHost, values: this.values, mode: this.mode, client: this.clients.dataClient!, scope: this.scoping.scope!};
  }

  private handleInput(path: FieldPath, value: unknown, text?: string): void {
    if (text !== undefined) this.typedText.set(pathKey(path), text);
    else this.typedText.delete(pathKey(path));
    this.commit(setAt(this.values, path, value), [path]);
  }

  private commit(next: OrganizationInput, paths: readonly FieldPath[]): void {
    if (this.lockedChange(next)) return;
    this.values = next;
    this.autosave.changed();
    if (paths.some((p) => p[0] === 'name' || p[0] === 'domain' || p[0] === 'microsoftAccount' || p[0] === 'azureTenants')) this.scheduleDuplicateCheck();
  }

  /** A change to a field that can never change is refused (the control is read-only; this is the guard). */
  private lockedChange(next: OrganizationInput): boolean {
    const o = this.original;
    if (!o) return false;
    // No change may carry the anchor (set or not): a choice made now would never be saved.
    if (next.customerOrganizationId !== o.customerOrganizationId) return true;
    return Boolean(o.adminUser?.loginEmail && next.adminUser?.loginEmail !== o.adminUser.loginEmail);
  }

  private lockedReason(path: FieldPath): string | null {
    const o = this.original;
    if (!o) return null;
    if (path[0] === 'customerOrganizationId') {
      return o.customerOrganizationId
        ? msg('Set when the organization was created; it can never change.')
        : msg('A customer organization can be chosen only when the customer is created; it cannot be added later.');
    }
    if (path[0] === 'adminUser' && path[1] === 'loginEmail' && o.adminUser?.loginEmail) return msg('The admin user’s sign-in name cannot change once the organization exists.');
    return null;
  }

  /** The user left a field: its issues (only its own) are shown now, or cleared. */
  private async handleLeave(path: FieldPath): Promise<void> {
    const key = pathKey(path);
    const step = this.step;
    const values = this.values;
    const check = (this.leaves.get(key) ?? 0) + 1;
    this.leaves.set(key, check);
    const issues = await this.stepIssues(step === 'review' ? stepOfPath(key) : step, values);
    // Leaving the field for Next: the error lines change once Next's click is in, not under the pointer
    // (without a press, at once: a field left by the keyboard shows its check in the same render).
    if (this.press.pressing) await this.press.settled();
    // A later leave of the field (its check may be quicker, e.g. no postal data to load) or another step decides.
    if (this.leaves.get(key) !== check || this.step !== step) return;
    const errors = new Map(this.errors);
    for (const k of [...errors.keys()]) if (k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) errors.delete(k);
    for (const i of issues) if (i.path === key || i.path.startsWith(`${key}.`) || i.path.startsWith(`${key}[`)) errors.set(i.path, i.message);
    this.errors = errors;
    // A fixed problem leaves the summary too.
    if (this.summary.length) this.summary = this.summary.filter((s) => errors.has(s.path));
  }

  private ruleContext() {
    return {original: this.original};
  }

  /**
   * A step's issues. In edit mode a problem the stored record already had, in a field this edit
   * leaves alone, is not held against the user (the server does not hold it against a change
   * either): an organization saved under older rules can still be edited elsewhere.
   */
  private async stepIssues(step: StepId, values: OrganizationInput = this.values): Promise<FormIssue[]> {
    const code = deferredCode.value ?? (await loadDeferred().catch(() => null));
    // Without the rules nothing is held against the user here: the server checks the same at the save.
    if (!code) return [];
    const {checkStep} = code;
    const issues = await checkStep(step, values, this.ruleContext());
    const original = this.original;
    if (this.mode !== 'edit' || !original || !issues.length) return issues;
    const changed = new Set(Object.keys(changedFields(original, values)));
    if (issues.every((i) => changed.has(topField(i.path)))) return issues;
    let stored = this.storedIssues.get(original);
    if (!stored) this.storedIssues.set(original, (stored = new Map()));
    let had = stored.get(step);
    if (!had) stored.set(step, (had = checkStep(step, original, this.ruleContext()).then((found) => new Set(found.map(issueKey)))));
    const before = await had;
    return issues.filter((i) => changed.has(topField(i.path)) || !before.has(issueKey(i)));
  }

  /** See `StepContext.load`. */
  private load<T>(key: string, run: (signal: AbortSignal) => Promise<T>): T | null | undefined {
    const hit = this.loads.get(key);
    if (hit) return hit.done ? (hit.value as T | null) : undefined;
    const controller = new AbortController();
    const entry = {value: undefined as unknown, done: false, controller};
    this.loads.set(key, entry);
    run(controller.signal).then(
      (value) => {
        entry.value = value;
        entry.done = true;
        if (!controller.signal.aborted) this.requestUpdate();
      },
      () => {
        // Asked again the next time the step renders (going to another step and back).
        entry.value = null;
        entry.done = true;
        if (!controller.signal.aborted) this.requestUpdate();
        setTimeout(() => this.loads.get(key) === entry && this.loads.delete(key), 0);
      },
    );
    return undefined;
  }

  // --- duplicates -----------------------------------------------------------------------------

  private scheduleDuplicateCheck(): void {
    clearTimeout(this.duplicateTimer);
    this.duplicateTimer = setTimeout(() => void this.checkDuplicates(), DUPLICATE_DELAY_MS);
  }

  private async checkDuplicates(): Promise<void> {
    const client = this.clients.dataClient;
    const scope = this.scoping.scope;
    this.duplicateCheck?.abort();
    const name = this.values.name.trim();
    const domain = this.values.domain.trim();
    // The directory being linked: the existing Microsoft account chosen, else the first Azure directory.
    const account = this.values.microsoftAccount;
    const tenantId = (account?.mode === 'existing' && account.tenantId) || this.values.azureTenants[0]?.tenantId || '';
    if (!client || !scope || (name.length < 3 && !domain && !tenantId)) {
      this.duplicates = null;
      return;
    }
    const controller = new AbortController();
    this.duplicateCheck = controller;
    try {
      const found = await client.findDuplicates(
        scope,
        {...(name.length >= 3 ? {name} : {}), ...(domain ? {domain} : {}), ...(tenantId ? {tenantId} : {}), ...(this.organizationId ? {excludeId: this.organizationId} : {})},
        {signal: controller.signal},
      );
      if (!controller.signal.aborted) this.duplicates = found.matches.length || found.hiddenCount ? found : null;
    } catch {
      // A warning only: a failed check says nothing (the server still refuses a real conflict).
      if (!controller.signal.aborted) this.duplicates = null;
    }
  }

  /**
   * Before a move (Next, a step chosen, Create): the later steps' code and the rules, which the
   * move's checks and the next step need. Until they arrive the form says it is busy and the
   * wizard that it is loading; if they cannot be loaded the move goes on (see `stepIssues`).
   */
  private async codeForMove(): Promise<void> {
    if (deferredCode.value) return;
    this.waitingForCode = true;
    this.announcement = msg('Loading…');
    await loadDeferred().catch(() => undefined);
    this.waitingForCode = false;
  }

  // --- navigation -----------------------------------------------------------------------------

  private index(step: StepId = this.step): number {
    return STEP_IDS.indexOf(step);
  }

  private async checkOne(step: StepId): Promise<FormIssue[]> {
    const issues = await this.stepIssues(step);
    const invalid = new Set(this.invalidSteps);
    if (issues.length) invalid.add(step);
    else invalid.delete(step);
    this.invalidSteps = invalid;
    // A step without issues shows no errors (one a field's leave had not cleared yet included).
    if (!issues.length && [...this.errors.keys()].some((k) => stepOfPath(k) === step)) this.errors = this.errorsBeside(step);
    return issues;
  }

  /** The errors shown, without those of `step`'s fields. */
  private errorsBeside(step: StepId): Map<string, string> {
    return new Map([...this.errors].filter(([k]) => stepOfPath(k) !== step));
  }

  /** Shows a step's issues on its fields and in the summary, which takes focus. */
  private showIssues(step: StepId, issues: readonly FormIssue[]): void {
    const errors = this.errorsBeside(step);
    for (const i of issues) if (!errors.has(i.path)) errors.set(i.path, i.message);
    this.errors = errors;
    if (this.step !== step) this.notes = new Map();
    this.step = step;
    this.summary = [...issues];
    this.focusAfterRender = 'summary';
  }

  private async handleNext(): Promise<void> {
    if (this.busy) return;
    const step = this.step;
    await this.codeForMove();
    const issues = await this.checkOne(step);
    if (this.step !== step) return;
    if (issues.length) {
      this.showIssues(step, issues);
      return;
    }
    this.moveTo(STEP_IDS[this.index() + 1]);
    if (this.step === 'review') await this.checkAll();
  }

  private handleBack(): void {
    if (this.index() > 0) this.moveTo(STEP_IDS[this.index() - 1]);
  }

  /** A step chosen in the list or from the review: back freely, forward only past steps without errors. */
  private async goTo(target: StepId): Promise<void> {
    await this.codeForMove();
    if (this.index(target) > this.index()) {
      for (const s of STEP_IDS.slice(this.index(), this.index(target))) {
        const issues = await this.checkOne(s);
        if (issues.length) {
          this.showIssues(s, issues);
          return;
        }
      }
    }
    this.moveTo(target);
    if (target === 'review') await this.checkAll();
  }

  private moveTo(step: StepId): void {
    this.step = step;
    this.codeFailed = false;
    this.summary = [];
    this.notes = new Map();
    this.focusAfterRender = 'heading';
    this.announcement = stepOf(this.index(step) + 1, stepById(step)!.title);
    this.autosave.changed();
  }

  /** Every step checked (the review shows nothing unchecked); the problems are listed there. */
  private async checkAll(): Promise<FormIssue[]> {
    const all: FormIssue[] = [];
    for (const s of STEP_IDS) all.push(...(await this.checkOne(s)));
    const errors = new Map<string, string>();
    for (const i of all) if (!errors.has(i.path)) errors.set(i.path, i.message);
    this.errors = errors;
    return all;
  }

  // --- saving ---------------------------------------------------------------------------------

  private async handleSubmit(): Promise<void> {
    const client = this.clients.dataClient;
    const scope = this.scoping.scope;
    const draft = this.draft;
    if (this.busy || !client || !scope || !draft) return;
    this.busy = true;
    this.notice = null;
    try {
      if (this.mode === 'edit' && this.original && !Object.keys(changedFields(this.original, this.values)).length) {
        this.notice = {tone: 'info', text: msg('Nothing has changed: there is nothing to save.')};
        return;
      }
      const issues = await this.checkAll();
      if (issues.length) {
        const first = stepOfPath(issues[0].path);
        this.showIssues(first, issues.filter((i) => stepOfPath(i.path) === first));
        return;
      }
      // What was typed is on disk before the request leaves: a crash now still has the draft (and its key).
      await this.autosave.flush();
      this.notice = {tone: 'info', text: this.mode === 'edit' ? msg('Saving…') : msg('Creating the customer…')};
      if (this.mode === 'create') {
        const {value} = await client.createOrganization(scope, this.values, draft.idempotencyKey);
        await this.finish(value.id, value.name, 'create');
      } else {
        const patch = changedFields(this.original!, this.values);
        const {value, etag} = await client.updateOrganization(scope, this.organizationId!, patch, this.etag!);
        this.original = fromOrganization(value);
        this.etag = etag;
        await this.finish(value.id, value.name, 'edit');
      }
    } catch (e) {
      await this.refused(e);
    } finally {
      this.busy = false;
    }
  }

  private async finish(id: Id, name: string, mode: 'create' | 'edit'): Promise<void> {
    const draft = this.draft;
    this.draft = null;
    if (draft) await this.autosave.discard(draft.id).catch(() => undefined);
    this.phase = 'done';
    this.notice = {tone: 'success', text: mode === 'create' ? msg(str`Customer “${name}” was created.`) : msg(str`Changes to “${name}” were saved.`)};
    this.internals?.setFormValue(id);
    this.focusAfterRender = 'title';
    emit(this, 'tenantry-draft-change', {draftId: null});
    emit(this, 'tenantry-customer-saved', {id, name, mode});
  }

  /** A refused save: field errors land on their fields, a conflict opens the merge, anything else keeps everything for a retry. */
  private async refused(e: unknown): Promise<void> {
    const said = e instanceof Error ? e.message : String(e);
    const error = e instanceof TenantryError ? e : new TenantryError('network', said, {reason: {id: 'unexpected', params: {}}, detail: said});
    if (error.code === 'invalid-request' && error.details.issues?.length) {
      // A server words its issues in English: ours are worded again in the page's language (the
      // English catalogue loads for that, the save still busy; without it they show as they came).
      const reword = await import('../../src/shared/forms/reword.js').then(
        (m) => m.rewordMessage,
        () => (text: string) => text,
      );
      const issues: FormIssue[] = error.details.issues.map((i) => ({path: i.path, message: reword(i.message), code: 'required', params: {}}));
      const first = stepOfPath(issues[0].path);
      const errors = new Map(this.errors);
      for (const i of issues) errors.set(i.path, i.message);
      this.errors = errors;
      this.invalidSteps = new Set([...this.invalidSteps, ...issues.map((i) => stepOfPath(i.path))]);
      this.notice = {tone: 'error', text: msg('The server refused some of what was entered. Nothing was saved; correct the fields marked and try again.')};
      this.showIssues(first, issues.filter((i) => stepOfPath(i.path) === first));
      return;
    }
    if (error.code === 'version-conflict' && error.details.current && this.original) {
      this.openMerge(fromOrganization(error.details.current.value), error.details.current.etag);
      return;
    }
    const again = this.mode === 'create' ? ` ${msg('Trying again cannot create the customer twice.')}` : '';
    // The data plane's "not saved" (it could not send the write) is said once, in the wizard's words.
    const unsent = error.reason?.id === 'write.not-saved' || error.reason?.id === 'write.not-saved-create';
    const text = unsent
      ? msg('Not saved: the server could not be reached, or its answer did not arrive. Everything you entered is kept in the draft.')
      : msg(str`Not saved: ${errorText(error)} Everything you entered is kept in the draft.`);
    this.notice = {tone: 'error', text: `${text}${again}`, retry: error.retryable || error.code === 'network' || error.code === 'timeout'};
  }

  // --- merge ----------------------------------------------------------------------------------

  private openMerge(theirs: OrganizationInput, etag: string): void {
    const mine = changedFields(this.original!, this.values) as Record<string, unknown>;
    const choices = new Map<string, 'mine' | 'theirs'>();
    for (const k of Object.keys(mine)) {
      const theirValue = (theirs as unknown as Record<string, unknown>)[k];
      const base = (this.original as unknown as Record<string, unknown>)[k];
      if (!same(theirValue, base) && !same(theirValue, mine[k])) choices.set(k, 'mine');
    }
    this.conflict = {theirs, etag, choices};
    this.phase = 'merge';
    this.focusAfterRender = 'title';
  }

  private async handleMergeSave(): Promise<void> {
    const c = this.conflict;
    if (!c || !this.original) return;
    const mine = changedFields(this.original, this.values) as Record<string, unknown>;
    let merged = c.theirs;
    for (const [k, v] of Object.entries(mine)) if ((c.choices.get(k) ?? 'mine') === 'mine') merged = setAt(merged, [k], v);
    this.original = c.theirs;
    this.etag = c.etag;
    this.values = merged;
    this.conflict = null;
    this.phase = 'form';
    await this.handleSubmit();
  }

  // --- drafts ---------------------------------------------------------------------------------

  private async handleResume(id: string): Promise<void> {
    const store = this.store();
    const draft = await store?.get(id);
    const summary = this.drafts.find((d) => d.id === id) ?? null;
    if (!draft) {
      this.drafts = this.drafts.filter((d) => d.id !== id);
      this.notice = {tone: 'error', text: msg('That draft is gone (finished or discarded in another tab).')};
      return;
    }
    this.begin(draft, summary);
    this.focusAfterRender = 'heading';
  }

  private async handleDiscard(id: string): Promise<void> {
    // The open draft's pending autosave is dropped and waited out first, or it would bring the draft back.
    if (this.draft?.id === id) await this.autosave.discard(id);
    else await this.store()?.discard(id);
    this.drafts = this.drafts.filter((d) => d.id !== id);
    if (this.draft?.id === id) {
      this.draft = null;
      emit(this, 'tenantry-draft-change', {draftId: null});
    }
    this.notice = {tone: 'info', text: msg('Draft discarded.')};
    if (this.phase === 'form') this.startNew();
  }

  private startNew(): void {
    const scope = this.scoping.scope;
    this.reset();
    this.begin(this.newDraft('create', emptyValues(scope?.tenantId ?? null)), null);
    this.focusAfterRender = 'heading';
  }

  private handleClose(): void {
    void this.autosave.flush();
    emit(this, 'tenantry-wizard-close', {});
  }

  // --- render ---------------------------------------------------------------------------------

  override render(): TemplateResult {
    if (!this.clients.value) return renderMissingClient();
    const title = this.mode === 'edit' ? (this.original?.name ? msg(str`Edit ${this.original.name}`) : msg('Edit customer')) : msg('New customer');
    return html`<section part="base" aria-labelledby="wizard-title">
      <header part="header">
        <h2 id="wizard-title" part="title" tabindex="-1"><bdi>${title}</bdi></h2>
        ${renderScopeBanner(this.scoping)}
        ${this.phase === 'form' ? html`<p part="save-state" class="save-state">${this.saveState()}</p>` : nothing}
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      ${this.notice ? this.renderNotice() : nothing}
      ${this.phase === 'loading'
        ? html`<p role="status">${msg('Loading…')}</p>`
        : this.phase === 'failed'
          ? html`<p role="alert" part="notice">${msg(str`The wizard could not open: ${this.failure}`)}</p>`
          : this.phase === 'pick'
            ? this.renderDrafts()
            : this.phase === 'merge'
              ? this.renderMerge()
              : this.phase === 'done'
                ? this.renderDone()
                : this.renderForm()}
    </section>`;
  }

  private saveState(): string {
    const s = this.autosave.status;
    switch (s.state) {
      case 'saving':
      case 'pending':
        return msg('Saving draft…');
      case 'saved':
        return msg(str`Draft saved ${formatTime(s.at)}`);
      case 'failed':
        return msg('The draft could not be saved; it is kept on this page and tried again with your next change.');
      default:
        return msg('Drafts are saved as you type.');
    }
  }

  private renderNotice(): TemplateResult {
    const n = this.notice!;
    return html`<div part="notice" class="notice ${n.tone}" role=${n.tone === 'error' ? 'alert' : 'status'}>
      <span>${n.text}</span>
      ${n.retry ? html`<button type="button" part="button" @click=${() => void this.handleSubmit()}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }

  private renderDrafts(): TemplateResult {
    return html`<div part="drafts">
      <h3>${msg('Unfinished customers')}</h3>
      <ul>
        ${this.drafts.map(
          (d) => html`<li>
            <span><bdi>${d.title || msg('Untitled customer')}</bdi> — ${stepById(d.step)?.title ?? msg('Organization')}${d.savedAt ? msg(str`, saved ${formatDateTime(d.savedAt)}`) : ''}</span>
            <button type="button" part="button primary" @click=${() => void this.handleResume(d.id)}>${msg('Resume')} <span class="sr-only">${d.title || msg('untitled customer')}</span></button>
            <button type="button" part="button" @click=${() => void this.handleDiscard(d.id)}>${msg('Discard')} <span class="sr-only">${d.title || msg('untitled customer')}</span></button>
          </li>`,
        )}
      </ul>
      <button type="button" part="button" @click=${() => this.startNew()}>${msg('Start a new customer')}</button>
    </div>`;
  }

  private renderDone(): TemplateResult {
    return html`<div part="body" class="done">
      <p>${this.mode === 'create' ? msg('The customer is in the list now.') : msg('The changes are in the list now.')}</p>
      ${this.mode === 'create' ? html`<button type="button" part="button primary" @click=${() => this.startNew()}>${msg('Add another customer')}</button>` : nothing}
    </div>`;
  }

  private renderMerge(): TemplateResult {
    const c = this.conflict!;
    const mine = changedFields(this.original!, this.values) as Record<string, unknown>;
    const theirs = c.theirs as unknown as Record<string, unknown>;
    const base = this.original as unknown as Record<string, unknown>;
    const theirOnly = Object.keys(FIELD_LABELS).filter((k) => !(k in mine) && !same(theirs[k], base[k]));
    const mineOnly = Object.keys(mine).filter((k) => !c.choices.has(k));
    return html`<div part="merge" class="merge">
      <h3 tabindex="-1">${msg('Someone else changed this customer while you were editing')}</h3>
      <p>${msg('Choose, for each field you both changed, which value to keep. Their other changes are kept; yours are kept where they did not touch the field.')}</p>
      ${c.choices.size
        ? html`<table>
            <thead><tr><th scope="col">${msg('Field')}</th><th scope="col">${msg('Theirs')}</th><th scope="col">${msg('Yours')}</th></tr></thead>
            <tbody>
              ${[...c.choices].map(
                ([k, pick]) => html`<tr>
                  <th scope="row">${FIELD_LABELS[k] ?? k}</th>
                  <td><label><input type="radio" name="merge-${k}" .checked=${pick === 'theirs'} @change=${() => this.choose(k, 'theirs')} /> <bdi>${brief(theirs[k])}</bdi></label></td>
                  <td><label><input type="radio" name="merge-${k}" .checked=${pick === 'mine'} @change=${() => this.choose(k, 'mine')} /> <bdi>${brief(mine[k])}</bdi></label></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${msg('You changed different fields: both sets of changes can be kept.')}</p>`}
      ${mineOnly.length ? html`<p>${msg(str`Kept from your changes: ${formatList(mineOnly.map((k) => FIELD_LABELS[k] ?? k))}.`)}</p>` : nothing}
      ${theirOnly.length ? html`<p>${msg(str`Kept from their change: ${formatList(theirOnly.map((k) => FIELD_LABELS[k] ?? k))}.`)}</p>` : nothing}
      <div part="footer" class="footer">
        <button type="button" part="button primary" @click=${() => void this.handleMergeSave()}>${msg('Save with these choices')}</button>
        <button type="button" part="button" @click=${() => this.discardMine()}>${msg('Discard my changes')}</button>
      </div>
    </div>`;
  }

  private choose(field: string, pick: 'mine' | 'theirs'): void {
    const c = this.conflict;
    if (!c) return;
    this.conflict = {...c, choices: new Map(c.choices).set(field, pick)};
  }

  private discardMine(): void {
    const c = this.conflict;
    if (!c) return;
    this.original = c.theirs;
    this.etag = c.etag;
    this.values = c.theirs;
    this.conflict = null;
    this.phase = 'form';
    this.notice = {tone: 'info', text: msg('Your changes were dropped; the form shows the customer as it is now.')};
  }

  private renderForm(): TemplateResult {
    const ctx = this.context();
    const current = stepById(this.step)!;
    const last = this.step === 'review';
    return html`
      <nav part="steps" aria-label=${msg('Steps')}>
        <ol>
          ${STEPS.map((s, i) => {
            const parts = ['step', s.id === this.step ? 'step-current' : '', this.invalidSteps.has(s.id) ? 'step-invalid' : ''].filter(Boolean).join(' ');
            return html`<li>
              <button type="button" part=${parts} aria-current=${s.id === this.step ? 'step' : 'false'} @click=${() => void this.goTo(s.id)}>
                <span class="num" aria-hidden="true">${i + 1}</span> ${s.title}${this.invalidSteps.has(s.id) ? html`<span class="sr-only"> ${msg('(has errors)')}</span>` : nothing}
              </button>
            </li>`;
          })}
        </ol>
      </nav>
      <div part="body" class="body">
        ${this.summary.length ? this.renderSummary() : nothing}
        <h3 part="step-title" tabindex="-1">${current.title}</h3>
        ${(this.step === 'organization' || this.step === 'microsoft') && this.duplicates ? this.renderDuplicates() : nothing}
        <form novalidate aria-busy=${this.waitingForCode ? 'true' : 'false'} @submit=${(e: Event) => (e.preventDefault(), void (last ? this.handleSubmit() : this.handleNext()))}>
          ${this.renderStep(ctx)}
          <div part="footer" class="footer">
            ${this.index() > 0 ? html`<button type="button" part="button" @click=${() => this.handleBack()}>${msg('Back')}</button>` : nothing}
            <button type="submit" part="button primary" ?disabled=${this.busy} aria-disabled=${this.busy ? 'true' : 'false'}>
              ${last ? (this.mode === 'edit' ? msg('Save changes') : msg('Create customer')) : msg('Next')}
            </button>
            <span class="spacer"></span>
            <button type="button" part="button" @click=${() => this.handleClose()}>${msg('Close (keep draft)')}</button>
            ${this.mode === 'create' && this.draft ? html`<button type="button" part="button danger" @click=${() => void this.handleDiscard(this.draft!.id)}>${msg('Discard draft')}</button>` : nothing}
          </div>
        </form>
      </div>
    `;
  }

  /** The open step's fields; a later step whose code has not arrived says it is loading (or why not). */
  private renderStep(ctx: StepContext): TemplateResult {
    const step = this.step;
    if (step === 'organization') return renderOrganizationStep(ctx);
    if (deferredCode.value) return step === 'review' ? deferredCode.value.renderReviewStep(ctx, this.invalidSteps) : deferredCode.value.LATER_VIEWS[step](ctx);
    if (!this.codeFailed) {
      loadDeferred().then(
        () => this.requestUpdate(),
        () => {
          if (this.step === step) this.codeFailed = true;
        },
      );
    }
    return html`<p part="notice" class="notice" role="status">${this.codeFailed ? msg('This could not be shown; try again.') : msg('Loading…')}</p>`;
  }

  private renderSummary(): TemplateResult {
    return html`<div part="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <h3 id="summary-title">${plural(this.summary.length, {one: () => msg('There is a problem'), other: (c) => msg(str`There are ${c} problems`)})}</h3>
      <ul>
        ${this.summary.map(
          (i) => html`<li><a href="#${controlId(i.path)}" @click=${(e: Event) => this.handleSummaryLink(e, i.path)}>${labelOf(i.path)}: ${i.message}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  /** A summary link: focus on the field's control, else on the control of the nearest field that holds it (a list's entry). */
  private handleSummaryLink(e: Event, path: string): void {
    e.preventDefault();
    const find = (p: string): HTMLElement | null =>
      this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(controlId(p))}`) ??
      this.renderRoot.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"] input, [data-path="${CSS.escape(p)}"] select, [data-path="${CSS.escape(p)}"] textarea`);
    let target: HTMLElement | null = null;
    for (let p: string | null = path; p && !target; p = parentPath(p)) target = find(p);
    target?.focus();
    target?.scrollIntoView({block: 'center'});
  }

  private renderDuplicates(): TemplateResult {
    const d = this.duplicates!;
    return html`<div part="duplicates" class="duplicates" role="status">
      <p><strong>${msg('This customer may already exist.')}</strong></p>
      ${d.matches.length
        ? html`<ul>
            ${d.matches.map((m) => html`<li><bdi>${m.name}</bdi>${m.domain ? html` (<bdi>${m.domain}</bdi>)` : nothing}${m.parentName ? msg(html` under <bdi>${m.parentName}</bdi>`) : nothing} — ${msg(str`same ${formatList(m.matchedOn.map((f) => MATCH_WORDS[f]))}`)}</li>`)}
          </ul>`
        : nothing}
      ${d.hiddenCount ? html`<p>${plural(d.hiddenCount, {
            one: () => msg('One organization elsewhere in the channel, which you cannot see, matches too. Check with your distributor before creating it again.'),
            other: (c) => msg(str`${c} organizations elsewhere in the channel, which you cannot see, match too. Check with your distributor before creating it again.`),
          })}</p>` : nothing}
    </div>`;
  }
}

/** "Step 2 of 9: Company and billing." */
const stepOf = (n: number, title: string): string => msg(str`Step ${n} of ${STEPS.length}: ${title}.`);

/** The path that holds `path` (`notifications.emails[2]` → `notifications.emails`), or `null` at the top. */
function parentPath(path: string): string | null {
  const last = /(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  return last && last.index > 0 ? path.slice(0, last.index) : null;
}


/** A readable name for an issue's field, for the summary. */
function labelOf(path: string): string {
  const top = topField(path);
  const rest = path.slice(top.length).replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`).replace(/\./g, ' ').trim();
  const words = rest.replace(/([A-Z])/g, ' $1').toLowerCase();
  return `${FIELD_LABELS[top] ?? top}${words ? ` — ${words}` : ''}`;
}
