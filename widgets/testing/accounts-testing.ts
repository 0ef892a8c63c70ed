/**
 * Test help for `<accounts-grid>` (never imported by production code): data clients on the
 * embedded backend (a fresh namespace and cache per client) or on the REST contract behind msw,
 * mounting the grid on a scope, and reading it back as a user would see it.
 */
import {fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import type {HttpBackendConfig, Scope} from '../../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API} from '../../src/testing/msw.js';
import type {AccountsGrid} from '../accounts-grid/accounts-grid.js';
import '../accounts-grid/accounts-grid.js';

/** Organizations of a test's demo tenant (about 1.5 accounts per customer). */
export const SIZE = 200;
export const WAIT = {timeout: 20_000, interval: 10};
export const DISTRIBUTOR: Scope = {tenantId: DEMO_TENANTS.distributor};
export const RESELLER: Scope = {tenantId: DEMO_TENANTS.reseller};
const clients: DataClient[] = [];

/** A client on the embedded backend with its own store and cache. */
export function localClient(options: {userId?: string; organizations?: number} = {}): DataClient {
  const config = {kind: 'local' as const, organizations: options.organizations ?? SIZE, namespace: `accounts-${crypto.randomUUID()}`, userId: options.userId ?? DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-accounts-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

/** A client on the REST contract at the msw `API`, signed in as `user`, one attempt per call. */
export function httpClient(user: string = DEMO_USERS.distributorAdmin): DataClient {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000};
  const client = new DataClient({config, cacheName: `tenantry-accounts-test-${crypto.randomUUID()}`, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/** Unmounts every element and closes every client a test made (call it in `afterEach`). */
export function cleanup(): void {
  fixtureCleanup();
  for (const c of clients.splice(0)) c.dispose();
}

/** Mounts the grid on `scope` (default the distributor) and waits for its first rows (or a state). */
export async function mount(client: DataClient, options: {scope?: Scope; hrefTemplate?: string} = {}): Promise<AccountsGrid> {
  const el = await fixture<AccountsGrid>(html`<accounts-grid .client=${client} .scope=${options.scope ?? DISTRIBUTOR} href-template=${options.hrefTemplate ?? '#/organization/{id}'}></accounts-grid>`);
  await waitUntil(() => dataRows(el).length > 0 || root(el).querySelector('[part~="state"]:not([role="status"])'), 'no rows and no state', WAIT);
  return el;
}

export const root = (el: AccountsGrid): ShadowRoot => el.shadowRoot!;
export const part = (el: AccountsGrid, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const parts = (el: AccountsGrid, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
export const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const grid = (el: AccountsGrid): HTMLElement => root(el).querySelector<HTMLElement>('[role="grid"]')!;
export const panel = (el: AccountsGrid): HTMLElement | null => part(el, 'panel');

/** Rendered data rows that have their data, in row order. */
export function dataRows(el: AccountsGrid): HTMLElement[] {
  return [...root(el).querySelectorAll<HTMLElement>('.body [role="row"][data-account-id]')].sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')));
}

/** Every rendered body row, loaded or not. */
export const allRows = (el: AccountsGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('.body [role="row"]')];

/** The text of column `key` in `row`. */
export const cell = (row: Element, key: string): string => text(row.querySelector(`[part~="cell-${key}"]`));

/** Rows matching the query (`aria-rowcount` less the header), once rendered. */
export const total = (el: AccountsGrid): number => Number(grid(el)?.getAttribute('aria-rowcount') ?? 1) - 1;

/** Types into the search box as a user does. */
export async function search(el: AccountsGrid, value: string): Promise<void> {
  const input = part(el, 'search-input') as HTMLInputElement;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  await el.updateComplete;
}

/** Sets a filter control (`type`, `provider` or `unassigned`) as a user does. */
export async function filter(el: AccountsGrid, name: 'type' | 'provider' | 'unassigned', value: string | boolean): Promise<void> {
  const control = root(el).querySelector<HTMLInputElement & HTMLSelectElement>(`[data-filter="${name}"]`)!;
  if (typeof value === 'boolean') control.checked = value;
  else control.value = value;
  control.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
  await el.updateComplete;
}

/** Waits until the grid's rows answer the query asked last (nothing pending, rows loaded). */
export async function settled(el: AccountsGrid, what = 'the grid did not settle'): Promise<void> {
  await waitUntil(() => grid(el) && grid(el).getAttribute('aria-busy') === 'false', what, WAIT);
  await el.updateComplete;
}

/** The button whose text starts with `label` or whose accessible name is `label` (in `within`, default the element). */
export function button(el: AccountsGrid, label: string, within: ParentNode = root(el)): HTMLButtonElement {
  const found = [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).startsWith(label) || b.getAttribute('aria-label') === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

/** Opens the account of `row` with a click, and waits for the panel. */
export async function openRow(el: AccountsGrid, row: HTMLElement): Promise<HTMLElement> {
  row.querySelector<HTMLElement>('[role="gridcell"]')!.click();
  // The panel's code loads after the first rows: the panel shows its facts once it has.
  await waitUntil(() => part(el, 'panel-facts'), 'the panel did not open', WAIT);
  await el.updateComplete;
  return panel(el)!;
}

/** Types into the panel's customer combobox and picks the option named `name`. */
export async function assignTo(el: AccountsGrid, name: string): Promise<void> {
  const input = part(el, 'assign-input') as HTMLInputElement;
  input.focus();
  input.value = name;
  input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  await waitUntil(() => parts(el, 'assign-option').some((o) => text(o).startsWith(name)), `no option "${name}"`, WAIT);
  parts(el, 'assign-option')
    .find((o) => text(o).startsWith(name))!
    .click();
  await el.updateComplete;
}

/** Makes the browser say it is offline until the returned function is called. */
export function goOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
  window.dispatchEvent(new Event('offline'));
  return () => {
    Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => true});
    window.dispatchEvent(new Event('online'));
  };
}
