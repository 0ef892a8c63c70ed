/**
 * Autosave of an element's draft (the customer wizard's): the element says what changed, the
 * controller writes the draft through the data worker (`DraftStore`: per user and acting tenant)
 * after a quiet time, and at once when the page is hidden or the element leaves it, so a reload,
 * a crash or a closed tab loses at most the last quiet time's typing. Writes run one at a time and
 * the newest wins; a failed write is reported (`status`) and tried again with the next change.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {DraftStore, type DraftSummary, type WizardDraft} from '../drafts-store.js';
import type {PrefClient} from './pref-controller.js';
import type {Scope} from '../../shared/contract/backend.js';

export type DraftStatus = {state: 'idle'} | {state: 'pending'} | {state: 'saving'} | {state: 'saved'; at: string} | {state: 'failed'; message: string};

export interface DraftControllerOptions {
  /** The draft as it is now (with the element's values and step), or `null` when there is none to save. */
  snapshot(): {draft: WizardDraft; title: string} | null;
  /** Quiet time after the last change before the draft is written. Default 400 ms. */
  saveDelayMs?: number;
}

type Host = ReactiveControllerHost & HTMLElement;

export class DraftController implements ReactiveController {
  /** Where the draft goes; `null` until the element has a client and a scope. */
  private store: DraftStore | null = null;
  private storeKey: {client: PrefClient; tenantId: string} | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private known: DraftSummary | null = null;
  private dirty = false;
  status: DraftStatus = {state: 'idle'};

  constructor(
    private readonly host: Host,
    private readonly options: DraftControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleHidden);
    window.addEventListener('pagehide', this.handleHidden);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleHidden);
    window.removeEventListener('pagehide', this.handleHidden);
    void this.flush();
  }

  /** The store of the element's client and scope (a change of either flushes the old one's draft first). */
  use(client: PrefClient | null, scope: Scope | null): DraftStore | null {
    if (client === this.storeKey?.client && scope?.tenantId === this.storeKey?.tenantId) return this.store;
    void this.flush();
    this.storeKey = client && scope ? {client, tenantId: scope.tenantId} : null;
    this.store = client && scope ? new DraftStore(client, scope) : null;
    this.known = null;
    return this.store;
  }

  /** The draft just read or started: its list entry as stored, so an unchanged title writes no index. */
  adopt(summary: DraftSummary | null): void {
    this.known = summary;
    this.dirty = false;
    this.status = summary ? {state: 'saved', at: summary.savedAt} : {state: 'idle'};
  }

  /** Something the user entered changed: the draft is written after the quiet time. */
  changed(): void {
    this.dirty = true;
    this.status = {state: 'pending'};
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.saveDelayMs ?? 400);
  }

  /** Writes a pending change now; resolves once written (or failed: see `status`). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || !this.store) return this.writing;
    const store = this.store;
    const snap = this.options.snapshot();
    this.dirty = false;
    if (!snap) return this.writing;
    this.status = {state: 'saving'};
    this.host.requestUpdate();
    const run = this.writing.then(async () => {
      try {
        this.known = await store.save(snap.draft, snap.title, this.known);
        if (!this.dirty) this.status = {state: 'saved', at: snap.draft.savedAt};
      } catch (e) {
        // Kept in memory: the next change (or a flush) tries again.
        this.dirty = true;
        this.status = {state: 'failed', message: e instanceof Error ? e.message : String(e)};
      }
      this.host.requestUpdate();
    });
    this.writing = run;
    return run;
  }

  /** Forgets the pending change (the draft is being discarded or was submitted). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    this.known = null;
    this.status = {state: 'idle'};
  }

  /**
   * Removes a draft for good: a pending change is dropped and a write still under way finishes
   * first, so no autosave can bring the draft (or its entry in the list) back after it is gone.
   */
  async discard(id: string): Promise<void> {
    this.cancel();
    const store = this.store;
    await this.writing.catch(() => undefined);
    await store?.discard(id);
  }


  private readonly handleHidden = (): void => {
    if (document.visibilityState === 'hidden' || !this.host.isConnected) void this.flush();
  };
}
