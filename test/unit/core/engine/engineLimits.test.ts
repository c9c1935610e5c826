import * as assert from 'node:assert/strict';
import { buildDiagnostics } from '../../../../src/core/diagnostics/buildDiagnostics';
import { engineLimits } from '../../../../src/core/engine/engineLimits';
import { toStatusTabState } from '../../../../src/core/panel/statusTabState';
import { healthy } from '../diagnostics/scenarios';

const setup = { needed: false, daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [] } as const;

function connected(notReported: readonly string[]) {
  return toStatusTabState({
    connection: { status: 'connected', version: 'vLLM 0.11.0', models: [] },
    host: 'http://gpu-box:8000', completionModel: 'a', chatModel: 'b', completionsEnabled: true,
    instructions: { status: 'noFolder' }, setup, loaded: [], pulls: [], notReported,
  });
}

describe('what an engine does not report', () => {
  it('Ollama reports everything; the OpenAI-compatible engine names loaded models, capabilities, keep_alive and pulls', () => {
    assert.deepEqual(engineLimits('ollama'), []);
    const limits = engineLimits('openai').join('\n');
    for (const word of [/\/api\/ps/, /hearth\.openai\.capabilities/, /keep_alive/, /Pull/]) assert.match(limits, word);
  });

  it('the Status tab carries the list only for that engine', () => {
    const openai = connected(engineLimits('openai')).connection;
    assert.ok(openai.status === 'connected' && openai.notReported?.length === 4);
    const ollama = connected(engineLimits('ollama')).connection;
    assert.ok(ollama.status === 'connected' && !('notReported' in ollama));
  });

  it('diagnostics replace the GPU-offload and keep_alive checks by one that says what is not reported', () => {
    const base = healthy();
    const withOllama = buildDiagnostics(base).map((c) => c.id);
    assert.ok(withOllama.includes('gpuOffload') && withOllama.includes('keepAlive') && !withOllama.includes('engineLimits'));
    const checks = buildDiagnostics({ ...base, settings: { ...base.settings, notReported: engineLimits('openai') } });
    assert.ok(!checks.some((c) => c.id === 'gpuOffload' || c.id === 'keepAlive'));
    const limits = checks.find((c) => c.id === 'engineLimits');
    assert.equal(limits?.status, 'skip');
    assert.match(limits?.detail ?? '', /does not report: which models are loaded/);
  });
});
