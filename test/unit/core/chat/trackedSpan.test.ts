import * as assert from 'node:assert/strict';
import { replaceSpan, trackSpan } from '../../../../src/core/chat/trackedSpan';
import type { TextChange, TrackedSpan } from '../../../../src/core/chat/trackedSpan';

/** Applies changes one after the other, as VS Code reports them. */
function edit(text: string, changes: readonly TextChange[]): string {
  return changes.reduce((t, c) => t.slice(0, c.offset) + c.text + t.slice(c.offset + c.length), text);
}

const text = 'head\nfunction f() {\n  return 1;\n}\ntail\n';
const target: TrackedSpan = { start: text.indexOf('function'), end: text.indexOf('}') + 1, touched: false };
const replaced = (t: string, s: TrackedSpan): string => t.slice(s.start, s.end);

describe('trackSpan', () => {
  it('follows an edit above the target without touching it', () => {
    const changes = [{ offset: 0, length: 4, text: 'a much longer head\nwith two lines' }];
    const after = trackSpan(target, changes);
    assert.equal(after.touched, false);
    assert.equal(replaced(edit(text, changes), after), replaced(text, target));
  });

  it('ignores an edit below the target', () => {
    const changes = [{ offset: text.indexOf('tail'), length: 4, text: '' }];
    assert.deepEqual(trackSpan(target, changes), target);
  });

  it('keeps insertions at either edge outside the target', () => {
    const atStart = [{ offset: target.start, length: 0, text: '// added\n' }];
    const atEnd = [{ offset: target.end, length: 0, text: '\n// after' }];
    assert.equal(replaced(edit(text, atStart), trackSpan(target, atStart)), replaced(text, target));
    assert.equal(replaced(edit(text, atEnd), trackSpan(target, atEnd)), replaced(text, target));
    assert.equal(trackSpan(target, [...atStart]).touched, false);
  });

  it('marks an edit inside the target as touched and grows over it', () => {
    const changes = [{ offset: text.indexOf('1;'), length: 1, text: '42' }];
    const after = trackSpan(target, changes);
    assert.equal(after.touched, true);
    assert.equal(replaced(edit(text, changes), after), 'function f() {\n  return 42;\n}');
  });

  it('covers an edit that straddles the start or the end', () => {
    const straddleStart = [{ offset: text.indexOf('ad\n'), length: 8, text: 'X' }];
    const afterStart = trackSpan(target, straddleStart);
    assert.equal(afterStart.touched, true);
    assert.equal(replaced(edit(text, straddleStart), afterStart), 'X' + replaced(text, target).slice(5));
    const straddleEnd = [{ offset: target.end - 1, length: 4, text: 'Y' }];
    const afterEnd = trackSpan(target, straddleEnd);
    assert.equal(replaced(edit(text, straddleEnd), afterEnd), replaced(text, target).slice(0, -1) + 'Y');
  });

  it('follows several changes of one event, each relative to the last (multi-cursor, reverse order)', () => {
    const changes = [
      { offset: text.indexOf('tail'), length: 0, text: '>' },
      { offset: 0, length: 0, text: '>' },
    ];
    const after = trackSpan(target, changes);
    assert.equal(after.touched, false);
    assert.equal(replaced(edit(text, changes), after), replaced(text, target));
  });

  it('treats the whole file as touched by any edit', () => {
    const whole: TrackedSpan = { start: 0, end: text.length, touched: false };
    assert.equal(trackSpan(whole, [{ offset: 3, length: 0, text: 'x' }]).touched, true);
  });

  it('survives a random walk of edits: the untouched target text is never altered', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      let current = text;
      let span = target;
      for (let step = 0; step < 5; step++) {
        const offset = random(current.length + 1);
        const length = random(Math.min(6, current.length - offset) + 1);
        const change = { offset, length, text: 'z'.repeat(random(4)) };
        span = trackSpan(span, [change]);
        current = edit(current, [change]);
        assert.ok(span.start >= 0 && span.end <= current.length && span.start <= span.end);
      }
      if (!span.touched) assert.equal(replaced(current, span), replaced(text, target));
    }
  });
});

describe('replaceSpan', () => {
  it('replaces exactly the span', () => {
    assert.equal(replaceSpan('abcdef', { start: 2, end: 4 }, 'XY'), 'abXYef');
  });
});
