/**
 * What the wizard loads after it first shows (the first step needs none of it): the views of the
 * steps after the first, with the review, and the rules every step is checked by (the server's
 * own, `wizard-rules.ts`). Asked for when the page is idle after the wizard connected, or by the
 * first move or check that needs it, which waits for it meanwhile.
 */
import type {StepView} from './steps/step-context.js';
import type {StepId} from './wizard-steps.js';
import {renderCompanyStep} from './steps/company-step.js';
import {renderMicrosoftStep} from './steps/microsoft-step.js';
import {renderNotificationsStep} from './steps/notifications-step.js';
import {renderPeopleStep} from './steps/people-step.js';
import {renderPlanStep} from './steps/plan-step.js';
import {renderSchedulesStep} from './steps/schedules-step.js';
import {renderSalesStep} from './steps/sales-step.js';

export {loadUserPicker} from './steps/people-step.js';
export {renderReviewStep} from './steps/review-step.js';
export {checkStep} from './wizard-rules.js';

/** The views of the steps after the first (the review has its own). */
export const LATER_VIEWS: Readonly<Record<Exclude<StepId, 'organization' | 'review'>, StepView>> = {
  company: renderCompanyStep,
  people: renderPeopleStep,
  microsoft: renderMicrosoftStep,
  plan: renderPlanStep,
  schedules: renderSchedulesStep,
  notifications: renderNotificationsStep,
  sales: renderSalesStep,
};
