/**
 * Entry of the data worker: one per data client, shared by every widget on the page that uses
 * the same backend configuration. Everything heavy (fetch, cache, search, sort, export) runs here.
 */
import {expose} from 'comlink';
import '../shared/transfer.js';
import {DataPlane} from './data-plane.js';

expose(new DataPlane());
