import {css} from 'lit';
import {baseStyles, token} from '../../src/page/styles/tokens.js';

export const lifecycleDialogStyles = [
  baseStyles,
  css`
    :host {
      --_width: var(--tenantry-lifecycle-dialog-width, 544px) !important;
      --_bg: var(--tenantry-lifecycle-dialog-background, ${token('color-surface')}) !important;
      --_text: var(--tenantry-lifecycle-dialog-text-color, ${token('color-text')}) !important;
      --_muted: var(--tenantry-lifecycle-dialog-muted-color, ${token('color-text-muted')}) !important;
      --_border: var(--tenantry-lifecycle-dialog-border-color, ${token('color-border')}) !important;
      --_danger: var(--tenantry-lifecycle-dialog-danger-color, ${token('color-danger')}) !important;
      --_accent: var(--tenantry-lifecycle-dialog-accent-color, ${token('color-accent')}) !important;
      --_warning: ${token('color-warning')} !important;
      --_radius: var(--tenantry-lifecycle-dialog-radius, ${token('radius')}) !important;
      --_s1: ${token('space-1')} !important;
      --_s2: ${token('space-2')} !important;
      --_s3: ${token('space-3')} !important;
      --_s4: ${token('space-4')} !important;
    }
    dialog {
      width: min(var(--_width), 94vw);
      max-height: 90vh;
      overflow: auto;
      padding: var(--_s4);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_text);
    }
    dialog::backdrop {
      background: ${token('color-backdrop')};
    }
    h2 {
      margin: 0 0 var(--_s2);
      font-size: 1.15em;
      overflow-wrap: anywhere;
    }
    h3 {
      margin: var(--_s3) 0 var(--_s1);
      font-size: 1em;
    }
    p {
      margin: var(--_s2) 0;
      overflow-wrap: anywhere;
    }
    .isolate {
      unicode-bidi: isolate;
    }
    [part~='impact-list'] {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    [part~='impact-table'] {
      border-collapse: collapse;
      width: 100%;
      margin-top: var(--_s2);
      font-size: 0.95em;
    }
    [part~='impact-table'] caption {
      text-align: start;
      font-weight: 600;
      padding-bottom: var(--_s1);
    }
    [part~='impact-table'] th,
    [part~='impact-table'] td {
      border-bottom: 1px solid var(--_border);
      padding: var(--_s1) var(--_s2);
      text-align: end;
    }
    [part~='impact-table'] th:first-child,
    [part~='impact-table'] td:first-child {
      text-align: start;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--_muted);
    }
    [part~='blocked'],
    [part~='offline'] {
      border-inline-start: 3px solid var(--_warning);
      padding-inline-start: var(--_s2);
    }
    [part~='error'] {
      border-inline-start: 3px solid var(--_danger);
      padding-inline-start: var(--_s2);
      margin: var(--_s3) 0;
    }
    [part~='confirm-label'] {
      display: grid;
      gap: var(--_s1);
      margin-top: var(--_s3);
      overflow-wrap: anywhere;
    }
    input,
    button {
      font: inherit;
      color: inherit;
    }
    input {
      padding: var(--_s1) var(--_s2);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    button {
      cursor: pointer;
      background: var(--_bg);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      padding: var(--_s1) var(--_s3);
      line-height: 1.4;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .remedies,
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--_s2);
    }
    .remedies {
      justify-content: flex-start;
    }
    [part~='actions'] {
      margin-top: var(--_s4);
    }
    [part~='confirm-button'] {
      border-color: var(--_accent);
      font-weight: 600;
    }
    [part~='confirm-button'][data-danger] {
      border-color: var(--_danger);
      background: color-mix(in srgb, var(--_danger) 10%, var(--_bg));
    }
  `,
];
