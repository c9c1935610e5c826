import * as assert from 'node:assert/strict';
import type { FimFamily } from '../../../../src/core/fimFamily';
import type { CompletionMode } from '../../../../src/core/completion/completionMode';
import { isStreamComplete, postProcessCompletion } from '../../../../src/core/completion/postProcess';

interface Golden {
  readonly name: string;
  readonly raw: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly mode: CompletionMode;
  readonly expected: string;
  readonly family?: FimFamily;
  readonly languageId?: string;
}

const S: CompletionMode = 'single-line';
const M: CompletionMode = 'multi-line';

const GOLDEN: readonly Golden[] = [
  // Special tokens
  { name: 'EOS token ends the completion', raw: 'return a + b<|endoftext|>garbage', prefix: 'def add(a, b):\n    ', suffix: '\n', mode: M, expected: 'return a + b' },
  { name: 'a leading middle marker is skipped', raw: '<|fim_middle|>x = 1', prefix: '', suffix: '', mode: S, expected: 'x = 1' },
  { name: 'DeepSeek end-of-sentence (full-width bars)', raw: 'foo()<｜end▁of▁sentence｜>bar', prefix: 'x = ', suffix: '', mode: S, expected: 'foo()' },
  { name: 'Codestral </s> with the family', raw: '1;</s>', prefix: 'let x = ', suffix: '', mode: S, expected: '1;', family: 'codestral' },
  { name: 'HTML </s> is text without the family', raw: '<s>old</s> new', prefix: '<p>', suffix: '</p>', mode: S, expected: '<s>old</s> new', languageId: 'html' },
  { name: 'CodeLlama <EOT>, leading space kept', raw: ' b;<EOT>', prefix: 'return a +', suffix: '', mode: S, expected: ' b;', family: 'codellama' },
  { name: 'only a special token → nothing', raw: '<|endoftext|>', prefix: 'x', suffix: '', mode: S, expected: '' },
  // Markdown fences
  { name: 'fenced answer is unwrapped, prose after it dropped', raw: '```python\nreturn a + b\n```\nThis adds.', prefix: 'def add(a, b):\n    ', suffix: '\n', mode: M, expected: 'return a + b', languageId: 'python' },
  { name: 'fenced body after a header starts on a new line', raw: '```python\n    return a + b\n```', prefix: 'def add(a, b):', suffix: '\n', mode: M, expected: '\n    return a + b', languageId: 'python' },
  { name: 'unclosed fence is unwrapped', raw: '```ts\nconst y = 2;', prefix: '', suffix: '', mode: M, expected: 'const y = 2;' },
  // Overlap with the text after the cursor
  { name: 'auto-closed ) is not typed twice', raw: 'a, b)', prefix: 'foo(', suffix: ')', mode: S, expected: 'a, b' },
  { name: 'auto-closed ); is not typed twice', raw: 'a, b);', prefix: 'foo(', suffix: ');', mode: S, expected: 'a, b' },
  { name: 'the rest of the line retyped is cut', raw: ': number = 5;', prefix: 'const x', suffix: ' = 5;', mode: S, expected: ': number' },
  { name: 'a completion that only retypes the line rest → nothing', raw: 'x)', prefix: 'print(', suffix: 'x)', mode: S, expected: '' },
  { name: 'an echo of the line rest, cut short → nothing', raw: ' = await db.query(', prefix: 'let response', suffix: ' = await db.query(sql);', mode: S, expected: '' },
  { name: 'an echo of the line rest, then more → nothing', raw: ' = await db.query(sql); more()', prefix: 'let response', suffix: ' = await db.query(sql);', mode: S, expected: '' },
  { name: 'starting with the line rest again → nothing', raw: ' = await fetch(url)', prefix: 'let response', suffix: ' = await db.query(sql);', mode: S, expected: '' },
  { name: 'a type annotation before the line rest is kept', raw: ': Response', prefix: 'let response', suffix: ' = await db.query(sql);', mode: S, expected: ': Response' },
  { name: 'an existing ; is not doubled', raw: 'foo();', prefix: 'x = ', suffix: ';', mode: S, expected: 'foo()' },
  { name: 'an auto-closed quote ends the string', raw: 'hello")', prefix: 'print("', suffix: '")', mode: S, expected: 'hello', languageId: 'python' },
  { name: 'tail repeating the block closer in the suffix is cut', raw: '\n  return 1;\n}', prefix: 'function f() {', suffix: '\n}\n', mode: M, expected: '\n  return 1;' },
  { name: 'distinctive suffix line repeated is cut there', raw: 'result = compute()\n    return result\n', prefix: 'def f():\n    ', suffix: '\n    return result\n', mode: M, expected: 'result = compute()', languageId: 'python' },
  { name: 'tail repeating suffix lines, last one cut short', raw: 'w = 1\n    y = 2\n    z =', prefix: 'if x:\n    ', suffix: '\n    y = 2\n    z = 3\n', mode: M, expected: 'w = 1', languageId: 'python' },
  // Brackets
  { name: 'own brackets are kept, the extra closer cut', raw: 'bar())', prefix: 'foo(', suffix: ')', mode: S, expected: 'bar()' },
  { name: 'closing what the suffix does not close is fine', raw: 'a, b)', prefix: 'foo(', suffix: '', mode: S, expected: 'a, b)' },
  { name: 'a mismatched closer is cut', raw: 'a]', prefix: 'foo(', suffix: '', mode: S, expected: 'a' },
  { name: 'brackets inside strings do not count', raw: '"a)b"', prefix: 'log(', suffix: ')', mode: S, expected: '"a)b"' },
  { name: 'dangling opener before existing text is dropped', raw: 'foo(', prefix: 'x = ', suffix: ';', mode: S, expected: 'foo' },
  { name: 'opener at the end of the line stays', raw: '[', prefix: 'const items = ', suffix: '\n', mode: S, expected: '[' },
  { name: 'block closer kept when the suffix lacks it; next definition dropped', raw: '\n  return 1;\n}\n\nfunction g() {}', prefix: 'function f() {', suffix: '', mode: M, expected: '\n  return 1;\n}' },
  { name: 'auto-closed } on the cursor line moves to its own line', raw: '\n    return 1;\n  }', prefix: '  get() {', suffix: '}\n', mode: M, expected: '\n    return 1;\n  ' },
  { name: 'object literal before an auto-closed };', raw: '\n  a: 1,\n  b: 2,\n};', prefix: 'const o = {', suffix: '};', mode: M, expected: '\n  a: 1,\n  b: 2,\n' },
  { name: 'if/else continues the block', raw: '\n  a();\n} else {\n  b();\n}\nc();', prefix: 'if (ok) {', suffix: '', mode: M, expected: '\n  a();\n} else {\n  b();\n}' },
  // Repeats
  { name: 'echo of the line above → nothing', raw: 'total += x;', prefix: '  total += x;\n  ', suffix: '\n', mode: M, expected: '' },
  { name: 'echo of the line above on a typed line → nothing', raw: '1);', prefix: 'foo(1);\nfoo(', suffix: '', mode: S, expected: '' },
  { name: 'a line looping is kept once', raw: 'a = 1\nlog(a)\nlog(a)\nlog(a)\nlog(a)', prefix: '', suffix: '', mode: M, expected: 'a = 1\nlog(a)' },
  { name: 'a two-line loop is kept once', raw: 'x()\ny()\nx()\ny()\nx()\ny()', prefix: '', suffix: '', mode: M, expected: 'x()\ny()' },
  { name: 'closers repeated are not a loop', raw: '\n  if (a) {\n    if (b) {\n      c();\n    }\n  }\n}', prefix: 'function f() {', suffix: '', mode: M, expected: '\n  if (a) {\n    if (b) {\n      c();\n    }\n  }\n}' },
  // Indentation and lines
  { name: 'first line is not indented twice', raw: '    return 1', prefix: 'def f():\n    ', suffix: '', mode: M, expected: 'return 1', languageId: 'python' },
  { name: 'relative indentation of later lines is kept', raw: '    for x in xs:\n        print(x)', prefix: 'def f(xs):\n    ', suffix: '', mode: M, expected: 'for x in xs:\n        print(x)', languageId: 'python' },
  { name: 'leading blank lines on an indented empty line are dropped', raw: '\n\n    x = 1', prefix: 'class A:\n    ', suffix: '', mode: M, expected: 'x = 1', languageId: 'python' },
  { name: 'a dedent below the cursor ends the body', raw: 'return 1;\n}\nfoo();', prefix: 'function f() {\n  ', suffix: '\n}\n', mode: M, expected: 'return 1;' },
  { name: 'python: the next definition is dropped', raw: '\n    return x * 2\n\ndef g():\n    pass', prefix: 'def f(x):', suffix: '\n', mode: M, expected: '\n    return x * 2', languageId: 'python' },
  { name: 'single-line keeps only the first line', raw: 'compute();\nconst y = 2;', prefix: 'const x = ', suffix: '', mode: S, expected: 'compute();' },
  { name: 'a line break in the middle of a line → nothing', raw: '\nbar()', prefix: 'foo(', suffix: ');', mode: S, expected: '' },
  // The next line, proposed at the end of a line
  { name: 'at the end of a line, a line break proposes the next line, and only it', raw: '\n  const b = 2;\n  const c = 3;', prefix: '{\n  const a = 1;', suffix: '\n}', mode: S, expected: '\n  const b = 2;' },
  { name: 'the proposed next line repeating the cursor line → nothing', raw: '\n  const a = 1;', prefix: '{\n  const a = 1;', suffix: '\n}', mode: S, expected: '' },
  { name: 'the proposed next line already after the cursor → nothing', raw: '\n  return a;', prefix: '{\n  const a = 1;', suffix: '\n  return a;\n}', mode: S, expected: '' },
  { name: 'a proposed next line that is blank → nothing', raw: '\n\n  return a;', prefix: '{\n  const a = 1;', suffix: '\n}', mode: S, expected: '' },
  { name: 'no doubled space at the seam', raw: ' x', prefix: 'return ', suffix: '', mode: S, expected: 'x' },
  { name: 'trailing whitespace is trimmed', raw: 'foo()   \n  ', prefix: 'x = ', suffix: '', mode: S, expected: 'foo()' },
  { name: 'CRLF input comes out as \\n', raw: 'a();\r\n  b();', prefix: '{\r\n  ', suffix: '\r\n}', mode: M, expected: 'a();\n  b();' },
  // Empty
  { name: 'whitespace only → nothing', raw: '   \n\n  ', prefix: '', suffix: '', mode: M, expected: '' },
  { name: 'empty → nothing', raw: '', prefix: 'x', suffix: '', mode: S, expected: '' },
];

describe('postProcessCompletion (golden)', () => {
  for (const g of GOLDEN) {
    it(g.name, () => {
      const actual = postProcessCompletion({ raw: g.raw, prefix: g.prefix, suffix: g.suffix, mode: g.mode, family: g.family, languageId: g.languageId });
      assert.equal(actual, g.expected);
    });
  }
  it('has at least 25 golden cases', () => assert.ok(GOLDEN.length >= 25));
});

describe('isStreamComplete', () => {
  const ctx = { prefix: 'def add(a, b):', suffix: '\n', mode: M, languageId: 'python' } as const;

  it('a Markdown fence line does not end a stream early', () => {
    assert.equal(isStreamComplete('```python\n', ctx), false);
    assert.equal(isStreamComplete('```python\n    return a + b\n', ctx), false);
    assert.equal(isStreamComplete('```python\n    return a + b\n```\n', ctx), true);
  });

  it('re-typed indentation on an indented empty line does not look like a dedent', () => {
    const body = { prefix: 'function f() {\n  ', suffix: '\n}', mode: M } as const;
    assert.equal(isStreamComplete('  a();\n  b();\n', body), false);
    assert.equal(isStreamComplete('  a();\n}', body), true);
  });

  it('a stream repeating the rest of the line stops after a few characters of it', () => {
    const line = { prefix: 'let response', suffix: ' = await db.query(sql);\n', mode: S } as const;
    assert.equal(isStreamComplete(' = await', line), false);
    assert.equal(isStreamComplete(' = await ', line), true);
    assert.equal(isStreamComplete(' = await fetch', line), true, 'eight characters of it are an echo');
    assert.equal(isStreamComplete(' = fetch(url)', line), false);
  });

  // Aborting the stream where the detector says "done" must show exactly what the whole answer would.
  for (const g of GOLDEN) {
    it(`stopping early gives the same result: ${g.name}`, () => {
      const context = { prefix: g.prefix, suffix: g.suffix, mode: g.mode, family: g.family, languageId: g.languageId };
      let stopAt = g.raw.length;
      for (let i = 1; i <= g.raw.length; i++) {
        if (isStreamComplete(g.raw.slice(0, i), context)) {
          stopAt = i;
          break;
        }
      }
      assert.equal(postProcessCompletion({ ...context, raw: g.raw.slice(0, stopAt) }), g.expected);
    });
  }
});
