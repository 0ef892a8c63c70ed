/**
 * `<customer-wizard>` creating customers in real Chromium, over the REST contract behind msw (every
 * create counted at the network edge): no duplicate from a double click or from the same draft open
 * twice, nothing lost while the backend is out of reach, and autosave that writes the draft a
 * handful of times however fast the user types.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import type {SetupWorker} from 'msw/browser';
import type {DataClient} from '../../src/page/data-client.js';
import {DraftStore} from '../../src/page/drafts-store.js';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import type {DraftChangeDetail} from './customer-wizard.js';
import {
  RESELLER,
  SIZE,
  WAIT,
  button,
  cleanup,
  field,
  fillToReview,
  goToStep,
  httpClient,
  localClient,
  mount,
  noticeSays,
  notice,
  part,
  root,
  savedIds,
  stepTitle,
  text,
} from '../testing/wizard-testing.js';

interface Create {
  key: string | null;
  status: number;
}

let msw: SetupWorker | null = null;
let creates: Create[] = [];
/** While set, every request fails as a network error (the backend is out of reach). */
let offline = false;

async function serve(): Promise<void> {
  const handle = embeddedRestHandler(SIZE, 'wizard-submit');
  creates = [];
  offline = false;
  msw = await startMsw(
    http.all(`${API}*`, async ({request}) => {
      if (offline) return HttpResponse.error();
      const isCreate = request.method === 'POST' && new URL(request.url).pathname.endsWith('/organizations');
      const response = await handle(request);
      if (isCreate) creates.push({key: request.headers.get('Idempotency-Key'), status: response.status});
      return response;
    }),
  );
}

afterEach(async () => {
  cleanup();
  await msw?.stop();
  msw = null;
});

/** Organizations of that exact name the user can see. */
async function named(client: DataClient, name: string): Promise<number> {
  const found = await client.findDuplicates(RESELLER, {name});
  return found.matches.filter((m) => m.name === name).length;
}

/** The draft the wizard announces (`tenantry-draft-change`) while `run` mounts it. */
async function withDraftId<T>(run: () => Promise<T>): Promise<[T, () => string | null]> {
  let draftId: string | null = null;
  const listen = (e: CustomEvent<DraftChangeDetail>): void => void (draftId = e.detail.draftId);
  document.addEventListener('tenantry-draft-change', listen);
  try {
    return [await run(), () => draftId];
  } finally {
    document.removeEventListener('tenantry-draft-change', listen);
  }
}

describe('customer-wizard: submitting', () => {
  beforeEach(serve);

  it('a double click on Create sends one create and makes one customer', async () => {
    const client = httpClient();
    const el = await mount(client);
    const saved = savedIds(el);
    await fillToReview(el, 'Brightwater Logistics');
    const create = button(el, 'Create customer');
    create.click();
    create.click();
    create.dispatchEvent(new MouseEvent('dblclick', {bubbles: true, composed: true}));
    await noticeSays(el, 'was created');
    // A click that came late (after the first answer) finds nothing to submit.
    expect(root(el).querySelector('button[type="submit"]')).to.equal(null);
    expect(creates).to.have.length(1);
    expect(saved).to.have.length(1);
    expect(await named(client, 'Brightwater Logistics')).to.equal(1);
  });

  it('the same draft open in two wizards, each submitted, makes one customer and both say it was created', async () => {
    const client = httpClient();
    const [first, draftId] = await withDraftId(() => mount(client));
    await fillToReview(first, 'Copperline Dental');
    await waitUntil(() => text(part(first, 'save-state')).includes('Draft saved'), 'the draft was not saved', WAIT);
    expect(draftId()).to.be.a('string');

    // A second tab (another wizard on the same client) opens the same draft from its URL.
    const second = await mount(client, RESELLER, {draftId: draftId()!});
    await waitUntil(() => stepTitle(second) === 'Review', 'the second wizard did not open the draft at the review', WAIT);
    const savedFirst = savedIds(first);
    const savedSecond = savedIds(second);
    button(first, 'Create customer').click();
    button(second, 'Create customer').click();
    await noticeSays(first, 'was created');
    await noticeSays(second, 'was created');

    expect(creates).to.have.length(2);
    expect(creates[0].key).to.be.a('string');
    expect(creates[1].key, 'the second wizard sent another key').to.equal(creates[0].key);
    expect(creates.every((c) => c.status >= 200 && c.status < 300), `statuses ${creates.map((c) => c.status).join(', ')}`).to.equal(true);
    expect(savedSecond).to.deep.equal(savedFirst);
    expect(await named(client, 'Copperline Dental')).to.equal(1);
  });

  it('while the backend is out of reach says "Not saved", keeps everything entered, and Try again works once it is back', async () => {
    const client = httpClient();
    const el = await mount(client);
    const saved = savedIds(el);
    await fillToReview(el, 'Harborview Optics');
    const review = text(part(el, 'body'));

    offline = true;
    button(el, 'Create customer').click();
    await noticeSays(el, 'Not saved');
    expect(notice(el)).to.not.match(/Not saved\W+Not saved/);
    expect(notice(el)).to.contain('kept');
    expect(saved).to.deep.equal([]);
    // Everything entered is still there: on the review, on its step, and in the draft.
    expect(stepTitle(el)).to.equal('Review');
    expect(text(part(el, 'body'))).to.contain('Harborview Optics').and.contain('Unter den Linden 1').and.contain('sam@example.com');
    await expect(el).to.be.accessible();
    await goToStep(el, 'Organization');
    expect(field(el, 'name').value).to.equal('Harborview Optics');
    await goToStep(el, 'Review');
    expect(text(part(el, 'body'))).to.equal(review);
    // And in the draft the worker keeps, with the key the retry sends.
    const [draft] = await new DraftStore(client, RESELLER).list();
    expect(draft.title).to.equal('Harborview Optics');
    expect(draft.step).to.equal('review');

    offline = false;
    button(el, 'Try again').click();
    await noticeSays(el, 'was created');
    expect(saved).to.have.length(1);
    expect(creates).to.have.length(1);
    expect(await named(client, 'Harborview Optics')).to.equal(1);
  });

  it('writes the draft a handful of times while 50 characters are typed into the name', async () => {
    const real = localClient();
    const writes: {name: string; value: unknown}[] = [];
    // The real client, with its preference writes (the worker's draft saves) counted on the way through.
    const counting = new Proxy(real, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key === 'setPref') {
          return (...args: Parameters<DataClient['setPref']>) => {
            writes.push({name: args[1], value: args[2]});
            return target.setPref(...args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({type: 'longtask', buffered: false});

    const el = await mount(counting);
    field(el, 'name').focus();
    const typed = 'Northwind Traders and Logistics of the Pacific Rim';
    expect(typed).to.have.length(50);
    for (const ch of typed) await sendKeys({type: ch});
    await waitUntil(() => text(part(el, 'save-state')).includes('Draft saved'), 'the draft was not saved', WAIT);
    // Quiet for longer than the autosave's delay: nothing more is written.
    await new Promise((r) => setTimeout(r, 800));
    observer.disconnect();

    expect(field(el, 'name').value).to.equal(typed);
    const draftWrites = writes.filter((w) => w.name.startsWith('customer-wizard.'));
    // Long tasks are observed, never judged by time: they are only named if the count fails.
    expect(draftWrites.length, `draft writes: ${draftWrites.map((w) => w.name).join(', ')}; long tasks meanwhile: ${longTasks.length}`).to.be.at.least(1).and.at.most(4);
    const store = new DraftStore(real, RESELLER);
    const [listed] = await store.list();
    expect(listed.title).to.equal(typed);
  });
});
