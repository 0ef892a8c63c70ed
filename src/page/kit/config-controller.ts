/**
 * What a `<tenantry-config>` element does with its inputs: reads them (`readConfig`), makes the
 * page's shared data client once they are complete and valid, publishes it (or what is missing or
 * wrong) page-wide through `pageConfig()`, and replaces it when the inputs change.
 *
 * Identity: a client belongs to one user of one backend. When the configured `user` changes, the
 * previous client is signed out (its user's rows, preferences and session are purged from the
 * device) before anything of the next user is shown; another backend or sign-in mode for the same
 * user only closes the previous client. The token provider is read at every request through one
 * stable function, so setting a new one needs no new client, and no token is ever kept. After the
 * backend ended the session (a 401), the next change of the element's inputs (the host sets
 * `tokenProvider` or `user` again once the user signed in again) makes a new client.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Reason} from '../../shared/contract/reasons.js';
import {DataClient, DataEventMessage} from '../data-client.js';
import {CONFIG_GRACE_MS, duplicateProblem, pageConfig, readConfig, type ConfigInputs, type ConfigReading, type PageConfigSlot, type PageConfigStatus} from './page-config.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface ConfigControllerOptions {
  /** The element's inputs, read after every update. */
  inputs: () => ConfigInputs;
  /** The configured `locale` and `theme`, published with the status. */
  presentation: () => {locale: string | null; theme: string | null};
  /** Called when the element's own status changed (e.g. to tell the host). */
  onStatus?: (status: PageConfigStatus) => void;
  /** How long a missing `backend` or `tokenProvider` is waited for. Default {@link CONFIG_GRACE_MS}. */
  graceMs?: number;
}

export class ConfigController implements ReactiveController {
  private slot: PageConfigSlot | null = null;
  private clientValue: DataClient | null = null;
  /** Identity of the client's configuration: another one means another client. */
  private clientKey: string | null = null;
  /** Configuration whose user was signed out through `signOut()`: not signed in again until it changes. */
  private signedOutKey: string | null = null;
  private statusValue: PageConfigStatus = {kind: 'none'};
  /** When the inputs started lacking something (`null` while they lack nothing). */
  private incompleteSince: number | null = null;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Config elements on the page when this one last looked. */
  private seenCount = 0;
  /** The backend ended the client's session: the next update makes a new one. */
  private sessionEnded = false;
  /** The client whose worker events this controller hears (to learn of an ended session). */
  private listening: DataClient | null = null;

  constructor(
    private readonly host: Host,
    private readonly options: ConfigControllerOptions,
  ) {
    host.addController(this);
  }

  /** The client this element made; `null` while its configuration is missing, incomplete or wrong. */
  get client(): DataClient | null {
    return this.clientValue;
  }

  /** This element's own status (the page's is `pageConfig().status`, which also knows of a second config element). */
  get status(): PageConfigStatus {
    return this.statusValue;
  }

  hostConnected(): void {
    const source = pageConfig();
    this.slot = source.attach(this.host);
    source.addEventListener('change', this.handlePageChange);
    this.listen(this.clientValue);
    // Read at the next update, not now: attributes and properties set in the same task, and other
    // config elements appended with this one, are seen together.
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.apply();
  }

  hostDisconnected(): void {
    pageConfig().removeEventListener('change', this.handlePageChange);
    this.listen(null);
    clearTimeout(this.graceTimer);
    this.incompleteSince = null;
    this.slot?.detach();
    this.slot = null;
    // The client stays in `DataClient.shared`'s registry: the element put back (moved) finds it again.
  }

  /** Signs the configured user out (see `DataClient.signOut`); elements then say so until the configuration changes. */
  async signOut(): Promise<void> {
    const client = this.clientValue;
    this.signedOutKey = this.clientKey;
    this.clientValue = null;
    this.clientKey = null;
    this.listen(null);
    this.setStatus({kind: 'signed-out'});
    await client?.signOut();
  }

  /** The token provider the worker calls: always the element's current one, never a token kept here. */
  private readonly provideToken = async (): Promise<string | null> => {
    const provider = this.options.inputs().tokenProvider;
    return typeof provider === 'function' ? ((await (provider as () => unknown)()) as string | null) : null;
  };

  /** Another config element came or went: look again (only one of them may make a client). */
  private readonly handlePageChange = (): void => {
    if (pageConfig().configCount !== this.seenCount) this.host.requestUpdate();
  };

  private apply(): void {
    if (!this.slot) return;
    const inputs = this.options.inputs();
    this.seenCount = pageConfig().configCount;
    // With two on the page neither is the configuration: no client starts until one is removed.
    const reading: ConfigReading = this.seenCount > 1 ? {kind: 'error', ...duplicateProblem(this.seenCount)} : readConfig(inputs);
    if (reading.kind !== 'incomplete') {
      this.incompleteSince = null;
      clearTimeout(this.graceTimer);
    }
    if (reading.kind === 'complete') {
      const key = JSON.stringify([reading.options.config, reading.options.user ?? null, reading.options.cacheName ?? null, reading.auth]);
      if (key === this.signedOutKey) return this.setStatus({kind: 'signed-out'});
      this.signedOutKey = null;
      if (key !== this.clientKey || !this.clientValue || this.sessionEnded) {
        const previous = this.clientValue;
        // The previous client goes first (signed out when the user changed), before the next one starts.
        this.retire(previous, reading.options.user);
        const client = DataClient.shared({...reading.options, tokenProvider: reading.auth === 'token' ? this.provideToken : undefined});
        this.clientValue = client;
        this.clientKey = key;
        this.listen(client);
      }
      return this.setStatus(this.statusValue.kind === 'ready' && this.statusValue.client === this.clientValue ? this.statusValue : {kind: 'ready', client: this.clientValue});
    }
    this.retire(this.clientValue, inputs.user ?? undefined);
    this.listen(null);
    this.clientValue = null;
    this.clientKey = null;
    this.signedOutKey = null;
    if (reading.kind === 'error') return this.setError(reading);
    const now = performance.now();
    this.incompleteSince ??= now;
    const graceMs = this.options.graceMs ?? CONFIG_GRACE_MS;
    const left = this.incompleteSince + graceMs - now;
    if (left <= 0) return this.setError(reading);
    this.setStatus(this.statusValue.kind === 'waiting' && this.statusValue.waitingFor === reading.waitingFor ? this.statusValue : {kind: 'waiting', waitingFor: reading.waitingFor});
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => this.apply(), left);
  }

  /**
   * Lets go of a client no longer configured: signed out when the configured user is no longer its
   * user (nothing of theirs may stay for the next one), closed otherwise.
   */
  private retire(client: DataClient | null, nextUser: string | null | undefined): void {
    if (!client) return;
    if ((client.options.user ?? null) !== (nextUser?.trim() || null)) {
      void client.signOut().catch((e: unknown) => {
        // The purge could not finish (the device's storage refused); the worker is closed regardless.
        console.warn('Tenantry: signing the previous user out did not finish.', e);
      });
    } else {
      client.dispose();
    }
  }

  private listen(client: DataClient | null): void {
    if (client === this.listening) return;
    this.sessionEnded = false;
    this.listening?.events.removeEventListener('data-event', this.handleDataEvent);
    this.listening = client;
    client?.events.addEventListener('data-event', this.handleDataEvent);
  }

  private readonly handleDataEvent = (e: Event): void => {
    if (e instanceof DataEventMessage && e.data.type === 'signed-out') this.sessionEnded = true;
  };

  /** The same error again keeps its status: elements and the host hear of a change only. */
  private setError({problem, fix, reason}: {problem: string; fix: string; reason: Reason}): void {
    const same = this.statusValue.kind === 'error' && this.statusValue.problem === problem && this.statusValue.fix === fix;
    this.setStatus(same ? this.statusValue : {kind: 'error', problem, fix, reason});
  }

  private setStatus(status: PageConfigStatus): void {
    const changed = status !== this.statusValue;
    this.statusValue = status;
    const {locale, theme} = this.options.presentation();
    this.slot?.publish({status, locale, theme});
    if (changed) this.options.onStatus?.(status);
  }
}
