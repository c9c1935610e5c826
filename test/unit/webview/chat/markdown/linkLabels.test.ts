// Which blocks a late link definition redraws: every label marked could
// resolve must be found, and finding them stays one pass over the text.
import * as assert from 'node:assert/strict';
import { Lexer } from 'marked';
import { normalizeLabel, referencedLabels } from '../../../../../webview/chat/markdown/linkLabels';

describe('referencedLabels', () => {
  it('finds the label of every reference form marked resolves', () => {
    const text = 'See [the docs][Guide], [Setup][], [faq] and [a\\]b], and ![logo][img]. Not [ ] and [x](https://inline.example).';
    const labels = referencedLabels(text);
    for (const label of ['guide', 'setup', 'faq', 'a\\]b', 'img']) assert.ok(labels.has(normalizeLabel(label)), label);
    // Each is what marked looks up: defined, it makes the link.
    for (const [sample, label] of [['[the docs][Guide]', 'Guide'], ['[Setup][]', 'Setup'], ['[faq]', 'faq'], ['[a\\]b]', 'a\\]b']] as const) {
      assert.ok(referencedLabels(sample).has(normalizeLabel(label)), sample);
      const tokens = new Lexer({ gfm: true }).lex(`${sample}\n\n[${label}]: https://example.com/x\n`);
      assert.match(JSON.stringify(tokens), /"type":"link","raw":[^}]*"href":"https:\/\/example.com\/x"/, sample);
    }
  });

  it('folds case and spaces as marked compares labels', () => {
    assert.ok(referencedLabels('[  Read   The\nDocs ]').has('read the docs'));
  });

  it('takes only innermost bracket pairs from ten thousand nested brackets, as marked can only resolve those', () => {
    const text = `${'['.repeat(10_000)}deepest${'](https://example.com)'.repeat(10_000)} and [x${'['.repeat(500)}y]`;
    assert.deepEqual([...referencedLabels(text)].sort(), ['deepest', 'y']);
  });

  it('skips labels longer than marked reads (999 characters)', () => {
    assert.equal(referencedLabels(`[${'a'.repeat(1000)}]`).size, 0);
    assert.equal(referencedLabels(`[${'a'.repeat(999)}]`).size, 1);
  });
});
