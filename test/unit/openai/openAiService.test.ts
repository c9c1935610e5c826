import * as assert from 'node:assert/strict';
import { OllamaError } from '../../../src/core/engine/ollamaFailure';
import type { OllamaFailure } from '../../../src/core/engine/ollamaFailure';
import type { StreamEvent } from '../../../src/core/engine/engineTypes';
import type { Logger } from '../../../src/core/logger';
import { resolveOllamaHost } from '../../../src/core/ollamaHost';
import { defaultModels } from '../../fakes/ollamaStandIn';
import type { Fault } from '../../fakes/ollamaStandIn';
import { OpenAiStandInService } from '../../fakes/openAiStandInService';
import { wordTokens } from '../../fakes/standInGeneration';

const TIMEOUTS = { metadataMs: 1_000, firstChunkMs: 400, idleMs: 300 };
const LATENCY = { timeToFirstTokenMs: 1, perTokenMs: 1 };
const QWEN_BASE = 'qwen2.5-coder:1.5b-base';
const FIM_PROMPT = '<|fim_prefix|>function add(a, b) {\n  return <|fim_suffix|>\n}\n<|fim_middle|>';

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

async function failureOf(stream: AsyncIterable<unknown>): Promise<OllamaFailure> {
  try {
    for await (const _ of stream);
  } catch (error) {
    assert.ok(error instanceof OllamaError, `expected OllamaError, got ${String(error)}`);
    return error.failure;
  }
  assert.fail('expected a failure');
}

const textOf = (events: readonly StreamEvent[]): string => events.map((e) => (e.kind === 'text' ? e.text : '')).join('');

describe('OpenAiService against the vLLM stand-in', () => {
  let rig: OpenAiStandInService;
  const lines: string[] = [];
  const log: Logger = { trace: () => undefined, debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };
  beforeEach(async () => {
    lines.length = 0;
    rig = await OpenAiStandInService.start({ mode: { flavor: 'vllm' }, standIn: { latency: LATENCY }, timeouts: TIMEOUTS, capabilities: { 'qwen2.5-coder:7b': ['tools'] }, log });
  });
  afterEach(() => rig.close());

  it('names the server and lists its models with capabilities from the settings and max_model_len as context', async () => {
    assert.deepEqual(await rig.service.version(), { ok: true, value: 'vLLM 0.11.0' });
    const models = await rig.service.listModels();
    assert.ok(models.ok);
    const qwen = models.value.find((m) => m.name === 'qwen2.5-coder:7b');
    assert.deepEqual(qwen?.capabilities, ['completion', 'tools']);
    assert.equal(qwen?.capabilitiesReported, false);
    assert.equal(qwen?.contextLength, 32_768);
    assert.deepEqual(models.value.find((m) => m.name === QWEN_BASE)?.capabilities, ['completion']);
    assert.deepEqual((await rig.service.loadedModels()), { ok: true, value: [] });
  });

  it('streams a raw-template completion from /v1/completions with max_tokens, stop and usage', async () => {
    rig.standIn.reply(() => ({ tokens: wordTokens('a + b;<|endoftext|> never sent') }));
    const events = await collect(rig.service.generate({ model: QWEN_BASE, prompt: FIM_PROMPT, raw: true, options: { num_predict: 64, stop: ['<|endoftext|>'] } }, new AbortController().signal));
    assert.equal(textOf(events), 'a + b;');
    const done = events.at(-1);
    assert.equal(done?.kind, 'done');
    assert.ok(done?.kind === 'done' && done.stats.promptTokens > 0 && done.stats.evalTokens > 0 && done.stats.doneReason === 'stop');
    const [request] = rig.standIn.requestsTo('/v1/completions');
    assert.deepEqual(request?.body, { model: QWEN_BASE, prompt: FIM_PROMPT, max_tokens: 64, stop: ['<|endoftext|>'], stream: true, stream_options: { include_usage: true } });
  });

  it('streams a chat answer with reasoning apart, and reports length when max_tokens ends it', async () => {
    rig.standIn.reply(() => ({ tokens: wordTokens('one two three four five'), thinking: ['Let', ' me', ' think'] }));
    const events = await collect(rig.service.chat({ model: 'deepseek-r1:7b', messages: [{ role: 'user', content: 'count' }], options: { num_predict: 5 } }, new AbortController().signal));
    assert.equal(events.filter((e) => e.kind === 'thinking').map((e) => (e.kind === 'thinking' ? e.text : '')).join(''), 'Let me think');
    assert.equal(textOf(events), 'one two');
    const done = events.at(-1);
    assert.ok(done?.kind === 'done' && done.stats.doneReason === 'length');
  });

  it('closes the HTTP request when a completion is superseded (aborted) and when the consumer stops reading', async () => {
    rig.standIn.latency.perTokenMs = 5;
    rig.standIn.reply(() => ({ tokens: Array.from({ length: 400 }, (_, i) => ` t${i}`) }));
    const controller = new AbortController();
    const iterator = rig.service.generate({ model: QWEN_BASE, prompt: FIM_PROMPT, raw: true }, controller.signal)[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).value?.kind, 'text');
    controller.abort();
    await assert.rejects(async () => {
      while (!(await iterator.next()).done);
    }, (e: unknown) => e instanceof OllamaError && e.failure.kind === 'cancelled');
    const first = rig.standIn.requestsTo('/v1/completions')[0]!;
    assert.equal(await rig.standIn.waitForOutcome(first, 2_000), 'clientClosed');
    assert.ok(first.tokensSent < 400);

    for await (const event of rig.service.generate({ model: QWEN_BASE, prompt: FIM_PROMPT, raw: true }, new AbortController().signal)) {
      if (event.kind === 'text') break;
    }
    const second = rig.standIn.requestsTo('/v1/completions')[1]!;
    assert.equal(await rig.standIn.waitForOutcome(second, 2_000), 'clientClosed');
  });

  it('maps a model the server does not serve, a suffix vLLM refuses, a full queue and a 500 to their kinds', async () => {
    const signal = new AbortController().signal;
    const missing = await failureOf(rig.service.chat({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, signal));
    assert.equal(missing.kind, 'modelMissing');
    assert.match(missing.message, /does not serve "gpt-4o".*does not exist/);
    const suffix = await failureOf(rig.service.generate({ model: 'qwen2.5-coder:7b', prompt: 'a', suffix: 'b' }, signal));
    assert.equal(suffix.kind, 'noInsert');
    assert.match(suffix.message, /hearth\.openai\.capabilities/);
    rig.standIn.injectFault('/v1/chat/completions', { kind: 'status', status: 503, error: 'queue full' });
    assert.equal((await failureOf(rig.service.chat({ model: QWEN_BASE, messages: [{ role: 'user', content: 'hi' }] }, signal))).kind, 'busy');
    rig.standIn.injectFault('/v1/chat/completions', { kind: 'status', status: 500, error: 'CUDA out of memory' });
    const server = await failureOf(rig.service.chat({ model: QWEN_BASE, messages: [{ role: 'user', content: 'hi' }] }, signal));
    assert.equal(server.kind, 'server');
    assert.match(server.message, /CUDA out of memory/);
  });

  const streamFaults: [Fault, string][] = [
    [{ kind: 'midStreamError', afterTokens: 2, error: 'engine died' }, 'streamError'],
    [{ kind: 'endWithoutDone', afterTokens: 2 }, 'streamIncomplete'],
    [{ kind: 'malformedLine', afterTokens: 1 }, 'streamError'],
    [{ kind: 'hangAfterTokens', afterTokens: 1 }, 'timeout'],
    [{ kind: 'hang' }, 'timeout'],
  ];
  for (const [fault, kind] of streamFaults) {
    it(`turns a ${fault.kind} fault into "${kind}" and leaves no request open`, async () => {
      rig.standIn.injectFault('/v1/chat/completions', fault);
      const failure = await failureOf(rig.service.chat({ model: QWEN_BASE, messages: [{ role: 'user', content: 'hi there' }] }, new AbortController().signal));
      assert.equal(failure.kind, kind);
      const [request] = rig.standIn.requestsTo('/v1/chat/completions');
      assert.notEqual(await rig.standIn.waitForOutcome(request!, 2_000), 'pending');
    });
  }

  it('finds the server down as unreachable, with words that do not send the user to install Ollama', async () => {
    await rig.standIn.goDown();
    const version = await rig.service.version();
    assert.ok(!version.ok);
    assert.equal(version.failure.kind, 'unreachable');
    assert.match(version.failure.message, /OpenAI-compatible server .*hearth\.openai\.host/);
    assert.ok(!version.failure.actions.some((a) => a.id === 'startOllamaHelp'));
  });

  it('takes a host written with its /v1 base, as OpenAI clients are configured', async () => {
    rig.connection = { ...rig.connection, host: resolveOllamaHost(`${rig.standIn.url}/v1/`, undefined) };
    assert.deepEqual(await rig.service.version(), { ok: true, value: 'vLLM 0.11.0' });
    assert.deepEqual(rig.standIn.requests.map((r) => r.path), ['/v1/models', '/props', '/version']);
  });

  it('cannot pull, and says so instead of pretending', async () => {
    const failure = await failureOf(rig.service.pull('qwen2.5-coder:7b', new AbortController().signal));
    assert.match(failure.message, /cannot download models/);
    assert.equal(rig.standIn.requests.length, 0);
  });
});

describe('OpenAiService with an API key', () => {
  for (const flavor of ['vllm', 'llama-server'] as const) {
    it(`${flavor}: 401 without the key says to set one; with it the request passes; the key never reaches the log`, async () => {
      const lines: string[] = [];
      const log: Logger = { trace: (m) => lines.push(m), debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };
      const rig = await OpenAiStandInService.start({ mode: { flavor, apiKey: 'sk-team-secret' }, standIn: { latency: LATENCY, models: [defaultModels()[0]!] }, timeouts: TIMEOUTS, log });
      try {
        const model = defaultModels()[0]!.name;
        const denied = await failureOf(rig.service.chat({ model, messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
        assert.equal(denied.kind, 'unauthorized');
        assert.match(denied.message, /needs an API key.*Hearth: Set API Key/);
        rig.connection = { ...rig.connection, headers: { Authorization: 'Bearer sk-team-secret' } };
        assert.ok((await rig.service.version()).ok);
        const events = await collect(rig.service.chat({ model, messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
        assert.equal(events.at(-1)?.kind, 'done');
        const last = rig.standIn.requestsTo('/v1/chat/completions').at(-1);
        assert.equal(last?.headers.authorization, 'Bearer sk-team-secret');
        assert.ok(lines.length > 0);
        assert.ok(!lines.some((l) => l.includes('sk-team-secret')), lines.join('\n'));
      } finally {
        await rig.close();
      }
    });
  }
});
