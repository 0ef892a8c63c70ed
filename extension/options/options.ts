/**
 * The options page: which backend (the built-in demo by default, or the user's own), Test
 * connection (who the backend says the user is, and their home tenant), the host permission for
 * exactly that origin, the token (storage.session only), sign out, display preferences and the
 * portal bridge. Permission requests are the first call of their click handler: Firefox refuses
 * one made after anything was awaited.
 */
import {msg, str} from '@lit/localize';
import {html, render} from 'lit';
import {DataClient} from '../../src/page/data-client.js';
import {formatList, plural} from '../../src/page/format.js';
import {errorText, onMessagesLoaded} from '../../src/page/messages.js';
import {normaliseBaseUrl} from '../../src/shared/contract/origins.js';
import {browser, originPattern} from '../shared/browser.js';
import {browserWords} from '../shared/browser-words.js';
import {syncBridge} from '../shared/bridge-registration.js';
import {blockedWords, hasOriginPermission} from '../shared/connection.js';
import {applyLanguage, applyLook} from '../shared/page-setup.js';
import {DEMO_SIZES, LOCALE_CHOICES, backendOf, loadSettings, originOfUrl, readToken, saveSettings, writeToken, type Density, type LocaleChoice, type Settings, type Theme} from '../shared/settings.js';

let settings = await loadSettings();
applyLook(settings);
await applyLanguage(settings);

/** A language's name in that language (`Deutsch`, `العربية`): the same in every language of the page. */
const languageName = (code: string): string => new Intl.DisplayNames([code], {type: 'language'}).of(code) ?? code;

const demoSizeWords = (n: number): string =>
  plural(n, {
    one: (count) => msg(str`${count} customer`, {id: 'ext.options.demo-size-one'}),
    other: (count) => msg(str`${count} customers`, {id: 'ext.options.demo-size-other'}),
  });

/**
 * The page, in the page's language; rendered again in place when the language changes (values typed
 * stay). Addresses, tokens, patterns and selectors are written left to right in every language.
 */
function page() {
  return html`
    <h1>${msg('Tenantry options', {id: 'ext.options.title'})}</h1>
    <form id="backend-form" novalidate>
      <fieldset>
        <legend>${msg('Backend', {id: 'ext.options.backend'})}</legend>
        <div class="row">
          <input type="radio" id="backend-embedded" name="backend" value="embedded" />
          <label for="backend-embedded">${msg('Demo data, built in (no server)', {id: 'ext.options.embedded'})}</label>
          <label for="demo-size" class="visually-hidden">${msg('Demo size', {id: 'ext.options.demo-size'})}</label>
          <select id="demo-size">
            ${DEMO_SIZES.map((n) => html`<option value=${n}>${demoSizeWords(n)}</option>`)}
          </select>
        </div>
        <div class="row">
          <input type="radio" id="backend-http" name="backend" value="http" />
          <label for="backend-http">${msg('My backend', {id: 'ext.options.http'})}</label>
        </div>
        <div class="row">
          <label for="base-url">${msg('Backend URL', {id: 'ext.options.base-url'})}</label>
          <input type="url" id="base-url" dir="ltr" placeholder="https://psa.example.com/api/tenantry/" autocomplete="url" />
        </div>
        <div class="row">
          <label for="token">${msg('Access token', {id: 'ext.options.token'})}</label>
          <input type="password" id="token" dir="ltr" autocomplete="off" aria-describedby="token-help" />
        </div>
        <p id="token-help">${msg('Kept in this browser’s memory only until it closes; never written to disk, never readable by web pages.', {id: 'ext.options.token-help'})}</p>
        <div class="row">
          <button type="submit" id="test">${msg('Test connection', {id: 'ext.options.test'})}</button>
          <button type="button" id="revoke">${msg('Revoke site access', {id: 'ext.options.revoke'})}</button>
          <button type="button" id="sign-out">${msg('Sign out', {id: 'ext.options.sign-out'})}</button>
        </div>
        <p id="connection-status" class="status" role="status" aria-live="polite"></p>
      </fieldset>
    </form>
    <form id="prefs-form">
      <fieldset>
        <legend>${msg('Display', {id: 'ext.options.display'})}</legend>
        <div class="row">
          <label for="locale">${msg('Language', {id: 'ext.options.locale'})}</label>
          <select id="locale">
            ${LOCALE_CHOICES.map((code) =>
              code === 'auto'
                ? html`<option value="auto">${msg('As the browser', {id: 'ext.options.locale-auto'})}</option>`
                : html`<option value=${code} lang=${code}>${languageName(code)}</option>`,
            )}
          </select>
        </div>
        <div class="row">
          <label for="theme">${msg('Theme', {id: 'ext.options.theme'})}</label>
          <select id="theme">
            <option value="auto">${msg('As the system', {id: 'ext.options.theme-auto'})}</option>
            <option value="light">${msg('Light', {id: 'ext.options.theme-light'})}</option>
            <option value="dark">${msg('Dark', {id: 'ext.options.theme-dark'})}</option>
          </select>
        </div>
        <div class="row">
          <label for="density">${msg('Density', {id: 'ext.options.density'})}</label>
          <select id="density">
            <option value="standard">${msg('Standard', {id: 'ext.options.density-standard'})}</option>
            <option value="compact">${msg('Compact', {id: 'ext.options.density-compact'})}</option>
          </select>
        </div>
      </fieldset>
    </form>
    <form id="bridge-form" novalidate>
      <fieldset>
        <legend>${msg('Portal bridge (optional)', {id: 'ext.options.bridge'})}</legend>
        <div class="row">
          <input type="checkbox" id="bridge-enabled" />
          <label for="bridge-enabled">${msg(str`Offer “${browserWords.bridgeOpen()}” on these portals`, {id: 'ext.options.bridge-enabled'})}</label>
        </div>
        <div class="row">
          <label for="bridge-origins">${msg('Portal addresses, one per line', {id: 'ext.options.bridge-origins'})}</label>
          <textarea id="bridge-origins" dir="ltr" rows="3" cols="50" placeholder="https://portal.example.com"></textarea>
        </div>
        <div class="row">
          <label for="bridge-pattern">${msg('URL pattern (its first group names the customer)', {id: 'ext.options.bridge-pattern'})}</label>
          <input type="text" id="bridge-pattern" dir="ltr" placeholder="/companies/([^/]+)" />
        </div>
        <div class="row">
          <label for="bridge-selector">${msg('or an element whose text names the customer', {id: 'ext.options.bridge-selector'})}</label>
          <input type="text" id="bridge-selector" dir="ltr" placeholder="h1.company-name" />
        </div>
        <div class="row"><button type="submit" id="bridge-save">${msg('Save bridge', {id: 'ext.options.bridge-save'})}</button></div>
        <p id="bridge-status" class="status" role="status" aria-live="polite"></p>
      </fieldset>
    </form>
  `;
}

const main = document.querySelector('main')!;
function showPage(): void {
  document.title = msg('Tenantry options', {id: 'ext.options.title'});
  render(page(), main);
}
showPage();

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;
const embedded = $<HTMLInputElement>('#backend-embedded');
const http = $<HTMLInputElement>('#backend-http');
const demoSize = $<HTMLSelectElement>('#demo-size');
const baseUrl = $<HTMLInputElement>('#base-url');
const tokenInput = $<HTMLInputElement>('#token');
const status = $<HTMLElement>('#connection-status');
const locale = $<HTMLSelectElement>('#locale');
const theme = $<HTMLSelectElement>('#theme');
const density = $<HTMLSelectElement>('#density');
const bridgeEnabled = $<HTMLInputElement>('#bridge-enabled');
const bridgeOrigins = $<HTMLTextAreaElement>('#bridge-origins');
const bridgePattern = $<HTMLInputElement>('#bridge-pattern');
const bridgeSelector = $<HTMLInputElement>('#bridge-selector');
const bridgeStatus = $<HTMLElement>('#bridge-status');

/** What each status line says now, as words to write again when the language changes. */
const said = new Map<HTMLElement, {words: () => string; error: boolean}>();
// An error's wording loads the first time one is shown ("Loading…" until then): each line is written again once it is in.
onMessagesLoaded(sayAgain);

/** Every status line written again (in the page's language now). */
function sayAgain(): void {
  for (const [target, {words, error}] of said) say(words, error, target);
}

function say(words: () => string, error = false, target = status): void {
  said.set(target, {words, error});
  target.textContent = words();
  target.classList.toggle('error', error);
}

/** An error's own message (from the browser or a backend: not ours to translate). */
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function fill(): void {
  embedded.checked = settings.backend.kind === 'embedded';
  http.checked = settings.backend.kind === 'http';
  demoSize.value = String(settings.backend.kind === 'embedded' ? settings.backend.organizations : DEMO_SIZES[0]);
  baseUrl.value = settings.backend.kind === 'http' ? settings.backend.baseUrl : '';
  locale.value = settings.locale;
  theme.value = settings.theme;
  density.value = settings.density;
  bridgeEnabled.checked = settings.bridge.enabled;
  bridgeOrigins.value = settings.bridge.origins.join('\n');
  bridgePattern.value = settings.bridge.urlPattern;
  bridgeSelector.value = settings.bridge.selector;
}

/** Where the connection stands now, in words (on load, and when a permission comes or goes). */
async function describe(): Promise<void> {
  if (settings.backend.kind === 'embedded') return say(() => msg('Using the built-in demo data, signed in as the demo distributor admin.', {id: 'ext.options.status-demo'}));
  const origin = originOfUrl(settings.backend.baseUrl)!;
  if (!(await hasOriginPermission(origin))) {
    return say(() => {
      const {reason, fix} = blockedWords({cause: 'no-permission', origin});
      return `${reason} ${fix}`;
    }, true);
  }
  const {user, homeTenantName: home} = settings;
  if (!user) return say(() => msg(str`Not connected to ${origin} yet: press Test connection.`, {id: 'ext.options.status-not-connected'}));
  const token = await readToken();
  say(() => {
    const connected = home
      ? msg(str`Connected to ${origin} as ${user} (home tenant ${home}).`, {id: 'ext.options.status-connected-home'})
      : msg(str`Connected to ${origin} as ${user}.`, {id: 'ext.options.status-connected'});
    return token ? connected : `${connected} ${msg('Enter your token again: it is kept only until the browser closes.', {id: 'ext.options.status-token-gone'})}`;
  });
}

fill();
void describe();
const onPermissions = (): void => void describe();
browser.permissions.onRemoved.addListener(onPermissions);
browser.permissions.onAdded.addListener(onPermissions);
addEventListener('pagehide', () => {
  browser.permissions.onRemoved.removeListener(onPermissions);
  browser.permissions.onAdded.removeListener(onPermissions);
});

/** Signs the current user out of this browser first when the backend or user changes (identity rules). */
async function signOutIfOther(next: Settings): Promise<void> {
  const before = backendOf(settings);
  const after = backendOf(next);
  if (!before.user || (JSON.stringify(before.config) === JSON.stringify(after.config) && before.user === after.user)) return;
  await DataClient.shared({config: before.config, user: before.user}).signOut().catch(() => undefined);
}

async function test(next: Settings, granted: Promise<boolean> | null, token: string): Promise<void> {
  say(() => msg('Testing the connection…', {id: 'ext.options.testing'}));
  if (granted && !(await granted)) {
    // Asked only for an http(s) backend, whose URL was checked: it has an origin.
    const origin = originOfUrl(next.backend.kind === 'http' ? next.backend.baseUrl : '')!;
    return say(() => msg(str`Permission for ${origin} was not granted, so Tenantry will not contact it.`, {id: 'ext.options.not-granted'}), true);
  }
  if (next.backend.kind === 'http') await writeToken(token || (await readToken()));
  const {config, user} = backendOf(next);
  // An HTTP backend says who the user is; the demo backend's user is known beforehand.
  const client = config.kind === 'local' ? DataClient.shared({config, user: user!}) : new DataClient({config, tokenProvider: readToken});
  try {
    const {session} = await client.connected;
    const confirmed: Settings = {...next, user: config.kind === 'http' ? session.user.id : null, homeTenantName: session.homeTenantName};
    await signOutIfOther(confirmed);
    settings = confirmed;
    await saveSettings(settings);
    // Name and address as the backend has them; the angle brackets stay out of the catalogue.
    const who = `${session.user.displayName} <${session.user.email}>`;
    const home = session.homeTenantName;
    say(() => msg(str`Connected as ${who}, home tenant ${home}.`, {id: 'ext.options.connected'}));
  } catch (e) {
    const reason = messageOf(e);
    say(() => msg(str`The backend did not answer as expected: ${reason}`, {id: 'ext.options.test-failed'}), true);
  } finally {
    if (config.kind === 'http') client.dispose();
  }
}

$<HTMLFormElement>('#backend-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = tokenInput.value;
  // The token leaves the DOM at once: it lives in storage.session only.
  tokenInput.value = '';
  if (!http.checked) {
    void test({...settings, backend: {kind: 'embedded', organizations: Number(demoSize.value)}}, null, '');
    return;
  }
  let url: URL;
  try {
    url = normaliseBaseUrl(baseUrl.value.trim());
  } catch (err) {
    // What exactly is wrong with it (not absolute, another scheme, a user name in it), as the widgets word it.
    say(() => errorText(err, () => msg('Enter the backend URL as an absolute http or https address, without a user name or password.', {id: 'ext.options.bad-url'})), true);
    return;
  }
  // Synchronously inside the click: Firefox refuses a request made after an await.
  const granted = browser.permissions.request({origins: [originPattern(url.origin)]});
  void test({...settings, backend: {kind: 'http', baseUrl: url.href}}, granted, token);
});

$('#revoke').addEventListener('click', () => {
  if (settings.backend.kind !== 'http') return say(() => msg('The built-in demo needs no site access.', {id: 'ext.options.revoke-demo'}));
  const origin = originOfUrl(settings.backend.baseUrl)!;
  browser.permissions.remove({origins: [originPattern(origin)]}).then(
    () => describe(),
    (err: unknown) => {
      const reason = messageOf(err);
      say(() => msg(str`The browser kept the access: ${reason} Remove it in the browser’s extension settings.`, {id: 'ext.options.revoke-failed'}), true);
    },
  );
});

$('#sign-out').addEventListener('click', () => {
  void (async () => {
    const {config, user} = backendOf(settings);
    if (user) await DataClient.shared({config, user, tokenProvider: readToken}).signOut();
    await writeToken(null);
    if (settings.backend.kind === 'http') {
      settings = {...settings, user: null, homeTenantName: null};
      await saveSettings(settings);
    }
    say(() => (user ? msg(str`Signed out: this browser keeps nothing of ${user}.`, {id: 'ext.options.signed-out'}) : msg('Signed out: this browser keeps nothing of that user.', {id: 'ext.options.signed-out-nobody'})));
  })().catch((err: unknown) => {
    const reason = messageOf(err);
    say(() => msg(str`Sign-out could not remove everything: ${reason}`, {id: 'ext.options.sign-out-failed'}), true);
  });
});

for (const select of [locale, theme, density]) {
  select.addEventListener('change', () => {
    const languageChanged = locale.value !== settings.locale;
    settings = {...settings, locale: locale.value as LocaleChoice, theme: theme.value as Theme, density: density.value as Density};
    applyLook(settings);
    void saveSettings(settings);
    if (!languageChanged) return;
    // The page speaks the new language at once: its words, then what its status lines say.
    void applyLanguage(settings).then(() => {
      showPage();
      sayAgain();
    });
  });
}

$<HTMLFormElement>('#bridge-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const lines = bridgeOrigins.value.split('\n').map((l) => l.trim()).filter(Boolean);
  const origins = lines.map(originOfUrl);
  if (origins.some((o) => o === null)) return say(() => msg('Each portal address is an http(s) address, one per line.', {id: 'ext.options.bridge-bad-origin'}), true, bridgeStatus);
  const bridge = {enabled: bridgeEnabled.checked, origins: [...new Set(origins as string[])], urlPattern: bridgePattern.value.trim(), selector: bridgeSelector.value.trim()};
  if (bridge.urlPattern) {
    try {
      new RegExp(bridge.urlPattern);
    } catch {
      return say(() => msg('The URL pattern is not a valid regular expression.', {id: 'ext.options.bridge-bad-pattern'}), true, bridgeStatus);
    }
  }
  // Synchronously inside the click, for every portal at once (one prompt).
  const granted = bridge.enabled && bridge.origins.length ? browser.permissions.request({origins: bridge.origins.map(originPattern)}) : Promise.resolve(true);
  void (async () => {
    const ok = await granted;
    settings = {...settings, bridge: ok ? bridge : {...bridge, enabled: false}};
    await saveSettings(settings);
    await syncBridge(settings);
    say(
      () =>
        !ok
          ? msg('Permission was not granted: the bridge stays off.', {id: 'ext.options.bridge-not-granted'})
          : bridge.enabled
            ? msg(str`The bridge runs on ${formatList(bridge.origins)}.`, {id: 'ext.options.bridge-on'})
            : msg('The bridge is off.', {id: 'ext.options.bridge-off'}),
      !ok,
      bridgeStatus,
    );
  })();
});
