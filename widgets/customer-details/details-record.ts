/**
 * The organization the details show: read through the data client for the acting scope (the full
 * record with its ETag, and its path in the channel from the scope's own index), by a task whose
 * run is aborted when the client, scope or id changes, so an answer about another customer or
 * tenant is dropped, never shown. A write the details made hands its answer straight in
 * (`replace`); a change made anywhere else (the grid, another element, another tab, a delta sync)
 * re-reads it in the background while the current record stays on screen.
 */
import {Task, TaskStatus} from '@lit/task';
import type {ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import {TenantryError} from '../../src/shared/contract/errors.js';
import type {Id, Organization} from '../../src/shared/model/types.js';
import type {DataEvent} from '../../src/shared/protocol.js';
import type {TenantPathEntry} from '../../src/shared/tenancy.js';

export interface RecordValue {
  org: Organization;
  etag: string;
  /** From the acting tenant down to the organization, both included. */
  path: TenantPathEntry[];
  /** Which client, tenant and id it was read for. */
  key: string;
}

export interface DetailsRecordOptions {
  client(): DataClient | null;
  scopeTenantId(): Id | null;
  organizationId(): Id | null;
}

export class DetailsRecord {
  /** Bumped to read again (after a change elsewhere, or Retry). */
  private generation = 0;
  /** A write's answer, shown until a read returns a version at least as new. */
  private written: RecordValue | null = null;
  private readonly task: Task<readonly [DataClient | null, Id | null, Id | null, number], RecordValue | null>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DetailsRecordOptions,
  ) {
    this.task = new Task(host, {
      args: () => [options.client(), options.scopeTenantId(), options.organizationId(), this.generation] as const,
      task: async ([client, tenantId, id], {signal}) => {
        if (!client || !tenantId || !id) return null;
        const scope = {tenantId};
        const [{value, etag}, hit] = await Promise.all([client.getOrganization(scope, id, {signal}), client.resolveTenant(scope, id, {signal}).catch(() => null)]);
        return {org: value, etag, path: hit?.path ?? [{id: value.id, name: value.name, kind: value.kind}], key: keyOf(client, tenantId, id)};
      },
    });
  }

  /** The record on screen: the newest read or written for the current client, scope and id, else `null`. */
  get value(): RecordValue | null {
    const key = this.currentKey();
    const read = this.task.value?.key === key ? this.task.value : null;
    const written = this.written?.key === key ? this.written : null;
    // A re-read that started before a write may answer with the older version: the newer one stays.
    if (read && written) return written.org.version > read.org.version ? written : read;
    return read ?? written;
  }

  /** Reading for the first time (nothing to show yet). */
  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING && !this.value;
  }

  /** Why the record could not be read, while nothing of it is shown. */
  get error(): TenantryError | null {
    if (this.task.status !== TaskStatus.ERROR || this.value) return null;
    const e = this.task.error;
    const text = e instanceof Error ? e.message : String(e);
    return e instanceof TenantryError ? e : new TenantryError('server', text, {reason: {id: 'unexpected', params: {}}, detail: text});
  }

  /**
   * A write's answer, for the record read under `key` (`RecordValue.key`): shown at once, without
   * reading again, unless the element shows another customer, tenant or client by now.
   */
  replace(next: {value: Organization; etag: string}, key: string): void {
    const current = this.value;
    if (key !== this.currentKey() || !current || next.value.id !== current.org.id) return;
    this.written = {org: next.value, etag: next.etag, path: current.path, key};
    this.host.requestUpdate();
  }

  /** Reads the record again (the current one stays on screen meanwhile). */
  reload(): void {
    this.generation++;
    this.host.requestUpdate();
  }

  /**
   * A worker event: a write this client made to the organization (the grid, another element), or
   * a change to the acting tenant's data that may be one (a delta sync, another tab's write).
   */
  handleDataEvent(event: DataEvent): void {
    const id = this.options.organizationId();
    if (event.type === 'organizations-written') {
      if (id && event.ids.includes(id)) this.reload();
      return;
    }
    if (event.type !== 'dataset-updated' || event.scopeTenantId !== this.options.scopeTenantId()) return;
    if (event.changed + event.removed > 0) this.reload();
  }

  private currentKey(): string | null {
    const client = this.options.client();
    const tenantId = this.options.scopeTenantId();
    const id = this.options.organizationId();
    return client && tenantId && id ? keyOf(client, tenantId, id) : null;
  }
}

const clientIds = new WeakMap<DataClient, number>();
let nextClientId = 0;
/** Names a client in a key without holding it. */
function keyOf(client: DataClient, tenantId: Id, id: Id): string {
  let n = clientIds.get(client);
  if (n === undefined) clientIds.set(client, (n = nextClientId++));
  return `${n}\u0000${tenantId}\u0000${id}`;
}
