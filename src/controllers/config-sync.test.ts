import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ConfigKey, type TrainConfig } from '../protocol/config-schema';
import { ConfigSync } from './config-sync';

function setup(initial: Partial<Record<ConfigKey, unknown>> = {}) {
  const props: Record<string, unknown> = { ...DEFAULT_CONFIG, ...initial };
  const sent: Array<Partial<TrainConfig>> = [];
  const origins: Array<string | null> = [];
  let updates = 0;
  const host = { requestUpdate: () => (updates += 1), addController: () => {} };
  const trainer = {
    attached: true,
    // the worker is there from the start here (settled() waits for one only while it is made)
    attaching: false,
    ready: () => Promise.reject(new Error('not used: the worker is attached')),
    on: () => () => true,
    configure: async (change: Partial<TrainConfig>) => {
      sent.push(change);
      origins.push(sync.configuring);
    },
  };
  const sync: ConfigSync = new ConfigSync(host as never, {
    read: (key) => props[key],
    write: (key, value) => (props[key] = value),
    trainer,
    onFault: () => {},
  });
  return { sync, props, sent, origins, updates: () => updates };
}

describe('ConfigSync', () => {
  it('sends a new worker every valid setting once, then only what changed', async () => {
    const { sync, props, sent } = setup({ hiddenUnits: 5 });
    sync.workerAttached();
    // the first host update finds nothing new to send
    sync.hostUpdate();
    props.seed = 7;
    sync.hostUpdate();
    await sync.settled();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ hiddenUnits: 5, seed: 1, learningRate: 0.02 });
    expect(sent[1]).toEqual({ seed: 7 });
  });

  it('keeps an invalid property as an error and sends the rest', async () => {
    const { sync, props, sent, updates } = setup();
    sync.workerAttached();
    props.momentum = 'lots';
    props.noise = 0.2;
    sync.hostUpdate();
    await sync.settled();
    expect(sync.errors.momentum).toBe('momentum: "lots" is not allowed; expected a number at least 0 and less than 1.');
    expect(sent[1]).toEqual({ noise: 0.2 });
    expect(updates()).toBeGreaterThan(0);
    // fixing it clears the error
    props.momentum = 0.5;
    sync.hostUpdate();
    await sync.settled();
    expect(sync.errors.momentum).toBeUndefined();
    expect(sent[2]).toEqual({ momentum: 0.5 });
  });

  it("marks the user's entries as theirs, and reports what does not parse", async () => {
    const { sync, props, origins } = setup();
    sync.workerAttached();
    expect(sync.userEntered('learningRate', '0.05')).toBeUndefined();
    expect(props.learningRate).toBe(0.05);
    sync.hostUpdate();
    await sync.settled();
    expect(origins).toEqual(['host', 'user']);
    expect(sync.userEntered('learningRate', '-1')).toMatch(/^learningRate: -1 is not allowed/);
    expect(props.learningRate).toBe(0.05);
  });

  it('holds back a generator and classes that break the two-class rule, naming classes, and sends both once fixed', async () => {
    const { sync, props, sent } = setup();
    sync.workerAttached();
    props.generator = 'blobs';
    props.classes = 4;
    sync.hostUpdate();
    await sync.settled();
    expect(sent[1]).toEqual({ generator: 'blobs', classes: 4 });
    props.generator = 'moons';
    props.noise = 0.3;
    sync.hostUpdate();
    await sync.settled();
    expect(sync.errors.classes).toBe(
      'classes: 4 is not allowed; expected 2 for generator "moons" (it has two classes; "blobs", "spiral" and "custom" take 2 to 5).',
    );
    expect(sent[2]).toEqual({ noise: 0.3 });
    props.classes = 2;
    sync.hostUpdate();
    await sync.settled();
    expect(sync.errors.classes).toBeUndefined();
    expect(sent[3]).toEqual({ generator: 'moons', classes: 2 });
    // the controls go through the same rule
    expect(sync.userEntered('classes', '3')).toMatch(/^classes: 3 is not allowed; expected 2 for generator "moons"/);
    expect(sent).toHaveLength(4);
    expect(sync.userEntered('generator', 'spiral')).toBeUndefined();
    await sync.settled();
    expect(sent[4]).toEqual({ generator: 'spiral', classes: 3 });
    expect(sync.errors.classes).toBeUndefined();
  });

  it('adopts values the worker took with custom data without sending them back', async () => {
    const { sync, props, sent } = setup();
    sync.workerAttached();
    sync.adopt({ generator: 'custom', classes: 4 });
    expect(props.generator).toBe('custom');
    expect(props.classes).toBe(4);
    sync.hostUpdate();
    await sync.settled();
    expect(sent).toHaveLength(1);
  });
});
