/**
 * The extension's pages (popup, side panel, options) as one Vite multi-entry build; the data worker
 * goes with them (same extension origin). The background and the content script are single
 * classic files, bundled by `scripts/build-extension.mjs`, which also writes each browser's manifest.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {defineConfig, type Plugin} from 'vite';
import {staticModules, type ModuleGraph} from '../vite.config.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The pages that must paint fast, by their script, with the elements each shows first. Those
 * elements are imported dynamically (so that the options are read and the data client started
 * before their code is evaluated), yet fetched and compiled from the HTML on, as
 * `<link rel="modulepreload">`, instead of only once the page's script has run.
 */
const FIRST_PAINT: Record<string, {script: string; elements: string[]}> = {
  'popup/popup.html': {script: 'extension/popup/popup.ts', elements: ['widgets/tenant-switcher/tenant-switcher.ts', 'extension/popup/quick-search.ts']},
  'sidepanel/sidepanel.html': {script: 'extension/sidepanel/sidepanel.ts', elements: ['widgets/tenant-switcher/tenant-switcher.ts', 'widgets/organizations-grid/organizations-grid.ts']},
};
/**
 * Put first in those pages' `<head>`, `async`: a script of a few hundred bytes that runs as soon as
 * it arrives, while the page's own script is still loading, and starts opening the cache (see it).
 */
const EARLY_SCRIPT = 'extension/shared/early.ts';

/**
 * What the fast pages load first comes in a few chunks, not forty: `setup` (what their scripts
 * import statically: the options, the data client), `first-elements` (what their first elements
 * share: Lit, the kit, the switcher), one chunk of each page's own first elements, and `early`.
 * Each module of an extension page costs a request through the browser's extension protocol and a
 * step of module linking: the popup spent some 50 ms between its HTML and its script's first line
 * over 35 small chunks. `setup` stays apart from the elements' chunks so the options are read while
 * the elements are evaluated, and the early script's modules apart from both.
 *
 * A chunk runs all its modules when first imported: a module that acts on import (`boot.ts` sets
 * the page up) stays out of the groups, or the options page, importing `setup` for its helpers,
 * would set itself up as a popup.
 */
function firstPaintChunks(): {name: (id: string, ctx: ModuleGraph) => string | null; priority: number}[] {
  const repo = path.resolve(root, '..');
  let groups: Map<string, string> | null = null;
  const actsOnImport = new Set(['extension/shared/boot.ts'].map((f) => path.join(repo, f)));
  const named = (ctx: ModuleGraph): Map<string, string> => {
    const earlyId = path.join(repo, EARLY_SCRIPT);
    const early = staticModules(ctx, earlyId);
    early.delete(earlyId);
    const setup = new Map<string, Set<string>>();
    const first = new Map<string, Set<string>>();
    for (const [page, {script, elements}] of Object.entries(FIRST_PAINT)) {
      const name = path.dirname(page);
      const scriptId = path.join(repo, script);
      const own = staticModules(ctx, scriptId);
      own.delete(scriptId);
      const shown = new Set<string>();
      for (const element of elements) staticModules(ctx, path.join(repo, element), shown);
      for (const m of own) setup.set(m, (setup.get(m) ?? new Set()).add(name));
      for (const m of shown) if (!own.has(m)) first.set(m, (first.get(m) ?? new Set()).add(name));
    }
    const pages = Object.keys(FIRST_PAINT).length;
    const out = new Map<string, string>();
    for (const [m, by] of first) out.set(m, by.size === pages ? 'first-elements' : `${[...by][0]}-elements`);
    // A module a page's script imports statically is evaluated with it, wherever else it is shown.
    for (const [m, by] of setup) if (!actsOnImport.has(m)) out.set(m, by.size === pages ? 'setup' : `${[...by][0]}-setup`);
    // The early script's modules stay apart: it must not wait for the setup chunk.
    for (const m of early) out.set(m, 'early');
    return out;
  };
  const chunkOf = (id: string, ctx: ModuleGraph): string | null => (groups ??= named(ctx)).get(id) ?? null;
  // A group takes its modules' imports along: the early one goes first, or the setup chunk would.
  return [
    {name: (id, ctx) => (chunkOf(id, ctx) === 'early' ? 'early' : null), priority: 2},
    {name: (id, ctx) => (chunkOf(id, ctx) === 'early' ? null : chunkOf(id, ctx)), priority: 1},
  ];
}

/** Into each fast page's `<head>`: the early script first, then a `modulepreload` of each chunk its first elements need. */
function firstPaintHtml(): Plugin {
  const repo = path.resolve(root, '..');
  return {
    name: 'tenantry-first-paint-html',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const page = path.relative(root, ctx.filename).split(path.sep).join('/');
        const wanted = new Set((FIRST_PAINT[page]?.elements ?? []).map((f) => path.join(repo, f)));
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
        const preloads = [...files]
          .filter((f) => !loaded.has(f))
          .map((f) => ({tag: 'link', attrs: {rel: 'modulepreload', crossorigin: true, href: path.posix.relative(from, `/${f}`)}, injectTo: 'head' as const}));
        const early = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === path.join(repo, EARLY_SCRIPT));
        if (!early) throw new Error(`the build has no entry for ${EARLY_SCRIPT}`);
        const earlyTag = {tag: 'script', attrs: {type: 'module', async: true, crossorigin: true, src: path.posix.relative(from, `/${early.fileName}`)}, injectTo: 'head-prepend' as const};
        return [earlyTag, ...preloads];
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
  plugins: [firstPaintHtml()],
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist/extension/build/', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the extension supports has modulepreload.
    modulePreload: {polyfill: false},
    sourcemap: false,
    rollupOptions: {
      output: {codeSplitting: {groups: firstPaintChunks()}},
      input: {
        popup: `${root}popup/popup.html`,
        sidepanel: `${root}sidepanel/sidepanel.html`,
        options: `${root}options/options.html`,
        early: path.join(root, '..', EARLY_SCRIPT),
      },
    },
  },
});
