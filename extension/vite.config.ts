/**
 * The extension's pages (popup, side panel, options) as one Vite multi-entry build; the data worker
 * goes with them (same extension origin). The background and the content script are single
 * classic files, bundled by `scripts/build-extension.mjs`, which also writes each browser's manifest.
 */
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative URLs: the pages are served from the extension's own origin, at any path.
  base: './',
  publicDir: false,
  worker: {format: 'es'},
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist/extension/build/', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the extension supports has modulepreload.
    modulePreload: {polyfill: false},
    sourcemap: false,
    rollupOptions: {
      input: {
        popup: `${root}popup/popup.html`,
        sidepanel: `${root}sidepanel/sidepanel.html`,
        options: `${root}options/options.html`,
      },
    },
  },
});
