/**
 * Demo-only: the demo on the reference server (`npm run serve`) instead of the embedded backend,
 * with `?api=http://127.0.0.1:8787/v1/`. It signs in as a host with cookie sessions does: the page
 * never keeps a token; it asks for one of the tokens the server printed once, exchanges it for an
 * HttpOnly session cookie (`POST /auth/sign-in`), and every request then goes with credentials.
 * The cookie is SameSite=Lax: open the demo on the same host name as the server (127.0.0.1).
 */
import type {HttpBackendConfig} from '../src/shared/contract/backend.js';

/** The reference server's API from `?api=`, or `null` for the embedded backend. http(s) only. */
export function serverApi(): string | null {
  const raw = new URLSearchParams(location.search).get('api');
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The configuration for `api` and the user its session cookie signs in, asking for a token while there is none. */
export async function serverDemo(api: string): Promise<{config: HttpBackendConfig; user: string}> {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: api, credentials: 'include'};
  for (;;) {
    const session = await fetch(new URL('session', api), {credentials: 'include', cache: 'no-store'});
    if (session.ok) return {config, user: ((await session.json()) as {user: {id: string}}).user.id};
    if (session.status !== 401) throw new Error(`The reference server at ${api} answered ${session.status} to GET session.`);
    if (new URL(api).hostname !== location.hostname) console.warn(`The session cookie needs the demo and ${api} on the same host name; open the demo at ${new URL(api).hostname}.`);
    const token = prompt('Sign in to the reference server: paste one of the tokens `npm run serve` printed (its role decides what you see).');
    if (!token) throw new Error('Not signed in to the reference server.');
    const signIn = await fetch(new URL('/auth/sign-in', api), {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: token.trim(), cookie: true})});
    if (!signIn.ok) alert('That token was refused.');
  }
}

/** Ends the server's cookie session (the data client's own sign-out purges the device). */
export async function signOutOfServer(api: string): Promise<void> {
  await fetch(new URL('/auth/sign-out', api), {method: 'POST', credentials: 'include'});
}
