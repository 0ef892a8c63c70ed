/**
 * The background service worker, kept as small as it can be: it starts no data plane (a service
 * worker cannot start a Worker; the pages do). It answers only the messages in `messages.ts`, from
 * senders allowed to send each, and rejects everything else with a typed reason. No remote code,
 * no eval: the extension's CSP is `script-src 'self'`.
 */
import type {Runtime} from 'webextension-polyfill';
import {browser, lockSessionStorage, openPanel} from '../shared/browser.js';
import {isRejection, parseRequest, reject, type Reply, type Request} from '../shared/messages.js';
import {sendPanelRequest} from '../shared/panel-requests.js';
import {loadSettings, originOfUrl} from '../shared/settings.js';

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

async function handle(request: Request, sender: Runtime.MessageSender): Promise<Reply> {
  switch (request.type) {
    case 'ping':
      return isExtensionPage(sender) ? {ok: true, type: 'pong'} : reject('bad-sender', 'Only extension pages may send this.');
    case 'bridge-config': {
      const refused = await bridgeSender(sender);
      if (refused) return refused;
      const {bridge} = await loadSettings();
      return {ok: true, type: 'bridge-config', urlPattern: bridge.urlPattern, selector: bridge.selector};
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
