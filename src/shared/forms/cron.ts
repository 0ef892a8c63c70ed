/**
 * Collection schedules: five-field cron masks (`minute hour day-of-month month day-of-week`).
 * `checkCron` is ours and needs no library, so the server and every keystroke can run it; it takes
 * what the REST schema takes (digits and `* , - /`) and what croner and cronstrue both read alike.
 * The plain-language reading and the next runs are `cron-reading.ts`: a page loads that module (and
 * it the libraries) when it first shows a reading.
 */
import {issue, type Checked, type FieldOptions, type FormIssue} from './issue.js';
import {describeChar} from './text.js';

export interface CronField {
  readonly name: 'minute' | 'hour' | 'day of month' | 'month' | 'day of week';
  readonly min: number;
  readonly max: number;
  /** Largest step: the number of distinct values. */
  readonly span: number;
}

export const CRON_FIELDS: readonly CronField[] = [
  {name: 'minute', min: 0, max: 59, span: 60},
  {name: 'hour', min: 0, max: 23, span: 24},
  {name: 'day of month', min: 1, max: 31, span: 31},
  {name: 'month', min: 1, max: 12, span: 12},
  // 0 and 7 are both Sunday, as in Vixie cron, croner and cronstrue.
  {name: 'day of week', min: 0, max: 7, span: 7},
];

/** Longest mask (the REST schema's limit). */
export const CRON_MAX = 100;

const ITEM = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/;
/** Days in each month, February in a leap year: a mask is possible if it runs in some year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function checkCron(mask: string, options: FieldOptions = {}): Checked<string> {
  const path = options.path ?? '';
  const text = mask.trim();
  const refuse = (i: FormIssue): Checked<string> => ({value: text, issues: [i]});
  if (!text) return {value: text, issues: options.required ? [issue(path, 'required')] : []};
  if (text.length > CRON_MAX) return refuse(issue(path, 'text.too-long', {max: CRON_MAX, length: [...text].length}));
  if (text.startsWith('@')) return refuse(issue(path, 'cron.nickname', {value: text.split(/\s/, 1)[0]}));
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return refuse(issue(path, 'cron.fields', {count: parts.length}));
  const values: Set<number>[] = [];
  for (let f = 0; f < 5; f++) {
    const field = CRON_FIELDS[f];
    const found = readField(parts[f], field, path);
    if (found instanceof Set) values.push(found);
    else return refuse(found);
  }
  const [, , days, months] = values;
  if (parts[4] === '*' && !parts[2].startsWith('*')) {
    const first = Math.min(...days);
    if ([...months].every((m) => first > MONTH_DAYS[m - 1])) return refuse(issue(path, 'cron.never', {day: first}));
  }
  return {value: text, issues: []};
}

/** The values one field names, or what is wrong with it. */
function readField(part: string, field: CronField, path: string): Set<number> | FormIssue {
  const at = {field: field.name, min: field.min, max: field.max};
  const values = new Set<number>();
  for (const item of part.split(',')) {
    if (!item) return issue(path, 'cron.empty-item', at);
    const word = /[a-z]{3,}/i.exec(item);
    if (word) return issue(path, 'cron.name', {...at, value: word[0]});
    const bad = /[^\d*/,-]/.exec(item);
    if (bad) return issue(path, 'cron.char', {...at, char: describeChar(bad[0])});
    if (/^\d+\/\d+$/.test(item)) return issue(path, 'cron.step-base', {...at, value: item});
    const m = ITEM.exec(item);
    if (!m) return issue(path, 'cron.item', {...at, value: item});
    const [lo, hi = lo] = m[1] === '*' ? [field.min, field.max] : m[1].split('-').map(Number);
    for (const n of [lo, hi]) if (n < field.min || n > field.max) return issue(path, 'cron.range', {...at, value: n});
    if (lo > hi) return issue(path, 'cron.reversed', {...at, value: m[1]});
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1 || step > field.span) return issue(path, 'cron.step', {...at, value: item, max: field.span});
    for (let n = lo; n <= hi; n += step) values.add(n);
  }
  return values;
}

/** An IANA time zone the platform knows, e.g. `Europe/Berlin` or `UTC`. */
export function checkTimeZone(value: string, options: FieldOptions = {}): Checked<string> {
  const path = options.path ?? '';
  const zone = value.trim();
  if (!zone) return {value: zone, issues: options.required ? [issue(path, 'required')] : []};
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: zone});
    return {value: zone, issues: []};
  } catch {
    return {value: zone, issues: [issue(path, 'cron.time-zone', {value: zone.slice(0, 60)})]};
  }
}
