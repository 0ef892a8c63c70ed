import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DataClient} from '../../src/page/data-client.js';
import type {User} from '../../src/shared/model/types.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import './grid-filters.js';
import type {FiltersChangeDetail, TenantryGridFilters} from './grid-filters.component.js';
import type {TenantryUserCombobox, UserDirectory, UsersChangeDetail} from '../user-combobox/user-combobox.component.js';

const HOSTILE = {
  markup: '<img src=x onerror="window.__pwned=1">',
  svg: '"><svg onload="window.__pwned=2">',
  rtl: 'Admin \u202Egnp.exe',
  zeroWidth: 'Ze\u200Bro\u200DWidth\uFEFF',
  long: 'L'.repeat(500),
};

function hostileUsers(): User[] {
  return Object.entries(HOSTILE).map(([k, name], i) => ({id: `u-h-${i}`, tenantId: 'dist-1', displayName: name, email: `${k}@evil.example`, function: 'engineer'}));
}

/** A directory answering from a list, recording each call (and able to hold answers back). */
function stubDirectory(users: User[], delayMs = 0) {
  const calls: {search: string; signal: AbortSignal | undefined; scope: Scope; ids?: readonly string[]}[] = [];
  const directory: UserDirectory = {
    async listUsers(scope, search = '', limit = 20, options = {}) {
      calls.push({search, signal: options.signal, scope, ids: options.ids});
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (options.signal?.aborted) throw Object.assign(new Error('aborted'), {code: 'aborted'});
      const needle = search.toLowerCase();
      const ids = options.ids ? new Set(options.ids) : null;
      return users.filter((u) => (!ids || ids.has(u.id)) && u.displayName.toLowerCase().includes(needle)).slice(0, limit);
    },
  };
  return {directory, calls};
}

const q = <T extends Element = HTMLElement>(el: Element, sel: string): T => {
  const found = el.shadowRoot!.querySelector<T>(sel);
  if (!found) throw new Error(`no ${sel}`);
  return found;
};
const qa = <T extends Element = HTMLElement>(el: Element, sel: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const combobox = (el: TenantryGridFilters): TenantryUserCombobox => q<TenantryUserCombobox>(el, 'tenantry-user-combobox');
const checkbox = (el: TenantryGridFilters, label: string, legend: string): HTMLInputElement => {
  const fieldset = qa(el, 'fieldset').find((f) => f.querySelector('legend')?.textContent?.trim() === legend)!;
  const lab = [...fieldset.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)!;
  return fieldset.querySelector<HTMLInputElement>(`#${CSS.escape(lab.htmlFor)}`)!;
};
const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<tenantry-grid-filters>', () => {
  it('opens the panel, selects in each group, and emits the combined filters on Apply', async () => {
    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters></tenantry-grid-filters>`);
    const toggle = q<HTMLButtonElement>(el, '[part~="toggle"]');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(q(el, '[part~="panel"]').hidden).to.equal(true);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const panel = q(el, '[part~="panel"]');
    expect(panel.hidden).to.equal(false);
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect(panel.contains(el.shadowRoot!.activeElement)).to.equal(true);
    expect(qa(el, 'legend').map((l) => l.textContent?.trim())).to.deep.equal(['Plan', 'Status', 'Source data', 'Workloads', 'Storage regions', 'Type']);

    checkbox(el, 'Management Service', 'Plan').click();
    checkbox(el, 'Assessment', 'Plan').click();
    checkbox(el, 'Suspended', 'Status').click();
    checkbox(el, 'Failed', 'Source data').click();
    checkbox(el, 'VMware', 'Workloads').click();
    checkbox(el, 'EU West', 'Storage regions').click();
    checkbox(el, 'Customer', 'Type').click();
    checkbox(el, 'Reseller', 'Type').click();
    // Nothing applies until Apply.
    let early = false;
    const onEarly = (): void => void (early = true);
    el.addEventListener('tenantry-filters-change', onEarly);
    await el.updateComplete;
    expect(early).to.equal(false);
    el.removeEventListener('tenantry-filters-change', onEarly);

    const changed = oneEvent(el, 'tenantry-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    q<HTMLButtonElement>(el, '[part~="apply"]').click();
    const e = await changed;
    expect(e.bubbles && e.composed).to.equal(true);
    expect(e.detail.filters).to.deep.equal({plans: ['assessment', 'management-service'], statuses: ['suspended'], sourceData: ['failed'], workloads: ['vmware'], storageRegions: ['eu-west'], kinds: ['reseller', 'customer']});
    await el.updateComplete;
    expect(q(el, '[part~="panel"]').hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
    expect(q(el, '[part~="count"]').textContent!.replace(/\s+/g, ' ')).to.contain('8');

    // Chips, with the accessible names the grid's users hear.
    const removes = qa<HTMLButtonElement>(el, '[part~="chip-remove"]');
    expect(removes.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Remove filter Plan: Assessment',
      'Remove filter Plan: Management Service',
      'Remove filter Status: Suspended',
      'Remove filter Source data: Failed',
      'Remove filter Workload: VMware',
      'Remove filter Storage region: EU West',
      'Remove filter Type: Reseller',
      'Remove filter Type: Customer',
    ]);
    const removed = oneEvent(el, 'tenantry-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    removes[0].focus();
    removes[0].click();
    expect((await removed).detail.filters.plans).to.deep.equal(['management-service']);
    await el.updateComplete;
    expect(qa(el, '[part~="chip"]')).to.have.length(7);
    // Focus moves to the chip now in that place, not to the page.
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Remove filter Plan: Management Service');

    const cleared = oneEvent(el, 'tenantry-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    q<HTMLButtonElement>(el, '[part~="clear-all"]').click();
    expect((await cleared).detail.filters).to.deep.equal({});
    await el.updateComplete;
    expect(qa(el, '[part~="chip"]')).to.have.length(0);
  });

  it('Reset clears the draft; Escape and a click outside close without applying', async () => {
    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters .filters=${{plans: ['assessment']}}></tenantry-grid-filters>`);
    let events = 0;
    el.addEventListener('tenantry-filters-change', () => events++);
    await el.show();
    expect(checkbox(el, 'Assessment', 'Plan').checked).to.equal(true);
    q<HTMLButtonElement>(el, '[part~="reset"]').click();
    await el.updateComplete;
    expect(checkbox(el, 'Assessment', 'Plan').checked).to.equal(false);
    checkbox(el, 'Active', 'Status').focus();
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(q(el, '[part~="panel"]').hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(q(el, '[part~="toggle"]'));
    expect(events).to.equal(0);
    expect(el.filters).to.deep.equal({plans: ['assessment']});

    await el.show();
    expect(checkbox(el, 'Assessment', 'Plan').checked).to.equal(true);
    document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(q(el, '[part~="panel"]').hidden).to.equal(true);
    expect(events).to.equal(0);
  });

  it('is operable by keyboard alone: Enter opens, Space checks, Tab reaches Apply', async () => {
    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters></tenantry-grid-filters>`);
    q<HTMLButtonElement>(el, '[part~="toggle"]').focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    await el.updateComplete;
    expect(deepActive()).to.equal(checkbox(el, 'Assessment', 'Plan'));
    await sendKeys({press: 'Space'});
    const changed = oneEvent(el, 'tenantry-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    q<HTMLButtonElement>(el, '[part~="apply"]').focus();
    await sendKeys({press: 'Enter'});
    expect((await changed).detail.filters).to.deep.equal({plans: ['assessment']});
  });

  it('is axe-clean closed, with the panel open, with chips, and with the owner list open', async () => {
    const {directory} = stubDirectory(hostileUsers());
    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters scope-tenant-id="dist-1" .client=${directory} .filters=${{plans: ['assessment'], statuses: ['active', 'inactive']}}></tenantry-grid-filters>`);
    await expect(el).to.be.accessible();
    await el.show();
    await expect(el).to.be.accessible();
    const box = combobox(el);
    box.focus();
    await sendKeys({press: 'ArrowDown'});
    await until(() => qa(box, '[role="option"]').length > 0);
    await sendKeys({press: 'ArrowDown'});
    await box.updateComplete;
    expect(q(box, 'input').getAttribute('aria-activedescendant')).to.equal('option-0');
    await expect(el).to.be.accessible();
  });
});

describe('<tenantry-user-combobox> in the filters panel', () => {
  const clients: DataClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose();
  });

  it('finds a staff member by typing their name, picks them by keyboard, and filters by owner', async () => {
    const id = crypto.randomUUID();
    const client = new DataClient({config: {kind: 'local', organizations: 300, namespace: `filters-${id}`}, cacheName: `tenantry-cache-filters-${id}`});
    clients.push(client);
    const session = await client.session;
    const scope = session.homeTenantId;
    const staff = (await client.listUsers({tenantId: scope}, '', 1000)).find((u) => u.id === 'u-dist-1-staff-2');
    expect(staff, 'seeded staff member').to.exist;

    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters .client=${client} scope-tenant-id=${scope}></tenantry-grid-filters>`);
    await el.show();
    const box = combobox(el);
    const input = q<HTMLInputElement>(box, 'input');
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    input.focus();
    await sendKeys({type: staff!.displayName});
    await until(() => qa(box, '[role="option"]').some((o) => o.textContent!.includes(staff!.displayName)), 10_000);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const listbox = q(box, '[role="listbox"]');
    expect(input.getAttribute('aria-controls')).to.equal(listbox.id);
    const options = qa(box, '[role="option"]');
    const index = options.findIndex((o) => o.textContent!.includes(staff!.displayName));
    for (let i = 0; i <= index; i++) await sendKeys({press: 'ArrowDown'});
    await box.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[index].id);
    const picked = oneEvent(box, 'tenantry-users-change') as Promise<CustomEvent<UsersChangeDetail>>;
    await sendKeys({press: 'Enter'});
    expect((await picked).detail.users).to.deep.equal([{id: staff!.id, displayName: staff!.displayName}]);
    await box.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.value).to.equal('');
    expect(box.shadowRoot!.activeElement).to.equal(input);
    const token = q(box, '[part~="token-remove"]');
    expect(token.getAttribute('aria-label')).to.equal(`Remove owner ${staff!.displayName}`);

    // Up wraps to the last option; Escape closes the list without closing the panel.
    await sendKeys({press: 'ArrowDown'});
    // The list re-queries for the now empty text: wait for that answer, not the previous one.
    await until(() => qa(box, '[role="option"]').length > 0 && q(box, '[role="listbox"]').getAttribute('aria-busy') === 'false', 10_000);
    await sendKeys({press: 'ArrowUp'});
    await box.updateComplete;
    const all = qa(box, '[role="option"]');
    expect(input.getAttribute('aria-activedescendant')).to.equal(all[all.length - 1].id);
    await sendKeys({press: 'Escape'});
    await box.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(q(el, '[part~="panel"]').hidden).to.equal(false);

    const changed = oneEvent(el, 'tenantry-filters-change') as Promise<CustomEvent<FiltersChangeDetail>>;
    q<HTMLButtonElement>(el, '[part~="apply"]').click();
    expect((await changed).detail.filters).to.deep.equal({ownerIds: [staff!.id]});
    await el.updateComplete;
    expect(q(el, '[part~="chip-remove"]').getAttribute('aria-label')).to.equal(`Remove filter Owner: ${staff!.displayName}`);

    // The worker really filters by it.
    const view = await client.openView({tenantId: scope}, {filters: {ownerIds: [staff!.id]}});
    const rows = await client.window(view.viewId, 0, 50);
    expect(rows.rows.every((r) => r.org.owner?.id === staff!.id)).to.equal(true);

    // A view restored with only owner ids gets names from the directory, looked up by id through
    // the real worker; an id the scope's directory does not know is "Unknown user", never the id.
    const restored = await fixture<TenantryGridFilters>(
      html`<tenantry-grid-filters .client=${client} scope-tenant-id=${scope} .filters=${{ownerIds: [staff!.id, 'u-gone-1']}}></tenantry-grid-filters>`,
    );
    const chipTexts = () => qa(restored, '[part~="chip-label"] bdi').map((b) => b.textContent);
    await until(() => chipTexts().join() === `${staff!.displayName},Unknown user`, 10_000);
    expect(restored.shadowRoot!.textContent).not.to.contain('u-gone-1');
    await restored.show();
    const tokens = qa(combobox(restored), '[part~="token"] bdi').map((b) => b.textContent);
    expect(tokens).to.deep.equal([staff!.displayName, 'Unknown user']);
  });

  it('names restored owners with one lookup by id; unknown and failed lookups say "Unknown user"', async () => {
    const users = hostileUsers();
    const {directory, calls} = stubDirectory(users);
    const el = await fixture<TenantryGridFilters>(
      html`<tenantry-grid-filters scope-tenant-id="dist-1" .client=${directory} .filters=${{ownerIds: [users[1].id, 'u-missing', users[0].id]}}></tenantry-grid-filters>`,
    );
    const texts = () => qa(el, '[part~="chip-label"] bdi').map((b) => b.textContent);
    await until(() => !texts().includes('Looking up…'));
    expect(texts()).to.deep.equal([users[1].displayName, 'Unknown user', users[0].displayName]);
    expect(calls).to.have.length(1);
    expect(calls[0].ids).to.deep.equal([users[1].id, 'u-missing', users[0].id]);
    // Known and unknown ids are not asked for again.
    el.filters = {ownerIds: [users[1].id, 'u-missing']};
    await el.updateComplete;
    expect(calls).to.have.length(1);
    // A directory that fails: the chip still never shows the raw id.
    const failing: UserDirectory = {listUsers: async () => Promise.reject(new Error('offline'))};
    const broken = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters scope-tenant-id="dist-1" .client=${failing} .filters=${{ownerIds: ['u-7']}}></tenantry-grid-filters>`);
    await until(() => qa(broken, '[part~="chip-label"] bdi')[0]?.textContent === 'Unknown user');
    expect(broken.shadowRoot!.textContent).not.to.contain('u-7');
  });

  it('debounces typing and aborts the previous request', async () => {
    const {directory, calls} = stubDirectory(hostileUsers(), 150);
    const el = await fixture<TenantryUserCombobox>(html`<tenantry-user-combobox scope-tenant-id="dist-1" debounce="80" .client=${directory}></tenantry-user-combobox>`);
    el.focus();
    await sendKeys({type: 'adm'});
    await until(() => calls.length === 1);
    expect(calls[0].search).to.equal('adm');
    expect(calls[0].scope).to.deep.equal({tenantId: 'dist-1'});
    // A keystroke while the request is in flight aborts it.
    await sendKeys({type: 'i'});
    expect(calls[0].signal!.aborted).to.equal(true);
    await until(() => calls.length === 2);
    expect(calls[1].search).to.equal('admi');
    await until(() => qa(el, '[role="option"]').length === 1);
    expect(calls[1].signal!.aborted).to.equal(false);
    // Leaving the page aborts what is in flight.
    await sendKeys({type: 'n'});
    await until(() => calls.length === 3);
    el.remove();
    expect(calls[2].signal!.aborted).to.equal(true);
  });

  it('renders hostile names as text in options, tokens and chips', async () => {
    delete (window as {__pwned?: number}).__pwned;
    const users = hostileUsers();
    const {directory} = stubDirectory(users);
    const el = await fixture<TenantryGridFilters>(html`<tenantry-grid-filters scope-tenant-id="dist-1" .client=${directory}></tenantry-grid-filters>`);
    await el.show();
    const box = combobox(el);
    box.focus();
    await sendKeys({press: 'ArrowDown'});
    await until(() => qa(box, '[role="option"]').length === users.length);
    const options = qa(box, '[role="option"]');
    users.forEach((u, i) => expect(options[i].querySelector('bdi')!.textContent).to.equal(u.displayName));
    expect(box.shadowRoot!.querySelector('img, svg, script')).to.equal(null);
    // Pick every one by keyboard (the list closes after each pick).
    await sendKeys({press: 'Escape'});
    for (let i = 0; i < users.length; i++) {
      await sendKeys({press: 'ArrowDown'});
      await until(() => qa(box, '[role="option"]').length === users.length);
      for (let j = 0; j <= i; j++) await sendKeys({press: 'ArrowDown'});
      await sendKeys({press: 'Enter'});
      await box.updateComplete;
    }
    expect(qa(box, '[part~="token"] bdi').map((b) => b.textContent)).to.deep.equal(users.map((u) => u.displayName));
    q<HTMLButtonElement>(el, '[part~="apply"]').click();
    await el.updateComplete;
    const labels = qa(el, '[part~="chip-label"] bdi').map((b) => b.textContent);
    expect(labels).to.deep.equal(users.map((u) => u.displayName));
    expect(qa<HTMLButtonElement>(el, '[part~="chip-remove"]').map((b) => b.getAttribute('aria-label'))).to.deep.equal(users.map((u) => `Remove filter Owner: ${u.displayName}`));
    expect(el.shadowRoot!.querySelector('img, svg, script')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as {__pwned?: number}).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('offers nothing from a previous scope after the scope changes', async () => {
    const {directory, calls} = stubDirectory(hostileUsers(), 100);
    const el = await fixture<TenantryUserCombobox>(html`<tenantry-user-combobox scope-tenant-id="dist-1" debounce="0" .client=${directory}></tenantry-user-combobox>`);
    el.focus();
    await sendKeys({press: 'ArrowDown'});
    await until(() => calls.length === 1);
    el.scopeTenantId = 'res-01';
    await el.updateComplete;
    expect(calls[0].signal!.aborted).to.equal(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(qa(el, '[role="option"]')).to.have.length(0);
  });
});
