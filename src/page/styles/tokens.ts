/**
 * Global design tokens, tier one of theming: every widget reads `--tenantry-*` through its own
 * custom properties, so a host or white-label reseller restyles everything by setting these on
 * any ancestor (or `:root`). The values here are only fallbacks.
 */
import {css, unsafeCSS} from 'lit';

const TOKENS = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-size': '14px',
  'color-text': 'CanvasText',
  'color-text-muted': 'color-mix(in srgb, CanvasText 62%, Canvas)',
  'color-surface': 'Canvas',
  'color-surface-raised': 'color-mix(in srgb, CanvasText 4%, Canvas)',
  'color-border': 'color-mix(in srgb, CanvasText 18%, Canvas)',
  'color-accent': 'LinkText',
  'color-danger': 'color-mix(in srgb, red 75%, CanvasText)',
  'color-warning': 'color-mix(in srgb, orange 70%, CanvasText)',
  'color-success': 'color-mix(in srgb, green 70%, CanvasText)',
  'color-focus': 'Highlight',
  radius: '6px',
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
} as const;

export type TokenName = keyof typeof TOKENS;

/** `var(--tenantry-<name>, <fallback>)`, so no widget hard-codes a value. */
export const token = (name: TokenName) => unsafeCSS(`var(--tenantry-${name}, ${TOKENS[name]})`);

/** Base styles every widget starts from. */
export const baseStyles = css`
  :host {
    font-family: ${token('font-family')};
    font-size: ${token('font-size')};
    color: ${token('color-text')};
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  /* A name from the data keeps its own direction: an RTL override in it cannot flip the text around it. */
  bdi {
    unicode-bidi: isolate;
  }
  /* Read by screen readers, not shown. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
