import { css } from 'lit';
import { canvasViewStyles } from './canvas-view.styles';

const networkOwnStyles = css`
  .overlay {
    position: absolute;
    inset: 0;
  }

  /* each unit, link and bias: a transparent button over its picture, ringed when focused */
  .item {
    position: absolute;
    box-sizing: border-box;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 2px;
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: default;
  }

  .item.link,
  .item.bias {
    border-radius: 50%;
  }

  .item:focus-visible {
    outline: 2px solid var(--bp-accent-color, Highlight);
    outline-offset: 2px;
  }

  .item.input span {
    font-size: 0.9rem;
  }

  .details {
    min-height: 3.6em;
    margin: 0.5em 0 0;
    line-height: 1.2;
    font-variant-numeric: tabular-nums;
  }
`;

export const networkStyles = [canvasViewStyles, networkOwnStyles];
