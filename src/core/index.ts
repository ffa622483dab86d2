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
export { gradientCheck, startGradientCheck, numericalGradients, compareGradients, isClose } from './gradient-check';
export type { GradientCheckTask } from './gradient-check';
export type { GradientCheckEntry, GradientCheckResult, GradientCheckOptions, GradientFunction } from './gradient-check';
export { updateVelocity, updateParams } from './momentum';
export { createTrainer, train } from './trainer';
export type { Trainer, TrainerState, TrainerOptions, Hyperparameters, TrainOptions, TrainResult } from './trainer';
export { ENGINE_CHOICES, chooseEngine } from './engine';
export type { Engine, EngineChoice, EngineDecision } from './engine';
export { createWasmTrainer } from './wasm/wasm-trainer';
export type { WasmTrainer } from './wasm/wasm-trainer';
export { WasmUnavailableError, wasmEngineSupport, wasmSimdAvailable } from './wasm/support';
export type { WasmSupport } from './wasm/support';
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
export {
  makeCircles,
  makeMoons,
  makeBlobs,
  makeXor,
  makeSpiral,
  generateData,
  checkGeneratorClasses,
  oneHot,
  GENERATOR_NAMES,
  TWO_CLASS_GENERATORS,
  MAX_CLASSES,
} from './datasets';
export type {
  Dataset,
  GeneratorName,
  GenerateOptions,
  CirclesOptions,
  CirclesData,
  MoonsOptions,
  BlobsOptions,
  XorOptions,
  SpiralOptions,
} from './datasets';
export { splitData, testRowCount } from './split';
export type { DataSplit } from './split';
export { setupRun } from './setup';
export type { DataSource, RunOptions, RunSetup, RowSet } from './setup';
export { notebookSetup } from './notebook';
export type { NotebookOptions, NotebookSetup } from './notebook';
export { createTestEvaluator } from './test-cost';
export type { TestEvaluator } from './test-cost';
export {
  DATA_LIMITS,
  CSV_COLUMNS,
  ClassCountError,
  requiredClasses,
  classRaiseNotice,
  parseDataCsv,
  parseDataJson,
  validateData,
  toDataValue,
  exportDataCsv,
  exportDataJson,
} from './data-io';
export type { DataValue, ParseOptions, ValidateOptions, WorkMeter } from './data-io';
