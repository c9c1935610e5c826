import * as assert from 'node:assert/strict';
import { OllamaError } from '../../../src/core/engine/ollamaFailure';
import type { FailureKind } from '../../../src/core/engine/ollamaFailure';
import type { OllamaService } from '../../../src/ollama/ollamaService';
import { fetchWithSignal } from '../../../src/ollama/requestGuard';
import type { StreamEvent } from '../../../src/core/engine/engineTypes';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';
import type { Fault } from '../../fakes/ollamaStandIn';
import { StandInService } from '../../fakes/standInService';

const TIMEOUTS = { metadataMs: 1_000, firstChunkMs: 400, idleMs: 300 };

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

async function failureOf(promise: Promise<unknown>): Promise<FailureKind> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OllamaError, `expected OllamaError, got ${String(error)}`);
    return error.failure.kind;
  }
  assert.fail('expected a failure');
}

describe('OllamaService against the stand-in', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;

  beforeEach(async () => {
    rig = await StandInService.start({
      standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 1, perPromptTokenMs: 0, perTokenMs: 1 } },
      timeouts: TIMEOUTS,
      connection: { numCtx: 8192 },
    });
    ({ standIn, service } = rig);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('reads the version', async () => {
    const version = await service.version();
    assert.deepEqual(version, { ok: true, value: standIn.version });
  });

  it('lists models with capabilities from /api/show, inferring them for older servers', async () => {
    const result = await service.listModels();
    assert.ok(result.ok);
    const names = result.value.map((m) => m.name);
    assert.deepEqual(names, [...standIn.models.map((m) => m.name)].sort((a, b) => a.localeCompare(b)));
    const qwen = result.value.find((m) => m.name === 'qwen2.5-coder:7b');
    assert.ok(qwen?.capabilities.includes('insert'));
    assert.equal(qwen?.capabilitiesReported, true);
    assert.ok((qwen?.contextLength ?? 0) > 0);
    const base = result.value.find((m) => m.name === 'qwen2.5-coder:1.5b-base');
    assert.equal(base?.capabilities.includes('insert'), false);
    const legacy = result.value.find((m) => standIn.models.find((s) => s.name === m.name)?.legacyShow);
    assert.ok(legacy, 'the default models include a legacy-show model');
    assert.equal(legacy.capabilitiesReported, false);
    assert.ok(legacy.capabilities.includes('insert'), 'a template with .Suffix means insert');
  });

  it('caches /api/show per model and refreshes on demand', async () => {
    await service.listModels();
    const shows = standIn.requestsTo('/api/show').length;
    await service.listModels();
    assert.equal(standIn.requestsTo('/api/show').length, shows, 'second call served from cache');
    await service.listModels({ refresh: true });
    assert.equal(standIn.requestsTo('/api/show').length, shows, 'refresh re-reads tags; unchanged digests keep their show');
    service.invalidateModels();
    await service.listModels();
    assert.equal(standIn.requestsTo('/api/show').length, shows * 2);
  });

  it('lists loaded models from /api/ps', async () => {
    await collect(service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal));
    const loaded = await service.loadedModels();
    assert.ok(loaded.ok);
    assert.deepEqual(loaded.value.map((m) => m.name), ['qwen2.5-coder:7b']);
    assert.ok(loaded.value[0]!.sizeVramBytes > 0);
  });

  it('streams generate with stats from the final chunk, and sends keep_alive and num_ctx', async () => {
    standIn.reply(() => ({ tokens: ['const ', 'x ', '= ', '1;'] }));
    const events = await collect(service.generate({ model: 'qwen2.5-coder:7b', prompt: 'let y', suffix: '\n' }, new AbortController().signal));
    const text = events.filter((e) => e.kind === 'text').map((e) => (e as { text: string }).text).join('');
    assert.equal(text, 'const x = 1;');
    const done = events.at(-1);
    assert.ok(done?.kind === 'done');
    assert.equal(done.stats.evalTokens, 4);
    assert.ok(done.stats.promptTokens > 0);
    assert.equal(done.stats.doneReason, 'stop');
    const body = standIn.requestsTo('/api/generate')[0]!.body as Record<string, unknown>;
    assert.equal(body.keep_alive, '30m');
    assert.equal((body.options as Record<string, unknown>).num_ctx, 8192);
    assert.equal(body.stream, true);
  });

  it('streams chat, separating thinking from the answer', async () => {
    standIn.reply(() => ({ tokens: ['Hi', ' there'], thinking: ['hmm'] }));
    const events = await collect(
      service.chat({ model: 'deepseek-r1:7b', messages: [{ role: 'user', content: 'hello' }], think: true }, new AbortController().signal),
    );
    assert.deepEqual(events.filter((e) => e.kind !== 'done'), [
      { kind: 'thinking', text: 'hmm' },
      { kind: 'text', text: 'Hi' },
      { kind: 'text', text: ' there' },
    ]);
    const body = standIn.requestsTo('/api/chat')[0]!.body as Record<string, unknown>;
    assert.equal((body.options as Record<string, unknown>).num_ctx, 8192, 'chat and completion use the same num_ctx');
  });

  it('passes extra headers through on every request', async () => {
    service = rig.serviceWith({ headers: { Authorization: 'Bearer t0k' } });
    await service.version();
    await collect(service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal));
    for (const r of standIn.requests) assert.equal(r.headers.authorization, 'Bearer t0k', r.path);
  });

  it('closes the HTTP connection when the caller aborts mid-stream', async () => {
    standIn.latency.perTokenMs = 50;
    standIn.reply(() => ({ tokens: Array.from({ length: 100 }, (_, i) => `t${i} `) }));
    const controller = new AbortController();
    const stream = service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, controller.signal);
    const first = await stream.next();
    assert.equal(first.value?.kind, 'text');
    controller.abort();
    assert.equal(await failureOf(collect(stream)), 'cancelled');
    const request = standIn.requestsTo('/api/generate')[0]!;
    assert.equal(await standIn.waitForOutcome(request, 2_000), 'clientClosed');
  });

  it('closes the HTTP connection when the consumer stops iterating early', async () => {
    standIn.latency.perTokenMs = 50;
    standIn.reply(() => ({ tokens: Array.from({ length: 100 }, (_, i) => `t${i} `) }));
    for await (const event of service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal)) {
      if (event.kind === 'text') break;
    }
    const request = standIn.requestsTo('/api/generate')[0]!;
    assert.equal(await standIn.waitForOutcome(request, 2_000), 'clientClosed');
  });

  it('aborts a request that is still waiting for the first byte', async () => {
    standIn.injectFault('/api/generate', { kind: 'hang' });
    const controller = new AbortController();
    const stream = service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, controller.signal);
    const pending = collect(stream);
    await standIn.waitForRequest((r) => r.path === '/api/generate');
    controller.abort();
    assert.equal(await failureOf(pending), 'cancelled');
    assert.equal(await standIn.waitForOutcome(standIn.requestsTo('/api/generate')[0]!, 2_000), 'clientClosed');
  });

  it('reports activity: loading before the first chunk of an unloaded model, then idle', async () => {
    const phases: string[] = [];
    const sub = service.onDidChangeActivity((a) => phases.push(a.phase));
    await collect(service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal));
    await collect(service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal));
    sub.dispose();
    assert.deepEqual(phases, ['loading', 'generating', 'idle', 'generating', 'generating', 'idle']);
  });

  it('warms a model with an empty prompt', async () => {
    const warm = await service.warm('qwen2.5-coder:7b');
    assert.ok(warm.ok);
    assert.equal(warm.value.doneReason, 'load');
    assert.deepEqual(standIn.loadedModels(), ['qwen2.5-coder:7b']);
  });

  it('never sends a request when the host is invalid', async () => {
    service = rig.serviceWith({ invalidHost: 'bad' });
    const version = await service.version();
    assert.ok(!version.ok && version.failure.kind === 'invalidHost');
    assert.equal(await failureOf(collect(service.generate({ model: 'm', prompt: 'x' }, new AbortController().signal))), 'invalidHost');
    assert.equal(standIn.requests.length, 0);
  });

  describe('maps every fault to a typed failure', () => {
    const gen = (model = 'qwen2.5-coder:7b', suffix?: string): Promise<StreamEvent[]> =>
      collect(service.generate({ model, prompt: 'x', ...(suffix ? { suffix } : {}) }, new AbortController().signal));

    it('daemon down → unreachable with Start Ollama help and Retry', async () => {
      await standIn.goDown();
      const version = await service.version();
      assert.ok(!version.ok);
      assert.equal(version.failure.kind, 'unreachable');
      assert.deepEqual(version.failure.actions.map((a) => a.id), ['startOllamaHelp', 'retry', 'openSettings']);
      assert.match(version.failure.message, /Cannot reach Ollama at http:\/\/127\.0\.0\.1:\d+/);
      assert.equal(await failureOf(gen()), 'unreachable');
    });

    it('unknown model → modelMissing with Pull model', async () => {
      try {
        await gen('nope:1b');
        assert.fail('expected failure');
      } catch (error) {
        assert.ok(error instanceof OllamaError);
        assert.equal(error.failure.kind, 'modelMissing');
        assert.equal(error.failure.status, 404);
        assert.equal(error.failure.model, 'nope:1b');
        assert.equal(error.failure.actions[0]?.id, 'pullModel');
      }
    });

    it('suffix on a model without insert → noInsert with "Use a FIM-capable model"', async () => {
      try {
        await gen('qwen2.5-coder:1.5b-base', '}\n');
        assert.fail('expected failure');
      } catch (error) {
        assert.ok(error instanceof OllamaError);
        assert.equal(error.failure.kind, 'noInsert');
        assert.equal(error.failure.actions[0]?.label, 'Use a FIM-capable model');
      }
    });

    const statusCases: [number, string, FailureKind][] = [
      [400, 'invalid options', 'badRequest'],
      [401, 'unauthorized', 'unauthorized'],
      [404, 'model "x" not found, try pulling it first', 'modelMissing'],
      [429, 'too many requests', 'busy'],
      [500, 'llama runner process has terminated: out of memory', 'server'],
      [503, 'server busy, please try again.  maximum pending requests exceeded', 'busy'],
    ];
    for (const [status, error, kind] of statusCases) {
      it(`HTTP ${status} → ${kind}`, async () => {
        standIn.injectFault('/api/generate', { kind: 'status', status, error });
        assert.equal(await failureOf(gen()), kind);
        standIn.injectFault('/api/tags', { kind: 'status', status, error });
        const list = await service.listModels({ refresh: true });
        assert.ok(!list.ok && list.failure.kind === kind);
      });
    }

    it('a mid-stream {"error"} line → streamError carrying the server text', async () => {
      standIn.injectFault('/api/generate', { kind: 'midStreamError', afterTokens: 2, error: 'CUDA error: out of memory' });
      const received: string[] = [];
      try {
        for await (const e of service.generate({ model: 'qwen2.5-coder:7b', prompt: 'x' }, new AbortController().signal)) {
          if (e.kind === 'text') received.push(e.text);
        }
        assert.fail('expected failure');
      } catch (error) {
        assert.ok(error instanceof OllamaError);
        assert.equal(error.failure.kind, 'streamError');
        assert.match(error.failure.message, /CUDA error: out of memory/);
      }
      assert.equal(received.length, 2, 'the tokens before the error were delivered');
    });

    it('a stream that ends without done → streamIncomplete', async () => {
      standIn.injectFault('/api/generate', { kind: 'endWithoutDone', afterTokens: 3 } satisfies Fault);
      assert.equal(await failureOf(gen()), 'streamIncomplete');
    });

    it('a malformed line is skipped and the answer still completes', async () => {
      standIn.reply(() => ({ tokens: ['a', 'b', 'c'] }));
      standIn.injectFault('/api/generate', { kind: 'malformedLine', afterTokens: 1 });
      const events = await gen();
      assert.equal(events.filter((e) => e.kind === 'text').length, 3);
      assert.equal(events.at(-1)?.kind, 'done');
    });

    it('a hung server → timeout, and the connection is closed', async () => {
      standIn.injectFault('/api/generate', { kind: 'hang' });
      assert.equal(await failureOf(gen()), 'timeout');
      assert.equal(await standIn.waitForOutcome(standIn.requestsTo('/api/generate')[0]!, 2_000), 'clientClosed');
      standIn.injectFault('/api/version', { kind: 'hang' });
      const version = await service.version();
      assert.ok(!version.ok && version.failure.kind === 'timeout');
    });

    it('a server that goes silent mid-stream → timeout', async () => {
      standIn.injectFault('/api/generate', { kind: 'hangAfterTokens', afterTokens: 2 });
      assert.equal(await failureOf(gen()), 'timeout');
    });
  });
});

describe('fetchWithSignal', () => {
  it('refuses URLs outside the configured host, so nothing else is ever dialled', async () => {
    const f = fetchWithSignal(new AbortController().signal, 'http://127.0.0.1:11434');
    await assert.rejects(f('https://ollama.com/api/web_search', {}), /outside the configured Ollama host: https:\/\/ollama\.com/);
    await assert.rejects(f('http://127.0.0.1:114345/api/tags'), /outside the configured Ollama host/);
    await assert.rejects(f('http://127.0.0.1:11434.evil.com/api/tags'), /outside the configured Ollama host/);
  });
  it('allows the configured host including a path prefix', async () => {
    const standIn = await OllamaStandIn.start();
    try {
      const f = fetchWithSignal(new AbortController().signal, `${standIn.url}/`);
      const response = await f(`${standIn.url}/api/version`);
      assert.equal(response.status, 200);
      await assert.rejects(fetchWithSignal(new AbortController().signal, `${standIn.url}/prefix`)(`${standIn.url}/api/version`), /outside/);
    } finally {
      await standIn.close();
    }
  });
});
