/**
 * A host page with hostile global CSS (`examples/hostile-css/hostile.css`: `* { font: 30px serif
 * !important; box-sizing: content-box; line-height: 3 … }` and custom properties named like ours):
 * each widget's boxes, fonts and colours are measured without it, then with it loaded as the
 * page's own stylesheet, and must be the same. Nothing inherits into a widget from such a rule;
 * the tokens are how a host changes font, size and colours.
 */
import {expect, fixtureCleanup} from '@open-wc/testing';
import {
  closeClients,
  localClient,
  firstRow,
  mountAccountsOpen,
  mountDetails,
  mountGrid,
  mountLifecycleOpen,
  mountSwitcherOpen,
  mountWizardWithErrors,
  openGridFilters,
  pageStylesheet,
  partOf,
} from '../testing/theme-testing.js';

const HOSTILE = '/examples/hostile-css/hostile.css';

/** What a user sees of a node: its box and the styles that make its text and colours. */
function look(node: Element | null, what: string): Record<string, string> {
  if (!node) throw new Error(`${what}: not found`);
  const r = node.getBoundingClientRect();
  const s = getComputedStyle(node);
  return {
    what,
    box: `${r.width.toFixed(1)}×${r.height.toFixed(1)}`,
    font: `${s.fontStyle} ${s.fontWeight} ${s.fontSize}/${s.lineHeight} ${s.fontFamily}`,
    text: `${s.letterSpacing} ${s.wordSpacing} ${s.textTransform} ${s.textAlign} ${s.textIndent} ${s.whiteSpace}`,
    colors: `${s.color} on ${s.backgroundColor}; border ${s.borderTopColor} ${s.borderTopWidth}; radius ${s.borderTopLeftRadius}`,
    padding: s.padding,
    // The host's own box model is the page's to set (it has no padding or border of ours).
    ...(what === 'host' ? {} : {sizing: s.boxSizing}),
  };
}

/** Measures `nodes()` without the hostile sheet, then with it, and expects no difference. */
async function unchanged(nodes: () => Array<[Element | null, string]>): Promise<void> {
  const before = nodes().map(([n, w]) => look(n, w));
  const remove = await pageStylesheet(HOSTILE);
  try {
    // The page itself did change: the sheet applies.
    expect(getComputedStyle(document.body).fontSize).to.equal('30px');
    const after = nodes().map(([n, w]) => look(n, w));
    for (let i = 0; i < before.length; i++) expect(after[i], before[i].what).to.deep.equal(before[i]);
  } finally {
    remove();
  }
}

describe('hostile global CSS on the host page', function () {
  this.timeout(120_000);
  afterEach(() => {
    fixtureCleanup();
    closeClients();
  });

  it('organizations grid: toolbar, toggles, search, header, rows and cells, badges keep their boxes, fonts and colours', async () => {
    const el = await mountGrid();
    const row = firstRow(el);
    const filtersPanel = await openGridFilters(el);
    await unchanged(() => [
      [filtersPanel, 'filters panel'],
      [el, 'host'],
      [partOf(el, 'toolbar'), 'toolbar'],
      [partOf(el, 'search'), 'search box'],
      [partOf(el, 'search-input'), 'search input'],
      [el.shadowRoot!.querySelector('[part~="toggle"][aria-pressed="true"]'), 'pressed toggle'],
      [el.shadowRoot!.querySelector('[part~="toggle"][aria-pressed="false"]'), 'toggle'],
      [partOf(el, 'header'), 'header'],
      [partOf(el, 'header-cell'), 'header cell'],
      [row, 'row'],
      [row.querySelector('[part~="cell"]'), 'first cell'],
      [row.querySelector('[part~="cell"]:nth-child(3)'), 'third cell'],
      [partOf(el, 'status-badge'), 'status badge'],
      [partOf(el, 'viewport'), 'viewport'],
      [partOf(el, 'summary'), 'summary'],
      [partOf(partOf(el, 'filters')!, 'toggle'), 'filters toggle'],
    ]);
  });

  it('accounts grid: rows, the opened row and its panel', async () => {
    const el = await mountAccountsOpen();
    await unchanged(() => [
      [partOf(el, 'toolbar'), 'toolbar'],
      [partOf(el, 'open-row'), 'opened row'],
      [partOf(el, 'open-row')!.querySelector('[part~="cell"]'), 'cell'],
      [partOf(el, 'panel'), 'panel'],
      [partOf(el, 'panel-title'), 'panel title'],
    ]);
  });

  it('tenant switcher: the bar, the input, the open list and its options', async () => {
    const el = await mountSwitcherOpen();
    await unchanged(() => [
      [partOf(el, 'control'), 'control'],
      [partOf(el, 'name'), 'name'],
      [partOf(el, 'input'), 'input'],
      [partOf(el, 'segment-button'), 'segment button'],
      [partOf(el, 'popup'), 'popup'],
      [partOf(el, 'option-active'), 'active option'],
      [partOf(el, 'option-name'), 'option name'],
    ]);
  });

  it('customer wizard: fields, errors and buttons', async () => {
    const el = await mountWizardWithErrors();
    await unchanged(() => [
      [partOf(el, 'title'), 'title'],
      [partOf(el, 'step-title'), 'step title'],
      [partOf(el, 'error-summary'), 'error summary'],
      [el.shadowRoot!.querySelector('input:not([type="checkbox"]):not([type="radio"])'), 'first input'],
      [partOf(el, 'field-error'), 'field error'],
      [partOf(el, 'primary'), 'primary button'],
      [partOf(el, 'footer'), 'footer'],
    ]);
  });

  it('customer details: header, tabs and the profile', async () => {
    const el = await mountDetails();
    await unchanged(() => [
      [partOf(el, 'header'), 'header'],
      [partOf(el, 'title'), 'title'],
      [partOf(el, 'status'), 'status'],
      [partOf(el, 'tab-selected'), 'selected tab'],
      [partOf(el, 'tab'), 'tab'],
      [el.shadowRoot!.querySelector('[role="tabpanel"] dd'), 'a profile value'],
    ]);
  });

  it('lifecycle dialog: the dialog, its text and buttons', async () => {
    const el = await mountLifecycleOpen();
    await unchanged(() => [
      [partOf(el, 'dialog'), 'dialog'],
      [partOf(el, 'title'), 'title'],
      [partOf(el, 'question'), 'question'],
      [partOf(el, 'confirm-button'), 'confirm button'],
      [partOf(el, 'cancel-button'), 'cancel button'],
    ]);
  });

  it('a page that sets display or height on the grids keeps their rows in a box (none rendered without end)', async () => {
    const el = await mountGrid(localClient(2000));
    const rendered = (): number => el.shadowRoot!.querySelectorAll('.body [role="row"]').length;
    const style = document.createElement('style');
    style.textContent = 'organizations-grid, accounts-grid { display: block !important; }';
    document.head.append(style);
    try {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await el.updateComplete;
      expect(el.getBoundingClientRect().height, 'the host keeps its height').to.be.closeTo(460, 1);
      expect(partOf(el, 'viewport')!.getBoundingClientRect().bottom, 'rows stay inside the host').to.be.at.most(el.getBoundingClientRect().bottom + 1);
      // The rows in view and a margin past them (about 12 + 2 × 12 here), not the 2,000.
      expect(rendered(), 'the rows in view, not every row').to.be.below(60);
      // A page that also takes the height away: the rows rendered stay bounded by the screen.
      style.textContent += ' organizations-grid { height: auto !important; }';
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      await el.updateComplete;
      expect(rendered()).to.be.below(500);
    } finally {
      style.remove();
    }
  });
});
