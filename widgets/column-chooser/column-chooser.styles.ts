import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {toolbarPanelStyles} from '../../src/page/styles/toolbar-panel.js';

export const columnChooserStyles = [
  baseStyles,
  toolbarPanelStyles,
  css`
    :host {
      display: inline-block;
      position: relative;
    }
    button[aria-disabled='true'] {
      cursor: default;
      opacity: 0.45;
    }
    :host {
      --_panel-width: var(--tenantry-column-chooser-panel-width, 320px) !important;
      --_panel-background: var(--tenantry-column-chooser-panel-background, ${token('color-surface')}) !important;
    }
    [part~='panel'] {
      inset-inline-end: 0;
    }
    [part~='hint'] {
      margin: ${token('space-1')} 0 ${token('space-2')};
      color: ${token('color-text-muted')};
      font-size: 0.9em;
    }
    [part~='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: var(--tenantry-column-chooser-max-height, min(416px, 60vh));
      overflow: auto;
    }
    [part~='item'] {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: 2px 0;
    }
    [part~='label'] {
      flex: 1;
    }
    [part~='move-up'],
    [part~='move-down'] {
      padding: 0 ${token('space-2')};
    }
    [part~='actions'] {
      display: flex;
      justify-content: flex-end;
      margin-block-start: ${token('space-3')};
    }
    [part~='note'] {
      color: ${token('color-text-muted')};
    }
  `,
];
