/**
 * How `<tenantry-user-combobox>` finds its user directory: its `client` property, else a data client
 * provided above it (also one provided after it connected), else it says there is none. The
 * picker's keyboard, debounce and hostile-name tests run inside the filters panel
 * (widgets/grid-filters/grid-filters.test.ts).
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DataClient} from '../../src/page/data-client.js';
import {provideDataClient} from '../../src/page/context.js';
import type {TenantryUserCombobox} from './user-combobox.js';
import './user-combobox.js';

const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

const q = (el: TenantryUserCombobox, sel: string): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
const optionCount = (el: TenantryUserCombobox): number => el.shadowRoot!.querySelectorAll('[role="option"]').length;

describe('<tenantry-user-combobox> and its directory', () => {
  it('with no client and no provider says "No user directory." when opened', async () => {
    const el = await fixture<TenantryUserCombobox>(html`<tenantry-user-combobox scope-tenant-id="dist-1"></tenantry-user-combobox>`);
    expect(q(el, '[part~="status"]').textContent).to.equal('');
    el.focus();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(q(el, '[part~="status"]').textContent).to.equal('No user directory.');
    expect(q(el, 'input').getAttribute('aria-expanded')).to.equal('false');
    expect(optionCount(el)).to.equal(0);
  });

  it('finds a data client provided on an ancestor after it connected', async () => {
    const id = crypto.randomUUID();
    const client = new DataClient({config: {kind: 'local', organizations: 300, namespace: `user-combobox-${id}`}, cacheName: `tenantry-cache-user-combobox-${id}`});
    clients.push(client);
    const scope = (await client.session).homeTenantId;
    const page = await fixture<HTMLElement>(html`<div><tenantry-user-combobox scope-tenant-id=${scope}></tenantry-user-combobox></div>`);
    const el = page.querySelector('tenantry-user-combobox')!;
    provideDataClient(page, client);
    el.focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => optionCount(el) > 0, 'users from the provided client', WAIT);
    const first = (await client.listUsers({tenantId: scope}, '', 20))[0];
    expect(q(el, '[role="option"] bdi').textContent).to.equal(first.displayName);
    expect(q(el, '[part~="status"]').textContent).to.equal('');
  });
});
