import * as assert from 'node:assert/strict';
import { commentSyntaxFor, firstUnmatchedCloser, scanCode, scanOpenBrackets } from '../../../../src/core/completion/bracketScan';
import { closableByCompletion } from '../../../../src/core/completion/balanceBrackets';

const open = (text: string, languageId?: string): string[] => scanOpenBrackets(text, undefined, commentSyntaxFor(languageId)).open;

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
    const before = scanOpenBrackets('print("he');
    assert.equal(before.end.quote, '"');
    assert.equal(firstUnmatchedCloser('llo")', before.end), ')');
  });
  it('firstUnmatchedCloser: the first closer of something before the text; mismatched and own closers do not count', () => {
    assert.equal(firstUnmatchedCloser('a) }] (x) ]'), ')');
    assert.equal(firstUnmatchedCloser('(x) ]'), ']');
    assert.equal(firstUnmatchedCloser('{ ( ] ) }'), undefined);
    assert.equal(firstUnmatchedCloser('"}" // )\n }'), '}', 'not in strings or comments');
    assert.equal(firstUnmatchedCloser(''), undefined);
  });
  it('scanCode reports the same end state as scanOpenBrackets, with events in order', () => {
    const text = 'f(a, "x)", `\n(`) // (\n[';
    const scanned = scanCode(text);
    assert.deepEqual(scanned.end, scanOpenBrackets(text).end);
    assert.deepEqual(scanned.events.map((e) => (e.kind === 'stringEnd' ? e.quote : e.char)), ['(', '"', '`', ')', '[']);
  });
  it('closableByCompletion: what the suffix closes is off limits', () => {
    assert.deepEqual(closableByCompletion(['{', '('], [')', '}']), []);
    assert.deepEqual(closableByCompletion(['{', '('], ['}']), ['(']);
    assert.deepEqual(closableByCompletion(['{', '('], []), ['(', '{']);
    assert.deepEqual(closableByCompletion(['('], [']']), ['('], 'a closer for something before the window tells nothing');
  });
});
