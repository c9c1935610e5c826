import * as assert from 'node:assert/strict';
import type { OllamaService } from '../../../src/ollama/ollamaService';
import type { OllamaStandIn } from '../../fakes/ollamaStandIn';
import { StandInService } from '../../fakes/standInService';

// keep_alive and num_ctx must be the same on every request that loads a model:
// a different num_ctx reloads it, a missing keep_alive lets the daemon's 5m
// default unload it. Completion, chat, the warm-up and the diagnostics probe
// all go through generate/chat; this covers each entry point.
describe('keep_alive and num_ctx on every generation request', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;

  beforeEach(async () => {
    rig = await StandInService.start({ connection: { keepAlive: -1, numCtx: 8192 } });
    ({ standIn, service } = rig);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('generate, chat and the warm-up send the configured values', async () => {
    for await (const _ of service.generate({ model: 'qwen2.5-coder:1.5b-base', prompt: 'x', raw: true, options: { num_predict: 2 } }, new AbortController().signal)) { /* drain */ }
    for await (const _ of service.chat({ model: 'qwen2.5-coder:7b', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) { /* drain */ }
    const warm = await service.warm('llama3.2:3b');
    assert.ok(warm.ok);
    const bodies = [...standIn.requestsTo('/api/generate'), ...standIn.requestsTo('/api/chat')].map((r) => r.body as { model: string; prompt?: string; keep_alive?: unknown; options?: { num_ctx?: number } });
    assert.equal(bodies.length, 3);
    for (const b of bodies) {
      assert.equal(b.keep_alive, -1, b.model);
      assert.equal(b.options?.num_ctx, 8192, b.model);
    }
    assert.equal(bodies.find((b) => b.model === 'llama3.2:3b')?.prompt, '', 'the warm-up is an empty prompt');
    assert.equal(standIn.reloadCount('qwen2.5-coder:7b'), 0);
  });
});
