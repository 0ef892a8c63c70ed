/**
 * The words the browser shows from `_locales/<locale>/messages.json` rather than from a page of
 * ours: the manifest's name, description and titles (`__MSG_<key>__` in the built manifests), and
 * the portal bridge's offer on a portal page (the background reads it from there: neither it nor
 * the content script runs the catalogue's runtime). They are messages of the catalogue like every
 * other, translated in `locales/*.xlf`; `scripts/build-extension.mjs` writes each language's
 * `messages.json` from them, each under the key that follows `ext.browser.` in its id. The pages
 * use them too (the product's name).
 */
import {msg, str} from '@lit/localize';

/** The prefix of the ids written to `_locales`. */
export const BROWSER_WORDS_ID = 'ext.browser.';

export const browserWords = {
  /** The extension's name (the manifest's `name` and `short_name`: at most 12 characters shows whole). */
  extName: () => msg('Tenantry', {id: 'ext.browser.extName'}),
  /** The store's and the browser's extension list's description: at most 132 characters. */
  extDescription: () =>
    msg('Customer management for MSPs, distributors and resellers: switch tenants, find customers and run the customer wizard from any page.', {
      id: 'ext.browser.extDescription',
    }),
  /** The toolbar button's tooltip. */
  actionTitle: () => msg('Tenantry', {id: 'ext.browser.actionTitle'}),
  /** Firefox's sidebar, in the View → Sidebar menu. */
  panelTitle: () => msg('Tenantry', {id: 'ext.browser.panelTitle'}),
  /** The portal bridge's button on a portal page. */
  bridgeOpen: () => msg('Open in Tenantry', {id: 'ext.browser.bridgeOpen'}),
  /** Its tooltip, naming the customer the bridge read from the page. */
  bridgeOpenTitle: (hint: string) => msg(str`Open “${hint}” in Tenantry`, {id: 'ext.browser.bridgeOpenTitle'}),
};
