/**
 * Where the data plane runs, decided once per data client by what the page allows:
 *
 * 1. Same origin: the data worker is a module Worker from its own URL (next to this module).
 * 2. Another origin (the script-tag bundle on a CDN): a Worker script must be same-origin with
 *    the page, so a same-origin `blob:` module worker imports the CDN's worker script (the CDN
 *    must answer with CORS). Needs `worker-src blob: <cdn>` where the page has a CSP (the worker's
 *    imports count as worker scripts; its later chunks as scripts, under `script-src <cdn>`).
 * 3. Neither starts (the policy refuses it, the script cannot be fetched): the data plane runs on
 *    the main thread, loaded by dynamic import only then, with a console warning saying why and
 *    what the host could allow.
 *
 * A worker counts as started once its plane says it listens; until then the page's messages wait
 * here, so a worker that fails loses none of them: they go to the main-thread plane instead.
 */
import type {Endpoint} from 'comlink';
import {isDataPlaneReady} from '../../shared/data-plane-start.js';
import {TRUSTED_TYPES_POLICY, workerScriptUrl} from './trusted-types.js';

/** What a data client talks to: a comlink endpoint it can stop. A `Worker` is one. */
export interface DataPlaneEndpoint extends Endpoint {
  terminate(): void;
}

export type DataPlacement = 'worker' | 'blob-worker' | 'main-thread';

/**
 * The data worker's script as the bundler finds it: Vite bundles a worker wherever the source says
 * `new Worker(new URL('…', import.meta.url), {type: 'module'})` and puts the built file's URL in
 * place of that `new URL(…)`. This local stand-in only hands the URL back; the real Worker is
 * started below, with a Trusted Types URL and a way back when it cannot start.
 */
class Worker {
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {}
}
const dataWorkerUrl = (): URL => new Worker(new URL('../../worker/data-worker.ts', import.meta.url), {type: 'module'}).url;

type Outgoing = [message: unknown, transfer: Transferable[]];

/**
 * Starts the data plane where this page allows it; `name` names the worker in dev tools. With
 * `after`, the worker starts once that settles (messages posted before wait for it).
 */
export function startDataPlane(name = 'tenantry-data', after?: Promise<unknown>): DataPlaneEndpoint & {readonly placement: Promise<DataPlacement>} {
  return new StartingPlane(name, after);
}

class StartingPlane extends EventTarget implements DataPlaneEndpoint {
  /** Messages posted before the plane listens; null once they were handed over. */
  private queue: Outgoing[] | null = [];
  private target: (Endpoint & {terminate?(): void; close?(): void}) | null = null;
  private blobUrl: string | null = null;
  private stopped = false;
  private settle!: (placement: DataPlacement) => void;
  /** Where the plane ended up running, once it listens. */
  readonly placement = new Promise<DataPlacement>((resolve) => (this.settle = resolve));
  private readonly onMessage = (e: Event): void => {
    const data = (e as MessageEvent).data;
    if (this.queue && isDataPlaneReady(data)) this.ready();
    else this.dispatchEvent(new MessageEvent('message', {data}));
  };

  constructor(
    private readonly name: string,
    after?: Promise<unknown>,
  ) {
    super();
    const start = (): void => {
      if (!this.stopped) this.startWorker();
    };
    if (after) void after.then(start, start);
    else start();
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.stopped) return;
    if (this.queue) this.queue.push([message, transfer]);
    else this.target?.postMessage(message, transfer);
  }

  terminate(): void {
    this.stopped = true;
    this.queue = null;
    this.detach();
  }

  private kind: DataPlacement = 'worker';

  private startWorker(): void {
    const url = dataWorkerUrl();
    const sameOrigin = url.origin === location.origin;
    this.kind = sameOrigin ? 'worker' : 'blob-worker';
    let worker: globalThis.Worker;
    try {
      let src = url.href;
      if (!sameOrigin) {
        // A module that only imports the worker's script: it runs as a worker of the page's origin.
        this.blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], {type: 'text/javascript'}));
        src = this.blobUrl;
      }
      worker = new globalThis.Worker(workerScriptUrl(src), {type: 'module', name: this.name});
    } catch (e) {
      // Chromium throws at once when a CSP or Trusted Types refuses the script URL.
      this.fallBack(url, e);
      return;
    }
    const onError = (e: Event): void => {
      // An error before the plane listens means the worker never started (refused, unreachable,
      // its module failed to load); later ones are the plane's own and stay with it.
      if (!this.queue || this.target !== worker) return;
      e.preventDefault();
      this.fallBack(url, (e as ErrorEvent).message || 'the worker failed to start');
    };
    worker.addEventListener('error', onError);
    this.attach(worker);
  }

  private attach(target: Endpoint & {terminate?(): void; close?(): void}): void {
    this.target = target;
    target.addEventListener('message', this.onMessage);
    target.start?.();
  }

  private detach(): void {
    const target = this.target;
    this.target = null;
    if (target) {
      target.removeEventListener('message', this.onMessage);
      target.terminate?.();
      target.close?.();
    }
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = null;
  }

  private ready(): void {
    const queue = this.queue ?? [];
    this.queue = null;
    this.settle(this.kind);
    for (const [message, transfer] of queue) this.target?.postMessage(message, transfer);
  }

  private fallBack(url: URL, why: unknown): void {
    this.detach();
    this.kind = 'main-thread';
    const reason = why instanceof Error ? why.message : String(why);
    const allow =
      url.origin === location.origin
        ? `allow it with \`worker-src 'self'\` (or \`script-src\`), and \`trusted-types ${TRUSTED_TYPES_POLICY}\` where Trusted Types are required`
        : `serve the bundle from this page's origin, or allow \`worker-src blob: ${url.origin}\` (a module worker's imports count as worker scripts) and \`script-src ${url.origin}\`, \`trusted-types ${TRUSTED_TYPES_POLICY}\` where Trusted Types are required, and serve ${url.origin} with CORS`;
    console.warn(`Tenantry: the data worker could not start (${reason}), so the data plane runs on the main thread: everything works, but long lists sort and search on the page's thread. To run it in a worker, ${allow}.`);
    // The worker side loads only here, never with the page's code.
    import('../../worker/main-thread-plane.js').then(
      ({startMainThreadPlane}) => {
        if (this.stopped) return;
        this.attach(startMainThreadPlane());
      },
      (e: unknown) => console.error('Tenantry: the data plane could not be loaded on the main thread either.', e),
    );
  }
}
