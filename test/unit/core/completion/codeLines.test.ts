import * as assert from 'node:assert/strict';
import { firstLines, lastLines, nextLines, nextNonBlankLine, previousNonBlankLine } from '../../../../src/core/completion/codeLines';

// The line helpers scan instead of splitting; they must say exactly what the split versions say.
const bySplit = {
  previousNonBlankLine: (prefix: string): string | undefined => prefix.split('\n').slice(0, -1).reverse().find((l) => l.trim() !== ''),
  nextLines: (suffix: string, count: number): string[] => suffix.split('\n').slice(1).filter((l) => l.trim() !== '').slice(0, count),
  lastLines: (text: string, count: number): string => text.split('\n').slice(-count).join('\n'),
  firstLines: (text: string, count: number): string => text.split('\n').slice(0, count).join('\n'),
};

/** A deterministic stream of small integers (an LCG): the same texts on every run. */
function counter(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % below;
  };
}

function randomText(next: (below: number) => number): string {
  const parts = ['\n', '\n', ' ', '\t', 'a', 'bc', '}', '  x = 1;'];
  let text = '';
  for (let i = next(13); i > 0; i--) text += parts[next(parts.length)] ?? '';
  return text;
}

describe('code line helpers', () => {
  it('agree with splitting the text into lines, on 2,000 random texts', () => {
    const next = counter(42);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next);
      const count = 1 + next(5);
      const where = JSON.stringify(text);
      assert.equal(previousNonBlankLine(text), bySplit.previousNonBlankLine(text), `previousNonBlankLine ${where}`);
      assert.deepEqual(nextLines(text, count), bySplit.nextLines(text, count), `nextLines ${where} ${count}`);
      assert.equal(nextNonBlankLine(text), bySplit.nextLines(text, 1)[0], `nextNonBlankLine ${where}`);
      assert.equal(lastLines(text, count), bySplit.lastLines(text, count), `lastLines ${where} ${count}`);
      assert.equal(firstLines(text, count), bySplit.firstLines(text, count), `firstLines ${where} ${count}`);
    }
  });

  it('handle the edges: empty text, a leading line break, no line break', () => {
    assert.equal(previousNonBlankLine('\nabc'), undefined);
    assert.equal(previousNonBlankLine('abc'), undefined);
    assert.equal(previousNonBlankLine('x\n\n  \ny'), 'x');
    assert.equal(lastLines('\nabc', 1), 'abc');
    assert.equal(lastLines('', 3), '');
    assert.equal(firstLines('a\nb\nc', 2), 'a\nb');
    assert.deepEqual(nextLines('rest\n\n  a\nb', 5), ['  a', 'b']);
  });
});
