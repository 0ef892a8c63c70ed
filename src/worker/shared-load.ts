/**
 * A load several callers wait on (a scope's dataset, organizations or accounts): it is cancelled
 * only when every waiter has given up.
 */
import {abortError, throwIfAborted} from '../shared/contract/errors.js';

export class SharedLoad<T> {
  private readonly controller = new AbortController();
  private waiters = 0;
  readonly promise: Promise<T>;
  /** The loaded value, once there is one. */
  value: T | undefined;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.promise = run(this.controller.signal);
    this.promise.then(
      (v) => (this.value = v),
      () => undefined,
    );
  }

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  join(signal: AbortSignal): Promise<T> {
    throwIfAborted(signal);
    this.waiters++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        if (--this.waiters === 0) this.controller.abort();
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, {once: true});
      this.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          this.waiters--;
          reject(e);
        },
      );
    });
  }
}

