import type { TrainerState } from '../protocol/trainer-api';

/** How every part of the dashboard names a run's state (one table, so they never disagree). */
export const STATE_LABELS: Readonly<Record<TrainerState, string>> = {
  idle: 'Idle',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  diverged: 'Diverged',
  error: 'Error',
};
