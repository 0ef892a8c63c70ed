/**
 * An organization's profile rows (the wizard's review, the customer details' profile) in the
 * page's language: every label through the catalogue, none put together in English.
 */
import {expect} from '@open-wc/testing';
import {setLocale} from '../../page/locale.js';
import {fullInput} from '../../testing/organization-inputs.js';
import {emptyValues} from '../../../widgets/customer-wizard/wizard-values.js';
import {PROFILE_GROUPS, profileRows} from './profile.js';

const ORG = fullInput(emptyValues('res-01'), 'profile');

afterEach(() => setLocale('en'));

describe('profile rows', () => {
  it('name each contact by its role and each custom link by its number, in English', () => {
    const people = profileRows('people', ORG).map(([label]) => label);
    expect(people.slice(0, 3)).to.deep.equal(['Primary contact', 'Billing contact', 'Technical contact']);
    const links = profileRows('organization', ORG).map(([label]) => label).filter((l) => l.startsWith('Link'));
    expect(links).to.deep.equal(['Link 1', 'Link 2', 'Link 3']);
  });

  it('word every label in German and in Arabic, no English left', async () => {
    const english = new Set(PROFILE_GROUPS.flatMap((g) => profileRows(g, ORG).map(([label]) => label)));
    for (const locale of ['de', 'ar']) {
      await setLocale(locale);
      const labels = PROFILE_GROUPS.flatMap((g) => profileRows(g, ORG).map(([label]) => label));
      // A few words are the same in German ("Name", "Status", "Link 1"…): none of the contacts' or links' rows is English-only.
      const people = profileRows('people', ORG).map(([label]) => label).slice(0, 3);
      for (const label of people) expect(english.has(label), `${locale}: "${label}"`).to.equal(false);
      // Arabic writes no Latin words but the products' names.
      if (locale === 'ar') for (const label of labels) expect(/[a-z]{3}/i.test(label.replace(/Microsoft|Azure/g, '')), `ar: "${label}"`).to.equal(false);
    }
  });
});
