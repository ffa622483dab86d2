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
    position: relative;
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

  /* the status line (slotted) or the state: the rest of the transport row */
  ::slotted([slot='status']) {
    flex: 1 1 16rem;
    min-width: 0;
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

  /* Compact: every setting in as few rows as the width allows, label over input. */
  .fields {
    position: relative;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.5rem 0.75rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
    min-width: 0;
  }

  /* the speed field holds its input and the Max speed toggle */
  .field[data-key='speed'] {
    grid-column: span 2;
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

  /* A field's description and allowed range: its aria-describedby text, shown as a note under
     the settings while it has focus (absolutely placed, so nothing below moves). */
  .help {
    display: none;
    margin: 0;
    font-size: 0.8em;
    color: var(--_bp-muted);
  }

  .field:focus-within .help {
    display: block;
    position: absolute;
    inset-inline: 0;
    top: calc(100% + 0.25rem);
    z-index: 2;
    padding: 0.35rem 0.6rem;
    border: 1px solid var(--_bp-border);
    border-radius: var(--_bp-radius);
    background: var(--_bp-background);
    color: var(--_bp-text);
    box-shadow: 0 2px 8px color-mix(in srgb, black 18%, transparent);
    pointer-events: none;
  }

  .error {
    margin: 0;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_bp-danger);
  }

  .settings-toggle {
    display: none;
  }

  /* The data group: a row of its own under the settings. */
  .data {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  .data .data-help {
    display: block;
    flex: 1 1 100%;
  }

  .data-message {
    flex: 1 1 100%;
    margin: 0;
    font-size: 0.85em;
  }

  .settings-toggle[aria-expanded='true'] {
    border-color: var(--_bp-accent);
  }

  /* Transport only: the speed joins the buttons' row, label beside its input. */
  .transport > .field {
    flex-direction: row;
    align-items: center;
    gap: 0.5rem;
  }

  .transport > .field input[type='text'] {
    flex: 0 1 5rem;
    width: 5rem;
  }

  /* Narrow containers: the settings fold behind the Settings button (open when one is in
     error, so its message is seen), two per row, so the figures are not a screen away. */
  @container (max-width: 48rem) {
    .settings-toggle {
      display: inline-flex;
    }
    :host([mode='all']) .fields:not(.open, .has-error) {
      display: none;
    }
    :host([mode='all']) .fields {
      grid-template-columns: 1fr 1fr;
    }
    /* icon buttons; their words stay their accessible names */
    .transport button {
      min-width: var(--_bp-target);
      padding-inline: 0.5rem;
    }
    .transport button .text {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .transport button .icon {
      width: 1rem;
      height: 1rem;
    }
  }
`;
