/**
 * Global design tokens, tier one of theming: every widget reads `--tenantry-*` through its own
 * custom properties, so a host or white-label reseller restyles everything by setting these on
 * any ancestor (or `:root`). The values here are only the defaults.
 *
 * Colours are written `light-dark(<light>, <dark>)`: each widget follows the `color-scheme` it
 * inherits (a page or wrapper with `color-scheme: dark` gets the dark set, `light dark` follows
 * the user's `prefers-color-scheme`, nothing set gets light), or the one its `theme` attribute
 * forces. No script is needed and nothing leaks into the host page: `color-scheme` is only read.
 * Every text/background pair of these defaults passes WCAG AA in both schemes (the README lists
 * the figures); a host that sets a colour token takes that over.
 */
import {css, unsafeCSS} from 'lit';

export const TOKENS = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-family-mono': 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  'font-size': '14px',
  'line-height': 'normal',
  'color-text': 'light-dark(#16191d, #e6e8eb)',
  'color-text-muted': 'light-dark(#5a606b, #a7aeb9)',
  'color-surface': 'light-dark(#ffffff, #1a1d21)',
  'color-surface-raised': 'light-dark(#f4f5f7, #25292f)',
  'color-border': 'light-dark(#d2d5da, #434a54)',
  // A control's edge (inputs, buttons, toggles): 3:1 against the surfaces, as WCAG asks of what identifies a control.
  'color-control-border': 'light-dark(#7d838d, #7c8593)',
  'color-accent': 'light-dark(#0b57d0, #8ab4f8)',
  'color-accent-text': 'light-dark(#ffffff, #0b1a33)',
  'color-danger': 'light-dark(#b3261e, #f2b8b5)',
  'color-warning': 'light-dark(#8a4f00, #f3c36f)',
  'color-success': 'light-dark(#17692f, #8ad69d)',
  'color-focus': 'light-dark(#0b57d0, #8ab4f8)',
  'color-backdrop': 'light-dark(rgb(0 0 0 / 0.35), rgb(0 0 0 / 0.6))',
  'color-shadow': 'light-dark(rgb(0 0 0 / 0.18), rgb(0 0 0 / 0.55))',
  radius: '6px',
  'space-1': '4px',
  'space-2': '8px',
  'space-3': '12px',
  'space-4': '16px',
} as const;

export type TokenName = keyof typeof TOKENS;

/** `var(--tenantry-<name>, <default>)` as text, for the few places outside a stylesheet. */
export const tokenVar = (name: TokenName): string => `var(--tenantry-${name}, ${TOKENS[name]})`;

/** `var(--tenantry-<name>, <default>)`, so no widget hard-codes a value. */
export const token = (name: TokenName) => unsafeCSS(tokenVar(name));

/**
 * The `theme` attribute (`light`, `dark`, `auto`) forces a scheme on one element and what is
 * inside it; `<tenantry-config theme>` and any wrapper element can use the same rules.
 * `!important` so a page's `* { color-scheme: … }` cannot undo an explicit choice.
 */
export const themeAttributeStyles = css`
  /* A forced scheme may differ from the page's: the element then brings its own surface. */
  :host([theme]) {
    background-color: var(--_bg);
  }
  :host([theme='light']) {
    color-scheme: light !important;
  }
  :host([theme='dark']) {
    color-scheme: dark !important;
  }
  :host([theme='auto']) {
    color-scheme: light dark !important;
  }
`;

/**
 * Base styles every widget starts from.
 *
 * A page's rules reach a widget's host element (a `*` selector matches it) and everything inside
 * inherits from the host, so the inherited text properties are set here with `!important`: a
 * shadow root's important declarations beat the page's, even the page's important ones. A page
 * changes font, size, line height and text colour through the tokens instead. What still
 * inherits from the page on purpose: `direction`, `writing-mode`, `lang`-driven behaviour,
 * `color-scheme` and `visibility`. Inside, `box-sizing` is set (not inherited), so a page's
 * `* { box-sizing: content-box }` leaves our boxes alone.
 */
export const baseStyles = css`
  :host {
    --_text: ${token('color-text')} !important;
    --_bg: ${token('color-surface')} !important;
    --_control-border: ${token('color-control-border')} !important;
    font: normal normal 400 ${token('font-size')} / ${token('line-height')} ${token('font-family')} !important;
    color: var(--_text) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-align: start !important;
    text-shadow: none !important;
    white-space: normal !important;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  ${themeAttributeStyles}
  *,
  *::before,
  *::after {
    box-sizing: border-box;
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
  /* High contrast: the browser replaces our colours with the user's system colours and drops
     shadows and tints, so each state that a tint or an inset shadow showed gets a system colour.
     Important: these must win over each widget's more specific rule for the same state. */
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight !important;
    }
    [aria-pressed='true'],
    [role='option'][aria-selected='true'],
    [part~='option-active'],
    [part~='open-row'],
    [part~='tab-selected'] {
      background-color: Highlight !important;
      color: HighlightText !important;
      border-color: Highlight !important;
      forced-color-adjust: none !important;
    }
    [part~='open-row'] > *,
    [part~='tab-selected'] * {
      color: HighlightText !important;
    }
    [aria-current='step'] {
      outline: 2px solid CanvasText !important;
    }
    button:disabled,
    input:disabled,
    select:disabled,
    textarea:disabled,
    [aria-disabled='true'] {
      color: GrayText !important;
      border-color: GrayText !important;
      opacity: 1 !important;
    }
    [part~='badge'],
    [part~='status'][data-status],
    [part~='count'] {
      border: 1px solid CanvasText !important;
    }
  }
`;
