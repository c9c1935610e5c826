import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../../src/core/completion/adaptiveDebounce';
import { CompletionScheduler } from '../../../../src/core/completion/completionScheduler';
import type { CompletionRequest, RequestResult, ScheduledCompletion, StartCompletion } from '../../../../src/core/completion/scheduledCompletion';
import { FakeClock, flush } from './fakeClock';

interface Call {
  readonly signal: AbortSignal;
  emit(text: string): void;
  finish(text: string): void;
  fail(error: Error): void;
}

/** What a test request produces: the model's text, and which request it was (the one the model answered). */
interface Ran extends RequestResult {
  readonly request: CompletionRequest;
}

/** StartCompletions, one per request, whose streams the test drives by hand. */
function controlledStart(): { start: (request: CompletionRequest) => StartCompletion<Ran>; calls: Call[] } {
  const calls: Call[] = [];
  const start = (request: CompletionRequest): StartCompletion<Ran> => (signal, onPartial) =>
    new Promise<Ran>((resolve, reject) => {
      calls.push({ signal, emit: onPartial, finish: (raw) => resolve({ raw, request }), fail: reject });
    });
  return { start, calls };
}

const req = (prefix: string, explicit = false, docKey = 'doc'): CompletionRequest => ({ docKey, prefix, suffix: '\n', explicit });

/** Records a promise's result without awaiting it, so the clock can move meanwhile. */
function track(promise: Promise<ScheduledCompletion<Ran>>): { result?: ScheduledCompletion<Ran> } {
  const box: { result?: ScheduledCompletion<Ran> } = {};
  void promise.then((r) => (box.result = r));
  return box;
}

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

  it('fires once after the debounce pause', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x = '), start(req('x = '))));
    await clock.advance(99);
    assert.equal(calls.length, 0);
    await clock.advance(1);
    assert.equal(calls.length, 1);
    calls[0]!.finish('1');
    await flush();
    assert.deepEqual(box.result, { kind: 'completed', text: '1', result: { raw: '1', request: req('x = ') }, reused: false });
  });

  it('rapid typing sends nothing until the pause, then only the last position', async () => {
    const { start, calls } = controlledStart();
    const boxes = [];
    for (const prefix of ['c', 'co', 'con', 'cons', 'const']) {
      boxes.push(track(scheduler.request(req(prefix), start(req(prefix)))));
      await clock.advance(50);
    }
    assert.equal(calls.length, 0);
    for (const box of boxes.slice(0, -1)) assert.deepEqual(box.result, { kind: 'superseded' });
    await clock.advance(200);
    assert.equal(calls.length, 1);
    calls[0]!.finish(' x = 1;');
    await flush();
    assert.equal(boxes.at(-1)!.result?.kind, 'completed');
  });

  it('an automatic request waits at least its minDelayMs (a likely typo); an explicit one does not', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request({ ...req('x = larges'), minDelayMs: 500 }, start({ ...req('x = larges'), minDelayMs: 500 }));
    await clock.advance(499);
    assert.equal(calls.length, 0, 'the debounce alone would have fired at 100 ms');
    await clock.advance(1);
    assert.equal(calls.length, 1);
    void scheduler.request({ ...req('y', true), minDelayMs: 500 }, start({ ...req('y', true), minDelayMs: 500 }));
    await flush();
    assert.equal(calls.length, 2);
  });

  it('the Backspace after a typo drops its held request: nothing is sent', async () => {
    const { start, calls } = controlledStart();
    const typo = track(scheduler.request({ ...req('x = largesl'), minDelayMs: 500 }, start({ ...req('x = largesl'), minDelayMs: 500 })));
    await clock.advance(300);
    const fixed = track(scheduler.request(req('x = larges'), start(req('x = larges'))));
    await flush();
    assert.deepEqual(typo.result, { kind: 'superseded' });
    await clock.advance(100);
    assert.equal(calls.length, 1, 'only the fixed position is asked');
    calls[0]!.finish('t;');
    await flush();
    assert.equal(fixed.result?.kind, 'completed');
  });

  it('explicit requests skip the debounce', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('x', true), start(req('x', true)));
    await flush();
    assert.equal(calls.length, 1);
  });

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
    calls[0]!.emit('c');
    const ahead = track(scheduler.request(req('const x = com'), start(req('const x = com'))));
    first.abort(); // VS Code cancels the call for the old position
    await flush();
    await clock.advance(60);
    assert.equal(calls[0]!.signal.aborted, false, 'it agrees so far: kept, the caller waits for it');
    calls[0]!.emit('cat(');
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

  it('a caller cancelling during the debounce sends nothing', async () => {
    const { start, calls } = controlledStart();
    const controller = new AbortController();
    const box = track(scheduler.request(req('x'), start(req('x')), controller.signal));
    controller.abort();
    await clock.advance(1000);
    assert.equal(calls.length, 0);
    assert.deepEqual(box.result, { kind: 'cancelled' });
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

  it('a keystroke before the stream’s first token aborts it at once: typing on from its position is a no', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x = ', true), start(req('x = ', true))));
    await flush();
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = ', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, false, 'the cursor only moved onto the same position');
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x = 4', suffix: '\n' });
    assert.equal(calls[0]!.signal.aborted, true, 'not kept until its first token to find out');
    await flush();
    assert.deepEqual(box.result, { kind: 'superseded' });
    assert.equal(scheduler.busy('doc'), false);
  });

  it('a request typed ahead of a stream that has said nothing runs on its own, after its debounce', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('x = ', true), start(req('x = ', true)));
    await flush();
    const ahead = track(scheduler.request(req('x = 4'), start(req('x = 4'))));
    await flush();
    assert.equal(calls[0]!.signal.aborted, true, 'the empty stream does not hold the slot while the new one waits');
    await clock.advance(99);
    assert.equal(calls.length, 1);
    await clock.advance(1);
    assert.equal(calls.length, 2);
    calls[1]!.finish('2;');
    await flush();
    assert.deepEqual(ahead.result, { kind: 'completed', text: '2;', result: { raw: '2;', request: req('x = 4') }, reused: false });
  });

  it('an edit drops a request still waiting for its debounce', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x'), start(req('x'))));
    scheduler.noteEdit({ docKey: 'doc', prefix: 'x', suffix: '\n' });
    assert.equal(box.result, undefined, 'the same position stays');
    scheduler.noteEdit({ docKey: 'doc', prefix: 'xy', suffix: '\n' });
    await clock.advance(1000);
    assert.equal(calls.length, 0);
    assert.deepEqual(box.result, { kind: 'superseded' });
  });

  it('an edit seen in the same turn as the end of the debounce drops the request before it is sent', async () => {
    const { start, calls } = controlledStart();
    const box = track(scheduler.request(req('x'), start(req('x'))));
    // A busy extension host: the debounce's timer and the next keystroke are due together, the timer first.
    clock.setTimeout(() => scheduler.noteEdit({ docKey: 'doc', prefix: 'xy', suffix: '\n' }), 100);
    await clock.advance(1000);
    assert.equal(calls.length, 0, 'nothing stale on arrival');
    assert.deepEqual(box.result, { kind: 'superseded' });
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

  it('the debounce adapts to model latency: slower models wait longer', async () => {
    const { start, calls } = controlledStart();
    assert.equal(debounce.delayMs, 100);
    void scheduler.request(req('a', true), start(req('a', true)));
    await flush();
    await clock.advance(2000);
    calls[0]!.finish('x');
    await flush();
    assert.equal(debounce.latencyP50, 2000);
    assert.equal(debounce.delayMs, 200, '100 + min(0.1 × 2000, 100)');

    const fastDebounce = new AdaptiveDebounce(() => 100);
    const fast = new CompletionScheduler<Ran>(clock, fastDebounce);
    const other = controlledStart();
    void fast.request(req('a', true), other.start(req('a', true)));
    await flush();
    await clock.advance(200);
    other.calls[0]!.finish('x');
    await flush();
    assert.equal(fastDebounce.delayMs, 120, '100 + 0.1 × 200');
    fast.dispose();
  });

  it('aborted requests do not count as latency', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('a', true), start(req('a', true)));
    await flush();
    await clock.advance(5000);
    void scheduler.request(req('b', true), start(req('b', true)));
    calls[0]!.finish('late');
    await flush();
    assert.equal(debounce.latencyP50, undefined);
  });

  it('the debounce adapts to the typing rhythm, clamped around the base', async () => {
    const { start } = controlledStart();
    for (let i = 0; i < 5; i++) {
      void scheduler.request(req(`s${i}`), start(req(`s${i}`)));
      await clock.advance(300);
    }
    assert.equal(debounce.delayMs, 200, 'slow typist: 1.25 × 300 clamped to 2 × base');
    for (let i = 0; i < 20; i++) {
      void scheduler.request(req(`f${i}`), start(req(`f${i}`)));
      await clock.advance(40);
    }
    assert.equal(debounce.delayMs, 50, 'fast typist: 1.25 × 40 clamped to base / 2');
  });

  it('keystrokes answered from the cache count toward the rhythm', async () => {
    for (let i = 0; i < 5; i++) {
      scheduler.noteKeystroke();
      await clock.advance(300);
    }
    assert.equal(debounce.delayMs, 200);
  });

  it('pauses longer than a second do not count as rhythm', async () => {
    const { start } = controlledStart();
    for (let i = 0; i < 5; i++) {
      void scheduler.request(req(`p${i}`), start(req(`p${i}`)));
      await clock.advance(5000);
    }
    assert.equal(debounce.delayMs, 100);
  });

  it('base 0 turns the debounce off', async () => {
    base = 0;
    const { start, calls } = controlledStart();
    void scheduler.request(req('x'), start(req('x')));
    await flush();
    assert.equal(calls.length, 1);
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
