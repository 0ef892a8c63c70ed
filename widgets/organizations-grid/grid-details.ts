/**
 * Organization details the grid shows beside its rows (tooltips, popups, linked accounts), read on
 * demand from the data client and kept for the current view: at most `MAX_DETAILS`, the oldest
 * going first; cleared (and their requests aborted) when the view, its version or the scope changes.
 */
import type {DataClient} from '../../src/page/data-client.js';
import {isAbort} from '../../src/shared/contract/errors.js';
import type {Organization} from '../../src/shared/model/types.js';

/** Details kept at most. */
const MAX_DETAILS = 200;

interface DetailEntry {
  value: Organization | null | undefined;
  controller: AbortController;
}

export class DetailCache {
  private entries = new Map<string, DetailEntry>();
  private seq = 0;

  constructor(
    /** Called when a detail arrives or fails: rows and popups that show it re-render. */
    private readonly changed: () => void,
  ) {}

  /** Bumped whenever a detail arrives or fails (a render dependency of rows that show details). */
  get tick(): number {
    return this.seq;
  }

  /**
   * The organization `id` of `tenantId`: the record, `undefined` while it loads (the first call
   * starts the request), `null` when it could not be read.
   */
  get(client: DataClient | null, tenantId: string | null, id: string): Organization | null | undefined {
    const hit = this.entries.get(id);
    if (hit) return hit.value;
    if (!client || !tenantId) return null;
    const entry: DetailEntry = {value: undefined, controller: new AbortController()};
    this.entries.set(id, entry);
    if (this.entries.size > MAX_DETAILS) {
      const [oldest, old] = this.entries.entries().next().value as [string, DetailEntry];
      old.controller.abort();
      this.entries.delete(oldest);
    }
    const settle = (value: Organization | null): void => {
      entry.value = value;
      this.seq++;
      this.changed();
    };
    client.getOrganization({tenantId}, id, {signal: entry.controller.signal}).then(
      (r) => {
        if (this.entries.get(id) === entry) settle(r.value);
      },
      (e: unknown) => {
        if (this.entries.get(id) === entry && !isAbort(e)) settle(null);
      },
    );
    return undefined;
  }

  /** Forgets every detail and aborts the requests still running. */
  clear(): void {
    for (const d of this.entries.values()) d.controller.abort();
    this.entries = new Map();
  }
}
