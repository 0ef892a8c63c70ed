// `node scripts/check-worker-chunks.mjs` (a step of `npm test`): a worker configured for HTTP
// must never load the embedded backend or its demo generator. Runs a production `vite build`
// (about a second) into a temporary directory, never `dist/`, which a bench run may be serving,
// and walks the data worker's chunk graph: the embedded backend's modules must be reachable only
// through a dynamic import (src/worker/backends/load-backend.ts), in a chunk of their own.
// The dev server the browser tests use does not bundle, so only a build can tell. Exit 1 if not.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'vite';
import {EMBEDDED_BACKEND, EMBEDDED_ONLY, gzippedSize, readWorkerGraph, workerLoads} from './worker-chunks.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'tenantry-worker-chunks-'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

try {
  // logLevel error: the peer grids' chunk-size warnings are not this check's business.
  await build({root: ROOT, logLevel: 'error', build: {outDir, emptyOutDir: true}});
  const graph = readWorkerGraph(outDir);
  const {http, embedded, embeddedChunk} = workerLoads(graph);
  const problems = [];

  for (const [file, via] of http) {
    for (const module of graph[file].modules.filter((m) => EMBEDDED_ONLY.includes(m))) {
      problems.push(`${module} is in the worker's static graph (${via.join(' → ')}), so a worker configured for HTTP loads it; import it only through loadBackend's dynamic import() (src/worker/backends/load-backend.ts).`);
    }
  }
  if (!embeddedChunk) {
    problems.push(`no chunk of the worker is built from ${EMBEDDED_BACKEND}: it should be the target of loadBackend's dynamic import().`);
  } else {
    if (![...http.keys()].some((file) => graph[file].dynamicImports.includes(embeddedChunk))) {
      problems.push(`the embedded backend's chunk ${embeddedChunk} is not a dynamic import of the worker's static chunks.`);
    }
    const loaded = new Set([...embedded.keys()].flatMap((file) => graph[file].modules));
    for (const module of EMBEDDED_ONLY.filter((m) => !loaded.has(m))) problems.push(`${module} is not among the modules the embedded configuration loads.`);
  }

  if (problems.length) {
    for (const p of problems) console.error(`[worker chunks] ${p}`);
    process.exitCode = 1;
  } else {
    const httpSize = gzippedSize(outDir, http.keys());
    const embeddedSize = gzippedSize(outDir, embedded.keys());
    console.log(
      `[worker chunks] ok: a worker configured for HTTP loads ${http.size} chunk(s), ${kb(httpSize.gzipped)} gzipped; ` +
        `the embedded configuration adds ${embeddedChunk} (${kb(embeddedSize.gzipped - httpSize.gzipped)} gzipped).`,
    );
  }
} finally {
  rmSync(outDir, {recursive: true, force: true});
}
