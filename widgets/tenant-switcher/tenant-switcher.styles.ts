import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';

/**
 * Every public `--tenantry-tenant-switcher-*` property falls back to a `--tenantry-*` token;
 * inside, the widget reads only private `--_*` copies so a host override applies in one place.
 */
export const tenantSwitcherStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      position: relative;
      --_bg: var(--tenantry-tenant-switcher-background, ${token('color-surface')}) !important;
      --_text: var(--tenantry-tenant-switcher-text-color, ${token('color-text')}) !important;
      --_muted: var(--tenantry-tenant-switcher-muted-color, ${token('color-text-muted')}) !important;
      --_border: var(--tenantry-tenant-switcher-border-color, ${token('color-border')}) !important;
      --_accent: var(--tenantry-tenant-switcher-accent-color, ${token('color-accent')}) !important;
      --_raised: var(--tenantry-tenant-switcher-active-background, ${token('color-surface-raised')}) !important;
      --_danger: var(--tenantry-tenant-switcher-danger-color, ${token('color-danger')}) !important;
      --_warning: var(--tenantry-tenant-switcher-warning-color, ${token('color-warning')}) !important;
      --_radius: var(--tenantry-tenant-switcher-radius, ${token('radius')}) !important;
      --_max-height: var(--tenantry-tenant-switcher-max-height, 360px) !important;
      --_popup-width: var(--tenantry-tenant-switcher-popup-width, 420px) !important;
      --_name-width: var(--tenantry-tenant-switcher-name-max-width, 28ch) !important;
      color: var(--_text);
    }
    button {
      font: inherit;
      color: inherit;
      background: none;
      border: 1px solid transparent;
      border-radius: var(--_radius);
      padding: ${token('space-1')} ${token('space-2')};
      cursor: pointer;
    }
    button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    [part~='control'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-1')} ${token('space-2')};
      background: var(--_bg);
      border: 1px solid var(--_control-border);
      --_scope-color: var(--tenantry-tenant-switcher-scope-color, var(--tenantry-scope-color, ${token('color-accent')}));
      border-inline-start: 6px solid var(--_scope-color);
      border-radius: var(--_radius);
    }
    [part~='logo'] {
      display: contents;
    }
    ::slotted([slot='logo']) {
      display: block;
      flex: none;
      block-size: var(--tenantry-tenant-switcher-logo-height, 24px);
      inline-size: auto;
      max-inline-size: 160px;
    }
    [part~='chip'] {
      flex: none;
      inline-size: 14px;
      block-size: 14px;
      border-radius: 50%;
      background: var(--_scope-color);
      border: 1px solid var(--_border);
    }
    [part~='scope'] {
      display: flex;
      flex-direction: column;
      min-width: 0;
      max-width: var(--_name-width);
    }
    .ellipsis {
      display: block;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      min-width: 0;
    }
    [part~='name'] {
      font-weight: 600;
    }
    [part~='path'] {
      display: flex;
      min-width: 0;
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--_muted);
      font-size: 0.86em;
      white-space: nowrap;
      overflow: hidden;
    }
    [part~='path'] li {
      display: inline-flex;
      min-width: 0;
    }
    [part~='path'] li > bdi {
      overflow: hidden;
      text-overflow: ellipsis;
      max-width: 16ch;
    }
    .sep {
      padding-inline: ${token('space-1')};
    }
    [part~='segment'] {
      display: inline-flex;
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    [part~='segment-button'] {
      border-radius: 0;
      border: 0;
    }
    [part~='segment-button'][aria-pressed='true'] {
      background: var(--_accent);
      color: var(--tenantry-tenant-switcher-accent-text-color, ${token('color-accent-text')});
    }
    [part~='note'] {
      color: var(--_muted);
      font-size: 0.86em;
    }
    [part~='combobox'] {
      position: relative;
      flex: 1 1 18ch;
      min-width: 14ch;
    }
    [part~='input'] {
      inline-size: 100%;
      font: inherit;
      color: inherit;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: ${token('space-1')} ${token('space-2')};
    }
    [part~='back'] {
      border-color: var(--_border);
      max-width: 24ch;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='popup'] {
      position: absolute;
      inset-inline-start: 0;
      inset-block-start: calc(100% + 2px);
      z-index: 10;
      inline-size: max(100%, min(var(--_popup-width), 90vw));
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 4px 16px ${token('color-shadow')};
    }
    [part~='listbox'] {
      max-block-size: var(--_max-height);
      overflow-y: auto;
      margin: 0;
      padding: ${token('space-1')} 0;
    }
    [part~='group-label'] {
      padding: ${token('space-1')} ${token('space-2')};
      font-size: 0.8em;
      font-weight: 600;
      text-transform: uppercase;
      color: var(--_muted);
    }
    [part~='option'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0 ${token('space-2')};
      padding: ${token('space-1')} ${token('space-2')};
      cursor: pointer;
      border-inline-start: 3px solid transparent;
    }
    [part~='option-active'] {
      background: var(--_raised);
      border-inline-start-color: var(--_accent);
    }
    [part~='option-current'] [part~='option-name']::after {
      content: ' ✓' / '';
    }
    .option-main {
      min-width: 0;
    }
    [part~='option-name'] {
      font-weight: 600;
    }
    [part~='option-detail'] {
      color: var(--_muted);
      font-size: 0.86em;
    }
    .option-tools {
      display: flex;
      align-items: center;
      gap: ${token('space-1')};
      grid-row: span 3;
    }
    [part~='pin'],
    [part~='drill'] {
      padding: 0 ${token('space-1')};
      color: var(--_muted);
    }
    [part~='pin'][data-pinned] {
      color: var(--_accent);
    }
    [part~='footer'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')};
      align-items: center;
      padding: ${token('space-1')} ${token('space-2')};
      border-block-start: 1px solid var(--_border);
      font-size: 0.86em;
    }
    [part~='footer'] button {
      border-color: var(--_border);
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='status'] {
      padding: ${token('space-1')} ${token('space-2')};
      color: var(--_muted);
      font-size: 0.86em;
    }
    [part~='status']:empty {
      padding: 0;
    }
    [part~='error'],
    [part~='notice'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2')};
      margin-block-start: ${token('space-1')};
      padding: ${token('space-1')} ${token('space-2')};
      border: 1px solid var(--_warning);
      border-radius: var(--_radius);
    }
    [part~='error'] {
      border-color: var(--_danger);
      color: var(--_danger);
    }
    [part~='notice'] button,
    [part~='error'] button {
      border-color: var(--_border);
    }
    /* Shown instead of everything else while there is no data client. */
    [part~='missing-client'] {
      margin: 0;
      padding: ${token('space-1')} ${token('space-2')};
      border: 1px solid var(--_danger);
      border-radius: var(--_radius);
      color: var(--_danger);
      background: var(--_bg);
    }
  `,
];
