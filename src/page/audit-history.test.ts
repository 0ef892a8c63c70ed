/**
 * A long audit log: 100,000 entries seeded into the embedded backend's store (as the bench seeds
 * them), read by a data worker opened afterwards on the same configuration, paged newest first to
 * its end and from a cursor deep inside, and scoped like every read.
 */
import {expect} from '@open-wc/testing';
import type {LocalBackendConfig, Scope} from '../shared/contract/backend.js';
import {encodeAuditCursor} from '../shared/contract/audit.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {AuditEntry} from '../shared/model/types.js';
import {seedAuditHistory} from '../testing/audit-history.js';
import {DataClient} from './data-client.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
const RES: Scope = {tenantId: DEMO_TENANTS.reseller};

describe('audit log with 100,000 entries', () => {
  const config: LocalBackendConfig = {kind: 'local', organizations: 200, namespace: `audit-history-${crypto.randomUUID()}`};
  const clients: DataClient[] = [];
  let entries: Awaited<ReturnType<typeof seedAuditHistory>>;
  const client = (user: string): DataClient => {
    const c = new DataClient({config: {...config, userId: user}, cacheName: `tenantry-audit-${crypto.randomUUID()}`, user});
    clients.push(c);
    return c;
  };

  before(async () => {
    entries = await seedAuditHistory(config, 100_000);
  });
  after(() => {
    for (const c of clients.splice(0)) c.dispose();
  });

  it('a worker opened afterwards pages them newest first, and from a cursor deep inside', async () => {
    const dist = client(DEMO_USERS.distributorAdmin);
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 4; pages++) {
      const page = await dist.listAuditLog(DIST, {limit: 500, cursor});
      ids.push(...page.items.map((e) => e.id));
      expect(page.nextCursor, 'more pages').to.be.a('string');
      cursor = page.nextCursor!;
    }
    expect(ids).to.deep.equal(entries.slice(-2000).reverse().map((e) => e.id));

    const deep = await dist.listAuditLog(DIST, {limit: 10, cursor: encodeAuditCursor(entries[50_000])});
    expect(deep.items.map((e) => e.id)).to.deep.equal(entries.slice(49_990, 50_000).reverse().map((e) => e.id));
    const last = await dist.listAuditLog(DIST, {limit: 10, cursor: encodeAuditCursor(entries[3])});
    expect([last.items.map((e) => e.id), last.nextCursor]).to.deep.equal([entries.slice(0, 3).reverse().map((e) => e.id), null]);
  });

  it('a reseller reads only entries about its own organizations, all of one organization’s across pages', async () => {
    const res = client(DEMO_USERS.resellerAdmin);
    const first = await res.listAuditLog(RES, {limit: 500});
    expect(first.items.length).to.equal(500);
    for (const e of first.items) {
      const seeded = entries.find((s) => s.id === e.id)!;
      expect(seeded.organizationId === DEMO_TENANTS.reseller || seeded.ancestorIds.includes(DEMO_TENANTS.reseller), e.id).to.equal(true);
    }
    const mine: AuditEntry[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await res.listAuditLog(RES, {organizationId: DEMO_TENANTS.customer, limit: 100, cursor});
      mine.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const expected = entries.filter((e) => e.organizationId === DEMO_TENANTS.customer);
    expect(expected.length).to.be.greaterThan(100);
    // Whole entries, as seeded (subjects and fields too), less the ancestors the store keeps beside them.
    expect(mine).to.deep.equal(expected.reverse().map(({ancestorIds: _a, ...e}) => e));
  });
});

describe('audit log history on one organization', () => {
  it('seeds every entry about the organization named, which its filtered log pages through', async () => {
    const config: LocalBackendConfig = {kind: 'local', organizations: 200, namespace: `audit-one-${crypto.randomUUID()}`};
    const seeded = await seedAuditHistory(config, 1200, {organizationId: DEMO_TENANTS.customer});
    expect(new Set(seeded.map((e) => e.organizationId))).to.deep.equal(new Set([DEMO_TENANTS.customer]));
    const c = new DataClient({config: {...config, userId: DEMO_USERS.resellerAdmin}, cacheName: `tenantry-audit-${crypto.randomUUID()}`, user: DEMO_USERS.resellerAdmin});
    try {
      const first = await c.listAuditLog(RES, {organizationId: DEMO_TENANTS.customer, limit: 500});
      expect(first.items.map((e) => e.id)).to.deep.equal(seeded.slice(-500).reverse().map((e) => e.id));
      const next = await c.listAuditLog(RES, {organizationId: DEMO_TENANTS.customer, limit: 500, cursor: first.nextCursor!});
      expect(next.items[0].id).to.equal(seeded[seeded.length - 501].id);
    } finally {
      c.dispose();
    }
  });
});
