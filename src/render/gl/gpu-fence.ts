// Knowing, without waiting, that the GPU process has finished the commands issued so far.
// WebGL 1 has no fences; a timer query (EXT_disjoint_timer_query) ended after those commands
// serves as one: its result becomes available once they have run, and asking whether it is
// available never blocks (Chromium answers from what the GPU process last reported). Used by a
// view's warm-up frame (canvas-view.ts): on software GL a program's first draw makes SwiftShader
// compile its pipeline, 20–70 ms per program measured here, which a synchronous present waited
// for on the main thread; drawn ahead and fenced, that compile runs on the GPU process's clock.

/** EXT_disjoint_timer_query's names used here (not in TypeScript's DOM lib). */
interface TimerQueryExt {
  readonly TIME_ELAPSED_EXT: number;
  readonly QUERY_RESULT_AVAILABLE_EXT: number;
  createQueryEXT(): WebGLQuery | null;
  deleteQueryEXT(query: WebGLQuery | null): void;
  beginQueryEXT(target: number, query: WebGLQuery): void;
  endQueryEXT(target: number): void;
  getQueryObjectEXT(query: WebGLQuery, pname: number): unknown;
}

/** Commands fenced by fenceAround(): whether the GPU has run them yet. */
export interface GpuFence {
  /** Whether the fenced commands have run (true also once the context is lost). Never blocks. */
  done(): boolean;
  /** Frees the query (call when done, or when giving up). */
  dispose(): void;
}

/**
 * Runs `issue` (GL commands on `gl`) inside a timer query and flushes them to the GPU process:
 * the returned fence says when they have run. Null where the browser has no timer query (the
 * commands are issued all the same). Nothing else on the page may run a timer query meanwhile
 * (WebGL allows one at a time; the renderers use none).
 */
export function fenceAround(gl: WebGLRenderingContext, issue: () => void): GpuFence | null {
  const ext = gl.getExtension('EXT_disjoint_timer_query') as TimerQueryExt | null;
  const query = ext?.createQueryEXT() ?? null;
  if (!ext || !query) {
    issue();
    gl.flush();
    return null;
  }
  ext.beginQueryEXT(ext.TIME_ELAPSED_EXT, query);
  try {
    issue();
  } finally {
    ext.endQueryEXT(ext.TIME_ELAPSED_EXT);
    gl.flush();
  }
  let disposed = false;
  return {
    done: () => disposed || gl.isContextLost() || ext.getQueryObjectEXT(query, ext.QUERY_RESULT_AVAILABLE_EXT) === true,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      if (!gl.isContextLost()) ext.deleteQueryEXT(query);
    },
  };
}
