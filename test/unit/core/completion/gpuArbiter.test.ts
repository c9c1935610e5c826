import * as assert from 'node:assert/strict';
import { GpuArbiter } from '../../../../src/core/completion/gpuArbiter';
import { flush } from './fakeClock';

describe('GpuArbiter', () => {
  it('is idle until chat streams, and idle again when the stream ends', () => {
    const arbiter = new GpuArbiter();
    const changes: boolean[] = [];
    arbiter.onDidChange((busy) => changes.push(busy));
    assert.equal(arbiter.chatStreaming, false);
    const stream = arbiter.beginChatStream();
    assert.equal(arbiter.chatStreaming, true);
    stream.dispose();
    stream.dispose(); // twice is harmless
    assert.equal(arbiter.chatStreaming, false);
    assert.deepEqual(changes, [true, false]);
  });

  it('stays busy until the last of overlapping streams ends', () => {
    const arbiter = new GpuArbiter();
    const a = arbiter.beginChatStream();
    const b = arbiter.beginChatStream();
    a.dispose();
    assert.equal(arbiter.chatStreaming, true);
    b.dispose();
    assert.equal(arbiter.chatStreaming, false);
  });

  it('whenIdle resolves at once when idle, and after the stream when busy', async () => {
    const arbiter = new GpuArbiter();
    assert.equal(await arbiter.whenIdle(), true);
    const stream = arbiter.beginChatStream();
    let idle: boolean | undefined;
    void arbiter.whenIdle().then((v) => (idle = v));
    await flush();
    assert.equal(idle, undefined, 'a completion waits while chat streams');
    stream.dispose();
    await flush();
    assert.equal(idle, true);
  });

  it('whenIdle gives up (false) when its signal aborts, and forgets the waiter', async () => {
    const arbiter = new GpuArbiter();
    const stream = arbiter.beginChatStream();
    const controller = new AbortController();
    const waiting = arbiter.whenIdle(controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    const aborted = new AbortController();
    aborted.abort();
    assert.equal(await arbiter.whenIdle(aborted.signal), false, 'an aborted signal never waits');
    stream.dispose();
  });

  it('dispose releases waiters', async () => {
    const arbiter = new GpuArbiter();
    arbiter.beginChatStream();
    const waiting = arbiter.whenIdle();
    arbiter.dispose();
    assert.equal(await waiting, true);
  });
});
