/**
 * A collection schedule's plain-language reading (cronstrue) and its next runs (croner), each
 * library loaded on first use. Apart from the mask's check (`cron.ts`), which every keystroke and
 * the server run: a page loads this module only when it first shows a reading.
 */
import {checkCron, checkTimeZone} from './cron.js';

/** A valid mask, trimmed; else a RangeError with the first issue's message. */
function assertCron(mask: string): string {
  const {value, issues} = checkCron(mask, {required: true});
  if (issues.length) throw new RangeError(issues[0].message);
  return value;
}

// ── plain-language reading (cronstrue, lazily) ──────────────────────────────

interface Describer {
  toString(expression: string, options?: {use24HourTimeFormat?: boolean; throwExceptionOnParseError?: boolean; verbose?: boolean}): string;
}
let describer: Promise<Describer> | null = null;

function loadDescriber(): Promise<Describer> {
  describer ??= import('cronstrue').then(
    (mod) => {
      // cronstrue ships only a UMD build: a bundler gives it a default export; served unbundled
      // (as the test runner serves it) it sets `globalThis.cronstrue` instead.
      const api = (mod as {default?: Describer}).default ?? (globalThis as {cronstrue?: {default?: Describer}}).cronstrue?.default;
      if (!api) throw new Error('cronstrue did not load');
      return api;
    },
    (error: unknown) => {
      describer = null;
      throw error;
    },
  );
  return describer;
}

export interface DescribeOptions {
  /** `At 14:00` rather than `At 02:00 PM` (default true). */
  readonly use24Hour?: boolean;
}

/** The mask in plain English, e.g. "At 02:00, Monday through Friday". Throws a RangeError for an invalid mask. */
export async function describeCron(mask: string, options: DescribeOptions = {}): Promise<string> {
  const value = assertCron(mask);
  const api = await loadDescriber();
  return api.toString(value, {use24HourTimeFormat: options.use24Hour ?? true, throwExceptionOnParseError: true, verbose: false});
}

// ── next runs (croner, lazily) ──────────────────────────────────────────────

type Croner = typeof import('croner');
let croner: Promise<Croner> | null = null;

function loadCroner(): Promise<Croner> {
  croner ??= import('croner').catch((error: unknown) => {
    croner = null;
    throw error;
  });
  return croner;
}

export interface NextRunsOptions {
  /** How many runs, 1–100 (default 5). */
  readonly count?: number;
  /** The IANA zone the mask is read in (default `UTC`). */
  readonly timeZone?: string;
  /** Runs strictly after this instant (default now). */
  readonly from?: Date;
}

/** The next runs of a mask as instants. Throws a RangeError for an invalid mask, zone or count. */
export async function nextRuns(mask: string, options: NextRunsOptions = {}): Promise<Date[]> {
  const value = assertCron(mask);
  const timeZone = options.timeZone ?? 'UTC';
  const zone = checkTimeZone(timeZone, {required: true});
  if (zone.issues.length) throw new RangeError(zone.issues[0].message);
  const count = options.count ?? 5;
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new RangeError('count must be a whole number from 1 to 100');
  const {Cron} = await loadCroner();
  // paused: a job that only answers questions, with no timer behind it.
  const job = new Cron(value, {timezone: zone.value, paused: true, mode: '5-part'});
  return job.nextRuns(count, options.from ?? new Date());
}
