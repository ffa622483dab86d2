import { afterEach, describe, expect, test } from 'vitest';
import { releaseCanvases, rendererOnPage } from '../../../test/helpers/browser';
import { seed1Data, seed1Params } from '../__fixtures__/seed-1';
import { GlHiddenSpaceRenderer } from './gl-hidden-space-renderer';

function makeRenderer(): GlHiddenSpaceRenderer {
  const { renderer } = rendererOnPage((regl) => new GlHiddenSpaceRenderer(regl));
  renderer.setData(seed1Data());
  return renderer;
}

afterEach(releaseCanvases);

describe('GlHiddenSpaceRenderer', () => {
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
