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
  ['openapi', 'node', ['scripts/openapi.mjs', '--check']],
  ['openapi lint', bin('redocly'), ['lint', 'openapi/tenantry.openapi.json', '--format=stylish']],
  ['custom elements manifest', 'node', ['scripts/manifest.mjs', '--check']],
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
const passed = (counts ? Number(counts[1]) : 0) + extPassed;
// A failed check (typecheck, contract lint) counts as a failure; so does a runner that died without a summary.
const failed = (counts ? Number(counts[2]) : 0) + extFailed + failedSteps + (wtr.code !== 0 && !counts ? 1 : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(wtr.code !== 0 || failedSteps > 0 || ext.code !== 0 ? 1 : 0);
