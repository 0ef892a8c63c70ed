/** Step 8, sales representatives: one to three, each a name, an email and an optional phone. */
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {textField} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

const MAX = 3;

export function renderSalesStep(ctx: StepContext) {
  const reps = ctx.values.salesReps;
  return html`
    ${ctx.error('salesReps') ? html`<p class="error" part="field-error" id="f-salesReps">${ctx.error('salesReps')}</p>` : nothing}
    ${reps.map(
      (_, i) => html`<fieldset class="group" part="fieldset">
        <legend part="legend">${msg(str`Sales representative ${i + 1}`)}</legend>
        ${textField(ctx, ['salesReps', i, 'name'], {label: msg('Name'), required: true, autocomplete: 'off'})}
        ${textField(ctx, ['salesReps', i, 'email'], {label: msg('Email'), type: 'email', required: true, inputmode: 'email'})}
        ${textField(ctx, ['salesReps', i, 'phone'], {label: msg('Phone (optional)'), type: 'tel'})}
        ${reps.length > 1 ? html`<button type="button" part="button remove" @click=${() => ctx.input(['salesReps'], reps.filter((__, k) => k !== i))}>${msg(str`Remove sales representative ${i + 1}`)}</button>` : nothing}
      </fieldset>`,
    )}
    ${reps.length < MAX ? html`<button type="button" part="button add" @click=${() => ctx.input(['salesReps'], [...reps, {name: '', email: '', phone: ''}])}>${msg('Add a sales representative')}</button>` : nothing}
  `;
}
