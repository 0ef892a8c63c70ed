/** Defines `<tenantry-config>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantryConfig} from './tenantry-config.component.js';

export {TenantryConfig};
export type {ConfigChangeDetail} from './tenantry-config.component.js';

defineElement('tenantry-config', TenantryConfig);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-config': TenantryConfig;
  }
}
