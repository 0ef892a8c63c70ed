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

export const QUALIFICATIONS = ['commercial', 'education', 'non-profit'] as const;
/** What Microsoft qualifies a new customer account as (education and non-profit are verified by Microsoft). */
export type Qualification = (typeof QUALIFICATIONS)[number];

export const EDUCATION_SEGMENTS = ['k-12', 'higher-education', 'other'] as const;
/** The kind of institution of an education-qualified Microsoft account. */
export type EducationSegment = (typeof EDUCATION_SEGMENTS)[number];

export const AZURE_SUBSCRIPTION_STATES = ['enabled', 'warned', 'past-due', 'disabled'] as const;
/** Azure's own lifecycle state of a subscription. */
export type AzureSubscriptionState = (typeof AZURE_SUBSCRIPTION_STATES)[number];

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
  /**
   * The partner's subscription this customer is invoiced through: a `value` of the scope's
   * `referenceLists().partnerSubscriptions`. Absent in records written before it existed (read as `null`).
   */
  partnerSubscription: string | null;
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

/** Five-field cron masks (`minute hour day-of-month month day-of-week`), read in `timeZone`. */
export interface CollectionSchedules {
  cost: string;
  security: string;
  operations: string;
  /** IANA time zone the masks are read in, e.g. `Europe/Berlin`. Absent in older records (read as `UTC`). */
  timeZone: string;
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

/**
 * The person invited as the organization's first administrator, as the wizard enters them. Their
 * `loginEmail` is the sign-in name of the account created with the organization: it cannot be
 * changed afterwards (a patch that changes it is refused).
 */
export interface AdminUser {
  firstName: string;
  lastName: string;
  /** Sign-in name of the new account; fixed once the organization exists. */
  loginEmail: string;
  /** Shown across the product; the server uses "first last" when it is empty. */
  displayName: string;
  /** Where credentials and notices go besides the login address; empty for none. */
  communicationEmail: string;
}

/** The customer's existing Microsoft account (found with `lookupMicrosoftAccount`). */
export interface MicrosoftAccountExisting {
  mode: 'existing';
  /** The account's directory (tenant) ID, a GUID. */
  tenantId: string;
  /** The domain the account was found by, e.g. `contoso.com`. */
  domain: string;
}

/** A new Microsoft account to be created for the customer. */
export interface MicrosoftAccountNew {
  mode: 'new';
  /** `<prefix>.onmicrosoft.com`, the prefix checked with `checkMicrosoftDomain`. */
  domain: string;
  /** The company's official registration ID; empty when not applicable. */
  companyRegistrationId: string;
  qualification: Qualification;
  /** Required for an education qualification. */
  educationSegment?: EducationSegment;
  /** The institution's web site (http or https); required for an education qualification. */
  website?: string;
}

/** The customer buys no Microsoft products through the partner. */
export interface MicrosoftAccountSkip {
  mode: 'skip';
}

/** What the wizard chose for the customer's Microsoft account. */
export type MicrosoftAccountChoice = MicrosoftAccountExisting | MicrosoftAccountNew | MicrosoftAccountSkip;

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
  /** The company's switchboard number; empty for none. Absent in older records (read as empty). */
  companyPhone: string;
  billing: BillingProfile | null;
  contacts: Contact[];
  customLinks: CustomLink[];
  salesReps: SalesRep[];
  features: FeatureToggles;
  schedules: CollectionSchedules;
  notifications: NotificationSettings;
  service: ServiceDetails;
  /**
   * The person invited as first administrator; `null` where none was entered (and in records
   * written before it existed). `adminUser.loginEmail` cannot be changed once set.
   */
  adminUser: AdminUser | null;
  /** Users who administer the organization's tenant. Absent in older records (read as empty). */
  tenantAdmins: UserRef[];
  /** The Microsoft account choice; `null` where never made (and in older records). */
  microsoftAccount: MicrosoftAccountChoice | null;
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

/** Fields no patch may carry: identity, hierarchy (the anchor is permanent) and what the server keeps. */
export const NOT_PATCHABLE_FIELDS = ['kind', 'parentId', 'customerOrganizationId', ...SERVER_KEPT_FIELDS] as const;

/**
 * A partial update (top-level fields replace the stored ones); identity, hierarchy and server-kept
 * fields cannot be patched. Once `adminUser.loginEmail` is set, a patch carrying `adminUser` must
 * keep it as it is: the server refuses any other value (`invalid-request`, path `adminUser.loginEmail`).
 */
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

/** An organization as a lookup names it: enough to recognise it, nothing behind it. */
export interface OrganizationRef {
  id: Id;
  name: string;
  domain: string;
  kind: TenantKind;
  status: OrgStatus;
  /** Name of the tenant directly above; `null` when that tenant is not visible from the scope. */
  parentName: string | null;
}

export const DUPLICATE_FIELDS = ['name', 'domain', 'tenantId'] as const;
/** What a possible duplicate matched on. */
export type DuplicateField = (typeof DUPLICATE_FIELDS)[number];

/** A visible organization that may be the one being entered. */
export interface DuplicateMatch extends OrganizationRef {
  matchedOn: DuplicateField[];
}

/** Organizations that may already be the one being entered. */
export interface DuplicateCheck {
  /** Matches visible from the scope, closest first (at most `MAX_DUPLICATE_MATCHES`). */
  matches: DuplicateMatch[];
  /** Matches elsewhere in the channel, outside what the caller may see: a count only. */
  hiddenCount: number;
}

/** Most matches one duplicate check returns. */
export const MAX_DUPLICATE_MATCHES = 20;

/** A Microsoft (Entra ID) account, as Microsoft's directory describes it. */
export interface MicrosoftAccount {
  /** The directory (tenant) ID, a GUID. */
  tenantId: string;
  name: string;
  /** The account's initial domain, e.g. `contoso.onmicrosoft.com`. */
  primaryDomain: string;
  /** Every domain the account has verified, the primary one included. */
  verifiedDomains: string[];
}

/** Whether a `<prefix>.onmicrosoft.com` name can be given to a new Microsoft account. */
export interface DomainAvailability {
  available: boolean;
  /** Why not, in words for the user; absent when available. */
  reason?: string;
}

/** An Azure subscription the partner can link to an organization. */
export interface LinkableSubscription {
  id: Id;
  name: string;
  state: AzureSubscriptionState;
}

/** An Azure directory the partner has access to, with its subscriptions not yet linked to an organization. */
export interface LinkableAzureTenant {
  /** The directory (tenant) ID, a GUID. */
  tenantId: string;
  name: string;
  domain: string;
  subscriptions: LinkableSubscription[];
}

/** One choice of a list: the stored value and the words shown for it. */
export interface ReferenceOption<V extends string = string> {
  value: V;
  label: string;
}

/** The choices the customer wizard offers, as the scope's partner has them. */
export interface ReferenceLists {
  /** Values of `Organization.customerType`. */
  customerTypes: ReferenceOption[];
  /** Values of `BillingProfile.partnerSubscription`: the scope partner's own (empty for a customer's view). */
  partnerSubscriptions: ReferenceOption[];
  servicePlans: ReferenceOption<ServicePlan>[];
  storageRegions: ReferenceOption<StorageRegion>[];
  tenantTypes: ReferenceOption<TenantType>[];
}

export const LIFECYCLE_ACTIONS = ['suspend', 'resume', 'disable', 'enable', 'archive'] as const;
/** A move of an organization's lifecycle (`transitionOrganization`); which are allowed from which status is `LIFECYCLE_MOVES`. */
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Organizations of each kind. */
export type KindCounts = Record<TenantKind, number>;

/**
 * What a lifecycle move of one organization touches, as far as the caller may see (everything
 * below a visible organization is visible too).
 */
export interface LifecycleImpact {
  organizationId: Id;
  action: LifecycleAction;
  /** The status now, and the status the move leads to. */
  from: OrgStatus;
  to: OrgStatus;
  /** Organizations below it, by kind (itself not counted). */
  organizationsBelow: KindCounts;
  /** Linked cloud accounts of the organization and those below it. */
  linkedAccounts: number;
  /** Users of the organization's tenant and the tenants below it. */
  users: number;
  /** Of the organization and those below it, how many collect data on a schedule (security, operations or cost details on). */
  scheduledCollections: number;
  /**
   * The same counts per tenant directly below the organization (each with everything below it),
   * largest first, at most `MAX_IMPACT_TENANTS`; `moreTenants` counts the ones left out.
   */
  byTenant: TenantImpact[];
  moreTenants: number;
}

/** Most tenants a lifecycle impact lists one by one. */
export const MAX_IMPACT_TENANTS = 20;

/** What a lifecycle move touches within one tenant directly below the organization moved (that tenant counted too). */
export interface TenantImpact {
  id: Id;
  name: string;
  kind: TenantKind;
  /** This tenant and the organizations below it. */
  organizations: number;
  linkedAccounts: number;
  users: number;
  scheduledCollections: number;
}

/** A contact as a client sends it: the server assigns the id. */
export type ContactInput = Omit<Contact, 'id'>;

/**
 * A change to the people of an organization: add or remove readers, engineers or tenant
 * administrators (user ids visible from the scope), set or clear the account manager, set or clear
 * the run-as account (a service account's name, never a secret).
 */
export type PeopleChange =
  | {role: 'reader' | 'engineer' | 'tenant-admin'; add?: Id[]; remove?: Id[]}
  | {role: 'account-manager'; userId: Id | null}
  | {role: 'run-as'; account: string | null};

/** One contract of an organization, as the contracts list shows it. */
export interface Contract extends ContractSummary {
  organizationId: Id;
  organizationName: string;
  /** What the contract is worth over its term; `null` where not priced. */
  value: Money | null;
  billingFrequency: BillingFrequency;
  autoRenew: boolean;
}

export const BILLING_FREQUENCIES = ['monthly', 'annual', 'one-time'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

/** One page of contracts, by end date (open-ended last), then id, then organization id. */
export interface ContractPage {
  items: Contract[];
  /** Pass back as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
  /** How many contracts match the query in all. */
  total: number;
}

export const COMMERCE_KINDS = ['products', 'orders', 'invoices', 'subscriptions'] as const;
/** The read-only commerce lists of a customer (where the backend has them). */
export type CommerceKind = (typeof COMMERCE_KINDS)[number];

export interface ProductRecord {
  id: Id;
  name: string;
  category: string;
  status: 'active' | 'pending' | 'cancelled';
  billingFrequency: BillingFrequency;
  quantity: number;
  purchasedOn: IsoDate;
}

export interface OrderRecord {
  id: Id;
  /** The order number people quote. */
  number: string;
  placedOn: IsoDate;
  status: 'placed' | 'fulfilled' | 'cancelled' | 'failed';
  lineCount: number;
  total: Money;
}

export interface InvoiceRecord {
  id: Id;
  number: string;
  issuedOn: IsoDate;
  dueOn: IsoDate;
  status: 'open' | 'paid' | 'overdue' | 'void';
  amount: Money;
}

export interface SubscriptionRecord {
  id: Id;
  name: string;
  status: 'active' | 'suspended' | 'cancelled' | 'expired';
  quantity: number;
  billingFrequency: BillingFrequency;
  /** `null` when it does not renew. */
  renewsOn: IsoDate | null;
}

/** The record type of each commerce list. */
export interface CommerceRecords {
  products: ProductRecord;
  orders: OrderRecord;
  invoices: InvoiceRecord;
  subscriptions: SubscriptionRecord;
}

/** One page of a commerce list, newest first. */
export interface CommercePage<K extends CommerceKind = CommerceKind> {
  kind: K;
  items: CommerceRecords[K][];
  nextCursor: string | null;
  total: number;
}

/** Where an administrator opens the customer's own console: an absolute http(s) URL the backend makes. */
export interface ConsoleLink {
  url: string;
  /** When the link stops working (a signed link); `null` if it does not. */
  expiresAt: Instant | null;
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete', ...LIFECYCLE_ACTIONS, 'contact-add', 'contact-update', 'contact-delete', 'people-change', 'onboarding-start'] as const;
/** What a write recorded in the audit log did: a create, an update, a delete, a lifecycle move, a contact's add, change or delete, a change of people, an onboarding task started. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One write, as the audit log keeps it. */
export interface AuditEntry {
  id: Id;
  /** Server time of the write. */
  at: Instant;
  actorId: Id;
  actorName: string;
  /** The tenant whose view the write was made in. */
  actingTenantId: Id;
  organizationId: Id;
  /** The organization's name when the write was made (before a delete). */
  organizationName: string;
  action: AuditAction;
  /** Top-level fields the write changed (an update's, and `status` for a lifecycle move); absent on create and delete. */
  fields?: string[];
  /** What the write was about, in words (a contact's name, the people added, a task's title); absent where the action says it all. Text, never markup. */
  subject?: string;
}

/** One page of the audit log, newest first. */
export interface AuditPage {
  items: AuditEntry[];
  /** Pass back as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: string | null;
}

/** Most customers an account row names (the rest are counted in `customerCount`). */
export const MAX_ACCOUNT_CUSTOMERS = 5;

/**
 * A linked cloud account as the accounts view lists it: one row per account, with the customers
 * it is assigned to (as far as the scope sees them). The same account is a `LinkedAccount` in
 * each of those customers' records.
 */
export interface AccountSummary {
  id: Id;
  name: string;
  /** The provider's own id of the account (an Azure billing account, an AWS payer account, a GCP billing account). */
  providerAccountId: string;
  provider: LinkedAccount['provider'];
  type: LinkedAccount['type'];
  /** Customers visible from the scope it is assigned to. */
  customerCount: number;
  /** The first of them by name, at most `MAX_ACCOUNT_CUSTOMERS`. */
  customers: {id: Id; name: string}[];
  autoCustomer: boolean;
  autoAssigned: boolean;
  excludeRule: string;
  /** Server time of the last change of the account or of an assignment. */
  updatedAt: Instant;
  /** Send back as `If-Match` to change the account; it changes with the account and its customers. */
  etag: string;
}

/** One page of the accounts list, or a delta since a previous `asOf` (like `OrganizationPage`). */
export interface AccountPage {
  items: AccountSummary[];
  /** Accounts gone since `updatedSince` (empty on a full listing). */
  tombstones: Tombstone[];
  nextCursor: string | null;
  asOf: Instant;
}

/**
 * What `updateAccount` may change: the name, shared or dedicated, and the automation settings. A
 * dedicated account serves one customer; each type keeps only its own automation (see
 * `checkAccountPatch`).
 */
export type AccountPatch = Partial<Pick<AccountSummary, 'name' | 'type' | 'autoCustomer' | 'autoAssigned' | 'excludeRule'>>;

/** The answer of an account write: the account with its new ETag, and the organizations whose records changed with it. */
export interface AccountChange {
  account: AccountSummary;
  etag: string;
  /** Their summaries (`linkedAccountCount`), for lists to take in. */
  organizations: OrganizationSummary[];
}
