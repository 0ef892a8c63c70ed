/**
 * Text fields: trimming, length per kind of field, and characters that have no place in them.
 * Hidden characters (text-direction controls, zero-width characters) are reported, never removed:
 * the person sees why and decides, and the server refuses the same text for the same reason.
 */
import {issue, type Checked, type FieldOptions, type FormIssue} from './issue.js';

/**
 * Longest text per kind of field, in characters (code points). Each stays within the REST
 * schema's limit in UTF-16 units even when every character takes two (`schemas.ts`).
 */
export const TEXT_LIMITS = {
  /** Organization, billing profile, bill-to and sales rep names. */
  name: 200,
  /** A contact's first or last name. */
  personName: 100,
  /** A custom link's title. */
  title: 100,
  description: 2000,
  addressLine: 200,
  city: 100,
  state: 100,
  postalCode: 12,
  customerType: 50,
  subjectPrefix: 40,
} as const satisfies Record<string, number>;

export type TextKind = keyof typeof TEXT_LIMITS;

/** Kinds that may hold line breaks and tabs. */
export const MULTILINE_KINDS: ReadonlySet<TextKind> = new Set<TextKind>(['description']);

/** Trimmed, and in NFC so the same name typed on two systems compares equal. */
export function normalizeText(value: string): string {
  return value.trim().normalize('NFC');
}

/** Characters as a person counts them more nearly than UTF-16 units: code points. */
export function charCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHigh(value.charCodeAt(i - 1))) n++;
  }
  return n;
}

/** The too-long issue, or null. */
export function checkLength(value: string, max: number, path: string): FormIssue | null {
  const length = charCount(value);
  return length > max ? issue(path, 'text.too-long', {max, length}) : null;
}

export function checkText(value: string, kind: TextKind, options: FieldOptions = {}): Checked<string> {
  const path = options.path ?? '';
  const text = normalizeText(value);
  if (!text) return {value: text, issues: options.required ? [issue(path, 'required')] : []};
  const tooLong = checkLength(text, TEXT_LIMITS[kind], path);
  if (tooLong) return {value: text, issues: [tooLong]};
  return {value: text, issues: scanCharacters(text, path, MULTILINE_KINDS.has(kind))};
}

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
/** Format characters are invisible by definition; Hangul fillers render as nothing too. */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0]/u;
/** Format characters that print a visible sign (Arabic number signs and the like). */
const VISIBLE_FORMAT = /[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}]/u;
/** Neighbours between which a zero-width (non-)joiner does real work: emoji sequences, Indic and Arabic-script words. */
const JOINS = /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const BLACK_FLAG = 0x1f3f4;

const NAMES: Readonly<Record<number, string>> = {
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** `U+200B ZERO WIDTH SPACE`: a name from Unicode, the same in every language. */
export function describeCodePoint(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[cp];
  return name ? `${hex} ${name}` : hex;
}

/** A character to quote in a message: itself when it can be seen, else its code point. */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `"${ch}"` : describeCodePoint(cp);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isNonCharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;

interface Found {
  count: number;
  position: number;
  cp: number;
}

/**
 * What is wrong with a text's characters: damaged ones (lone surrogates, noncharacters), control
 * characters (line breaks and tabs allowed in multi-line text), text-direction controls, and
 * invisible ones. One issue per kind, counting them and naming the first (position from 1).
 */
export function scanCharacters(text: string, path: string, multiline = false): FormIssue[] {
  const issues: FormIssue[] = [];
  const cps = Array.from(text, (ch) => ch.codePointAt(0) ?? 0);
  let bidi: Found | null = null;
  let invisible: Found | null = null;
  let lineBreak = false;
  let inFlagTags = false;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const position = i + 1;
    if (isLow(cp) || isHigh(cp) || isNonCharacter(cp)) {
      issues.push(issue(path, 'text.broken', {position}));
      continue;
    }
    // Tag characters spell a subdivision flag only straight after a black flag (🏴 + tags).
    if (cp === BLACK_FLAG) inFlagTags = true;
    else if (cp < 0xe0020 || cp > 0xe007f) inFlagTags = false;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      if (cp === 0x0a || cp === 0x0d) {
        if (!multiline) lineBreak = true;
      } else if (!(multiline && cp === 0x09)) {
        issues.push(issue(path, 'text.control', {char: describeCodePoint(cp), position}));
      }
      continue;
    }
    if (BIDI.has(cp)) {
      if (bidi) bidi.count++;
      else bidi = {count: 1, position, cp};
      continue;
    }
    if (!INVISIBLE.test(String.fromCodePoint(cp)) || VISIBLE_FORMAT.test(String.fromCodePoint(cp))) continue;
    if (inFlagTags) continue;
    if ((cp === ZWJ || cp === ZWNJ) && joinsWords(cps[i - 1], cps[i + 1])) continue;
    if (invisible) invisible.count++;
    else invisible = {count: 1, position, cp};
  }
  if (lineBreak) issues.unshift(issue(path, 'text.line-break'));
  if (bidi) issues.push(issue(path, 'text.bidi', {count: bidi.count, char: describeCodePoint(bidi.cp), position: bidi.position}));
  if (invisible) issues.push(issue(path, 'text.invisible', {count: invisible.count, char: describeCodePoint(invisible.cp), position: invisible.position}));
  return dedupeBroken(issues);
}

/** A joiner between two letters, marks or emoji outside ASCII; between Latin letters it only hides a split. */
function joinsWords(before: number | undefined, after: number | undefined): boolean {
  if (before === undefined || after === undefined || before < 0x80 || after < 0x80) return false;
  return JOINS.test(String.fromCodePoint(before)) && JOINS.test(String.fromCodePoint(after));
}

/** Many damaged characters or control characters say one thing: keep the first of each. */
function dedupeBroken(issues: FormIssue[]): FormIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (seen.has(i.code)) return false;
    seen.add(i.code);
    return true;
  });
}
