/**
 * One lifecycle request of an organization (suspend, resume, disable, enable, archive, or delete),
 * for any element that asks the user first: `ask()` with the organization as the element shows it
 * and the acting tenant *at that moment*, then `confirm()` sends the write in that tenant (never in
 * whatever scope the page has switched to meanwhile). While the user reads, what the move touches is
 * loaded (for suspend, archive and delete); an answer to an earlier ask, or after `close()`, is
 * dropped. A refusal becomes a `failure` in plain words with the ways forward (`remedies`): Reload
 * (the record changed), Try again (not sent), or a merge the host may open. Nothing the user typed
 * (the name a delete asks for) is lost on failure. The host re-renders on every change.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {lifecycleMove, lifecycleTarget} from '../../shared/contract/lifecycle.js';
import {TenantryError, isAbort, type ErrorCode} from '../../shared/contract/errors.js';
import type {Id, KindCounts, LifecycleAction, LifecycleImpact, Organization, OrgStatus, TenantKind} from '../../shared/model/types.js';
import {msg, str} from '@lit/localize';
import {STATUS_LABELS, lifecycleNotDone} from '../../shared/model/labels.js';
import {getLocale} from '../locale.js';
import {plural} from '../format.js';
import type {ActingScope} from '../../shared/tenancy.js';
import {plainName} from '../scope-store.js';
import type {DataClient} from '../data-client.js';
import {errorText} from '../messages.js';

/** A lifecycle move, or a delete (only of a suspended organization with nothing below it). */
export type LifecycleRequestAction = LifecycleAction | 'delete';

/** The organization as the asking element shows it (a summary or a whole record will do). */
export interface LifecycleSubject {
  id: Id;
  name: string;
  kind: TenantKind;
  status: OrgStatus;
  /** The version read; the write sends it as the ETag (`"<version>"`). */
  version: number;
}

/** The tenant the request is made in, with its name for the sentence that names it. */
export type LifecycleScope = Pick<ActingScope, 'tenantId' | 'name'>;

export interface LifecycleRequest {
  org: LifecycleSubject;
  action: LifecycleRequestAction;
  /** Captured when the question was asked; the write goes to this tenant. */
  scope: LifecycleScope;
}

/** What the data client must offer (a test may hand in only these). */
export type LifecycleClient = Pick<DataClient, 'transitionOrganization' | 'lifecycleImpact' | 'deleteOrganization' | 'getOrganization'>;

/** The preview of what the request touches. */
export type ImpactState =
  | {state: 'none'}
  | {state: 'loading'}
  | {state: 'loaded'; value: LifecycleImpact}
  | {state: 'failed'; message: string};

/** A way forward after a refusal: read the record again, send again, or open the host's merge. */
export type LifecycleRemedy = 'reload' | 'retry' | 'merge';

export interface LifecycleFailure {
  code: ErrorCode;
  /** What was wrong, in plain words, with what to do. */
  message: string;
  remedies: LifecycleRemedy[];
  /** For a `version-conflict`: the record as the server holds it now, when it said. */
  current?: {value: Organization; etag: string};
}

/** A request the server carried out. */
export interface LifecycleOutcome {
  action: LifecycleRequestAction;
  organizationId: Id;
  organizationName: string;
  /** The status it has now; `null` after a delete. */
  status: OrgStatus | null;
  /** The tenant it was done in (the one captured at `ask`). */
  scopeTenantId: Id;
  /** The record as the server returned it; `null` after a delete. */
  value: Organization | null;
}

export type LifecycleResult = {ok: true; outcome: LifecycleOutcome} | {ok: false; failure: LifecycleFailure};

/** `idle`: nothing asked; `asking`: waiting for the user; `sending`: the write is under way; `reloading`: reading the record again. */
export type LifecyclePhase = 'idle' | 'asking' | 'sending' | 'reloading';

export interface LifecycleControllerOptions {
  /** The host's data client; `null` while it has none. */
  client: () => LifecycleClient | null | undefined;
}

/** Requests whose effect reaches below the organization: their impact is shown first. */
const WITH_IMPACT: ReadonlySet<LifecycleRequestAction> = new Set(['suspend', 'archive', 'delete']);

const KINDS: readonly TenantKind[] = ['distributor', 'reseller', 'customer-organization', 'customer'];

/** "1 reseller", "3 customers", by the locale's plural rules. */
export function countOf(n: number, kind: TenantKind): string {
  switch (kind) {
    case 'distributor': return plural(n, {one: (c) => msg(str`${c} distributor`), other: (c) => msg(str`${c} distributors`)});
    case 'reseller': return plural(n, {one: (c) => msg(str`${c} reseller`), other: (c) => msg(str`${c} resellers`)});
    case 'customer-organization': return plural(n, {one: (c) => msg(str`${c} customer organization`), other: (c) => msg(str`${c} customer organizations`)});
    case 'customer': return plural(n, {one: (c) => msg(str`${c} customer`), other: (c) => msg(str`${c} customers`)});
  }
}

/** "2 resellers, 10 customers" (kinds with none left out); empty when there are none. */
export const describeKindCounts = (counts: KindCounts): string =>
  KINDS.filter((k) => counts[k] > 0)
    .map((k) => countOf(counts[k], k))
    .join(msg(', ', {desc: 'Between items of a list of counts'}));

/** Organizations below, all kinds together. */
export const totalBelow = (counts: KindCounts): number => Object.values(counts).reduce((s, n) => s + n, 0);

/** A name as the user can type it (invisible and bidi-control characters dropped, whitespace collapsed, NFC). */
export const typeableName = (name: string): string => plainName(name.normalize('NFC'), Number.MAX_SAFE_INTEGER);

/** Whether `typed` is the organization's name as the user can type it. */
export const nameMatches = (name: string, typed: string): boolean => typed.trim() !== '' && typeableName(typed) === typeableName(name);

/** A version conflict's sentence: nothing of the request was done. */
function changedMeanwhile(action: LifecycleRequestAction, name: string): string {
  switch (action) {
    case 'suspend': return msg(str`${name} was changed by someone else since you opened this. Nothing was suspended. Reload to see it as it is now, then decide again.`);
    case 'resume': return msg(str`${name} was changed by someone else since you opened this. Nothing was resumed. Reload to see it as it is now, then decide again.`);
    case 'disable': return msg(str`${name} was changed by someone else since you opened this. Nothing was disabled. Reload to see it as it is now, then decide again.`);
    case 'enable': return msg(str`${name} was changed by someone else since you opened this. Nothing was enabled. Reload to see it as it is now, then decide again.`);
    case 'archive': return msg(str`${name} was changed by someone else since you opened this. Nothing was archived. Reload to see it as it is now, then decide again.`);
    case 'delete': return msg(str`${name} was changed by someone else since you opened this. Nothing was deleted. Reload to see it as it is now, then decide again.`);
  }
}

/** A refusal's sentence: the user may not make this request in this tenant. */
function mayNot(action: LifecycleRequestAction, name: string, scope: string): string {
  switch (action) {
    case 'suspend': return msg(str`You may not suspend ${name} in ${scope}`);
    case 'resume': return msg(str`You may not resume ${name} in ${scope}`);
    case 'disable': return msg(str`You may not disable ${name} in ${scope}`);
    case 'enable': return msg(str`You may not enable ${name} in ${scope}`);
    case 'archive': return msg(str`You may not archive ${name} in ${scope}`);
    case 'delete': return msg(str`You may not delete ${name} in ${scope}`);
  }
}

const etagOf = (version: number): string => `"${version}"`;

export class LifecycleController implements ReactiveController {
  private current: LifecycleRequest | null = null;
  private state: LifecyclePhase = 'idle';
  private preview: ImpactState = {state: 'none'};
  private refusal: LifecycleFailure | null = null;
  private typedName = '';
  /** Aborts the reads of the current request; a new ask or `close()` replaces it. */
  private run: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LifecycleControllerOptions,
  ) {
    host.addController(this);
  }

  get request(): LifecycleRequest | null {
    return this.current;
  }

  get phase(): LifecyclePhase {
    return this.state;
  }

  get impact(): ImpactState {
    return this.preview;
  }

  get failure(): LifecycleFailure | null {
    return this.refusal;
  }

  /** What the user typed to confirm a delete. */
  get typed(): string {
    return this.typedName;
  }

  /** Why the request cannot be confirmed at all (the rules forbid it from the status it has); `null` when it can. */
  get blocked(): string | null {
    const r = this.current;
    if (!r) return null;
    if (r.org.id === r.scope.tenantId) return msg('You can’t change the tenant you are acting in. Switch to a tenant above it first.');
    if (r.action === 'delete') {
      if (r.org.status !== 'suspended') {
        const status = STATUS_LABELS[r.org.status].toLocaleLowerCase(getLocale());
        return msg(str`Only a suspended organization can be deleted; this one is ${status}. Suspend it first.`);
      }
      return null;
    }
    if (lifecycleTarget(r.org.status, r.action) !== null) return null;
    try {
      lifecycleMove(r.org.status, r.action, r.org.kind);
    } catch (e) {
      if (e instanceof TenantryError) return errorText(e);
    }
    return null;
  }

  /** Whether a delete's name has been typed (always `true` for a move). */
  get nameConfirmed(): boolean {
    const r = this.current;
    return !r || r.action !== 'delete' || nameMatches(r.org.name, this.typedName);
  }

  /** Whether `confirm()` would send now (apart from connectivity, which the host checks). */
  get canConfirm(): boolean {
    return this.state === 'asking' && this.blocked === null && this.nameConfirmed;
  }

  /** Asks about `action` on `org` in `scope` (captured now): loads the impact where it applies. */
  ask(org: LifecycleSubject, action: LifecycleRequestAction, scope: LifecycleScope): void {
    this.run?.abort();
    this.run = new AbortController();
    this.current = {org: {id: org.id, name: org.name, kind: org.kind, status: org.status, version: org.version}, action, scope: {tenantId: scope.tenantId, name: scope.name}};
    this.state = 'asking';
    this.refusal = null;
    this.typedName = '';
    this.preview = {state: 'none'};
    this.loadImpact(this.run.signal);
    this.host.requestUpdate();
  }

  /** Keeps what the user typed to confirm a delete. */
  setTyped(value: string): void {
    this.typedName = value;
    this.host.requestUpdate();
  }

  /**
   * Sends the request (a move optimistically: every loaded view shows it at once and takes it back
   * if the server refuses). Resolves with the outcome, or the failure (also kept in `failure`,
   * the request staying open with what the user typed).
   */
  async confirm(): Promise<LifecycleResult> {
    const r = this.current;
    const client = this.options.client();
    if (!r || !client || !this.canConfirm) {
      const failure: LifecycleFailure = {code: 'invalid-request', message: this.blocked ?? (r && !this.nameConfirmed ? msg('Type the organization’s name to confirm.') : msg('There is nothing to confirm.')), remedies: []};
      return {ok: false, failure};
    }
    this.state = 'sending';
    this.refusal = null;
    this.host.requestUpdate();
    try {
      const etag = etagOf(r.org.version);
      let outcome: LifecycleOutcome;
      if (r.action === 'delete') {
        await client.deleteOrganization({tenantId: r.scope.tenantId}, r.org.id, etag);
        outcome = {action: 'delete', organizationId: r.org.id, organizationName: r.org.name, status: null, scopeTenantId: r.scope.tenantId, value: null};
      } else {
        const {value} = await client.transitionOrganization({tenantId: r.scope.tenantId}, r.org.id, r.action, etag, {optimistic: true});
        outcome = {action: r.action, organizationId: r.org.id, organizationName: value.name, status: value.status, scopeTenantId: r.scope.tenantId, value};
      }
      if (this.current === r) this.finish();
      return {ok: true, outcome};
    } catch (e) {
      const failure = this.failureOf(r, e);
      if (this.current === r) {
        this.state = 'asking';
        this.refusal = failure;
        this.host.requestUpdate();
      }
      return {ok: false, failure};
    }
  }

  /** After a version conflict (or a refused move): reads the record again, so the user may ask again with what it is now. */
  async reload(): Promise<void> {
    const r = this.current;
    const client = this.options.client();
    if (!r || !client || this.state !== 'asking') return;
    const signal = this.run!.signal;
    this.state = 'reloading';
    this.host.requestUpdate();
    try {
      const {value} = await client.getOrganization({tenantId: r.scope.tenantId}, r.org.id, {signal});
      if (this.current !== r) return;
      r.org = {id: value.id, name: value.name, kind: value.kind, status: value.status, version: value.version};
      this.refusal = null;
      this.state = 'asking';
      this.preview = {state: 'none'};
      this.loadImpact(signal);
    } catch (e) {
      if (isAbort(e) || this.current !== r) return;
      this.state = 'asking';
      this.refusal = {...this.failureOf(r, e), remedies: ['reload']};
    }
    this.host.requestUpdate();
  }

  /** Loads the impact again (after it failed to load). */
  retryImpact(): void {
    if (!this.run || this.state !== 'asking') return;
    this.loadImpact(this.run.signal);
    this.host.requestUpdate();
  }

  /** Ends the request (cancelled, or done); a late answer to it is dropped. */
  close(): void {
    if (!this.current) return;
    this.finish();
  }

  hostDisconnected(): void {
    this.run?.abort();
  }

  private finish(): void {
    this.run?.abort();
    this.run = null;
    this.current = null;
    this.state = 'idle';
    this.preview = {state: 'none'};
    this.refusal = null;
    this.typedName = '';
    this.host.requestUpdate();
  }

  private loadImpact(signal: AbortSignal): void {
    const r = this.current;
    const client = this.options.client();
    if (!r || !client || !WITH_IMPACT.has(r.action) || this.blocked !== null) return;
    // A delete touches what archiving would (allowed from suspended, the only status a delete starts from).
    const action: LifecycleAction = r.action === 'delete' ? 'archive' : r.action;
    this.preview = {state: 'loading'};
    client.lifecycleImpact({tenantId: r.scope.tenantId}, r.org.id, action, {signal}).then(
      (value) => {
        if (signal.aborted || this.current !== r) return;
        this.preview = {state: 'loaded', value};
        this.host.requestUpdate();
      },
      (e: unknown) => {
        if (isAbort(e) || signal.aborted || this.current !== r) return;
        const reason = errorText(e, () => msg('the request failed.'));
        this.preview = {state: 'failed', message: msg(str`What this touches could not be loaded: ${reason}`)};
        this.host.requestUpdate();
      },
    );
  }

  /** A refusal in plain words, with the ways forward. */
  private failureOf(r: LifecycleRequest, e: unknown): LifecycleFailure {
    const err = e instanceof TenantryError ? e : new TenantryError('network', e instanceof Error ? e.message : String(e), {reason: {id: 'unexpected', params: {}}, detail: e instanceof Error ? e.message : String(e)});
    const name = r.org.name;
    if (err.code === 'version-conflict') {
      const failure: LifecycleFailure = {
        code: err.code,
        message: changedMeanwhile(r.action, name),
        remedies: ['reload', 'merge'],
      };
      if (err.details.current) failure.current = err.details.current;
      return failure;
    }
    if (err.code === 'conflict') {
      const impact = this.preview.state === 'loaded' ? this.preview.value : null;
      const below = impact ? totalBelow(impact.organizationsBelow) : 0;
      if (r.action === 'delete' && below > 0) {
        return {
          code: err.code,
          message: plural(below, {
            one: (c) => msg(str`${name} can’t be deleted: it still has ${c} organization below it (${describeKindCounts(impact!.organizationsBelow)}). Move or delete it first.`),
            other: (c) => msg(str`${name} can’t be deleted: it still has ${c} organizations below it (${describeKindCounts(impact!.organizationsBelow)}). Move or delete them first.`),
          }),
          remedies: [],
        };
      }
      return {code: err.code, message: `${lifecycleNotDone(r.action, name)}${msg(': ', {desc: 'Before the reason something was not done'})}${errorText(err)}`, remedies: ['reload']};
    }
    if (err.code === 'forbidden') return {code: err.code, message: `${mayNot(r.action, name, r.scope.name)}${msg(': ', {desc: 'Before the reason something was not done'})}${errorText(err)}`, remedies: []};
    if (err.code === 'not-found') return {code: err.code, message: msg(str`${name} is no longer there: it was deleted, or moved out of ${r.scope.name}.`), remedies: []};
    if (err.code === 'unauthenticated') return {code: err.code, message: msg('You are signed out: sign in again, then try again.'), remedies: []};
    if (err.retryable) {
      return {code: err.code, message: msg(str`Not sent: the server could not be reached (or its answer was lost), so ${name} is as it was. Try again when you are online.`), remedies: ['retry']};
    }
    return {code: err.code, message: `${lifecycleNotDone(r.action, name)}${msg(': ', {desc: 'Before the reason something was not done'})}${errorText(err)}`, remedies: []};
  }
}
