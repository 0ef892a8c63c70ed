/**
 * Every widget in light and dark, in its main states, checked by axe-core with every rule on
 * (colour contrast included): the page's `color-scheme` as a host sets it, the widgets' own
 * surfaces resolved to the scheme's token defaults.
 */
import {expect, fixtureCleanup, waitUntil} from '@open-wc/testing';
import {
  closeClients,
  firstRow,
  mountAccountsOpen,
  mountDetails,
  mountGrid,
  mountLifecycleOpen,
  mountSwitcherOpen,
  mountWizardWithErrors,
  openGridFilters,
  partOf,
  partsOf,
  setPageScheme,
} from '../testing/theme-testing.js';

/** The surface token's default in each scheme, as the browser reports it. */
const SURFACE = {light: 'rgb(255, 255, 255)', dark: 'rgb(26, 29, 33)'} as const;
const ACCENT = {light: 'rgb(11, 87, 208)', dark: 'rgb(138, 180, 248)'} as const;

for (const scheme of ['light', 'dark'] as const) {
  describe(`every widget in ${scheme}: axe-clean in its main states`, function () {
    this.timeout(120_000);
    // Light is also what a page that says nothing gets.
    before(() => setPageScheme(scheme === 'dark' ? 'dark' : null));
    after(() => setPageScheme(null));
    afterEach(() => {
      fixtureCleanup();
      closeClients();
    });

    it('organizations grid: rows, pressed toolbar toggles, an active cell, each toolbar panel open', async () => {
      const el = await mountGrid();
      expect(getComputedStyle(partOf(el, 'viewport')!).backgroundColor).to.equal(SURFACE[scheme]);
      const pressed = partsOf(el, 'toggle').filter((b) => b.getAttribute('aria-pressed') === 'true');
      expect(pressed.length, 'layout, density and currency each have a pressed toggle').to.be.at.least(3);
      expect(getComputedStyle(pressed[0]).backgroundColor).to.equal(ACCENT[scheme]);
      await expect(el).to.be.accessible();
      const cell = firstRow(el).querySelector<HTMLElement>('[role="gridcell"]')!;
      cell.click();
      cell.focus();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      for (const control of ['tenantry-grid-filters', 'tenantry-column-chooser', 'tenantry-saved-views']) {
        const panel = await openGridFilters(el, control);
        expect(getComputedStyle(panel).backgroundColor, control).to.equal(SURFACE[scheme]);
        await expect(el).to.be.accessible();
      }
    });

    it('accounts grid: rows and an opened account with its panel', async () => {
      const el = await mountAccountsOpen();
      expect(getComputedStyle(partOf(el, 'viewport')!).backgroundColor).to.equal(SURFACE[scheme]);
      await expect(el).to.be.accessible();
    });

    it('tenant switcher: open, an option active', async () => {
      const el = await mountSwitcherOpen();
      expect(getComputedStyle(partOf(el, 'popup')!).backgroundColor).to.equal(SURFACE[scheme]);
      await expect(el).to.be.accessible();
    });

    it('customer wizard: a step with its errors', async () => {
      const el = await mountWizardWithErrors();
      expect(getComputedStyle(el).backgroundColor).to.equal(SURFACE[scheme]);
      await expect(el).to.be.accessible();
    });

    it('customer details: the header and a tab, then contacts, then people (its user pickers)', async () => {
      const el = await mountDetails();
      expect(getComputedStyle(el).backgroundColor).to.equal(SURFACE[scheme]);
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="tab"][data-section="contacts"]')!.click();
      await el.updateComplete;
      expect(partOf(el, 'tab-selected')!.dataset.section).to.equal('contacts');
      await expect(el).to.be.accessible();
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="tab"][data-section="people"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('tenantry-user-combobox'), 'the people section shows its pickers', {timeout: 20_000});
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('lifecycle dialog: open with what the move touches', async () => {
      const el = await mountLifecycleOpen();
      expect(getComputedStyle(partOf(el, 'dialog')!).backgroundColor).to.equal(SURFACE[scheme]);
      await expect(el).to.be.accessible();
    });
  });
}
