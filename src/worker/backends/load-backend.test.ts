/**
 * The backend is created by what is configured, and a configuration whose code cannot be loaded
 * fails `connect` with a typed error instead of leaving it pending. (That an HTTP worker never
 * loads the embedded chunk is a property of the build: `scripts/check-worker-chunks.mjs`.)
 */
import {expect} from '@open-wc/testing';
import type {BackendConfig} from '../../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../shared/demo-tenant.js';
import {rejectsWith} from '../../testing/expect-error.js';
import {DataPlane} from '../data-plane.js';
import {HttpBackend} from './http/http-backend.js';
import {loadBackend, type EmbeddedBackendModule} from './load-backend.js';

/** What a browser rejects a module import with when the chunk's fetch fails. */
const chunkFailure = (): Promise<EmbeddedBackendModule> => Promise.reject(new TypeError('Failed to fetch dynamically imported module: https://app.example/assets/embedded-backend-x1.js'));
/** A chunk whose fetch stalls: its import never settles. */
const chunkStall = (): Promise<EmbeddedBackendModule> => new Promise<never>(() => undefined);

describe('loadBackend', () => {
  it('creates the HTTP backend for an HTTP configuration without loading the embedded one', async () => {
    let loaded = false;
    const importEmbedded = (): Promise<EmbeddedBackendModule> => ((loaded = true), chunkFailure());
    const backend = await loadBackend({kind: 'http', baseUrl: 'https://psa.example/api/tenantry/'}, null, {importEmbedded});
    expect(backend).to.be.instanceOf(HttpBackend);
    expect(backend.origin).to.equal('https://psa.example/api/tenantry/');
    expect(loaded).to.equal(false);
  });

  it('loads the embedded backend for a local configuration', async () => {
    const namespace = `load-backend-${crypto.randomUUID()}`;
    const backend = await loadBackend({kind: 'local', organizations: 50, namespace, userId: DEMO_USERS.distributorAdmin}, null);
    expect(backend.origin).to.equal(`local:${namespace}:1:50`);
    expect((await backend.session()).user.id).to.equal(DEMO_USERS.distributorAdmin);
  });

  it('turns a chunk that fails to load into a network error that names it', async () => {
    const error = await rejectsWith(loadBackend({kind: 'local'}, null, {importEmbedded: chunkFailure}));
    expect(error.code).to.equal('network');
    expect(error.message).to.contain('The embedded backend could not be loaded').and.contain('Failed to fetch dynamically imported module');
    expect(error.cause).to.be.instanceOf(TypeError);
  });

  it('gives up on a chunk that never arrives', async () => {
    const error = await rejectsWith(loadBackend({kind: 'local'}, null, {importEmbedded: chunkStall, timeoutMs: 50}));
    expect(error.code).to.equal('timeout');
    expect(error.message).to.contain('The embedded backend did not load');
  });

  it('refuses an unknown kind as a configuration error', async () => {
    const error = await rejectsWith(loadBackend({kind: 'ftp'} as unknown as BackendConfig, null));
    expect(error.code).to.equal('config');
    expect(error.message).to.contain('"ftp"');
  });
});

describe('DataPlane.connect when the backend cannot be loaded', () => {
  it('rejects with the typed error and opens nothing', async () => {
    const plane = new DataPlane((config, tokenProvider) => loadBackend(config, tokenProvider, {importEmbedded: chunkFailure}));
    const error = await rejectsWith(plane.connect({kind: 'local'}, null, {cacheName: `tenantry-cache-test-${crypto.randomUUID()}`}));
    expect(error.code).to.equal('network');
    // Nothing was connected: a call that needs the backend says so rather than using a half-made one.
    expect((await rejectsWith(plane.getOrganization({tenantId: DEMO_TENANTS.distributor}, DEMO_TENANTS.customer, 'get'))).code).to.equal('config');
  });
});
