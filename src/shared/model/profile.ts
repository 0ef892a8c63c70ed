/**
 * An organization's fields as a person reads them, in the groups the customer wizard enters them:
 * the wizard's review step and the customer details' profile list the same rows, so a field added
 * to the model is added once here. Values are plain text (the callers render them as text).
 */
import {CONTACT_ROLE_TITLES, PLAN_LABELS, QUALIFICATION_LABELS, REGION_LABELS, SERVICE_PLAN_LABELS, STATUS_LABELS, TENANT_TYPE_LABELS} from './labels.js';
import {FEATURE_KEYS, FEATURE_LABELS} from '../forms/feature-names.js';
import {msg, str} from '@lit/localize';
import {numberLocale} from '../forms/number-locale.js';
import type {Address, OrganizationInput, UserRef} from './types.js';

/** The groups, in the wizard's order (its step ids). */
export const PROFILE_GROUPS = ['organization', 'company', 'people', 'microsoft', 'plan', 'schedules', 'notifications', 'sales'] as const;
export type ProfileGroup = (typeof PROFILE_GROUPS)[number];

/** A label and the value's text (`null` or empty where nothing was entered). */
export type ProfileRow = readonly [label: string, value: string | null | undefined];

const address = (a: Address | null | undefined): string => (a ? [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.state, a.country].filter(Boolean).join(', ') : '');
const people = (list: readonly UserRef[]): string => list.map((u) => u.displayName).join(', ');
/** A weekday's name in the page's language (1970-01-04 was a Sunday). */
const weekday = (day: number): string => new Intl.DateTimeFormat(numberLocale(), {weekday: 'long', timeZone: 'UTC'}).format(Date.UTC(1970, 0, 4 + day));

/** The fields of one group of an organization, as labelled text (empty values included: a profile lists every field). */
export function profileRows(group: ProfileGroup, v: OrganizationInput): ProfileRow[] {
  switch (group) {
    case 'organization':
      return [
        [msg('Name'), v.name],
        [msg('Description'), v.description],
        [msg('Status'), STATUS_LABELS[v.status]],
        [msg('Customer type'), v.customerType],
        [msg('Primary domain'), v.domain],
        [msg('Customer organization'), v.customerOrganizationId ? msg('Set (permanent once saved)') : msg('None')],
        ...v.customLinks.map((l, i): ProfileRow => [msg(str`Link ${i + 1}`), `${l.title} — ${l.url}`]),
      ];
    case 'company':
      return [
        [msg('Company address'), address(v.companyAddress)],
        [msg('Company phone'), v.companyPhone],
        [msg('Billing profile'), v.billing ? [v.billing.profileName, v.billing.billTo].filter(Boolean).join(' · ') : ''],
        [msg('Billing address'), v.billing ? (v.billing.sameAsCompany ? msg('Same as the company address') : address(v.billing.address)) : ''],
      ];
    case 'people':
      return [
        ...v.contacts.map((c): ProfileRow => [CONTACT_ROLE_TITLES[c.role] ?? CONTACT_ROLE_TITLES.other, [[c.firstName, c.lastName].filter(Boolean).join(' '), c.email, c.phone].filter(Boolean).join(' · ')]),
        [msg('Admin user'), v.adminUser ? [v.adminUser.displayName || [v.adminUser.firstName, v.adminUser.lastName].filter(Boolean).join(' '), v.adminUser.loginEmail].filter(Boolean).join(' · ') : ''],
        [msg('Tenant administrators'), people(v.tenantAdmins)],
        [msg('Organization readers'), people(v.readers)],
        [msg('MSP engineers'), people(v.engineers)],
        [msg('Account manager'), v.accountManager?.displayName],
        [msg('Run-as account'), v.runAsAccount],
      ];
    case 'microsoft': {
      const m = v.microsoftAccount;
      return [
        [msg('Microsoft account'), !m ? '' : m.mode === 'skip' ? msg('Skipped') : m.mode === 'existing' ? msg(str`Existing: ${m.domain} (${m.tenantId || msg('not chosen')})`) : msg(str`New: ${m.domain}, ${QUALIFICATION_LABELS[m.qualification]}`)],
        [msg('Azure directories'), v.azureTenants.map((t) => msg(str`${t.name} (${t.subscriptions.filter((s) => s.monitored).length} of ${t.subscriptions.length} subscriptions monitored)`)).join('; ')],
      ];
    }
    case 'plan':
      return [
        [msg('Plan'), v.plan ? PLAN_LABELS[v.plan] : ''],
        [msg('Features'), FEATURE_KEYS.filter((k) => v.features[k]).map((k) => FEATURE_LABELS[k]).join(', ') || msg('None')],
        [msg('Service plan'), v.service.servicePlan ? SERVICE_PLAN_LABELS[v.service.servicePlan] : ''],
        [msg('Tenant type'), v.service.tenantType ? TENANT_TYPE_LABELS[v.service.tenantType] : ''],
        [msg('Storage region'), v.storageRegion ? REGION_LABELS[v.storageRegion] : ''],
        [msg('License expires on'), v.licenseExpiresOn],
        [msg('Credit quota'), v.creditQuota ? (v.creditQuota.endsOn ? msg(str`${v.creditQuota.credits} credits from ${v.creditQuota.effectiveOn} to ${v.creditQuota.endsOn}`) : msg(str`${v.creditQuota.credits} credits from ${v.creditQuota.effectiveOn}`)) : msg('None')],
      ];
    case 'schedules':
      return [
        [msg('Time zone'), v.schedules.timeZone],
        [msg('Cost collection'), v.schedules.cost],
        [msg('Security collection'), v.schedules.security],
        [msg('Operations collection'), v.schedules.operations],
      ];
    case 'notifications':
      return [
        [msg('Email addresses'), v.notifications.emails.join(', ')],
        [msg('Subject prefix'), v.notifications.subjectPrefix],
        [msg('Tickets'), (v.notifications.detectionTickets && v.notifications.reportTickets ? msg('detections and reports') : v.notifications.detectionTickets ? msg('detections') : v.notifications.reportTickets ? msg('reports') : msg('None'))],
        [msg('Weekly digest'), v.notifications.weeklyDigest.enabled ? msg(str`${weekday(v.notifications.weeklyDigest.weekday)} at ${String(v.notifications.weeklyDigest.hourUtc).padStart(2, '0')}:00 UTC`) : msg('Off')],
      ];
    case 'sales':
      return v.salesReps.map((r, i): ProfileRow => [msg(str`Sales representative ${i + 1}`), [r.name, r.email, r.phone].filter(Boolean).join(' · ')]);
  }
}
