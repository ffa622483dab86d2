import { css } from 'lit';

/** Text for screen readers only: out of sight, still in the accessibility tree. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * Theme tokens shared by every bp-* part. Public `--bp-*` custom properties (inherited through
 * shadow roots, so setting them on <backprop-lab> or the page themes everything) resolve into
 * private `--_bp-*` ones with defaults that read well in light and in dark colour schemes.
 * Contrast of the defaults against their background: text ≥ 12:1, muted ≥ 5.5:1,
 * accent ≥ 4.5:1, danger and success ≥ 4.5:1.
 */
export const themeStyles = css`
  :host {
    color-scheme: light dark;
    --_bp-text: var(--bp-text-color, #1f2328);
    --_bp-muted: var(--bp-muted-color, #59636e);
    --_bp-background: var(--bp-background, #ffffff);
    --_bp-accent: var(--bp-accent-color, #0860c6);
    --_bp-font: var(
      --bp-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      Arial,
      sans-serif
    );
    --_bp-success: var(--bp-success-color, #1a7f37);
    --_bp-danger: var(--bp-danger-color, #c11f2b);
    --_bp-border: color-mix(in srgb, var(--_bp-muted) 45%, transparent);
    --_bp-surface: color-mix(in srgb, var(--_bp-muted) 8%, var(--_bp-background));
    --_bp-radius: 6px;
    --_bp-target: 2rem;

    font-family: var(--_bp-font);
    color: var(--_bp-text);
    background: var(--_bp-background);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_bp-text: var(--bp-text-color, #e6edf3);
      --_bp-muted: var(--bp-muted-color, #9aa4ae);
      --_bp-background: var(--bp-background, #0f141a);
      --_bp-accent: var(--bp-accent-color, #5aa2ff);
      --_bp-success: var(--bp-success-color, #56d364);
      --_bp-danger: var(--bp-danger-color, #ff8a80);
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  ${visuallyHiddenStyles}
`;

/** Buttons and form controls: ≥ 32px touch targets and a visible keyboard focus ring. */
export const controlStyles = css`
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    min-height: var(--_bp-target);
    border: 1px solid var(--_bp-border);
    border-radius: var(--_bp-radius);
    background: var(--_bp-background);
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-width: var(--_bp-target);
    padding: 0.25rem 0.75rem;
    background: var(--_bp-surface);
    cursor: pointer;
    transition:
      background-color 120ms ease,
      border-color 120ms ease;
  }

  button:hover:not(:disabled, [aria-disabled='true']) {
    border-color: var(--_bp-accent);
  }

  button[aria-pressed='true'] {
    background: var(--_bp-accent);
    border-color: var(--_bp-accent);
    color: var(--_bp-background);
  }

  button:disabled,
  button[aria-disabled='true'],
  input:disabled,
  select:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }

  input,
  select {
    padding: 0.25rem 0.5rem;
    width: 100%;
  }

  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_bp-accent);
    outline-offset: 2px;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
