import * as assert from 'node:assert/strict';
import { toStatusTabState } from '../../../../src/core/panel/statusTabState';
import type { LoadedModel, ModelInfo } from '../../../../src/core/engine/engineTypes';

const model = (name: string): ModelInfo => ({
  name, digest: 'd', sizeBytes: 4_700_000_000, family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M',
  capabilities: ['completion', 'insert'], capabilitiesReported: true, template: '',
});
const NOW = Date.parse('2025-10-01T12:00:00Z');
const setup = { needed: false, daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [] } as const;

function state(loaded: LoadedModel[]) {
  return toStatusTabState(
    {
      connection: { status: 'connected', version: '0.12.6', models: [model('qwen2.5-coder:7b'), model('big-coder:32b'), model('llama3.2:3b')] },
      host: 'http://127.0.0.1:11434', completionModel: 'a', chatModel: 'b', completionsEnabled: true,
      instructions: { status: 'noFolder' }, setup, loaded, pulls: [],
    },
    NOW,
  );
}

describe('toStatusTabState: loaded models', () => {
  it('marks what /api/ps lists, with the share in GPU memory, the context and when it unloads', () => {
    const s = state([
      { name: 'qwen2.5-coder:7b', sizeBytes: 6_100_000_000, sizeVramBytes: 6_100_000_000, expiresAt: '2025-10-01T12:30:00Z', contextLength: 4096 },
      { name: 'big-coder:32b', sizeBytes: 20_000_000_000, sizeVramBytes: 8_000_000_000, expiresAt: '2025-10-01T12:05:00Z' },
    ]);
    const by = (name: string) => s.models.find((m) => m.name === name);
    assert.deepEqual(by('qwen2.5-coder:7b')?.loaded, { sizeBytes: 6_100_000_000, vramBytes: 6_100_000_000, contextLength: 4096, expiresAt: '2025-10-01T12:30:00.000Z' });
    assert.deepEqual(by('big-coder:32b')?.loaded, { sizeBytes: 20_000_000_000, vramBytes: 8_000_000_000, expiresAt: '2025-10-01T12:05:00.000Z' });
    assert.equal(by('llama3.2:3b')?.loaded, undefined);
  });

  it('keep_alive -1 (a date centuries away) has no unload time; names match like Ollama', () => {
    const s = state([{ name: 'LLAMA3.2:3b', sizeBytes: 1, sizeVramBytes: 1, expiresAt: '2318-01-01T00:00:00Z' }]);
    assert.deepEqual(s.models.find((m) => m.name === 'llama3.2:3b')?.loaded, { sizeBytes: 1, vramBytes: 1 });
  });
});
