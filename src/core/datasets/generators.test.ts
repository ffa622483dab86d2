// Parity with numpy and scikit-learn 1.2 (test/fixtures/numpy/generators.json): every generator
// at two seeds, the test split, both parameter sets and a short training run with test costs.
// Tolerances as the fixtures' README gives them: uniforms and permutations bit-exact,
// Gaussians and cos/sin within a few ulp, costs and parameters 1e-9 relative.
import { describe, expect, it } from 'vitest';
import { caseSettings, generatorCases, type GeneratorCase } from '../../../test/fixtures/numpy/generators';
import { flat, mat, mismatch, params as fixtureParams } from '../../../test/fixtures/numpy/load';
import { createTrainer, createTestEvaluator, packParams, setupRun, type RunOptions } from '../index';
import { RandomState } from '../random';
import { generateData } from './generate';

const RTOL = 1e-9;

function optionsOf(c: GeneratorCase): RunOptions {
  const options: RunOptions = { generator: c.generator, ...caseSettings(c) };
  if (c.generator === 'custom') options.data = { X: mat(c.X), t: Int32Array.from(c.t) };
  return options;
}

const label = (c: GeneratorCase) =>
  `${c.generator}, seed ${c.seed}, N ${c.samples}, C ${c.classes}, f ${c.test_fraction}`;

describe.each(generatorCases.map((c) => [label(c), c] as const))('numpy parity: %s', (_, c) => {
  const setup = setupRun(c.seed, optionsOf(c));

  it('draws the same points and labels, and leaves the stream where numpy does', () => {
    expect(Array.from(setup.data.t)).toEqual(c.t);
    expect(mismatch(setup.data.X.data, flat(c.X), 1e-12, 1e-15)).toBeNull();
    if (c.generator === 'custom') return;
    const rng = new RandomState(c.seed);
    generateData(c.generator, { samples: c.samples, noise: c.noise, factor: c.factor, classes: c.classes }, rng);
    const state = rng.getState();
    expect(state.pos).toBe(c.state_after_data.pos);
    expect(state.hasGauss).toBe(c.state_after_data.has_gauss === 1);
  });

  it('splits the rows as perm[:⌊f·N⌋] for testing and the rest for training', () => {
    if (c.perm === undefined) {
      expect(setup.test).toBeNull();
      expect(Array.from(setup.trainRows)).toEqual(c.t.map((_, i) => i));
      expect(setup.X).toBe(setup.data.X);
      return;
    }
    const nTest = c.n_test ?? -1;
    expect(Array.from(setup.testRows)).toEqual(c.perm.slice(0, nTest));
    expect(Array.from(setup.trainRows)).toEqual(c.perm.slice(nTest));
    expect(Array.from(setup.t)).toEqual(c.perm.slice(nTest).map((r) => c.t[r]));
    expect(Array.from(setup.X.data)).toEqual(
      c.perm.slice(nTest).flatMap((r) => [setup.data.X.data[2 * r], setup.data.X.data[2 * r + 1]]),
    );
    expect(setup.test?.X.rows ?? 0).toBe(nTest);
    expect(Array.from(setup.test?.t ?? [])).toEqual(c.perm.slice(0, nTest).map((r) => c.t[r]));
  });

  it('draws both parameter sets after the data and the split', () => {
    expect(mismatch(packParams(setup.checkParams), packParams(fixtureParams(c.check_params)), 1e-12, 1e-15)).toBeNull();
    expect(mismatch(packParams(setup.initParams), packParams(fixtureParams(c.init_params)), 1e-12, 1e-15)).toBeNull();
  });

  it('trains on the training rows as numpy does, with the test cost after each update', () => {
    const { training } = c;
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, {
      learningRate: training.learning_rate,
      momentum: training.momentum_term,
      engine: 'js',
    });
    const evaluator = setup.test && createTestEvaluator(setup.test.X, setup.test.T, setup.test.t, trainer.shape);
    const costs = [trainer.cost];
    const testCosts = evaluator ? [evaluator.evaluate(trainer.params)] : [];
    const out = new Float64Array(1);
    for (let i = 0; i < training.iterations; i++) {
      expect(trainer.step(1, out)).toBe(1);
      costs.push(out[0]);
      if (evaluator) testCosts.push(evaluator.evaluate(trainer.params));
    }
    expect(mismatch(costs, training.costs, RTOL)).toBeNull();
    expect(mismatch(testCosts, training.test_costs, RTOL)).toBeNull();
    expect(mismatch(packParams(trainer.params), packParams(fixtureParams(training.final)), RTOL, 1e-13)).toBeNull();
    expect(trainer.accuracy).toBe(training.accuracy);
    expect(evaluator?.accuracy ?? null).toBe(training.test_accuracy);
  });
});

describe('generator fixtures', () => {
  it('cover every generator at two seeds, odd N, C = 3 and 5, and custom data', () => {
    for (const g of ['circles', 'moons', 'blobs', 'xor', 'spiral']) {
      expect(new Set(generatorCases.filter((c) => c.generator === g).map((c) => c.seed)).size).toBeGreaterThanOrEqual(
        2,
      );
    }
    expect(generatorCases.some((c) => c.samples % 2 === 1)).toBe(true);
    expect(generatorCases.some((c) => c.classes === 3)).toBe(true);
    expect(generatorCases.some((c) => c.classes === 5)).toBe(true);
    expect(generatorCases.some((c) => c.generator === 'custom')).toBe(true);
  });

  it('are bit-exact where only uniforms are involved (xor at noise 0)', () => {
    const c = generatorCases.find((k) => k.generator === 'xor' && k.noise === 0);
    expect(c).toBeDefined();
    if (!c) return;
    const { X, t } = generateData('xor', { samples: c.samples, noise: 0 }, new RandomState(c.seed));
    expect(Array.from(X.data)).toEqual(flat(c.X));
    expect(Array.from(t)).toEqual(c.t);
  });
});
