/**
 * How a host chooses the theme, and high contrast: the `theme` attribute against the page's
 * scheme, `color-scheme: light dark` following the user's `prefers-color-scheme` (emulated in
 * Chromium), a host's own accent on the pressed toggles, and `forced-colors: active` (emulated)
 * keeping every state visible in system colours.
 */
import {expect, fixtureCleanup} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import {
  closeClients,
  contrast,
  firstRow,
  mountAccountsOpen,
  mountDetails,
  mountGrid,
  mountSwitcherOpen,
  partOf,
  partsOf,
  resolvedColor,
  setPageScheme,
} from '../testing/theme-testing.js';

const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const DARK_SURFACE = 'rgb(26, 29, 33)';
const pressedToggles = (el: Element): HTMLElement[] => partsOf(el, 'toggle').filter((b) => b.getAttribute('aria-pressed') === 'true');
const unpressedToggles = (el: Element): HTMLElement[] => partsOf(el, 'toggle').filter((b) => b.getAttribute('aria-pressed') === 'false');

describe('choosing the theme', function () {
  this.timeout(120_000);
  afterEach(async () => {
    fixtureCleanup();
    closeClients();
    setPageScheme(null);
    document.documentElement.style.removeProperty('--tenantry-color-accent');
    await emulateMedia({colorScheme: 'light'});
  });

  it('theme="dark" makes one widget dark on a light page, with its own surface; axe-clean', async () => {
    const el = await mountGrid(undefined, {theme: 'dark'});
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(getComputedStyle(el).backgroundColor, 'the host brings its surface').to.equal(DARK_SURFACE);
    expect(getComputedStyle(partOf(el, 'viewport')!).backgroundColor).to.equal(DARK_SURFACE);
    expect(getComputedStyle(document.body).backgroundColor, 'nothing leaks into the page').to.not.equal(DARK_SURFACE);
    await expect(el).to.be.accessible();
  });

  it('theme="light" keeps one widget light on a dark page; a page * rule cannot undo it', async () => {
    setPageScheme('dark');
    const style = document.createElement('style');
    style.textContent = '* { color-scheme: dark; }';
    document.head.append(style);
    try {
      const el = await mountGrid(undefined, {theme: 'light'});
      expect(getComputedStyle(partOf(el, 'viewport')!).backgroundColor).to.equal(LIGHT_SURFACE);
      await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it('color-scheme: light dark on the page follows prefers-color-scheme, live', async () => {
    setPageScheme('light dark');
    await emulateMedia({colorScheme: 'dark'});
    const el = await mountSwitcherOpen();
    const popup = partOf(el, 'popup')!;
    expect(getComputedStyle(popup).backgroundColor).to.equal(DARK_SURFACE);
    await expect(el).to.be.accessible();
    await emulateMedia({colorScheme: 'light'});
    expect(getComputedStyle(popup).backgroundColor).to.equal(LIGHT_SURFACE);
    await expect(el).to.be.accessible();
  });

  it("keeps pressed toggles at AA with a host's own accent (the demo portal's #2563eb measured 4.48:1 before)", async () => {
    document.documentElement.style.setProperty('--tenantry-color-accent', '#2563eb');
    const el = await mountGrid();
    for (const b of pressedToggles(el)) {
      const s = getComputedStyle(b);
      expect(s.backgroundColor).to.equal('rgb(37, 99, 235)');
      expect(contrast(s.color, s.backgroundColor), b.textContent!).to.be.at.least(4.5);
    }
    await expect(el).to.be.accessible();
  });

  it('draws the edges of controls (search box, toolbar buttons, the switcher’s box) at 3:1 against their surface, light and dark', async () => {
    for (const scheme of ['light', 'dark']) {
      setPageScheme(scheme);
      const grid = await mountGrid();
      const switcher = await mountSwitcherOpen();
      const controls: Array<[Element | null, string]> = [
        [grid.shadowRoot!.querySelector('.search'), 'grid search box'],
        [grid.shadowRoot!.querySelector('.toolbar button:not([aria-pressed="true"])'), 'grid toolbar button'],
        [partOf(switcher, 'control'), 'switcher box'],
      ];
      for (const [node, what] of controls) {
        expect(node, what).to.not.equal(null);
        const style = getComputedStyle(node!);
        expect(contrast(style.borderTopColor, style.backgroundColor), `${what}, ${scheme}: ${style.borderTopColor} on ${style.backgroundColor}`).to.be.at.least(3);
      }
      fixtureCleanup();
      closeClients();
    }
  });
});

describe('forced colors (high contrast)', function () {
  this.timeout(120_000);
  before(() => emulateMedia({forcedColors: 'active'}));
  after(() => emulateMedia({forcedColors: 'none'}));
  afterEach(() => {
    fixtureCleanup();
    closeClients();
  });

  it('shows pressed toggles, the focus ring and status badges in system colours', async () => {
    const el = await mountGrid();
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const highlight = resolvedColor('Highlight');
    const canvasText = resolvedColor('CanvasText');
    for (const b of pressedToggles(el)) expect(getComputedStyle(b).backgroundColor, `${b.textContent} pressed`).to.equal(highlight);
    for (const b of unpressedToggles(el)) expect(getComputedStyle(b).backgroundColor, `${b.textContent} not pressed`).to.not.equal(highlight);
    const pressed = getComputedStyle(pressedToggles(el)[0]);
    expect(pressed.color).to.equal(resolvedColor('HighlightText'));
    const cell = firstRow(el).querySelector<HTMLElement>('[role="gridcell"]')!;
    cell.focus();
    await el.updateComplete;
    await sendKeys({press: 'ArrowRight'});
    await sendKeys({press: 'ArrowLeft'});
    const active = el.shadowRoot!.activeElement as HTMLElement;
    expect(active?.getAttribute('role')).to.equal('gridcell');
    const ring = getComputedStyle(active);
    expect(ring.outlineStyle).to.equal('solid');
    expect(ring.outlineColor).to.equal(highlight);
    const badge = partOf(el, 'status-badge')!;
    expect(getComputedStyle(badge).borderTopColor).to.equal(canvasText);
    expect(getComputedStyle(badge).borderTopStyle).to.equal('solid');
  });

  it('marks the active option of the switcher and its pressed segment', async () => {
    const el = await mountSwitcherOpen();
    const highlight = resolvedColor('Highlight');
    expect(getComputedStyle(partOf(el, 'option-active')!).backgroundColor).to.equal(highlight);
    const segment = partsOf(el, 'segment-button').find((b) => b.getAttribute('aria-pressed') === 'true')!;
    expect(getComputedStyle(segment).backgroundColor).to.equal(highlight);
    const other = partsOf(el, 'option').find((o) => !o.matches('[part~="option-active"]'));
    if (other) expect(getComputedStyle(other).backgroundColor).to.not.equal(highlight);
  });

  it('marks the opened account row, and the selected tab of the details', async () => {
    const accounts = await mountAccountsOpen();
    const highlight = resolvedColor('Highlight');
    expect(getComputedStyle(partOf(accounts, 'open-row')!).backgroundColor).to.equal(highlight);
    const closed = accounts.shadowRoot!.querySelector<HTMLElement>('.body [part~="row"]:not([part~="open-row"]):not([part~="skeleton-row"])')!;
    expect(getComputedStyle(closed).backgroundColor).to.not.equal(highlight);
    fixtureCleanup();
    const details = await mountDetails();
    const tab = getComputedStyle(partOf(details, 'tab-selected')!);
    expect(tab.backgroundColor).to.equal(highlight);
    expect(tab.color).to.equal(resolvedColor('HighlightText'));
    const disabled = [...details.shadowRoot!.querySelectorAll<HTMLButtonElement>('button:disabled')];
    for (const b of disabled) expect(getComputedStyle(b).color, `${b.textContent} disabled`).to.equal(resolvedColor('GrayText'));
  });
});
