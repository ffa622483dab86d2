import { css } from 'lit';

export const hiddenSpaceStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--bp-text-color, inherit);
    font-family: var(--bp-font-family, inherit);
    font-size: 0.75rem;
  }

  .plot {
    position: relative;
    width: 100%;
    aspect-ratio: 1 / 1;
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

  .surface {
    position: absolute;
    inset: 0;
  }

  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    display: block;
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

  .notice {
    position: absolute;
    left: 0.5em;
    right: 0.5em;
    bottom: 0.5em;
    margin: 0;
    padding: 0.25em 0.5em;
    border-radius: 3px;
    background: color-mix(in srgb, Canvas 85%, transparent);
  }

  .notice:empty {
    display: none;
  }
`;
