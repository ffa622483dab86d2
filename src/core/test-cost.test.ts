import { describe, expect, it } from 'vitest';
import { cost, accuracy, nn } from './network';
import { packParams } from './params';
import { setupRun } from './setup';
import { createTestEvaluator } from './test-cost';

describe('createTestEvaluator', () => {
  const run = setupRun(4, { generator: 'spiral', classes: 3, samples: 61, hiddenUnits: 5, testFraction: 0.3 });
  const test = run.test;
  if (!test) throw new Error('the split must have test rows');
  const shape = { inputs: 2, hidden: 5, classes: 3 };

  it('gives the summed cross-entropy and accuracy of the test rows, as cost and accuracy do', () => {
    const evaluator = createTestEvaluator(test.X, test.T, test.t, shape);
    expect(evaluator.rows).toBe(18);
    expect(evaluator.cost).toBeNaN();
    for (const params of [run.checkParams, run.initParams]) {
      const Y = nn(test.X, params);
      expect(evaluator.evaluate(params)).toBe(cost(Y, test.T));
      expect(evaluator.cost).toBe(cost(Y, test.T));
      expect(evaluator.accuracy).toBe(accuracy(Y, test.t));
      expect(evaluator.evaluatePacked(packParams(params))).toBe(cost(Y, test.T));
    }
  });

  it('rejects mismatched shapes and packed buffers with what was expected', () => {
    expect(() => createTestEvaluator(test.X, test.T, test.t, { inputs: 2, hidden: 5, classes: 4 })).toThrow(
      "createTestEvaluator: T must be 18×4 to match X's 18 rows and shape.classes; got 18×3",
    );
    expect(() => createTestEvaluator(test.X, test.T, test.t.subarray(1), shape)).toThrow(TypeError);
    const evaluator = createTestEvaluator(test.X, test.T, test.t, shape);
    expect(() => evaluator.evaluatePacked(new Float64Array(3))).toThrow(
      'TestEvaluator.evaluatePacked: packed must be a Float64Array of 33 parameters; got Float64Array(3)',
    );
  });
});
