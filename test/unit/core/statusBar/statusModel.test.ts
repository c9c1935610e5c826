import * as assert from 'node:assert/strict';
import { describeStatus } from '../../../../src/core/statusBar/statusModel';
import type { StatusInputs } from '../../../../src/core/statusBar/statusModel';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';
import { findModel } from '../../../../src/ollama/modelCatalog';

const model = (name: string): ModelInfo => ({
  name,
  digest: 'd',
  sizeBytes: 1,
  family: 'qwen2',
  parameterSize: '7B',
  quantization: 'Q4_K_M',
  capabilities: ['completion'],
  capabilitiesReported: true,
  template: '',
});

const base: StatusInputs = {
  connection: { status: 'connected', version: '0.12.6', models: [model('a:1b'), model('b:7b')] },
  activity: { phase: 'idle', inFlight: 0 },
  completionsEnabled: true,
  completionModel: 'a:1b',
  chatModel: 'b:7b',
  host: 'http://127.0.0.1:11434',
  findModel,
};

describe('describeStatus', () => {
  it('connected', () => {
    const view = describeStatus(base);
    assert.equal(view.kind, 'connected');
    assert.equal(view.severity, 'normal');
    assert.ok(view.tooltip.some((l) => l.includes('Ollama 0.12.6')));
  });
  it('connecting', () => assert.equal(describeStatus({ ...base, connection: { status: 'connecting' } }).kind, 'connecting'));
  it('daemon down is an error with the message', () => {
    const view = describeStatus({
      ...base,
      connection: { status: 'down', failure: { kind: 'unreachable', message: 'Cannot reach Ollama', detail: '', actions: [] } },
    });
    assert.equal(view.kind, 'down');
    assert.equal(view.severity, 'error');
    assert.ok(view.tooltip.some((l) => l.includes('Cannot reach Ollama')));
  });
  it('loading and generating', () => {
    assert.equal(describeStatus({ ...base, activity: { phase: 'loading', inFlight: 1, model: 'a:1b' } }).kind, 'loading');
    assert.equal(describeStatus({ ...base, activity: { phase: 'generating', inFlight: 1, model: 'a:1b' } }).kind, 'generating');
  });
  it('disabled when completions are off', () => assert.equal(describeStatus({ ...base, completionsEnabled: false }).kind, 'disabled'));
  it('needs attention when a configured model is missing, naming it', () => {
    const view = describeStatus({ ...base, chatModel: 'missing:7b' });
    assert.equal(view.kind, 'attention');
    assert.ok(view.tooltip.some((l) => l.includes('"missing:7b" is not installed')));
  });
  it('treats name and name:latest as the same model', () => {
    const view = describeStatus({ ...base, connection: { ...base.connection, models: [model('a:latest'), model('b:7b')] } as StatusInputs['connection'], completionModel: 'a' });
    assert.equal(view.kind, 'connected');
  });
  it('needs attention when no models are installed', () => {
    const view = describeStatus({ ...base, connection: { status: 'connected', version: '1', models: [] } });
    assert.equal(view.kind, 'attention');
  });
  it('lists completion latency and acceptance per model in the tooltip', () => {
    const view = describeStatus({
      ...base,
      completionStats: [{ model: 'a:1b', requests: 3, latencyP50Ms: 310, latencyP95Ms: 620, shown: 4, accepted: 1 }],
    });
    assert.equal(view.kind, 'connected');
    assert.ok(view.tooltip.includes('Completions with `a:1b`: p50 310 ms · p95 620 ms (3 requests) · 4 shown, 1 accepted (25%)'), view.tooltip.join('\n'));
  });
  it('says nothing about completions before the first one', () => {
    assert.ok(!describeStatus(base).tooltip.some((l) => l.startsWith('Completions with')));
  });
});
