import * as assert from 'node:assert/strict';
import { newConversation } from '../../../../src/core/chat/conversation';
import type { SessionInputs } from '../../../../src/core/chat/chatSessionView';
import { toChatSession } from '../../../../src/core/chat/chatSessionView';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';
import { answer, user } from './chatFixtures';

const chatTemplate = '{{ range .Messages }}{{ .Content }}{{ end }}';
const model = (name: string, capabilities: ModelInfo['capabilities'] = ['completion'], template = chatTemplate): ModelInfo => ({
  name, digest: 'd', sizeBytes: 1, family: 'x', parameterSize: '3B', quantization: 'Q4', capabilities, capabilitiesReported: true, template,
});

function inputs(over: Partial<SessionInputs> = {}): SessionInputs {
  return {
    conversations: [],
    active: newConversation('a1', 'llama3.2:3b', 5),
    connection: { status: 'connected', version: '0.12.6', models: [model('llama3.2:3b'), model('qwen2.5-coder:1.5b-base', ['completion'], '{{ .Prompt }}'), model('deepseek-r1:7b', ['completion', 'thinking'])] },
    context: [],
    budget: { promptTokens: 100, contextTokens: 4096, reservedTokens: 1024, droppedTurns: 0, trimmedAttachments: [], instructionsTrimmed: false, charsPerToken: 4 },
    instructions: { status: 'untrusted' },
    streaming: false,
    mode: 'ask',
    agent: { available: true },
    warnings: [],
    ...over,
  };
}

describe('toChatSession', () => {
  it('lists chat-capable models only, with thinking marked, and no setup hint when ready', () => {
    const s = toChatSession(inputs());
    assert.deepEqual(s.models, [
      { name: 'llama3.2:3b', parameterSize: '3B', thinking: false },
      { name: 'deepseek-r1:7b', parameterSize: '3B', thinking: true },
    ]);
    assert.equal(s.setup, undefined);
    assert.deepEqual(s.instructions, { status: 'untrusted' });
  });

  it('explains what is missing: daemon down, no chat model, the conversation model not installed', () => {
    const down = toChatSession(inputs({ connection: { status: 'down', failure: { kind: 'unreachable', message: 'Cannot reach Ollama at x.', detail: '', actions: [{ id: 'startOllamaHelp', label: 'How to start Ollama' }] } } }));
    assert.equal(down.setup?.reason, 'down');
    assert.deepEqual(down.setup?.actions.map((a) => a.id), ['startOllamaHelp']);
    assert.deepEqual(down.models, []);
    const none = toChatSession(inputs({ connection: { status: 'connected', version: '1', models: [model('nomic-embed-text:latest', ['embedding'], '')] } }));
    assert.equal(none.setup?.reason, 'noModels');
    assert.ok(none.setup?.actions.some((a) => a.id === 'pullModel'));
    const missing = toChatSession(inputs({ active: newConversation('a1', 'mistral:7b', 1) }));
    assert.equal(missing.setup?.reason, 'modelMissing');
    assert.match(missing.setup?.message ?? '', /mistral:7b/);
  });

  it('lists the active conversation even before it is saved, and only the AGENTS.md files that count', () => {
    const saved = { ...newConversation('old', 'llama3.2:3b', 1), title: 'Old', turns: [user('q'), answer('a')] };
    const s = toChatSession(inputs({
      conversations: [saved],
      instructions: {
        status: 'ready', folder: 'w', tokens: 12,
        files: [
          { path: 'AGENTS.md', bytes: 10, keptBytes: 10, tokens: 3, trimmed: false, empty: false, refused: false },
          { path: 'a/AGENTS.md', bytes: 0, keptBytes: 0, tokens: 0, trimmed: false, empty: true, refused: false },
          { path: 'b/AGENTS.md', bytes: 50, keptBytes: 0, tokens: 0, trimmed: true, empty: false, refused: false },
        ],
      },
    }));
    assert.deepEqual(s.conversations.map((c) => [c.id, c.turns]), [['a1', 0], ['old', 2]]);
    assert.deepEqual(s.instructions, { status: 'ready', files: ['AGENTS.md'], tokens: 12 });
  });
});
