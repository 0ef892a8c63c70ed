import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {toolbarPanelStyles} from '../../src/page/styles/toolbar-panel.js';

export const gridFiltersStyles = [
  baseStyles,
  toolbarPanelStyles,
  css`
    :host {
      display: block;
      position: relative;
    }
    [part~='count'] {
      display: inline-block;
      min-width: 1.5em;
      margin-inline-start: ${token('space-1')};
      padding: 0 ${token('space-1')};
      border-radius: 999px;
      text-align: center;
      color: ${token('color-accent-text')};
      background: var(--tenantry-grid-filters-accent, ${token('color-accent')});
    }
    :host {
      --_panel-width: var(--tenantry-grid-filters-panel-width, 544px) !important;
      --_panel-background: var(--tenantry-grid-filters-panel-background, ${token('color-surface')}) !important;
    }
    [part~='panel'] {
      inset-inline-start: 0;
      max-height: min(576px, 80vh);
      overflow: auto;
    }
    [part~='panel-title'] {
      margin-block-end: ${token('space-2')};
    }
    [part~='groups'] {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(224px, 1fr));
      gap: ${token('space-3')};
    }
    [part~='owner'] {
      grid-column: 1 / -1;
    }
    [part~='group'] {
      margin: 0;
      padding: ${token('space-2')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius')};
    }
    [part~='legend'] {
      font-weight: 600;
      padding: 0 ${token('space-1')};
    }
    [part~='option'] {
      display: flex;
      gap: ${token('space-2')};
      align-items: center;
      padding: 2px 0;
    }
    [part~='actions'] {
      display: flex;
      justify-content: flex-end;
      gap: ${token('space-2')};
      margin-block-start: ${token('space-3')};
    }
    [part~='apply'] {
      color: ${token('color-accent-text')};
      background: var(--tenantry-grid-filters-accent, ${token('color-accent')});
      border-color: transparent;
    }
    [part~='chips'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')};
      list-style: none;
      margin: ${token('space-2')} 0 0;
      padding: 0;
    }
    [part~='chip'] {
      display: inline-flex;
      align-items: center;
      max-width: 100%;
      border: 1px solid ${token('color-border')};
      border-radius: 999px;
      padding-inline-start: ${token('space-2')};
      background: var(--tenantry-grid-filters-chip-background, ${token('color-surface-raised')});
    }
    [part~='chip-label'] {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      max-width: 40ch;
    }
    [part~='chip-remove'] {
      border: 0;
      background: none;
      padding: 0 ${token('space-2')};
      border-radius: 999px;
    }
    [part~='clear-all'] {
      border: 0;
      background: none;
      text-decoration: underline;
      color: var(--tenantry-grid-filters-accent, ${token('color-accent')});
    }
  `,
];
