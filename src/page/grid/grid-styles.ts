/**
 * What every grid shows around its rows, one look: the toolbar and its search box, the notices
 * above the rows, and the empty, no-match and error states in their place. A grid sets the private
 * `--_bg`, `--_header-bg`, `--_border`, `--_muted`, `--_focus`, `--_radius` and `--_s1`…`--_s4`
 * from its own custom properties and comes after these in its styles (its own rules win).
 */
import {css} from 'lit';
import {token} from '../styles/tokens.js';

export const gridChromeStyles = css`
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_s2) var(--_s3);
    }
    .search {
      display: flex;
      align-items: center;
      gap: var(--_s1);
      flex: 1 1 260px;
      max-width: 420px;
      padding: 0 var(--_s2);
      border: 1px solid var(--_control-border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .search:focus-within {
      outline: 2px solid var(--_focus);
      outline-offset: 1px;
    }
    .search input {
      flex: 1;
      min-width: 0;
      border: 0;
      background: transparent;
      padding: 6px 0;
      outline: none;
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: var(--_s1);
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_s2);
      margin: 0;
      padding: var(--_s1) var(--_s3);
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_muted);
      border-radius: var(--_radius);
      background: var(--_header-bg);
    }
    .notice[data-tone='warning'] {
      border-inline-start-color: ${token('color-warning')};
    }
    .notice[data-tone='danger'] {
      border-inline-start-color: ${token('color-danger')};
    }
    .state {
      position: sticky;
      inset-inline-start: 0;
      max-width: 640px;
      padding: var(--_s4);
    }
    .state p {
      margin: 0 0 var(--_s2);
    }
    .state-title {
      font-weight: 600;
      font-size: 1.05em;
    }
`;
