// Builds the React 19 example as a host app would: `tenantry/…` imports resolve through the
// package's `exports` to dist/npm/ (npm run build:package), Lit and the rest from node_modules.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
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

export default defineConfig({
  root: HERE,
  base: './',
  publicDir: false,
  logLevel: 'error',
  plugins: [tenantryExports],
  build: {outDir: path.join(ROOT, 'dist', 'examples', path.basename(HERE)), emptyOutDir: true, target: 'es2022'},
});
