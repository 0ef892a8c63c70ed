/**
 * Buttons and form controls of the widgets that hold forms (customer wizard, customer details):
 * one look, defined once. A component sets the private `--_bg`, `--_border`, `--_radius`,
 * `--_accent` and `--_danger` from its own public custom properties; `part~='primary'` and
 * `part~='danger'` mark the main and the destructive button.
 */
import {css} from 'lit';
import {token} from './tokens.js';

export const controlStyles = css`
  button,
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
  }
  button {
    padding: 6px ${token('space-3')};
    cursor: pointer;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    padding: 6px ${token('space-2')};
    min-width: 0;
  }
  button[part~='primary'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: ${token('color-accent-text')};
  }
  button[part~='danger'] {
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;
