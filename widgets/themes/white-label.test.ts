/**
 * The white-label example's stylesheet (`examples/white-label/reseller-theme.css`) loaded as the
 * reseller's page loads it: it holds only tokens and `::part()` rules (checked rule by rule), and
 * the widgets take the reseller's colours, font, radius and logo from it, axe-clean in light and
 * (emulated) dark.
 */
import {expect, fixtureCleanup} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import {
  closeClients,
  contrast,
  localClient,
  mountDetails,
  mountGrid,
  mountSwitcherOpen,
  pageStylesheet,
  partOf,
  partsOf,
} from '../testing/theme-testing.js';

const THEME = '/examples/white-label/reseller-theme.css';
const FONT = "'Nunito Sans', 'Trebuchet MS', 'DejaVu Sans', sans-serif";
const TEAL = 'rgb(15, 107, 99)';
const CREAM = 'rgb(255, 253, 249)';

describe('white label: a reseller theme through tokens and parts', function () {
  this.timeout(120_000);
  let remove: () => void = () => undefined;
  beforeEach(async () => {
    remove = await pageStylesheet(THEME);
    // As the example page does: its body is the reseller's surface (the grid's toolbar sits on it).
    document.body.style.background = 'var(--tenantry-color-surface)';
  });
  afterEach(async () => {
    fixtureCleanup();
    closeClients();
    remove();
    document.body.style.removeProperty('background');
    await emulateMedia({colorScheme: 'light'});
  });

  it('sets nothing but tokens on :root, parts, and the page’s own slotted logo', () => {
    const sheet = [...document.styleSheets].find((s) => s.href?.endsWith(THEME))!;
    const rules = [...sheet.cssRules] as CSSStyleRule[];
    expect(rules.length).to.be.greaterThan(3);
    for (const rule of rules) {
      expect(rule).to.be.instanceOf(CSSStyleRule);
      if (rule.selectorText === ':root') {
        for (const name of [...rule.style]) expect(name, 'a :root declaration').to.match(/^(--tenantry-|color-scheme$)/);
      } else {
        const selectors = rule.selectorText.split(',').map((s) => s.trim());
        for (const s of selectors) expect(s, 'a selector').to.match(/^([a-z]+-[a-z-]+::part\([a-z-]+\)|\[slot="logo"\])$/);
      }
    }
  });

  it("paints the grid in the reseller's colours, font and radius, with its pill toggles; axe-clean", async () => {
    const el = await mountGrid();
    const host = getComputedStyle(el);
    expect(host.fontFamily).to.equal(FONT.replaceAll("'", '"'));
    expect(host.fontSize).to.equal('15px');
    const viewport = getComputedStyle(partOf(el, 'viewport')!);
    expect(viewport.backgroundColor).to.equal(CREAM);
    expect(viewport.borderTopLeftRadius).to.equal('14px');
    const pressed = partsOf(el, 'toggle').find((b) => b.getAttribute('aria-pressed') === 'true')!;
    const p = getComputedStyle(pressed);
    expect(p.backgroundColor).to.equal(TEAL);
    expect(p.color).to.equal('rgb(255, 255, 255)');
    expect(p.borderTopLeftRadius).to.equal('999px');
    expect(contrast(p.color, p.backgroundColor)).to.be.at.least(4.5);
    const header = getComputedStyle(partOf(el, 'header-cell')!);
    expect(header.textTransform).to.equal('uppercase');
    expect(header.backgroundColor).to.equal('rgb(234, 244, 242)');
    // The per-widget row height reached the rows.
    expect(el.shadowRoot!.querySelector<HTMLElement>('.body [role="row"][data-org-id]')!.getBoundingClientRect().height).to.equal(44);
    await expect(el).to.be.accessible();
  });

  it('shows the reseller’s logo in the tenant switcher, at the height the theme sets; axe-clean open', async () => {
    const logo = document.createElement('img');
    logo.slot = 'logo';
    logo.alt = 'Skyline IT Partners';
    logo.src = '/examples/white-label/skyline-logo.svg';
    const loaded = new Promise((r) => (logo.onload = r));
    const el = await mountSwitcherOpen(localClient(), logo);
    await loaded;
    const slot = partOf<HTMLSlotElement>(el, 'logo')!;
    expect(slot.assignedElements()).to.deep.equal([logo]);
    expect(logo.getBoundingClientRect().height).to.equal(28);
    expect(logo.getBoundingClientRect().width).to.be.greaterThan(60);
    expect(getComputedStyle(partOf(el, 'control')!).borderTopLeftRadius).to.equal('14px');
    expect(getComputedStyle(partOf(el, 'option-active')!).borderInlineStartColor).to.equal(TEAL);
    await expect(el).to.be.accessible();
  });

  it('brands the customer details (title, selected tab) and stays axe-clean in dark', async () => {
    const el = await mountDetails();
    expect(getComputedStyle(partOf(el, 'title')!).fontWeight).to.equal('800');
    expect(getComputedStyle(partOf(el, 'tab-selected')!).borderTopLeftRadius).to.equal('999px');
    expect(getComputedStyle(el).backgroundColor).to.equal(CREAM);
    await expect(el).to.be.accessible();
    await emulateMedia({colorScheme: 'dark'});
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(29, 34, 36)');
    await expect(el).to.be.accessible();
  });

  it('keeps the grid axe-clean in the reseller’s dark colours', async () => {
    await emulateMedia({colorScheme: 'dark'});
    const el = await mountGrid();
    const pressed = partsOf(el, 'toggle').find((b) => b.getAttribute('aria-pressed') === 'true')!;
    expect(getComputedStyle(pressed).backgroundColor).to.equal('rgb(95, 212, 196)');
    await expect(el).to.be.accessible();
  });
});
