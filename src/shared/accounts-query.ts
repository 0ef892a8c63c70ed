/**
 * The accounts view's query and rows, the same shape as the organizations' (`query.ts`): a view is
 * opened in the worker over the scope's dataset, and its state and windows (`AccountViewState`,
 * `AccountWindow` in `protocol.ts`) cross the boundary, so 100,000 linked accounts behave like
 * 100,000 organizations: the data stays in the worker, the page holds only the rows in view.
 */
import type {AccountSummary, Id, LinkedAccount} from './model/types.js';

/** Most ids one accounts query may name. */
export const MAX_ACCOUNT_IDS = 1000;

export const ACCOUNT_SORT_KEYS = ['name', 'providerAccountId', 'provider', 'type', 'customerCount', 'updatedAt'] as const;
export type AccountSortKey = (typeof ACCOUNT_SORT_KEYS)[number];

export interface AccountSort {
  key: AccountSortKey;
  dir: 'asc' | 'desc';
}

export interface AccountQuery {
  /**
   * Type-ahead text, matched case- and accent-insensitively against the account's name, the
   * provider's account id, and the names of the customers it is assigned to.
   */
  search?: string;
  type?: LinkedAccount['type'] | null;
  provider?: LinkedAccount['provider'] | null;
  /**
   * Only accounts assigned to this customer, as far as a row names its customers (the first
   * `MAX_ACCOUNT_CUSTOMERS`): for all of one customer's accounts, ask by `ids` from its record.
   */
  customerId?: Id | null;
  /** Only these accounts (at most `MAX_ACCOUNT_IDS`), e.g. those a customer's record lists. */
  ids?: readonly Id[];
  /** Only accounts assigned to no customer. */
  unassigned?: boolean;
  /** Default: by name, ascending. */
  sort?: AccountSort[];
}

/** One row of the accounts view. */
export interface AccountRow extends AccountSummary {
  /** The customer whose name the search matched (to say "assigned to …"), when it was one. */
  matchedCustomer?: {id: Id; name: string};
}
