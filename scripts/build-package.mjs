// `npm run build:package`: the npm package's modules in dist/npm/, one ES module per source file
// (the source tree kept, so every relative URL still points where it did), with `.d.ts` beside
// each. Nothing is bundled: lit, @lit/*, comlink, idb and the wizard's data libraries stay imports
// of the package's dependencies. The data worker is found as in the source: the literal
// `new Worker(new URL('../../worker/data-worker.js', import.meta.url), …)` that a host's bundler
// (Vite, webpack, Rollup) recognises and bundles as a worker.
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'npm');
/** Source folders of the package; tests and test support stay out. */
const SOURCES = ['embed', 'src/page', 'src/shared', 'src/worker', 'widgets'];
const LEFT_OUT = /(\.test\.ts$|^src\/testing\/|^widgets\/testing\/|^embed\/tenantry\.ts$|^embed\/element-loader\.ts$)/;
/** The worker URL in the source names the TypeScript file; the package has its JavaScript. */
const WORKER_START = 'src/page/platform/data-worker-start.js';
const WORKER_URL = '"../../worker/data-worker.ts"';

function walk(dir) {
  return readdirSync(path.join(ROOT, dir), {withFileTypes: true}).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return walk(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !LEFT_OUT.test(rel) ? [rel] : [];
  });
}

rmSync(OUT, {recursive: true, force: true});
const files = SOURCES.flatMap(walk);
await build({
  entryPoints: files.map((f) => path.join(ROOT, f)),
  outdir: OUT,
  outbase: ROOT,
  bundle: false,
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
  tsconfigRaw: {compilerOptions: {experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true}},
});
const start = path.join(OUT, WORKER_START);
const code = readFileSync(start, 'utf8');
if (!code.includes(WORKER_URL)) throw new Error(`${WORKER_START} no longer names ${WORKER_URL}: update scripts/build-package.mjs`);
writeFileSync(start, code.replace(WORKER_URL, '"../../worker/data-worker.js"'));

execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.package.json'], {cwd: ROOT, stdio: 'inherit'});
if (!existsSync(path.join(OUT, 'embed', 'data-client.d.ts'))) throw new Error('tsc wrote no declarations');
console.log(`[package] ${files.length} modules with their declarations in dist/npm/`);
