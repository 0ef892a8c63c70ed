/** Defines `<tenantry-saved-views>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {TenantrySavedViews} from './saved-views.component.js';

export {TenantrySavedViews};
export type {ViewRestoreDetail} from './saved-views.component.js';
export type {SavedView, SavedViewList, ViewStore} from '../../src/page/saved-views-store.js';

defineElement('tenantry-saved-views', TenantrySavedViews);

declare global {
  interface HTMLElementTagNameMap {
    'tenantry-saved-views': TenantrySavedViews;
  }
}
