/**
 * A list read page by page from a cursor (audit log, contracts, a customer's orders…): the first
 * page loads when the list's key is first known or changes, later pages on `more()`. Each request
 * has an `AbortSignal`; a change of key, `reload()` or disconnecting aborts what is in flight, and
 * an answer to anything but the current key is dropped, never shown. A refusal is kept as words a
 * section can show in place (a 403 reads "You may not see this"), the items already loaded stay.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {TenantryError, isAbort} from '../../shared/contract/errors.js';

/** One page as the backends answer it. */
export interface CursorPage<T> {
  items: T[];
  /** `null` on the last page. */
  nextCursor: string | null;
  /** How many items there are in all, where the backend says. */
  total?: number;
}

export interface PagedListOptions<T> {
  /** What the list shows now, as a string compared between updates; `null` while not known (nothing loads). */
  key(): string | null;
  /** Reads one page: the first without a cursor. */
  fetch(cursor: string | undefined, signal: AbortSignal): Promise<CursorPage<T>>;
}

export type PagedListStatus = 'idle' | 'loading' | 'ready' | 'failed';

export class PagedListController<T> implements ReactiveController {
  items: T[] = [];
  /** From the last page that said; `null` when the backend does not count. */
  total: number | null = null;
  status: PagedListStatus = 'idle';
  /** Why the last request failed (`code` `forbidden` for a section the user may not see). */
  error: TenantryError | null = null;
  private key: string | null = null;
  private cursor: string | null = null;
  private started = false;
  private inflight: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PagedListOptions<T>,
  ) {
    host.addController(this);
  }

  /** Whether there are pages not read yet. */
  get hasMore(): boolean {
    return !this.started || this.cursor !== null;
  }

  /** The list was refused as outside what the user may see (403). */
  get forbidden(): boolean {
    return this.error?.code === 'forbidden';
  }

  hostUpdate(): void {
    const key = this.options.key();
    if (key === this.key) return;
    this.key = key;
    this.reset();
    if (key !== null) void this.load();
  }

  hostDisconnected(): void {
    this.inflight?.abort();
    this.inflight = null;
    // Reconnected, the list loads again from the start.
    this.key = null;
  }

  /** Reads the next page, unless one is on its way or there is none. */
  more(): void {
    if (this.key === null || this.inflight || (this.started && this.cursor === null)) return;
    void this.load();
  }

  /** Starts the list over (after a write, or Retry). */
  reload(): void {
    this.reset();
    if (this.key !== null) void this.load();
    this.host.requestUpdate();
  }

  private reset(): void {
    this.inflight?.abort();
    this.inflight = null;
    this.items = [];
    this.total = null;
    this.cursor = null;
    this.started = false;
    this.error = null;
    this.status = 'idle';
  }

  private async load(): Promise<void> {
    const controller = new AbortController();
    this.inflight = controller;
    this.status = 'loading';
    this.error = null;
    this.host.requestUpdate();
    try {
      const page = await this.options.fetch(this.started ? (this.cursor ?? undefined) : undefined, controller.signal);
      if (this.inflight !== controller) return;
      this.items = this.items.concat(page.items);
      this.cursor = page.nextCursor;
      this.total = page.total ?? (page.nextCursor === null ? this.items.length : this.total);
      this.started = true;
      this.status = 'ready';
    } catch (e) {
      if (this.inflight !== controller || isAbort(e)) return;
      const text = e instanceof Error ? e.message : String(e);
      this.error = e instanceof TenantryError ? e : new TenantryError('server', text, {reason: {id: 'unexpected', params: {}}, detail: text});
      this.status = 'failed';
    } finally {
      if (this.inflight === controller) this.inflight = null;
    }
    this.host.requestUpdate();
  }
}
