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

/**
 * `first`: what the renderer builds before its first frame; `idle`: what can wait for idle time
 * after it (the map's full-quality program, drawn meanwhile by the coarse path).
 */
export type SetupPhase = 'first' | 'idle';

/**
 * A renderer whose GPU resources are built a piece at a time (CanvasView runs one piece per
 * frame, through the page's frame scheduler) rather than all in its constructor: a shader
 * program costs 10–90 ms on software GL. Whatever a draw needs and is not built yet is built
 * then, so the pieces only spread the cost; they never decide what can be drawn.
 */
export interface StagedRenderer {
  /**
   * Builds one more piece of `phase` (a program, a render target), or checks on a compile
   * started earlier; returns whether more of `phase` remains.
   */
  prepare(phase: SetupPhase): boolean;
  /** The last frame stood in for a better one that the `idle` pieces make possible. */
  readonly provisional: boolean;
}

/**
 * A renderer whose frames can cost more than a frame's budget (on software GL the GPU's work
 * runs on the CPU): it says what it expects, and may draw one frame over several.
 */
export interface BudgetedRenderer {
  /** The last draw was one step of a frame drawn over several: the next frame draws the next step. */
  readonly refining: boolean;
  /** What the next draw is expected to cost the GPU (ms); 0 where that is negligible (hardware GL). */
  expectedGpuMs(): number;
}

/** What the canvas lifecycle (CanvasView) itself calls on a renderer: sizing, release, staged set-up and budget. */
export type SurfaceRenderer = Pick<ViewRenderer, 'resize' | 'destroy'> &
  Partial<StagedRenderer> &
  Partial<BudgetedRenderer>;

/**
 * The regl a view's WebGL renderer gets: an instance of its own on the page's one shared
 * context (gl/shared-context.ts). An import() type: the published declarations then name
 * regl's own type (dts-bundle-generator cannot re-import regl's `export =` declarations: with
 * `import type REGL from 'regl'` or `import type { Regl } from 'regl'` the build's check of
 * dist/types/index.d.ts fails, TS2503 "Cannot find namespace 'REGL'" / TS2304 "Cannot find
 * name 'Regl'", tried 2026-11-30), so the lint rule that prefers those imports is off here.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the import() form is what dts-bundle-generator can publish (see above)
export type ViewRegl = import('regl').Regl;
