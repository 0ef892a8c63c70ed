/**
 * `<customer-wizard>` by keyboard and for assistive technology, in real Chromium over the REST
 * contract behind msw: every one of the nine steps is checked by axe as it opens and in an error
 * state, the step heading takes focus on each change, the error summary takes focus and links to
 * each field, and Enter in a text field submits the step (Next) with the real keyboard.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {http, HttpResponse} from 'msw';
import type {SetupWorker} from 'msw/browser';
import {API, startMsw} from '../../src/testing/msw.js';
import {embeddedRestHandler} from '../../src/testing/rest-api.js';
import type {CustomerWizard} from './customer-wizard.js';
import {
  SIZE,
  WAIT,
  button,
  check,
  choose,
  cleanup,
  errorOf,
  errorSays,
  field,
  fillCompany,
  fillPeople,
  httpClient,
  mount,
  nextRefused,
  noticeSays,
  part,
  radio,
  root,
  stepTitle,
  type,
} from '../testing/wizard-testing.js';

let msw: SetupWorker | null = null;
/** While set, a create fails as the server's 500. */
let failCreates = false;

afterEach(async () => {
  cleanup();
  await msw?.stop();
  msw = null;
});

/** Enter in a text field, with the real keyboard: the step's form is submitted (Next). */
async function enterIn(el: CustomerWizard, path: string, expectTitle: string): Promise<void> {
  field(el, path).focus();
  await sendKeys({press: 'Enter'});
  await waitUntil(() => stepTitle(el) === expectTitle, undefined, WAIT).catch(() => {
    throw new Error(`Enter in ${path} did not reach "${expectTitle}" (now "${stepTitle(el)}")`);
  });
  // The new step's heading has focus, and the live region says where the user is.
  await waitUntil(() => root(el).activeElement === part(el, 'step-title'), `the heading of "${expectTitle}" did not take focus`, WAIT);
  expect(root(el).querySelector('[role="status"][aria-live="polite"]')?.textContent).to.contain(expectTitle);
}

/** Next refused: the summary has focus, links to the field with the error, and all is accessible. */
async function refusedAccessibly(el: CustomerWizard, words: string, path: string): Promise<void> {
  await nextRefused(el, words);
  const summary = part(el, 'error-summary')!;
  await waitUntil(() => root(el).activeElement === summary, 'the error summary did not take focus', WAIT);
  expect(summary.getAttribute('role')).to.equal('alert');
  const link = [...summary.querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.textContent!.includes(words));
  expect(link, `no link for "${words}"`).to.exist;
  link!.click();
  const target = root(el).activeElement as HTMLElement | null;
  expect(target?.id, 'the link did not move focus to the field').to.equal(field(el, path).id);
  expect(target?.getAttribute('aria-invalid')).to.equal('true');
  // The field's own error is tied to it (read out with it), and says what the summary says.
  const describedBy = (target?.getAttribute('aria-describedby') ?? '').split(' ');
  expect(describedBy, 'the error is not tied to its field').to.include(`${target!.id}-error`);
  expect(link!.textContent).to.contain(errorOf(el, path));
  await expect(el).to.be.accessible();
}

describe('customer-wizard: keyboard and screen reader in every step', () => {
  beforeEach(async () => {
    const handle = embeddedRestHandler(SIZE, 'wizard-a11y');
    failCreates = false;
    msw = await startMsw(
      http.all(`${API}*`, ({request}) => {
        if (failCreates && request.method === 'POST') return HttpResponse.json({code: 'unavailable', message: 'The server is restarting.'}, {status: 500, headers: {'Content-Type': 'application/problem+json'}});
        return handle(request);
      }),
    );
  });

  it('walks all nine steps by keyboard, accessible as each opens and in an error state of each', async () => {
    const el = await mount(httpClient());

    // 1. Organization
    expect(stepTitle(el)).to.equal('Organization');
    await expect(el).to.be.accessible();
    await refusedAccessibly(el, 'This is required.', 'name');
    await type(el, 'name', 'Keyboard Kitchens');
    await choose(el, 'parentId', 'res-01');
    await enterIn(el, 'name', 'Company and billing');

    // 2. Company and billing
    await expect(el).to.be.accessible();
    await refusedAccessibly(el, 'Company address — country', 'companyAddress.country');
    await fillCompany(el);
    await type(el, 'companyAddress.postalCode', '1O115');
    await errorSays(el, 'companyAddress.postalCode', 'Germany');
    await expect(el).to.be.accessible();
    await type(el, 'companyAddress.postalCode', '10115');
    await enterIn(el, 'companyAddress.city', 'Contacts and people');

    // 3. Contacts and people
    await expect(el).to.be.accessible();
    await refusedAccessibly(el, 'Contacts — 1 first name', 'contacts[0].firstName');
    await fillPeople(el);
    await type(el, 'contacts[0].email', 'ada@@example.com');
    await errorSays(el, 'contacts[0].email', '@');
    await expect(el).to.be.accessible();
    await type(el, 'contacts[0].email', 'ada@example.com');
    await enterIn(el, 'contacts[0].email', 'Microsoft account and Azure');

    // 4. Microsoft account and Azure
    await expect(el).to.be.accessible();
    await refusedAccessibly(el, 'Microsoft account', 'microsoftAccount');
    await radio(el, 'new');
    await type(el, 'microsoftAccount.domain', 'keyboard-kitchens');
    await errorSays(el, 'microsoftAccount.domain', 'letters and digits');
    await expect(el).to.be.accessible();
    await type(el, 'microsoftAccount.domain', 'keyboardkitchens');
    await waitUntil(() => part(el, 'availability')?.textContent?.includes('available'), 'the name was not checked', WAIT);
    await enterIn(el, 'microsoftAccount.domain', 'Plan and services');

    // 5. Plan and services
    await expect(el).to.be.accessible();
    await check(el, 'creditQuota', true);
    await type(el, 'creditQuota.credits', '-5');
    await refusedAccessibly(el, 'Enter a number of credits', 'creditQuota.credits');
    await type(el, 'creditQuota.credits', '500');
    await waitUntil(() => errorOf(el, 'creditQuota.credits') === '', 'the credits error stayed', WAIT);
    await enterIn(el, 'creditQuota.credits', 'Collection schedules');

    // 6. Collection schedules
    await expect(el).to.be.accessible();
    await type(el, 'schedules.cost', '0 25 * * *');
    await refusedAccessibly(el, 'The hour field takes 0–23', 'schedules.cost');
    await type(el, 'schedules.cost', '0 2 * * *');
    await enterIn(el, 'schedules.cost', 'Notifications');

    // 7. Notifications
    await expect(el).to.be.accessible();
    await type(el, 'notifications.emails', 'ops@example.com\nnot-an-address');
    await refusedAccessibly(el, 'needs an @', 'notifications.emails');
    await type(el, 'notifications.emails', 'ops@example.com\nnoc@example.com');
    await type(el, 'notifications.subjectPrefix', '[Keyboard]');
    await enterIn(el, 'notifications.subjectPrefix', 'Sales representatives');

    // 8. Sales representatives
    await expect(el).to.be.accessible();
    await refusedAccessibly(el, 'Sales representatives — 1 name', 'salesReps[0].name');
    await type(el, 'salesReps[0].name', 'Sam Seller');
    await type(el, 'salesReps[0].email', 'sam@example.com');
    await enterIn(el, 'salesReps[0].email', 'Review');

    // 9. Review, and a refused create
    expect(part(el, 'review-section')).to.exist;
    await expect(el).to.be.accessible();
    failCreates = true;
    button(el, 'Create customer').click();
    await noticeSays(el, 'Not saved');
    expect(part(el, 'notice')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    failCreates = false;
    button(el, 'Try again').click();
    await noticeSays(el, 'was created');
    await waitUntil(() => root(el).activeElement === part(el, 'title'), 'the title did not take focus after the create', WAIT);
    await expect(el).to.be.accessible();
  });
});
