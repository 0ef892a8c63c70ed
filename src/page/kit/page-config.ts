/**
 * The page's configuration: what a `<tenantry-config>` element (one per page) says, as every element
 * reads it. An element with neither its own `client` nor a provider above it takes the client from
 * here (`ClientController`), wherever it sits — before or after the config element in the
 * document, inside another element's shadow root — and shows from here what is missing or wrong.
 * Localisation and themes read the configured `locale` and `theme` here too.
 *
 * The source lives on `globalThis` under a global symbol, so elements from separately loaded
 * bundles (a host's script tag and the extension's) see the same configuration.
 */
import type {BackendConfig} from '../../shared/contract/backend.js';
import {normaliseBaseUrl} from '../../shared/contract/origins.js';
import {TenantryError} from '../../shared/contract/errors.js';
import type {Reason} from '../../shared/contract/reasons.js';
import type {DataClient, DataClientOptions} from '../data-client.js';

/** How long a configuration that lacks something (a `backend`, a `tokenProvider`) waits for the host to set it before saying so. */
export const CONFIG_GRACE_MS = 2000;

/** The largest embedded demo a configuration may ask for. */
export const MAX_DEMO_ORGANIZATIONS = 100_000;

/** The one line a page adds to be configured. */
export const CONFIG_SNIPPET = '<tenantry-config backend="https://…/api/tenantry/" auth="cookie"></tenantry-config>';

/**
 * Where the page's configuration stands. Texts are plain English sentences in which `code` is marked
 * with backticks (`renderCodeText` shows it as code); `reason`, when given, is what the elements
 * word in the page's language (`src/page/messages.ts`), the texts staying for logs and for a
 * publisher that gives none (the extension).
 */
export type PageConfigStatus =
  /** No `<tenantry-config>` on the page. */
  | {kind: 'none'}
  /** Something is missing, and the host has a moment to set it (`waitingFor` names it). */
  | {kind: 'waiting'; waitingFor: string}
  /** Missing or wrong: `problem` says what, `fix` what to add or change. */
  | {kind: 'error'; problem: string; fix: string; reason?: Reason}
  /** The host signed the user out through the config element (`signOut()`); a new configuration signs in again. */
  | {kind: 'signed-out'}
  | {kind: 'ready'; client: DataClient};

/** What one config element publishes. */
export interface PageConfigValue {
  status: PageConfigStatus;
  locale: string | null;
  theme: string | null;
}

const NONE: PageConfigValue = {status: {kind: 'none'}, locale: null, theme: null};

/** A config element's place in the source: it publishes through it and leaves with `detach`. */
export interface PageConfigSlot {
  publish(value: PageConfigValue): void;
  detach(): void;
}

/**
 * The page-wide configuration. `change` fires whenever what it answers changes (a config element
 * came or went, its client, status, locale or theme changed).
 */
export class PageConfigSource extends EventTarget {
  private readonly slots = new Map<object, PageConfigValue>();
  private current: PageConfigValue = NONE;

  /** Where the configuration stands; with two config elements on the page, an error naming them. */
  get status(): PageConfigStatus {
    return this.current.status;
  }

  /** The configured client; `null` while the configuration is missing, incomplete or wrong. */
  get client(): DataClient | null {
    return this.current.status.kind === 'ready' ? this.current.status.client : null;
  }

  /** The configured `locale` (a BCP 47 tag as the host wrote it); `null` when none is set. */
  get locale(): string | null {
    return this.current.locale;
  }

  /** The configured `theme` name; `null` when none is set. */
  get theme(): string | null {
    return this.current.theme;
  }

  /** Enters a config element (`owner`); it publishes its value through the slot and detaches when it leaves the page. */
  attach(owner: object): PageConfigSlot {
    this.slots.set(owner, NONE);
    this.recompute();
    return {
      publish: (value) => {
        if (!this.slots.has(owner)) return;
        this.slots.set(owner, value);
        this.recompute();
      },
      detach: () => {
        if (this.slots.delete(owner)) this.recompute();
      },
    };
  }

  /** How many config elements are on the page (more than one is an error every element names). */
  get configCount(): number {
    return this.slots.size;
  }

  private recompute(): void {
    const values = [...this.slots.values()];
    const prev = this.current;
    const next: PageConfigValue =
      values.length === 0 ? NONE : values.length === 1 ? values[0] : prev === this.duplicate && this.duplicateCount === values.length ? prev : this.duplicateValue(values.length);
    this.current = next;
    if (prev.status !== next.status || prev.locale !== next.locale || prev.theme !== next.theme) this.dispatchEvent(new Event('change'));
  }

  private duplicate: PageConfigValue | null = null;
  private duplicateCount = 0;

  private duplicateValue(count: number): PageConfigValue {
    this.duplicateCount = count;
    return (this.duplicate = {status: {kind: 'error', ...duplicateProblem(count)}, locale: null, theme: null});
  }
}

/** What is wrong with a page of `count` (more than one) config elements. */
export const duplicateProblem = (count: number): {problem: string; fix: string; reason: Reason} => ({
  problem: `This page has ${count} \`<tenantry-config>\` elements; there may be only one.`,
  fix: 'Remove all but one (the one with the right `backend`).',
  reason: {id: 'config.duplicate', params: {count}},
});

const SOURCE = Symbol.for('tenantry.page-config');

/** The page's configuration source (shared by every bundle on the page). */
export function pageConfig(): PageConfigSource {
  const g = globalThis as typeof globalThis & {[SOURCE]?: PageConfigSource};
  return (g[SOURCE] ??= new PageConfigSource());
}

/** What a config element was given (its attributes and properties). */
export interface ConfigInputs {
  backend?: string | null;
  auth?: string | null;
  user?: string | null;
  organizations?: number | null;
  tokenProvider?: unknown;
  cacheName?: string | null;
}

/** What the inputs amount to: the client's options (without the token provider), or what is missing or wrong. */
export type ConfigReading =
  | {kind: 'complete'; options: Omit<DataClientOptions, 'tokenProvider'>; auth: 'token' | 'cookie' | 'none'}
  | {kind: 'incomplete'; waitingFor: string; problem: string; fix: string; reason: Reason}
  | {kind: 'error'; problem: string; fix: string; reason: Reason};

const EMBEDDED = 'embedded';
const text = (value: string | null | undefined): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
/** An attribute's value as a message quotes it: one line, not too long. */
const quote = (value: string): string => {
  const line = value.replace(/\s+/g, ' ');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

/**
 * Reads a config element's inputs. `backend` is an absolute http(s) base URL of the REST contract
 * or `embedded`; `auth` is `token` (the default: a bearer token from `tokenProvider` on every
 * request) or `cookie` (the page's session cookie, sent with `credentials: 'include'`, and no
 * `Authorization` header).
 */
export function readConfig(inputs: ConfigInputs): ConfigReading {
  const auth = text(inputs.auth)?.toLowerCase();
  if (auth !== undefined && auth !== 'token' && auth !== 'cookie') {
    const shown = quote(inputs.auth ?? '');
    return {
      kind: 'error',
      problem: `\`auth="${shown}"\` is not a sign-in mode Tenantry knows.`,
      fix: 'Use `auth="token"` (with a `tokenProvider`) or `auth="cookie"` (the page’s own session cookie).',
      reason: {id: 'config.auth-unknown', params: {auth: shown}},
    };
  }
  const user = text(inputs.user);
  const cacheName = text(inputs.cacheName);
  const backend = text(inputs.backend);
  if (backend === undefined) {
    return {
      kind: 'incomplete',
      waitingFor: '`backend`',
      problem: '`<tenantry-config>` has no `backend`.',
      fix: 'Add `backend="https://…/"` with the base URL of your Tenantry API, or `backend="embedded"` for demo data.',
      reason: {id: 'config.no-backend', params: {}},
    };
  }
  if (backend.toLowerCase() === EMBEDDED) {
    const organizations = inputs.organizations;
    if (organizations !== undefined && organizations !== null && !(Number.isInteger(organizations) && organizations >= 1 && organizations <= MAX_DEMO_ORGANIZATIONS)) {
      return {
        kind: 'error',
        problem: '`organizations` is not a number of demo organizations.',
        fix: `Give a whole number from 1 to ${MAX_DEMO_ORGANIZATIONS.toLocaleString('en')}, or leave it out (2,000).`,
        reason: {id: 'config.organizations', params: {max: MAX_DEMO_ORGANIZATIONS}},
      };
    }
    const config: BackendConfig = {kind: 'local', ...(organizations ? {organizations} : {}), ...(user ? {userId: user} : {})};
    return {kind: 'complete', options: {config, user, cacheName}, auth: 'none'};
  }
  let baseUrl: URL;
  try {
    baseUrl = normaliseBaseUrl(backend);
  } catch (e) {
    const reason = e instanceof TenantryError ? e.message : String(e);
    // A password written into the URL is not repeated on screen.
    const shown = quote(backend.replace(/\/\/[^/@]*@/, '//…@'));
    const cause: Reason = e instanceof TenantryError && e.reason ? e.reason : {id: 'url.invalid', params: {url: shown}};
    return {
      kind: 'error',
      problem: `\`backend="${shown}"\` cannot be used: ${reason}`,
      fix: 'Give the absolute http(s) base URL of your Tenantry API, e.g. `backend="https://psa.example.com/api/tenantry/"`, or `backend="embedded"` for demo data.',
      reason: {id: 'config.backend-unusable', params: {backend: shown, cause}},
    };
  }
  if (auth === 'cookie') {
    return {kind: 'complete', options: {config: {kind: 'http', baseUrl: baseUrl.href, credentials: 'include'}, user, cacheName}, auth: 'cookie'};
  }
  const provider = inputs.tokenProvider;
  if (provider === undefined || provider === null) {
    return {
      kind: 'incomplete',
      waitingFor: '`tokenProvider`',
      problem: '`auth="token"` needs a `tokenProvider`, and none is set.',
      fix: 'Set it from a script: `document.querySelector("tenantry-config").tokenProvider = async () => token`, or use `auth="cookie"` to send the page’s own session cookie.',
      reason: {id: 'config.no-token-provider', params: {}},
    };
  }
  if (typeof provider !== 'function') {
    return {kind: 'error', problem: '`tokenProvider` is not a function.', fix: 'Set a function that returns a promise of the bearer token: `async () => token`.', reason: {id: 'config.token-provider-type', params: {}}};
  }
  return {kind: 'complete', options: {config: {kind: 'http', baseUrl: baseUrl.href}, user, cacheName}, auth: 'token'};
}
