import {expect} from '@open-wc/testing';

describe('forms: in a Web Worker', () => {
  it('every rule runs without a DOM, loading its libraries there', async () => {
    const worker = new Worker(new URL('./in-worker.fixture.ts', import.meta.url), {type: 'module'});
    try {
      const answer = await new Promise<{result?: Record<string, unknown>; error?: string}>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<{result?: Record<string, unknown>; error?: string}>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage('run');
      });
      expect(answer.error).to.equal(undefined);
      expect(answer.result).to.deep.equal({
        hasDocument: false,
        text: ['text.invisible'],
        email: 'info@xn--bcher-kva.de',
        link: ['link.script'],
        country: 'Deutschland',
        subdivision: 'California',
        postal: 'checked',
        phone: '+14258828080',
        cron: ['cron.never'],
        reading: 'At 02:00',
        runs: ['2026-01-02T14:00:00.000Z'],
        features: ['costDetails'],
        date: ['date.no-such-day'],
      });
    } finally {
      worker.terminate();
    }
  });
});
