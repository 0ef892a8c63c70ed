/**
 * What a server implementing the contract checks by itself, in one place: the embedded backend and
 * the REST reference server both call these (and so can a host backend written in TypeScript), so
 * both refuse the same requests with the same issue paths, and find the same duplicates.
 *
 * - Writes: {@link inputIssues} for a create, {@link patchIssues} for a change. Each issue names its
 *   field by path (`notifications.emails[2]`; `issueSteps` in `model/schema.ts` splits it). Checks
 *   that need the server's records (parent, anchor, users, partner subscriptions, taken domains)
 *   stay with the backend, and run only once these pass.
 * - Lookups: name folding and matching for duplicate checks, domain and tenant ID forms, and the
 *   `.onmicrosoft.com` prefix rule.
 */
import {issuePath, validate, type Issue} from '../model/schema.js';
import {OrganizationInputSchema} from '../model/schemas.js';
import {NOT_PATCHABLE_FIELDS, type Organization} from '../model/types.js';

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Everything wrong with an organization a create would make: its shape (the schema), then the
 * structural rules below; one issue per path (the shape's wins).
 */
export function inputIssues(input: unknown): Issue[] {
  return merge(validate(OrganizationInputSchema, input), structuralIssues(input));
}

/** Fields a patch may never carry. */
const NOT_PATCHABLE = new Set<string>(NOT_PATCHABLE_FIELDS);

/**
 * Everything wrong with a patch of `current`. Fields that cannot change come first and alone
 * (identity, hierarchy, the anchor, server-kept fields, and `adminUser.loginEmail` once set); else
 * the record the patch would make is checked like a create, reporting only what the patch touched
 * (the stored record's own problems are not the caller's).
 */
export function patchIssues(current: Organization, patch: unknown): Issue[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return [{path: '(root)', message: 'expected an object'}];
  const p = patch as Record<string, unknown>;
  const keys = Object.keys(p);
  const fixed: Issue[] = keys.filter((k) => NOT_PATCHABLE.has(k)).map((path) => ({path, message: 'cannot be changed'}));
  const login = current.adminUser?.loginEmail;
  if (login && 'adminUser' in p) {
    const next = p.adminUser as {loginEmail?: unknown} | null;
    if (!next || typeof next !== 'object' || next.loginEmail !== login) {
      fixed.push({path: 'adminUser.loginEmail', message: 'cannot be changed once the organization has been created'});
    }
  }
  if (fixed.length) return fixed;
  const touched = (path: string) => keys.some((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
  return inputIssues({...current, ...p}).filter((i) => touched(i.path));
}

/**
 * A patch as it is meant: a nested field added after clients were first written (`billing.
 * partnerSubscription`, `schedules.timeZone`) that an older client leaves out of an object it
 * sends keeps its stored value instead of falling back to its default.
 */
export function completePatch<P extends object>(current: Organization, patch: P): P {
  const p = patch as Record<string, unknown>;
  let out = p;
  const keep = (key: 'billing' | 'schedules', field: string, value: unknown) => {
    const sent = p[key];
    if (!isObject(sent) || field in sent || value === undefined) return;
    if (out === p) out = {...p};
    out[key] = {...sent, [field]: value};
  };
  keep('billing', 'partnerSubscription', current.billing?.partnerSubscription);
  keep('schedules', 'timeZone', current.schedules?.timeZone);
  return out as P;
}

/**
 * The rules the shape alone cannot say: a name that is not blank, absolute http(s) links,
 * well-formed emails, 1–3 sales representatives, a credit quota that ends after it starts, real
 * calendar dates and time zones, what an education qualification needs. Defensive: looks only
 * where the shape is right (the schema reports the rest).
 */
export function structuralIssues(value: unknown): Issue[] {
  if (!isObject(value)) return [];
  const issues: Issue[] = [];
  const at = (message: string, ...steps: (string | number)[]) => issues.push({path: issuePath(steps), message});

  if (typeof value.name === 'string' && !value.name.trim()) at('must not be blank', 'name');

  forEach(value.customLinks, (link, i) => {
    if (isObject(link) && typeof link.url === 'string' && !isWebUrl(link.url)) at('must be an absolute http or https address', 'customLinks', i, 'url');
  });

  forEach(value.contacts, (c, i) => {
    if (isObject(c) && typeof c.email === 'string' && !isEmail(c.email)) at(EMAIL_MESSAGE, 'contacts', i, 'email');
  });

  if (Array.isArray(value.salesReps)) {
    if (value.salesReps.length < 1 || value.salesReps.length > 3) at('must hold 1 to 3 sales representatives', 'salesReps');
    value.salesReps.forEach((rep: unknown, i) => {
      if (!isObject(rep)) return;
      if (typeof rep.name === 'string' && !rep.name.trim()) at('must not be blank', 'salesReps', i, 'name');
      if (typeof rep.email === 'string' && !isEmail(rep.email)) at(EMAIL_MESSAGE, 'salesReps', i, 'email');
    });
  }

  if (isObject(value.notifications)) {
    forEach(value.notifications.emails, (e, i) => {
      if (typeof e === 'string' && !isEmail(e)) at(EMAIL_MESSAGE, 'notifications', 'emails', i);
    });
  }

  if (typeof value.licenseExpiresOn === 'string' && !isCalendarDate(value.licenseExpiresOn)) at(DATE_MESSAGE, 'licenseExpiresOn');
  if (isObject(value.creditQuota)) {
    const {effectiveOn, endsOn} = value.creditQuota;
    const startOk = typeof effectiveOn === 'string' && isCalendarDate(effectiveOn);
    if (typeof effectiveOn === 'string' && !startOk) at(DATE_MESSAGE, 'creditQuota', 'effectiveOn');
    if (typeof endsOn === 'string') {
      if (!isCalendarDate(endsOn)) at(DATE_MESSAGE, 'creditQuota', 'endsOn');
      else if (startOk && endsOn <= (effectiveOn as string)) at('must be after the date the quota takes effect', 'creditQuota', 'endsOn');
    }
  }

  if (isObject(value.schedules) && typeof value.schedules.timeZone === 'string' && !isTimeZone(value.schedules.timeZone)) {
    at('is not a known time zone', 'schedules', 'timeZone');
  }

  if (isObject(value.adminUser)) {
    const a = value.adminUser;
    if (typeof a.firstName === 'string' && !a.firstName.trim()) at('must not be blank', 'adminUser', 'firstName');
    if (typeof a.lastName === 'string' && !a.lastName.trim()) at('must not be blank', 'adminUser', 'lastName');
    if (typeof a.loginEmail === 'string' && !isEmail(a.loginEmail)) at(EMAIL_MESSAGE, 'adminUser', 'loginEmail');
    if (typeof a.communicationEmail === 'string' && a.communicationEmail !== '' && !isEmail(a.communicationEmail)) at(EMAIL_MESSAGE, 'adminUser', 'communicationEmail');
  }

  if (isObject(value.microsoftAccount)) {
    const m = value.microsoftAccount;
    if (m.mode === 'existing') {
      if (typeof m.tenantId === 'string' && !isDirectoryId(m.tenantId)) at('must be a directory (tenant) ID, a GUID', 'microsoftAccount', 'tenantId');
      if (typeof m.domain === 'string' && normalizeDomain(m.domain) === null) at(DOMAIN_MESSAGE, 'microsoftAccount', 'domain');
    } else if (m.mode === 'new') {
      if (typeof m.website === 'string' && !isWebUrl(m.website)) at('must be an absolute http or https address', 'microsoftAccount', 'website');
      if (m.qualification === 'education') {
        if (m.educationSegment === undefined) at('is required for an education qualification', 'microsoftAccount', 'educationSegment');
        if (m.website === undefined || m.website === '') at('is required for an education qualification', 'microsoftAccount', 'website');
      }
    }
  }

  issues.push(...fieldRuleIssues(value));
  return issues;
}

/**
 * THE place where the shared field rules will be called: postal codes by country, phone and fax
 * numbers, cron masks (the shared rules module, `src/shared/forms/`, once it exists). Whatever it
 * reports is refused on create and update by every backend, with the same paths. Nothing yet.
 */
export function fieldRuleIssues(_organization: Readonly<Record<string, unknown>>): Issue[] {
  return [];
}

/** Shape issues first, then structural ones at paths the shape did not already report. */
function merge(shape: Issue[], structural: Issue[]): Issue[] {
  if (!structural.length) return shape;
  const seen = new Set(shape.map((i) => i.path));
  return [...shape, ...structural.filter((i) => !seen.has(i.path) && seen.add(i.path))];
}

const EMAIL_MESSAGE = 'must be an email address (name@example.com)';
const DATE_MESSAGE = 'must be a real calendar date';
const DOMAIN_MESSAGE = 'must be a domain name (example.com)';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const forEach = (list: unknown, each: (item: unknown, i: number) => void): void => {
  if (Array.isArray(list)) list.forEach(each);
};

/** An absolute `http:` or `https:` address with a host: no `javascript:`, no relative or scheme-less forms. */
export function isWebUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]/i.test(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LABEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;
/** Letters, digits and the usual specials; no quotes, spaces, brackets or control characters. */
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;

/** A mailbox address as people type them: `local@domain.tld` (no quoted local parts, no IP literals). */
export function isEmail(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return isHostName(text.slice(at + 1));
}

function isHostName(host: string): boolean {
  if (!host || host.length > 253) return false;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TOP_LABEL.test(labels[labels.length - 1].toLowerCase());
}

/** A domain as entered (`Contoso.COM.`), lower-cased and without a final dot; `null` when it is not a domain name. */
export function normalizeDomain(text: string): string | null {
  const d = text.trim().toLowerCase().replace(/\.$/, '');
  return isHostName(d) ? d : null;
}

/** A directory (tenant) ID: a GUID. */
export const isDirectoryId = (text: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

/** `YYYY-MM-DD` naming a day that exists (no 31 April, no 29 February outside leap years). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const zones = new Map<string, boolean>();
/** Whether the platform knows the IANA time zone (`UTC`, `Europe/Berlin`…). */
export function isTimeZone(name: string): boolean {
  let known = zones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', {timeZone: name});
      known = true;
    } catch {
      known = false;
    }
    if (zones.size < 1000) zones.set(name, known);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** Legal-form words that do not tell two companies apart ("Cobalt Dental Ltd" is "Cobalt Dental GmbH"). */
const LEGAL_FORMS = new Set([
  'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'lp', 'plc', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'kg', 'ug', 'ev', 'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'bv', 'nv', 'pty', 'kk', 'oy', 'ab', 'as', 'aps', 'asa', 'sro', 'sp', 'zoo',
]);
/** Letters that Unicode does not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = {ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i'};

/**
 * An organization name as a duplicate check compares it: case, accents, punctuation and spacing
 * ignored, `&` read as "and", and trailing legal forms dropped ("Crème & Brûlée Ltd." →
 * `cremeandbrulee`). Empty for a name with no letters or digits.
 */
export function foldName(name: string): string {
  // Plain ASCII (most names) needs no Unicode decomposition.
  const text = /^[\x20-\x7e]*$/.test(name)
    ? name.toLowerCase()
    : name
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c]);
  const words = text
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1])) words.pop();
  return words.join('');
}

/** Shortest folded name for which one typo still counts as the same name. */
const CLOSE_MIN_LENGTH = 8;

/**
 * How two folded names compare: `exact`, `close` (one letter added, dropped, changed or two swapped,
 * in names of 8 or more letters), or `null`.
 */
export function compareFolded(a: string, b: string): 'exact' | 'close' | null {
  if (!a || !b) return null;
  if (a === b) return 'exact';
  if (Math.min(a.length, b.length) < CLOSE_MIN_LENGTH || Math.abs(a.length - b.length) > 1) return null;
  return withinOneEdit(a, b) ? 'close' : null;
}

/** Damerau distance ≤ 1, in one pass. */
function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // one added or dropped
}

/** A domain as a duplicate check compares it: lower case, no final dot, no leading `www.`. */
export const domainKey = (domain: string): string => domain.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');

// ---------------------------------------------------------------------------------------------
// Microsoft domains

export const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';

/** The prefix as entered, trimmed and lower-cased, a pasted `.onmicrosoft.com` taken off. */
export function onmicrosoftPrefix(text: string): string {
  const p = text.trim().toLowerCase();
  return p.endsWith(ONMICROSOFT_SUFFIX) ? p.slice(0, -ONMICROSOFT_SUFFIX.length) : p;
}

/**
 * Why a `.onmicrosoft.com` prefix cannot be used, or `null` when its form is fine (whether it is
 * taken is the server's to say): 1–27 characters, letters (a–z) and digits only.
 */
export function onmicrosoftPrefixProblem(prefix: string): string | null {
  if (!prefix) return 'Enter the name to use before .onmicrosoft.com.';
  if (!/^[a-z0-9]+$/i.test(prefix)) return 'Use only letters (a–z) and digits: no spaces, hyphens, dots or accents.';
  if (prefix.length > 27) return `Use at most 27 letters and digits (this has ${prefix.length}).`;
  return null;
}
