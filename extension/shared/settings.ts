/**
 * The extension's settings. Everything but secrets is in `storage.local` (it survives restarts and
 * is validated on every read: another version may have written it); the backend token is in
 * `storage.session` only (memory, gone with the browser, not readable by content scripts).
 */
import type {BackendConfig} from '../../src/shared/contract/backend.js';
import {normaliseBaseUrl} from '../../src/shared/contract/origins.js';
import {DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {Locale} from '../../src/page/locale.js';
import {browser} from './browser.js';

export type Theme = 'auto' | 'light' | 'dark';
/** A language of the catalogue, or `auto`: the browser's own UI language (English when the catalogue lacks it). */
export type LocaleChoice = 'auto' | Locale;
export type Density = 'standard' | 'compact';

export interface BridgeSettings {
  enabled: boolean;
  /** Portal origins (`https://psa.example.com`) the user granted the bridge. */
  origins: string[];
  /** A regular expression over the page URL whose first group names the customer. */
  urlPattern: string;
  /** A CSS selector whose text names the customer. */
  selector: string;
}

export interface Settings {
  /** `embedded`: the built-in demo backend; `http`: the user's own backend at `baseUrl`. */
  backend: {kind: 'embedded'; organizations: number} | {kind: 'http'; baseUrl: string};
  /** Who the HTTP backend said the user is (Test connection); `null` until tested. */
  user: string | null;
  homeTenantName: string | null;
  locale: LocaleChoice;
  theme: Theme;
  density: Density;
  bridge: BridgeSettings;
}

export const DEMO_SIZES = [2000, 100_000] as const;
/**
 * What the options offer: the browser's language, then every language of the catalogue. Listed here
 * rather than imported, so the background does not load the catalogue's runtime; the check below
 * fails the typecheck when `src/page/locale.ts` gains a language this list lacks.
 */
export const LOCALE_CHOICES = ['auto', 'en', 'de', 'ar'] as const satisfies readonly LocaleChoice[];
type Unoffered = Exclude<Locale, (typeof LOCALE_CHOICES)[number]>;
export const EVERY_LOCALE_OFFERED: [Unoffered] extends [never] ? true : Unoffered = true;

/** The catalogue's language for a BCP 47 tag (`de-AT` → `de`), or `null`. */
function localeOfTag(tag: unknown): Locale | null {
  const base = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '';
  return LOCALE_CHOICES.find((l): l is Locale => l !== 'auto' && l === base) ?? null;
}

/** The language the extension speaks for a choice: the chosen one, else the browser's UI language when the catalogue has it, else English. */
export const resolveLocale = (choice: LocaleChoice, uiLanguage: string): Locale => (choice === 'auto' ? (localeOfTag(uiLanguage) ?? 'en') : choice);

/**
 * A stored choice. Earlier versions stored a tag with a region (`de-DE`, `en-US`…): it keeps its
 * language; one the catalogue lacks (`fr-FR`, `nl-NL`, shown in English then) follows the browser.
 */
function parseLocaleChoice(raw: unknown): LocaleChoice {
  return raw === 'auto' ? 'auto' : (localeOfTag(raw) ?? 'auto');
}

export const DEFAULT_SETTINGS: Settings = {
  backend: {kind: 'embedded', organizations: 2000},
  user: null,
  homeTenantName: null,
  locale: 'auto',
  theme: 'auto',
  density: 'standard',
  bridge: {enabled: false, origins: [], urlPattern: '', selector: ''},
};

const SETTINGS_KEY = 'settings';
const TOKEN_KEY = 'token';
/** The most a bridge setting may hold: a pattern or selector is a line, not a document. */
export const MAX_BRIDGE_TEXT = 300;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
const text = (v: unknown, max = MAX_BRIDGE_TEXT): string => (typeof v === 'string' && v.length <= max ? v : '');

/** An http(s) origin (`https://host:port`), or `null` for anything else. */
export function originOfUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Settings as stored, checked field by field; anything unusable falls back to its default. */
export function parseSettings(raw: unknown): Settings {
  if (!isObject(raw)) return structuredClone(DEFAULT_SETTINGS);
  let backend: Settings['backend'] = DEFAULT_SETTINGS.backend;
  const b = raw.backend;
  if (isObject(b) && b.kind === 'http' && typeof b.baseUrl === 'string') {
    try {
      backend = {kind: 'http', baseUrl: normaliseBaseUrl(b.baseUrl).href};
    } catch {
      // An unusable URL: back to the demo, which always works.
    }
  } else if (isObject(b) && b.kind === 'embedded') {
    backend = {kind: 'embedded', organizations: DEMO_SIZES.find((s) => s === b.organizations) ?? DEMO_SIZES[0]};
  }
  const br = isObject(raw.bridge) ? raw.bridge : {};
  const origins = Array.isArray(br.origins) ? br.origins.filter((o): o is string => typeof o === 'string' && originOfUrl(o) === o).slice(0, 20) : [];
  return {
    backend,
    user: typeof raw.user === 'string' && raw.user.length <= 200 ? raw.user : null,
    homeTenantName: typeof raw.homeTenantName === 'string' ? raw.homeTenantName.slice(0, 200) : null,
    locale: parseLocaleChoice(raw.locale),
    theme: oneOf(raw.theme, ['auto', 'light', 'dark'] as const, 'auto'),
    density: oneOf(raw.density, ['standard', 'compact'] as const, 'standard'),
    bridge: {enabled: br.enabled === true, origins, urlPattern: text(br.urlPattern), selector: text(br.selector)},
  };
}

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({[SETTINGS_KEY]: parseSettings(settings)});
}

/** Calls `listener` with the new settings whenever any page changes them; returns the teardown. */
export function onSettingsChange(listener: (settings: Settings) => void): () => void {
  const handle = (changes: Record<string, {newValue?: unknown}>, area: string): void => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(parseSettings(changes[SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}

/** The backend token: `storage.session` only, never `storage.local`, the DOM or IndexedDB. */
export async function readToken(): Promise<string | null> {
  const stored = await browser.storage.session.get(TOKEN_KEY);
  const token = stored[TOKEN_KEY];
  return typeof token === 'string' && token ? token : null;
}

export async function writeToken(token: string | null): Promise<void> {
  if (token) await browser.storage.session.set({[TOKEN_KEY]: token});
  else await browser.storage.session.remove(TOKEN_KEY);
}

/** The data plane's configuration and the user it belongs to. */
export function backendOf(settings: Settings): {config: BackendConfig; user: string | null; origin: string | null} {
  if (settings.backend.kind === 'embedded') {
    const user = DEMO_USERS.distributorAdmin;
    return {config: {kind: 'local', organizations: settings.backend.organizations, userId: user}, user, origin: null};
  }
  return {config: {kind: 'http', baseUrl: settings.backend.baseUrl}, user: settings.user, origin: originOfUrl(settings.backend.baseUrl)};
}
