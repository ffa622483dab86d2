// How big a view's drawing buffer is: its box in device pixels (exact, from
// device-pixel-content-box where the browser reports it), capped for memory and fill rate.

export interface CanvasSize {
  /** the box in CSS pixels */
  cssWidth: number;
  cssHeight: number;
  /** the drawing buffer in device pixels, at least 1×1 */
  width: number;
  height: number;
  /** device pixels per CSS pixel after the caps */
  pixelRatio: number;
}

/** The size for the last ResizeObserver entry; caps: pixels per CSS pixel, and either side. */
export function canvasSize(entry: ResizeObserverEntry, maxPixelRatio = 3, maxCanvasSide = 4096): CanvasSize {
  const css = entry.contentBoxSize?.[0];
  const cssWidth = css ? css.inlineSize : entry.contentRect.width;
  const cssHeight = css ? css.blockSize : entry.contentRect.height;
  const device = entry.devicePixelContentBoxSize?.[0];
  const dpr = window.devicePixelRatio || 1;
  let width = device ? device.inlineSize : Math.round(cssWidth * dpr);
  let height = device ? device.blockSize : Math.round(cssHeight * dpr);
  const ratio = cssWidth > 0 ? width / cssWidth : dpr;
  const cap = Math.min(1, maxPixelRatio / ratio, maxCanvasSide / Math.max(width, height, 1));
  width = Math.max(1, Math.round(width * cap));
  height = Math.max(1, Math.round(height * cap));
  return { cssWidth, cssHeight, width, height, pixelRatio: cssWidth > 0 ? width / cssWidth : 1 };
}

/** Observes `target`'s device-pixel box where supported, its content box elsewhere (Safari). */
export function observeSize(target: Element, callback: ResizeObserverCallback): ResizeObserver {
  const observer = new ResizeObserver(callback);
  try {
    observer.observe(target, { box: 'device-pixel-content-box' });
  } catch {
    observer.observe(target);
  }
  return observer;
}
