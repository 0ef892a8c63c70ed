/** Defines `<tenantry-lifecycle-dialog>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantryLifecycleDialog} from './lifecycle-dialog.component.js';

export {TenantryLifecycleDialog};
export type {LifecycleChangeDetail, LifecycleMergeDetail} from './lifecycle-dialog.component.js';
export type {LifecycleOutcome, LifecycleRequest, LifecycleRequestAction, LifecycleScope, LifecycleSubject} from '../../src/page/kit/lifecycle-controller.js';

defineElement('tenantry-lifecycle-dialog', TenantryLifecycleDialog);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-lifecycle-dialog': TenantryLifecycleDialog;
  }
}
