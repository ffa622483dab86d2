import { css } from 'lit';
import { canvasViewStyles } from './canvas-view.styles';

const spaceStyles = css`
  .plot {
    /* drags rotate the view instead of scrolling the page */
    touch-action: none;
    cursor: grab;
    border-radius: 4px;
    user-select: none;
    -webkit-user-select: none;
  }

  .plot.dragging {
    cursor: grabbing;
  }

  .plot:focus {
    outline: none;
  }

  .plot:focus-visible {
    outline: 2px solid var(--bp-focus-color, Highlight);
    outline-offset: 2px;
  }

  .labels {
    position: absolute;
    inset: 0;
    pointer-events: none;
    overflow: visible;
  }

  .label {
    position: absolute;
    left: 0;
    top: 0;
    line-height: 1;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }

  .label.title {
    font-style: italic;
    font-size: 0.875rem;
  }

  .label.title.highlighted {
    font-weight: 700;
    color: var(--bp-accent-color, Highlight);
  }

  .axis-highlight {
    position: absolute;
    inset: 0;
    overflow: visible;
  }

  .axis-highlight line {
    stroke: var(--bp-accent-color, Highlight);
    stroke-width: 3px;
    stroke-linecap: round;
  }

  /* the highlighted sample's image: a ring around its marker */
  .ring {
    position: absolute;
    left: 0;
    top: 0;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    border: 2px solid var(--bp-accent-color, Highlight);
    box-shadow: 0 0 0 1px Canvas;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin-top: 0.25rem;
  }

  .controls label {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
  }

  /* the platform's own control colours follow the page's color-scheme */
  select,
  button {
    font: inherit;
  }

  button {
    margin-inline-start: auto;
  }

  .note {
    opacity: 0.8;
  }
`;

export const hiddenSpaceStyles = [canvasViewStyles, spaceStyles];
