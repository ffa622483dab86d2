import { css } from 'lit';

export const gradientCheckStyles = css`
  :host {
    display: block;
    min-width: 0;
  }

  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  .summary {
    margin: 0.5rem 0 0.25rem;
    font-weight: 600;
  }

  .summary .icon {
    margin-inline-end: 0.35em;
  }

  .ok {
    color: var(--_bp-success);
  }

  .failed,
  .error {
    color: var(--_bp-danger);
  }

  .stats {
    margin: 0 0 0.5rem;
    color: var(--_bp-muted);
    font-variant-numeric: tabular-nums;
  }

  .error {
    margin: 0.5rem 0;
  }

  .scroller {
    max-height: var(--bp-gradient-check-max-height, 18rem);
    overflow: auto;
    border: 1px solid var(--_bp-border);
    border-radius: var(--_bp-radius);
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: start;
    padding: 0.35rem 0.5rem;
    color: var(--_bp-muted);
  }

  th,
  td {
    padding: 0.25rem 0.5rem;
    text-align: end;
    white-space: nowrap;
    border-top: 1px solid var(--_bp-border);
  }

  thead th:first-child {
    text-align: start;
  }

  th[scope='row'] {
    text-align: start;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-weight: 400;
  }

  thead th {
    position: sticky;
    top: 0;
    background: var(--_bp-background);
    font-weight: 600;
    font-family: inherit;
  }

  td.result {
    text-align: start;
  }

  tr.differs {
    background: color-mix(in srgb, var(--_bp-danger) 10%, transparent);
  }
`;
