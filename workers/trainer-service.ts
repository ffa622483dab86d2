// The worker side of TrainerApi: the commands. It owns the current run and its state, and
// hands the work to its parts: run.ts builds runs, training-loop.ts paces the training,
// delivery.ts streams batches to the page, replay.ts and inspection.ts answer questions.
// Every message is hostile input: configs are validated with the schema's mergeConfig before
// anything is touched, so a bad value leaves the run as it was.
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  mergeConfig,
  resetScope,
  type TrainConfig,
} from '../src/protocol/config-schema';
import type {
  BatchListener,
  Shape,
  Evaluation,
  GradientCheckReport,
  GradientCheckSubject,
  ParamSnapshot,
  RunInfo,
  RunStart,
  SeekResult,
  StatusInfo,
  StepGradients,
  TrainerApi,
  TrainerState,
} from '../src/protocol/trainer-api';
import type { Dataset } from '../src/core/index';
import { checkAdoptedParams, runWithParams } from './adopt-params';
import type { CostBuffer } from './cost-buffer';
import { customDataset } from './custom-data';
import { Delivery } from './delivery';
import { GradientChecks, evaluateAt, gradientsAt } from './inspection';
import { ReplayInterruptedError, checkIteration, seekResult, snapshotAt, stateAt } from './replay';
import { buildRun, datasetMessage, type Run } from './run';
import { TrainingLoop } from './training-loop';

/** A step may train at most as many iterations as a run may have. */
const MAX_STEP = (() => {
  const field = CONFIG_FIELDS.find((f) => f.key === 'iterations');
  if (field?.kind !== 'int') throw new Error('config schema: iterations must be an int field');
  return field.max;
})();

export class TrainerService implements TrainerApi {
  /**
   * The current run. None is built when the worker starts: the page configures first (its
   * settings make the first run), so a default run would be built and sent only to be
   * replaced. Any other command before a configure gets the default config's run.
   */
  private current: Run | null = null;
  state: TrainerState = 'idle';
  private nextRunId = 1;
  private readonly delivery = new Delivery(
    this,
    () => this.loop.schedule(),
    () => this.loop.flushesSoon,
  );
  private readonly loop = new TrainingLoop(this);
  /** the gradient check under way, in slices; a pause, a reset or a new run interrupts it */
  private readonly checks = new GradientChecks();
  /** resolvers of `step()` calls, settled when stepping stops */
  private stepWaiters: Array<() => void> = [];
  /** the page's data (setData), what generator 'custom' trains on; null until some arrive */
  private custom: Dataset | null = null;
  /** parameters given by adoptParams: the run's initial ones until the data or parameters are redrawn */
  private adopted?: Float64Array;

  get run(): Run {
    if (this.current === null) {
      this.current = buildRun(this.nextRunId++, DEFAULT_CONFIG);
      this.delivery.startRun(this.runStart('none'));
    }
    return this.current;
  }

  get pending(): CostBuffer {
    return this.delivery.pending;
  }

  get pendingTest(): CostBuffer {
    return this.delivery.pendingTest;
  }

  subscribe(listener: BatchListener): void {
    // Before the first run, the listener waits for it (the configure that makes it).
    this.delivery.subscribe(listener, this.current === null ? null : this.runStart('none'));
    this.flush();
  }

  async configure(change: Partial<TrainConfig>): Promise<RunInfo> {
    // Validate everything before touching the run: a bad value leaves it untouched.
    const next = mergeConfig(this.current?.config ?? DEFAULT_CONFIG, change);
    const scope = this.current === null ? 'data' : resetScope(this.current.config, next);
    if (scope !== 'none') {
      this.checks.interrupt('a new configuration');
      // A free run keeps running in the new run; a step in progress ends with its run.
      const wasRunning = this.state === 'running' && this.loop.stepTarget === undefined;
      if (scope !== 'restart') this.adopted = undefined;
      this.replaceRun(this.build(next));
      this.enterNewRun(wasRunning, scope);
      return this.runInfo(scope);
    }
    const before = this.run.config;
    this.run.config = next;
    this.run.trainer.setHyperparameters({ learningRate: next.learningRate, momentum: next.momentum });
    this.run.hyperLog.set(this.run.trainer.iteration, next);
    if (next.speed !== before.speed) {
      // Take the new pace now, not when the old pace's timer fires (up to 1 s at speed 1).
      this.loop.resetPace();
      this.loop.cancelTimer();
      this.loop.schedule();
    }
    if (next.iterations !== before.iterations) this.applyIterationLimit();
    this.delivery.markConfigChanged();
    this.flush();
    return this.runInfo('none');
  }

  async start(): Promise<StatusInfo> {
    if (this.state === 'diverged' || this.state === 'error') return this.status();
    if (this.run.trainer.iteration >= this.run.config.iterations) {
      this.setState('done');
      return this.status();
    }
    this.endStep();
    this.setState('running');
    this.loop.resetPace();
    this.loop.schedule();
    this.flush();
    return this.status();
  }

  async pause(): Promise<StatusInfo> {
    this.checks.interrupt('a pause');
    if (this.state === 'running') this.setState('paused');
    this.loop.cancelTimer();
    this.flush();
    return this.status();
  }

  async step(n: number): Promise<StatusInfo> {
    if (!Number.isInteger(n) || n < 1 || n > MAX_STEP) {
      throw new RangeError(`step: n must be an integer from 1 to ${MAX_STEP}; got ${String(n)}`);
    }
    if (this.state === 'diverged' || this.state === 'error') return this.status();
    if (this.run.trainer.iteration >= this.run.config.iterations) {
      this.setState('done');
      this.flush();
      return this.status();
    }
    this.loop.cancelTimer();
    this.loop.stepTarget = Math.min(this.run.trainer.iteration + n, this.run.config.iterations);
    this.setState('running');
    this.loop.schedule();
    // Settles once the step is done, or when a pause, reset or configure cuts it short.
    await new Promise<void>((resolve) => this.stepWaiters.push(resolve));
    return this.status();
  }

  async reset(): Promise<RunInfo> {
    this.checks.interrupt('a reset');
    this.replaceRun(this.build(this.run.config));
    this.enterNewRun(false, 'data');
    return this.runInfo('data');
  }

  async setData(X: Float64Array, t: Int32Array, classes: number): Promise<RunInfo> {
    // Checked and built before anything changes: a rejection leaves the run and the data as they were.
    const data = customDataset(X, t, classes);
    const next = mergeConfig(this.current?.config ?? DEFAULT_CONFIG, { generator: 'custom', classes });
    const run = buildRun(this.nextRunId, next, data);
    this.nextRunId += 1;
    this.custom = data;
    this.adopted = undefined;
    this.checks.interrupt('new data');
    const wasRunning = this.state === 'running' && this.loop.stepTarget === undefined;
    this.replaceRun(run);
    this.enterNewRun(wasRunning, 'data');
    return this.runInfo('data');
  }

  async adoptParams(params: Float64Array, shape: Shape): Promise<RunInfo> {
    const packed = checkAdoptedParams(params, shape, this.run.shape);
    this.checks.interrupt('new parameters');
    this.replaceRun(runWithParams(this.nextRunId++, this.run, packed));
    this.adopted = packed;
    this.enterNewRun(false, 'params');
    return this.runInfo('params');
  }

  /** A new run of `config`, from the adopted parameters if there are any. */
  private build(config: TrainConfig): Run {
    const run = buildRun(this.nextRunId++, config, this.custom);
    if (!this.adopted) return run;
    try {
      return runWithParams(run.id, run, this.adopted);
    } finally {
      run.trainer.dispose();
    }
  }

  async gradientCheck(at?: GradientCheckSubject): Promise<GradientCheckReport> {
    return this.checks.check(this.run, at);
  }

  async evaluate(points: Float64Array): Promise<Evaluation> {
    return evaluateAt(this.run, points);
  }

  async getSnapshot(iteration: number): Promise<ParamSnapshot | null> {
    return snapshotAt(this.run, iteration);
  }

  async gradientsAt(params: Float64Array, iteration?: number): Promise<StepGradients> {
    return gradientsAt(this.run, params, iteration);
  }

  async seek(iteration: number): Promise<SeekResult> {
    const run = this.run;
    checkIteration('seek', run, iteration);
    const { state, replayed } = await stateAt(run, iteration, () => this.run === run);
    return seekResult(run, state, replayed);
  }

  async branch(iteration: number): Promise<StatusInfo> {
    const run = this.run;
    if (this.state === 'error') throw new Error(`branch: the run failed (${run.error ?? 'error'}); reset it instead`);
    checkIteration('branch', run, iteration);
    this.checks.interrupt('a branch');
    this.loop.cancelTimer();
    if (this.state === 'running') this.setState('paused');
    const { state } = await stateAt(run, iteration, () => this.run === run);
    if (this.run !== run) throw new ReplayInterruptedError('branch: a new run replaced the run first');
    const { trainer, config } = run;
    trainer.restore(state);
    trainer.setHyperparameters(config);
    run.test?.evaluate(trainer.params);
    run.history.truncate(iteration);
    run.hyperLog.truncate(iteration, config);
    run.branches += 1;
    run.cursor = undefined;
    run.divergedAt = undefined;
    this.loop.cancelTimer();
    if (iteration >= config.iterations) this.setState('done');
    else if (this.state !== 'idle') this.setState('paused');
    this.delivery.branch(iteration);
    this.flush();
    return this.status();
  }

  /** Moves to `state`; the next batch carries a change. Stepping stops in any other state. */
  setState(state: TrainerState): void {
    if (state !== this.state) {
      this.state = state;
      this.delivery.markStateChanged();
    }
    if (state !== 'running') this.endStep();
  }

  flush(): void {
    this.delivery.flush();
  }

  /**
   * Makes `run` current and frees the one it replaces (a WebAssembly trainer's memory). The old
   * trainer's last parameters stay readable for anything still holding the old run.
   */
  private replaceRun(run: Run): void {
    const previous = this.current;
    this.current = run;
    previous?.trainer.dispose();
  }

  private enterNewRun(keepRunning: boolean, scope: RunInfo['reset']): void {
    this.loop.cancelTimer();
    this.endStep();
    this.state = keepRunning ? 'running' : 'idle';
    this.delivery.startRun(this.runStart(scope));
    if (keepRunning) {
      this.loop.resetPace();
      this.loop.schedule();
    }
    this.flush();
  }

  /** A lowered limit at or below the current iteration ends the run; a raised one reopens it. */
  private applyIterationLimit(): void {
    const { trainer, config } = this.run;
    if (trainer.iteration >= config.iterations) {
      if (this.state === 'running' || this.state === 'paused' || this.state === 'idle') this.setState('done');
      this.loop.cancelTimer();
    } else if (this.state === 'done') {
      this.setState('paused');
    }
  }

  /** Stops stepping mode and settles pending `step()` calls. */
  private endStep(): void {
    this.loop.stepTarget = undefined;
    const waiters = this.stepWaiters;
    this.stepWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** The run's first batch's payload: its info and a copy of its data (transferred away). */
  private runStart(scope: RunInfo['reset']): RunStart {
    return { ...this.runInfo(scope), data: datasetMessage(this.run) };
  }

  private runInfo(scope: RunInfo['reset']): RunInfo {
    const { id, config, shape, trainer } = this.run;
    return {
      runId: id,
      config,
      shape,
      reset: scope,
      engine: trainer.engine,
      ...(this.run.engine.fallback === undefined ? {} : { engineFallback: this.run.engine.fallback }),
      state: this.state,
      iteration: trainer.iteration,
      sequence: this.delivery.deliveredBy(),
    };
  }

  private status(): StatusInfo {
    const { id, trainer } = this.run;
    return { runId: id, state: this.state, iteration: trainer.iteration, sequence: this.delivery.deliveredBy() };
  }
}
