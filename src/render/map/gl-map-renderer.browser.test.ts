import { afterEach, describe, expect, test } from 'vitest';
import { randomParams, readAllPixels, releaseCanvases, rendererOnPage } from '../../../test/helpers/browser';
import { seed1Data } from '../__fixtures__/seed-1';
import { seed1Params, seed1Plane, seed1Probes } from '../__fixtures__/seed-1';
import { GlMapRenderer } from './gl-map-renderer';
import { probabilityGrid } from './probability-grid';

const makeRenderer = () => rendererOnPage((regl) => new GlMapRenderer(regl));

afterEach(releaseCanvases);

function planeAgreement(predicted: Uint8Array): number {
  const { n, rows } = seed1Plane;
  let agree = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // '1' means P(class 0) > 0.5, i.e. predicted class 0
      if ((rows[i][j] === '1') === (predicted[i * n + j] === 0)) agree++;
    }
  }
  return agree / (n * n);
}

describe('GlMapRenderer', () => {
  test('the shader classifies numpy’s 200×200 plane as numpy does', () => {
    const { renderer } = makeRenderer();
    renderer.setParams(seed1Params());
    const grid = renderer.renderProbabilityGrid(200);
    expect(grid).not.toBeNull();
    expect(planeAgreement(grid!.predicted)).toBeGreaterThanOrEqual(0.999);
    expect(planeAgreement(grid!.predicted)).toBe(1);
    renderer.destroy();
  });

  test('the shader’s probabilities match the float64 forward pass', () => {
    const { renderer } = makeRenderer();
    for (const [H, C, seed] of [
      [3, 2, 1],
      [16, 2, 2],
      [64, 2, 3],
      [5, 3, 4],
      [7, 5, 5],
    ] as const) {
      // shapes numpy's fixture does not cover
      const params = randomParams(H, C, seed, 4);
      renderer.setParams(params);
      const gpu = renderer.renderProbabilityGrid(50)!;
      const cpu = probabilityGrid(params, 50);
      let maxDiff = 0;
      let disagree = 0;
      for (let k = 0; k < 2500; k++) {
        maxDiff = Math.max(maxDiff, Math.abs(gpu.p0[k] - cpu.p0[k]));
        if (gpu.predicted[k] !== cpu.predicted[k]) disagree++;
      }
      expect(maxDiff, `H=${H} C=${C}`).toBeLessThan(1e-3);
      expect(disagree / 2500, `H=${H} C=${C}`).toBeLessThanOrEqual(0.001);
    }
    renderer.destroy();
  });

  test('probe points agree with numpy', () => {
    const { renderer } = makeRenderer();
    renderer.setParams(seed1Params());
    // the 5×5 linspace grid hits (0,0), (±1,0), (0,±1) and (±2,±2)
    const grid = renderer.renderProbabilityGrid(5)!;
    for (const probe of seed1Probes) {
      const [x, y] = probe.x;
      const j = (x + 2) / 1;
      const i = (y + 2) / 1;
      if (!Number.isInteger(i) || !Number.isInteger(j)) continue;
      expect(grid.p0[i * 5 + j]).toBeCloseTo(probe.p[0], 3);
    }
    renderer.destroy();
  });

  test('an exact map drawn over several frames is, once finished, the one-frame exact map byte for byte', () => {
    const size = 240;
    // the program set-up (and the coarse path the steps start from) as in a view
    const build = (renderer: GlMapRenderer): GlMapRenderer => {
      while (renderer.prepare('first') || renderer.prepare('idle'));
      renderer.setParams(randomParams(16, 2, 7, 4));
      renderer.setData(seed1Data());
      return renderer;
    };
    const stepped = rendererOnPage((regl) => build(new GlMapRenderer(regl, 'fast', 1)), size);
    const whole = rendererOnPage((regl) => build(new GlMapRenderer(regl, 'fast', Infinity)), size);
    whole.renderer.draw('full');
    expect(whole.renderer.refining).toBe(false);
    const expected = readAllPixels(whole.canvas);
    let steps = 0;
    let first: Uint8Array | null = null;
    do {
      stepped.renderer.draw('full');
      first ??= readAllPixels(stepped.canvas);
      steps++;
    } while (stepped.renderer.refining && steps < 1000);
    // 240 rows at H = 16: 1 ms of software GL a step is a few rows
    expect(steps).toBeGreaterThan(10);
    expect(first).not.toEqual(expected);
    expect(readAllPixels(stepped.canvas)).toEqual(expected);
    // the finished map is kept: another frame (a data edit) shows it again at once, unchanged
    stepped.renderer.setData(seed1Data());
    stepped.renderer.draw('full');
    expect(stepped.renderer.refining).toBe(false);
    expect(readAllPixels(stepped.canvas)).toEqual(expected);
    // new parameters start over
    stepped.renderer.setParams(randomParams(16, 2, 8, 4));
    stepped.renderer.draw('full');
    expect(stepped.renderer.refining).toBe(true);
  });
});
