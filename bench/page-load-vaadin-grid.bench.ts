/** Page-load suite, Vaadin Grid (bench/page-load-peer.ts). */
import {peerPageLoad} from './page-load-peer.js';
import {mountVaadinGrid} from './peers/vaadin-grid.js';

peerPageLoad(mountVaadinGrid);
