/** Defines `<customer-wizard>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {CustomerWizard} from './customer-wizard.component.js';

export {CustomerWizard};
export type {CustomerSavedDetail, DraftChangeDetail} from './customer-wizard.component.js';

defineElement('customer-wizard', CustomerWizard);

declare global {
  interface HTMLElementTagNameMap {
    'customer-wizard': CustomerWizard;
  }
}
