/**
 * The reference server: the REST contract (`createRestHandler`, the same rules the embedded backend
 * and its tests hold) over an embedded store whose changes are kept on disk, behind Node's
 * `http` server. What it adds is what a real deployment adds in front of those rules: real tokens
 * and cookie sessions, CORS for configured origins, body limits, and fault drills on demand.
 * Nothing here decides what a user may see or change.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {LocalBackendConfig} from '../shared/contract/backend.js';
import {DEMO_USERS} from '../shared/demo-tenant.js';
import {createEmbeddedBackend} from '../worker/backends/embedded/embedded-backend.js';
import {createRestHandler} from '../worker/backends/http/rest-server.js';
import {Credentials, SESSION_COOKIE, SESSION_SECONDS, SIGN_INS} from './credentials.js';
import {FileOverlayStorage} from './file-storage.js';

export interface ServerOptions {
  port: number;
  host: string;
  /** Where tokens and the store's changes are kept (made if need be). */
  dataDir: string;
  /** Customer organizations of the generated demo tenant the changes are made over. */
  organizations: number;
  /** Origins allowed to call from a browser (CORS); requests from any other origin are refused. */
  origins: readonly string[];
  /** Also believe `Bearer demo.<userId>` (the demo scheme): for the demo and tests, never a real server. */
  demoTokens: boolean;
  /** Told when the disk refused a write: the server then stops (memory would no longer match the disk). */
  onFatal?: (error: unknown) => void;
}

export interface RunningServer {
  /** `http://host:port/` */
  url: string;
  /** The API's base URL: `<url>v1/`. */
  api: string;
  /** Bearer tokens by user id (the start banner prints them). */
  tokens: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

export const API_PATH = '/v1/';
/** Largest request body read (the contract's own limit is 1 MiB; a little room for whitespace). */
const MAX_BODY_BYTES = 1024 * 1024 + 1024;
/** Request headers a browser must be allowed to send (the HTTP backend's, and the sign-in's). */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Idempotency-Key', 'If-Match', 'Tenantry-Scope'];
const ALLOWED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Response headers the HTTP backend (or a host) reads beyond the safelisted ones. */
const EXPOSED_HEADERS = ['ETag', 'Retry-After', 'Location', 'WWW-Authenticate'];

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1']);

/** The host name of a `Host` header, without its port or IPv6 brackets. */
function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1];
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** A fault drill: the next `remaining` API requests answer `status` with `Retry-After`. */
interface Drill {
  status: 429 | 503;
  retryAfter: number;
  remaining: number;
  served: number;
}

export async function startReferenceServer(options: ServerOptions): Promise<RunningServer> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, {recursive: true, mode: 0o700});
  const releaseLock = await lockDirectory(dataDir);
  try {
    return await start(options, dataDir, releaseLock);
  } catch (e) {
    await releaseLock();
    throw e;
  }
}

async function start(options: ServerOptions, dataDir: string, releaseLock: () => Promise<void>): Promise<RunningServer> {
  const origins = new Set(options.origins.map(originOf));
  const credentials = await Credentials.open(dataDir, options.demoTokens);
  let fatal = false;
  // One overlay per size of the generated tenant: changes made over 2,000 organizations mean nothing over 100,000.
  const storage = await FileOverlayStorage.open(path.join(dataDir, `overlay-${options.organizations}`), (e) => {
    fatal = true;
    options.onFatal?.(e);
  });
  const config = (userId: string): LocalBackendConfig => ({kind: 'local', organizations: options.organizations, namespace: 'reference-server', userId});
  const backendFor = (userId: string) => createEmbeddedBackend(config(userId), storage);
  // The tenant is generated and the changes replayed before the first request, not during it.
  await (await backendFor(DEMO_USERS.distributorAdmin)).session();
  const handle = createRestHandler({basePath: API_PATH, backendFor, authenticate: (request) => credentials.userOf(request)});
  let drill: Drill | null = null;
  const boundTo = options.host.replace(/^\[|\]$/g, '').toLowerCase();
  const loopbackOnly = LOOPBACK_NAMES.has(boundTo) || /^127\./.test(boundTo);
  const hostNames = new Set([...LOOPBACK_NAMES, boundTo]);

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      // Details stay in the server's log; the caller learns only that it failed.
      console.error('[tenantry-server] request failed:', e);
      if (!res.headersSent) problem(res, 500, 'server', 'Internal error.');
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!req.url?.startsWith('/')) return problem(res, 400, 'invalid-request', 'The request target must be a path.');
    // Bound to loopback, only loopback names: a page whose own name was made to point here (DNS rebinding) is refused.
    if (loopbackOnly && !hostNames.has(hostnameOf(req.headers.host))) return problem(res, 421, 'invalid-request', 'This server answers to 127.0.0.1, localhost and [::1] only.');
    const url = new URL(req.url, base);
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    if (origin !== undefined) {
      // A page of another origin gets nothing: no CORS headers, and its request is not carried out
      // (a cookie session must not act for a site it was not given to).
      if (!origins.has(origin)) return problem(res, 403, 'forbidden', 'This origin is not allowed to call this server.');
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    }
    res.setHeader('Vary', 'Origin');
    if (method === 'OPTIONS') {
      if (origin !== undefined && req.headers['access-control-request-method']) {
        res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS.join(', '));
        res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.setHeader('Allow', [...ALLOWED_METHODS, 'OPTIONS'].join(', '));
      res.writeHead(204).end();
      return;
    }
    if (fatal) return problem(res, 503, 'unavailable', 'The server is stopping: a change could not be written to disk.');

    const body = await bodyOf(req, res);
    if (body === undefined) return;
    const request = toRequest(req, res, url, method, body);

    if (url.pathname.startsWith(API_PATH)) {
      if (drill && drill.remaining > 0) {
        drill.remaining--;
        drill.served++;
        res.setHeader('Retry-After', String(drill.retryAfter));
        const code = drill.status === 429 ? 'rate-limited' : 'unavailable';
        return problem(res, drill.status, code, `Fault drill: ${drill.status === 429 ? 'too many requests' : 'unavailable'}; try again in ${drill.retryAfter} s.`);
      }
      return send(res, await handle(request));
    }
    if (url.pathname === '/auth/sign-in') {
      if (method !== 'POST') return notAllowed(res, 'POST');
      const input = await jsonOf(request, res);
      if (input === undefined) return;
      const token = typeof (input as {token?: unknown}).token === 'string' ? (input as {token: string}).token : null;
      const userId = token === null ? null : credentials.userOfToken(token);
      if (!userId) return problem(res, 401, 'unauthenticated', 'The token is not valid.');
      const signIn = SIGN_INS.find((s) => s.userId === userId);
      if ((input as {cookie?: unknown}).cookie === true) {
        const sid = credentials.startSession(userId);
        res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}`);
      }
      return json(res, 200, {userId, role: signIn?.role ?? null});
    }
    if (url.pathname === '/auth/sign-out') {
      if (method !== 'POST') return notAllowed(res, 'POST');
      credentials.endSession(request);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/drill') {
      if (!['GET', 'POST', 'DELETE'].includes(method)) return notAllowed(res, 'GET, POST, DELETE');
      // Any signed-in user may start a drill: it is a test server's switch, and it harms no data.
      if (!credentials.userOf(request)) return problem(res, 401, 'unauthenticated', 'Sign-in required: send Authorization: Bearer <token>.');
      if (method === 'POST') {
        const input = await jsonOf(request, res);
        if (input === undefined) return;
        const next = drillOf(input);
        if (typeof next === 'string') return problem(res, 422, 'invalid-request', next);
        drill = next;
      } else if (method === 'DELETE') drill = null;
      return json(res, 200, drill ?? {status: null, retryAfter: null, remaining: 0, served: 0});
    }
    return problem(res, 404, 'not-found', `No route at ${url.pathname}.`);
  }

  const base = await listen(server, options.port, options.host);
  let closing: Promise<void> | null = null;
  return {
    url: base,
    api: new URL(API_PATH, base).href,
    tokens: credentials.tokens,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          // Requests under way get their answers (for a few seconds); idle kept-alive connections go now.
          const force = setTimeout(() => server.closeAllConnections(), 5000);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
        await storage.close();
        await releaseLock();
      })()),
  };
}

/**
 * The body, at most `MAX_BODY_BYTES` (`undefined` once a 413 has been answered; an empty body is
 * `null`). Past the limit the rest is not kept, and the connection closes after the answer.
 */
function bodyOf(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null | undefined> {
  const tooLarge = () => {
    res.setHeader('Connection', 'close');
    problem(res, 413, 'invalid-request', 'The request body is larger than 1 MiB.');
  };
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
    tooLarge();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      tooLarge();
      resolve(undefined);
    });
    req.once('end', () => {
      if (!over) resolve(size ? Buffer.concat(chunks) : null);
    });
    req.once('error', reject);
  });
}

function toRequest(req: IncomingMessage, res: ServerResponse, url: URL, method: string, body: Buffer | null): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const controller = new AbortController();
  // A caller that hangs up before its answer cancels what it asked for.
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url, {method, headers, body: body && method !== 'GET' && method !== 'HEAD' ? new Uint8Array(body) : undefined, signal: controller.signal});
}

/** A JSON body of one of the server's own routes (`undefined` once a 400/415 has been answered). */
async function jsonOf(request: Request, res: ServerResponse): Promise<object | undefined> {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.headers.get('Content-Type') ?? '')) {
    problem(res, 415, 'invalid-request', 'The request body must be JSON (Content-Type: application/json).');
    return undefined;
  }
  try {
    const value = JSON.parse(await request.text()) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // Answered below, like a body of the wrong shape.
  }
  problem(res, 400, 'invalid-request', 'The request body is not a JSON object.');
  return undefined;
}

/** A drill from `{status: 429|503, retryAfter: seconds, count}`, or what is wrong with it. */
function drillOf(input: object): Drill | string {
  const {status, retryAfter, count} = input as {status?: unknown; retryAfter?: unknown; count?: unknown};
  if (status !== 429 && status !== 503) return 'status must be 429 or 503.';
  if (!Number.isInteger(retryAfter) || (retryAfter as number) < 0 || (retryAfter as number) > 3600) return 'retryAfter must be whole seconds from 0 to 3,600.';
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 10_000) return 'count must be a whole number from 1 to 10,000.';
  return {status, retryAfter: retryAfter as number, remaining: count as number, served: 0};
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const payload = Buffer.from(await response.arrayBuffer());
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.writeHead(response.status).end(payload);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.setHeader('Content-Type', 'application/json');
  res.writeHead(status).end(JSON.stringify(value));
}

/** A problem body as the contract's errors have it: `{code, message}`. */
function problem(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, {code, message});
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  problem(res, 405, 'invalid-request', `Only ${allow} here.`);
}

/** `http(s)://host[:port]` exactly as a browser sends it in `Origin`. */
export function originOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--origin ${text} is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--origin ${text} must be http or https.`);
  return url.origin;
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('the server has no TCP address'));
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shown}:${address.port}/`);
    });
  });
}

/**
 * One server per data directory (`server.pid`): a second one would write the same journal. A lock
 * left by a server that died (its process gone) is taken over.
 */
async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'server.pid');
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new Error(`another server (process ${pid}) uses ${dir}; stop it or choose another --data.`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await writeFile(file, `${process.pid}\n`, {mode: 0o600});
  return async () => {
    await rm(file, {force: true});
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
