import * as assert from 'node:assert/strict';
import { detectFimFamily } from '../../../../src/core/fimFamily';
import { toKeepAlive } from '../../../../src/core/keepAlive';
import { toConnectionConfig } from '../../../../src/core/connection/connectionConfig';
import { toStatusTabState } from '../../../../src/core/panel/statusTabState';
import type { ModelInfo } from '../../../../src/core/engine/engineTypes';

describe('toConnectionConfig', () => {
  const settings = { host: '', headers: { 'X-Key': 'v' }, keepAlive: '-1', numCtx: 8192 };
  it('resolves the host and converts keep_alive for the wire', () => {
    const c = toConnectionConfig(settings, 'gpu:9999');
    assert.equal(c.host.url, 'http://gpu:9999');
    assert.equal(c.keepAlive, -1);
    assert.equal(c.numCtx, 8192);
    assert.deepEqual(c.headers, { 'X-Key': 'v' });
    assert.equal(c.invalidHost, undefined);
  });
  it('marks an invalid host instead of dialling another address', () => {
    const c = toConnectionConfig({ ...settings, host: 'ftp://x' }, undefined);
    assert.match(c.invalidHost ?? '', /not a valid Ollama address/);
  });
});

describe('toKeepAlive', () => {
  it('sends unit-less values as numbers and durations as strings', () => {
    assert.equal(toKeepAlive('-1'), -1);
    assert.equal(toKeepAlive('0'), 0);
    assert.equal(toKeepAlive('300'), 300);
    assert.equal(toKeepAlive('30m'), '30m');
    assert.equal(toKeepAlive(''), '5m');
  });
});

describe('detectFimFamily', () => {
  const cases: [string, string | undefined][] = [
    ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder'],
    ['qwen2.5-coder:7b', 'qwen2.5-coder'],
    ['codellama:7b-code', 'codellama'],
    ['codellama:7b-instruct', undefined],
    ['deepseek-coder:6.7b-base', 'deepseek-coder'],
    ['deepseek-coder-v2:16b', 'deepseek-coder'],
    ['starcoder2:3b', 'starcoder'],
    ['codestral:22b', 'codestral'],
    ['codegemma:2b', 'codegemma'],
    ['llama3.2:3b', undefined],
  ];
  for (const [name, family] of cases) it(`${name} → ${family ?? 'none'}`, () => assert.equal(detectFimFamily(name), family));
});

describe('toStatusTabState', () => {
  const m: ModelInfo = { name: 'codellama:7b-code', digest: 'd', sizeBytes: 1, family: 'llama', parameterSize: '7B', quantization: 'Q4_0', capabilities: ['completion'], capabilitiesReported: true, template: '' };
  const setup = { needed: false, daemon: 'ready', notRunning: false, platform: 'Linux', startSteps: [], roles: [] } as const;
  const inputs = { host: 'http://127.0.0.1:11434', completionModel: 'a', chatModel: 'b', completionsEnabled: true, instructions: { status: 'noFolder' } as const, setup, loaded: [], pulls: [] };
  it('connected: models with FIM support marked, no message', () => {
    const s = toStatusTabState({ ...inputs, connection: { status: 'connected', version: '1', models: [m] } });
    assert.deepEqual(s.connection, { status: 'connected', host: inputs.host, version: '1' });
    assert.equal(s.models[0]?.fim, true);
    assert.equal(s.modelsMessage, undefined);
  });
  it('connected without models: says what to do', () => {
    const s = toStatusTabState({ ...inputs, connection: { status: 'connected', version: '1', models: [] } });
    assert.match(s.modelsMessage ?? '', /ollama pull/);
  });
  it('down: carries the message and actions', () => {
    const s = toStatusTabState({ ...inputs, connection: { status: 'down', failure: { kind: 'unreachable', message: 'msg', detail: '', actions: [{ id: 'retry', label: 'Retry' }] } } });
    assert.deepEqual(s.connection, { status: 'down', host: inputs.host, message: 'msg', actions: [{ id: 'retry', label: 'Retry' }] });
    assert.deepEqual(s.models, []);
  });
  it('carries completion statistics once there are any', () => {
    const connection = { status: 'connected', version: '1', models: [m] } as const;
    assert.equal(toStatusTabState({ ...inputs, connection, completionStats: [] }).completionStats, undefined);
    const stats = [{ model: 'a', requests: 2, latencyP50Ms: 200, latencyP95Ms: 400, shown: 3, accepted: 1 }];
    assert.deepEqual(toStatusTabState({ ...inputs, connection, completionStats: stats }).completionStats, stats);
    assert.deepEqual(toStatusTabState({ ...inputs, connection: { status: 'connecting' }, completionStats: stats }).completionStats, stats);
  });
});
