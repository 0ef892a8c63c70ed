/**
 * One contract, two backends: the embedded backend called directly, and the HTTP client over real
 * fetch talking to the REST adapter (msw forwards the API origin to `createRestHandler`) over
 * another embedded backend. Each run gets its own store namespace so neither sees the other's writes.
 */
import {expect} from '@open-wc/testing';
import {http} from 'msw';
import type {SetupWorker} from 'msw/browser';
import {contractSuite} from '../../testing/backend-contract-suite.js';
import {createEmbeddedBackend} from './embedded/embedded-backend.js';
import {HttpBackend} from './http/http-backend.js';
import {createRestHandler} from './http/rest-server.js';
import {API, startMsw} from '../../testing/msw.js';

const run = `contract-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const embedded = (namespace: string) => (userId: string) => createEmbeddedBackend({kind: 'local', organizations: 300, namespace, userId});

contractSuite('embedded', embedded(`${run}-direct`));

describe('over HTTP', () => {
  let worker: SetupWorker;
  let served = 0;
  before(async () => {
    const handle = createRestHandler({basePath: '/v1/', backendFor: embedded(`${run}-http`)});
    worker = await startMsw(http.all(`${API}*`, ({request}) => (served++, handle(request))));
  });
  after(async () => {
    await worker.stop();
    // Guards against the suite silently passing without ever crossing the network.
    expect(served).to.be.greaterThan(50);
  });

  contractSuite('HTTP', async (userId) => new HttpBackend({kind: 'http', baseUrl: API}, async () => `demo.${userId}`));
});
