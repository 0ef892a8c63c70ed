// The data worker's chunks in a production build, read from the chunk graph that vite.config.ts
// (`workerManifest`) writes to `<outDir>/.vite/workers/<entry>.json`: which files a worker
// configured for HTTP loads, and which a worker on the embedded backend loads on top. Shared by
// `scripts/check-worker-chunks.mjs` (the guard `npm test` runs) and `scripts/bench.mjs` (sizes).
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';

/** The worker's entry module, as the chunk graph names sources (relative to the project root). */
export const WORKER_ENTRY = 'src/worker/data-worker.ts';
/** The embedded backend's chunk is the one built from this module. */
export const EMBEDDED_BACKEND = 'src/worker/backends/embedded/embedded-backend.ts';
/** Modules only the embedded configuration may load: the backend and its demo generator. */
export const EMBEDDED_ONLY = [EMBEDDED_BACKEND, 'src/worker/backends/embedded/seed.ts'];

/**
 * The chunk graph of the build in `outDir` whose entry is the data worker: `{file: chunk}`, each
 * chunk with `src` (its entry module, if any), `modules`, and `imports` / `dynamicImports` (files).
 */
export function readWorkerGraph(outDir) {
  const dir = path.join(outDir, '.vite', 'workers');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: build with vite.config.ts (its worker plugin writes it)`);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const graph = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    if (Object.values(graph).some((c) => c.isEntry && c.src === WORKER_ENTRY)) return graph;
  }
  throw new Error(`no worker chunk graph in ${dir} has ${WORKER_ENTRY} as its entry`);
}

/**
 * Every chunk reachable from `from` through static imports, with the import path that first
 * reached it (`via`, entry first), so a failure can say how a module got in.
 */
export function staticClosure(graph, from) {
  const reached = new Map();
  const queue = from.map((file) => [file, [file]]);
  while (queue.length) {
    const [file, via] = queue.shift();
    if (reached.has(file)) continue;
    const chunk = graph[file];
    if (!chunk) throw new Error(`the worker chunk graph has no ${file}`);
    reached.set(file, via);
    for (const dep of chunk.imports) queue.push([dep, [...via, dep]]);
  }
  return reached;
}

/**
 * What each configuration loads: `http`, the files a worker fetches before it can connect (its
 * entry and static imports), and `embedded`, those plus the embedded backend's chunk and whatever
 * it imports statically. `embeddedChunk` is that chunk's file, or null when the build has none.
 */
export function workerLoads(graph) {
  const entry = Object.values(graph).find((c) => c.isEntry && c.src === WORKER_ENTRY);
  if (!entry) throw new Error(`the worker chunk graph has no entry chunk for ${WORKER_ENTRY}`);
  const http = staticClosure(graph, [entry.file]);
  const embeddedChunk = Object.values(graph).find((c) => c.src === EMBEDDED_BACKEND)?.file ?? null;
  const embedded = new Map([...http, ...(embeddedChunk ? staticClosure(graph, [embeddedChunk]) : [])]);
  return {entry: entry.file, http, embedded, embeddedChunk};
}

/** Raw and gzipped bytes of `files` under `outDir` (gzip at its default level, as the bench always measured). */
export function gzippedSize(outDir, files) {
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const content = readFileSync(path.join(outDir, file));
    raw += content.length;
    gzipped += gzipSync(content).length;
  }
  return {raw, gzipped};
}
