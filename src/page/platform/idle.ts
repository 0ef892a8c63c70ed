/**
 * Work that can wait until the browser is idle or has painted: the one place that knows how.
 * Safari has no `requestIdleCallback`, so there a short timeout stands in for it.
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

/**
 * Resolves once the page has painted the frame after now (a `requestAnimationFrame` callback, then
 * a task after that frame), or after `timeoutMs` at the latest: a hidden tab paints no frames.
 */
export function afterNextPaint(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
