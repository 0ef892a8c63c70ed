/**
 * The sections read as lists from the backend, page by page: contracts (all, or by status; each
 * opens its details through an event a host routes) and the read-only commerce lists (products,
 * orders, invoices, subscriptions). Each list loads only while its section is open, through the
 * kit's `PagedListController` (aborted on a change, stale answers dropped); a refusal shows in the
 * section alone, a 403 as "You may not see this".
 */
import {getLocale} from '../../../src/page/locale.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type ReactiveControllerHost, type TemplateResult} from 'lit';
import {PagedListController} from '../../../src/page/kit/paged-list-controller.js';
import {CONTRACT_STATUS_LABELS} from '../../../src/shared/model/labels.js';
import {CONTRACT_STATUSES, type BillingFrequency, type CommerceKind, type CommerceRecords, type Contract, type ContractStatus, type Organization} from '../../../src/shared/model/types.js';
import {formatDate, formatInteger, formatMoney} from '../../../src/page/format.js';
import {errorText} from '../../../src/page/messages.js';
import type {SectionContext} from './section-context.js';
import {SECTION_LABELS} from '../details-sections.js';

type Host = ReactiveControllerHost & HTMLElement;

const FREQUENCY_LABELS: Readonly<Record<BillingFrequency, string>> = {
  get monthly() {
    return msg('Monthly');
  },
  get annual() {
    return msg('Annual');
  },
  get 'one-time'() {
    return msg('One-time');
  },
};

/** What a list says while loading, when it failed and when it is empty: whole sentences, so each language words its own. */
export interface ListWords {
  loading: string;
  failed: (reason: string) => string;
  empty: string;
}
const money = (m: {amount: number; currency: string} | null): string => (m ? formatMoney(m.amount, m.currency) : '—');

/** What every list section shows around its rows: loading, a failure in place (with Retry), more pages. */
export function renderListState<T>(list: PagedListController<T>, words: ListWords): TemplateResult {
  if (list.forbidden) return html`<p class="notice" part="notice" data-tone="warning">${msg(str`You may not see this: ${errorText(list.error)}`)}</p>`;
  return html`${list.error
      ? html`<p class="notice" part="notice" data-tone="danger" role="alert">${words.failed(errorText(list.error))} <button type="button" part="button" @click=${() => list.reload()}>${msg('Retry')}</button></p>`
      : nothing}
    ${list.status === 'loading' ? html`<p class="muted" part="loading" role="status">${words.loading}</p>` : nothing}
    ${list.status === 'ready' && !list.items.length ? html`<p class="empty" part="empty">${words.empty}</p>` : nothing}
    ${list.status === 'ready' && list.hasMore
      ? html`<button type="button" part="button more" @click=${() => list.more()}>${list.total !== null ? msg(str`Show more (${formatInteger(list.items.length)} of ${formatInteger(list.total)})`) : msg('Show more')}</button>`
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
    const filters: [ContractStatus | null, string, number][] = [[null, msg('All'), all], ...CONTRACT_STATUSES.map((s): [ContractStatus, string, number] => [s, CONTRACT_STATUS_LABELS[s], counts[s] ?? 0])];
    return html`<div class="filters" part="filters" role="group" aria-label=${msg('Contracts by status')}>
        ${filters.map(
          ([status, label, n]) => html`<button type="button" part="button filter" aria-pressed=${this.status === status ? 'true' : 'false'} @click=${() => this.filter(status)}>${label} <span class="count">${n}</span></button>`,
        )}
      </div>
      ${this.list.items.length
        ? html`<table part="table">
            <caption class="sr-only">${this.status ? msg(str`Contracts, ${CONTRACT_STATUS_LABELS[this.status].toLocaleLowerCase(getLocale())}`) : msg('Contracts')}</caption>
            <thead><tr><th scope="col">${msg('Contract')}</th><th scope="col">${msg('Status')}</th><th scope="col">${msg('Starts')}</th><th scope="col">${msg('Ends')}</th><th scope="col">${msg('Value')}</th><th scope="col">${msg('Billing')}</th><th scope="col">${msg('Renews')}</th></tr></thead>
            <tbody>
              ${this.list.items.map(
                (c) => html`<tr>
                  <th scope="row"><button type="button" class="link" part="link" @click=${() => this.options.open(c)}><bdi>${c.name}</bdi></button></th>
                  <td>${CONTRACT_STATUS_LABELS[c.status] ?? c.status}</td>
                  <td>${formatDate(c.startsOn)}</td>
                  <td>${formatDate(c.endsOn) || '—'}</td>
                  <td class="num">${money(c.value)}</td>
                  <td>${FREQUENCY_LABELS[c.billingFrequency] ?? c.billingFrequency}</td>
                  <td>${c.autoRenew ? msg('Automatically') : msg('No')}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      ${renderListState(this.list, {
        loading: msg('Loading contracts…'),
        failed: (reason) => msg(str`Could not load contracts: ${reason}`),
        empty: this.status ? msg(str`No contracts: ${CONTRACT_STATUS_LABELS[this.status]}.`) : msg('No contracts.'),
      })}`;
  }

  private filter(status: ContractStatus | null): void {
    this.status = status;
    this.host.requestUpdate();
  }
}

type AnyRecord = CommerceRecords[CommerceKind];

function commerceWords(kind: CommerceKind): ListWords {
  switch (kind) {
    case 'products':
      return {loading: msg('Loading products…'), failed: (reason) => msg(str`Could not load products: ${reason}`), empty: msg('No products.')};
    case 'orders':
      return {loading: msg('Loading orders…'), failed: (reason) => msg(str`Could not load orders: ${reason}`), empty: msg('No orders.')};
    case 'invoices':
      return {loading: msg('Loading invoices…'), failed: (reason) => msg(str`Could not load invoices: ${reason}`), empty: msg('No invoices.')};
    case 'subscriptions':
      return {loading: msg('Loading subscriptions…'), failed: (reason) => msg(str`Could not load subscriptions: ${reason}`), empty: msg('No subscriptions.')};
  }
}

/** Columns of each commerce list: header and cell text. */
const COMMERCE_COLUMNS: {[K in CommerceKind]: readonly (readonly [() => string, (r: CommerceRecords[K]) => string, ('num' | '')?])[]} = {
  products: [
    [() => msg('Product'), (r) => r.name],
    [() => msg('Category'), (r) => r.category],
    [() => msg('Status'), (r) => r.status],
    [() => msg('Billing'), (r) => FREQUENCY_LABELS[r.billingFrequency] ?? r.billingFrequency],
    [() => msg('Quantity'), (r) => String(r.quantity), 'num'],
    [() => msg('Purchased'), (r) => formatDate(r.purchasedOn)],
  ],
  orders: [
    [() => msg('Order'), (r) => r.number],
    [() => msg('Placed'), (r) => formatDate(r.placedOn)],
    [() => msg('Status'), (r) => r.status],
    [() => msg('Lines'), (r) => String(r.lineCount), 'num'],
    [() => msg('Total'), (r) => money(r.total), 'num'],
  ],
  invoices: [
    [() => msg('Invoice'), (r) => r.number],
    [() => msg('Issued'), (r) => formatDate(r.issuedOn)],
    [() => msg('Due'), (r) => formatDate(r.dueOn)],
    [() => msg('Status'), (r) => r.status],
    [() => msg('Amount'), (r) => money(r.amount), 'num'],
  ],
  subscriptions: [
    [() => msg('Subscription'), (r) => r.name],
    [() => msg('Status'), (r) => r.status],
    [() => msg('Quantity'), (r) => String(r.quantity), 'num'],
    [() => msg('Billing'), (r) => FREQUENCY_LABELS[r.billingFrequency] ?? r.billingFrequency],
    [() => msg('Renews'), (r) => formatDate(r.renewsOn) || msg('Does not renew')],
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
    const columns = COMMERCE_COLUMNS[kind] as readonly (readonly [() => string, (r: AnyRecord) => string, ('num' | '')?])[];
    return html`${this.list.items.length
      ? html`<table part="table">
          <caption class="sr-only">${SECTION_LABELS[kind]}</caption>
          <thead><tr>${columns.map(([h, , cls]) => html`<th scope="col" class=${cls ?? ''}>${h()}</th>`)}</tr></thead>
          <tbody>
            ${this.list.items.map(
              (r) => html`<tr>
                ${columns.map(([, cell, cls], i) => (i === 0 ? html`<th scope="row"><bdi>${cell(r)}</bdi></th>` : html`<td class=${cls ?? ''}><bdi>${cell(r)}</bdi></td>`))}
              </tr>`,
            )}
          </tbody>
        </table>`
      : nothing}
    ${renderListState(this.list, commerceWords(kind))}`;
  }
}
