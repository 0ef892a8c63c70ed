// `npm run openapi`: writes openapi/tenantry.openapi.json from src/shared/contract/openapi.ts, so the
// published contract is generated from the same schemas the client checks responses with.
// `--check` (run by `npm test`) fails when the committed file differs from what would be written.
import {build} from 'esbuild';
import {mkdtemp, readFile, rm, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'openapi', 'tenantry.openapi.json');
const check = process.argv.includes('--check');

/** Recursively sorted keys: the file only changes when the contract does. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

const dir = await mkdtemp(join(tmpdir(), 'tenantry-openapi-'));
let text;
try {
  const outfile = join(dir, 'openapi.mjs');
  await build({
    entryPoints: [join(root, 'src/shared/contract/openapi.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  const {buildOpenApi} = await import(pathToFileURL(outfile).href);
  text = `${JSON.stringify(sortKeys(buildOpenApi()), null, 2)}\n`;
} finally {
  await rm(dir, {recursive: true, force: true});
}

if (check) {
  const committed = await readFile(target, 'utf8').catch(() => null);
  if (committed !== text) {
    console.error(`${committed === null ? 'openapi/tenantry.openapi.json is missing' : 'openapi/tenantry.openapi.json is out of date'}: run npm run openapi`);
    process.exit(1);
  }
  console.log('openapi/tenantry.openapi.json is up to date.');
} else {
  await mkdir(dirname(target), {recursive: true});
  await writeFile(target, text);
  console.log(`Wrote ${target.slice(root.length + 1)}.`);
}
