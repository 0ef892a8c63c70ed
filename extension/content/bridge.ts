/**
 * The portal bridge (off by default; registered only for portal origins the user granted). It runs
 * in the content script's isolated world and only reads the page: a customer named by the user's
 * URL pattern or selector. It never runs our components here (custom elements do not exist in this
 * world); it offers one plain button, in a closed shadow root, that asks the extension to open
 * that customer in the side panel. Its words come with the bridge's configuration, in the user's
 * language (the background reads them from `_locales`).
 */
import {browser} from '../shared/browser.js';
import type {BridgeOffer, Reply} from '../shared/messages.js';

const MAX_HINT = 200;

function hintFrom(urlPattern: string, selector: string): string | null {
  if (urlPattern) {
    try {
      const match = new RegExp(urlPattern).exec(location.href);
      const found = match?.[1] ?? match?.[0];
      if (found) return decodeURIComponent(found).slice(0, MAX_HINT);
    } catch {
      // A pattern that does not compile, or a bad escape in the URL: try the selector.
    }
  }
  if (selector) {
    try {
      const text = document.querySelector(selector)?.textContent?.trim();
      if (text) return text.slice(0, MAX_HINT);
    } catch {
      return null;
    }
  }
  return null;
}

function offer(hint: string, words: BridgeOffer): void {
  const host = document.createElement('div');
  const root = host.attachShadow({mode: 'closed'});
  const button = document.createElement('button');
  button.type = 'button';
  button.lang = words.lang;
  button.dir = 'auto';
  button.textContent = words.label;
  // `$1` is where the name goes (as in `i18n.getMessage`); the name itself is not read for `$`.
  button.title = words.title.split('$1').join(hint);
  button.setAttribute('style', 'position:fixed;inset-block-end:16px;inset-inline-end:16px;z-index:2147483647;padding:8px 12px;border-radius:6px;border:1px solid #555;background:#fff;color:#111;font:14px system-ui,sans-serif;cursor:pointer');
  button.addEventListener('click', () => void browser.runtime.sendMessage({type: 'bridge-open', hint}));
  root.append(button);
  document.documentElement.append(host);
}

void (async () => {
  const reply = (await browser.runtime.sendMessage({type: 'bridge-config'})) as Reply;
  if (!reply.ok || reply.type !== 'bridge-config') return;
  const hint = hintFrom(reply.urlPattern, reply.selector);
  if (hint) offer(hint, reply.offer);
})();
