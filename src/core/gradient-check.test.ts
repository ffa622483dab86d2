import { describe, expect, it } from 'vitest';
import {
  backpropGradients,
  errorOutput,
  gradientBiasHidden,
  gradientBiasOut,
  gradientWeightHidden,
  gradientWeightOut,
} from './backprop';
import { zeros } from './matrix';
import { hiddenActivations, outputActivations } from './network';
import { oneHot } from './datasets';
import { compareGradients, gradientCheck, isClose, numericalGradients, startGradientCheck } from './gradient-check';
import { notebookSetup } from './notebook';
import { packParams, randomParams } from './params';
import { RandomState } from './random';
import type { Matrix, Params, Shape } from './types';

/** A random problem: N points with Gaussian inputs, random classes, parameters at `scale`. */
function problem(shape: Shape, n: number, seed: number, scale = 1): { X: Matrix; T: Matrix; params: Params } {
  const rng = new RandomState(seed);
  const X = rng.randn(n, shape.inputs);
  const t = new Int32Array(n);
  for (let i = 0; i < n; i++) t[i] = rng.randomInterval(shape.classes - 1);
  return { X, T: oneHot(t, shape.classes), params: randomParams(shape, scale, rng) };
}

/** backpropGradients with one wrong entry: bh[2] off by 0.5. */
function offByHalf(x: Matrix, t: Matrix, p: Params): Params {
  const J = backpropGradients(x, t, p);
  J.bh.data[2] += 0.5;
  return J;
}

describe('gradientCheck', () => {
  const shapes: Shape[] = [
    { inputs: 1, hidden: 1, classes: 2 },
    { inputs: 2, hidden: 3, classes: 2 },
    { inputs: 2, hidden: 8, classes: 3 },
    { inputs: 2, hidden: 64, classes: 5 },
    { inputs: 2, hidden: 16, classes: 1 },
  ];

  it.each(shapes)('passes on a random %o network', (shape) => {
    const { X, T, params } = problem(shape, 12, shape.hidden * 10 + shape.classes);
    const before = packParams(params);
    const check = gradientCheck(X, T, params);
    expect(check.ok).toBe(true);
    expect(check.entries.every((e) => e.close)).toBe(true);
    expect(check.entries.length).toBe(before.length);
    expect(check.maxRelDiff).toBeLessThan(1e-5);
    // The caller's parameters are left exactly as they were.
    expect(Array.from(packParams(params))).toEqual(Array.from(before));
  });

  it('lists entries in packing order with their positions', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 3, classes: 2 }, 5, 1);
    const { entries } = gradientCheck(X, T, params);
    expect(entries.map((e) => e.param).join('')).toBe(
      'Wh'.repeat(6) + 'bh'.repeat(3) + 'Wo'.repeat(6) + 'bo'.repeat(2),
    );
    expect(entries[4]).toMatchObject({ param: 'Wh', row: 1, col: 1 });
    expect(entries[10]).toMatchObject({ param: 'Wo', row: 0, col: 1 });
    const J = backpropGradients(X, T, params);
    expect(entries[10].analytic).toBe(J.Wo.data[1]);
  });

  it('catches a gradient that forgets the logistic derivative', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 4, classes: 3 }, 10, 2);
    // The classic slip: Eh = Eo·Woᵀ instead of H ⊙ (1 − H) ⊙ (Eo·Woᵀ).
    const withoutDerivative = (x: Matrix, t: Matrix, p: Params): Params => {
      const H = hiddenActivations(x, p.Wh, p.bh);
      const Eo = errorOutput(outputActivations(H, p.Wo, p.bo), t);
      const Eh = zeros(H.rows, H.cols);
      for (let i = 0; i < H.rows; i++)
        for (let j = 0; j < H.cols; j++)
          for (let k = 0; k < Eo.cols; k++)
            Eh.data[i * H.cols + j] += Eo.data[i * Eo.cols + k] * p.Wo.data[j * Eo.cols + k];
      return {
        Wh: gradientWeightHidden(x, Eh),
        bh: gradientBiasHidden(Eh),
        Wo: gradientWeightOut(H, Eo),
        bo: gradientBiasOut(Eo),
      };
    };
    const check = gradientCheck(X, T, params, { gradients: withoutDerivative });
    expect(check.ok).toBe(false);
    const wrong = new Set(check.entries.filter((e) => !e.close).map((e) => e.param));
    expect([...wrong].sort()).toEqual(['Wh', 'bh']);
    expect(check.maxRelDiff).toBeGreaterThan(0.1);
  });

  it('pins down a single wrong entry', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 4, classes: 3 }, 10, 2);
    const check = gradientCheck(X, T, params, { gradients: offByHalf });
    expect(check.ok).toBe(false);
    const bad = check.entries.filter((e) => !e.close);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ param: 'bh', row: 0, col: 2 });
    expect(check.maxAbsDiff).toBeCloseTo(0.5, 6);
  });

  it('reports NaN gradients as not close', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 2, classes: 2 }, 4, 3);
    const check = gradientCheck(X, T, params, {
      gradients: (x, t, p) => {
        const J = backpropGradients(x, t, p);
        J.Wo.data[0] = NaN;
        return J;
      },
    });
    expect(check.ok).toBe(false);
    expect(check.entries.filter((e) => !e.close)).toHaveLength(1);
    expect(check.maxAbsDiff).toBeNaN();
  });

  it('compares precomputed gradients directly', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 3, classes: 2 }, 6, 4);
    const numeric = numericalGradients(X, T, params);
    const analytic = backpropGradients(X, T, params);
    expect(compareGradients(analytic, numeric).ok).toBe(true);
    analytic.Wh.data[0] *= 1.001;
    const result = compareGradients(analytic, numeric);
    expect(result.ok).toBe(false);
    expect(result.entries[0].close).toBe(false);
  });
});

/** The bits of every number in a result, so equality is exact (−0, NaN payloads and all). */
function bits(result: ReturnType<typeof gradientCheck>): string[] {
  const numbers = [result.maxAbsDiff, result.maxRelDiff, ...result.entries.flatMap((e) => [e.analytic, e.numeric])];
  const view = new DataView(new ArrayBuffer(8));
  return numbers.map((x) => {
    view.setFloat64(0, x);
    return view.getBigUint64(0).toString(16);
  });
}

describe('startGradientCheck', () => {
  it.each([1, 2, 7, 1000])("gives gradientCheck's result bit for bit, %i parameters at a time", (count) => {
    const { X, T, params } = problem({ inputs: 2, hidden: 8, classes: 3 }, 20, 5);
    const task = startGradientCheck(X, T, params);
    expect(task.total).toBe(2 * 8 + 8 + 8 * 3 + 3);
    let calls = 0;
    while (!task.advance(count)) calls += 1;
    expect(calls).toBe(Math.ceil(task.total / count) - 1);
    const whole = gradientCheck(X, T, params);
    expect(task.result()).toEqual(whole);
    expect(bits(task.result())).toEqual(bits(whole));
  });

  it("gives the tutorial's check (seed 1) bit for bit, and keeps the wrong-gradient verdict", () => {
    const setup = notebookSetup(1);
    const task = startGradientCheck(setup.X, setup.T, setup.checkParams);
    while (!task.advance(3));
    expect(bits(task.result())).toEqual(bits(gradientCheck(setup.X, setup.T, setup.checkParams)));

    const { X, T, params } = problem({ inputs: 2, hidden: 4, classes: 3 }, 10, 2);
    const wrong = startGradientCheck(X, T, params, { gradients: offByHalf });
    while (!wrong.advance(5));
    expect(wrong.result()).toEqual(gradientCheck(X, T, params, { gradients: offByHalf }));
    expect(wrong.result().entries.filter((e) => !e.close)).toHaveLength(1);
  });

  it('checks the parameters as they were when it started', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 3, classes: 2 }, 8, 6);
    const expected = gradientCheck(X, T, params);
    const task = startGradientCheck(X, T, params);
    task.advance(4);
    // Training goes on meanwhile: the caller's parameters change under the check.
    params.Wh.data[0] += 1;
    params.bo.data[1] -= 2;
    while (!task.advance(4));
    expect(task.result()).toEqual(expected);
  });

  it('reports its progress and refuses a result before the end', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 3, classes: 2 }, 8, 7);
    const task = startGradientCheck(X, T, params);
    expect([task.checked, task.total, task.done]).toEqual([0, 17, false]);
    expect(() => task.result()).toThrow('startGradientCheck: the check is not done (0 of 17 parameters)');
    expect(task.advance(0)).toBe(false);
    expect(task.advance(10)).toBe(false);
    expect(task.checked).toBe(10);
    expect(task.advance(100)).toBe(true);
    expect([task.checked, task.done]).toEqual([17, true]);
    expect(task.advance(1)).toBe(true);
    expect(task.result()).toBe(task.result());
  });

  it('validates its arguments when it starts, naming itself', () => {
    const { X, T, params } = problem({ inputs: 2, hidden: 3, classes: 2 }, 8, 8);
    expect(() => startGradientCheck(X, T, params, { eps: 0 })).toThrow(/^startGradientCheck: eps/);
    expect(() => startGradientCheck(X, T, params, { rtol: -1 })).toThrow(/^startGradientCheck: rtol/);
    expect(() => startGradientCheck(X, { rows: 3, cols: 2, data: new Float64Array(6) }, params)).toThrow(
      /^startGradientCheck: T/,
    );
    expect(() => gradientCheck(X, T, params, { eps: 0 })).toThrow(/^gradientCheck: eps/);
  });
});

describe('isClose', () => {
  it('is numpy’s isclose: |a − b| ≤ atol + rtol·|b|', () => {
    expect(isClose(1 + 1e-6, 1)).toBe(true);
    expect(isClose(1 + 2e-5, 1)).toBe(false);
    expect(isClose(1e-9, 0)).toBe(true);
    expect(isClose(2e-8, 0)).toBe(false);
    // Not symmetric: the tolerance scales with b.
    expect(isClose(0, 1e-3, 10, 0)).toBe(true);
    expect(isClose(1e-3, 0, 10, 0)).toBe(false);
    expect(isClose(Infinity, Infinity)).toBe(true);
    expect(isClose(NaN, NaN)).toBe(false);
  });
});
