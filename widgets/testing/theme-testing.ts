/**
 * Test help for themes (never imported by production code): the page's colour scheme as a host
 * sets it, a page stylesheet loaded the way a host page loads it, every widget mounted in its
 * main states, and colours read back as the browser resolved them.
 */
import {fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {DataClient} from '../../src/page/data-client.js';
import {ScopeStore} from '../../src/page/scope-store.js';
import type {Scope} from '../../src/shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../../src/shared/demo-tenant.js';
import '../organizations-grid/organizations-grid.js';
import type {OrganizationsGrid} from '../organizations-grid/organizations-grid.js';
import '../accounts-grid/accounts-grid.js';
import type {AccountsGrid} from '../accounts-grid/accounts-grid.js';
import '../tenant-switcher/tenant-switcher.js';
import type {TenantSwitcher} from '../tenant-switcher/tenant-switcher.js';
import '../customer-wizard/customer-wizard.js';
import type {CustomerWizard} from '../customer-wizard/customer-wizard.js';
import '../customer-details/customer-details.js';
import type {CustomerDetails} from '../customer-details/customer-details.js';
import '../lifecycle-dialog/lifecycle-dialog.js';
import type {TenantryLifecycleDialog} from '../lifecycle-dialog/lifecycle-dialog.js';

export const WAIT = {timeout: 20_000, interval: 10};
export const DISTRIBUTOR: Scope = {tenantId: DEMO_TENANTS.distributor};
export const RESELLER: Scope = {tenantId: DEMO_TENANTS.reseller};

const clients: DataClient[] = [];

/** A client on the embedded backend with its own store and cache. */
export function localClient(organizations = 120): DataClient {
  const config = {kind: 'local' as const, organizations, namespace: `theme-${crypto.randomUUID()}`, userId: DEMO_USERS.distributorAdmin};
  const client = new DataClient({config, cacheName: `tenantry-theme-test-${crypto.randomUUID()}`});
  clients.push(client);
  return client;
}

/** Closes every client a test made (call it in `afterEach`, after the fixtures' own cleanup). */
export function closeClients(): void {
  for (const c of clients.splice(0)) {
    ScopeStore.forClient(c, {urlParam: null}).dispose();
    c.dispose();
  }
}

/**
 * The page's `color-scheme` as a host sets it on `:root` (null: as a page that says nothing), with
 * the page background following it (`Canvas`), as a page that supports the scheme does.
 */
export function setPageScheme(scheme: string | null): void {
  const root = document.documentElement;
  if (scheme === null) {
    root.style.removeProperty('color-scheme');
    document.body.style.removeProperty('background');
    document.body.style.removeProperty('color');
  } else {
    root.style.colorScheme = scheme;
    document.body.style.background = 'Canvas';
    document.body.style.color = 'CanvasText';
  }
}

/** Adds a page stylesheet served from the project (as a host page's `<link>`); resolves once applied, with its remover. */
export async function pageStylesheet(href: string): Promise<() => void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise<void>((resolve, reject) => {
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`${href} did not load`));
  });
  document.head.append(link);
  await loaded;
  return () => link.remove();
}

/** How the browser resolves `color` (any CSS colour, a system colour included) as `rgb(…)`. */
export function resolvedColor(color: string, within: Element = document.body): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  within.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

export const partOf = <T extends HTMLElement = HTMLElement>(host: Element, name: string): T | null => host.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
export const partsOf = (host: Element, name: string): HTMLElement[] => [...host.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

/** The organizations grid with its rows painted (its own toolbar: search, filters, columns, views, pressed toggles). */
export async function mountGrid(client: DataClient = localClient(), attrs: {theme?: string} = {}): Promise<OrganizationsGrid> {
  const el = await fixture<OrganizationsGrid>(
    html`<organizations-grid .client=${client} .scope=${DISTRIBUTOR} theme=${attrs.theme ?? ''} style="--tenantry-organizations-grid-height: 460px"></organizations-grid>`,
  );
  if (!attrs.theme) el.removeAttribute('theme');
  await waitUntil(() => el.shadowRoot!.querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false' && el.shadowRoot!.querySelector('.body [role="row"][data-org-id]'), 'the grid shows rows', WAIT);
  await el.updateComplete;
  return el;
}

/** The first data row of a grid. */
export const firstRow = (el: Element): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('.body [role="row"][data-org-id], .body [part~="row"]:not([part~="skeleton-row"])')!;

/** Opens the panel of one of the grid's own toolbar controls (filters by default). */
export async function openGridFilters(el: OrganizationsGrid, control = 'tenantry-grid-filters'): Promise<HTMLElement> {
  // The toolbar's elements load when the page is idle after the grid's first rows.
  await waitUntil(() => el.shadowRoot!.querySelector(control)?.shadowRoot, `the ${control} element loads`, WAIT);
  const host = el.shadowRoot!.querySelector<HTMLElement & {updateComplete: Promise<boolean>}>(control)!;
  partOf<HTMLButtonElement>(host, 'toggle')!.click();
  await host.updateComplete;
  const panel = partOf(host, 'panel')!;
  await waitUntil(() => !panel.hidden, `the ${control} panel opens`, WAIT);
  return panel;
}

/** The accounts grid with one account opened (its row marked, its panel beside the grid). */
export async function mountAccountsOpen(client: DataClient = localClient()): Promise<AccountsGrid> {
  const el = await fixture<AccountsGrid>(html`<accounts-grid .client=${client} .scope=${DISTRIBUTOR} href-template="#/organization/{id}"></accounts-grid>`);
  const rows = (): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body [part~="row"]:not([part~="skeleton-row"])')];
  await waitUntil(() => rows().length > 0, 'the accounts grid shows rows', WAIT);
  rows()[0].querySelector<HTMLElement>('[role="gridcell"]')!.click();
  // The panel's code loads after the first rows: the panel shows its facts once it has.
  await waitUntil(() => partOf(el, 'panel-facts') && partOf(el, 'open-row'), 'an account opens', WAIT);
  await el.updateComplete;
  return el;
}

/** The tenant switcher with its list open and an option active. */
export async function mountSwitcherOpen(client: DataClient = localClient(), logo?: HTMLElement): Promise<TenantSwitcher> {
  const el = await fixture<TenantSwitcher>(html`<tenant-switcher .client=${client} sync-url="false">${logo ?? ''}</tenant-switcher>`);
  await waitUntil(() => (partOf(el, 'name')?.textContent ?? '').includes('Northgate'), 'the switcher shows its tenant', WAIT);
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('[role="combobox"]')!;
  input.focus();
  await sendKeys({press: 'ArrowDown'});
  await waitUntil(() => input.getAttribute('aria-expanded') === 'true' && partOf(el, 'option-active'), 'the list opens with an active option', WAIT);
  await el.updateComplete;
  return el;
}

/** The customer wizard on its first step, Next pressed with nothing filled: the step shows its errors. */
export async function mountWizardWithErrors(client: DataClient = localClient()): Promise<CustomerWizard> {
  const el = await fixture<CustomerWizard>(html`<customer-wizard .client=${client} .scope=${RESELLER}></customer-wizard>`);
  el.organizationId = null;
  el.draftId = null;
  await waitUntil(() => partOf(el, 'step-title'), 'the wizard opens', WAIT);
  const next = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim().startsWith('Next'))!;
  next.click();
  await waitUntil(() => partOf(el, 'error-summary') && partOf(el, 'field-error'), 'the step shows its errors', WAIT);
  await el.updateComplete;
  return el;
}

/** The customer details of the demo customer, header and `section` shown. */
export async function mountDetails(client: DataClient = localClient(), section = 'profile'): Promise<CustomerDetails> {
  const el = await fixture<CustomerDetails>(html`<customer-details .client=${client} .scope=${RESELLER} organization-id=${DEMO_TENANTS.customer} section=${section}></customer-details>`);
  await waitUntil(() => partOf(el, 'title') && partOf(el, 'tab-selected') && el.shadowRoot!.querySelector('[role="tabpanel"] dl, [role="tabpanel"] table, [role="tabpanel"] [part~="empty"]'), 'the details show', WAIT);
  await el.updateComplete;
  return el;
}

/** The lifecycle dialog open on a suspend of the demo customer, its impact loaded. */
export async function mountLifecycleOpen(client: DataClient = localClient()): Promise<TenantryLifecycleDialog> {
  const el = await fixture<TenantryLifecycleDialog>(html`<tenantry-lifecycle-dialog .client=${client}></tenantry-lifecycle-dialog>`);
  const {value: org} = await client.getOrganization(RESELLER, DEMO_TENANTS.customer);
  void el.ask({org, action: 'suspend', scope: {...RESELLER, name: 'Bytebridge Managed Services'}});
  await waitUntil(() => el.shadowRoot!.querySelector('dialog')?.open && partOf(el, 'impact-list'), 'the dialog opens with its impact', WAIT);
  await el.updateComplete;
  return el;
}

/** WCAG contrast ratio of two computed `rgb(…)` colours (opaque). */
export function contrast(a: string, b: string): number {
  const lum = (rgb: string): number => {
    const [r, g, bl] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
