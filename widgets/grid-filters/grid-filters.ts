/** Defines `<tenantry-grid-filters>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantryGridFilters} from './grid-filters.component.js';

export {TenantryGridFilters};
export type {FiltersChangeDetail} from './grid-filters.component.js';

defineElement('tenantry-grid-filters', TenantryGridFilters);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-grid-filters': TenantryGridFilters;
  }
}
