/**
 * Test-only helpers of the HTTP backend tests: the msw worker (the network edge; everything
 * above it is real fetch) and small valid records. Never imported by production code.
 */
import {setupWorker, type SetupWorker} from 'msw/browser';
import type {AnyHandler} from 'msw';
import type {Organization, OrganizationSummary} from '../shared/model/types.js';

export const API = 'https://api.tenantry.test/v1/';

/** Starts msw for this test page; requests without a handler go to the real network. */
export async function startMsw(...handlers: AnyHandler[]): Promise<SetupWorker> {
  const worker = setupWorker(...handlers);
  // `bypass`: module and runner requests of the test page pass untouched; an API request with no
  // handler fails as a network error, which the test then reports.
  await worker.start({onUnhandledFrame: 'bypass', quiet: true});
  return worker;
}

/** A valid organization summary: every field present and within its schema. */
export function summaryFixture(id: string, overrides: Partial<OrganizationSummary> = {}): OrganizationSummary {
  return {
    id,
    kind: 'customer',
    parentId: 'res-01',
    ancestorIds: ['dist-1', 'res-01'],
    name: `Customer ${id}`,
    domain: `${id}.example`,
    status: 'active',
    plan: 'management-service',
    owner: {id: 'u-1', displayName: 'Ava Okafor'},
    admin: null,
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-11-01T09:30:00.000Z',
    version: 3,
    projectedAnnualCost: {amount: 12_500, currency: 'EUR'},
    savingsPercent: 12.5,
    secureScore: 71,
    lastCollection: {cost: '2026-11-01T02:00:00.000Z', security: null, operations: null},
    readerCount: 0,
    activeTaskCount: 0,
    sourceData: 'success',
    contractCounts: {},
    onboarding: null,
    licenseExpiresOn: '2027-03-31',
    creditQuota: null,
    storageRegion: 'eu-central',
    workloads: ['microsoft-365'],
    tenants: [],
    linkedAccountCount: 0,
    ...overrides,
  };
}

export function organizationFixture(id: string, overrides: Partial<Organization> = {}): Organization {
  return {
    ...summaryFixture(id),
    readers: [],
    activeTasks: [],
    contracts: [],
    onboardingTasks: [],
    azureTenants: [],
    linkedAccounts: [],
    description: '',
    engineers: [],
    accountManager: null,
    runAsAccount: null,
    customerOrganizationId: null,
    customerType: 'Standard',
    companyAddress: null,
    companyPhone: '',
    billing: null,
    contacts: [],
    customLinks: [],
    salesReps: [],
    features: {security: true, operations: true, costDetails: true, biAnalytics: false, tasks: true, m365Security: false, governanceVisualizer: false},
    schedules: {cost: '0 2 * * *', security: '30 3 * * *', operations: '0 4 * * 1', timeZone: 'UTC'},
    notifications: {emails: [], subjectPrefix: '', detectionTickets: false, reportTickets: false, weeklyDigest: {enabled: false, weekday: 1, hourUtc: 7}},
    service: {servicePlan: null, tenantType: null},
    adminUser: null,
    tenantAdmins: [],
    microsoftAccount: null,
    ...overrides,
  };
}

/** Resolves after `ms`, or at once when `signal` fires (a handler must not outlive its request). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), {once: true});
  });
}
