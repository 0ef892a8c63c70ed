// The script-tag bundle's chunks (dist/cdn/, `vite.cdn.config.ts`), read from the chunk graphs its
// build writes (`.vite/chunks/tenantry.json` for the page, `.vite/workers/data-worker.json` for the
// worker): what a page loads up front, what each element adds when its tag appears, and what stays
// lazy. Shared by `scripts/examples.mjs` (which checks the lazy chunks) and `scripts/bench.mjs` (sizes).
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {readWorkerGraph, staticClosure, workerLoads} from './worker-chunks.mjs';

export const CDN_ENTRY = 'embed/tenantry.ts';
/** The public elements, by the module that defines each. */
export const CDN_ELEMENTS = {
  'organizations-grid': 'widgets/organizations-grid/organizations-grid.ts',
  'tenant-switcher': 'widgets/tenant-switcher/tenant-switcher.ts',
  'customer-wizard': 'widgets/customer-wizard/customer-wizard.ts',
  'customer-details': 'widgets/customer-details/customer-details.ts',
  'accounts-grid': 'widgets/accounts-grid/accounts-grid.ts',
};
/** What must stay out of every element's up-front code: loaded when first used, each its own chunk. */
export const LAZY = [
  {what: "the wizard's country and subdivision data", module: /node_modules\/country-region-data\//},
  {what: "the wizard's phone-number data", module: /node_modules\/libphonenumber-js\//},
  {what: "the wizard's postal-code rules", module: /node_modules\/postcode-validator\//},
];
/** In the worker: the export writers, loaded on the first export. */
export const WORKER_LAZY = [{what: 'export (CSV, XLSX, zip writers)', module: /^src\/worker\/export\//}];

export function readCdnGraph(outDir) {
  const file = path.join(outDir, '.vite', 'chunks', 'tenantry.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: build with vite.cdn.config.ts (npm run build:cdn)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * `eager`: the files `tenantry.js` loads before anything else (chunk → import path); `elements`:
 * per public element, the files its tag adds beyond those; `all`: eager and every element's.
 */
export function cdnLoads(graph) {
  const entry = Object.values(graph).find((c) => c.isEntry && c.src === CDN_ENTRY);
  if (!entry) throw new Error(`the bundle's chunk graph has no entry for ${CDN_ENTRY}`);
  const eager = staticClosure(graph, [entry.file]);
  const elements = {};
  const all = new Map(eager);
  for (const [tag, src] of Object.entries(CDN_ELEMENTS)) {
    const chunk = Object.values(graph).find((c) => c.src === src);
    if (!chunk) throw new Error(`no chunk of the bundle is built from ${src}`);
    const files = new Map([...staticClosure(graph, [chunk.file])].filter(([file]) => !eager.has(file)));
    elements[tag] = files;
    for (const [file, via] of files) if (!all.has(file)) all.set(file, via);
  }
  return {entry: entry.file, eager, elements, all};
}

/** `{what, file, via}` for each lazy module found in `loaded` (a Map of file → import path). */
export function lazyViolations(graph, loaded, rules) {
  const found = [];
  for (const [file, via] of loaded) {
    for (const rule of rules) if (graph[file].modules.some((m) => rule.module.test(m))) found.push({what: rule.what, file, via});
  }
  return found;
}

/** Whether some chunk of `graph` holds a module of `rule` (the lazy data is there at all). */
export const hasModule = (graph, rule) => Object.values(graph).some((c) => c.modules.some((m) => rule.module.test(m)));

export {readWorkerGraph, workerLoads};
