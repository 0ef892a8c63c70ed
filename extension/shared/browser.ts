/**
 * The one place the extension touches the WebExtension API. `webextension-polyfill` gives the
 * promise-based `browser.*` namespace on Chromium fleets that predate Chrome's own; the few calls
 * that differ between Chrome and Firefox (side panel vs sidebar) are named wrappers here.
 */
import browser from 'webextension-polyfill';

export {browser};

/** Chrome's side panel API (Chrome 114+); not in the polyfill's types, and absent in Firefox. */
interface ChromeSidePanel {
  open(options: {windowId?: number; tabId?: number}): Promise<void>;
}

function chromeSidePanel(): ChromeSidePanel | null {
  const g = globalThis as typeof globalThis & {chrome?: {sidePanel?: ChromeSidePanel}};
  return g.chrome?.sidePanel ?? null;
}

/** Whether this browser shows the product in Chrome's side panel (else Firefox's sidebar). */
export const hasSidePanel = (): boolean => chromeSidePanel() !== null;

/**
 * Opens the side panel (Chrome) or the sidebar (Firefox). Both browsers allow it only inside a user
 * gesture, so call it synchronously from the click or key handler, before anything is awaited.
 */
export function openPanel(target: {windowId?: number; tabId?: number}): Promise<void> {
  const sidePanel = chromeSidePanel();
  if (sidePanel) return sidePanel.open(target.tabId !== undefined ? {tabId: target.tabId} : {windowId: target.windowId});
  return browser.sidebarAction.open();
}

/** The browser's own UI language (a BCP 47 tag such as `de` or `en-US`): the extension speaks it unless the options choose another. */
export const uiLanguage = (): string => browser.i18n.getUILanguage();

/** The host-permission pattern for exactly one origin (`https://psa.example.com/*`). */
export const originPattern = (origin: string): string => `${origin}/*`;

/**
 * Keeps `storage.session` (where the token is) to trusted extension contexts: Chrome's default,
 * said explicitly; Firefox never exposes it to content scripts and has no such call.
 */
export function lockSessionStorage(): void {
  const g = globalThis as typeof globalThis & {chrome?: {storage?: {session?: {setAccessLevel?: (o: {accessLevel: string}) => Promise<void>}}}};
  void g.chrome?.storage?.session?.setAccessLevel?.({accessLevel: 'TRUSTED_CONTEXTS'}).catch(() => undefined);
}
