/**
 * What a widget may ask of a dataset: search, filters and sort. Plain data, so it crosses the
 * worker boundary and fits in a URL (saved views).
 */
import type {SearchField, SortKey} from './columns.js';
import type {Id, OrgStatus, Plan, SourceDataStatus, StorageRegion, TenantKind, Workload} from './model/types.js';

/**
 * Sort keys and search fields come from the column declarations (each column declares what it
 * sorts and searches by; their lists, `SORT_KEYS` and `SEARCH_FIELDS`, are in `columns.ts`).
 */
export type {SearchField, SortKey} from './columns.js';

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

export type {OrgRow} from './org-row.js';
