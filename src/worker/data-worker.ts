/**
 * Entry of the data worker: one per data client, shared by every widget on the page that uses
 * the same backend configuration. Everything heavy (fetch, cache, search, sort, export) runs here.
 */
import type {Endpoint} from 'comlink';
import {exposeDataPlane} from './expose-data-plane.js';

// A dedicated worker's global scope is the endpoint (the DOM typings here see `self` as a Window).
exposeDataPlane(self as unknown as Endpoint);
