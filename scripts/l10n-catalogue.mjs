// The catalogue as the sources and the XLIFF files hold it, read the same way by the check
// (`scripts/check-l10n.mjs`) and by the extension's build (`_locales/<locale>/messages.json`).
// Parsing is per file with the TypeScript parser (no type check), so it stays fast.
import {readFileSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {generateMsgId} from '@lit/localize/internal/id-generation.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** The lit-localize configuration (`lit-localize.json`). */
export const config = JSON.parse(readFileSync(path.join(ROOT, 'lit-localize.json'), 'utf8'));

/** Folders whose sources hold the catalogue's messages (as `lit-localize.json`'s inputs). */
export const SOURCE_DIRS = ['src', 'widgets', 'extension'];

/** Every TypeScript source under `dir` but tests and declarations. */
export function* walk(dir, extension = '.ts') {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full, extension);
    else if (name.endsWith(extension) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) yield full;
  }
}

export const isMsgCall = (node) => node && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';
export const isTag = (node, name) => ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === name;

/** Whether a source file is one of the catalogue's inputs (as `lit-localize.json` has them). */
const isInput = (name) =>
  !name.startsWith('src/page/locales/') && !name.startsWith('src/testing/') && !name.startsWith('widgets/testing/') && name !== 'extension/vite.config.ts';

/**
 * Every `msg()` of the sources: id → {file, line, text (expressions as `${…}`), strings (the static
 * parts), expressions (their source text), explicit (its id is given, not made from its text),
 * html (an html`` template)}; and the problems found reading them.
 */
export function sourceMessages() {
  const messages = new Map();
  const problems = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      const name = rel(file);
      if (!isInput(name)) continue;
      const code = readFileSync(file, 'utf8');
      if (!code.includes('msg(')) continue;
      const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
      const visit = (node) => {
        if (isMsgCall(node) && node.arguments.length > 0) {
          const [arg, options] = node.arguments;
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          let id = null;
          if (options && ts.isObjectLiteralExpression(options)) {
            for (const p of options.properties) {
              if (ts.isPropertyAssignment(p) && p.name.getText(source) === 'id' && ts.isStringLiteralLike(p.initializer)) id = p.initializer.text;
            }
          }
          const template = ts.isTaggedTemplateExpression(arg) ? arg.template : arg;
          const strings = ts.isStringLiteralLike(template) ? [template.text] : ts.isTemplateExpression(template) ? [template.head.text, ...template.templateSpans.map((s) => s.literal.text)] : null;
          if (!strings) {
            problems.push(`${name}:${line}: msg() needs a literal, str\`\` or html\`\` template`);
          } else {
            const explicit = id !== null;
            id ??= generateMsgId(strings.length === 1 ? strings[0] : strings, isTag(arg, 'html'));
            const expressions = ts.isTemplateExpression(template) ? template.templateSpans.map((s) => s.expression.getText(source)) : [];
            messages.set(id, {file: name, line, text: strings.join('${…}'), strings, expressions, explicit, html: isTag(arg, 'html')});
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return {messages, problems};
}

export const decodeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The XLIFF file of a target locale. */
export const xliffPath = (locale) => path.join(ROOT, config.interchange.xliffDir, `${locale}.xlf`);

/** A locale's XLIFF units: id → {source, target} as written (placeholders as `<x …/>`); `null` when the file is missing. */
export function readXliff(locale) {
  let xliff;
  try {
    xliff = readFileSync(xliffPath(locale), 'utf8');
  } catch {
    return null;
  }
  const units = new Map();
  for (const m of xliff.matchAll(/<trans-unit id="([^"]+)"[^>]*>([\s\S]*?)<\/trans-unit>/g)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(m[2])?.[1] ?? '';
    const target = /<target>([\s\S]*?)<\/target>/.exec(m[2])?.[1];
    units.set(m[1], {source, target});
  }
  return units;
}

/**
 * A unit's text split at its placeholders: the static parts (decoded) and, between them, the
 * index of the source expression each `<x id="N"/>` stands for.
 */
export function splitUnit(text) {
  const parts = [];
  const slots = [];
  let last = 0;
  for (const m of text.matchAll(/<x id="(\d+)"[^>]*\/>/g)) {
    parts.push(decodeXml(text.slice(last, m.index)));
    slots.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(decodeXml(text.slice(last)));
  return {parts, slots};
}
