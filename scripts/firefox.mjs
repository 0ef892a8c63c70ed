// Finds a Firefox for the extension's Firefox test (Debian's firefox-esr); installs it where it can,
// as scripts/chromium.mjs does for Chromium, so a fresh CI machine runs that test too.
import {existsSync} from 'node:fs';
import {installWithApt} from './chromium.mjs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

function find() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but no file is there.`);
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The path of a Firefox executable, installing Debian's `firefox-esr` as root with apt; `null` where there is none. */
export function firefoxPath() {
  const found = find();
  if (found) return found;
  try {
    if (installWithApt('firefox-esr')) return find();
  } catch (e) {
    console.error(`[tenantry] firefox-esr could not be installed: ${e.message}`);
  }
  return null;
}
