/**
 * Test help for `<customer-details>` (never imported by production code): data clients on the
 * embedded backend or on the REST contract behind msw, mounting on an organization and section,
 * and reading the element back as a user would see it.
 */
import {fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import type {HttpBackendConfig, Scope} from '../../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import {API} from '../../src/testing/msw.js';
import type {CustomerDetails, DetailsSection} from '../customer-details/customer-details.js';
import '../customer-details/customer-details.js';

export const SIZE = 200;
export const WAIT = {timeout: 15_000, interval: 10};
export const DISTRIBUTOR: Scope = {tenantId: DEMO_TENANTS.distributor};
export const RESELLER: Scope = {tenantId: DEMO_TENANTS.reseller};
export const CUSTOMER = DEMO_TENANTS.customer;
const clients: DataClient[] = [];

export function localClient(userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const config = {kind: 'local' as const, organizations: SIZE, namespace: `details-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-details-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

export function httpClient(user: string = DEMO_USERS.distributorAdmin): DataClient {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000};
  const client = new DataClient({config, cacheName: `tenantry-details-test-${crypto.randomUUID()}`, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/** Unmounts every element and closes every client a test made (call it in `afterEach`). */
export function cleanup(): void {
  fixtureCleanup();
  for (const c of clients.splice(0)) c.dispose();
}

/** Mounts the details of `id` (default the first demo customer) in `scope`, and waits for its header. */
export async function mount(client: DataClient, options: {id?: string; section?: DetailsSection; scope?: Scope} = {}): Promise<CustomerDetails> {
  const el = await fixture<CustomerDetails>(
    html`<customer-details .client=${client} .scope=${options.scope ?? RESELLER} organization-id=${options.id ?? CUSTOMER} section=${options.section ?? 'profile'}></customer-details>`,
  );
  await waitUntil(() => part(el, 'title') !== null, 'the header did not show', WAIT);
  // A section opened on demand shows once its code has arrived.
  await waitUntil(() => !root(el).querySelector('.section-loading'), 'the section did not show', WAIT);
  return el;
}

export const root = (el: CustomerDetails): ShadowRoot => el.shadowRoot!;
export const part = (el: CustomerDetails, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const parts = (el: CustomerDetails, name: string): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
export const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const panel = (el: CustomerDetails): HTMLElement => root(el).querySelector<HTMLElement>('[role="tabpanel"]')!;

/** The button whose text starts with `label` (in `within`, default the whole element). */
export function button(el: CustomerDetails, label: string, within: ParentNode = root(el)): HTMLButtonElement {
  const found = [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).startsWith(label) || b.getAttribute('aria-label') === label);
  if (!found) throw new Error(`No button "${label}"`);
  return found;
}

/** Opens a section by its tab, as a user clicks it. */
export async function openSection(el: CustomerDetails, section: DetailsSection): Promise<void> {
  root(el).querySelector<HTMLButtonElement>(`[role="tab"][data-section="${section}"]`)!.click();
  await el.updateComplete;
}

/** Types into an input of an open dialog, as a user does (then leaves it). */
export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  input.blur();
}
