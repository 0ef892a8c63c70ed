/**
 * What the grid knows beside its rows: the signed-in session (a failure to sign in is the grid's
 * error), the FX rates (the USD toggle and its date), and the acting scope's organization name.
 * Each is asked for once per client or scope, and an answer for a client or scope the grid has
 * left is dropped.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import type {FxRates, Session} from '../../src/shared/model/types.js';

export class GridSession implements ReactiveController {
  session: Session | null = null;
  /** Why the session could not be had (the grid shows it with a retry). */
  error: unknown = null;
  fx: FxRates | null = null;
  /** The scope's organization name, once read. */
  scopeName: string | null = null;
  private client: DataClient | null = null;
  private scopeTenantId: string | null = null;
  private clientRequests: AbortController | null = null;
  private scopeRequest: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Called on every grid update with its client and scope; asks again only when they changed. */
  follow(client: DataClient | null, scopeTenantId: string | null): void {
    if (client !== this.client) {
      this.clientRequests?.abort();
      this.clientRequests = null;
      this.client = client;
      this.session = null;
      this.error = null;
      this.fx = null;
      this.scopeTenantId = null;
      if (client) this.askClient(client);
    }
    if (scopeTenantId !== this.scopeTenantId) {
      this.scopeRequest?.abort();
      this.scopeRequest = null;
      this.scopeTenantId = scopeTenantId;
      this.scopeName = null;
      if (client && scopeTenantId) this.askScopeName(client, scopeTenantId);
    }
  }

  hostDisconnected(): void {
    this.clientRequests?.abort();
    this.scopeRequest?.abort();
    this.clientRequests = this.scopeRequest = null;
    this.client = null;
    this.scopeTenantId = null;
  }

  private askClient(client: DataClient): void {
    const controller = (this.clientRequests = new AbortController());
    const settle = (apply: () => void): void => {
      if (controller.signal.aborted) return;
      apply();
      this.host.requestUpdate();
    };
    client.session.then(
      (s) => settle(() => (this.session = s)),
      (e: unknown) => settle(() => (this.error = e)),
    );
    client.fxRates({signal: controller.signal}).then(
      (fx) => settle(() => (this.fx = fx)),
      () => undefined,
    );
  }

  private askScopeName(client: DataClient, tenantId: string): void {
    const controller = (this.scopeRequest = new AbortController());
    client.getOrganization({tenantId}, tenantId, {signal: controller.signal}).then(
      (r) => {
        if (controller.signal.aborted) return;
        this.scopeName = r.value.name;
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }
}
