/**
 * Whether a widget can send a write now, and if not, why, in words for the user. Writes are never
 * queued (a write the backend cannot be reached for is refused), so a widget offers them only while
 * they can be sent. Two things say they cannot: the browser says it is offline, or the last sync of
 * the widget's scope failed for want of the backend (a retryable error) with no success since.
 * The host re-renders whenever the answer changes; every listener goes when it disconnects.
 */
import {msg} from '@lit/localize';
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {isRetryable} from '../../shared/contract/errors.js';
import type {DataEvent} from '../../shared/protocol.js';
import type {DataClient, DataEventMessage} from '../data-client.js';
import {browserOnline, watchOnline} from '../platform/online.js';

/** Said while the browser is offline. */
export const offlineReason = (): string => msg('You are offline: changes can’t be sent.');
/** Said while the last sync of the scope could not reach the server. */
export const unreachableReason = (): string => msg('You are offline (the server could not be reached at the last try): changes can’t be sent.');

export interface ConnectivityControllerOptions {
  /** The host's data client, whose syncs tell whether the backend was reached; `null` for none. */
  client: () => DataClient | null | undefined;
  /** The tenant scope whose syncs count (the one the host would write in); `null` while unknown. */
  scopeTenantId: () => string | null | undefined;
}

export class ConnectivityController implements ReactiveController {
  private online = browserOnline();
  private stopWatching: (() => void) | null = null;
  private listening: DataClient | null = null;
  /**
   * Syncs (a scope's organizations or accounts, by `syncKey`) whose last attempt failed for want of
   * the backend, with no success since, each with the server time its data was as of then: only an
   * update past it came from the backend (an optimistic change or a cache read leaves it as it was).
   */
  private readonly unreachable = new Map<string, string | null>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConnectivityControllerOptions,
  ) {
    host.addController(this);
  }

  /** Whether a write can be sent now. */
  get canSend(): boolean {
    return this.reason === null;
  }

  /** Why a write cannot be sent now, in words for the user; `null` when it can. */
  get reason(): string | null {
    if (!this.online) return offlineReason();
    const scope = this.options.scopeTenantId();
    if (scope && (this.unreachable.has(syncKey('organizations', scope)) || this.unreachable.has(syncKey('accounts', scope)))) return unreachableReason();
    return null;
  }

  hostConnected(): void {
    // The state may have changed while the host was away.
    this.online = browserOnline();
    this.stopWatching = watchOnline((online) => {
      if (online === this.online) return;
      this.online = online;
      this.host.requestUpdate();
    });
  }

  hostUpdate(): void {
    const client = this.options.client() ?? null;
    if (client === this.listening) return;
    this.listening?.events.removeEventListener('data-event', this.handleEvent);
    // What another client's syncs said is not about this one.
    this.unreachable.clear();
    this.listening = client;
    client?.events.addEventListener('data-event', this.handleEvent);
  }

  hostDisconnected(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.listening?.events.removeEventListener('data-event', this.handleEvent);
    this.listening = null;
    this.unreachable.clear();
  }

  /** A client's `data-event` (a `DataEventMessage`, of whichever bundle made the client; see `ClientController`). */
  private readonly handleEvent = (e: Event): void => {
    if (this.note((e as DataEventMessage).data)) this.host.requestUpdate();
  };

  /**
   * Records what a worker event says about reaching the backend; `true` when the answer changed.
   * The organizations' and the accounts' syncs of a scope are told apart (each has its own `asOf`):
   * either one failing for want of the backend makes the scope unreachable until it succeeds again.
   */
  private note(event: DataEvent): boolean {
    if (event.type === 'sync-failed' || event.type === 'accounts-sync-failed') {
      const key = syncKey(event.type === 'sync-failed' ? 'organizations' : 'accounts', event.scopeTenantId);
      // Only a failure trying again may cure says the backend is out of reach (not a refusal).
      if (!isRetryable(event.code) || this.unreachable.has(key)) return false;
      this.unreachable.set(key, event.asOf);
      return true;
    }
    if (event.type === 'dataset-updated' || event.type === 'accounts-updated') {
      const key = syncKey(event.type === 'dataset-updated' ? 'organizations' : 'accounts', event.scopeTenantId);
      if (this.unreachable.has(key) && this.unreachable.get(key) !== event.asOf) return this.unreachable.delete(key);
    }
    return false;
  }
}

/** Which sync of which scope a failure was of. */
const syncKey = (of: 'organizations' | 'accounts', scopeTenantId: string): string => `${of}\u0000${scopeTenantId}`;
