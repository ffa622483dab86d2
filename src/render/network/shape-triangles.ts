// The scene's primitives as coloured triangles for one WebGL draw: each vertex is
// (x, y, r, g, b, a) in device pixels, y down (the shader flips it). Pure.
import type { Primitive } from './network-scene';

/** Floats per vertex: x, y, r, g, b, a. */
export const VERTEX_FLOATS = 6;

const DISC_SEGMENTS = 16;

/** Vertices a primitive needs. */
function vertexCount(p: Primitive): number {
  switch (p.kind) {
    case 'line':
    case 'rect':
      return 6;
    case 'frame':
      return 24;
    case 'disc':
      return 3 * DISC_SEGMENTS;
    case 'triangle':
      return 3;
  }
}

/**
 * Writes `shapes` scaled by `ratio` (CSS px → device px) into `out` (grown when too small) and
 * returns it with the vertex count.
 */
export function shapeTriangles(
  shapes: readonly Primitive[],
  ratio: number,
  out: Float32Array,
): { vertices: Float32Array; count: number } {
  let count = 0;
  for (const p of shapes) count += vertexCount(p);
  let buffer = out;
  if (buffer.length < count * VERTEX_FLOATS) buffer = new Float32Array(Math.max(count * VERTEX_FLOATS, 2 * out.length));
  let o = 0;
  let color: readonly number[] = [0, 0, 0, 0];
  const vertex = (x: number, y: number): void => {
    buffer[o++] = x * ratio;
    buffer[o++] = y * ratio;
    buffer[o++] = color[0];
    buffer[o++] = color[1];
    buffer[o++] = color[2];
    buffer[o++] = color[3];
  };
  const quad = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number) => {
    vertex(ax, ay);
    vertex(bx, by);
    vertex(cx, cy);
    vertex(ax, ay);
    vertex(cx, cy);
    vertex(dx, dy);
  };
  const rect = (x: number, y: number, w: number, h: number) => quad(x, y, x + w, y, x + w, y + h, x, y + h);
  for (const p of shapes) {
    color = p.color;
    switch (p.kind) {
      case 'line': {
        const len = Math.hypot(p.x2 - p.x1, p.y2 - p.y1) || 1;
        const nx = (-(p.y2 - p.y1) / len) * (p.width / 2);
        const ny = ((p.x2 - p.x1) / len) * (p.width / 2);
        quad(p.x1 + nx, p.y1 + ny, p.x2 + nx, p.y2 + ny, p.x2 - nx, p.y2 - ny, p.x1 - nx, p.y1 - ny);
        break;
      }
      case 'rect':
        rect(p.x, p.y, p.w, p.h);
        break;
      case 'frame': {
        const t = p.width;
        rect(p.x - t / 2, p.y - t / 2, p.w + t, t);
        rect(p.x - t / 2, p.y + p.h - t / 2, p.w + t, t);
        rect(p.x - t / 2, p.y + t / 2, t, p.h - t);
        rect(p.x + p.w - t / 2, p.y + t / 2, t, p.h - t);
        break;
      }
      case 'disc':
        for (let k = 0; k < DISC_SEGMENTS; k++) {
          const a0 = (2 * Math.PI * k) / DISC_SEGMENTS;
          const a1 = (2 * Math.PI * (k + 1)) / DISC_SEGMENTS;
          vertex(p.x, p.y);
          vertex(p.x + p.r * Math.cos(a0), p.y + p.r * Math.sin(a0));
          vertex(p.x + p.r * Math.cos(a1), p.y + p.r * Math.sin(a1));
        }
        break;
      case 'triangle': {
        const q = p.points;
        vertex(q[0], q[1]);
        vertex(q[2], q[3]);
        vertex(q[4], q[5]);
        break;
      }
    }
  }
  return { vertices: buffer, count };
}
