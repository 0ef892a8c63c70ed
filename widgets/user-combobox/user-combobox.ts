/** Defines `<tenantry-user-combobox>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantryUserCombobox} from './user-combobox.component.js';

export {TenantryUserCombobox};
export type {UserDirectory, UsersChangeDetail} from './user-combobox.component.js';

defineElement('tenantry-user-combobox', TenantryUserCombobox);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-user-combobox': TenantryUserCombobox;
  }
}
