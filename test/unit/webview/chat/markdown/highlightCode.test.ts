import * as assert from 'node:assert/strict';
import { longAnswer } from '../../../../../bench/chat/answerText';
import { renderMarkdown } from '../../../../../webview/chat/markdown/markdownBlocks';
import { canHighlight, CHUNK_LINES, highlightChunks } from '../../../../../webview/chat/markdown/highlightCode';

function unescape(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('highlightChunks', () => {
  it('knows the registered languages and their aliases only', () => {
    for (const l of ['typescript', 'ts', 'python', 'py', 'rust', 'go', 'bash', 'sh', 'json', 'sql', 'yaml', 'java', 'css', 'html', 'diff', 'cpp', 'csharp']) assert.ok(canHighlight(l), l);
    for (const l of ['', 'cobol', 'unknownlang']) assert.equal(canHighlight(l), false, l);
  });

  it('cuts code into chunks of whole lines that add up to the code, each escaped text in spans', () => {
    const codes = renderMarkdown(longAnswer(42, 20_000)).flatMap((b) => (b.kind === 'html' ? b.codes : []));
    assert.ok(codes.length >= 10);
    for (const { code, language } of codes) {
      const chunks = [...highlightChunks(code, language.toLowerCase() === 'typescript' ? 'typescript' : language)];
      assert.equal(chunks.map((c) => c.text).join(''), code);
      for (const chunk of chunks) {
        assert.equal(unescape(chunk.html), chunk.text);
        assert.doesNotMatch(chunk.html.replace(/<span class="hljs-[\w. -]+">|<\/span>/g, ''), /</, 'only hljs spans');
      }
      if (code.split('\n').length > 2 * CHUNK_LINES) assert.ok(chunks.length > 1, `${language}: one chunk for ${code.split('\n').length} lines`);
    }
  });

  it('never cuts inside a multi-line string or comment: the chunk grows until the grammar is back at its top level', () => {
    const lines = Array.from({ length: CHUNK_LINES - 2 }, (_, i) => `const a${i} = ${i};`);
    const code = [...lines, 'const doc = `first', 'second', 'third', 'fourth`;', '/* a comment', 'that goes on', '*/', 'const z = 1;'].join('\n');
    const chunks = [...highlightChunks(code, 'typescript')];
    assert.equal(chunks.length, 2);
    assert.match(chunks[0]?.text ?? '', /fourth`;\n$/);
    assert.match(chunks[0]?.html ?? '', /<span class="hljs-string">`first\nsecond\nthird\nfourth`<\/span>/);
  });
});
