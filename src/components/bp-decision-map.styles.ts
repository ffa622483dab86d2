import { css } from 'lit';
import { canvasViewStyles } from './canvas-view.styles';

const mapStyles = css`
  :host {
    /* room for the tick labels and axis titles around the square plot */
    padding: 0.5em 1em 3.2em 4em;
  }

  .plot {
    box-sizing: border-box;
    outline: 1px solid color-mix(in srgb, currentColor 45%, transparent);
  }

  .plot:focus {
    outline: none;
  }

  .plot:focus-visible {
    outline: 2px solid var(--bp-focus-color, Highlight);
    outline-offset: 2px;
  }

  /* the highlighted sample: a ring around its marker */
  .ring {
    position: absolute;
    width: 20px;
    height: 20px;
    transform: translate(-50%, -50%);
    border-radius: 50%;
    border: 2px solid var(--bp-accent-color, Highlight);
    box-shadow: 0 0 0 1px Canvas;
    pointer-events: none;
  }

  .tick {
    position: absolute;
    line-height: 1;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    pointer-events: none;
  }

  /* a 5 px tick mark drawn outside the plot, the label beyond it */
  .tick::before {
    content: '';
    position: absolute;
    background: currentColor;
    opacity: 0.6;
  }

  .tick.x {
    top: 100%;
    padding-top: 8px;
    transform: translateX(-50%);
  }

  .tick.x::before {
    top: 0;
    left: 50%;
    width: 1px;
    height: 5px;
  }

  .tick.y {
    right: 100%;
    padding-right: 8px;
    transform: translateY(-50%);
  }

  .tick.y::before {
    right: 0;
    top: 50%;
    width: 5px;
    height: 1px;
  }

  /* tick positions for −2 … 2 (y up: +2 at the top) */
  .x.at-0 {
    left: 0%;
  }
  .x.at-1 {
    left: 25%;
  }
  .x.at-2 {
    left: 50%;
  }
  .x.at-3 {
    left: 75%;
  }
  .x.at-4 {
    left: 100%;
  }
  .y.at-0 {
    top: 100%;
  }
  .y.at-1 {
    top: 75%;
  }
  .y.at-2 {
    top: 50%;
  }
  .y.at-3 {
    top: 25%;
  }
  .y.at-4 {
    top: 0%;
  }

  .title {
    position: absolute;
    font-style: italic;
    font-size: 0.875rem;
    pointer-events: none;
  }

  .title.x {
    top: calc(100% + 1.5em);
    left: 50%;
    transform: translateX(-50%);
  }

  .title.y {
    right: calc(100% + 2.6em);
    top: 50%;
    transform: translateY(-50%);
  }

  .notice {
    font-size: 0.75rem;
  }
`;

export const decisionMapStyles = [canvasViewStyles, mapStyles];
