/**
 * Step 2, company and billing: the company address (country names in the user's language,
 * states and regions from the country's own list where it has one, postal code checked by the
 * country's rule) and the billing profile, whose address can be the company's.
 */
import {msg} from '@lit/localize';
import {html, nothing} from 'lit';
import type {Address} from '../../../src/shared/model/types.js';
import {checkField, selectField, textField, type Choice} from '../wizard-fields.js';
import type {FieldPath} from '../wizard-values.js';
import type {StepContext} from './step-context.js';

function countryChoices(ctx: StepContext): Choice[] | null | undefined {
  return ctx.load(`countries:${navigator.language}`, async () => {
    const {countries} = await import('../../../src/shared/forms/geo.js');
    return countries(navigator.language).map((c) => ({value: c.code, label: c.name}));
  });
}

function subdivisionChoices(ctx: StepContext, country: string): Choice[] | null | undefined {
  if (!country) return null;
  return ctx.load(`subdivisions:${country}:${navigator.language}`, async () => {
    const {subdivisions} = await import('../../../src/shared/forms/geo.js');
    return (await subdivisions(country, navigator.language)).map((s) => ({value: s.code ?? s.name, label: s.name}));
  });
}

export function addressFields(ctx: StepContext, base: FieldPath, address: Address, legend: string) {
  const countries = countryChoices(ctx);
  const regions = subdivisionChoices(ctx, address.country);
  return html`<fieldset class="group" part="fieldset">
    <legend part="legend">${legend}</legend>
    ${selectField(ctx, [...base, 'country'], {
      label: msg('Country or region'),
      required: true,
      choices: countries ?? [],
      empty: countries === undefined ? msg('Loading countries…') : msg('Choose…'),
      emptyValue: '',
      // A state chosen for the old country means nothing in the new one.
      write: (country) => ctx.patch([[[...base, 'country'], country], ...(country === address.country ? [] : ([[[...base, 'state'], '']] as const))]),
    })}
    ${textField(ctx, [...base, 'line1'], {label: msg('Address line 1'), autocomplete: 'address-line1', wide: true})}
    ${textField(ctx, [...base, 'line2'], {label: msg('Address line 2 (optional)'), autocomplete: 'address-line2', wide: true})}
    ${textField(ctx, [...base, 'city'], {label: msg('City'), autocomplete: 'address-level2'})}
    ${regions === undefined || regions?.length
      ? // While the country's list loads it is a list still empty (not a text field that turns into one).
        selectField(ctx, [...base, 'state'], {label: msg('State, province or region'), choices: regions ?? [], empty: regions ? msg('Choose…') : msg('Loading…'), emptyValue: ''})
      : textField(ctx, [...base, 'state'], {label: msg('State, province or region (optional)'), autocomplete: 'address-level1'})}
    ${textField(ctx, [...base, 'postalCode'], {label: msg('Postal code'), autocomplete: 'postal-code'})}
  </fieldset>`;
}

export function renderCompanyStep(ctx: StepContext) {
  const v = ctx.values;
  const company = v.companyAddress ?? {line1: '', line2: '', city: '', state: '', postalCode: '', country: ''};
  const billing = v.billing;
  const refs = ctx.load('refs', (signal) => ctx.client.referenceLists(ctx.scope, {signal}));
  return html`
    ${addressFields(ctx, ['companyAddress'], company, msg('Company address'))}
    ${textField(ctx, ['companyPhone'], {label: msg('Company phone (optional)'), type: 'tel', autocomplete: 'tel', hint: msg('With the country code, or as dialled in the company’s country.')})}
    ${billing
      ? html`<fieldset class="group" part="fieldset">
          <legend part="legend">${msg('Billing profile')}</legend>
          ${textField(ctx, ['billing', 'profileName'], {label: msg('Profile name'), hint: msg('For example Headquarters or Finance department.')})}
          ${textField(ctx, ['billing', 'billTo'], {label: msg('Bill to'), autocomplete: 'organization'})}
          ${refs?.partnerSubscriptions.length
            ? selectField(ctx, ['billing', 'partnerSubscription'], {label: msg('Partner subscription'), choices: refs.partnerSubscriptions, empty: msg('None')})
            : nothing}
          ${checkField(ctx, ['billing', 'sameAsCompany'], {
            label: msg('The billing address is the company address'),
            onToggle: (same) => ctx.patch([[['billing', 'sameAsCompany'], same], ...(same ? [] : ([[['billing', 'address'], {...company}]] as const))]),
          })}
          ${billing.sameAsCompany ? nothing : addressFields(ctx, ['billing', 'address'], billing.address, msg('Billing address'))}
        </fieldset>`
      : nothing}
  `;
}
