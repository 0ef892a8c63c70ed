// `npm run check:package` (a step of `npm test`): builds the npm package's modules
// (scripts/build-package.mjs), asks npm what `npm pack` would put in the tarball, and proves that
// every `exports` entry resolves to a packed file (with its `.d.ts`), that every module an entry
// reaches is packed or a declared dependency, and that no Lit source was copied into dist/npm/ (the
// script-tag bundle in dist/cdn/ carries its own Lit on purpose). Exit 1 if not.
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const problems = [];

execFileSync(process.execPath, ['scripts/build-package.mjs'], {cwd: ROOT, stdio: 'inherit'});
if (!existsSync(path.join(ROOT, 'dist', 'cdn', 'tenantry.js'))) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '-c', 'vite.cdn.config.ts', '--logLevel', 'error'], {cwd: ROOT, stdio: 'inherit'});
}

const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']}));
const files = new Set(packed.files.map((f) => f.path));
const rel = (p) => p.replace(/^\.\//, '');

for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
  const targets = typeof target === 'string' ? {default: target} : target;
  for (const [condition, file] of Object.entries(targets)) if (!files.has(rel(file))) problems.push(`exports["${subpath}"].${condition} → ${file} is not in the package`);
  if (typeof target !== 'string' && targets.default?.endsWith('.js') && !targets.types) problems.push(`exports["${subpath}"] has no types`);
}

// Every module reachable from the entries: relative imports packed (with declarations), bare ones declared dependencies.
const deps = new Set(Object.keys(pkg.dependencies ?? {}));
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
// esbuild's output: import/export statements at line starts, dynamic imports anywhere.
const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm;
const queue = Object.values(pkg.exports).flatMap((t) => (typeof t === 'string' ? [] : [rel(t.default)])).filter((f) => f.startsWith('dist/npm/'));
const seen = new Set();
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  if (!files.has(file)) continue;
  if (!files.has(file.replace(/\.js$/, '.d.ts'))) problems.push(`${file} has no declaration file in the package`);
  const code = readFileSync(path.join(ROOT, file), 'utf8');
  // Lit's own sources (their version registries), never in the package's modules.
  for (const mark of ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions']) if (code.includes(mark)) problems.push(`${file} holds Lit's source (${mark})`);
  for (const match of code.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? match[3];
    if (spec.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (!files.has(target)) problems.push(`${file} imports ${spec}, which is not in the package`);
      else queue.push(target);
    } else if (!deps.has(packageOf(spec))) problems.push(`${file} imports ${spec}, not a dependency of the package`);
  }
}
const importsLit = [...seen].some((f) => files.has(f) && /from\s*"lit"/.test(readFileSync(path.join(ROOT, f), 'utf8')));
if (!importsLit) problems.push('no module of the package imports "lit": is it bundled in?');
if ([...files].some((f) => f.includes('node_modules/'))) problems.push('the package holds node_modules files');

if (problems.length) {
  for (const p of problems) console.error(`[package] ${p}`);
  process.exitCode = 1;
} else {
  console.log(`[package] ok: ${Object.keys(pkg.exports).length} exports resolve; ${seen.size} modules reachable from them, each packed with its declarations; lit and the other runtime libraries stay dependencies (${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KB packed).`);
}
