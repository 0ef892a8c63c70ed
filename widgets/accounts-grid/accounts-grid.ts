/** Defines `<accounts-grid>`; safe to load twice (a host may already have defined it). */
import {defineElement} from '../../src/page/register.js';
import {AccountsGrid} from './accounts-grid.component.js';

export {AccountsGrid};
export type {AccountOpenDetail} from './accounts-grid.component.js';

defineElement('accounts-grid', AccountsGrid);

declare global {
  interface HTMLElementTagNameMap {
    'accounts-grid': AccountsGrid;
  }
}
