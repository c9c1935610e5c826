// The chat view compiles marked's expressions while idle, so a reply does not
// pay for it: every expression must be run on both kinds of string V8 stores
// (Latin-1 and two-byte), a bounded amount per idle period, and leave marked
// exactly as it was.
import * as assert from 'node:assert/strict';
import { Lexer, Tokenizer } from 'marked';
import { lexMarkdown, type LinkDefinitions } from '../../../../../webview/chat/markdown/markdownBlocks';
import { lexerExpressions, warmLexerWhenIdle } from '../../../../../webview/chat/markdown/warmLexer';
import { Prng } from '../../../../../bench/completion/prng';
import { trickyMarkdown } from './trickyMarkdown';

type Step = (deadline: IdleDeadline) => void;

const noLinks = (): LinkDefinitions => Object.create(null) as LinkDefinitions;

/** Records every RegExp#exec call (expression and subject) while `run` runs. */
function recordExec(run: () => void): Map<RegExp, string[]> {
  const calls = new Map<RegExp, string[]>();
  const original = Object.getOwnPropertyDescriptor(RegExp.prototype, 'exec') as PropertyDescriptor;
  const exec = original.value as (this: RegExp, subject: string) => RegExpExecArray | null;
  RegExp.prototype.exec = function (this: RegExp, subject: string) {
    calls.set(this, [...(calls.get(this) ?? []), subject]);
    return exec.call(this, subject);
  };
  try {
    run();
  } finally {
    Object.defineProperty(RegExp.prototype, 'exec', original);
  }
  return calls;
}

/** Runs the warm-up to its end, each idle period with `remaining` ms; returns how many periods it took. */
function warmFully(remaining: () => number): number {
  const queue: Step[] = [];
  warmLexerWhenIdle((step) => queue.push(step));
  let periods = 0;
  for (let step = queue.shift(); step; step = queue.shift()) {
    periods++;
    step({ didTimeout: false, timeRemaining: remaining });
  }
  return periods;
}

describe('warmLexer', () => {
  it('finds the expressions marked’s GFM lexer runs, those it builds per indent included', () => {
    const expressions = lexerExpressions();
    const { block, inline } = Lexer.rules;
    for (const rule of [block.gfm.paragraph, block.gfm.lheading, block.gfm.blockquote, block.gfm.table, block.gfm.html, inline.gfm.emStrongLDelim, inline.gfm.link, inline.gfm.text]) {
      assert.ok(expressions.includes(rule), `missing ${rule.source.slice(0, 40)}`);
    }
    const tokenizer = new Tokenizer();
    new Lexer({ gfm: true, tokenizer });
    const other = tokenizer.rules.other;
    for (const indent of [1, 2, 3, 4]) assert.ok(expressions.includes(other.nextBulletRegex(indent)), `missing the list bullet expression for indent ${indent}`);
    assert.equal(new Set(expressions).size, expressions.length, 'an expression is listed twice');
  });

  it('runs every expression twice on a Latin-1 and a two-byte string, and puts back a global one’s lastIndex', () => {
    const expressions = lexerExpressions();
    const global = expressions.find((e) => e.global);
    assert.ok(global, 'marked has global expressions');
    global.lastIndex = 3;
    const calls = recordExec(() => warmFully(() => 50));
    assert.equal(global.lastIndex, 3);
    for (const expression of expressions) {
      const subjects = calls.get(expression) ?? [];
      const twoByte = subjects.filter((s) => [...s].some((ch) => ch.charCodeAt(0) > 0xff));
      assert.equal(subjects.length, 4, `${expression.source.slice(0, 40)} ran ${subjects.length} times`);
      assert.equal(twoByte.length, 2, `${expression.source.slice(0, 40)} ran on ${twoByte.length} two-byte strings`);
    }
  });

  it('gives back the main thread when the idle period runs out: one expression per period with no time left', () => {
    const jobs = lexerExpressions().length * 2;
    assert.equal(warmFully(() => 0), jobs);
    assert.ok(warmFully(() => 50) < jobs / 10, 'with time left, a period runs many');
  });

  it('leaves marked lexing exactly as before', () => {
    const rng = new Prng(11);
    const samples = Array.from({ length: 20 }, () => trickyMarkdown(rng));
    const before = samples.map((text) => JSON.stringify(lexMarkdown(text, noLinks())));
    warmFully(() => 50);
    const after = samples.map((text) => JSON.stringify(lexMarkdown(text, noLinks())));
    assert.deepEqual(after, before);
  });
});
