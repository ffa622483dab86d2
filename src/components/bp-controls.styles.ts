import { css } from 'lit';

export const controlsStyles = css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }

  .controls {
    display: grid;
    gap: 0.75rem;
  }

  .transport {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .transport button {
    min-width: 5.5rem;
  }

  .icon {
    width: 0.9em;
    height: 0.9em;
    flex: none;
    fill: currentColor;
  }

  .state {
    margin-inline-start: auto;
    color: var(--_bp-muted);
  }

  .state strong {
    color: var(--_bp-text);
    font-weight: 600;
  }

  :host([state='diverged']) .state strong,
  :host([state='error']) .state strong {
    color: var(--_bp-danger);
  }

  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: 0.75rem 1rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    min-width: 0;
  }

  .field > label {
    font-weight: 600;
  }

  .with-toggle {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }

  .with-toggle input[type='text'] {
    flex: 1 1 4rem;
    min-width: 0;
  }

  .toggle {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    min-height: var(--_bp-target);
    white-space: nowrap;
    cursor: pointer;
  }

  .toggle input {
    width: 1.1rem;
    height: 1.1rem;
    min-height: 0;
    margin: 0;
    accent-color: var(--_bp-accent);
  }

  input[aria-invalid='true'] {
    border-color: var(--_bp-danger);
    border-width: 2px;
  }

  .help {
    margin: 0;
    font-size: 0.8em;
    color: var(--_bp-muted);
  }

  .error {
    margin: 0;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_bp-danger);
  }

  /* Phones: two columns, and the help lines only for assistive technology (they stay the
     inputs' descriptions through aria-describedby), so the figures are not a screen away. */
  @container (max-width: 30rem) {
    .fields {
      grid-template-columns: 1fr 1fr;
    }
    .help {
      display: none;
    }
  }
`;
