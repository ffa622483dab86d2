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
});
