/**
 * Where the customer wizard's drafts live: the data worker's cache (`client.getPref/setPref`), per
 * signed-in user and acting tenant, never page-readable storage, and gone with the user at
 * sign-out. One preference per draft (an autosave writes only its own draft, so two tabs editing
 * two drafts never overwrite each other) and one index listing them (written only when a draft is
 * started, renamed, moved to another step or discarded). A draft owns the idempotency key of its
 * create from the moment it is started: a submit retried after a reload, a crash or from another
 * tab sends the same key, and the server makes one organization.
 */
import type {Scope} from '../shared/contract/backend.js';
import type {Id} from '../shared/model/types.js';
import type {PrefClient} from './kit/pref-controller.js';

/** A draft as the wizard saves it; `values` is the wizard's to check when it reads it back. */
export interface WizardDraft {
  /** Random, URL-safe; names the draft's preference. */
  id: string;
  /** Sent with the create; kept for the draft's whole life. */
  idempotencyKey: string;
  mode: 'create' | 'edit';
  /** The organization being edited (edit mode). */
  orgId: Id | null;
  /** The ETag the edit started from (edit mode): the save sends it as `If-Match`. */
  etag: string | null;
  /** The step the user was on. */
  step: string;
  /** The wizard's values as entered. */
  values: unknown;
  /** ISO 8601 instant of the last save. */
  savedAt: string;
}

/** A draft as the list shows it. */
export interface DraftSummary {
  id: string;
  mode: 'create' | 'edit';
  orgId: Id | null;
  /** What the user called the organization so far (may be empty). */
  title: string;
  step: string;
  savedAt: string;
}

export const DRAFTS_INDEX_PREF = 'customer-wizard.drafts';
const DRAFT_PREF_PREFIX = 'customer-wizard.draft.';
/** Most drafts kept per user and tenant; starting one more discards the oldest. */
export const MAX_DRAFTS = 20;
const ID = /^[A-Za-z0-9_-]{8,64}$/;
const TITLE_MAX = 200;

/** A new id for a draft or an idempotency key: random, URL-safe. */
export function newDraftId(): string {
  return crypto.randomUUID();
}

function readSummary(raw: unknown): DraftSummary | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !ID.test(r.id)) return null;
  const mode = r.mode === 'edit' ? 'edit' : r.mode === 'create' ? 'create' : null;
  if (!mode) return null;
  return {
    id: r.id,
    mode,
    orgId: typeof r.orgId === 'string' ? r.orgId : null,
    title: typeof r.title === 'string' ? r.title.slice(0, TITLE_MAX) : '',
    step: typeof r.step === 'string' ? r.step : '',
    savedAt: typeof r.savedAt === 'string' && !Number.isNaN(Date.parse(r.savedAt)) ? r.savedAt : '',
  };
}

/** A stored draft, checked; `null` when it is not one (its values are the wizard's to repair). */
export function readDraft(raw: unknown): WizardDraft | null {
  const summary = readSummary(raw);
  if (!summary) return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.idempotencyKey !== 'string' || !ID.test(r.idempotencyKey)) return null;
  return {
    id: summary.id,
    idempotencyKey: r.idempotencyKey,
    mode: summary.mode,
    orgId: summary.orgId,
    etag: typeof r.etag === 'string' ? r.etag : null,
    step: summary.step,
    values: r.values,
    savedAt: summary.savedAt,
  };
}

export class DraftStore {
  /** Index writes one after another: two saves of one tab never interleave their read and write. */
  private indexWrite: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: PrefClient,
    private readonly scope: Scope,
  ) {}

  /** The drafts of this user and tenant, newest first. */
  async list(): Promise<DraftSummary[]> {
    const raw = await this.client.getPref(this.scope, DRAFTS_INDEX_PREF);
    const items = Array.isArray(raw) ? raw : [];
    const byId = new Map<string, DraftSummary>();
    for (const item of items.slice(0, MAX_DRAFTS * 2)) {
      const s = readSummary(item);
      if (s) byId.set(s.id, s);
    }
    return [...byId.values()].sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0)).slice(0, MAX_DRAFTS);
  }

  async get(id: string): Promise<WizardDraft | null> {
    if (!ID.test(id)) return null;
    return readDraft(await this.client.getPref(this.scope, DRAFT_PREF_PREFIX + id));
  }

  /** Saves the draft; the index is rewritten only when `title` or the step changed since `known`. */
  async save(draft: WizardDraft, title: string, known: DraftSummary | null): Promise<DraftSummary> {
    const summary: DraftSummary = {id: draft.id, mode: draft.mode, orgId: draft.orgId, title: title.slice(0, TITLE_MAX), step: draft.step, savedAt: draft.savedAt};
    await this.client.setPref(this.scope, DRAFT_PREF_PREFIX + draft.id, draft);
    if (!known || known.title !== summary.title || known.step !== summary.step) await this.updateIndex((list) => [summary, ...list.filter((s) => s.id !== draft.id)]);
    return summary;
  }

  /** Removes the draft and its entry in the list. */
  async discard(id: string): Promise<void> {
    if (!ID.test(id)) return;
    await this.client.setPref(this.scope, DRAFT_PREF_PREFIX + id, undefined);
    await this.updateIndex((list) => list.filter((s) => s.id !== id));
  }

  private updateIndex(change: (list: DraftSummary[]) => DraftSummary[]): Promise<void> {
    const run = this.indexWrite.catch(() => undefined).then(async () => {
      const next = change(await this.list());
      // Past the limit, the oldest drafts go (their preferences with them).
      for (const old of next.slice(MAX_DRAFTS)) await this.client.setPref(this.scope, DRAFT_PREF_PREFIX + old.id, undefined);
      await this.client.setPref(this.scope, DRAFTS_INDEX_PREF, next.slice(0, MAX_DRAFTS));
    });
    this.indexWrite = run;
    return run;
  }
}
