import * as assert from 'node:assert/strict';
import { commentSyntaxFor, firstUnmatchedCloser, openBrackets, scanCode, scanOpenBrackets, unmatchedClosers } from '../../../src/core/completion/bracketScan';
import { closableByCompletion } from '../../../src/core/completion/balanceBrackets';

const open = (text: string, languageId?: string): string[] => openBrackets(scanCode(text, undefined, commentSyntaxFor(languageId)).events);

describe('bracketScan', () => {
  it('tracks open brackets, innermost last', () => assert.deepEqual(open('f(a, [b, {c'), ['(', '[', '{']));
  it('ignores brackets in strings, with escapes', () => assert.deepEqual(open('f("(\\"[", \'{\', `)`'), ['(']));
  it('ignores brackets in // and /* */ comments', () => assert.deepEqual(open('f( // )\n/* ) */ ['), ['(', '[']));
  it('uses # comments for Python, where // is division', () => {
    assert.deepEqual(open('x = (a // b) # )', 'python'), []);
    assert.deepEqual(open('x = (a # )', 'python'), ['(']);
  });
  it('an unterminated quote ends with its line, a template literal does not', () => {
    assert.deepEqual(open("it's (\nfoo("), ['(']);
    assert.equal(scanCode('`a\n(').end.quote, '`');
  });
  it('reports the string open at the end, so the suffix scan starts inside it', () => {
    const before = scanCode('print("he');
    assert.equal(before.end.quote, '"');
    const after = scanCode('llo")', before.end);
    assert.deepEqual(unmatchedClosers(after.events), [')']);
  });
  it('scanOpenBrackets and firstUnmatchedCloser say what the event lists say', () => {
    const texts = ['f(a, [b, {c', 'f("(\\"[", \'{\', `)`', 'f( // )\n/* ) */ [', 'a) }] (x) ]', '{ ( ] ) }', "it's (\nfoo(", '`a\n(', ''];
    for (const text of texts) {
      const scanned = scanCode(text);
      assert.deepEqual(scanOpenBrackets(text), { open: openBrackets(scanned.events), end: scanned.end }, text);
      assert.equal(firstUnmatchedCloser(text), unmatchedClosers(scanned.events)[0], text);
    }
    assert.equal(firstUnmatchedCloser('llo")', scanCode('print("he').end), ')', 'starts inside the open string');
  });
  it('closableByCompletion: what the suffix closes is off limits', () => {
    assert.deepEqual(closableByCompletion(['{', '('], [')', '}']), []);
    assert.deepEqual(closableByCompletion(['{', '('], ['}']), ['(']);
    assert.deepEqual(closableByCompletion(['{', '('], []), ['(', '{']);
    assert.deepEqual(closableByCompletion(['('], [']']), ['('], 'a closer for something before the window tells nothing');
  });
});
