/** Defines `<tenantry-saved-views>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantrySavedViews} from './saved-views.component.js';

export {TenantrySavedViews};
export type {SavedView, SavedViewList, ViewStore, ViewRestoreDetail, PrefClient} from './saved-views.component.js';

defineElement('tenantry-saved-views', TenantrySavedViews);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-saved-views': TenantrySavedViews;
  }
}
