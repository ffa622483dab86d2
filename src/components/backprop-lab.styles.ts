import { css } from 'lit';
import { visuallyHiddenStyles } from './shared.styles';

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
  /* Everything follows the element's own width (container queries), never the viewport's:
     an embed in a 360 px column, a 700 px article and a full page each get their layout. */
  .layout {
    display: grid;
    gap: 8px;
    padding: 8px;
  }
  /* laid out, not shown, while the element is built over frames (backprop-lab.ts scheduleUpdate) */
  .layout.building {
    visibility: hidden;
  }
  @container (min-width: 48rem) {
    .layout {
      gap: 10px;
      padding: 12px;
    }
  }
  /* Fixed-width boxes of tabular digits: a changing figure never moves its neighbours. */
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 0 14px;
    align-items: baseline;
    font-variant-numeric: tabular-nums;
    min-height: 1.4em;
    margin: 0;
  }
  .status dt {
    color: var(--_muted);
    display: inline;
  }
  .status dd {
    display: inline-block;
    margin: 0 0 0 4px;
    font-weight: 600;
    white-space: nowrap;
  }
  .status .state {
    text-transform: capitalize;
    margin: 0;
  }
  .item-cost dd {
    min-width: 8ch;
  }
  .item-speed dd {
    min-width: 11ch;
  }
  /* a worded figure (state, accuracy's "100%", engine): its widest values, one a line, laid out
     invisibly and flat in its box, which is then as wide as the widest in any font */
  .status dd[data-fit]::before {
    content: attr(data-fit);
    display: block;
    height: 0;
    overflow: hidden;
    visibility: hidden;
    white-space: pre;
  }
  /* the linked hover's readout (absent while no sample is highlighted) */
  .readout {
    margin: 0;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  /* One column when narrow; from about 520 px the views sit side by side, as many per row as
     fit at 15rem or more (two in a 700 px article, all four at 1200 px). */
  .figures {
    display: grid;
    gap: 8px;
    grid-template-columns: minmax(0, 1fr);
    align-items: stretch;
  }
  @container (min-width: 32rem) {
    .figures {
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
    }
  }
  @container (min-width: 60rem) {
    .figures {
      gap: 10px;
    }
  }
  figure {
    display: flex;
    flex-direction: column;
    margin: 0;
    padding: 5px;
    background: var(--_card);
    border: 1px solid var(--_border);
    border-radius: 6px;
    min-width: 0;
  }
  /* the view: at most --bp-view-max-size wide (the maps are square: as tall), centred */
  figure > :first-child {
    width: 100%;
    max-width: var(--bp-view-max-size, none);
    margin-inline: auto;
  }
  figure > bp-cost-curve,
  figure > bp-gradient-check {
    flex: 1 1 auto;
  }
  figcaption {
    color: var(--_muted);
    font-size: 12px;
    line-height: 1.35;
    margin-top: 3px;
  }
  figcaption strong {
    color: var(--_fg);
  }
  ::slotted(*) {
    margin: 0;
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
  ${visuallyHiddenStyles}
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
