// `npm run serve`: the reference server for the REST contract (src/server/main.ts), bundled for
// Node with esbuild as the bench's API is, then run in this process with this process's arguments
// (`npm run serve -- --port 0 --data /tmp/x`; the flags are listed in src/server/main.ts and the
// README's "Reference server").
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const out = await build({
  entryPoints: [path.join(ROOT, 'src', 'server', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: path.join(ROOT, 'src', 'server', 'tsconfig.json'),
  write: false,
  logLevel: 'warning',
});
const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-server-'));
try {
  const file = path.join(dir, 'server.mjs');
  writeFileSync(file, out.outputFiles[0].contents);
  // Relative paths (--data) stay relative to where the command was started.
  await import(pathToFileURL(file).href);
} finally {
  rmSync(dir, {recursive: true, force: true});
}
