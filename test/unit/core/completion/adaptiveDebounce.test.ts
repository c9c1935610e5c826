import * as assert from 'node:assert/strict';
import { AdaptiveDebounce, MAX_DEBOUNCE_MS, MAX_TYPING_GAP_MS, MISSED_GAPS_PCT } from '../../../../src/core/completion/adaptiveDebounce';

describe('AdaptiveDebounce', () => {
  const typeAt = (d: AdaptiveDebounce, gap: number, keys: number): void => {
    for (let i = 0; i < keys; i++) d.noteKeystroke(i * gap);
  };

  it('is the base until three gaps are known', () => {
    const d = new AdaptiveDebounce(() => 150);
    typeAt(d, 100, 3);
    assert.equal(d.delayMs, 150);
  });

  it('rhythm + first-token penalty, as documented', () => {
    const d = new AdaptiveDebounce(() => 150);
    typeAt(d, 100, 6);
    assert.equal(d.delayMs, 125, '1.25 × 100');
    d.noteFirstToken(600);
    assert.equal(d.delayMs, 215, '125 + 0.15 × 600');
  });

  it('uses the median, so one odd gap does not move it', () => {
    const d = new AdaptiveDebounce(() => 150);
    for (const t of [0, 100, 200, 300, 900, 1000]) d.noteKeystroke(t);
    assert.equal(d.delayMs, 125);
  });

  it('the penalty is capped at the base, the whole at MAX_DEBOUNCE_MS', () => {
    const d = new AdaptiveDebounce(() => 150);
    d.noteFirstToken(60_000);
    assert.equal(d.delayMs, 300);
    const big = new AdaptiveDebounce(() => 2000);
    typeAt(big, 900, 6);
    big.noteFirstToken(60_000);
    assert.equal(big.delayMs, MAX_DEBOUNCE_MS);
  });

  /** Keys typed alternately inside a word and after a space: `word[i]` follows the i-th letter, `boundary[i]` the i-th space. */
  const typeAlternating = (d: AdaptiveDebounce, word: readonly number[], boundary: readonly number[]): void => {
    let t = 0;
    for (let i = 0; i < Math.max(word.length, boundary.length); i++) {
      d.noteKeystroke(t, 'const to');
      t += word[i] ?? 100;
      d.noteKeystroke(t, 'const to ');
      t += boundary[i] ?? 100;
    }
    d.noteKeystroke(t, 'const to');
  };
  const times = (n: number, gap: number): number[] => Array.from({ length: n }, () => gap);

  it('a slow typist: in a word it waits past all but 2.1 % of the gaps after a letter; after a space, past all but 7.2 %; after a closer, 16 %', () => {
    const d = new AdaptiveDebounce(() => 150);
    // 200 ms between letters with rare hesitations; 250 ms after a space, a hesitation of 400 ms one time in ten.
    typeAlternating(d, [...times(36, 200), 380, 380, 520, 520], [...times(36, 250), 400, 400, 400, 400]);
    assert.deepEqual(MISSED_GAPS_PCT, { word: 4, boundary: 18, closer: 40 });
    assert.equal(d.delayAfter('const tot'), 520, 'in a word: 4 % × (120 / 200)^1.25 = 2.1 % of the gaps may outlast it');
    assert.equal(d.delayAfter('$scope.item_2'), 520);
    assert.equal(d.delayAfter('const total = sum('), 400, 'after "(": 18 % × (120 / 250)^1.25 = 7.2 %; the 10 % hesitations do not');
    assert.equal(d.delayAfter('let x = 1;\n'), 400, 'after a line break');
    assert.equal(d.delayMs, 400, 'delayMs is the delay after a boundary');
    // After a closer the gaps after punctuation are its gaps too, and 40 % × (120 / 250)^1.25 = 16 % may outlast the wait.
    for (const closed of ['const total = sum(items)', 'items[0]', 'if (x) { y(); }', 'let x = 1;']) assert.equal(d.delayAfter(closed), 250, `after ${JSON.stringify(closed.slice(-1))}: the hesitations no longer hold it`);
    d.noteFirstToken(300);
    assert.equal(d.delayAfter('const tot'), 565, 'plus 0.15 × the time to first token');
  });

  it('a fast typist: a request may start in the 15 % of hesitations after a space (each ends soon), not in those inside a word', () => {
    const d = new AdaptiveDebounce(() => 150);
    typeAlternating(d, [...times(38, 100), 150, 150], [...times(34, 100), ...times(6, 180)]);
    assert.equal(d.delayAfter('x '), 100, '18 % of the gaps after a space may outlast it');
    assert.equal(d.delayAfter('xy'), 150, 'in a word only 4 %');
  });

  it('the tail of a kind needs eight of its gaps, stays within [base / 2, 4 × base], and ignores pauses', () => {
    const d = new AdaptiveDebounce(() => 100);
    typeAlternating(d, times(7, 200), times(7, 200));
    assert.equal(d.delayAfter('abc'), 200, 'seven gaps: the rhythm alone (1.25 × 200 clamped to 2 × base)');
    const c = new AdaptiveDebounce(() => 100);
    typeAlternating(c, times(10, 590), times(10, 20));
    assert.equal(c.delayAfter('abc'), 400, 'a tail of 590 ms clamped to 4 × base');
    assert.equal(c.delayAfter('ab '), 50, 'a tail of 20 ms clamped to base / 2');
    const p = new AdaptiveDebounce(() => 100);
    typeAlternating(p, [...times(20, 150), ...times(20, MAX_TYPING_GAP_MS + 1)], times(40, 150));
    assert.equal(p.delayAfter('abc'), 150, 'gaps longer than MAX_TYPING_GAP_MS are pauses, not part of the tail');
  });

  it('follows a changed base setting', () => {
    let base = 100;
    const d = new AdaptiveDebounce(() => base);
    base = 400;
    assert.equal(d.delayMs, 400);
  });
});
