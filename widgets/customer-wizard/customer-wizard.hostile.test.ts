/**
 * Hostile input in every text field of `<customer-wizard>`, in real Chromium on the embedded
 * backend: markup, a right-to-left override, zero-width characters, a 10,000-character paste and
 * emoji are each kept by the control as typed and stored as text, refused with a message where a
 * rule applies, never cost another field its value, and reach the review and the server as text.
 */
import {expect, waitUntil} from '@open-wc/testing';
import type {Organization} from '../../src/shared/model/types.js';
import type {CustomerWizard} from './customer-wizard.js';
import {
  RESELLER,
  WAIT,
  button,
  check,
  choose,
  cleanup,
  errorOf,
  fieldId,
  fillCompany,
  fillPeople,
  localClient,
  mount,
  next,
  noticeSays,
  part,
  radio,
  root,
  savedIds,
  stepTitle,
  text,
  type,
} from '../testing/wizard-testing.js';

const MARKUP = '<img src=x onerror=alert(1)><b>bold</b>';
const HOSTILE = {
  markup: MARKUP,
  'right-to-left override': 'invoice\u202Efdp.exe',
  'zero-width characters': 'Con\u200Btoso\u200D',
  '10,000-character paste': 'x'.repeat(10_000),
  emoji: 'Café 🚀 👩🏽‍💻',
} as const;
/** Refused by every field: hidden characters and an over-long paste. */
const ALWAYS_REFUSED = new Set<string>(['right-to-left override', 'zero-width characters', '10,000-character paste']);
/** Fields with a rule of their own (addresses, numbers, schedules, names of accounts): markup and emoji are refused too. */
const STRUCTURED = /email|domain|url|website|phone|postalCode|schedules\./i;

/** Every text control of the open step (dates and numbers cannot hold text), by its field's path. */
function textPaths(el: CustomerWizard): string[] {
  return [...root(el).querySelectorAll<HTMLElement>('[data-path]')]
    .filter((f) => f.querySelector(':scope > input:is([type="text"], [type="email"], [type="url"], [type="tel"]), :scope > textarea'))
    .map((f) => f.dataset.path!);
}

/** What every other text control holds. */
function others(el: CustomerWizard, except: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const control of root(el).querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    if (control.id.startsWith('f-') && control.id !== fieldId(except)) out[control.id] = control.type === 'checkbox' || control.type === 'radio' ? String((control as HTMLInputElement).checked) : control.value;
  }
  return out;
}

const control = (el: CustomerWizard, path: string): HTMLInputElement | HTMLTextAreaElement =>
  root(el).querySelector<HTMLInputElement>(`[data-path="${path}"] > input, [data-path="${path}"] > textarea`)!;

/** Leaves `path` holding `value` and waits until its check has cleared any error. */
async function restore(el: CustomerWizard, path: string, value: string): Promise<void> {
  await type(el, path, value);
  await waitUntil(() => errorOf(el, path) === '', undefined, WAIT).catch(() => {
    throw new Error(`${path}: the error stayed after "${value}" was put back (${errorOf(el, path)})`);
  });
}

/**
 * Each hostile text into each text field of the open step (every field holding a valid value
 * first), and back to that value after each: the message seen is the check of that text.
 */
async function attackStep(el: CustomerWizard, seen: Set<string>): Promise<void> {
  const paths = textPaths(el);
  expect(paths.length, `no text fields on "${stepTitle(el)}"`).to.be.greaterThan(0);
  for (const path of paths) {
    seen.add(path);
    if (!control(el, path)) throw new Error(`no text control at ${path} (of ${paths.join(', ')})`);
    const before = control(el, path).value;
    await restore(el, path, before);
    const rest = others(el, path);
    for (const [kind, value] of Object.entries(HOSTILE)) {
      await type(el, path, value);
      const what = `${kind} in ${path}`;
      expect(control(el, path).value, `${what}: the control did not keep it`).to.equal(value);
      if (ALWAYS_REFUSED.has(kind) || (STRUCTURED.test(path) && kind !== 'emoji')) {
        await waitUntil(() => errorOf(el, path) !== '', undefined, WAIT).catch(() => {
          throw new Error(`${what}: not refused`);
        });
        if (kind === '10,000-character paste') expect(errorOf(el, path), `${what}: the message does not say why`).to.match(/10,000|too long|at most/);
      }
      expect(root(el).querySelector('img, b, script'), `${what}: markup became an element`).to.equal(null);
      expect(others(el, path), `${what}: another field lost its value`).to.deep.equal(rest);
      await restore(el, path, before);
    }
  }
}

afterEach(cleanup);

describe('customer-wizard: hostile input', () => {
  it('in every text field: kept as typed, refused with a message where a rule applies, and nothing else lost', async function (this: Mocha.Context) {
    // Five texts into each of some forty fields, each checked as the user leaves it.
    this.timeout(60_000);
    const el = await mount(localClient());
    const seen = new Set<string>();

    await type(el, 'name', 'Hostile Holdings');
    await choose(el, 'parentId', RESELLER.tenantId);
    button(el, 'Add a link').click();
    await el.updateComplete;
    await type(el, 'customLinks[0].title', 'Portal');
    await type(el, 'customLinks[0].url', 'https://portal.example.com/');
    await attackStep(el, seen);
    await next(el, 'Company and billing');

    await fillCompany(el);
    await check(el, 'billing.sameAsCompany', false);
    await attackStep(el, seen);
    await check(el, 'billing.sameAsCompany', true);
    await next(el, 'Contacts and people');

    await fillPeople(el);
    await attackStep(el, seen);
    await next(el, 'Microsoft account and Azure');

    await radio(el, 'existing');
    await type(el, 'microsoftAccount.domain', 'fabrikam.example');
    await attackStep(el, seen);
    await radio(el, 'new');
    await radio(el, 'education');
    await type(el, 'microsoftAccount.website', 'https://school.example.edu/');
    await attackStep(el, seen);
    await radio(el, 'skip');
    await next(el, 'Plan and services');
    await next(el, 'Collection schedules');
    await attackStep(el, seen);
    await next(el, 'Notifications');
    await attackStep(el, seen);
    await next(el, 'Sales representatives');
    await type(el, 'salesReps[0].name', 'Sam Seller');
    await type(el, 'salesReps[0].email', 'sam@example.com');
    await attackStep(el, seen);
    await next(el, 'Review');

    // The fields the wizard has, each attacked (a field added later is attacked too, by its step).
    for (const path of ['name', 'description', 'domain', 'customLinks[0].title', 'customLinks[0].url', 'companyAddress.line1', 'companyAddress.postalCode', 'billing.billTo', 'billing.address.city', 'contacts[1].email', 'adminUser.loginEmail', 'adminUser.displayName', 'runAsAccount', 'microsoftAccount.domain', 'microsoftAccount.companyRegistrationId', 'microsoftAccount.website', 'schedules.operations', 'notifications.emails', 'notifications.subjectPrefix', 'salesReps[0].phone']) {
      expect(seen, path).to.include(path);
    }
  });

  it('shows markup and emoji as text in the review, and the server keeps them as text', async () => {
    const client = localClient();
    const el = await mount(client);
    const saved = savedIds(el);
    const name = `${MARKUP} 🚀`;
    await type(el, 'name', name);
    await type(el, 'description', `${MARKUP}\nZweite Zeile 👩🏽‍💻`);
    await choose(el, 'parentId', RESELLER.tenantId);
    await next(el, 'Company and billing');
    await fillCompany(el);
    await type(el, 'companyAddress.line1', '<script>alert(1)</script> Straße 1');
    await type(el, 'billing.billTo', '<a href="https://evil.example">Finance</a>');
    await next(el, 'Contacts and people');
    await fillPeople(el);
    await type(el, 'contacts[0].firstName', '<i>Ada</i>');
    await next(el, 'Microsoft account and Azure');
    await radio(el, 'skip');
    await next(el, 'Plan and services');
    await next(el, 'Collection schedules');
    await next(el, 'Notifications');
    await type(el, 'notifications.subjectPrefix', '<b>[Hostile]</b>');
    await next(el, 'Sales representatives');
    await type(el, 'salesReps[0].name', '<u>Sam</u> 😀');
    await type(el, 'salesReps[0].email', 'sam@example.com');
    await next(el, 'Review');

    const review = text(part(el, 'body'));
    for (const shown of [name, 'Zweite Zeile', '<script>alert(1)</script> Straße 1', '<a href="https://evil.example">Finance</a>', '<i>Ada</i>', '<b>[Hostile]</b>', '<u>Sam</u> 😀']) expect(review).to.contain(shown);
    expect(root(el).querySelector('img, script, a[href^="https://evil"], i, u, b'), 'markup became an element').to.equal(null);
    await expect(el).to.be.accessible();

    button(el, 'Create customer').click();
    await noticeSays(el, 'was created');
    expect(root(el).querySelector('img, script, b'), 'the notice made an element of the name').to.equal(null);
    const {value} = await client.getOrganization(RESELLER, saved[0]);
    const org: Organization = value;
    expect(org.name).to.equal(name);
    expect(org.description).to.equal(`${MARKUP}\nZweite Zeile 👩🏽‍💻`);
    expect(org.companyAddress?.line1).to.equal('<script>alert(1)</script> Straße 1');
    expect(org.salesReps[0].name).to.equal('<u>Sam</u> 😀');
  });
});
