import {expect} from '@open-wc/testing';
import {COLUMN_KEYS, COLUMN_BY_KEY} from './columns.js';
import {
  DEFAULT_VIEW_STATE,
  VIEW_LIMITS,
  decodeViewState,
  defaultViewState,
  encodeViewState,
  filterChips,
  parseViewState,
  sameViewState,
  viewLink,
  type GridViewState,
} from './grid-view.js';

const keysOf = (s: GridViewState): string[] => s.columns.map((c) => c.key);

describe('view state: parseViewState', () => {
  it('keeps a valid state as it is, and never shares objects with the input or the default', () => {
    const input = defaultViewState();
    input.columns.reverse();
    input.columns[0].width = 333;
    input.sort = [{key: 'plan', dir: 'desc'}, {key: 'name', dir: 'asc'}];
    input.filters = {plans: ['assessment'], statuses: ['active', 'suspended'], ownerIds: ['u-dist-1-staff-1']};
    input.search = 'contoso';
    input.density = 'compact';
    input.currency = 'usd';
    input.layout = 'tree';
    input.expanded = ['dist-1', 'res-01'];
    const {state, dropped} = parseViewState(input);
    expect(dropped).to.deep.equal([]);
    expect(state).to.deep.equal(input);
    expect(state).not.to.equal(input);
    expect(state.columns).not.to.equal(input.columns);
    const again = parseViewState(undefined).state;
    again.columns[0].visible = false;
    again.sort.push({key: 'plan', dir: 'asc'});
    expect(DEFAULT_VIEW_STATE.sort).to.have.length(1);
    expect(parseViewState(null).state).to.deep.equal(DEFAULT_VIEW_STATE);
  });

  it('replaces every wrong type with the default and says so', () => {
    for (const bad of [42, 'text', true, [], () => 1]) {
      const {state, dropped} = parseViewState(bad);
      expect(state).to.deep.equal(DEFAULT_VIEW_STATE);
      expect(dropped).to.have.length(1);
    }
    const {state, dropped} = parseViewState({columns: 'all', sort: {key: 'name'}, filters: ['plans'], search: 7, density: 'huge', currency: 'EUR', layout: null, expanded: 'dist-1'});
    expect(state).to.deep.equal(DEFAULT_VIEW_STATE);
    expect(dropped.length).to.equal(8);
    expect(dropped.join('\n')).to.match(/columns/).and.match(/sort/).and.match(/density/).and.match(/currency/).and.match(/layout/).and.match(/expanded/);
  });

  it('keeps each known column exactly once: unknown dropped, duplicates dropped, missing appended, widths clamped', () => {
    const {state, dropped} = parseViewState({
      columns: [
        {key: 'plan', visible: false, width: 5},
        {key: 'evil', visible: true, width: 100},
        {key: 'plan', visible: true, width: 300},
        {key: 'name', visible: false, width: 99_999},
        {key: 'status', visible: 'yes', width: 'wide'},
        {key: 'toString', visible: true, width: 100},
        {key: 'constructor', visible: true, width: 100},
        null,
        7,
      ],
    });
    expect(keysOf(state)).to.have.length(COLUMN_KEYS.length);
    expect(new Set(keysOf(state)).size).to.equal(COLUMN_KEYS.length);
    expect(keysOf(state).slice(0, 3)).to.deep.equal(['plan', 'name', 'status']);
    expect(state.columns[0]).to.deep.equal({key: 'plan', visible: false, width: COLUMN_BY_KEY.get('plan')!.minWidth});
    // Name cannot be hidden, and no column is wider than the limit.
    expect(state.columns[1]).to.deep.equal({key: 'name', visible: true, width: VIEW_LIMITS.maxWidth});
    expect(state.columns[2]).to.deep.equal({key: 'status', visible: true, width: COLUMN_BY_KEY.get('status')!.width});
    // Missing ones join at the end with their defaults, in default order.
    expect(keysOf(state).slice(3)).to.deep.equal(COLUMN_KEYS.filter((k) => !['plan', 'name', 'status'].includes(k)));
    const text = dropped.join('\n');
    expect(text).to.contain('"evil"').and.contain('duplicate').and.contain('Name cannot be hidden').and.contain('"toString"');
  });

  it('keeps only known sort keys and directions, no duplicates, at most three', () => {
    const {state, dropped} = parseViewState({
      sort: [
        {key: 'plan', dir: 'desc'},
        {key: 'actions', dir: 'asc'},
        {key: 'hasOwnProperty', dir: 'asc'},
        {key: 'status', dir: 'sideways'},
        {key: 'plan', dir: 'asc'},
        {key: 'name', dir: 'asc'},
        {key: 'status', dir: 'asc'},
        {key: 'createdAt', dir: 'desc'},
      ],
    });
    expect(state.sort).to.deep.equal([
      {key: 'plan', dir: 'desc'},
      {key: 'name', dir: 'asc'},
      {key: 'status', dir: 'asc'},
    ]);
    expect(dropped.join('\n')).to.contain('"actions"').and.contain('sideways').and.contain('only 3 sort keys');
  });

  it('keeps only known filter values, in panel order, and safe owner ids', () => {
    const {state, dropped} = parseViewState({
      filters: {
        plans: ['management-service', 'gold', 'assessment', 'assessment'],
        statuses: 'active',
        ownerIds: ['u-1', '<script>', 'u 2', '', 'x'.repeat(500), 12],
        workloads: ['nas', 'vmware'],
        storageRegions: [],
        secret: ['x'],
      },
    });
    expect(state.filters).to.deep.equal({plans: ['assessment', 'management-service'], ownerIds: ['u-1'], workloads: ['vmware', 'nas']});
    const text = dropped.join('\n');
    expect(text).to.contain('"gold"').and.contain('"secret"').and.contain('Status');
  });

  it('ignores __proto__, constructor and prototype keys without touching any prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true, "columns": []}, "filters": {"__proto__": {"plans": ["assessment"]}, "plans": ["implementation"]}, "constructor": {"prototype": {"polluted": true}}, "density": "compact"}');
    const {state, dropped} = parseViewState(hostile);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).to.equal(false);
    expect(state.density).to.equal('compact');
    expect(state.filters).to.deep.equal({plans: ['implementation']});
    expect(keysOf(state)).to.deep.equal([...COLUMN_KEYS]);
    expect(Object.getPrototypeOf(state)).to.equal(Object.prototype);
    expect(dropped.join('\n')).to.contain('"__proto__"').and.contain('"constructor"');
    // A getter is never called.
    let called = false;
    const withGetter = {
      get search() {
        called = true;
        return 'x';
      },
    };
    expect(parseViewState(withGetter).state.search).to.equal('');
    expect(called).to.equal(false);
  });

  it('keeps markup in search as text, capped at 200 characters', () => {
    const markup = '<img src=x onerror=alert(1)>"><svg onload=alert(2)>';
    expect(parseViewState({search: markup}).state.search).to.equal(markup);
    const long = `${markup}${'a'.repeat(1000)}`;
    const {state, dropped} = parseViewState({search: long});
    expect(state.search).to.have.length(200);
    expect(state.search.startsWith(markup)).to.equal(true);
    expect(dropped).to.have.length(1);
    // Never half a surrogate pair.
    const emoji = `${'a'.repeat(199)}😀tail`;
    expect(parseViewState({search: emoji}).state.search).to.equal('a'.repeat(199));
  });

  it('caps huge arrays: expanded ids, columns and sort are bounded', () => {
    const ids = Array.from({length: 100_000}, (_, i) => `org-${i}`);
    const started = performance.now();
    const {state, dropped} = parseViewState({
      expanded: [...ids.slice(0, 10), '../etc', '<x>', ...ids.slice(10)],
      columns: Array.from({length: 50_000}, () => ({key: 'plan', visible: true, width: 100})),
      sort: Array.from({length: 50_000}, () => ({key: 'plan', dir: 'asc'})),
    });
    expect(performance.now() - started).to.be.below(500);
    expect(state.expanded).to.have.length(500);
    expect(state.expanded[0]).to.equal('org-0');
    expect(state.expanded).not.to.include('../etc');
    expect(state.columns).to.have.length(COLUMN_KEYS.length);
    expect(state.sort).to.deep.equal([{key: 'plan', dir: 'asc'}]);
    expect(dropped.length).to.be.at.most(21);
    expect(dropped.join('\n')).to.contain('only 500');
  });

  it('quotes hostile values in messages as short, control-free text', () => {
    const {dropped} = parseViewState({density: `\u202e<b>${'x'.repeat(300)}`});
    expect(dropped).to.have.length(1);
    expect(dropped[0]).not.to.contain('\u202e');
    expect(dropped[0].length).to.be.below(120);
  });
});

describe('view state: URL form', () => {
  it('encodes only the differences, compactly, and round-trips', () => {
    const def = encodeViewState(defaultViewState());
    expect(def.length).to.be.below(16);
    expect(decodeViewState(def)).to.deep.equal({state: DEFAULT_VIEW_STATE, dropped: []});

    const s = defaultViewState();
    s.columns = [s.columns[3], ...s.columns.filter((_, i) => i !== 3)];
    s.columns.find((c) => c.key === 'tenants')!.visible = true;
    s.columns.find((c) => c.key === 'plan')!.width = 222;
    s.sort = [{key: 'projectedAnnualCost', dir: 'desc'}];
    s.filters = {plans: ['assessment'], ownerIds: ['u-dist-1-staff-2']};
    s.search = 'Café <b>&amp; 日本';
    s.currency = 'usd';
    s.layout = 'tree';
    s.expanded = ['dist-1'];
    const param = encodeViewState(s);
    expect(param).to.match(/^[A-Za-z0-9_-]+$/);
    expect(param.length).to.be.below(1200);
    const decoded = decodeViewState(param);
    expect(decoded.dropped).to.deep.equal([]);
    expect(decoded.state).to.deep.equal(s);
    expect(sameViewState(decoded.state, s)).to.equal(true);
    // Only what changed is carried.
    const only = defaultViewState();
    only.density = 'comfortable';
    const json = JSON.parse(atob(encodeViewState(only).replace(/-/g, '+').replace(/_/g, '/')));
    expect(json).to.deep.equal({v: 1, density: 'comfortable'});
  });

  it('survives a trip through a real URL', () => {
    const s = defaultViewState();
    s.search = 'a+b/c=d?&#';
    s.filters = {statuses: ['suspended']};
    const link = viewLink(s, 'view', 'https://portal.example/customers?tab=2#top');
    const url = new URL(link);
    expect(url.searchParams.get('tab')).to.equal('2');
    expect(url.hash).to.equal('#top');
    expect(decodeViewState(url.searchParams.get('view')).state).to.deep.equal(s);
    expect(new URL(viewLink(defaultViewState(), 'view', link)).searchParams.has('view')).to.equal(false);
  });

  it('decode never throws: bad input gives the default view and says why', () => {
    const enc = (v: unknown): string => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const cases: unknown[] = ['%%%', 'abc', '!!', 'a'.repeat(20_000), btoa('\xff\xfe').replace(/=+$/, ''), enc([1, 2]), enc({v: 2, density: 'compact'}), enc('x'), enc(null), 42, {}];
    for (const c of cases) {
      const {state, dropped} = decodeViewState(c as string);
      expect(state).to.deep.equal(DEFAULT_VIEW_STATE);
      expect(dropped.length, String(c).slice(0, 20)).to.be.greaterThan(0);
    }
    expect(decodeViewState('')).to.deep.equal({state: DEFAULT_VIEW_STATE, dropped: []});
    expect(decodeViewState(null)).to.deep.equal({state: DEFAULT_VIEW_STATE, dropped: []});
    // A hand-made link keeps what is valid.
    const partial = decodeViewState(enc({v: 1, density: 'compact', columns: ['-plan.9999', 'bogus', '-name'], sort: [{key: 'x', dir: 'asc'}]}));
    expect(partial.state.density).to.equal('compact');
    expect(partial.state.columns[0]).to.deep.equal({key: 'plan', visible: false, width: 1200});
    expect(partial.state.columns[1]).to.deep.equal({key: 'name', visible: true, width: 260});
    expect(partial.state.sort).to.deep.equal([]);
    expect(partial.dropped.join('\n')).to.contain('"bogus"').and.contain('Name cannot be hidden');
  });
});

describe('view state: filterChips', () => {
  it('makes one chip per value, labelled, each removing only itself', () => {
    const filters = {plans: ['assessment', 'implementation'], statuses: ['active'], ownerIds: ['u-1', 'u-2'], storageRegions: ['eu-west']} as const;
    const chips = filterChips({...filters, plans: [...filters.plans], statuses: [...filters.statuses], ownerIds: [...filters.ownerIds], storageRegions: [...filters.storageRegions]}, new Map([['u-1', 'Morgan Vale']]));
    expect(chips.map((c) => c.label)).to.deep.equal(['Plan: Assessment', 'Plan: Implementation', 'Owner: Morgan Vale', 'Owner: Unknown user', 'Status: Active', 'Storage region: EU West']);
    expect(new Set(chips.map((c) => c.key)).size).to.equal(chips.length);
    expect(chips[0].remove()).to.deep.equal({plans: ['implementation'], statuses: ['active'], ownerIds: ['u-1', 'u-2'], storageRegions: ['eu-west']});
    // Removing the last value of a filter removes the filter.
    expect(chips[4].remove()).to.not.have.property('statuses');
    expect(filterChips({})).to.deep.equal([]);
    expect(filterChips({plans: []})).to.deep.equal([]);
  });
});
