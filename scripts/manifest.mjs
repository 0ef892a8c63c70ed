// `npm run manifest`: writes custom-elements.json (custom-elements-manifest.config.mjs) from the
// widgets' classes and JSDoc. `--check` (run by `npm test`) fails when the committed file differs
// from what would be written.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'custom-elements.json');
const check = process.argv.includes('--check');
const cli = join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');

/** Runs the analyzer into `outdir` (module paths in the file are relative to the root either way). */
function analyze(outdir) {
  const r = spawnSync(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'], {cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8'});
  if (r.status !== 0) {
    process.stderr.write(r.stdout ?? '');
    throw new Error(`custom-elements-manifest analyzer failed (${r.signal ?? `exit ${r.status}`})`);
  }
}

if (check) {
  const dir = mkdtempSync(join(tmpdir(), 'tenantry-cem-'));
  try {
    // The analyzer joins --outdir to the working directory.
    analyze(relative(root, dir));
    const fresh = readFileSync(join(dir, 'custom-elements.json'), 'utf8');
    let committed = null;
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // Missing: reported below.
    }
    if (committed !== fresh) {
      console.error(`${committed === null ? 'custom-elements.json is missing' : 'custom-elements.json is out of date'}: run npm run manifest`);
      // Not process.exit here: the finally below must still remove the temporary directory.
      process.exitCode = 1;
    } else console.log('custom-elements.json is up to date.');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
} else {
  analyze('.');
  console.log('Wrote custom-elements.json.');
}
