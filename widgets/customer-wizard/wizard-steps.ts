/**
 * The wizard's steps: their order, titles, and which top-level fields of an organization each one
 * owns (so an error from a field rule or from the server lands on the step that shows the field).
 */

import {msg} from '@lit/localize';

export const STEP_IDS = ['organization', 'company', 'people', 'microsoft', 'plan', 'schedules', 'notifications', 'sales', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface StepDef {
  id: StepId;
  title: string;
  /** Top-level fields of `OrganizationInput` shown (and checked) on this step. */
  owns: readonly string[];
}

export const STEPS: readonly StepDef[] = [
  {id: 'organization', get title() { return msg('Organization'); }, owns: ['name', 'description', 'status', 'customerType', 'parentId', 'customerOrganizationId', 'domain', 'customLinks', 'kind']},
  {id: 'company', get title() { return msg('Company and billing'); }, owns: ['companyAddress', 'companyPhone', 'billing']},
  {id: 'people', get title() { return msg('Contacts and people'); }, owns: ['contacts', 'adminUser', 'tenantAdmins', 'readers', 'engineers', 'accountManager', 'owner', 'runAsAccount', 'admin']},
  {id: 'microsoft', get title() { return msg('Microsoft account and Azure'); }, owns: ['microsoftAccount', 'azureTenants']},
  {id: 'plan', get title() { return msg('Plan and services'); }, owns: ['plan', 'features', 'service', 'storageRegion', 'licenseExpiresOn', 'creditQuota', 'workloads']},
  {id: 'schedules', get title() { return msg('Collection schedules'); }, owns: ['schedules']},
  {id: 'notifications', get title() { return msg('Notifications'); }, owns: ['notifications']},
  {id: 'sales', get title() { return msg('Sales representatives'); }, owns: ['salesReps']},
  {id: 'review', get title() { return msg('Review'); }, owns: []},
];

export const stepById = (id: string): StepDef | undefined => STEPS.find((s) => s.id === id);

/** The top-level field of an issue path: `contacts[2].email` → `contacts`. */
export const topField = (path: string): string => path.split(/[.[]/, 1)[0];

/** The step that shows a field (by its issue path); the first step for a path no step owns. */
export function stepOfPath(path: string): StepId {
  const top = topField(path);
  return STEPS.find((s) => s.owns.includes(top))?.id ?? 'organization';
}
