/**
 * What the wizard checks on each step, from the rules the server shares (`src/shared/forms/`):
 * every issue names its field by path, so it lands on the field, in the error summary and on the
 * step that shows it. A step's check is also a field's check (the issues of that one path are
 * kept), so leaving a field and pressing Next never disagree.
 */
import type {FormIssue} from '../../src/shared/forms/issue.js';
import {issue} from '../../src/shared/forms/issue.js';
import {checkText} from '../../src/shared/forms/text.js';
import {checkCustomLink, checkDomain, checkEmail, checkEmailList, checkLink, checkOnMicrosoftPrefix} from '../../src/shared/forms/contact.js';
import {check as checkFeatures} from '../../src/shared/forms/features.js';
import {checkCreditQuota, checkLicenseExpiry, todayIn} from '../../src/shared/forms/dates.js';
import {checkCron, checkTimeZone} from '../../src/shared/forms/cron.js';
import type {Address, OrganizationInput} from '../../src/shared/model/types.js';
import type {StepId} from './wizard-steps.js';

export interface RuleContext {
  mode: 'create' | 'edit';
  /** The values the edit started from (edit mode): an unchanged stored date is not judged again. */
  original: OrganizationInput | null;
}

const MAX_SALES_REPS = 3;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const hasAny = (a: Address | null): boolean => Boolean(a && (a.line1 || a.line2 || a.city || a.state || a.postalCode || a.country));

/** The address rules live in a module that loads subdivision and postal data: only when an address is checked. */
async function addressIssues(address: Address | null, path: string, required: boolean): Promise<FormIssue[]> {
  if (!address || !hasAny(address)) return required ? [issue(`${path}.country`, 'required')] : [];
  const {checkAddress} = await import('../../src/shared/forms/geo.js');
  const issues = await checkAddress(address, path);
  return address.country ? issues : [issue(`${path}.country`, 'required'), ...issues];
}

async function phoneIssues(value: string, path: string, defaultCountry: string): Promise<FormIssue[]> {
  if (!value.trim()) return [];
  const {checkPhone} = await import('../../src/shared/forms/geo.js');
  return [...(await checkPhone(value, {path, defaultCountry: defaultCountry || undefined})).issues];
}

/** Whether a data collection is switched on (then a run-as account is needed to collect with). */
export const collects = (v: OrganizationInput): boolean => v.features.security || v.features.operations || v.features.costDetails;

/** Every issue of one step's fields. */
export async function checkStep(step: StepId, v: OrganizationInput, ctx: RuleContext): Promise<FormIssue[]> {
  const out: FormIssue[] = [];
  const push = (...issues: readonly FormIssue[]): void => void out.push(...issues);
  switch (step) {
    case 'organization': {
      push(...checkText(v.name, 'name', {path: 'name', required: true}).issues);
      push(...checkText(v.description, 'description', {path: 'description'}).issues);
      push(...checkText(v.customerType, 'customerType', {path: 'customerType'}).issues);
      if (v.domain.trim()) push(...checkDomain(v.domain, {path: 'domain'}).issues);
      if (!v.parentId) push(issue('parentId', 'required'));
      v.customLinks.forEach((link, i) => push(...checkCustomLink(link, `customLinks[${i}]`)));
      break;
    }
    case 'company': {
      push(...(await addressIssues(v.companyAddress, 'companyAddress', true)));
      push(...(await phoneIssues(v.companyPhone, 'companyPhone', v.companyAddress?.country ?? '')));
      const b = v.billing;
      if (b) {
        push(...checkText(b.profileName, 'name', {path: 'billing.profileName'}).issues);
        push(...checkText(b.billTo, 'name', {path: 'billing.billTo'}).issues);
        if (!b.sameAsCompany) push(...(await addressIssues(b.address, 'billing.address', true)));
      }
      break;
    }
    case 'people': {
      const country = v.companyAddress?.country ?? '';
      for (const [i, c] of v.contacts.entries()) {
        const base = `contacts[${i}]`;
        const primary = c.role === 'primary';
        push(...checkText(c.firstName, 'personName', {path: `${base}.firstName`, required: primary}).issues);
        push(...checkText(c.lastName, 'personName', {path: `${base}.lastName`, required: primary}).issues);
        push(...checkEmail(c.email, {path: `${base}.email`, required: primary}).issues);
        push(...(await phoneIssues(c.phone, `${base}.phone`, country)));
      }
      const a = v.adminUser;
      if (a) {
        push(...checkText(a.firstName, 'personName', {path: 'adminUser.firstName', required: true}).issues);
        push(...checkText(a.lastName, 'personName', {path: 'adminUser.lastName', required: true}).issues);
        push(...checkEmail(a.loginEmail, {path: 'adminUser.loginEmail', required: true}).issues);
        push(...checkText(a.displayName, 'name', {path: 'adminUser.displayName'}).issues);
        if (a.communicationEmail.trim()) push(...checkEmail(a.communicationEmail, {path: 'adminUser.communicationEmail'}).issues);
      }
      if (collects(v)) push(...checkText(v.runAsAccount ?? '', 'name', {path: 'runAsAccount', required: true}).issues);
      else if (v.runAsAccount) push(...checkText(v.runAsAccount, 'name', {path: 'runAsAccount'}).issues);
      break;
    }
    case 'microsoft': {
      const m = v.microsoftAccount;
      if (!m) push(issue('microsoftAccount', 'required'));
      else if (m.mode === 'existing') {
        // The domain it is found by is a domain like any other; the account is the one chosen for it.
        push(...checkDomain(m.domain, {path: 'microsoftAccount.domain', required: true}).issues);
        if (!GUID.test(m.tenantId)) push(issue('microsoftAccount.tenantId', m.tenantId.trim() ? 'tenant-id.invalid' : 'required'));
      } else if (m.mode === 'new') {
        push(...checkOnMicrosoftPrefix(m.domain, {path: 'microsoftAccount.domain', required: true}).issues);
        push(...checkText(m.companyRegistrationId, 'name', {path: 'microsoftAccount.companyRegistrationId'}).issues);
        const education = m.qualification === 'education';
        if (education && !m.educationSegment) push(issue('microsoftAccount.educationSegment', 'required'));
        // Required for an education qualification; checked wherever one is given (as the server does).
        if (education || m.website) push(...checkLink(m.website ?? '', {path: 'microsoftAccount.website', required: education}).issues);
      }
      break;
    }
    case 'plan': {
      push(...checkFeatures(v.features, 'features'));
      push(...checkCreditQuota(v.creditQuota, 'creditQuota'));
      push(...checkLicenseExpiry(v.licenseExpiresOn, {today: todayIn(), previous: ctx.original?.licenseExpiresOn ?? null, path: 'licenseExpiresOn'}));
      break;
    }
    case 'schedules': {
      for (const key of ['cost', 'security', 'operations'] as const) push(...checkCron(v.schedules[key], {path: `schedules.${key}`, required: true}).issues);
      push(...checkTimeZone(v.schedules.timeZone, {path: 'schedules.timeZone', required: true}).issues);
      break;
    }
    case 'notifications': {
      push(...checkEmailList(v.notifications.emails, {path: 'notifications.emails'}).issues);
      push(...checkText(v.notifications.subjectPrefix, 'subjectPrefix', {path: 'notifications.subjectPrefix'}).issues);
      break;
    }
    case 'sales': {
      if (v.salesReps.length < 1) push(issue('salesReps', 'required'));
      if (v.salesReps.length > MAX_SALES_REPS) push(issue('salesReps', 'sales-reps.too-many', {max: MAX_SALES_REPS, count: v.salesReps.length}));
      for (const [i, r] of v.salesReps.entries()) {
        push(...checkText(r.name, 'name', {path: `salesReps[${i}].name`, required: true}).issues);
        push(...checkEmail(r.email, {path: `salesReps[${i}].email`, required: true}).issues);
        push(...(await phoneIssues(r.phone, `salesReps[${i}].phone`, v.companyAddress?.country ?? '')));
      }
      break;
    }
    case 'review':
      break;
  }
  return out;
}
