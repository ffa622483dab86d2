// Parameter sets: shapes, copies, random initialisation, and the packed form (one Float64Array
// holding Wh, bh, Wo, bo row-major in that order) that crosses the worker boundary and that
// the trainer updates in one loop.
import { checkInteger, checkNumber, checkParams, describe } from './errors';
import type { RandomState } from './random';
import type { Matrix, ParamName, Params, Shape } from './types';

/** The parameter names in packing order. */
export const PARAM_NAMES: readonly ParamName[] = ['Wh', 'bh', 'Wo', 'bo'];

function checkShapeArg(fn: string, shape: unknown): asserts shape is Shape {
  if (typeof shape !== 'object' || shape === null) {
    throw new TypeError(`${fn}: shape must be an object {inputs, hidden, classes}; got ${describe(shape)}`);
  }
  const s = shape as Record<string, unknown>;
  checkInteger(fn, 'shape.inputs', s.inputs, 1);
  checkInteger(fn, 'shape.hidden', s.hidden, 1);
  checkInteger(fn, 'shape.classes', s.classes, 1);
}

/** Rows and columns of each parameter for a shape: Wh D×H, bh 1×H, Wo H×C, bo 1×C. */
function dims(shape: Shape): Record<ParamName, [number, number]> {
  const { inputs: d, hidden: h, classes: c } = shape;
  return { Wh: [d, h], bh: [1, h], Wo: [h, c], bo: [1, c] };
}

/** Number of scalars in a parameter set: D·H + H + H·C + C. */
export function paramCount(shape: Shape): number {
  checkShapeArg('paramCount', shape);
  const { inputs: d, hidden: h, classes: c } = shape;
  return d * h + h + h * c + c;
}

/** The shape {inputs: D, hidden: H, classes: C} of a consistent parameter set. */
export function shapeOf(params: Params): Shape {
  return checkParams('shapeOf', params);
}

/** Wh, bh, Wo, bo row-major, one after another, in a new Float64Array. */
export function packParams(params: Params): Float64Array {
  const shape = checkParams('packParams', params);
  const out = new Float64Array(paramCount(shape));
  let offset = 0;
  for (const name of PARAM_NAMES) {
    out.set(params[name].data, offset);
    offset += params[name].data.length;
  }
  return out;
}

/**
 * The inverse of `packParams`: matrices whose `data` are subarray views of `buf` (no copy), so
 * writing to the Params writes to `buf` and vice versa. `buf` must hold exactly
 * `paramCount(shape)` numbers.
 */
export function unpackParams(buf: Float64Array, shape: Shape): Params {
  checkShapeArg('unpackParams', shape);
  if (!(buf instanceof Float64Array)) {
    throw new TypeError(`unpackParams: buf must be a Float64Array; got ${describe(buf)}`);
  }
  const count = paramCount(shape);
  if (buf.length !== count) {
    const { inputs, hidden, classes } = shape;
    throw new RangeError(
      `unpackParams: buf must hold ${count} numbers for shape ${inputs}→${hidden}→${classes}; got ${buf.length}`,
    );
  }
  return viewParams(buf, shape);
}

/** `unpackParams` without the checks (for the core's own preallocated buffers). */
export function viewParams(buf: Float64Array, shape: Shape): Params {
  const d = dims(shape);
  let offset = 0;
  const view = (name: ParamName): Matrix => {
    const [rows, cols] = d[name];
    const data = buf.subarray(offset, offset + rows * cols);
    offset += rows * cols;
    return { rows, cols, data };
  };
  const Wh = view('Wh');
  const bh = view('bh');
  const Wo = view('Wo');
  const bo = view('bo');
  return { Wh, bh, Wo, bo };
}

/** An independent deep copy (packed into one new buffer). */
export function cloneParams(params: Params): Params {
  return viewParams(packParams(params), shapeOf(params));
}

/** All-zero parameters of a shape (the tutorial's initial velocities, `np.zeros_like`). */
export function zeroParams(shape: Shape): Params {
  return viewParams(new Float64Array(paramCount(shape)), shape);
}

/**
 * Random parameters as the notebook draws them, each `scale · randn`, in the order bh, Wh,
 * bo, Wo (the notebook's order; it decides which Gaussians land where):
 *   bh = randn(1, H)·scale;  Wh = randn(D, H)·scale;  bo = randn(1, C)·scale;  Wo = randn(H, C)·scale
 */
export function randomParams(shape: Shape, scale: number, rng: RandomState): Params {
  checkShapeArg('randomParams', shape);
  checkNumber('randomParams', 'scale', scale, { min: 0 });
  if (typeof rng !== 'object' || rng === null || typeof rng.standardNormal !== 'function') {
    throw new TypeError(`randomParams: rng must be a RandomState; got ${describe(rng)}`);
  }
  const params = zeroParams(shape);
  for (const name of ['bh', 'Wh', 'bo', 'Wo'] as const) {
    const data = params[name].data;
    for (let i = 0; i < data.length; i++) data[i] = rng.standardNormal() * scale;
  }
  return params;
}
