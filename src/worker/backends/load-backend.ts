/**
 * Creates the backend a configuration names, loading only that backend's code.
 *
 * The embedded backend and its demo generator (`embedded/seed.ts`) are reached only through a
 * dynamic `import()`, so the bundler emits them as a chunk of their own: a worker configured
 * `{kind: 'local'}` fetches it when it connects, one configured `{kind: 'http'}` never does.
 * `scripts/check-worker-chunks.mjs` (run by `npm test`) fails if the worker's static graph ever
 * reaches them again.
 *
 * The HTTP backend stays a static import on purpose: it is what a host runs in production, and
 * loading it on demand would put a second, serial fetch in front of every such worker's first
 * request only to spare the demo configuration a few KB it downloads anyway.
 */
import type {Backend, BackendConfig, TokenProvider} from '../../shared/contract/backend.js';
import {TenantryError} from '../../shared/contract/errors.js';
import {unknownKind} from '../../shared/contract/origins.js';
import {HttpBackend} from './http/http-backend.js';

/** The embedded backend's module, as its chunk exports it (a type only: nothing is imported statically). */
export type EmbeddedBackendModule = typeof import('./embedded/embedded-backend.js');

export interface LoadBackendOptions {
  /** Fetches the embedded backend's chunk; tests pass one that fails or never settles. */
  importEmbedded?: () => Promise<EmbeddedBackendModule>;
  /** How long the chunk may take before loading gives up. Default {@link BACKEND_LOAD_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * A module fetch that stalls never settles on its own (it has no timeout and cannot be aborted),
 * so `connect` would wait forever; after this long it fails with `timeout` instead.
 */
export const BACKEND_LOAD_TIMEOUT_MS = 30_000;

const importEmbedded = (): Promise<EmbeddedBackendModule> => import('./embedded/embedded-backend.js');

/**
 * The backend for `config`. Rejects with a {@link TenantryError}: `config` for an unknown kind,
 * `network` when the embedded backend's chunk fails to load (offline, or a redeploy removed it),
 * `timeout` when it does not arrive in time; the embedded store's own failures pass through.
 */
export async function loadBackend(config: BackendConfig, tokenProvider: TokenProvider | null, options: LoadBackendOptions = {}): Promise<Backend> {
  switch (config.kind) {
    case 'http':
      return new HttpBackend(config, tokenProvider ?? undefined);
    case 'local': {
      const module = await loadChunk('The embedded backend', options.importEmbedded ?? importEmbedded, options.timeoutMs ?? BACKEND_LOAD_TIMEOUT_MS);
      return module.createEmbeddedBackend(config);
    }
    default:
      throw unknownKind(config);
  }
}

/** Runs a chunk's `import()`, turning its failure or stall into a typed error that names the chunk. */
function loadChunk<T>(what: string, load: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const seconds = Math.round(timeoutMs / 1000);
    const timer = setTimeout(() => reject(new TenantryError('timeout', `${what} did not load within ${seconds} s.`, {reason: {id: 'backend.load-timeout', params: {seconds}}})), timeoutMs);
    load().then(
      (module) => {
        clearTimeout(timer);
        resolve(module);
      },
      (e: unknown) => {
        clearTimeout(timer);
        const reason = e instanceof Error ? e.message : String(e);
        // The browser's words for the failure are a detail; the sentence is ours.
        const error = new TenantryError('network', `${what} could not be loaded (${reason}). Check the connection and reload the page.`, {reason: {id: 'backend.load-failed', params: {}}, detail: reason});
        // Kept for the worker's own logs; only code, message and details cross to the page.
        error.cause = e;
        reject(error);
      },
    );
  });
}
