/**
 * A backend's origin (the identity of its data in cache keys), known from its configuration alone:
 * the worker keys its cache with it before the backend's code has loaded or started, and the page
 * reads the user's saved session and first rows with it before the worker has started; and the
 * check of an HTTP backend's base URL it is made from. Small on purpose: every page loads it
 * (the rest of the contract, with its schemas, is the backends' and the forms' business).
 */
import type {BackendConfig, LocalBackendConfig} from './backend.js';
import {TenantryError} from './errors.js';

/**
 * The base URL of an HTTP backend as every request is built on it: absolute http(s), no user name
 * or password, no query or fragment, ending in `/`. A `config` error says what is wrong; the page
 * checks a configured URL with it before a worker starts, and the HTTP backend again.
 */
export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    const text = String(baseUrl).replace(/\s+/g, ' ').trim();
    const shown = text.length > 200 ? `${text.slice(0, 199)}…` : text;
    throw new TenantryError('config', `The API base URL “${shown}” is not a valid absolute URL.`, {reason: {id: 'url.invalid', params: {url: shown}}});
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const scheme = url.protocol.replace(':', '');
    throw new TenantryError('config', `The API base URL must use http or https, not ${scheme}.`, {reason: {id: 'url.scheme', params: {scheme}}});
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and histories; they must come from the token provider.
    throw new TenantryError('config', 'The API base URL must not contain a user name or password.', {reason: {id: 'url.credentials', params: {}}});
  }
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The embedded backend's origin: its store and the demo data it generates. */
export const localOrigin = (config: LocalBackendConfig): string => `local:${config.namespace ?? 'demo'}:${config.seed ?? 1}:${config.organizations ?? 2000}`;

/** The origin the backend of `config` will have (see `Backend.origin`), without loading or starting it. */
export function originOf(config: BackendConfig): string {
  switch (config.kind) {
    case 'http':
      return normaliseBaseUrl(config.baseUrl).href;
    case 'local':
      return localOrigin(config);
    default:
      throw unknownKind(config);
  }
}

/** A configuration of no known kind: it comes from the page through comlink, unchecked, so its kind may be anything. */
export function unknownKind(config: BackendConfig): TenantryError {
  const kind: unknown = (config as {kind?: unknown}).kind;
  const shown = JSON.stringify(kind) ?? String(kind);
  return new TenantryError('config', `Unknown backend kind ${shown}: use "http" or "local".`, {reason: {id: 'backend.unknown-kind', params: {kind: shown.slice(0, 80)}}});
}

