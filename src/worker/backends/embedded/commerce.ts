/**
 * The embedded backend's commerce lists and contract terms: generated from ids by a seeded PRNG,
 * never stored. The same organization always has the same products, orders, invoices and
 * subscriptions, and each contract the same value, billing frequency and renewal.
 */
import type {BillingFrequency, CommerceKind, CommerceRecords, Contract, ContractSummary, CurrencyCode, OrganizationSummary} from '../../../shared/model/types.js';
import {prng, SEED_EPOCH} from './seed.js';

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));
const DAY = 86_400_000;
/** The newest record is dated a little before the demo data's own date. */
const NEWEST_MS = Date.parse(SEED_EPOCH) - DAY;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** FNV-1a: a string to a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const FREQUENCIES: readonly BillingFrequency[] = ['monthly', 'monthly', 'annual', 'one-time'];

/** A contract with its terms: value, billing frequency and renewal drawn from its id. */
export function contractOf(summary: ContractSummary, org: Pick<OrganizationSummary, 'id' | 'name' | 'projectedAnnualCost'>): Contract {
  const r = prng(hash(summary.id));
  const currency = org.projectedAnnualCost?.currency ?? 'USD';
  const billingFrequency = pick(r, FREQUENCIES);
  const priced = r() > 0.1;
  const amount = int(r, 12, 900) * 100;
  return {...summary, organizationId: org.id, organizationName: org.name, value: priced ? {amount, currency} : null, billingFrequency, autoRenew: summary.endsOn !== null && r() < 0.6};
}

const PRODUCTS: readonly [string, string][] = [
  ['Microsoft 365 Business Premium', 'Licence'],
  ['Microsoft 365 E3', 'Licence'],
  ['Defender for Endpoint P2', 'Security'],
  ['Entra ID P1', 'Licence'],
  ['Azure Reserved VM Instance', 'Cloud'],
  ['Backup Storage 1 TB', 'Cloud'],
  ['Managed Firewall', 'Service'],
  ['Onboarding Workshop', 'Service'],
  ['Teams Phone Standard', 'Licence'],
  ['Intune Suite', 'Licence'],
];
const SUBSCRIPTIONS = ['Microsoft 365 Business Standard', 'Defender for Business', 'Azure Plan', 'Exchange Online Plan 1', 'Power BI Pro', 'Visio Plan 2', 'Project Plan 3', 'Copilot for Microsoft 365'];

/** Records of one commerce list, newest first: none for organizations other than customers, else up to a few hundred. */
export function commerceRecords<K extends CommerceKind>(org: Pick<OrganizationSummary, 'id' | 'kind' | 'projectedAnnualCost'>, kind: K): CommerceRecords[K][] {
  if (org.kind !== 'customer') return [];
  const r = prng(hash(`${org.id}|${kind}`));
  // Most lists are short; some customers have a long history.
  const count = r() < 0.15 ? 0 : r() < 0.8 ? int(r, 1, 30) : int(r, 31, 300);
  const currency: CurrencyCode = org.projectedAnnualCost?.currency ?? 'USD';
  const serial = hash(org.id) % 900_000;
  const out: CommerceRecords[CommerceKind][] = [];
  let at = NEWEST_MS - int(r, 0, 20) * DAY;
  for (let i = 0; i < count; i++) {
    const id = `${org.id}-${kind.slice(0, 3)}-${count - i}`;
    const day = isoDay(at);
    switch (kind) {
      case 'products': {
        const [name, category] = pick(r, PRODUCTS);
        out.push({id, name, category, status: pick(r, ['active', 'active', 'active', 'pending', 'cancelled'] as const), billingFrequency: pick(r, FREQUENCIES), quantity: int(r, 1, 500), purchasedOn: day});
        break;
      }
      case 'orders':
        out.push({id, number: `SO-${100_000 + serial}-${count - i}`, placedOn: day, status: i < 2 && r() < 0.5 ? 'placed' : pick(r, ['fulfilled', 'fulfilled', 'fulfilled', 'cancelled', 'failed'] as const), lineCount: int(r, 1, 12), total: {amount: int(r, 50, 50_000), currency}});
        break;
      case 'invoices': {
        const due = at + 30 * DAY;
        // Recent invoices are open, older ones paid but for a few overdue or voided.
        const status = due > NEWEST_MS ? 'open' : pick(r, ['paid', 'paid', 'paid', 'paid', 'overdue', 'void'] as const);
        out.push({id, number: `INV-${200_000 + serial}-${count - i}`, issuedOn: day, dueOn: isoDay(due), status, amount: {amount: int(r, 100, 80_000), currency}});
        break;
      }
      case 'subscriptions': {
        const status = pick(r, ['active', 'active', 'active', 'suspended', 'cancelled', 'expired'] as const);
        const billingFrequency = pick(r, ['monthly', 'annual'] as const);
        const renews = status === 'active' || status === 'suspended' ? isoDay(NEWEST_MS + int(r, 1, billingFrequency === 'annual' ? 365 : 30) * DAY) : null;
        out.push({id, name: pick(r, SUBSCRIPTIONS), status, quantity: int(r, 1, 1000), billingFrequency, renewsOn: renews});
        break;
      }
    }
    at -= int(r, 0, 9) * DAY;
  }
  return out as CommerceRecords[K][];
}
