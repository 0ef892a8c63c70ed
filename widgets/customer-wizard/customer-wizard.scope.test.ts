/**
 * `<customer-wizard>` and the acting scope, in real Chromium on the embedded backend: a distributor
 * acting for a reseller creates the customer under that reseller, with the wrong-tenant guard
 * naming it; the parent choice lists only tenants the user may see.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {CustomerWizard} from './customer-wizard.js';
import {RESELLER, WAIT, button, cleanup, field, fillToReview, localClient, mount, noticeSays, part, savedIds, text} from '../testing/wizard-testing.js';

const DISTRIBUTOR: Scope = {tenantId: DEMO_TENANTS.distributor};

/** The parent choices once loaded (the empty "Choose…" left out). */
async function parents(el: CustomerWizard): Promise<string[]> {
  const hint = (): string => text(el.shadowRoot!.querySelector('[data-path="parentId"] [part~="hint"]'));
  await waitUntil(() => hint() !== '' && !hint().startsWith('Loading'), 'the parents did not load', WAIT);
  const select = field(el, 'parentId') as unknown as HTMLSelectElement;
  return [...select.options].map((o) => o.value).filter(Boolean);
}

afterEach(cleanup);

describe('customer-wizard: acting scope', () => {
  it('a distributor acting for a reseller creates the customer under that reseller, and the guard names the reseller', async () => {
    const client = localClient(DEMO_USERS.distributorAdmin);
    const reseller = await client.resolveTenant(DISTRIBUTOR, RESELLER.tenantId);
    const el = await mount(client, RESELLER);
    await waitUntil(() => text(part(el, 'scope-name')) === reseller.name, 'the guard does not name the reseller', WAIT);
    expect(text(part(el, 'scope-label'))).to.equal('Acting in');
    expect(part(el, 'scope')!.dataset.tenantId).to.equal(RESELLER.tenantId);
    expect(await parents(el)).to.deep.equal([RESELLER.tenantId]);
    expect((field(el, 'parentId') as unknown as HTMLSelectElement).value, 'the acting reseller is the parent at first').to.equal(RESELLER.tenantId);

    const saved = savedIds(el);
    await fillToReview(el, 'Scoped Shipping');
    button(el, 'Create customer').click();
    await noticeSays(el, 'was created');
    const {value} = await client.getOrganization(RESELLER, saved[0]);
    expect(value.parentId).to.equal(RESELLER.tenantId);
    expect(value.ancestorIds).to.deep.equal([DEMO_TENANTS.distributor, RESELLER.tenantId]);
  });

  it('a distributor at home may choose itself or any of its resellers', async () => {
    const client = localClient(DEMO_USERS.distributorAdmin);
    const el = await mount(client, DISTRIBUTOR);
    const listed = await parents(el);
    expect(listed[0]).to.equal(DEMO_TENANTS.distributor);
    expect(listed).to.include.members([DEMO_TENANTS.reseller, DEMO_TENANTS.otherReseller]);
    expect(listed.every((id) => id === DEMO_TENANTS.distributor || id.startsWith('res-'))).to.equal(true);
  });

  it('a reseller admin’s wizard lists only that reseller: never the distributor or another reseller', async () => {
    const client = localClient(DEMO_USERS.resellerAdmin);
    const el = await mount(client, RESELLER);
    expect(text(part(el, 'scope-label'))).to.equal('Your organization');
    expect(await parents(el)).to.deep.equal([RESELLER.tenantId]);
    await expect(el).to.be.accessible();
  });
});
