/** Words a person reads for the domain's codes: one place, so the grid, filters and exports agree. */
import type {AzureSubscriptionState, LifecycleAction, LinkedAccount, ContractStatus, EducationSegment, OrgStatus, Plan, Qualification, ServicePlan, SourceDataStatus, StorageRegion, TenantKind, TenantType, Workload} from './types.js';

export const PLAN_LABELS: Record<Plan, string> = {
  assessment: 'Assessment',
  implementation: 'Implementation',
  'management-service-csp': 'Management Service CSP',
  'management-service': 'Management Service',
};

export const STATUS_LABELS: Record<OrgStatus, string> = {active: 'Active', inactive: 'Inactive', suspended: 'Suspended', archived: 'Archived'};

export const SOURCE_DATA_LABELS: Record<SourceDataStatus, string> = {success: 'Success', warning: 'Warning', failed: 'Failed', 'not-available': 'Not available'};

export const KIND_LABELS: Record<TenantKind, string> = {distributor: 'Distributor', reseller: 'Reseller', 'customer-organization': 'Customer organization', customer: 'Customer'};

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {active: 'Active', pending: 'Pending', expiring: 'Expiring', expired: 'Expired', cancelled: 'Cancelled'};

export const WORKLOAD_LABELS: Record<Workload, string> = {
  'microsoft-365': 'Microsoft 365',
  endpoints: 'Endpoints',
  'file-servers': 'File servers',
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
  'us-east': 'US East',
  'us-west': 'US West',
  canada: 'Canada',
  'eu-west': 'EU West',
  'eu-central': 'EU Central',
  uk: 'United Kingdom',
  australia: 'Australia',
  japan: 'Japan',
  singapore: 'Singapore',
  brazil: 'Brazil',
};

export const SERVICE_PLAN_LABELS: Record<ServicePlan, string> = {essentials: 'Essentials', business: 'Business', enterprise: 'Enterprise', elite: 'Elite'};

export const TENANT_TYPE_LABELS: Record<TenantType, string> = {commercial: 'Commercial', education: 'Education', 'non-profit': 'Non-profit', government: 'Government', trial: 'Trial'};

export const QUALIFICATION_LABELS: Record<Qualification, string> = {commercial: 'Commercial', education: 'Education', 'non-profit': 'Non-profit (charity)'};

export const EDUCATION_SEGMENT_LABELS: Record<EducationSegment, string> = {'k-12': 'Primary and secondary (K-12)', 'higher-education': 'Higher education', other: 'Other'};

export const AZURE_SUBSCRIPTION_STATE_LABELS: Record<AzureSubscriptionState, string> = {enabled: 'Enabled', warned: 'Warned', 'past-due': 'Past due', disabled: 'Disabled'};

export const PROVIDER_LABELS: Record<LinkedAccount['provider'], string> = {azure: 'Azure', aws: 'AWS', gcp: 'Google Cloud'};

export const ACCOUNT_TYPE_LABELS: Record<LinkedAccount['type'], string> = {shared: 'Shared', dedicated: 'Dedicated'};

/** The button's word for each lifecycle request (a move, or a delete). */
export const LIFECYCLE_LABELS: Readonly<Record<LifecycleAction | 'delete', string>> = {
  suspend: 'Suspend',
  resume: 'Resume',
  disable: 'Disable',
  enable: 'Enable',
  archive: 'Archive',
  delete: 'Delete',
};

/** What each lifecycle request did, for announcements ("Contoso Ltd suspended"). */
export const LIFECYCLE_DONE: Readonly<Record<LifecycleAction | 'delete', string>> = {
  suspend: 'suspended',
  resume: 'resumed',
  disable: 'disabled',
  enable: 'enabled',
  archive: 'archived',
  delete: 'deleted',
};
