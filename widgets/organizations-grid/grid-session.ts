/**
 * What the grid knows beside its rows: the signed-in session (a failure to sign in is the grid's
 * error) and the FX rates (the USD toggle and its date). Each is asked for once per client, and an
 * answer for a client the grid has left is dropped. (The acting scope's name comes from the scope
 * controller, through the user's own view: asking the backend for it here started the backend in
 * front of a warm start's saved rows.)
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {DataClient} from '../../src/page/data-client.js';
import type {FxRates, Session} from '../../src/shared/model/types.js';

export class GridSession implements ReactiveController {
  session: Session | null = null;
  /** Why the session could not be had (the grid shows it with a retry). */
  error: unknown = null;
  fx: FxRates | null = null;
  private client: DataClient | null = null;
  private clientRequests: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Called on every grid update with its client; asks again only when it changed. */
  follow(client: DataClient | null): void {
    if (client === this.client) return;
    this.clientRequests?.abort();
    this.clientRequests = null;
    this.client = client;
    this.session = null;
    this.error = null;
    this.fx = null;
    if (client) this.askClient(client);
  }

  hostDisconnected(): void {
    this.clientRequests?.abort();
    this.clientRequests = null;
    this.client = null;
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
}
