/** Defines `<tenantry-quick-search>`, the popup's customer search. */
import {defineElement} from '../../src/page/register.js';
import {TenantryQuickSearch} from './quick-search.component.js';

export {TenantryQuickSearch};

defineElement('tenantry-quick-search', TenantryQuickSearch);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-quick-search': TenantryQuickSearch;
  }
}
