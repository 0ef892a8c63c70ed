/**
 * The sections read as lists from the backend, page by page: contracts (all, or by status; each
 * opens its details through an event a host routes) and the read-only commerce lists (products,
 * orders, invoices, subscriptions). Each list loads only while its section is open, through the
 * kit's `PagedListController` (aborted on a change, stale answers dropped); a refusal shows in the
 * section alone, a 403 as "You may not see this".
 */
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {PagedListController} from '../../../src/page/kit/paged-list-controller.js';
import {CONTRACT_STATUS_LABELS} from '../../../src/shared/model/labels.js';
import {CONTRACT_STATUSES, type BillingFrequency, type CommerceKind, type CommerceRecords, type Contract, type ContractStatus, type Organization} from '../../../src/shared/model/types.js';
import {formatDate, formatMoney} from '../../../src/page/format.js';
import type {SectionContext} from './section-context.js';

type Host = ReactiveControllerHost & HTMLElement;

const FREQUENCY_LABELS: Readonly<Record<BillingFrequency, string>> = {monthly: 'Monthly', annual: 'Annual', 'one-time': 'One-time'};
const money = (m: {amount: number; currency: string} | null): string => (m ? formatMoney(m.amount, m.currency) : '—');

/** What every list section shows around its rows: loading, a failure in place (with Retry), more pages. */
export function renderListState<T>(list: PagedListController<T>, noun: string): TemplateResult {
  if (list.forbidden) return html`<p class="notice" part="notice" data-tone="warning">You may not see this: ${list.error?.message}</p>`;
  return html`${list.error
      ? html`<p class="notice" part="notice" data-tone="danger" role="alert">Could not load ${noun}: ${list.error.message} <button type="button" part="button" @click=${() => list.reload()}>Retry</button></p>`
      : nothing}
    ${list.status === 'loading' ? html`<p class="muted" part="loading" role="status">Loading ${noun}…</p>` : nothing}
    ${list.status === 'ready' && !list.items.length ? html`<p class="empty" part="empty">No ${noun}.</p>` : nothing}
    ${list.status === 'ready' && list.hasMore
      ? html`<button type="button" part="button more" @click=${() => list.more()}>Show more${list.total !== null ? html` (${list.items.length} of ${list.total})` : nothing}</button>`
      : nothing}`;
}

export interface ContractsSectionOptions {
  /** The details' context while the contracts section is open, else `null` (nothing loads). */
  context(): SectionContext | null;
  /** The user opened a contract. */
  open(contract: Contract): void;
}

export class ContractsSection {
  status: ContractStatus | null = null;
  readonly list: PagedListController<Contract>;

  constructor(
    private readonly host: Host,
    private readonly options: ContractsSectionOptions,
  ) {
    this.list = new PagedListController(host, {
      key: () => {
        const ctx = options.context();
        return ctx ? JSON.stringify([ctx.scope.tenantId, ctx.org.id, this.status]) : null;
      },
      fetch: (cursor, signal) => {
        const ctx = options.context()!;
        return ctx.client.listContracts(ctx.scope, {organizationId: ctx.org.id, ...(this.status && {status: this.status}), ...(cursor && {cursor}), limit: 50, signal});
      },
    });
  }

  render(org: Organization): TemplateResult {
    const counts = org.contractCounts;
    const all = CONTRACT_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
    const filters: [ContractStatus | null, string, number][] = [[null, 'All', all], ...CONTRACT_STATUSES.map((s): [ContractStatus, string, number] => [s, CONTRACT_STATUS_LABELS[s], counts[s] ?? 0])];
    return html`<div class="filters" part="filters" role="group" aria-label="Contracts by status">
        ${filters.map(
          ([status, label, n]) => html`<button type="button" part="button filter" aria-pressed=${this.status === status ? 'true' : 'false'} @click=${() => this.filter(status)}>${label} <span class="count">${n}</span></button>`,
        )}
      </div>
      ${this.list.items.length
        ? html`<table part="table">
            <caption class="sr-only">Contracts${this.status ? `, ${CONTRACT_STATUS_LABELS[this.status].toLowerCase()}` : ''}</caption>
            <thead><tr><th scope="col">Contract</th><th scope="col">Status</th><th scope="col">Starts</th><th scope="col">Ends</th><th scope="col">Value</th><th scope="col">Billing</th><th scope="col">Renews</th></tr></thead>
            <tbody>
              ${this.list.items.map(
                (c) => html`<tr>
                  <th scope="row"><button type="button" class="link" part="link" @click=${() => this.options.open(c)}><bdi>${c.name}</bdi></button></th>
                  <td>${CONTRACT_STATUS_LABELS[c.status] ?? c.status}</td>
                  <td>${formatDate(c.startsOn)}</td>
                  <td>${formatDate(c.endsOn) || '—'}</td>
                  <td class="num">${money(c.value)}</td>
                  <td>${FREQUENCY_LABELS[c.billingFrequency] ?? c.billingFrequency}</td>
                  <td>${c.autoRenew ? 'Automatically' : 'No'}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${renderListState(this.list, this.status ? `${CONTRACT_STATUS_LABELS[this.status].toLowerCase()} contracts` : 'contracts')}`;
  }

  private filter(status: ContractStatus | null): void {
    this.status = status;
    this.host.requestUpdate();
  }
}

type AnyRecord = CommerceRecords[CommerceKind];

const COMMERCE_NOUNS: Readonly<Record<CommerceKind, string>> = {products: 'products', orders: 'orders', invoices: 'invoices', subscriptions: 'subscriptions'};

/** Columns of each commerce list: header and cell text. */
const COMMERCE_COLUMNS: {[K in CommerceKind]: readonly (readonly [string, (r: CommerceRecords[K]) => string, ('num' | '')?])[]} = {
  products: [
    ['Product', (r) => r.name],
    ['Category', (r) => r.category],
    ['Status', (r) => r.status],
    ['Billing', (r) => FREQUENCY_LABELS[r.billingFrequency] ?? r.billingFrequency],
    ['Quantity', (r) => String(r.quantity), 'num'],
    ['Purchased', (r) => formatDate(r.purchasedOn)],
  ],
  orders: [
    ['Order', (r) => r.number],
    ['Placed', (r) => formatDate(r.placedOn)],
    ['Status', (r) => r.status],
    ['Lines', (r) => String(r.lineCount), 'num'],
    ['Total', (r) => money(r.total), 'num'],
  ],
  invoices: [
    ['Invoice', (r) => r.number],
    ['Issued', (r) => formatDate(r.issuedOn)],
    ['Due', (r) => formatDate(r.dueOn)],
    ['Status', (r) => r.status],
    ['Amount', (r) => money(r.amount), 'num'],
  ],
  subscriptions: [
    ['Subscription', (r) => r.name],
    ['Status', (r) => r.status],
    ['Quantity', (r) => String(r.quantity), 'num'],
    ['Billing', (r) => FREQUENCY_LABELS[r.billingFrequency] ?? r.billingFrequency],
    ['Renews', (r) => formatDate(r.renewsOn) || 'Does not renew'],
  ],
};

export interface CommerceSectionOptions {
  /** The open commerce list and the details' context, else `null` (nothing loads). */
  context(): {ctx: SectionContext; kind: CommerceKind} | null;
}

/** Products, orders, invoices or subscriptions of the customer: read-only, newest first, page by page. */
export class CommerceSection {
  readonly list: PagedListController<AnyRecord>;
  private kind: CommerceKind = 'products';

  constructor(host: Host, options: CommerceSectionOptions) {
    this.list = new PagedListController<AnyRecord>(host, {
      key: () => {
        const open = options.context();
        if (open) this.kind = open.kind;
        return open ? JSON.stringify([open.ctx.scope.tenantId, open.ctx.org.id, open.kind]) : null;
      },
      fetch: async (cursor, signal) => {
        const {ctx, kind} = options.context()!;
        return ctx.client.listCommerce(ctx.scope, ctx.org.id, kind, {...(cursor && {cursor}), limit: 50, signal});
      },
    });
  }

  render(): TemplateResult {
    const kind = this.kind;
    const columns = COMMERCE_COLUMNS[kind] as readonly (readonly [string, (r: AnyRecord) => string, ('num' | '')?])[];
    return html`${this.list.items.length
      ? html`<table part="table">
          <caption class="sr-only">${COMMERCE_NOUNS[kind]}</caption>
          <thead><tr>${columns.map(([h, , cls]) => html`<th scope="col" class=${cls ?? ''}>${h}</th>`)}</tr></thead>
          <tbody>
            ${this.list.items.map(
              (r) => html`<tr>
                ${columns.map(([, cell, cls], i) => (i === 0 ? html`<th scope="row"><bdi>${cell(r)}</bdi></th>` : html`<td class=${cls ?? ''}><bdi>${cell(r)}</bdi></td>`))}
              </tr>`,
            )}
          </tbody>
        </table>`
      : nothing}
    ${renderListState(this.list, COMMERCE_NOUNS[kind])}`;
  }
}
