import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';
import {scopeBannerStyles} from '../../src/page/kit/scope-banner.js';
import {controlStyles} from '../../src/page/styles/controls.js';

/**
 * Every public `--tenantry-customer-wizard-*` property falls back to a `--tenantry-*` token;
 * inside, the wizard reads only private `--_*` copies so a host override applies in one place.
 */
export const customerWizardStyles = [
  baseStyles,
  scopeBannerStyles,
  controlStyles,
  css`
    :host {
      display: block;
      --_bg: var(--tenantry-customer-wizard-background, ${token('color-surface')}) !important;
      --_text: var(--tenantry-customer-wizard-text-color, ${token('color-text')}) !important;
      --_muted: var(--tenantry-customer-wizard-muted-color, ${token('color-text-muted')}) !important;
      --_border: var(--tenantry-customer-wizard-border-color, ${token('color-border')}) !important;
      --_accent: var(--tenantry-customer-wizard-accent-color, ${token('color-accent')}) !important;
      --_danger: var(--tenantry-customer-wizard-danger-color, ${token('color-danger')}) !important;
      --_warning: var(--tenantry-customer-wizard-warning-color, ${token('color-warning')}) !important;
      --_radius: var(--tenantry-customer-wizard-radius, ${token('radius')}) !important;
      --_max-width: var(--tenantry-customer-wizard-max-width, 880px) !important;
      color: var(--_text);
      background: var(--_bg);
    }
    [part~='base'] {
      max-width: var(--_max-width);
      display: grid;
      gap: ${token('space-3')};
    }
    header {
      display: grid;
      gap: ${token('space-2')};
    }
    h2 {
      margin: 0;
      font-size: 1.4em;
    }
    h3 {
      margin: 0 0 ${token('space-2')};
      font-size: 1.15em;
    }
    .save-state {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    button:disabled {
      cursor: progress;
    }
    nav ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')};
    }
    nav button {
      border-color: transparent;
      display: inline-flex;
      gap: ${token('space-1')};
      align-items: center;
    }
    nav button[aria-current='step'] {
      border-color: var(--_accent);
      font-weight: 600;
    }
    nav button[part~='step-invalid'] .num {
      background: var(--_danger);
    }
    .num {
      display: inline-grid;
      place-items: center;
      width: 1.5em;
      height: 1.5em;
      border-radius: 50%;
      background: var(--_muted);
      color: ${token('color-surface')};
      font-size: 0.8em;
    }
    .body {
      display: grid;
      gap: ${token('space-3')};
    }
    form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
      gap: ${token('space-3')};
    }
    .field,
    .group,
    .footer,
    .review,
    .schedule,
    .availability,
    .lookup,
    .note,
    form > button,
    form > .hint {
      grid-column: 1 / -1;
    }
    .field:not(.wide):not(.check):not(.radios) {
      grid-column: auto;
    }
    .field {
      display: grid;
      gap: 2px;
      min-width: 0;
    }
    /* Fields side by side keep their labels on one line and their controls on another, however
       long the hints between them: the control (a field's last piece) takes the field's foot. */
    .field:not(.check):not(.radios) {
      display: flex;
      flex-direction: column;
    }
    .field:not(.check):not(.radios) > :last-child {
      margin-block-start: auto;
    }
    .field.check {
      grid-template-columns: auto 1fr;
      align-items: center;
      column-gap: ${token('space-2')};
    }
    .field.check .hint,
    .field.check .error {
      grid-column: 2;
    }
    label,
    legend,
    .label {
      font-weight: 600;
    }
    .required {
      color: var(--_danger);
    }
    .hint,
    .locked {
      margin: 0;
      color: var(--_muted);
      font-size: 0.9em;
    }
    .error {
      margin: 0;
      color: var(--_danger);
      font-weight: 600;
    }
    [data-invalid] > input,
    [data-invalid] > select,
    [data-invalid] > textarea {
      border-color: var(--_danger);
      border-width: 2px;
    }
    input:not([type='checkbox']):not([type='radio']),
    select,
    textarea {
      width: 100%;
    }
    input[readonly] {
      background: color-mix(in srgb, var(--_text) 6%, var(--_bg));
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: ${token('space-3')};
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: ${token('space-3')};
      min-width: 0;
    }
    fieldset > legend,
    fieldset > .hint,
    fieldset > button,
    fieldset > .field.wide,
    fieldset > .field.check,
    fieldset > .row,
    fieldset > .azure,
    fieldset > p {
      grid-column: 1 / -1;
    }
    .radios {
      display: grid;
      gap: ${token('space-1')};
    }
    .radio {
      font-weight: normal;
      display: flex;
      gap: ${token('space-2')};
      align-items: baseline;
    }
    .row {
      display: grid;
      grid-template-columns: 1fr 2fr auto;
      gap: ${token('space-2')};
      align-items: end;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-2')};
      border-top: 1px solid var(--_border);
      padding-top: ${token('space-3')};
    }
    .spacer {
      flex: 1;
    }
    .error-summary {
      border: 3px solid var(--_danger);
      border-radius: var(--_radius);
      padding: ${token('space-3')};
    }
    .error-summary a {
      color: var(--_danger);
      font-weight: 600;
    }
    .duplicates {
      border-inline-start: 4px solid var(--_warning);
      padding: ${token('space-2')} ${token('space-3')};
    }
    .duplicates p,
    .duplicates ul {
      margin: 0;
    }
    .notice {
      display: flex;
      gap: ${token('space-2')};
      align-items: center;
      padding: ${token('space-2')} ${token('space-3')};
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
    }
    .notice.error {
      border-color: var(--_danger);
    }
    /* A move waits for the later steps' code. */
    form[aria-busy='true'] {
      cursor: progress;
    }
    .review-head {
      display: flex;
      gap: ${token('space-2')};
      align-items: center;
    }
    .review-head h4 {
      margin: 0;
      flex: 1;
    }
    .badge {
      color: var(--_danger);
      font-weight: 600;
    }
    dl {
      margin: 0;
      display: grid;
      gap: 2px;
    }
    .pair {
      display: grid;
      grid-template-columns: minmax(140px, 1fr) 3fr;
      gap: ${token('space-2')};
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }
    .reading {
      margin: 0;
      color: var(--_muted);
    }
    .merge table {
      border-collapse: collapse;
      width: 100%;
    }
    .merge th,
    .merge td {
      text-align: start;
      border-bottom: 1px solid var(--_border);
      padding: ${token('space-2')};
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    [part~='drafts'] ul {
      padding: 0;
      list-style: none;
      display: grid;
      gap: ${token('space-2')};
    }
    [part~='drafts'] li {
      display: flex;
      gap: ${token('space-2')};
      align-items: center;
      flex-wrap: wrap;
    }
    [part~='drafts'] li > span {
      flex: 1;
    }
  `,
];
