/**
 * Tenant-switcher suite: type-ahead over the whole hierarchy a distributor admin sees (100,000
 * customers + resellers and anchors), timed as a user sees it — from a keystroke in the combobox to
 * the frame that paints the options for that text. The search runs in the data worker, so the
 * main thread only renders one screenful of options.
 */
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig} from '../src/shared/contract/backend.js';
import {DEMO_USERS} from '../src/shared/demo-tenant.js';
import {ScopeStore} from '../src/page/scope-store.js';
import '../widgets/tenant-switcher/tenant-switcher.js';
import type {TenantSwitcher} from '../widgets/tenant-switcher/tenant-switcher.component.js';
import {GM, Samples, check, frame, log, longTasks, params, runSuite, sleep} from './harness.js';

const SUITE = 'tenant-switcher';
const SUBJECT = 'tenantry';
/** Words as staff type them: a name, a name and a reseller, a domain, a tenant ID prefix. */
const QUERIES = ['harbor', 'cloudhaven dent', 'aurora-st', '__GUID__'];

const samples = new Samples(SUITE);
const stage = document.getElementById('stage')!;

const shadow = (el: TenantSwitcher): ShadowRoot => el.shadowRoot!;
const input = (el: TenantSwitcher): HTMLInputElement => shadow(el).querySelector('input[role="combobox"]')!;
const status = (el: TenantSwitcher): string => shadow(el).querySelector('[part~="status"]')?.textContent?.trim() ?? '';
const optionCount = (el: TenantSwitcher): number => shadow(el).querySelectorAll('[role="option"]').length;

/** Resolves on the frame after the list shows the answer to `text` (its status is no longer pending). */
async function painted(el: TenantSwitcher, text: string, timeoutMs = 30_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    await el.updateComplete;
    const s = status(el);
    if (input(el).value === text && s && !/Searching|Loading/.test(s)) {
      await frame();
      return performance.now();
    }
    check(performance.now() < end, `no results painted for "${text}" (status "${s}")`);
    await frame();
  }
}

async function typeAhead(el: TenantSwitcher, text: string): Promise<number[]> {
  const field = input(el);
  const times: number[] = [];
  for (let i = 1; i <= text.length; i++) {
    const value = text.slice(0, i);
    const t0 = performance.now();
    field.value = value;
    field.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText', data: text[i - 1]}));
    const t1 = await painted(el, value);
    times.push(t1 - t0);
    // A typist's gap between keys; every keystroke is timed to its own paint.
    await sleep(40);
  }
  return times;
}

async function oneRun(n: number, run: number): Promise<void> {
  const token = `tenantry-bench-switcher-${Date.now().toString(36)}-${run}`;
  const config: LocalBackendConfig = {kind: 'local', organizations: n, namespace: token, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `${token}-cache`, user: DEMO_USERS.distributorAdmin});
  const store = ScopeStore.forClient(client, {urlParam: null});
  const el = document.createElement('tenant-switcher');
  el.client = client;
  el.store = store;
  stage.append(el);
  try {
    await client.connected;
    // Not timed: loading the hierarchy and building the index, as after sign-in.
    input(el).focus();
    await typeAhead(el, 'a');
    const home = {tenantId: (await client.session).homeTenantId};
    const customer = (await client.searchTenants(home, {text: 'a', limit: 1, kinds: ['customer']})).hits[0].id;
    const detail = await client.getOrganization(home, customer);
    const prefix = detail.value.tenants[0]?.tenantId.slice(0, 8) ?? '0000';
    const all: number[] = [];
    let longs = 0;
    for (const query of QUERIES.map((q) => (q === '__GUID__' ? prefix : q))) {
      const t0 = performance.now();
      all.push(...(await typeAhead(el, query)));
      await sleep(100);
      longs += longTasks(t0, performance.now());
      check(optionCount(el) > 0 || /No tenant/.test(status(el)), `no list for "${query}"`);
    }
    for (const ms of all) samples.record(SUBJECT, GM.typeAhead, n, ms);
    samples.record(SUBJECT, GM.typeAheadLong, n, longs, 'count');
    const sorted = [...all].sort((a, b) => a - b);
    log(`  n=${n} run ${run + 1}: ${all.length} keystrokes · median ${sorted[sorted.length >> 1].toFixed(1)} ms · max ${sorted.at(-1)!.toFixed(1)} ms · long tasks ${longs}`);
  } finally {
    el.remove();
    store.dispose();
    client.dispose();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(`${token}-cache`);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

async function main(): Promise<void> {
  const {sizes, runs} = params(3);
  log(`tenant-switcher suite · sizes ${sizes.join(', ')} · ${runs} runs`);
  for (const n of sizes) for (let run = 0; run < runs; run++) await oneRun(n, run);
}

runSuite(samples, main);
