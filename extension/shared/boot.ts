/**
 * Imported first by the popup and the side panel: the options are read and the data client made
 * (its worker starting, the saved session and first rows being read) while the widgets' modules are
 * still being evaluated, as a host page creates its client before the widgets load.
 */
import {setupPage, type PageSetup} from './page-setup.js';

export const booting: Promise<PageSetup> = setupPage(document.body);
