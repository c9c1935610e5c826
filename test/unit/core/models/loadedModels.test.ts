import * as assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/logger';
import { ConnectionMonitor } from '../../../../src/core/connection/connectionMonitor';
import { LoadedModels } from '../../../../src/core/models/loadedModels';
import type { OllamaService } from '../../../../src/ollama/ollamaService';
import type { LoadedModel } from '../../../../src/core/engine/engineTypes';
import { defaultModels } from '../../../fakes/ollamaStandIn';
import type { OllamaStandIn } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';

async function generate(service: OllamaService, model: string): Promise<void> {
  for await (const _ of service.generate({ model, prompt: 'x', options: { num_predict: 2 } }, new AbortController().signal)) {
    // drain
  }
}

function until(loaded: LoadedModels, pred: (models: readonly LoadedModel[]) => boolean): Promise<readonly LoadedModel[]> {
  if (pred(loaded.models)) return Promise.resolve(loaded.models);
  return new Promise((resolve) => {
    const sub = loaded.onDidChange((models) => {
      if (!pred(models)) return;
      sub.dispose();
      resolve(models);
    });
  });
}

describe('LoadedModels (/api/ps, not polled)', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;
  let monitor: ConnectionMonitor;
  let loaded: LoadedModels;
  let wanted: boolean;

  beforeEach(async () => {
    rig = await StandInService.start({
      standIn: { models: [...defaultModels(), { ...defaultModels()[1]!, name: 'big-coder:32b', vramFraction: 0.4 }] },
      timeouts: { metadataMs: 1_000, firstChunkMs: 2_000, idleMs: 1_000 },
    });
    ({ standIn, service } = rig);
    // Polls far apart: only LoadedModels' own triggers ask /api/ps here.
    monitor = new ConnectionMonitor(service, nullLogger, { connectedPollMs: 60_000, firstRetryMs: 20, maxRetryMs: 40 });
    wanted = true;
    loaded = new LoadedModels(service, monitor, () => wanted, { afterActivityMs: 30, afterExpiryMs: 30, maxWaitMs: 60_000 });
  });
  afterEach(async () => {
    loaded.dispose();
    monitor.dispose();
    await rig.close();
  });

  it('asks when the daemon is reached, and once after a burst of requests settles', async () => {
    await monitor.start();
    await loaded.refresh(); // joins the ask the connection started
    assert.equal(standIn.requestsTo('/api/ps').length, 1);
    assert.deepEqual(loaded.models, []);
    await Promise.all([generate(service, 'qwen2.5-coder:7b'), generate(service, 'qwen2.5-coder:7b'), generate(service, 'big-coder:32b')]);
    const models = await until(loaded, (m) => m.length === 2);
    assert.equal(standIn.requestsTo('/api/ps').length, 2, 'one /api/ps for the burst');
    const big = models.find((m) => m.name === 'big-coder:32b');
    assert.ok(big && big.sizeVramBytes < big.sizeBytes, 'partly on the CPU');
    assert.equal(Math.round((100 * big.sizeVramBytes) / big.sizeBytes), 40);
    assert.equal(models.find((m) => m.name === 'qwen2.5-coder:7b')?.sizeVramBytes, models.find((m) => m.name === 'qwen2.5-coder:7b')?.sizeBytes);
  });

  it('asks again when keep_alive runs out, and the unloaded model leaves the list', async () => {
    rig.connection = { ...rig.connection, keepAlive: '200ms' };
    await monitor.start();
    await generate(service, 'llama3.2:3b');
    await until(loaded, (m) => m.some((x) => x.name === 'llama3.2:3b'));
    const before = standIn.requestsTo('/api/ps').length;
    await until(loaded, (m) => m.length === 0);
    assert.ok(standIn.requestsTo('/api/ps').length > before);
  });

  it('asks nothing by itself while nobody looks, and on demand still', async () => {
    wanted = false;
    await monitor.start();
    await loaded.refresh();
    assert.equal(standIn.requestsTo('/api/ps').length, 1);
    await generate(service, 'llama3.2:3b');
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(standIn.requestsTo('/api/ps').length, 1);
    await loaded.refresh();
    assert.deepEqual(loaded.models.map((m) => m.name), ['llama3.2:3b']);
  });

  it('a daemon that goes away holds nothing', async () => {
    await monitor.start();
    await generate(service, 'llama3.2:3b');
    await until(loaded, (m) => m.length === 1);
    await standIn.goDown();
    await monitor.retry();
    assert.equal(monitor.state.status, 'down');
    assert.deepEqual(loaded.models, []);
  });
});
