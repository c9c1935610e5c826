import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../../src/core/completion/adaptiveDebounce';
import { CompletionScheduler } from '../../../../src/core/completion/completionScheduler';
import { controlledStart, req, track } from './controlledStart';
import type { Ran } from './controlledStart';
import { FakeClock, flush } from './fakeClock';

describe('CompletionScheduler', () => {
  let clock: FakeClock;
  let base: number;
  let debounce: AdaptiveDebounce;
  let scheduler: CompletionScheduler<Ran>;

  beforeEach(() => {
    clock = new FakeClock();
    base = 100;
    debounce = new AdaptiveDebounce(() => base);
    scheduler = new CompletionScheduler<Ran>(clock, debounce, () => ({ orphanGraceMs: 300 }));
  });
  afterEach(() => scheduler.dispose());

  it('a newer request supersedes the one in flight by aborting its signal', async () => {
    const { start, calls } = controlledStart();
    const first = track(scheduler.request(req('let a = ', true), start(req('let a = ', true))));
    await flush();
    calls[0]!.emit('foo');
    const second = track(scheduler.request(req('let a = b'), start(req('let a = b'))));
    await flush();
    assert.equal(calls[0]!.signal.aborted, true);
    assert.deepEqual(first.result, { kind: 'superseded' });
    await clock.advance(100);
    assert.equal(calls.length, 2);
    assert.equal(calls[1]!.signal.aborted, false);
    calls[0]!.fail(new Error('AbortError'));
    calls[1]!.finish('ar;');
    await flush();
    assert.deepEqual(second.result, { kind: 'completed', text: 'ar;', result: { raw: 'ar;', request: req('let a = b') }, reused: false });
  });

  it('keeps the stream when the user types what it already produced, and serves the new position', async () => {
    const { start, calls } = controlledStart();
    const first = track(scheduler.request(req('const x = ', true), start(req('const x = ', true))));
    await flush();
    calls[0]!.emit('compute(');
    const second = track(scheduler.request(req('const x = comp'), start(req('const x = comp'))));
    await clock.advance(500);
    assert.equal(calls.length, 1, 'no second request');
    assert.equal(calls[0]!.signal.aborted, false);
    calls[0]!.finish('compute(a);');
    await flush();
    assert.deepEqual(first.result, { kind: 'completed', text: 'compute(a);', result: { raw: 'compute(a);', request: req('const x = ', true) }, reused: false });
    assert.deepEqual(second.result, { kind: 'completed', text: 'ute(a);', result: { raw: 'compute(a);', request: req('const x = ', true) }, reused: true });
  });

  it('a stream some earlier caller still waits for keeps running; a contradicted newer caller is superseded', async () => {
    const { start, calls } = controlledStart();
    const first = track(scheduler.request(req('const x = ', true), start(req('const x = ', true))));
    await flush();
    calls[0]!.emit('c');
    const ahead = track(scheduler.request(req('const x = com'), start(req('const x = com'))));
    await flush();
    calls[0]!.emit('cat(');
    await flush();
    assert.equal(calls[0]!.signal.aborted, false);
    assert.deepEqual(ahead.result, { kind: 'superseded' });
    calls[0]!.finish('cat();');
    await flush();
    assert.equal(first.result?.kind, 'completed');
  });

  it('typing ahead of a stream that agrees so far waits for it, and is served when it catches up', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('const x = ', true), start(req('const x = ', true)));
    await flush();
    calls[0]!.emit('co');
    const ahead = track(scheduler.request(req('const x = com'), start(req('const x = com'))));
    await clock.advance(500);
    assert.equal(calls[0]!.signal.aborted, false, 'no new request while the stream may still say it');
    assert.equal(calls.length, 1);
    calls[0]!.emit('compute(');
    calls[0]!.finish('compute(a);');
    await flush();
    assert.deepEqual(ahead.result, { kind: 'completed', text: 'pute(a);', result: { raw: 'compute(a);', request: req('const x = ', true) }, reused: true });
  });

  it('when the stream it waited for says something else, it is aborted and the caller’s own request runs after what is left of its debounce', async () => {
    const { start, calls } = controlledStart();
    const first = new AbortController();
    void scheduler.request(req('const x = ', true), start(req('const x = ', true)), first.signal);
    await flush();
    const ahead = track(scheduler.request(req('const x = com'), start(req('const x = com'))));
    first.abort(); // VS Code cancels the call for the old position
    await flush();
    await clock.advance(60);
    calls[0]!.emit('new Map(');
    await flush();
    assert.equal(calls[0]!.signal.aborted, true);
    await clock.advance(39);
    assert.equal(calls.length, 1);
    await clock.advance(1);
    assert.equal(calls.length, 2, 'the debounce counts from when the caller asked');
    calls[1]!.finish('pute();');
    await flush();
    assert.deepEqual(ahead.result, { kind: 'completed', text: 'pute();', result: { raw: 'pute();', request: req('const x = com') }, reused: false });
  });

  it('a stream that ends before reaching what was typed hands over to the caller’s own request', async () => {
    const { start, calls } = controlledStart();
    const first = new AbortController();
    void scheduler.request(req('f(', true), start(req('f(', true)), first.signal);
    await flush();
    calls[0]!.emit('a');
    const ahead = track(scheduler.request(req('f(ab'), start(req('f(ab'))));
    first.abort();
    await flush();
    calls[0]!.finish('a');
    await flush();
    await clock.advance(100);
    assert.equal(calls.length, 2);
    calls[1]!.finish(');');
    await flush();
    assert.deepEqual(ahead.result, { kind: 'completed', text: ');', result: { raw: ');', request: req('f(ab') }, reused: false });
  });

  it('a different suffix is not consistent either', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('a', true), start(req('a', true)));
    await flush();
    calls[0]!.emit('bc');
    void scheduler.request({ ...req('ab'), suffix: ')\n' }, start({ ...req('ab'), suffix: ')\n' }));
    await flush();
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('at most one request in flight per document; documents are independent', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('a', true, 'one'), start(req('a', true, 'one')));
    void scheduler.request(req('a', true, 'two'), start(req('a', true, 'two')));
    await flush();
    assert.equal(calls.length, 2);
    assert.ok(calls.every((c) => !c.signal.aborted));
    void scheduler.request(req('zz', true, 'one'), start(req('zz', true, 'one')));
    await flush();
    assert.equal(calls[0]!.signal.aborted, true);
    assert.equal(calls[1]!.signal.aborted, false);
  });

  it('a request whose callers all left is aborted after the grace period', async () => {
    const { start, calls } = controlledStart();
    const controller = new AbortController();
    void scheduler.request(req('x', true), start(req('x', true)), controller.signal);
    await flush();
    controller.abort();
    await clock.advance(299);
    assert.equal(calls[0]!.signal.aborted, false);
    await clock.advance(1);
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('within the grace period the next consistent keystroke adopts the orphaned stream', async () => {
    const { start, calls } = controlledStart();
    const controller = new AbortController();
    void scheduler.request(req('x = ', true), start(req('x = ', true)), controller.signal);
    await flush();
    calls[0]!.emit('42;');
    controller.abort();
    await clock.advance(100);
    const next = track(scheduler.request(req('x = 4'), start(req('x = 4'))));
    await clock.advance(1000);
    assert.equal(calls[0]!.signal.aborted, false);
    calls[0]!.finish('42;');
    await flush();
    assert.equal(next.result?.kind === 'completed' && next.result.text, '2;');
  });

  it('a keystroke answered elsewhere (a cache hit) aborts an orphaned stream it disagrees with, at once', async () => {
    const { start, calls } = controlledStart();
    const controller = new AbortController();
    void scheduler.request(req('x = ', true), start(req('x = ', true)), controller.signal);
    await flush();
    calls[0]!.emit('42;');
    controller.abort();
    scheduler.noteKeystroke({ docKey: 'doc', prefix: 'x = 4', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false, 'typing along keeps it for reuse');
    scheduler.noteKeystroke({ docKey: 'doc', prefix: 'x = 7', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('an edit that walks back before the request’s position aborts it', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('x = ', true), start(req('x = ', true)));
    await flush();
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x =', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('an edit aborts a running request at once, whoever waits for it, unless it typed along', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x = ', true), start(req('x = ', true))));
    await flush();
    calls[0]!.emit('42;');
    assert.equal(scheduler.busy('doc'), true);
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 4', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false);
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 42;5', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false, 'ahead of the stream but agreeing so far: left for the next request to judge');
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 43', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, true);
    await flush();
    assert.deepEqual(box.result, { kind: 'superseded' });
    assert.equal(scheduler.busy('doc'), false);
  });

  it('an orphaned stream behind the typing is aborted as soon as what it says rules out the last edit', async () => {
    const { start, calls } = controlledStart();
    const caller = new AbortController();
    void scheduler.request(req('x = ', true), start(req('x = ', true)), caller.signal);
    await flush();
    calls[0]!.emit('4');
    caller.abort();
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 42', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false, 'it said "4" so far: it may still say "42"');
    calls[0]!.emit('47');
    assert.equal(calls[0]!.signal.aborted, true);
  });

  it('a key typed while the stream has said nothing yet aborts it at once: it serves only its own position', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('x = ', true), start(req('x = ', true)));
    await flush();
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = ', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false, 'the same position: still its own');
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 4', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, true, 'aborted at the key, not at its first token');
    const next = track(scheduler.request(req('x = 4'), start(req('x = 4'))));
    await clock.advance(1000);
    assert.equal(calls.length, 2, 'the new position gets a request of its own after its debounce');
    calls[1]!.finish('2;');
    await flush();
    assert.equal(next.result?.kind, 'completed');
  });

  it('a failed request reports the error', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x', true), start(req('x', true))));
    await flush();
    calls[0]!.fail(new Error('model not found'));
    await flush();
    assert.equal(box.result?.kind, 'failed');
  });

  it('a start function that throws synchronously reports failed', async () => {
    const box = track(
      scheduler.request(req('x', true), () => {
        throw new Error('boom');
      }),
    );
    await flush();
    assert.equal(box.result?.kind, 'failed');
  });

  it('cancel(docKey) and dispose abort everything and settle callers', async () => {
    const { start, calls } = controlledStart();
    const running = track(scheduler.request(req('a', true), start(req('a', true))));
    const waiting = track(scheduler.request(req('b', false, 'other'), start(req('b', false, 'other'))));
    await flush();
    scheduler.dispose();
    await flush();
    assert.equal(calls[0]!.signal.aborted, true);
    assert.deepEqual(running.result, { kind: 'cancelled' });
    assert.deepEqual(waiting.result, { kind: 'cancelled' });
    assert.equal(clock.pendingTimers, 0);
  });
});
