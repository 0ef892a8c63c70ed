/**
 * One preference of the signed-in user in a tenant scope, kept by the data worker in its cache
 * (`DataClient.getPref/setPref`: IndexedDB, or memory; never page-readable storage, always per
 * user and scope). The element calls `follow(client, tenantId)` on every update: when either
 * changes, a change not yet written is written to the scope it was made in, and the new scope's
 * value is read and handed to `onLoad`. `changed()` writes the element's current value after a
 * quiet time, so a drag or a burst of toggles writes once; a write that fails loses only the
 * preference. What is read is untrusted: `parse` repairs it or refuses it (`null`).
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../data-client.js';

/** What a preference needs of a data client (`savedPref`: the value saved last visit, before the worker answers). */
export type PrefClient = Pick<DataClient, 'getPref' | 'setPref'> & Partial<Pick<DataClient, 'savedPref'>>;

export interface PrefControllerOptions<T> {
  /** The preference's name in the user's store (e.g. `grid.layout`). */
  name: string;
  /** A stored value, checked and repaired; `null` when it is not one. */
  parse(raw: unknown): T | null;
  /** The element's current value (what `changed()` writes). */
  value(): T;
  /** Whether two values are the same (skips writes and restores that change nothing). */
  same(a: T, b: T): boolean;
  /** The scope's stored value, when it differs from the element's. */
  onLoad(value: T): void;
  /** Quiet time after the last change before it is written; default 300 ms. */
  saveDelayMs?: number;
}

export class PrefController<T> implements ReactiveController {
  private client: PrefClient | null = null;
  private tenantId: string | null = null;
  private load: AbortController | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the store holds for the current scope, as far as this element knows. */
  private stored: T | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PrefControllerOptions<T>,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flush();
    this.cancelLoad();
    this.client = null;
    this.tenantId = null;
  }

  /**
   * The element's client and scope, on every update; `true` when they changed. With `read: false`
   * the new scope's value is not read (the element's own value wins there).
   */
  follow(client: PrefClient | null, tenantId: string | null, read = true): boolean {
    if (client === this.client && tenantId === this.tenantId) return false;
    // A change not yet written belongs to the scope it was made in.
    this.flush();
    this.cancelLoad();
    this.client = client;
    this.tenantId = tenantId;
    this.stored = null;
    if (client && tenantId && read) this.read(client, tenantId);
    return true;
  }

  /** The element's value changed: write it soon, and keep it over a read still under way. */
  changed(): void {
    this.cancelLoad();
    if (!this.client || !this.tenantId) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flush(), this.options.saveDelayMs ?? 300);
  }

  /** Drops a read under way (its value would overwrite one the element was given meanwhile). */
  cancelLoad(): void {
    this.load?.abort();
    this.load = null;
  }

  /** Writes a pending change now. */
  flush(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const {client, tenantId} = this;
    if (!client || !tenantId) return;
    const value = this.options.value();
    if (this.stored !== null && this.options.same(this.stored, value)) return;
    this.stored = value;
    client.setPref({tenantId}, this.options.name, value).catch(() => {
      if (this.stored === value) this.stored = null;
    });
  }

  private read(client: PrefClient, tenantId: string): void {
    const controller = (this.load = new AbortController());
    const apply = (raw: unknown): void => {
      const value = this.options.parse(raw);
      if (value === null) return;
      this.stored = value;
      if (!this.options.same(value, this.options.value())) this.options.onLoad(value);
    };
    // On a warm start the value saved last visit is read by the page itself, so the first render
    // has it (no second layout once the worker answers); the worker's answer follows and wins.
    void client
      .savedPref?.({tenantId}, this.options.name)
      .then((raw) => {
        if (!controller.signal.aborted && this.load === controller) apply(raw);
      })
      .catch(() => undefined);
    client.getPref<unknown>({tenantId}, this.options.name, {signal: controller.signal}).then(
      (raw) => {
        if (controller.signal.aborted || this.load !== controller) return;
        this.load = null;
        apply(raw);
      },
      () => {
        // Nothing readable stored: the element keeps what it has.
        if (this.load === controller) this.load = null;
      },
    );
  }
}
