import { describe, expect, test } from 'vitest';
import { WebglUnavailableError } from '../gl/create-regl';
import { fallbackNotice } from './view-notice';

describe('fallback notice', () => {
  test('names a blocking Content-Security-Policy', () => {
    expect(fallbackNotice(new WebglUnavailableError('context'), 'map')).toBe(
      'WebGL unavailable: showing a CPU-drawn map',
    );
    expect(fallbackNotice(new WebglUnavailableError('csp'), 'map')).toMatch(/Content-Security-Policy.*'unsafe-eval'/);
  });
});
