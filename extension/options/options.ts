/**
 * The options page: which backend (the built-in demo by default, or the user's own), Test
 * connection (who the backend says the user is, and their home tenant), the host permission for
 * exactly that origin, the token (storage.session only), sign out, display preferences and the
 * portal bridge. Permission requests are the first call of their click handler: Firefox refuses
 * one made after anything was awaited.
 */
import {DataClient} from '../../src/page/data-client.js';
import {normaliseBaseUrl} from '../../src/shared/contract/origins.js';
import {browser, originPattern} from '../shared/browser.js';
import {syncBridge} from '../shared/bridge-registration.js';
import {NO_PERMISSION_FIX, NO_PERMISSION_REASON, hasOriginPermission} from '../shared/connection.js';
import {applyLook} from '../shared/page-setup.js';
import {DEMO_SIZES, backendOf, loadSettings, originOfUrl, readToken, saveSettings, writeToken, type Density, type Settings, type Theme} from '../shared/settings.js';

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

let settings = await loadSettings();

function say(text: string, error = false, target = status): void {
  target.textContent = text;
  target.classList.toggle('error', error);
}

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
  if (settings.backend.kind === 'embedded') return say('Using the built-in demo data, signed in as the demo distributor admin.');
  const origin = originOfUrl(settings.backend.baseUrl)!;
  if (!(await hasOriginPermission(origin))) return say(`${NO_PERMISSION_REASON(origin)} ${NO_PERMISSION_FIX}`, true);
  if (!settings.user) return say(`Not connected to ${origin} yet: press Test connection.`);
  const token = await readToken();
  say(`Connected to ${origin} as ${settings.user}${settings.homeTenantName ? ` (home tenant ${settings.homeTenantName})` : ''}.${token ? '' : ' Enter your token again: it is kept only until the browser closes.'}`);
}

fill();
applyLook(settings);
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
  say('Testing the connection…');
  if (granted && !(await granted)) {
    const origin = originOfUrl(next.backend.kind === 'http' ? next.backend.baseUrl : '') ?? 'that site';
    return say(`Permission for ${origin} was not granted, so Tenantry will not contact it.`, true);
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
    say(`Connected as ${session.user.displayName} <${session.user.email}>, home tenant ${session.homeTenantName}.`);
  } catch (e) {
    say(`The backend did not answer as expected: ${e instanceof Error ? e.message : String(e)}`, true);
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
    say(err instanceof Error ? err.message : String(err), true);
    return;
  }
  // Synchronously inside the click: Firefox refuses a request made after an await.
  const granted = browser.permissions.request({origins: [originPattern(url.origin)]});
  void test({...settings, backend: {kind: 'http', baseUrl: url.href}}, granted, token);
});

$('#revoke').addEventListener('click', () => {
  if (settings.backend.kind !== 'http') return say('The built-in demo needs no site access.');
  const origin = originOfUrl(settings.backend.baseUrl)!;
  browser.permissions.remove({origins: [originPattern(origin)]}).then(
    () => describe(),
    (err: unknown) => say(`The browser kept the access: ${err instanceof Error ? err.message : String(err)} Remove it in the browser’s extension settings.`, true),
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
    say(`Signed out: this browser keeps nothing of ${user ?? 'that user'}.`);
  })().catch((err: unknown) => say(`Sign-out could not remove everything: ${err instanceof Error ? err.message : String(err)}`, true));
});

for (const select of [locale, theme, density]) {
  select.addEventListener('change', () => {
    settings = {...settings, locale: locale.value, theme: theme.value as Theme, density: density.value as Density};
    applyLook(settings);
    void saveSettings(settings);
  });
}

$<HTMLFormElement>('#bridge-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const lines = bridgeOrigins.value.split('\n').map((l) => l.trim()).filter(Boolean);
  const origins = lines.map(originOfUrl);
  if (origins.some((o) => o === null)) return say('Each portal address is an http(s) address, one per line.', true, bridgeStatus);
  const bridge = {enabled: bridgeEnabled.checked, origins: [...new Set(origins as string[])], urlPattern: bridgePattern.value.trim(), selector: bridgeSelector.value.trim()};
  if (bridge.urlPattern) {
    try {
      new RegExp(bridge.urlPattern);
    } catch {
      return say('The URL pattern is not a valid regular expression.', true, bridgeStatus);
    }
  }
  // Synchronously inside the click, for every portal at once (one prompt).
  const granted = bridge.enabled && bridge.origins.length ? browser.permissions.request({origins: bridge.origins.map(originPattern)}) : Promise.resolve(true);
  void (async () => {
    const ok = await granted;
    settings = {...settings, bridge: ok ? bridge : {...bridge, enabled: false}};
    await saveSettings(settings);
    await syncBridge(settings);
    say(ok ? (bridge.enabled ? `The bridge runs on ${bridge.origins.join(', ')}.` : 'The bridge is off.') : 'Permission was not granted: the bridge stays off.', !ok, bridgeStatus);
  })();
});
