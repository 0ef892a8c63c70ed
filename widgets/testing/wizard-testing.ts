/**
 * Test help for `<customer-wizard>` (never imported by production code): data clients on the
 * embedded backend or on the REST contract behind msw, mounting, and a user's moves (type and
 * leave a field, choose, Next) read back from the wizard's shadow root as a user would see it.
 */
import {fixture, fixtureCleanup, html, waitUntil} from '@open-wc/testing';
import {DataClient} from '../../src/page/data-client.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import type {HttpBackendConfig, Scope} from '../../src/shared/contract/backend.js';
import {API} from '../../src/testing/msw.js';
import type {CustomerWizard} from '../customer-wizard/customer-wizard.js';
import '../customer-wizard/customer-wizard.js';
import {controlId} from '../customer-wizard/wizard-fields.js';

export const SIZE = 200;
export const WAIT = {timeout: 15_000, interval: 10};
export const RESELLER: Scope = {tenantId: DEMO_TENANTS.reseller};
const clients: DataClient[] = [];

export function localClient(userId: string = DEMO_USERS.distributorAdmin): DataClient {
  const config = {kind: 'local' as const, organizations: SIZE, namespace: `wizard-${crypto.randomUUID()}`, userId};
  const client = new DataClient({config, cacheName: `tenantry-wizard-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

export function httpClient(cacheName = `tenantry-wizard-test-${crypto.randomUUID()}`, user: string = DEMO_USERS.distributorAdmin): DataClient {
  const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 5000};
  const client = new DataClient({config, cacheName, user, tokenProvider: async () => `demo.${user}`});
  clients.push(client);
  return client;
}

/** Unmounts every wizard and closes every client a test made (call it in `afterEach`). */
export function cleanup(): void {
  fixtureCleanup();
  for (const c of clients.splice(0)) c.dispose();
}

export const root = (el: CustomerWizard): ShadowRoot => el.shadowRoot!;
export const part = (el: CustomerWizard, name: string): HTMLElement | null => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const stepTitle = (el: CustomerWizard): string => text(part(el, 'step-title'));
export const fieldId = controlId;

export function field(el: CustomerWizard, path: string): HTMLInputElement {
  const control = root(el).querySelector<HTMLInputElement>(`#${fieldId(path)}`);
  if (!control) throw new Error(`No control for ${path} on step "${stepTitle(el)}"`);
  return control;
}

export const hasField = (el: CustomerWizard, path: string): boolean => root(el).querySelector(`#${fieldId(path)}`) !== null;

export function button(el: CustomerWizard, label: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b).startsWith(label));
  if (!found) throw new Error(`No button "${label}" on step "${stepTitle(el)}"`);
  return found;
}

export const errorOf = (el: CustomerWizard, path: string): string => text(root(el).querySelector(`[data-path="${path}"] [part~="field-error"]`)).replace(/^Error:\s*/, '');

/** Types into a field as a user does (one input event with the whole text, as a paste), then leaves it. */
export async function type(el: CustomerWizard, path: string, value: string): Promise<void> {
  const control = field(el, path);
  control.focus();
  control.value = value;
  control.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
  control.blur();
  await el.updateComplete;
}

/** Waits for a field's error to say `words` (after leaving it, the check is async). */
export async function errorSays(el: CustomerWizard, path: string, words: string): Promise<string> {
  await waitUntil(() => errorOf(el, path).includes(words), undefined, WAIT).catch(() => {
    throw new Error(`no error "${words}" on ${path} (it says "${errorOf(el, path)}")`);
  });
  return errorOf(el, path);
}

export async function choose(el: CustomerWizard, path: string, value: string): Promise<void> {
  const select = field(el, path) as unknown as HTMLSelectElement;
  await waitUntil(() => [...select.options].some((o) => o.value === value), `no option ${value} for ${path}`, WAIT);
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
  await el.updateComplete;
}

export async function check(el: CustomerWizard, path: string, on: boolean): Promise<void> {
  const box = field(el, path);
  if (box.checked !== on) box.click();
  await el.updateComplete;
}

export async function radio(el: CustomerWizard, value: string): Promise<void> {
  const input = root(el).querySelector<HTMLInputElement>(`input[type="radio"][value="${value}"]`);
  if (!input) throw new Error(`No radio button ${value} on step "${stepTitle(el)}"`);
  input.click();
  await el.updateComplete;
}

export const summaryText = (el: CustomerWizard): string => text(part(el, 'error-summary'));

/** Next: reaches `expectTitle`, or (without one) either moves on or shows the error summary. */
export async function next(el: CustomerWizard, expectTitle?: string): Promise<void> {
  const before = stepTitle(el);
  button(el, 'Next').click();
  if (expectTitle) {
    await waitUntil(() => stepTitle(el) === expectTitle, undefined, WAIT).catch(() => {
      throw new Error(`Next from "${before}" did not reach "${expectTitle}" (now "${stepTitle(el)}"; summary: ${summaryText(el)})`);
    });
  } else await waitUntil(() => part(el, 'error-summary') || stepTitle(el) !== before, 'Next did nothing', WAIT);
}

/** Next is refused: the step stays and the summary lists `words`. */
export async function nextRefused(el: CustomerWizard, words: string): Promise<void> {
  const before = stepTitle(el);
  button(el, 'Next').click();
  await waitUntil(() => summaryText(el).includes(words), undefined, WAIT).catch(() => {
    throw new Error(`Next from "${before}" was not refused with "${words}" (now "${stepTitle(el)}"; summary: ${summaryText(el)})`);
  });
  if (stepTitle(el) !== before) throw new Error(`Next left "${before}" for "${stepTitle(el)}"`);
}

export async function back(el: CustomerWizard, expectTitle: string): Promise<void> {
  button(el, 'Back').click();
  await waitUntil(() => stepTitle(el) === expectTitle, `Back did not reach "${expectTitle}"`, WAIT);
}

export async function mount(client: DataClient, scope: Scope = RESELLER, attrs: {organizationId?: string; draftId?: string} = {}): Promise<CustomerWizard> {
  const el = await fixture<CustomerWizard>(
    html`<customer-wizard .client=${client} .scope=${scope} organization-id=${attrs.organizationId ?? ''} draft-id=${attrs.draftId ?? ''}></customer-wizard>`,
  );
  if (!attrs.organizationId) el.organizationId = null;
  if (!attrs.draftId) el.draftId = null;
  await waitUntil(() => stepTitle(el) !== '' || part(el, 'drafts') || part(el, 'notice'), 'the wizard did not open', WAIT);
  return el;
}

/** Step 1 filled: a name, the parent. */
export async function fillOrganization(el: CustomerWizard, name: string, parentId = RESELLER.tenantId): Promise<void> {
  await type(el, 'name', name);
  await choose(el, 'parentId', parentId);
}

/** Step 2 filled with a German company address. */
export async function fillCompany(el: CustomerWizard): Promise<void> {
  await choose(el, 'companyAddress.country', 'DE');
  await type(el, 'companyAddress.line1', 'Unter den Linden 1');
  await type(el, 'companyAddress.city', 'Berlin');
  await type(el, 'companyAddress.postalCode', '10115');
}

/** Step 3 filled: the primary contact and the admin user. */
export async function fillPeople(el: CustomerWizard): Promise<void> {
  await type(el, 'contacts[0].firstName', 'Ada');
  await type(el, 'contacts[0].lastName', 'Lovelace');
  await type(el, 'contacts[0].email', 'ada@example.com');
  await type(el, 'adminUser.firstName', 'Grace');
  await type(el, 'adminUser.lastName', 'Hopper');
  await type(el, 'adminUser.loginEmail', 'grace@example.com');
}

/** Each step's title, in order. */
export const TITLES = [
  'Organization',
  'Company and billing',
  'Contacts and people',
  'Microsoft account and Azure',
  'Plan and services',
  'Collection schedules',
  'Notifications',
  'Sales representatives',
  'Review',
] as const;

/** Fills every required field of each step from the first and goes on with Next until `title` is open. */
export async function fillUntil(el: CustomerWizard, name: string, title: (typeof TITLES)[number], parentId = RESELLER.tenantId): Promise<void> {
  const fill: Record<string, () => Promise<void>> = {
    Organization: () => fillOrganization(el, name, parentId),
    'Company and billing': () => fillCompany(el),
    'Contacts and people': () => fillPeople(el),
    'Microsoft account and Azure': () => radio(el, 'skip'),
    'Sales representatives': async () => {
      await type(el, 'salesReps[0].name', 'Sam Seller');
      await type(el, 'salesReps[0].email', 'sam@example.com');
    },
  };
  for (let i = 0; TITLES[i] !== title; i++) {
    if (stepTitle(el) !== TITLES[i]) throw new Error(`expected step "${TITLES[i]}", found "${stepTitle(el)}"`);
    await fill[TITLES[i]]?.();
    await next(el, TITLES[i + 1]);
  }
}

/** Fills every required field, step by step, up to the review. */
export async function fillToReview(el: CustomerWizard, name: string, parentId = RESELLER.tenantId): Promise<void> {
  await fillUntil(el, name, 'Review', parentId);
}

/** The notice above the form (progress and outcome of a save). */
export const notice = (el: CustomerWizard): string => text(part(el, 'notice'));

export async function noticeSays(el: CustomerWizard, words: string): Promise<void> {
  await waitUntil(() => notice(el).includes(words), undefined, WAIT).catch(() => {
    throw new Error(`the notice did not say "${words}" (it says "${notice(el)}")`);
  });
}

/** Every `tenantry-customer-saved` of `el`, as it comes. */
export function savedIds(el: CustomerWizard): string[] {
  const ids: string[] = [];
  el.addEventListener('tenantry-customer-saved', (e) => ids.push(e.detail.id));
  return ids;
}

/** Chooses a step in the list of steps (forward only past steps without errors). */
export async function goToStep(el: CustomerWizard, title: string): Promise<void> {
  const target = [...root(el).querySelectorAll<HTMLButtonElement>('[part~="steps"] button')].find((b) => text(b).replace(/^\d+\s*/, '').startsWith(title));
  if (!target) throw new Error(`No step "${title}"`);
  target.click();
  await waitUntil(() => stepTitle(el) === title, undefined, WAIT).catch(() => {
    throw new Error(`did not reach "${title}" (now "${stepTitle(el)}"; summary: ${summaryText(el)})`);
  });
}
