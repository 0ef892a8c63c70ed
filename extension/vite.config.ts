/**
 * The extension's pages (popup, side panel, options) as one Vite multi-entry build; the data worker
 * goes with them (same extension origin). The background and the content script are single
 * classic files, bundled by `scripts/build-extension.mjs`, which also writes each browser's manifest.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {defineConfig, type Plugin} from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The elements a page shows first, which its script imports dynamically (so that the options are
 * read and the data client started before their code is evaluated): fetched and compiled from the
 * HTML on, as `<link rel="modulepreload">`, instead of only once the page's script has run.
 */
const FIRST_ELEMENTS: Record<string, string[]> = {
  'popup/popup.html': ['widgets/tenant-switcher/tenant-switcher.ts', 'extension/popup/quick-search.ts'],
  'sidepanel/sidepanel.html': ['widgets/tenant-switcher/tenant-switcher.ts', 'widgets/organizations-grid/organizations-grid.ts'],
};

function preloadFirstElements(): Plugin {
  const repo = path.resolve(root, '..');
  return {
    name: 'tenantry-preload-first-elements',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const page = path.relative(root, ctx.filename).split(path.sep).join('/');
        const wanted = new Set((FIRST_ELEMENTS[page] ?? []).map((f) => path.join(repo, f)));
        const bundle = ctx.bundle;
        if (!bundle || !ctx.chunk || !wanted.size) return [];
        const loaded = new Set<string>();
        const closure = (file: string, into: Set<string>): void => {
          const chunk = bundle[file];
          if (into.has(file) || chunk?.type !== 'chunk') return;
          into.add(file);
          for (const dep of chunk.imports) closure(dep, into);
        };
        closure(ctx.chunk.fileName, loaded);
        const files = new Set<string>();
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.facadeModuleId && wanted.has(chunk.facadeModuleId)) closure(chunk.fileName, files);
        }
        const from = path.posix.dirname(`/${page}`);
        return [...files]
          .filter((f) => !loaded.has(f))
          .map((f) => ({tag: 'link', attrs: {rel: 'modulepreload', crossorigin: true, href: path.posix.relative(from, `/${f}`)}, injectTo: 'head' as const}));
      },
    },
  };
}

export default defineConfig({
  root,
  // Relative URLs: the pages are served from the extension's own origin, at any path.
  base: './',
  publicDir: false,
  worker: {format: 'es'},
  plugins: [preloadFirstElements()],
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
