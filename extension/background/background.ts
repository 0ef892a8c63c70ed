/**
 * The background service worker, kept as small as it can be: it starts no data plane (a service
 * worker cannot start a Worker; the pages do). It answers only the messages in `messages.ts`, from
 * senders allowed to send each, and rejects everything else with a typed reason. No remote code,
 * no eval: the extension's CSP is `script-src 'self'`. Its rejections are for the code that sent
 * the message (codes and English diagnostics), never shown to a user; the one text a user sees,
 * the bridge's offer, it gives in the user's language from `_locales` (`locale-messages.ts`).
 */
import type {Runtime} from 'webextension-polyfill';
import {browser, lockSessionStorage, openPanel, uiLanguage} from '../shared/browser.js';
import {messageText, type LocaleMessages} from '../shared/locale-messages.js';
import {isRejection, parseRequest, reject, type BridgeOffer, type Reply, type Request} from '../shared/messages.js';
import {sendPanelRequest} from '../shared/panel-requests.js';
import {loadSettings, originOfUrl, resolveLocale, type Settings} from '../shared/settings.js';

lockSessionStorage();

// A new user lands on the options page, which already works on the built-in demo data.
browser.runtime.onInstalled.addListener(({reason}) => {
  if (reason === 'install') void browser.runtime.openOptionsPage();
});

const extensionRoot = browser.runtime.getURL('');

/** A page of this extension (popup, side panel, options), not a content script or anyone else. */
const isExtensionPage = (sender: Runtime.MessageSender): boolean => sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(extensionRoot);

/** The bridge's content script: the top frame of a tab on a portal origin the user turned the bridge on for. */
async function bridgeSender(sender: Runtime.MessageSender): Promise<Reply | null> {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.frameId !== 0 || typeof sender.url !== 'string' || sender.url.startsWith(extensionRoot)) {
    return reject('bad-sender', 'Only the portal bridge may send this.');
  }
  const settings = await loadSettings();
  const origin = originOfUrl(sender.url);
  if (!settings.bridge.enabled || !origin || !settings.bridge.origins.includes(origin)) return reject('not-enabled', 'The bridge is not on for this site.');
  return null;
}

const localeFiles = new Map<string, Promise<LocaleMessages>>();

/** A language's `_locales/<locale>/messages.json` (read once); empty when it cannot be read. */
function localeMessages(locale: string): Promise<LocaleMessages> {
  let messages = localeFiles.get(locale);
  if (!messages) {
    messages = fetch(browser.runtime.getURL(`_locales/${locale}/messages.json`))
      .then((r) => (r.ok ? (r.json() as Promise<LocaleMessages>) : {}))
      .catch(() => ({}));
    localeFiles.set(locale, messages);
  }
  return messages;
}

/** The bridge's button in the language the extension speaks (the options' choice, else the browser's). */
async function bridgeOffer(settings: Settings): Promise<BridgeOffer> {
  const lang = resolveLocale(settings.locale, uiLanguage());
  const messages = await localeMessages(lang);
  // A file that could not be read: the browser's own language, which it always has.
  const text = (key: string): string => messageText(messages, key) ?? browser.i18n.getMessage(key, '$1');
  return {lang, label: text('bridgeOpen'), title: text('bridgeOpenTitle')};
}

async function handle(request: Request, sender: Runtime.MessageSender): Promise<Reply> {
  switch (request.type) {
    case 'ping':
      return isExtensionPage(sender) ? {ok: true, type: 'pong'} : reject('bad-sender', 'Only extension pages may send this.');
    case 'bridge-config': {
      const refused = await bridgeSender(sender);
      if (refused) return refused;
      const settings = await loadSettings();
      const {bridge} = settings;
      return {ok: true, type: 'bridge-config', urlPattern: bridge.urlPattern, selector: bridge.selector, offer: await bridgeOffer(settings)};
    }
    case 'bridge-open': {
      const refused = await bridgeSender(sender);
      if (refused) return refused;
      // Chrome lets a content script's click open the panel through us; where it refuses, the
      // request waits in storage.session for the panel's next opening.
      const requested = sendPanelRequest({to: 'search', hint: request.hint});
      try {
        openPanel({tabId: sender.tab!.id!}).catch(() => undefined);
      } catch {
        // Refused at once (no gesture came with the message): the request still waits for the panel.
      }
      await requested;
      return {ok: true, type: 'bridge-opened'};
    }
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
  const parsed = parseRequest(raw);
  if (isRejection(parsed)) return Promise.resolve(parsed);
  return handle(parsed, sender).catch(() => reject('failed', 'The request could not be carried out.'));
});
