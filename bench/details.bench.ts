/**
 * Customer-details suite, with the organizations loaded and a grid on the same client showing them
 * (warm cache, as in the customer-wizard suite): a mounted `<customer-details>` given another
 * organization to its header and profile painted; a lifecycle move sent optimistically to the
 * grid row's status repainted; and scrolling an audit log of 100,000 entries (frame gaps counted as
 * the grid suite counts them, `scrollThrough`), which reads its pages as it goes.
 *
 * Query parameters: `sizes=10000,100000`, `runs=3`.
 */
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig, Scope} from '../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import {STATUS_LABELS} from '../src/shared/model/labels.js';
import type {Id, LifecycleAction} from '../src/shared/model/types.js';
import type {OrganizationsGrid} from '../widgets/organizations-grid/organizations-grid.js';
import '../widgets/organizations-grid/organizations-grid.js';
import type {CustomerDetails} from '../widgets/customer-details/customer-details.js';
import '../widgets/customer-details/customer-details.js';
import {GM, Samples, check, deleteDatabases, firstPaint, log, paintedWhen, params, runSuite, scrollThrough, sleep} from './harness.js';
import {tenantryProbe} from './tenantry-probe.js';
import {seedAuditHistory} from '../src/testing/audit-history.js';

const SUBJECT = 'tenantry';
/** The distributor: the grid and the details see every organization of the size. */
const SCOPE: Scope = {tenantId: DEMO_TENANTS.distributor};
const TOKEN_PREFIX = 'tbench-details-';
/** The audit log the scroll metric asks for. */
const AUDIT_ENTRIES = 100_000;
/** Scrolled through per run: 20 rows a frame, about 3 s at 60 Hz, 20 pages of the log read on the way. */
const AUDIT_SCROLL_ROWS = 4000;

const samples = new Samples('customer-details');
const stage = document.getElementById('stage')!;

// ---- what the bench reads of the two elements (their shadow DOM, as a user sees them) -----------

const dsr = (el: CustomerDetails): ShadowRoot | null => el.shadowRoot;
const detailsTitle = (el: CustomerDetails): string | null => dsr(el)?.querySelector('[part~="title"]')?.textContent?.trim() ?? null;
const profileShown = (el: CustomerDetails): boolean => !!dsr(el)?.querySelector('[part~="panel"] [part~="profile-group"] dd');
const detailsError = (el: CustomerDetails): string | null => dsr(el)?.querySelector('[part~="notice"][data-tone="danger"]')?.textContent?.trim() ?? null;

const gridRows = (grid: OrganizationsGrid): HTMLElement[] => [...(grid.shadowRoot?.querySelectorAll<HTMLElement>('.body [role="row"][data-org-id]') ?? [])];
const gridRow = (grid: OrganizationsGrid, id: Id): HTMLElement | null => grid.shadowRoot?.querySelector<HTMLElement>(`.body [role="row"][data-org-id="${CSS.escape(id)}"]`) ?? null;
const statusText = (row: HTMLElement | null): string | null => row?.querySelector('[part~="cell-status"] [part~="status-badge"]')?.textContent?.trim() ?? null;

// ---- 1. details open ----------------------------------------------------------------------------

interface Pick {
  id: Id;
  name: string;
}

/** Organizations to open, one per run, each once: neither the grid's lifecycle row nor the audit one. */
async function detailsPicks(client: DataClient, count: number, exclude: ReadonlySet<Id>): Promise<Pick[]> {
  const view = await client.openView(SCOPE, {});
  try {
    const rows = view.firstRows ?? [];
    const out: Pick[] = [];
    const names = new Set<string>();
    // From row 20 on: not the rows the grid shows (the lifecycle metric writes to one of them).
    for (const row of rows.slice(20)) {
      if (out.length === count) break;
      if (exclude.has(row.org.id) || row.org.id === SCOPE.tenantId || names.has(row.org.name)) continue;
      // Distinct names: the title of the organization shown before can never pass for the next one.
      names.add(row.org.name);
      out.push({id: row.org.id, name: row.org.name});
    }
    check(out.length === count, `only ${out.length} organizations to open of the ${count} runs need (first rows: ${rows.length})`);
    return out;
  } finally {
    client.closeView(view.viewId);
  }
}

/** Sets `organizationId` on the mounted element (timed from there) to its title and profile painted. */
async function openDetails(el: CustomerDetails, pick: Pick, n: number, run: number): Promise<void> {
  el.section = 'profile';
  await el.updateComplete;
  const t0 = performance.now();
  el.organizationId = pick.id;
  const t1 = await paintedWhen(() => {
    const error = detailsError(el);
    check(!error, `the details of ${pick.id} failed: ${error}`);
    return detailsTitle(el) === pick.name && profileShown(el);
  }, `the details of "${pick.name}" (${pick.id})`);
  samples.record(SUBJECT, GM.detailsOpen, n, t1 - t0);
  log(`  n=${n} run ${run + 1}: details open "${pick.name}" ${(t1 - t0).toFixed(0)} ms`);
}

// ---- 2. lifecycle move, optimistic, to the grid's row -------------------------------------------

/** A row the grid shows whose status allows suspend or resume (the first data rows are in view). */
function lifecycleRow(grid: OrganizationsGrid): Id {
  const row = gridRows(grid).find((r) => r.dataset.orgId !== SCOPE.tenantId && (statusText(r) === STATUS_LABELS.active || statusText(r) === STATUS_LABELS.suspended));
  check(row, `no row in view is active or suspended (statuses: ${gridRows(grid).map(statusText).join(', ')})`);
  return row.dataset.orgId!;
}

async function lifecycleMove(client: DataClient, grid: OrganizationsGrid, id: Id, n: number, run: number): Promise<void> {
  // Not timed: the ETag of the record as it is now, and the move its status allows.
  const {value, etag} = await client.getOrganization(SCOPE, id);
  check(value.status === 'active' || value.status === 'suspended', `${id} is ${value.status}: neither suspend nor resume applies`);
  const action: LifecycleAction = value.status === 'active' ? 'suspend' : 'resume';
  const expected = STATUS_LABELS[value.status === 'active' ? 'suspended' : 'active'];
  check(statusText(gridRow(grid, id)) === STATUS_LABELS[value.status], `the grid's row ${id} shows "${statusText(gridRow(grid, id))}", not ${value.status}`);

  let answeredAt = 0;
  const t0 = performance.now();
  const answer = client.transitionOrganization(SCOPE, id, action, etag, {optimistic: true}).then((r) => {
    answeredAt = performance.now();
    return r;
  });
  // The answer's failure surfaces below; here it must not end the wait unseen.
  answer.catch(() => undefined);
  const t1 = await paintedWhen(() => statusText(gridRow(grid, id)) === expected, `the grid's row ${id} to show ${expected}`);
  samples.record(SUBJECT, GM.lifecycleOptimistic, n, t1 - t0);
  const written = await answer;
  check(written.value.status === (action === 'suspend' ? 'suspended' : 'active'), `${action} answered ${written.value.status}`);
  log(`  n=${n} run ${run + 1}: ${action} → row repainted ${(t1 - t0).toFixed(0)} ms (answered after ${(answeredAt - t0).toFixed(0)} ms)`);
  // The next run reads a settled record.
  await client.idle();
  await sleep(200);
}

// ---- 3. audit log scroll ------------------------------------------------------------------------

/** The customer whose audit log is scrolled: seeded with its history before the worker starts. */
const AUDIT_ORG_ID = DEMO_TENANTS.customer;

const auditRows = (el: CustomerDetails): HTMLElement[] => [...(dsr(el)?.querySelectorAll<HTMLElement>('[part~="audit-row"]') ?? [])];
/** Entries loaded so far: the windowed list's spacer is as tall as all of them. */
const auditLoaded = (el: CustomerDetails, rowHeight: number): number => Math.round((dsr(el)?.querySelector<HTMLElement>('.audit-spacer')?.offsetHeight ?? 0) / rowHeight);

/** Opens the audit section from the start (its first page read anew) and scrolls through it. */
async function scrollAudit(el: CustomerDetails, org: Pick, entries: number, n: number, run: number, record: boolean): Promise<void> {
  // Away and back: the list starts over, so every run reads its pages as it scrolls.
  el.section = 'profile';
  await el.updateComplete;
  el.organizationId = org.id;
  await paintedWhen(() => detailsTitle(el) === org.name && profileShown(el), `the details of "${org.name}"`);
  el.section = 'audit';
  await paintedWhen(() => {
    const error = detailsError(el);
    check(!error, `the audit log failed: ${error}`);
    return auditRows(el).length > 0;
  }, 'the first audit entries');
  const viewport = dsr(el)!.querySelector<HTMLElement>('[part~="audit-viewport"]');
  check(viewport, 'no audit viewport');
  const rowHeight = auditRows(el)[0].getBoundingClientRect().height;
  check(rowHeight > 0, 'audit rows have no height');
  const loadedBefore = auditLoaded(el, rowHeight);
  const scroll = await scrollThrough(viewport, rowHeight, AUDIT_SCROLL_ROWS);
  const reached = Math.max(...auditRows(el).map((r) => Number(r.getAttribute('aria-rowindex')) - 1));
  const loaded = auditLoaded(el, rowHeight);
  const line = `${scroll.over50} frames > 50 ms, longest ${scroll.maxGap.toFixed(0)} ms; entries loaded ${loadedBefore} → ${loaded} of ${entries.toLocaleString('en-US')}, last row in view #${reached}`;
  if (record) {
    check(loaded > loadedBefore, `the audit log read no page while scrolling (${line})`);
    samples.record(SUBJECT, GM.auditScrollFrames, n, scroll.over50, 'count');
    samples.record(SUBJECT, GM.auditScrollMaxGap, n, scroll.maxGap);
    log(`  n=${n} run ${run + 1}: audit log scroll: ${line}`);
  } else {
    log(`  n=${n} run ${run + 1}: audit log scroll (wiring check only, not a figure): ${line}`);
  }
  viewport.scrollTop = 0;
}

// ---- the suite ----------------------------------------------------------------------------------

async function oneSize(n: number, runs: number): Promise<void> {
  const token = `${TOKEN_PREFIX}${Date.now().toString(36)}-${n}`;
  const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace: token, userId: DEMO_USERS.distributorAdmin};
  // Not timed: one customer's long audit history, in the store before its worker reads it.
  await seedAuditHistory(config, AUDIT_ENTRIES, {organizationId: AUDIT_ORG_ID});
  const client = new DataClient({config, cacheName: `${token}-cache`, user: DEMO_USERS.distributorAdmin});
  const grid = document.createElement('organizations-grid');
  grid.client = client;
  grid.scope = SCOPE;
  grid.style.setProperty('--tenantry-organizations-grid-height', '400px');
  stage.append(grid);
  let details: CustomerDetails | null = null;
  try {
    // Not timed: the organizations load and the grid shows them (the details open on such a page).
    await client.connected;
    await firstPaint(tenantryProbe(grid));
    await client.idle();

    details = document.createElement('customer-details');
    details.client = client;
    details.scope = SCOPE;
    stage.append(details);
    await paintedWhen(() => dsr(details!)?.querySelector('[part~="empty"]'), 'the details to say no customer is chosen');

    const lifecycleId = lifecycleRow(grid);
    const {value: audited} = await client.getOrganization(SCOPE, AUDIT_ORG_ID);
    const auditOrg: Pick = {id: audited.id, name: audited.name};
    const picks = await detailsPicks(client, runs, new Set([lifecycleId, auditOrg.id]));

    for (let run = 0; run < runs; run++) await openDetails(details, picks[run], n, run);
    for (let run = 0; run < runs; run++) await lifecycleMove(client, grid, lifecycleId, n, run);

    for (let run = 0; run < runs; run++) await scrollAudit(details, auditOrg, AUDIT_ENTRIES, n, run, true);
  } finally {
    details?.remove();
    grid.remove();
    client.dispose();
    await deleteDatabases(token);
  }
}

async function main(): Promise<void> {
  const {sizes, runs} = params(3);
  log(`customer-details suite · sizes ${sizes.join(', ')} · ${runs} runs`);
  for (const n of sizes) await oneSize(n, runs);
}

runSuite(samples, main);
