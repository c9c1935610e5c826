import * as assert from 'node:assert/strict';
import { Emitter } from '../../../../src/core/emitter';
import { nullLogger } from '../../../../src/core/logger';
import type { ConnectionState } from '../../../../src/core/connection/connectionMonitor';
import { CompletionWarmer } from '../../../../src/features/completion/completionWarmer';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';
import type { HearthSettings } from '../../../../src/core/settings/hearthSettings';

const base: ModelInfo = {
  name: 'qwen2.5-coder:1.5b-base', digest: 'd', sizeBytes: 1, family: 'qwen2', parameterSize: '1.5B', quantization: 'Q4',
  capabilities: ['completion'], capabilitiesReported: true, template: '{{ .Prompt }}',
};

function settings(enabled = true): HearthSettings {
  return {
    engine: 'ollama',
    openai: { host: '', capabilities: {} },
    ollama: { host: '', headers: {}, keepAlive: '30m', numCtx: 4096 },
    completion: { enabled, languages: {}, model: base.name, debounceMs: 150, maxTokens: 128, template: 'auto', whileChatStreams: 'wait' },
    chat: { model: 'qwen2.5-coder:7b', maxReplyBytes: 1_000_000 },
    agent: { maxSteps: 25, tokenBudget: 400_000, autoApproveEdits: false, commandTimeoutSeconds: 120, commandOutputChars: 8_000 },
    instructions: { enabled: true, fallbackFileNames: [], budgetBytes: 32768, imports: false, completionDigest: false },
    inspector: { maxEntries: 50 },
  };
}

describe('CompletionWarmer', () => {
  function setup(enabled = true): { warmed: string[]; set(state: ConnectionState): void; dispose(): void } {
    const warmed: string[] = [];
    const emitter = new Emitter<ConnectionState>();
    const monitor = { state: { status: 'connecting' } as ConnectionState, onDidChange: emitter.event };
    const ollama = {
      warm: (model: string) => {
        warmed.push(model);
        return Promise.resolve({ ok: true as const, value: { doneReason: 'load', totalMs: 1, loadMs: 1, promptTokens: 0, promptEvalMs: 0, evalTokens: 0, evalMs: 0 } });
      },
    };
    const warmer = new CompletionWarmer(ollama, monitor, () => settings(enabled), nullLogger);
    return {
      warmed,
      set: (state) => {
        monitor.state = state;
        emitter.fire(state);
      },
      dispose: () => warmer.dispose(),
    };
  }
  const connected = (models: ModelInfo[] = [base]): ConnectionState => ({ status: 'connected', version: '0.12.6', models });
  const down: ConnectionState = { status: 'down', failure: { kind: 'unreachable', message: 'down', detail: '', actions: [] } };

  it('loads the model when the daemon is reached, and again after it comes back', () => {
    const w = setup();
    w.set(connected());
    w.set(connected());
    assert.deepEqual(w.warmed, [base.name], 'once per connection, not per poll');
    w.set(down);
    w.set(connected());
    assert.deepEqual(w.warmed, [base.name, base.name]);
    w.dispose();
  });

  it('loads the model when it appears in the list (pulled outside Hearth)', () => {
    const w = setup();
    w.set(connected([]));
    assert.deepEqual(w.warmed, []);
    w.set(connected([base]));
    assert.deepEqual(w.warmed, [base.name]);
    w.dispose();
  });

  it('loads nothing while completions are off', () => {
    const w = setup(false);
    w.set(connected());
    assert.deepEqual(w.warmed, []);
    w.dispose();
  });
});
