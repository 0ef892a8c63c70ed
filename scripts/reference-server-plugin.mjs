// The reference server (`npm run serve`) for browser tests, started as a real process on first use
// and stopped with the test runner. Test pages (on the runner's own port, so CORS is real) ask
// where it is:
//
//   GET  /__tenantry/reference-server           {url, api, tokens: {userId: token}} of the server,
//                                               which allows the asking page's origin
//   POST /__tenantry/reference-server/restart   kills it (SIGKILL: nothing flushed on the way out)
//                                               and starts it again on the same data; answers as GET.
//                                               `?torn=1`: first leaves half a line at the end of its
//                                               journal, as a crash in the middle of a write would
//   GET  /__tenantry/reference-server/refusing  a second server whose allow-list leaves the page's
//                                               origin out
//
// The URLs use the page's host name (the server listens on 127.0.0.1 either way): page and server
// are then the same site, as a cookie session needs (SameSite=Lax).
import {spawn} from 'node:child_process';
import {appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUTE = '/__tenantry/reference-server';
const START_TIMEOUT_MS = 120_000;
/** Every server started, so none outlives the runner however it ends. */
const children = new Set();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts `scripts/serve.mjs` on a free port and resolves once it prints its URL (`{child, url, tokens}`; the example pages use it too). */
export function launch(dataDir, origins) {
  const args = ['scripts/serve.mjs', '--port', '0', '--data', dataDir, ...origins.flatMap((o) => ['--origin', o])];
  const child = spawn(process.execPath, args, {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']});
  children.add(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => {
    err = (err + chunk).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the reference server did not start within ${START_TIMEOUT_MS / 1000} s: ${err}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /^TENANTRY_SERVER_URL=(\S+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      const tokens = JSON.parse(readFileSync(path.join(dataDir, 'tokens.json'), 'utf8'));
      resolve({child, url: match[1], dataDir, origins, tokens});
    });
    child.once('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`the reference server exited (${code ?? signal}) before it listened: ${err}`));
    });
  });
}

function stop(server) {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

/** What a test page is told: the server's URLs on the page's host name, and its tokens. */
function describe(server, hostname) {
  const url = new URL(server.url);
  url.hostname = hostname;
  return {url: url.href, api: new URL('v1/', url).href, tokens: server.tokens};
}

export function referenceServerMiddleware() {
  /** Promises of the two servers, started on first use. */
  let main = null;
  let refusing = null;
  const dirs = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-reference-server-'));
    dirs.push(dir);
    return dir;
  };
  const cleanUp = async () => {
    await Promise.all([main, refusing].map((p) => p?.then(stop, () => undefined)));
    for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
  };

  async function middleware(ctx, next) {
    if (!ctx.path.startsWith(ROUTE)) return next();
    const origin = `${ctx.protocol}://${ctx.host}`;
    const hostname = ctx.hostname;
    try {
      let server;
      if (ctx.path === ROUTE && ctx.method === 'GET') {
        main ??= launch(tempDir(), [origin]);
        server = await main;
      } else if (ctx.path === `${ROUTE}/restart` && ctx.method === 'POST') {
        const before = await (main ??= launch(tempDir(), [origin]));
        await stop(before);
        if (ctx.query.torn === '1') {
          for (const dir of readdirSync(before.dataDir).filter((d) => d.startsWith('overlay-'))) {
            appendFileSync(path.join(before.dataDir, dir, 'journal.jsonl'), '{"records":[{"id":"org-torn","org":{"na');
          }
        }
        main = launch(before.dataDir, before.origins);
        server = await main;
      } else if (ctx.path === `${ROUTE}/refusing` && ctx.method === 'GET') {
        refusing ??= launch(tempDir(), ['http://allowed.invalid']);
        server = await refusing;
      } else {
        ctx.status = 404;
        return;
      }
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(describe(server, hostname));
    } catch (e) {
      ctx.status = 500;
      ctx.type = 'text/plain';
      ctx.body = String(e?.message ?? e);
    }
  }
  return {middleware, cleanUp};
}

/** A test-runner plugin that stops the servers with the runner. */
export function referenceServerPlugin(server) {
  return {
    name: 'tenantry-reference-server',
    async serverStop() {
      await server.cleanUp();
    },
  };
}
