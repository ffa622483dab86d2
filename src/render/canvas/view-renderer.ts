// The one contract every view's renderer keeps, WebGL or CPU-drawn alike. A view's own renderer
// interface (MapRenderer, HiddenSpaceRenderer) extends it with only what is that view's.
import type { Params } from '../../core/types';
import type { DatasetMessage } from '../../protocol/trainer-api';
import type { ViewTheme } from '../gl/theme';

export interface ViewRenderer {
  /** what draws: a WebGL context, or the 2-D canvas fallback */
  readonly kind: 'webgl' | 'cpu';
  /** Drawing-buffer size in device pixels, and device pixels per CSS pixel. */
  resize(width: number, height: number, pixelRatio: number): void;
  /** Frees what the renderer holds on the GPU (the context itself is the CanvasView's). */
  destroy(): void;
  /** Colours read from CSS; the same object again is a no-op (readTheme() keeps identities). */
  setTheme(theme: ViewTheme): void;
  /** New parameters (Wh 2×H, bh 1×H, Wo H×C, bo 1×C); the same object again is a no-op. */
  setParams(params: Params | null): void;
  /** The samples (X N×2, t class indices). */
  setData(data: DatasetMessage | null): void;
}

/** What the canvas lifecycle (CanvasView) itself calls on a renderer: sizing and release. */
export type SurfaceRenderer = Pick<ViewRenderer, 'resize' | 'destroy'>;
