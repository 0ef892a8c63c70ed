/**
 * Which features need which. One table serves the wizard (switching one on switches on what it
 * needs; switching one off switches off what needs it) and the server (`check` refuses a
 * combination the table does not allow).
 *
 * No rule ties features to the plan: a plan says what is sold and billed, not what can run, and
 * nothing in the product says otherwise yet (every plan may carry every feature today). Such a
 * rule, when there is one, belongs beside this table.
 */
import {numberLocale} from './number-locale.js';
import type {FeatureToggles} from '../model/types.js';
import {issue, joinPath, type FormIssue} from './issue.js';
import {FEATURE_KEYS, FEATURE_LABELS, type FeatureKey} from './feature-names.js';

export {FEATURE_KEYS, FEATURE_LABELS, type FeatureKey} from './feature-names.js';

export interface FeatureNeed {
  /** At least one of these must be on; `enable` switches on the first. */
  readonly anyOf: readonly FeatureKey[];
  /** Why the rule exists. */
  readonly why: string;
}

export const FEATURE_NEEDS: Readonly<Record<FeatureKey, readonly FeatureNeed[]>> = {
  security: [],
  operations: [],
  costDetails: [],
  biAnalytics: [{anyOf: ['costDetails'], why: 'BI dashboards are built on the cost detail data; without it they are empty.'}],
  tasks: [
    {
      anyOf: ['security', 'operations'],
      why: 'Tasks are raised from security detections and operations findings; with neither collected there is nothing to raise them from.',
    },
  ],
  m365Security: [{anyOf: ['security'], why: 'Microsoft 365 security posture is collected and scored by the security module.'}],
  governanceVisualizer: [
    {anyOf: ['operations'], why: 'The visualizer draws the Azure inventory (management groups, subscriptions, policies, role assignments) that operations collects.'},
  ],
};

export interface FeatureChange {
  readonly features: FeatureToggles;
  /** What was switched besides the feature asked for, in the order it was switched. */
  readonly also: readonly FeatureKey[];
}

const satisfied = (features: FeatureToggles, need: FeatureNeed): boolean => need.anyOf.some((k) => features[k]);

/** Switches `key` on, and what it needs (transitively) with it. */
export function enable(features: FeatureToggles, key: FeatureKey): FeatureChange {
  const next = {...features};
  const also: FeatureKey[] = [];
  const turnOn = (k: FeatureKey): void => {
    if (!next[k]) {
      next[k] = true;
      if (k !== key) also.push(k);
    }
    for (const need of FEATURE_NEEDS[k]) if (!satisfied(next, need)) turnOn(need.anyOf[0]);
  };
  turnOn(key);
  return {features: next, also};
}

/** Switches `key` off, and whatever can no longer run without it (transitively). */
export function disable(features: FeatureToggles, key: FeatureKey): FeatureChange {
  const next = {...features, [key]: false};
  const also: FeatureKey[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const k of FEATURE_KEYS) {
      if (next[k] && !FEATURE_NEEDS[k].every((need) => satisfied(next, need))) {
        next[k] = false;
        also.push(k);
        changed = true;
      }
    }
  }
  return {features: next, also};
}

const or = (): Intl.ListFormat => new Intl.ListFormat(numberLocale(), {type: 'disjunction'});

/** An issue at `path.key` for each feature that is on without what it needs. */
export function check(features: FeatureToggles, path = 'features'): FormIssue[] {
  const issues: FormIssue[] = [];
  for (const k of FEATURE_KEYS) {
    if (!features[k]) continue;
    for (const need of FEATURE_NEEDS[k]) {
      if (satisfied(features, need)) continue;
      const needs = or().format(need.anyOf.map((n) => FEATURE_LABELS[n]));
      issues.push(issue(joinPath(path, k), 'feature.needs', {feature: FEATURE_LABELS[k], needs, key: k, needKeys: need.anyOf.join(',')}));
    }
  }
  return issues;
}

const NONE: FeatureToggles = {security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false};
const ALL: FeatureToggles = {security: true, operations: true, costDetails: true, biAnalytics: true, tasks: true, m365Security: true, governanceVisualizer: true};

/** What switching `key` on from nothing brings with it (for a hint beside the toggle). */
export function requirements(key: FeatureKey): readonly FeatureKey[] {
  return enable(NONE, key).also;
}

/** What switching `key` off from everything takes with it (for a hint beside the toggle). */
export function dependants(key: FeatureKey): readonly FeatureKey[] {
  return disable(ALL, key).also;
}
