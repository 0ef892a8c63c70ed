// Builds the Vue 3 example as a host app would: `tenantry/…` imports resolve through the
// package's `exports` to dist/npm/ (npm run build:package), Lit and the rest from node_modules.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {compile} from '@vue/compiler-dom';
import {defineConfig} from 'vite';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const {exports} = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `tenantry/<entry>` → the file `exports['./<entry>']` names (what a host's install resolves). */
const tenantryExports = {
  name: 'tenantry-exports',
  enforce: 'pre',
  resolveId(id) {
    if (!id.startsWith('tenantry/')) return null;
    const target = exports[`./${id.slice('tenantry/'.length)}`];
    if (!target) throw new Error(`the package exports no ${id}`);
    return path.join(ROOT, typeof target === 'string' ? target : target.default);
  },
};

/**
 * `*.vuetpl` files are Vue templates compiled here, at build time, to a `render` function (no
 * compiler in the page, so nothing is evaluated at run time). `isCustomElement` tells Vue that
 * tags with a dash are custom elements, not Vue components to resolve.
 */
const vueTemplates = {
  name: 'vue-templates',
  enforce: 'pre',
  transform(source, id) {
    if (!id.endsWith('.vuetpl')) return null;
    const {code} = compile(source, {mode: 'module', prefixIdentifiers: true, hoistStatic: true, isCustomElement: (tag) => tag.includes('-')});
    return {code, map: null};
  },
};

export default defineConfig({
  root: HERE,
  base: './',
  publicDir: false,
  logLevel: 'error',
  plugins: [tenantryExports, vueTemplates],
  // Vue's bundler build without the options API or devtools: what an app ships.
  define: {__VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false'},
  build: {outDir: path.join(ROOT, 'dist', 'examples', path.basename(HERE)), emptyOutDir: true, target: 'es2022'},
});
