import * as assert from 'node:assert/strict';
import { afterLineQuery, completionWindow, documentSpan, prepareRequest } from '../../../../src/core/completion/completionRequest';
import type { CompletionQuery } from '../../../../src/core/completion/completionRequest';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';

const info = (name: string, capabilities: ModelInfo['capabilities'], contextLength?: number): ModelInfo => ({
  name,
  digest: 'd',
  sizeBytes: 1,
  family: 'qwen2',
  parameterSize: '1.5B',
  quantization: 'Q4_K_M',
  capabilities,
  capabilitiesReported: true,
  template: '',
  ...(contextLength !== undefined ? { contextLength } : {}),
});

/** A document as lines, with a deterministic mix of line lengths. */
function lines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${'  '.repeat(i % 4)}const value${i} = compute(${'x'.repeat(i % 37)}, ${i});`);
}

function offsetOf(doc: string[], line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += (doc[i]?.length ?? 0) + 1;
  return offset + character;
}

describe('documentSpan', () => {
  const limits = { numCtx: 2048, maxTokens: 128 };
  const base: Omit<CompletionQuery, 'docPrefix' | 'docSuffix'> = { docKey: 'k', languageId: 'typescript', explicit: false };

  it('gives the same prompt window as the whole file, for any cursor and chars-per-token', () => {
    const doc = lines(3000);
    const text = doc.join('\n');
    for (const line of [0, 5, 31, 32, 33, 100, 777, 1500, 2990, 2999]) {
      for (const character of [0, 7]) {
        const cursor = { line, character: Math.min(character, doc[line]?.length ?? 0) };
        const offset = offsetOf(doc, cursor.line, cursor.character);
        const span = documentSpan(cursor, doc.length, (l) => doc[l]?.length ?? 0, limits.numCtx);
        assert.equal(span.startLine % 32, 0);
        const spanPrefix = text.slice(offsetOf(doc, span.startLine, 0), offset);
        const spanSuffix = text.slice(offset, offsetOf(doc, span.endLine, doc[span.endLine]?.length ?? 0));
        for (const cpt of [1.5, 3.5, 6.5]) {
          const whole = completionWindow({ ...base, docPrefix: text.slice(0, offset), docSuffix: text.slice(offset) }, info('m', ['completion']), limits, cpt);
          const cut = completionWindow({ ...base, docPrefix: spanPrefix, docSuffix: spanSuffix }, info('m', ['completion']), limits, cpt);
          assert.deepEqual(cut.position, whole.position, `line ${line}:${character}, ${cpt} chars/token`);
        }
      }
    }
  });

  it('is the whole file when it is small', () => {
    const doc = lines(40);
    assert.deepEqual(documentSpan({ line: 20, character: 3 }, doc.length, (l) => doc[l]?.length ?? 0, 4096), { startLine: 0, endLine: 39 });
  });
});

describe('completionWindow and prepareRequest', () => {
  const query: CompletionQuery = { docKey: 'k', docPrefix: 'def total_price(items):\n    ', docSuffix: '\n', languageId: 'python', explicit: false, digest: 'Use type hints.' };

  it('never plans for more context than the model has', () => {
    const small = completionWindow(query, info('m', ['completion'], 1024), { numCtx: 8192, maxTokens: 128 }, 3.5);
    const big = completionWindow(query, info('m', ['completion'], 32768), { numCtx: 8192, maxTokens: 128 }, 3.5);
    assert.equal(small.numCtx, 1024);
    assert.equal(big.numCtx, 8192);
  });

  it('puts the digest at the top as comments of the file’s language, and snippets only when there is room', () => {
    const window = completionWindow({ ...query, snippetSources: () => [{ path: 'lib/util.py', text: 'def price_with_tax(items, tax):\n    return total_price(items) * tax\n' }] }, info('qwen2.5-coder:1.5b-base', ['completion']), { numCtx: 4096, maxTokens: 128 }, 3.5);
    const prepared = prepareRequest(
      { ...query, snippetSources: () => [{ path: 'lib/util.py', text: 'def price_with_tax(items, tax):\n    return total_price(items) * tax\n' }], repoName: 'repo', filePath: 'a.py' },
      window,
      info('qwen2.5-coder:1.5b-base', ['completion']),
      { kind: 'raw', family: 'qwen2.5-coder' },
      { numCtx: 4096, maxTokens: 128 },
    );
    assert.equal(prepared.text.mode, 'multi-line');
    assert.ok(prepared.request.prompt.startsWith('<|repo_name|>repo\n<|file_sep|>lib/util.py\n'), prepared.request.prompt);
    assert.ok(prepared.request.prompt.includes('<|file_sep|>a.py\n<|fim_prefix|># Use type hints.\ndef total_price(items):\n    <|fim_suffix|>\n<|fim_middle|>'), prepared.request.prompt);
    assert.equal(prepared.promptChars, prepared.request.prompt.length);
  });
});

describe('afterLineQuery', () => {
  const query = (docPrefix: string, docSuffix: string): CompletionQuery => ({ docKey: 'file:///a.ts', docPrefix, docSuffix, languageId: 'typescript', explicit: false });

  it('moves the cursor past the rest of its line, LF or CRLF, or to the end of the last line', () => {
    assert.deepEqual(afterLineQuery(query('f(a', ');\nnext();')), { query: query('f(a);', '\nnext();'), restOfLine: ');' });
    assert.deepEqual(afterLineQuery(query('f(a', ');\r\nnext();')), { query: query('f(a);', '\r\nnext();'), restOfLine: ');' });
    assert.deepEqual(afterLineQuery(query('f(a', ');  ')), { query: query('f(a);  ', ''), restOfLine: ');  ' });
  });

  it('is undefined at the end of a line, where the answer already goes after it', () => {
    assert.equal(afterLineQuery(query('f(a);', '\nnext();')), undefined);
    assert.equal(afterLineQuery(query('f(a);', '   \nnext();')), undefined);
    assert.equal(afterLineQuery(query('f(a);', '')), undefined);
  });
});
