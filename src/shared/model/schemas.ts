/**
 * Runtime schemas for every shape in `types.ts`. They check each response at the network
 * boundary and generate `components.schemas` of the OpenAPI document (`npm run openapi`).
 * `Shape<T>` makes the compiler insist that each schema covers every field of its type.
 */
import {
  array,
  boolean,
  defaulted,
  named,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  tagged,
  unknown,
  type Issue,
  type Schema,
  type Shape,
} from './schema.js';
import {
  AUDIT_ACTIONS,
  BILLING_FREQUENCIES,
  MAX_ACCOUNT_CUSTOMERS,
  type AccountChange,
  type AccountPage,
  type AccountPatch,
  type AccountSummary,
  COMMERCE_KINDS,
  LIFECYCLE_ACTIONS,
  MAX_IMPACT_TENANTS,
  type CommercePage,
  type ConsoleLink,
  type ContactInput,
  type Contract,
  type ContractPage,
  type InvoiceRecord,
  type OrderRecord,
  type PeopleChange,
  type ProductRecord,
  type SubscriptionRecord,
  type TenantImpact,
  type AuditEntry,
  type AuditPage,
  type KindCounts,
  type LifecycleAction,
  type LifecycleImpact,
  AZURE_SUBSCRIPTION_STATES,
  CONTRACT_STATUSES,
  DUPLICATE_FIELDS,
  EDUCATION_SEGMENTS,
  MAX_DUPLICATE_MATCHES,
  ORG_STATUSES,
  QUALIFICATIONS,
  PLANS,
  ROLES,
  SERVICE_PLANS,
  SOURCE_DATA_STATUSES,
  STORAGE_REGIONS,
  TENANT_KINDS,
  TENANT_TYPES,
  USER_FUNCTIONS,
  WORKLOADS,
  type Address,
  type AdminUser,
  type AzureSubscription,
  type AzureTenant,
  type BillingProfile,
  type CollectionSchedules,
  type Contact,
  type ContractSummary,
  type CreditQuota,
  type CustomLink,
  type DomainAvailability,
  type DuplicateCheck,
  type DuplicateMatch,
  type FeatureToggles,
  type FxRates,
  type LastCollection,
  type LinkableAzureTenant,
  type LinkableSubscription,
  type LinkedAccount,
  type MicrosoftAccount,
  type MicrosoftAccountChoice,
  type MicrosoftAccountExisting,
  type MicrosoftAccountNew,
  type MicrosoftAccountSkip,
  type Money,
  type NotificationSettings,
  type OnboardingTask,
  type Organization,
  type OrganizationInput,
  type OrganizationPage,
  type OrganizationSummary,
  type ReferenceLists,
  type ReferenceOption,
  type SalesRep,
  type ServiceDetails,
  type Session,
  type TaskSummary,
  type TenantNode,
  type Tombstone,
  type TenantRef,
  type OnboardingProgress,
  type ContractCounts,
  SERVER_KEPT_FIELDS,
  type User,
  type UserRef,
} from './types.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Only web links: `javascript:`, `data:` and the like are refused at the boundary. */
export const HTTP_URL = /^https?:\/\/[^\s]+$/i;
/** Five cron fields of digits, `*`, `/`, `,` and `-`. */
const CRON = /^\s*([\d*/,-]+\s+){4}[\d*/,-]+\s*$/;
/** The shape of an IANA time zone name (`UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`); servers check it names a real zone. */
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
/** `<prefix>.onmicrosoft.com`, the prefix letters and digits only (1–27). */
export const ONMICROSOFT_DOMAIN = /^[A-Za-z0-9]{1,27}\.onmicrosoft\.com$/;

export const id = string({minLength: 1, maxLength: 128, pattern: /^[A-Za-z0-9._:-]+$/, patternName: 'an id (letters, digits, . _ : -)'});
export const instant = string({maxLength: 40, pattern: INSTANT, format: 'date-time', patternName: 'an ISO 8601 date-time'});
export const isoDate = string({maxLength: 10, pattern: DATE, format: 'date', patternName: 'an ISO 8601 date (YYYY-MM-DD)'});
export const currency = string({minLength: 3, maxLength: 3, pattern: /^[A-Z]{3}$/, patternName: 'an ISO 4217 currency code'});
/** Display text: names and titles, up to 1,000 characters of anything (rendered as text only). */
const text = string({maxLength: 1000});
const longText = string({maxLength: 10_000});
const email = string({maxLength: 320});
const url = string({maxLength: 2000, pattern: HTTP_URL, format: 'uri', patternName: 'an http(s) URL'});
const percent = number({min: 0, max: 100});

export const UserRefSchema = named('UserRef', object<UserRef>({id, displayName: text}));

export const MoneySchema = named('Money', object<Money>({amount: number(), currency}));

const LastCollectionSchema = named(
  'LastCollection',
  object<LastCollection>({cost: nullable(instant), security: nullable(instant), operations: nullable(instant)}),
);

const TaskSummarySchema = named(
  'TaskSummary',
  object<TaskSummary>({
    id,
    title: text,
    severity: oneOf(['low', 'medium', 'high', 'critical'] as const),
    dueOn: nullable(isoDate),
    assignee: nullable(UserRefSchema),
  }),
);

const ContractSummarySchema = named(
  'ContractSummary',
  object<ContractSummary>({id, name: text, status: oneOf(CONTRACT_STATUSES), startsOn: isoDate, endsOn: nullable(isoDate)}),
);

const OnboardingTaskSchema = named(
  'OnboardingTask',
  object<OnboardingTask>({id, title: text, state: oneOf(['todo', 'in-progress', 'done'] as const), startable: boolean()}),
);

const LinkedAccountSchema = named(
  'LinkedAccount',
  object<LinkedAccount>({
    id,
    name: text,
    provider: oneOf(['azure', 'aws', 'gcp'] as const),
    type: oneOf(['shared', 'dedicated'] as const),
    autoCustomer: boolean(),
    autoAssigned: boolean(),
    excludeRule: string({maxLength: 500}),
  }),
);

const AzureSubscriptionSchema = named('AzureSubscription', object<AzureSubscription>({id, name: text, monitored: boolean()}));

const AzureTenantSchema = named(
  'AzureTenant',
  object<AzureTenant>({
    tenantId: string({maxLength: 64}),
    name: text,
    domain: string({maxLength: 253}),
    subscriptions: array(AzureSubscriptionSchema),
  }),
);

const TenantRefSchema = named(
  'TenantRef',
  object<TenantRef>({tenantId: string({maxLength: 64}), name: text, domain: string({maxLength: 253})}),
);

const OnboardingProgressSchema = named(
  'OnboardingProgress',
  object<OnboardingProgress>({done: number({min: 0, max: 1000, integer: true}), total: number({min: 1, max: 1000, integer: true})}),
);

const count = number({min: 0, max: 1_000_000, integer: true});
const ContractCountsSchema = named(
  'ContractCounts',
  object<ContractCounts>(Object.fromEntries(CONTRACT_STATUSES.map((st) => [st, optional(count)])) as unknown as Shape<ContractCounts>),
);

const CreditQuotaSchema = named(
  'CreditQuota',
  object<CreditQuota>({credits: number({min: 0}), effectiveOn: isoDate, endsOn: nullable(isoDate)}),
);

const summaryShape = {
  id,
  kind: oneOf(TENANT_KINDS),
  parentId: nullable(id),
  ancestorIds: array(id, {maxItems: 16}),
  name: string({minLength: 1, maxLength: 1000}),
  domain: string({maxLength: 253}),
  status: oneOf(ORG_STATUSES),
  plan: nullable(oneOf(PLANS)),
  owner: nullable(UserRefSchema),
  admin: nullable(UserRefSchema),
  createdAt: instant,
  updatedAt: instant,
  version: number({min: 0, integer: true}),
  projectedAnnualCost: nullable(MoneySchema),
  savingsPercent: nullable(percent),
  secureScore: nullable(percent),
  lastCollection: LastCollectionSchema,
  readerCount: count,
  activeTaskCount: count,
  sourceData: oneOf(SOURCE_DATA_STATUSES),
  contractCounts: ContractCountsSchema,
  onboarding: nullable(OnboardingProgressSchema),
  licenseExpiresOn: nullable(isoDate),
  creditQuota: nullable(CreditQuotaSchema),
  storageRegion: nullable(oneOf(STORAGE_REGIONS)),
  workloads: array(oneOf(WORKLOADS), {maxItems: 50}),
  tenants: array(TenantRefSchema, {maxItems: 100}),
  linkedAccountCount: count,
} as const;

export const OrganizationSummarySchema = named(
  'OrganizationSummary',
  object<OrganizationSummary>(summaryShape),
  'What a list row, tooltip or switcher needs to know of an organization.',
);

const AddressSchema = named(
  'Address',
  object<Address>({
    line1: text,
    line2: text,
    city: text,
    state: text,
    postalCode: string({maxLength: 20}),
    country: string({maxLength: 2, pattern: /^([A-Z]{2})?$/, patternName: 'an ISO 3166 country code'}),
  }),
);

const BillingProfileSchema = named(
  'BillingProfile',
  object<BillingProfile>({
    profileName: text,
    billTo: text,
    address: AddressSchema,
    sameAsCompany: boolean(),
    partnerSubscription: defaulted(nullable(string({minLength: 1, maxLength: 200})), null),
  }),
);

const contactShape = {
  role: oneOf(['primary', 'billing', 'technical', 'other'] as const),
  firstName: text,
  lastName: text,
  email,
  phone: string({maxLength: 40}),
  fax: string({maxLength: 40}),
} as const;

const ContactSchema = named('Contact', object<Contact>({id, ...contactShape}));

/** A contact as a client sends it (`addContact`, `updateContact`): the server assigns the id. */
export const ContactInputSchema = named('ContactInput', object<ContactInput>(contactShape), 'A contact as a client sends it; the server assigns the id.');

const CustomLinkSchema = named('CustomLink', object<CustomLink>({title: text, url}));
const SalesRepSchema = named('SalesRep', object<SalesRep>({name: text, email, phone: string({maxLength: 40})}));

const FeatureTogglesSchema = named(
  'FeatureToggles',
  object<FeatureToggles>({
    security: boolean(),
    operations: boolean(),
    costDetails: boolean(),
    biAnalytics: boolean(),
    tasks: boolean(),
    m365Security: boolean(),
    governanceVisualizer: boolean(),
  }),
);

const cron = string({maxLength: 100, pattern: CRON, patternName: 'a five-field cron mask'});
const timeZone = string({maxLength: 64, pattern: TIME_ZONE, patternName: 'an IANA time zone name (e.g. Europe/Berlin)'});
const CollectionSchedulesSchema = named(
  'CollectionSchedules',
  object<CollectionSchedules>({cost: cron, security: cron, operations: cron, timeZone: defaulted(timeZone, 'UTC')}),
);

const NotificationSettingsSchema = named(
  'NotificationSettings',
  object<NotificationSettings>({
    emails: array(email, {maxItems: 50}),
    subjectPrefix: string({maxLength: 100}),
    detectionTickets: boolean(),
    reportTickets: boolean(),
    weeklyDigest: object<NotificationSettings['weeklyDigest']>({
      enabled: boolean(),
      weekday: oneOf([0, 1, 2, 3, 4, 5, 6] as const),
      hourUtc: number({min: 0, max: 23, integer: true}),
    }),
  }),
);

const ServiceDetailsSchema = named(
  'ServiceDetails',
  object<ServiceDetails>({servicePlan: nullable(oneOf(SERVICE_PLANS)), tenantType: nullable(oneOf(TENANT_TYPES))}),
);

const AdminUserSchema = named(
  'AdminUser',
  object<AdminUser>({firstName: text, lastName: text, loginEmail: email, displayName: text, communicationEmail: email}),
  'The person invited as first administrator. `loginEmail` cannot be changed once set.',
);

const directoryId = string({maxLength: 64});
const MicrosoftAccountChoiceSchema = named(
  'MicrosoftAccountChoice',
  tagged<MicrosoftAccountChoice>('mode', {
    existing: named(
      'MicrosoftAccountExisting',
      object<MicrosoftAccountExisting>({mode: oneOf(['existing'] as const), tenantId: directoryId, domain: string({minLength: 1, maxLength: 253})}),
      'The customer’s existing Microsoft account, found by domain.',
    ),
    new: named(
      'MicrosoftAccountNew',
      object<MicrosoftAccountNew>({
        mode: oneOf(['new'] as const),
        domain: string({maxLength: 44, pattern: ONMICROSOFT_DOMAIN, patternName: 'a <prefix>.onmicrosoft.com domain (prefix: 1–27 letters and digits)'}),
        companyRegistrationId: string({maxLength: 100}),
        qualification: oneOf(QUALIFICATIONS),
        educationSegment: optional(oneOf(EDUCATION_SEGMENTS)),
        website: optional(url),
      }),
      'A new Microsoft account to create; an education qualification needs `educationSegment` and `website`.',
    ),
    skip: named('MicrosoftAccountSkip', object<MicrosoftAccountSkip>({mode: oneOf(['skip'] as const)}), 'No Microsoft account: the customer buys no Microsoft products here.'),
  }),
);

const detailShape = {
  readers: array(UserRefSchema),
  activeTasks: array(TaskSummarySchema),
  contracts: array(ContractSummarySchema),
  onboardingTasks: array(OnboardingTaskSchema, {maxItems: 50}),
  azureTenants: array(AzureTenantSchema, {maxItems: 100}),
  linkedAccounts: array(LinkedAccountSchema),
  description: longText,
  engineers: array(UserRefSchema),
  accountManager: nullable(UserRefSchema),
  runAsAccount: nullable(string({maxLength: 320})),
  customerOrganizationId: nullable(id),
  customerType: string({maxLength: 100}),
  companyAddress: nullable(AddressSchema),
  billing: nullable(BillingProfileSchema),
  contacts: array(ContactSchema, {maxItems: 200}),
  customLinks: array(CustomLinkSchema, {maxItems: 50}),
  salesReps: array(SalesRepSchema, {maxItems: 3}),
  features: FeatureTogglesSchema,
  schedules: CollectionSchedulesSchema,
  notifications: NotificationSettingsSchema,
  service: ServiceDetailsSchema,
  // Added after records were first written: absent in older ones, read with these defaults.
  adminUser: defaulted(nullable(AdminUserSchema), null),
  tenantAdmins: defaulted(array(UserRefSchema, {maxItems: 50}), []),
  microsoftAccount: defaulted(nullable(MicrosoftAccountChoiceSchema), null),
  companyPhone: defaulted(string({maxLength: 40}), ''),
} as const;

export const OrganizationSchema = named(
  'Organization',
  object<Organization>({...summaryShape, ...detailShape}),
  'Everything known of one organization.',
);

/** What a create may carry: the organization less its server-kept fields. */
export const OrganizationInputSchema = named(
  'OrganizationInput',
  (() => {
    const shape: Record<string, Schema<unknown>> = {...summaryShape, ...detailShape};
    for (const k of SERVER_KEPT_FIELDS) delete shape[k];
    return object<OrganizationInput>(shape as Shape<OrganizationInput>);
  })(),
);

export const TombstoneSchema = named('Tombstone', object<Tombstone>({id, deletedAt: instant}));

export const TenantNodeSchema = named(
  'TenantNode',
  object<TenantNode>({
    id,
    kind: oneOf(TENANT_KINDS),
    parentId: nullable(id),
    name: string({minLength: 1, maxLength: 1000}),
    domain: string({maxLength: 253}),
    status: oneOf(ORG_STATUSES),
    directoryIds: array(string({maxLength: 64}), {maxItems: 100}),
  }),
);

export const UserSchema = named(
  'User',
  object<User>({id, tenantId: id, displayName: text, email, function: oneOf(USER_FUNCTIONS)}),
);

export const SessionSchema = named(
  'Session',
  object<Session>({user: UserSchema, role: oneOf(ROLES), homeTenantId: id, homeTenantName: text}),
);

export const FxRatesSchema = named(
  'FxRates',
  object<FxRates>({
    base: oneOf(['USD'] as const),
    date: isoDate,
    rates: record(number({min: 0}), {maxKeys: 400}),
  }),
);

/** The page envelope; items are checked one by one so a bad record costs only itself. */
export const OrganizationPageSchema = named(
  'OrganizationPage',
  object<OrganizationPage>({
    items: array(OrganizationSummarySchema, {maxItems: 10_000}),
    tombstones: array(TombstoneSchema, {maxItems: 100_000}),
    nextCursor: nullable(string({maxLength: 1000})),
    asOf: instant,
  }),
);

const OrganizationRefShape = {
  id,
  name: string({minLength: 1, maxLength: 1000}),
  domain: string({maxLength: 253}),
  kind: oneOf(TENANT_KINDS),
  status: oneOf(ORG_STATUSES),
  parentName: nullable(text),
};

export const DuplicateCheckSchema = named(
  'DuplicateCheck',
  object<DuplicateCheck>({
    matches: array(
      named(
        'DuplicateMatch',
        object<DuplicateMatch>({...OrganizationRefShape, matchedOn: array(oneOf(DUPLICATE_FIELDS), {maxItems: DUPLICATE_FIELDS.length})}),
        'A visible organization that may be the one being entered, and what it matched on.',
      ),
      {maxItems: MAX_DUPLICATE_MATCHES},
    ),
    hiddenCount: count,
  }),
  'Possible duplicates: those visible from the scope, and how many more exist elsewhere in the channel (a count only).',
);

export const MicrosoftAccountSchema = named(
  'MicrosoftAccount',
  object<MicrosoftAccount>({
    tenantId: directoryId,
    name: text,
    primaryDomain: string({minLength: 1, maxLength: 253}),
    verifiedDomains: array(string({minLength: 1, maxLength: 253}), {maxItems: 1000}),
  }),
);

/** The answer of an account lookup: the account, or `null` when none has the domain. */
export const MicrosoftAccountLookupSchema = named('MicrosoftAccountLookup', object<{account: MicrosoftAccount | null}>({account: nullable(MicrosoftAccountSchema)}));

export const DomainAvailabilitySchema = named(
  'DomainAvailability',
  object<DomainAvailability>({available: boolean(), reason: optional(string({maxLength: 500}))}),
);

const LinkableAzureTenantSchema = named(
  'LinkableAzureTenant',
  object<LinkableAzureTenant>({
    tenantId: directoryId,
    name: text,
    domain: string({maxLength: 253}),
    subscriptions: array(
      named('LinkableSubscription', object<LinkableSubscription>({id, name: text, state: oneOf(AZURE_SUBSCRIPTION_STATES)})),
      {maxItems: 1000},
    ),
  }),
);

export const LinkableAzureTenantListSchema = named(
  'LinkableAzureTenantList',
  object<{items: LinkableAzureTenant[]}>({items: array(LinkableAzureTenantSchema, {maxItems: 5000})}),
  'Azure directories the partner has access to, each with its subscriptions not yet linked to an organization.',
);

const optionsOf = <V extends string>(value: Schema<V>): Schema<ReferenceOption<V>[]> =>
  array(object<ReferenceOption<V>>({value, label: text}), {maxItems: 1000});
const optionValue = string({minLength: 1, maxLength: 200});

export const ReferenceListsSchema = named(
  'ReferenceLists',
  object<ReferenceLists>({
    customerTypes: optionsOf(string({minLength: 1, maxLength: 100})),
    partnerSubscriptions: optionsOf(optionValue),
    servicePlans: optionsOf(oneOf(SERVICE_PLANS)),
    storageRegions: optionsOf(oneOf(STORAGE_REGIONS)),
    tenantTypes: optionsOf(oneOf(TENANT_TYPES)),
  }),
  'The choices the customer wizard offers, as the scope’s partner has them.',
);

const KindCountsSchema = named(
  'KindCounts',
  object<KindCounts>({distributor: count, reseller: count, 'customer-organization': count, customer: count}),
  'Organizations of each kind.',
);

const TenantImpactSchema = named(
  'TenantImpact',
  object<TenantImpact>({id, name: text, kind: oneOf(TENANT_KINDS), organizations: count, linkedAccounts: count, users: count, scheduledCollections: count}),
  'What a lifecycle move touches within one tenant directly below the organization moved, that tenant counted too.',
);

export const LifecycleImpactSchema = named(
  'LifecycleImpact',
  object<LifecycleImpact>({
    organizationId: id,
    action: oneOf(LIFECYCLE_ACTIONS),
    from: oneOf(ORG_STATUSES),
    to: oneOf(ORG_STATUSES),
    organizationsBelow: KindCountsSchema,
    linkedAccounts: count,
    users: count,
    scheduledCollections: count,
    byTenant: array(TenantImpactSchema, {maxItems: MAX_IMPACT_TENANTS}),
    moreTenants: count,
  }),
  `What a lifecycle move of one organization touches, counted within the scope: organizations below it by kind (itself not counted); linked accounts, users and organizations collecting data on a schedule of it and those below it; the same per tenant directly below it (\`byTenant\`, each with everything below it, most organizations first, at most ${MAX_IMPACT_TENANTS}; \`moreTenants\` counts the rest).`,
);

/** The body of a lifecycle move. */
export const LifecycleTransitionSchema = named(
  'LifecycleTransition',
  object<{action: LifecycleAction}>({action: oneOf(LIFECYCLE_ACTIONS)}),
  'A lifecycle move: `suspend` (active → suspended), `resume` (suspended → active), `disable` (active → inactive), `enable` (inactive → active), `archive` (active, inactive or suspended → archived).',
);

export const AuditEntrySchema = named(
  'AuditEntry',
  object<AuditEntry>({
    id,
    at: instant,
    actorId: id,
    actorName: text,
    actingTenantId: id,
    organizationId: id,
    organizationName: text,
    action: oneOf(AUDIT_ACTIONS),
    fields: optional(array(string({minLength: 1, maxLength: 100}), {maxItems: 200})),
    subject: optional(text),
  }),
  'One write made through the API: who made it, in which tenant’s view, to which organization, which top-level fields it changed (updates and lifecycle moves), and what it was about in words (`subject`: a contact’s name, the people added or removed, a task’s title; plain text, never markup).',
);

export const AuditPageSchema = named(
  'AuditPage',
  object<AuditPage>({items: array(AuditEntrySchema, {maxItems: 1000}), nextCursor: nullable(string({maxLength: 1000}))}),
  'One page of the audit log, newest first.',
);

const idList = array(id, {maxItems: 100});

/** A change of people (`changePeople`): one role per change. */
export const PeopleChangeSchema = named(
  'PeopleChange',
  tagged<PeopleChange>('role', (() => {
    const members = named(
      'PeopleChangeMembers',
      object<{role: 'reader' | 'engineer' | 'tenant-admin'; add?: string[]; remove?: string[]}>({role: oneOf(['reader', 'engineer', 'tenant-admin'] as const), add: optional(idList), remove: optional(idList)}),
      'Readers, engineers or tenant administrators to add and to remove, by user id (users visible from the scope).',
    );
    return {
      reader: members,
      engineer: members,
      'tenant-admin': members,
      'account-manager': named('PeopleChangeAccountManager', object<{role: 'account-manager'; userId: string | null}>({role: oneOf(['account-manager'] as const), userId: nullable(id)}), 'The account manager to set (a user visible from the scope), or `null` to clear it.'),
      'run-as': named(
        'PeopleChangeRunAs',
        object<{role: 'run-as'; account: string | null}>({role: oneOf(['run-as'] as const), account: nullable(string({maxLength: 1000}))}),
        'The run-as (service) account’s name to set, or `null` to clear it: trimmed, 1–256 characters, no control or hidden characters; never a password or other secret.',
      ),
    };
  })()),
  'A change to the people of an organization, one role at a time.',
);

export const ContractSchema = named(
  'Contract',
  object<Contract>({
    id,
    name: text,
    status: oneOf(CONTRACT_STATUSES),
    startsOn: isoDate,
    endsOn: nullable(isoDate),
    organizationId: id,
    organizationName: text,
    value: nullable(MoneySchema),
    billingFrequency: oneOf(BILLING_FREQUENCIES),
    autoRenew: boolean(),
  }),
  'One contract of an organization, as the contracts list shows it.',
);

const cursorText = nullable(string({maxLength: 1000}));

export const ContractPageSchema = named(
  'ContractPage',
  object<ContractPage>({items: array(ContractSchema, {maxItems: 1000}), nextCursor: cursorText, total: count}),
  'One page of contracts, by end date (open-ended last) then id; `total` counts every contract the query matches.',
);

const quantity = number({min: 0, max: 1_000_000_000, integer: true});

const ProductRecordSchema = named(
  'ProductRecord',
  object<ProductRecord>({id, name: text, category: text, status: oneOf(['active', 'pending', 'cancelled'] as const), billingFrequency: oneOf(BILLING_FREQUENCIES), quantity, purchasedOn: isoDate}),
);
const OrderRecordSchema = named(
  'OrderRecord',
  object<OrderRecord>({id, number: string({minLength: 1, maxLength: 100}), placedOn: isoDate, status: oneOf(['placed', 'fulfilled', 'cancelled', 'failed'] as const), lineCount: quantity, total: MoneySchema}),
);
const InvoiceRecordSchema = named(
  'InvoiceRecord',
  object<InvoiceRecord>({id, number: string({minLength: 1, maxLength: 100}), issuedOn: isoDate, dueOn: isoDate, status: oneOf(['open', 'paid', 'overdue', 'void'] as const), amount: MoneySchema}),
);
const SubscriptionRecordSchema = named(
  'SubscriptionRecord',
  object<SubscriptionRecord>({id, name: text, status: oneOf(['active', 'suspended', 'cancelled', 'expired'] as const), quantity, billingFrequency: oneOf(BILLING_FREQUENCIES), renewsOn: nullable(isoDate)}),
);

const commercePageOf = <K extends (typeof COMMERCE_KINDS)[number]>(kind: K, item: Schema<CommercePage<K>['items'][number]>, name: string): Schema<CommercePage<K>> =>
  named(name, object<CommercePage<K>>({kind: oneOf([kind] as const) as Schema<K>, items: array(item, {maxItems: 1000}), nextCursor: cursorText, total: count}));

/** One page of a commerce list; `kind` says which list, and so the shape of its items. */
export const CommercePageSchema = named(
  'CommercePage',
  tagged<CommercePage>('kind', {
    products: commercePageOf('products', ProductRecordSchema, 'ProductPage'),
    orders: commercePageOf('orders', OrderRecordSchema, 'OrderPage'),
    invoices: commercePageOf('invoices', InvoiceRecordSchema, 'InvoicePage'),
    subscriptions: commercePageOf('subscriptions', SubscriptionRecordSchema, 'SubscriptionPage'),
  }),
  'One page of a customer’s products, orders, invoices or subscriptions, newest first; `total` counts the whole list. A backend without such a list answers an empty page.',
);

export const ConsoleLinkSchema = named(
  'ConsoleLink',
  object<ConsoleLink>({url, expiresAt: nullable(instant)}),
  'Where an administrator opens the customer’s own console: an absolute http(s) URL (anything else is refused by the client), and when a signed link stops working.',
);

/** The answer of a console link request: the link, or `null` where the organization has no console. */
export const ConsoleLinkAnswerSchema = named('ConsoleLinkAnswer', object<{link: ConsoleLink | null}>({link: nullable(ConsoleLinkSchema)}));

const accountFields = {
  name: string({minLength: 1, maxLength: 1000}),
  autoCustomer: boolean(),
  autoAssigned: boolean(),
  excludeRule: string({maxLength: 500}),
} as const;

export const AccountSummarySchema = named(
  'AccountSummary',
  object<AccountSummary>({
    id,
    ...accountFields,
    providerAccountId: string({minLength: 1, maxLength: 200}),
    provider: oneOf(['azure', 'aws', 'gcp'] as const),
    type: oneOf(['shared', 'dedicated'] as const),
    customerCount: count,
    customers: array(object<{id: string; name: string}>({id, name: text}), {maxItems: MAX_ACCOUNT_CUSTOMERS}),
    updatedAt: instant,
    etag: string({minLength: 1, maxLength: 200}),
  }),
  `A linked cloud account as the accounts view lists it, with the customers visible from the scope it is assigned to (\`customerCount\`; the first ${MAX_ACCOUNT_CUSTOMERS} by name in \`customers\`).`,
);

export const AccountPageSchema = named(
  'AccountPage',
  object<AccountPage>({items: array(AccountSummarySchema, {maxItems: 10_000}), tombstones: array(TombstoneSchema, {maxItems: 100_000}), nextCursor: cursorText, asOf: instant}),
  'One page of the accounts list, or the changes since a previous `asOf`.',
);

export const AccountPatchSchema = named(
  'AccountPatch',
  object<AccountPatch>({name: optional(accountFields.name), type: optional(oneOf(['shared', 'dedicated'] as const)), autoCustomer: optional(boolean()), autoAssigned: optional(boolean()), excludeRule: optional(accountFields.excludeRule)}),
  'What a change of an account may carry: its name, shared or dedicated (a dedicated account serves one customer: made dedicated while it serves more is a conflict), and automation settings (`autoCustomer` for a shared account, `autoAssigned` and its `excludeRule` for a dedicated one; a change of type turns off those of the other type).',
);

/** The body of an assignment: the organization the account is assigned to. */
export const AccountAssignmentSchema = named('AccountAssignment', object<{organizationId: string}>({organizationId: id}), 'The customer to assign the account to.');

export const AccountChangeSchema = named(
  'AccountChange',
  object<AccountChange>({account: AccountSummarySchema, etag: string({minLength: 1, maxLength: 200}), organizations: array(OrganizationSummarySchema, {maxItems: 10_000})}),
  'An account after a write, its new `etag` (also the `ETag` header), and the summaries of the organizations whose records changed with it.',
);

export const ErrorBodySchema = named(
  'Error',
  object<{code: string; message: string; reason?: string; params?: Record<string, unknown>}>({
    code: string({maxLength: 100}),
    message: string({maxLength: 2000}),
    reason: optional(string({maxLength: 100})),
    params: optional(record(unknown(), {maxKeys: 20})),
  }),
  'A failure: `code` (stable, by status) and `message` (English, for people and logs). A server may add `reason` and `params`: the id of a sentence of the client’s vocabulary (`src/shared/contract/reasons.ts`, e.g. `lifecycle.not-allowed` with `action`, `status` and `kind`), which a client then shows in its user’s language; a client that does not know the id, or finds a parameter missing or of another kind, shows the `message` as the server’s own words.',
);

/** Items that failed their check, each with why; the rest of the list is kept. */
export interface Rejected {
  index: number;
  id: string | null;
  issues: Issue[];
}

/** Splits a list into the items that conform and a report of those that do not. */
export function partitionValid<T>(schema: Schema<T>, items: readonly unknown[], path: string): {valid: T[]; rejected: Rejected[]} {
  const valid: T[] = [];
  const rejected: Rejected[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (schema.is(item)) {
      valid.push(item);
      continue;
    }
    const issues: Issue[] = [];
    schema.explain(item, `${path}[${i}]`, issues);
    const itemId = typeof item === 'object' && item !== null ? (item as {id?: unknown}).id : undefined;
    rejected.push({index: i, id: typeof itemId === 'string' ? itemId : null, issues});
  }
  return {valid, rejected};
}
