/** Defines `<tenantry-column-chooser>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantryColumnChooser} from './column-chooser.component.js';

export {TenantryColumnChooser};
export type {ColumnsChangeDetail} from './column-chooser.component.js';

defineElement('tenantry-column-chooser', TenantryColumnChooser);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-column-chooser': TenantryColumnChooser;
  }
}
