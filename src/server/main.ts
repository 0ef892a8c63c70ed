/**
 * `npm run serve` (scripts/serve.mjs bundles this for Node and runs it): the reference server for
 * the REST contract. Flags, each with an environment variable as fallback:
 *
 *   --port N            TENANTRY_PORT          default 8787; 0 = any free port
 *   --host H            TENANTRY_HOST          default 127.0.0.1
 *   --data DIR          TENANTRY_DATA          default .tenantry-server/
 *   --organizations N   TENANTRY_ORGANIZATIONS default 2000
 *   --origin URL        TENANTRY_ORIGINS       repeatable (comma-separated in the variable);
 *                                              default the demo's http://127.0.0.1:5173 and http://localhost:5173
 *   --demo-tokens       TENANTRY_DEMO_TOKENS=1 also believe `Bearer demo.<userId>` (demo and tests only)
 *
 * It prints the tokens of the demo's sign-ins, then one line `TENANTRY_SERVER_URL=<url>` once it
 * listens (what a launcher waits for). SIGINT/SIGTERM stop it after the writes in flight are on disk.
 */
import {startReferenceServer, type ServerOptions} from './reference-server.js';
import {SIGN_INS} from './credentials.js';

const DEFAULT_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];

function optionsOf(argv: readonly string[], env: NodeJS.ProcessEnv): ServerOptions {
  const flags = new Map<string, string[]>();
  let demoTokens = env.TENANTRY_DEMO_TOKENS === '1';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo-tokens') {
      demoTokens = true;
      continue;
    }
    const [name, inline] = arg.split(/=(.*)/s, 2);
    if (!['--port', '--host', '--data', '--organizations', '--origin'].includes(name)) throw new Error(`unknown argument ${arg} (see src/server/main.ts or the README's "Reference server").`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value.`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  const one = (name: string, variable: string, fallback: string): string => flags.get(name)?.at(-1) ?? env[variable] ?? fallback;
  const whole = (name: string, text: string, min: number, max: number): number => {
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max)) throw new Error(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
  const origins = flags.get('--origin') ?? env.TENANTRY_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean) ?? DEFAULT_ORIGINS;
  return {
    port: whole('--port', one('--port', 'TENANTRY_PORT', '8787'), 0, 65_535),
    host: one('--host', 'TENANTRY_HOST', '127.0.0.1'),
    dataDir: one('--data', 'TENANTRY_DATA', '.tenantry-server'),
    organizations: whole('--organizations', one('--organizations', 'TENANTRY_ORGANIZATIONS', '2000'), 100, 200_000),
    origins,
    demoTokens,
  };
}

async function main(): Promise<void> {
  let options: ServerOptions;
  try {
    options = optionsOf(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`tenantry-server: ${(e as Error).message}`);
    process.exit(2);
  }
  let stopping = false;
  const server = await startReferenceServer({
    ...options,
    onFatal: (e) => {
      console.error(`tenantry-server: a change could not be written to disk (${(e as Error).message ?? String(e)}); stopping, so that nothing is answered that the disk does not hold.`);
      // The failed write's answer (500) goes out first.
      setTimeout(() => process.exit(1), 200);
    },
  });
  const loopback = /^(127\.|::1$|localhost$)/.test(options.host);
  const lines = [
    `Tenantry reference server: the REST contract at ${server.api}`,
    `  ${options.organizations.toLocaleString('en')} organizations; data in ${options.dataDir}; CORS for ${options.origins.join(', ')}`,
    '  Sign-in tokens (Authorization: Bearer <token>, or POST /auth/sign-in {"token", "cookie": true} for a session cookie):',
    ...SIGN_INS.map((s) => `    ${s.role.padEnd(36)} ${s.userId.padEnd(20)} ${server.tokens.get(s.userId)}`),
  ];
  if (options.demoTokens) lines.push('  --demo-tokens: `Bearer demo.<userId>` is believed as well. Never on a server others can reach.');
  if (!loopback) lines.push(`  Listening on ${options.host} over plain HTTP: anyone who can reach it can try these tokens in transit.`);
  lines.push(`TENANTRY_SERVER_URL=${server.url}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('tenantry-server: stopping failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`tenantry-server: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
