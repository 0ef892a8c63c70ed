/**
 * The script-tag bundle (`npm run build:cdn` → `dist/cdn/`): `tenantry.js`, one ES module that
 * defines every element, its lazily loaded chunks under `chunks/`, and the data worker with its own
 * chunks, each found relative to the module that loads it (`base: './'`), so the folder can be
 * served from any path or CDN. Everything is bundled in (Lit included): the page needs nothing else.
 * The worker's chunk graph goes to `.vite/workers/` as in the site's build (bench and checks read it).
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {defineConfig, type Plugin} from 'vite';
import {staticModules, workerManifest, type ModuleGraph} from './vite.config.js';
import {CDN_ELEMENTS, CDN_ENTRY} from './scripts/cdn-bundle.mjs';

export const CDN_OUT_DIR = 'dist/cdn';
const CDN_CHUNK_GRAPH_DIR = '.vite/chunks';

/** `tenantry.classic.js`: a classic script that imports `tenantry.js` (embed/tenantry-classic.js, copied). */
function classicLoader(): Plugin {
  return {
    name: 'tenantry-classic-loader',
    generateBundle() {
      this.emitFile({type: 'asset', fileName: 'tenantry.classic.js', source: readFileSync(new URL('./embed/tenantry-classic.js', import.meta.url), 'utf8')});
    },
  };
}

/**
 * The bundler wraps each dynamic import in a helper that first injects `<link rel=modulepreload>`
 * for the chunk's imports. This bundle preloads nothing (see `modulePreload` below), so every call
 * passes an empty list and the helper (1.2 KB gzipped, in every page's first chunk) would only
 * call the import: it is replaced by that call. A failed import still rejects to its caller (the
 * element loader forgets it and tries again on the next sight of the tag).
 */
function directDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'tenantry-direct-dynamic-imports',
    enforce: 'pre',
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : null),
  };
}

/**
 * One `core` chunk for what `tenantry.js` loads up front and what two or more of the public
 * elements share (Lit, the kit's controllers, the data client…); every other module is split as
 * usual, so each element still adds only its own code and its lazy parts stay lazy. Left
 * to the default, the shared code came as some thirty small chunks, each gzipped alone and each a
 * request found only once the chunk importing it had arrived: a page with every element loaded
 * 10 KB more, over a deeper waterfall. The core's modules all run when `tenantry.js` loads: the
 * shared ones must do nothing on import (define no element, add no listener) beyond what the entry's
 * own modules already did.
 */
function coreChunk(): (id: string, ctx: ModuleGraph) => string | null {
  let core: Set<string> | null = null;
  return (id, ctx) => {
    if (!core) {
      core = staticModules(ctx, path.resolve(CDN_ENTRY));
      const seenBy = new Map<string, number>();
      for (const src of Object.values(CDN_ELEMENTS)) for (const m of staticModules(ctx, path.resolve(src))) seenBy.set(m, (seenBy.get(m) ?? 0) + 1);
      for (const [m, count] of seenBy) if (count > 1) core.add(m);
    }
    return core.has(id) ? 'core' : null;
  };
}

export default defineConfig({
  root: '.',
  publicDir: false,
  base: './',
  // The page chunks' graph (`.vite/chunks/tenantry.json`: modules and static/dynamic imports per chunk).
  plugins: [workerManifest(CDN_CHUNK_GRAPH_DIR), classicLoader(), directDynamicImports()],
  worker: {format: 'es', plugins: () => [workerManifest()], rollupOptions: {output: {entryFileNames: 'worker/[name]-[hash].js', chunkFileNames: 'worker/[name]-[hash].js'}}},
  build: {
    target: 'es2022',
    outDir: CDN_OUT_DIR,
    emptyOutDir: true,
    manifest: true,
    // No `<link rel=modulepreload>` injected by script: a strict CSP page then needs nothing beyond
    // the nonce its module script carries (dynamic imports inherit it).
    modulePreload: false,
    rollupOptions: {
      input: {tenantry: CDN_ENTRY},
      // The bundle's exports are its API (DataClient, provideDataClient…): kept.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        codeSplitting: {groups: [{name: coreChunk()}]},
      },
    },
  },
});
