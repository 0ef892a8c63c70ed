/**
 * The script-tag bundle (`npm run build:cdn` → `dist/cdn/`): `tenantry.js`, one ES module that
 * defines every element, its lazily loaded chunks under `chunks/`, and the data worker with its own
 * chunks, each found relative to the module that loads it (`base: './'`), so the folder can be
 * served from any path or CDN. Everything is bundled in (Lit included): the page needs nothing else.
 * The worker's chunk graph goes to `.vite/workers/` as in the site's build (bench and checks read it).
 */
import {readFileSync} from 'node:fs';
import {defineConfig, type Plugin} from 'vite';
import {workerManifest} from './vite.config.js';

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

export default defineConfig({
  root: '.',
  publicDir: false,
  base: './',
  // The page chunks' graph (`.vite/chunks/tenantry.json`: modules and static/dynamic imports per chunk).
  plugins: [workerManifest(CDN_CHUNK_GRAPH_DIR), classicLoader()],
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
      input: {tenantry: 'embed/tenantry.ts'},
      // The bundle's exports are its API (DataClient, provideDataClient…): kept.
      preserveEntrySignatures: 'exports-only',
      output: {entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]'},
    },
  },
});
