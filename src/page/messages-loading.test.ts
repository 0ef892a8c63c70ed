/**
 * The wording of messages is a chunk of its own, loaded the first time a message is shown: until
 * then a message reads "Loading…", elements hear when it has arrived, and a failed load shows the
 * English an error carries and is tried again by the next message. Real module loading in Chromium,
 * the module's request failed at the network edge (msw). A page has one module map, so this file
 * owns the first load of the wording, and its tests run in order.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {TenantryError} from '../shared/contract/errors.js';
import {startMsw} from '../testing/msw.js';
import {moduleGate} from '../testing/module-gate.js';
import {errorText, noticeText, onMessagesLoaded} from './messages.js';

const WAIT = {timeout: 15_000};
const gate = moduleGate('src/page/message-words');
let msw: Awaited<ReturnType<typeof startMsw>> | null = null;
before(async () => {
  msw = await startMsw(gate.handler);
});
after(async () => {
  await msw?.stop();
});

const refused = new TenantryError('conflict', 'Only active customers can be suspended; this one is archived.', {reason: {id: 'lifecycle.not-allowed', params: {action: 'suspend', status: 'archived', kind: 'customer'}}});

describe('messages: the wording loads when first needed', () => {
  it('says "Loading…" at first; a failed load shows the error’s English, and elements hear of it', async () => {
    let heard = 0;
    const stop = onMessagesLoaded(() => heard++);
    expect(errorText(refused)).to.equal('Loading…');
    await waitUntil(() => heard === 1, 'told of the failed load', WAIT);
    expect(errorText(refused)).to.equal(refused.message);
    expect(noticeText({kind: 'memory-fallback', reason: 'quota', message: 'The storage is full.'})).to.equal('The storage is full.');
    stop();
  });

  it('tries again with the next message, and words it once loaded', async () => {
    gate.answer = 'pass';
    let heard = 0;
    const stop = onMessagesLoaded(() => heard++);
    // Still the English until the retry started by this call has loaded.
    expect(errorText(refused)).to.equal(refused.message);
    await waitUntil(() => heard === 1, 'told of the load', WAIT);
    // The page's own sentence for the reason, not the English the error carried.
    expect(errorText(refused)).to.equal('Only an active customer can be suspended; this one is archived.');
    stop();
  });
});
