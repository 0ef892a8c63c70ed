/**
 * Step 6, collection schedules: a cron mask for cost, security and operations collection, each
 * with its plain-language reading and its next runs in the customer's time zone (the libraries
 * that read masks load when this step first opens), and a clear error for a mask that is not valid.
 */
import {formatDateTimeIn} from '../../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {checkCron} from '../../../src/shared/forms/cron.js';
import {selectField, textField} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

const kinds = () =>
  [
    ['cost', msg('Cost collection')],
    ['security', msg('Security collection')],
    ['operations', msg('Operations collection')],
  ] as const;

/**
 * Names the IANA database renamed, which Chromium still lists under the old name: offered under
 * the name people know now (both are valid time zones everywhere, and a stored old one stays shown).
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

function zones(): string[] {
  const intl = Intl as typeof Intl & {supportedValuesOf?: (key: 'timeZone') => string[]};
  const list = [...new Set((intl.supportedValuesOf?.('timeZone') ?? []).map((z) => RENAMED[z] ?? z))].sort();
  return list.includes('UTC') ? list : ['UTC', ...list];
}

function reading(ctx: StepContext, mask: string, timeZone: string) {
  if (!mask.trim() || checkCron(mask).issues.length) return nothing;
  const read = ctx.load(`cron:${mask}:${timeZone}`, async () => {
    const {describeCron, nextRuns} = await import('../../../src/shared/forms/cron-reading.js');
    const [text, runs] = await Promise.all([describeCron(mask), nextRuns(mask, {count: 3, timeZone})]);
    return {text, runs: runs.map((d) => formatDateTimeIn(d.getTime(), timeZone))};
  });
  if (read === undefined) return html`<p class="reading" part="reading">${msg('Reading the schedule…')}</p>`;
  if (read === null) return nothing;
  return html`<p class="reading" part="reading">${msg(str`${read.text}. Next: ${read.runs.join('; ')} (${timeZone}).`)}</p>`;
}

export function renderSchedulesStep(ctx: StepContext) {
  const s = ctx.values.schedules;
  return html`
    ${selectField(ctx, ['schedules', 'timeZone'], {label: msg('The customer’s time zone'), required: true, choices: zones().map((z) => ({value: z, label: z.replace(/_/g, ' ')}))})}
    ${kinds().map(
      ([key, label]) => html`<div class="schedule" part="schedule">
        ${textField(ctx, ['schedules', key], {label, required: true, hint: msg('Five fields: minute, hour, day of month, month, day of week. For example 0 2 * * * runs every day at 02:00.')})}
        ${reading(ctx, s[key], s.timeZone)}
      </div>`,
    )}
  `;
}
