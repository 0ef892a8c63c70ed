/**
 * The data plane on the page's main thread, for a page whose policy lets no worker start: the
 * same plane served over one end of a `MessageChannel` whose other end the page's `DataClient`
 * talks to, so the client works unchanged. Loaded by dynamic import only when needed
 * (`src/page/platform/data-worker-start.ts`).
 */
import {exposeDataPlane} from './expose-data-plane.js';

/** Starts a data plane on this thread and returns the port a client talks to it through. */
export function startMainThreadPlane(): MessagePort {
  const channel = new MessageChannel();
  exposeDataPlane(channel.port2);
  return channel.port1;
}
