/**
 * The customer wizard's values: an `OrganizationInput` as the user builds it. Empty values for a
 * new customer, values of an existing organization for an edit, immutable updates by path, what an
 * edit changed (the patch it saves), and a draft's values read back (untrusted: repaired against
 * the empty shape, never trusted as they are).
 */
import type {Address, Contact, Id, Organization, OrganizationInput, OrganizationPatch} from '../../src/shared/model/types.js';
import {NOT_PATCHABLE_FIELDS, SERVER_KEPT_FIELDS} from '../../src/shared/model/types.js';

/** A field's place in the values, e.g. `['companyAddress', 'city']` or `['salesReps', 1, 'email']`. */
export type FieldPath = readonly (string | number)[];

export const emptyAddress = (): Address => ({line1: '', line2: '', city: '', state: '', postalCode: '', country: ''});
export const emptyContact = (role: Contact['role']): Contact => ({id: crypto.randomUUID(), role, firstName: '', lastName: '', email: '', phone: '', fax: ''});

/** A new customer under `parentId`, nothing entered yet. */
export function emptyValues(parentId: Id | null): OrganizationInput {
  return {
    kind: 'customer',
    parentId,
    name: '',
    domain: '',
    status: 'active',
    plan: null,
    owner: null,
    admin: null,
    projectedAnnualCost: null,
    savingsPercent: null,
    secureScore: null,
    lastCollection: {cost: null, security: null, operations: null},
    sourceData: 'not-available',
    licenseExpiresOn: null,
    creditQuota: null,
    storageRegion: null,
    workloads: [],
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
    customerType: '',
    companyAddress: emptyAddress(),
    companyPhone: '',
    billing: {profileName: '', billTo: '', address: emptyAddress(), sameAsCompany: true, partnerSubscription: null},
    contacts: [emptyContact('primary'), emptyContact('billing')],
    customLinks: [],
    salesReps: [{name: '', email: '', phone: ''}],
    features: {security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false},
    schedules: {cost: '0 2 * * *', security: '0 3 * * *', operations: '0 4 * * *', timeZone: 'UTC'},
    notifications: {emails: [], subjectPrefix: '', detectionTickets: false, reportTickets: false, weeklyDigest: {enabled: false, weekday: 1, hourUtc: 8}},
    service: {servicePlan: null, tenantType: null},
    adminUser: {firstName: '', lastName: '', loginEmail: '', displayName: '', communicationEmail: ''},
    tenantAdmins: [],
    microsoftAccount: null,
  };
}

/** An organization's values as the wizard edits them (what the server keeps left out). */
export function fromOrganization(org: Organization): OrganizationInput {
  const values = structuredClone(org) as unknown as Record<string, unknown>;
  for (const k of SERVER_KEPT_FIELDS) delete values[k];
  return repairValues(values, emptyValues(org.parentId));
}

export function getAt(values: unknown, path: FieldPath): unknown {
  let at: unknown = values;
  for (const k of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[k];
  }
  return at;
}

/** `values` with the value at `path` replaced; every object along the path is copied, nothing else. */
export function setAt<T>(values: T, path: FieldPath, value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  const base = (typeof values === 'object' && values !== null ? values : typeof head === 'number' ? [] : {}) as Record<string | number, unknown>;
  const copy = (Array.isArray(base) ? [...base] : {...base}) as Record<string | number, unknown>;
  copy[head] = setAt(base[head], rest, value);
  return copy as T;
}

/** Deep equality of JSON-like values. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What an edit changed: the top-level fields that differ, as the patch to save (never a field no patch may carry). */
export function changedFields(before: OrganizationInput, after: OrganizationInput): OrganizationPatch {
  const patch: Record<string, unknown> = {};
  const fixed = new Set<string>(NOT_PATCHABLE_FIELDS);
  for (const k of Object.keys(after) as (keyof OrganizationInput)[]) if (!fixed.has(k) && !same(before[k], after[k])) patch[k] = after[k];
  return patch as OrganizationPatch;
}

/** Shapes of list items, for repairing lists whose empty template holds none. */
const ITEM_SHAPES: Readonly<Record<string, unknown>> = {
  contacts: emptyContact('other'),
  customLinks: {title: '', url: ''},
  salesReps: {name: '', email: '', phone: ''},
  emails: '',
  readers: {id: '', displayName: ''},
  engineers: {id: '', displayName: ''},
  tenantAdmins: {id: '', displayName: ''},
  workloads: '',
  azureTenants: {tenantId: '', name: '', domain: '', subscriptions: []},
  subscriptions: {id: '', name: '', monitored: false},
};

/**
 * Values read back from a draft (or any untrusted source), repaired against `template`: a key the
 * template has takes the read value when its type matches (objects and lists repaired in turn),
 * else the template's; a key the template lacks is dropped. A `null` in the template accepts an
 * object, a string or a number (optional fields). Nothing throws; what cannot be used is left out.
 */
export function repairValues(raw: unknown, template: OrganizationInput): OrganizationInput {
  return repair(raw, template, '') as OrganizationInput;
}

function repair(raw: unknown, template: unknown, key: string): unknown {
  if (template === null) {
    if (raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw ?? null;
    if (typeof raw === 'object' && !Array.isArray(raw)) return plain(raw);
    return null;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(raw)) return template;
    const shape = template.length ? template[0] : ITEM_SHAPES[key];
    if (shape === undefined) return template;
    return raw.slice(0, 200).flatMap((item) => {
      const fixed = repair(item, shape, key);
      return typeof shape === 'object' && (typeof fixed !== 'object' || fixed === null) ? [] : [fixed];
    });
  }
  if (typeof template === 'object') {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return template;
    const out: Record<string, unknown> = {};
    for (const [k, t] of Object.entries(template)) out[k] = Object.hasOwn(raw, k) ? repair((raw as Record<string, unknown>)[k], t, k) : t;
    return out;
  }
  return typeof raw === typeof template && (typeof raw !== 'number' || Number.isFinite(raw)) ? raw : template;
}

/** A JSON round trip: plain data only, no prototype tricks. */
function plain(value: object): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}
