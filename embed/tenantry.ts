/**
 * The script-tag bundle's entry (`dist/cdn/tenantry.js`, `npm run build:cdn`): one
 * `<script type="module">` gives a page every Tenantry element and the data client. Up front comes
 * the core chunk: what the elements share, Lit included (its own copy, so it runs beside a page that
 * loads another). Each element's own code is a chunk loaded when its tag first appears
 * (`element-loader.ts`); a tag the page already defined is skipped. Later still come what only
 * some uses need: the wizard's country, subdivision, phone and cron data, the grid's popovers, and
 * the worker's export and embedded backend.
 */
import {watchDocument} from './element-loader.js';

export * from './data-client.js';
export {ELEMENT_TAGS, load} from './element-loader.js';

watchDocument();
