import {expect} from '@open-wc/testing';
import type {Address} from '../model/types.js';
import {
  COUNTRY_CODES,
  checkAddress,
  checkCountry,
  checkPhone,
  checkPostalCode,
  checkSubdivision,
  countries,
  countryName,
  findSubdivision,
  hasPostalRule,
  isCountryCode,
  subdivisions,
} from './geo.js';

const LIBRARIES = ['country-region-data', 'postcode-validator', 'libphonenumber-js'];
const loaded = (): string[] => LIBRARIES.filter((lib) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/${lib}/`)));
const codes = (r: {issues: readonly {code: string}[]}): string[] => r.issues.map((i) => i.code);

describe('forms: geo', () => {
  // First, while nothing has asked for subdivisions, postal codes or phone numbers.
  it('loads none of its libraries until one is asked for, then only that one', async () => {
    expect(countries('en').length).to.be.greaterThan(0);
    expect(checkCountry('DE').issues).to.deep.equal([]);
    expect(loaded()).to.deep.equal([]);
    await subdivisions('US');
    expect(loaded()).to.deep.equal(['country-region-data']);
    await checkPostalCode('US', '98052');
    expect(loaded()).to.deep.equal(['country-region-data', 'postcode-validator']);
    await checkPhone('+1 425 882 8080');
    expect(loaded()).to.deep.equal(LIBRARIES);
  });

  it('knows every ISO 3166-1 alpha-2 code (and XK), each with a name from the platform', () => {
    expect(COUNTRY_CODES).to.have.length(250);
    expect(new Set(COUNTRY_CODES).size).to.equal(250);
    const names = new Intl.DisplayNames('en', {type: 'region', fallback: 'none'});
    for (const code of COUNTRY_CODES) {
      expect(code).to.match(/^[A-Z]{2}$/);
      expect(names.of(code), code).to.be.a('string').and.not.equal(code);
    }
    expect(isCountryCode('XK')).to.equal(true);
    expect(isCountryCode('EU')).to.equal(false);
    expect(isCountryCode('UK')).to.equal(false);
  });

  it('names and sorts countries in the reader’s language, by its collation', () => {
    const en = countries('en');
    expect(en.find((c) => c.code === 'DE')?.name).to.equal('Germany');
    expect(countries('en')).to.equal(en, 'cached per locale');
    const de = countries('de');
    const at = (list: readonly {name: string}[], name: string): number => list.findIndex((c) => c.name === name);
    expect(de.find((c) => c.code === 'DE')?.name).to.equal('Deutschland');
    // German sorts Ö with O; Swedish after Z.
    expect(at(de, 'Österreich')).to.be.lessThan(at(de, 'Panama'));
    const sv = countries('sv');
    expect(at(sv, 'Österrike')).to.be.greaterThan(at(sv, 'Zimbabwe'));
    const collator = new Intl.Collator('de');
    for (let i = 1; i < de.length; i++) expect(collator.compare(de[i - 1].name, de[i].name)).to.be.at.most(0);
    expect(countryName('JP', 'fr')).to.equal('Japon');
    expect(countryName('ZZ')).to.equal('ZZ');
  });

  it('checks a country code, raising lower case', () => {
    expect(checkCountry(' de ')).to.deep.equal({value: 'DE', issues: []});
    expect(checkCountry('Germany', {path: 'country'}).issues.map((i) => i.message)).to.deep.equal(['Choose a country from the list; "Germany" is not a country code.']);
    expect(codes(checkCountry('', {required: true}))).to.deep.equal(['required']);
  });

  it('lists a country’s subdivisions with ISO 3166-2 codes', async () => {
    const us = await subdivisions('US');
    expect(us).to.deep.include({code: 'US-CA', name: 'California'});
    const dk = await subdivisions('DK');
    expect(dk.map((s) => s.code)).to.include('DK-84');
    expect(dk.every((s) => s.code?.startsWith('DK-') && !s.code.startsWith('DK-DK'))).to.equal(true);
    expect((await subdivisions('CK')).every((s) => s.code === null), 'known only by name').to.equal(true);
    expect(await subdivisions('XX')).to.deep.equal([]);
    const names = (await subdivisions('GB', 'en')).map((s) => s.name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('en').compare));
  });

  it('finds a subdivision by code or by name, and refuses one the country does not have', async () => {
    const us = await subdivisions('US');
    expect(findSubdivision(us, 'US', 'ca')?.name).to.equal('California');
    expect(findSubdivision(us, 'US', 'US-WA')?.name).to.equal('Washington');
    expect(findSubdivision(us, 'US', 'new york')?.code).to.equal('US-NY');
    expect((await checkSubdivision('US', 'Washington')).match?.code).to.equal('US-WA');
    const narnia = await checkSubdivision('US', 'Narnia', {path: 'state'});
    expect(narnia.issues.map((i) => i.message)).to.deep.equal(['Choose a state or region of United States from the list.']);
    expect((await checkSubdivision('XX', 'Anything')).issues, 'the country check reports a bad country').to.deep.equal([]);
    expect(codes(await checkSubdivision('US', 'Wash\u200bington'))).to.deep.equal(['text.invisible']);
  });

  it('checks a postal code where the country has a rule, and accepts any where it has none', async () => {
    expect(await checkPostalCode('US', ' 98052-6399 ')).to.deep.equal({value: '98052-6399', issues: [], rule: 'checked'});
    expect(await checkPostalCode('GB', 'sw1a  1aa')).to.deep.equal({value: 'SW1A 1AA', issues: [], rule: 'checked'});
    const bad = await checkPostalCode('US', 'ABCDE', {path: 'postalCode'});
    expect(bad.rule).to.equal('checked');
    expect(bad.issues.map((i) => i.message)).to.deep.equal(['This is not a valid postal code for United States.']);
    expect(await hasPostalRule('AE')).to.equal(false);
    expect(await checkPostalCode('AE', 'PO Box 1')).to.deep.equal({value: 'PO BOX 1', issues: [], rule: 'no-rule'});
    expect(codes(await checkPostalCode('US', '1234567890123'))).to.deep.equal(['text.too-long']);
  });

  it('reads a phone number: validity, E.164 and international form, for a default country', async () => {
    expect(await checkPhone('(425) 882-8080', {defaultCountry: 'US'})).to.deep.equal({
      value: '(425) 882-8080',
      valid: true,
      e164: '+14258828080',
      international: '+1 425 882 8080',
      country: 'US',
      ext: null,
      issues: [],
    });
    const london = await checkPhone('020 7946 0958', {defaultCountry: 'GB'});
    expect([london.e164, london.international, london.country]).to.deep.equal(['+442079460958', '+44 20 7946 0958', 'GB']);
    const withExt = await checkPhone('+1 425 882 8080 ext. 12');
    expect([withExt.e164, withExt.ext]).to.deep.equal(['+14258828080', '12']);
    expect((await checkPhone('+49 30 901820', {defaultCountry: 'US'})).country, 'a + number keeps its own country').to.equal('DE');
  });

  it('says what is wrong with a phone number', async () => {
    const cases: [string, string, string | undefined][] = [
      ['abc', 'phone.not-a-number', undefined],
      ['425 882 8080', 'phone.needs-country', undefined],
      ['+999 123456', 'phone.unknown-calling-code', undefined],
      ['+1 42588280801234567890', 'phone.too-long', undefined],
      ['+1 555 010 0000', 'phone.invalid-any', undefined],
      ['call 425 882 8080 now', 'phone.not-a-number', 'US'],
      ['+1 425 882\u200b8080', 'text.invisible', undefined],
      ['1'.repeat(41), 'text.too-long', undefined],
    ];
    for (const [value, code, defaultCountry] of cases) {
      const r = await checkPhone(value, {path: 'phone', defaultCountry});
      expect(codes(r), value).to.deep.equal([code]);
      expect(r.valid, value).to.equal(false);
      expect(r.e164, value).to.equal(null);
    }
    expect((await checkPhone('020 1234', {defaultCountry: 'GB'})).issues.map((i) => i.message)).to.deep.equal(['This is not a valid phone number for United Kingdom.']);
    expect(codes(await checkPhone('', {required: true}))).to.deep.equal(['required']);
    expect((await checkPhone('')).issues).to.deep.equal([]);
  });

  it('checks a whole address, requiring a postal code only where the country has a rule', async () => {
    const address: Address = {line1: '1 Microsoft Way', line2: '', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US'};
    expect(await checkAddress(address, 'companyAddress')).to.deep.equal([]);
    expect(await checkAddress({...address, country: 'AE', state: 'Dubai', postalCode: ''}, 'companyAddress')).to.deep.equal([]);
    const bad = await checkAddress({line1: ' ', line2: 'x'.repeat(201), city: '', state: 'Narnia', postalCode: '', country: 'US'}, 'billing.address');
    expect(bad.map((i) => [i.path, i.code])).to.deep.equal([
      ['billing.address.line1', 'required'],
      ['billing.address.line2', 'text.too-long'],
      ['billing.address.city', 'required'],
      ['billing.address.state', 'subdivision.unknown'],
      ['billing.address.postalCode', 'required'],
    ]);
    const noCountry = await checkAddress({...address, country: 'Atlantis'}, '');
    expect(noCountry.map((i) => [i.path, i.code])).to.deep.equal([['country', 'country.unknown']]);
  });
});
