// `npm run icons`: the extension's icons (toolbar, extension list, store; 16, 32, 48 and 128 px)
// rendered from their one source, `extension/icons/tenantry.svg`, by headless Chromium (the one the
// tests drive, through playwright-core), into `extension/icons/tenantry-<size>.png`. The PNGs are
// committed: the build copies them, so building needs no browser and the same sources give the
// same zip (a Firefox reviewer rebuilds from the sources zip). Each PNG carries the SVG's SHA-256
// in a `tEXt` chunk; `node scripts/icons.mjs --check` (and the extension tests) say when the SVG
// changed since they were made.
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {crc32} from 'node:zlib';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const ICON_DIR = path.join(root, 'extension/icons');
export const ICON_SOURCE = path.join(ICON_DIR, 'tenantry.svg');
export const ICON_SIZES = [16, 32, 48, 128];
/** The file of one size, relative to the extension's root (as the manifest names it). */
export const iconFile = (size) => `icons/tenantry-${size}.png`;
const SOURCE_KEY = 'tenantry-source-sha256';

const sourceHash = () => createHash('sha256').update(readFileSync(ICON_SOURCE)).digest('hex');

/** A PNG's size (its IHDR) and its `tEXt` entries; `null` for bytes that are not a PNG. */
export function pngInfo(bytes) {
  if (bytes.length < 33 || bytes.toString('latin1', 1, 4) !== 'PNG' || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  const text = {};
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const nul = data.indexOf(0);
      text[data.toString('latin1', 0, nul)] = data.toString('latin1', nul + 1);
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return {width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), text};
}

/** `png` with a `tEXt` chunk (`key`, `value`) right after its header. */
function withText(png, key, value) {
  const data = Buffer.from(`${key}\0${value}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  const afterHeader = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

/** What is wrong with the committed icons: missing, not the declared size, or made from another SVG. */
export function iconProblems(dir = path.dirname(ICON_DIR)) {
  const hash = sourceHash();
  const problems = [];
  for (const size of ICON_SIZES) {
    const file = path.join(dir, iconFile(size));
    let info = null;
    try {
      info = pngInfo(readFileSync(file));
    } catch {
      problems.push(`${path.relative(root, file)} is missing: run npm run icons`);
      continue;
    }
    if (!info) problems.push(`${path.relative(root, file)} is not a PNG`);
    else if (info.width !== size || info.height !== size) problems.push(`${path.relative(root, file)} is ${info.width}×${info.height}, not ${size}×${size}`);
    else if (info.text[SOURCE_KEY] !== hash) problems.push(`${path.relative(root, file)} was not made from the current ${path.relative(root, ICON_SOURCE)}: run npm run icons`);
  }
  return problems;
}

async function render() {
  const {chromium} = await import('playwright-core');
  const {CHROMIUM_ARGS, chromiumPath} = await import('./chromium.mjs');
  const svg = readFileSync(ICON_SOURCE);
  const hash = sourceHash();
  const browser = await chromium.launch({headless: true, executablePath: chromiumPath(), args: CHROMIUM_ARGS});
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({viewport: {width: size, height: size}, deviceScaleFactor: 1});
      const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style><img src="${src}" width="${size}" height="${size}">`);
      await page.locator('img').evaluate((img) => img.decode());
      const png = await page.screenshot({omitBackground: true, clip: {x: 0, y: 0, width: size, height: size}});
      writeFileSync(path.join(path.dirname(ICON_DIR), iconFile(size)), withText(png, SOURCE_KEY, hash));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`[tenantry] icons written: ${ICON_SIZES.map((s) => path.relative(root, path.join(path.dirname(ICON_DIR), iconFile(s)))).join(', ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const problems = iconProblems();
    if (problems.length) {
      console.error(problems.join('\n'));
      process.exit(1);
    }
    console.log('[tenantry] icons: every size made from the current SVG');
  } else {
    await render();
  }
}
