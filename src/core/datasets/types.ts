// The shape every data set takes in the core: N points in the plane and one class each.
import type { Matrix } from '../types';

/** N labelled points: the inputs the network sees and the class of each. */
export interface Dataset {
  /** N×2 points, row-major */
  X: Matrix;
  /** N class indices, each in 0..C−1 */
  t: Int32Array;
}

/** The most classes a run can have (the palette and markers stop at five). */
export const MAX_CLASSES = 5;
