/**
 * The steps of `<customer-wizard>` in real Chromium, on the embedded backend through the real data
 * worker: company and billing (countries in the user's language, subdivisions, postal rules, the
 * billing address), contacts and the run-as account, the Microsoft account, features and their
 * dependencies, collection schedules; and the libraries each step needs loaded only when it opens.
 */
import {expect, waitUntil} from '@open-wc/testing';
import type {CustomerWizard} from './customer-wizard.js';
import {
  WAIT,
  button,
  check,
  choose,
  cleanup,
  errorOf,
  errorSays,
  field,
  fillUntil,
  goToStep,
  hasField,
  localClient,
  mount,
  next,
  nextRefused,
  part,
  radio,
  root,
  stepTitle,
  RESELLER,
  summaryText,
  text,
  type,
} from '../testing/wizard-testing.js';

const LAZY = ['country-region-data', 'postcode-validator', 'libphonenumber-js', 'croner', 'cronstrue'];
// The dev server serves every module as a request of its own: more than the default 250 resource entries.
performance.setResourceTimingBufferSize(100_000);
const loaded = (): string[] => LAZY.filter((lib) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/${lib}/`)));

const select = (el: CustomerWizard, path: string): HTMLSelectElement => field(el, path) as unknown as HTMLSelectElement;
const optionText = (el: CustomerWizard, path: string, value: string): string => text([...select(el, path).options].find((o) => o.value === value));
const note = (el: CustomerWizard): string => text(part(el, 'note'));
const checked = (el: CustomerWizard, ...keys: string[]): Record<string, boolean> => Object.fromEntries(keys.map((k) => [k, field(el, `features.${k}`).checked]));

/** Types into a field without leaving it (as the user is still typing). */
async function typing(el: CustomerWizard, path: string, value: string): Promise<void> {
  const control = field(el, path);
  control.focus();
  control.value = value;
  control.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
  await el.updateComplete;
}

/** From the Microsoft step on: Next through the rest, a sales representative on the way, to the review. */
async function fillUntilReview(el: CustomerWizard): Promise<void> {
  await next(el, 'Plan and services');
  await next(el, 'Collection schedules');
  await next(el, 'Notifications');
  await next(el, 'Sales representatives');
  await type(el, 'salesReps[0].name', 'Sam Seller');
  await type(el, 'salesReps[0].email', 'sam@example.com');
  await next(el, 'Review');
}

afterEach(cleanup);

describe('customer-wizard: steps', () => {
  // First in this file: nothing before it has opened a step that needs one of these libraries.
  it('loads the subdivision, postal-code, phone and cron libraries only when a step needs them', async () => {
    const el = await mount(localClient());
    expect(loaded(), 'loaded with the first step').to.deep.equal([]);
    await type(el, 'name', 'Lazyload Labs');
    await next(el, 'Company and billing');
    expect(loaded(), 'loaded before a country was chosen').to.deep.equal([]);
    await choose(el, 'companyAddress.country', 'US');
    await waitUntil(() => loaded().includes('country-region-data'), 'the subdivisions did not load', WAIT);
    await type(el, 'companyAddress.postalCode', '98052');
    await waitUntil(() => loaded().includes('postcode-validator'), 'the postal rules did not load', WAIT);
    expect(loaded()).to.not.include('libphonenumber-js');
    await choose(el, 'companyAddress.state', 'US-WA');
    await type(el, 'companyAddress.line1', '1 Microsoft Way');
    await type(el, 'companyAddress.city', 'Redmond');
    await next(el, 'Contacts and people');
    expect(loaded()).to.not.include('libphonenumber-js');
    await type(el, 'contacts[0].phone', '+1 425 882 8080');
    await waitUntil(() => loaded().includes('libphonenumber-js'), 'the phone rules did not load', WAIT);
    expect(loaded().filter((l) => l.startsWith('cron'))).to.deep.equal([]);
  });

  describe('company and billing', () => {
    it('names the countries in the user’s language', async () => {
      Object.defineProperty(navigator, 'language', {value: 'de-DE', configurable: true});
      try {
        const el = await mount(localClient());
        await fillUntil(el, 'Sprachschule Berlin', 'Company and billing');
        await waitUntil(() => select(el, 'companyAddress.country').options.length > 200, 'no countries', WAIT);
        expect(optionText(el, 'companyAddress.country', 'DE')).to.equal('Deutschland');
        expect(optionText(el, 'companyAddress.country', 'US')).to.equal('Vereinigte Staaten');
        const names = [...select(el, 'companyAddress.country').options].map((o) => o.textContent!.trim());
        // German collation: Österreich sorts with O, before Panama.
        expect(names.indexOf('Österreich')).to.be.lessThan(names.indexOf('Panama'));
      } finally {
        delete (navigator as {language?: string}).language;
      }
    });

    it('offers a country’s subdivisions as a choice, a text field where it has none, and forgets a state chosen for another country', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Statewide Supply', 'Company and billing');
      await choose(el, 'companyAddress.country', 'US');
      await waitUntil(() => field(el, 'companyAddress.state').tagName === 'SELECT' && optionText(el, 'companyAddress.state', 'US-CA') !== '', 'no list of US states', WAIT);
      expect(optionText(el, 'companyAddress.state', 'US-CA')).to.equal('California');
      await choose(el, 'companyAddress.state', 'US-CA');

      // Svalbard and Jan Mayen lists no subdivisions: the state is free text, and California is gone.
      await choose(el, 'companyAddress.country', 'SJ');
      await waitUntil(() => field(el, 'companyAddress.state').tagName === 'INPUT', 'the state is still a list', WAIT);
      expect(field(el, 'companyAddress.state').value).to.equal('');
      expect(field(el, 'companyAddress.state').labels?.[0]?.textContent).to.contain('optional');
      await type(el, 'companyAddress.state', 'Spitsbergen');
      expect(errorOf(el, 'companyAddress.state')).to.equal('');

      await choose(el, 'companyAddress.country', 'DE');
      await waitUntil(() => field(el, 'companyAddress.state').tagName === 'SELECT' && optionText(el, 'companyAddress.state', 'DE-BE') !== '', 'no list of German states', WAIT);
      expect(optionText(el, 'companyAddress.state', 'DE-BE')).to.equal('Berlin');
      expect(select(el, 'companyAddress.state').value).to.equal('');
      await expect(el).to.be.accessible();
    });

    it('refuses a postal code the country’s rule does not take, naming the country, and asks again for a country unchosen', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Zip Code Zealots', 'Company and billing');
      await choose(el, 'companyAddress.country', 'US');
      await type(el, 'companyAddress.postalCode', 'ABCDE');
      expect(await errorSays(el, 'companyAddress.postalCode', 'United States')).to.equal('This is not a valid postal code for United States.');
      expect(field(el, 'companyAddress.postalCode').value).to.equal('ABCDE');
      await nextRefused(el, 'This is not a valid postal code for United States.');
      await type(el, 'companyAddress.postalCode', '98052');
      await waitUntil(() => errorOf(el, 'companyAddress.postalCode') === '', 'the error stayed', WAIT);

      // Back to "Choose…": the country is required again (and the check does not break on it).
      await choose(el, 'companyAddress.country', '');
      await errorSays(el, 'companyAddress.country', 'This is required.');
      await expect(el).to.be.accessible();
    });

    it('shows the billing address fields once "same as the company address" is off, starting from the company’s', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Twofold Accounting', 'Company and billing');
      await choose(el, 'companyAddress.country', 'DE');
      await type(el, 'companyAddress.line1', 'Unter den Linden 1');
      await type(el, 'companyAddress.city', 'Berlin');
      await type(el, 'companyAddress.postalCode', '10115');
      expect(hasField(el, 'billing.address.line1')).to.equal(false);
      await check(el, 'billing.sameAsCompany', false);
      await waitUntil(() => hasField(el, 'billing.address.line1'), 'no billing address fields', WAIT);
      expect(select(el, 'billing.address.country').value).to.equal('DE');
      expect(field(el, 'billing.address.line1').value).to.equal('Unter den Linden 1');
      await type(el, 'billing.address.line1', 'Friedrichstraße 50');
      await type(el, 'billing.address.postalCode', '1011');
      await errorSays(el, 'billing.address.postalCode', 'Germany');
      expect(field(el, 'companyAddress.line1').value).to.equal('Unter den Linden 1');
      await expect(el).to.be.accessible();
      await check(el, 'billing.sameAsCompany', true);
      expect(hasField(el, 'billing.address.line1')).to.equal(false);
    });
  });

  describe('contacts and people', () => {
    it('copies the primary contact into the billing contact', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Copycat Consulting', 'Contacts and people');
      await type(el, 'contacts[0].firstName', 'Ada');
      await type(el, 'contacts[0].lastName', 'Lovelace');
      await type(el, 'contacts[0].email', 'ada@example.com');
      await type(el, 'contacts[0].phone', '+49 30 901820');
      button(el, 'Copy from the primary contact').click();
      await el.updateComplete;
      for (const key of ['firstName', 'lastName', 'email', 'phone']) expect(field(el, `contacts[1].${key}`).value, key).to.equal(field(el, `contacts[0].${key}`).value);
      // A copy, not a link: changing the billing contact leaves the primary as it was.
      await type(el, 'contacts[1].email', 'billing@example.com');
      expect(field(el, 'contacts[0].email').value).to.equal('ada@example.com');
    });

    it('requires a run-as account once a data collection is on: back on contacts from the plan, Next is refused', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Collector Corp', 'Plan and services');
      expect(field(el, 'features.security').checked).to.equal(false);
      await check(el, 'features.security', true);
      expect(note(el)).to.contain('run-as account');
      await goToStep(el, 'Contacts and people');
      expect(field(el, 'runAsAccount').labels?.[0]?.textContent).to.not.contain('optional');
      expect(field(el, 'runAsAccount').getAttribute('aria-required')).to.equal('true');
      await nextRefused(el, 'Run-as account');
      expect(summaryText(el)).to.contain('This is required.');
      expect(errorOf(el, 'runAsAccount')).to.equal('This is required.');
      await expect(el).to.be.accessible();
      await type(el, 'runAsAccount', 'svc-collector@collectorcorp.onmicrosoft.com');
      await next(el, 'Microsoft account and Azure');
    });
  });

  describe('Microsoft account', () => {
    it('finds an existing account by a domain and uses it; a new domain asks again', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Fabrikam Outfitters', 'Microsoft account and Azure');
      await radio(el, 'existing');
      await type(el, 'microsoftAccount.domain', 'fabrikam.example');
      await waitUntil(() => text(part(el, 'lookup')).includes('Found Fabrikam'), 'the account was not found', WAIT);
      button(el, 'Use this account').click();
      await waitUntil(() => text(part(el, 'confirmed')).includes('will be linked'), 'the account was not chosen', WAIT);
      await expect(el).to.be.accessible();

      // Another domain: the account chosen for the old one is no longer taken for it.
      await type(el, 'microsoftAccount.domain', 'tailspintoys.example');
      await waitUntil(() => text(part(el, 'lookup')).includes('Found Tailspin Toys'), 'the second account was not found', WAIT);
      expect(part(el, 'confirmed')).to.equal(null);
      await nextRefused(el, 'Microsoft account');
      button(el, 'Use this account').click();
      await fillUntilReview(el);
      expect(text(part(el, 'body'))).to.contain('Existing: tailspintoys.example');
    });

    it('checks a new account’s .onmicrosoft.com name as it is typed: taken or available', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Zephyr Quartz', 'Microsoft account and Azure');
      await radio(el, 'new');
      expect(field(el, 'microsoftAccount.domain').value, 'suggested from the name').to.equal('zephyrquartz');
      await typing(el, 'microsoftAccount.domain', 'fabrikam');
      await waitUntil(() => text(part(el, 'availability')).includes('taken'), 'a taken name was not said to be taken', WAIT);
      expect(text(part(el, 'availability'))).to.contain('fabrikam.onmicrosoft.com');
      await typing(el, 'microsoftAccount.domain', 'zephyrquartz');
      await waitUntil(() => text(part(el, 'availability')) === 'zephyrquartz.onmicrosoft.com is available.', 'a free name was not said to be available', WAIT);
      // The whole address pasted: read as its name, kept as typed.
      await typing(el, 'microsoftAccount.domain', 'ZephyrQuartz.onmicrosoft.com');
      await waitUntil(() => text(part(el, 'availability')) === 'zephyrquartz.onmicrosoft.com is available.', 'the pasted address was not read as its name', WAIT);
      field(el, 'microsoftAccount.domain').blur();
      await el.updateComplete;
      expect(field(el, 'microsoftAccount.domain').value).to.equal('ZephyrQuartz.onmicrosoft.com');
      await expect(el).to.be.accessible();
      await next(el, 'Plan and services');
    });

    it('warns of a likely duplicate when the account chosen is already an organization’s directory', async () => {
      const client = localClient();
      const rows = (await client.openView(RESELLER, {filters: {kinds: ['customer']}})).firstRows!;
      const owner = rows.find((r) => r.org.tenants.length)!.org;
      const el = await mount(client);
      await fillUntil(el, 'Brand New Holdings', 'Microsoft account and Azure');
      expect(part(el, 'duplicates')).to.equal(null);
      await radio(el, 'existing');
      await type(el, 'microsoftAccount.domain', owner.tenants[0].domain);
      await waitUntil(() => text(part(el, 'lookup')).includes('Found'), 'the account was not found', WAIT);
      button(el, 'Use this account').click();
      await waitUntil(() => part(el, 'duplicates'), 'no duplicate warning for the directory', WAIT);
      expect(text(part(el, 'duplicates'))).to.contain(owner.name);
      expect(text(part(el, 'duplicates'))).to.contain('same Azure tenant ID');
      await expect(el).to.be.accessible();
    });

    it('can be skipped', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Skipper Supplies', 'Microsoft account and Azure');
      await nextRefused(el, 'Microsoft account');
      await radio(el, 'skip');
      await fillUntilReview(el);
      expect(text(part(el, 'body'))).to.contain('Skipped');
    });
  });

  describe('plan and services', () => {
    it('switches on what a feature needs and says so; switching one off says what else went', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Feature Factory', 'Plan and services');
      const all = ['security', 'operations', 'costDetails', 'biAnalytics', 'tasks', 'm365Security', 'governanceVisualizer'];
      expect(Object.values(checked(el, ...all))).to.deep.equal(all.map(() => false));

      await check(el, 'features.m365Security', true);
      expect(note(el)).to.contain('Microsoft 365 security needs Security: switched on too.');
      expect(checked(el, 'security', 'm365Security')).to.deep.equal({security: true, m365Security: true});

      await check(el, 'features.tasks', true);
      expect(note(el), 'Tasks needed nothing more').to.not.contain('switched');
      await check(el, 'features.biAnalytics', true);
      expect(note(el)).to.contain('BI analytics needs Cost details: switched on too.');
      expect(field(el, 'features.costDetails').checked).to.equal(true);

      await check(el, 'features.security', false);
      expect(note(el)).to.contain('Tasks and Microsoft 365 security need Security: switched off too.');
      expect(checked(el, ...all)).to.deep.equal({security: false, operations: false, costDetails: true, biAnalytics: true, tasks: false, m365Security: false, governanceVisualizer: false});
      await expect(el).to.be.accessible();

      // The note belongs to this wizard and this visit to the step.
      await goToStep(el, 'Contacts and people');
      await type(el, 'runAsAccount', 'svc-collector@featurefactory.onmicrosoft.com');
      await goToStep(el, 'Plan and services');
      expect(note(el)).to.equal('');
      const other = await mount(localClient());
      await fillUntil(other, 'Second Feature Factory', 'Plan and services');
      expect(note(other)).to.equal('');
    });
  });

  describe('collection schedules', () => {
    it('reads a valid mask in plain words with its next runs in the chosen time zone', async () => {
      const zone = 'Australia/Adelaide';
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone, 'the browser is in the zone the test chooses').to.not.equal(zone);
      const el = await mount(localClient());
      await fillUntil(el, 'Cronos Clocks', 'Collection schedules');
      await choose(el, 'schedules.timeZone', zone);
      await type(el, 'schedules.cost', '30 9 * * 1-5');
      const reading = (): string => text(root(el).querySelector('[data-path="schedules.cost"]')?.closest('[part~="schedule"]')?.querySelector('[part~="reading"]'));
      await waitUntil(() => reading().includes('Next:'), 'no reading of the mask', WAIT);
      expect(reading()).to.contain('09:30').and.contain('Monday through Friday').and.contain(`(${zone})`);
      // 09:30 on the customer's clock, whatever the browser's.
      const nineThirty = new Intl.DateTimeFormat(undefined, {timeStyle: 'short', timeZone: 'UTC'}).format(Date.UTC(2030, 0, 1, 9, 30));
      const runs = reading().replace(/^.*Next: /, '').replace(/ \(.*\)\.?$/, '').split('; ');
      expect(runs).to.have.length(3);
      for (const run of runs) expect(run).to.contain(nineThirty);
      await expect(el).to.be.accessible();
    });

    it('refuses an invalid mask with a clear error on leaving the field, and Next is blocked', async () => {
      const el = await mount(localClient());
      await fillUntil(el, 'Broken Clocks', 'Collection schedules');
      await type(el, 'schedules.cost', '61 * * * *');
      expect(await errorSays(el, 'schedules.cost', 'minute')).to.equal('The minute field takes 0–59; 61 is outside that.');
      expect(root(el).querySelector('[data-path="schedules.cost"]')?.closest('[part~="schedule"]')?.querySelector('[part~="reading"]')).to.equal(null);
      await type(el, 'schedules.security', '0 0 31 2 *');
      expect(await errorSays(el, 'schedules.security', 'never runs')).to.contain('day 31');
      await nextRefused(el, 'The minute field takes 0–59');
      expect(summaryText(el)).to.contain('never runs');
      expect(stepTitle(el)).to.equal('Collection schedules');
      await expect(el).to.be.accessible();
      await type(el, 'schedules.cost', '0 2 * * *');
      await type(el, 'schedules.security', '0 3 * * *');
      await next(el, 'Notifications');
    });
  });
});
