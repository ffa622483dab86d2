import { describe, expect, test } from 'vitest';
import { seed1Params } from '../__fixtures__/seed-1';
import { cubeAxes, TICKS } from './cube-axes';
import { axisTitles, resolveUnits } from './hidden-units';
import { identity, multiply, projectToViewport } from './mat4';
import type { Vec3 } from './mat4';
import { ABSENT_CLASS_LOGIT, hiddenCapacity, NetworkUniforms } from '../gl/network-uniforms';
import { clampElevation, DEFAULT_CAMERA, cameraDirection, worldToClip, wrapAzimuth } from './orbit-camera';
import { dragOrbit, keyOrbit } from './orbit-input';
import { parseCssColor } from '../gl/theme';

const at = (m: Float32Array, p: Vec3, w = 100, h = 100) => projectToViewport(m, p, w, h);

describe('orbit camera (matplotlib view_init)', () => {
  test('default view is elev 30°, azim −20°: h3 up, h2 to the right, h1 towards the viewer', () => {
    expect(DEFAULT_CAMERA).toEqual({ elevation: 30, azimuth: -20 });
    const [x, y, z] = cameraDirection(DEFAULT_CAMERA);
    const el = Math.PI / 6;
    const az = -Math.PI / 9;
    expect([x, y, z].map((v) => +v.toFixed(12))).toEqual(
      [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)].map((v) => +v.toFixed(12)),
    );
    const m = worldToClip(DEFAULT_CAMERA, 1);
    const centre = at(m, [0.5, 0.5, 0.5]);
    expect(centre.x).toBeCloseTo(50, 4);
    expect(centre.y).toBeCloseTo(50, 4);
    expect(at(m, [0.5, 0.5, 1]).y).toBeLessThan(at(m, [0.5, 0.5, 0]).y);
    expect(at(m, [0.5, 1, 0.5]).x).toBeGreaterThan(at(m, [0.5, 0, 0.5]).x);
    expect(at(m, [1, 0.5, 0.5]).depth).toBeLessThan(at(m, [0, 0.5, 0.5]).depth);
  });

  test('the whole cube stays in view for any camera and aspect', () => {
    for (const aspect of [0.5, 1, 2.5]) {
      for (let elevation = -90; elevation <= 90; elevation += 15) {
        for (let azimuth = -180; azimuth < 180; azimuth += 30) {
          const m = worldToClip({ elevation, azimuth }, aspect);
          for (let c = 0; c < 8; c++) {
            const p = at(m, [c & 1, (c >> 1) & 1, c >> 2], aspect * 100, 100);
            expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
            expect(p.x).toBeGreaterThan(0);
            expect(p.x).toBeLessThan(aspect * 100);
            expect(p.y).toBeGreaterThan(0);
            expect(p.y).toBeLessThan(100);
            expect(p.depth).toBeGreaterThan(0);
            expect(p.depth).toBeLessThan(1);
          }
        }
      }
    }
  });

  test('angles wrap and clamp', () => {
    expect(wrapAzimuth(190)).toBe(-170);
    expect(wrapAzimuth(-180)).toBe(180);
    expect(wrapAzimuth(-540)).toBe(180);
    expect(wrapAzimuth(45)).toBe(45);
    expect(clampElevation(120)).toBe(90);
    expect(clampElevation(-91)).toBe(-90);
  });

  test('mat4 multiply composes and identity is neutral', () => {
    const m = worldToClip(DEFAULT_CAMERA, 1);
    expect(Array.from(multiply(identity(), m))).toEqual(Array.from(m));
    expect(Array.from(multiply(m, identity()))).toEqual(Array.from(m));
  });
});

describe('cube axes', () => {
  test('12 edges, 3 ticks per axis, labels outside the cube', () => {
    const m = worldToClip(DEFAULT_CAMERA, 1);
    const axes = cubeAxes(DEFAULT_CAMERA, m, ['h1', 'h2', 'h3']);
    expect(axes.edgeVertices).toBe(24);
    expect(axes.tickVertices).toBe(18);
    const titles = axes.labels.filter((l) => l.kind === 'title').map((l) => l.text);
    expect(titles).toEqual(['h1', 'h2', 'h3']);
    for (const label of axes.labels) {
      const outside = label.position.some((v) => v < 0 || v > 1);
      expect(outside, JSON.stringify(label)).toBe(true);
    }
    // x-axis tick labels read 0, 0.5, 1 along h1
    expect(axes.labels.filter((l) => l.axis === 0 && l.kind === 'tick').map((l) => l.text)).toEqual(TICKS.map(String));
  });
});

describe('hidden units on the axes', () => {
  test('H ≥ 3 keeps valid choices and replaces the rest', () => {
    expect(resolveUnits([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(resolveUnits([1, 5, 2], 5)).toEqual([1, 5, 2]);
    expect(resolveUnits([4, 5, 6], 3)).toEqual([1, 2, 3]);
    expect(resolveUnits([1, 5, 2], 4)).toEqual([1, 3, 2]);
    expect(resolveUnits([0, 2.5, 3], 8)).toEqual([1, 2, 3]);
  });

  test('H < 3 pads the missing axes with 0', () => {
    expect(resolveUnits([1, 2, 3], 2)).toEqual([1, 2, null]);
    expect(resolveUnits([1, 2, 3], 1)).toEqual([1, null, null]);
    expect(axisTitles([1, null, null])).toEqual(['h1', '0', '0']);
  });
});

describe('network uniforms', () => {
  test('pack (Wh[0][j], Wh[1][j], bh[j], Wo[j][4]) and Wo[j][0..3]; absent classes get −1e6', () => {
    const p = seed1Params();
    const u = new NetworkUniforms(8);
    u.update(p);
    expect(u.hidden).toBe(3);
    expect(u.classes).toBe(2);
    for (let j = 0; j < 3; j++) {
      expect(Array.from(u.unitA[j])).toEqual(
        Array.from(new Float32Array([p.Wh.data[j], p.Wh.data[3 + j], p.bh.data[j], 0])),
      );
      expect(Array.from(u.unitB[j])).toEqual(
        Array.from(new Float32Array([p.Wo.data[2 * j], p.Wo.data[2 * j + 1], 0, 0])),
      );
    }
    expect(Array.from(u.outBias)).toEqual(
      Array.from(new Float32Array([p.bo.data[0], p.bo.data[1], ABSENT_CLASS_LOGIT, ABSENT_CLASS_LOGIT])),
    );
    expect(u.outBias4).toBe(ABSENT_CLASS_LOGIT);
    expect(Array.from(u.unitA[5])).toEqual([0, 0, 0, 0]);
    expect(u.fits({ ...p, Wh: { rows: 2, cols: 9, data: new Float64Array(18) } })).toBe(false);
    // a diverged snapshot clears the map rather than drawing NaN
    u.update({ ...p, bo: { rows: 1, cols: 2, data: Float64Array.from([NaN, 0]) } });
    expect(u.hidden).toBe(0);
  });

  test('H = 64 fits the uniform budget of WebGL1 GPUs with ≥ 144 fragment vectors', () => {
    expect(hiddenCapacity(221)).toBe(64);
    expect(hiddenCapacity(144)).toBe(64);
    expect(hiddenCapacity(64)).toBe(24);
  });
});

describe('CSS colours', () => {
  test('parses any syntax the browser knows', () => {
    expect(parseCssColor('#d62728')).toEqual([0xd6 / 255, 0x27 / 255, 0x28 / 255, 1]);
    expect(parseCssColor('rgb(0 0 255 / 50%)')?.[2]).toBeCloseTo(1, 2);
    expect(parseCssColor('hsl(120 100% 25%)')?.[1]).toBeCloseTo(128 / 255, 2);
    expect(parseCssColor('rebeccapurple')).toEqual([102 / 255, 51 / 255, 153 / 255, 1]);
    expect(parseCssColor('not-a-colour')).toBeNull();
    expect(parseCssColor('')).toBeNull();
  });
});

describe('orbit input', () => {
  test('a drag across the view turns it by 180° (matplotlib)', () => {
    expect(dragOrbit(DEFAULT_CAMERA, 100, 0, 200)).toEqual({ elevation: 30, azimuth: -110 });
    expect(dragOrbit(DEFAULT_CAMERA, 0, 400, 200)).toEqual({ elevation: 90, azimuth: -20 });
  });

  test('keys step by 5°, 15° with Shift; Home resets; others are not ours', () => {
    expect(keyOrbit(DEFAULT_CAMERA, 'ArrowLeft', false)).toEqual({ elevation: 30, azimuth: -15 });
    expect(keyOrbit(DEFAULT_CAMERA, 'ArrowDown', true)).toEqual({ elevation: 15, azimuth: -20 });
    expect(keyOrbit({ elevation: 88, azimuth: 178 }, 'ArrowUp', false)).toEqual({ elevation: 90, azimuth: 178 });
    expect(keyOrbit({ elevation: 0, azimuth: 178 }, 'ArrowLeft', false)).toEqual({ elevation: 0, azimuth: -177 });
    expect(keyOrbit({ elevation: 5, azimuth: 5 }, 'Home', false)).toEqual(DEFAULT_CAMERA);
    expect(keyOrbit(DEFAULT_CAMERA, 'a', false)).toBeNull();
  });
});
