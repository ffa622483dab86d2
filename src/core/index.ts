// The numeric core's public API: the tutorial's network (D inputs, H logistic hidden units,
// C softmax classes), its training, and numpy-compatible data. Pure: no DOM, no workers, no I/O.
export type { Matrix, ParamName, Params, Shape } from './types';

export { zeros, fromRows, toRows, cloneMatrix } from './matrix';
export { logistic, softmax } from './activations';
export { hiddenActivations, outputActivations, nn, nnPredict, cost, accuracy } from './network';
export {
  errorOutput,
  gradientWeightOut,
  gradientBiasOut,
  errorHidden,
  gradientWeightHidden,
  gradientBiasHidden,
  backpropGradients,
} from './backprop';
export { gradientCheck, numericalGradients, compareGradients, isClose } from './gradient-check';
export type { GradientCheckEntry, GradientCheckResult, GradientCheckOptions, GradientFunction } from './gradient-check';
export { updateVelocity, updateParams } from './momentum';
export { createTrainer, train } from './trainer';
export type { Trainer, Hyperparameters, TrainOptions, TrainResult } from './trainer';
export {
  PARAM_NAMES,
  packParams,
  unpackParams,
  paramCount,
  shapeOf,
  cloneParams,
  zeroParams,
  randomParams,
} from './params';
export { RandomState } from './random';
export type { RandomStateSnapshot } from './random';
export { makeCircles, oneHot } from './datasets';
export type { CirclesOptions, CirclesData } from './datasets';
export { notebookSetup } from './notebook';
export type { NotebookOptions, NotebookSetup } from './notebook';
