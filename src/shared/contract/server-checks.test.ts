/**
 * The rules every server applies by itself (duplicate matching, domains, emails, links, the
 * `.onmicrosoft.com` prefix, patches), and the schema kit's reading of records written before a
 * field existed.
 */
import {expect} from '@open-wc/testing';
import {array, defaulted, issuePath, issueSteps, nullable, number, object, oneOf, string, tagged, validate, withDefaults} from '../model/schema.js';
import {OrganizationSchema} from '../model/schemas.js';
import {organizationFixture} from '../../testing/msw.js';
import {checkDuplicateQuery} from './backend.js';
import {compareFolded, completePatch, foldName, inputIssues, isCalendarDate, isEmail, isTimeZone, isWebUrl, normalizeDomain, onmicrosoftPrefix, onmicrosoftPrefixProblem, patchIssues} from './server-checks.js';

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

  it('checks duplicate queries into the form servers compare', () => {
    expect(checkDuplicateQuery({name: '  Cobalt  ', domain: 'WWW.Cobalt.Example.', tenantId: '0F8FAD5B-D9CB-469F-A165-70867728950E', excludeId: ' cus-1 '})).to.deep.equal({
      name: 'Cobalt',
      domain: 'cobalt.example',
      tenantId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      excludeId: 'cus-1',
    });
    for (const query of [{}, {name: ' '}, {excludeId: 'cus-1'}, {name: '...'}, {domain: 'http://x.example/'}, {tenantId: 'x'}, {name: 'x'.repeat(1001)}, {name: 42 as never}]) {
      expect(() => checkDuplicateQuery(query), JSON.stringify(query)).to.throw().with.property('code', 'invalid-request');
    }
  });

  it('knows emails, web links, domains, dates and time zones', () => {
    for (const ok of ['a@b.example', 'first.last+tag@sub.example.co.uk', 'jörg@müller.de', "o'brien@example.com"]) expect(isEmail(ok), ok).to.equal(true);
    for (const bad of ['', 'a', 'a@', '@b.example', 'a@b', 'a b@c.example', 'a@b..example', '.a@b.example', 'a..b@c.example', 'a@-b.example', 'a@b.c', `${'x'.repeat(65)}@b.example`]) expect(isEmail(bad), bad).to.equal(false);
    for (const ok of ['https://portal.example/', 'http://x.example:8080/a?b#c', 'HTTPS://X.EXAMPLE']) expect(isWebUrl(ok), ok).to.equal(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'portal.example', 'https:///nohost', 'https:portal.example', 'ftp://x.example', 'https://a b.example/']) expect(isWebUrl(bad), bad).to.equal(false);
    expect(normalizeDomain(' Contoso.COM. ')).to.equal('contoso.com');
    for (const bad of ['localhost', 'contoso', 'a b.com', 'http://contoso.com', 'contoso.com/x', '-x.com']) expect(normalizeDomain(bad), bad).to.equal(null);
    expect(isCalendarDate('2028-02-29')).to.equal(true);
    for (const bad of ['2027-02-29', '2027-04-31', '2027-13-01', '27-01-01']) expect(isCalendarDate(bad), bad).to.equal(false);
    for (const zone of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires']) expect(isTimeZone(zone), zone).to.equal(true);
    expect(isTimeZone('Mars/Olympus_Mons')).to.equal(false);
  });

  it('says why an .onmicrosoft.com prefix cannot be used', () => {
    expect(onmicrosoftPrefix('  Contoso.OnMicrosoft.com ')).to.equal('contoso');
    expect(onmicrosoftPrefixProblem('contoso2')).to.equal(null);
    expect(onmicrosoftPrefixProblem('a'.repeat(27))).to.equal(null);
    for (const bad of ['', 'a'.repeat(28), 'con-toso', 'con toso', 'con.toso', 'crème']) expect(onmicrosoftPrefixProblem(bad), bad).to.be.a('string');
  });

  it('refuses patches of fixed fields and of a set login email by name, and checks only what a patch touches', () => {
    const current = withDefaults(OrganizationSchema, organizationFixture('o-1', {
      adminUser: {firstName: 'Ada', lastName: 'L', loginEmail: 'ada@x.example', displayName: 'Ada', communicationEmail: ''},
      salesReps: [],
    }));
    expect(patchIssues(current, {customerOrganizationId: 'grp-1', kind: 'reseller'}).map((i) => i.path)).to.deep.equal(['customerOrganizationId', 'kind']);
    expect(patchIssues(current, {adminUser: {...current.adminUser!, loginEmail: 'eve@x.example'}}).map((i) => i.path)).to.deep.equal(['adminUser.loginEmail']);
    expect(patchIssues(current, {adminUser: {...current.adminUser!, displayName: 'Countess'}})).to.deep.equal([]);
    // The stored record has no sales representative: not the concern of a patch that leaves them alone.
    expect(patchIssues(current, {description: 'x'})).to.deep.equal([]);
    expect(patchIssues(current, {salesReps: []}).map((i) => i.path)).to.deep.equal(['salesReps']);
    expect(patchIssues(current, [] as never).map((i) => i.path)).to.deep.equal(['(root)']);
    const fresh = withDefaults(OrganizationSchema, organizationFixture('o-2'));
    expect(patchIssues(fresh, {adminUser: {firstName: 'A', lastName: 'B', loginEmail: 'a@b.example', displayName: '', communicationEmail: ''}}), 'set for the first time').to.deep.equal([]);
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

  it('reports structural problems at the same paths the schema uses, once per path', () => {
    const org = organizationFixture('o-1', {salesReps: [{name: 'R', email: 'r@x.example', phone: ''}], customLinks: [{title: 'x', url: 'javascript:x'}]});
    expect(inputIssues(org).map((i) => i.path)).to.deep.equal(['customLinks[0].url']);
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
