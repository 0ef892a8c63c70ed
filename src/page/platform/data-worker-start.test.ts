/**
 * Where and when the data plane starts: a real module worker of the page's origin, started at once
 * or only once the promise it was given settles (a warm start holds it back until the saved first
 * rows were painted).
 */
import {expect} from '@open-wc/testing';
import {startDataPlane, type DataPlacement} from './data-worker-start.js';

const pending = Symbol('pending');
/** The placement if it has settled by the time a few tasks have run, else `pending`. */
async function settledPlacement(plane: {placement: Promise<DataPlacement>}, waitMs: number): Promise<DataPlacement | typeof pending> {
  return Promise.race([plane.placement, new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), waitMs))]);
}

describe('startDataPlane', () => {
  it('starts a worker of the page’s origin at once', async () => {
    const plane = startDataPlane('test-data');
    try {
      expect(await plane.placement).to.equal('worker');
    } finally {
      plane.terminate();
    }
  });

  it('holds the worker back until `after` settles, resolved or rejected, and keeps what was posted meanwhile', async () => {
    for (const settle of ['resolve', 'reject'] as const) {
      let release!: (ok: boolean) => void;
      const after = new Promise<void>((resolve, reject) => (release = (ok) => (ok ? resolve() : reject(new Error('no saved rows')))));
      const plane = startDataPlane('test-data', after);
      try {
        // The worker would have said it listens long before this, had it been started.
        expect(await settledPlacement(plane, 1500), settle).to.equal(pending);
        release(settle === 'resolve');
        expect(await plane.placement, settle).to.equal('worker');
      } finally {
        plane.terminate();
      }
    }
  });

  it('never starts a worker that was terminated while held back', async () => {
    let release!: () => void;
    const plane = startDataPlane('test-data', new Promise<void>((resolve) => (release = resolve)));
    plane.terminate();
    release();
    expect(await settledPlacement(plane, 1500)).to.equal(pending);
  });
});
