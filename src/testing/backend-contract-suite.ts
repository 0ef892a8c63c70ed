/**
 * The behaviour every {@link Backend} must show, as one mocha suite run against each backend
 * (the embedded one directly, and the HTTP client over the REST adapter): sessions per demo
 * role, tenancy enforcement, paging, delta sync, ETags, idempotent creates and delete rules,
 * lifecycle moves and their impact, the audit log (its entries, paging and scope), and
 * what the customer wizard asks of a backend (duplicates, Microsoft accounts, linkable Azure
 * tenants, reference lists, the fields it writes, and refusals with the same issue paths).
 *
 * It works from the demo world of the embedded backend's seed (`DEMO_USERS`, `DEMO_TENANTS`), and
 * every test that writes makes its own organizations, so tests do not depend on each other's order.
 */
import {expect} from '@open-wc/testing';
import type {Backend, PageResult, Scope} from '../shared/contract/backend.js';
import type {TenantryError} from '../shared/contract/errors.js';
import {validate, type Schema} from '../shared/model/schema.js';
import {
  AccountChangeSchema,
  AccountPageSchema,
  AuditEntrySchema,
  AuditPageSchema,
  CommercePageSchema,
  ConsoleLinkSchema,
  ContractPageSchema,
  DomainAvailabilitySchema,
  LifecycleImpactSchema,
  DuplicateCheckSchema,
  FxRatesSchema,
  LinkableAzureTenantListSchema,
  MicrosoftAccountSchema,
  OrganizationSchema,
  OrganizationSummarySchema,
  ReferenceListsSchema,
  SessionSchema,
  TenantNodeSchema,
  UserSchema,
} from '../shared/model/schemas.js';
import {SERVICE_PLANS, STORAGE_REGIONS, TENANT_TYPES, type Organization, type OrganizationInput, type OrganizationSummary, type Role, type Tombstone} from '../shared/model/types.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import {rejectsWith as failure} from './expect-error.js';
import {fullInput, futureDate, HOSTILE_PATHS, hostileInput} from './organization-inputs.js';
import {inputIssues} from '../shared/contract/server-checks.js';
import {COMMERCE_KINDS, MAX_ACCOUNT_CUSTOMERS, MAX_IMPACT_TENANTS, type AccountPatch, type AccountSummary, NOT_PATCHABLE_FIELDS, type AuditEntry, type Contract, type LifecycleAction, type OrganizationPatch, type TenantKind} from '../shared/model/types.js';
import {LIFECYCLE_MOVES} from '../shared/contract/lifecycle.js';
import {contractOrder} from '../shared/contract/details.js';

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
  // The template's licence may have expired since the demo data's date; a new one may not start expired.
  return {...input, kind: 'customer', parentId: DEMO_TENANTS.reseller, customerOrganizationId: null, status: 'active', name: `${name} ${++created} ${Date.now()}`, licenseExpiresOn: futureDate()};
}

const uniqueKey = (): string => `contract-${crypto.randomUUID()}`;

/** Letters only, so a name built from it folds to itself. */
const token = (): string => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => 'bcdfghjklmnpqrstvwxz'[b % 20]).join('');
const guid = (): string => crypto.randomUUID();

/**
 * A new customer under `resellerId`, built from one of that reseller's own customers (so its users
 * and partner subscription are the reseller's), with no Azure directory of its own.
 */
async function inputUnder(b: Backend, resellerId: string, name: string): Promise<OrganizationInput> {
  const scope = scopeOf(resellerId);
  const sample = (await b.listOrganizations(scope, {limit: 1000})).items.find((o) => o.kind === 'customer' && o.parentId === resellerId)!;
  const {id: _id, ancestorIds: _a, createdAt: _c, updatedAt: _u, version: _v, ...input} = (await b.getOrganization(scope, sample.id)).value;
  return {...input, kind: 'customer', parentId: resellerId, customerOrganizationId: null, status: 'active', name, azureTenants: [], microsoftAccount: {mode: 'skip'}, licenseExpiresOn: futureDate()};
}

/** The paths of a refusal's issues, sorted: what both backends must agree on. */
const pathsOf = (e: TenantryError): string[] => (e.details.issues ?? []).map((i) => i.path).sort();
const byPath = <I extends {path: string}>(issues: readonly I[]): I[] => [...issues].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

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
        // The draft's answer to a key reused with another body: unprocessable, not a conflict a client would wait out.
        expect(reused.code).to.equal('invalid-request');
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

    describe('lifecycle', () => {
      const RES = scopeOf(DEMO_TENANTS.reseller);
      const ALL: LifecycleAction[] = ['suspend', 'resume', 'disable', 'enable', 'archive'];

      it('allowed moves succeed, each with a new version and ETag', async () => {
        let {value: org, etag} = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Lifecycle'), {idempotencyKey: uniqueKey()});
        const path: [LifecycleAction, string][] = [['suspend', 'suspended'], ['resume', 'active'], ['disable', 'inactive'], ['enable', 'active'], ['suspend', 'suspended'], ['archive', 'archived']];
        for (const [action, status] of path) {
          expect(LIFECYCLE_MOVES[org.status].map((m) => m.action), `${action} is offered from ${org.status}`).to.include(action);
          const moved = await reseller.transitionOrganization(RES, org.id, action, {ifMatch: etag});
          expectValid(OrganizationSchema, moved.value, action);
          expect(moved.value.status, action).to.equal(status);
          expect(moved.value.version, action).to.equal(org.version + 1);
          expect(moved.etag, action).to.not.equal(etag);
          const got = await reseller.getOrganization(RES, org.id);
          expect([got.value.status, got.etag]).to.deep.equal([status, moved.etag]);
          ({value: org, etag} = moved);
        }
      });

      it('a move not allowed from the status is a conflict naming both, and changes nothing', async () => {
        const {value: org, etag} = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Refused move'), {idempotencyKey: uniqueKey()});
        for (const [action, message] of [
          ['resume', 'Only a suspended customer can be resumed; this one is active.'],
          ['enable', 'Only an inactive customer can be enabled; this one is active.'],
        ] as const) {
          const e = await failure(reseller.transitionOrganization(RES, org.id, action, {ifMatch: etag}));
          expect(e.code, action).to.equal('conflict');
          expect(e.message, action).to.contain(message);
        }
        const archived = await reseller.transitionOrganization(RES, org.id, 'archive', {ifMatch: etag});
        expect(LIFECYCLE_MOVES.archived).to.deep.equal([]);
        for (const action of ALL) {
          const e = await failure(reseller.transitionOrganization(RES, org.id, action, {ifMatch: archived.etag}));
          expect(e.code, action).to.equal('conflict');
          expect(e.message, action).to.contain('; this one is archived.');
        }
        const e = await failure(reseller.transitionOrganization(RES, org.id, 'suspend', {ifMatch: archived.etag}));
        expect(e.message).to.contain('Only an active customer can be suspended; this one is archived.');
        expect((await reseller.getOrganization(RES, org.id)).value.version, 'nothing changed').to.equal(archived.value.version);
      });

      it('a stale If-Match is a version-conflict; a customer admin may not move, nor anyone the tenant it acts in', async () => {
        const made = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Stale move'), {idempotencyKey: uniqueKey()});
        const renamed = await reseller.updateOrganization(RES, made.value.id, {description: 'Renamed first.'}, {ifMatch: made.etag});
        const e = await failure(reseller.transitionOrganization(RES, made.value.id, 'suspend', {ifMatch: made.etag}));
        expect(e.code).to.equal('version-conflict');
        expect(e.details.currentVersion).to.equal(renamed.value.version);
        expect((await reseller.getOrganization(RES, made.value.id)).value.status).to.equal('active');

        const own = await customer.getOrganization(scopeOf(DEMO_TENANTS.customer), DEMO_TENANTS.customer);
        expect((await failure(customer.transitionOrganization(scopeOf(DEMO_TENANTS.customer), DEMO_TENANTS.customer, 'suspend', {ifMatch: own.etag}))).code).to.equal('forbidden');
        const self = await reseller.getOrganization(RES, DEMO_TENANTS.reseller);
        expect((await failure(reseller.transitionOrganization(RES, DEMO_TENANTS.reseller, 'suspend', {ifMatch: self.etag}))).code).to.equal('forbidden');
        const other = await distributor.getOrganization(scopeOf(DEMO_TENANTS.distributor), DEMO_TENANTS.otherReseller);
        const out = await failure(reseller.transitionOrganization(RES, DEMO_TENANTS.otherReseller, 'suspend', {ifMatch: other.etag}));
        expect(['forbidden', 'not-found']).to.include(out.code);
        expect(out.message).not.to.contain(other.value.name);
      });

      it('the impact of a move counts what lies below, within the scope', async () => {
        // The demo reseller, as its distributor sees it, against what the reseller's own view holds.
        const impact = await distributor.lifecycleImpact(scopeOf(DEMO_TENANTS.distributor), DEMO_TENANTS.reseller, 'suspend');
        expectValid(LifecycleImpactSchema, impact, 'impact');
        const {items} = await listAll(reseller, RES, {limit: 10_000});
        const kinds: Record<TenantKind, number> = {distributor: 0, reseller: 0, 'customer-organization': 0, customer: 0};
        for (const o of items) if (o.id !== DEMO_TENANTS.reseller) kinds[o.kind]++;
        const users = await reseller.listUsers(RES, {limit: 1000});
        expect(users.length).to.be.below(1000);
        expect(impact).to.deep.include({organizationId: DEMO_TENANTS.reseller, action: 'suspend', from: 'active', to: 'suspended', organizationsBelow: kinds, users: users.length});
        expect(impact.linkedAccounts).to.equal(items.reduce((n, o) => n + o.linkedAccountCount, 0));
        expect(impact.scheduledCollections).to.be.within(1, items.length);
        // Per tenant directly below: most organizations first, at most MAX_IMPACT_TENANTS, the rest counted.
        const children = items.filter((o) => o.parentId === DEMO_TENANTS.reseller);
        expect(impact.byTenant.length).to.equal(Math.min(children.length, MAX_IMPACT_TENANTS));
        expect(impact.moreTenants).to.equal(children.length - impact.byTenant.length);
        for (const [i, t] of impact.byTenant.entries()) {
          const child = children.find((c) => c.id === t.id);
          expect(child, t.id).to.not.equal(undefined);
          expect([t.name, t.kind]).to.deep.equal([child!.name, child!.kind]);
          const subtree = items.filter((o) => inTenant(o, t.id));
          expect(t.organizations, t.id).to.equal(subtree.length);
          expect(t.linkedAccounts, t.id).to.equal(subtree.reduce((n, o) => n + o.linkedAccountCount, 0));
          if (i) expect(t.organizations, 'largest first').to.be.at.most(impact.byTenant[i - 1].organizations);
        }
        const listed = new Set(impact.byTenant.map((t) => t.id));
        for (const c of children) if (!listed.has(c.id)) expect(items.filter((o) => inTenant(o, c.id)).length, 'left out').to.be.at.most(impact.byTenant.at(-1)!.organizations);

        // A reseller admin's own customer organization, with one customer below it.
        const base = await newCustomerInput(reseller, 'Impact');
        const off = Object.fromEntries(Object.keys(base.features).map((k) => [k, false])) as unknown as typeof base.features;
        const anchor = (await reseller.createOrganization(RES, {...base, kind: 'customer-organization', name: `${base.name} Group`, features: off}, {idempotencyKey: uniqueKey()})).value;
        const below = (await reseller.createOrganization(RES, {...base, parentId: anchor.id}, {idempotencyKey: uniqueKey()})).value;
        const collects = base.features.security || base.features.operations || base.features.costDetails;
        const mine = await reseller.lifecycleImpact(RES, anchor.id, 'archive');
        expect(mine).to.deep.equal({
          organizationId: anchor.id,
          action: 'archive',
          from: 'active',
          to: 'archived',
          organizationsBelow: {distributor: 0, reseller: 0, 'customer-organization': 0, customer: 1},
          linkedAccounts: anchor.linkedAccountCount + below.linkedAccountCount,
          users: (await reseller.listUsers(scopeOf(anchor.id), {limit: 1000})).length,
          scheduledCollections: collects ? 1 : 0,
          byTenant: [
            {
              id: below.id,
              name: below.name,
              kind: 'customer',
              organizations: 1,
              linkedAccounts: below.linkedAccountCount,
              users: (await reseller.listUsers(scopeOf(below.id), {limit: 1000})).length,
              scheduledCollections: collects ? 1 : 0,
            },
          ],
          moreTenants: 0,
        });
        const refused = await failure(reseller.lifecycleImpact(RES, anchor.id, 'resume'));
        expect(refused.code).to.equal('conflict');
        expect(refused.message).to.contain('Only a suspended customer organization can be resumed; this one is active.');
        const out = await failure(reseller.lifecycleImpact(RES, DEMO_TENANTS.otherReseller, 'suspend'));
        expect(['forbidden', 'not-found']).to.include(out.code);
        expect((await failure(customer.lifecycleImpact(scopeOf(DEMO_TENANTS.customer), DEMO_TENANTS.customer, 'suspend'))).code).to.equal('forbidden');
      });
    });

    describe('customer details', () => {
      const RES = scopeOf(DEMO_TENANTS.reseller);
      const OWN = scopeOf(DEMO_TENANTS.customer);
      const ada = {role: 'primary', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', phone: '', fax: ''} as const;

      /** The newest audit entry about an organization. */
      const lastAudit = async (b: Backend, scope: Scope, orgId: string): Promise<AuditEntry> => (await b.listAuditLog(scope, {organizationId: orgId, limit: 1})).items[0];

      it('adds, changes and removes contacts checked by the wizard’s rules, each a new version in the audit log with the contact’s name', async () => {
        const {value: org, etag} = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Contacts'), {idempotencyKey: uniqueKey()});
        const bad = await failure(reseller.addContact(RES, org.id, {...ada, email: 'ada at example', firstName: ' '}, {ifMatch: etag}));
        expect(bad.code).to.equal('invalid-request');
        expect(pathsOf(bad)).to.deep.equal(['email', 'firstName']);

        const added = await reseller.addContact(RES, org.id, {...ada, role: 'technical'}, {ifMatch: etag});
        expectValid(OrganizationSchema, added.value, 'added');
        expect([added.value.version, added.etag === etag]).to.deep.equal([org.version + 1, false]);
        const contact = added.value.contacts.at(-1)!;
        expect(contact).to.deep.include({role: 'technical', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example'});
        expect(contact.id).to.be.a('string').and.not.equal('');
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({action: 'contact-add', subject: 'Ada Lovelace', fields: ['contacts']});

        const stale = await failure(reseller.addContact(RES, org.id, ada, {ifMatch: etag}));
        expect(stale.code).to.equal('version-conflict');

        const changed = await reseller.updateContact(RES, org.id, contact.id, {...ada, role: 'billing', lastName: 'King'}, {ifMatch: added.etag});
        expect(changed.value.contacts.find((c) => c.id === contact.id)).to.deep.include({role: 'billing', lastName: 'King'});
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({action: 'contact-update', subject: 'Ada King'});

        const removed = await reseller.deleteContact(RES, org.id, contact.id, {ifMatch: changed.etag});
        expect(removed.value.contacts.map((c) => c.id)).not.to.include(contact.id);
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({action: 'contact-delete', subject: 'Ada King'});
        for (const call of [reseller.deleteContact(RES, org.id, contact.id, {ifMatch: removed.etag}), reseller.updateContact(RES, org.id, 'ct-no-such', ada, {ifMatch: removed.etag})]) {
          expect((await failure(call)).code).to.equal('not-found');
        }
        // A customer's own view may change its contacts.
        const own = await customer.getOrganization(OWN, DEMO_TENANTS.customer);
        const mine = await customer.addContact(OWN, DEMO_TENANTS.customer, {...ada, role: 'other'}, {ifMatch: own.etag});
        expect(mine.value.contacts.at(-1)).to.deep.include({role: 'other', email: ada.email});
        const out = await failure(reseller.addContact(RES, DEMO_TENANTS.otherReseller, ada, {ifMatch: '"1"'}));
        expect(['forbidden', 'not-found']).to.include(out.code);
      });

      it('keeps a primary contact: removing the last one, or giving it another role, is a conflict saying what to do', async () => {
        const input = await newCustomerInput(reseller, 'Primary');
        const {value: org, etag} = await reseller.createOrganization(RES, {...input, contacts: [{...ada, id: 'ignored'}, {...ada, role: 'billing', firstName: 'Accounts', lastName: 'Payable', email: 'billing@analytical.example', id: 'ignored-2'}]}, {idempotencyKey: uniqueKey()});
        const primary = org.contacts.find((c) => c.role === 'primary')!;
        for (const call of [reseller.deleteContact(RES, org.id, primary.id, {ifMatch: etag}), reseller.updateContact(RES, org.id, primary.id, {...ada, role: 'technical'}, {ifMatch: etag})]) {
          const e = await failure(call);
          expect(e.code).to.equal('conflict');
          expect(e.message).to.contain('Make another contact primary before removing “Ada Lovelace”');
        }
        expect((await reseller.getOrganization(RES, org.id)).value.version, 'nothing changed').to.equal(org.version);
        const second = await reseller.addContact(RES, org.id, {...ada, firstName: 'Grace', lastName: 'Hopper', email: 'grace@analytical.example'}, {ifMatch: etag});
        const gone = await reseller.deleteContact(RES, org.id, primary.id, {ifMatch: second.etag});
        expect(gone.value.contacts.filter((c) => c.role === 'primary').map((c) => c.firstName)).to.deep.equal(['Grace']);
        const empty = await reseller.createOrganization(RES, {...input, name: `${input.name} no contacts`, contacts: []}, {idempotencyKey: uniqueKey()});
        expect((await failure(reseller.addContact(RES, empty.value.id, {...ada, role: 'billing'}, {ifMatch: empty.etag}))).code).to.equal('conflict');
      });

      it('changes people: users visible from the scope only, no duplicates, the account manager and run-as account set and cleared', async () => {
        const {value: org, etag} = await reseller.createOrganization(RES, {...(await newCustomerInput(reseller, 'People')), readers: []}, {idempotencyKey: uniqueKey()});
        const [u1, u2] = await reseller.listUsers(RES, {limit: 2});
        const theirs = (await otherReseller.listUsers(scopeOf(DEMO_TENANTS.otherReseller), {limit: 1}))[0];
        for (const userId of [theirs.id, 'u-no-such']) {
          const e = await failure(reseller.changePeople(RES, org.id, {role: 'reader', add: [u1.id, userId]}, {ifMatch: etag}));
          expect(e.code, userId).to.equal('invalid-request');
          expect(pathsOf(e), userId).to.deep.equal(['add[1]']);
        }
        const both = await failure(reseller.changePeople(RES, org.id, {role: 'reader', add: [u1.id], remove: [u1.id]}, {ifMatch: etag}));
        expect(both.code).to.equal('invalid-request');

        const added = await reseller.changePeople(RES, org.id, {role: 'reader', add: [u1.id, u2.id, u1.id]}, {ifMatch: etag});
        expect(added.value.readers).to.deep.equal([u1, u2].map((u) => ({id: u.id, displayName: u.displayName})));
        expect(added.value.readerCount).to.equal(2);
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({action: 'people-change', subject: `Readers: added ${u1.displayName}, ${u2.displayName}`, fields: ['readers']});
        const again = await reseller.changePeople(RES, org.id, {role: 'reader', add: [u1.id], remove: [u2.id]}, {ifMatch: added.etag});
        expect(again.value.readers.map((u) => u.id)).to.deep.equal([u1.id]);

        const managed = await reseller.changePeople(RES, org.id, {role: 'account-manager', userId: u2.id}, {ifMatch: again.etag});
        expect(managed.value.accountManager).to.deep.equal({id: u2.id, displayName: u2.displayName});
        const cleared = await reseller.changePeople(RES, org.id, {role: 'account-manager', userId: null}, {ifMatch: managed.etag});
        expect(cleared.value.accountManager).to.equal(null);
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({subject: 'Account manager cleared'});

        const hidden = await failure(reseller.changePeople(RES, org.id, {role: 'run-as', account: 'svc\u202e@evil.example'}, {ifMatch: cleared.etag}));
        expect([hidden.code, pathsOf(hidden)]).to.deep.equal(['invalid-request', ['account']]);
        const long = await failure(reseller.changePeople(RES, org.id, {role: 'run-as', account: 'x'.repeat(257)}, {ifMatch: cleared.etag}));
        expect(pathsOf(long)).to.deep.equal(['account']);
        const runAs = await reseller.changePeople(RES, org.id, {role: 'run-as', account: '  svc-collect@analytical.example '}, {ifMatch: cleared.etag});
        expect(runAs.value.runAsAccount).to.equal('svc-collect@analytical.example');
        if (org.features.security || org.features.operations || org.features.costDetails) {
          const needed = await failure(reseller.changePeople(RES, org.id, {role: 'run-as', account: null}, {ifMatch: runAs.etag}));
          expect(pathsOf(needed)).to.deep.equal(['account']);
        }
        const own = await customer.getOrganization(OWN, DEMO_TENANTS.customer);
        expect((await failure(customer.changePeople(OWN, DEMO_TENANTS.customer, {role: 'reader', remove: [u1.id]}, {ifMatch: own.etag}))).code).to.equal('forbidden');
      });

      it('starts a startable onboarding task that is still to do; any other is a conflict naming it, an unknown one not found', async () => {
        const tasks = [
          {id: 'onb-1', title: 'Connect billing account', state: 'done', startable: false},
          {id: 'onb-2', title: 'Invite tenant admin', state: 'in-progress', startable: true},
          {id: 'onb-3', title: 'Grant collection access', state: 'todo', startable: true},
          {id: 'onb-4', title: 'Review security baseline', state: 'todo', startable: false},
        ] as const;
        const {value: org, etag} = await reseller.createOrganization(RES, {...(await newCustomerInput(reseller, 'Onboarding')), onboardingTasks: tasks.map((t) => ({...t}))}, {idempotencyKey: uniqueKey()});
        expect(org.onboarding).to.deep.equal({done: 1, total: 4});
        const started = await reseller.startOnboardingTask(RES, org.id, 'onb-3', {ifMatch: etag});
        expect(started.value.onboardingTasks.map((t) => t.state)).to.deep.equal(['done', 'in-progress', 'in-progress', 'todo']);
        expect(await lastAudit(reseller, RES, org.id)).to.deep.include({action: 'onboarding-start', subject: 'Grant collection access'});
        for (const [taskId, words] of [['onb-3', '“Grant collection access” cannot be started: it is in progress already.'], ['onb-1', 'it is done'], ['onb-4', '“Review security baseline” cannot be started']] as const) {
          const e = await failure(reseller.startOnboardingTask(RES, org.id, taskId, {ifMatch: started.etag}));
          expect(e.code, taskId).to.equal('conflict');
          expect(e.message, taskId).to.contain(words);
        }
        expect((await failure(reseller.startOnboardingTask(RES, org.id, 'onb-9', {ifMatch: started.etag}))).code).to.equal('not-found');
        expect((await failure(reseller.startOnboardingTask(RES, org.id, 'onb-3', {ifMatch: etag}))).code).to.equal('version-conflict');
        const own = await customer.getOrganization(OWN, DEMO_TENANTS.customer);
        expect((await failure(customer.startOnboardingTask(OWN, DEMO_TENANTS.customer, 'onb-1', {ifMatch: own.etag}))).code).to.equal('forbidden');
      });

      it('lists the scope’s contracts in pages, by end date, with their total and terms; by organization and status too', async () => {
        const {items: visible} = await listAll(reseller, RES, {limit: 10_000});
        const ids = new Set(visible.map((o) => o.id));
        const expected = visible.reduce((n, o) => n + Object.values(o.contractCounts).reduce((m, k) => m + (k ?? 0), 0), 0);
        const all: Contract[] = [];
        let cursor: string | undefined;
        for (let pages = 0; ; pages++) {
          expect(pages, 'the listing ends').to.be.below(1000);
          const page = await reseller.listContracts(RES, {limit: 97, cursor});
          expectValid(ContractPageSchema, page, 'page');
          expect(page.total).to.equal(expected);
          all.push(...page.items);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(all.length).to.equal(expected);
        expect(new Set(all.map((c) => `${c.organizationId}/${c.id}`)).size, 'each once').to.equal(all.length);
        for (const c of all) expect(ids.has(c.organizationId), c.id).to.equal(true);
        for (let i = 1; i < all.length; i++) expect(contractOrder(all[i - 1], all[i]), 'by end date then id').to.be.below(0);
        const active = await reseller.listContracts(RES, {status: 'active', limit: 500});
        expect(active.total).to.equal(all.filter((c) => c.status === 'active').length);
        const one = all[0].organizationId;
        const detail = (await reseller.getOrganization(RES, one)).value;
        const mine = await reseller.listContracts(RES, {organizationId: one});
        expect(mine.items.map((c) => c.id).sort()).to.deep.equal(detail.contracts.map((c) => c.id).sort());
        expect((await reseller.listContracts(RES, {organizationId: one})).items, 'the same terms every time').to.deep.equal(mine.items);
        expect(['forbidden', 'not-found']).to.include((await failure(reseller.listContracts(RES, {organizationId: DEMO_TENANTS.otherReseller}))).code);
        expect((await failure(reseller.listContracts(RES, {cursor: 'garbage'}))).code).to.equal('invalid-request');
        expect((await failure(reseller.listContracts(RES, {status: 'lapsed' as never}))).code).to.equal('invalid-request');
      });

      it('pages a customer’s commerce lists newest first with their totals; visible like the organization; a console link is an https URL', async () => {
        const customers = (await reseller.listOrganizations(RES, {limit: 200})).items.filter((o) => o.kind === 'customer').slice(0, 12);
        let paged = 0;
        for (const kind of COMMERCE_KINDS) {
          for (const o of customers) {
            const items: unknown[] = [];
            let cursor: string | undefined;
            let total = -1;
            for (let pages = 0; ; pages++) {
              expect(pages, 'the listing ends').to.be.below(100);
              const page = await reseller.listCommerce(RES, o.id, kind, {limit: 10, cursor});
              expectValid(CommercePageSchema, page, `${kind} of ${o.id}`);
              expect(page.kind).to.equal(kind);
              total = page.total;
              items.push(...page.items);
              if (!page.nextCursor) break;
              cursor = page.nextCursor;
              paged++;
            }
            expect(items.length, `${kind} of ${o.id}`).to.equal(total);
            const dates = items.map((i) => (i as {purchasedOn?: string; placedOn?: string; issuedOn?: string}).purchasedOn ?? (i as {placedOn?: string}).placedOn ?? (i as {issuedOn?: string}).issuedOn).filter(Boolean) as string[];
            expect(dates, 'newest first').to.deep.equal([...dates].sort().reverse());
          }
        }
        expect(paged, 'some list has more than one page').to.be.greaterThan(0);
        expect((await customer.listCommerce(OWN, DEMO_TENANTS.customer, 'invoices')).kind).to.equal('invoices');
        expect(['forbidden', 'not-found']).to.include((await failure(reseller.listCommerce(RES, DEMO_TENANTS.otherReseller, 'orders'))).code);
        expect((await failure(reseller.listCommerce(RES, DEMO_TENANTS.customer, 'receipts' as never))).code).to.equal('invalid-request');

        const link = await reseller.tenantConsoleLink(RES, DEMO_TENANTS.customer);
        expectValid(ConsoleLinkSchema, link, 'link');
        expect(link!.url).to.match(/^https:\/\/[^/]+\//);
        expect(await reseller.tenantConsoleLink(RES, DEMO_TENANTS.reseller)).to.equal(null);
        expect(['forbidden', 'not-found']).to.include((await failure(reseller.tenantConsoleLink(RES, DEMO_TENANTS.otherReseller))).code);
      });
    });

    describe('accounts', () => {
      const RES = scopeOf(DEMO_TENANTS.reseller);
      const OWN = scopeOf(DEMO_TENANTS.customer);

      /** Every account of a listing, page by page. */
      async function allAccounts(b: Backend, scope: Scope, options: {limit?: number; updatedSince?: string} = {}): Promise<{items: AccountSummary[]; asOf: string}> {
        const items: AccountSummary[] = [];
        let cursor: string | undefined;
        let asOf = '';
        for (let pages = 0; ; pages++) {
          expect(pages, 'the listing ends').to.be.below(1000);
          const page = await b.listAccounts(scope, {...options, cursor});
          expectValid(AccountPageSchema, page, 'page');
          items.push(...page.items);
          asOf ||= page.asOf;
          if (!page.nextCursor) return {items, asOf};
          cursor = page.nextCursor;
        }
      }

      it('lists each account once with the customers the scope sees, in pages; a customer sees only its own', async () => {
        const {items: orgs} = await listAll(reseller, RES, {limit: 10_000});
        const {items} = await allAccounts(reseller, RES, {limit: 13});
        expect(new Set(items.map((a) => a.id)).size, 'each once').to.equal(items.length);
        expect(items.reduce((n, a) => n + a.customerCount, 0), 'every assignment counted').to.equal(orgs.reduce((n, o) => n + o.linkedAccountCount, 0));
        const visible = new Set(orgs.map((o) => o.id));
        for (const a of items) {
          expect(a.customers.length, a.id).to.equal(Math.min(a.customerCount, MAX_ACCOUNT_CUSTOMERS));
          for (const c of a.customers) expect(visible.has(c.id), a.id).to.equal(true);
        }
        const own = await allAccounts(customer, OWN);
        for (const a of own.items) expect(a.customers.map((c) => c.id)).to.deep.equal([DEMO_TENANTS.customer]);
        const theirs = await allAccounts(otherReseller, scopeOf(DEMO_TENANTS.otherReseller));
        const mine = new Set(items.map((a) => a.id));
        for (const a of theirs.items) expect(mine.has(a.id), a.id).to.equal(false);
      });

      it('assigns a shared account to a second customer and takes it off again, each with a new ETag; a dedicated one serves one customer', async () => {
        const base = await newCustomerInput(reseller, 'Accounts');
        const holder = (await reseller.createOrganization(RES, {...base, linkedAccounts: [{id: `acct-${token()}`, name: 'Shared payer', provider: 'aws', type: 'shared', autoCustomer: false, autoAssigned: false, excludeRule: ''}, {id: `acct-${token()}`, name: 'Dedicated billing', provider: 'azure', type: 'dedicated', autoCustomer: false, autoAssigned: true, excludeRule: 'name:*-sandbox'}]}, {idempotencyKey: uniqueKey()})).value;
        const other = (await reseller.createOrganization(RES, {...base, name: `${base.name} second`, linkedAccounts: []}, {idempotencyKey: uniqueKey()})).value;
        const since = (await reseller.listAccounts(RES, {limit: 1})).asOf;
        const find = async (id: string) => (await allAccounts(reseller, RES)).items.find((a) => a.id === id)!;
        const [shared, dedicated] = holder.linkedAccounts;
        const before = await find(shared.id);
        expect(before).to.deep.include({customerCount: 1, type: 'shared', provider: 'aws'});
        expect(before.providerAccountId).to.be.a('string').and.not.equal('');

        expect((await failure(reseller.assignAccount(RES, shared.id, other.id, {ifMatch: '"stale"'}))).code).to.equal('version-conflict');
        const renamed = await reseller.updateAccount(RES, shared.id, {name: 'Shared payer (EU)'}, {ifMatch: before.etag});
        expectValid(AccountChangeSchema, renamed, 'change');
        expect(renamed.account.name).to.equal('Shared payer (EU)');
        expect(renamed.organizations.map((o) => o.id)).to.deep.equal([holder.id]);
        const assigned = await reseller.assignAccount(RES, shared.id, other.id, {ifMatch: renamed.etag});
        expect(assigned.account.customerCount).to.equal(2);
        expect(assigned.account.etag).to.equal(assigned.etag);
        expect(assigned.account.customers.map((c) => c.id).sort()).to.deep.equal([holder.id, other.id].sort());
        expect(assigned.organizations[0]).to.deep.include({id: other.id, linkedAccountCount: 1});
        expect((await reseller.getOrganization(RES, other.id)).value.linkedAccounts.map((a) => a.name)).to.deep.equal(['Shared payer (EU)']);
        expect((await failure(reseller.assignAccount(RES, shared.id, other.id, {ifMatch: renamed.etag}))).code, 'stale').to.equal('version-conflict');
        expect((await failure(reseller.assignAccount(RES, shared.id, other.id, {ifMatch: assigned.etag}))).code, 'already').to.equal('conflict');
        const serving = await failure(reseller.updateAccount(RES, shared.id, {type: 'dedicated'}, {ifMatch: assigned.etag}));
        expect(serving.code, 'dedicated while it serves two').to.equal('conflict');
        expect(serving.message).to.contain('2 customers');
        const audit = (await reseller.listAuditLog(RES, {organizationId: other.id, limit: 1})).items[0];
        expect(audit).to.deep.include({action: 'update', fields: ['linkedAccounts'], subject: 'Linked account “Shared payer (EU)” assigned'});

        const delta = await allAccounts(reseller, RES, {updatedSince: since});
        expect(delta.items.map((a) => a.id)).to.include(shared.id);
        const off = await reseller.unassignAccount(RES, shared.id, holder.id, {ifMatch: assigned.etag});
        expect(off.account.customers.map((c) => c.id)).to.deep.equal([other.id]);
        expect((await failure(reseller.unassignAccount(RES, shared.id, holder.id, {ifMatch: off.etag}))).code).to.equal('conflict');

        const ded = await find(dedicated.id);
        const taken = await failure(reseller.assignAccount(RES, dedicated.id, other.id, {ifMatch: ded.etag}));
        expect(taken.code).to.equal('conflict');
        expect(taken.message).to.contain('dedicated');
        const bad = await failure(reseller.updateAccount(RES, dedicated.id, {autoCustomer: true, name: ' '}, {ifMatch: ded.etag}));
        expect([bad.code, pathsOf(bad)]).to.deep.equal(['invalid-request', ['autoCustomer', 'name']]);
        const reseller_ = await failure(reseller.assignAccount(RES, dedicated.id, DEMO_TENANTS.reseller, {ifMatch: ded.etag}));
        expect(reseller_.code, 'a reseller takes no account').to.be.oneOf(['invalid-request', 'conflict']);

        // Made shared, the dedicated one stops assigning sub-accounts (its rule cleared); made dedicated again, it creates no customers.
        const madeShared = await reseller.updateAccount(RES, dedicated.id, {type: 'shared', autoCustomer: true}, {ifMatch: ded.etag});
        expect(madeShared.account).to.deep.include({type: 'shared', autoCustomer: true, autoAssigned: false, excludeRule: ''});
        expect((await reseller.getOrganization(RES, holder.id)).value.linkedAccounts.find((a) => a.id === dedicated.id)).to.deep.include({type: 'shared', autoAssigned: false, excludeRule: ''});
        const mixed = await failure(reseller.updateAccount(RES, dedicated.id, {type: 'dedicated', autoCustomer: true}, {ifMatch: madeShared.etag}));
        expect([mixed.code, pathsOf(mixed)]).to.deep.equal(['invalid-request', ['autoCustomer']]);
        const back = await reseller.updateAccount(RES, dedicated.id, {type: 'dedicated', autoAssigned: true}, {ifMatch: madeShared.etag});
        expect(back.account).to.deep.include({type: 'dedicated', autoCustomer: false, autoAssigned: true});
        expect((await failure(reseller.updateAccount(RES, dedicated.id, {type: 'bespoke'} as unknown as AccountPatch, {ifMatch: back.etag}))).code).to.equal('invalid-request');
        const own = await allAccounts(customer, OWN);
        if (own.items[0]) expect((await failure(customer.updateAccount(OWN, own.items[0].id, {name: 'Mine'}, {ifMatch: '"x"'}))).code).to.equal('forbidden');
      });
    });

    describe('audit log', () => {
      const RES = scopeOf(DEMO_TENANTS.reseller);
      const OTHER = scopeOf(DEMO_TENANTS.otherReseller);
      const DIST = scopeOf(DEMO_TENANTS.distributor);

      /** Every entry of a query, page by page. */
      async function allEntries(b: Backend, scope: Scope, query: {organizationId?: string; limit?: number; actorId?: string} = {}): Promise<AuditEntry[]> {
        const out: AuditEntry[] = [];
        let cursor: string | undefined;
        for (let pages = 0; ; pages++) {
          if (pages > 1000) throw new Error('audit listing did not end');
          const page = await b.listAuditLog(scope, {...query, cursor});
          expectValid(AuditPageSchema, page, 'page');
          out.push(...page.items);
          if (!page.nextCursor) return out;
          cursor = page.nextCursor;
        }
      }

      it('records create, update, move and delete, with who, where and which fields, newest first and in pages', async () => {
        const me = (await reseller.session()).user;
        const made = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Audited'), {idempotencyKey: uniqueKey()});
        const updated = await reseller.updateOrganization(RES, made.value.id, {description: 'Audited change.', domain: 'audited.example'}, {ifMatch: made.etag});
        const suspended = await reseller.transitionOrganization(RES, made.value.id, 'suspend', {ifMatch: updated.etag});
        await reseller.deleteOrganization(RES, made.value.id, {ifMatch: suspended.etag});

        const page = await reseller.listAuditLog(RES, {organizationId: made.value.id});
        expect(page.nextCursor).to.equal(null);
        for (const e of page.items) expectValid(AuditEntrySchema, e, e.id);
        expect(page.items.map((e) => [e.action, e.fields])).to.deep.equal([
          ['delete', undefined],
          ['suspend', ['status']],
          ['update', ['description', 'domain']],
          ['create', undefined],
        ]);
        for (const e of page.items) {
          expect(e).to.deep.include({actorId: me.id, actorName: me.displayName, actingTenantId: DEMO_TENANTS.reseller, organizationId: made.value.id, organizationName: made.value.name});
        }
        const times = page.items.map((e) => e.at);
        expect([...times].sort().reverse(), 'newest first').to.deep.equal(times);
        expect(page.items.find((e) => e.action === 'create')!.at).to.equal(made.value.createdAt);
        expect(page.items.find((e) => e.action === 'suspend')!.at).to.equal(suspended.value.updatedAt);

        // One at a time, the same entries in the same order.
        const paged = await allEntries(reseller, RES, {organizationId: made.value.id, limit: 1});
        expect(paged.map((e) => e.id)).to.deep.equal(page.items.map((e) => e.id));
        // The newest of the whole log are these, and filters combine.
        expect((await reseller.listAuditLog(RES, {limit: 4})).items.map((e) => e.id)).to.deep.equal(page.items.map((e) => e.id));
        expect((await reseller.listAuditLog(RES, {organizationId: made.value.id, action: 'suspend'})).items.map((e) => e.id)).to.deep.equal([page.items[1].id]);
        expect((await reseller.listAuditLog(RES, {organizationId: made.value.id, actorId: DEMO_USERS.distributorAdmin})).items).to.deep.equal([]);
        // The distributor sees the reseller's entries too.
        expect((await distributor.listAuditLog(DIST, {organizationId: made.value.id})).items).to.deep.equal(page.items);

        for (const query of [{limit: 0}, {limit: 501}, {cursor: 'garbage'}, {action: 'rename' as never}]) {
          expect((await failure(reseller.listAuditLog(RES, query))).code, JSON.stringify(query)).to.equal('invalid-request');
        }
      });

      it('is scoped: a reseller never lists entries about another reseller’s organizations, whoever made them', async () => {
        const mine = await reseller.createOrganization(RES, await newCustomerInput(reseller, 'Audit scope'), {idempotencyKey: uniqueKey()});
        const theirs = (await otherReseller.listOrganizations(OTHER, {limit: 1000})).items.find((o) => o.kind === 'customer')!;
        const got = await distributor.getOrganization(DIST, theirs.id);
        await distributor.updateOrganization(DIST, theirs.id, {description: `${got.value.description} Checked.`}, {ifMatch: got.etag});

        const seenByOther = await allEntries(otherReseller, OTHER, {limit: 500});
        expect(seenByOther.map((e) => e.organizationId)).to.include(theirs.id);
        expect(seenByOther.map((e) => e.organizationId)).not.to.include(mine.value.id);
        const otherIds = new Set((await listAll(otherReseller, OTHER, {limit: 10_000})).items.map((o) => o.id));
        const seenByMe = await allEntries(reseller, RES, {limit: 500});
        expect(seenByMe.map((e) => e.organizationId)).to.include(mine.value.id);
        for (const e of seenByMe) expect(otherIds.has(e.organizationId), e.organizationId).to.equal(false);
        expect((await reseller.listAuditLog(RES, {organizationId: theirs.id})).items).to.deep.equal([]);
        expect((await reseller.listAuditLog(RES, {actorId: DEMO_USERS.distributorAdmin})).items.map((e) => e.organizationId)).not.to.include(theirs.id);
        const out = await failure(reseller.listAuditLog(OTHER));
        expect(['forbidden', 'not-found']).to.include(out.code);
        const distributorSees = await distributor.listAuditLog(DIST, {organizationId: theirs.id, actorId: DEMO_USERS.distributorAdmin});
        expect(distributorSees.items[0]).to.deep.include({action: 'update', fields: ['description'], actingTenantId: DEMO_TENANTS.distributor});
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

    describe('customer wizard', () => {
      const RES = scopeOf(DEMO_TENANTS.reseller);
      const OTHER = scopeOf(DEMO_TENANTS.otherReseller);
      const DIST = scopeOf(DEMO_TENANTS.distributor);

      describe('duplicate check', () => {
        let secret: Organization;
        let word: string;
        let directory: string;
        before(async () => {
          // An organization only the other reseller (and the distributor) may see.
          word = token();
          directory = guid();
          const input = await inputUnder(otherReseller, DEMO_TENANTS.otherReseller, `Crème Brûlée ${word} Bakery Ltd.`);
          const made = await otherReseller.createOrganization(
            OTHER,
            {...input, domain: `${word}-bakery.example`, azureTenants: [{tenantId: directory, name: `${word} Bakery`, domain: `${word}bakery.onmicrosoft.com`, subscriptions: []}]},
            {idempotencyKey: uniqueKey()},
          );
          secret = made.value;
        });

        it('finds a visible organization by folded name, exact domain and tenant ID, saying what matched', async () => {
          const byName = await distributor.findDuplicates(DIST, {name: `  CREME-BRULEE ${word.toUpperCase()}  bakery GmbH`});
          expectValid(DuplicateCheckSchema, byName, 'duplicates');
          expect(byName.hiddenCount).to.equal(0);
          const hit = byName.matches.find((m) => m.id === secret.id);
          expect(hit, 'matched by name').to.deep.include({name: secret.name, domain: secret.domain, kind: 'customer', status: 'active', matchedOn: ['name']});
          const otherName = (await distributor.getOrganization(DIST, DEMO_TENANTS.otherReseller)).value.name;
          expect(hit!.parentName).to.equal(otherName);

          const close = await distributor.findDuplicates(DIST, {name: `Creme Brulee ${word} Bakrey`});
          expect(close.matches.map((m) => m.id), 'one typo (two letters swapped)').to.include(secret.id);
          const far = await distributor.findDuplicates(DIST, {name: `Creme Brulee ${word} Bagels`});
          expect(far.matches.map((m) => m.id), 'another name').not.to.include(secret.id);

          const byDomain = await distributor.findDuplicates(DIST, {domain: `WWW.${word.toUpperCase()}-Bakery.example.`});
          expect(byDomain.matches.filter((m) => m.id === secret.id).map((m) => m.matchedOn)).to.deep.equal([['domain']]);
          const byTenant = await distributor.findDuplicates(DIST, {tenantId: directory.toUpperCase()});
          expect(byTenant.matches.map((m) => [m.id, m.matchedOn])).to.deep.equal([[secret.id, ['tenantId']]]);
          const all = await distributor.findDuplicates(DIST, {name: secret.name, domain: secret.domain, tenantId: directory});
          expect(all.matches[0].id, 'the closest first').to.equal(secret.id);
          expect(all.matches[0].matchedOn).to.deep.equal(['name', 'domain', 'tenantId']);

          const edited = await distributor.findDuplicates(DIST, {name: secret.name, excludeId: secret.id});
          expect(edited.matches.map((m) => m.id), 'the organization being edited is left out').not.to.include(secret.id);
          const own = await otherReseller.findDuplicates(OTHER, {domain: secret.domain});
          expect(own.matches.map((m) => m.id)).to.deep.equal([secret.id]);
        });

        it('only counts matches the caller may not see: no name, id or domain of theirs comes back', async () => {
          for (const query of [{name: `creme brulee ${word} bakery`}, {domain: secret.domain}, {tenantId: directory}, {name: secret.name, domain: secret.domain, tenantId: directory}]) {
            const result = await reseller.findDuplicates(RES, query);
            expectValid(DuplicateCheckSchema, result, 'duplicates');
            expect(result.hiddenCount, JSON.stringify(query)).to.equal(1);
            expect(result.matches.map((m) => m.id)).not.to.include(secret.id);
            const text = JSON.stringify(result);
            for (const leak of [secret.id, secret.name, word, directory, DEMO_TENANTS.otherReseller]) expect(text, leak).not.to.contain(leak);
          }
          // Asking to leave out an organization out of sight changes nothing: it would tell that it matched.
          expect((await reseller.findDuplicates(RES, {domain: secret.domain, excludeId: secret.id})).hiddenCount).to.equal(1);
        });

        it('refuses a query with nothing to look for or a malformed part, a customer’s view, and a scope out of reach', async () => {
          const cases: [Parameters<Backend['findDuplicates']>[1], string][] = [
            [{}, '(root)'],
            [{name: '   ', domain: ''}, '(root)'],
            [{name: '!!!'}, 'name'],
            [{domain: 'not a domain'}, 'domain'],
            [{tenantId: 'not-a-guid'}, 'tenantId'],
          ];
          for (const [query, path] of cases) {
            const e = await failure(reseller.findDuplicates(RES, query));
            expect(e.code, JSON.stringify(query)).to.equal('invalid-request');
            expect(pathsOf(e)).to.deep.equal([path]);
          }
          expect((await failure(customer.findDuplicates(scopeOf(DEMO_TENANTS.customer), {name: 'Anything'}))).code).to.equal('forbidden');
          const e = await failure(reseller.findDuplicates(OTHER, {name: secret.name}));
          expect(['forbidden', 'not-found']).to.include(e.code);
          expect(e.message).not.to.contain(secret.name);
        });
      });

      describe('Microsoft accounts', () => {
        it('finds the account that verified a domain, case-insensitively, and nothing of the organization using it', async () => {
          const demo = await reseller.lookupMicrosoftAccount(RES, 'Fabrikam.EXAMPLE');
          expectValid(MicrosoftAccountSchema, demo, 'account');
          expect(demo!.name).to.equal('Fabrikam');
          expect(demo!.verifiedDomains).to.include('fabrikam.example').and.include(demo!.primaryDomain);

          const own = (await reseller.getOrganization(RES, DEMO_TENANTS.customer)).value;
          const found = await reseller.lookupMicrosoftAccount(RES, own.domain.toUpperCase());
          expectValid(MicrosoftAccountSchema, found, 'account');
          expect(found!.tenantId).to.equal(own.tenants[0].tenantId);
          expect(found!.verifiedDomains).to.include(own.domain);
          expect(JSON.stringify(found)).not.to.contain(own.id);

          expect(await reseller.lookupMicrosoftAccount(RES, `${token()}.example`)).to.equal(null);
          const e = await failure(reseller.lookupMicrosoftAccount(RES, 'not a domain'));
          expect(e.code).to.equal('invalid-request');
          expect(pathsOf(e)).to.deep.equal(['domain']);
        });

        it('says whether an .onmicrosoft.com name is free: letters and digits, 1–27, not taken', async () => {
          const free = await reseller.checkMicrosoftDomain(RES, `zq${token()}7`);
          expectValid(DomainAvailabilitySchema, free, 'availability');
          expect(free).to.deep.equal({available: true});
          for (const prefix of ['fabrikam', 'FABRIKAM', 'fabrikam.onmicrosoft.com', '', 'has-hyphen', 'dots.inside', 'crème', 'a'.repeat(28)]) {
            const answer = await reseller.checkMicrosoftDomain(RES, prefix);
            expectValid(DomainAvailabilitySchema, answer, prefix);
            expect(answer.available, prefix).to.equal(false);
            expect(answer.reason, prefix).to.be.a('string').and.not.equal('');
          }
          expect((await reseller.checkMicrosoftDomain(RES, 'a'.repeat(27))).available).to.equal(true);
          expect((await failure(reseller.checkMicrosoftDomain(RES, 'x'.repeat(101)))).code).to.equal('invalid-request');
        });

        it('a name chosen for a new account is taken from then on, and a second create with it is refused', async () => {
          const prefix = `new${token()}`;
          const input = await newCustomerInput(reseller, 'New account');
          const microsoftAccount = {mode: 'new' as const, domain: `${prefix}.onmicrosoft.com`, companyRegistrationId: 'HRB 1234', qualification: 'commercial' as const};
          await reseller.createOrganization(RES, {...input, microsoftAccount}, {idempotencyKey: uniqueKey()});
          expect((await reseller.checkMicrosoftDomain(RES, prefix.toUpperCase())).available).to.equal(false);
          expect((await otherReseller.checkMicrosoftDomain(OTHER, prefix)).available, 'taken for everyone').to.equal(false);
          const again = await failure(reseller.createOrganization(RES, {...input, name: `${input.name} 2`, microsoftAccount}, {idempotencyKey: uniqueKey()}));
          expect(again.code).to.equal('invalid-request');
          expect(pathsOf(again)).to.deep.equal(['microsoftAccount.domain']);
        });
      });

      describe('linkable Azure tenants', () => {
        it('lists the partner’s own directories with free subscriptions; a linked subscription leaves the list', async () => {
          const mine = await reseller.listLinkableAzureTenants(RES);
          expectValid(LinkableAzureTenantListSchema, {items: mine}, 'tenants');
          expect(mine.length).to.be.greaterThan(0);
          const theirs = await otherReseller.listLinkableAzureTenants(OTHER);
          const theirIds = new Set(theirs.map((t) => t.tenantId));
          for (const t of mine) expect(theirIds.has(t.tenantId), 'another reseller’s directory').to.equal(false);
          const all = new Set((await distributor.listLinkableAzureTenants(DIST)).map((t) => t.tenantId));
          for (const t of [...mine, ...theirs]) expect(all.has(t.tenantId)).to.equal(true);

          const tenant = mine.find((t) => t.subscriptions.length)!;
          const sub = tenant.subscriptions[0];
          const input = await newCustomerInput(reseller, 'Linked');
          const azureTenants = [{tenantId: tenant.tenantId, name: tenant.name, domain: tenant.domain, subscriptions: [{id: sub.id, name: sub.name, monitored: true}]}];
          const made = await reseller.createOrganization(RES, {...input, azureTenants}, {idempotencyKey: uniqueKey()});
          expect(made.value.tenants.map((t) => t.tenantId)).to.deep.equal([tenant.tenantId]);
          for (const [b, scope] of [[reseller, RES], [distributor, DIST]] as const) {
            const subs = (await b.listLinkableAzureTenants(scope)).flatMap((t) => t.subscriptions.map((s) => s.id));
            expect(subs).not.to.include(sub.id);
          }
          // Its directory is now found by tenant ID, like any organization's.
          expect((await reseller.findDuplicates(RES, {tenantId: tenant.tenantId})).matches.map((m) => m.id)).to.include(made.value.id);
        });

        it('is refused in a customer’s view', async () => {
          expect((await failure(customer.listLinkableAzureTenants(scopeOf(DEMO_TENANTS.customer)))).code).to.equal('forbidden');
        });
      });

      describe('reference lists', () => {
        it('offer the model’s values with labels, and the partner’s own subscriptions only', async () => {
          const lists = await reseller.referenceLists(RES);
          expectValid(ReferenceListsSchema, lists, 'lists');
          expect(lists.servicePlans.map((o) => o.value)).to.deep.equal([...SERVICE_PLANS]);
          expect(lists.storageRegions.map((o) => o.value)).to.deep.equal([...STORAGE_REGIONS]);
          expect(lists.tenantTypes.map((o) => o.value)).to.deep.equal([...TENANT_TYPES]);
          for (const o of [...lists.servicePlans, ...lists.storageRegions, ...lists.tenantTypes, ...lists.customerTypes]) expect(o.label).to.be.a('string').and.not.equal('');
          const own = (await reseller.getOrganization(RES, DEMO_TENANTS.customer)).value;
          expect(lists.customerTypes.map((o) => o.value)).to.include(own.customerType);
          expect(lists.partnerSubscriptions.map((o) => o.value)).to.include(own.billing!.partnerSubscription);

          const theirs = await otherReseller.referenceLists(OTHER);
          const mine = new Set(lists.partnerSubscriptions.map((o) => o.value));
          expect(theirs.partnerSubscriptions.length).to.be.greaterThan(0);
          for (const o of theirs.partnerSubscriptions) expect(mine.has(o.value), 'another partner’s subscription').to.equal(false);
          // Below a reseller, the reseller bills: the distributor gets the reseller's list for a customer it enters there.
          expect(await distributor.referenceLists(DIST, {parentId: DEMO_TENANTS.reseller})).to.deep.equal(lists);
          expect((await customer.referenceLists(scopeOf(DEMO_TENANTS.customer))).partnerSubscriptions).to.deep.equal([]);
          const e = await failure(reseller.referenceLists(RES, {parentId: DEMO_TENANTS.otherReseller}));
          expect(['forbidden', 'not-found']).to.include(e.code);
        });
      });

      describe('what the wizard writes', () => {
        it('keeps the admin user, tenant admins, Microsoft account, partner subscription and time zone', async () => {
          const input = await newCustomerInput(reseller, 'Wizard');
          const lists = await reseller.referenceLists(RES);
          const tenantAdmin = (await reseller.listUsers(RES, {ids: [DEMO_USERS.resellerAdmin]}))[0];
          const prefix = `wiz${token()}`;
          const made = await reseller.createOrganization(
            RES,
            {
              ...input,
              admin: null,
              adminUser: {firstName: 'Ada', lastName: 'Lovelace', loginEmail: `ada@${prefix}.example`, displayName: '', communicationEmail: ''},
              tenantAdmins: [{id: tenantAdmin.id, displayName: 'stale name'}],
              microsoftAccount: {mode: 'new', domain: `${prefix}.onmicrosoft.com`, companyRegistrationId: '', qualification: 'education', educationSegment: 'higher-education', website: `https://${prefix}.example/`},
              billing: {...input.billing!, partnerSubscription: lists.partnerSubscriptions[1].value},
              schedules: {...input.schedules, timeZone: 'Europe/Berlin'},
            },
            {idempotencyKey: uniqueKey()},
          );
          const got = await reseller.getOrganization(RES, made.value.id);
          expectValid(OrganizationSchema, got.value, 'organization');
          const org = got.value;
          expect(org.adminUser).to.deep.equal({firstName: 'Ada', lastName: 'Lovelace', loginEmail: `ada@${prefix}.example`, displayName: 'Ada Lovelace', communicationEmail: ''});
          expect(org.admin?.displayName, 'the admin user is the first admin').to.equal('Ada Lovelace');
          expect(org.tenantAdmins).to.deep.equal([{id: tenantAdmin.id, displayName: tenantAdmin.displayName}]);
          expect(org.microsoftAccount).to.deep.include({mode: 'new', domain: `${prefix}.onmicrosoft.com`, qualification: 'education'});
          expect(org.billing!.partnerSubscription).to.equal(lists.partnerSubscriptions[1].value);
          expect(org.schedules.timeZone).to.equal('Europe/Berlin');

          // A client that sends billing or schedules without the newer fields keeps them as stored.
          const {partnerSubscription: _p, ...oldBilling} = org.billing!;
          const {timeZone: _t, ...oldSchedules} = org.schedules;
          const kept = await reseller.updateOrganization(RES, org.id, {billing: {...oldBilling, billTo: 'Finance'} as never, schedules: {...oldSchedules, cost: '0 3 * * *'} as never}, {ifMatch: got.etag});
          expect(kept.value.billing).to.deep.include({billTo: 'Finance', partnerSubscription: lists.partnerSubscriptions[1].value});
          expect(kept.value.schedules).to.deep.include({cost: '0 3 * * *', timeZone: 'Europe/Berlin'});

          const renamed = await reseller.updateOrganization(RES, org.id, {adminUser: {...org.adminUser!, displayName: 'Countess Ada'}}, {ifMatch: kept.etag});
          expect(renamed.value.adminUser!.displayName).to.equal('Countess Ada');
          for (const adminUser of [{...org.adminUser!, loginEmail: `other@${prefix}.example`}, null]) {
            const e = await failure(reseller.updateOrganization(RES, org.id, {adminUser}, {ifMatch: renamed.etag}));
            expect(e.code).to.equal('invalid-request');
            expect(pathsOf(e)).to.deep.equal(['adminUser.loginEmail']);
            expect(e.message).to.contain('adminUser.loginEmail');
          }
          const anchored = await failure(reseller.updateOrganization(RES, org.id, {customerOrganizationId: 'grp-01-1'} as never, {ifMatch: renamed.etag}));
          expect(anchored.code).to.equal('invalid-request');
          expect(pathsOf(anchored)).to.deep.equal(['customerOrganizationId']);
          expect((await reseller.getOrganization(RES, org.id)).value.adminUser!.loginEmail).to.equal(`ada@${prefix}.example`);
        });

        it('reads an organization created without the newer fields with their defaults', async () => {
          const {adminUser: _a, tenantAdmins: _t, microsoftAccount: _m, ...older} = await newCustomerInput(reseller, 'Older client');
          const {partnerSubscription: _p, ...billing} = older.billing!;
          const {timeZone: _z, ...schedules} = older.schedules;
          const made = await reseller.createOrganization(RES, {...older, billing, schedules} as never, {idempotencyKey: uniqueKey()});
          const org = (await reseller.getOrganization(RES, made.value.id)).value;
          expect([org.adminUser, org.tenantAdmins, org.microsoftAccount, org.billing!.partnerSubscription, org.schedules.timeZone]).to.deep.equal([null, [], null, null, 'UTC']);
        });

        it('accepts a create with every field the wizard checks filled in, and keeps what was entered', async () => {
          const full = fullInput(await newCustomerInput(reseller, 'Full'), `full${token()}`);
          const made = await reseller.createOrganization(RES, full, {idempotencyKey: uniqueKey()});
          const org = (await reseller.getOrganization(RES, made.value.id)).value;
          expectValid(OrganizationSchema, org, 'organization');
          for (const field of ['description', 'domain', 'customLinks', 'companyAddress', 'billing', 'contacts', 'runAsAccount', 'microsoftAccount', 'features', 'creditQuota', 'licenseExpiresOn', 'schedules', 'notifications', 'salesReps'] as const) {
            expect(org[field], field).to.deep.equal(full[field]);
          }
        });

        it('refuses a hostile create at the same fields with the same words, those of the shared checks, and a hostile change alike', async () => {
          const input = await newCustomerInput(reseller, 'Hostile');
          const hostile = hostileInput(fullInput(input, `hostile${token()}`));
          const e = await failure(reseller.createOrganization(RES, hostile, {idempotencyKey: uniqueKey()}));
          expect(e.code).to.equal('invalid-request');
          expect(pathsOf(e)).to.deep.equal(HOSTILE_PATHS);
          expect(byPath(e.details.issues!)).to.deep.equal(byPath(await inputIssues(hostile)));

          const {value: org, etag} = await reseller.createOrganization(RES, input, {idempotencyKey: uniqueKey()});
          const patch: Record<string, unknown> = {...hostile};
          // The admin user's login is fixed once set: a change of it is refused on its own, before any rule.
          for (const k of [...NOT_PATCHABLE_FIELDS, 'adminUser']) delete patch[k];
          const change = await failure(reseller.updateOrganization(RES, org.id, patch as OrganizationPatch, {ifMatch: etag}));
          expect(change.code).to.equal('invalid-request');
          expect(pathsOf(change)).to.deep.equal(HOSTILE_PATHS.filter((p) => !p.startsWith('adminUser.')));
          expect((await reseller.getOrganization(RES, org.id)).value.version, 'nothing changed').to.equal(org.version);
        });

        it('accepts a generated organization sent back whole, or with one field changed', async () => {
          const rows = (await reseller.listOrganizations(RES, {limit: 200})).items.filter((o) => o.kind === 'customer' && o.id !== DEMO_TENANTS.customer).slice(0, 5);
          expect(rows.length).to.equal(5);
          for (const row of rows) {
            const {value, etag} = await reseller.getOrganization(RES, row.id);
            const whole: Record<string, unknown> = {...value};
            for (const k of NOT_PATCHABLE_FIELDS) delete whole[k];
            const same = await reseller.updateOrganization(RES, row.id, whole as OrganizationPatch, {ifMatch: etag});
            const renamed = await reseller.updateOrganization(RES, row.id, {description: `${value.description} Reviewed.`}, {ifMatch: same.etag});
            expect(renamed.value.description).to.equal(`${value.description} Reviewed.`);
          }
        });

        it('refuses a structurally wrong organization with an issue at every field at fault, on create and on change', async () => {
          const input = await newCustomerInput(reseller, 'Broken');
          const broken: OrganizationInput = {
            ...input,
            name: '   ',
            customLinks: [
              {title: 'Script', url: 'javascript:alert(1)'},
              {title: 'Relative', url: '/portal'},
              {title: 'No host', url: 'https:///portal'},
              {title: 'Fine', url: 'https://portal.example/'},
            ],
            notifications: {...input.notifications, emails: ['ops@fine.example', 'it@fine.example', 'not-an-email']},
            contacts: [{...input.contacts[0], email: 'broken@'}, ...input.contacts.slice(1)],
            salesReps: [],
            creditQuota: {credits: 500, effectiveOn: '2027-01-10', endsOn: '2027-01-01'},
            licenseExpiresOn: '2027-02-30',
            schedules: {...input.schedules, timeZone: 'Mars/Olympus_Mons'},
            adminUser: {firstName: 'Ada', lastName: ' ', loginEmail: 'ada at example', displayName: '', communicationEmail: 'also wrong'},
            microsoftAccount: {mode: 'new', domain: `edu${token()}.onmicrosoft.com`, companyRegistrationId: '', qualification: 'education'},
          };
          const e = await failure(reseller.createOrganization(RES, broken, {idempotencyKey: uniqueKey()}));
          expect(e.code).to.equal('invalid-request');
          expect(pathsOf(e)).to.deep.equal(
            [
              'name',
              'customLinks[0].url',
              'customLinks[1].url',
              'customLinks[2].url',
              'notifications.emails[2]',
              'contacts[0].email',
              'salesReps',
              'creditQuota.endsOn',
              'licenseExpiresOn',
              'schedules.timeZone',
              'adminUser.lastName',
              'adminUser.loginEmail',
              'adminUser.communicationEmail',
              'microsoftAccount.educationSegment',
              'microsoftAccount.website',
            ].sort(),
          );
          const tooMany = await failure(reseller.createOrganization(RES, {...input, salesReps: Array.from({length: 4}, (_, i) => ({name: `Rep ${i}`, email: `rep${i}@fine.example`, phone: ''}))}, {idempotencyKey: uniqueKey()}));
          expect(pathsOf(tooMany)).to.deep.equal(['salesReps']);

          const {value: org, etag} = await reseller.createOrganization(RES, input, {idempotencyKey: uniqueKey()});
          const change = await failure(
            reseller.updateOrganization(RES, org.id, {notifications: {...org.notifications, emails: ['ok@fine.example', 'bad']}, customLinks: [{title: 'x', url: 'ftp://files.example/'}], salesReps: []}, {ifMatch: etag}),
          );
          expect(change.code).to.equal('invalid-request');
          expect(pathsOf(change)).to.deep.equal(['customLinks[0].url', 'notifications.emails[1]', 'salesReps']);
          expect((await reseller.getOrganization(RES, org.id)).value.version, 'nothing changed').to.equal(org.version);
        });

        it('anchors a customer only to an active customer organization visible from the scope, and says nothing of others', async () => {
          const base = await newCustomerInput(reseller, 'Anchor');
          const anchorInput = {...base, kind: 'customer-organization' as const, name: `${base.name} Holdings`};
          const active = (await reseller.createOrganization(RES, anchorInput, {idempotencyKey: uniqueKey()})).value;
          const inactive = (await reseller.createOrganization(RES, {...anchorInput, name: `${anchorInput.name} (old)`, status: 'inactive'}, {idempotencyKey: uniqueKey()})).value;

          const named = (await reseller.createOrganization(RES, {...base, customerOrganizationId: active.id}, {idempotencyKey: uniqueKey()})).value;
          expect([named.parentId, named.customerOrganizationId]).to.deep.equal([active.id, active.id]);
          expect(named.ancestorIds).to.deep.equal([DEMO_TENANTS.distributor, DEMO_TENANTS.reseller, active.id]);
          const below = (await reseller.createOrganization(RES, {...base, name: `${base.name} below`, parentId: active.id}, {idempotencyKey: uniqueKey()})).value;
          expect(below.customerOrganizationId).to.equal(active.id);

          const outside = (await otherReseller.listTenants(OTHER)).find((t) => t.kind === 'customer-organization')!.id;
          const answers: unknown[] = [];
          for (const anchor of [inactive.id, outside, 'grp-no-such', DEMO_TENANTS.customer]) {
            const e = await failure(reseller.createOrganization(RES, {...base, customerOrganizationId: anchor}, {idempotencyKey: uniqueKey()}));
            expect(e.code, anchor).to.equal('invalid-request');
            expect(pathsOf(e), anchor).to.deep.equal(['customerOrganizationId']);
            expect(e.message).not.to.contain(outside);
            answers.push(e.details.issues);
          }
          expect(answers[1], 'out of sight reads as not there').to.deep.equal(answers[2]);
        });
      });
    });
  });
}
