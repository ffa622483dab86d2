import { describe, expect, test } from 'vitest';
import { AxisLabelLayout } from './axis-labels';

describe('AxisLabelLayout', () => {
  test('lays out again only when the camera, the box or the units change', () => {
    const layout = new AxisLabelLayout();
    const camera = { elevation: 30, azimuth: -20 };
    expect(layout.update(camera, 240, 240, [1, 2, 3])).toBe(true);
    const labels = layout.labels;
    expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['h1', 'h2', 'h3', '0', '0.5', '1']));
    // equal values in new objects (every snapshot makes them anew): no work
    expect(layout.update({ ...camera }, 240, 240, [1, 2, 3])).toBe(false);
    expect(layout.labels).toBe(labels);
    const version = layout.version;
    expect(layout.update({ elevation: 30, azimuth: 0 }, 240, 240, [1, 2, 3])).toBe(true);
    expect(layout.update({ elevation: 30, azimuth: 0 }, 200, 240, [1, 2, 3])).toBe(true);
    expect(layout.update({ elevation: 30, azimuth: 0 }, 200, 240, [1, 2, 5])).toBe(true);
    expect(layout.labels.map((l) => l.text)).toContain('h5');
    expect(layout.version).toBe(version + 3);
  });

  test('no labels while the box has no size', () => {
    const layout = new AxisLabelLayout();
    layout.update({ elevation: 30, azimuth: -20 }, 0, 0, [1, 2, 3]);
    expect(layout.labels).toEqual([]);
  });
});
