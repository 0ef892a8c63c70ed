import {expect} from '@open-wc/testing';
import {DEMO_FX, generateSeed} from '../backends/embedded/seed.js';
import type {OrganizationSummary} from '../model/types.js';
import {DatasetIndex, fold, type QueryResult} from './engine.js';

const {organizations} = generateSeed({organizations: 600, seed: 3});
const names = (index: DatasetIndex, result: QueryResult): string[] => [...result.indices].map((i) => index.rows[i].name);

const rowOf = (index: DatasetIndex, i: number) => index.row({indices: Uint32Array.of(i), tree: null}, 0);

function withRows(extra: Partial<OrganizationSummary>[]): DatasetIndex {
  const base = organizations[organizations.length - 1];
  const rows = [...organizations, ...extra.map((e, k) => ({...base, id: `x-${k}`, ...e}))];
  return new DatasetIndex(rows, DEMO_FX);
}

describe('DatasetIndex (worker query engine)', () => {
  const index = new DatasetIndex(organizations, DEMO_FX);

  it('with no query returns every row, sorted by name', () => {
    const all = names(index, index.run({}));
    expect(all).to.have.length(organizations.length);
    const folded = all.map(fold);
    expect(folded).to.deep.equal([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('searches case- and accent-insensitively, every term must match', () => {
    const idx = withRows([{name: 'Émile Façade Works'}, {name: 'Emile Windows'}]);
    expect(names(idx, idx.run({search: 'emile', searchFields: ['name']}))).to.have.members(['Émile Façade Works', 'Emile Windows']);
    expect(names(idx, idx.run({search: 'FACADE emile', searchFields: ['name']}))).to.deep.equal(['Émile Façade Works']);
  });

  it('ignores zero-width and bidi control characters in names and in the search', () => {
    const idx = withRows([{name: 'Zero\u200bWidth\u202e Corp'}]);
    expect(names(idx, idx.run({search: 'zerowidth', searchFields: ['name']}))).to.deep.equal(['Zero\u200bWidth\u202e Corp']);
    expect(names(idx, idx.run({search: 'zero\u200bwidth', searchFields: ['name']}))).to.deep.equal(['Zero\u200bWidth\u202e Corp']);
  });

  it('finds an organization by an Azure tenant ID even though that column is hidden', () => {
    const target = organizations.find((o) => o.kind === 'customer')!;
    const found = index.run({search: target.tenants[0].tenantId.toUpperCase(), searchFields: ['name', 'tenants']});
    expect(names(index, found)).to.deep.equal([target.name]);
  });

  it('after a delta, reuses unchanged rows\' search text and refolds changed rows and children of renamed parents', () => {
    const fields = ['name', 'parent'] as const;
    const before = new DatasetIndex(organizations, DEMO_FX);
    before.run({search: 'x', searchFields: [...fields]});
    const parent = organizations.find((o) => o.kind === 'reseller')!;
    const child = organizations.find((o) => o.parentId === parent.id)!;
    const other = organizations.find((o) => o.kind === 'customer' && o.parentId !== parent.id)!;
    const rows = organizations
      .filter((o) => o.id !== other.id)
      .map((o) => (o.id === parent.id ? {...o, name: 'Quorvex Renamed Reseller'} : o));
    const after = new DatasetIndex(rows, DEMO_FX, before);
    // A changed row, a child found through its renamed parent, and a removed row: as a fresh index answers.
    const fresh = new DatasetIndex(rows, DEMO_FX);
    for (const search of ['quorvex', fold(child.name), fold(other.name), 'a']) {
      const query = {search, searchFields: [...fields]};
      expect([...after.run(query).indices], search).to.deep.equal([...fresh.run(query).indices]);
    }
    expect(names(after, after.run({search: 'quorvex renamed', searchFields: ['parent']}))).to.include(child.name);
  });

  it('never matches across two fields', () => {
    const idx = withRows([{name: 'Alpha', domain: 'beta.example'}]);
    expect(idx.run({search: 'alphabeta', searchFields: ['name', 'domain']}).indices).to.have.length(0);
    expect(names(idx, idx.run({search: 'alpha beta', searchFields: ['name', 'domain']}))).to.include('Alpha');
  });

  it('never matches across two rows, and finds matches in the first and last rows', () => {
    const base = organizations[0];
    const rows = [
      {...base, id: 'r1', name: 'Endsfoo', domain: ''},
      {...base, id: 'r2', name: 'barStarts', domain: ''},
    ];
    const idx = new DatasetIndex(rows, DEMO_FX);
    expect(idx.run({search: 'foobar', searchFields: ['name']}).indices).to.have.length(0);
    expect(names(idx, idx.run({search: 'endsfoo', searchFields: ['name']}))).to.deep.equal(['Endsfoo']);
    expect(names(idx, idx.run({search: 'starts', searchFields: ['name']}))).to.deep.equal(['barStarts']);
    expect(names(idx, idx.run({search: 's', searchFields: ['name']}))).to.have.members(['Endsfoo', 'barStarts']);
  });

  it('combines filters with AND across kinds and OR within one', () => {
    const got = index.run({filters: {plans: ['assessment', 'implementation'], statuses: ['active']}}).indices;
    const expected = organizations.filter((o) => (o.plan === 'assessment' || o.plan === 'implementation') && o.status === 'active');
    expect(got.length).to.equal(expected.length);
    expect(got.length).to.be.greaterThan(0);
    for (const i of got) {
      expect(['assessment', 'implementation']).to.include(index.rows[i].plan);
      expect(index.rows[i].status).to.equal('active');
    }
  });

  it('filters by owner, workloads and storage region', () => {
    const owner = organizations[20].owner!;
    const got = index.run({filters: {ownerIds: [owner.id], workloads: ['vmware'], storageRegions: ['us-east', 'eu-central']}});
    const expected = organizations.filter((o) => o.owner?.id === owner.id && o.workloads.includes('vmware') && (o.storageRegion === 'us-east' || o.storageRegion === 'eu-central'));
    expect(names(index, got)).to.have.members(expected.map((o) => o.name));
  });

  it('sorts by cost in US dollars across currencies, unknown values last in both directions', () => {
    const idx = withRows([{name: 'No cost', projectedAnnualCost: null}]);
    for (const dir of ['asc', 'desc'] as const) {
      const order = [...idx.run({sort: [{key: 'projectedAnnualCost', dir}]}).indices];
      const usd = order.map((i) => rowOf(idx, i).costUsd);
      expect(usd.at(-1)).to.equal(null);
      const known = usd.filter((v): v is number => v !== null);
      const sorted = [...known].sort((a, b) => (dir === 'asc' ? a - b : b - a));
      expect(known).to.deep.equal(sorted);
    }
  });

  it('applies a secondary sort within ties of the first', () => {
    const order = [...index.run({sort: [{key: 'status', dir: 'asc'}, {key: 'secureScore', dir: 'desc'}]}).indices];
    const rank = ['active', 'inactive', 'suspended', 'archived'];
    for (let j = 1; j < order.length; j++) {
      const a = index.rows[order[j - 1]];
      const b = index.rows[order[j]];
      const ra = rank.indexOf(a.status);
      const rb = rank.indexOf(b.status);
      expect(ra).to.be.at.most(rb);
      if (ra === rb && a.secureScore !== null && b.secureScore !== null) expect(a.secureScore).to.be.at.least(b.secureScore);
    }
  });

  it('rolls source-data health up the hierarchy to the worst descendant', () => {
    const reseller = organizations.find((o) => o.kind === 'reseller')!;
    const below = organizations.filter((o) => o.ancestorIds.includes(reseller.id) || o.id === reseller.id).map((o) => o.sourceData);
    const worst = below.includes('failed') ? 'failed' : below.includes('warning') ? 'warning' : below.includes('not-available') ? 'not-available' : 'success';
    expect(rowOf(index, index.byId.get(reseller.id)!).sourceDataRollup).to.equal(worst);
  });

  it('derives parent names and onboarding progress for rows', () => {
    const child = organizations.find((o) => o.kind === 'customer' && o.onboarding)!;
    const row = rowOf(index, index.byId.get(child.id)!);
    expect(row.parentName).to.equal(organizations.find((o) => o.id === child.parentId)!.name);
    expect(row.onboardingProgress).to.equal(child.onboarding!.done / child.onboarding!.total);
  });

  describe('tree layout', () => {
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const rowsOf = (idx: DatasetIndex, result: QueryResult) => [...result.indices].map((_, j) => idx.row(result, j));
    // Search by domain finds exactly one organization when the domain is unique.
    const unique = (o: OrganizationSummary): boolean => !organizations.some((x) => x !== o && (x.domain.includes(o.domain) || o.domain.includes(x.domain)));

    it('lists the hierarchy depth-first, opening only what is expanded', () => {
      const distributor = organizations.find((o) => o.kind === 'distributor')!;
      const reseller = organizations.find((o) => o.kind === 'reseller')!;
      const rows = rowsOf(index, index.run({layout: 'tree', expanded: [distributor.id, reseller.id]}));
      expect(rows[0].org.id).to.equal(distributor.id);
      expect(rows[0]).to.include({depth: 0, expanded: true, hasChildren: true, matched: true});
      const resellerRows = rows.filter((r) => r.depth === 1);
      expect(resellerRows.map((r) => r.org.kind)).to.deep.equal(organizations.filter((o) => o.kind === 'reseller').map(() => 'reseller'));
      // Only the expanded reseller shows its children, right after it.
      const at = rows.findIndex((r) => r.org.id === reseller.id);
      const below = rows.slice(at + 1).filter((r) => r.depth >= 2);
      expect(below.length).to.be.greaterThan(0);
      expect(rows.slice(at + 1, at + 1 + below.length).every((r) => r.depth >= 2)).to.equal(true);
      for (const r of rows.filter((x) => x.depth === 2)) expect(r.org.parentId).to.equal(reseller.id);
      // Siblings follow the sort (name ascending by default).
      const siblings = resellerRows.map((r) => fold(r.org.name));
      expect(siblings).to.deep.equal([...siblings].sort());
    });

    it('keeps the ancestors of a match, as context rows, and opens them', () => {
      const customer = organizations.find((o) => o.kind === 'customer' && o.ancestorIds.length === 3 && unique(o))!;
      const rows = rowsOf(index, index.run({layout: 'tree', search: customer.domain, searchFields: ['domain']}));
      expect(rows.map((r) => r.org.id)).to.deep.equal([...customer.ancestorIds, customer.id]);
      expect(rows.map((r) => r.matched)).to.deep.equal([false, false, false, true]);
      expect(rows.slice(0, 3).every((r) => r.expanded)).to.equal(true);
      expect(rows.map((r) => r.depth)).to.deep.equal([0, 1, 2, 3]);
      expect(byId.get(rows[2].org.id)!.kind).to.equal('customer-organization');
    });

    it('opens a customer onto its linked accounts', () => {
      const customer = organizations.find((o) => o.kind === 'customer' && o.linkedAccountCount === 2 && unique(o))!;
      const rows = rowsOf(index, index.run({layout: 'tree', search: customer.domain, searchFields: ['domain'], expanded: [customer.id]}));
      const at = rows.findIndex((r) => r.org.id === customer.id && r.accountIndex === null);
      expect(rows[at]).to.include({expanded: true, hasChildren: true});
      expect(rows.slice(at + 1).map((r) => [r.org.id, r.accountIndex, r.depth])).to.deep.equal([
        [customer.id, 0, rows[at].depth + 1],
        [customer.id, 1, rows[at].depth + 1],
      ]);
    });
  });

  it('stops a long scan when its signal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => index.run({search: 'a'}, controller.signal)).to.throw().with.property('code', 'aborted');
  });
});
