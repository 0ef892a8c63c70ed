/**
 * Who may use the reference server: one random bearer token per demo sign-in, made once per data
 * directory and kept in it (`tokens.json`, readable by its owner only), and cookie sessions that a
 * token is exchanged for (`POST /auth/sign-in`). Tokens are compared in constant time; sessions are
 * looked up by a hash of their id and live in memory (a restart signs cookie sessions out).
 */
import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';
import {open, readFile, rename} from 'node:fs/promises';
import path from 'node:path';
import {DEMO_USERS} from '../shared/demo-tenant.js';

/** The demo's sign-ins, with the role each signs in as (the README and the start banner say so). */
export const SIGN_INS: readonly {userId: string; role: string}[] = [
  {userId: DEMO_USERS.distributorAdmin, role: 'distributor admin'},
  {userId: DEMO_USERS.resellerAdmin, role: 'reseller admin'},
  {userId: DEMO_USERS.otherResellerAdmin, role: 'reseller admin (another reseller)'},
  {userId: DEMO_USERS.customerAdmin, role: 'customer admin'},
];

export const SESSION_COOKIE = 'tenantry_session';
/** How long a cookie session lasts. */
export const SESSION_SECONDS = 8 * 60 * 60;
const TOKENS_FILE = 'tokens.json';
const TOKEN_FORM = /^[A-Za-z0-9_-]{43}$/;

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export class Credentials {
  private readonly digests: {userId: string; digest: Buffer}[];
  /** Session id digests (hex) → user and expiry. */
  private readonly sessions = new Map<string, {userId: string; expires: number}>();

  private constructor(
    readonly tokens: ReadonlyMap<string, string>,
    private readonly demoTokens: boolean,
  ) {
    this.digests = [...tokens].map(([userId, token]) => ({userId, digest: digest(token)}));
  }

  /**
   * The tokens of `dataDir` (made on first use: 256 random bits each). `demoTokens`: also believe
   * `Bearer demo.<userId>` as the demo scheme does (for the demo and tests only, never a real server).
   */
  static async open(dataDir: string, demoTokens: boolean): Promise<Credentials> {
    const file = path.join(dataDir, TOKENS_FILE);
    let stored: Record<string, string> = {};
    try {
      stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} cannot be read: ${(e as Error).message}`);
    }
    const tokens = new Map<string, string>();
    let made = false;
    for (const {userId} of SIGN_INS) {
      const token = stored[userId];
      if (typeof token === 'string' && TOKEN_FORM.test(token)) tokens.set(userId, token);
      else {
        tokens.set(userId, randomBytes(32).toString('base64url'));
        made = true;
      }
    }
    if (made) await writeAtomically(file, `${JSON.stringify(Object.fromEntries(tokens), null, 2)}\n`);
    return new Credentials(tokens, demoTokens);
  }

  /** The user a bearer token signs in as, or `null`; every token is compared, in constant time. */
  userOfToken(token: string): string | null {
    const given = digest(token);
    let found: string | null = null;
    for (const d of this.digests) if (timingSafeEqual(given, d.digest)) found = d.userId;
    if (found) return found;
    if (this.demoTokens) {
      const demo = /^demo\.([A-Za-z0-9._:-]{1,128})$/.exec(token);
      if (demo) return demo[1];
    }
    return null;
  }

  /**
   * Who sent `request`: its bearer token if it has an `Authorization` header (and nobody if that
   * token is not valid, whatever cookie comes with it), else its session cookie.
   */
  userOf(request: Request): string | null {
    const header = request.headers.get('Authorization');
    if (header !== null) {
      const bearer = /^Bearer ([\x21-\x7e]{1,1024})$/.exec(header);
      return bearer ? this.userOfToken(bearer[1]) : null;
    }
    const sid = cookieOf(request.headers.get('Cookie'), SESSION_COOKIE);
    if (!sid) return null;
    const key = digest(sid).toString('hex');
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expires <= Date.now()) {
      this.sessions.delete(key);
      return null;
    }
    return session.userId;
  }

  /** A new cookie session for `userId`: its id, for the `Set-Cookie` header. */
  startSession(userId: string): string {
    const now = Date.now();
    // Expired sessions go whenever a new one starts: the map never outgrows the sessions in use.
    for (const [k, s] of this.sessions) if (s.expires <= now) this.sessions.delete(k);
    const sid = randomBytes(32).toString('base64url');
    this.sessions.set(digest(sid).toString('hex'), {userId, expires: now + SESSION_SECONDS * 1000});
    return sid;
  }

  /** Ends the session of `request`'s cookie, if it has one. */
  endSession(request: Request): void {
    const sid = cookieOf(request.headers.get('Cookie'), SESSION_COOKIE);
    if (sid) this.sessions.delete(digest(sid).toString('hex'));
  }
}

function cookieOf(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** Writes `text` to `file` so a reader sees the old content or the new, never part of it. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
