/**
 * What every extension page does first, as a host page would: read the options, load the page's
 * language, make the data client (or say why there is none), provide it, publish the locale and
 * theme page-wide, and keep the acting tenant in step with the other extension pages. Everything
 * set up here has one owner, the returned `dispose`.
 */
import {provideDataClient} from '../../src/page/context.js';
import type {DataClient} from '../../src/page/data-client.js';
import {pageConfig} from '../../src/page/kit/page-config.js';
import {getLocale, isRightToLeft, setLocale, type Locale} from '../../src/page/locale.js';
import {ScopeStore} from '../../src/page/scope-store.js';
import {uiLanguage} from './browser.js';
import {blockedWords, connect, watchRevocation, type Connection} from './connection.js';
import {onPanelSignals, readActingTenant, writeActingTenant} from './panel-requests.js';
import {backendOf, loadSettings, onSettingsChange, resolveLocale, type Settings} from './settings.js';

export interface PageSetup {
  settings: Settings;
  /** The language the page speaks (loaded: `msg()` answers in it). */
  locale: Locale;
  connection: Connection;
  client: DataClient | null;
  store: ScopeStore | null;
  dispose(): void;
}

/** The page's colour scheme, as the options say (the elements follow `themeOf`). */
export function applyLook(settings: Settings): void {
  // Through CSSOM: the extension's CSP allows no inline style attribute to be written.
  document.documentElement.style.colorScheme = settings.theme === 'auto' ? 'light dark' : settings.theme;
}

/**
 * The page's language: the options' choice, else the browser's UI language (English when the
 * catalogue lacks it). Sets `lang` and, right to left, `dir="rtl"` on the document, and loads the
 * catalogue's messages for the page's words and every element; resolves once `msg()` answers in it.
 */
export async function applyLanguage(settings: Settings): Promise<Locale> {
  const locale = resolveLocale(settings.locale, uiLanguage());
  const root = document.documentElement;
  root.lang = locale;
  root.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  // Should its messages fail to load, the page still works, in English.
  return setLocale(locale).catch(() => getLocale());
}

/** The theme a page shows for the options' choice (`auto` follows the system). */
export const themeOf = (settings: Settings): string | null => (settings.theme === 'auto' ? null : settings.theme);

export async function setupPage(root: HTMLElement, options: {followActingTenant?: boolean} = {}): Promise<PageSetup> {
  performance.mark('tenantry:setup');
  const settings = await loadSettings();
  performance.mark('tenantry:settings');
  applyLook(settings);
  // The language's messages load while the client is made (its worker starting).
  const language = applyLanguage(settings);
  const teardown: (() => void)[] = [];
  // Another backend, user, language or look chosen in the options: this page starts over with it.
  teardown.push(onSettingsChange(() => location.reload()));
  const connection = await connect(settings);
  // The bench reads these: how much of a page's first paint is the options and the client.
  performance.mark('tenantry:client');
  const locale = await language;
  const slot = pageConfig().attach(root);
  teardown.push(() => slot.detach());
  if (connection.kind !== 'ready') {
    const {reason, fix} = blockedWords(connection.why);
    slot.publish({status: {kind: 'error', problem: reason, fix}, locale, theme: themeOf(settings)});
    return {settings, locale, connection, client: null, store: null, dispose: () => teardown.forEach((t) => t())};
  }
  const {client} = connection;
  slot.publish({status: {kind: 'ready', client}, locale, theme: themeOf(settings)});
  provideDataClient(root, client);
  // Extension pages have no address bar to keep the scope in; storage.session carries it instead.
  const store = ScopeStore.forClient(client, {urlParam: null});
  const {origin} = backendOf(settings);
  if (origin) {
    teardown.push(
      watchRevocation(origin, () => {
        // Nothing more may reach that origin: the worker stops now, the page then says why.
        client.dispose();
        location.reload();
      }),
    );
  }
  let written = '';
  const onStore = (): void => {
    const id = store.state.current?.tenantId;
    if (id && id !== written && store.state.home) {
      written = id;
      void writeActingTenant(id);
    }
  };
  store.addEventListener('change', onStore);
  teardown.push(() => store.removeEventListener('change', onStore));
  if (options.followActingTenant !== false) {
    const follow = (id: string): void => {
      written = id;
      if (store.state.current?.tenantId !== id) void store.switchTo(id).then(() => store.dismissNotice());
    };
    teardown.push(onPanelSignals({acting: follow}));
    void Promise.all([store.ready, readActingTenant()]).then(([, id]) => id && follow(id));
  }
  return {settings, locale, connection, client, store, dispose: () => teardown.forEach((t) => t())};
}

/** Shows why the page has no data (plain text: the reason may name a URL the user typed). */
export function showBlocked(container: HTMLElement, connection: Extract<Connection, {kind: 'blocked'}>): void {
  const words = blockedWords(connection.why);
  const box = document.createElement('div');
  box.className = 'blocked';
  box.setAttribute('role', 'alert');
  const reason = document.createElement('p');
  reason.textContent = words.reason;
  const fix = document.createElement('p');
  fix.textContent = words.fix;
  box.append(reason, fix);
  container.replaceChildren(box);
}
