/** Page-load suite, AG Grid (bench/page-load-peer.ts). */
import {peerPageLoad} from './page-load-peer.js';
import {mountAgGrid} from './peers/ag-grid.js';

peerPageLoad(mountAgGrid);
