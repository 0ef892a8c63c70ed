/**
 * A backend's origin (the identity of its data in cache keys), known from its configuration alone:
 * the worker keys its cache with it before the backend's code has loaded or started, and the page
 * reads the user's saved session and first rows with it before the worker has started.
 */
import {normaliseBaseUrl, type BackendConfig, type LocalBackendConfig} from './backend.js';
import {TenantryError} from './errors.js';

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
  return new TenantryError('config', `Unknown backend kind ${JSON.stringify(kind) ?? String(kind)}: use "http" or "local".`);
}

