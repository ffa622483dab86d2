// The Trainer contract, on both engines. The JS engine is the tutorial's loop bit for bit; the
// WebAssembly engine is held to it within 1e-9 relative (its exp, log and sums round apart).
import { describe, expect, it } from 'vitest';
import { mismatch } from '../../test/fixtures/numpy/load';
import type { Engine } from './engine';
import { updateParams, updateVelocity } from './momentum';
import { accuracy, cost, nn } from './network';
import { notebookSetup } from './notebook';
import { packParams, paramCount, zeroParams } from './params';
import { createTrainer, replaySteps, train } from './trainer';

const setup = notebookSetup(1);
const ENGINES: readonly Engine[] = ['js', 'wasm'];

describe.each(ENGINES)('createTrainer / step, %s engine', (engine) => {
  const hyper = { learningRate: 0.02, momentum: 0.9, engine };
  /** Equal bit for bit on the JS engine, within 1e-9 relative (1e-12 absolute near 0) on WebAssembly. */
  const expectSame = (actual: ArrayLike<number>, expected: ArrayLike<number>): void => {
    if (engine === 'js') expect(Array.from(actual)).toEqual(Array.from(expected));
    else expect(mismatch(actual, expected, 1e-9, 1e-12)).toBeNull();
  };

  it('runs on the engine asked for', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    expect(trainer.engine).toBe(engine);
    trainer.dispose();
  });

  it('knows iteration 0’s cost and accuracy right after creation', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    expect(trainer.iteration).toBe(0);
    expectSame([trainer.cost], [cost(nn(setup.X, setup.initParams), setup.T)]);
    expect(trainer.accuracy).toBe(accuracy(nn(setup.X, setup.initParams), setup.t));
    expect(trainer.diverged).toBe(false);
    expect(trainer.divergedAt).toBeUndefined();
  });

  it('stepping in chunks (1 + 7 + 292) equals train() exactly', () => {
    const whole = train(setup.X, setup.T, setup.initParams, { ...hyper, iterations: 300 });
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    const costs = new Float64Array(301);
    costs[0] = trainer.cost;
    expect(trainer.step(1, costs, 1)).toBe(1);
    expect(trainer.step(7, costs, 2)).toBe(7);
    expect(trainer.step(292, costs, 9)).toBe(292);
    expect(trainer.iteration).toBe(300);
    expect(Array.from(costs)).toEqual(Array.from(whole.costs));
    expect(Array.from(packParams(trainer.params))).toEqual(Array.from(packParams(whole.params)));
    expect(Array.from(packParams(trainer.velocities))).toEqual(Array.from(packParams(whole.velocities)));
  });

  it('is the tutorial’s loop of update_velocity and update_params, bit for bit', () => {
    const iterations = 25;
    const run = train(setup.X, setup.T, setup.initParams, { ...hyper, iterations });
    let P = setup.initParams;
    let V = zeroParams({ inputs: 2, hidden: 3, classes: 2 });
    const costs = [cost(nn(setup.X, P), setup.T)];
    for (let i = 0; i < iterations; i++) {
      V = updateVelocity(setup.X, setup.T, P, V, hyper.momentum, hyper.learningRate);
      P = updateParams(P, V);
      costs.push(cost(nn(setup.X, P), setup.T));
    }
    expectSame(run.costs, costs);
    expectSame(packParams(run.params), packParams(P));
    expectSame(packParams(run.velocities), packParams(V));
  });

  it('reports the cost and accuracy of its current parameters', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    trainer.step(150);
    const Y = nn(setup.X, trainer.params);
    expectSame([trainer.cost], [cost(Y, setup.T)]);
    expect(trainer.accuracy).toBe(accuracy(Y, setup.t));
  });

  it('never mutates the parameters it was given', () => {
    const before = packParams(setup.initParams);
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    trainer.step(10);
    train(setup.X, setup.T, setup.initParams, { ...hyper, iterations: 10 });
    expect(Array.from(packParams(setup.initParams))).toEqual(Array.from(before));
  });

  it('keeps the run when the hyperparameters change', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    trainer.step(10);
    trainer.setHyperparameters({ learningRate: 0.05 });
    expect(trainer.momentum).toBe(0.9);
    trainer.step(10);
    expect(trainer.iteration).toBe(20);

    let P = setup.initParams;
    let V = zeroParams({ inputs: 2, hidden: 3, classes: 2 });
    for (let i = 0; i < 20; i++) {
      V = updateVelocity(setup.X, setup.T, P, V, 0.9, i < 10 ? 0.02 : 0.05);
      P = updateParams(P, V);
    }
    expectSame(packParams(trainer.params), packParams(P));
  });

  it('writes packed parameters at an offset', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    trainer.step(3);
    const count = paramCount(trainer.shape);
    const out = new Float64Array(count + 5).fill(-1);
    trainer.writePackedParams(out, 5);
    expect(Array.from(out.subarray(0, 5))).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(out.subarray(5))).toEqual(Array.from(packParams(trainer.params)));
    expect(() => trainer.writePackedParams(out, 6)).toThrow(
      /trainer\.writePackedParams: out must have room for 17 numbers from offset 6/,
    );
  });

  it('keeps its Params objects live across steps', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    const { params, velocities } = trainer;
    const before = params.Wh.data[0];
    trainer.step(1);
    expect(trainer.params).toBe(params);
    expect(trainer.velocities).toBe(velocities);
    expect(params.Wh.data[0]).not.toBe(before);
  });

  it('stops at the last finite state when an update diverges (learning rate 5)', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, { learningRate: 5, momentum: 0.9, engine });
    const costs = new Float64Array(300).fill(-1);
    const done = trainer.step(300, costs);
    expect(trainer.diverged).toBe(true);
    expect(trainer.divergedAt).toBe(done + 1);
    expect(trainer.iteration).toBe(done);
    // Update 37 drives one training point's probability of its own class to exactly 0 (a logit
    // gap past ~745), so its cost −log 0 = ∞. The parameters themselves are still finite then.
    expect(trainer.divergedAt).toBe(37);
    expect(costs.subarray(0, done).every(Number.isFinite)).toBe(true);
    expect(costs[done]).toBe(-1);
    expect(packParams(trainer.params).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(trainer.cost)).toBe(true);

    // The last finite state is exactly the run stopped one iteration before the failure.
    const before = train(setup.X, setup.T, setup.initParams, {
      learningRate: 5,
      momentum: 0.9,
      iterations: done,
      engine,
    });
    expect(before.diverged).toBe(false);
    expect(Array.from(packParams(trainer.params))).toEqual(Array.from(packParams(before.params)));
    expect(Array.from(packParams(trainer.velocities))).toEqual(Array.from(packParams(before.velocities)));
    expect(trainer.cost).toBe(before.costs[done]);
    expect(trainer.accuracy).toBe(accuracy(nn(setup.X, before.params), setup.t));

    expect(trainer.step(10)).toBe(0);
    expect(trainer.iteration).toBe(done);

    const result = train(setup.X, setup.T, setup.initParams, {
      learningRate: 5,
      momentum: 0.9,
      iterations: 300,
      engine,
    });
    expect(result.diverged).toBe(true);
    expect(result.divergedAt).toBe(done + 1);
    expect(Number.isNaN(result.costs[done + 1])).toBe(true);
    expect(result.costs[done]).toBe(before.costs[done]);
  });

  it('restore(): a run put back at a past state and trained on gives the original numbers bit for bit', () => {
    const whole = train(setup.X, setup.T, setup.initParams, { ...hyper, iterations: 300 });
    const count = paramCount({ inputs: 2, hidden: 3, classes: 2 });
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    trainer.step(120);
    const params = new Float64Array(count);
    const velocities = new Float64Array(count + 2);
    trainer.writePackedParams(params);
    trainer.writePackedVelocities(velocities, 2);
    expect(Array.from(velocities.subarray(2))).toEqual(Array.from(packParams(trainer.velocities)));
    const cost120 = trainer.cost;
    trainer.step(100);
    // back to 120 on the same trainer, and on a fresh one made from other parameters
    const fresh = createTrainer(setup.X, setup.T, setup.checkParams, hyper);
    for (const t of [trainer, fresh]) {
      t.restore({ iteration: 120, params, velocities: velocities.slice(2) });
      expect(t.iteration).toBe(120);
      expect(t.cost).toBe(cost120);
      const costs = new Float64Array(180);
      expect(t.step(180, costs)).toBe(180);
      expect(Array.from(costs)).toEqual(Array.from(whole.costs.subarray(121)));
      expect(Array.from(packParams(t.params))).toEqual(Array.from(packParams(whole.params)));
      expect(Array.from(packParams(t.velocities))).toEqual(Array.from(packParams(whole.velocities)));
    }
    expect(() => trainer.restore({ iteration: -1, params, velocities: params })).toThrow(/state\.iteration/);
    expect(() => trainer.restore({ iteration: 1, params: params.subarray(1), velocities: params })).toThrow(
      /state\.params must be a Float64Array of 17 numbers/,
    );
    trainer.dispose();
    fresh.dispose();
  });

  it('restore() forgets a divergence', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, { ...hyper, learningRate: 5 });
    const count = paramCount({ inputs: 2, hidden: 3, classes: 2 });
    const params = new Float64Array(count);
    trainer.writePackedParams(params);
    trainer.step(1000);
    expect(trainer.diverged).toBe(true);
    trainer.restore({ iteration: 0, params, velocities: new Float64Array(count) });
    expect(trainer.diverged).toBe(false);
    expect(trainer.divergedAt).toBeUndefined();
    expect(trainer.step(1)).toBe(1);
    trainer.dispose();
  });

  it('replaySteps() makes the same updates as step(), bit for bit, and the last cost', () => {
    // the notebook's network (the D = 2, C = 2 kernels) and one with 3 classes (the general ones)
    for (const problem of [setup, notebookSetup(2, { classes: 3, hiddenUnits: 5 })]) {
      const stepped = createTrainer(problem.X, problem.T, problem.initParams, hyper);
      const replayed = createTrainer(problem.X, problem.T, problem.initParams, hyper);
      for (const k of [1, 63, 200]) {
        stepped.step(k);
        expect(replaySteps(replayed, k)).toBe(k);
        expect(replayed.iteration).toBe(stepped.iteration);
        expect(replayed.cost).toBe(stepped.cost);
        expect(replayed.accuracy).toBe(stepped.accuracy);
        expect(Array.from(packParams(replayed.params))).toEqual(Array.from(packParams(stepped.params)));
        expect(Array.from(packParams(replayed.velocities))).toEqual(Array.from(packParams(stepped.velocities)));
      }
      stepped.dispose();
      replayed.dispose();
    }
  });

  it('replaySteps() stops where step() does when an update diverges', () => {
    const options = { learningRate: 5, momentum: 0.9, engine };
    const stepped = createTrainer(setup.X, setup.T, setup.initParams, options);
    const replayed = createTrainer(setup.X, setup.T, setup.initParams, options);
    const done = stepped.step(300);
    expect(replaySteps(replayed, 300)).toBe(done);
    expect(replayed.divergedAt).toBe(stepped.divergedAt);
    expect(replayed.cost).toBe(stepped.cost);
    expect(Array.from(packParams(replayed.params))).toEqual(Array.from(packParams(stepped.params)));
    expect(() => replaySteps(replayed, -1)).toThrow(RangeError);
  });

  it('step(0) does nothing', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    expect(trainer.step(0)).toBe(0);
    expect(trainer.iteration).toBe(0);
  });
});

describe('the engine option', () => {
  const hyper = { learningRate: 0.02, momentum: 0.9 };
  const X3 = { rows: 2, cols: 3, data: new Float64Array([0.1, 0.2, 0.3, -0.4, 0.5, -0.6]) };
  const T2 = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) };
  const params3 = {
    Wh: { rows: 3, cols: 2, data: new Float64Array([0.1, -0.2, 0.3, 0.4, -0.5, 0.6]) },
    bh: { rows: 1, cols: 2, data: new Float64Array([0.01, -0.02]) },
    Wo: { rows: 2, cols: 2, data: new Float64Array([0.7, -0.8, 0.9, -1]) },
    bo: { rows: 1, cols: 2, data: new Float64Array([0.03, -0.04]) },
  };

  it('auto (the default) takes WebAssembly where it runs (Node 20 has SIMD) for D = 2', () => {
    const trainer = createTrainer(setup.X, setup.T, setup.initParams, hyper);
    expect(trainer.engine).toBe('wasm');
    trainer.dispose();
    expect(train(setup.X, setup.T, setup.initParams, { ...hyper, iterations: 3 }).engine).toBe('wasm');
  });

  it('auto takes JS for D ≠ 2; an explicit wasm refuses it, naming D', () => {
    expect(createTrainer(X3, T2, params3, { ...hyper, engine: 'auto' }).engine).toBe('js');
    expect(() => createTrainer(X3, T2, params3, { ...hyper, engine: 'wasm' })).toThrow(
      new RangeError(
        'createTrainer: the WebAssembly engine takes D = 2 inputs (X with 2 columns); got D = 3. The JS engine takes any D.',
      ),
    );
  });

  it('refuses an unknown engine, after checking the problem', () => {
    const bad = { ...hyper, engine: 'gpu' } as unknown as typeof hyper;
    expect(() => createTrainer(setup.X, setup.T, setup.initParams, bad)).toThrow(
      new TypeError(`createTrainer: engine must be one of 'auto', 'wasm', 'js'; got "gpu" (string)`),
    );
    expect(() => createTrainer(setup.X, setup.T, setup.initParams, { ...bad, learningRate: -1 })).toThrow(
      /^createTrainer: learningRate/,
    );
  });

  it('train() disposes its WebAssembly trainer: the results are copies of their own', () => {
    const result = train(setup.X, setup.T, setup.initParams, { ...hyper, iterations: 5, engine: 'wasm' });
    const count = paramCount({ inputs: 2, hidden: 3, classes: 2 });
    for (const p of [result.params, result.velocities]) expect(p.Wh.data.buffer.byteLength).toBe(8 * count);
    expect(result.engine).toBe('wasm');
  });
});
