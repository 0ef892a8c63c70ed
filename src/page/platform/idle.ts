/**
 * Work that can wait until the browser is idle: the one place that knows how. Safari has no
 * `requestIdleCallback`, so there a short timeout stands in for it.
 */

/** Runs `callback` when the page is idle, or after `timeoutMs` at the latest. Returns a cancel. */
export function whenIdle(callback: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => callback(), {timeout: timeoutMs});
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, Math.min(timeoutMs, 50));
  return () => clearTimeout(handle);
}
