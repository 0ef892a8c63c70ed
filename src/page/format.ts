/**
 * Display formatting of values (money, dates, counts, percentages) for every widget, in the
 * page's active locale (`locale.ts`), never the browser's default: a German page shows `12.500 €`
 * whatever the machine's language. Intl formatters are costly to build, so each is made once per
 * locale (and currency) and reused.
 */
import type {Money} from '../shared/model/types.js';
import {getLocale} from './locale.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat>(key: string, make: (locale: string) => T): T {
  const locale = getLocale();
  const k = `${locale}\u0000${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) {
    f = make(locale);
    cache.set(k, f);
  }
  return f;
}

/** `€12,500` in the organization's own currency (or USD); the code when Intl does not know it. */
export function formatMoney(amount: number, currency: string): string {
  let f: Intl.NumberFormat;
  try {
    f = cached(`money:${currency}`, (l) => new Intl.NumberFormat(l, {style: 'currency', currency, maximumFractionDigits: 0}));
  } catch {
    // An unknown currency code from a backend must not break the row.
    return `${formatInteger(Math.round(amount))} ${currency}`;
  }
  return f.format(amount);
}

/** The projected annual cost as shown: original currency, or USD converted by the worker. */
export function formatCost(original: Money | null, usd: number | null, mode: 'original' | 'usd'): string {
  if (mode === 'usd') return usd === null ? '' : formatMoney(usd, 'USD');
  return original ? formatMoney(original.amount, original.currency) : '';
}

/** A percentage of 0–100 (`12.5%`, `12,5 %`). */
export const formatPercent = (v: number | null): string =>
  v === null ? '' : cached('percent', (l) => new Intl.NumberFormat(l, {style: 'percent', maximumFractionDigits: 1})).format(v / 100);

export const formatInteger = (v: number | null): string =>
  v === null ? '' : cached('integer', (l) => new Intl.NumberFormat(l, {maximumFractionDigits: 0})).format(v);

/** A calendar date (`2027-03-31`) or the day of an instant, in UTC so it never shifts a day. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(t) ? iso : cached('day', (l) => new Intl.DateTimeFormat(l, {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'})).format(t);
}

/** Date and time; `short` drops the year for instants in the current year (narrow cells). */
export function formatDateTime(iso: string | null, short = false): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return short && new Date(t).getFullYear() === new Date().getFullYear()
    ? cached('short-date-time', (l) => new Intl.DateTimeFormat(l, {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'})).format(t)
    : cached('date-time', (l) => new Intl.DateTimeFormat(l, {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'})).format(t);
}

/** A time of day (`14:05`, `2:05 PM`). */
export function formatTime(iso: string | number): string {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isNaN(t) ? String(iso) : cached('time', (l) => new Intl.DateTimeFormat(l, {hour: '2-digit', minute: '2-digit'})).format(t);
}

/** A date and time in a given time zone, medium date and short time (schedules' next runs). */
export function formatDateTimeIn(t: number, timeZone: string): string {
  return cached(`zoned:${timeZone}`, (l) => new Intl.DateTimeFormat(l, {dateStyle: 'medium', timeStyle: 'short', timeZone})).format(t);
}

/** A moment relative to `now` (`3 minutes ago`, `vor 3 Minuten`), in the largest whole unit. */
export function formatRelativeTime(iso: string | number, now: number): string {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  const f = cached('relative', (l) => new Intl.RelativeTimeFormat(l, {numeric: 'auto'}));
  const seconds = Math.round((t - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return f.format(Math.trunc(seconds / size), unit);
  return f.format(seconds, 'second');
}

/** A duration in seconds (`15 s`, `1.5 s`, `15 Sek.`), as a message says how long to wait. */
export const formatSeconds = (seconds: number): string =>
  cached('seconds', (l) => new Intl.NumberFormat(l, {style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1})).format(seconds);

/** A size in bytes in the largest unit that keeps it above one (`256 kB`, `16 MB`). */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? (['megabyte', bytes / 1024 / 1024] as const) : bytes >= 1024 ? (['kilobyte', bytes / 1024] as const) : (['byte', bytes] as const);
  return cached(`bytes:${unit}`, (l) => new Intl.NumberFormat(l, {style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1})).format(size);
}

/** `a, b and c` (or `a, b or c`) in the active locale. */
export const formatList = (items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string =>
  cached(`list:${type}`, (l) => new Intl.ListFormat(l, {type})).format(items);

/**
 * The sentence for a count, chosen by the active locale's plural rules: `one` for what the
 * locale calls singular (1 in English and German), `other` for the rest. Each form is a `msg()`
 * given the count already formatted, so `plural(n, {one: (c) => msg(str`${c} tenant`), …})`.
 */
export function plural<T>(count: number, forms: {one: (count: string) => T; other: (count: string) => T}): T {
  const category = cached('plural', (l) => new Intl.PluralRules(l)).select(count);
  return (category === 'one' ? forms.one : forms.other)(formatInteger(count));
}

/** A label used inside a sentence: lower case where the language writes it so (German keeps its nouns capitalised). */
export function inSentence(label: string): string {
  const locale = getLocale();
  return locale === 'de' ? label : label.toLocaleLowerCase(locale);
}
