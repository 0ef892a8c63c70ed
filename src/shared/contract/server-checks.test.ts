/**
 * The rules every server applies by itself (duplicate matching, lookup domains, the
 * `.onmicrosoft.com` prefix, patches, and the wizard's field rules over a whole organization), and
 * the schema kit's reading of records written before a field existed.
 */
import {expect} from '@open-wc/testing';
import {array, defaulted, issuePath, issueSteps, nullable, number, object, oneOf, string, tagged, validate, withDefaults} from '../model/schema.js';
import {OrganizationSchema} from '../model/schemas.js';
import {organizationFixture} from '../../testing/msw.js';
import {checkDuplicateQuery} from './backend.js';
import {rejectsWith} from '../../testing/expect-error.js';
import {checkDomain, checkEmail, checkEmailList, checkLink, checkOnMicrosoftPrefix} from '../forms/contact.js';
import {checkCron} from '../forms/cron.js';
import {checkText} from '../forms/text.js';
import {SERVER_KEPT_FIELDS, type Organization, type OrganizationInput} from '../model/types.js';
import {fullInput, HOSTILE_PATHS, hostileInput} from '../../testing/organization-inputs.js';
import {compareFolded, completePatch, domainKey, fieldRuleIssues, foldName, inputIssues, normalizeDomain, onmicrosoftPrefix, onmicrosoftPrefixProblem, patchIssues} from './server-checks.js';

const paths = (issues: readonly {path: string}[]): string[] => issues.map((i) => i.path).sort();

/** An organization less what the server keeps: what a create sends. */
function inputOf(org: Organization): OrganizationInput {
  const input: Record<string, unknown> = {...org};
  for (const k of SERVER_KEPT_FIELDS) delete input[k];
  return input as OrganizationInput;
}

describe('server checks', () => {
  it('folds names: case, accents, punctuation, spacing and trailing legal forms do not count', () => {
    const same = ['Crème Brûlée Bakery Ltd.', 'CREME BRULEE BAKERY', 'creme-brulee bakery gmbh', 'Creme Brulee Bakery Pty Ltd', 'CrèmeBrûlée  Bakery, Inc.', 'Creme Brulee Bakery L.L.C.'];
    for (const name of same) expect(foldName(name), name).to.equal('cremebruleebakery');
    expect(foldName('Smith & Jones Co')).to.equal('smithandjones');
    expect(foldName('Müller Straße Ølstue Łódź')).to.equal('mullerstrasseolstuelodz');
    // A name that is nothing but a legal form keeps it; one with no letters or digits folds to nothing.
    expect(foldName('Ltd')).to.equal('ltd');
    expect(foldName('!!!')).to.equal('');
    expect(foldName('Limited Editions Ltd')).to.equal('limitededitions');
  });

  it('matches folded names exactly, or with one typo when they are long enough', () => {
    expect(compareFolded('cremebruleebakery', 'cremebruleebakery')).to.equal('exact');
    for (const typo of ['cremebruleebakry', 'cremebruleebakeryy', 'cremebruleebakeru', 'cremebruleebakrey']) expect(compareFolded('cremebruleebakery', typo), typo).to.equal('close');
    for (const other of ['cremebruleebagels', 'cremebrulee', 'cremebruleebakeryltd2', '']) expect(compareFolded('cremebruleebakery', other), other).to.equal(null);
    // Short names must match exactly: "Acme" and "Acne" are different companies.
    expect(compareFolded('acme', 'acne')).to.equal(null);
  });

  it('checks duplicate queries into the form servers compare', async () => {
    expect(await checkDuplicateQuery({name: '  Cobalt  ', domain: 'WWW.Cobalt.Example.', tenantId: '0F8FAD5B-D9CB-469F-A165-70867728950E', excludeId: ' cus-1 '})).to.deep.equal({
      name: 'Cobalt',
      domain: 'cobalt.example',
      tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      excludeId: 'cus-1',
    });
    for (const query of [{}, {name: ' '}, {excludeId: 'cus-1'}, {name: '...'}, {domain: 'http://x.example/'}, {tenantId: 'x'}, {name: 'x'.repeat(1001)}, {name: 42 as never}]) {
      expect((await rejectsWith(checkDuplicateQuery(query))).code, JSON.stringify(query)).to.equal('invalid-request');
    }
  });

  it('reads lookup domains by the domain field’s rule, in the form DNS has them', async () => {
    expect(await normalizeDomain(' Contoso.COM. ')).to.equal('contoso.com');
    expect(await normalizeDomain('Bücher.example')).to.equal('xn--bcher-kva.example');
    for (const bad of ['localhost', 'contoso', 'a b.com', 'http://contoso.com', 'contoso.com/x', '-x.com', 'con\u200btoso.com', 'раураl.com', '192.168.0.1']) {
      expect(await normalizeDomain(bad), bad).to.equal(null);
      expect(checkDomain(bad.trim()).ascii, `the field refuses ${bad} too`).to.equal(null);
    }
    // A duplicate check compares stored domains in the same form, however they were written.
    expect(domainKey('WWW.Bücher.Example.')).to.equal(domainKey('xn--bcher-kva.example'));
    expect((await checkDuplicateQuery({domain: 'www.bücher.example'})).domain).to.equal('xn--bcher-kva.example');
  });

  it('says why an .onmicrosoft.com prefix cannot be used, in the words of the wizard’s field', async () => {
    expect(onmicrosoftPrefix('  Contoso.OnMicrosoft.com ')).to.equal('contoso');
    expect(await onmicrosoftPrefixProblem('contoso2')).to.equal(null);
    expect(await onmicrosoftPrefixProblem('a'.repeat(27))).to.equal(null);
    for (const bad of ['', 'a'.repeat(28), 'con-toso', 'con toso', 'con.toso', 'crème']) {
      expect(await onmicrosoftPrefixProblem(bad), bad).to.equal(checkOnMicrosoftPrefix(bad, {required: true}).issues[0].message);
    }
  });

  it('refuses patches of fixed fields and of a set login email by name, and checks only what a patch touches', async () => {
    const current = withDefaults(OrganizationSchema, organizationFixture('o-1', {
      adminUser: {firstName: 'Ada', lastName: 'L', loginEmail: 'ada@x.example', displayName: 'Ada', communicationEmail: ''},
      salesReps: [],
    }));
    expect(paths(await patchIssues(current, {customerOrganizationId: 'grp-1', kind: 'reseller'}))).to.deep.equal(['customerOrganizationId', 'kind']);
    expect(paths(await patchIssues(current, {adminUser: {...current.adminUser!, loginEmail: 'eve@x.example'}}))).to.deep.equal(['adminUser.loginEmail']);
    expect(await patchIssues(current, {adminUser: {...current.adminUser!, displayName: 'Countess'}})).to.deep.equal([]);
    // The stored record has no sales representative, no address, and collects with no run-as account: not the concern of a patch that leaves them alone.
    expect(await patchIssues(current, {description: 'x'})).to.deep.equal([]);
    expect(paths(await patchIssues(current, {salesReps: []}))).to.deep.equal(['salesReps']);
    expect(paths(await patchIssues(current, [] as never))).to.deep.equal(['(root)']);
    const fresh = withDefaults(OrganizationSchema, organizationFixture('o-2'));
    expect(await patchIssues(fresh, {adminUser: {firstName: 'A', lastName: 'B', loginEmail: 'a@b.example', displayName: '', communicationEmail: ''}}), 'set for the first time').to.deep.equal([]);
  });

  it('keeps the stored newer nested fields an older client leaves out of a patch', () => {
    const current = organizationFixture('o-1', {billing: {profileName: 'HQ', billTo: 'HQ', address: {line1: '', line2: '', city: '', state: '', postalCode: '', country: ''}, sameAsCompany: true, partnerSubscription: 'res-01-mca'}});
    current.schedules.timeZone = 'Europe/Berlin';
    const {partnerSubscription: _p, ...billing} = current.billing!;
    const {timeZone: _t, ...schedules} = current.schedules;
    const patch = completePatch(current, {billing, schedules, name: 'x'} as never) as typeof current;
    expect(patch.billing!.partnerSubscription).to.equal('res-01-mca');
    expect(patch.schedules.timeZone).to.equal('Europe/Berlin');
    const sent = {billing: {...current.billing!, partnerSubscription: null}};
    expect(completePatch(current, sent), 'what the client did send stands').to.equal(sent);
  });
});

describe('server checks: the field rules the wizard shares', () => {
  const TODAY = '2027-06-01';
  const base = (): OrganizationInput => inputOf(organizationFixture('o-1'));
  const full = (): OrganizationInput => fullInput(base(), 'cobalt7');

  it('accept an organization with every field the wizard checks filled in', async () => {
    expect(await inputIssues(full())).to.deep.equal([]);
    expect(await fieldRuleIssues(full(), {today: TODAY})).to.deep.equal([]);
    // What the wizard leaves empty or unset is not asked for.
    const sparse: OrganizationInput = {
      ...full(),
      description: '',
      customerType: '',
      domain: '',
      customLinks: [],
      billing: null,
      contacts: [{id: 'c-1', role: 'primary', firstName: 'Ada', lastName: 'L', email: 'ada@x.example', phone: '', fax: ''}],
      adminUser: null,
      runAsAccount: null,
      features: {security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false},
      microsoftAccount: {mode: 'skip'},
      creditQuota: null,
      licenseExpiresOn: null,
      notifications: {...full().notifications, emails: [], subjectPrefix: ''},
      salesReps: [{name: 'Rep', email: 'rep@x.example', phone: ''}],
    };
    expect(await inputIssues(sparse)).to.deep.equal([]);
  });

  it('refuse a hostile create at every field at fault, in the words of the wizard’s rules', async () => {
    const hostile = hostileInput(full());
    const issues = await inputIssues(hostile);
    expect(paths(issues)).to.deep.equal(HOSTILE_PATHS);
    const at = (path: string) => issues.find((i) => i.path === path)!.message;
    // Where the shape objects too (a 10,000-character name is past its limit as well), the rule's words are sent.
    expect(at('name')).to.equal('Use at most 200 characters; this has 10,025.');
    expect(at('description')).to.equal(checkText(hostile.description, 'description').issues[0].message);
    expect(at('customLinks[0].url')).to.equal(checkLink('javascript:alert(document.cookie)').issues[0].message);
    expect(at('customLinks[3].title')).to.contain('text-direction');
    expect(at('contacts[0].email')).to.equal(checkEmail('zoe@@example.com').issues[0].message);
    expect(at('contacts[2].phone')).to.equal('This is not a valid phone number for United States.');
    expect(at('companyAddress.postalCode')).to.equal('This is not a valid postal code for United States.');
    expect(at('notifications.emails[2]')).to.equal(checkEmailList(hostile.notifications.emails).issues[1].message);
    expect(at('schedules.cost')).to.equal(checkCron('61 * * * *').issues[0].message);
    expect(at('features.governanceVisualizer')).to.equal('Governance visualizer needs Operations to be on.');
    // Where the shape has nothing to say, the rules do: script and data links, hidden characters.
    const links = await inputIssues({...full(), customLinks: [{title: 'x', url: 'https://x.example/'}, {title: 'Hidden\u200B', url: 'https://y.example/'}]});
    expect(links).to.deep.equal([{path: 'customLinks[1].title', message: checkText('Hidden\u200B', 'title').issues[0].message}]);
  });

  it('check the wizard’s fields by its rules: addresses, phones in the company’s country, run-as account, Microsoft account, sales', async () => {
    const f = full();
    const cases: [Partial<OrganizationInput>, string[]][] = [
      // Without a company country, a number written without a country code cannot be read.
      [{companyAddress: null}, ['companyAddress.country', 'contacts[0].phone']],
      [{companyAddress: {...f.companyAddress!, state: 'Bavaria', city: ''}}, ['companyAddress.city', 'companyAddress.state']],
      [{companyAddress: {...f.companyAddress!, country: 'GB', state: '', postalCode: 'SW1A 2AA'}}, ['contacts[0].phone']],
      [{billing: {...f.billing!, address: {...f.billing!.address, postalCode: '1011'}}}, ['billing.address.postalCode']],
      [{billing: {...f.billing!, sameAsCompany: true, address: {line1: '', line2: '', city: '', state: '', postalCode: '', country: ''}}}, []],
      [{contacts: [{...f.contacts[0], firstName: ' ', email: ''}, {...f.contacts[1], email: ''}]}, ['contacts[0].email', 'contacts[0].firstName']],
      [{adminUser: {...f.adminUser!, firstName: '', communicationEmail: 'x@'}}, ['adminUser.communicationEmail', 'adminUser.firstName']],
      [{runAsAccount: null}, ['runAsAccount']],
      [{runAsAccount: null, features: {...f.features, security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false}}, []],
      [{microsoftAccount: {mode: 'existing', tenantId: 'not-a-guid', domain: 'contoso.com'}}, ['microsoftAccount.tenantId']],
      [{microsoftAccount: {mode: 'existing', tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e', domain: 'contoso.com'}}, []],
      [{microsoftAccount: {mode: 'new', domain: 'con-toso.onmicrosoft.com', companyRegistrationId: 'x\u202E', qualification: 'commercial'}}, ['microsoftAccount.companyRegistrationId', 'microsoftAccount.domain']],
      [{microsoftAccount: {mode: 'new', domain: 'contoso.onmicrosoft.com', companyRegistrationId: '', qualification: 'education', website: 'javascript:alert(1)'}}, ['microsoftAccount.educationSegment', 'microsoftAccount.website']],
      [{creditQuota: {credits: 5, effectiveOn: '2027-02-29', endsOn: '2026-01-01'}}, ['creditQuota.effectiveOn']],
      [{schedules: {...f.schedules, timeZone: 'Mars/Olympus_Mons', operations: '0 0 31 2 *'}}, ['schedules.operations', 'schedules.timeZone']],
      [{notifications: {...f.notifications, emails: Array.from({length: 3}, () => 'same@example.com')}}, ['notifications.emails[1]', 'notifications.emails[2]']],
      [{salesReps: []}, ['salesReps']],
      [{salesReps: [{name: 'Rep', email: '', phone: '555 0100'}]}, ['salesReps[0].email', 'salesReps[0].phone']],
    ];
    for (const [change, expected] of cases) {
      expect(paths(await inputIssues({...f, ...change})), JSON.stringify(change)).to.deep.equal(expected);
    }
  });

  it('refuse a new or changed licence expiry before today, and never the one a change keeps', async () => {
    const past = {...full(), licenseExpiresOn: '2027-05-31'};
    expect(await inputIssues(past, {today: TODAY})).to.deep.equal([{path: 'licenseExpiresOn', message: 'Choose today (2027-06-01) or a later date: this date has passed.'}]);
    expect(await inputIssues({...past, licenseExpiresOn: TODAY}, {today: TODAY})).to.deep.equal([]);
    const stored = {...withDefaults(OrganizationSchema, organizationFixture('o-1')), ...past} as Organization;
    expect(await patchIssues(stored, {description: 'x'}, {today: TODAY}), 'untouched').to.deep.equal([]);
    expect(await patchIssues(stored, {licenseExpiresOn: '2027-05-31'}, {today: TODAY}), 'sent back as it was').to.deep.equal([]);
    expect(paths(await patchIssues(stored, {licenseExpiresOn: '2027-05-30'}, {today: TODAY}))).to.deep.equal(['licenseExpiresOn']);
  });

  it('refuse a change for what it makes wrong in fields it leaves alone, and not for what was wrong before', async () => {
    const stored = {...withDefaults(OrganizationSchema, organizationFixture('o-1')), ...full()} as Organization;
    const off = {security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false};
    const quiet = {...stored, features: off, runAsAccount: null};
    expect(paths(await patchIssues(quiet, {features: {...off, security: true}}))).to.deep.equal(['runAsAccount']);
    // The contact's number, written without a country code, was read in the United States; in the United Kingdom it is not a number.
    expect(paths(await patchIssues(stored, {companyAddress: {...stored.companyAddress!, country: 'GB', state: '', postalCode: 'SW1A 2AA'}}))).to.deep.equal(['contacts[0].phone']);
    // A stored record with hidden characters in its type: a change of its description is not refused for them.
    const flawed = {...stored, customerType: 'Standard\u200B'};
    expect(await patchIssues(flawed, {description: 'New description.'})).to.deep.equal([]);
    expect(paths(await patchIssues(flawed, {customerType: 'Standard\u200B'}))).to.deep.equal(['customerType']);
  });

  it('leave a field of the wrong kind to its shape issue, and still judge the others', async () => {
    const wrong = {...full(), name: 42, contacts: 'nobody', billing: 'elsewhere', salesReps: [{name: 'Rep', email: 'rep@', phone: ''}]};
    const issues = await inputIssues(wrong);
    expect(paths(issues)).to.deep.equal(['billing', 'contacts', 'name', 'salesReps[0].email']);
    expect(issues.find((i) => i.path === 'salesReps[0].email')!.message).to.equal(checkEmail('rep@').issues[0].message);
    expect(issues.find((i) => i.path === 'name')!.message, 'the shape says what kind of value it takes').to.contain('string');
    expect(await inputIssues('not an organization')).to.have.length(1);
  });
});

describe('schema kit: fields added later, unions and paths', () => {
  const Inner = object<{a: number; added: string}>({a: number(), added: defaulted(string(), 'none')});
  const Outer = object<{items: {a: number; added: string}[]; maybe: {a: number; added: string} | null; list: string[]}>({
    items: array(Inner),
    maybe: nullable(Inner),
    list: defaulted(array(string()), []),
  });

  it('accepts a record without the later fields and reads them as their defaults, nested too', () => {
    const old = {items: [{a: 1}, {a: 2, added: 'x'}], maybe: {a: 3}};
    expect(validate(Outer, old)).to.deep.equal([]);
    const read = withDefaults(Outer, old as never);
    expect(read).to.deep.equal({items: [{a: 1, added: 'none'}, {a: 2, added: 'x'}], maybe: {a: 3, added: 'none'}, list: []});
    expect(old, 'the record read is not changed').to.deep.equal({items: [{a: 1}, {a: 2, added: 'x'}], maybe: {a: 3}});
    const current = {items: [{a: 1, added: 'y'}], maybe: null, list: ['z']};
    expect(withDefaults(Outer, current), 'nothing missing: the same value').to.equal(current);
    // Each default is its own copy.
    const a = withDefaults(Outer, {items: [], maybe: null} as never);
    a.list.push('mutated');
    expect(withDefaults(Outer, {items: [], maybe: null} as never).list).to.deep.equal([]);
    // A later field present must still conform.
    expect(validate(Outer, {items: [{a: 1, added: 5}], maybe: null}).map((i) => i.path)).to.deep.equal(['items[0].added']);
    expect((Outer.json as {required: string[]}).required).to.deep.equal(['items', 'maybe']);
  });

  it('tells union variants apart by their tag and explains by the variant', () => {
    const U = tagged<{mode: 'a'; x: number} | {mode: 'b'; y: string}>('mode', {
      a: object<{mode: 'a'; x: number}>({mode: oneOf(['a'] as const), x: number()}),
      b: object<{mode: 'b'; y: string}>({mode: oneOf(['b'] as const), y: string()}),
    });
    expect(U.is({mode: 'a', x: 1})).to.equal(true);
    expect(U.is({mode: 'b', x: 1})).to.equal(false);
    expect(validate(U, {mode: 'b', x: 1}, 'm').map((i) => i.path)).to.deep.equal(['m.y']);
    expect(validate(U, {mode: 'c'}, 'm').map((i) => i.path)).to.deep.equal(['m.mode']);
    expect(validate(U, {mode: 'toString'}, 'm').map((i) => i.path), 'no inherited keys').to.deep.equal(['m.mode']);
    expect(validate(U, 'a', 'm').map((i) => i.path)).to.deep.equal(['m']);
  });

  it('turns issue paths into steps and back', () => {
    expect(issuePath(['notifications', 'emails', 2])).to.equal('notifications.emails[2]');
    expect(issueSteps('notifications.emails[2]')).to.deep.equal(['notifications', 'emails', 2]);
    expect(issueSteps('items[3].tenants[0].tenantId')).to.deep.equal(['items', 3, 'tenants', 0, 'tenantId']);
    expect(issuePath(issueSteps('adminUser.loginEmail'))).to.equal('adminUser.loginEmail');
  });
});
