/// <reference lib="webworker" />
// The timeline bench's worker: the real TrainerService (what workers/trainer.worker.ts
// exposes), with two bench-only additions: thinning the current run's history to one snapshot
// every `stride` iterations (a real run of the tutorial's size never has gaps that long), and
// a seek that reports its own time in the worker.
import { expose } from 'comlink';
import { TrainerService } from '../workers/trainer-service';
import { warmUpKernel } from '../workers/warm-up';

export class SeekBenchService extends TrainerService {
  /** From now on the current run's history keeps only multiples of `stride`. */
  thinHistory(stride: number): void {
    this.run.history.stride = stride;
  }

  /** `seek(iteration)`, timed in the worker from the call to its answer. */
  async timedSeek(iteration: number): Promise<{ ms: number; replayed: number; iteration: number }> {
    const t0 = performance.now();
    const result = await this.seek(iteration);
    return { ms: performance.now() - t0, replayed: result.replayed, iteration: result.iteration };
  }
}

warmUpKernel();
expose(new SeekBenchService());
