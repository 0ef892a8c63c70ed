import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {toolbarPanelStyles} from '../../src/page/styles/toolbar-panel.js';

export const savedViewsStyles = [
  baseStyles,
  toolbarPanelStyles,
  css`
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2')};
      position: relative;
    }
    [part~='status'] {
      color: ${token('color-text-muted')};
    }
    :host {
      --_panel-width: var(--tenantry-saved-views-panel-width, 384px) !important;
      --_panel-background: var(--tenantry-saved-views-panel-background, ${token('color-surface')}) !important;
    }
    [part~='panel'] {
      inset-inline-start: 0;
    }
    [part~='panel-title'] {
      margin-block-end: ${token('space-2')};
    }
    [part~='list'] {
      list-style: none;
      margin: 0 0 ${token('space-3')};
      padding: 0;
      max-height: min(288px, 50vh);
      overflow: auto;
    }
    [part~='item'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: 2px 0;
    }
    [part~='restore'] {
      flex: 1;
      min-width: 0;
      text-align: start;
      border-color: transparent;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='saved-at'],
    [part~='empty'],
    [part~='notice'] {
      color: ${token('color-text-muted')};
      font-size: 0.9em;
    }
    [part~='delete'] {
      color: ${token('color-danger')};
    }
    [part~='save-form'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2')};
      align-items: center;
    }
    [part~='name-label'] {
      flex-basis: 100%;
      font-weight: 600;
    }
    [part~='name-input'],
    [part~='link'] {
      flex: 1;
      min-width: 160px;
      font: inherit;
      color: inherit;
      background: ${token('color-surface')};
      padding: ${token('space-1')} ${token('space-2')};
      border: 1px solid ${token('color-control-border')};
      border-radius: ${token('radius')};
    }
    [part~='save'],
    [part~='confirm-replace'] {
      color: ${token('color-accent-text')};
      background: var(--tenantry-saved-views-accent, ${token('color-accent')});
      border-color: transparent;
    }
    [part~='error'] {
      flex-basis: 100%;
      color: ${token('color-danger')};
    }
    [part~='error']:empty {
      display: none;
    }
    [part~='confirm'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2')};
      align-items: center;
      margin-block-start: ${token('space-2')};
    }
  `,
];
