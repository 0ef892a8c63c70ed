/**
 * Organization inputs for tests of what a server refuses: one with every field the customer wizard
 * checks filled in and valid, and a hostile one built from it, with the paths a server must refuse
 * it at. Both start from a base input that is valid where it stands (its references: parent,
 * users, partner subscription), so a backend judges only the fields these set.
 */
import {todayIn} from '../shared/forms/dates.js';
import type {OrganizationInput} from '../shared/model/types.js';

/** A licence expiry the rules accept on a create whatever the day the test runs: the end of next year. */
export const futureDate = (): string => `${Number(todayIn().slice(0, 4)) + 1}-12-31`;

/**
 * `base` with every field the wizard checks filled in, each valid, some in the forms that are easy
 * to get wrong: line breaks in the description, several scripts, a national phone number read in
 * the company's country, an international domain, a billing address of another country, a
 * subdivision by code and one by name. `unique` (letters and digits) keeps names and the new
 * `.onmicrosoft.com` domain free.
 */
export function fullInput(base: OrganizationInput, unique: string): OrganizationInput {
  const domain = `${unique}-bakery.example`;
  return {
    ...base,
    name: `Crème Brûlée Bakery ${unique} Ltd.`,
    description: 'Line one.\nLine two, in other scripts: 🥐 עברית हिन्दी 日本語.\n\tIndented.',
    customerType: 'Enterprise',
    domain,
    customLinks: [
      {title: 'Customer portal', url: `https://portal.${domain}/login?next=%2Fhome#top`},
      {title: 'Status (staging)', url: 'http://status.example:8080/'},
      {title: 'Bücher', url: 'https://bücher.example/katalog'},
    ],
    companyAddress: {line1: '1 Market Street', line2: 'Suite 200', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US'},
    billing: {
      profileName: 'Finance department',
      billTo: 'Crème Brûlée Bakery GmbH',
      address: {line1: 'Unter den Linden 1', line2: '', city: 'Berlin', state: 'Berlin', postalCode: '10117', country: 'DE'},
      sameAsCompany: false,
      partnerSubscription: base.billing?.partnerSubscription ?? null,
    },
    contacts: [
      {id: `${unique}-ct-1`, role: 'primary', firstName: 'Zoë', lastName: "O'Brien", email: `zoe.obrien@${domain}`, phone: '(415) 555-0132', fax: ''},
      {id: `${unique}-ct-2`, role: 'billing', firstName: '', lastName: '', email: `billing+invoices@${domain}`, phone: '+44 20 7946 0958', fax: ''},
      {id: `${unique}-ct-3`, role: 'technical', firstName: 'Jörg', lastName: 'Müller', email: 'joerg@müller.example', phone: '', fax: ''},
    ],
    adminUser: {firstName: 'Ada', lastName: 'Lovelace', loginEmail: `ada@${domain}`, displayName: '', communicationEmail: 'ada.lovelace@example.com'},
    runAsAccount: `svc-collector@${unique}.onmicrosoft.com`,
    microsoftAccount: {
      mode: 'new',
      domain: `${unique}.onmicrosoft.com`,
      companyRegistrationId: 'HRB 123456',
      qualification: 'education',
      educationSegment: 'higher-education',
      website: `https://www.${domain}/`,
    },
    features: {security: true, operations: true, costDetails: true, biAnalytics: true, tasks: true, m365Security: true, governanceVisualizer: true},
    creditQuota: {credits: 25_000, effectiveOn: '2026-01-01', endsOn: '2028-12-31'},
    licenseExpiresOn: futureDate(),
    schedules: {cost: '0 2 * * 1-5', security: '*/30 * * * *', operations: '15 4 1,15 * *', timeZone: 'Europe/Berlin'},
    notifications: {...base.notifications, emails: [`ops@${domain}`, 'it-alerts@example.com'], subjectPrefix: '[Bakery]'},
    salesReps: [
      {name: 'Rina Haddad', email: 'rina.haddad@example.com', phone: '+1 212 555 0101'},
      {name: 'Sven Lindqvist', email: 'sven@example.com', phone: ''},
      {name: 'Keiko Tanaka', email: 'keiko@example.com', phone: '+49 30 901820'},
    ],
  };
}

/**
 * A create no server may accept, from a full input: markup, text-direction overrides and
 * zero-width characters in text, a 10,000-character name, script, data and protocol-relative
 * links, malformed emails (a repeated @, a display name, spaces, a repeat), a postal code that is
 * not one of the company's country, an impossible cron mask and one of four fields, and a feature
 * on without the one it needs.
 */
export function hostileInput(full: OrganizationInput): OrganizationInput {
  const [primary, billing, technical] = full.contacts;
  return {
    ...full,
    name: `<script>alert(1)</script>${'N'.repeat(10_000)}`,
    description: 'Invoice \u202Egnp.exe\u202C <img src=x onerror=alert(1)>',
    customerType: 'Standard\u200B',
    domain: `evil\u200B.example`,
    customLinks: [
      {title: 'Script', url: 'javascript:alert(document.cookie)'},
      {title: 'Data', url: 'data:text/html,<script>alert(1)</script>'},
      {title: 'Protocol-relative', url: '//evil.example/login'},
      {title: 'Docs\u202E', url: 'https://docs.example/'},
    ],
    companyAddress: {...full.companyAddress!, postalCode: 'ABCDE'},
    contacts: [
      {...primary, firstName: 'Zo\u200Bë', email: 'zoe@@example.com'},
      {...billing, email: 'Billing <billing@example.com>'},
      {...technical, phone: '+1 555 010 0000'},
    ],
    adminUser: {...full.adminUser!, loginEmail: 'ada at example'},
    notifications: {...full.notifications, emails: ['ops@example.com', 'not-an-email', 'OPS@example.com'], subjectPrefix: '<b>[Alert]</b>\u2066'},
    schedules: {...full.schedules, cost: '61 * * * *', security: '* * * *'},
    features: {...full.features, operations: false, governanceVisualizer: true},
    salesReps: [{name: '\u200D', email: 'rep@example.com', phone: ''}],
  };
}

/** Where every server refuses {@link hostileInput}, sorted. */
export const HOSTILE_PATHS: readonly string[] = [
  'name',
  'description',
  'customerType',
  'domain',
  'customLinks[0].url',
  'customLinks[1].url',
  'customLinks[2].url',
  'customLinks[3].title',
  'companyAddress.postalCode',
  'contacts[0].firstName',
  'contacts[0].email',
  'contacts[1].email',
  'contacts[2].phone',
  'adminUser.loginEmail',
  'notifications.emails[1]',
  'notifications.emails[2]',
  'notifications.subjectPrefix',
  'schedules.cost',
  'schedules.security',
  'features.governanceVisualizer',
  'salesReps[0].name',
].sort();
