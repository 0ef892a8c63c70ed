/**
 * Step 7, notifications: the addresses that get them (several, each checked), a subject prefix,
 * detection and report tickets, and the weekly digest's day and time.
 */
import {getLocale} from '../../../src/page/locale.js';
import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import {splitEmailList} from '../../../src/shared/forms/contact.js';
import {checkField, selectField, textField, textareaField} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

/** Weekday names in the page's language, Sunday first (1970-01-04 was a Sunday). */
const weekdays = (): string[] => Array.from({length: 7}, (_, i) => new Intl.DateTimeFormat(getLocale(), {weekday: 'long', timeZone: 'UTC'}).format(Date.UTC(1970, 0, 4 + i)));

export function renderNotificationsStep(ctx: StepContext) {
  const n = ctx.values.notifications;
  const listError = n.emails.map((_, i) => ctx.error(`notifications.emails[${i}]`)).find(Boolean);
  return html`
    ${textareaField(ctx, ['notifications', 'emails'], {
      label: msg('Email addresses'),
      hint: msg('One per line, or separated by commas.'),
      format: (value) => (Array.isArray(value) ? value.join('\n') : ''),
      parse: (text) => splitEmailList(text),
      // An entry's error is the list's: on the control, tied to it, and where the summary links.
      error: listError,
    })}
    ${textField(ctx, ['notifications', 'subjectPrefix'], {label: msg('Subject prefix (optional)'), hint: msg('Put in front of every subject, e.g. [Contoso].')})}
    ${checkField(ctx, ['notifications', 'detectionTickets'], {label: msg('Open a ticket for each detection')})}
    ${checkField(ctx, ['notifications', 'reportTickets'], {label: msg('Open a ticket for each report')})}
    ${checkField(ctx, ['notifications', 'weeklyDigest', 'enabled'], {label: msg('Send a weekly digest')})}
    ${n.weeklyDigest.enabled
      ? html`${selectField(ctx, ['notifications', 'weeklyDigest', 'weekday'], {label: msg('Day'), choices: weekdays().map((d, i) => ({value: String(i), label: d})), parse: Number})}
        ${selectField(ctx, ['notifications', 'weeklyDigest', 'hourUtc'], {label: msg('Hour (UTC)'), choices: Array.from({length: 24}, (_, h) => ({value: String(h), label: `${String(h).padStart(2, '0')}:00`})), parse: Number})}`
      : nothing}
  `;
}
