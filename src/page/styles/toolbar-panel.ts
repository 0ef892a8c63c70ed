/**
 * The drop-down panel of a toolbar control (filters, column chooser, saved views) and the
 * buttons in it: one look, defined once. A component sets `--_panel-width` and `--_panel-background` (from its own public
 * custom properties) and which edge the panel aligns to.
 */
import {css} from 'lit';
import {token} from './tokens.js';

export const toolbarPanelStyles = css`
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border-radius: ${token('radius')};
    border: 1px solid ${token('color-control-border')};
    background: ${token('color-surface')};
    padding: ${token('space-1')} ${token('space-3')};
  }
  [part~='panel'] {
    position: absolute;
    z-index: 10;
    inset-block-start: calc(100% + ${token('space-1')});
    width: min(var(--_panel-width, 384px), calc(100vw - 2 * ${token('space-4')}));
    padding: ${token('space-3')};
    background: var(--_panel-background, ${token('color-surface')});
    border: 1px solid ${token('color-border')};
    border-radius: ${token('radius')};
    box-shadow: 0 4px 16px ${token('color-shadow')};
  }
  [part~='panel'][hidden] {
    display: none;
  }
  [part~='panel-title'] {
    font-weight: 600;
    font-size: 1.1em;
  }
`;
