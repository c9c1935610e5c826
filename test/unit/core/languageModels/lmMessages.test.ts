import * as assert from 'node:assert/strict';
import { callInput, toChatMessages } from '../../../../src/core/languageModels/lmMessages';
import { chatModelEntries } from '../../../../src/core/languageModels/chatModelEntries';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';

describe('vscode.lm requests as Hearth chat messages', () => {
  it('joins text parts and keeps roles in order', () => {
    const messages = toChatMessages([
      { role: 'user', parts: [{ kind: 'text', text: 'Hello, ' }, { kind: 'text', text: 'world' }] },
      { role: 'assistant', parts: [{ kind: 'text', text: 'Hi.' }] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: 'Hello, world' },
      { role: 'assistant', content: 'Hi.' },
    ]);
  });

  it('sends tool calls with the assistant message and each result as a tool message named by its call', () => {
    const messages = toChatMessages([
      { role: 'user', parts: [{ kind: 'text', text: 'What is in a.ts?' }] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'c1', text: 'export {}' }, { kind: 'text', text: 'Summarize it.' }] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: 'What is in a.ts?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'read_file', arguments: { path: 'a.ts' } } }] },
      { role: 'tool', content: 'export {}', tool_name: 'read_file' },
      { role: 'user', content: 'Summarize it.' },
    ]);
  });

  it('drops messages with nothing Hearth can send', () => {
    assert.deepEqual(toChatMessages([{ role: 'user', parts: [] }]), []);
  });

  it('reads call arguments as objects, from an object or JSON text, and refuses anything else', () => {
    const parse = (text: string): unknown => JSON.parse(text);
    assert.deepEqual(callInput({ a: 1 }, parse), { a: 1 });
    assert.deepEqual(callInput('{"a":1}', parse), { a: 1 });
    assert.deepEqual(callInput('', parse), {});
    assert.equal(callInput('[1,2]', parse), undefined);
    assert.equal(callInput(7, parse), undefined);
  });
});

describe('Hearth models in the language model picker', () => {
  const model = (name: string, capabilities: ModelInfo['capabilities']): ModelInfo => ({
    name,
    digest: 'sha256abcdef0123456789',
    sizeBytes: 1,
    family: 'qwen2',
    parameterSize: '7.6B',
    quantization: 'Q4_K_M',
    capabilities,
    capabilitiesReported: true,
    template: '',
  });

  it('lists chat-capable models with Hearth\'s window and their tool support, not embedding models', () => {
    const entries = chatModelEntries(
      [model('qwen2.5-coder:7b', ['completion', 'tools', 'insert']), model('nomic-embed-text', ['embedding']), model('llava', ['completion', 'vision'])],
      8192,
      'http://127.0.0.1:11434',
    );
    assert.deepEqual(entries.map((e) => e.id), ['qwen2.5-coder:7b', 'llava']);
    const [coder, llava] = entries;
    assert.equal(coder?.toolCalling, true);
    assert.equal(llava?.toolCalling, false);
    assert.equal(llava?.imageInput, true);
    assert.equal((coder?.maxInputTokens ?? 0) + (coder?.maxOutputTokens ?? 0), 8192, 'input and answer share num_ctx');
    assert.equal(coder?.version, 'sha256abcdef');
    assert.equal(coder?.detail, '7.6B · Q4_K_M');
  });
});
