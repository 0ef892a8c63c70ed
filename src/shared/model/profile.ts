/**
 * An organization's fields as a person reads them, in the groups the customer wizard enters them:
 * the wizard's review step and the customer details' profile list the same rows, so a field added
 * to the model is added once here. Values are plain text (the callers render them as text).
 */
import {PLAN_LABELS, QUALIFICATION_LABELS, REGION_LABELS, SERVICE_PLAN_LABELS, STATUS_LABELS, TENANT_TYPE_LABELS} from './labels.js';
import {FEATURE_KEYS, FEATURE_LABELS} from '../forms/features.js';
import type {Address, OrganizationInput, UserRef} from './types.js';

/** The groups, in the wizard's order (its step ids). */
export const PROFILE_GROUPS = ['organization', 'company', 'people', 'microsoft', 'plan', 'schedules', 'notifications', 'sales'] as const;
export type ProfileGroup = (typeof PROFILE_GROUPS)[number];

/** A label and the value's text (`null` or empty where nothing was entered). */
export type ProfileRow = readonly [label: string, value: string | null | undefined];

const address = (a: Address | null | undefined): string => (a ? [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.state, a.country].filter(Boolean).join(', ') : '');
const people = (list: readonly UserRef[]): string => list.map((u) => u.displayName).join(', ');
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The fields of one group of an organization, as labelled text (empty values included: a profile lists every field). */
export function profileRows(group: ProfileGroup, v: OrganizationInput): ProfileRow[] {
  switch (group) {
    case 'organization':
      return [
        ['Name', v.name],
        ['Description', v.description],
        ['Status', STATUS_LABELS[v.status]],
        ['Customer type', v.customerType],
        ['Primary domain', v.domain],
        ['Customer organization', v.customerOrganizationId ? 'Set (permanent once saved)' : 'None'],
        ...v.customLinks.map((l, i): ProfileRow => [`Link ${i + 1}`, `${l.title} — ${l.url}`]),
      ];
    case 'company':
      return [
        ['Company address', address(v.companyAddress)],
        ['Company phone', v.companyPhone],
        ['Billing profile', v.billing ? [v.billing.profileName, v.billing.billTo].filter(Boolean).join(' · ') : ''],
        ['Billing address', v.billing ? (v.billing.sameAsCompany ? 'Same as the company address' : address(v.billing.address)) : ''],
      ];
    case 'people':
      return [
        ...v.contacts.map((c): ProfileRow => [`${c.role[0].toUpperCase()}${c.role.slice(1)} contact`, [[c.firstName, c.lastName].filter(Boolean).join(' '), c.email, c.phone].filter(Boolean).join(' · ')]),
        ['Admin user', v.adminUser ? [v.adminUser.displayName || [v.adminUser.firstName, v.adminUser.lastName].filter(Boolean).join(' '), v.adminUser.loginEmail].filter(Boolean).join(' · ') : ''],
        ['Tenant administrators', people(v.tenantAdmins)],
        ['Organization readers', people(v.readers)],
        ['MSP engineers', people(v.engineers)],
        ['Account manager', v.accountManager?.displayName],
        ['Run-as account', v.runAsAccount],
      ];
    case 'microsoft': {
      const m = v.microsoftAccount;
      return [
        ['Microsoft account', !m ? '' : m.mode === 'skip' ? 'Skipped' : m.mode === 'existing' ? `Existing: ${m.domain} (${m.tenantId || 'not chosen'})` : `New: ${m.domain}, ${QUALIFICATION_LABELS[m.qualification]}`],
        ['Azure directories', v.azureTenants.map((t) => `${t.name} (${t.subscriptions.filter((s) => s.monitored).length} of ${t.subscriptions.length} subscriptions monitored)`).join('; ')],
      ];
    }
    case 'plan':
      return [
        ['Plan', v.plan ? PLAN_LABELS[v.plan] : ''],
        ['Features', FEATURE_KEYS.filter((k) => v.features[k]).map((k) => FEATURE_LABELS[k]).join(', ') || 'None'],
        ['Service plan', v.service.servicePlan ? SERVICE_PLAN_LABELS[v.service.servicePlan] : ''],
        ['Tenant type', v.service.tenantType ? TENANT_TYPE_LABELS[v.service.tenantType] : ''],
        ['Storage region', v.storageRegion ? REGION_LABELS[v.storageRegion] : ''],
        ['License expires on', v.licenseExpiresOn],
        ['Credit quota', v.creditQuota ? `${v.creditQuota.credits} credits from ${v.creditQuota.effectiveOn}${v.creditQuota.endsOn ? ` to ${v.creditQuota.endsOn}` : ''}` : 'None'],
      ];
    case 'schedules':
      return [
        ['Time zone', v.schedules.timeZone],
        ['Cost collection', v.schedules.cost],
        ['Security collection', v.schedules.security],
        ['Operations collection', v.schedules.operations],
      ];
    case 'notifications':
      return [
        ['Email addresses', v.notifications.emails.join(', ')],
        ['Subject prefix', v.notifications.subjectPrefix],
        ['Tickets', [v.notifications.detectionTickets ? 'detections' : '', v.notifications.reportTickets ? 'reports' : ''].filter(Boolean).join(' and ') || 'None'],
        ['Weekly digest', v.notifications.weeklyDigest.enabled ? `${WEEKDAYS[v.notifications.weeklyDigest.weekday]} at ${String(v.notifications.weeklyDigest.hourUtc).padStart(2, '0')}:00 UTC` : 'Off'],
      ];
    case 'sales':
      return v.salesReps.map((r, i): ProfileRow => [`Sales representative ${i + 1}`, [r.name, r.email, r.phone].filter(Boolean).join(' · ')]);
  }
}
