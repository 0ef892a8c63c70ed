/**
 * Deterministic, realistic demo data for the embedded backend: one distributor, its resellers,
 * their customers (a few grouped under "customer organization" anchors), users and FX rates.
 *
 * The same seed and size always give the same tenants, ids and values, so demo screens, tests and
 * the bench are reproducible. Lists need only summaries; an organization's detail is derived on
 * demand from its own per-record random stream, so generating 100,000 rows stays cheap.
 */
import type {
  AzureTenant,
  ContractCounts,
  ContractSummary,
  FeatureToggles,
  LinkedAccount,
  CurrencyCode,
  FxRates,
  LinkableAzureTenant,
  MicrosoftAccount,
  OnboardingTask,
  Organization,
  OrganizationSummary,
  Plan,
  ReferenceOption,
  SourceDataStatus,
  StorageRegion,
  TaskSummary,
  TenantKind,
  User,
  UserRef,
  Workload,
} from '../../../shared/model/types.js';
import {AZURE_SUBSCRIPTION_STATES, CONTRACT_STATUSES, PLANS, STORAGE_REGIONS, WORKLOADS} from '../../../shared/model/types.js';
import {DISTRIBUTOR_ID, customerId, resellerId} from '../../../shared/demo-tenant.js';
import {FEATURE_KEYS, FEATURE_NEEDS} from '../../../shared/forms/features.js';

/** Server time of the generated base data; anything changed later is newer. */
export const SEED_EPOCH = '2026-10-01T00:00:00.000Z';
const EPOCH_MS = Date.parse(SEED_EPOCH);
const DAY = 86_400_000;

/** Small, fast, well-distributed PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const chance = (r: Rand, p: number): boolean => r() < p;
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const guidCodes: number[] = [...'00000000-0000-4000-a000-000000000000'].map((c) => c.charCodeAt(0));
/** A random GUID (version 4 form), written into one buffer: 100,000 of them must not cost a string per digit. */
const guid = (r: Rand): string => {
  for (let i = 0; i < 36; i++) {
    // The dashes, and the fixed 4 and a, stay as they are.
    if (i === 8 || i === 13 || i === 14 || i === 18 || i === 19 || i === 23) continue;
    guidCodes[i] = HEX_CODES[Math.floor(r() * 16)];
  }
  return String.fromCharCode(...guidCodes);
};
/**
 * A string per distinct input, made once: generated values repeat (a few thousand days and hours,
 * names drawn from short lists), and formatting each of 100,000 rows anew was most of the seed's
 * time. `generateSeed` empties them when it is done.
 */
const memo = <K, V>(make: (k: K) => V): ((k: K) => V) & {clear(): void} => {
  const cache = new Map<K, V>();
  const get = (k: K): V => {
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = make(k)));
    return v;
  };
  return Object.assign(get, {clear: () => cache.clear()});
};
const isoDay = memo((ms: number): string => new Date(ms).toISOString().slice(0, 10));
const instant = memo((ms: number): string => new Date(ms).toISOString());

const FIRST = ['Alder', 'Brightwater', 'Cobalt', 'Driftwood', 'Ember', 'Foxglove', 'Granite', 'Harbor', 'Ironbark', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Northfield', 'Oakridge', 'Pinecrest', 'Quarry', 'Redwood', 'Silverline', 'Tidewater', 'Upland', 'Vantage', 'Willow', 'Yarrow', 'Zephyr', 'Aurora', 'Bluestem', 'Cedar', 'Dunmore', 'Evergreen', 'Fairhaven', 'Glenwood', 'Highland', 'Lakeshore', 'Maple', 'Ridgeway', 'Stonebridge', 'Thornbury', 'Westbrook', 'Birchwood'];
const SECOND = ['Dental', 'Logistics', 'Legal', 'Architects', 'Foods', 'Health', 'Manufacturing', 'Consulting', 'Realty', 'Engineering', 'Accounting', 'Clinics', 'Freight', 'Studios', 'Hotels', 'Schools', 'Pharmacy', 'Insurance', 'Energy', 'Motors', 'Labs', 'Partners', 'Retail', 'Bakery', 'Veterinary', 'Construction', 'Media', 'Capital', 'Outfitters', 'Marine'];
const CITIES = ['Aarhus', 'Brisbane', 'Calgary', 'Dortmund', 'Eindhoven', 'Fresno', 'Galway', 'Hamilton', 'Incheon', 'Jaipur', 'Kraków', 'Leeds', 'Malmö', 'Nagoya', 'Oporto', 'Perth', 'Québec', 'Recife', 'Salzburg', 'Tampere', 'Utrecht', 'Valencia', 'Winnipeg', 'Zürich'];
const SUFFIX = ['Ltd', 'Inc', 'GmbH', 'LLC', 'Group', 'Co', 'SA', 'Pty', 'KK', 'BV', ''];
const GIVEN = ['Ava', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustavo', 'Hana', 'Ibrahim', 'Jonas', 'Keiko', 'Liam', 'Maya', 'Nikolai', 'Olivia', 'Pedro', 'Quinn', 'Rania', 'Sven', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Yusuf', 'Zoë', 'Amara', 'Björn', 'Carmen', 'Dev', 'Emeka'];
const FAMILY = ['Okafor', 'Lindqvist', 'Tanaka', 'García', 'Novak', 'Schmidt', 'Haddad', 'Moreau', 'Kowalski', 'Nguyen', 'Rossi', "O'Brien", 'Fischer', 'Patel', 'Silva', 'Andersen', 'Müller', 'Yilmaz', 'Cohen', 'Kim', 'Dubois', 'Jensen', 'Singh', 'Costa'];

/** Resellers with their home currency and region, in the distributor's network. */
const RESELLERS: readonly {name: string; domain: string; currency: CurrencyCode; region: StorageRegion}[] = [
  {name: 'Bytebridge Managed Services', domain: 'bytebridge.example', currency: 'USD', region: 'us-east'},
  {name: 'Cloudhaven IT', domain: 'cloudhaven.example', currency: 'EUR', region: 'eu-central'},
  {name: 'Kettle & Key Technology', domain: 'kettlekey.example', currency: 'GBP', region: 'uk'},
  {name: 'Maplewave Networks', domain: 'maplewave.example', currency: 'CAD', region: 'canada'},
  {name: 'Southern Cross Systems', domain: 'southerncross.example', currency: 'AUD', region: 'australia'},
  {name: 'Sakura Digital Partners', domain: 'sakuradigital.example', currency: 'JPY', region: 'japan'},
  {name: 'Lionsgate Cloud', domain: 'lionsgatecloud.example', currency: 'SGD', region: 'singapore'},
  {name: 'Ipanema Tecnologia', domain: 'ipanematec.example', currency: 'BRL', region: 'brazil'},
  {name: 'Pacific Crest MSP', domain: 'pacificcrest.example', currency: 'USD', region: 'us-west'},
  {name: 'Rheinland Service GmbH', domain: 'rheinland-service.example', currency: 'EUR', region: 'eu-west'},
];

/** Units of each currency per US dollar on the seed date. */
export const DEMO_FX: FxRates = {
  base: 'USD',
  date: '2026-11-20',
  rates: {USD: 1, EUR: 0.92, GBP: 0.79, CAD: 1.38, AUD: 1.52, JPY: 151.4, SGD: 1.34, BRL: 5.41},
};

const anchorId = (r: number, i: number): string => `grp-${String(r + 1).padStart(2, '0')}-${i + 1}`;

export interface SeedOptions {
  /** Number of customer organizations (anchors and resellers come on top). */
  organizations: number;
  seed: number;
}

export interface SeedData {
  /** Distributor, resellers, anchors, then customers; parents always before children. */
  organizations: OrganizationSummary[];
  users: User[];
}

const personName = (r: Rand): string => `${pick(r, GIVEN)} ${pick(r, FAMILY)}`;
const slug = memo((s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-'),
);

const ONBOARDING_STEPS = ['Connect billing account', 'Invite tenant admin', 'Grant collection access', 'Verify first cost import', 'Review security baseline'];
const TASK_TITLES = ['Rightsize idle VMs', 'Enable MFA for admins', 'Delete unattached disks', 'Review public storage accounts', 'Renew expiring certificate', 'Patch critical vulnerabilities', 'Buy reserved instances', 'Tag untagged resources', 'Rotate service principal secret', 'Close open RDP ports'];
const CONTRACT_NAMES = ['Managed Services Agreement', 'Backup Add-on', 'Security Operations', 'Azure Consumption', 'Microsoft 365 Licences', 'Support Retainer'];

/** Generates the whole demo tenant. */
export function generateSeed({organizations: count, seed}: SeedOptions): SeedData {
  const r = prng(seed * 7919 + 17);
  const users: User[] = [];
  const orgs: OrganizationSummary[] = [];
  const addUser = (tenantId: string, fn: User['function'], idSuffix: string, name = personName(r), domain = 'example'): UserRef => {
    const id = `u-${tenantId}-${idSuffix}`;
    users.push({id, tenantId, displayName: name, email: `${slug(name).replace(/-/g, '.')}@${domain}`, function: fn});
    return {id, displayName: name};
  };

  const distributorAdmin = addUser(DISTRIBUTOR_ID, 'admin', 'admin', 'Morgan Vale', 'northgate-distribution.example');
  const distributorStaff = Array.from({length: 8}, (_, i) => addUser(DISTRIBUTOR_ID, i < 5 ? 'engineer' : 'account-manager', `staff-${i + 1}`, undefined, 'northgate-distribution.example'));
  orgs.push(
    base(DISTRIBUTOR_ID, 'distributor', null, [], 'Northgate Distribution', 'northgate-distribution.example', r, {
      owner: distributorStaff[0],
      admin: distributorAdmin,
      currency: 'USD',
      region: 'us-east',
      index: 0,
    }),
  );

  const resellerCount = Math.max(RESELLERS.length, Math.round(count / 2000));
  const resellerStaff: UserRef[][] = [];
  for (let i = 0; i < resellerCount; i++) {
    const spec = RESELLERS[i % RESELLERS.length];
    const round = Math.floor(i / RESELLERS.length);
    const name = round ? `${spec.name} ${round + 1}` : spec.name;
    const domain = round ? spec.domain.replace('.', `${round + 1}.`) : spec.domain;
    const id = resellerId(i);
    const admin = addUser(id, 'admin', 'admin', undefined, domain);
    const staff = Array.from({length: 12}, (_, k) => addUser(id, k < 9 ? 'engineer' : 'account-manager', `staff-${k + 1}`, undefined, domain));
    resellerStaff.push(staff);
    orgs.push(base(id, 'reseller', DISTRIBUTOR_ID, [DISTRIBUTOR_ID], name, domain, r, {owner: distributorStaff[i % distributorStaff.length], admin, currency: spec.currency, region: spec.region, index: i + 1}));
  }

  // A few anchors per reseller, so the optional "customer organization" level is visible.
  const anchors: {id: string; reseller: number}[] = [];
  for (let i = 0; i < resellerCount; i++) {
    const reseller = orgs[1 + i];
    for (let k = 0; k < 2; k++) {
      const id = anchorId(i, k);
      const company = `${pick(r, FIRST)} ${pick(r, SECOND)} Holdings`;
      const org = base(id, 'customer-organization', reseller.id, [DISTRIBUTOR_ID, reseller.id], company, `${slug(company)}.example`, r, {
        owner: resellerStaff[i][0],
        admin: null,
        currency: RESELLERS[i % RESELLERS.length].currency,
        region: RESELLERS[i % RESELLERS.length].region,
        index: 1000 + i * 2 + k,
      });
      // An anchor carries no cost or usage data of its own.
      Object.assign(org, {plan: null, projectedAnnualCost: null, savingsPercent: null, secureScore: null, sourceData: 'not-available'});
      orgs.push(org);
      anchors.push({id, reseller: i});
    }
  }

  const resellerAncestors: string[][] = [];
  const anchorAncestors: string[][] = [];
  for (let c = 0; c < count; c++) {
    // The first customer always belongs to the first reseller (the demo customer admin's tenant).
    const ri = c === 0 ? 0 : Math.floor(r() * resellerCount);
    const reseller = orgs[1 + ri];
    const spec = RESELLERS[ri % RESELLERS.length];
    const underAnchor = c !== 0 && chance(r, 0.04);
    const anchor = underAnchor ? anchors[ri * 2 + (c % 2)] : null;
    const id = customerId(c);
    const style = r();
    const company =
      style < 0.55
        ? `${pick(r, FIRST)} ${pick(r, SECOND)}`
        : style < 0.8
          ? `${pick(r, FAMILY)} & ${pick(r, FAMILY)} ${pick(r, SECOND)}`
          : `${pick(r, CITIES)} ${pick(r, SECOND)}`;
    const suffix = pick(r, SUFFIX);
    const name = suffix ? `${company} ${suffix}` : company;
    // Real customer lists repeat names; domains stay unique, as a registrar would make them.
    const domain = `${slug(company.replace('&', 'and'))}${c >= 600 ? `-${c.toString(36)}` : ''}.example`;
    const admin = addUser(id, 'admin', 'admin', undefined, domain);
    const parentId = anchor ? anchor.id : reseller.id;
    // One list per parent, shared by its customers (rows are never changed in place).
    const ancestors = anchor ? (anchorAncestors[ri * 2 + (c % 2)] ??= [DISTRIBUTOR_ID, reseller.id, anchor.id]) : (resellerAncestors[ri] ??= [DISTRIBUTOR_ID, reseller.id]);
    // The name's slug from its parts' (each repeats; the whole name rarely does).
    const nameSlug = suffix ? `${slug(company)}-${slug(suffix)}` : slug(company);
    orgs.push(base(id, 'customer', parentId, ancestors, name, domain, r, {owner: pick(r, resellerStaff[ri]), admin, currency: spec.currency, region: spec.region, index: 5000 + c, nameSlug}));
  }
  // What the caches hold is in the rows now; details made later fill them again as they go.
  for (const cache of [isoDay, instant, slug]) cache.clear();
  return {organizations: orgs, users};
}

interface BaseOptions {
  owner: UserRef;
  admin: UserRef | null;
  currency: CurrencyCode;
  region: StorageRegion;
  index: number;
  /** `slug(name)`, when the caller has it already. */
  nameSlug?: string;
}

const CONTRACT_STATUS_MIX = ['active', 'active', 'active', 'pending', 'expiring', 'expired', 'cancelled'] as const;

function base(id: string, kind: TenantKind, parentId: string | null, ancestorIds: string[], name: string, domain: string, r: Rand, o: BaseOptions): OrganizationSummary {
  const created = EPOCH_MS - int(r, 30, 1800) * DAY;
  const statusRoll = r();
  const status = statusRoll < 0.78 ? 'active' : statusRoll < 0.88 ? 'inactive' : statusRoll < 0.95 ? 'suspended' : 'archived';
  const plan: Plan = pick(r, PLANS);
  const scale = kind === 'customer' ? 1 : kind === 'reseller' ? 40 : 400;
  const usdCost = Math.round((2000 + r() * r() * 400_000) * scale);
  const collected = (p: number): string | null => (status === 'active' || chance(r, p) ? instant(EPOCH_MS + 50 * DAY - int(r, 0, 96) * 3_600_000) : null);
  const onboardingTotal = ONBOARDING_STEPS.length;
  const onboarding = kind === 'customer' && chance(r, 0.14) ? {done: int(r, 0, onboardingTotal - 1), total: onboardingTotal} : null;
  const contractCounts: ContractCounts = {};
  for (let k = int(r, 0, 5); k > 0; k--) {
    const st = pick(r, CONTRACT_STATUS_MIX);
    contractCounts[st] = (contractCounts[st] ?? 0) + 1;
  }
  const sd = r();
  const sourceData: SourceDataStatus = sd < 0.8 ? 'success' : sd < 0.9 ? 'warning' : sd < 0.95 ? 'failed' : 'not-available';
  const workloads = WORKLOADS.filter(() => chance(r, 0.22)) as Workload[];
  if (!workloads.length) workloads.push(pick(r, WORKLOADS));
  const tenantCount = kind === 'customer' ? int(r, 1, 2) : 1;
  const rate = DEMO_FX.rates[o.currency] ?? 1;
  return {
    id,
    kind,
    parentId,
    ancestorIds,
    name,
    domain,
    status,
    plan,
    owner: o.owner,
    admin: o.admin,
    createdAt: instant(created),
    updatedAt: SEED_EPOCH,
    version: 1,
    projectedAnnualCost: {amount: Math.round(usdCost * rate * 100) / 100, currency: o.currency},
    savingsPercent: Math.round(r() * 3500) / 100,
    secureScore: Math.round(35 + r() * 6400) / 100,
    lastCollection: {cost: collected(0.3), security: collected(0.2), operations: collected(0.2)},
    readerCount: kind === 'customer' ? int(r, 0, 3) : 0,
    activeTaskCount: chance(r, 0.55) ? int(r, 1, 4) : 0,
    sourceData,
    contractCounts,
    onboarding,
    licenseExpiresOn: isoDay(EPOCH_MS + int(r, -30, 720) * DAY),
    creditQuota: chance(r, 0.7) ? {credits: int(r, 1, 200) * 500, effectiveOn: isoDay(created), endsOn: chance(r, 0.6) ? isoDay(EPOCH_MS + int(r, 30, 700) * DAY) : null} : null,
    storageRegion: chance(r, 0.85) ? o.region : pick(r, STORAGE_REGIONS),
    workloads,
    tenants: Array.from({length: tenantCount}, (_, k) => ({
      tenantId: guid(r),
      name: k ? `${name} (dev)` : name,
      domain: `${(o.nameSlug ?? slug(name)).slice(0, 40) || 'tenant'}${k ? '-dev' : ''}.onmicrosoft.com`,
    })),
    linkedAccountCount: kind === 'customer' ? int(r, 1, 2) : 0,
  };
}

/** Staff of each tenant (engineers and account managers), for details; build once per dataset. */
export function staffByTenant(users: readonly User[]): Map<string, User[]> {
  const map = new Map<string, User[]>();
  for (const u of users) {
    if (u.function === 'admin') continue;
    let list = map.get(u.tenantId);
    if (!list) map.set(u.tenantId, (list = []));
    list.push(u);
  }
  return map;
}

const ACCOUNT_NAMES = ['Billing', 'Payer', 'CSP', 'Consolidated'] as const;
const ACCOUNT_PROVIDERS = ['azure', 'aws', 'gcp'] as const;

/**
 * The linked accounts of a generated organization, from a random stream of their own: the same as
 * its full record holds (`detailFor`), without generating the rest of it (the accounts list of
 * 100,000 organizations reads only these).
 */
export function linkedAccountsFor(summary: OrganizationSummary): LinkedAccount[] {
  let h = 2166136261;
  const seed = `${summary.id}/accounts`;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  const r = prng(h);
  // Some shared accounts come from a pool of the customer's reseller (several of its customers
  // bill through one), so the accounts view has accounts serving many customers.
  const pool = summary.ancestorIds[1] ?? summary.parentId ?? summary.id;
  const out: LinkedAccount[] = [];
  for (let k = 0; k < summary.linkedAccountCount; k++) {
    if (chance(r, 0.7)) {
      const autoAssigned = chance(r, 0.5);
      const name = `${pick(r, ACCOUNT_NAMES)} ${k + 1}`;
      out.push({id: `${summary.id}-acct-${k + 1}`, name, provider: pick(r, ACCOUNT_PROVIDERS), type: 'dedicated', autoCustomer: false, autoAssigned, excludeRule: autoAssigned && chance(r, 0.3) ? 'name:*-sandbox' : ''});
      continue;
    }
    // Half the shared accounts are the customer's own so far; the others come from the pool.
    if (chance(r, 0.5)) {
      out.push({id: `${summary.id}-acct-${k + 1}`, name: `${pick(r, ACCOUNT_NAMES)} ${k + 1}`, provider: pick(r, ACCOUNT_PROVIDERS), type: 'shared', autoCustomer: chance(r, 0.3), autoAssigned: false, excludeRule: ''});
      continue;
    }
    // A pooled account the customer does not hold yet (the pool is larger than any customer's count).
    let n = int(r, 1, SHARED_POOL);
    while (out.some((a) => a.id === sharedId(pool, n))) n = (n % SHARED_POOL) + 1;
    out.push(sharedAccount(pool, n));
  }
  return out;
}

/** Shared accounts per reseller pool. */
const SHARED_POOL = 6;

/** A pooled shared account: every customer that draws it agrees on what it is (its own stream). */
const sharedId = (pool: string, n: number): string => `${pool}-shared-${n}`;

function sharedAccount(pool: string, n: number): LinkedAccount {
  const id = sharedId(pool, n);
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  const r = prng(h);
  // Named after its pool (the reseller's id), so pools of different resellers read apart.
  return {id, name: `${pick(r, ACCOUNT_NAMES)} pool ${n} · ${pool}`, provider: pick(r, ACCOUNT_PROVIDERS), type: 'shared', autoCustomer: chance(r, 0.3), autoAssigned: false, excludeRule: ''};
}

/**
 * The full record of a generated organization: the items behind its summary's counts, and the
 * fields only the detail shows, from a random stream of its own (so every read agrees).
 */
export function detailFor(summary: OrganizationSummary, staff: ReadonlyMap<string, readonly User[]>): Organization {
  let h = 2166136261;
  for (let i = 0; i < summary.id.length; i++) h = Math.imul(h ^ summary.id.charCodeAt(i), 16777619);
  const r = prng(h);
  const id = summary.id;
  const partner = partnerOf(summary);
  // The reseller's people serve its customers; the distributor's serve resellers.
  const team = summary.ancestorIds.length >= 2 ? (staff.get(summary.ancestorIds[1]) ?? []) : (staff.get(summary.ancestorIds[0] ?? summary.id) ?? []);
  const ref = (u: User): UserRef => ({id: u.id, displayName: u.displayName});
  const engineersPool = team.filter((u) => u.function === 'engineer');
  const engineers = engineersPool.slice(0, int(r, 1, 3)).map(ref);
  const manager = team.find((u) => u.function === 'account-manager');
  const readers: UserRef[] = [];
  for (let k = 0; k < summary.readerCount && engineersPool.length; k++) {
    const u = ref(engineersPool[(k * 3 + int(r, 0, 2)) % engineersPool.length]);
    if (!readers.some((x) => x.id === u.id)) readers.push(u);
    else readers.push(ref(engineersPool[(k + 1) % engineersPool.length]));
  }
  const created = Date.parse(summary.createdAt);
  const activeTasks: TaskSummary[] = Array.from({length: summary.activeTaskCount}, (_, k) => ({
    id: `${id}-task-${k + 1}`,
    title: pick(r, TASK_TITLES),
    severity: pick(r, ['low', 'medium', 'high', 'critical'] as const),
    dueOn: chance(r, 0.7) ? isoDay(EPOCH_MS + int(r, -20, 90) * DAY) : null,
    assignee: engineersPool.length && chance(r, 0.8) ? ref(pick(r, engineersPool)) : null,
  }));
  const contracts: ContractSummary[] = [];
  for (const status of CONTRACT_STATUSES) {
    for (let k = 0; k < (summary.contractCounts[status] ?? 0); k++) {
      const starts = created + int(r, 0, 400) * DAY;
      contracts.push({id: `${id}-ctr-${contracts.length + 1}`, name: pick(r, CONTRACT_NAMES), status, startsOn: isoDay(starts), endsOn: chance(r, 0.8) ? isoDay(starts + int(r, 180, 1100) * DAY) : null});
    }
  }
  const onboardingTasks: OnboardingTask[] = summary.onboarding
    ? ONBOARDING_STEPS.map((title, k) => {
        const done = summary.onboarding!.done;
        return {id: `${id}-onb-${k + 1}`, title, state: k < done ? 'done' : k === done ? 'in-progress' : 'todo', startable: k >= done};
      })
    : [];
  // The accounts come from a stream of their own (`linkedAccountsFor`: the accounts list reads them
  // without the whole record); their draws are still taken here, so every later field is as before.
  for (let k = 0; k < summary.linkedAccountCount; k++) {
    const dedicated = chance(r, 0.7);
    const autoAssigned = dedicated && chance(r, 0.5);
    pick(r, ACCOUNT_NAMES);
    pick(r, ACCOUNT_PROVIDERS);
    if (!dedicated) chance(r, 0.3);
    if (autoAssigned) chance(r, 0.3);
  }
  const linkedAccounts = linkedAccountsFor(summary);
  const azureTenants: AzureTenant[] = summary.tenants.map((t) => ({
    ...t,
    subscriptions: Array.from({length: int(r, 1, 3)}, (_, s) => ({id: guid(r), name: ['Production', 'Development', 'Shared services'][s], monitored: chance(r, 0.85)})),
  }));
  const country = ({USD: 'US', EUR: 'DE', GBP: 'GB', CAD: 'CA', AUD: 'AU', JPY: 'JP', SGD: 'SG', BRL: 'BR'} as Record<string, string>)[summary.projectedAnnualCost?.currency ?? 'USD'] ?? 'US';
  const address = {line1: `${int(r, 1, 999)} ${pick(r, ['Harbour', 'Market', 'Station', 'Mill', 'Church'])} Street`, line2: chance(r, 0.3) ? `Suite ${int(r, 100, 900)}` : '', city: pick(r, ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Kingsport']), state: '', postalCode: postalCode(country, int(r, 10000, 99999)), country};
  const contactName = summary.admin?.displayName ?? personName(r);
  const [first, ...rest] = contactName.split(' ');
  const mailDomain = summary.domain || 'example.com';
  const mail = (n: string): string => `${slug(n).replace(/-/g, '.')}@${mailDomain}`;
  const org: Organization = {
    ...summary,
    readers,
    activeTasks,
    contracts,
    onboardingTasks,
    azureTenants,
    linkedAccounts,
    description: `${summary.name} — ${summary.kind.replace('-', ' ')} managed since ${summary.createdAt.slice(0, 4)}.`,
    engineers,
    accountManager: manager ? ref(manager) : null,
    runAsAccount: null,
    customerOrganizationId: summary.ancestorIds.find((a) => a.startsWith('grp-')) ?? null,
    customerType: pick(r, CUSTOMER_TYPES),
    companyAddress: address,
    companyPhone: phoneNumber(country, 100 + Math.abs(h % 100)),
    billing: {profileName: 'Headquarters', billTo: summary.name, address, sameAsCompany: true, partnerSubscription: partner ? partnerSubscriptionValues(partner)[h & 1] : null},
    contacts: [
      {id: `${id}-ct-1`, role: 'primary', firstName: first, lastName: rest.join(' '), email: mail(contactName), phone: phoneNumber(country, int(r, 100, 199)), fax: ''},
      {id: `${id}-ct-2`, role: 'billing', firstName: 'Accounts', lastName: 'Payable', email: `billing@${mailDomain}`, phone: '', fax: ''},
    ],
    customLinks: [{title: 'Customer portal', url: `https://portal.${mailDomain}/`}],
    salesReps: [{name: personName(r), email: `sales@${mailDomain}`, phone: ''}],
    // As the dependency table allows: a feature drawn without what it needs is off.
    features: allowedFeatures({security: true, operations: chance(r, 0.7), costDetails: true, biAnalytics: chance(r, 0.3), tasks: true, m365Security: chance(r, 0.4), governanceVisualizer: chance(r, 0.3)}),
    schedules: {cost: '0 2 * * *', security: '30 3 * * *', operations: '0 4 * * 1', timeZone: summary.storageRegion ? REGION_TIME_ZONES[summary.storageRegion] : 'UTC'},
    notifications: {emails: [`alerts@${mailDomain}`], subjectPrefix: '[Tenantry]', detectionTickets: chance(r, 0.5), reportTickets: chance(r, 0.3), weeklyDigest: {enabled: true, weekday: 1, hourUtc: 7}},
    service: {servicePlan: pick(r, ['essentials', 'business', 'enterprise', 'elite'] as const), tenantType: pick(r, ['commercial', 'education', 'non-profit', 'government'] as const)},
    // Fields added later take no draws from `r`, so every value above stays as it always was.
    adminUser: summary.admin
      ? {firstName: first, lastName: rest.join(' '), loginEmail: mail(summary.admin.displayName), displayName: summary.admin.displayName, communicationEmail: ''}
      : null,
    tenantAdmins: summary.admin ? [summary.admin] : [],
    microsoftAccount: summary.kind === 'customer' && summary.tenants.length && summary.domain ? {mode: 'existing', tenantId: summary.tenants[0].tenantId, domain: summary.domain} : null,
  };
  // Whatever collects data has the account it collects with.
  if (collects(org.features)) org.runAsAccount = `svc-collector@${summary.tenants[0]?.domain ?? 'example.onmicrosoft.com'}`;
  return org;
}

/** What the dependency table allows of `drawn`: whatever lacks what it needs is switched off, as the wizard switches it off. */
function allowedFeatures(drawn: FeatureToggles): FeatureToggles {
  const out = {...drawn};
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of FEATURE_KEYS) {
      if (out[k] && !FEATURE_NEEDS[k].every((need) => need.anyOf.some((n) => out[n]))) {
        out[k] = false;
        changed = true;
      }
    }
  }
  return out;
}

const collects = (f: FeatureToggles): boolean => f.security || f.operations || f.costDetails;

const digits = (n: number, length: number): string => String(n).padStart(length, '0').slice(-length);

/**
 * A postal code of the country's form from a 5-digit draw (one draw whatever the country, so the
 * values drawn after it stay the same): what the postal code rule accepts for that country.
 */
function postalCode(country: string, n: number): string {
  const s = digits(n, 5);
  const letter = (k: number, from = 'ABCEGHJLNPRSTWXY'): string => from[Math.floor(n / k) % from.length];
  switch (country) {
    case 'GB':
      return `${['EC1A', 'SW1A', 'M1', 'B33', 'LS1', 'EH1', 'CF10', 'BS1'][n % 8]} ${n % 10}${letter(7, 'ABDEFGHJLNPQRSTUWXYZ')}${letter(13, 'ABDEFGHJLNPQRSTUWXYZ')}`;
    case 'CA':
      return `${letter(1, 'ABCEGHJKLMNPRSTVXY')}${n % 10}${letter(3)} ${Math.floor(n / 10) % 10}${letter(11)}${Math.floor(n / 100) % 10}`;
    case 'AU':
      return s.slice(0, 4).replace(/^0/, '1');
    case 'JP':
      return `${s.slice(0, 3)}-${s.slice(1)}`;
    case 'SG':
      return `${s}${s[0]}`;
    case 'BR':
      return `${s}-${s.slice(2)}`;
    default:
      return s;
  }
}

/**
 * A fictional phone number the phone rule takes as valid in the country (ranges kept for drama
 * and examples where the country has them), ending in `n` (100–199).
 */
function phoneNumber(country: string, n: number): string {
  switch (country) {
    case 'DE':
      return `+49 30 9018 20${n}`;
    case 'GB':
      return `+44 20 7946 0${n}`;
    case 'CA':
      return `+1 416 555 0${n}`;
    case 'AU':
      return `+61 2 5550 4${n}`;
    case 'JP':
      return `+81 3 5550 1${n}`;
    case 'SG':
      return `+65 6555 0${n}`;
    case 'BR':
      return `+55 11 3555 0${n}`;
    default:
      return `+1 212 555 0${n}`;
  }
}

/** The customer types a partner offers (values of `Organization.customerType`). */
export const CUSTOMER_TYPES = ['Standard', 'Enterprise', 'Public sector', 'Education'] as const;

/** The time zone collection schedules run in, by storage region (demo records). */
const REGION_TIME_ZONES: Readonly<Record<StorageRegion, string>> = {
  'us-east': 'America/New_York',
  'us-west': 'America/Los_Angeles',
  canada: 'America/Toronto',
  'eu-west': 'Europe/Dublin',
  'eu-central': 'Europe/Berlin',
  uk: 'Europe/London',
  australia: 'Australia/Sydney',
  japan: 'Asia/Tokyo',
  singapore: 'Asia/Singapore',
  brazil: 'America/Sao_Paulo',
};

/** The partner that bills an organization: a customer's (or anchor's) reseller, a reseller's distributor. */
export function partnerOf(org: {kind: TenantKind; ancestorIds: readonly string[]}): string | null {
  if (org.kind === 'distributor') return null;
  return org.kind === 'reseller' ? (org.ancestorIds[0] ?? null) : (org.ancestorIds[1] ?? null);
}

const PARTNER_SUBSCRIPTIONS = [
  ['csp-monthly', 'CSP, monthly billing'],
  ['csp-annual', 'CSP, annual billing'],
  ['mca', 'Microsoft Customer Agreement'],
] as const;

/** Values of a partner's subscriptions (`BillingProfile.partnerSubscription`). */
export const partnerSubscriptionValues = (partnerId: string): string[] => PARTNER_SUBSCRIPTIONS.map(([k]) => `${partnerId}-${k}`);

/** A partner's subscriptions as the wizard lists them, in the partner's currency. */
export function partnerSubscriptionsOf(partner: OrganizationSummary): ReferenceOption[] {
  const currency = partner.projectedAnnualCost?.currency ?? 'USD';
  return PARTNER_SUBSCRIPTIONS.map(([k, label]) => ({value: `${partner.id}-${k}`, label: `${label} (${currency})`}));
}

const hashOf = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

/**
 * Azure directories a reseller has access to that no organization uses yet (delegated access
 * granted, customer not set up): the pool the wizard links subscriptions from. Four per reseller,
 * from the reseller's id alone.
 */
export function linkableTenantsOf(resellerId: string): LinkableAzureTenant[] {
  const r = prng(hashOf(`linkable:${resellerId}`));
  return Array.from({length: 4}, (_, k) => {
    const name = `${pick(r, FIRST)} ${pick(r, SECOND)}`;
    return {
      tenantId: guid(r),
      name,
      domain: `${slug(name).replace(/-/g, '')}${resellerId.replace(/\D/g, '')}${k + 1}.onmicrosoft.com`,
      subscriptions: Array.from({length: int(r, 1, 3)}, (_, s) => ({
        id: guid(r),
        name: ['Production', 'Development', 'Shared services'][s],
        state: r() < 0.8 ? 'enabled' : pick(r, AZURE_SUBSCRIPTION_STATES),
      })),
    };
  });
}

/** Microsoft accounts of companies that are no organization here yet: what an "existing account" lookup finds. */
export const DEMO_MICROSOFT_ACCOUNTS: readonly MicrosoftAccount[] = [
  ['Fabrikam', 'fabrikam'],
  ['Tailspin Toys', 'tailspintoys'],
  ['Wingtip Toys', 'wingtiptoys'],
  ['Litware', 'litware'],
  ['Woodgrove Bank', 'woodgrovebank'],
  ['Adventure Works Cycles', 'adventureworks'],
].map(([name, prefix]) => ({
  tenantId: guid(prng(hashOf(`account:${prefix}`))),
  name,
  primaryDomain: `${prefix}.onmicrosoft.com`,
  verifiedDomains: [`${prefix}.onmicrosoft.com`, `${prefix}.example`],
}));

/** `.onmicrosoft.com` prefixes Microsoft keeps for itself or that are taken by well-known accounts. */
export const RESERVED_ONMICROSOFT_PREFIXES: readonly string[] = ['microsoft', 'onmicrosoft', 'office', 'azure', 'admin', 'contoso'];
