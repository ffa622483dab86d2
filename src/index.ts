// Public entry: importing it defines <backprop-lab> and its parts. Exports public types only
// (and the element class, for `instanceof` and subclassing).
export { BackpropLab } from './components/backprop-lab';
export type { PinnedRun, RunResult, ViewName } from './components/backprop-lab';
export type {
  BackpropLabEventMap,
  DivergedDetail,
  DoneDetail,
  ErrorDetail,
  ProgressDetail,
  StateChangeDetail,
} from './events';
export type { Generator, Speed, TrainConfig } from './protocol/config-schema';
export type { GradientCheckEntry, GradientCheckReport, TrainerState } from './protocol/trainer-api';
export type { WorkerFactory } from './client/trainer-client';
export { setTrainerWorkerUrl, createTrainerWorker } from './client/worker-factory';
export type { Matrix, Params, Shape } from './core/types';
