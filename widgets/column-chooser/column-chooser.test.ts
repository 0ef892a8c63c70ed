import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {COLUMN_KEYS} from '../../src/shared/columns.js';
import './column-chooser.js';
import type {ColumnsChangeDetail, TenantryColumnChooser} from './column-chooser.component.js';
import {DEFAULT_VIEW_STATE, defaultViewState} from '../../src/shared/grid-view.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string): T => {
  const found = el.shadowRoot!.querySelector<T>(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const qa = <T extends Element = HTMLElement>(el: Element, sel: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const order = (el: TenantryColumnChooser): string[] => qa(el, '[part~="item"]').map((li) => li.dataset.key!);
const active = (el: TenantryColumnChooser): Element | null => el.shadowRoot!.activeElement;
const nextChange = (el: TenantryColumnChooser) => oneEvent(el, 'tenantry-columns-change') as Promise<CustomEvent<ColumnsChangeDetail>>;

describe('<tenantry-column-chooser>', () => {
  it('opens from its button by keyboard and lists every column with a checkbox', async () => {
    const el = await fixture<TenantryColumnChooser>(html`<tenantry-column-chooser></tenantry-column-chooser>`);
    const toggle = q<HTMLButtonElement>(el, '[part~="toggle"]');
    toggle.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const panel = q(el, '[part~="panel"]');
    expect(panel.hidden).to.equal(false);
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(order(el)).to.deep.equal([...COLUMN_KEYS]);
    const boxes = qa<HTMLInputElement>(el, '[part~="checkbox"]');
    expect(boxes.map((b) => b.checked)).to.deep.equal(DEFAULT_VIEW_STATE.columns.map((c) => c.visible));
    // Focus starts on the first control that can be used (Name's checkbox is fixed).
    expect(active(el)).to.equal(q(el, '#c-kind'));
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(active(el)).to.equal(toggle);
  });

  it('hides and shows a column with Space, and Name cannot be hidden', async () => {
    const el = await fixture<TenantryColumnChooser>(html`<tenantry-column-chooser></tenantry-column-chooser>`);
    await el.show();
    const plan = q<HTMLInputElement>(el, '#c-plan');
    plan.focus();
    let changed = nextChange(el);
    await sendKeys({press: 'Space'});
    let e = await changed;
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.detail.columns.find((c) => c.key === 'plan')!.visible).to.equal(false);
    expect(e.detail.columns).to.have.length(COLUMN_KEYS.length);
    changed = nextChange(el);
    await sendKeys({press: 'Space'});
    e = await changed;
    expect(e.detail.columns.find((c) => c.key === 'plan')!.visible).to.equal(true);

    const name = q<HTMLInputElement>(el, '#c-name');
    expect(name.checked).to.equal(true);
    expect(name.disabled).to.equal(true);
    expect(q(el, 'label[for="c-name"]').textContent).to.contain('always shown');
    let events = 0;
    el.addEventListener('tenantry-columns-change', () => events++);
    name.click();
    name.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(name.checked).to.equal(true);
    expect(events).to.equal(0);
    // Even a host passing a hidden Name gets it shown.
    const cols = defaultViewState().columns.map((c) => (c.key === 'name' ? {...c, visible: false} : c));
    el.columns = cols;
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, '#c-name').checked).to.equal(true);
  });

  it('reorders by keyboard with the move buttons, keeping focus on the moved column', async () => {
    const el = await fixture<TenantryColumnChooser>(html`<tenantry-column-chooser></tenantry-column-chooser>`);
    await el.show();
    const up = q<HTMLButtonElement>(el, '[part~="move-up"][data-key="status"]');
    expect(up.getAttribute('aria-label')).to.equal('Move Status up');
    up.focus();
    let changed = nextChange(el);
    await sendKeys({press: 'Enter'});
    let e = await changed;
    expect(e.detail.columns.map((c) => c.key).slice(0, 4)).to.deep.equal(['name', 'kind', 'status', 'plan']);
    await el.updateComplete;
    expect(order(el).slice(0, 4)).to.deep.equal(['name', 'kind', 'status', 'plan']);
    expect(active(el)?.getAttribute('aria-label')).to.equal('Move Status up');
    expect(q(el, '[role="status"]').textContent).to.equal('Status moved to position 3 of 23');
    // Twice more reaches the top, where the up button is inert and focus passes to Move down.
    for (let i = 0; i < 2; i++) {
      changed = nextChange(el);
      await sendKeys({press: 'Space'});
      await changed;
      await el.updateComplete;
    }
    expect(order(el)[0]).to.equal('status');
    expect(active(el)?.getAttribute('aria-label')).to.equal('Move Status down');
    expect(q(el, '[part~="move-up"][data-key="status"]').getAttribute('aria-disabled')).to.equal('true');
    let events = 0;
    el.addEventListener('tenantry-columns-change', () => events++);
    q<HTMLButtonElement>(el, '[part~="move-up"][data-key="status"]').click();
    expect(events).to.equal(0);

    // Alt+Down on a checkbox moves its column and keeps focus on that checkbox.
    q<HTMLInputElement>(el, '#c-plan').focus();
    const before = order(el).indexOf('plan');
    changed = nextChange(el);
    await sendKeys({press: 'Alt+ArrowDown'});
    e = await changed;
    await el.updateComplete;
    expect(order(el).indexOf('plan')).to.equal(before + 1);
    expect(active(el)).to.equal(q(el, '#c-plan'));
    expect(q<HTMLInputElement>(el, '#c-plan').checked).to.equal(true);
  });

  it('Reset columns restores the default set, order and widths', async () => {
    const cols = defaultViewState().columns.reverse().map((c) => ({...c, visible: true, width: 300}));
    const el = await fixture<TenantryColumnChooser>(html`<tenantry-column-chooser .columns=${cols}></tenantry-column-chooser>`);
    await el.show();
    expect(order(el)[0]).to.equal('actions');
    const changed = nextChange(el);
    q<HTMLButtonElement>(el, '[part~="reset"]').click();
    expect((await changed).detail.columns).to.deep.equal(DEFAULT_VIEW_STATE.columns);
    await el.updateComplete;
    expect(order(el)).to.deep.equal([...COLUMN_KEYS]);
  });

  it('is axe-clean closed and open', async () => {
    const el = await fixture<TenantryColumnChooser>(html`<tenantry-column-chooser></tenantry-column-chooser>`);
    await expect(el).to.be.accessible();
    await el.show();
    await expect(el).to.be.accessible();
  });
});
