/**
 * `<tenantry-lifecycle-dialog>` in other languages on the embedded backend, in real Chromium: the
 * lifecycle rules every server shares, and the backend's own refusals (a delete of what is not
 * suspended, a move from a status the rules do not allow, a tenant that is not the user's), each
 * said in German or Arabic from its reason, never in the backend's English.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {setLocale} from '../../src/page/locale.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {OrgStatus, TenantNode} from '../../src/shared/model/types.js';
import type {LifecycleSubject, TenantryLifecycleDialog} from './lifecycle-dialog.js';
import './lifecycle-dialog.js';

const DIST = {tenantId: DEMO_TENANTS.distributor, name: 'Northgate Distribution'};
const WAIT = {timeout: 15_000};
const clients: DataClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  await setLocale('en');
});

function makeClient(userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const config = {kind: 'local' as const, organizations: 200, namespace: `lc-locale-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-lc-locale-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

/** A customer of `status` as the backend holds it now (its version is what a write must name). */
async function customer(client: DataClient, status: OrgStatus): Promise<LifecycleSubject> {
  const node = (await client.listTenants(DIST)).find((t: TenantNode) => t.kind === 'customer' && t.status === status)!;
  return (await client.getOrganization(DIST, node.id)).value;
}

async function mount(client: DataClient): Promise<TenantryLifecycleDialog> {
  return fixture<TenantryLifecycleDialog>(html`<tenantry-lifecycle-dialog .client=${client}></tenantry-lifecycle-dialog>`);
}

const part = <T extends HTMLElement = HTMLElement>(el: TenantryLifecycleDialog, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

describe('<tenantry-lifecycle-dialog> says the backend’s rules in the page’s language', function () {
  this.timeout(60_000);

  it('in German and Arabic, a move the rules do not allow from the status is blocked, saying why', async () => {
    const client = makeClient();
    const archived = await customer(client, 'archived');
    await setLocale('de');
    const el = await mount(client);
    void el.ask({org: archived, action: 'suspend', scope: DIST});
    await waitUntil(() => part(el, 'blocked'), 'blocked', WAIT);
    expect(part(el, 'blocked')!.textContent).to.contain('Nur aktive Einträge vom Typ Kunde können gesperrt werden; dieser ist archiviert.');
    // Nothing to confirm: no button for it, or one that is off.
    expect(part<HTMLButtonElement>(el, 'confirm-button')?.disabled ?? true).to.equal(true);
    await setLocale('ar');
    await waitUntil(() => part(el, 'blocked')?.textContent?.includes('لا يمكن تعليق إلا ما هو نشط من نوع عميل؛ وهذا مؤرشف.'), 'blocked, in Arabic', WAIT);
    await expect(el).to.be.accessible();
  });

  it('in German, the embedded backend’s own refusals of a move and of a delete, with the record as it is', async () => {
    const client = makeClient();
    // The page was told these are active and suspended; the backend holds them archived and active.
    const archived = await customer(client, 'archived');
    const active = await customer(client, 'active');
    await setLocale('de');
    const el = await mount(client);

    void el.ask({org: {...archived, status: 'active'}, action: 'suspend', scope: DIST});
    await waitUntil(() => dialogOpen(el) && !part<HTMLButtonElement>(el, 'confirm-button')!.disabled, 'ready to confirm', WAIT);
    part<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'error'), 'the refusal', WAIT);
    expect(part(el, 'error')!.textContent).to.contain(`${archived.name} wurde nicht gesperrt: Nur aktive Einträge vom Typ Kunde können gesperrt werden; dieser ist archiviert.`);
    expect(part(el, 'error')!.textContent).to.not.contain('Only an active');
    expect(part(el, 'reload-button')!.textContent).to.equal('Neu laden');
    part<HTMLButtonElement>(el, 'cancel-button')!.click();

    void el.ask({org: {...active, status: 'suspended'}, action: 'delete', scope: DIST});
    await waitUntil(() => dialogOpen(el) && part(el, 'confirm-input'), 'the name asked for', WAIT);
    const input = part<HTMLInputElement>(el, 'confirm-input')!;
    input.value = active.name;
    input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await waitUntil(() => !part<HTMLButtonElement>(el, 'confirm-button')!.disabled, 'ready to delete', WAIT);
    part<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'error'), 'the refusal', WAIT);
    expect(part(el, 'error')!.textContent).to.contain(`${active.name} wurde nicht gelöscht: Sperren Sie „${active.name}“, bevor Sie es löschen.`);
    expect((await client.getOrganization(DIST, active.id)).value.status).to.equal('active');
    await expect(el).to.be.accessible();
  });

  it('in Arabic, a tenant that is not the user’s is refused in Arabic', async () => {
    // A reseller's administrator, asked to act in the distributor's tenant.
    const client = makeClient(DEMO_USERS.resellerAdmin);
    await client.connected;
    await setLocale('ar');
    const el = await mount(client);
    void el.ask({org: {id: DEMO_TENANTS.customer, name: 'Contoso', kind: 'customer', status: 'active', version: 1}, action: 'suspend', scope: DIST});
    // Not even what it touches may be read there.
    await waitUntil(() => part(el, 'impact-status')?.textContent?.includes(`لا يمكنك العمل في المستأجر «${DIST.tenantId}»: فهو ليس مستأجرك ولا يقع تحته.`), 'the impact refused, in Arabic', WAIT);
    await waitUntil(() => !part<HTMLButtonElement>(el, 'confirm-button')!.disabled, 'ready to confirm', WAIT);
    part<HTMLButtonElement>(el, 'confirm-button')!.click();
    await waitUntil(() => part(el, 'error'), 'the refusal', WAIT);
    expect(part(el, 'error')!.textContent).to.contain(`لا يمكنك العمل في المستأجر «${DIST.tenantId}»: فهو ليس مستأجرك ولا يقع تحته.`);
    expect(part(el, 'error')!.textContent).to.not.contain('You cannot act');
    await expect(el).to.be.accessible();
  });
});

const dialogOpen = (el: TenantryLifecycleDialog): boolean => el.shadowRoot!.querySelector('dialog')?.open === true;
