/**
 * `<customer-wizard organization-id>` in real Chromium: an existing demo organization edited over
 * the REST contract behind msw (the PATCH read at the network edge), fixed fields read-only with
 * their reason, only what changed saved with `If-Match`, and the merge screen after a 412.
 */
import {expect, fixtureCleanup, waitUntil} from '@open-wc/testing';
import {http} from 'msw';
import type {SetupWorker} from 'msw/browser';
import type {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS} from '../../src/shared/demo-tenant.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import type {Id} from '../../src/shared/model/types.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import type {CustomerWizard} from './customer-wizard.js';
import {SIZE, WAIT, back, button, cleanup, field, goToStep, httpClient, mount, next, noticeSays, part, root, stepTitle, text, type} from '../testing/wizard-testing.js';

const DISTRIBUTOR: Scope = {tenantId: DEMO_TENANTS.distributor};

interface Seen {
  method: string;
  path: string;
  ifMatch: string | null;
  body: unknown;
}

let msw: SetupWorker | null = null;
let seen: Seen[] = [];

/** The REST contract of one server behind msw, every write it is sent kept as it arrived. */
async function serve(): Promise<void> {
  const handle = embeddedRestHandler(SIZE, 'wizard-edit');
  seen = [];
  msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      if (request.method !== 'GET') {
        const body = request.headers.get('content-type')?.includes('json') ? ((await request.clone().json()) as unknown) : null;
        seen.push({method: request.method, path: new URL(request.url).pathname, ifMatch: request.headers.get('If-Match'), body});
      }
      return handle(request);
    }),
  );
}

afterEach(async () => {
  cleanup();
  await msw?.stop();
  msw = null;
});

const patches = (): Seen[] => seen.filter((s) => s.method === 'PATCH');

/** A customer below an anchor (its customer-organization set), found as the distributor sees it. */
async function anchoredCustomer(client: DataClient): Promise<Id> {
  for (let r = 1; r <= 8; r++) {
    for (let k = 1; k <= 2; k++) {
      const found = await client.searchTenants(DISTRIBUTOR, {text: '', limit: 5, parentId: `grp-${String(r).padStart(2, '0')}-${k}`, kinds: ['customer']});
      if (found.hits.length) return found.hits[0].id;
    }
  }
  throw new Error('no customer below an anchor in the demo data');
}

async function openEdit(client: DataClient, id: Id): Promise<CustomerWizard> {
  const el = await mount(client, DISTRIBUTOR, {organizationId: id});
  await waitUntil(() => stepTitle(el) === 'Organization', 'the edit did not open', WAIT);
  return el;
}

describe('customer-wizard: edit', () => {
  beforeEach(serve);

  it('loads the organization, shows the fixed fields read-only with their reason, and saves only what changed with If-Match', async () => {
    const client = httpClient();
    const id = await anchoredCustomer(client);
    const {value: before} = await client.getOrganization(DISTRIBUTOR, id);
    expect(before.customerOrganizationId).to.be.a('string');
    expect(before.adminUser?.loginEmail).to.be.a('string');

    const el = await openEdit(client, id);
    expect(text(part(el, 'title'))).to.contain(before.name);
    expect(field(el, 'name').value).to.equal(before.name);
    expect(field(el, 'description').value).to.equal(before.description);

    const anchor = field(el, 'customerOrganizationId') as unknown as HTMLSelectElement;
    expect(anchor.disabled, 'the anchor can be changed').to.equal(true);
    expect(anchor.value).to.equal(before.customerOrganizationId);
    const anchorReason = root(el).getElementById(`${anchor.id}-locked`);
    expect(text(anchorReason)).to.contain('can never change');
    expect(anchor.getAttribute('aria-describedby')).to.contain(`${anchor.id}-locked`);
    await expect(el).to.be.accessible();

    await next(el, 'Company and billing');
    await next(el, 'Contacts and people');
    const login = field(el, 'adminUser.loginEmail');
    expect(login.value).to.equal(before.adminUser!.loginEmail);
    expect(login.readOnly, 'the login email can be changed').to.equal(true);
    expect(text(root(el).getElementById(`${login.id}-locked`))).to.contain('cannot change');
    expect(login.getAttribute('aria-describedby')).to.contain(`${login.id}-locked`);
    await expect(el).to.be.accessible();

    await back(el, 'Company and billing');
    await back(el, 'Organization');
    await type(el, 'description', 'Moved to the new data centre.');
    await goToStep(el, 'Review');
    button(el, 'Save changes').click();
    await noticeSays(el, 'were saved');

    expect(patches()).to.have.length(1);
    const [patch] = patches();
    expect(patch.path).to.equal(`/v1/organizations/${id}`);
    expect(patch.body).to.deep.equal({description: 'Moved to the new data centre.'});
    expect(patch.ifMatch).to.be.a('string').and.not.equal('');
    const {value: after} = await client.getOrganization(DISTRIBUTOR, id);
    expect(after.description).to.equal('Moved to the new data centre.');
    expect(after.name).to.equal(before.name);
  });

  it('says that nothing has changed, and sends nothing, when nothing did', async () => {
    const client = httpClient();
    const el = await openEdit(client, DEMO_TENANTS.customer);
    // A change undone is no change.
    const name = field(el, 'name').value;
    await type(el, 'name', `${name} (old)`);
    await type(el, 'name', name);
    await goToStep(el, 'Review');
    button(el, 'Save changes').click();
    await noticeSays(el, 'Nothing has changed');
    expect(patches()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('keeps a customer-organization anchor that was never set read-only too: it can only be chosen when the customer is created', async () => {
    const client = httpClient();
    const {value: before} = await client.getOrganization(DISTRIBUTOR, DEMO_TENANTS.customer);
    expect(before.customerOrganizationId).to.equal(null);
    const el = await openEdit(client, DEMO_TENANTS.customer);
    const anchor = field(el, 'customerOrganizationId') as unknown as HTMLSelectElement;
    expect(anchor.disabled, 'an anchor could be chosen that the save would drop').to.equal(true);
    expect(text(root(el).getElementById(`${anchor.id}-locked`))).to.contain('only when the customer is created');
    await expect(el).to.be.accessible();
  });

  it('brings an unsaved edit back after a reload, and saves it', async () => {
    const client = httpClient();
    const el = await openEdit(client, DEMO_TENANTS.customer);
    await type(el, 'description', 'Typed before the tab was closed.');
    await next(el, 'Company and billing');
    await waitUntil(() => text(part(el, 'save-state')).includes('Draft saved'), 'the edit was not saved as a draft', WAIT);
    fixtureCleanup();

    const again = await mount(client, DISTRIBUTOR, {organizationId: DEMO_TENANTS.customer});
    await waitUntil(() => stepTitle(again) === 'Company and billing', 'the edit did not resume at its step', WAIT);
    await back(again, 'Organization');
    expect(field(again, 'description').value).to.equal('Typed before the tab was closed.');
    await goToStep(again, 'Review');
    button(again, 'Save changes').click();
    await noticeSays(again, 'were saved');
    expect(patches().map((p) => p.body)).to.deep.equal([{description: 'Typed before the tab was closed.'}]);
  });

  it('does not hold a problem the stored record already had against a change elsewhere (as the server does not)', async () => {
    // A record written under older rules: its primary contact's phone is not one today's rules take.
    const handle = embeddedRestHandler(SIZE, 'wizard-legacy');
    await msw!.stop();
    seen = [];
    msw = await startMsw(
      http.all(`${API}*`, async ({request}) => {
        const path = new URL(request.url).pathname;
        if (request.method === 'PATCH') seen.push({method: 'PATCH', path, ifMatch: request.headers.get('If-Match'), body: await request.clone().json()});
        const response = await handle(request);
        if (request.method !== 'GET' || path !== `/v1/organizations/${DEMO_TENANTS.customer}` || !response.ok) return response;
        const org = (await response.json()) as {contacts: {phone: string}[]};
        org.contacts[0].phone = '12';
        return new Response(JSON.stringify(org), {status: 200, headers: response.headers});
      }),
    );
    const client = httpClient();
    const el = await openEdit(client, DEMO_TENANTS.customer);
    await type(el, 'description', 'Quarterly review moved to March.');
    await goToStep(el, 'Review');
    button(el, 'Save changes').click();
    await noticeSays(el, 'were saved');
    expect(patches().map((p) => p.body)).to.deep.equal([{description: 'Quarterly review moved to March.'}]);
  });

  for (const pick of ['theirs', 'yours'] as const) {
    it(`on a 412 shows a merge of the field both changed, keeps the rest, and saves ${pick}`, async () => {
      const client = httpClient();
      const other = httpClient();
      const id = DEMO_TENANTS.customer;
      const {value: base} = await client.getOrganization(DISTRIBUTOR, id);
      const el = await openEdit(client, id);

      // Someone else changes the description after the wizard loaded the organization.
      const theirs = await other.getOrganization(DISTRIBUTOR, id);
      await other.updateOrganization(DISTRIBUTOR, id, {description: 'Their description'}, theirs.etag);

      await type(el, 'name', `${base.name} Renamed`);
      await type(el, 'description', 'My description');
      await goToStep(el, 'Review');
      button(el, 'Save changes').click();
      await waitUntil(() => part(el, 'merge'), 'no merge screen after the 412', WAIT);
      const merge = part(el, 'merge')!;
      const rows = [...merge.querySelectorAll('tbody tr')];
      expect(rows.map((r) => text(r.querySelector('th')))).to.deep.equal(['Description']);
      const [theirCell, myCell] = [...rows[0].querySelectorAll('td')];
      expect(text(theirCell)).to.contain('Their description');
      expect(text(myCell)).to.contain('My description');
      expect(text(merge)).to.match(/Kept from your changes?: Name/);
      await expect(el).to.be.accessible();

      const [theirRadio, myRadio] = [theirCell, myCell].map((c) => c.querySelector<HTMLInputElement>('input[type="radio"]')!);
      expect(myRadio.checked, 'yours is chosen at first').to.equal(true);
      (pick === 'theirs' ? theirRadio : myRadio).click();
      await el.updateComplete;
      button(el, 'Save with these choices').click();
      await noticeSays(el, 'were saved');

      const {value: after} = await client.getOrganization(DISTRIBUTOR, id);
      expect(after.name).to.equal(`${base.name} Renamed`);
      expect(after.description).to.equal(pick === 'theirs' ? 'Their description' : 'My description');
      // The wizard's saves (the other client's change went through msw too).
      const [first, second] = patches().filter((p) => JSON.stringify(p.body) !== JSON.stringify({description: 'Their description'}));
      expect(first.body).to.deep.equal({name: `${base.name} Renamed`, description: 'My description'});
      expect(second.body).to.deep.equal(pick === 'theirs' ? {name: `${base.name} Renamed`} : {name: `${base.name} Renamed`, description: 'My description'});
      expect(second.ifMatch).to.not.equal(first.ifMatch);
    });
  }
});
