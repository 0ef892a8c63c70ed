/**
 * Countries, their subdivisions, postal codes and phone numbers. Country names come from the
 * platform (`Intl.DisplayNames`), so they cost nothing and follow the reader's language; the data
 * behind subdivisions (country-region-data), postal codes (postcode-validator) and phone numbers
 * (libphonenumber-js) is loaded by dynamic `import()` the first time it is asked for, each its
 * own chunk, so a wizard pays for them only on the steps that use them.
 */
import type {Address} from '../model/types.js';
import {issue, joinPath, type Checked, type FieldOptions, type FormIssue} from './issue.js';
import {checkText, normalizeText, scanCharacters} from './text.js';

/**
 * The 249 ISO 3166-1 alpha-2 codes, and XK: user-assigned, but how the EU, banks and the phone and
 * postal libraries name Kosovo.
 */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC ' +
  'CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD ' +
  'GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH ' +
  'KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW ' +
  'MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC ' +
  'SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY ' +
  'UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

const KNOWN = new Set(COUNTRY_CODES);

export interface Country {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly name: string;
}

export interface Subdivision {
  /** ISO 3166-2, e.g. `US-CA`; null for the few the data knows only by name. */
  readonly code: string | null;
  readonly name: string;
}

export interface SubdivisionResult extends Checked<string> {
  /** The subdivision the value names (by code or by name); null when none or the country has none listed. */
  readonly match: Subdivision | null;
}

export interface PostalResult extends Checked<string> {
  /** `no-rule`: no pattern is known for the country, so any postal code is accepted. */
  readonly rule: 'checked' | 'no-rule';
}

export interface PhoneOptions extends FieldOptions {
  /** ISO 3166-1 alpha-2 code for numbers written without `+` and a country code. */
  readonly defaultCountry?: string;
}

export interface PhoneResult extends Checked<string> {
  readonly valid: boolean;
  /** `+14255550100`; null when invalid. */
  readonly e164: string | null;
  /** `+1 425 555 0100`; null when invalid. */
  readonly international: string | null;
  /** The country the number belongs to, when one can be told. */
  readonly country: string | null;
  /** An extension written after the number (`ext. 12`), which E.164 cannot carry. */
  readonly ext: string | null;
}

export function isCountryCode(code: string): boolean {
  return KNOWN.has(code);
}

const lists = new Map<string, readonly Country[]>();

/** Every country with its name in `locale`, sorted by that locale's collation (cached per locale). */
export function countries(locale?: string): readonly Country[] {
  const key = locale ?? '';
  let list = lists.get(key);
  if (!list) {
    const names = new Intl.DisplayNames(locale, {type: 'region'});
    const collator = new Intl.Collator(locale);
    list = Object.freeze(
      COUNTRY_CODES.map((code) => Object.freeze({code, name: names.of(code) ?? code})).sort((a, b) => collator.compare(a.name, b.name)),
    );
    lists.set(key, list);
  }
  return list;
}

export function countryName(code: string, locale?: string): string {
  return (isCountryCode(code) && new Intl.DisplayNames(locale, {type: 'region'}).of(code)) || code;
}

/** An ISO code from the list (lower case is accepted and raised). */
export function checkCountry(value: string, options: FieldOptions = {}): Checked<string> {
  const path = options.path ?? '';
  const code = value.trim().toUpperCase();
  if (!code) return {value: code, issues: options.required ? [issue(path, 'required')] : []};
  return {value: code, issues: isCountryCode(code) ? [] : [issue(path, 'country.unknown', {value: value.trim().slice(0, 20)})]};
}

// ── subdivisions (country-region-data, lazily) ───────────────────────────────

let regions: Promise<ReadonlyMap<string, readonly Subdivision[]>> | null = null;

function loadRegions(): Promise<ReadonlyMap<string, readonly Subdivision[]>> {
  regions ??= import('country-region-data').then(
    ({allCountries}) => {
      const byCountry = new Map<string, readonly Subdivision[]>();
      for (const [, country, list] of allCountries) {
        byCountry.set(
          country,
          list.map(([name, slug]) => Object.freeze({name, code: isoSubdivision(country, slug)})),
        );
      }
      return byCountry;
    },
    (error: unknown) => {
      regions = null; // let a later call try again
      throw error;
    },
  );
  return regions;
}

/** The data's short codes as ISO 3166-2: `CA` → `US-CA`; some come prefixed, a few as "undefined". */
function isoSubdivision(country: string, slug: string | undefined): string | null {
  if (!slug || slug === 'undefined') return null;
  const short = slug.startsWith(`${country}-`) ? slug.slice(country.length + 1) : slug;
  return `${country}-${short.toUpperCase()}`;
}

/** A country's subdivisions sorted by name in `locale`; empty when none are listed. */
export async function subdivisions(country: string, locale?: string): Promise<readonly Subdivision[]> {
  const list = (await loadRegions()).get(country) ?? [];
  const collator = new Intl.Collator(locale);
  return [...list].sort((a, b) => collator.compare(a.name, b.name));
}

/** Finds a subdivision by ISO code (`US-CA` or `CA`) or by name, ignoring case and accents. */
export function findSubdivision(list: readonly Subdivision[], country: string, value: string): Subdivision | null {
  const text = value.trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  const code = upper.startsWith(`${country}-`) ? upper : `${country}-${upper}`;
  const byName = new Intl.Collator('en', {sensitivity: 'base'});
  return list.find((s) => s.code === code) ?? list.find((s) => byName.compare(s.name, text) === 0) ?? null;
}

/** A state or region: any text where the country lists none, else one of its list. */
export async function checkSubdivision(country: string, value: string, options: FieldOptions = {}): Promise<SubdivisionResult> {
  const path = options.path ?? '';
  const text = checkText(value, 'state', options);
  if (text.issues.length || !text.value || !isCountryCode(country)) return {...text, match: null};
  const list = (await loadRegions()).get(country) ?? [];
  if (!list.length) return {...text, match: null};
  const match = findSubdivision(list, country, text.value);
  return match ? {...text, match} : {...text, match, issues: [issue(path, 'subdivision.unknown', {country, countryName: countryName(country, 'en')})]};
}

// ── postal codes (postcode-validator, lazily) ───────────────────────────────

type PostcodeLib = typeof import('postcode-validator');
let postcodes: Promise<PostcodeLib> | null = null;

function loadPostcodes(): Promise<PostcodeLib> {
  postcodes ??= import('postcode-validator').catch((error: unknown) => {
    postcodes = null;
    throw error;
  });
  return postcodes;
}

/** Whether a pattern is known for the country's postal codes. */
export async function hasPostalRule(country: string): Promise<boolean> {
  return isCountryCode(country) && (await loadPostcodes()).postcodeValidatorExistsForCountry(country);
}

/** A postal code, upper-cased and single-spaced, checked against the country's pattern where one is known. */
export async function checkPostalCode(country: string, value: string, options: FieldOptions = {}): Promise<PostalResult> {
  const path = options.path ?? '';
  const text = checkText(value, 'postalCode', options);
  const code = text.value.toUpperCase().replace(/\s+/g, ' ');
  if (text.issues.length || !code) return {value: code, issues: text.issues, rule: 'no-rule'};
  if (!isCountryCode(country)) return {value: code, issues: [], rule: 'no-rule'};
  const lib = await loadPostcodes();
  if (!lib.postcodeValidatorExistsForCountry(country)) return {value: code, issues: [], rule: 'no-rule'};
  const issues = lib.postcodeValidator(code, country) ? [] : [issue(path, 'postal.invalid', {country, countryName: countryName(country, 'en')})];
  return {value: code, issues, rule: 'checked'};
}

// ── phone numbers (libphonenumber-js, lazily) ────────────────────────────────

/**
 * The `max` metadata (about 20 KB more, gzipped, than `min`): `min` checks only a number's length,
 * `max` its digits too, so "+1 555 010 0000" is refused. The page and the server must load the same
 * build, or one would refuse what the other accepted.
 */
type PhoneLib = typeof import('./phone-lib.js');
let phones: Promise<PhoneLib> | null = null;

function loadPhones(): Promise<PhoneLib> {
  phones ??= import('./phone-lib.js').catch((error: unknown) => {
    phones = null;
    throw error;
  });
  return phones;
}

/** The REST schema's limit for a phone number. */
export const PHONE_MAX = 40;

const PARSE_ERRORS: Readonly<Record<string, 'phone.not-a-number' | 'phone.too-short' | 'phone.too-long' | undefined>> = {
  NOT_A_NUMBER: 'phone.not-a-number',
  TOO_SHORT: 'phone.too-short',
  TOO_LONG: 'phone.too-long',
};

export async function checkPhone(value: string, options: PhoneOptions = {}): Promise<PhoneResult> {
  const path = options.path ?? '';
  const text = normalizeText(value);
  const refuse = (...issues: FormIssue[]): PhoneResult => ({value: text, valid: false, e164: null, international: null, country: null, ext: null, issues});
  if (!text) return refuse(...(options.required ? [issue(path, 'required')] : []));
  if (text.length > PHONE_MAX) return refuse(issue(path, 'text.too-long', {max: PHONE_MAX, length: [...text].length}));
  const hidden = scanCharacters(text, path);
  if (hidden.length) return refuse(...hidden);
  const lib = await loadPhones();
  const dc = options.defaultCountry && lib.isSupportedCountry(options.defaultCountry) ? options.defaultCountry : undefined;
  let number: ReturnType<PhoneLib['parsePhoneNumberWithError']>;
  try {
    // extract: false, so "call 425 555 0100 after 5" is refused rather than mined for a number.
    number = lib.parsePhoneNumberWithError(text, {defaultCountry: dc, extract: false});
  } catch (error) {
    if (!(error instanceof lib.ParseError)) throw error;
    const known = PARSE_ERRORS[error.message];
    if (known) return refuse(issue(path, known));
    return refuse(issue(path, text.startsWith('+') ? 'phone.unknown-calling-code' : dc ? 'phone.invalid-any' : 'phone.needs-country'));
  }
  const country = number.country ?? null;
  if (!number.isValid()) {
    const where = country ?? dc;
    return refuse(where ? issue(path, 'phone.invalid', {country: where, countryName: countryName(where, 'en')}) : issue(path, 'phone.invalid-any'));
  }
  return {value: text, valid: true, e164: number.number, international: number.formatInternational(), country, ext: number.ext ?? null, issues: []};
}

// ── a whole address ─────────────────────────────────────────────────────────

/**
 * A postal address: line 1, city and country required; the postal code required where the
 * country has a known pattern; the state checked against the country's list where it has one.
 */
export async function checkAddress(address: Address, path = ''): Promise<FormIssue[]> {
  const at = (key: keyof Address): string => joinPath(path, key);
  const country = checkCountry(address.country, {path: at('country'), required: true});
  const issues: FormIssue[] = [
    ...checkText(address.line1, 'addressLine', {path: at('line1'), required: true}).issues,
    ...checkText(address.line2, 'addressLine', {path: at('line2')}).issues,
    ...checkText(address.city, 'city', {path: at('city'), required: true}).issues,
    ...country.issues,
  ];
  if (country.issues.length) {
    issues.push(...checkText(address.state, 'state', {path: at('state')}).issues);
    issues.push(...checkText(address.postalCode, 'postalCode', {path: at('postalCode')}).issues);
    return issues;
  }
  const [state, postal] = await Promise.all([
    checkSubdivision(country.value, address.state, {path: at('state')}),
    hasPostalRule(country.value).then((required) => checkPostalCode(country.value, address.postalCode, {path: at('postalCode'), required})),
  ]);
  return [...issues, ...state.issues, ...postal.issues];
}
