import * as assert from 'node:assert/strict';
import { CharsPerTokenEstimator, DEFAULT_CHARS_PER_TOKEN } from '../../../../src/core/completion/charsPerToken';
import { planPromptBudget, prefixWindowStart, windowPrompt } from '../../../../src/core/completion/promptBudget';

const lines = (n: number, width = 19): string => Array.from({ length: n }, (_, i) => `line ${String(i).padStart(width - 5, '0')}`).join('\n');

describe('planPromptBudget', () => {
  it('reserves num_predict and a margin, then splits 75/25', () => {
    const b = planPromptBudget({ numCtx: 4096, numPredict: 128, charsPerToken: 4 });
    // margin = max(64, 5 % of 4096 = 205) → 3763 tokens → 15052 chars
    assert.equal(b.totalChars, 15052);
    assert.equal(b.contextChars, 0);
    assert.equal(b.prefixChars, 11289);
    assert.equal(b.suffixChars, 15052 - 11289);
  });

  it('takes the context share and the header off the top', () => {
    const b = planPromptBudget({ numCtx: 2048, numPredict: 256, charsPerToken: 3.5, contextShare: 0.2, headerChars: 500 });
    assert.equal(b.contextChars, Math.floor(b.totalChars * 0.2));
    assert.equal(b.prefixChars + b.suffixChars, b.totalChars - b.contextChars - 500);
  });

  it('never goes negative for tiny contexts', () => {
    const b = planPromptBudget({ numCtx: 128, numPredict: 128, charsPerToken: 4 });
    assert.deepEqual(b, { totalChars: 0, contextChars: 0, prefixChars: 0, suffixChars: 0 });
  });
});

describe('windowPrompt', () => {
  it('keeps everything that fits', () => {
    assert.deepEqual(windowPrompt('a\nb', 'c\nd', { prefixChars: 100, suffixChars: 100 }), { prefix: 'a\nb', suffix: 'c\nd', prefixStart: 0 });
  });

  it('cuts the suffix on a line boundary', () => {
    const w = windowPrompt('', 'aaaa\nbbbb\ncccc', { prefixChars: 0, suffixChars: 11 });
    assert.equal(w.suffix, 'aaaa\nbbbb');
  });

  it('cuts the prefix on a line boundary, keeping the cursor line whole', () => {
    const doc = `${lines(10)}\ncursor li`;
    const w = windowPrompt(doc, '', { prefixChars: 70, suffixChars: 0 }, 1);
    assert.ok(w.prefix.endsWith('\ncursor li'));
    assert.ok(w.prefix.length <= 70);
    assert.equal(doc[w.prefixStart - 1], '\n');
  });

  it('gives budget one side does not use to the other', () => {
    const doc = lines(100);
    const w = windowPrompt(doc, 'short', { prefixChars: 200, suffixChars: 200 }, 1);
    assert.ok(w.prefix.length > 200 && w.prefix.length <= 395);
    const w2 = windowPrompt('p', lines(100), { prefixChars: 200, suffixChars: 200 });
    assert.ok(w2.suffix.length > 200 && w2.suffix.length <= 399);
  });

  it('keeps the window start stable while typing, moving by whole blocks', () => {
    const doc = lines(400);
    const budget = { prefixChars: 4000, suffixChars: 0 };
    const starts = new Set<number>();
    let typed = '\n';
    for (let i = 0; i < 60; i++) {
      typed += 'x';
      starts.add(windowPrompt(doc + typed, '', budget).prefixStart);
    }
    assert.equal(starts.size, 1, 'sixty keystrokes on one line share one prompt head');
    const start = [...starts][0]!;
    const lineIndex = doc.slice(0, start).split('\n').length - 1;
    assert.equal(lineIndex % 32, 0, 'the start sits on a block boundary');
  });

  it('a line budget that is too small falls back to the tightest cut', () => {
    const doc = `${'a'.repeat(100)}\n${'b'.repeat(10)}`;
    assert.equal(prefixWindowStart(doc, 20, 32), 101);
    assert.equal(prefixWindowStart('c'.repeat(50), 20, 32), 30, 'minified: cut inside the line');
  });
});

describe('CharsPerTokenEstimator', () => {
  it('starts from the default', () => {
    assert.equal(new CharsPerTokenEstimator().charsPerToken('m'), DEFAULT_CHARS_PER_TOKEN);
  });

  it('learns per model with a moving average', () => {
    const e = new CharsPerTokenEstimator();
    e.observe('m', 3000, 1000);
    assert.equal(e.charsPerToken('m'), 3);
    e.observe('m', 4000, 1000);
    assert.ok(Math.abs(e.charsPerToken('m') - 3.3) < 1e-9);
    assert.equal(e.charsPerToken('other'), DEFAULT_CHARS_PER_TOKEN);
  });

  it('ignores samples that cannot describe the whole prompt', () => {
    const e = new CharsPerTokenEstimator();
    e.observe('m', 4000, 10); // too few tokens (a cached prompt on some servers)
    e.observe('m', 40000, 1000); // 40 chars/token: only uncached tokens were counted
    e.observe('m', 40000, 4000, 4096); // at num_ctx: truncated
    e.observe('m', 4000, 0);
    assert.equal(e.charsPerToken('m'), DEFAULT_CHARS_PER_TOKEN);
    assert.equal(e.samples('m'), 0);
  });

  it('counts the samples a ratio rests on, and says whether it took one', () => {
    const e = new CharsPerTokenEstimator();
    assert.equal(e.observe('m', 4000, 1000), true);
    assert.equal(e.observe('m', 4000, 10), false);
    assert.equal(e.observe('m', 3600, 1000), true);
    assert.equal(e.samples('m'), 2);
    assert.equal(e.samples('other'), 0);
  });
});
