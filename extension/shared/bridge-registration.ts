/**
 * The portal bridge's content script is registered at run time, for exactly the portal origins the
 * user granted (nothing at install, no `<all_urls>`).
 */
import {browser, originPattern} from './browser.js';
import type {Settings} from './settings.js';

const BRIDGE_ID = 'tenantry-bridge';

/** Registers the bridge for the settings' granted origins, or removes it when off. */
export async function syncBridge(settings: Settings): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ids: [BRIDGE_ID]});
  if (existing.length) await browser.scripting.unregisterContentScripts({ids: [BRIDGE_ID]});
  const {enabled, origins} = settings.bridge;
  if (!enabled || origins.length === 0) return;
  const granted: string[] = [];
  for (const origin of origins) if (await browser.permissions.contains({origins: [originPattern(origin)]})) granted.push(origin);
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([{id: BRIDGE_ID, matches: granted.map(originPattern), js: ['content.js'], runAt: 'document_idle', persistAcrossSessions: true}]);
}
