import { css } from 'lit';

/**
 * What every canvas view's shadow DOM shares: the host's text, the square `.plot` that holds
 * the `.surface` (the canvas's parent), the canvas filling it, and the status notice over the
 * plot's foot, hidden while empty. Each view adds its own `.plot` look and its labels.
 */
export const canvasViewStyles = css`
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
