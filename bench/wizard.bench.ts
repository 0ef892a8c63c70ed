/**
 * Customer-wizard suite, with 100,000 organizations loaded (a grid on the same client shows them):
 * opening the wizard to its first step painted; each step change (Next, with the step's checks) to
 * the next step painted; typing in a field with autosave on (long tasks counted, never timed); and
 * a create to the new organization painted in the grid, from the moment the backend answered.
 */
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig, Scope} from '../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../src/shared/demo-tenant.js';
import {DEFAULT_VIEW_STATE} from '../src/shared/grid-view.js';
import type {OrganizationsGrid} from '../widgets/organizations-grid/organizations-grid.js';
import '../widgets/organizations-grid/organizations-grid.js';
import type {CustomerWizard} from '../widgets/customer-wizard/customer-wizard.js';
import '../widgets/customer-wizard/customer-wizard.js';
import {controlId} from '../widgets/customer-wizard/wizard-fields.js';
import {GM, Samples, check, log, longTasks, paintedWhen, params, runSuite, sleep} from './harness.js';

const SUBJECT = 'tenantry';
const SCOPE: Scope = {tenantId: DEMO_TENANTS.reseller};
const samples = new Samples('customer-wizard');
const stage = document.getElementById('stage')!;

const sr = (el: CustomerWizard): ShadowRoot => el.shadowRoot!;
const title = (el: CustomerWizard): string => sr(el).querySelector('[part~="step-title"]')?.textContent?.trim() ?? '';
const control = (el: CustomerWizard, path: string): HTMLInputElement => {
  const c = sr(el).querySelector<HTMLInputElement>(`#${controlId(path)}`);
  check(c, `no control for ${path} on "${title(el)}"`);
  return c;
};
const buttonOf = (el: CustomerWizard, text: string): HTMLButtonElement => {
  const b = [...sr(el).querySelectorAll<HTMLButtonElement>('button')].find((x) => x.textContent!.trim().startsWith(text));
  check(b, `no button "${text}" on "${title(el)}"`);
  return b;
};

function set(el: CustomerWizard, path: string, value: string): void {
  const c = control(el, path);
  c.value = value;
  c.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
  c.dispatchEvent(new FocusEvent('blur'));
}

async function pick(el: CustomerWizard, path: string, value: string): Promise<void> {
  const select = control(el, path) as unknown as HTMLSelectElement;
  await paintedWhen(() => [...select.options].some((o) => o.value === value), `option ${value} of ${path}`);
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
}

/** Next, timed to the next step's heading painted. */
async function next(el: CustomerWizard, expect: string, n: number): Promise<void> {
  const t0 = performance.now();
  buttonOf(el, 'Next').click();
  const t1 = await paintedWhen(() => title(el) === expect, `step "${expect}" (summary: ${sr(el).querySelector('[part~="error-summary"]')?.textContent ?? 'none'})`);
  samples.record(SUBJECT, GM.wizardStep, n, t1 - t0);
}

async function oneRun(n: number, run: number, client: DataClient, grid: OrganizationsGrid): Promise<void> {
  const name = `Zephyrine Bench ${Date.now().toString(36)} ${run}`;
  grid.viewState = {...DEFAULT_VIEW_STATE, search: name};
  await paintedWhen(() => grid.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '1', 'the grid to show no match');

  // Open: a new element to its first step painted.
  const t0 = performance.now();
  const el = document.createElement('customer-wizard');
  el.client = client;
  el.scope = SCOPE;
  stage.append(el);
  const t1 = await paintedWhen(() => title(el) === 'Organization' || sr(el)?.querySelector('[part~="drafts"]'), 'the wizard to open');
  samples.record(SUBJECT, GM.wizardOpen, n, t1 - t0);
  try {
    check(title(el) === 'Organization', 'the wizard opened on a list of drafts (a previous run left one)');
    // Typing with autosave on: a typist's 60 ms gaps, long tasks counted.
    const field = control(el, 'name');
    const typedFrom = performance.now();
    for (let i = 1; i <= name.length; i++) {
      field.value = name.slice(0, i);
      field.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
      await sleep(60);
    }
    await sleep(600);
    samples.record(SUBJECT, GM.wizardTypingLong, n, longTasks(typedFrom, performance.now()), 'count');

    await pick(el, 'parentId', SCOPE.tenantId);
    await next(el, 'Company and billing', n);
    await pick(el, 'companyAddress.country', 'DE');
    set(el, 'companyAddress.line1', 'Unter den Linden 1');
    set(el, 'companyAddress.city', 'Berlin');
    set(el, 'companyAddress.postalCode', '10115');
    await next(el, 'Contacts and people', n);
    set(el, 'contacts[0].firstName', 'Ada');
    set(el, 'contacts[0].lastName', 'Lovelace');
    set(el, 'contacts[0].email', 'ada@example.com');
    set(el, 'adminUser.firstName', 'Grace');
    set(el, 'adminUser.lastName', 'Hopper');
    set(el, 'adminUser.loginEmail', `grace.${run}@example.com`);
    await next(el, 'Microsoft account and Azure', n);
    sr(el).querySelector<HTMLInputElement>('input[type="radio"][value="skip"]')!.click();
    await next(el, 'Plan and services', n);
    await next(el, 'Collection schedules', n);
    await next(el, 'Notifications', n);
    await next(el, 'Sales representatives', n);
    set(el, 'salesReps[0].name', 'Sam Seller');
    set(el, 'salesReps[0].email', 'sam@example.com');
    await next(el, 'Review', n);

    // Create: from the backend's answer (the client call resolving) to the row painted in the grid.
    let answeredAt = 0;
    const create = client.createOrganization.bind(client);
    client.createOrganization = (...args: Parameters<DataClient['createOrganization']>) =>
      create(...args).then((r) => {
        answeredAt = performance.now();
        return r;
      });
    // The wizard says it is done once the draft is gone: the next run must not find it.
    const saved = new Promise<void>((resolve) => el.addEventListener('tenantry-customer-saved', () => resolve(), {once: true}));
    try {
      buttonOf(el, 'Create customer').click();
      const shown = await paintedWhen(() => grid.shadowRoot?.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === '2', 'the new organization in the grid');
      check(answeredAt > 0, 'the grid showed the row before the create answered');
      samples.record(SUBJECT, GM.wizardCreateToGrid, n, shown - answeredAt);
      log(`  n=${n} run ${run + 1}: open ${(t1 - t0).toFixed(0)} ms · create answer → grid ${(shown - answeredAt).toFixed(0)} ms`);
      await saved;
    } finally {
      client.createOrganization = create;
    }
  } finally {
    el.remove();
  }
}

async function main(): Promise<void> {
  const {sizes, runs} = params(3);
  log(`customer-wizard suite · sizes ${sizes.join(', ')} · ${runs} runs`);
  for (const n of sizes) {
    const token = `tenantry-bench-wizard-${Date.now().toString(36)}-${n}`;
    const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace: token, userId: DEMO_USERS.distributorAdmin};
    const client = new DataClient({config, cacheName: `${token}-cache`, user: DEMO_USERS.distributorAdmin});
    const grid = document.createElement('organizations-grid');
    grid.client = client;
    grid.scope = SCOPE;
    grid.style.setProperty('--tenantry-organizations-grid-height', '400px');
    stage.append(grid);
    try {
      // Not timed: the organizations load (the wizard opens on a page that shows them).
      await client.connected;
      await client.openView({tenantId: DEMO_TENANTS.distributor}, {});
      await client.idle();
      for (let run = 0; run < runs; run++) await oneRun(n, run, client, grid);
    } finally {
      grid.remove();
      client.dispose();
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(`${token}-cache`);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
    }
  }
}

runSuite(samples, main);
