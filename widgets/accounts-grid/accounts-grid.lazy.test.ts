/**
 * The opened account's panel (`src/page/kit/account-panel.ts`), loaded after the accounts grid's
 * first rows, in real Chromium with that module's request failed or held at the network edge
 * (msw): an account opened before the code arrived shows the panel loading, then the account in it
 * with focus on its title; a failed load says so in the panel, and opening an account again tries
 * again. A page has one module map, so this file owns the first load of that code.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {startMsw} from '../../src/testing/msw.js';
import {moduleGate} from '../../src/testing/module-gate.js';
import {WAIT, cell, cleanup, dataRows, localClient, mount, panel, part, root, text} from '../testing/accounts-testing.js';

afterEach(cleanup);

describe('accounts-grid: the panel loaded after the first rows', function () {
  this.timeout(60_000);

  it('an account opened before the panel’s code arrived shows the panel loading, then the account; a failed load says so and opening again tries again', async () => {
    const gate = moduleGate('src/page/kit/account-panel');
    const msw = await startMsw(gate.handler);
    try {
      const el = await mount(localClient());
      // The element asks for the code itself once the page is idle: that request (failed) comes first,
      // so it cannot land in the middle of the steps below and fail the load they hold.
      await waitUntil(() => gate.asked > 0, 'the panel’s code was not asked for when the page was idle', WAIT);
      const row = dataRows(el)[0];
      const name = cell(row, 'name');
      const open = (): void => row.querySelector<HTMLElement>('[role="gridcell"]')!.click();

      open();
      await waitUntil(() => panel(el)?.querySelector('[role="alert"]'), 'the failure was not said', WAIT);
      expect(text(panel(el)!.querySelector('[role="alert"]'))).to.equal('This could not be shown; try again.');
      expect(text(part(el, 'panel-title'))).to.equal(name);

      gate.answer = 'hold';
      open();
      await waitUntil(() => panel(el)?.getAttribute('aria-busy') === 'true', 'the panel did not say it was loading', WAIT);
      expect(text(panel(el)!.querySelector('[role="status"]'))).to.equal('Loading…');
      expect(part(el, 'open-row')).to.exist;

      gate.release();
      await waitUntil(() => part(el, 'panel-facts'), 'the account did not open', WAIT);
      await waitUntil(() => root(el).activeElement === part(el, 'panel-title'), 'focus did not go to the panel', WAIT);
      expect(text(part(el, 'panel-title'))).to.equal(name);
      expect(panel(el)!.hasAttribute('aria-busy')).to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      gate.release();
      await msw.stop();
    }
  });
});
