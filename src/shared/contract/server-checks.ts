/**
 * What a server implementing the contract checks by itself, in one place: the embedded backend and
 * the REST reference server both call these (and so can a host backend written in TypeScript), so
 * both refuse the same requests with the same issue paths, and find the same duplicates.
 *
 * - Writes: {@link inputIssues} for a create, {@link patchIssues} for a change. First the shape
 *   (the schema), then {@link fieldRuleIssues}: the field rules the customer wizard checks with
 *   (`src/shared/forms/`), on the same fields, at the same paths and in the same words, so the
 *   server refuses everything the wizard refuses and the wizard puts each refusal back on its
 *   field. They are async: postal codes, subdivisions and phone numbers need data that is loaded
 *   on first use. Checks that need the server's records (parent, anchor, users, partner
 *   subscriptions, taken domains) stay with the backend, and run only once these pass.
 * - Lookups: name folding and matching for duplicate checks, domain and tenant ID forms, and the
 *   `.onmicrosoft.com` prefix, read by the same rules as the fields they come from.
 */
import {issueSteps, validate, type Issue} from '../model/schema.js';
import {ContactInputSchema, OrganizationInputSchema} from '../model/schemas.js';
import {NOT_PATCHABLE_FIELDS, type ContactInput, type IsoDate, type Organization} from '../model/types.js';
import type {FormIssue} from '../forms/issue.js';
import type {FieldRuleOptions} from './field-rules.js';

export type {FieldRuleOptions};

/**
 * The rules, loaded on first use: the data worker imports this module for its lookups whatever
 * its backend, and one that talks to a REST API must not carry the rules up front.
 */
const fieldRules = () => import('./field-rules.js');
/** The domain rule alone, for lookups. */
const contactRules = () => import('../forms/contact.js');

// ---------------------------------------------------------------------------------------------
// Writes

export interface WriteCheckOptions {
  /** Today where the server runs, `YYYY-MM-DD` (default: today in UTC, the day the wizard counts in). */
  readonly today?: IsoDate;
}

/**
 * Everything wrong with an organization a create would make: its shape (the schema), then the
 * field rules; one issue per path, in the rule's words where a rule has one (the wizard's words),
 * else the shape's. A field holding a value of the wrong kind is
 * left to its shape issue; text that is too long or does not match a pattern is read by the rules
 * like any other, so the rest of the field is judged too.
 */
export async function inputIssues(input: unknown, options: WriteCheckOptions = {}): Promise<Issue[]> {
  const shape = validate(OrganizationInputSchema, input);
  if (!isObject(input)) return shape;
  const rules = await fieldRuleIssues(input, {today: options.today, skip: unreadable(input, shape)});
  return merge(shape, plain(rules));
}

/**
 * Everything wrong with one contact as sent alone (`addContact`, `updateContact`): its shape, then
 * the wizard's rules for a contact, at the contact's own paths (`email`, `firstName`); the phone
 * read in `country` when written without a country code.
 */
export async function contactIssues(input: unknown, country = ''): Promise<Issue[]> {
  const shape = validate(ContactInputSchema, input);
  if (!isObject(input)) return shape;
  const contact = input as Record<string, unknown>;
  // A field of the wrong kind is the shape's to report; the rules read the rest.
  const read = (k: string): string => (typeof contact[k] === 'string' ? (contact[k] as string) : '');
  const rules = await (await fieldRules()).checkContactFields({role: contact.role as ContactInput['role'], firstName: read('firstName'), lastName: read('lastName'), email: read('email'), phone: read('phone')}, '', country);
  return merge(shape, plain(rules));
}

/** Fields a patch may never carry. */
const NOT_PATCHABLE = new Set<string>(NOT_PATCHABLE_FIELDS);

/**
 * Everything wrong with a patch of `current`. Fields that cannot change come first and alone
 * (identity, hierarchy, the anchor, server-kept fields, and `adminUser.loginEmail` once set); else
 * the record the patch would make is checked like a create. Reported: what is wrong in the fields
 * the patch carries, and what the patch makes wrong elsewhere (switching on a collection without
 * a run-as account; a new company country its contacts' phone numbers do not fit). The stored
 * record's own problems in fields the patch leaves alone are not the caller's, and a licence
 * expiry kept as stored is not held against today.
 */
export async function patchIssues(current: Organization, patch: unknown, options: WriteCheckOptions = {}): Promise<Issue[]> {
  if (!isObject(patch)) return [{path: '(root)', message: 'expected an object'}];
  const keys = Object.keys(patch);
  const fixed: Issue[] = keys.filter((k) => NOT_PATCHABLE.has(k)).map((path) => ({path, message: 'cannot be changed'}));
  const login = current.adminUser?.loginEmail;
  if (login && 'adminUser' in patch) {
    const next = patch.adminUser as {loginEmail?: unknown} | null;
    if (!next || typeof next !== 'object' || next.loginEmail !== login) {
      fixed.push({path: 'adminUser.loginEmail', message: 'cannot be changed once the organization has been created'});
    }
  }
  if (fixed.length) return fixed;
  const touched = (path: string) => keys.includes(topField(path));
  const next = {...current, ...completePatch(current, patch)};
  const shape = validate(OrganizationInputSchema, next).filter((i) => touched(i.path));
  const rules = await fieldRules();
  const today = options.today ?? rules.todayIn();
  const [after, before] = await Promise.all([
    rules.checkOrganizationFields(next, {today, previous: current, skip: unreadable(next, shape)}),
    rules.checkOrganizationFields(current, {today, previous: current}),
  ]);
  const had = new Set(before.map(issueKey));
  return merge(shape, plain(after.filter((i) => touched(i.path) || !had.has(issueKey(i)))));
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
 * The field rules over a whole organization (`field-rules.ts`): every field the customer wizard
 * checks, by the same rule and at the same path. Fields of the shape of an organization input;
 * fields added later (`adminUser`, `microsoftAccount`, `schedules.timeZone`) may be absent and read
 * as their defaults. Each issue carries its message id and parameters beside the English message.
 */
export async function fieldRuleIssues(organization: object, options: FieldRuleOptions = {}): Promise<FormIssue[]> {
  return (await fieldRules()).checkOrganizationFields(organization, options);
}

/** Path and message only, as the REST contract carries issues. */
const plain = (issues: readonly FormIssue[]): Issue[] => issues.map(({path, message}) => ({path, message}));

/** The top-level field of an issue path: `contacts[2].email` → `contacts`. */
const topField = (path: string): string => path.split(/[.[]/, 1)[0];

/**
 * Top-level fields the rules leave to the shape: those with a shape issue at anything but text (a
 * value of another kind, or missing). Text too long or not matching a pattern is still read by the
 * rules, so the rest of its field is judged too.
 */
function unreadable(value: object, shape: readonly Issue[]): Set<string> {
  const out = new Set<string>();
  for (const i of shape) {
    let at: unknown = value;
    for (const step of issueSteps(i.path)) at = typeof at === 'object' && at !== null ? (at as Record<string | number, unknown>)[step] : undefined;
    if (typeof at !== 'string') out.add(topField(i.path));
  }
  return out;
}
const issueKey = (i: Issue): string => `${i.path}\n${i.message}`;

/**
 * One issue per path, shape issues first: at a path both report, the rule's (the words the wizard
 * shows; the shape's are the schema's, e.g. a length limit far above the field's).
 */
function merge(shape: readonly Issue[], rules: readonly Issue[]): Issue[] {
  const ruled = new Map<string, Issue>();
  for (const i of rules) if (!ruled.has(i.path)) ruled.set(i.path, i);
  const out: Issue[] = [];
  const seen = new Set<string>();
  for (const i of [...shape, ...ruled.values()]) {
    if (seen.has(i.path)) continue;
    seen.add(i.path);
    out.push(ruled.get(i.path) ?? i);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Lookups

/**
 * A domain as entered (`Contoso.COM.`) in the form DNS has it (`contoso.com`, international labels
 * as `xn--`), by the rule of the wizard's domain field (a final dot allowed); `null` when it is not
 * a domain name. Async: the rule is loaded on first use.
 */
export async function normalizeDomain(text: string): Promise<string | null> {
  return (await contactRules()).checkDomain(text.trim().replace(/\.$/, '')).ascii;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A directory (tenant) ID: a GUID. */
export const isDirectoryId = (text: string): boolean => GUID.test(text);

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

/**
 * A domain as a duplicate check compares it: lower case, international labels as `xn--` (the
 * platform's URL parser maps them, as the domain rule does), no final dot, no leading `www.`.
 * Stored domains are compared in this form however they were written.
 */
export function domainKey(domain: string): string {
  let d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]*$/.test(d)) {
    try {
      d = new URL(`http://${d}`).hostname;
    } catch {
      // Not a host name: compared as written.
    }
  }
  return d.replace(/^www\./, '');
}

// ---------------------------------------------------------------------------------------------
// Microsoft domains

/** The domain of every new Microsoft account's initial name (`contoso.onmicrosoft.com`). */
export const ONMICROSOFT_SUFFIX = '.onmicrosoft.com';

/** The prefix as entered, trimmed and lower-cased, a pasted `.onmicrosoft.com` taken off (as the prefix rule reads it). */
export function onmicrosoftPrefix(text: string): string {
  const p = text.trim().toLowerCase();
  return p.endsWith(ONMICROSOFT_SUFFIX) ? p.slice(0, -ONMICROSOFT_SUFFIX.length) : p;
}

/**
 * Why a `.onmicrosoft.com` prefix cannot be used, or `null` when its form is fine (whether it is
 * taken is the server's to say): the rule of the wizard's field (letters and digits, at most 27),
 * in its words.
 */
export async function onmicrosoftPrefixProblem(prefix: string): Promise<string | null> {
  return (await contactRules()).checkOnMicrosoftPrefix(prefix, {required: true}).issues[0]?.message ?? null;
}
