/**
 * Step 7, notifications: the addresses that get them (several, each checked), a subject prefix,
 * detection and report tickets, and the weekly digest's day and time.
 */
import {html, nothing} from 'lit';
import {splitEmailList} from '../../../src/shared/forms/contact.js';
import {checkField, selectField, textField, textareaField} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function renderNotificationsStep(ctx: StepContext) {
  const n = ctx.values.notifications;
  const listError = n.emails.map((_, i) => ctx.error(`notifications.emails[${i}]`)).find(Boolean);
  return html`
    ${textareaField(ctx, ['notifications', 'emails'], {
      label: 'Email addresses',
      hint: 'One per line, or separated by commas.',
      format: (value) => (Array.isArray(value) ? value.join('\n') : ''),
      parse: (text) => splitEmailList(text),
      // An entry's error is the list's: on the control, tied to it, and where the summary links.
      error: listError,
    })}
    ${textField(ctx, ['notifications', 'subjectPrefix'], {label: 'Subject prefix (optional)', hint: 'Put in front of every subject, e.g. [Contoso].'})}
    ${checkField(ctx, ['notifications', 'detectionTickets'], {label: 'Open a ticket for each detection'})}
    ${checkField(ctx, ['notifications', 'reportTickets'], {label: 'Open a ticket for each report'})}
    ${checkField(ctx, ['notifications', 'weeklyDigest', 'enabled'], {label: 'Send a weekly digest'})}
    ${n.weeklyDigest.enabled
      ? html`${selectField(ctx, ['notifications', 'weeklyDigest', 'weekday'], {label: 'Day', choices: WEEKDAYS.map((d, i) => ({value: String(i), label: d})), parse: Number})}
        ${selectField(ctx, ['notifications', 'weeklyDigest', 'hourUtc'], {label: 'Hour (UTC)', choices: Array.from({length: 24}, (_, h) => ({value: String(h), label: `${String(h).padStart(2, '0')}:00`})), parse: Number})}`
      : nothing}
  `;
}
