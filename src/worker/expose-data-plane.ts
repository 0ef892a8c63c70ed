/**
 * Serves a new data plane over any comlink endpoint: the data worker's global scope, or one end
 * of a `MessageChannel` when the plane runs on the page's main thread (no worker could start).
 */
import {expose, type Endpoint} from 'comlink';
import '../shared/transfer.js';
import {DATA_PLANE_READY} from '../shared/data-plane-start.js';
import {DataPlane} from './data-plane.js';

export function exposeDataPlane(endpoint: Endpoint): void {
  expose(new DataPlane(), endpoint);
  endpoint.postMessage({tenantry: DATA_PLANE_READY});
}
