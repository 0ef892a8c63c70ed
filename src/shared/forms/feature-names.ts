/**
 * The features an organization switches on, and the names a person reads for them. Apart from the
 * rules of which needs which (`features.ts`), so that a page showing a record's features (the
 * details' profile) does not load the rules and their messages.
 */
import {msg} from '@lit/localize';
import type {FeatureToggles} from '../model/types.js';

export type FeatureKey = keyof FeatureToggles;

/** Names for the messages, in the page's language (a record, so a new toggle must be named here). */
export const FEATURE_LABELS: Readonly<Record<FeatureKey, string>> = {
  get security() {
    return msg('Security');
  },
  get operations() {
    return msg('Operations');
  },
  get costDetails() {
    return msg('Cost details');
  },
  get biAnalytics() {
    return msg('BI analytics');
  },
  get tasks() {
    return msg('Tasks');
  },
  get m365Security() {
    return msg('Microsoft 365 security');
  },
  get governanceVisualizer() {
    return msg('Governance visualizer');
  },
};

export const FEATURE_KEYS: readonly FeatureKey[] = Object.keys(FEATURE_LABELS) as FeatureKey[];
