/** Defines `<customer-details>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {CustomerDetails} from './customer-details.component.js';

export {CustomerDetails};
export type {ContractOpenDetail, DetailsSectionDetail, OrganizationEditDetail} from './customer-details.component.js';
export {DETAILS_SECTIONS, type DetailsSection} from './details-sections.js';

defineElement('customer-details', CustomerDetails);

declare global {
  interface HTMLElementTagNameMap {
    'customer-details': CustomerDetails;
  }
}
