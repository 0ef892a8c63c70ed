// `npm run build:extension`: the browser extension for Chrome and Firefox from one source tree.
// 1. Vite builds the pages (popup, side panel, options) and the data worker;
// 2. esbuild bundles the background and the content script as single classic files;
// 3. each browser's manifest is written from the top-level `manifest.json` (its name, description
//    and titles are `__MSG_<key>__`), with `_locales/<locale>/messages.json` for every language
//    of the catalogue (`extensionLocales`) and the icons (`extension/icons/`, see scripts/icons.mjs);
// 4. both folders are zipped, and Firefox's sources zip is written for its review.
// Output: dist/extension/{chrome,firefox}/, dist/extension/tenantry-{chrome,firefox}-<version>.zip,
// dist/extension/tenantry-sources-<version>.zip.
import {execFileSync} from 'node:child_process';
import {cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {deflateRawSync, crc32} from 'node:zlib';
import {build as esbuild} from 'esbuild';
import {build as viteBuild} from 'vite';
import {config as l10nConfig, readXliff, sourceMessages, splitUnit} from './l10n-catalogue.mjs';
import {ICON_SIZES, iconFile} from './icons.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = path.join(root, 'dist/extension');
const staging = path.join(out, 'build');

/** Chrome's manifest: the side panel; no Firefox keys. */
export function chromeManifest(source) {
  const m = structuredClone(source);
  delete m.sidebar_action;
  delete m.browser_specific_settings;
  m.background = {service_worker: source.background.service_worker};
  return m;
}

/** Firefox's manifest: the sidebar, the gecko settings, an event-page background; no side panel. */
export function firefoxManifest(source) {
  const m = structuredClone(source);
  delete m.side_panel;
  m.permissions = source.permissions.filter((p) => p !== 'sidePanel');
  m.background = {scripts: source.background.scripts};
  return m;
}

/** The ids of the catalogue's messages the browser reads from `_locales` (`extension/shared/browser-words.ts`). */
const BROWSER_WORDS_ID = 'ext.browser.';
/** The stores' limits for what the manifest shows (the stricter of Chrome's and Firefox's). */
const LIMITS = {extName: 45, extDescription: 132};

/**
 * `_locales/<locale>/messages.json` for every language of the catalogue: the `ext.browser.*`
 * messages, each under the key after that prefix; English from the sources, the others from their
 * XLIFF. A placeholder of the source (`${hint}`) is `$HINT$`, filled by the caller's first
 * substitution, and so on. Throws on a message a language lacks or a text over a browser's limit.
 */
export function extensionLocales() {
  const {messages, problems} = sourceMessages();
  if (problems.length) throw new Error(problems.join('\n'));
  const words = [...messages].filter(([id]) => id.startsWith(BROWSER_WORDS_ID));
  if (words.length === 0) throw new Error(`no ${BROWSER_WORDS_ID}* message in the sources`);
  const entry = (parts, slots, expressions) => {
    const names = expressions.map((e) => e.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'value');
    let message = parts[0].replaceAll('$', '$$$$');
    slots.forEach((slot, i) => (message += `$${names[slot].toUpperCase()}$${parts[i + 1].replaceAll('$', '$$$$')}`));
    const placeholders = Object.fromEntries(expressions.map((_, i) => [names[i], {content: `$${i + 1}`}]));
    return expressions.length ? {message, placeholders} : {message};
  };
  const locales = {[l10nConfig.sourceLocale]: Object.fromEntries(words.map(([id, m]) => [id.slice(BROWSER_WORDS_ID.length), entry(m.strings, m.strings.slice(1).map((_, i) => i), m.expressions)]))};
  for (const locale of l10nConfig.targetLocales) {
    const units = readXliff(locale);
    locales[locale] = Object.fromEntries(
      words.map(([id, m]) => {
        const target = units?.get(id)?.target;
        if (!target) throw new Error(`${locale}: ${id} has no translation (npm run l10n, then translate it)`);
        const {parts, slots} = splitUnit(target);
        return [id.slice(BROWSER_WORDS_ID.length), entry(parts, slots, m.expressions)];
      }),
    );
  }
  for (const [locale, entries] of Object.entries(locales)) {
    for (const [key, max] of Object.entries(LIMITS)) {
      const length = [...(entries[key]?.message ?? '')].length;
      if (!entries[key] || length > max) throw new Error(`${locale}: ${key} is ${length} characters; the browsers allow ${max}`);
    }
  }
  return locales;
}

/** A stored-or-deflated zip of `files` ([name, bytes]); no dependency beyond Node's zlib. */
export function zip(files) {
  const local = [];
  const central = [];
  let offset = 0;
  // A fixed time (1 Jan 2025): the same sources give the same bytes.
  const dosTime = 0;
  const dosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, {level: 9});
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(useDeflate ? 8 : 0, 8);
    header.writeUInt16LE(dosTime, 10);
    header.writeUInt16LE(dosDate, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    local.push(header, nameBytes, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(useDeflate ? 8 : 0, 10);
    entry.writeUInt16LE(dosTime, 12);
    entry.writeUInt16LE(dosDate, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** Every file under `dir`, as [relative name with '/', bytes], sorted. */
function filesOf(dir) {
  const walk = (d) => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
  return walk(dir)
    .sort()
    .map((f) => [path.relative(dir, f).split(path.sep).join('/'), readFileSync(f)]);
}

export async function buildExtension({quiet = false} = {}) {
  const source = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  rmSync(out, {recursive: true, force: true});
  await viteBuild({configFile: path.join(root, 'extension/vite.config.ts'), logLevel: quiet ? 'warn' : 'info'});
  await esbuild({
    entryPoints: {background: path.join(root, 'extension/background/background.ts'), content: path.join(root, 'extension/content/bridge.ts')},
    outdir: staging,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
  });
  rmSync(path.join(staging, '.vite'), {recursive: true, force: true});
  for (const [locale, messages] of Object.entries(extensionLocales())) {
    mkdirSync(path.join(staging, '_locales', locale), {recursive: true});
    writeFileSync(path.join(staging, '_locales', locale, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
  }
  mkdirSync(path.join(staging, 'icons'));
  for (const size of ICON_SIZES) cpSync(path.join(root, 'extension', iconFile(size)), path.join(staging, iconFile(size)));
  const version = source.version;
  for (const [browser, manifest] of [
    ['chrome', chromeManifest(source)],
    ['firefox', firefoxManifest(source)],
  ]) {
    const dir = path.join(out, browser);
    cpSync(staging, dir, {recursive: true});
    writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(path.join(out, `tenantry-${browser}-${version}.zip`), zip(filesOf(dir)));
  }
  rmSync(staging, {recursive: true, force: true});
  // Firefox's reviewers rebuild from these: every tracked file but tests, benches and examples.
  const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {cwd: root, encoding: 'utf8'})
    .split('\n')
    .filter((f) => f && !/(^|\/)(bench|examples|\.ci)\//.test(f) && !/\.test\.ts$/.test(f));
  writeFileSync(path.join(out, `tenantry-sources-${version}.zip`), zip(tracked.sort().map((f) => [f, readFileSync(path.join(root, f))])));
  if (!quiet) console.log(`[tenantry] extension written to ${path.relative(root, out)}/ (chrome, firefox, zips)`);
  return {out, chrome: path.join(out, 'chrome'), firefox: path.join(out, 'firefox'), version};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildExtension();
}
