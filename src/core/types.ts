// Shared shapes of the numeric core. Row-major Float64Array storage throughout.

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export type Matrix = { rows: number; cols: number; data: Float64Array };

/**
 * Network parameters, keyed as in the tutorial: D inputs, H logistic hidden units, C softmax classes.
 * Shapes: Wh D×H, bh 1×H, Wo H×C, bo 1×C.
 */
export type Params = { Wh: Matrix; bh: Matrix; Wo: Matrix; bo: Matrix };

/** The parameter names, in the order they are packed into one Float64Array (see `packParams`). */
export type ParamName = 'Wh' | 'bh' | 'Wo' | 'bo';

/** Network dimensions: D inputs, H hidden units, C classes. */
export type Shape = { inputs: number; hidden: number; classes: number };

/**
 * The step sizes of gradient descent with momentum, as one record so no call can swap them
 * (the tutorial's `update_velocity(X, T, params, Vs, momentum_term, learning_rate)` order).
 */
export interface Hyperparameters {
  /** ε > 0, the step size */
  learningRate: number;
  /** μ in [0, 1), the fraction of the previous velocity kept */
  momentum: number;
}
