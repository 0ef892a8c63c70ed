import {css} from 'lit';

/** The element configures the page and shows nothing, whatever the host's CSS says of elements in general. */
export const tenantryConfigStyles = css`
  :host,
  :host([hidden]) {
    display: none !important;
  }
`;
