import * as assert from 'node:assert/strict';
import { AdaptiveDebounce, MAX_DEBOUNCE_MS } from '../../../../src/core/completion/adaptiveDebounce';

describe('AdaptiveDebounce', () => {
  const typeAt = (d: AdaptiveDebounce, gap: number, keys: number): void => {
    for (let i = 0; i < keys; i++) d.noteKeystroke(i * gap);
  };

  it('is the base until three gaps are known', () => {
    const d = new AdaptiveDebounce(() => 150);
    typeAt(d, 100, 3);
    assert.equal(d.delayMs, 150);
  });

  it('rhythm + latency penalty, as documented', () => {
    const d = new AdaptiveDebounce(() => 150);
    typeAt(d, 100, 6);
    assert.equal(d.delayMs, 125, '1.25 × 100');
    d.noteLatency(600);
    assert.equal(d.delayMs, 185, '125 + 0.1 × 600');
  });

  it('uses the median, so one odd gap does not move it', () => {
    const d = new AdaptiveDebounce(() => 150);
    for (const t of [0, 100, 200, 300, 900, 1000]) d.noteKeystroke(t);
    assert.equal(d.delayMs, 125);
  });

  it('the penalty is capped at the base, the whole at MAX_DEBOUNCE_MS', () => {
    const d = new AdaptiveDebounce(() => 150);
    d.noteLatency(60_000);
    assert.equal(d.delayMs, 300);
    const big = new AdaptiveDebounce(() => 2000);
    typeAt(big, 900, 6);
    big.noteLatency(60_000);
    assert.equal(big.delayMs, MAX_DEBOUNCE_MS);
  });

  it('inside a word it waits past the tail of this user’s gaps; after a space or punctuation, the rhythm', () => {
    const d = new AdaptiveDebounce(() => 150);
    // A slow typist: mostly 200 ms, now and then a hesitation of 380 ms.
    const gaps = [200, 200, 380, 200, 200, 200, 200, 380, 200, 200, 200, 200, 380, 200, 200, 200, 200, 200, 380, 200];
    let t = 0;
    d.noteKeystroke(t);
    for (const gap of gaps) d.noteKeystroke((t += gap));
    assert.equal(d.delayAfter('const total = sum('), 250, '1.25 × 200 after "("');
    assert.equal(d.delayAfter('let x = 1;\n'), 250, 'after a line break');
    assert.equal(d.delayAfter('const tot'), 380, 'in a word: past the hesitations (p95 of the gaps)');
    assert.equal(d.delayAfter('$scope.item_2'), 380);
    d.noteLatency(300);
    assert.equal(d.delayAfter('const tot'), 410, 'plus the latency penalty');
    assert.equal(d.delayMs, 280, 'delayMs is the rhythm’s delay');
  });

  it('inside a word the tail needs eight gaps and never exceeds 4 × base', () => {
    const d = new AdaptiveDebounce(() => 100);
    typeAt(d, 200, 6);
    assert.equal(d.delayAfter('abc'), 200, 'five gaps: the rhythm alone (1.25 × 200 clamped to 2 × base)');
    let t = 1000;
    for (let i = 0; i < 10; i++) d.noteKeystroke((t += i % 2 === 0 ? 900 : 200));
    assert.equal(d.delayAfter('abc'), 400, 'a tail of 900 ms clamped to 4 × base');
  });

  it('follows a changed base setting', () => {
    let base = 100;
    const d = new AdaptiveDebounce(() => base);
    base = 400;
    assert.equal(d.delayMs, 400);
  });
});
