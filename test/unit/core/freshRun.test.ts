import * as assert from 'node:assert/strict';
import { FreshRun } from '../../../src/core/freshRun';

/** A task whose runs the test finishes by hand, in order. */
function manualTask(): { run: FreshRun<number>; starts: number; finish(value: number): void; fail(): void } {
  const pending: { resolve(v: number): void; reject(e: Error): void }[] = [];
  const state = {
    starts: 0,
    run: new FreshRun<number>(
      () =>
        new Promise<number>((resolve, reject) => {
          state.starts++;
          pending.push({ resolve, reject });
        }),
    ),
    finish: (value: number) => pending.shift()!.resolve(value),
    fail: () => pending.shift()!.reject(new Error('daemon said no')),
  };
  return state;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('FreshRun', () => {
  it('current() joins the run in flight', async () => {
    const t = manualTask();
    const a = t.run.current();
    const b = t.run.current();
    t.finish(1);
    assert.deepEqual(await Promise.all([a, b]), [1, 1]);
    assert.equal(t.starts, 1);
  });

  it('fresh() during a run is answered by one follow-up run that starts after it, shared by every such caller', async () => {
    const t = manualTask();
    const first = t.run.current();
    const b = t.run.fresh();
    const c = t.run.fresh();
    assert.equal(t.starts, 1, 'the follow-up waits for the run in flight');
    t.finish(1);
    assert.equal(await first, 1);
    await tick();
    assert.equal(t.starts, 2);
    t.finish(2);
    assert.deepEqual(await Promise.all([b, c]), [2, 2], 'never the stale answer');
    assert.equal(t.run.busy, false);
  });

  it('the follow-up runs even when the run before it failed; a failure reaches only its own callers', async () => {
    const t = manualTask();
    const first = t.run.current();
    const later = t.run.fresh();
    t.fail();
    await assert.rejects(first, /daemon said no/);
    await tick();
    t.finish(7);
    assert.equal(await later, 7);
  });

  it('fresh() with nothing in flight starts at once', async () => {
    const t = manualTask();
    const a = t.run.fresh();
    assert.equal(t.starts, 1);
    t.finish(3);
    assert.equal(await a, 3);
  });
});
