/**
 * The sections the customer details open on demand (`details-deferred.ts`), in real Chromium with
 * that module's request failed or held at the network edge (msw): a section opened before its code
 * arrived says it is loading and shows once it has; a failed load says so in its place, and
 * choosing the section again tries again. A page has one module map, so this file owns the first
 * load of that code.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {startMsw} from '../../src/testing/msw.js';
import {moduleGate} from '../../src/testing/module-gate.js';
import {WAIT, cleanup, localClient, mount, panel, root, text} from '../testing/details-testing.js';

afterEach(cleanup);

describe('customer-details: sections loaded on demand', function () {
  this.timeout(60_000);

  it('a section opened before its code arrived says it is loading, then shows; a failed load says so and choosing the section again tries again', async () => {
    const gate = moduleGate('widgets/customer-details/details-deferred');
    const msw = await startMsw(gate.handler);
    try {
      const el = await mount(localClient());
      // The element asks for the code itself once the page is idle: that request (failed) comes first,
      // so it cannot land in the middle of the steps below and fail the load they hold.
      await waitUntil(() => gate.asked > 0, 'the sections’ code was not asked for when the page was idle', WAIT);
      const contactsTab = (): HTMLElement => root(el).querySelector<HTMLElement>('[role="tab"][data-section="contacts"]')!;

      // The profile needs none of it; the contacts cannot be shown without it.
      expect(text(panel(el))).to.contain('Company and billing');
      contactsTab().click();
      await waitUntil(() => text(panel(el)) === 'This could not be shown; try again.', 'the failure was not said', WAIT);
      expect(panel(el).querySelector('[role="alert"]')).to.exist;

      // Chosen again, with the code on its way: the section says it is loading.
      gate.answer = 'hold';
      contactsTab().click();
      await el.updateComplete;
      expect(text(panel(el))).to.equal('Loading…');
      expect(panel(el).querySelector('[role="status"]')).to.exist;

      gate.release();
      await waitUntil(() => panel(el).querySelectorAll('tbody tr').length === 2, 'the contacts did not show', WAIT);
      await expect(el).to.be.accessible();
    } finally {
      gate.release();
      await msw.stop();
    }
  });
});
