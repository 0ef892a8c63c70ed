/**
 * What the wizard checks on each step, from the rules the server shares (`src/shared/forms/`):
 * every issue names its field by path, so it lands on the field, in the error summary and on the
 * step that shows it. A step's check is also a field's check (the issues of that one path are
 * kept), so leaving a field and pressing Next never disagree.
 */
import type {FormIssue} from '../../src/shared/forms/issue.js';
import {issue} from '../../src/shared/forms/issue.js';
import {checkOrganizationFields} from '../../src/shared/contract/field-rules.js';
import type {OrganizationInput} from '../../src/shared/model/types.js';
import {stepById, type StepId} from './wizard-steps.js';

export interface RuleContext {
  /** The values the edit started from (edit mode): an unchanged stored date is not judged again. */
  original: OrganizationInput | null;
}

/**
 * Every issue of one step's fields: the server's own rules over the fields the step owns
 * (`src/shared/contract/field-rules.ts`: one definition, so the wizard and the server never
 * disagree), plus what only the wizard asks: a choice about the Microsoft account (the server
 * accepts none, for clients that predate it).
 */
export async function checkStep(step: StepId, v: OrganizationInput, ctx: RuleContext): Promise<FormIssue[]> {
  const owns = new Set(stepById(step)?.owns ?? []);
  if (!owns.size) return [];
  const issues = await checkOrganizationFields(v, {only: owns, previous: ctx.original});
  return step === 'microsoft' && !v.microsoftAccount ? [issue('microsoftAccount', 'required'), ...issues] : issues;
}
