/**
 * Ways to reach someone: email addresses (one, or a list), domain names, a tenant's
 * `.onmicrosoft.com` name, and links. Domains are checked on their ASCII form, the one DNS and
 * mail servers use; the platform's URL parser does the IDNA mapping, so a page and a worker (or
 * the server on Node) read an international domain alike.
 */
import type {CustomLink} from '../model/types.js';
import {issue, joinPath, type Checked, type FieldOptions, type FormIssue} from './issue.js';
import {charCount, checkText, describeChar, scanCharacters} from './text.js';

/** RFC 5321: a path holds 256 octets with its angle brackets, a local part 64, a domain 253, a label 63. */
export const EMAIL_MAX = 254;
export const EMAIL_LOCAL_MAX = 64;
export const DOMAIN_MAX = 253;
export const DOMAIN_LABEL_MAX = 63;
/** How many addresses a notification list holds (the REST schema's limit). */
export const EMAIL_LIST_MAX = 50;
/** Microsoft's sign-up and Partner Center take at most 27 characters before `.onmicrosoft.com`. */
export const ONMICROSOFT_PREFIX_MAX = 27;
export const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';
/** The REST schema's limit for a URL. */
export const LINK_MAX = 2000;

export interface DomainResult extends Checked<string> {
  /** The domain as DNS has it (lower case, international labels as `xn--`); null when invalid. */
  readonly ascii: string | null;
  /** The same for reading, international labels in their own letters; null when invalid. */
  readonly unicode: string | null;
}

export interface EmailResult extends Checked<string> {
  /** The address with its domain in ASCII form, for sending and comparing; null when invalid. */
  readonly ascii: string | null;
}

export interface EmailListResult extends Checked<string[]> {
  /** Indexes of the entries with issues (their issues' paths end in `[index]`). */
  readonly invalid: readonly number[];
}

export interface OnMicrosoftResult extends Checked<string> {
  /** `prefix.onmicrosoft.com`; null when invalid. */
  readonly domain: string | null;
}

export interface LinkResult extends Checked<string> {
  /** The URL as the platform serialises it; null when refused. */
  readonly href: string | null;
}

// ── domains ──────────────────────────────────────────────────────────────────

/** Dots that IDNA reads as a full stop: ASCII, ideographic, fullwidth, halfwidth. */
const DOTS = /[.\u3002\uff0e\uff61]/;
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
];

export function checkDomain(value: string, options: FieldOptions = {}): DomainResult {
  const path = options.path ?? '';
  const text = value.trim();
  const refuse = (...issues: FormIssue[]): DomainResult => ({value: text, ascii: null, unicode: null, issues});
  if (!text) return refuse(...(options.required ? [issue(path, 'required')] : []));
  if (charCount(text) > DOMAIN_MAX) return refuse(issue(path, 'domain.too-long', {max: DOMAIN_MAX, length: charCount(text)}));
  // The URL parser would quietly map a soft hyphen or zero-width space to nothing: report them first.
  const hidden = scanCharacters(text, path);
  if (hidden.length) return refuse(...hidden);
  if (/\s/u.test(text)) return refuse(issue(path, 'domain.space'));
  if (/[/\\?#@:]/.test(text)) return refuse(issue(path, 'domain.url'));
  const raw = text.split(DOTS);
  if (raw.some((l) => !l)) return refuse(issue(path, 'domain.dots'));
  let ascii: string;
  try {
    ascii = new URL(`http://${text}`).hostname;
  } catch {
    return refuse(whyNotHost(raw, path));
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ascii)) return refuse(issue(path, 'domain.ip'));
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length > DOMAIN_LABEL_MAX) return refuse(issue(path, 'domain.label-too-long', {max: DOMAIN_LABEL_MAX, label, length: label.length}));
    if (!/^[a-z0-9-]+$/.test(label)) return refuse(issue(path, 'domain.label-char', {label}));
    if (label.startsWith('-') || label.endsWith('-')) return refuse(issue(path, 'domain.label-hyphen', {label}));
  }
  if (ascii.length > DOMAIN_MAX) return refuse(issue(path, 'domain.too-long', {max: DOMAIN_MAX, length: ascii.length}));
  if (labels.length < 2) return refuse(issue(path, 'domain.no-tld'));
  const tld = labels[labels.length - 1];
  if (!/^[a-z]{2,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) return refuse(issue(path, 'domain.tld', {tld}));
  const unicodeLabels: string[] = [];
  for (const label of labels) {
    if (!label.startsWith('xn--')) {
      unicodeLabels.push(label);
      continue;
    }
    // Browsers differ on a malformed `xn--` label (Chromium keeps it, Node refuses it): decide here.
    const decoded = decodePunycode(label.slice(4));
    if (!decoded || /^[\x00-\x7f]*$/.test(decoded)) return refuse(issue(path, 'domain.punycode', {label}));
    unicodeLabels.push(decoded);
  }
  for (const label of unicodeLabels) {
    const scripts = SCRIPTS.filter(([, re]) => re.test(label)).map(([name]) => name);
    if (scripts.length > 1) return refuse(issue(path, 'domain.mixed-scripts', {label, scripts: scripts.join(', ')}));
  }
  return {value: text, ascii, unicode: unicodeLabels.join('.'), issues: []};
}

/** Which label the URL parser refused, and why as nearly as can be told. */
function whyNotHost(labels: readonly string[], path: string): FormIssue {
  const last = labels[labels.length - 1];
  if (labels.length > 1 && /^\d+$/.test(last)) return issue(path, 'domain.tld', {tld: last});
  for (const label of labels) {
    try {
      new URL(`http://${label}.example`);
    } catch {
      return /^xn--/i.test(label) ? issue(path, 'domain.punycode', {label}) : issue(path, 'domain.label-char', {label});
    }
  }
  return issue(path, 'domain.label-char', {label: labels.join('.')});
}

// RFC 3492 decoding, for showing an `xn--` label in its own letters (the URL parser only encodes).
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}

function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 22;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  return BASE;
}

/** The Unicode text of a Punycode string (without `xn--`), or null when it is not valid Punycode. */
export function decodePunycode(input: string): string | null {
  const out: number[] = [];
  const basic = Math.max(input.lastIndexOf('-'), 0);
  for (let j = 0; j < basic; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    out.push(c);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let at = basic > 0 ? basic + 1 : 0; at < input.length; ) {
    const before = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > 0x7fffffff) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    const length = out.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return null;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

// ── email ────────────────────────────────────────────────────────────────────

/** RFC 5322 atext: what a dot-atom local part may hold besides dots. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]$/;

export function checkEmail(value: string, options: FieldOptions = {}): EmailResult {
  const path = options.path ?? '';
  const text = value.trim();
  const refuse = (...issues: FormIssue[]): EmailResult => ({value: text, ascii: null, issues});
  if (!text) return refuse(...(options.required ? [issue(path, 'required')] : []));
  const length = charCount(text);
  if (length > EMAIL_MAX) return refuse(issue(path, 'email.too-long', {max: EMAIL_MAX, length}));
  const hidden = scanCharacters(text, path);
  if (hidden.length) return refuse(...hidden);
  if (/<.*>/.test(text)) return refuse(issue(path, 'email.display-name'));
  if (text.startsWith('"')) return refuse(issue(path, 'email.quoted'));
  if (/\s/u.test(text)) return refuse(issue(path, 'email.space'));
  const at = text.lastIndexOf('@');
  if (at < 0) return refuse(issue(path, 'email.missing-at'));
  if (text.indexOf('@') !== at) return refuse(issue(path, 'email.many-at'));
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (!local) return refuse(issue(path, 'email.local-empty'));
  if (local.length > EMAIL_LOCAL_MAX) return refuse(issue(path, 'email.local-too-long', {max: EMAIL_LOCAL_MAX, length: charCount(local)}));
  for (const ch of local) if (ch !== '.' && !ATEXT.test(ch)) return refuse(issue(path, 'email.local-char', {char: describeChar(ch)}));
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return refuse(issue(path, 'email.local-dots'));
  if (!domain) return refuse(issue(path, 'email.domain-empty'));
  const d = checkDomain(domain, {path});
  if (!d.ascii) return refuse(...d.issues);
  const ascii = `${local}@${d.ascii}`;
  if (ascii.length > EMAIL_MAX) return refuse(issue(path, 'email.too-long', {max: EMAIL_MAX, length: ascii.length}));
  return {value: text, ascii, issues: []};
}

/** A pasted list split into entries: at commas, semicolons and line breaks (a name may hold spaces). */
export function splitEmailList(text: string): string[] {
  return text
    .split(/[,;\r\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Each entry checked at `path[i]`, repeats reported (local part and domain compared case-blind). */
export function checkEmailList(values: readonly string[], options: FieldOptions & {readonly max?: number} = {}): EmailListResult {
  const path = options.path ?? '';
  const max = options.max ?? EMAIL_LIST_MAX;
  const issues: FormIssue[] = [];
  const invalid: number[] = [];
  if (!values.length && options.required) issues.push(issue(path, 'required'));
  if (values.length > max) issues.push(issue(path, 'email.list-too-long', {max, count: values.length}));
  const firstAt = new Map<string, number>();
  const checked = values.map((v, i) => {
    const itemPath = joinPath(path, i);
    const r = checkEmail(v, {path: itemPath, required: true});
    let mine = r.issues;
    if (r.ascii) {
      const key = r.ascii.toLowerCase();
      const first = firstAt.get(key);
      if (first === undefined) firstAt.set(key, i);
      else mine = [issue(itemPath, 'email.duplicate', {first: first + 1})];
    }
    if (mine.length) invalid.push(i);
    issues.push(...mine);
    return r.value;
  });
  return {value: checked, invalid, issues};
}

// ── .onmicrosoft.com ────────────────────────────────────────────────────────

/** The name before `.onmicrosoft.com` (the whole domain pasted is accepted too), in lower case. */
export function checkOnMicrosoftPrefix(value: string, options: FieldOptions = {}): OnMicrosoftResult {
  const path = options.path ?? '';
  let prefix = value.trim().toLowerCase();
  if (prefix.endsWith(ONMICROSOFT_SUFFIX)) prefix = prefix.slice(0, -ONMICROSOFT_SUFFIX.length);
  const refuse = (...issues: FormIssue[]): OnMicrosoftResult => ({value: prefix, domain: null, issues});
  if (!prefix) return refuse(...(options.required ? [issue(path, 'required')] : []));
  if (prefix.includes('.')) return refuse(issue(path, 'onmicrosoft.other-domain'));
  for (const ch of prefix) if (!/[a-z0-9]/.test(ch)) return refuse(issue(path, 'onmicrosoft.char', {char: describeChar(ch)}));
  if (prefix.length > ONMICROSOFT_PREFIX_MAX) return refuse(issue(path, 'onmicrosoft.too-long', {max: ONMICROSOFT_PREFIX_MAX, length: prefix.length}));
  return {value: prefix, domain: prefix + ONMICROSOFT_SUFFIX, issues: []};
}

// ── links ────────────────────────────────────────────────────────────────────

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const HIDDEN_OR_SPACE = /[\s\p{Cc}\p{Cf}\u115f\u1160\u3164\uffa0]/u;
const HIDDEN_OR_SPACE_ALL = new RegExp(HIDDEN_OR_SPACE.source, 'gu');

/** Absolute `http:` and `https:` links only, without credentials, to a real host. */
export function checkLink(value: string, options: FieldOptions = {}): LinkResult {
  const path = options.path ?? '';
  const text = value.trim();
  const refuse = (...issues: FormIssue[]): LinkResult => ({value: text, href: null, issues});
  if (!text) return refuse(...(options.required ? [issue(path, 'required')] : []));
  const length = charCount(text);
  if (length > LINK_MAX) return refuse(issue(path, 'text.too-long', {max: LINK_MAX, length}));
  // Name a script link even when spaces or hidden characters were slipped into its scheme.
  const scheme = SCHEME.exec(text.replace(HIDDEN_OR_SPACE_ALL, ''))?.[1].toLowerCase();
  const hostAndPort = scheme !== undefined && /^[^:]+:\d+(?:[/?#]|$)/.test(text);
  if (scheme === 'javascript' || scheme === 'vbscript') return refuse(issue(path, 'link.script', {scheme: `${scheme}:`}));
  if (scheme === 'data') return refuse(issue(path, 'link.data'));
  if (HIDDEN_OR_SPACE.test(text)) return refuse(issue(path, 'link.space'));
  const broken = scanCharacters(text, path);
  if (broken.length) return refuse(...broken);
  if (/^[/\\]{2}/.test(text)) return refuse(issue(path, 'link.protocol-relative'));
  if (scheme === undefined || hostAndPort) {
    const host = text.split(/[/?#:]/, 1)[0];
    return checkDomain(host).ascii ? refuse(issue(path, 'link.missing-scheme', {suggestion: `https://${text}`})) : refuse(issue(path, 'link.relative'));
  }
  if (scheme !== 'http' && scheme !== 'https') return refuse(issue(path, 'link.scheme', {scheme: `${scheme}:`}));
  if (/^https?:[/\\]*$/i.test(text)) return refuse(issue(path, 'link.invalid'));
  if (!/^https?:\/\/[^/\\]/i.test(text)) return refuse(issue(path, 'link.slashes', {scheme: `${scheme}:`}));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(issue(path, 'link.invalid'));
  }
  if (url.username || url.password) return refuse(issue(path, 'link.credentials'));
  const host = url.hostname;
  const ipLiteral = host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
  if (!ipLiteral) {
    const d = checkDomain(host, {path});
    if (!d.ascii) return refuse(...d.issues);
  }
  return {value: text, href: url.href, issues: []};
}

/** A custom link: a title and an http(s) URL, both required. */
export function checkCustomLink(link: CustomLink, path = ''): FormIssue[] {
  return [
    ...checkText(link.title, 'title', {path: joinPath(path, 'title'), required: true}).issues,
    ...checkLink(link.url, {path: joinPath(path, 'url'), required: true}).issues,
  ];
}
