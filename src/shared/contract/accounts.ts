/**
 * The accounts view's rules every server shares: the listing's page sizes, and what a change of an
 * account may carry (its name; a shared account may create customers, a dedicated one may take new
 * sub-accounts automatically, except those its rule excludes). Who may assign what to whom needs
 * the server's records and stays with each backend: a dedicated account serves one customer, and
 * accounts are assigned to customers only.
 */
import {misuse, TenantryError} from './errors.js';
import {validate, type Issue} from '../model/schema.js';
import {AccountPatchSchema} from '../model/schemas.js';
import type {AccountPatch, AccountSummary} from '../model/types.js';

/** The text rule, loaded when a change is first checked: an HTTP client imports this module for its page sizes only. */
const textRules = () => import('../forms/text.js');

export const DEFAULT_ACCOUNT_PAGE = 500;
export const MAX_ACCOUNT_PAGE = 5000;
/** Longest exclusion rule (the REST schema's limit). */
export const EXCLUDE_RULE_MAX = 500;

/**
 * A change of `account`, checked: at least one field; a name by the name rule; an exclusion rule
 * without hidden characters; `autoCustomer` only on a shared account, `autoAssigned` and a rule
 * only on a dedicated one (the rule only while new sub-accounts are assigned automatically), the
 * type being the one the change leaves. Else `invalid-request` with an issue at each field at fault.
 *
 * A change of type turns off the other type's automation: made shared, an account no longer
 * assigns new sub-accounts and its exclusion rule is cleared; made dedicated, it no longer creates
 * customers. Made dedicated while it serves more than one customer (`customerCount`: every
 * customer it serves, as the server counts them, not only those a scope sees) is a `conflict`
 * saying how many.
 */
export async function checkAccountPatch(patch: unknown, account: Pick<AccountSummary, 'name' | 'type' | 'autoAssigned' | 'customerCount'>): Promise<AccountPatch> {
  const what = 'The change of the account is not valid';
  const shape = validate(AccountPatchSchema, patch);
  if (shape.length) throw refused(what, shape);
  const p = patch as AccountPatch;
  const {checkText, scanCharacters} = await textRules();
  const out: AccountPatch = {};
  const issues: Issue[] = [];
  const type = p.type ?? account.type;
  if (p.type !== undefined && p.type !== account.type) {
    if (p.type === 'dedicated' && account.customerCount > 1) {
      throw new TenantryError('conflict', `“${account.name}” serves ${account.customerCount} customers; a dedicated account serves one. Unassign it from all but one first.`, {
        issues: [{path: 'type', message: `serves ${account.customerCount} customers`}],
        reason: {id: 'account.serves-many', params: {account: account.name, count: account.customerCount}},
      });
    }
    out.type = p.type;
    // Each type keeps only its own automation (the fields the patch sets itself are checked below).
    if (p.type === 'shared') Object.assign(out, {autoAssigned: false, excludeRule: ''});
    else out.autoCustomer = false;
  } else if (p.type !== undefined) out.type = p.type;
  if (p.name !== undefined) {
    const name = checkText(p.name, 'name', {path: 'name', required: true});
    issues.push(...name.issues);
    out.name = name.value;
  }
  if (p.autoCustomer !== undefined) {
    if (p.autoCustomer && type !== 'shared') issues.push({path: 'autoCustomer', message: 'only a shared account creates customers from its billing file'});
    out.autoCustomer = p.autoCustomer;
  }
  if (p.autoAssigned !== undefined) {
    if (p.autoAssigned && type !== 'dedicated') issues.push({path: 'autoAssigned', message: 'only a dedicated account assigns new sub-accounts automatically'});
    out.autoAssigned = p.autoAssigned;
  }
  if (p.excludeRule !== undefined) {
    const rule = p.excludeRule.trim();
    issues.push(...scanCharacters(rule, 'excludeRule'));
    if (rule && !(p.autoAssigned ?? (type === account.type ? account.autoAssigned : false))) issues.push({path: 'excludeRule', message: 'applies only while new sub-accounts are assigned automatically'});
    out.excludeRule = rule;
  }
  if (!Object.keys(p).length) issues.push({path: '(root)', message: 'name at least one field to change'});
  if (issues.length) throw refused(what, issues.map(({path, message}) => ({path, message})));
  return out;
}

const refused = (what: string, issues: Issue[]): TenantryError =>
  new TenantryError('invalid-request', `${what}: ${issues.slice(0, 5).map((i) => `${i.path}: ${i.message.replace(/\.$/, '')}`).join('; ')}.`, {issues: issues.slice(0, 50), reason: {id: 'request.invalid', params: {subject: 'account-change'}}});

/** A listing's page size, checked: 1–`MAX_ACCOUNT_PAGE`, default `DEFAULT_ACCOUNT_PAGE`; else `invalid-request`. */
export function accountPageSize(limit: unknown): number {
  if (limit === undefined) return DEFAULT_ACCOUNT_PAGE;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_ACCOUNT_PAGE) {
    throw misuse('invalid-request', `The accounts query is not valid: limit must be a whole number from 1 to ${MAX_ACCOUNT_PAGE}.`, {issues: [{path: 'limit', message: `must be a whole number from 1 to ${MAX_ACCOUNT_PAGE}`}]});
  }
  return limit as number;
}
