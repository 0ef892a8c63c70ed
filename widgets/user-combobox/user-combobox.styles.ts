import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';

export const userComboboxStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      position: relative;
    }
    [part~='label'] {
      display: block;
      font-weight: 600;
      margin-block-end: ${token('space-1')};
    }
    [part~='field'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')};
      align-items: center;
      padding: ${token('space-1')};
      border: 1px solid ${token('color-control-border')};
      border-radius: ${token('radius')};
      background: ${token('color-surface')};
    }
    [part~='tokens'] {
      display: contents;
      list-style: none;
    }
    [part~='token'] {
      display: inline-flex;
      align-items: center;
      gap: ${token('space-1')};
      max-width: 100%;
      padding: 0 0 0 ${token('space-2')};
      border-radius: ${token('radius')};
      background: var(--tenantry-user-combobox-token-background, ${token('color-surface-raised')});
      border: 1px solid ${token('color-border')};
    }
    [part~='token'] bdi {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      max-width: 24ch;
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 0;
      padding: 0 ${token('space-1')};
      cursor: pointer;
      border-radius: ${token('radius')};
    }
    [part~='input'] {
      flex: 1 1 12ch;
      min-width: 12ch;
      font: inherit;
      color: inherit;
      background: transparent;
      border: 0;
      padding: ${token('space-1')};
    }
    [part~='input']:focus-visible {
      outline: none;
    }
    [part~='field']:focus-within {
      outline: 2px solid ${token('color-focus')};
      outline-offset: 1px;
    }
    [part~='listbox'] {
      position: absolute;
      inset-inline: 0;
      z-index: 2;
      margin: 2px 0 0;
      padding: ${token('space-1')} 0;
      list-style: none;
      max-height: var(--tenantry-user-combobox-max-height, 256px);
      overflow: auto;
      background: ${token('color-surface')};
      border: 1px solid ${token('color-border')};
      border-radius: ${token('radius')};
    }
    [part~='option'] {
      padding: ${token('space-1')} ${token('space-2')};
      cursor: pointer;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='option'][aria-selected='true']::before {
      content: '✓ ';
    }
    [part~='option-active'] {
      background: var(--tenantry-user-combobox-active-background, ${token('color-surface-raised')});
      outline: 2px solid ${token('color-focus')};
      outline-offset: -2px;
    }
    [part~='option-detail'],
    [part~='status'] {
      color: ${token('color-text-muted')};
    }
    [part~='option-detail'] {
      margin-inline-start: ${token('space-2')};
    }
    [part~='status']:empty {
      display: none;
    }
  `,
];
