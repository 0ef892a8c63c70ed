/**
 * How an element finds its data client: its own `client` property, else the nearest provider above
 * it (`provideDataClient` on an ancestor, or a widget that hands its client to the parts it
 * renders). With neither there is no client: the element says so, visibly, instead of quietly
 * starting a made-up backend in a real portal.
 */
import {msg} from '@lit/localize';
import {html, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {DataEvent} from '../../shared/protocol.js';
import {dataClientContext} from '../context.js';
import {DataEventMessage, type DataClient} from '../data-client.js';
import {ContextLink} from './context-link.js';

type Host = ReactiveControllerHost & HTMLElement;

/** What an element without a client tells the page's developer (and the user), in English; shown through the catalogue. */
export const MISSING_CLIENT_MESSAGE =
  'Not connected to a Tenantry backend: set this element’s `client` property, or call `provideDataClient(element, client)` on an element that contains it.';

/** Whether `value` is a whole data client (a test may hand an element only the part it uses). */
export const isDataClient = (value: unknown): value is DataClient =>
  typeof value === 'object' && value !== null && 'events' in value && typeof (value as DataClient).openView === 'function';

export interface ClientControllerOptions<C> {
  /** The element's own `client` property. */
  own: () => C | null | undefined;
  /** Worker events of the client in use, while the element is connected. */
  onEvent?: (event: DataEvent) => void;
}

export class ClientController<C extends object = DataClient> implements ReactiveController {
  private readonly link: ContextLink<typeof dataClientContext>;
  private listening: DataClient | null = null;

  constructor(
    host: Host,
    private readonly options: ClientControllerOptions<C>,
  ) {
    this.link = new ContextLink(host, dataClientContext);
    host.addController(this);
  }

  /** The client in use: the property, else the provided one; `null` when there is none. */
  get value(): C | DataClient | null {
    return this.options.own() ?? this.link.value ?? null;
  }

  /** The client in use when it is a whole `DataClient` (the page's scope store and worker events need one). */
  get dataClient(): DataClient | null {
    const value = this.value;
    return isDataClient(value) ? value : null;
  }

  hostUpdate(): void {
    if (!this.options.onEvent) return;
    const client = this.dataClient;
    if (client === this.listening) return;
    this.listening?.events.removeEventListener('data-event', this.handleEvent);
    this.listening = client;
    client?.events.addEventListener('data-event', this.handleEvent);
  }

  hostDisconnected(): void {
    this.listening?.events.removeEventListener('data-event', this.handleEvent);
    this.listening = null;
  }

  private readonly handleEvent = (e: Event): void => {
    if (e instanceof DataEventMessage) this.options.onEvent?.(e.data);
  };
}

/** The notice an element shows in place of its content while it has no client. */
export const renderMissingClient = (): TemplateResult => html`<p class="missing-client" part="missing-client" role="alert">${msg('Not connected to a Tenantry backend: set this element’s `client` property, or call `provideDataClient(element, client)` on an element that contains it.')}</p>`;
