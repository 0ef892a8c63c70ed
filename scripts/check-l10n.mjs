// `node scripts/check-l10n.mjs` (a step of `npm test`, about two seconds): every word a user reads
// is in the catalogue, and every language has all of it.
//
// 1. In the widgets, the kit, `src/page/grid/` and the extension, a `html` template's text and its
//    `aria-label`, `aria-description`, `title`, `placeholder`, `alt` and `label` attributes must not
//    hold letters of their own: words go through `msg()` (a template given to `msg()` is itself in
//    the catalogue). So must the `label`, `hint`, `legend`, `empty`, `placeholder` and `text` of
//    option objects (a field's label).
// 2. The extension's pages are written partly by hand: their HTML files hold no words at all, and
//    in its code no text with letters outside `msg()` is written to the page (`textContent`,
//    `title`, `placeholder`, `ariaLabel`, `alt`, `label`, `innerText`, `document.title`, such an
//    attribute through `setAttribute`, `createTextNode`, `append`…), directly or through a function
//    of the same file that writes its parameter so (the options page's `say`).
// 3. Every `msg()` of the sources `lit-localize.json` reads is in each locale's XLIFF with a
//    translation, with the same placeholders (and, for an id given in the code, the English the
//    code has now); and the generated runtime module of each locale holds
//    exactly those messages. `npm run l10n` extracts new messages and rebuilds the modules.
// 3. What the worker, the backends and the page's stores say to a user is a reason
//    (`src/shared/contract/reasons.ts`) that the page words (`src/page/message-words.ts`): every error
//    made there (`new TenantryError(…)`) carries one in its details, unless it is `misuse(…)` (only
//    a mistake in code meets it) or a cancellation; every reason is worded, and given somewhere.
//
// Parsing is per file with the TypeScript parser (no type check), so this stays fast.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {ROOT, config, decodeXml as decode, isMsgCall, isTag, readXliff, rel, sourceMessages, walk, xliffPath} from './l10n-catalogue.mjs';

/** Folders whose templates are scanned for words outside the catalogue. */
const SCANNED = ['widgets', 'src/page/kit', 'src/page/grid', 'extension'];
/** Folders whose code writing words to the page by hand, and whose HTML files, are scanned too (rule 2). */
const HAND_WRITTEN = ['extension'];

/**
 * Text allowed outside the catalogue, each with its reason. `file` is a path; `text` the exact text
 * (trimmed) or attribute value; a whole file is listed with `text: '*'` (not yet converted).
 */
const IGNORE = [
  {file: 'widgets/organizations-grid/grid-toolbar.ts', text: 'USD', reason: 'a currency code (ISO 4217), the same in every language'},
  {file: 'extension/options/options.ts', text: 'https://psa.example.com/api/tenantry/', reason: 'an example of a backend URL, typed as it is in every language'},
  {file: 'extension/options/options.ts', text: 'https://portal.example.com', reason: 'an example of a portal address, typed as it is in every language'},
  {file: 'extension/options/options.ts', text: '/companies/([^/]+)', reason: 'an example of a regular expression over a portal’s URL'},
  {file: 'extension/options/options.ts', text: 'h1.company-name', reason: 'an example of a CSS selector'},
];

const LETTERS = /\p{L}/u;
/** Properties of option objects that a template shows (a field's label, hint, legend, empty choice; a notice's text). */
const CHECKED_PROPERTIES = ['label', 'hint', 'legend', 'empty', 'placeholder', 'text'];
const CHECKED_ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label'];
/** Properties whose value a page shows or reads out (rule 2). */
const SINK_PROPERTIES = ['textContent', 'innerText', 'title', 'placeholder', 'ariaLabel', 'ariaDescription', 'alt', 'label'];
/** Calls whose arguments become text of the page (rule 2). */
const SINK_CALLS = ['createTextNode', 'append', 'prepend', 'replaceChildren', 'alert', 'confirm', 'prompt'];
const MARK = '\u0000';

const ignored = (file, text) => IGNORE.some((i) => (i.file === '*' || i.file === file) && (i.text === '*' || i.text === text));

/** The static parts of a template joined by a mark where each expression was. */
function staticText(template) {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.rawText ?? template.text;
  return [template.head.rawText ?? template.head.text, ...template.templateSpans.map((s) => s.literal.rawText ?? s.literal.text)].join(MARK);
}

/** Words in markup (an html template's static text, an HTML file) outside the catalogue: [{offset, what, text}]. */
function wordsInMarkup(markup) {
  const text = markup.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  const found = [];
  // Tags and the text between them; a `>` inside a quoted attribute value does not end a tag.
  const tagPattern = /<\/?[a-zA-Z][\w-]*(?:\s+(?:[^\s"'>=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*\s*\/?>/g;
  let last = 0;
  const pushText = (chunk, at) => {
    for (const piece of chunk.split(MARK)) {
      const t = piece.replace(/&[a-zA-Z]+;|&#\w+;/g, ' ').replace(/\s+/g, ' ').trim();
      if (t && LETTERS.test(t)) found.push({offset: at, what: `text "${t}"`, text: t});
    }
  };
  for (const m of text.matchAll(tagPattern)) {
    pushText(text.slice(last, m.index), last);
    last = m.index + m[0].length;
    for (const a of m[0].matchAll(/\s([?.@]?[\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
      const name = a[1];
      if (!CHECKED_ATTRIBUTES.includes(name)) continue;
      const value = (a[3] ?? a[4] ?? a[5] ?? '').split(MARK).join(' ').trim();
      if (LETTERS.test(value)) found.push({offset: m.index, what: `${name}="${value}"`, text: value});
    }
  }
  pushText(text.slice(last), last);
  return found;
}

/** Words in an html template outside the catalogue: [{line, what, text}]. */
function wordsIn(source, node) {
  const start = node.template.getStart(source);
  return wordsInMarkup(staticText(node.template)).map((w) => ({...w, line: source.getLineAndCharacterOfPosition(start + w.offset).line + 1}));
}

/** Words an HTML file holds: [{line, what, text}] (its scripts and styles are not words). */
function wordsInHtml(html) {
  const blanked = html.replace(/<(script|style)\b[\s\S]*?<\/\1>|<!doctype[^>]*>/gi, (c) => c.replace(/[^\n]/g, ' '));
  return wordsInMarkup(blanked).map((w) => ({...w, line: html.slice(0, w.offset).split('\n').length}));
}

/**
 * The literal texts with letters that an expression written to the page is made of, outside
 * `msg()`: [node]. A condition or a comparison only chooses (`kind === 'grid' ? … : …`), and the
 * result of another call is that call's business; a function given as the value (`say(() => …)`)
 * is read for what it returns.
 */
function lettersIn(expr) {
  const found = [];
  const visit = (e) => {
    if (!e) return;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      if (LETTERS.test(e.text)) found.push(e);
    } else if (ts.isTemplateExpression(e)) {
      if (LETTERS.test([e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '))) found.push(e);
      e.templateSpans.forEach((s) => visit(s.expression));
    } else if (ts.isConditionalExpression(e)) {
      visit(e.whenTrue);
      visit(e.whenFalse);
    } else if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        visit(e.left);
        visit(e.right);
      } else if (op === ts.SyntaxKind.AmpersandAmpersandToken) visit(e.right);
    } else if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression?.(e)) {
      visit(e.expression);
    } else if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      if (!ts.isBlock(e.body)) visit(e.body);
      else {
        const returns = (n) => {
          if (ts.isReturnStatement(n)) visit(n.expression);
          else if (!ts.isFunctionLike(n)) ts.forEachChild(n, returns);
        };
        ts.forEachChild(e.body, returns);
      }
    }
  };
  visit(expr);
  return found;
}

/** `x.textContent = …` and the like: the value written, or null. */
function sinkAssignment(node) {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
  const target = node.left;
  return ts.isPropertyAccessExpression(target) && SINK_PROPERTIES.includes(target.name.text) ? node.right : null;
}

/** `el.setAttribute('aria-label', …)`, `document.createTextNode(…)`, `el.append(…)`: the values written. */
function sinkCallValues(node) {
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return [];
  const callee = node.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const args = node.arguments ?? [];
  if (ts.isNewExpression(node)) return name === 'Option' ? args.slice(0, 1) : [];
  if (name === 'setAttribute' && args.length === 2 && ts.isStringLiteralLike(args[0]) && CHECKED_ATTRIBUTES.includes(args[0].text)) return [args[1]];
  return SINK_CALLS.includes(name) ? [...args] : [];
}

/** Functions of a file that write a parameter to the page: name → indexes of those parameters. */
function wordFunctions(source) {
  const found = new Map();
  const consider = (name, fn) => {
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : null));
    const indexes = new Set();
    const isParam = (e) => {
      const inner = ts.isCallExpression(e) && e.arguments.length === 0 ? e.expression : e;
      return ts.isIdentifier(inner) ? params.indexOf(inner.text) : -1;
    };
    const visit = (n) => {
      const value = sinkAssignment(n);
      for (const v of value ? [value] : sinkCallValues(n)) if (isParam(v) >= 0) indexes.add(isParam(v));
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    if (indexes.size) found.set(name, indexes);
  };
  const visit = (n) => {
    if (ts.isFunctionDeclaration(n) && n.name) consider(n.name.text, n);
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) consider(n.name.text, n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

const problems = [];

// 1. and 2. Words outside the catalogue.
for (const dir of SCANNED) {
  const byHand = HAND_WRITTEN.includes(dir);
  for (const file of walk(path.join(ROOT, dir))) {
    const name = rel(file);
    if (name.startsWith('widgets/testing/')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const writers = byHand ? wordFunctions(source) : new Map();
    const handWritten = (value, what) => {
      for (const literal of lettersIn(value)) {
        const text = ts.isTemplateExpression(literal) ? literal.getText(source).slice(1, -1) : literal.text;
        const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
        if (!ignored(name, text.trim())) problems.push(`${name}:${line}: "${text.trim()}" is written to the page (${what}) outside the catalogue: wrap it in msg()`);
      }
    };
    const visit = (node) => {
      if (byHand && !isMsgCall(node)) {
        const assigned = sinkAssignment(node);
        if (assigned) handWritten(assigned, node.left.getText(source));
        for (const value of sinkCallValues(node)) handWritten(value, node.expression.getText(source));
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && writers.has(node.expression.text)) {
          for (const i of writers.get(node.expression.text)) if (node.arguments[i]) handWritten(node.arguments[i], `${node.expression.text}()`);
        }
      }
      // `{label: 'Name'}` handed to a field or a notice: its words must be in the catalogue too.
      if (ts.isPropertyAssignment(node) && CHECKED_PROPERTIES.includes(node.name.getText(source)) && (ts.isStringLiteralLike(node.initializer) || ts.isTemplateExpression(node.initializer))) {
        const words = ts.isTemplateExpression(node.initializer) ? [node.initializer.head.text, ...node.initializer.templateSpans.map((t) => t.literal.text)].join(' ') : node.initializer.text;
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        if (LETTERS.test(words) && !ignored(name, words.trim())) problems.push(`${name}:${line}: ${node.name.getText(source)}: "${words.trim()}" is not in the catalogue: wrap it in msg()`);
      }
      if (isTag(node, 'html') && !isMsgCall(node.parent)) {
        for (const w of wordsIn(source, node)) {
          if (!ignored(name, w.text)) problems.push(`${name}:${w.line}: ${w.what} is not in the catalogue: wrap it in msg() (or list it in IGNORE in scripts/check-l10n.mjs with a reason)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (!byHand) continue;
  for (const file of walk(path.join(ROOT, dir), '.html')) {
    const name = rel(file);
    for (const w of wordsInHtml(readFileSync(file, 'utf8'))) {
      if (!ignored(name, w.text)) problems.push(`${name}:${w.line}: ${w.what}: an extension page's HTML holds no words; its script writes them from the catalogue (msg())`);
    }
  }
}

// 3. The catalogue: every message in every locale.
const {messages, problems: unreadable} = sourceMessages();
problems.push(...unreadable);

/** Placeholders of a unit's text: the `<x>` elements and `{name}` parameters of the form messages. */
const placeholders = (s) => [...[...s.matchAll(/<x id="(\d+)"/g)].map((m) => `x${m[1]}`), ...[...decode(s.replace(/<x [^>]*\/>/g, '')).matchAll(/\{(\w+)\}/g)].map((m) => `{${m[1]}}`)].sort().join(' ');

for (const locale of config.targetLocales) {
  const xliffFile = xliffPath(locale);
  const units = readXliff(locale);
  if (!units) {
    problems.push(`${rel(xliffFile)} is missing: run npm run l10n`);
    continue;
  }
  for (const [id, {file, text, explicit, html}] of messages) {
    const unit = units.get(id);
    if (!unit) problems.push(`${locale}: "${text}" (${file}) is not in ${rel(xliffFile)}: run npm run l10n, then translate it`);
    // An id given in the code outlives a change of its English: the XLIFF must have the new text (and its translation a look).
    else if (explicit && !html && decode(unit.source.replace(/<x [^>]*\/>/g, '${…}')) !== text) {
      problems.push(`${locale}: the English of ${id} (${file}) changed since the last extract: run npm run l10n, then check its translation`);
    }
    else if (unit.target === undefined || unit.target.trim() === '') problems.push(`${locale}: "${text}" (${id}, ${file}) has no translation in ${rel(xliffFile)}`);
    else if (placeholders(unit.source) !== placeholders(unit.target)) problems.push(`${locale}: the translation of "${text}" (${id}) does not keep its placeholders (${placeholders(unit.source)} → ${placeholders(unit.target)})`);
  }
  const generatedFile = path.join(ROOT, config.output.outputDir, `${locale}.ts`);
  let generated = '';
  try {
    generated = readFileSync(generatedFile, 'utf8');
  } catch {
    problems.push(`${rel(generatedFile)} is missing: run npm run l10n`);
    continue;
  }
  // lit-localize writes a str`` target's &lt; &gt; &amp; as they are: such a text would show escaped.
  if (/&(lt|gt|amp|quot|apos);/.test(generated)) problems.push(`${rel(generatedFile)} holds an escaped character (&lt; &gt; &amp;): keep < > & out of catalogue texts (put them in a placeholder)`);
  const built = new Set([...generated.matchAll(/^\s*'([^']+)': /gm)].map((m) => m[1]));
  const stale = [...messages.keys()].filter((id) => !built.has(id)).length + [...built].filter((id) => !messages.has(id)).length;
  if (stale > 0) problems.push(`${rel(generatedFile)} is stale (${stale} messages differ from the sources): run npm run l10n`);
  else {
    // A target changed since the last build: compare the built text with the XLIFF's.
    for (const [id, unit] of units) {
      if (!messages.has(id) || unit.target === undefined) continue;
      const plain = decode(unit.target.replace(/<x [^>]*\/>/g, ''));
      const line = new RegExp(`^\\s*'${id}': (.*)$`, 'm').exec(generated)?.[1] ?? '';
      const words = plain.split(/\s+/).filter((w) => w.length > 3 && !/[`$\\{}]/.test(w));
      if (words.some((w) => !line.includes(w))) {
        problems.push(`${rel(generatedFile)} is older than ${rel(xliffFile)} (${id}): run npm run l10n`);
        break;
      }
    }
  }
}

// 3. Reasons: given by every error a user can meet, and each worded by the page.
const REASONS_FILE = 'src/shared/contract/reasons.ts';
const WORDING_FILE = 'src/page/message-words.ts';
/** Folders whose errors reach a user (the worker, the shared layer, the server, the page's stores). */
const REASONED = ['src/worker', 'src/shared', 'src/server', 'src/page', 'widgets'];
/**
 * Errors made without a reason of their own on purpose, each with why. `file` and the start of the
 * call's text (`text`) name it.
 */
const UNREASONED = [
  {file: 'src/shared/contract/errors.ts', text: 'new TenantryError(code, message, details)', reason: 'misuse(): an error only a mistake in code meets, its English for the developer'},
  {file: 'src/shared/transfer.ts', text: 'new TenantryError(wire.tenantry.code', reason: 'rebuilds an error from the worker with the details (and reason) it had'},
  {file: 'widgets/customer-details/customer-details.component.ts', text: "new TenantryError('not-found', msg(", reason: 'the page’s own words, already in the catalogue'},
];

/** The keys of the object literal a top-level `const name = {…}` (or `{…} as const satisfies …`) holds. */
function objectKeys(file, name) {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  let keys = null;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === name && node.initializer) {
      let init = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) keys = init.properties.filter((p) => p.name).map((p) => (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name) ? p.name.text : p.name.getText(source)));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!keys) problems.push(`${file}: no object literal \`${name}\` found (the reasons check reads it)`);
  return keys ?? [];
}

const reasonIds = objectKeys(REASONS_FILE, 'REASONS');
const worded = new Set(objectKeys(WORDING_FILE, 'WORDS'));
for (const id of reasonIds) if (!worded.has(id)) problems.push(`${WORDING_FILE}: the reason '${id}' (${REASONS_FILE}) is not worded: add it to WORDS with msg(), then npm run l10n and translate`);
for (const id of worded) if (!reasonIds.includes(id)) problems.push(`${WORDING_FILE}: WORDS words '${id}', which is no reason of ${REASONS_FILE}`);

/** Whether an expression is (or, for a conditional, may be) an object literal with a `reason` property. */
const hasReason = (node) => {
  while (node && ts.isParenthesizedExpression(node)) node = node.expression;
  if (!node) return false;
  if (ts.isConditionalExpression(node)) return hasReason(node.whenTrue) || hasReason(node.whenFalse);
  return ts.isObjectLiteralExpression(node) && node.properties.some((p) => p.name && p.name.getText() === 'reason');
};

const given = new Set();
for (const dir of REASONED) {
  for (const file of walk(path.join(ROOT, dir))) {
    const name = rel(file);
    if (name.startsWith('src/page/locales/') || name.startsWith('src/testing/') || name.startsWith('widgets/testing/') || name === REASONS_FILE || name === WORDING_FILE) continue;
    const code = readFileSync(file, 'utf8');
    for (const id of reasonIds) if (code.includes(`'${id}'`) || code.includes(`${id}:`)) given.add(id);
    if (!code.includes('new TenantryError(')) continue;
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'TenantryError') {
        const [codeArg, , details] = node.arguments ?? [];
        const text = node.getText(source);
        const cancelled = codeArg && ts.isStringLiteral(codeArg) && codeArg.text === 'aborted';
        if (!cancelled && !hasReason(details) && !UNREASONED.some((u) => u.file === name && text.startsWith(u.text))) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          problems.push(`${name}:${line}: an error without a reason reaches the user in English: give it {reason: {id, params}} (${REASONS_FILE}, worded in ${WORDING_FILE}), or make it misuse(…) if only a mistake in code can cause it`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}
// Reasons no code gives are dead words in the catalogue (the unexpected one is given by the page's wraps too).
for (const id of reasonIds) if (!given.has(id)) problems.push(`${REASONS_FILE}: the reason '${id}' is given nowhere: remove it (and its wording), or give it where it applies`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} localisation problem${problems.length === 1 ? '' : 's'}.`);
  process.exit(1);
}
console.log(`localisation: ${messages.size} messages, all translated into ${config.targetLocales.join(', ')}; templates hold no words outside the catalogue; ${reasonIds.length} reasons, each given with the errors that reach a user and worded by the page.`);
