import {css, unsafeCSS} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {scopeBannerStyles} from '../../src/page/kit/scope-banner.js';
import {controlStyles} from '../../src/page/styles/controls.js';
import {accountPanelStyles} from '../../src/page/styles/account-panel.js';

/**
 * Height of one audit log row, in CSS pixels: set here, and what the audit section's virtual
 * scrolling counts in. Here rather than in that section so the stylesheet, which comes up front,
 * does not bring the section, which loads on demand.
 */
export const AUDIT_ROW_HEIGHT = 40;

/**
 * Every public `--tenantry-customer-details-*` property falls back to a `--tenantry-*` token;
 * inside, only private `--_*` copies are read so a host override applies in one place.
 */
export const customerDetailsStyles = [
  baseStyles,
  scopeBannerStyles,
  controlStyles,
  accountPanelStyles,
  css`
    :host {
      display: block;
      container-type: inline-size;
      --_bg: var(--tenantry-customer-details-background, ${token('color-surface')}) !important;
      --_raised: ${token('color-surface-raised')} !important;
      --_text: var(--tenantry-customer-details-text-color, ${token('color-text')}) !important;
      --_muted: var(--tenantry-customer-details-muted-color, ${token('color-text-muted')}) !important;
      --_border: var(--tenantry-customer-details-border-color, ${token('color-border')}) !important;
      --_accent: var(--tenantry-customer-details-accent-color, ${token('color-accent')}) !important;
      --_danger: var(--tenantry-customer-details-danger-color, ${token('color-danger')}) !important;
      --_warning: ${token('color-warning')} !important;
      --_success: ${token('color-success')} !important;
      --_radius: var(--tenantry-customer-details-radius, ${token('radius')}) !important;
      --_list-height: var(--tenantry-customer-details-list-height, 480px) !important;
      --_row: ${unsafeCSS(`${AUDIT_ROW_HEIGHT}px`)} !important;
      color: var(--_text);
      background: var(--_bg);
    }
    .frame {
      display: grid;
      gap: ${token('space-3')};
    }
    .header {
      display: grid;
      gap: ${token('space-2')};
    }
    .title-row {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: ${token('space-2')};
    }
    h2 {
      margin: 0;
      font-size: 1.4em;
      overflow-wrap: anywhere;
    }
    h3 {
      margin: 0 0 ${token('space-2')};
      font-size: 1.05em;
    }
    .muted,
    .hint {
      color: var(--_muted);
    }
    .hint {
      font-size: 0.9em;
    }
    .mono {
      font-family: ${token('font-family-mono')};
      font-size: 0.9em;
    }
    .badge {
      display: inline-block;
      padding: 1px ${token('space-2')};
      border-radius: 999px;
      border: 1px solid currentColor;
      font-size: 0.85em;
      white-space: nowrap;
    }
    .badge[data-status='active'],
    .badge[data-tone='success'] {
      color: var(--_success);
    }
    .badge[data-status='suspended'] {
      color: var(--_danger);
    }
    .badge[data-status='inactive'],
    .badge[data-status='archived'] {
      color: var(--_muted);
    }
    .badge[data-tone='info'] {
      color: var(--_accent);
    }
    .path {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')};
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--_muted);
    }
    .path li + li::before {
      content: '›';
      margin-inline-end: ${token('space-1')};
    }
    .actions,
    .section-actions,
    .filters,
    .dialog-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2')};
    }
    .section-actions,
    .filters {
      margin-block-end: ${token('space-3')};
    }
    .dialog-actions {
      justify-content: flex-end;
      margin-block-start: ${token('space-3')};
    }
    a[part~='action'] {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 6px ${token('space-3')};
      text-decoration: none;
    }
    button[part~='danger'] {
      border-color: var(--_danger);
    }
    button.link {
      border: 0;
      padding: 0;
      background: none;
      color: var(--_accent);
      text-decoration: underline;
      text-align: start;
    }
    button[aria-pressed='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 -2px 0 var(--_accent);
    }
    .count {
      color: var(--_muted);
    }
    a[part~='console-link'] {
      color: var(--_accent);
    }
    .notice {
      margin: 0;
      padding: ${token('space-2')} ${token('space-3')};
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_accent);
    }
    .notice[data-tone='danger'] {
      border-inline-start-color: var(--_danger);
    }
    .notice[data-tone='warning'] {
      border-inline-start-color: var(--_warning);
    }
    .notice[data-tone='success'] {
      border-inline-start-color: var(--_success);
    }
    .note[data-tone='danger'],
    .field-error {
      color: var(--_danger);
    }
    .note {
      margin: ${token('space-1')} 0 0;
    }

    /* Tabs: a row above the panel when narrow, a column beside it when there is room. */
    .tabs {
      display: flex;
      gap: 2px;
      overflow-x: auto;
      border-bottom: 1px solid var(--_border);
    }
    [role='tab'] {
      border: 0;
      border-radius: var(--_radius) var(--_radius) 0 0;
      background: none;
      white-space: nowrap;
      padding: 6px ${token('space-3')};
      color: var(--_muted);
    }
    [role='tab'][aria-selected='true'] {
      color: var(--_text);
      box-shadow: inset 0 -3px 0 var(--_accent);
      font-weight: 600;
    }
    .section-panel {
      min-width: 0;
    }
    /* The account panel of a linked account, below the table. */
    .section-panel .panel {
      display: flex;
      flex-direction: column;
      gap: ${token('space-2')};
      margin-block: ${token('space-3')};
      padding: ${token('space-3')};
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .offers li {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-1')} 0;
    }
    @container (min-width: 880px) {
      .frame {
        grid-template-columns: 200px minmax(0, 1fr);
      }
      .frame > :not(.tabs, .section-panel) {
        grid-column: 1 / -1;
      }
      .tabs {
        flex-direction: column;
        overflow: visible;
        border-bottom: 0;
        border-inline-end: 1px solid var(--_border);
        align-self: start;
      }
      [role='tab'] {
        text-align: start;
        border-radius: var(--_radius) 0 0 var(--_radius);
      }
      [role='tab'][aria-selected='true'] {
        box-shadow: inset -3px 0 0 var(--_accent);
      }
    }

    /* Sections */
    .group + .group {
      margin-block-start: ${token('space-4')};
    }
    dl {
      display: grid;
      grid-template-columns: minmax(120px, max-content) minmax(0, 1fr);
      gap: ${token('space-1')} ${token('space-3')};
      margin: 0 0 ${token('space-3')};
    }
    /* The profile's groups share one label column, so their values line up from group to group. */
    .profile {
      display: grid;
      grid-template-columns: minmax(120px, max-content) minmax(0, 1fr);
      column-gap: ${token('space-3')};
    }
    .profile > .group,
    .profile dl {
      grid-column: 1 / -1;
      display: grid;
      grid-template-columns: subgrid;
    }
    .profile h3 {
      grid-column: 1 / -1;
    }
    /* A grid item's margins do not collapse with the next group's as the blocks' did. */
    .profile dl {
      margin: 0;
    }
    .pair {
      display: contents;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    /* A narrow column (a side panel, a phone): each label above its value, which keeps the width. */
    @container (max-width: 479px) {
      dl,
      .profile {
        grid-template-columns: minmax(0, 1fr);
      }
      dd {
        margin-block-end: ${token('space-2')};
      }
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: start;
      padding: 6px ${token('space-2')};
      border-bottom: 1px solid var(--_border);
      vertical-align: top;
      /* Long ids break, but a column is never narrower than its longest word. */
      overflow-wrap: break-word;
    }
    thead th {
      color: var(--_muted);
      font-weight: 600;
    }
    tbody th {
      font-weight: 500;
    }
    .num {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
    .row-actions {
      white-space: nowrap;
      text-align: end;
    }
    .empty {
      color: var(--_muted);
    }
    ul.plain,
    .tasks {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tasks li {
      display: flex;
      align-items: center;
      gap: ${token('space-2')};
      padding: ${token('space-2')} 0;
      border-bottom: 1px solid var(--_border);
    }
    .task-title {
      flex: 1;
    }
    .field {
      display: grid;
      gap: ${token('space-1')};
      margin-block-end: ${token('space-2')};
    }
    .field.inline {
      display: inline-grid;
    }
    .people-part {
      margin-block-end: ${token('space-4')};
    }
    dialog {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
      width: min(480px, calc(100vw - 32px));
    }
    dialog::backdrop {
      background: ${token('color-backdrop')};
    }

    /* Audit log: a windowed table with fixed row height. */
    .audit {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .audit-row {
      display: grid;
      grid-template-columns: 11em 10em 12em 10em minmax(0, 1fr);
      gap: ${token('space-2')};
      align-items: center;
      height: var(--_row);
      padding: 0 ${token('space-2')};
      box-sizing: border-box;
      border-bottom: 1px solid var(--_border);
      white-space: nowrap;
    }
    .audit-row > span {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .audit-head .audit-row {
      color: var(--_muted);
      font-weight: 600;
    }
    .audit-viewport {
      height: var(--_list-height);
      overflow-y: auto;
      contain: strict;
    }
    .audit-spacer {
      position: relative;
    }
    .audit-window {
      position: absolute;
      inset-inline: 0;
      top: 0;
    }
    .audit-window .audit-row[hidden] {
      display: none;
    }
    .audit-window .audit-row {
      /* A row lays out and paints on its own: one whose text changes while scrolling costs only itself. */
      contain: strict;
    }
    @media (forced-colors: active) {
      [role='tab'][aria-selected='true'] {
        outline: 2px solid CanvasText;
      }
      /* The status badge's colour is its tone; in high contrast the border and text carry it. */
      .badge {
        border-color: CanvasText;
      }
    }
  `,
];
