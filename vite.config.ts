import path from 'node:path';
import {defineConfig, type Plugin} from 'vite';

/** Where each worker's chunk graph is written, under `build.outDir`, by the worker's entry name. */
const WORKER_MANIFEST_DIR = '.vite/workers';

/**
 * Writes `.vite/workers/<entry>.json` (or `<dir>/<entry>.json`) for each worker bundle: per chunk its file, its source
 * modules and its static `imports` apart from its `dynamicImports` (file names). Vite's own
 * manifest lists a worker only as an asset of the page chunk that starts it, so without this
 * nothing says which worker code loads up front and which on demand (`scripts/bench.mjs` sums
 * the sizes, `scripts/check-worker-chunks.mjs` guards the embedded backend's chunk). The
 * script-tag build (`vite.cdn.config.ts`) writes its page chunks' graph the same way.
 */
export function workerManifest(dir = WORKER_MANIFEST_DIR): Plugin {
  let root = process.cwd();
  return {
    name: 'tenantry-worker-manifest',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const relative = (id: string): string => path.relative(root, id).split(path.sep).join('/');
      const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const manifest = Object.fromEntries(
        chunks.map((c) => [
          c.fileName,
          {
            file: c.fileName,
            name: c.name,
            ...(c.facadeModuleId ? {src: relative(c.facadeModuleId)} : {}),
            isEntry: c.isEntry,
            isDynamicEntry: c.isDynamicEntry,
            imports: c.imports,
            dynamicImports: c.dynamicImports,
            // Only modules that left code in the chunk: a tree-shaken import costs nothing.
            modules: Object.entries(c.modules)
              .filter(([, m]) => m.renderedLength > 0)
              .map(([id]) => relative(id)),
          },
        ]),
      );
      this.emitFile({type: 'asset', fileName: `${dir}/${entry.name}.json`, source: `${JSON.stringify(manifest, null, 2)}\n`});
    },
  };
}

/** What the bundler tells a chunk-grouping function of the module graph (`output.codeSplitting.groups[].name`). */
export interface ModuleGraph {
  getModuleInfo(id: string): {importedIds: readonly string[]} | null;
}

/** `from` and every module it imports statically, directly or not (added to `into`). */
export function staticModules(graph: ModuleGraph, from: string, into = new Set<string>()): Set<string> {
  if (into.has(from)) return into;
  into.add(from);
  for (const next of graph.getModuleInfo(from)?.importedIds ?? []) staticModules(graph, next, into);
  return into;
}

// Entry points: the demo and the bench pages (one per suite, each run in a fresh page; the page-load
// suite has one per grid, so each page loads only its own grid). The data worker, a separate bundle,
// is summed from its own manifest (`workerManifest` above); the size of each widget's JS comes from
// builds of that widget alone (`scripts/bench.mjs`). Widgets are otherwise plain modules.
export default defineConfig({
  root: '.',
  publicDir: 'public',
  server: {host: '127.0.0.1', port: 5173, strictPort: false},
  preview: {host: '127.0.0.1', port: 4173},
  worker: {format: 'es', plugins: () => [workerManifest()]},
  build: {
    target: 'es2022',
    outDir: 'dist',
    manifest: true,
    rollupOptions: {
      input: {
        demo: 'index.html',
        bench: 'bench/index.html',
        'bench-grid': 'bench/grid.html',
        'bench-peers': 'bench/peers.html',
        'bench-tenant-switcher': 'bench/tenant-switcher.html',
        'bench-page-load': 'bench/page-load.html',
        'bench-page-load-ag-grid': 'bench/page-load-ag-grid.html',
        'bench-page-load-vaadin-grid': 'bench/page-load-vaadin-grid.html',
        'bench-wizard': 'bench/wizard.html',
        'bench-details': 'bench/details.html',
        'bench-accounts': 'bench/accounts.html',
      },
    },
  },
});
