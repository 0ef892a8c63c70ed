// `npm test`: every check this project has, in the order that fails fastest,
// ending with a plain `N passed, N failed` line that CI reads.
import {spawn} from 'node:child_process';
import {chromiumPath} from './chromium.mjs';

function run(cmd, args, {tee = true} = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, FORCE_COLOR: '0'}});
    let out = '';
    const take = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        if (tee) sink.write(chunk);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => resolve({code: code ?? 1, out}));
  });
}

const bin = (name) => `node_modules/.bin/${name}`;
let failedSteps = 0;

// Resolve (and if need be install) the browser before anything else, so a missing one is said first.
process.env.CHROME_PATH = chromiumPath();

for (const [label, cmd, args] of [
  ['typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  // The reference server's Node code has its own program (Node's types stay out of the browser's).
  ['typecheck (reference server)', bin('tsc'), ['--noEmit', '-p', 'src/server/tsconfig.json']],
  ['openapi', 'node', ['scripts/openapi.mjs', '--check']],
  ['openapi lint', bin('redocly'), ['lint', 'openapi/tenantry.openapi.json', '--format=stylish']],
  ['custom elements manifest', 'node', ['scripts/manifest.mjs', '--check']],
  // Words outside the catalogue, and messages a language lacks (~2 s, no type check).
  ['localisation', 'node', ['scripts/check-l10n.mjs']],
  // A production build (~1 s): the dev server the browser tests run on does not split chunks.
  ['worker chunks', 'node', ['scripts/check-worker-chunks.mjs']],
]) {
  console.log(`\n[tenantry] ${label}…`);
  const {code} = await run(cmd, args);
  if (code !== 0) {
    failedSteps++;
    console.error(`[tenantry] ${label} failed (exit ${code}).`);
  }
}

// The browser extension: built, loaded unpacked in real Chromium, its own `N passed, N failed`.
console.log('\n[tenantry] browser extension (Chrome build in Chromium, Firefox build linted)…');
const ext = await run('node', ['scripts/test-extension.mjs']);
const extCounts = [...ext.out.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
const extPassed = extCounts ? Number(extCounts[1]) : 0;
const extFailed = extCounts ? Number(extCounts[2]) : 0;
if (ext.code !== 0) failedSteps += extCounts && extFailed > 0 ? 0 : 1;

console.log('\n[tenantry] browser tests (real Chromium)…');
const wtr = await run(bin('web-test-runner'), process.argv.slice(2));
// The runner colours its summary even when told not to; read it without escape codes.
const plain = wtr.out.replace(/\u001b\[[0-9;]*m/g, '');
const counts = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);

// The host pages of examples/, whole pages in Chromium on the script-tag bundle (built once there).
console.log('\n[tenantry] example host pages (real Chromium)…');
const examples = await run('node', ['scripts/examples.mjs']);
const exampleCounts = [...examples.out.matchAll(/\[examples\] (\d+) passed, (\d+) failed/g)].at(-1);

// The npm package: its exports resolve to packed modules with declarations, Lit not copied in
// (after the examples, so the script-tag bundle it also packs is already built).
console.log('\n[tenantry] npm package…');
const packageCheck = await run('node', ['scripts/check-package.mjs']);
if (packageCheck.code !== 0) {
  failedSteps++;
  console.error(`[tenantry] npm package failed (exit ${packageCheck.code}).`);
}

const passed = (counts ? Number(counts[1]) : 0) + (exampleCounts ? Number(exampleCounts[1]) : 0) + extPassed;
// A failed check (typecheck, contract lint) counts as a failure; so does a runner that died without a summary.
const failed =
  (counts ? Number(counts[2]) : 0) +
  (exampleCounts ? Number(exampleCounts[2]) : 0) +
  extFailed +
  failedSteps +
  (wtr.code !== 0 && !counts ? 1 : 0) +
  (examples.code !== 0 && !exampleCounts ? 1 : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(wtr.code !== 0 || examples.code !== 0 || ext.code !== 0 || failedSteps > 0 ? 1 : 0);
