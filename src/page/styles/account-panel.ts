/**
 * The opened account's panel (`AccountPanel` in src/page/kit/account-panel.ts): its facts, its
 * customers, the unassign confirmation and the writes. One look wherever it is shown (the accounts
 * grid, a customer's details); the host element places it (`.panel`) and sets the private
 * `--_bg`, `--_border`, `--_radius`, `--_accent` and `--_muted` from its own properties.
 */
import {css} from 'lit';
import {token} from './tokens.js';

export const accountPanelStyles = css`
    .panel-head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: ${token('space-2')};
    }
    .panel-title {
      margin: 0;
      font-size: 1.1em;
      overflow-wrap: anywhere;
    }
    .panel-subtitle {
      margin: ${token('space-2')} 0 0;
      font-size: 1em;
    }
    .facts {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: ${token('space-1')} ${token('space-3')};
      margin: 0;
    }
    .facts dt {
      color: var(--_muted);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .customers {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: ${token('space-1')};
    }
    .customers li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: ${token('space-2')};
      overflow-wrap: anywhere;
    }
    .confirm {
      padding: ${token('space-2')};
      border: 1px solid ${token('color-danger')};
      border-radius: var(--_radius);
    }
    .confirm p {
      margin: 0 0 ${token('space-2')};
    }
    .writes {
      display: flex;
      flex-direction: column;
      gap: ${token('space-2')};
      padding-top: ${token('space-2')};
      border-top: 1px solid var(--_border);
    }
    .assign {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: ${token('space-1')};
    }
    .assign input,
    .rule input {
      padding: ${token('space-1')} ${token('space-2')};
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    #assign-listbox {
      list-style: none;
      margin: 0;
      padding: ${token('space-1')} 0;
      max-height: 220px;
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    #assign-listbox [role='option'] {
      padding: ${token('space-1')} ${token('space-2')};
      cursor: pointer;
    }
    #assign-listbox [role='option'][aria-selected='true'],
    #assign-listbox [role='option']:hover {
      background: color-mix(in srgb, var(--_accent) 12%, var(--_bg));
    }
    .setting {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token('space-2')};
    }
    .rule {
      flex-direction: column;
      align-items: stretch;
    }
    .hint {
      margin: 0;
      font-size: 0.88em;
      color: var(--_muted);
    }
    .hint.issue {
      color: ${token('color-danger')};
    }
`;
