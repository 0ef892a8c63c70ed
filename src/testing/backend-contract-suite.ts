/**
 * The behaviour every {@link Backend} must show, as one mocha suite run against each backend
 * (the embedded one directly, and the HTTP client over the REST adapter): sessions per demo
 * role, tenancy enforcement, paging, delta sync, ETags, idempotent creates and delete rules.
 *
 * It works from the demo world of the embedded backend's seed (`DEMO_USERS`, `DEMO_TENANTS`), and
 * every test that writes makes its own organizations, so tests do not depend on each other's order.
 */
import {expect} from '@open-wc/testing';
import type {Backend, PageResult, Scope} from '../shared/contract/backend.js';
import {validate, type Schema} from '../shared/model/schema.js';
import {FxRatesSchema, OrganizationSchema, OrganizationSummarySchema, SessionSchema, TenantNodeSchema, UserSchema} from '../shared/model/schemas.js';
import type {Organization, OrganizationInput, OrganizationSummary, Role, Tombstone} from '../shared/model/types.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {rejectsWith as failure} from './expect-error.js';

type Make = (userId: string) => Promise<Backend>;

const scopeOf = (tenantId: string): Scope => ({tenantId});
const inTenant = (o: {id: string; ancestorIds: readonly string[]}, tenantId: string) => o.id === tenantId || o.ancestorIds.includes(tenantId);

function expectValid<T>(schema: Schema<T>, value: unknown, what: string): void {
  expect(validate(schema, value), what).to.deep.equal([]);
}

/** Every page of a listing, following `nextCursor`; bounded so a cursor loop fails instead of hanging. */
async function listAll(b: Backend, scope: Scope, options: {limit?: number; updatedSince?: string} = {}): Promise<{items: OrganizationSummary[]; tombstones: Tombstone[]; pages: PageResult[]}> {
  const pages: PageResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await b.listOrganizations(scope, {...options, cursor});
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 1000) throw new Error('listing did not end');
  } while (cursor);
  return {items: pages.flatMap((p) => p.items), tombstones: pages.flatMap((p) => p.tombstones), pages};
}

let created = 0;
/** A new customer under the demo reseller, built from a real record so it is valid in any backend. */
async function newCustomerInput(b: Backend, name: string): Promise<OrganizationInput> {
  const template = (await b.getOrganization(scopeOf(DEMO_TENANTS.reseller), DEMO_TENANTS.customer)).value;
  const {id: _id, ancestorIds: _a, createdAt: _c, updatedAt: _u, version: _v, ...input} = template;
  return {...input, kind: 'customer', parentId: DEMO_TENANTS.reseller, customerOrganizationId: null, status: 'active', name: `${name} ${++created} ${Date.now()}`};
}

const uniqueKey = (): string => `contract-${crypto.randomUUID()}`;

export function contractSuite(name: string, make: Make): void {
  describe(`Backend contract: ${name}`, () => {
    let distributor: Backend;
    let reseller: Backend;
    let otherReseller: Backend;
    let customer: Backend;
    before(async () => {
      [distributor, reseller, otherReseller, customer] = await Promise.all([
        make(DEMO_USERS.distributorAdmin),
        make(DEMO_USERS.resellerAdmin),
        make(DEMO_USERS.otherResellerAdmin),
        make(DEMO_USERS.customerAdmin),
      ]);
    });

    describe('session', () => {
      const cases: [keyof typeof DEMO_USERS, Role, string][] = [
        ['distributorAdmin', 'distributor-admin', DEMO_TENANTS.distributor],
        ['resellerAdmin', 'reseller-admin', DEMO_TENANTS.reseller],
        ['otherResellerAdmin', 'reseller-admin', DEMO_TENANTS.otherReseller],
        ['customerAdmin', 'customer-admin', DEMO_TENANTS.customer],
      ];
      for (const [user, role, home] of cases) {
        it(`${user} signs in as ${role} of ${home}`, async () => {
          const b = {distributorAdmin: distributor, resellerAdmin: reseller, otherResellerAdmin: otherReseller, customerAdmin: customer}[user];
          const session = await b.session();
          expectValid(SessionSchema, session, 'session');
          expect(session.user.id).to.equal(DEMO_USERS[user]);
          expect(session.role).to.equal(role);
          expect(session.homeTenantId).to.equal(home);
          expect(session.user.tenantId).to.equal(home);
        });
      }
    });

    describe('scope enforcement', () => {
      it('a distributor sees the whole hierarchy', async () => {
        const scope = scopeOf(DEMO_TENANTS.distributor);
        const {items} = await listAll(distributor, scope, {limit: 10_000});
        const ids = new Set(items.map((o) => o.id));
        for (const id of Object.values(DEMO_TENANTS)) expect(ids.has(id), id).to.equal(true);
        for (const o of items) expect(inTenant(o, DEMO_TENANTS.distributor), o.id).to.equal(true);
        const tenants = await distributor.listTenants(scope);
        for (const t of tenants) expectValid(TenantNodeSchema, t, t.id);
        expect(new Set(tenants.map((t) => t.id))).to.deep.equal(ids);
      });

      it('a reseller sees itself and its own customers only', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const {items} = await listAll(reseller, scope, {limit: 10_000});
        expect(items.map((o) => o.id)).to.include(DEMO_TENANTS.reseller).and.include(DEMO_TENANTS.customer);
        for (const o of items) {
          expect(inTenant(o, DEMO_TENANTS.reseller), o.id).to.equal(true);
          expect(inTenant(o, DEMO_TENANTS.otherReseller), o.id).to.equal(false);
        }
        const tenants = await reseller.listTenants(scope);
        expect(new Set(tenants.map((t) => t.id))).to.deep.equal(new Set(items.map((o) => o.id)));
        for (const u of await reseller.listUsers(scope, {limit: 1000})) expect(new Set(items.map((o) => o.id)).has(u.tenantId), u.id).to.equal(true);
      });

      it('a reseller scoped to another reseller or the distributor is refused, and nothing leaks', async () => {
        const other = (await distributor.getOrganization(scopeOf(DEMO_TENANTS.distributor), DEMO_TENANTS.otherReseller)).value;
        for (const tenantId of [DEMO_TENANTS.otherReseller, DEMO_TENANTS.distributor]) {
          const scope = scopeOf(tenantId);
          const attempts: [string, Promise<unknown>][] = [
            ['listOrganizations', reseller.listOrganizations(scope)],
            ['listTenants', reseller.listTenants(scope)],
            ['listUsers', reseller.listUsers(scope)],
            ['getOrganization', reseller.getOrganization(scope, DEMO_TENANTS.otherReseller)],
          ];
          for (const [what, call] of attempts) {
            const e = await failure(call);
            expect(['forbidden', 'not-found'], `${what} in ${tenantId}: ${e.code}`).to.include(e.code);
            expect(e.message, what).not.to.contain(other.name);
          }
        }
        // Within its own scope, another reseller's record is simply not there.
        const e = await failure(reseller.getOrganization(scopeOf(DEMO_TENANTS.reseller), DEMO_TENANTS.otherReseller));
        expect(['forbidden', 'not-found']).to.include(e.code);
        expect(e.message).not.to.contain(other.name);
      });

      it('a customer admin sees only its own organization', async () => {
        const scope = scopeOf(DEMO_TENANTS.customer);
        const {items} = await listAll(customer, scope);
        expect(items.map((o) => o.id)).to.deep.equal([DEMO_TENANTS.customer]);
        expect((await customer.listTenants(scope)).map((t) => t.id)).to.deep.equal([DEMO_TENANTS.customer]);
        expect((await customer.getOrganization(scope, DEMO_TENANTS.customer)).value.id).to.equal(DEMO_TENANTS.customer);
        for (const tenantId of [DEMO_TENANTS.reseller, DEMO_TENANTS.distributor]) {
          const e = await failure(customer.listOrganizations(scopeOf(tenantId)));
          expect(['forbidden', 'not-found']).to.include(e.code);
        }
      });
    });

    describe('listing', () => {
      it('pages with a cursor cover every visible organization exactly once', async () => {
        const scope = scopeOf(DEMO_TENANTS.distributor);
        const {items, pages} = await listAll(distributor, scope, {limit: 37});
        expect(pages.length).to.be.greaterThan(2);
        for (const p of pages) {
          expect(p.items.length).to.be.at.most(37);
          expect(p.rejected).to.deep.equal([]);
          expect(p.asOf).to.equal(pages[0].asOf);
        }
        const ids = items.map((o) => o.id);
        expect(new Set(ids).size, 'no duplicates').to.equal(ids.length);
        const whole = await listAll(distributor, scope, {limit: 10_000});
        expect(new Set(ids)).to.deep.equal(new Set(whole.items.map((o) => o.id)));
        for (const o of items.slice(0, 50)) expectValid(OrganizationSummarySchema, o, o.id);
      });

      it('delta sync returns changes and tombstones, and only within the scope', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const before = await reseller.listOrganizations(scope, {limit: 1});
        const since = before.asOf;
        const made = await reseller.createOrganization(scope, await newCustomerInput(reseller, 'Delta'), {idempotencyKey: uniqueKey()});
        const renamed = await reseller.updateOrganization(scope, made.value.id, {name: `${made.value.name} renamed`}, {ifMatch: made.etag});

        const delta = await listAll(reseller, scope, {updatedSince: since});
        const seen = delta.items.find((o) => o.id === made.value.id);
        expect(seen?.name).to.equal(renamed.value.name);
        expect(seen?.version).to.equal(renamed.value.version);
        expect(delta.pages[0].asOf >= since).to.equal(true);

        const otherDelta = await listAll(otherReseller, scopeOf(DEMO_TENANTS.otherReseller), {updatedSince: since});
        expect(otherDelta.items.map((o) => o.id)).not.to.include(made.value.id);

        const suspended = await reseller.updateOrganization(scope, made.value.id, {status: 'suspended'}, {ifMatch: renamed.etag});
        await reseller.deleteOrganization(scope, made.value.id, {ifMatch: suspended.etag});
        const after = await listAll(reseller, scope, {updatedSince: since});
        expect(after.tombstones.map((t) => t.id)).to.include(made.value.id);
        expect(after.items.map((o) => o.id)).not.to.include(made.value.id);
        const sinceDelete = await listAll(reseller, scope, {updatedSince: after.pages[0].asOf});
        expect(sinceDelete.tombstones.map((t) => t.id)).not.to.include(made.value.id);
      });
    });

    describe('records', () => {
      it('get returns the full record with an ETag; a stale If-Match is a version-conflict', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const made = await reseller.createOrganization(scope, await newCustomerInput(reseller, 'ETag'), {idempotencyKey: uniqueKey()});
        const got = await reseller.getOrganization(scope, made.value.id);
        expectValid(OrganizationSchema, got.value, 'organization');
        expect(got.etag).to.be.a('string').and.not.equal('');
        expect(got.etag).to.equal(made.etag);

        const updated = await reseller.updateOrganization(scope, made.value.id, {description: 'Changed by the contract suite.'}, {ifMatch: got.etag});
        expect(updated.value.description).to.equal('Changed by the contract suite.');
        expect(updated.value.version).to.be.greaterThan(got.value.version);
        expect(updated.etag).not.to.equal(got.etag);

        const stale = await failure(reseller.updateOrganization(scope, made.value.id, {description: 'Lost update'}, {ifMatch: got.etag}));
        expect(stale.code).to.equal('version-conflict');
        expect((await reseller.getOrganization(scope, made.value.id)).value.description).to.equal('Changed by the contract suite.');
        const staleDelete = await failure(reseller.deleteOrganization(scope, made.value.id, {ifMatch: got.etag}));
        expect(staleDelete.code).to.equal('version-conflict');
      });

      it('a create repeated with the same Idempotency-Key makes one organization; another key makes another', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const since = (await reseller.listOrganizations(scope, {limit: 1})).asOf;
        const input = await newCustomerInput(reseller, 'Idempotent');
        const key = uniqueKey();
        const first = await reseller.createOrganization(scope, input, {idempotencyKey: key});
        const again = await reseller.createOrganization(scope, input, {idempotencyKey: key});
        expect(again.value.id).to.equal(first.value.id);
        expectValid(OrganizationSchema, first.value, 'created');
        expect(first.value.ancestorIds).to.include(DEMO_TENANTS.reseller);
        const delta = await listAll(reseller, scope, {updatedSince: since});
        expect(delta.items.filter((o) => o.name === input.name)).to.have.length(1);

        const other = await reseller.createOrganization(scope, input, {idempotencyKey: uniqueKey()});
        expect(other.value.id).not.to.equal(first.value.id);
        const reused = await failure(reseller.createOrganization(scope, {...input, name: `${input.name} (changed)`}, {idempotencyKey: key}));
        expect(reused.code).to.equal('conflict');
      });

      it('deleting a non-suspended organization is a conflict; once suspended it goes and a tombstone appears', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const since = (await reseller.listOrganizations(scope, {limit: 1})).asOf;
        const made = await reseller.createOrganization(scope, await newCustomerInput(reseller, 'Delete'), {idempotencyKey: uniqueKey()});
        const refused = await failure(reseller.deleteOrganization(scope, made.value.id, {ifMatch: made.etag}));
        expect(refused.code).to.equal('conflict');
        const suspended = await reseller.updateOrganization(scope, made.value.id, {status: 'suspended'}, {ifMatch: made.etag});
        await reseller.deleteOrganization(scope, made.value.id, {ifMatch: suspended.etag});
        expect((await failure(reseller.getOrganization(scope, made.value.id))).code).to.equal('not-found');
        const delta = await listAll(reseller, scope, {updatedSince: since});
        const tomb = delta.tombstones.find((t) => t.id === made.value.id);
        expect(tomb, 'tombstone').to.not.equal(undefined);
        expect(tomb!.deletedAt >= since).to.equal(true);
      });

      it('a customer admin cannot create or delete', async () => {
        const scope = scopeOf(DEMO_TENANTS.customer);
        const own: Organization = (await customer.getOrganization(scope, DEMO_TENANTS.customer)).value;
        const input = await newCustomerInput(reseller, 'Refused');
        expect((await failure(customer.createOrganization(scope, {...input, parentId: own.id}, {idempotencyKey: uniqueKey()}))).code).to.be.oneOf(['forbidden', 'invalid-request']);
        expect((await failure(customer.deleteOrganization(scope, own.id, {ifMatch: `"${own.version}"`}))).code).to.equal('forbidden');
      });
    });

    describe('reference data', () => {
      it('users are valid, within the scope, filtered by search and capped by limit', async () => {
        const scope = scopeOf(DEMO_TENANTS.reseller);
        const users = await reseller.listUsers(scope, {limit: 1000});
        expect(users.length).to.be.greaterThan(0);
        for (const u of users) expectValid(UserSchema, u, u.id);
        expect(await reseller.listUsers(scope, {limit: 2})).to.have.length.at.most(2);
        const needle = users[0].displayName.split(' ')[0].toLowerCase();
        const found = await reseller.listUsers(scope, {search: needle, limit: 1000});
        expect(found.map((u) => u.id)).to.include(users[0].id);
        for (const u of found) expect(`${u.displayName} ${u.email}`.toLowerCase()).to.contain(needle);
      });

      it('users can be looked up by id: only known ids within the scope, at most 100 per call', async () => {
        const resScope = scopeOf(DEMO_TENANTS.reseller);
        const mine = (await reseller.listUsers(resScope, {limit: 3})).map((u) => u.id);
        expect(mine.length).to.be.greaterThan(1);
        const outside = (await otherReseller.listUsers(scopeOf(DEMO_TENANTS.otherReseller), {limit: 1}))[0].id;
        const found = await reseller.listUsers(resScope, {ids: [mine[1], 'u-no-such-user', outside, mine[0], mine[1]]});
        for (const u of found) expectValid(UserSchema, u, u.id);
        // Unknown and out-of-scope ids are left out, never echoed back; duplicates count once.
        expect(found.map((u) => u.id).sort()).to.deep.equal([mine[0], mine[1]].sort());
        expect(await reseller.listUsers(resScope, {ids: []})).to.deep.equal([]);
        expect(await reseller.listUsers(resScope, {ids: [mine[0], mine[1]], limit: 1})).to.have.length(1);
        const wanted = await reseller.listUsers(resScope, {ids: [mine[0]], search: 'zz-no-match-zz'});
        expect(wanted).to.deep.equal([]);
        const tooMany = Array.from({length: 101}, (_, i) => `u-${i}`);
        expect((await failure(reseller.listUsers(resScope, {ids: tooMany}))).code).to.equal('invalid-request');
        expect((await failure(reseller.listUsers(resScope, {ids: ['bad id, with comma']}))).code).to.equal('invalid-request');
      });

      it('fx-rates are USD-based and valid', async () => {
        const rates = await customer.fxRates();
        expectValid(FxRatesSchema, rates, 'fx-rates');
        expect(rates.base).to.equal('USD');
        expect(Object.keys(rates.rates).length).to.be.greaterThan(0);
      });
    });
  });
}
