/**
 * Test-only helpers of the cache tests: realistic organization rows (≈1 KB of nested objects each,
 * every field of `OrganizationSummary` filled) and per-test database names. Never imported by
 * production code.
 */
import {expect} from '@open-wc/testing';
import {deleteDB} from 'idb';
import {
  CONTRACT_STATUSES,
  ORG_STATUSES,
  PLANS,
  SOURCE_DATA_STATUSES,
  STORAGE_REGIONS,
  WORKLOADS,
  type OrganizationSummary,
  type UserRef,
} from '../shared/model/types.js';
// The demo generator's PRNG: deterministic, so a failing test sees the same rows again.
import {prng} from '../worker/backends/embedded/seed.js';

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farid', 'Grace', 'Hiro'];
const WORDS = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Litware', 'Adatum', 'Proseware', 'Wingtip', 'Woodgrove', 'Lucerne'];

/** One realistic row; `seed` varies the content, `id` is used as given. */
export function makeRow(id: string, seed = 1, overrides: Partial<OrganizationSummary> = {}): OrganizationSummary {
  const r = prng(seed * 7919 + id.length * 31 + [...id].reduce((s, c) => s + c.charCodeAt(0), 0));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const n = (max: number): number => Math.floor(r() * max);
  const day = (y: number): string => `${y}-${String(1 + n(12)).padStart(2, '0')}-${String(1 + n(28)).padStart(2, '0')}`;
  const instant = (): string => `${day(2026)}T${String(n(24)).padStart(2, '0')}:${String(n(60)).padStart(2, '0')}:00.000Z`;
  const user = (): UserRef => {
    const i = n(500);
    return {id: `user-${i}`, displayName: `${pick(FIRST)} ${pick(WORDS)}`};
  };
  const name = `${pick(WORDS)} ${pick(WORDS)} ${id}`;
  const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.com`;
  return {
    id,
    kind: 'customer',
    parentId: 'reseller-1',
    ancestorIds: ['distributor-root', 'reseller-1'],
    name,
    domain,
    status: pick(ORG_STATUSES),
    plan: pick(PLANS),
    owner: user(),
    admin: r() < 0.2 ? null : user(),
    createdAt: instant(),
    updatedAt: instant(),
    version: 1 + n(40),
    projectedAnnualCost: {amount: Math.round(r() * 1e7) / 100, currency: pick(['USD', 'EUR', 'GBP', 'CAD'])},
    savingsPercent: Math.round(r() * 1000) / 10,
    secureScore: n(101),
    lastCollection: {cost: instant(), security: r() < 0.3 ? null : instant(), operations: r() < 0.5 ? null : instant()},
    readerCount: n(4),
    activeTaskCount: n(3),
    sourceData: pick(SOURCE_DATA_STATUSES),
    contractCounts: {[pick(CONTRACT_STATUSES)]: 1 + n(3)},
    // Onboarding is complete (null) for most organizations.
    onboarding: r() < 0.7 ? null : {done: n(4), total: 5},
    licenseExpiresOn: day(2027),
    creditQuota: {credits: n(10000), effectiveOn: day(2026), endsOn: null},
    storageRegion: pick(STORAGE_REGIONS),
    workloads: [pick(WORKLOADS), pick(WORKLOADS)],
    tenants: r() < 0.5 ? [] : [
      {
        tenantId: `${n(1e8).toString(16).padStart(8, '0')}-1c2d-4e5f-8a9b-${n(1e12).toString(16).padStart(12, '0')}`,
        name: `${name} directory`,
        domain: `${id}.onmicrosoft.com`,
      },
    ],
    linkedAccountCount: n(3),
    ...overrides,
  };
}

/** `count` rows with ids `${prefix}0`, `${prefix}1`, … */
export function makeRows(count: number, prefix = 'org-', seed = 1): OrganizationSummary[] {
  return Array.from({length: count}, (_, i) => makeRow(`${prefix}${i}`, seed));
}

/** A fresh database name per test, so tests never see each other's data. */
export const testDbName = (): string => `tenantry-cache-test-${crypto.randomUUID()}`;

/**
 * Deletes a test database, never waiting long: a connection left open (one that ignores
 * versionchange) fails the test instead of hanging it. A transient `blocked` event is fine: a
 * connection whose close is pending on a finishing transaction counts as open for a moment.
 */
export async function dropDb(name: string, timeoutMs = 5000): Promise<void> {
  const deleted = await Promise.race([
    deleteDB(name).then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
  ]);
  expect(deleted, `database ${name} was not deleted: a connection is still open`).to.equal(true);
}
