// One entry for every generator, named as the config's fields, with the rule on class counts.
import { checkInteger, checkNumber, describe } from '../errors';
import type { RandomState } from '../random';
import { makeBlobs } from './blobs';
import { makeCircles } from './circles';
import { makeMoons } from './moons';
import { makeSpiral } from './spiral';
import { MAX_CLASSES, type Dataset } from './types';
import { makeXor } from './xor';

/** The generators that draw data; `custom` data is given instead (see setupRun). */
export type GeneratorName = 'circles' | 'moons' | 'blobs' | 'xor' | 'spiral';
export const GENERATOR_NAMES: readonly GeneratorName[] = ['circles', 'moons', 'blobs', 'xor', 'spiral'];

/** Generators whose data always have exactly two classes. */
export const TWO_CLASS_GENERATORS: readonly GeneratorName[] = ['circles', 'moons', 'xor'];

/** generateData's options, named as the config's fields. */
export interface GenerateOptions {
  /** points N (default 100) */
  samples?: number;
  /** noise standard deviation (default 0.1) */
  noise?: number;
  /** circles only: inner radius relative to the outer (default 0.3) */
  factor?: number;
  /** classes C, 2 to 5 (default 2); must be 2 for circles, moons and xor */
  classes?: number;
}

/**
 * Throws a RangeError naming the generator unless `classes` suits it: 2 to 5 for blobs and
 * spiral, exactly 2 for circles, moons and xor.
 */
export function checkGeneratorClasses(fn: string, generator: GeneratorName, classes: number): void {
  checkInteger(fn, 'classes', classes, 2, MAX_CLASSES);
  if (classes !== 2 && TWO_CLASS_GENERATORS.includes(generator)) {
    throw new RangeError(`${fn}: classes must be 2 for generator "${generator}" (it has two classes); got ${classes}`);
  }
}

/**
 * The data of one generator from the run's stream, with the formulas (each function's
 * JSDoc has its numpy form). The tutorial's circles: `make_circles(N, shuffle=False, factor,
 * noise)`; moons, blobs (C centers), xor and spiral (C arms).
 */
export function generateData(generator: GeneratorName, options: GenerateOptions, rng: RandomState): Dataset {
  const fn = 'generateData';
  if (!GENERATOR_NAMES.includes(generator)) {
    throw new RangeError(`${fn}: generator must be one of ${GENERATOR_NAMES.join(', ')}; got ${describe(generator)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${fn}: options must be an object; got ${describe(options)}`);
  }
  const { samples = 100, noise = 0.1, factor = 0.3, classes = 2 } = options;
  checkInteger(fn, 'samples', samples, 1);
  checkNumber(fn, 'noise', noise, { min: 0 });
  checkGeneratorClasses(fn, generator, classes);
  switch (generator) {
    case 'circles':
      return makeCircles({ nSamples: samples, shuffle: false, factor, noise }, rng);
    case 'moons':
      return makeMoons({ nSamples: samples, noise }, rng);
    case 'blobs':
      return makeBlobs({ nSamples: samples, classes, noise }, rng);
    case 'xor':
      return makeXor({ nSamples: samples, noise }, rng);
    case 'spiral':
      return makeSpiral({ nSamples: samples, classes, noise }, rng);
  }
}
