/**
 * The first script of the pages that must paint fast (popup, side panel), loaded `async` and tiny:
 * it runs as soon as it arrives, while the page's own script and its modules are still loading, and
 * starts opening the cache's database, which the data client's saved-state reader takes over once
 * the options are read. The extension's pages always use the default cache name.
 */
import {openSavedStateEarly} from '../../src/page/saved-state-reader.js';

openSavedStateEarly();
