/** A row of a query's result as the data worker delivers it (`src/shared/query.ts` is the query itself). */
import type {OrganizationSummary, SourceDataStatus} from './model/types.js';

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
