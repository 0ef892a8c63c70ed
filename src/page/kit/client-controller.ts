/**
 * How an element finds its data client: its own `client` property, else the nearest provider above
 * it (`provideDataClient` on an ancestor, or a widget that hands its client to the parts it
 * renders), else the page's `<tenantry-config>` (`pageConfig()`). With none of them there is no
 * client: the element says so, visibly — what is missing or wrong in the configuration, or the one
 * line to add — instead of quietly starting a made-up backend in a real portal.
 */
import {msg, str} from '@lit/localize';
import {html, type ReactiveController, type ReactiveControllerHost, type TemplateResult} from 'lit';
import type {DataEvent} from '../../shared/protocol.js';
import {dataClientContext} from '../context.js';
import type {DataClient, DataEventMessage} from '../data-client.js';
import {ContextLink} from './context-link.js';
import {CONFIG_SNIPPET, pageConfig, type PageConfigStatus} from './page-config.js';
import {PageThemeController} from './page-theme.js';
import {configProblemText} from '../messages.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The element's name as code in a sentence (a placeholder: markup in a catalogue text would be shown escaped). */
const CONFIG_TAG = '`<tenantry-config>`';

/**
 * What an element without a client tells the page's developer (and the user) when the page has no
 * configuration at all, as plain text in the active locale (the notice shows its backticked parts as code).
 */
export const missingClientMessage = (): string => missingClientText({kind: 'none'})!.text.replaceAll('`', '');

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
    private readonly host: Host,
    private readonly options: ClientControllerOptions<C>,
  ) {
    this.link = new ContextLink(host, dataClientContext);
    // An element that plugs into the page follows the page's configured theme too.
    new PageThemeController(host);
    host.addController(this);
  }

  /** The client in use: the property, else the provided one, else the page's configured one; `null` when there is none. */
  get value(): C | DataClient | null {
    return this.options.own() ?? this.link.value ?? pageConfig().client;
  }

  /** The client in use when it is a whole `DataClient` (the page's scope store and worker events need one). */
  get dataClient(): DataClient | null {
    const value = this.value;
    return isDataClient(value) ? value : null;
  }

  hostConnected(): void {
    pageConfig().addEventListener('change', this.handlePageConfig);
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
    pageConfig().removeEventListener('change', this.handlePageConfig);
    this.listening?.events.removeEventListener('data-event', this.handleEvent);
    this.listening = null;
  }

  /** The page's configuration changed: only an element that relies on it renders again. */
  private readonly handlePageConfig = (): void => {
    if (!this.options.own() && !this.link.value) this.host.requestUpdate();
  };

  /**
   * Only `data-event`s are listened to, and a client sends them as `DataEventMessage`s (of the bundle
   * that made the client, which may not be this one's: no `instanceof`, and no need to load the
   * client's module for it).
   */
  private readonly handleEvent = (e: Event): void => {
    this.options.onEvent?.((e as DataEventMessage).data);
  };
}

/** `text` with its backticked parts shown as code (the messages of the page's configuration are written so). */
export const renderCodeText = (text: string): (TemplateResult | string)[] => text.split('`').map((piece, i) => (i % 2 ? html`<code>${piece}</code>` : piece));

/** What the notice says for the page's configuration status, in text with backticked code; `null` when it has a client. */
export function missingClientText(status: PageConfigStatus): {text: string; urgent: boolean} | null {
  switch (status.kind) {
    case 'none':
      return {text: msg(str`Not connected to a Tenantry backend: add \`${CONFIG_SNIPPET}\` to the page (\`backend="embedded"\` shows demo data), set this element’s \`client\` property, or call \`provideDataClient(element, client)\` on an element that contains it.`), urgent: true};
    case 'waiting':
      return {text: msg(str`Connecting to Tenantry: waiting for ${status.waitingFor} on ${CONFIG_TAG}…`), urgent: false};
    case 'error':
      // The problem and its fix name attributes and values as the page wrote them.
      return {text: msg(str`Tenantry is not configured: ${configProblemText(status)}`), urgent: true};
    case 'signed-out':
      return {text: msg('You are signed out of Tenantry.'), urgent: false};
    case 'ready':
      return null;
  }
}

/**
 * The notice an element shows in place of its content while it has no client: what is missing or
 * wrong in the page's configuration, or the one line to add (an alert); while the configuration
 * waits for the host, or after a sign-out, a status.
 */
export const renderMissingClient = (): TemplateResult => {
  const said = missingClientText(pageConfig().status) ?? missingClientText({kind: 'none'})!;
  return html`<p class="missing-client" part="missing-client" role=${said.urgent ? 'alert' : 'status'}>${renderCodeText(said.text)}</p>`;
};
