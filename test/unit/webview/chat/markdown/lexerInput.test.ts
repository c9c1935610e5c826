// What marked is given: nesting bounded line by line, segments cut where the
// text alone says, and nothing of the reply lost on the way.
import * as assert from 'node:assert/strict';
import { Lexer } from 'marked';
import { Prng } from '../../../../../bench/completion/prng';
import { longAnswer } from '../../../../../bench/chat/answerText';
import { LexerInput, LONG_LINE, SEGMENT_WEIGHT, SPLIT_WEIGHT, STOP_WEIGHT } from '../../../../../webview/chat/markdown/lexerInput';
import { asLineStart, guardLine, initialLineState, MAX_BLOCK_NESTING, MAX_INLINE_NESTING } from '../../../../../webview/chat/markdown/lineGuard';
import { randomChunks } from './randomChunks';

function fed(pieces: readonly string[], finish = true): LexerInput {
  const input = new LexerInput();
  for (const piece of pieces) input.append(piece);
  if (finish) input.finish();
  return input;
}

/** The guard only adds backslashes before punctuation, which is then shown as itself (the inputs have none of their own). */
function withoutAddedEscapes(guarded: string): string {
  return guarded.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** How deeply marked nests blocks in `src` (quotes and lists), measured on its tokens. */
function blockDepth(src: string): number {
  const depth = (tokens: readonly { type: string; tokens?: unknown; items?: unknown }[]): number =>
    Math.max(
      0,
      ...tokens.map((t) => {
        const inner = [...((t.tokens as typeof tokens | undefined) ?? []), ...((t.items as typeof tokens | undefined) ?? [])];
        return (t.type === 'blockquote' || t.type === 'list' ? 1 : 0) + depth(inner);
      }),
    );
  return depth(new Lexer({ gfm: true }).lex(src));
}

describe('LexerInput and the line guard', () => {
  const deep: Record<string, string> = {
    quotes: `${'>'.repeat(10_000)} deep\n\nafter`,
    'spaced quotes': `${'> '.repeat(10_000)}deep\n\nafter`,
    dashes: `${'- '.repeat(10_000)}deep\n\nafter`,
    stars: `${'* '.repeat(10_000)}deep\n\nafter`,
    numbers: `${'1. '.repeat(10_000)}deep\n\nafter`,
    'lists in quotes': `${'> - '.repeat(5_000)}deep\n\nafter`,
    'indented lists': `${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\nafter`,
  };
  for (const [name, text] of Object.entries(deep)) {
    it(`bounds 10k levels of ${name} before marked sees them, keeping every character`, () => {
      const input = fed([text]);
      assert.ok(input.flattened.length > 0, 'flattened');
      const bounds = [0, ...input.cuts, input.text.length];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const segment = input.text.slice(bounds[i], bounds[i + 1]);
        assert.ok(blockDepth(segment) <= MAX_BLOCK_NESTING + 1, `segment ${i} nests ${blockDepth(segment)} deep`);
      }
      const kept = withoutAddedEscapes(input.text).replace(/\s+/g, '') === text.replace(/\s+/g, '');
      assert.ok(kept, 'the guarded text, escapes taken out, is the text');
    });
  }

  it('escapes emphasis and brackets opened beyond the limit, and runs longer than it', () => {
    const state = initialLineState();
    const nested = guardLine(`${'*a '.repeat(100)}x${' a*'.repeat(100)}`, state);
    assert.equal(nested.flattened, true);
    assert.equal((nested.text.match(/(?<!\\)\*a/g) ?? []).length, MAX_INLINE_NESTING);
    assert.equal(guardLine(`${'*'.repeat(5000)}x${'*'.repeat(5000)}`, initialLineState()).text.includes('\\*'.repeat(5000)), true);
    const brackets = guardLine(`${'['.repeat(50)}x${']'.repeat(50)}`, initialLineState());
    assert.equal((brackets.text.match(/(?<!\\)\[/g) ?? []).length, MAX_INLINE_NESTING);
  });

  it('leaves ordinary markdown, code fences and code spans alone', () => {
    const text = longAnswer(42, 4000) + '\n```js\n' + '['.repeat(40) + '*'.repeat(40) + '\n' + '>'.repeat(40) + '\n```\n\nSee `' + '['.repeat(40) + '`.\n\n' + '*'.repeat(30) + '\n';
    const input = fed([text]);
    assert.ok(input.text === text, 'unchanged');
    assert.deepEqual(input.flattened, []);
  });

  it('cuts the same segments however the text arrives, and keeps each within twice SPLIT_WEIGHT', () => {
    const text = longAnswer(3, 60_000) + '- item\n'.repeat(3000) + 'word '.repeat(20_000);
    const whole = fed([text]);
    assert.ok(whole.cuts.length > 20, `${whole.cuts.length} cuts`);
    const streamed = fed(randomChunks(text, new Prng(5), 20_000));
    assert.deepEqual(streamed.cuts, whole.cuts);
    assert.ok(streamed.text === whole.text, 'the same guarded text');
    const bounds = [0, ...whole.cuts, whole.text.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const size = (bounds[i + 1] as number) - (bounds[i] as number);
      assert.ok(size <= 2 * SPLIT_WEIGHT + 2 * LONG_LINE, `segment ${i} is ${size} long`);
    }
  });

  it('cuts where blocks start from SEGMENT_WEIGHT on, inside one block only from SPLIT_WEIGHT on', () => {
    const items = fed(['- short item of a list\n'.repeat(1000)]);
    const itemSegments = [0, ...items.cuts, items.text.length].slice(1).map((end, i) => end - ([0, ...items.cuts][i] as number));
    // A list item's characters weigh double (marked lexes the item, then its text): segments of SEGMENT_WEIGHT / 2 characters.
    assert.ok(itemSegments.length > 1 && itemSegments.slice(0, -1).every((n) => n >= SEGMENT_WEIGHT / 2 && n < SEGMENT_WEIGHT / 2 + 30), `list segments: ${itemSegments.join(', ')}`);
    // A paragraph of 7,200 characters on one line: cut into pieces for the guard, lexed as one.
    const paragraph = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    assert.ok(paragraph.length > LONG_LINE && paragraph.length < SPLIT_WEIGHT);
    const one = fed([`Intro.\n\n${paragraph}\n\nEnd.\n`]);
    const start = one.text.indexOf('word0');
    const end = start + paragraph.length;
    assert.deepEqual(one.cuts.filter((cut) => cut > start && cut <= end), [], `the paragraph stays whole (cuts at ${one.cuts.join(', ')})`);
    assert.ok(one.cuts.includes(one.text.indexOf('End.')), 'the next block starts a segment');
  });

  it('cuts text nested inside links sooner: marked lexes it again for each link around it', () => {
    // Each segment is a document of its own: count its characters as marked
    // does, once plus once per unescaped bracket open around them.
    const work = (segment: string): number => {
      let open = 0;
      let total = 0;
      for (let i = 0; i < segment.length; i++) {
        const ch = segment[i];
        if (ch === '\\') i++;
        else if (ch === '[') open++;
        else if (ch === ']') open = Math.max(0, open - 1);
        total += 1 + open;
      }
      return total;
    };
    const input = fed([`Before.\n\n${'['.repeat(10_000)}deepest${'](https://example.com)'.repeat(10_000)}\n\nAfter.\n`]);
    const bounds = [0, ...input.cuts, input.text.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const cost = work(input.text.slice(bounds[i], bounds[i + 1]));
      // Twice the weight, then the one piece of a long line that crossed it, sixteen links deep.
      assert.ok(cost <= 2 * SPLIT_WEIGHT + LONG_LINE * (1 + MAX_INLINE_NESTING), `segment ${i} costs ${cost}`);
    }
  });

  it('weighs the places marked stops at: a line of delimiters goes in smaller segments, formatted prose stays whole', () => {
    // marked's inline lexer tries a dozen rules at each of these characters, and often makes a token.
    const stops = (segment: string): number => [...segment].filter((ch) => '*_~\\`[]<!&'.includes(ch)).length;
    // A segment ends inside a line once its weight reaches SPLIT_WEIGHT, each stop weighing
    // 1 + STOP_WEIGHT; then the one piece that crossed it, whose stops the guard's escapes can double.
    const most = SPLIT_WEIGHT / STOP_WEIGHT + (2 * LONG_LINE) / (1 + STOP_WEIGHT);
    const lines = {
      emphasis: `${'*'.repeat(10_000)}deepest${'*'.repeat(10_000)}`,
      'nested emphasis': `${'*a '.repeat(10_000)}deepest${' a*'.repeat(10_000)}`,
      'links in links': `${'['.repeat(10_000)}deepest${'](https://example.com)'.repeat(10_000)}`,
      underscores: '_x_ '.repeat(20_000),
    };
    for (const [name, line] of Object.entries(lines)) {
      const text = `Before.\n\n${line}\n\nAfter.\n`;
      const whole = fed([text]);
      const bounds = [0, ...whole.cuts, whole.text.length];
      for (let i = 0; i + 1 < bounds.length; i++) {
        const count = stops(whole.text.slice(bounds[i], bounds[i + 1]));
        assert.ok(count <= most, `${name}: segment ${i} has ${count} stops`);
      }
      // Streamed in small pieces, the line is cut where the whole one is.
      const streamed = fed(randomChunks(text, new Prng(11), 60));
      assert.deepEqual(streamed.cuts, whole.cuts, name);
      assert.ok(streamed.text === whole.text, `${name}: the same guarded text`);
    }
    // A 5,000-character paragraph on one line with ordinary formatting (a stop every ten characters) is one segment.
    const prose = 'Call `parse()` on the *input* and see [the docs](https://example.com/docs) for more details of it. '.repeat(50);
    assert.ok(prose.length > LONG_LINE && stops(prose) * 10 <= prose.length);
    const one = fed([`Intro.\n\n${prose}\n\nEnd.\n`]);
    const start = one.text.indexOf('Call');
    assert.deepEqual(one.cuts.filter((cut) => cut > start && cut <= start + prose.length), [], 'the paragraph stays whole');
  });

  it('cuts a long line so that its rest starts no block it never was', () => {
    // Two pieces of filler fill a segment: the rest of the line begins the next one.
    const filler = `${'x'.repeat(LONG_LINE - 1)} ${'y'.repeat(LONG_LINE - 1)} `;
    for (const rest of ['# not a heading', '- not an item', '> not a quote', '```not a fence', '***', '1. not a list', '    not code', '[x]: https://example.com']) {
      const input = fed([`${filler}${rest} and more words\n\nafter\n`]);
      const last = input.text.slice(input.cuts.at(-1));
      assert.equal(withoutAddedEscapes(last).trimStart(), `${rest.trimStart()} and more words\n\nafter\n`);
      const tokens = new Lexer({ gfm: true }).lex(last);
      assert.deepEqual(
        tokens.filter((t) => t.type !== 'space').map((t) => t.type),
        ['paragraph', 'paragraph'],
        rest,
      );
    }
    assert.equal(asLineStart('  # x'), '\\# x');
    assert.equal(asLineStart('12) x'), '12\\) x');
    assert.equal(asLineStart('word'), 'word');
  });

  it('never cuts inside a code fence, and shows an open top-level fence without lexing', () => {
    const code = 'x'.repeat(100_000);
    const input = fed([`Intro.\n\n\`\`\`ts\n${code}`], false);
    assert.equal(input.cuts.length, 0);
    assert.equal(input.openFenceStart, 'Intro.\n\n'.length);
    input.append('\n```\n\nAfter.\n');
    assert.equal(input.openFenceStart, undefined);
  });

  it('gives any stretch of the guarded text as the whole text has it, across the lines and pieces it was committed in', () => {
    const rng = new Prng(23);
    const text = `${longAnswer(5, 800)}\n\n${'*a '.repeat(3000)}\n\n\`\`\`ts\nconst x = 1;\n`;
    const input = fed(randomChunks(text, rng, 900), false);
    const whole = input.text;
    assert.equal(input.length, whole.length);
    assert.equal(input.textBetween(0), whole);
    for (let k = 0; k < 500; k++) {
      const start = rng.int(0, whole.length);
      const end = rng.int(start, whole.length);
      assert.equal(input.textBetween(start, end), whole.slice(start, end), `[${start}, ${end})`);
    }
    assert.equal(input.textBetween(whole.length), '');
    assert.equal(input.textBetween(10, 5), '');
  });

  it('closes a fence only on a line of its markers, quoted or not, and reads a megabyte of quote markers inside it as code', () => {
    const open = (): ReturnType<typeof initialLineState> => {
      const state = initialLineState();
      guardLine('```ts', state);
      return state;
    };
    for (const line of ['```', '   ```  ', '> ```', '>> \t> ```', '````']) {
      const state = open();
      guardLine(line, state);
      assert.equal(state.fence, undefined, `${JSON.stringify(line)} closes the fence`);
    }
    for (const line of ['``', '~~~', '```ts', 'x ```', '> x ```', '>'.repeat(1_000_000), '> '.repeat(500_000), `${'>'.repeat(1_000_000)}x\``]) {
      const state = open();
      const guarded = guardLine(line, state);
      assert.ok(state.fence !== undefined, `${JSON.stringify(line.slice(0, 20))} leaves the fence open`);
      assert.ok(guarded.text === line, 'a line of code is passed on as it is');
    }
  });
});
