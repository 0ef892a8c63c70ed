/**
 * What the page and the data plane agree on when the plane starts, wherever it runs (a module
 * Worker, or the page's main thread when no worker may start).
 */

/**
 * Posted once by the data plane's side as soon as it listens: until then the page keeps its
 * messages, so a worker that never started (refused by the page's policy, its script unreachable)
 * loses none of them and they go to the main-thread plane instead.
 */
export const DATA_PLANE_READY = 'tenantry:data-plane-ready';

export function isDataPlaneReady(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as {tenantry?: unknown}).tenantry === DATA_PLANE_READY;
}
