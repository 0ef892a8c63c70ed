/**
 * Step 5, plan and services: the plan, the features (a feature that needs another switches it on;
 * switching one off says what went with it), service plan, tenant type, storage region, license
 * expiry and the credit quota with its dates.
 */
import {formatList, plural} from '../../../src/page/format.js';
import {msg, str} from '@lit/localize';
import {html, nothing} from 'lit';
import {PLAN_LABELS, REGION_LABELS, SERVICE_PLAN_LABELS, TENANT_TYPE_LABELS} from '../../../src/shared/model/labels.js';
import {PLANS, SERVICE_PLANS, STORAGE_REGIONS, TENANT_TYPES} from '../../../src/shared/model/types.js';
import {disable, enable, FEATURE_KEYS, FEATURE_LABELS, FEATURE_NEEDS, type FeatureKey} from '../../../src/shared/forms/features.js';
import {checkField, radioField, selectField, textField} from '../wizard-fields.js';
import {collects} from '../../../src/shared/contract/field-rules.js';
import type {StepContext} from './step-context.js';

const names = (keys: readonly FeatureKey[]): string => formatList(keys.map((k) => FEATURE_LABELS[k]));

/** Switches a feature, with what it needs or what needs it, and says what else changed. */
function toggle(ctx: StepContext, key: FeatureKey, on: boolean): void {
  const change = on ? enable(ctx.values.features, key) : disable(ctx.values.features, key);
  const said: string[] = [];
  if (change.also.length) {
    const feature = FEATURE_LABELS[key];
    const others = names(change.also);
    said.push(
      on
        ? msg(str`${feature} needs ${others}: switched on too.`)
        : plural(change.also.length, {one: () => msg(str`${others} needs ${feature}: switched off too.`), other: () => msg(str`${others} need ${feature}: switched off too.`)}),
    );
  }
  if (on && collects(change.features) && !collects(ctx.values.features) && !ctx.values.runAsAccount?.trim()) {
    said.push(msg('Collecting data needs a run-as account: add one under Contacts and people.'));
  }
  ctx.say('features', said.join(' ') || null);
  ctx.input(['features'], change.features);
}

const needsText = (key: FeatureKey): string | undefined => {
  const needs = FEATURE_NEEDS[key];
  return needs.length ? needs.map((n) => msg(str`Needs ${n.anyOf.map((k) => FEATURE_LABELS[k]).join(' or ')}: ${n.why}`)).join(' ') : undefined;
};

export function renderPlanStep(ctx: StepContext) {
  const v = ctx.values;
  const q = v.creditQuota;
  return html`
    ${radioField(ctx, ['plan'], {legend: msg('Plan'), choices: PLANS.map((p) => ({value: p, label: PLAN_LABELS[p]}))})}
    <fieldset class="group" part="fieldset">
      <legend part="legend">${msg('Features')}</legend>
      ${FEATURE_KEYS.map((key) => checkField(ctx, ['features', key], {label: FEATURE_LABELS[key], hint: needsText(key), onToggle: (on) => toggle(ctx, key, on)}))}
      <p class="note" part="note" role="status">${ctx.said('features') ?? ''}</p>
    </fieldset>
    ${selectField(ctx, ['service', 'servicePlan'], {label: msg('Service plan'), choices: SERVICE_PLANS.map((s) => ({value: s, label: SERVICE_PLAN_LABELS[s]})), empty: msg('Not set')})}
    ${selectField(ctx, ['service', 'tenantType'], {label: msg('Tenant type'), choices: TENANT_TYPES.map((s) => ({value: s, label: TENANT_TYPE_LABELS[s]})), empty: msg('Not set')})}
    ${selectField(ctx, ['storageRegion'], {label: msg('Storage region'), choices: STORAGE_REGIONS.map((s) => ({value: s, label: REGION_LABELS[s]})), empty: msg('Not set')})}
    ${textField(ctx, ['licenseExpiresOn'], {label: msg('License expires on (optional)'), type: 'date', parse: (t) => t || null})}
    ${checkField(ctx, ['creditQuota'], {
      label: msg('Credit quota'),
      onToggle: (on) => ctx.input(['creditQuota'], on ? {credits: 0, effectiveOn: new Date().toISOString().slice(0, 10), endsOn: null} : null),
    })}
    ${q
      ? html`<fieldset class="group" part="fieldset">
          <legend part="legend">${msg('Credit quota')}</legend>
          ${textField(ctx, ['creditQuota', 'credits'], {label: msg('Credits'), type: 'number', inputmode: 'numeric', parse: (t) => (t.trim() === '' ? 0 : Number(t))})}
          ${textField(ctx, ['creditQuota', 'effectiveOn'], {label: msg('Effective from'), type: 'date', required: true})}
          ${textField(ctx, ['creditQuota', 'endsOn'], {label: msg('Ends on (optional)'), type: 'date', hint: msg('After the effective date.'), parse: (t) => t || null})}
        </fieldset>`
      : nothing}
  `;
}
