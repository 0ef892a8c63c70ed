/**
 * The accounts grid's columns: label, width, the sort key of the worker's query, and how a cell
 * reads its row. Every word from the data is bound as text, in its own bidi isolate.
 */
import {formatInteger} from '../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {html, nothing, type TemplateResult} from 'lit';
import type {AccountRow, AccountSortKey} from '../../src/shared/accounts-query.js';
import {ACCOUNT_TYPE_LABELS, PROVIDER_LABELS} from '../../src/shared/model/labels.js';

export type AccountColumnKey = 'name' | 'providerAccountId' | 'provider' | 'type' | 'customers' | 'autoCustomer' | 'autoAssigned' | 'excludeRule';

export interface AccountColumn {
  key: AccountColumnKey;
  label: string;
  width: number;
  /** The worker's sort key; none for a column that does not sort. */
  sortKey: AccountSortKey | null;
  align?: 'start' | 'center';
  cell(row: AccountRow): TemplateResult | string;
}


const yesNo = (v: boolean): TemplateResult => html`<span class="flag" data-on=${v ? 'true' : 'false'}>${v ? msg('Yes') : msg('No')}</span>`;

/** "2 · Contoso, Fabrikam", "1 · assigned to Contoso" when the search matched that customer, "None". */
export function customersText(row: AccountRow): string {
  if (row.matchedCustomer) return msg(str`assigned to ${row.matchedCustomer.name}`);
  if (row.customerCount === 0) return msg('None');
  const more = row.customerCount - row.customers.length;
  const names = row.customers.map((c) => c.name).join(', ');
  return more > 0 ? msg(str`${names} and ${formatInteger(more)} more`) : names;
}

export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [
  {key: 'name', get label() { return msg('Name'); }, width: 220, sortKey: 'name', cell: (r) => html`<bdi class="text name">${r.name}</bdi>`},
  {key: 'providerAccountId', get label() { return msg('Account ID'); }, width: 230, sortKey: 'providerAccountId', cell: (r) => html`<bdi class="text mono">${r.providerAccountId}</bdi>`},
  {key: 'provider', get label() { return msg('Provider'); }, width: 120, sortKey: 'provider', cell: (r) => PROVIDER_LABELS[r.provider] ?? r.provider},
  {key: 'type', get label() { return msg('Type'); }, width: 110, sortKey: 'type', cell: (r) => html`<span class="badge" part="badge type-badge" data-type=${r.type}>${ACCOUNT_TYPE_LABELS[r.type] ?? r.type}</span>`},
  {
    key: 'customers',
    get label() {
      return msg('Customers');
    },
    width: 280,
    sortKey: 'customerCount',
    cell: (r) =>
      html`<span class="count" part="customer-count">${formatInteger(r.customerCount)}</span
        ><bdi class="text ${r.matchedCustomer ? 'matched' : 'muted'}" part=${r.matchedCustomer ? 'matched-customer' : nothing}>${customersText(r)}</bdi>`,
  },
  {key: 'autoCustomer', get label() { return msg('Auto customer'); }, width: 130, sortKey: null, align: 'center', cell: (r) => yesNo(r.autoCustomer)},
  {key: 'autoAssigned', get label() { return msg('Auto-assigned'); }, width: 130, sortKey: null, align: 'center', cell: (r) => yesNo(r.autoAssigned)},
  {key: 'excludeRule', get label() { return msg('Exclude rule'); }, width: 200, sortKey: null, cell: (r) => (r.excludeRule ? html`<bdi class="text mono">${r.excludeRule}</bdi>` : html`<span class="muted">—</span>`)},
];
