import { expect, test } from 'vitest';
import { until } from '../../../test/helpers/browser';
import { fenceAround } from './gpu-fence';

test('a fence tells, without waiting, when the commands it fenced have run on the GPU', async () => {
  const gl = new OffscreenCanvas(64, 64).getContext('webgl') as WebGLRenderingContext;
  let issued = false;
  const fence = fenceAround(gl, () => {
    gl.clearColor(1, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    issued = true;
  });
  expect(issued).toBe(true);
  // this Chromium has the timer query; a query's result is never available in the task that ended it
  expect(fence).not.toBeNull();
  expect(fence!.done()).toBe(false);
  await until(() => fence!.done(), 'the fenced commands to run');
  fence!.dispose();
  expect(fence!.done()).toBe(true);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
});
