/**
 * Styles of `<accounts-grid>`. Three tiers: global `--tenantry-*` tokens, per-widget
 * `--tenantry-accounts-grid-*` properties that fall back to them, and private `--_*` values used
 * inside. No colour is written here: every one comes from a token or is mixed from one.
 */
import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {gridChromeStyles} from '../../src/page/grid/grid-styles.js';
import {accountPanelStyles} from '../../src/page/styles/account-panel.js';

export const accountsGridStyles = [
  baseStyles,
  gridChromeStyles,
  accountPanelStyles,
  css`
    :host {
      --_bg: var(--tenantry-accounts-grid-background, ${token('color-surface')}) !important;
      --_header-bg: var(--tenantry-accounts-grid-header-background, ${token('color-surface-raised')}) !important;
      --_hover: var(--tenantry-accounts-grid-row-hover-background, ${token('color-surface-raised')}) !important;
      --_border: var(--tenantry-accounts-grid-border-color, ${token('color-border')}) !important;
      --_text: var(--tenantry-accounts-grid-text-color, ${token('color-text')}) !important;
      --_accent: var(--tenantry-accounts-grid-accent-color, ${token('color-accent')}) !important;
      --_muted: var(--tenantry-accounts-grid-muted-color, ${token('color-text-muted')}) !important;
      --_focus: ${token('color-focus')} !important;
      --_radius: var(--tenantry-accounts-grid-radius, ${token('radius')}) !important;
      --_panel-w: var(--tenantry-accounts-grid-panel-width, 360px) !important;
      --_s1: ${token('space-1')} !important;
      --_s2: ${token('space-2')} !important;
      --_s3: ${token('space-3')} !important;
      --_s4: ${token('space-4')} !important;
      display: flex;
      flex-direction: column;
      height: var(--tenantry-accounts-grid-height, 600px);
      min-height: 240px;
      color: var(--_text);
    }
    /* The host's height, whatever \`display\` the page gives the host (a page's \`display: block\` on it would otherwise let the rows grow without end). */
    .frame {
      position: relative;
      display: flex;
      flex-direction: column;
      flex: 1;
      height: 100%;
      min-height: 0;
      gap: var(--_s2);
    }
    button,
    input,
    select {
      font: inherit;
      color: inherit;
    }
    button {
      cursor: pointer;
      background: var(--_bg);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      padding: var(--_s1) var(--_s3);
      line-height: 1.4;
    }
    button:hover {
      background: var(--_hover);
    }
    button:disabled,
    input:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    button.danger {
      border-color: ${token('color-danger')};
      color: ${token('color-danger')};
    }

    /* Toolbar */
    .search .icon {
      color: var(--_muted);
    }
    .filter {
      display: inline-flex;
      align-items: center;
      gap: var(--_s1);
    }
    .filter select {
      padding: var(--_s1) var(--_s2);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .summary {
      color: var(--_muted);
      font-size: 0.9em;
      min-height: 1.3em;
    }

    /* Notices */
    .notices:empty,
    .notices:not(:has(*)) {
      display: none;
    }

    /* Grid and panel side by side */
    .main {
      display: flex;
      flex: 1;
      min-height: 0;
      gap: var(--_s2);
    }
    .viewport {
      position: relative;
      flex: 1;
      min-width: 0;
      min-height: 0;
      overflow: auto;
      overscroll-behavior: contain;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .grid {
      position: relative;
      min-width: 100%;
    }
    .row {
      display: grid;
      grid-template-columns: var(--_cols);
      grid-template-rows: var(--_row-h);
      height: var(--_row-h);
    }
    .head {
      position: sticky;
      top: 0;
      z-index: 3;
    }
    .head .row {
      grid-template-rows: var(--_header-h);
      height: var(--_header-h);
    }
    .body {
      position: relative;
    }
    .body .row {
      position: absolute;
      top: 0;
      inset-inline-start: 0;
      width: 100%;
      background: var(--_bg);
      contain: strict;
      cursor: pointer;
    }
    .body .row:hover {
      background: var(--_hover);
    }
    .body .row.open {
      background: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    .cell {
      display: flex;
      align-items: center;
      gap: var(--_s2);
      min-width: 0;
      padding: 0 var(--_s2);
      overflow: hidden;
      white-space: nowrap;
      border-bottom: 1px solid var(--_border);
    }
    .cell[data-align='center'] {
      justify-content: center;
    }
    .cell:focus,
    .cell:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .pin {
      border-inline-end: 1px solid var(--_border);
    }
    .hcell.pin,
    .grid[data-hscrolled] .pin {
      position: sticky;
      inset-inline-start: 0;
      z-index: 1;
      background: inherit;
    }
    .hcell {
      background: var(--_header-bg);
      font-weight: 600;
      user-select: none;
    }
    .hcell.pin {
      z-index: 4;
    }
    .hcell[data-sortable] {
      cursor: pointer;
    }
    .hcell[data-sortable]:hover {
      color: var(--_accent);
    }
    .hlabel {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .sort {
      color: var(--_accent);
      font-size: 0.75em;
    }
    .text {
      display: block;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      unicode-bidi: isolate;
    }
    .mono {
      font-family: ${token('font-family-mono')};
      font-size: 0.92em;
    }
    .muted {
      color: var(--_muted);
    }
    .matched {
      color: var(--_accent);
      font-weight: 600;
    }
    .count {
      min-width: 2ch;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .badge {
      display: inline-flex;
      padding: 1px var(--_s2);
      border-radius: 999px;
      font-size: 0.85em;
      font-weight: 600;
      border: 1px solid var(--_border);
      background: var(--_header-bg);
    }
    .badge[data-type='dedicated'] {
      border-color: color-mix(in srgb, var(--_accent) 45%, var(--_bg));
    }
    .flag[data-on='false'] {
      color: var(--_muted);
    }
    .skeleton-text {
      display: block;
      width: 70%;
      height: 0.8em;
      border-radius: 4px;
      background: color-mix(in srgb, var(--_text) 10%, transparent);
    }

    /* States in place of rows */

    /* The opened account */
    .panel {
      flex: 0 0 var(--_panel-w);
      max-width: 100%;
      overflow: auto;
      padding: var(--_s3);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      display: flex;
      flex-direction: column;
      gap: var(--_s2);
    }
    a {
      color: var(--_accent);
    }
    [hidden] {
      display: none !important;
    }
    @media (max-width: 720px) {
      .main {
        flex-direction: column;
      }
      .panel {
        flex-basis: auto;
      }
    }
  `,
];
