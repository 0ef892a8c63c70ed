/**
 * How every extension page gets its data client: exactly as a host page does (`DataClient.shared`,
 * `provideDataClient`, the page's `ScopeStore`), from the options. An HTTP backend is used only
 * while the user has granted the extension that origin: without it no client is made, so no
 * request leaves, and the page says why (in its language: `blockedWords`).
 */
import {msg, str} from '@lit/localize';
import {DataClient} from '../../src/page/data-client.js';
import {browser, originPattern} from './browser.js';
import {backendOf, readToken, type Settings} from './settings.js';

export type Connection = {kind: 'ready'; client: DataClient; user: string} | {kind: 'blocked'; why: Blocked};

/** Why a page has no client: words come from `blockedWords` when shown, in the page's language then. */
export type Blocked = {cause: 'bad-url'} | {cause: 'no-permission'; origin: string} | {cause: 'not-connected'; origin: string};

/** What a page says when it is blocked: the reason, and what the user does about it. */
export function blockedWords(why: Blocked): {reason: string; fix: string} {
  switch (why.cause) {
    case 'bad-url':
      return {
        reason: msg('The backend URL in the options is not an http(s) URL.', {id: 'ext.blocked.bad-url'}),
        fix: msg('Open the options and correct it.', {id: 'ext.blocked.bad-url-fix'}),
      };
    case 'no-permission':
      return {
        reason: msg(str`Tenantry may not contact ${why.origin}: the permission for that site is not granted (it was never granted, or it was revoked).`, {id: 'ext.blocked.no-permission'}),
        fix: msg('Open the extension’s options and press Test connection to grant it.', {id: 'ext.blocked.no-permission-fix'}),
      };
    case 'not-connected':
      return {
        reason: msg(str`You have not connected to ${why.origin} yet.`, {id: 'ext.blocked.not-connected'}),
        fix: msg('Open the extension’s options and press Test connection.', {id: 'ext.blocked.not-connected-fix'}),
      };
  }
}

/** Whether the user granted the extension this origin (an optional host permission). */
export async function hasOriginPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({origins: [originPattern(origin)]});
}

export async function connect(settings: Settings): Promise<Connection> {
  const {config, user, origin} = backendOf(settings);
  if (config.kind === 'http') {
    if (!origin) return {kind: 'blocked', why: {cause: 'bad-url'}};
    if (!(await hasOriginPermission(origin))) return {kind: 'blocked', why: {cause: 'no-permission', origin}};
    if (!user) return {kind: 'blocked', why: {cause: 'not-connected', origin}};
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
