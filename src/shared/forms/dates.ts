/**
 * Calendar dates (`YYYY-MM-DD`) and their order: a credit quota ends after it takes effect, and a
 * licence is not given an expiry that has already passed. "Today" is always passed in: the server
 * uses its own clock, a page the reader's zone, tests a fixed day.
 */
import type {CreditQuota, IsoDate} from '../model/types.js';
import {issue, joinPath, type Checked, type FieldOptions, type FormIssue} from './issue.js';

/** Years outside these are typing mistakes for the dates a customer record holds. */
export const DATE_YEARS = {min: 2000, max: 2100} as const;
/** Credits a quota may hold. */
export const CREDITS_MAX = 1_000_000_000;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of a Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** The parts of a real calendar date, or null (`2027-02-30` is null). */
export function parseIsoDate(value: string): DateParts | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return {year, month, day};
}

export function checkIsoDate(value: string, options: FieldOptions = {}): Checked<string> {
  const path = options.path ?? '';
  const text = value.trim();
  const refuse = (i: FormIssue): Checked<string> => ({value: text, issues: [i]});
  if (!text) return {value: text, issues: options.required ? [issue(path, 'required')] : []};
  const m = DATE.exec(text);
  if (!m) return refuse(issue(path, 'date.format'));
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return refuse(issue(path, 'date.format'));
  const days = daysInMonth(year, month);
  if (day > days) return refuse(issue(path, 'date.no-such-day', {value: text, days}));
  // Years as text: "2,000" would read as a number of things.
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return refuse(issue(path, 'date.year-range', {min: String(DATE_YEARS.min), max: String(DATE_YEARS.max)}));
  return {value: text, issues: []};
}

/** An issue at `path` unless `end` is after `start` (ISO dates compare as strings). */
export function checkDateOrder(start: IsoDate, end: IsoDate, path: string): FormIssue[] {
  return end > start ? [] : [issue(path, 'date.not-after', {start})];
}

/** Today's date in a time zone (default UTC), as `YYYY-MM-DD`. */
export function todayIn(timeZone = 'UTC', now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', {timeZone, year: 'numeric', month: '2-digit', day: '2-digit'}).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Credits from 0, an effective date, and an end date (or none) after it. */
export function checkCreditQuota(quota: CreditQuota | null, path = 'creditQuota'): FormIssue[] {
  if (!quota) return [];
  const issues: FormIssue[] = [];
  const {credits} = quota;
  if (!Number.isFinite(credits) || credits < 0 || credits > CREDITS_MAX) issues.push(issue(joinPath(path, 'credits'), 'credits.invalid', {max: CREDITS_MAX}));
  const effective = checkIsoDate(quota.effectiveOn, {path: joinPath(path, 'effectiveOn'), required: true});
  issues.push(...effective.issues);
  if (quota.endsOn === null) return issues;
  const ends = checkIsoDate(quota.endsOn, {path: joinPath(path, 'endsOn'), required: true});
  issues.push(...ends.issues);
  if (!effective.issues.length && !ends.issues.length) issues.push(...checkDateOrder(effective.value, ends.value, joinPath(path, 'endsOn')));
  return issues;
}

export interface LicenseExpiryOptions {
  readonly path?: string;
  /** Today where the rule runs (`todayIn(...)`). */
  readonly today: IsoDate;
  /** The stored expiry: an unchanged date is not held against today (a licence may have lapsed since). */
  readonly previous?: IsoDate | null;
}

/** A licence expiry: a real date, and a new or changed one not before today. */
export function checkLicenseExpiry(value: IsoDate | null, options: LicenseExpiryOptions): FormIssue[] {
  const path = options.path ?? 'licenseExpiresOn';
  if (value === null) return [];
  const date = checkIsoDate(value, {path, required: true});
  if (date.issues.length) return [...date.issues];
  if (date.value === options.previous || date.value >= options.today) return [];
  return [issue(path, 'date.past', {today: options.today})];
}
