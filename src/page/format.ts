/**
 * Display formatting of values (money, dates, counts, percentages) for every widget. Intl
 * formatters are costly to build, so each is made once per locale/currency and reused.
 */
import type {Money} from '../shared/model/types.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `€12,500` in the organization's own currency (or USD); the code when Intl does not know it. */
export function formatMoney(amount: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, {style: 'currency', currency, maximumFractionDigits: 0});
    } catch {
      // An unknown currency code from a backend must not break the row.
      return `${Math.round(amount).toLocaleString()} ${currency}`;
    }
    moneyFormats.set(currency, f);
  }
  return f.format(amount);
}

/** The projected annual cost as shown: original currency, or USD converted by the worker. */
export function formatCost(original: Money | null, usd: number | null, mode: 'original' | 'usd'): string {
  if (mode === 'usd') return usd === null ? '' : formatMoney(usd, 'USD');
  return original ? formatMoney(original.amount, original.currency) : '';
}

const percent = new Intl.NumberFormat(undefined, {maximumFractionDigits: 1});
export const formatPercent = (v: number | null): string => (v === null ? '' : `${percent.format(v)}%`);

const integer = new Intl.NumberFormat(undefined, {maximumFractionDigits: 0});
export const formatInteger = (v: number | null): string => (v === null ? '' : integer.format(v));

const day = new Intl.DateTimeFormat(undefined, {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'});
/** A calendar date (`2027-03-31`) or the day of an instant, in UTC so it never shifts a day. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? iso : day.format(t);
}

const dateTime = new Intl.DateTimeFormat(undefined, {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'});
const shortDateTime = new Intl.DateTimeFormat(undefined, {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'});
/** Date and time; `short` drops the year for instants in the current year (narrow cells). */
export function formatDateTime(iso: string | null, short = false): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return short && new Date(t).getFullYear() === new Date().getFullYear() ? shortDateTime.format(t) : dateTime.format(t);
}
