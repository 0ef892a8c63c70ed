/** Defines `<tenant-switcher>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantSwitcher} from './tenant-switcher.component.js';

export {TenantSwitcher};
export type {ScopeChangeDetail} from './tenant-switcher.component.js';

defineElement('tenant-switcher', TenantSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'tenant-switcher': TenantSwitcher;
  }
}
