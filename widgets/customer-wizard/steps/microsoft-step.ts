/**
 * Step 4, the Microsoft account and Azure: find the customer's existing account by a domain, or
 * create a new one (its `.onmicrosoft.com` name checked as it is typed), or skip; then the Azure
 * directories to link, with the subscriptions to monitor in each.
 */
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {AZURE_SUBSCRIPTION_STATE_LABELS, EDUCATION_SEGMENT_LABELS, QUALIFICATION_LABELS} from '../../../src/shared/model/labels.js';
import {EDUCATION_SEGMENTS, QUALIFICATIONS, type AzureTenant, type LinkableAzureTenant, type MicrosoftAccountChoice} from '../../../src/shared/model/types.js';
import {checkDomain, checkOnMicrosoftPrefix, ONMICROSOFT_SUFFIX} from '../../../src/shared/forms/contact.js';
import {radioField, selectField, textField} from '../wizard-fields.js';
import type {StepContext} from './step-context.js';

const modes = () => [
  {value: 'existing', label: msg('The customer has a Microsoft account: find it by a domain')},
  {value: 'new', label: msg('Create a new Microsoft account')},
  {value: 'skip', label: msg('Skip: the customer buys no Microsoft products through you')},
];

/** A `.onmicrosoft.com` name suggested from the organization's name: its letters and digits. */
const suggestPrefix = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
    .slice(0, 27);

const prefixOf = (domain: string): string => (domain.toLowerCase().endsWith(ONMICROSOFT_SUFFIX) ? domain.slice(0, -ONMICROSOFT_SUFFIX.length) : domain);

function pick(ctx: StepContext, mode: string): void {
  const v = ctx.values;
  const next: MicrosoftAccountChoice =
    mode === 'existing'
      ? {mode: 'existing', tenantId: '', domain: v.domain}
      : mode === 'new'
        ? {mode: 'new', domain: suggestPrefix(v.name) ? `${suggestPrefix(v.name)}${ONMICROSOFT_SUFFIX}` : '', companyRegistrationId: '', qualification: 'commercial'}
        : {mode: 'skip'};
  ctx.input(['microsoftAccount'], next);
}

function existing(ctx: StepContext, m: Extract<MicrosoftAccountChoice, {mode: 'existing'}>) {
  const domain = m.domain.trim().toLowerCase();
  // Only a domain the rule takes is looked up (the field says what is wrong with any other).
  const readable = Boolean(domain) && !checkDomain(domain).issues.length;
  // `{account: null}`: no account uses the domain; `null`: the lookup itself failed.
  const lookup = readable ? ctx.load(`ms-account:${domain}`, async (signal) => ({account: await ctx.client.lookupMicrosoftAccount(ctx.scope, domain, {signal})})) : null;
  const found = lookup?.account;
  return html`
    ${textField(ctx, ['microsoftAccount', 'domain'], {
      label: msg('A domain of the customer’s Microsoft account'),
      hint: msg('For example contoso.com or contoso.onmicrosoft.com.'),
      inputmode: 'url',
      // An account chosen for the old domain is not the new domain's: it is found and chosen again.
      write: (domain) => ctx.patch([[['microsoftAccount', 'domain'], domain], ...(m.tenantId ? ([[['microsoftAccount', 'tenantId'], '']] as const) : [])]),
    })}
    <div class="lookup" part="lookup" role="status">
      ${!readable
        ? nothing
        : lookup === undefined
          ? html`<p>${msg(html`Looking up <bdi>${domain}</bdi>…`)}</p>`
          : lookup === null
            ? html`<p>${msg('The account could not be looked up just now. Go to another step and back to try again.')}</p>`
            : !found
              ? html`<p>${msg(html`No Microsoft account uses <bdi>${domain}</bdi>. Check the domain, or create a new account.`)}</p>`
              : html`<p>
                    ${msg(html`Found <bdi>${found.name}</bdi> (tenant ID <code>${found.tenantId}</code>; domains: ${found.verifiedDomains.map((d, i) => html`${i ? ', ' : ''}<bdi>${d}</bdi>`)}).`)}
                  </p>
                  ${m.tenantId === found.tenantId
                    ? html`<p part="confirmed">${msg('This account will be linked.')}</p>`
                    : html`<button type="button" part="button" @click=${() => ctx.input(['microsoftAccount', 'tenantId'], found.tenantId)}>${msg('Use this account')}</button>`}`}
    </div>
    ${ctx.error('microsoftAccount.tenantId') ? html`<p class="error" part="field-error">${msg('Find the account and choose “Use this account”.')}</p>` : nothing}
  `;
}

function created(ctx: StepContext, m: Extract<MicrosoftAccountChoice, {mode: 'new'}>) {
  const prefix = prefixOf(m.domain);
  const syntaxOk = prefix && !checkOnMicrosoftPrefix(prefix).issues.length;
  const availability = syntaxOk ? ctx.load(`ms-domain:${prefix}`, (signal) => ctx.client.checkMicrosoftDomain(ctx.scope, prefix, {signal})) : null;
  return html`
    ${textField(ctx, ['microsoftAccount', 'domain'], {
      label: msg('Account name'),
      required: true,
      // The address pattern is a placeholder: angle brackets in a catalogue text would come back escaped.
      hint: msg(str`Letters and digits; the account’s address becomes ${'<name>'}${ONMICROSOFT_SUFFIX}.`),
      format: (value) => prefixOf(String(value ?? '')),
      // The name as typed (a pasted whole address is read as its name); the rule says what is wrong with it.
      parse: (text) => (text.trim() ? `${prefixOf(text.trim()).toLowerCase()}${ONMICROSOFT_SUFFIX}` : ''),
    })}
    <p class="availability" part="availability" role="status">
      ${!syntaxOk ? nothing : availability === undefined ? msg('Checking…') : availability === null ? msg('Could not check the name now; it is checked again when you create the customer.') : availability.available ? msg(str`${prefix}${ONMICROSOFT_SUFFIX} is available.`) : (availability.reason ?? msg(str`${prefix}${ONMICROSOFT_SUFFIX} is taken.`))}
    </p>
    <button type="button" part="button" @click=${() => ctx.patch([[['microsoftAccount', 'domain'], `${suggestPrefix(ctx.values.name)}${ONMICROSOFT_SUFFIX}`]])}>${msg('Import company info from the first step')}</button>
    ${textField(ctx, ['microsoftAccount', 'companyRegistrationId'], {label: msg('Company registration ID (optional)')})}
    ${radioField(ctx, ['microsoftAccount', 'qualification'], {legend: msg('Qualification'), choices: QUALIFICATIONS.map((q) => ({value: q, label: QUALIFICATION_LABELS[q]}))})}
    ${m.qualification === 'education'
      ? html`${selectField(ctx, ['microsoftAccount', 'educationSegment'], {label: msg('Education segment'), required: true, choices: EDUCATION_SEGMENTS.map((s) => ({value: s, label: EDUCATION_SEGMENT_LABELS[s]})), empty: msg('Choose…')})}
        ${textField(ctx, ['microsoftAccount', 'website'], {label: msg('Institution web site'), required: true, type: 'url', inputmode: 'url'})}`
      : nothing}
  `;
}

function azure(ctx: StepContext) {
  const linkable = ctx.load(`azure:${ctx.scope.tenantId}`, (signal) => ctx.client.listLinkableAzureTenants(ctx.scope, {signal}));
  const linked = ctx.values.azureTenants;
  const toggleTenant = (t: LinkableAzureTenant, on: boolean): void =>
    ctx.input(['azureTenants'], on ? [...linked, {tenantId: t.tenantId, name: t.name, domain: t.domain, subscriptions: t.subscriptions.map((s) => ({id: s.id, name: s.name, monitored: s.state === 'enabled'}))} satisfies AzureTenant] : linked.filter((x) => x.tenantId !== t.tenantId));
  return html`<fieldset class="group" part="fieldset">
    <legend part="legend">${msg('Azure directories to link')}</legend>
    ${linkable === undefined
      ? html`<p role="status">${msg('Loading the Azure directories you can link…')}</p>`
      : linkable === null
        ? html`<p role="alert">${msg('The Azure directories could not be loaded. Go to another step and back to try again.')}</p>`
        : !linkable.length
          ? html`<p>${msg('No Azure directory is waiting to be linked.')}</p>`
          : linkable.map((t) => {
              const at = linked.findIndex((x) => x.tenantId === t.tenantId);
              const id = `azure-${t.tenantId}`;
              return html`<div class="azure" part="azure-tenant">
                <input type="checkbox" id=${id} .checked=${at >= 0} @change=${(e: Event) => toggleTenant(t, (e.target as HTMLInputElement).checked)} />
                <label for=${id}><bdi>${t.name}</bdi> (<bdi>${t.domain}</bdi>)</label>
                ${at >= 0 && t.subscriptions.length
                  ? html`<fieldset class="subs" part="fieldset">
                      <legend part="legend">${msg(html`Subscriptions to monitor in <bdi>${t.name}</bdi>`)}</legend>
                      ${linked[at].subscriptions.map((s, k) => {
                        const sid = `${id}-${k}`;
                        const state = t.subscriptions.find((x) => x.id === s.id)?.state;
                        return html`<div class="check">
                          <input type="checkbox" id=${sid} .checked=${s.monitored} @change=${(e: Event) => ctx.input(['azureTenants', at, 'subscriptions', k, 'monitored'], (e.target as HTMLInputElement).checked)} />
                          <label for=${sid}><bdi>${s.name}</bdi>${state ? ` (${AZURE_SUBSCRIPTION_STATE_LABELS[state]})` : ''}</label>
                        </div>`;
                      })}
                    </fieldset>`
                  : nothing}
              </div>`;
            })}
  </fieldset>`;
}

export function renderMicrosoftStep(ctx: StepContext) {
  const m = ctx.values.microsoftAccount;
  return html`
    ${radioField(ctx, ['microsoftAccount'], {legend: msg('Microsoft account'), choices: modes(), selected: m?.mode ?? null, onPick: (mode) => pick(ctx, mode)})}
    ${m?.mode === 'existing' ? existing(ctx, m) : m?.mode === 'new' ? created(ctx, m) : nothing}
    ${azure(ctx)}
  `;
}
