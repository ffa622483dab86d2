import { css, unsafeCSS } from 'lit';
// uPlot's own stylesheet, as a string: adopted into the shadow root with the element's styles,
// so no <style> or <link> is injected into the page (works under a strict style-src CSP).
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';

export const uPlotStyles = unsafeCSS(uPlotCss);

export const costCurveStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }

  :host {
    --_bp-test: var(--bp-test-cost-color, var(--_bp-text));
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }

  .title {
    font-weight: 600;
    margin: 0;
    font-size: 1em;
  }

  .readout {
    flex: 1 1 12rem;
    min-width: 0;
    color: var(--_bp-muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }

  /* The chart never sizes its container: uPlot's root is taken out of flow and the
     ResizeObserver hands it the container's size. */
  .plot {
    position: relative;
    flex: 1 1 auto;
    min-height: var(--bp-cost-curve-height, 12rem);
    overflow: hidden;
  }

  /* Keyboard focus (the arrow keys move the readout's cursor): the ring sits inside the box,
     where no ancestor's overflow can clip it. */
  .plot:focus {
    outline: none;
  }

  .plot:focus-visible {
    outline: 2px solid var(--_bp-accent);
    outline-offset: -2px;
  }

  .plot > .uplot {
    position: absolute;
    inset: 0;
    font-family: inherit;
    width: auto;
  }

  .u-over {
    cursor: crosshair;
  }

  .u-hz .u-cursor-x {
    border-right: 1px dashed var(--_bp-muted);
  }

  .marker {
    position: absolute;
    left: -4px;
    top: -4px;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    border: 2px solid var(--_bp-accent);
    background: var(--_bp-background);
    pointer-events: none;
  }

  .marker.test {
    border-color: var(--_bp-test);
    border-radius: 1px;
  }

  .legend {
    display: inline-flex;
    gap: 0.75rem;
    align-items: center;
  }

  /* a short line in each series' stroke: solid for training, dashed for test */
  .swatch {
    display: inline-block;
    width: 1.5em;
    vertical-align: middle;
    border-top: 2px solid var(--_bp-accent);
    margin-inline-end: 0.3em;
  }

  .swatch.test {
    border-top: 2px dashed var(--_bp-test);
  }

  .marker[hidden],
  .viewed[hidden] {
    display: none;
  }

  /* the iteration the views show (the timeline's cursor) */
  .viewed {
    position: absolute;
    left: -1px;
    top: 0;
    bottom: 0;
    width: 0;
    border-left: 2px solid var(--_bp-accent);
    pointer-events: none;
  }

  .legend.pins {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }

  .legend.pins li {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }

  .legend.pins svg {
    width: 1.5rem;
    height: 0.5rem;
    color: var(--_bp-text);
    opacity: 0.7;
  }

  .legend.pins .this-run {
    stroke: var(--_bp-accent);
  }

  .legend.pins button {
    min-height: 1.5rem;
    padding: 0 0.4rem;
  }

  .placeholder {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    margin: 0;
    color: var(--_bp-muted);
    pointer-events: none;
    z-index: 1;
  }

  /* Read once per plot build: canvas strokes need resolved colours, not var(). */
  .probe {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
    visibility: hidden;
  }
  .probe-text {
    color: var(--_bp-text);
  }
  .probe-muted {
    color: var(--_bp-muted);
  }
  .probe-accent {
    color: var(--_bp-accent);
  }
  .probe-background {
    color: var(--_bp-background);
  }
  .probe-test {
    color: var(--_bp-test);
  }
`;
