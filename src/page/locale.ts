/**
 * The widgets' language, one per page (the `@lit/localize` runtime keeps a single catalogue):
 * English is built in, the other locales' modules load on first use from `./locales/` (generated
 * by `npm run l10n` from `locales/*.xlf`).
 *
 * A host calls `setLocale('de')` (or sets `<tenantry-config locale>`, which calls it). Until it
 * does, the page's `<html lang>` is followed, so a portal that already declares its language needs
 * nothing more. Right-to-left locales lay the widgets out right-to-left (`LocaleController`).
 */
import {configureLocalization, LOCALE_STATUS_EVENT} from '@lit/localize';
import {setMessageNumberLocale} from '../shared/forms/number-locale.js';

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['de', 'ar'] as const;
export type Locale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];
export const LOCALES: readonly Locale[] = [SOURCE_LOCALE, ...TARGET_LOCALES];

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

// Explicit imports (not a template path) so every bundler splits each locale into its own chunk.
const loaders = {
  de: () => import('./locales/de.js'),
  ar: () => import('./locales/ar.js'),
} satisfies Record<(typeof TARGET_LOCALES)[number], () => Promise<unknown>>;

const runtime = ((): {getLocale(): string; setLocale(locale: string): Promise<void>} => {
  try {
    return configureLocalization({
      sourceLocale: SOURCE_LOCALE,
      targetLocales: TARGET_LOCALES,
      loadLocale: (locale) => loaders[locale as (typeof TARGET_LOCALES)[number]](),
    });
  } catch (e) {
    // The host page configured the same @lit/localize for itself (it allows one configuration):
    // the widgets still work, in English, rather than failing to load.
    console.warn('Tenantry: @lit/localize is already configured on this page; the widgets stay in English.', e);
    return {getLocale: () => SOURCE_LOCALE, setLocale: () => Promise.resolve()};
  }
})();

/** The supported locale for a BCP 47 tag (`de-AT` → `de`), or null when there is none. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((l) => l === base) ?? null;
}

/** Whether a locale is written right to left. */
export const isRightToLeft = (locale: string): boolean => RTL_LANGUAGES.has(locale.split('-')[0]!.toLowerCase());

/** The active locale (`en` until another has loaded). */
export const getLocale = (): Locale => runtime.getLocale() as Locale;

let hostChose = false;

/**
 * Switches every widget on the page to a locale (a tag such as `de-AT` is matched to `de`; one not
 * supported falls back to English). Resolves, with the locale now active, once its messages have
 * loaded and widgets re-render; from then on `<html lang>` is no longer followed.
 */
export function setLocale(tag: string): Promise<Locale> {
  hostChose = true;
  return load(tag);
}

async function load(tag: string): Promise<Locale> {
  await runtime.setLocale(matchLocale(tag) ?? SOURCE_LOCALE);
  // The locale now active (a later call may have won; the page's own configuration keeps English).
  return getLocale();
}

/** Calls `listener` after each change of locale has loaded; returns the unsubscribe. */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  const handler = (event: Event): void => {
    const detail = (event as CustomEvent<{status: string; readyLocale?: string}>).detail;
    if (detail.status === 'ready') listener(detail.readyLocale as Locale);
  };
  window.addEventListener(LOCALE_STATUS_EVENT, handler);
  return () => window.removeEventListener(LOCALE_STATUS_EVENT, handler);
}

// Field rules' messages write their numbers in the page's locale too.
if (typeof window !== 'undefined') onLocaleChange(setMessageNumberLocale);

// Follow `<html lang>` (now and when the host changes it) until the host chooses explicitly.
if (typeof document !== 'undefined') {
  const root = document.documentElement;
  const follow = (): void => {
    const locale = matchLocale(root.lang);
    if (!hostChose && locale && locale !== getLocale()) void load(locale).catch(() => undefined);
  };
  follow();
  new MutationObserver(follow).observe(root, {attributes: true, attributeFilter: ['lang']});
}
