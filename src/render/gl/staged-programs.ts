// A renderer's GPU pieces (regl commands with their programs, render targets) built one at a
// time: prepare(phase) builds the next piece the phase names, get() builds a piece at once
// when a draw needs it first. A regl command links its program when it is made and then asks
// for its uniforms, a synchronous wait on the GPU process of 10–90 ms per program on software
// GL; built one per frame (CanvasView's set-up tasks) no frame waits for more than one.
//
// Where the browser has KHR_parallel_shader_compile, the first prepare() hands every piece's
// shaders to the driver's compiler threads, and a piece is built only once COMPLETION_STATUS_KHR
// says its program is linked (polled, never waited for): regl's own link of the same sources
// then finds the GPU process's program cache warm instead of compiling on the main thread's clock.
// (Chromium on SwiftShader, the tests' and benches' GL, does not offer the extension: there each
// piece compiles and links synchronously, in its own turn; see canvas-view.ts.)
import type { SetupPhase } from '../canvas/view-renderer';

/** Shader sources of a piece that is a program, for the parallel compile. */
export interface ShaderSources {
  vert: string;
  frag: string;
}

export interface StagedPiece<T> {
  build(): T;
  /** when it is built ahead: before the first frame, or in idle time; none: only when used */
  phase?: SetupPhase;
  /** its program's sources, if it has one (compiled ahead where the browser can) */
  sources?: () => ShaderSources;
}

/** COMPLETION_STATUS_KHR of KHR_parallel_shader_compile */
const COMPLETION_STATUS_KHR = 0x91b1;

export class StagedPieces<T extends Record<string, unknown>> {
  /** pieces built so far, by name, in build order (diagnostics and tests) */
  readonly built: (keyof T)[] = [];
  private readonly made: Partial<T> = {};
  private readonly ahead = new Map<keyof T, WebGLProgram>();
  private started = false;

  constructor(
    private readonly gl: WebGLRenderingContext,
    private readonly pieces: { [K in keyof T]: StagedPiece<T[K]> },
  ) {}

  /** Whether `key` is built. */
  has<K extends keyof T>(key: K): boolean {
    return key in this.made;
  }

  /** The piece, built now if it was not. */
  get<K extends keyof T>(key: K): T[K] {
    if (!(key in this.made)) {
      this.made[key] = this.pieces[key].build();
      this.built.push(key);
      this.forget(key);
    }
    return this.made[key] as T[K];
  }

  /**
   * Builds the next piece of `phase` that is not built and whose ahead-of-time compile (if
   * any) has finished; returns whether pieces of `phase` remain.
   */
  prepare(phase: SetupPhase): boolean {
    if (!this.started) this.compileAhead();
    const waiting = this.keys().filter((k) => this.pieces[k].phase === phase && !this.has(k));
    const next = waiting.find((k) => this.compiled(k));
    if (next !== undefined) this.get(next);
    return waiting.length > (next === undefined ? 0 : 1);
  }

  /** Frees the programs compiled ahead and not used (the pieces themselves go with the regl). */
  dispose(): void {
    for (const key of [...this.ahead.keys()]) this.forget(key);
  }

  private keys(): (keyof T)[] {
    return Object.keys(this.pieces) as (keyof T)[];
  }

  private compileAhead(): void {
    this.started = true;
    const { gl } = this;
    if (!gl.getExtension('KHR_parallel_shader_compile')) return;
    for (const key of this.keys()) {
      const piece = this.pieces[key];
      const sources = piece.phase ? piece.sources?.() : undefined;
      if (!sources || this.has(key)) continue;
      const program = gl.createProgram();
      if (!program) continue;
      for (const [type, text] of [
        [gl.VERTEX_SHADER, sources.vert],
        [gl.FRAGMENT_SHADER, sources.frag],
      ] as const) {
        const shader = gl.createShader(type);
        if (!shader) continue;
        gl.shaderSource(shader, text);
        gl.compileShader(shader);
        gl.attachShader(program, shader);
        // flagged now, deleted with the program
        gl.deleteShader(shader);
      }
      gl.linkProgram(program);
      this.ahead.set(key, program);
    }
  }

  /** Whether `key`'s ahead-of-time program is linked (true when there is none to wait for). */
  private compiled(key: keyof T): boolean {
    const program = this.ahead.get(key);
    if (!program) return true;
    return this.gl.isContextLost() || this.gl.getProgramParameter(program, COMPLETION_STATUS_KHR) !== false;
  }

  private forget(key: keyof T): void {
    const program = this.ahead.get(key);
    if (!program) return;
    this.ahead.delete(key);
    this.gl.deleteProgram(program);
  }
}
