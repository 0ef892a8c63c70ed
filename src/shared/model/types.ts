/**
 * The domain of Tenantry, in one place.
 *
 * Every tenant in the distributor → reseller → customer hierarchy is an {@link Organization}: a
 * distributor, a reseller, an end customer, or an optional "customer organization" that only
 * anchors customers billed separately under one company and domain.
 *
 * Lists carry {@link OrganizationSummary} (what a grid row, a tooltip or a switcher needs);
 * one organization's detail is the full {@link Organization}. The runtime schemas that check these
 * shapes at the network boundary live in `schemas.ts`, and the REST contract in
 * `openapi/tenantry.openapi.json` is generated from them.
 */

/** Opaque, stable identifier. */
export type Id = string;
/** ISO 8601 instant in UTC, e.g. `2026-11-24T09:30:00.000Z`. */
export type Instant = string;
/** ISO 8601 calendar date, e.g. `2027-03-31`. */
export type IsoDate = string;
/** ISO 4217 currency code, three capital letters. */
export type CurrencyCode = string;

export const TENANT_KINDS = ['distributor', 'reseller', 'customer-organization', 'customer'] as const;
/** Where a tenant stands in the hierarchy. */
export type TenantKind = (typeof TENANT_KINDS)[number];

export const ORG_STATUSES = ['active', 'inactive', 'suspended', 'archived'] as const;
/**
 * Lifecycle: `active` collects data; `inactive` is paused; `suspended` is blocked and is the only
 * state from which an organization may be deleted; `archived` is kept read-only.
 */
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const PLANS = ['assessment', 'implementation', 'management-service-csp', 'management-service'] as const;
/** Subscription plan of a managed organization. */
export type Plan = (typeof PLANS)[number];

export const SOURCE_DATA_STATUSES = ['success', 'warning', 'failed', 'not-available'] as const;
/** Health of billing/usage data ingestion; aggregated up the hierarchy by the worst child. */
export type SourceDataStatus = (typeof SOURCE_DATA_STATUSES)[number];

export const CONTRACT_STATUSES = ['active', 'pending', 'expiring', 'expired', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const WORKLOADS = [
  'microsoft-365',
  'endpoints',
  'file-servers',
  'sql-server',
  'vmware',
  'hyper-v',
  'nas',
  'google-workspace',
  'salesforce',
  'azure-vms',
  'aws-ec2',
] as const;
/** What a customer protects or manages through the MSP. */
export type Workload = (typeof WORKLOADS)[number];

export const STORAGE_REGIONS = [
  'us-east',
  'us-west',
  'canada',
  'eu-west',
  'eu-central',
  'uk',
  'australia',
  'japan',
  'singapore',
  'brazil',
] as const;
export type StorageRegion = (typeof STORAGE_REGIONS)[number];

export const TENANT_TYPES = ['commercial', 'education', 'non-profit', 'government', 'trial'] as const;
export type TenantType = (typeof TENANT_TYPES)[number];

export const SERVICE_PLANS = ['essentials', 'business', 'enterprise', 'elite'] as const;
export type ServicePlan = (typeof SERVICE_PLANS)[number];

export const ROLES = ['distributor-admin', 'reseller-admin', 'customer-admin'] as const;
/** An administrator's role follows the kind of their home tenant. */
export type Role = (typeof ROLES)[number];

/** The kind of tenant each role's home is (a role and its home kind go together). */
export const HOME_KIND_OF_ROLE: Readonly<Record<Role, TenantKind>> = {'distributor-admin': 'distributor', 'reseller-admin': 'reseller', 'customer-admin': 'customer'};

export const USER_FUNCTIONS = ['admin', 'engineer', 'reader', 'account-manager', 'service-account'] as const;
/** What a user does for the organizations they are attached to. */
export type UserFunction = (typeof USER_FUNCTIONS)[number];

/** An amount in a named currency. Costs stay in their original currency; USD is a view. */
export interface Money {
  amount: number;
  currency: CurrencyCode;
}

/** A user as a list shows them: resolved by the server so a row needs no second lookup. */
export interface UserRef {
  id: Id;
  displayName: string;
}

/** Most recent data collection per area; `null` where that area never ran. */
export interface LastCollection {
  cost: Instant | null;
  security: Instant | null;
  operations: Instant | null;
}

export interface TaskSummary {
  id: Id;
  title: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  dueOn: IsoDate | null;
  assignee: UserRef | null;
}

export interface ContractSummary {
  id: Id;
  name: string;
  status: ContractStatus;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export interface OnboardingTask {
  id: Id;
  title: string;
  state: 'todo' | 'in-progress' | 'done';
  /** Whether an admin may start this task from the list. */
  startable: boolean;
}

/** A cloud billing or subscription account linked to a customer (shared or dedicated). */
export interface LinkedAccount {
  id: Id;
  name: string;
  provider: 'azure' | 'aws' | 'gcp';
  type: 'shared' | 'dedicated';
  /** Customers are created automatically from this account's billing file (shared accounts). */
  autoCustomer: boolean;
  /** New sub-accounts are assigned to the customer automatically (dedicated accounts). */
  autoAssigned: boolean;
  /** Sub-accounts matching this expression are excluded from auto-assignment; empty for none. */
  excludeRule: string;
}

export interface AzureSubscription {
  id: Id;
  name: string;
  /** Whether data is collected for this subscription. */
  monitored: boolean;
}

export interface AzureTenant {
  /** The directory (tenant) ID, a GUID. */
  tenantId: string;
  name: string;
  /** Primary domain, e.g. `contoso.onmicrosoft.com`. */
  domain: string;
  subscriptions: AzureSubscription[];
}

/** A service's credit allowance and the dates it applies between. */
export interface CreditQuota {
  credits: number;
  effectiveOn: IsoDate;
  endsOn: IsoDate | null;
}

/** An Azure directory as a list shows it: enough to find an organization by tenant ID or domain. */
export interface TenantRef {
  /** The directory (tenant) ID, a GUID. */
  tenantId: string;
  name: string;
  domain: string;
}

/** Onboarding tasks done out of all; `null` on the organization once onboarding is complete. */
export interface OnboardingProgress {
  done: number;
  total: number;
}

/** How many contracts an organization has in each status (absent statuses are zero). */
export type ContractCounts = Partial<Record<ContractStatus, number>>;

/**
 * What a list row needs to know of an organization: flat values and counts, computed by the
 * server from the full record. Lists stay small (100,000 rows must load, cache and search fast);
 * tooltips and popups that show the items behind a count read the organization's detail.
 */
export interface OrganizationSummary {
  id: Id;
  kind: TenantKind;
  /** The tenant directly above; `null` only for the root distributor. */
  parentId: Id | null;
  /** Ancestor ids from the root down, excluding this organization. */
  ancestorIds: Id[];
  name: string;
  /** Primary web/mail domain, e.g. `contoso.com`; empty if unknown. */
  domain: string;
  status: OrgStatus;
  plan: Plan | null;
  /** The MSP user who owns this customer relationship. */
  owner: UserRef | null;
  /** First-invited admin of the organization's own tenant. */
  admin: UserRef | null;
  createdAt: Instant;
  /** Server time of the last change. */
  updatedAt: Instant;
  /** Incremented on every change; the ETag is `"<version>"`. */
  version: number;
  projectedAnnualCost: Money | null;
  /** Share of cost that identified savings would remove, 0–100. */
  savingsPercent: number | null;
  /** Infrastructure secure score, 0–100. */
  secureScore: number | null;
  lastCollection: LastCollection;
  readerCount: number;
  activeTaskCount: number;
  /** This organization's own ingestion health (the roll-up up the hierarchy is the client's). */
  sourceData: SourceDataStatus;
  contractCounts: ContractCounts;
  onboarding: OnboardingProgress | null;
  licenseExpiresOn: IsoDate | null;
  creditQuota: CreditQuota | null;
  storageRegion: StorageRegion | null;
  workloads: Workload[];
  /** Azure directories, searchable though hidden by default in the grid. */
  tenants: TenantRef[];
  linkedAccountCount: number;
}

export interface Address {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface BillingProfile {
  /** E.g. "Headquarters", "Finance department". */
  profileName: string;
  billTo: string;
  address: Address;
  sameAsCompany: boolean;
}

export interface Contact {
  id: Id;
  role: 'primary' | 'billing' | 'technical' | 'other';
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  fax: string;
}

export interface CustomLink {
  title: string;
  /** Only `http:` and `https:` URLs are accepted. */
  url: string;
}

export interface SalesRep {
  name: string;
  email: string;
  phone: string;
}

export interface FeatureToggles {
  security: boolean;
  operations: boolean;
  costDetails: boolean;
  biAnalytics: boolean;
  tasks: boolean;
  m365Security: boolean;
  governanceVisualizer: boolean;
}

/** Five-field cron masks (`minute hour day-of-month month day-of-week`), UTC. */
export interface CollectionSchedules {
  cost: string;
  security: string;
  operations: string;
}

export interface NotificationSettings {
  emails: string[];
  subjectPrefix: string;
  detectionTickets: boolean;
  reportTickets: boolean;
  weeklyDigest: {enabled: boolean; weekday: 0 | 1 | 2 | 3 | 4 | 5 | 6; hourUtc: number};
}

export interface ServiceDetails {
  servicePlan: ServicePlan | null;
  tenantType: TenantType | null;
}

/** Everything known of one organization: its summary plus what only the detail view and wizard use. */
export interface Organization extends OrganizationSummary {
  /** Users with read-only access to the organization's data. */
  readers: UserRef[];
  activeTasks: TaskSummary[];
  contracts: ContractSummary[];
  /** Empty once onboarding is complete. */
  onboardingTasks: OnboardingTask[];
  /** Azure directories with their subscriptions. */
  azureTenants: AzureTenant[];
  linkedAccounts: LinkedAccount[];
  description: string;
  /** MSP engineers assigned to manage this organization. */
  engineers: UserRef[];
  accountManager: UserRef | null;
  /** Name of the service account used for data collection; never a secret. */
  runAsAccount: string | null;
  /** Anchor "customer organization" of a billable customer; permanent once set. */
  customerOrganizationId: Id | null;
  customerType: string;
  companyAddress: Address | null;
  billing: BillingProfile | null;
  contacts: Contact[];
  customLinks: CustomLink[];
  salesReps: SalesRep[];
  features: FeatureToggles;
  schedules: CollectionSchedules;
  notifications: NotificationSettings;
  service: ServiceDetails;
}

/** Fields the server keeps: identity, times, version, and the list values derived from the record. */
export const SERVER_KEPT_FIELDS = [
  'id',
  'ancestorIds',
  'createdAt',
  'updatedAt',
  'version',
  'readerCount',
  'activeTaskCount',
  'contractCounts',
  'onboarding',
  'tenants',
  'linkedAccountCount',
] as const;
export type ServerKeptField = (typeof SERVER_KEPT_FIELDS)[number];

/** Fields a client may set when creating an organization; the server assigns the rest. */
export type OrganizationInput = Omit<Organization, ServerKeptField>;

/** A partial update; identity and server-kept fields cannot be patched. */
export type OrganizationPatch = Partial<Omit<OrganizationInput, 'kind' | 'parentId' | 'customerOrganizationId'>>;

/** A lightweight node of the hierarchy, for the tenant switcher. */
export interface TenantNode {
  id: Id;
  kind: TenantKind;
  parentId: Id | null;
  name: string;
  domain: string;
  status: OrgStatus;
  /** Azure directory IDs, so a tenant can be found by its tenant ID. */
  directoryIds: string[];
}

export interface User {
  id: Id;
  /** The tenant the user belongs to. */
  tenantId: Id;
  displayName: string;
  email: string;
  function: UserFunction;
}

/** Who is signed in, and from where they act. */
export interface Session {
  user: User;
  role: Role;
  /** The user's own tenant: the top of what they may see. */
  homeTenantId: Id;
  homeTenantName: string;
}

/** Exchange rates for the USD view: `rates[c]` units of currency `c` buy one US dollar. */
export interface FxRates {
  base: 'USD';
  /** The date the rates were published. */
  date: IsoDate;
  rates: Record<CurrencyCode, number>;
}

/** A deleted organization, so caches can drop it on delta sync. */
export interface Tombstone {
  id: Id;
  deletedAt: Instant;
}

/** One page of the organization list, or a delta since a previous `asOf`. */
export interface OrganizationPage {
  items: OrganizationSummary[];
  /** Deletions since `updatedSince` (empty on a full listing). */
  tombstones: Tombstone[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
  /** Server time the listing is consistent with; the next delta sync asks `updatedSince=asOf`. */
  asOf: Instant;
}
