/**
 * What a widget may ask of a dataset: search, filters and sort. Plain data, so it crosses the
 * worker boundary and fits in a URL (saved views).
 */
import type {SearchField, SortKey} from './columns.js';
import type {Id, OrganizationSummary, OrgStatus, Plan, SourceDataStatus, StorageRegion, TenantKind, Workload} from './model/types.js';

/**
 * Sort keys and search fields come from the column declarations (each column declares what it
 * sorts and searches by); they are re-exported here, with the rest of a query's vocabulary.
 */
export {SEARCH_FIELDS, SORT_KEYS, type SearchField, type SortKey} from './columns.js';

export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface OrgFilters {
  plans?: Plan[];
  statuses?: OrgStatus[];
  ownerIds?: Id[];
  sourceData?: SourceDataStatus[];
  workloads?: Workload[];
  storageRegions?: StorageRegion[];
  kinds?: TenantKind[];
}

export interface OrgQuery {
  /** Case- and accent-insensitive substring search. */
  search?: string;
  /** Where search looks; default every field. */
  searchFields?: SearchField[];
  filters?: OrgFilters;
  /** Primary sort first; ties fall to the next, then to name and id so order is stable. */
  sort?: SortSpec[];
  /**
   * `flat` (default): matching organizations only. `tree`: distributor → reseller → customer,
   * siblings in sort order, each match with its ancestors (shown as context rows).
   */
  layout?: 'flat' | 'tree';
  /**
   * Tree layout: organizations whose children are shown. While a search or filter is active,
   * every ancestor of a match is open regardless. Customers open onto their linked accounts.
   */
  expanded?: Id[];
}

/** A row as a window delivers it: the record plus what the worker derived for display. */
export interface OrgRow {
  org: OrganizationSummary;
  /** Worst source-data health of this organization and everything below it. */
  sourceDataRollup: SourceDataStatus;
  /** Projected annual cost in US dollars with the current rates; `null` if unknown or unconvertible. */
  costUsd: number | null;
  parentName: string | null;
  /** Share of onboarding tasks done, 0–1; `null` when onboarding is complete. */
  onboardingProgress: number | null;
  /** Tree layout: levels below the top row (0); always 0 in flat layout. */
  depth: number;
  /** Tree layout: whether the row can open (child organizations or linked accounts). */
  hasChildren: boolean;
  expanded: boolean;
  /** False for an ancestor shown only to place a match in context (tree layout). */
  matched: boolean;
  /**
   * On a linked-account row (tree layout, under an open customer): which of `org`'s accounts it
   * is. `org` is then the customer; the account itself comes with the customer's detail.
   */
  accountIndex: number | null;
}
