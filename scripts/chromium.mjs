// Finds a Chromium for the browser tests and the bench; installs Debian's package where it can.
// One place, so the test runner, the bench and CI agree on which browser they drive.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function find() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The path of a Chromium executable; installs Debian's `chromium` when running as root with apt. */
export function chromiumPath() {
  const found = find();
  if (found) return found;
  if (installWithApt('chromium')) {
    const installed = find();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set CHROME_PATH to a Chromium or Chrome executable.',
  );
}

/** Installs a Debian package when running as root with apt (a fresh CI machine); `false` where it cannot. */
export function installWithApt(pkg) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.error(`[tenantry] installing Debian's ${pkg} with apt-get…`);
  const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
  execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit', env});
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], {stdio: 'inherit', env});
  return true;
}

/** Launch flags for headless Chromium on a closed network, as root or not. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(chromiumPath());
}
