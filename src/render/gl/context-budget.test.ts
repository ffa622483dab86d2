import { afterEach, describe, expect, test } from 'vitest';
import { claimContext, dropContext, liveContexts, touchContext } from './context-budget';
import type { ContextHolder } from './context-budget';

class Holder implements ContextHolder {
  released = 0;
  constructor(public onScreen: boolean) {}
  release(): void {
    this.released++;
    dropContext(this);
  }
}

const made: Holder[] = [];
function holder(onScreen: boolean): Holder {
  const h = new Holder(onScreen);
  made.push(h);
  return h;
}

afterEach(() => {
  for (const h of made.splice(0)) dropContext(h);
});

describe('context budget', () => {
  test('releases off-screen holders, least recently visible first, to fit a new one', () => {
    const [a, b, c] = [holder(false), holder(false), holder(false)];
    claimContext(a, 3);
    claimContext(b, 3);
    claimContext(c, 3);
    touchContext(a); // a was seen after b and c
    const d = holder(true);
    claimContext(d, 3);
    expect([a.released, b.released, c.released]).toEqual([0, 1, 0]);
    expect(liveContexts()).toBe(3);
  });

  test('never releases an on-screen holder, even over budget', () => {
    const on = [holder(true), holder(true)];
    for (const h of on) claimContext(h, 2);
    const extra = holder(true);
    claimContext(extra, 2);
    expect(on.map((h) => h.released)).toEqual([0, 0]);
    expect(liveContexts()).toBe(3);
  });

  test('a holder that claims again is not counted twice', () => {
    const h = holder(false);
    claimContext(h, 2);
    claimContext(h, 2);
    expect(liveContexts()).toBe(1);
    expect(h.released).toBe(0);
  });
});
