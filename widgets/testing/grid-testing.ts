/**
 * Test help for `<organizations-grid>`: body rows render only the columns in view (plus a margin),
 * so a test that works with a column far to the side scrolls it into view first, as a user would.
 */
import {waitUntil} from '@open-wc/testing';
import {http} from 'msw';
import {API, startMsw} from '../../src/testing/msw.js';
import type {ColumnKey} from '../../src/shared/columns.js';
import type {OrganizationsGrid} from '../organizations-grid/organizations-grid.component.js';

/** Scrolls the grid sideways until column `key` is in view and its body cells are rendered. */
export async function showColumn(el: OrganizationsGrid, key: ColumnKey): Promise<void> {
  const root = el.shadowRoot!;
  const viewport = root.querySelector<HTMLElement>('.viewport')!;
  const header = root.querySelector<HTMLElement>(`[role="columnheader"][data-key="${key}"]`);
  if (!header) throw new Error(`column ${key} is not shown`);
  viewport.scrollLeft = Math.max(0, header.offsetLeft + header.offsetWidth - viewport.clientWidth + 40);
  await waitUntil(() => root.querySelector(`.body [role="row"][data-org-id] [part~="cell-${key}"]`), `the ${key} cells did not render`, {timeout: 15_000});
  await el.updateComplete;
}

/**
 * msw serving the REST contract through `handle`, except that the organizations list waits until
 * `release()`: the grid's loading state stays on screen for as long as a test needs it.
 */
export async function startGatedApi(handle: (request: Request) => Promise<Response>): Promise<{release(): void; stop(): Promise<void>}> {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const msw = await startMsw(
    http.get(`${API}organizations`, async ({request}) => {
      await gate;
      return handle(request);
    }),
    http.all(`${API}*`, ({request}) => handle(request)),
  );
  return {
    release: () => release(),
    stop: async () => {
      release();
      await msw.stop();
    },
  };
}
