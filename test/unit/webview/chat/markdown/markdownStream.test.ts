// The streaming markdown renderer must end exactly where a from-scratch
// render of the same text ends, however the text was split into deltas, and
// a block it settled must never need to change its extent.
import * as assert from 'node:assert/strict';
import { longAnswer, tokenize } from '../../../../../bench/chat/answerText';
import { streamPlan } from '../../../../../bench/chat/streamPlan';
import { Prng } from '../../../../../bench/completion/prng';
import type { Token } from 'marked';
import type { MarkdownBlock } from '../../../../../webview/chat/markdown/markdownBlocks';
import { renderToken } from '../../../../../webview/chat/markdown/markdownBlocks';
import { renderMarkdown } from '../../../../../webview/chat/markdown/referenceRender';
import { MarkdownStream } from '../../../../../webview/chat/markdown/markdownStream';
import { trickyMarkdown } from './trickyMarkdown';
import { randomChunks } from './randomChunks';

function comparable(blocks: readonly MarkdownBlock[]): { raw: string; html: string }[] {
  return blocks.map((b) => {
    assert.equal(b.kind, 'html', 'an open fence survived the final update');
    return { raw: b.raw, html: b.kind === 'html' ? b.html : '' };
  });
}

/** Streams `chunks` with an update after each, as the view does per frame; returns the blocks shown at the end. */
function stream(chunks: readonly string[], reference: readonly MarkdownBlock[]): MarkdownBlock[] {
  const s = new MarkdownStream();
  const shown: MarkdownBlock[] = [];
  const check = (update: ReturnType<MarkdownStream['update']>): void => {
    for (const { index, block } of update.replaced) {
      assert.ok(index < shown.length);
      shown[index] = block;
    }
    for (const block of update.settled) {
      // A settled block keeps its source extent for good.
      assert.equal(block.raw, reference[shown.length]?.raw, `block ${shown.length} settled early`);
      shown.push(block);
    }
  };
  for (const chunk of chunks) {
    s.append(chunk);
    // One bounded step per delta, as the view takes per frame.
    check(s.update(false));
  }
  let last: ReturnType<MarkdownStream['update']>;
  do {
    last = s.update(true);
    check(last);
  } while (last.more);
  assert.equal(last.tail.length, 0);
  return shown;
}

describe('MarkdownStream', () => {
  it('renders tricky markdown identically to a full render, whatever the chunking', function () {
    // About 20 s of CPU (480 streams, a step per character for some): the timeout only catches a hang, on a machine shared with other runs.
    this.timeout(300_000);
    for (let seed = 1; seed <= 120; seed++) {
      const rng = new Prng(seed);
      const text = trickyMarkdown(rng);
      const reference = renderMarkdown(text);
      for (const maxLength of [1, 3, 17, 200]) {
        const shown = stream(randomChunks(text, rng, maxLength), reference);
        assert.deepEqual(comparable(shown), comparable(reference), `seed ${seed}, chunks ≤ ${maxLength}`);
      }
    }
  });

  it('settles correctly at every split point of a short text', function () {
    // About 2 s of CPU; the timeout only catches a hang, on a loaded machine.
    this.timeout(120_000);
    const rng = new Prng(7);
    for (let n = 0; n < 6; n++) {
      const text = trickyMarkdown(rng).slice(0, 600);
      const reference = renderMarkdown(text);
      for (let split = 0; split <= text.length; split++) {
        const shown = stream([text.slice(0, split), text.slice(split)], reference);
        assert.deepEqual(comparable(shown), comparable(reference), `split at ${split} of ${JSON.stringify(text)}`);
      }
    }
  });

  it('renders the benchmark’s 20,000-token answer identically, streamed as the host batches it or split anywhere', function () {
    this.timeout(60_000);
    const text = longAnswer(42, 20_000);
    const reference = renderMarkdown(text);
    assert.ok(reference.length > 100, `${reference.length} blocks`);
    const deltas = streamPlan(tokenize(text), 200, 33).deltas;
    assert.deepEqual(comparable(stream(deltas, reference)), comparable(reference), 'host deltas');
    const rng = new Prng(11);
    for (let n = 0; n < 5; n++) {
      const split = rng.int(1, text.length - 1);
      assert.deepEqual(comparable(stream([text.slice(0, split), text.slice(split)], reference)), comparable(reference), `split at ${split}`);
    }
  });

  it('resolves a reference link whose definition comes later', () => {
    const text = 'See [the docs][d] first.\n\nMore text.\n\n[d]: https://example.com/docs\n\nEnd.\n';
    const reference = renderMarkdown(text);
    assert.match(reference[0]?.kind === 'html' ? reference[0].html : '', /href="https:\/\/example.com\/docs"/);
    const shown = stream(randomChunks(text, new Prng(3), 4), reference);
    assert.deepEqual(comparable(shown), comparable(reference));
  });

  it('treats CRLF split across chunks like LF', () => {
    const text = '# Title\r\n\r\n- a\r\n- b\r\n\r\n```ts\r\nconst x = 1;\r\n```\r\n';
    const reference = renderMarkdown(text);
    const chunks = text.split(/(?<=\r)/);
    assert.deepEqual(comparable(stream(chunks, reference)), comparable(reference));
  });

  it('keeps an unclosed fence open, as growing text, until its closing line arrives', () => {
    const s = new MarkdownStream();
    s.append('Intro.\n\n```python\ndef f():\n    return 1\n``');
    const open = s.update(false);
    assert.equal(open.settled.length, 1);
    const fence = open.tail[open.tail.length - 1];
    assert.equal(fence?.kind, 'openFence');
    assert.equal(fence?.kind === 'openFence' ? fence.language : '', 'python');
    s.append('`\n\nAfter.\n');
    const closed = s.update(false);
    assert.equal(closed.settled[0]?.kind, 'html');
    // The code reaches the page as text (blockElement.ts), not inside the HTML.
    assert.equal(closed.settled[0]?.kind === 'html' ? closed.settled[0].html : '', '<pre><code class="hljs language-python"></code></pre>\n');
    assert.deepEqual(closed.settled[0]?.kind === 'html' ? closed.settled[0].codes : [], [{ code: 'def f():\n    return 1', language: 'python' }]);
  });

  it('does only tail-sized work per update: settled blocks are not rendered again', () => {
    const s = new MarkdownStream();
    let settled = 0;
    for (let i = 0; i < 200; i++) {
      s.append(`Paragraph ${i} with \`code\`.\n\n`);
      const update = s.update(false);
      settled += update.settled.length;
      assert.ok(update.tail.length <= 1);
      assert.equal(update.replaced.length, 0);
    }
    assert.equal(settled, 199);
  });

  it('renders the pathological replies identically however they are streamed', function () {
    this.timeout(120_000);
    const samples = {
      'deep quotes': `${'>'.repeat(10_000)} x\n\nafter\n`,
      'deep lists': `${'- '.repeat(10_000)}x\n\nafter\n`,
      'deep emphasis': `${'*'.repeat(10_000)}x${'*'.repeat(10_000)}\n\nafter\n`,
      'a long line': `${'word *em* [l](u) '.repeat(6_000)}\n\nafter\n`,
      'a long list': '- item with `code` and **bold**\n'.repeat(2_000),
      // Committed whole when its newline comes, past LONG_COMMIT: lexed in the update after.
      'a one-line fence': `Code:\n\n\`\`\`ts\n${'let x = a[1] * b; '.repeat(10_000)}\n\`\`\`\n\nafter\n`,
      'a one-line fence in a quote, never closed': `> \`\`\`\n> ${'y = [*z*]; '.repeat(10_000)}\n> more`,
      'late links': `${Array.from({ length: 300 }, (_, i) => `Paragraph ${i} links to [ref ${i}].`).join('\n\n')}\n\n${Array.from({ length: 300 }, (_, i) => `[ref ${i}]: https://example.com/${i}`).join('\n')}\n`,
    };
    for (const [name, text] of Object.entries(samples)) {
      const reference = renderMarkdown(text);
      const rng = new Prng(name.length);
      for (const max of [8_000, 16_000, 200_000]) assert.deepEqual(comparable(stream(randomChunks(text, rng, max), reference)), comparable(reference), `${name}, chunks of up to ${max}`);
    }
  });

  it('renders again only the blocks that name a definition arriving late', () => {
    const named = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} links to [ref ${i}].`);
    const plain = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} has [brackets] but names no definition.`);
    const text = `${[...named, ...plain].join('\n\n')}\n\n${Array.from({ length: 300 }, (_, i) => `[ref ${i}]: https://example.com/${i}`).join('\n')}\n`;
    const s = new MarkdownStream();
    const replaced = new Set<number>();
    let rerenders = 0;
    for (const chunk of randomChunks(text, new Prng(2), 500)) {
      s.append(chunk);
      const update = s.update(false);
      rerenders += update.replaced.length;
      for (const r of update.replaced) replaced.add(r.index);
    }
    for (let update = s.update(true); ; update = s.update(true)) {
      rerenders += update.replaced.length;
      for (const r of update.replaced) replaced.add(r.index);
      if (!update.more) break;
    }
    assert.deepEqual([...replaced].sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i), 'exactly the blocks naming a label');
    assert.equal(rerenders, 300, 'each once');
  });

  it('turns a block the renderer throws on into a plain block of its source', () => {
    // A token that breaks marked's renderer (here: a table without its rows) stands for any renderer failure.
    const broken = { type: 'table', raw: '| a |\n|---|\n', header: [{ text: 'a', tokens: [], header: true, align: null }], align: [null] } as unknown as Token;
    assert.deepEqual(renderToken(broken), { kind: 'plain', raw: '| a |\n|---|\n' });
  });
});
