import * as assert from 'node:assert/strict';
import { chooseCompletionMode, completionEnd, cursorContext } from '../../../../src/core/completion/completionMode';
import type { CompletionMode, CursorContext } from '../../../../src/core/completion/completionMode';

/** Whether the stream so far is a complete answer: where completionEnd finds its end. */
const isCompletionDone = (text: string, mode: CompletionMode, ctx: CursorContext): boolean => completionEnd(text, mode, ctx) !== undefined;

describe('chooseCompletionMode', () => {
  const cases: [string, string, string, CompletionMode][] = [
    ['end of a line opening a brace block', 'function f() {', '\n}', 'multi-line'],
    ['between auto-closed braces', 'if (x) {', '}', 'multi-line'],
    ['python block header', 'def f(x):', '\n', 'multi-line'],
    ['arrow function', 'const f = (a) =>', '\n', 'multi-line'],
    ['call with arguments on the next lines', 'foo(', ')', 'multi-line'],
    ['after a function signature', 'function add(a: number, b: number): number', '\n', 'multi-line'],
    ['after a def signature without the colon yet', 'def add(a, b)', '', 'multi-line'],
    ['empty line right under a header, body empty', 'function f() {\n  ', '\n}\n', 'multi-line'],
    ['empty line in a python body that is empty', 'class A:\n    ', '\n\nclass B:\n', 'multi-line'],
    ['empty file', '', '', 'multi-line'],
    ['end of file after code', 'x = 1\n', '', 'multi-line'],
    ['text after the cursor', 'const x = ', 'compute();', 'single-line'],
    ['mid-expression', 'const total = a +', '\n', 'single-line'],
    ['a call statement, not a signature', 'return foo(a)', '\n', 'single-line'],
    ['await call', '  await save(doc)', '\n', 'single-line'],
    ['only closers after the cursor, mid-expression', 'print(x', ')', 'single-line'],
    ['empty line inside a body with code below', 'function f() {\n  a();\n  ', '\n  b();\n}\n', 'single-line'],
    ['comment line ending in a colon stays single', '// TODO:', '\n', 'single-line'],
  ];
  for (const [name, prefix, suffix, mode] of cases) it(`${name} → ${mode}`, () => assert.equal(chooseCompletionMode(prefix, suffix), mode));
});

describe('isCompletionDone / completionEnd', () => {
  const header = cursorContext('function f() {');
  const body = cursorContext('function f() {\n  ');

  it('single-line: done at the end of the first line, not before', () => {
    assert.equal(isCompletionDone('foo(a, b', 'single-line', header), false);
    assert.equal(isCompletionDone('foo(a, b);\n', 'single-line', header), true);
    assert.equal(completionEnd('foo();\nbar', 'single-line', header), 6);
  });

  it('block header: runs while lines are indented deeper, keeps the closer, stops after it', () => {
    assert.equal(isCompletionDone('\n  a();\n  b();\n', 'multi-line', header), false);
    assert.equal(isCompletionDone('\n  a();\n}', 'multi-line', header), false, 'the closer line may still become `} else {`');
    const text = '\n  a();\n}\n';
    assert.equal(isCompletionDone(text, 'multi-line', header), true);
    assert.equal(text.slice(0, completionEnd(text, 'multi-line', header)), '\n  a();\n}');
  });

  it('block header: `} else {` continues the block', () => {
    assert.equal(isCompletionDone('\n  a();\n} else {\n  b();\n', 'multi-line', header), false);
  });

  it('block header: the next statement at the header level is dropped as soon as it starts', () => {
    const text = '\n  a();\nconst';
    assert.equal(isCompletionDone(text, 'multi-line', header), true);
    assert.equal(text.slice(0, completionEnd(text, 'multi-line', header)), '\n  a();');
  });

  it('block header: a partial word that may become `else` waits', () => {
    assert.equal(isCompletionDone('\n  a();\nel', 'multi-line', header), false);
  });

  it('inside a body: done as soon as a line dedents below the cursor', () => {
    assert.equal(isCompletionDone('a();\n  b();\n', 'multi-line', body), false);
    const text = 'a();\n}';
    assert.equal(isCompletionDone(text, 'multi-line', body), true);
    assert.equal(text.slice(0, completionEnd(text, 'multi-line', body)), 'a();');
  });

  it('blank line followed by a line back at the first indentation ends it', () => {
    const top = cursorContext('');
    assert.equal(isCompletionDone('function g() {\n  x();\n}\n\n', 'multi-line', top), false, 'a blank line alone decides nothing');
    const text = 'function g() {\n  x();\n}\n\nfunction h() {';
    assert.equal(text.slice(0, completionEnd(text, 'multi-line', top)), 'function g() {\n  x();\n}\n');
  });

  it('python: dedent after the body ends it', () => {
    const ctx = cursorContext('def f(x):');
    const text = '\n    return x\n\ndef g';
    assert.equal(isCompletionDone(text, 'multi-line', ctx), true);
    assert.equal(text.slice(0, completionEnd(text, 'multi-line', ctx)), '\n    return x\n');
  });

  it('tabs count to the next tab stop', () => {
    const ctx = cursorContext('fn f() {\n\t', 4);
    assert.equal(ctx.cursorIndent, 4);
    assert.equal(isCompletionDone('a();\n\tb();\n', 'multi-line', ctx), false);
    assert.equal(isCompletionDone('a();\n}', 'multi-line', ctx), true);
  });

  it('final: an unfinished last line counts as whole', () => {
    assert.equal(completionEnd('\n  a();\n}', 'multi-line', header, true), 9);
    assert.equal(completionEnd('abc', 'single-line', header, true), 3);
  });
});
