/**
 * The tenancy vocabulary every widget shares: where a tenant sits in the hierarchy, what a
 * type-ahead search over it returns, and the acting scope a page (or part of one) is in.
 *
 * - Tenant search runs in the data worker over the signed-in user's own view of the hierarchy
 *   (the organizations dataset of their home scope), so it shows exactly what the backend let
 *   them see, and never ships 100,000 tenants to the main thread.
 * - The acting scope is held by a page-level `ScopeStore` (`scope-store.ts`), shared by every
 *   widget of the same data client, and mirrored in the tab's URL.
 */
import type {Id, OrgStatus, TenantKind} from './model/types.js';

/** One step of a tenant's path: Distributor › Reseller › Customer. */
export interface TenantPathEntry {
  id: Id;
  name: string;
  kind: TenantKind;
}

/** What a type-ahead search matched on, so the list can say "matched tenant ID …". */
export type TenantMatchField = 'name' | 'domain' | 'tenantId' | 'path';

/** A tenant as the switcher lists it. */
export interface TenantHit {
  id: Id;
  kind: TenantKind;
  name: string;
  domain: string;
  status: OrgStatus;
  /** From the root the user can see down to this tenant, this tenant included. */
  path: TenantPathEntry[];
  /** Tenants directly below, in the user's view (0 for a customer). */
  childCount: number;
  /** `null` when the hit was listed (browsing), not searched. */
  matched: TenantMatchField | null;
  /** The Azure directory (tenant) ID that matched, when `matched` is `tenantId`. */
  directoryId?: string;
}

export interface TenantSearch {
  /**
   * Type-ahead text, matched case- and accent-insensitively against name, domain, Azure tenant
   * ID and the names along the path. Empty: list the children of `parentId` instead.
   */
  text: string;
  /** At most this many hits (the switcher asks for one screenful, e.g. 50). */
  limit: number;
  /** Browse below this tenant when `text` is empty; defaults to the home tenant. */
  parentId?: Id;
  /** Only these kinds (e.g. customers, for "administer a customer"). */
  kinds?: TenantKind[];
}

export interface TenantSearchResult {
  /** Best first: exact name, then name prefix, then other matches; shallower before deeper; then by name. */
  hits: TenantHit[];
  /** All matches, of which `hits` are the first `limit`. */
  total: number;
  /** The dataset version searched, so a late answer to an older keystroke can be recognised. */
  version: number;
}

/** The tenant a page (or a part of it) acts in. */
export interface ActingScope {
  tenantId: Id;
  name: string;
  kind: TenantKind;
  path: TenantPathEntry[];
}
