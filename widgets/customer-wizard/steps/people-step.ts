/**
 * Step 3, contacts and people: the primary and billing contacts (billing can be copied from the
 * primary), the admin user invited with the organization (login email fixed once created), the
 * MSP users who administer, read, engineer and manage the account (chosen from the backend's
 * users), and the run-as account data collection uses.
 */
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import type {Contact, UserRef} from '../../../src/shared/model/types.js';
import {CONTACT_ROLE_TITLES} from '../../../src/shared/model/labels.js';
import {textField} from '../wizard-fields.js';
import {collects} from '../../../src/shared/contract/field-rules.js';
import {getAt, type FieldPath} from '../wizard-values.js';
import type {StepContext} from './step-context.js';

/** The user picker loads when this step first needs it (the wizard prefetches it once idle): it is not part of opening the wizard. */
export const loadUserPicker = (): Promise<unknown> => import('../../user-combobox/user-combobox.js');

function contactFields(ctx: StepContext, i: number, c: Contact) {
  const base: FieldPath = ['contacts', i];
  return html`<fieldset class="group" part="fieldset">
    <legend part="legend">${CONTACT_ROLE_TITLES[c.role] ?? CONTACT_ROLE_TITLES.other}</legend>
    ${c.role === 'billing'
      ? html`<button
          type="button"
          part="button"
          @click=${() => {
            const primary = ctx.values.contacts.find((x) => x.role === 'primary');
            if (primary) ctx.input(base, {...primary, id: c.id, role: 'billing'});
          }}
        >
          ${msg('Copy from the primary contact')}
        </button>`
      : nothing}
    ${textField(ctx, [...base, 'firstName'], {label: msg('First name'), required: c.role === 'primary', autocomplete: 'given-name'})}
    ${textField(ctx, [...base, 'lastName'], {label: msg('Last name'), required: c.role === 'primary', autocomplete: 'family-name'})}
    ${textField(ctx, [...base, 'email'], {label: msg('Email'), type: 'email', required: c.role === 'primary', autocomplete: 'email', inputmode: 'email'})}
    ${textField(ctx, [...base, 'phone'], {label: msg('Phone (optional)'), type: 'tel', autocomplete: 'tel', hint: msg('With the country code, or as dialled in the company’s country.')})}
  </fieldset>`;
}

/** Users of the acting scope, picked by type-ahead (several, or one: the latest pick replaces it). */
function userPicker(ctx: StepContext, path: FieldPath, label: string, multiple: boolean) {
  const value = getAt(ctx.values, path) as UserRef[] | UserRef | null;
  const list = multiple ? ((value as UserRef[] | null) ?? []) : value ? [value as UserRef] : [];
  return html`<div class="field wide" part="field" data-path=${path.join('.')}>
    <tenantry-user-combobox
      .client=${ctx.client}
      .selected=${list}
      scope-tenant-id=${ctx.scope.tenantId}
      label=${label}
      @tenantry-users-change=${(e: CustomEvent<{users: UserRef[]}>) => {
        const users = e.detail.users.map((u) => ({id: u.id, displayName: u.displayName}));
        ctx.input(path, multiple ? users : (users.at(-1) ?? null));
      }}
    ></tenantry-user-combobox>
  </div>`;
}

export function renderPeopleStep(ctx: StepContext) {
  // Until it arrives the pickers are plain elements; their properties are taken over on upgrade.
  ctx.load('user-picker', () => loadUserPicker().then(() => true));
  const v = ctx.values;
  const a = v.adminUser;
  const loginLocked = ctx.locked(['adminUser', 'loginEmail']);
  return html`
    ${v.contacts.map((c, i) => contactFields(ctx, i, c))}
    ${a
      ? html`<fieldset class="group" part="fieldset">
          <legend part="legend">${msg('Admin user')}</legend>
          <p class="hint" part="hint">${msg('Invited as the organization’s first administrator.')}</p>
          ${textField(ctx, ['adminUser', 'firstName'], {label: msg('First name'), required: true, autocomplete: 'off'})}
          ${textField(ctx, ['adminUser', 'lastName'], {label: msg('Last name'), required: true, autocomplete: 'off'})}
          ${textField(ctx, ['adminUser', 'loginEmail'], {
            label: msg('Login email'),
            type: 'email',
            required: true,
            inputmode: 'email',
            hint: loginLocked ? undefined : msg('Their sign-in name. It cannot be changed once the organization is created.'),
          })}
          ${textField(ctx, ['adminUser', 'displayName'], {label: msg('Display name'), hint: msg(str`Leave empty to use “${[a.firstName, a.lastName].filter(Boolean).join(' ') || 'first and last name'}”.`)})}
          ${textField(ctx, ['adminUser', 'communicationEmail'], {label: msg('Additional email for notices (optional)'), type: 'email', inputmode: 'email'})}
        </fieldset>`
      : nothing}
    <fieldset class="group" part="fieldset">
      <legend part="legend">${msg('Your team')}</legend>
      ${userPicker(ctx, ['tenantAdmins'], msg('Tenant administrators'), true)}
      ${userPicker(ctx, ['readers'], msg('Organization readers'), true)}
      ${userPicker(ctx, ['engineers'], msg('MSP engineers'), true)}
      ${userPicker(ctx, ['accountManager'], msg('Account manager'), false)}
    </fieldset>
    ${textField(ctx, ['runAsAccount'], {
      label: collects(v.features) ? msg('Run-as account') : msg('Run-as account (optional)'),
      required: collects(v.features),
      hint: msg('The service account data collection signs in with (its name only; never a password).'),
      parse: (text) => text || null,
    })}
  `;
}
