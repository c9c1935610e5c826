import * as assert from 'node:assert/strict';
import { OllamaError } from '../../../src/core/engine/ollamaFailure';
import type { OllamaFailure } from '../../../src/core/engine/ollamaFailure';
import type { OllamaService } from '../../../src/ollama/ollamaService';
import type { PullProgress } from '../../../src/core/engine/engineTypes';
import type { OllamaStandIn, StandInModel } from '../../fakes/ollamaStandIn';
import { StandInService } from '../../fakes/standInService';

const TIMEOUTS = { metadataMs: 1_000, firstChunkMs: 1_000, idleMs: 300 };

const TINY: StandInModel = {
  name: 'tiny-coder:1b', family: 'llama', parameterSize: '1B', quantization: 'Q4_K_M', sizeBytes: 800_000_000,
  capabilities: ['completion', 'insert'], template: '{{ .Prompt }}{{ .Suffix }}', contextLength: 8192,
};

async function failureOf(run: () => Promise<unknown>): Promise<OllamaFailure> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof OllamaError, `expected OllamaError, got ${String(error)}`);
    return error.failure;
  }
  assert.fail('expected a failure');
}

describe('OllamaService.pull against the stand-in', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;

  beforeEach(async () => {
    rig = await StandInService.start({ standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 1 }, pullable: [TINY] }, timeouts: TIMEOUTS });
    ({ standIn, service } = rig);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('yields typed progress per layer and ends with success', async () => {
    const seen: PullProgress[] = [];
    for await (const p of service.pull('tiny-coder:1b', new AbortController().signal)) seen.push(p);
    assert.deepEqual(seen[0], { status: 'pulling manifest' });
    assert.deepEqual(seen.at(-1), { status: 'success' });
    const layers = seen.filter((p) => p.digest);
    assert.ok(layers.length >= 4, `layer lines: ${layers.length}`);
    const first = layers[0]!;
    assert.match(first.digest!, /^sha256:[0-9a-f]{64}$/);
    assert.equal(first.completed, undefined, 'a layer starts without `completed`, as Go omits zero');
    assert.ok(layers.some((p) => p.total !== undefined && p.completed === p.total));
    assert.equal(standIn.requestsTo('/api/pull')[0]?.outcome, 'completed');
  });

  it('adds the model: the cached list is forgotten on success', async () => {
    const before = await service.listModels();
    assert.ok(before.ok && !before.value.some((m) => m.name === 'tiny-coder:1b'));
    for await (const _ of service.pull('tiny-coder:1b', new AbortController().signal)) {
      // drain
    }
    const after = await service.listModels();
    assert.ok(after.ok && after.value.some((m) => m.name === 'tiny-coder:1b' && m.capabilities.includes('insert')));
  });

  it('fails an unknown model from the {"error"} line under HTTP 200, with a clear message', async () => {
    const failure = await failureOf(async () => {
      for await (const _ of service.pull('no-such-model:7b', new AbortController().signal)) {
        // drain
      }
    });
    assert.equal(failure.kind, 'streamError');
    assert.match(failure.message, /no model "no-such-model:7b" in the registry/);
    assert.match(failure.detail, /file does not exist/);
    assert.equal(failure.model, 'no-such-model:7b');
    assert.ok(!failure.actions.some((a) => a.id === 'pullModel'), 'pulling the same wrong name again would fail again');
  });

  it('fails a mid-stream error after progress', async () => {
    standIn.injectFault('/api/pull', { kind: 'midStreamError', afterTokens: 2, error: 'max retries exceeded: dial tcp: lookup registry.ollama.ai: no such host' });
    const statuses: string[] = [];
    const failure = await failureOf(async () => {
      for await (const p of service.pull('tiny-coder:1b', new AbortController().signal)) statuses.push(p.status);
    });
    assert.ok(statuses.length >= 1);
    assert.match(failure.message, /could not reach the model registry/);
    assert.deepEqual(failure.actions.map((a) => a.id), ['pullModel', 'showLogs'], 'pull again, not reconnect');
    const tags = await service.listModels({ refresh: true });
    assert.ok(tags.ok && !tags.value.some((m) => m.name === 'tiny-coder:1b'));
  });

  it('cancel closes the connection and installs nothing', async () => {
    standIn.latency = { ...standIn.latency, perTokenMs: 30 };
    const controller = new AbortController();
    const seen: string[] = [];
    const failure = await failureOf(async () => {
      for await (const p of service.pull('tiny-coder:1b', controller.signal)) {
        seen.push(p.status);
        if (p.digest) controller.abort();
      }
    });
    assert.equal(failure.kind, 'cancelled');
    const request = standIn.requestsTo('/api/pull')[0]!;
    assert.equal(await standIn.waitForOutcome(request), 'clientClosed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const tags = await service.listModels({ refresh: true });
    assert.ok(tags.ok && !tags.value.some((m) => m.name === 'tiny-coder:1b'), 'nothing installed');
  });

  it('stopping the loop early (break) also closes the connection', async () => {
    standIn.latency = { ...standIn.latency, perTokenMs: 30 };
    for await (const p of service.pull('tiny-coder:1b', new AbortController().signal)) {
      if (p.digest) break;
    }
    assert.equal(await standIn.waitForOutcome(standIn.requestsTo('/api/pull')[0]!), 'clientClosed');
  });

  it('reports a stopped daemon as unreachable', async () => {
    await standIn.goDown();
    const failure = await failureOf(async () => {
      for await (const _ of service.pull('tiny-coder:1b', new AbortController().signal)) {
        // drain
      }
    });
    assert.equal(failure.kind, 'unreachable');
  });
});
