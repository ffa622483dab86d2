// The kernels' workspace: one record that names every buffer a forward pass, a cost and a
// backward pass read or write, with its shape, so a kernel call reads `ws.hiddenActivations`
// instead of the seventh Float64Array argument. The trainer builds one per run and reuses it
// every iteration; the one-off public functions build one per call.
//
// Sizes: N samples, D inputs, H hidden units, C classes. Every matrix is row-major.
// Buffers named after the one hidden layer (hiddenActivations, errorHidden,
// gradientWeightHidden, gradientBiasHidden) are the tutorial's; with more layers they become
// one per layer. The sizes of the data (N, D, C), the outputs, the packed gradients and the
// scratch rows keep their meaning for any depth.
import { viewParams } from './params';
import type { Params, Shape } from './types';

/** The parameters a hidden layer reads: Wh D×H, bh 1×H. */
export type HiddenLayer = Pick<Params, 'Wh' | 'bh'>;
/** The parameters an output layer reads: Wo H×C, bo 1×C. */
export type OutputLayer = Pick<Params, 'Wo' | 'bo'>;
/** The parameters the backward pass reads: Wo H×C (the error flows back through it). */
export type OutputWeights = Pick<Params, 'Wo'>;

export interface WorkspaceSizes {
  /** N */
  readonly samples: number;
  /** D; 0 for a call that starts from the hidden activations (then X is empty) */
  readonly inputs: number;
  /** H; 0 for a call that needs no hidden layer (the cost of given outputs) */
  readonly hidden: number;
  /** C; 0 for a call that stops at the hidden layer (then every C-sized buffer is empty) */
  readonly classes: number;
}

export interface Workspace extends WorkspaceSizes {
  /** X, N×D: the inputs. The caller's array, read only; empty when the call has none. */
  readonly X: Float64Array;
  /** T, N×C: the targets. The caller's array, read only; empty for a forward pass. */
  readonly T: Float64Array;
  /** tutorial `hidden_activations`, N×H: σ(X·Wh + bh) */
  readonly hiddenActivations: Float64Array;
  /** tutorial `output_activations`, N×C: softmax(H·Wo + bo), the class probabilities Y */
  readonly outputActivations: Float64Array;
  /**
   * tutorial `error_output` of one sample, 1×C: Eo = Y − T. The backward pass is fused over
   * the samples, so one row stands in for the tutorial's N×C matrix.
   */
  readonly errorOutput: Float64Array;
  /** tutorial `error_hidden` of one sample, 1×H: Eh = H ⊙ (1 − H) ⊙ (Eo·Woᵀ) */
  readonly errorHidden: Float64Array;
  /**
   * J: every gradient ∂ξ/∂P, packed like the parameters (Wh, bh, Wo, bo row-major; see
   * packParams), so an update step reads it in one loop. The four below are views into it.
   */
  readonly gradients: Float64Array;
  /** tutorial `gradient_weight_hidden`, D×H: ∂ξ/∂Wh = Xᵀ·Eh (a view into `gradients`) */
  readonly gradientWeightHidden: Float64Array;
  /** tutorial `gradient_bias_hidden`, 1×H: ∂ξ/∂bh = Σₙ Eh (a view into `gradients`) */
  readonly gradientBiasHidden: Float64Array;
  /** tutorial `gradient_weight_out`, H×C: ∂ξ/∂Wo = Hᵀ·Eo (a view into `gradients`) */
  readonly gradientWeightOut: Float64Array;
  /** tutorial `gradient_bias_out`, 1×C: ∂ξ/∂bo = Σₙ Eo (a view into `gradients`) */
  readonly gradientBiasOut: Float64Array;
  /** scratch, C×H: Woᵀ, so the general kernels' inner loops run contiguously over H */
  readonly weightOutTransposed: Float64Array;
  /** scratch, C×H: ∂ξ/∂Wo accumulated transposed, for the same reason */
  readonly gradientWeightOutTransposed: Float64Array;
}

/**
 * Arrays a workspace uses instead of allocating its own: the data (X, T) always come from the
 * caller; the activations may too, for a one-off call that starts from given H or Y.
 */
export interface WorkspaceBindings {
  X?: Float64Array;
  T?: Float64Array;
  hiddenActivations?: Float64Array;
  outputActivations?: Float64Array;
}

const NONE = new Float64Array(0);

/**
 * Allocates a workspace for N samples through a D→H→C network, using the bound arrays as
 * given (not copied, not checked: callers validate at their entry). Everything else is zeroed.
 */
export function createWorkspace(sizes: WorkspaceSizes, bound: WorkspaceBindings = {}): Workspace {
  const { samples: n, inputs: d, hidden: nh, classes: c } = sizes;
  const gradients = new Float64Array(d * nh + nh + nh * c + c);
  return {
    samples: n,
    inputs: d,
    hidden: nh,
    classes: c,
    X: bound.X ?? NONE,
    T: bound.T ?? NONE,
    hiddenActivations: bound.hiddenActivations ?? new Float64Array(n * nh),
    outputActivations: bound.outputActivations ?? new Float64Array(n * c),
    errorOutput: new Float64Array(c),
    errorHidden: new Float64Array(nh),
    gradients,
    gradientWeightHidden: gradients.subarray(0, d * nh),
    gradientBiasHidden: gradients.subarray(d * nh, d * nh + nh),
    gradientWeightOut: gradients.subarray(d * nh + nh, d * nh + nh + nh * c),
    gradientBiasOut: gradients.subarray(d * nh + nh + nh * c),
    weightOutTransposed: new Float64Array(c * nh),
    gradientWeightOutTransposed: new Float64Array(c * nh),
  };
}

/** The sizes of a workspace for N samples through a network of this shape. */
export function workspaceSizes(samples: number, shape: Shape): WorkspaceSizes {
  return { samples, inputs: shape.inputs, hidden: shape.hidden, classes: shape.classes };
}

/** The workspace's gradients as Params (matrices whose data are views into `ws.gradients`). */
export function gradientParams(ws: Workspace): Params {
  return viewParams(ws.gradients, { inputs: ws.inputs, hidden: ws.hidden, classes: ws.classes });
}
