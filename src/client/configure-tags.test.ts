import { describe, expect, it } from 'vitest';
import { ConfigureTags } from './configure-tags';

/** Records what was delivered, in order: [batch sequence, fromConfigure]. */
function recorder(): { tags: ConfigureTags; seen: Array<[number, boolean]>; change(sequence: number): void } {
  const tags = new ConfigureTags();
  const seen: Array<[number, boolean]> = [];
  return {
    tags,
    seen,
    change(sequence) {
      tags.received(sequence);
      tags.stateChanged(sequence, (fromConfigure) => seen.push([sequence, fromConfigure]));
    },
  };
}

describe('ConfigureTags', () => {
  it('tags the change in the batch a configure names, whether the batch or the answer comes first', () => {
    const first = recorder();
    const a = first.tags.begin();
    first.change(1); // the batch before the answer: held
    expect(first.seen).toEqual([]);
    first.tags.settle(a, 1);
    expect(first.seen).toEqual([[1, true]]);

    const second = recorder();
    const b = second.tags.begin();
    second.tags.settle(b, 1); // the answer before the batch
    second.change(1);
    expect(second.seen).toEqual([[1, true]]);
  });

  it('does not tag changes of other batches, and keeps their order', () => {
    const { tags, seen, change } = recorder();
    change(1); // no configure in flight: training's own, delivered at once
    expect(seen).toEqual([[1, false]]);
    const pending = tags.begin();
    change(2); // could be the configure's: held
    change(3);
    expect(seen).toEqual([[1, false]]);
    tags.settle(pending, 3);
    expect(seen).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('never gives a configure a batch received before it was sent', () => {
    const { tags, seen, change } = recorder();
    tags.received(1);
    const early = tags.begin();
    tags.received(2);
    const late = tags.begin();
    change(3);
    tags.settle(late, 3);
    expect(seen).toEqual([[3, true]]);
    change(4);
    expect(seen).toEqual([[3, true]]); // `early` could still own batch 4
    tags.settle(early, 5);
    expect(seen).toEqual([
      [3, true],
      [4, false],
    ]);
  });

  it('delivers held changes untagged when their configure fails, or when the worker goes', () => {
    const { tags, seen, change } = recorder();
    const failed = tags.begin();
    change(1);
    tags.settle(failed);
    expect(seen).toEqual([[1, false]]);
    tags.begin();
    change(2);
    tags.reset();
    expect(seen).toEqual([
      [1, false],
      [2, false],
    ]);
  });
});
