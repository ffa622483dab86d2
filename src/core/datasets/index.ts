// Data sets: the generators (each drawing from the run's one RandomState, numpy-exact) and
// the one-hot targets.
export type { Dataset } from './types';
export { MAX_CLASSES } from './types';
export { makeCircles } from './circles';
export type { CirclesOptions, CirclesData } from './circles';
export { makeMoons } from './moons';
export type { MoonsOptions } from './moons';
export { makeBlobs, BLOBS_CENTER_BOX } from './blobs';
export type { BlobsOptions } from './blobs';
export { makeXor, XOR_BOX } from './xor';
export type { XorOptions } from './xor';
export { makeSpiral, SPIRAL_RADIUS } from './spiral';
export type { SpiralOptions } from './spiral';
export { generateData, checkGeneratorClasses, GENERATOR_NAMES, TWO_CLASS_GENERATORS } from './generate';
export type { GeneratorName, GenerateOptions } from './generate';
export { oneHot } from './one-hot';
