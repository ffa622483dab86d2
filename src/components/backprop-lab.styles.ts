import { css } from 'lit';

export const backpropLabStyles = css`
  :host {
    --_bg: var(--bp-background, light-dark(#ffffff, #16181d));
    --_fg: var(--bp-text-color, light-dark(#1d2127, #e6e8eb));
    --_muted: var(--bp-muted-color, light-dark(#5b6470, #a3abb5));
    --_border: var(--bp-border-color, light-dark(#d9dde3, #343a44));
    --_accent: var(--bp-accent-color, light-dark(#2b59c3, #7ea2ff));
    --_error: var(--bp-error-color, light-dark(#b3261e, #ffb4ab));
    --_card: var(--bp-card-background, light-dark(#f7f8fa, #1d2027));
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    font-family: var(--bp-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.4;
    color: var(--_fg);
    background: var(--_bg);
    border-radius: 8px;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .layout {
    display: grid;
    gap: 12px;
    padding: 12px;
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    align-items: baseline;
    font-variant-numeric: tabular-nums;
  }
  .status dt {
    color: var(--_muted);
    display: inline;
  }
  .status dd {
    display: inline;
    margin: 0 0 0 4px;
    font-weight: 600;
  }
  .status .state {
    font-weight: 600;
    text-transform: capitalize;
  }
  .figures {
    display: grid;
    gap: 12px;
    grid-template-columns: 1fr;
  }
  @container (min-width: 720px) {
    .figures {
      grid-template-columns: 1fr 1fr;
    }
  }
  figure {
    margin: 0;
    padding: 8px;
    background: var(--_card);
    border: 1px solid var(--_border);
    border-radius: 6px;
    min-width: 0;
  }
  figcaption {
    color: var(--_muted);
    font-size: 13px;
    margin-top: 6px;
  }
  figcaption strong {
    color: var(--_fg);
  }
  .wide {
    grid-column: 1 / -1;
  }
  .notice {
    padding: 8px 12px;
    border-radius: 6px;
    border: 1px solid var(--_error);
    color: var(--_error);
  }
  .notice button {
    margin-left: 8px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    min-height: 32px;
    padding: 4px 12px;
    border-radius: 6px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
