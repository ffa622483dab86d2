import { describe, expect, it } from 'vitest';
import { createTrainer, notebookSetup, packParams, paramCount, shapeOf } from '../src/core/index';
import { DEFAULT_CONFIG } from '../src/protocol/config-schema';
import { MAX_FIRST_STRIDE, REPLAY_GAP_WORK, SnapshotHistory, replayStride } from './snapshot-history';

function paramsFor(iteration: number, size: number): Float64Array {
  const params = new Float64Array(size);
  for (let k = 0; k < size; k++) params[k] = iteration * 1000 + k;
  return params;
}

describe('SnapshotHistory', () => {
  it('keeps every iteration with a first stride of 1', () => {
    const history = new SnapshotHistory(17);
    for (let i = 0; i <= 10_000; i++) history.push(i, paramsFor(i, 17));
    expect(history.stride).toBe(1);
    expect(history.length).toBe(10_001);
    for (const i of [0, 1, 299, 300, 5000, 10_000]) {
      const snap = history.at(i);
      expect(snap?.iteration).toBe(i);
      expect(Array.from(snap!.params)).toEqual(Array.from(paramsFor(i, 17)));
    }
  });

  it('keeps every 16th iteration of a 10,000-iteration tutorial run on JS, the stride its size gives', () => {
    // 100 samples × 17 parameters; a snapshot is 17 parameters and 17 velocities
    const stride = replayStride(100, 17, 'js');
    expect(stride).toBe(16);
    const history = new SnapshotHistory(34, undefined, stride);
    const wanted: number[] = [];
    for (let i = 0; i <= 10_000; i++) {
      if (history.wants(i)) wanted.push(i);
      history.push(i, paramsFor(i, 34));
    }
    expect(wanted).toEqual(Array.from({ length: 626 }, (_, k) => 16 * k));
    expect(history.stride).toBe(16);
    expect(history.length).toBe(626);
    // the kept snapshot at or before each iteration: the multiple of 16 below it, with its own numbers
    for (const i of [0, 1, 15, 16, 17, 299, 300, 5000, 9999, 10_000]) {
      const snap = history.at(i)!;
      expect(snap.iteration).toBe(i - (i % 16));
      expect(Array.from(snap.params)).toEqual(Array.from(paramsFor(snap.iteration, 34)));
    }
    expect(history.nextWanted(0)).toBe(16);
    expect(history.nextWanted(17)).toBe(32);
  });

  it.each(['js', 'wasm'] as const)(
    'starts at the largest power-of-two stride whose gap replays within REPLAY_GAP_WORK on %s',
    (engine) => {
      for (const [samples, params] of [
        [100, 17], // the tutorial
        [100, 7], // H = 1
        [1000, 82], // H = 16
        [10_000, 322], // H = 64
        [3, 7],
        [1, 1],
        [0, 17],
      ]) {
        const stride = replayStride(samples, params, engine);
        const work = Math.max(1, samples * params);
        expect(Number.isInteger(Math.log2(stride))).toBe(true);
        expect(stride).toBeLessThanOrEqual(MAX_FIRST_STRIDE);
        // the gap fits, and twice the stride would not (unless capped or already 1)
        if (stride > 1) expect(stride * work).toBeLessThanOrEqual(REPLAY_GAP_WORK[engine]);
        if (stride < MAX_FIRST_STRIDE) expect(2 * stride * work).toBeGreaterThan(REPLAY_GAP_WORK[engine]);
      }
      expect(replayStride(1000, 82, engine)).toBe(1);
      expect(replayStride(100, 17, engine)).toBe(engine === 'js' ? 16 : 64);
      expect(replayStride(100, 7, engine)).toBe(engine === 'js' ? 32 : 64);
      expect(replayStride(3, 7, engine)).toBe(MAX_FIRST_STRIDE);
    },
  );

  it('thins evenly and stays within its byte budget however long the run', () => {
    const size = 322; // H = 64: 2·64 + 64 + 64·2 + 2
    const budget = 1024 * 1024;
    const history = new SnapshotHistory(size, budget);
    // pushed as the training loop pushes them: only what the history wants (the rest it skips)
    for (let i = 0; i < 100_000; i++) if (history.wants(i)) history.push(i, paramsFor(i, size));
    expect(history.byteLength).toBeLessThanOrEqual(budget);
    expect(history.length).toBeLessThanOrEqual(history.capacity);
    expect(history.stride).toBeGreaterThan(1);
    // the nearest kept snapshot at or before the asked iteration, with its true parameters
    const snap = history.at(54_321)!;
    expect(snap.iteration).toBeLessThanOrEqual(54_321);
    expect(54_321 - snap.iteration).toBeLessThan(history.stride);
    expect(snap.params[5]).toBe(snap.iteration * 1000 + 5);
    expect(history.at(0)?.iteration).toBe(0);
  });

  it('names the next iteration it keeps, the same that wants() and push() agree on', () => {
    const size = 322;
    const history = new SnapshotHistory(size, 1024 * 1024);
    let iteration = 0;
    history.push(0, paramsFor(0, size));
    // jump from kept snapshot to kept snapshot, as the training loop does, through thinning
    while (iteration < 100_000) {
      const next = history.nextWanted(iteration);
      expect(next).toBeGreaterThan(iteration);
      let wantedBetween = 0;
      for (let i = iteration + 1; i < next; i++) if (history.wants(i)) wantedBetween += 1;
      expect(wantedBetween).toBe(0);
      expect(history.wants(next)).toBe(true);
      history.push(next, paramsFor(next, size));
      iteration = next;
    }
    expect(history.stride).toBeGreaterThan(1);
    expect(history.byteLength).toBeLessThanOrEqual(1024 * 1024);
  });

  it('never holds more than 1.5× its budget, even while growing', () => {
    const budget = 1_000_000;
    const history = new SnapshotHistory(17, budget);
    let peak = 0;
    for (let i = 0; i < 20_000; i++) {
      const before = history.byteLength;
      history.push(i, paramsFor(i, 17));
      // while growing, the old buffers are alive next to the new ones
      if (history.byteLength !== before) peak = Math.max(peak, before + history.byteLength);
    }
    expect(peak).toBeLessThanOrEqual(1.5 * budget);
  });

  it('answers null before the first snapshot and rejects iterations that go back', () => {
    const history = new SnapshotHistory(3);
    expect(history.at(5)).toBeNull();
    history.push(2, paramsFor(2, 3));
    expect(history.at(1)).toBeNull();
    expect(() => history.push(2, paramsFor(2, 3))).toThrow(/iteration must increase; got 2 after 2/);
    expect(() => new SnapshotHistory(0)).toThrow(/size must be a positive integer; got 0/);
  });

  it('records straight from a trainer what push stores from its packed parameters and velocities, through thinning', () => {
    const { X, T, initParams } = notebookSetup(1);
    const trainer = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9, engine: 'js' });
    const P = paramCount(shapeOf(initParams));
    const size = 2 * P;
    // room for 40 snapshots: 300 iterations thin it three times
    const recorded = new SnapshotHistory(size, 40 * (size + 1) * 8);
    const pushed = new SnapshotHistory(size, 40 * (size + 1) * 8);
    const packed = new Float64Array(size);
    let at296: number[] = [];
    for (let i = 0; i <= 300; i++) {
      if (i > 0) trainer.step(1);
      recorded.record(trainer.iteration, trainer);
      trainer.writePackedParams(packed);
      trainer.writePackedVelocities(packed, P);
      pushed.push(trainer.iteration, packed);
      if (i === 296) at296 = Array.from(packed);
    }
    expect(recorded.stride).toBe(8);
    expect(recorded.length).toBe(pushed.length);
    for (const i of [0, 7, 8, 150, 296, 300]) {
      const snap = recorded.at(i)!;
      expect(snap.iteration).toBe(pushed.at(i)!.iteration);
      expect(Array.from(snap.params)).toEqual(Array.from(pushed.at(i)!.params));
    }
    expect(recorded.at(300)!.iteration).toBe(296);
    expect(Array.from(recorded.at(300)!.params)).toEqual(at296);
    expect(() => recorded.record(296, trainer)).toThrow(/iteration must increase; got 296 after 296/);
  });

  it('drops the snapshots after a branch point and keeps pushing from there', () => {
    const history = new SnapshotHistory(2, 64 * 24);
    for (let i = 0; i < 200; i++) history.push(i, paramsFor(i, 2));
    const stride = history.stride;
    history.truncate(100);
    expect(history.at(10_000)!.iteration).toBeLessThanOrEqual(100);
    expect(100 - history.at(10_000)!.iteration).toBeLessThan(stride);
    history.push(100 + stride, paramsFor(100 + stride, 2));
    expect(history.at(10_000)?.iteration).toBe(100 + stride);
  });

  it('starts over on clear', () => {
    const history = new SnapshotHistory(2, 64);
    for (let i = 0; i < 50; i++) history.push(i, paramsFor(i, 2));
    history.clear();
    expect(history.length).toBe(0);
    expect(history.stride).toBe(1);
    history.push(0, paramsFor(0, 2));
    expect(history.at(10)?.iteration).toBe(0);
  });

  it('thins from its first stride by doubling it, and starts over at it on clear', () => {
    // room for 10 snapshots of 2 numbers: 16 apart, 1,000 iterations thin it to stride 128
    const history = new SnapshotHistory(2, 10 * 3 * 8, 16);
    for (let i = 0; i <= 1000; i++) history.push(i, paramsFor(i, 2));
    expect(history.stride).toBe(128);
    expect(history.length).toBeLessThanOrEqual(10);
    for (const i of [0, 127, 128, 500, 1000]) {
      const snap = history.at(i)!;
      expect(snap.iteration).toBe(i - (i % 128));
      expect(snap.params[1]).toBe(snap.iteration * 1000 + 1);
    }
    history.clear();
    expect(history.stride).toBe(16);
    expect(history.firstStride).toBe(16);
    expect(() => new SnapshotHistory(2, 64, 0)).toThrow(/firstStride must be a positive integer; got 0/);
    expect(() => new SnapshotHistory(2, 64, 1.5)).toThrow(/firstStride must be a positive integer; got 1.5/);
  });
});

describe('the worker memory budget', () => {
  it('keeps history, data, trainer and pending costs under 64 MB for the largest allowed run', async () => {
    const { historyBudget } = await import('./run');
    const { MAX_PENDING } = await import('./cost-buffer');
    for (const [samples, hidden, classes] of [
      [100, 3, 2],
      [10_000, 64, 2],
      [10_000, 64, 5],
      [10_000, 1, 5],
    ]) {
      const shape = { inputs: 2, hidden, classes };
      const history = 1.5 * historyBudget(samples, shape);
      // training and test rows' workspaces (N rows together), the full data kept, the copy sent
      const run = samples * (8 * (2 * 2 + 2 * classes + hidden) + 8) + samples * (8 * 2 + 4) + samples * 8 * 3;
      const pending = 2 * 5 * 4 * MAX_PENDING; // costs and test costs: buffer, its doubling and the copy sent away
      expect(history + run + pending).toBeLessThan(64 * 1000 * 1000);
    }
    // the tutorial network keeps every 16th iteration of a run of 1,000,000 iterations on JS
    const tutorial = new SnapshotHistory(34, historyBudget(100, { inputs: 2, hidden: 3, classes: 2 }), 16);
    expect(tutorial.capacity * 16).toBeGreaterThan(1_000_000);
  });
});

describe.each(['js', 'wasm'] as const)('a run’s own history on the %s engine', (engine) => {
  it('trained a stride per engine call, as the loop trains, seeks inside a gap exactly', async () => {
    const { buildRun, keepSnapshot } = await import('./run');
    const { stateAt } = await import('./replay');
    const run = buildRun(1, { ...DEFAULT_CONFIG, engine });
    const { trainer, history } = run;
    const stride = engine === 'js' ? 16 : 64;
    expect(history.stride).toBe(stride);
    const costs = new Float64Array(301);
    while (trainer.iteration < 300) {
      const at = trainer.iteration;
      const wanted = Math.min(300, history.nextWanted(at)) - at;
      expect(trainer.step(wanted, costs, at + 1)).toBe(wanted);
      keepSnapshot(run);
    }
    expect(history.length).toBe(Math.floor(300 / stride) + 1); // 0, 16 … 288 on JS; 0, 64 … 256 on WebAssembly
    const { X, T, initParams } = notebookSetup(1);
    const fresh = createTrainer(X, T, initParams, { learningRate: 0.02, momentum: 0.9, engine });
    const freshCosts = new Float64Array(301);
    const count = paramCount(shapeOf(initParams));
    const params = new Float64Array(count);
    const velocities = new Float64Array(count);
    // the costs trained in chunks are those of one iteration per call
    for (let i = 1; i <= 300; i++) fresh.step(1, freshCosts, i);
    expect(Array.from(costs.subarray(1))).toEqual(Array.from(freshCosts.subarray(1)));
    fresh.restore({ iteration: 0, params: packParams(initParams), velocities: new Float64Array(count) });
    for (const k of [1, 15, 16, 17, 37, 63, 64, 65, 150, 287, 299]) {
      fresh.step(k - fresh.iteration);
      fresh.writePackedParams(params);
      fresh.writePackedVelocities(velocities);
      const { state, replayed } = await stateAt(run, k, () => true);
      expect(state.iteration).toBe(k);
      expect(Array.from(state.params)).toEqual(Array.from(params));
      expect(Array.from(state.velocities)).toEqual(Array.from(velocities));
      expect(state.cost).toBe(costs[k]);
      // a gap's iterations are replayed, never more than a stride's worth
      expect(replayed).toBeLessThan(stride);
      if (k % stride !== 0) expect(replayed).toBeGreaterThan(0);
    }
    fresh.dispose();
    trainer.dispose();
  });
});
