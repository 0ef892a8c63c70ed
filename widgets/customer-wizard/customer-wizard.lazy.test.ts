/**
 * What the wizard loads after it first shows (the later steps and the rules, `wizard-deferred.ts`),
 * in real Chromium with that module's request held or failed at the network edge (msw): a move
 * made before it arrived waits for it and says so, nothing typed is lost, and a failed load is
 * said in place of the step and tried again by the next move. A page has one module map, so this
 * file owns the first load of that code.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {startMsw} from '../../src/testing/msw.js';
import {moduleGate} from '../../src/testing/module-gate.js';
import {RESELLER, WAIT, back, button, choose, cleanup, field, localClient, mount, part, root, stepTitle, text, type} from '../testing/wizard-testing.js';

afterEach(cleanup);

describe('customer-wizard: code loaded after it first shows', function () {
  this.timeout(60_000);

  it('Next before the later steps’ code arrived waits for it, saying so; a failed load is said in place of the step and the next move tries again', async () => {
    const gate = moduleGate('widgets/customer-wizard/wizard-deferred');
    const msw = await startMsw(gate.handler);
    try {
      const el = await mount(localClient());
      // The element asks for the code itself once the page is idle: that request (failed) comes first,
      // so it cannot land in the middle of the steps below and fail the load they hold.
      await waitUntil(() => gate.asked > 0, 'the later steps’ code was not asked for when the page was idle', WAIT);
      expect(stepTitle(el)).to.equal('Organization');
      await type(el, 'name', 'Lazy Lagoon Ltd');
      await choose(el, 'parentId', RESELLER.tenantId);

      // The code cannot be fetched: the move goes on (the server checks at the save), and the step
      // says it cannot be shown; Back keeps what was typed.
      button(el, 'Next').click();
      await waitUntil(() => stepTitle(el) === 'Company and billing', 'Next did not move on', WAIT);
      await waitUntil(() => text(part(el, 'body')).includes('This could not be shown; try again.'), 'the failure was not said', WAIT);
      await back(el, 'Organization');
      expect(field(el, 'name').value).to.equal('Lazy Lagoon Ltd');

      // Next again, with the code on its way: the form says it is busy until it arrived.
      gate.answer = 'hold';
      button(el, 'Next').click();
      await waitUntil(() => root(el).querySelector('form')?.getAttribute('aria-busy') === 'true', 'the form did not say it was busy', WAIT);
      expect(getComputedStyle(root(el).querySelector('form')!).cursor).to.equal('progress');
      expect(text(root(el).querySelector('[role="status"][aria-live]'))).to.equal('Loading…');
      expect(stepTitle(el)).to.equal('Organization');
      gate.release();
      await waitUntil(() => stepTitle(el) === 'Company and billing', 'Next did not move on once the code arrived', WAIT);
      await waitUntil(() => root(el).querySelector('[data-path="companyAddress.line1"]'), 'the step’s fields did not show', WAIT);
      expect(root(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('false');
      await back(el, 'Organization');
      expect(field(el, 'name').value).to.equal('Lazy Lagoon Ltd');
    } finally {
      gate.release();
      await msw.stop();
    }
  });
});
