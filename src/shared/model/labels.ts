/**
 * Words a person reads for the domain's codes: one place, so the grid, filters and exports agree.
 * Each word is read when used (a getter through `msg()`), so it is in the page's language of the
 * moment; product and brand names stay as they are in every language. In the worker (exports) no
 * catalogue is loaded and the words are English.
 */
import {msg, str} from '@lit/localize';
import type {AzureSubscriptionState, Contact, LifecycleAction, LinkedAccount, ContractStatus, EducationSegment, OrgStatus, Plan, Qualification, ServicePlan, SourceDataStatus, StorageRegion, TenantKind, TenantType, Workload} from './types.js';

export const PLAN_LABELS: Record<Plan, string> = {
  get assessment() { return msg('Assessment'); },
  get implementation() { return msg('Implementation'); },
  get 'management-service-csp'() { return msg('Management Service CSP'); },
  get 'management-service'() { return msg('Management Service'); },
};

export const STATUS_LABELS: Record<OrgStatus, string> = {get active() { return msg('Active'); }, get inactive() { return msg('Inactive'); }, get suspended() { return msg('Suspended'); }, get archived() { return msg('Archived'); }};

export const SOURCE_DATA_LABELS: Record<SourceDataStatus, string> = {get success() { return msg('Success'); }, get warning() { return msg('Warning'); }, get failed() { return msg('Failed'); }, get 'not-available'() { return msg('Not available'); }};

export const KIND_LABELS: Record<TenantKind, string> = {get distributor() { return msg('Distributor'); }, get reseller() { return msg('Reseller'); }, get 'customer-organization'() { return msg('Customer organization'); }, get customer() { return msg('Customer'); }};

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {get active() { return msg('Active'); }, get pending() { return msg('Pending'); }, get expiring() { return msg('Expiring'); }, get expired() { return msg('Expired'); }, get cancelled() { return msg('Cancelled'); }};

export const WORKLOAD_LABELS: Record<Workload, string> = {
  'microsoft-365': 'Microsoft 365',
  get endpoints() { return msg('Endpoints'); },
  get 'file-servers'() { return msg('File servers'); },
  'sql-server': 'SQL Server',
  vmware: 'VMware',
  'hyper-v': 'Hyper-V',
  nas: 'NAS',
  'google-workspace': 'Google Workspace',
  salesforce: 'Salesforce',
  'azure-vms': 'Azure VMs',
  'aws-ec2': 'AWS EC2',
};

export const REGION_LABELS: Record<StorageRegion, string> = {
  get 'us-east'() { return msg('US East'); },
  get 'us-west'() { return msg('US West'); },
  get canada() { return msg('Canada'); },
  get 'eu-west'() { return msg('EU West'); },
  get 'eu-central'() { return msg('EU Central'); },
  get uk() { return msg('United Kingdom'); },
  get australia() { return msg('Australia'); },
  get japan() { return msg('Japan'); },
  get singapore() { return msg('Singapore'); },
  get brazil() { return msg('Brazil'); },
};

export const SERVICE_PLAN_LABELS: Record<ServicePlan, string> = {get essentials() { return msg('Essentials'); }, get business() { return msg('Business'); }, get enterprise() { return msg('Enterprise'); }, get elite() { return msg('Elite'); }};

export const TENANT_TYPE_LABELS: Record<TenantType, string> = {get commercial() { return msg('Commercial'); }, get education() { return msg('Education'); }, get 'non-profit'() { return msg('Non-profit'); }, get government() { return msg('Government'); }, get trial() { return msg('Trial'); }};

export const QUALIFICATION_LABELS: Record<Qualification, string> = {get commercial() { return msg('Commercial'); }, get education() { return msg('Education'); }, get 'non-profit'() { return msg('Non-profit (charity)'); }};

export const EDUCATION_SEGMENT_LABELS: Record<EducationSegment, string> = {get 'k-12'() { return msg('Primary and secondary (K-12)'); }, get 'higher-education'() { return msg('Higher education'); }, get other() { return msg('Other'); }};

export const AZURE_SUBSCRIPTION_STATE_LABELS: Record<AzureSubscriptionState, string> = {get enabled() { return msg('Enabled'); }, get warned() { return msg('Warned'); }, get 'past-due'() { return msg('Past due'); }, get disabled() { return msg('Disabled'); }};

export const PROVIDER_LABELS: Record<LinkedAccount['provider'], string> = {azure: 'Azure', aws: 'AWS', gcp: 'Google Cloud'};

export const ACCOUNT_TYPE_LABELS: Record<LinkedAccount['type'], string> = {get shared() { return msg('Shared'); }, get dedicated() { return msg('Dedicated'); }};

/** A contact by its role: the wizard's heading of its fields, the profile's row. */
export const CONTACT_ROLE_TITLES: Readonly<Record<Contact['role'], string>> = {
  get primary() { return msg('Primary contact'); },
  get billing() { return msg('Billing contact'); },
  get technical() { return msg('Technical contact'); },
  get other() { return msg('Contact'); },
};

/** The button's word for each lifecycle request (a move, or a delete). */
export const LIFECYCLE_LABELS: Readonly<Record<LifecycleAction | 'delete', string>> = {
  get suspend() { return msg('Suspend'); },
  get resume() { return msg('Resume'); },
  get disable() { return msg('Disable'); },
  get enable() { return msg('Enable'); },
  get archive() { return msg('Archive'); },
  get delete() { return msg('Delete'); },
};

/**
 * A lifecycle move's menu item or button: its word and an ellipsis, as every move asks for a
 * confirmation first (`Suspend…`).
 */
export const lifecycleItemLabel = (action: LifecycleAction): string => msg(str`${LIFECYCLE_LABELS[action]}…`);

/** The requests drawn as dangerous: those that cannot be undone (an archived organization never changes again). */
export const isIrreversible = (action: LifecycleAction | 'delete'): boolean => action === 'archive' || action === 'delete';

/** What each lifecycle request did, for announcements: `Contoso Ltd suspended.` */
export function lifecycleDone(action: LifecycleAction | 'delete', name: string): string {
  switch (action) {
    case 'suspend': return msg(str`${name} suspended.`);
    case 'resume': return msg(str`${name} resumed.`);
    case 'disable': return msg(str`${name} disabled.`);
    case 'enable': return msg(str`${name} enabled.`);
    case 'archive': return msg(str`${name} archived.`);
    case 'delete': return msg(str`${name} deleted.`);
  }
}

/** What did not happen: `Contoso Ltd was not suspended` (a reason follows, in another sentence). */
export function lifecycleNotDone(action: LifecycleAction | 'delete', name: string): string {
  switch (action) {
    case 'suspend': return msg(str`${name} was not suspended`);
    case 'resume': return msg(str`${name} was not resumed`);
    case 'disable': return msg(str`${name} was not disabled`);
    case 'enable': return msg(str`${name} was not enabled`);
    case 'archive': return msg(str`${name} was not archived`);
    case 'delete': return msg(str`${name} was not deleted`);
  }
}
