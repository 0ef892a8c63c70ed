/**
 * `<customer-wizard>` end to end in real Chromium: a real data worker on the embedded backend (each
 * test its own namespace and cache) or on the REST contract behind msw (faults at the network
 * edge), real IndexedDB drafts, real keyboard focus, axe-core in each state.
 */
import {expect, fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {resetMouse, sendMouse, setViewport} from '@web/test-runner-commands';
import type {CustomerWizard} from './customer-wizard.js';
import {http, HttpResponse} from 'msw';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import {RESELLER, SIZE, WAIT, back, button, choose, cleanup, errorOf, errorSays, field, fillCompany, fillPeople, fillToReview, httpClient, localClient, mount, next, part, radio, root, stepTitle, type} from '../testing/wizard-testing.js';

afterEach(cleanup);

describe('customer-wizard', () => {
  it('opens on the first step with every control labelled, and is accessible', async () => {
    const el = await mount(localClient());
    expect(stepTitle(el)).to.equal('Organization');
    expect(field(el, 'name').labels?.[0]?.textContent).to.contain('Organization name');
    expect(part(el, 'scope')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('on Next with errors shows a summary that takes focus and links to each field, and stays on the step', async () => {
    const el = await mount(localClient());
    await next(el);
    const summary = part(el, 'error-summary')!;
    expect(summary).to.exist;
    await waitUntil(() => root(el).activeElement === summary, 'the summary did not take focus', WAIT);
    expect(stepTitle(el)).to.equal('Organization');
    const link = summary.querySelector<HTMLAnchorElement>('a[href="#f-name"]')!;
    expect(link.textContent).to.contain('This is required.');
    link.click();
    expect(root(el).activeElement).to.equal(field(el, 'name'));
    expect(field(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(el, 'name')).to.contain('required');
    await expect(el).to.be.accessible();
  });

  it('checks a field when the user leaves it, and clears the error once fixed', async () => {
    const el = await mount(localClient());
    await type(el, 'domain', 'https://contoso.com/path');
    await waitUntil(() => errorOf(el, 'domain') !== '', 'no error on leaving the domain', WAIT);
    expect(errorOf(el, 'domain')).to.contain('domain only');
    await type(el, 'domain', 'contoso.com');
    await waitUntil(() => errorOf(el, 'domain') === '', 'the error stayed', WAIT);
  });

  it('a pointer press on Next right after a fix moves on, though the field’s error and the summary go as the field is left', async () => {
    const el = await mount(localClient());
    await choose(el, 'parentId', RESELLER.tenantId);
    await next(el);
    await waitUntil(() => errorOf(el, 'name') !== '' && part(el, 'error-summary'), 'the name’s error and the summary', WAIT);
    // The name typed, the focus still in it; then Next pressed with the mouse. The press leaves the
    // field first, whose error line and the summary go: the button moves up while it is held.
    const name = field(el, 'name');
    name.focus();
    name.value = 'Pressed Ltd';
    name.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
    await el.updateComplete;
    // The whole wizard in view, unscrolled: nothing (scroll anchoring included) keeps the button in place.
    const viewport = {width: innerWidth, height: innerHeight};
    await setViewport({width: 1000, height: 1600});
    window.scrollTo(0, 0);
    const box = button(el, 'Next').getBoundingClientRect();
    try {
      await sendMouse({type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]});
      await sendMouse({type: 'down'});
      // Held as a person holds it, long enough for the field's check to have come back.
      await new Promise((resolve) => setTimeout(resolve, 400));
      await sendMouse({type: 'up'});
    } finally {
      await resetMouse();
      await setViewport(viewport);
    }
    await waitUntil(() => stepTitle(el) === 'Company and billing', `the press on Next was lost (the step is "${stepTitle(el)}")`, WAIT);
    await back(el, 'Organization');
    expect(errorOf(el, 'name'), 'no error left on the fixed name').to.equal('');
  });

  it('refuses links that are not absolute http(s), and keeps what was typed', async () => {
    const el = await mount(localClient());
    button(el, 'Add a link').click();
    await el.updateComplete;
    for (const [url, words] of [
      ['javascript:alert(1)', 'run code'],
      ['data:text/html,<b>x</b>', 'data:'],
      ['//evil.example', 'https:'],
    ] as const) {
      await type(el, 'customLinks[0].url', url);
      // The check of the previous link may still be on screen for a moment: wait for this one's.
      expect(await errorSays(el, 'customLinks[0].url', words)).to.contain(words);
      expect(field(el, 'customLinks[0].url').value).to.equal(url);
    }
  });

  it('keeps the draft as the user types: after a reload it is listed and resumes at the same step with the same values', async () => {
    const client = localClient();
    let draftId: string | null = null;
    const listen = (e: GlobalEventHandlersEventMap['tenantry-draft-change']): void => void (draftId = e.detail.draftId);
    document.addEventListener('tenantry-draft-change', listen);
    const el = await mount(client);
    document.removeEventListener('tenantry-draft-change', listen);
    await type(el, 'name', 'Kestrel Dynamics');
    await choose(el, 'parentId', RESELLER.tenantId);
    await next(el, 'Company and billing');
    await waitUntil(() => part(el, 'save-state')?.textContent?.includes('Draft saved'), 'the draft was not saved', WAIT);
    expect(draftId).to.be.a('string');
    fixtureCleanup();

    // The page reloads: a new wizard on the same client lists the draft.
    const again = await mount(client);
    await waitUntil(() => part(again, 'drafts'), 'no list of drafts', WAIT);
    expect(part(again, 'drafts')!.textContent).to.contain('Kestrel Dynamics');
    await expect(again).to.be.accessible();
    button(again, 'Resume').click();
    await waitUntil(() => stepTitle(again) === 'Company and billing', 'did not resume at the same step', WAIT);
    button(again, 'Back').click();
    await waitUntil(() => stepTitle(again) === 'Organization', 'Back did nothing', WAIT);
    expect(field(again, 'name').value).to.equal('Kestrel Dynamics');
    await waitUntil(() => part(again, 'save-state')?.textContent?.includes('Draft saved'), 'the step change was not saved', WAIT);

    // The host may name the draft (from its URL): it opens straight on it, at the step it was left on.
    fixtureCleanup();
    const named = await mount(client, RESELLER, {draftId: draftId!});
    await waitUntil(() => stepTitle(named) === 'Organization' && field(named, 'name').value === 'Kestrel Dynamics', 'the named draft did not open', WAIT);
    expect(part(named, 'drafts')).to.equal(null);
  });

  it('creates the customer: it is in the list at once, the draft is gone, and the host hears the new id', async () => {
    const client = localClient();
    const el = await mount(client);
    const saved: string[] = [];
    el.addEventListener('tenantry-customer-saved', (e) => saved.push(e.detail.id));
    await fillToReview(el, 'Quillfeather Analytics');
    expect(part(el, 'review-section')).to.exist;
    await expect(el).to.be.accessible();
    button(el, 'Create customer').click();
    await waitUntil(() => saved.length === 1, 'no tenantry-customer-saved', WAIT);
    const view = await client.openView(RESELLER, {search: 'Quillfeather'});
    expect(view.total).to.equal(1);
    expect(view.firstRows?.[0].org.id).to.equal(saved[0]);
    fixtureCleanup();
    const again = await mount(client);
    expect(part(again, 'drafts'), 'the finished draft is still listed').to.equal(null);
  });

  it('inside a host’s form it is a form control whose value is the id it saved; the company phone is checked in the company’s country and saved', async () => {
    const client = localClient();
    const form = await fixture<HTMLFormElement>(html`<form><customer-wizard name="customer" .client=${client} .scope=${RESELLER}></customer-wizard></form>`);
    const el = form.querySelector('customer-wizard') as CustomerWizard;
    await waitUntil(() => stepTitle(el) === 'Organization', 'the wizard did not open', WAIT);
    expect(new FormData(form).get('customer')).to.equal(null);
    await type(el, 'name', 'Halcyon Ledger');
    await choose(el, 'parentId', RESELLER.tenantId);
    await next(el, 'Company and billing');
    await fillCompany(el);
    await type(el, 'companyPhone', '12');
    await waitUntil(() => errorOf(el, 'companyPhone') !== '', 'a short company phone was not refused', WAIT);
    await type(el, 'companyPhone', '030 901820');
    await waitUntil(() => errorOf(el, 'companyPhone') === '', 'a Berlin number was refused', WAIT);
    await next(el, 'Contacts and people');
    await fillPeople(el);
    await next(el, 'Microsoft account and Azure');
    await radio(el, 'skip');
    for (const title of ['Plan and services', 'Collection schedules', 'Notifications', 'Sales representatives'] as const) await next(el, title);
    await type(el, 'salesReps[0].name', 'Sam Seller');
    await type(el, 'salesReps[0].email', 'sam@example.com');
    await next(el, 'Review');
    expect(part(el, 'body')!.textContent).to.contain('030 901820');
    const saved: string[] = [];
    el.addEventListener('tenantry-customer-saved', (e) => saved.push(e.detail.id));
    button(el, 'Create customer').click();
    await waitUntil(() => saved.length === 1, 'no tenantry-customer-saved', WAIT);
    expect(new FormData(form).get('customer')).to.equal(saved[0]);
    expect((await client.getOrganization(RESELLER, saved[0])).value.companyPhone).to.equal('030 901820');
  });

  it('a create whose response is lost is retried with the same key: one customer, and the user is told', async () => {
    const handle = embeddedRestHandler(SIZE, 'wizard');
    let creates = 0;
    let dropNext = true;
    const msw = await startMsw(
      http.all(`${API}*`, async ({request}) => {
        const isCreate = request.method === 'POST' && new URL(request.url).pathname.endsWith('/organizations');
        if (isCreate) creates++;
        const response = await handle(request);
        if (isCreate && dropNext) {
          // The server made the customer; the answer never arrives.
          dropNext = false;
          return HttpResponse.error();
        }
        return response;
      }),
    );
    try {
      const client = httpClient();
      const el = await mount(client);
      await fillToReview(el, 'Marlowe Freight');
      button(el, 'Create customer').click();
      await waitUntil(() => part(el, 'notice')?.textContent?.includes('Not saved'), 'the lost answer was not reported', WAIT);
      expect(part(el, 'notice')!.textContent).to.contain('cannot create the customer twice');
      button(el, 'Try again').click();
      await waitUntil(() => part(el, 'notice')?.textContent?.includes('was created'), 'the retry did not succeed', WAIT);
      expect(creates).to.equal(2);
      const found = await client.findDuplicates(RESELLER, {name: 'Marlowe Freight'});
      expect(found.matches.filter((m) => m.name === 'Marlowe Freight')).to.have.length(1);
    } finally {
      await msw.stop();
    }
  });

  it('maps the server’s 422 field errors onto the right step and field', async () => {
    const handle = embeddedRestHandler(SIZE, 'wizard');
    const msw = await startMsw(
      http.all(`${API}*`, async ({request}) => {
        if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/organizations')) {
          return HttpResponse.json(
            {code: 'invalid-request', message: 'Invalid organization.', issues: [{path: 'contacts[0].email', message: 'This address is blocked by policy.'}]},
            {status: 422, headers: {'Content-Type': 'application/problem+json'}},
          );
        }
        return handle(request);
      }),
    );
    try {
      const el = await mount(httpClient());
      await fillToReview(el, 'Tidewater Clinics');
      button(el, 'Create customer').click();
      await waitUntil(() => stepTitle(el) === 'Contacts and people', 'did not go to the step of the refused field', WAIT);
      expect(errorOf(el, 'contacts[0].email')).to.contain('blocked by policy');
      await waitUntil(() => root(el).activeElement === part(el, 'error-summary'), 'the summary did not take focus', WAIT);
      expect(field(el, 'contacts[0].email').value).to.equal('ada@example.com');
      await expect(el).to.be.accessible();
    } finally {
      await msw.stop();
    }
  });

  it('warns of a likely duplicate while the name is typed', async () => {
    const client = localClient();
    const existing = (await client.openView(RESELLER, {filters: {kinds: ['customer']}})).firstRows![0].org;
    const el = await mount(client);
    await type(el, 'name', existing.name.toUpperCase());
    await waitUntil(() => part(el, 'duplicates'), 'no duplicate warning', WAIT);
    expect(part(el, 'duplicates')!.textContent).to.contain(existing.name);
  });

  it('renders hostile text as text in the review', async () => {
    const el = await mount(localClient());
    const hostile = '<img src=x onerror=alert(1)>\u202eevil';
    await type(el, 'description', hostile);
    await waitUntil(() => errorOf(el, 'description') !== '', 'the bidi override was not reported', WAIT);
    expect(errorOf(el, 'description')).to.contain('text-direction');
    expect(field(el, 'description').value).to.equal(hostile);
    expect(root(el).querySelector('img')).to.equal(null);
  });
});
