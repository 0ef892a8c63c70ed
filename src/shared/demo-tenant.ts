/**
 * The ids of the demo tenant that the embedded backend generates (`src/worker/backends/embedded/seed.ts`):
 * its hierarchy's fixed tenants and users. Only ids, so the demo page, tests and the bench name them
 * without loading the generator.
 */
export const DISTRIBUTOR_ID = 'dist-1';
export const resellerId = (i: number): string => `res-${String(i + 1).padStart(2, '0')}`;
export const customerId = (i: number): string => `cus-${String(i + 1).padStart(6, '0')}`;

/** Fixed ids of the demo sign-ins, one per role. */
export const DEMO_USERS = {
  distributorAdmin: 'u-dist-1-admin',
  resellerAdmin: 'u-res-01-admin',
  otherResellerAdmin: 'u-res-02-admin',
  customerAdmin: 'u-cus-000001-admin',
} as const;

export const DEMO_TENANTS = {
  distributor: DISTRIBUTOR_ID,
  reseller: resellerId(0),
  otherReseller: resellerId(1),
  /** The first customer; it belongs to the first reseller. */
  customer: customerId(0),
} as const;
