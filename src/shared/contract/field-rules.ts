/**
 * The field rules of `src/shared/forms/` over a whole organization, as a server applies them.
 * `server-checks.ts` loads this module when a write is first checked, so a data worker that only
 * talks to a REST API never carries the rules; the country data behind addresses and phone
 * numbers loads later still, when one is first checked.
 */
import type {Address, Contact, IsoDate, OrganizationInput} from '../model/types.js';
import {issue, joinPath, type FormIssue} from '../forms/issue.js';
import {checkLength, checkText, normalizeText, scanCharacters} from '../forms/text.js';
import {checkCustomLink, checkDomain, checkEmail, checkEmailList, checkLink, checkOnMicrosoftPrefix} from '../forms/contact.js';
import {check as checkFeatures} from '../forms/features.js';
import {checkCreditQuota, checkLicenseExpiry, todayIn} from '../forms/dates.js';
import {checkCron, checkTimeZone} from '../forms/cron.js';

export {todayIn};

export interface FieldRuleOptions {
  /** Today where the server runs, `YYYY-MM-DD` (default: today in UTC, the day the wizard counts in). */
  readonly today?: IsoDate;
  /** The stored record, for a change: its licence expiry, kept as it is, is not judged against today. */
  readonly previous?: {readonly licenseExpiresOn: IsoDate | null} | null;
  /** Top-level fields not to look at (their shape is wrong beyond what the rules can read). */
  readonly skip?: ReadonlySet<string>;
  /** Only these top-level fields are judged (the others are still read where a rule needs them: one wizard step). */
  readonly only?: ReadonlySet<string>;
}

/** Most sales representatives an organization has (the REST schema's limit too). */
export const MAX_SALES_REPS = 3;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTHING: ReadonlySet<string> = new Set();

/**
 * What is wrong with an organization's fields: every field the customer wizard checks
 * (`widgets/customer-wizard/wizard-rules.ts`), by the same rule and at the same path, so the
 * server refuses whatever the wizard refuses, in the same words; plus a few the wizard has no need
 * for (the domain of an existing Microsoft account, a website given without an education
 * qualification). Fields of the shape of an organization input; fields added later (`adminUser`,
 * `microsoftAccount`, `schedules.timeZone`) may be absent and read as their defaults.
 *
 * - Organization: `name` (required), `description`, `customerType`; `domain`; `parentId`
 *   (required but for the root distributor); each custom link (title and an http(s) URL, both required).
 * - Company: `companyAddress` (required: line 1, city, a country, a state of the country's list
 *   where it has one, a postal code by the country's rule where it has one); `companyPhone` (read
 *   in the company's country when written without a country code); billing profile name
 *   and bill-to; the billing address when it is not the company's.
 * - People: contacts' names and email (required for the primary contact) and phone (read in the
 *   company's country when written without a country code); the admin user (names and login email
 *   required, display name, communication email); `runAsAccount`, required while security,
 *   operations or cost details are collected.
 * - Microsoft account: an existing one's tenant ID (a GUID) and domain; a new one's prefix rule,
 *   registration ID and, for an education qualification, the segment and a website.
 * - Plan: features as the dependency table allows; the credit quota; the licence expiry.
 * - Schedules: three cron masks and a time zone. Notifications: the email list and subject prefix.
 * - Sales: one to three representatives, each with a name and an email, a phone optional.
 */
export async function checkOrganizationFields(organization: object, options: FieldRuleOptions = {}): Promise<FormIssue[]> {
  const v = organization as Partial<OrganizationInput>;
  const skip = options.skip ?? NOTHING;
  /** The field's value, or undefined when it is absent or not to be looked at. */
  const at = <K extends keyof OrganizationInput>(field: K): OrganizationInput[K] | undefined => (skip.has(field) ? undefined : v[field]);
  const company = at('companyAddress');
  /** Where phone numbers written without a country code are read: the company's country. */
  const country = typeof company?.country === 'string' ? company.country : '';
  const features = at('features');
  const today = options.today ?? todayIn();

  // One rule set per field, in the order of the wizard's steps. Text the shape refuses (too long,
  // not matching a pattern) is read by the rules like any other. A value of a wrong kind that
  // slipped past `skip` makes a rule throw: that field's rules then say nothing, and the shape's
  // issue stands.
  const fields: {[K in keyof OrganizationInput]?: (value: OrganizationInput[K]) => readonly FormIssue[] | Promise<readonly FormIssue[]>} = {
    // Organization
    name: (name) => checkText(name, 'name', {path: 'name', required: true}).issues,
    description: (text) => checkText(text, 'description', {path: 'description'}).issues,
    customerType: (text) => checkText(text, 'customerType', {path: 'customerType'}).issues,
    domain: (domain) => (domain.trim() ? checkDomain(domain, {path: 'domain'}).issues : []),
    // The root distributor alone has none.
    parentId: (parentId) => (parentId || v.kind === 'distributor' ? [] : [issue('parentId', 'required')]),
    customLinks: (links) => links.flatMap((link, i) => checkCustomLink(link, `customLinks[${i}]`)),
    // Company and billing
    companyAddress: (address) => addressIssues(address, 'companyAddress', true),
    companyPhone: (phone) => phoneIssues(phone, 'companyPhone', country),
    billing: async (b) => {
      if (!b) return [];
      return [
        ...checkText(b.profileName, 'name', {path: 'billing.profileName'}).issues,
        ...checkText(b.billTo, 'name', {path: 'billing.billTo'}).issues,
        ...(b.sameAsCompany ? [] : await addressIssues(b.address, 'billing.address', true)),
      ];
    },
    // People
    contacts: async (contacts) => (await Promise.all(contacts.map((c, i) => checkContactFields(c, `contacts[${i}]`, country)))).flat(),
    adminUser: (a) => {
      if (!a) return [];
      return [
        ...checkText(a.firstName, 'personName', {path: 'adminUser.firstName', required: true}).issues,
        ...checkText(a.lastName, 'personName', {path: 'adminUser.lastName', required: true}).issues,
        ...checkEmail(a.loginEmail, {path: 'adminUser.loginEmail', required: true}).issues,
        ...checkText(a.displayName, 'name', {path: 'adminUser.displayName'}).issues,
        ...(a.communicationEmail.trim() ? checkEmail(a.communicationEmail, {path: 'adminUser.communicationEmail'}).issues : []),
      ];
    },
    runAsAccount: (runAs) => checkRunAsAccount(runAs, 'runAsAccount', Boolean(features && collects(features))),
    // Microsoft account
    microsoftAccount: (m) => {
      if (m?.mode === 'existing') {
        return [
          ...(GUID.test(m.tenantId) ? [] : [issue('microsoftAccount.tenantId', m.tenantId.trim() ? 'tenant-id.invalid' : 'required')]),
          ...checkDomain(m.domain, {path: 'microsoftAccount.domain', required: true}).issues,
        ];
      }
      if (m?.mode !== 'new') return [];
      const education = m.qualification === 'education';
      return [
        ...checkOnMicrosoftPrefix(m.domain, {path: 'microsoftAccount.domain', required: true}).issues,
        ...checkText(m.companyRegistrationId, 'name', {path: 'microsoftAccount.companyRegistrationId'}).issues,
        ...(education && !m.educationSegment ? [issue('microsoftAccount.educationSegment', 'required')] : []),
        // Required for an education qualification; checked wherever one is given.
        ...(education || m.website ? checkLink(m.website ?? '', {path: 'microsoftAccount.website', required: education}).issues : []),
      ];
    },
    // Plan
    features: (f) => checkFeatures(f, 'features'),
    creditQuota: (quota) => checkCreditQuota(quota, 'creditQuota'),
    licenseExpiresOn: (date) => checkLicenseExpiry(date, {path: 'licenseExpiresOn', today, previous: options.previous?.licenseExpiresOn ?? null}),
    // Schedules
    schedules: (s) => [
      ...(['cost', 'security', 'operations'] as const).flatMap((key) => checkCron(s[key], {path: `schedules.${key}`, required: true}).issues),
      ...checkTimeZone(s.timeZone ?? 'UTC', {path: 'schedules.timeZone', required: true}).issues,
    ],
    // Notifications
    notifications: (n) => [
      ...checkEmailList(n.emails, {path: 'notifications.emails'}).issues,
      ...checkText(n.subjectPrefix, 'subjectPrefix', {path: 'notifications.subjectPrefix'}).issues,
    ],
    // Sales
    salesReps: async (reps) => {
      const out: FormIssue[] = [];
      if (reps.length < 1) out.push(issue('salesReps', 'required'));
      if (reps.length > MAX_SALES_REPS) out.push(issue('salesReps', 'sales-reps.too-many', {max: MAX_SALES_REPS, count: reps.length}));
      for (const [i, r] of reps.entries()) {
        out.push(...checkText(r.name, 'name', {path: `salesReps[${i}].name`, required: true}).issues);
        out.push(...checkEmail(r.email, {path: `salesReps[${i}].email`, required: true}).issues);
        out.push(...(await phoneIssues(r.phone, `salesReps[${i}].phone`, country)));
      }
      return out;
    },
  };
  // Fields added later read as their defaults when absent; a required field that is absent is the shape's to report.
  const absentAs: {[K in keyof OrganizationInput]?: OrganizationInput[K]} = {adminUser: null, microsoftAccount: null, runAsAccount: null};
  const results = await Promise.all(
    (Object.keys(fields) as (keyof OrganizationInput)[]).map(async (field) => {
      if (skip.has(field) || (options.only && !options.only.has(field))) return [];
      const value = v[field] === undefined ? absentAs[field] : v[field];
      if (value === undefined) return [];
      try {
        return await (fields[field] as (value: unknown) => readonly FormIssue[] | Promise<readonly FormIssue[]>)(value);
      } catch {
        return [];
      }
    }),
  );
  return results.flat();
}

/**
 * One contact's fields, at `base` (`contacts[2]`, or `''` for a contact sent alone): a primary
 * contact's names and email are required; the phone is read in `country` when written without a
 * country code.
 */
export async function checkContactFields(c: Pick<Contact, 'role' | 'firstName' | 'lastName' | 'email' | 'phone'>, base: string, country: string): Promise<FormIssue[]> {
  const primary = c.role === 'primary';
  return [
    ...checkText(c.firstName, 'personName', {path: joinPath(base, 'firstName'), required: primary}).issues,
    ...checkText(c.lastName, 'personName', {path: joinPath(base, 'lastName'), required: primary}).issues,
    ...checkEmail(c.email, {path: joinPath(base, 'email'), required: primary}).issues,
    ...(await phoneIssues(c.phone, joinPath(base, 'phone'), country)),
  ];
}

/** Longest run-as account name, in characters (a service principal or `user@domain`). */
export const RUN_AS_MAX = 256;

/**
 * A run-as account's name: trimmed, at most {@link RUN_AS_MAX} characters, no control, hidden or
 * direction characters; required while data is collected. Its name only: never a secret.
 */
export function checkRunAsAccount(value: string | null, path: string, required: boolean): FormIssue[] {
  const text = normalizeText(value ?? '');
  if (!text) return required ? [issue(path, 'required')] : [];
  const tooLong = checkLength(text, RUN_AS_MAX, path);
  return tooLong ? [tooLong] : scanCharacters(text, path);
}

/** Whether a data collection is on (then a run-as account is needed to collect with). */
export const collects = (f: OrganizationInput['features']): boolean => f.security || f.operations || f.costDetails;

/** The rules that load country data, in a module of their own: loaded when an address or phone is first checked. */
const geo = () => import('../forms/geo.js');

const hasAny = (a: Address | null): a is Address => Boolean(a && (a.line1 || a.line2 || a.city || a.state || a.postalCode || a.country));

async function addressIssues(address: Address | null, path: string, required: boolean): Promise<FormIssue[]> {
  if (!hasAny(address)) return required ? [issue(`${path}.country`, 'required')] : [];
  const issues = await (await geo()).checkAddress(address, path);
  return address.country ? issues : [issue(`${path}.country`, 'required'), ...issues];
}

async function phoneIssues(value: string, path: string, defaultCountry: string): Promise<readonly FormIssue[]> {
  if (!value.trim()) return [];
  return (await (await geo()).checkPhone(value, {path, defaultCountry: defaultCountry || undefined})).issues;
}

