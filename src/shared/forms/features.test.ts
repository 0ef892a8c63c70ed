import {expect} from '@open-wc/testing';
import type {FeatureToggles} from '../model/types.js';
import {FEATURE_KEYS, FEATURE_NEEDS, check, dependants, disable, enable, requirements, type FeatureKey} from './features.js';

const NONE: FeatureToggles = {security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false};
const on = (...keys: FeatureKey[]): FeatureToggles => ({...NONE, ...Object.fromEntries(keys.map((k) => [k, true]))});
/** Every one of the 128 combinations. */
const ALL_COMBINATIONS: FeatureToggles[] = Array.from({length: 1 << FEATURE_KEYS.length}, (_, bits) => on(...FEATURE_KEYS.filter((_, i) => bits & (1 << i))));

describe('forms: features', () => {
  it('covers every toggle, and no feature needs itself, even through others', () => {
    expect([...FEATURE_KEYS].sort()).to.deep.equal(Object.keys(NONE).sort());
    for (const k of FEATURE_KEYS) expect(requirements(k), k).not.to.include(k);
    for (const k of FEATURE_KEYS) for (const need of FEATURE_NEEDS[k]) expect(need.anyOf.length, k).to.be.greaterThan(0);
  });

  it('switching a feature on switches on what it needs, and says so', () => {
    expect(enable(NONE, 'biAnalytics')).to.deep.equal({features: on('biAnalytics', 'costDetails'), also: ['costDetails']});
    expect(enable(NONE, 'm365Security')).to.deep.equal({features: on('m365Security', 'security'), also: ['security']});
    expect(enable(NONE, 'governanceVisualizer').also).to.deep.equal(['operations']);
    expect(enable(NONE, 'tasks').also, 'the first of security or operations').to.deep.equal(['security']);
    expect(enable(on('operations'), 'tasks')).to.deep.equal({features: on('operations', 'tasks'), also: []});
    expect(enable(on('security'), 'security')).to.deep.equal({features: on('security'), also: []});
  });

  it('switching a feature off switches off what can no longer run, and says so', () => {
    expect(disable(on('security', 'tasks', 'm365Security'), 'security')).to.deep.equal({features: NONE, also: ['tasks', 'm365Security']});
    expect(disable(on('security', 'operations', 'tasks', 'm365Security'), 'security')).to.deep.equal({
      features: on('operations', 'tasks'),
      also: ['m365Security'],
    });
    expect(disable(on('costDetails', 'biAnalytics'), 'costDetails').also).to.deep.equal(['biAnalytics']);
    expect(disable(on('costDetails', 'biAnalytics'), 'biAnalytics')).to.deep.equal({features: on('costDetails'), also: []});
  });

  it('enable and disable keep any consistent combination consistent, touching only what they must', () => {
    const consistent = ALL_COMBINATIONS.filter((f) => check(f).length === 0);
    expect(consistent.length).to.be.greaterThan(1).and.lessThan(128);
    for (const f of consistent) {
      for (const k of FEATURE_KEYS) {
        const up = enable(f, k);
        expect(check(up.features), `enable ${k}`).to.deep.equal([]);
        expect(up.features[k]).to.equal(true);
        for (const x of FEATURE_KEYS) if (f[x]) expect(up.features[x], `enable ${k} keeps ${x}`).to.equal(true);
        const down = disable(f, k);
        expect(check(down.features), `disable ${k}`).to.deep.equal([]);
        expect(down.features[k]).to.equal(false);
        for (const x of FEATURE_KEYS) if (!f[x]) expect(down.features[x], `disable ${k} leaves ${x} off`).to.equal(false);
      }
    }
    // From any combination at all, switching something off ends consistent.
    for (const f of ALL_COMBINATIONS) for (const k of FEATURE_KEYS) expect(check(disable(f, k).features)).to.deep.equal([]);
  });

  it('reports each feature that is on without what it needs, for the server', () => {
    expect(check(on('security', 'costDetails', 'biAnalytics', 'tasks', 'm365Security'))).to.deep.equal([]);
    const issues = check(on('biAnalytics', 'tasks', 'm365Security', 'governanceVisualizer'));
    expect(issues.map((i) => [i.path, i.message])).to.deep.equal([
      ['features.biAnalytics', 'BI analytics needs Cost details to be on.'],
      ['features.tasks', 'Tasks needs Security or Operations to be on.'],
      ['features.m365Security', 'Microsoft 365 security needs Security to be on.'],
      ['features.governanceVisualizer', 'Governance visualizer needs Operations to be on.'],
    ]);
    expect(issues[1].params).to.deep.include({key: 'tasks', needKeys: 'security,operations'});
    expect(check(on('biAnalytics'), 'input.features')[0].path).to.equal('input.features.biAnalytics');
  });

  it('tells a toggle what it brings and what it takes', () => {
    expect(requirements('biAnalytics')).to.deep.equal(['costDetails']);
    expect(requirements('security')).to.deep.equal([]);
    expect(dependants('costDetails')).to.deep.equal(['biAnalytics']);
    expect(dependants('security'), 'tasks still has operations').to.deep.equal(['m365Security']);
    expect(dependants('operations')).to.deep.equal(['governanceVisualizer']);
  });
});
