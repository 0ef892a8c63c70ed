/**
 * Page-load suite, a peer grid: what a host of AG Grid or Vaadin Grid does with the same
 * organizations — get every row (generated in the page, as bench/peers.bench.ts does, for the
 * `embedded` lines; or listed from the same REST API as ours, page after page, for `http`), then
 * mount the grid with them. They keep nothing between page loads, so a reload does it all again.
 */
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import type {OrganizationSummary} from '../src/shared/model/types.js';
import {pageLoadParams, reportError, reportFirstRows} from './page-load.js';
import type {MountedPeer} from './peers/ag-grid.js';
import {peerRows, toPeerRows, type PeerRow} from './peers/rows.js';

type Mount = (host: HTMLElement, search: HTMLInputElement, rows: PeerRow[]) => MountedPeer;

/** The largest page the REST contract allows: a host fetching everything asks for as few as it can. */
const PAGE = 10_000;

async function fetchAll(apiBase: string): Promise<OrganizationSummary[]> {
  const headers = {Authorization: `Bearer demo.${DEMO_USERS.distributorAdmin}`, 'Tenantry-Scope': DEMO_TENANTS.distributor};
  const out: OrganizationSummary[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL('organizations', apiBase);
    url.searchParams.set('limit', String(PAGE));
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, {headers});
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const page = (await response.json()) as {items: OrganizationSummary[]; nextCursor: string | null};
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function peerPageLoad(mount: Mount): void {
  const scriptStart = performance.now();
  const {n, backend, apiBase} = pageLoadParams();
  const stage = document.getElementById('stage')!;
  const marks: Record<string, number> = {};
  const rows = backend === 'http' ? fetchAll(apiBase).then(toPeerRows) : Promise.resolve().then(() => peerRows(n));
  void rows.then(
    (r) => {
      marks.rows = performance.now();
      const search = document.createElement('input');
      search.type = 'search';
      search.setAttribute('aria-label', 'Search');
      const host = document.createElement('div');
      host.className = 'grid-host';
      stage.append(search, host);
      reportFirstRows(mount(host, search, r), scriptStart, async () => undefined, marks);
    },
    (e: unknown) => reportError('rows', e),
  );
}
