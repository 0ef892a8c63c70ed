/**
 * Step 1, the organization: name, description, status, customer type, where it sits in the
 * channel (parent, optional customer-organization anchor), primary domain and custom links.
 */
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {KIND_LABELS} from '../../../src/shared/model/labels.js';
import type {TenantHit} from '../../../src/shared/tenancy.js';
import {radioField, selectField, textareaField, textField, type Choice} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

const statusChoices = (): Choice[] => [
  {value: 'active', label: msg('Active')},
  {value: 'inactive', label: msg('Inactive')},
  {value: 'archived', label: msg('Archived')},
];

/** Tenants a customer can be created under, as the user may see them from the acting scope. */
function parents(ctx: StepContext): TenantHit[] | null | undefined {
  return ctx.load(`parents:${ctx.scope.tenantId}`, async (signal) => {
    const home = await ctx.client.resolveTenant(ctx.scope, ctx.scope.tenantId, {signal});
    const below = await ctx.client.searchTenants(ctx.scope, {text: '', limit: 500, parentId: ctx.scope.tenantId, kinds: ['reseller']}, {signal});
    return [home, ...below.hits].filter((t) => t.kind === 'distributor' || t.kind === 'reseller');
  });
}

function anchors(ctx: StepContext, parentId: string): TenantHit[] | null | undefined {
  return ctx.load(`anchors:${ctx.scope.tenantId}:${parentId}`, async (signal) => {
    const found = await ctx.client.searchTenants(ctx.scope, {text: '', limit: 500, parentId, kinds: ['customer-organization']}, {signal});
    return found.hits.filter((t) => t.kind === 'customer-organization' && t.status === 'active');
  });
}

export function renderOrganizationStep(ctx: StepContext) {
  const v = ctx.values;
  const parentList = ctx.mode === 'create' ? parents(ctx) : null;
  const parentChoices: Choice[] = (parentList ?? []).map((t) => ({value: t.id, label: `${t.name} (${KIND_LABELS[t.kind]})`}));
  const anchorList = v.parentId ? anchors(ctx, v.parentId) : null;
  const anchorLocked = ctx.mode === 'edit' && ctx.locked(['customerOrganizationId']);
  const refs = ctx.load('refs', (signal) => ctx.client.referenceLists(ctx.scope, {signal}));
  return html`
    ${textField(ctx, ['name'], {label: msg('Organization name'), required: true, autocomplete: 'organization', wide: true})}
    ${textareaField(ctx, ['description'], {label: msg('Description'), hint: msg('What the team should know about this customer.')})}
    ${radioField(ctx, ['status'], {legend: msg('Status'), choices: statusChoices()})}
    ${refs === undefined || refs?.customerTypes.length
      ? // While the partner's types load it is a list still empty (not a text field that turns into one).
        selectField(ctx, ['customerType'], {label: msg('Customer type'), choices: refs?.customerTypes ?? [], empty: refs ? msg('Not set') : msg('Loading…'), emptyValue: ''})
      : textField(ctx, ['customerType'], {label: msg('Customer type')})}
    ${ctx.mode === 'create'
      ? selectField(ctx, ['parentId'], {
          label: msg('Parent in the channel'),
          hint: parentList === undefined ? msg('Loading the resellers you can see…') : msg('The distributor or reseller this customer is managed under.'),
          required: true,
          choices: parentChoices,
          empty: msg('Choose…'),
        })
      : nothing}
    ${selectField(ctx, ['customerOrganizationId'], {
      label: msg('Customer organization (optional)'),
      hint: anchorLocked ? undefined : msg('Groups this customer under an active customer organization. Once saved it can never be changed.'),
      choices: (anchorList ?? []).map((t) => ({value: t.id, label: t.name})),
      empty: msg('None'),
    })}
    ${textField(ctx, ['domain'], {label: msg('Primary domain'), hint: msg('For example contoso.com.'), inputmode: 'url', autocomplete: 'off'})}
    <fieldset class="group" part="fieldset">
      <legend part="legend">${msg('Custom links')}</legend>
      <p class="hint" part="hint">${msg('Links your team opens for this customer (web addresses starting with https:// or http://).')}</p>
      ${v.customLinks.map(
        (_, i) => html`<div class="row" part="row">
          ${textField(ctx, ['customLinks', i, 'title'], {label: msg(str`Link ${i + 1} title`)})}
          ${textField(ctx, ['customLinks', i, 'url'], {label: msg(str`Link ${i + 1} address`), type: 'url', inputmode: 'url', wide: true})}
          <button type="button" part="button remove" @click=${() => ctx.input(['customLinks'], v.customLinks.filter((__, k) => k !== i))}>${msg(str`Remove link ${i + 1}`)}</button>
        </div>`,
      )}
      ${v.customLinks.length < 10
        ? html`<button type="button" part="button add" @click=${() => ctx.input(['customLinks'], [...v.customLinks, {title: '', url: ''}])}>${msg('Add a link')}</button>`
        : nothing}
    </fieldset>
  `;
}
