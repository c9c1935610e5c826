import * as assert from 'node:assert/strict';
import type { ConnectionConfig } from '../../../src/core/connection/connectionConfig';
import type { Activity } from '../../../src/core/engine/engineTypes';
import { nullLogger } from '../../../src/core/logger';
import { resolveOllamaHost } from '../../../src/core/ollamaHost';
import type { HearthSettings } from '../../../src/core/settings/hearthSettings';
import { createModelServer } from '../../../src/openai/createModelServer';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';

describe('createModelServer: the engine follows hearth.engine', () => {
  let ollama: OllamaStandIn;
  let vllm: OllamaStandIn;
  beforeEach(async () => {
    ollama = await OllamaStandIn.start();
    vllm = await OllamaStandIn.start({ openai: { flavor: 'vllm' } });
  });
  afterEach(async () => {
    await ollama.close();
    await vllm.close();
  });

  it('switches without a reload, each engine dialling its own host, and passes on both engines\' activity', async () => {
    let engine: HearthSettings['engine'] = 'ollama';
    const settings = (): HearthSettings => ({ engine, openai: { host: vllm.url, capabilities: {} } }) as unknown as HearthSettings;
    const connection = (): ConnectionConfig => ({ host: resolveOllamaHost(engine === 'openai' ? vllm.url : ollama.url, undefined), headers: {}, keepAlive: '30m', numCtx: 4096 });
    const server = createModelServer(settings, connection, nullLogger);
    const phases: Activity['phase'][] = [];
    server.onDidChangeActivity((a) => phases.push(a.phase));
    try {
      assert.deepEqual(await server.version(), { ok: true, value: ollama.version });
      engine = 'openai';
      assert.deepEqual(await server.version(), { ok: true, value: 'vLLM 0.11.0' });
      for await (const _ of server.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
      assert.equal(vllm.requestsTo('/v1/chat/completions').length, 1);
      assert.equal(ollama.requestsTo('/api/chat').length, 0);
      assert.deepEqual(phases, ['generating', 'idle']);
      engine = 'ollama';
      for await (const _ of server.chat({ model: 'llama3.2:3b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
      assert.equal(ollama.requestsTo('/api/chat').length, 1);
    } finally {
      server.dispose();
    }
  });
});
