// The markers of marker-glsl.ts as 2-D canvas paths, for the CPU-drawn fallback.
import { HOLLOW_BAND } from './test-rows';

/** Adds class `shape`'s marker (0 star, 1 circle, 2 square, 3 triangle, 4 diamond) at (x, y). */
export function addMarker(path: Path2D, shape: number, x: number, y: number, radius: number): void {
  switch (shape) {
    case 0: {
      const outer = radius * 0.98;
      const inner = outer * 0.45;
      const cy = y + radius * 0.06;
      for (let k = 0; k < 10; k++) {
        const r = k % 2 === 0 ? outer : inner;
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const px = x + r * Math.cos(a);
        const py = cy + r * Math.sin(a);
        if (k === 0) path.moveTo(px, py);
        else path.lineTo(px, py);
      }
      path.closePath();
      return;
    }
    case 1:
      path.moveTo(x + radius * 0.72, y);
      path.arc(x, y, radius * 0.72, 0, 2 * Math.PI);
      return;
    case 2:
      path.rect(x - radius * 0.62, y - radius * 0.62, radius * 1.24, radius * 1.24);
      return;
    case 3: {
      const r = radius * 0.95;
      const cy = y + radius * 0.15;
      path.moveTo(x, cy - (2 * r) / Math.sqrt(3));
      path.lineTo(x + r, cy + r / Math.sqrt(3));
      path.lineTo(x - r, cy + r / Math.sqrt(3));
      path.closePath();
      return;
    }
    default: {
      const r = radius * 0.62 * Math.SQRT2;
      path.moveTo(x, y - r);
      path.lineTo(x + r, y);
      path.lineTo(x, y + r);
      path.lineTo(x - r, y);
      path.closePath();
    }
  }
}

/** A CSS colour string from straight RGBA in [0, 1]. */
export function cssRgba(c: readonly number[], alpha = c[3]): string {
  return `rgba(${Math.round(c[0] * 255)}, ${Math.round(c[1] * 255)}, ${Math.round(c[2] * 255)}, ${alpha})`;
}

/**
 * Paints markers: filled in `fill` with an `outline` edge of `outlineWidth` px, or, `hollow`
 * (test rows, their paths made HOLLOW_SCALE times as large), only the outline and a band of
 * `fill` HOLLOW_BAND·radius wide inside it, as the sprite shader draws them.
 */
export function paintMarkers(
  ctx: CanvasRenderingContext2D,
  path: Path2D,
  style: { fill: string; outline: string; outlineWidth: number; radius: number; hollow: boolean },
): void {
  ctx.lineJoin = 'round';
  if (!style.hollow) {
    ctx.fillStyle = style.fill;
    ctx.fill(path);
    ctx.lineWidth = style.outlineWidth;
    ctx.strokeStyle = style.outline;
    ctx.stroke(path);
    return;
  }
  // strokes are centred on the path: clip to the inside, then stroke twice the widths
  const band = HOLLOW_BAND * style.radius;
  ctx.save();
  ctx.clip(path);
  ctx.lineWidth = 2 * (style.outlineWidth + band);
  ctx.strokeStyle = style.fill;
  ctx.stroke(path);
  ctx.lineWidth = 2 * style.outlineWidth;
  ctx.strokeStyle = style.outline;
  ctx.stroke(path);
  ctx.restore();
}
