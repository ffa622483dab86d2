// How the dashboard words a run: state names, numbers and the live region's sentences (one
// place, so the parts never disagree).
import type { TrainerState } from '../protocol/trainer-api';
import type { RunSnapshot } from '../client/trainer-client';

/** How every part of the dashboard names a run's state. */
export const STATE_LABELS: Readonly<Record<TrainerState, string>> = {
  idle: 'Idle',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  diverged: 'Diverged',
  error: 'Error',
};

/** A cost as the status line shows it: 5 significant digits, whole numbers from 1000 on. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(5);
}

/** A fraction from 0 to 1 as a whole percentage. */
export function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '—';
}

/** The live region's sentence for the state the run just entered. */
export function describeState(state: TrainerState, run: Readonly<RunSnapshot>): string {
  const at = ` at iteration ${run.iteration}`;
  switch (state) {
    case 'running':
      return 'Training started';
    case 'paused':
      return `Paused${at}`;
    case 'done':
      return `Done${at}: accuracy ${formatPercent(run.accuracy)}`;
    case 'diverged':
      return `Diverged at iteration ${run.divergedAt ?? '?'}: try a smaller learning rate`;
    case 'error':
      return `Error: ${run.error ?? 'the training worker failed'}`;
    case 'idle':
      return 'Ready to train';
  }
}
