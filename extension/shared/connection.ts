/**
 * How every extension page gets its data client: exactly as a host page does (`DataClient.shared`,
 * `provideDataClient`, the page's `ScopeStore`), from the options. An HTTP backend is used only
 * while the user has granted the extension that origin: without it no client is made, so no
 * request leaves, and the page says why.
 */
import {DataClient} from '../../src/page/data-client.js';
import {browser, originPattern} from './browser.js';
import {backendOf, readToken, type Settings} from './settings.js';

export type Connection =
  | {kind: 'ready'; client: DataClient; user: string}
  | {kind: 'blocked'; reason: string; fix: string};

export const NO_PERMISSION_REASON = (origin: string): string =>
  `Tenantry may not contact ${origin}: the permission for that site is not granted (it was never granted, or it was revoked).`;
export const NO_PERMISSION_FIX = 'Open the extension’s options and press Test connection to grant it.';

/** Whether the user granted the extension this origin (an optional host permission). */
export async function hasOriginPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({origins: [originPattern(origin)]});
}

export async function connect(settings: Settings): Promise<Connection> {
  const {config, user, origin} = backendOf(settings);
  if (config.kind === 'http') {
    if (!origin) return {kind: 'blocked', reason: 'The backend URL in the options is not an http(s) URL.', fix: 'Open the options and correct it.'};
    if (!(await hasOriginPermission(origin))) return {kind: 'blocked', reason: NO_PERMISSION_REASON(origin), fix: NO_PERMISSION_FIX};
    if (!user) return {kind: 'blocked', reason: `You have not connected to ${origin} yet.`, fix: 'Open the extension’s options and press Test connection.'};
    // The token stays in storage.session; the worker asks for it per request through this provider.
    return {kind: 'ready', client: DataClient.shared({config, user, tokenProvider: readToken}), user};
  }
  return {kind: 'ready', client: DataClient.shared({config, user: user!}), user: user!};
}

/**
 * Calls `onRevoked` when the user takes back the permission for `origin` (browser settings, or our
 * options page); returns the teardown. The page then drops its client, so nothing more is sent.
 */
export function watchRevocation(origin: string, onRevoked: () => void): () => void {
  const pattern = originPattern(origin);
  const handle = (removed: {origins?: string[]}): void => {
    if (removed.origins?.includes(pattern)) onRevoked();
  };
  browser.permissions.onRemoved.addListener(handle);
  return () => browser.permissions.onRemoved.removeListener(handle);
}
