/** Defines `<organizations-grid>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {OrganizationsGrid} from './organizations-grid.component.js';

export {OrganizationsGrid};
export type {RowAction, RowActionDetail, ViewStateChangeDetail} from './organizations-grid.component.js';

defineElement('organizations-grid', OrganizationsGrid);

declare global {
  interface HTMLElementTagNameMap {
    'organizations-grid': OrganizationsGrid;
  }
}
