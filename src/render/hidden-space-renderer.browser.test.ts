import { afterEach, describe, expect, test } from 'vitest';
import { seed1Data, seed1Params } from './__fixtures__/seed-1';
import { createRegl, releaseContext } from './create-regl';
import { HiddenSpaceRenderer } from './hidden-space-renderer';
import { readTheme } from './theme';

const canvases: HTMLCanvasElement[] = [];

function makeRenderer(size = 64): HiddenSpaceRenderer {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  document.body.append(canvas);
  canvases.push(canvas);
  const renderer = new HiddenSpaceRenderer(createRegl(canvas));
  renderer.resize(size, size, 1);
  renderer.setTheme(readTheme(document.body));
  renderer.setData(seed1Data());
  return renderer;
}

afterEach(() => {
  for (const c of canvases.splice(0)) {
    releaseContext(c);
    c.remove();
  }
});

describe('HiddenSpaceRenderer', () => {
  test('recomputes the matrix and axes only when the camera, size or units change', () => {
    const renderer = makeRenderer();
    renderer.setCamera({ elevation: 30, azimuth: -20 });
    renderer.setUnits([1, 2, 3]);
    for (let k = 0; k < 5; k++) {
      // a snapshot per frame: new parameters, the same camera in a new object
      renderer.setParams(seed1Params());
      renderer.setCamera({ elevation: 30, azimuth: -20 });
      renderer.setUnits([1, 2, 3]);
      renderer.draw();
    }
    expect(renderer.geometryUpdates).toBe(1);
    renderer.setCamera({ elevation: 35, azimuth: -20 });
    renderer.draw();
    renderer.resize(80, 64, 1);
    renderer.draw();
    expect(renderer.geometryUpdates).toBe(3);
  });
});
