/**
 * Styles of `<organizations-grid>`. Three tiers: global `--tenantry-*` tokens, per-widget
 * `--tenantry-organizations-grid-*` properties that fall back to them, and private `--_*` values used inside.
 * No colour is written here: every one comes from a token or is mixed from one.
 */
import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {gridChromeStyles} from '../../src/page/grid/grid-styles.js';

export const gridStyles = [
  baseStyles,
  gridChromeStyles,
  css`
    :host {
      --_bg: var(--tenantry-organizations-grid-background, ${token('color-surface')}) !important;
      --_header-bg: var(--tenantry-organizations-grid-header-background, ${token('color-surface-raised')}) !important;
      --_hover: var(--tenantry-organizations-grid-row-hover-background, ${token('color-surface-raised')}) !important;
      --_border: var(--tenantry-organizations-grid-border-color, ${token('color-border')}) !important;
      --_text: var(--tenantry-organizations-grid-text-color, ${token('color-text')}) !important;
      --_muted: var(--tenantry-organizations-grid-muted-color, ${token('color-text-muted')}) !important;
      --_accent: var(--tenantry-organizations-grid-accent-color, ${token('color-accent')}) !important;
      --_focus: ${token('color-focus')} !important;
      --_radius: var(--tenantry-organizations-grid-radius, ${token('radius')}) !important;
      --_accent-text: ${token('color-accent-text')} !important;
      --_indent: var(--tenantry-organizations-grid-indent, 20px) !important;
      --_s1: ${token('space-1')} !important;
      --_s2: ${token('space-2')} !important;
      --_s3: ${token('space-3')} !important;
      --_s4: ${token('space-4')} !important;
      display: flex;
      flex-direction: column;
      height: var(--tenantry-organizations-grid-height, 600px);
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
    input {
      font: inherit;
      color: inherit;
    }
    button {
      cursor: pointer;
    }
    .toolbar button,
    .notice button,
    .state button,
    .pop-actions button,
    .pop-row button {
      background: var(--_bg);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      padding: var(--_s1) var(--_s3);
      line-height: 1.4;
    }
    .toolbar button:hover,
    .notice button:hover,
    .state button:hover {
      background: var(--_hover);
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    /* Toolbar */
    .search .icon {
      color: var(--_muted);
    }
    .group {
      display: inline-flex;
      align-items: center;
      gap: var(--_s1);
    }
    .group-label {
      color: var(--_muted);
      font-size: 0.9em;
    }
    .segmented {
      display: inline-flex;
    }
    .segmented button {
      border-radius: 0;
      margin-inline-start: -1px;
    }
    .segmented button:first-child {
      border-start-start-radius: var(--_radius);
      border-end-start-radius: var(--_radius);
      margin-inline-start: 0;
    }
    .segmented button:last-child {
      border-start-end-radius: var(--_radius);
      border-end-end-radius: var(--_radius);
    }
    /* Filled, not tinted: accent text on a 10% accent tint measured 4.48:1 with a host's blue. */
    .segmented button[aria-pressed='true'] {
      position: relative;
      border-color: var(--_accent);
      color: var(--_accent-text);
      background: var(--_accent);
      font-weight: 600;
    }
    .rate-date {
      color: var(--_muted);
      font-size: 0.85em;
    }
    ::slotted([slot='toolbar']) {
      flex: 0 1 auto;
    }
    .export {
      margin-inline-start: auto;
    }
    .export label {
      display: inline-flex;
      align-items: center;
      gap: var(--_s1);
      font-size: 0.9em;
      color: var(--_muted);
    }

    .summary {
      color: var(--_muted);
      font-size: 0.9em;
      min-height: 1.3em;
    }

    /* Notices */
    .notices:empty {
      display: none;
    }
    .notice .text {
      overflow: hidden;
      text-overflow: ellipsis;
      unicode-bidi: isolate;
    }
    progress {
      accent-color: var(--_accent);
      width: 160px;
    }

    /* The grid */
    .viewport {
      position: relative;
      flex: 1;
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
      /* A fixed row track: an auto one would measure every cell's content before laying it out. */
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
      /* Each row lays out and paints on its own: a row entering while scrolling costs only itself. */
      contain: strict;
    }
    .cell {
      display: flex;
      align-items: center;
      gap: var(--_s1);
      min-width: 0;
      padding: 0 var(--_s2);
      overflow: hidden;
      white-space: nowrap;
      border-bottom: 1px solid var(--_border);
    }
    .cell[data-align='end'] {
      justify-content: flex-end;
      text-align: end;
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
    /* The row paints the background; a cell needs its own only where content slides under it. */
    .grid[data-hscrolled] .body .pin {
      background: inherit;
    }
    /* Chromium gives every sticky cell a layer of its own, which made each scrolled frame cost
       more than the rows themselves. Until the grid is scrolled sideways the first column is at
       the start anyway, so body cells stick only from then on (the component sets the flag). */
    .hcell.pin,
    .grid[data-hscrolled] .pin {
      position: sticky;
      inset-inline-start: 0;
      z-index: 1;
    }
    .body .row:hover {
      background: var(--_hover);
    }
    .hcell {
      position: relative;
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
      display: inline-flex;
      align-items: center;
      color: var(--_accent);
      font-size: 0.75em;
    }
    .sort .icon {
      width: 12px;
      height: 12px;
    }
    .resizer {
      position: absolute;
      top: 0;
      bottom: 0;
      inset-inline-end: 0;
      width: 8px;
      cursor: col-resize;
      touch-action: none;
    }
    .resizer:hover,
    .resizer.active {
      background: color-mix(in srgb, var(--_accent) 40%, transparent);
    }

    .text {
      display: block;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      unicode-bidi: isolate;
    }
    .muted,
    .context .cell {
      color: var(--_muted);
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .icon {
      flex: none;
      width: 16px;
      height: 16px;
    }

    /* Name column: tree indentation and expander */
    .name {
      display: flex;
      align-items: center;
      gap: var(--_s1);
      min-width: 0;
      padding-inline-start: calc(var(--_depth, 0) * var(--_indent));
    }
    .expander,
    .expander-space {
      flex: none;
      width: 22px;
      height: 22px;
    }
    .expander {
      display: inline-grid;
      place-items: center;
      padding: 0;
      border: 0;
      border-radius: var(--_radius);
      background: transparent;
    }
    .expander:hover {
      background: var(--_hover);
    }
    .expander .chevron {
      transition: transform 120ms ease;
    }
    .expander[aria-expanded='true'] .chevron {
      transform: rotate(90deg);
    }
    .kind {
      flex: none;
      max-width: 50%;
      text-overflow: ellipsis;
      white-space: nowrap;
      color: var(--_muted);
      font-size: 0.8em;
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0 6px;
      overflow: hidden;
    }
    .account .kind {
      border: 0;
    }
    .context .name .text {
      font-style: italic;
    }

    /* Badges and statuses (never colour alone: each carries its label) */
    .badge {
      --_tone: var(--_muted);
      display: inline-flex;
      align-items: center;
      padding: 1px var(--_s2);
      border-radius: 999px;
      font-size: 0.85em;
      font-weight: 600;
      color: color-mix(in srgb, var(--_tone) 78%, var(--_text));
      background: color-mix(in srgb, var(--_tone) 12%, var(--_bg));
      border: 1px solid color-mix(in srgb, var(--_tone) 35%, var(--_bg));
    }
    [data-tone='success'] {
      --_tone: ${token('color-success')};
    }
    [data-tone='warning'] {
      --_tone: ${token('color-warning')};
    }
    [data-tone='failed'],
    [data-tone='danger'] {
      --_tone: ${token('color-danger')};
    }
    [data-tone='not-available'],
    [data-tone='neutral'] {
      --_tone: var(--_muted);
    }
    .source {
      display: inline-flex;
      align-items: center;
      gap: var(--_s1);
      min-width: 0;
    }
    .source .icon {
      color: color-mix(in srgb, var(--_tone) 85%, var(--_text));
    }

    .link-button,
    .actions-button {
      display: inline-flex;
      align-items: center;
      gap: var(--_s1);
      min-width: 0;
      max-width: 100%;
      padding: 2px 6px;
      border: 1px solid transparent;
      border-radius: var(--_radius);
      background: transparent;
      color: var(--_accent);
    }
    .link-button:hover,
    .actions-button:hover {
      border-color: var(--_border);
      background: var(--_hover);
    }
    .actions-button .chevron {
      transform: rotate(90deg);
      width: 12px;
      height: 12px;
    }
    .ring {
      width: 18px;
      height: 18px;
    }
    .ring-track {
      stroke: color-mix(in srgb, var(--_text) 15%, transparent);
    }
    .ring-value {
      stroke: var(--_accent);
    }
    /* A popup asked for before its code arrived: the cell that opens it waits. */
    .cell[aria-busy='true'] {
      cursor: progress;
    }
    .cell[aria-busy='true'] [data-action] {
      opacity: 0.6;
      pointer-events: none;
    }
    .popover [aria-busy='true'] {
      cursor: progress;
      opacity: 0.6;
    }
    .tip-target {
      text-decoration: underline dotted color-mix(in srgb, var(--_text) 45%, transparent);
      text-underline-offset: 3px;
    }

    /* Skeleton */
    .skeleton-text {
      display: block;
      width: 70%;
      height: 0.8em;
      border-radius: 4px;
      background: color-mix(in srgb, var(--_text) 10%, transparent);
      animation: pulse 1.2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.45;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .skeleton-text {
        animation: none;
      }
      .expander .chevron {
        transition: none;
      }
    }

    /* Empty, no-match and error states */

    /* Tooltips and popups */
    .popover {
      position: absolute;
      z-index: 10;
      min-width: 220px;
      max-width: min(380px, 90vw);
      max-height: 360px;
      overflow: auto;
      padding: var(--_s3);
      background: var(--_bg);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 6px 20px ${token('color-shadow')};
    }
    bdi,
    .isolate {
      unicode-bidi: isolate;
    }
  `,
];
