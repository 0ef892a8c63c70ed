/**
 * A lazily loaded module's request, answered at the network edge (msw) as a test says: failed,
 * held until `release()`, or let through. The test runner serves each module under its source's
 * name, so a gate names the module by its source path without extension
 * (`widgets/customer-wizard/wizard-deferred`).
 */
import {http, HttpResponse, passthrough, type HttpHandler} from 'msw';

export interface ModuleGate {
  /** How the next requests are answered. */
  answer: 'fail' | 'hold' | 'pass';
  /** Lets held requests (and later ones while `hold`) through. */
  release(): void;
  /** How many of its module's requests it has seen (a widget's load when the page is idle is one). */
  readonly asked: number;
  /** The handler to start msw with. */
  readonly handler: HttpHandler;
}

export function moduleGate(source: string): ModuleGate {
  let release: () => void = () => undefined;
  let asked = 0;
  const held = new Promise<void>((resolve) => (release = resolve));
  const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const gate: ModuleGate = {
    answer: 'fail',
    release: () => release(),
    get asked() {
      return asked;
    },
    handler: http.get(new RegExp(`/${escaped}\\.(?:ts|js)(?:\\?|$)`), async () => {
      asked++;
      if (gate.answer === 'fail') return HttpResponse.error();
      if (gate.answer === 'hold') await held;
      return passthrough();
    }),
  };
  return gate;
}
