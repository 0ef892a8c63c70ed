import {expect} from '@open-wc/testing';
import {DEMO_FX, generateSeed} from './backends/embedded/seed.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {OrganizationSummary} from '../shared/model/types.js';
import {PLANS, TENANT_KINDS} from '../shared/model/types.js';
import {DataPlane} from './data-plane.js';
import {DatasetIndex, type QueryResult} from './engine.js';
import {fold} from './rank.js';
import type {SearchField, SortKey, SortSpec} from '../shared/query.js';
import {COLUMNS, COLUMN_KEYS, SEARCH_FIELDS, SEARCH_READERS, SORT_KEYS, SORT_READERS, searchFieldsFor} from '../shared/columns.js';

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

  it('typing narrows the previous term’s rows and finds exactly what a fresh search finds', () => {
    const extra = [{name: 'Émile Façade Works'}, {name: 'Alder\u200b Logistics'}, {name: 'ALDERSHOT alder'}];
    const typing = withRows(extra);
    const fields: SearchField[] = ['name', 'tenants', 'domain', 'plan', 'status', 'admin', 'parent'];
    // Keystrokes, a backspace, a second term, a term unrelated to the last, and back again.
    const steps = ['a', 'al', 'ald', 'alde', 'ald', 'alder l', 'alder lo', 'fa', 'faç', 'façade', 'e', 'em', 'emile f', 'al'];
    for (const search of steps) {
      const fresh = withRows(extra);
      const expected = [...fresh.run({search, searchFields: fields}).indices];
      expect([...typing.run({search, searchFields: fields}).indices], search).to.deep.equal(expected);
    }
    expect(names(typing, typing.run({search: 'alder lo', searchFields: fields}))).to.include('Alder\u200b Logistics');
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

  it('filters by kind and by source-data health rolled up from below, and never lets through a value it does not know', () => {
    const kinds = index.run({filters: {kinds: ['reseller', 'distributor']}}).indices;
    expect(new Set([...kinds].map((i) => index.rows[i].kind))).to.deep.equal(new Set(['reseller', 'distributor']));
    expect(kinds.length).to.equal(organizations.filter((o) => o.kind === 'reseller' || o.kind === 'distributor').length);
    const failing = index.run({filters: {sourceData: ['failed']}}).indices;
    expect(failing.length).to.be.greaterThan(0);
    // The rollup, not the row's own value: a parent with a failing child counts as failing.
    expect(failing.length).to.equal(index.rollup.filter((r) => r === 'failed').length);
    for (const i of failing) expect(index.rollup[i]).to.equal('failed');
    // A value from a hostile URL matches nothing; an empty list is no filter.
    expect(index.run({filters: {statuses: ['no-such-status' as never]}}).indices).to.have.length(0);
    expect(index.run({filters: {plans: []}}).indices.length).to.equal(index.rows.length);
    // Plans: an organization without a plan never matches a plan filter.
    const planned = index.run({filters: {plans: ['assessment']}}).indices;
    for (const i of planned) expect(index.rows[i].plan).to.equal('assessment');
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

  describe('sort (integer ranks, counting sort per key)', () => {
    const ORDERINGS: SortSpec[][] = [
      ...(['name', 'admin', 'owner', 'parent', 'status', 'plan', 'kind', 'secureScore', 'savingsPercent', 'createdAt', 'lastCollection', 'onboarding', 'projectedAnnualCost', 'tenants'] as const).flatMap((key) =>
        (['asc', 'desc'] as const).map((dir): SortSpec[] => [{key, dir}]),
      ),
      [{key: 'status', dir: 'asc'}, {key: 'createdAt', dir: 'desc'}],
      [{key: 'plan', dir: 'desc'}, {key: 'admin', dir: 'asc'}, {key: 'secureScore', dir: 'desc'}],
      // Four keys, three of them with thousands of distinct values.
      [{key: 'createdAt', dir: 'asc'}, {key: 'lastCollection', dir: 'desc'}, {key: 'name', dir: 'desc'}, {key: 'admin', dir: 'asc'}],
    ];

    /** The previous engine's ordering, as a reference: a comparator over values, name and index last. */
    function referenceOrder(rows: readonly OrganizationSummary[], sort: readonly SortSpec[]): number[] {
      const idx = new DatasetIndex(rows, DEMO_FX);
      const parentName = (i: number) => (idx.parentIndex[i] >= 0 ? rows[idx.parentIndex[i]].name : null);
      const text = (v: string | null): string | null => (v === null ? null : fold(v));
      const time = (v: string | null | undefined) => (v ? Date.parse(v) : NaN);
      const value = (key: SortKey, i: number): string | number | null => {
        const r = rows[i];
        switch (key) {
          case 'name': return text(r.name);
          case 'admin': return text(r.admin?.displayName ?? null);
          case 'owner': return text(r.owner?.displayName ?? null);
          case 'parent': return text(parentName(i));
          case 'status': return ['active', 'inactive', 'suspended', 'archived'].indexOf(r.status);
          case 'plan': return r.plan === null ? null : PLANS.indexOf(r.plan);
          case 'kind': return TENANT_KINDS.indexOf(r.kind);
          case 'secureScore': return r.secureScore;
          case 'savingsPercent': return r.savingsPercent;
          case 'createdAt': return time(r.createdAt);
          case 'lastCollection': return Math.max(time(r.lastCollection.cost) || 0, time(r.lastCollection.security) || 0, time(r.lastCollection.operations) || 0) || null;
          case 'onboarding': return r.onboarding ? r.onboarding.done / r.onboarding.total : null;
          case 'projectedAnnualCost': return r.projectedAnnualCost ? r.projectedAnnualCost.amount / DEMO_FX.rates[r.projectedAnnualCost.currency]! : null;
          case 'tenants': return r.tenants.length;
          default: throw new Error(`no reference for ${key}`);
        }
      };
      const keys = sort.map((s) => ({values: rows.map((_, i) => value(s.key, i)), sign: s.dir === 'desc' ? -1 : 1}));
      const names = rows.map((r) => fold(r.name));
      const unknown = (v: string | number | null) => v === null || (typeof v === 'number' && Number.isNaN(v));
      return rows
        .map((_, i) => i)
        .sort((a, b) => {
          for (const {values, sign} of keys) {
            const va = values[a];
            const vb = values[b];
            if (va === vb || (unknown(va) && unknown(vb))) continue;
            if (unknown(va)) return 1;
            if (unknown(vb)) return -1;
            return va! < vb! ? -sign : sign;
          }
          return names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b;
        });
    }

    /** 10,000 generated rows with many ties (repeated names and dates) and unknown values. */
    const big = generateSeed({organizations: 10_000, seed: 5}).organizations.map((o, i, all) => ({
      ...o,
      name: i % 7 === 0 ? all[0].name : i % 11 === 0 ? all[0].name.toUpperCase() : o.name,
      createdAt: i % 3 === 0 ? all[1].createdAt : o.createdAt,
      secureScore: i % 5 === 0 ? null : o.secureScore,
      admin: i % 13 === 0 ? null : o.admin,
    }));

    it('orders exactly as the comparator did, for every key, both directions and multi-key specs (10,000 rows)', () => {
      const index = new DatasetIndex(big, DEMO_FX);
      for (const sort of ORDERINGS) {
        const label = sort.map((s) => `${s.key} ${s.dir}`).join(', ');
        expect([...index.order(sort)], label).to.deep.equal(referenceOrder(big, sort));
      }
    });

    it('breaks ties by name, then by row order', () => {
      const base = organizations[10];
      const same = {createdAt: '2024-05-01T00:00:00Z'};
      const idx = new DatasetIndex(
        [
          {...base, ...same, id: 't0', name: 'Beta'},
          {...base, ...same, id: 't1', name: 'alpha'},
          {...base, ...same, id: 't2', name: 'Beta'},
          {...base, id: 't3', name: 'Zulu', createdAt: '2020-01-01T00:00:00Z'},
          {...base, ...same, id: 't4', name: 'Álpha'},
        ],
        DEMO_FX,
      );
      const ids = (dir: 'asc' | 'desc') => [...idx.run({sort: [{key: 'createdAt', dir}]}).indices].map((i) => idx.rows[i].id);
      expect(ids('asc')).to.deep.equal(['t3', 't1', 't4', 't0', 't2']);
      // Descending reverses the dates only: equal dates stay by name, then row order.
      expect(ids('desc')).to.deep.equal(['t1', 't4', 't0', 't2', 't3']);
    });

    it('puts unknown values last ascending and descending, for numbers and texts', () => {
      const idx = withRows([
        {name: 'No score A', secureScore: null, admin: null},
        {name: 'No score B', secureScore: null, admin: null},
      ]);
      const unknown = {secureScore: (r: OrganizationSummary) => r.secureScore === null, admin: (r: OrganizationSummary) => r.admin === null};
      for (const key of ['secureScore', 'admin'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const sorted = [...idx.run({sort: [{key, dir}]}).indices].map((i) => idx.rows[i]);
          const first = sorted.findIndex(unknown[key]);
          expect(first, `${key} ${dir}`).to.be.greaterThan(0);
          expect(sorted.slice(first).every(unknown[key]), `${key} ${dir}`).to.equal(true);
          // Among the unknowns, by name as ever.
          const tail = sorted.slice(first).map((r) => fold(r.name));
          expect(tail).to.deep.equal([...tail].sort());
          expect(tail).to.include.members(['no score a', 'no score b']);
        }
      }
    });

    it('uses a secondary key only within ties of the first, unknowns of each last', () => {
      const base = organizations[10];
      const idx = new DatasetIndex(
        [
          {...base, id: 'm0', name: 'a', status: 'active', secureScore: 10},
          {...base, id: 'm1', name: 'b', status: 'archived', secureScore: 90},
          {...base, id: 'm2', name: 'c', status: 'active', secureScore: null},
          {...base, id: 'm3', name: 'd', status: 'active', secureScore: 50},
          {...base, id: 'm4', name: 'e', status: 'archived', secureScore: null},
        ],
        DEMO_FX,
      );
      const ids = [...idx.run({sort: [{key: 'status', dir: 'desc'}, {key: 'secureScore', dir: 'desc'}]}).indices].map((i) => idx.rows[i].id);
      expect(ids).to.deep.equal(['m1', 'm4', 'm3', 'm0', 'm2']);
    });

    it('extracts every sort key during the warm-up, so the first sort reads no row', async () => {
      let reads = 0;
      const rows = organizations.map((o) => {
        const r = {...o};
        Object.defineProperty(r, 'createdAt', {enumerable: true, get: () => (reads++, o.createdAt)});
        return r;
      });
      const idx = new DatasetIndex(rows, DEMO_FX);
      expect(await idx.warmUp([['name']])).to.equal(true);
      expect(reads).to.equal(rows.length);
      reads = 0;
      const sorted = [...idx.run({sort: [{key: 'createdAt', dir: 'asc'}]}).indices];
      expect(reads).to.equal(0);
      expect(sorted).to.deep.equal(referenceOrder(organizations, [{key: 'createdAt', dir: 'asc'}]));
    });
  });

  it('after a delta, prepares the next index by folding only the changed rows, searching as a fresh index does', async () => {
    let reads = 0;
    const counted = (o: OrganizationSummary): OrganizationSummary => {
      const r = {...o};
      Object.defineProperty(r, 'domain', {enumerable: true, get: () => (reads++, o.domain)});
      return r;
    };
    const fields: SearchField[] = ['name', 'domain'];
    const rows = organizations.map(counted);
    const before = new DatasetIndex(rows, DEMO_FX);
    await before.warmUp([fields]);
    const changed = new Set([rows[40].id, rows[41].id, rows[300].id]);
    const next = rows.map((r) => (changed.has(r.id) ? counted({...organizations[rows.indexOf(r)], domain: `changed-${r.id}.example`}) : r));
    reads = 0;
    const after = new DatasetIndex(next, DEMO_FX, before);
    expect(await after.prepare([fields], [[{key: 'createdAt', dir: 'desc'}]])).to.equal(true);
    expect(reads).to.equal(changed.size);
    reads = 0;
    const fresh = new DatasetIndex(next, DEMO_FX);
    for (const search of ['changed-', 'a', fold(rows[41].name)]) {
      expect([...after.run({search, searchFields: fields}).indices], search).to.deep.equal([...fresh.run({search, searchFields: fields}).indices]);
    }
    expect(names(after, after.run({search: 'changed-', searchFields: fields}))).to.have.length(changed.size);
  });

  it('after two deltas in a row, adopts every row folded so far and folds the others on demand', () => {
    const fields: SearchField[] = ['name', 'domain'];
    const first = new DatasetIndex(organizations, DEMO_FX);
    first.run({search: 'x', searchFields: fields});
    // The second index is never searched: its changed row stays a hole the third must fill.
    const rows2 = organizations.map((o, i) => (i === 7 ? {...o, name: 'Quillon Seven'} : o));
    const second = new DatasetIndex(rows2, DEMO_FX, first);
    const rows3 = rows2.map((o, i) => (i === 300 ? {...o, name: 'Quillon Three Hundred'} : o));
    const third = new DatasetIndex(rows3, DEMO_FX, second);
    const fresh = new DatasetIndex(rows3, DEMO_FX);
    for (const search of ['quillon', 'a', fold(rows3[8].name)]) {
      expect([...third.run({search, searchFields: fields}).indices], search).to.deep.equal([...fresh.run({search, searchFields: fields}).indices]);
    }
    expect(names(third, third.run({search: 'quillon', searchFields: fields}))).to.have.members(['Quillon Seven', 'Quillon Three Hundred']);
  });

  it('searches across blocks of rows: hits at block edges, and after a delta that shifts rows, as a fresh index does', async () => {
    const many = generateSeed({organizations: 9000, seed: 8}).organizations.map((o, i) => (i === 4095 || i === 4096 || i === 8191 ? {...o, name: `Edgeway ${i}`} : o));
    const fields: SearchField[] = ['name', 'domain'];
    const before = new DatasetIndex(many, DEMO_FX);
    expect(await before.warmUp([fields])).to.equal(true);
    expect(names(before, before.run({search: 'edgeway', searchFields: fields}))).to.have.members(['Edgeway 4095', 'Edgeway 4096', 'Edgeway 8191']);
    // A removal in the second block shifts every later row; changes in the first and last blocks.
    const rows = many.filter((_, i) => i !== 5000).map((o, i) => (i === 10 || i === 8500 ? {...o, name: `Edgeway changed ${i}`} : o));
    const after = new DatasetIndex(rows, DEMO_FX, before);
    expect(await after.prepare([fields])).to.equal(true);
    const fresh = new DatasetIndex(rows, DEMO_FX);
    for (const search of ['edgeway', 'edgeway changed', fold(many[5000].name), fold(many[4097].domain), 'a']) {
      expect([...after.run({search, searchFields: fields}).indices], search).to.deep.equal([...fresh.run({search, searchFields: fields}).indices]);
    }
  });

  it('after deltas spread over every block (rows renamed in place), finds rows by their new text and never by their old, as a fresh index does', async () => {
    const fields: SearchField[] = ['name', 'domain'];
    let rows = generateSeed({organizations: 9000, seed: 11}).organizations;
    let index = new DatasetIndex(rows, DEMO_FX);
    expect(await index.warmUp([fields])).to.equal(true);
    // Three rounds, each renaming rows in every block; the last puts more than a block may carry
    // stale into the first block, which is then joined again.
    for (const [round, every] of [[1, 97], [2, 89], [3, 9]] as const) {
      const renamed = rows.map((o, i) => (i % every === 0 && (round < 3 || i < 4096) ? {...o, name: `Zephyrine ${round}-${i}`} : o));
      const old = rows[every].name;
      const next = new DatasetIndex(renamed, DEMO_FX, index);
      expect(await next.prepare([fields])).to.equal(true);
      const fresh = new DatasetIndex(renamed, DEMO_FX);
      for (const search of [`zephyrine ${round}-`, 'zephyrine', fold(old), fold(renamed[every + 1].name), 'a']) {
        expect([...next.run({search, searchFields: fields}).indices], `round ${round}: ${search}`).to.deep.equal([...fresh.run({search, searchFields: fields}).indices]);
      }
      expect(next.run({search: `zephyrine ${round}-${every}`, searchFields: fields}).indices.length, `round ${round}`).to.be.greaterThan(0);
      rows = renamed;
      index = next;
    }
  });

  it('during a delta sync, the data plane answers from the previous version until the next is ready, never a mix', async () => {
    const plane = new DataPlane();
    const namespace = `engine-${crypto.randomUUID()}`;
    await plane.connect({kind: 'local', organizations: 300, namespace, userId: DEMO_USERS.distributorAdmin}, null, {cacheName: `tenantry-cache-test-${namespace}`});
    try {
      const scope = {tenantId: DEMO_TENANTS.distributor};
      const query = {search: 'a', searchFields: ['name', 'domain'] as SearchField[]};
      const view = await plane.openView(scope, query, 'open');
      const target = (await plane.window(view.viewId, 0, 500)).rows[3].org;
      const {etag} = await plane.getOrganization(scope, target.id, 'get');
      // The write starts a delta sync in the background; windows asked meanwhile see one version whole.
      await plane.updateOrganization(scope, target.id, {name: 'Zanzibar Renamed Organisation'}, etag, 'put');
      const seen = new Set<number>();
      for (let k = 0; k < 500 && !seen.has(2); k++) {
        const win = await plane.window(view.viewId, 0, 500);
        seen.add(win.version);
        const row = win.rows.find((r) => r.org.id === target.id);
        expect(row?.org.name, `version ${win.version}`).to.equal(win.version === 1 ? target.name : 'Zanzibar Renamed Organisation');
        expect(win.total).to.equal(view.total);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await plane.idle();
      expect(seen.has(2)).to.equal(true);
      const found = await plane.updateView(view.viewId, {...query, search: 'zanzibar'}, 'search');
      expect(found).to.include({version: 2, total: 1});
    } finally {
      // idle() first: it flushes the pending snapshot write, which would fail after sign-out.
      await plane.idle();
      await plane.signOut();
    }
  });

  for (const removal of [true, false]) {
    it(`after a small delta${removal ? ' with a removal' : ' in place (a write)'}, carries every sort key over and answers exactly as a fresh index does`, async () => {
      // Large enough that renaming a reseller (all its customers' parent column changes) is a small delta.
      const {organizations} = generateSeed({organizations: 4000, seed: 5});
      const before = new DatasetIndex(organizations, DEMO_FX);
      // Every key ranked, as a warm-up leaves a loaded index.
      await before.warmUp([['name', 'parent']]);
      const reseller = organizations.find((o) => o.kind === 'reseller')!;
      const child = organizations.find((o) => o.parentId === reseller.id && o.kind === 'customer')!;
      const healed = organizations.find((o) => o.kind === 'customer' && o.sourceData === 'failed')!;
      const removed = organizations.find((o) => o.kind === 'customer' && o.parentId !== reseller.id && o.id !== healed.id)!;
      const template = organizations.at(-1)!;
      const rows: OrganizationSummary[] = organizations
        .filter((o) => !removal || o.id !== removed.id)
        .map((o) => {
          // A renamed reseller (its customers' parent column changes), a customer whose health
          // fails (its reseller's and distributor's rollups follow), one that heals, new values.
          if (o.id === reseller.id) return {...o, name: 'Aaaa First Reseller'};
          if (o.id === child.id) return {...o, sourceData: 'failed', secureScore: 101, projectedAnnualCost: {amount: 1e12, currency: 'EUR'}, name: 'Zzzz Last Customer'};
          if (o.id === healed.id && removal) return {...o, sourceData: 'success'};
          return o;
        });
      rows.push({...template, id: 'x-new', kind: 'customer', parentId: reseller.id, ancestorIds: [...reseller.ancestorIds, reseller.id], name: 'Mmmm New Customer', secureScore: -1, plan: null});
      const after = new DatasetIndex(rows, DEMO_FX, before);
      const fresh = new DatasetIndex(rows, DEMO_FX);
      expect(after.adoptedRanks, 'carried over when first asked for, not all at once').to.equal(0);
      for (const key of SORT_KEYS) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort: SortSpec[] = [{key, dir}];
          expect([...after.run({sort}).indices], `${key} ${dir}`).to.deep.equal([...fresh.run({sort}).indices]);
        }
      }
      expect(after.adoptedRanks, 'the ranks were carried over, not computed afresh').to.equal(SORT_KEYS.length);
      expect([...after.rollup]).to.deep.equal([...fresh.rollup]);
      expect([...after.parentIndex]).to.deep.equal([...fresh.parentIndex]);
      for (const search of ['aaaa first', 'zzzz', 'mmmm', fold(child.name)]) {
        const query = {search, searchFields: ['name', 'parent'] as SearchField[]};
        expect([...after.run(query).indices], search).to.deep.equal([...fresh.run(query).indices]);
      }
      expect(after.rollup[after.byId.get(reseller.id)!]).to.equal('failed');
    });
  }

  it('stops a long scan when its signal is aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => index.run({search: 'a'}, controller.signal)).to.throw().with.property('code', 'aborted');
  });
});

describe('columns: each one declared once, the engine reading its declaration', () => {
  /** Generated rows with ties, unknowns and case or accent variants, so every reader has something to order. */
  const rows = generateSeed({organizations: 3000, seed: 11}).organizations.map((o, i, all) => ({
    ...o,
    name: i % 9 === 0 ? all[0].name : i % 11 === 0 ? o.name.toLowerCase() : i % 13 === 0 ? `É${o.name}` : o.name,
    secureScore: i % 5 === 0 ? null : o.secureScore,
    owner: i % 7 === 0 ? null : o.owner && i % 17 === 0 ? {...o.owner, displayName: o.owner.displayName.toUpperCase()} : o.owner,
    creditQuota: i % 4 === 0 ? null : o.creditQuota,
  }));
  const index = new DatasetIndex(rows, DEMO_FX);
  const unknown = (v: string | number | null): boolean => v === null || (typeof v === 'number' && Number.isNaN(v));

  it('sort keys and search fields are exactly what the columns declare (domain the one field no column shows)', () => {
    expect([...SORT_KEYS]).to.deep.equal(COLUMNS.filter((c) => c.sort).map((c) => c.key));
    for (const c of COLUMNS) {
      expect(c.sortKey, c.key).to.equal(c.sort ? c.key : null);
      expect(c.searchField, c.key).to.equal(c.search ? c.key : null);
      if (c.sortKey) expect(SORT_READERS.get(c.sortKey), c.key).to.equal(c.sort);
      if (c.searchField) expect(SEARCH_READERS.get(c.searchField), c.key).to.equal(c.search);
    }
    expect([...SEARCH_FIELDS]).to.deep.equal([...COLUMNS.filter((c) => c.search).map((c) => c.key), 'domain']);
    expect(COLUMN_KEYS).to.include.members(SEARCH_FIELDS.filter((f) => f !== 'domain'));
    // Every sort key is a column; only actions has no sort.
    expect(COLUMN_KEYS.filter((k) => !(SORT_KEYS as readonly string[]).includes(k))).to.deep.equal(['actions']);
    // Hidden columns are not searched, except the ones declared always searched (and the domain).
    expect(searchFieldsFor(['name', 'owner'])).to.deep.equal(['tenants', 'domain', 'name', 'owner']);
    expect(new Set(searchFieldsFor(COLUMN_KEYS))).to.deep.equal(new Set(SEARCH_FIELDS));
  });

  it('every column with a sort key sorts by exactly its declared reader, both directions', () => {
    const foldedNames = rows.map((r) => fold(r.name));
    for (const c of COLUMNS) {
      if (!c.sortKey || !c.sort) continue;
      const sort = c.sort;
      const values = rows.map((r, i): string | number | null => {
        if ('num' in sort) return sort.num(r, i, index);
        const v = sort.text(r, i, index);
        return v === null ? null : fold(v);
      });
      // The key must tell rows apart, or any order would pass.
      expect(new Set(values.filter((v) => !unknown(v))).size, c.key).to.be.greaterThan(1);
      for (const dir of ['asc', 'desc'] as const) {
        const sign = dir === 'desc' ? -1 : 1;
        const expected = rows
          .map((_, i) => i)
          .sort((a, b) => {
            const va = values[a];
            const vb = values[b];
            if (!(va === vb || (unknown(va) && unknown(vb)))) {
              if (unknown(va)) return 1;
              if (unknown(vb)) return -1;
              return va! < vb! ? -sign : sign;
            }
            return foldedNames[a] < foldedNames[b] ? -1 : foldedNames[a] > foldedNames[b] ? 1 : a - b;
          });
        expect([...index.run({sort: [{key: c.sortKey, dir}]}).indices], `${c.key} ${dir}`).to.deep.equal(expected);
      }
    }
  });

  it('every search field finds exactly the rows whose declared text holds the term, and only in that field', () => {
    for (const field of SEARCH_FIELDS) {
      const read = SEARCH_READERS.get(field)!;
      // eslint-disable-next-line no-control-regex -- as the engine: control characters become spaces
      const texts = rows.map((r, i) => fold(read(r, i, index).replace(/[\u0000-\u001f]/g, ' ')));
      // A term from the middle of some row's text: the longest word of the first row that has one, cut to 5 characters.
      const words = texts.find((t) => /\S{3}/.test(t))!.split(/\s+/);
      const word = words.reduce((a, b) => (b.length > a.length ? b : a));
      const term = word.slice(Math.max(0, word.length - 5));
      const expected = rows.map((_, i) => i).filter((i) => texts[i].includes(term));
      const found = [...index.run({search: term, searchFields: [field]}).indices].sort((a, b) => a - b);
      expect(found, `${field}: "${term}"`).to.deep.equal(expected);
      expect(found.length, field).to.be.greaterThan(0);
    }
    // The domain is searched though no column shows it; a term only it holds is not found elsewhere.
    const target = rows.find((r) => !fold(r.name).includes(fold(r.domain)))!;
    expect([...index.run({search: target.domain, searchFields: ['domain']}).indices].map((i) => rows[i].id)).to.include(target.id);
    expect([...index.run({search: target.domain, searchFields: ['name']}).indices].map((i) => rows[i].id)).to.not.include(target.id);
  });

  it('refuses a sort key or search field that no column declares', () => {
    const crafted = {sort: [{key: 'nope' as SortKey, dir: 'asc' as const}]}; // a query from outside the types
    expect(() => new DatasetIndex(rows, DEMO_FX).run(crafted)).to.throw().with.property('code', 'invalid-request');
    expect(() => new DatasetIndex(rows, DEMO_FX).run({search: 'a', searchFields: ['nope' as SearchField]})).to.throw().with.property('code', 'invalid-request');
  });
});
