import {LitElement, nothing, type PropertyValues} from 'lit';
import {property} from 'lit/decorators.js';
import type {TokenProvider} from '../../src/shared/contract/backend.js';
import type {DataClient} from '../../src/page/data-client.js';
import {emit} from '../../src/page/events.js';
import {setLocale} from '../../src/page/locale.js';
import {missingClientText} from '../../src/page/kit/client-controller.js';
import {ConfigController} from '../../src/page/kit/config-controller.js';
import type {PageConfigStatus} from '../../src/page/kit/page-config.js';
import {tenantryConfigStyles} from './tenantry-config.styles.js';

export interface ConfigChangeDetail {
  /**
   * `ready`: the page's data client is made; `waiting`: a `backend` or `tokenProvider` is missing
   * and waited for a moment; `error`: missing or wrong (elements show `message`); `signed-out`:
   * after `signOut()`.
   */
  status: 'ready' | 'waiting' | 'error' | 'signed-out';
  /** What the elements without a client show, as plain text; `null` when ready. */
  message: string | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tenantry-config-change': CustomEvent<ConfigChangeDetail>;
  }
}

/**
 * Configures every Tenantry element on the page without code: the backend, the sign-in mode, the
 * signed-in user, the locale and the theme. Put one on the page, anywhere:
 *
 * ```html
 * <tenantry-config backend="https://psa.example.com/api/tenantry/" auth="cookie" user="u-123"></tenantry-config>
 * ```
 *
 * Once its configuration is complete and valid it makes the page's shared data client
 * (`DataClient.shared`) and gives it to every element that has neither its own `client` nor a
 * provider above it (`provideDataClient`), wherever they are: before or after it in the document,
 * inside other elements' shadow roots. A missing or wrong configuration is shown in each of those
 * elements, saying what to add or change; with `auth="token"` the element waits a moment for the
 * host to set `tokenProvider` before saying it is missing. It shows nothing itself.
 *
 * A change later (another `user`, `backend` or `auth`) replaces the client: when the user changed,
 * the previous one is signed out first (their data purged from the device), so the next user never
 * sees it. Tokens are asked of `tokenProvider` per request and kept nowhere. One per page: a second
 * one is an error every element names.
 *
 * @summary Configures the page's Tenantry elements: backend, sign-in, user, locale, theme.
 *
 * @event tenantry-config-change - The configuration became ready, waits for something, is wrong,
 *   or was signed out (`detail: ConfigChangeDetail`: `status`, `message`).
 */
export class TenantryConfig extends LitElement {
  static override styles = tenantryConfigStyles;

  /** The base URL of your Tenantry REST API (absolute http or https), or `embedded` for the built-in demo backend. */
  @property() backend?: string;

  /** How requests sign in: `token` (a bearer token from `tokenProvider`; the default) or `cookie` (the page's own session cookie). */
  @property() auth?: string;

  /** The signed-in user's id, as the backend's session names them: the data and cache belong to that user alone. */
  @property() user?: string;

  /** How many customer organizations the embedded demo generates (1 to 100,000; default 2,000); only with `backend="embedded"`. */
  @property({type: Number}) organizations?: number;

  /** The locale the elements speak (a BCP 47 tag, e.g. `de-DE`; one not supported speaks English), as `setLocale` sets it. */
  @property({reflect: true}) locale?: string;

  /** The theme of every element that names none itself: `light`, `dark` or `auto` (the user's `prefers-color-scheme`). */
  @property({reflect: true}) theme?: string;

  /** Gives a bearer token per request (`async () => token`) with `auth="token"`; called when needed, its tokens never kept. */
  @property({attribute: false}) tokenProvider?: TokenProvider;

  /** IndexedDB database of the cache, to keep two separate Tenantry apps of one origin apart. */
  @property({attribute: false}) cacheName?: string;

  private readonly config = new ConfigController(this, {
    inputs: () => ({backend: this.backend, auth: this.auth, user: this.user, organizations: this.organizations, tokenProvider: this.tokenProvider, cacheName: this.cacheName}),
    presentation: () => ({locale: this.locale?.trim() || null, theme: this.theme?.trim() || null}),
    onStatus: (status) => this.handleStatus(status),
  });

  /** The data client this configuration made; `null` while it is missing, incomplete or wrong. */
  get client(): DataClient | null {
    return this.config.client;
  }

  /**
   * Signs the user out of this device: the client's worker ends and everything of the user is
   * purged from the cache (see `DataClient.signOut`). The elements say so until the configuration
   * changes (e.g. another `user`).
   */
  signOut(): Promise<void> {
    return this.config.signOut();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The page's locale follows the configuration (an element's own `lang` cannot: one catalogue per page).
    const locale = this.locale?.trim();
    if (changed.has('locale') && locale) void setLocale(locale).catch(() => undefined);
  }

  protected override render(): typeof nothing {
    return nothing;
  }

  private handleStatus(status: PageConfigStatus): void {
    if (status.kind === 'none') return;
    const message = missingClientText(status)?.text.replaceAll('`', '') ?? null;
    emit(this, 'tenantry-config-change', {status: status.kind, message});
  }
}
