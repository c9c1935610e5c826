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

  it('follows a changed base setting', () => {
    let base = 100;
    const d = new AdaptiveDebounce(() => base);
    base = 400;
    assert.equal(d.delayMs, 400);
  });
});
