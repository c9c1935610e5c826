import * as assert from 'node:assert/strict';
import { AdaptiveDebounce } from '../../../../src/core/completion/adaptiveDebounce';
import { CompletionScheduler } from '../../../../src/core/completion/completionScheduler';
import { controlledStart, req, track } from './controlledStart';
import type { Ran } from './controlledStart';
import { FakeClock, flush } from './fakeClock';

// When the scheduler sends a request: the debounce, what drops a request
// still waiting for it, and how the debounce learns. What happens once a
// request runs is in completionScheduler.test.ts.
describe('CompletionScheduler: when requests are sent', () => {
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

  it('a caller cancelling during the debounce sends nothing', async () => {
    const { start, calls } = controlledStart();
    const controller = new AbortController();
    const box = track(scheduler.request(req('x'), start(req('x')), controller.signal));
    controller.abort();
    await clock.advance(1000);
    assert.equal(calls.length, 0);
    assert.deepEqual(box.result, { kind: 'cancelled' });
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

  it('the debounce adapts to the model’s time to first token: slower models wait longer', async () => {
    const { start, calls } = controlledStart();
    assert.equal(debounce.delayMs, 100);
    void scheduler.request(req('a', true), start(req('a', true)));
    await flush();
    await clock.advance(2000);
    calls[0]!.emit('x');
    await clock.advance(3000);
    calls[0]!.finish('x = 1;');
    await flush();
    assert.equal(debounce.firstTokenP50, 2000, 'the first token, not the end of the answer');
    assert.equal(debounce.delayMs, 200, '100 + min(0.15 × 2000, 100)');

    const fastDebounce = new AdaptiveDebounce(() => 100);
    const fast = new CompletionScheduler<Ran>(clock, fastDebounce);
    const other = controlledStart();
    void fast.request(req('a', true), other.start(req('a', true)));
    await flush();
    await clock.advance(200);
    other.calls[0]!.finish('x');
    await flush();
    assert.equal(fastDebounce.delayMs, 130, '100 + 0.15 × 200 (no partial text: its end counts)');
    fast.dispose();
  });

  it('a request aborted before its first token does not count; one aborted after it does', async () => {
    const { start, calls } = controlledStart();
    void scheduler.request(req('a', true), start(req('a', true)));
    await flush();
    await clock.advance(5000);
    void scheduler.request(req('b', true), start(req('b', true)));
    calls[0]!.finish('late');
    await flush();
    assert.equal(debounce.firstTokenP50, undefined);
    await clock.advance(300);
    calls[1]!.emit('1');
    void scheduler.request(req('c', true), start(req('c', true)));
    await flush();
    assert.equal(calls[1]!.signal.aborted, true);
    assert.equal(debounce.firstTokenP50, 300);
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

  it('inside a word a request waits past the user’s usual hesitations; after "(" past most of its gaps there', async () => {
    // Gaps after letters: 80 ms with hesitations of 180; after "(": 80 ms.
    for (const gap of [80, 80, 80, 180, 80, 80, 80, 80, 180, 80, 80, 80]) {
      scheduler.noteKeystroke({ docKey: 'doc', prefix: 'tot', suffix: '' });
      await clock.advance(gap);
      scheduler.noteKeystroke({ docKey: 'doc', prefix: 'total(', suffix: '' });
      await clock.advance(80);
    }
    const { start, calls } = controlledStart();
    void scheduler.request(req('total(', false, 'a'), start(req('total(', false, 'a')));
    void scheduler.request(req('tot', false, 'b'), start(req('tot', false, 'b')));
    await clock.advance(80);
    assert.equal(calls.length, 1, 'after "(": the gaps there are 80 ms');
    await clock.advance(99);
    assert.equal(calls.length, 1, 'in a word: longer than the 180 ms hesitations');
    await clock.advance(1);
    assert.equal(calls.length, 2);
  });

  it('keystrokes answered from the cache count toward the rhythm', async () => {
    for (let i = 0; i < 5; i++) {
      scheduler.noteKeystroke();
      await clock.advance(300);
    }
    assert.equal(debounce.delayMs, 200);
  });

  it('pauses longer than MAX_TYPING_GAP_MS do not count as rhythm', async () => {
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
});
