import * as assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { OllamaStandIn, defaultModels, wordTokens } from '../../fakes/ollamaStandIn';
import type { RecordedRequest, StandInModel, StandInOptions } from '../../fakes/ollamaStandIn';

type Line = Record<string, unknown>;

const FAST = { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 1 };

async function post(standIn: OllamaStandIn, path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(standIn.url + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body), ...init,
  });
}

async function lines(res: Response): Promise<Line[]> {
  return (await res.text()).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line);
}

async function failure(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const lastOf = (ls: Line[]): Line => ls[ls.length - 1] ?? {};

describe('OllamaStandIn', () => {
  let standIn: OllamaStandIn;
  const started: OllamaStandIn[] = [];
  async function startStandIn(options: StandInOptions = {}): Promise<OllamaStandIn> {
    const s = await OllamaStandIn.start({ latency: FAST, ...options });
    started.push(s);
    return s;
  }

  beforeEach(async () => { standIn = await startStandIn(); });
  afterEach(async () => { await Promise.all(started.splice(0).map((s) => s.close())); });

  describe('metadata routes', () => {
    it('answers / and /api/version like the daemon, and records GETs', async () => {
      const root = await fetch(standIn.url + '/');
      assert.equal(root.status, 200);
      assert.equal(await root.text(), 'Ollama is running');
      assert.deepEqual(await (await fetch(standIn.url + '/api/version')).json(), { version: '0.12.6' });
      const head = await fetch(standIn.url + '/api/version', { method: 'HEAD' });
      assert.equal(head.status, 200);
      standIn.version = '0.5.7';
      assert.deepEqual(await (await fetch(standIn.url + '/api/version')).json(), { version: '0.5.7' });
      const gets = standIn.requestsTo('/api/version');
      assert.equal(gets.length, 3);
      assert.equal(gets[0]?.body, undefined);
      assert.equal(gets[0]?.method, 'GET');
      assert.equal(gets[0]?.outcome, 'completed');
      assert.equal(typeof gets[0]?.headers['user-agent'], 'string');
    });

    it('lists /api/tags with the real field layout', async () => {
      const { models } = await (await fetch(standIn.url + '/api/tags')).json() as { models: Line[] };
      const names = models.map((m) => m.name);
      for (const required of ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b', 'codellama:7b-code', 'llama3.2:3b', 'deepseek-r1:7b']) {
        assert.ok(names.includes(required), required);
      }
      const qwen = models.find((m) => m.name === 'qwen2.5-coder:7b') ?? {};
      assert.equal(qwen.model, 'qwen2.5-coder:7b');
      assert.equal(typeof qwen.size, 'number');
      assert.match(String(qwen.digest), /^[0-9a-f]{64}$/);
      assert.ok(!Number.isNaN(Date.parse(String(qwen.modified_at))));
      assert.deepEqual(qwen.details, {
        parent_model: '', format: 'gguf', family: 'qwen2', families: ['qwen2'], parameter_size: '7.6B', quantization_level: 'Q4_K_M',
      });
    });

    it('shows capabilities, template and context length; legacy models omit capabilities', async () => {
      const qwen = await (await post(standIn, '/api/show', { model: 'qwen2.5-coder:7b' })).json() as Line;
      assert.deepEqual(qwen.capabilities, ['completion', 'insert', 'tools']);
      assert.match(String(qwen.template), /\{\{ \.Suffix \}\}/);
      assert.equal((qwen.model_info as Line)['general.architecture'], 'qwen2');
      assert.equal((qwen.model_info as Line)['qwen2.context_length'], 32768);
      assert.equal(typeof qwen.modelfile, 'string');
      assert.equal(typeof qwen.parameters, 'string');

      const base = await (await post(standIn, '/api/show', { model: 'qwen2.5-coder:1.5b-base' })).json() as Line;
      assert.deepEqual(base.capabilities, ['completion']);
      assert.doesNotMatch(String(base.template), /Suffix/);

      const legacy = defaultModels().find((m) => m.legacyShow);
      assert.ok(legacy);
      const old = await (await post(standIn, '/api/show', { model: legacy.name })).json() as Line;
      assert.equal('capabilities' in old, false);
      assert.match(String(old.template), /\{\{ \.Suffix \}\}/);

      // 'x' means 'x:latest'; the older `name` field still works.
      assert.equal((await post(standIn, '/api/show', { name: 'nomic-embed-text' })).status, 200);
      const missing = await post(standIn, '/api/show', { model: 'nope' });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { error: "model 'nope' not found" });
      const noModel = await post(standIn, '/api/show', {});
      assert.equal(noModel.status, 400);
      assert.deepEqual(await noModel.json(), { error: 'model is required' });
    });

    it('reports loaded models in /api/ps with context length, expiry and VRAM share', async () => {
      assert.deepEqual(await (await fetch(standIn.url + '/api/ps')).json(), { models: [] });
      const partial: StandInModel = { ...defaultModels()[1]!, name: 'big:13b', vramFraction: 0.5 };
      standIn.models.push(partial);
      await lines(await post(standIn, '/api/generate', { model: 'big:13b', prompt: 'x', options: { num_ctx: 8192 }, keep_alive: '10m' }));
      const { models } = await (await fetch(standIn.url + '/api/ps')).json() as { models: Line[] };
      assert.equal(models.length, 1);
      const big = models[0] ?? {};
      assert.equal(big.name, 'big:13b');
      assert.equal(big.context_length, 8192);
      assert.ok(Number(big.size_vram) < Number(big.size));
      const remaining = Date.parse(String(big.expires_at)) - Date.now();
      assert.ok(remaining > 9 * 60_000 && remaining <= 10 * 60_000, String(remaining));
      assert.deepEqual(standIn.loadedModels(), ['big:13b']);
    });
  });

  describe('/api/generate', () => {
    it('streams NDJSON tokens and a final chunk with counts and nanosecond durations', async () => {
      standIn.latency = { loadMs: 30, timeToFirstTokenMs: 10, perPromptTokenMs: 0, perTokenMs: 2 };
      standIn.reply(() => ({ tokens: ['const', ' x', ' =', ' 1;'] }));
      const prompt = 'function add(a, b) {';
      const res = await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
      const ls = await lines(res);
      const tokens = ls.slice(0, -1);
      assert.deepEqual(tokens.map((l) => l.response), ['const', ' x', ' =', ' 1;']);
      for (const t of tokens) {
        assert.equal(t.done, false);
        assert.equal(t.model, 'qwen2.5-coder:7b');
        assert.ok(!Number.isNaN(Date.parse(String(t.created_at))));
      }
      const final = lastOf(ls);
      assert.equal(final.done, true);
      assert.equal(final.response, '');
      assert.equal(final.done_reason, 'stop');
      assert.equal(final.eval_count, 4);
      assert.equal(final.prompt_eval_count, Math.ceil(prompt.length / 4));
      assert.equal('context' in final, false);
      const ns = (k: string): number => Number(final[k]);
      // Node's timers count whole milliseconds of a loop clock, so a 30 ms wait can measure
      // 29.3 ms on the high-resolution clock: allow 2 ms of timer granularity, no more.
      assert.ok(ns('load_duration') >= 28e6, `load ${ns('load_duration')}`);
      assert.ok(ns('prompt_eval_duration') >= 8e6, `prompt ${ns('prompt_eval_duration')}`);
      assert.ok(ns('eval_duration') >= 4e6, `eval ${ns('eval_duration')}`);
      assert.ok(ns('total_duration') >= ns('load_duration') + ns('prompt_eval_duration') + ns('eval_duration') - 1e6);
      assert.ok(ns('total_duration') < 2e9, 'durations are nanoseconds of real time, not made up');

      // Loaded now: no second load cost.
      // (Its load_duration is real elapsed time, as the daemon's is: on a busy machine it is
      // not reliably under the 30 ms load cost, so the load count says it.)
      await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt }));
      assert.equal(standIn.loadCount('qwen2.5-coder:7b'), 1);
      const rec = standIn.requestsTo('/api/generate')[0];
      assert.equal(rec?.tokensSent, 4);
      assert.equal(rec?.outcome, 'completed');
      assert.deepEqual((rec?.body as Line).prompt, prompt);
    });

    it('answers stream:false with one JSON object', async () => {
      standIn.reply(() => ({ tokens: wordTokens('return a + b;') }));
      const res = await post(standIn, '/api/generate', { model: 'codellama:7b-code', prompt: 'x', stream: false });
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const body = await res.json() as Line;
      assert.equal(body.response, 'return a + b;');
      assert.equal(body.done, true);
      assert.equal(body.done_reason, 'stop');
      assert.equal(body.eval_count, 4);
    });

    it('rejects suffix on a model without insert, and accepts it (ignoring system) on one with insert', async () => {
      const res = await post(standIn, '/api/generate', { model: 'qwen2.5-coder:1.5b-base', prompt: 'a', suffix: 'b' });
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { error: 'registry.ollama.ai/library/qwen2.5-coder:1.5b-base does not support insert' });
      const ok = await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'a', suffix: 'b', system: 'ignored' });
      assert.equal(ok.status, 200);
      assert.equal(lastOf(await lines(ok)).done, true);
      // Without the suffix the base model completes fine.
      assert.equal((await post(standIn, '/api/generate', { model: 'qwen2.5-coder:1.5b-base', prompt: 'a', raw: true })).status, 200);
    });

    it('rejects raw mode with system, template or context', async () => {
      for (const extra of [{ system: 's' }, { template: '{{ .Prompt }}' }, { context: [1, 2] }]) {
        const res = await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'a', raw: true, ...extra });
        assert.equal(res.status, 400);
        assert.deepEqual(await res.json(), { error: 'raw mode does not support template, system, or context' });
      }
    });

    it('loads the model on an empty prompt (warm-up) and unloads with keep_alive 0', async () => {
      standIn.latency = { ...FAST, loadMs: 20 };
      const res = await post(standIn, '/api/generate', { model: 'llama3.2:3b' });
      const warm = await lines(res);
      assert.equal(warm.length, 1);
      assert.equal(warm[0]?.done, true);
      assert.equal(warm[0]?.done_reason, 'load');
      assert.equal(warm[0]?.response, '');
      assert.deepEqual(standIn.loadedModels(), ['llama3.2:3b']);
      assert.equal(standIn.loadCount('llama3.2:3b'), 1);

      const unload = await (await post(standIn, '/api/generate', { model: 'llama3.2:3b', keep_alive: 0 })).json() as Line;
      assert.equal(unload.done_reason, 'unload');
      assert.deepEqual(standIn.loadedModels(), []);

      // keep_alive 0 on a real request: generated, then unloaded.
      await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'hi', keep_alive: 0 }));
      assert.deepEqual(standIn.loadedModels(), []);
      assert.equal(standIn.loadCount('llama3.2:3b'), 2);

      // As in GenerateHandler, an empty prompt is a warm-up even with a suffix: FIM at the very
      // start of a file gets no completion from a templated (non-raw) request.
      const fimAtStart = await (await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: '', suffix: 'rest' })).json() as Line;
      assert.equal(fimAtStart.done_reason, 'load');
    });

    it('parses keep_alive like Go: unit-less strings are a 400, negative means forever', async () => {
      const bad = await post(standIn, '/api/generate', { model: 'llama3.2:3b', keep_alive: '-1' });
      assert.equal(bad.status, 400);
      assert.match(String((await bad.json() as Line).error), /missing unit/);
      await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x', keep_alive: -1 }));
      const { models } = await (await fetch(standIn.url + '/api/ps')).json() as { models: Line[] };
      assert.ok(Date.parse(String(models[0]?.expires_at)) > Date.now() + 100 * 365 * 86_400_000);
    });

    it('caps tokens with num_predict and reports done_reason length', async () => {
      standIn.reply(() => ({ tokens: ['a', 'b', 'c', 'd', 'e'] }));
      const ls = await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'x', options: { num_predict: 3 } }));
      assert.deepEqual(ls.slice(0, -1).map((l) => l.response), ['a', 'b', 'c']);
      assert.equal(lastOf(ls).done_reason, 'length');
      assert.equal(lastOf(ls).eval_count, 3);
      const scripted = lastOf(await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'x' })));
      assert.equal(scripted.done_reason, 'stop');
    });

    it('stops at a stop string, also across token boundaries, without sending it', async () => {
      standIn.reply(() => ({ tokens: ['a', 'b', '\n', '\n', 'c'] }));
      const across = await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'x', options: { stop: ['\n\n'] } }));
      assert.equal(across.slice(0, -1).map((l) => l.response).join(''), 'ab');
      assert.equal(lastOf(across).done_reason, 'stop');

      standIn.reply(() => ({ tokens: ['foo', ' bar<EOT>baz', ' more'] }));
      const inside = await lines(await post(standIn, '/api/generate', { model: 'codellama:7b-code', prompt: 'x', options: { stop: ['<EOT>'] } }));
      assert.equal(inside.slice(0, -1).map((l) => l.response).join(''), 'foo bar');

      // A held prefix that turns out not to be a stop string is sent after all.
      standIn.reply(() => ({ tokens: ['a', '\n', 'b'] }));
      const held = await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'x', options: { stop: ['\n\n'] } }));
      assert.equal(held.slice(0, -1).map((l) => l.response).join(''), 'a\nb');
    });

    it('sends thinking before the response for thinking models unless think is false', async () => {
      standIn.reply(() => ({ thinking: ['hmm', ' ok'], tokens: ['4'] }));
      const ls = await lines(await post(standIn, '/api/generate', { model: 'deepseek-r1:7b', prompt: '2+2' }));
      assert.deepEqual(ls.slice(0, -1).map((l) => [l.thinking ?? null, l.response]), [['hmm', ''], [' ok', ''], [null, '4']]);
      const off = await lines(await post(standIn, '/api/generate', { model: 'deepseek-r1:7b', prompt: '2+2', think: false }));
      assert.deepEqual(off.slice(0, -1).map((l) => l.response), ['4']);
      assert.equal(off.some((l) => 'thinking' in l), false);
    });

    it('queues requests for a model when numParallel is 1', async () => {
      const s = await startStandIn({ numParallel: 1, latency: { ...FAST, perTokenMs: 15 } });
      s.reply(() => ({ tokens: ['a', 'b', 'c', 'd'] }));
      const first = post(s, '/api/generate', { model: 'llama3.2:3b', prompt: 'one' }).then(lines);
      await s.waitForRequest((r) => r.path === '/api/generate');
      const second = lastOf(await lines(await post(s, '/api/generate', { model: 'llama3.2:3b', prompt: 'two' })));
      const firstRec = s.requestsTo('/api/generate')[0];
      assert.equal(firstRec?.outcome, 'completed', 'the second request waited for the first');
      assert.ok(Number(second.load_duration) >= 30e6, 'queue time counts as load time, as in the daemon');
      await first;
    });

    it('charges prompt evaluation only for the part not in the prefix cache', async () => {
      standIn.latency = { ...FAST, perPromptTokenMs: 1 };
      const prompt = 'x'.repeat(240); // 60 tokens
      const cold = lastOf(await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt })));
      const warm = lastOf(await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: prompt + 'y' })));
      assert.equal(cold.prompt_eval_count, 60);
      assert.equal(warm.prompt_eval_count, 61);
      assert.ok(Number(cold.prompt_eval_duration) >= 58e6, 'timer granularity: 2 ms');
      assert.ok(Number(warm.prompt_eval_duration) < Number(cold.prompt_eval_duration) / 2);
    });
  });

  describe('/api/chat', () => {
    it('streams assistant messages with thinking first, then a final done chunk', async () => {
      standIn.reply((req) => (req.path === '/api/chat' ? { thinking: ['plan'], tokens: ['Hello', ' there'] } : undefined));
      const res = await post(standIn, '/api/chat', { model: 'deepseek-r1:7b', messages: [{ role: 'user', content: 'hi' }] });
      const ls = await lines(res);
      assert.deepEqual(ls.slice(0, -1).map((l) => l.message), [
        { role: 'assistant', content: '', thinking: 'plan' },
        { role: 'assistant', content: 'Hello' },
        { role: 'assistant', content: ' there' },
      ]);
      const final = lastOf(ls);
      assert.deepEqual(final.message, { role: 'assistant', content: '' });
      assert.equal(final.done, true);
      assert.equal(final.done_reason, 'stop');
      for (const k of ['total_duration', 'load_duration', 'prompt_eval_count', 'prompt_eval_duration', 'eval_count', 'eval_duration']) {
        assert.equal(typeof final[k], 'number', k);
      }
    });

    it('answers stream:false, loads on empty messages, and validates the request', async () => {
      const whole = await (await post(standIn, '/api/chat', { model: 'llama3.2:3b', stream: false, messages: [{ role: 'user', content: 'sum' }] })).json() as Line;
      assert.match(String((whole.message as Line).content), /sum/);
      assert.equal(whole.done, true);
      const load = await (await post(standIn, '/api/chat', { model: 'llama3.2:3b', messages: [] })).json() as Line;
      assert.equal(load.done_reason, 'load');

      const cases: Array<[unknown, number, RegExp]> = [
        [{ model: 'llama3.2:3b', messages: 'hi' }, 400, /cannot unmarshal/],
        [{ model: 'llama3.2:3b', messages: [{ content: 'no role' }] }, 400, /role/],
        [{ model: 'llama3.2:3b', messages: [{ role: 'user', content: 5 }] }, 400, /cannot unmarshal/],
        [{ model: 'llama3.2:3b', think: true, messages: [{ role: 'user', content: 'x' }] }, 400, /"llama3.2:3b" does not support thinking/],
        [{ model: 'codellama:7b-code', tools: [{ type: 'function' }], messages: [{ role: 'user', content: 'x' }] }, 400, /does not support tools/],
        [{ messages: [] }, 400, /model is required/],
        [{ model: 'ghost', messages: [{ role: 'user', content: 'x' }] }, 404, /^model 'ghost' not found$/],
      ];
      for (const [body, status, error] of cases) {
        const res = await post(standIn, '/api/chat', body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.match(String((await res.json() as Line).error), error);
      }
    });
  });

  describe('/api/pull', () => {
    const tiny: StandInModel = {
      name: 'tiny-coder:1b', family: 'llama', parameterSize: '1B', quantization: 'Q4_K_M', sizeBytes: 800_000_000,
      capabilities: ['completion', 'insert'], template: '{{ .Prompt }}{{ .Suffix }}', contextLength: 8192,
    };

    it('streams progress and installs the model on success', async () => {
      standIn.pullable = [tiny];
      const ls = await lines(await post(standIn, '/api/pull', { model: 'tiny-coder:1b' }));
      const statuses = ls.map((l) => String(l.status));
      assert.equal(statuses[0], 'pulling manifest');
      assert.deepEqual(statuses.slice(-3), ['verifying sha256 digest', 'writing manifest', 'success']);
      const progress = ls.filter((l) => String(l.status).startsWith('pulling ') && l.digest);
      assert.ok(progress.length >= 4);
      for (const p of progress) {
        assert.match(String(p.digest), /^sha256:[0-9a-f]{64}$/);
        assert.equal(p.status, `pulling ${String(p.digest).slice(7, 19)}`);
      }
      assert.ok(progress.some((p) => p.completed === p.total));
      const { models } = await (await fetch(standIn.url + '/api/tags')).json() as { models: Line[] };
      assert.equal(models[0]?.name, 'tiny-coder:1b');
    });

    it('fails an unknown name with an error line under HTTP 200', async () => {
      const res = await post(standIn, '/api/pull', { model: 'no-such-model' });
      assert.equal(res.status, 200);
      assert.deepEqual(await lines(res), [{ status: 'pulling manifest' }, { error: 'pull model manifest: file does not exist' }]);
    });

    it('records a client that leaves mid-pull and installs nothing', async () => {
      standIn.pullable = [tiny];
      standIn.latency = { ...FAST, perTokenMs: 20 };
      const controller = new AbortController();
      const res = await post(standIn, '/api/pull', { model: 'tiny-coder:1b' }, { signal: controller.signal });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      const rec = standIn.requestsTo('/api/pull')[0]!;
      assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
      await sleep(60);
      const { models } = await (await fetch(standIn.url + '/api/tags')).json() as { models: Line[] };
      assert.equal(models.some((m) => m.name === 'tiny-coder:1b'), false);
    });

    it('works with the ollama client', async () => {
      standIn.pullable = [tiny];
      const client = new Ollama({ host: standIn.url });
      const seen: string[] = [];
      for await (const p of await client.pull({ model: 'tiny-coder:1b', stream: true })) seen.push(p.status);
      assert.equal(seen.at(-1), 'success');
      assert.equal((await client.list()).models[0]?.name, 'tiny-coder:1b');
    });
  });

  describe('faults', () => {
    it('answers injected statuses as JSON errors, once per `times`', async () => {
      for (const status of [404, 400, 500, 503]) {
        standIn.injectFault('/api/generate', { kind: 'status', status, error: `injected ${status}` });
        const res = await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' });
        assert.equal(res.status, status);
        assert.deepEqual(await res.json(), { error: `injected ${status}` });
      }
      const healthy = await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' });
      assert.equal(healthy.status, 200);
      await lines(healthy);
      assert.deepEqual(standIn.requestsTo('/api/generate').map((r) => r.outcome), ['fault', 'fault', 'fault', 'fault', 'completed']);

      standIn.injectFault('*', { kind: 'status', status: 503, error: 'busy' }, 2);
      assert.equal((await fetch(standIn.url + '/api/tags')).status, 503);
      assert.equal((await fetch(standIn.url + '/api/version')).status, 503);
      assert.equal((await fetch(standIn.url + '/api/version')).status, 200);

      standIn.injectFault('/api/chat', { kind: 'status', status: 500, error: 'x' }, Infinity);
      standIn.clearFaults();
      assert.equal((await post(standIn, '/api/chat', { model: 'llama3.2:3b', messages: [] })).status, 200);
    });

    it('midStreamError: 200, some tokens, then an error line', async () => {
      standIn.reply(() => ({ tokens: ['a', 'b', 'c', 'd'] }));
      standIn.injectFault('/api/generate', { kind: 'midStreamError', afterTokens: 2, error: 'runner crashed' });
      const res = await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' });
      assert.equal(res.status, 200);
      const ls = await lines(res);
      assert.deepEqual(ls.map((l) => l.response ?? l.error), ['a', 'b', 'runner crashed']);
      assert.equal(standIn.requestsTo('/api/generate')[0]?.outcome, 'fault');
    });

    it('endWithoutDone: the stream ends cleanly with no done chunk', async () => {
      standIn.injectFault('/api/generate', { kind: 'endWithoutDone', afterTokens: 1 });
      const ls = await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' }));
      assert.equal(ls.length, 1);
      assert.equal(ls[0]?.done, false);
    });

    it('malformedLine: one line is not JSON, the rest is normal', async () => {
      standIn.reply(() => ({ tokens: ['a', 'b'] }));
      standIn.injectFault('/api/generate', { kind: 'malformedLine', afterTokens: 1 });
      const raw = (await (await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' })).text()).split('\n').filter(Boolean);
      assert.equal(raw.length, 4);
      assert.throws(() => JSON.parse(raw[1]!));
      assert.equal((JSON.parse(raw[3]!) as Line).done, true);
    });

    it('hang: nothing at all is sent; a client abort is recorded as clientClosed', async () => {
      standIn.injectFault('/api/chat', { kind: 'hang' });
      const controller = new AbortController();
      const pending = post(standIn, '/api/chat', { model: 'llama3.2:3b', messages: [{ role: 'user', content: 'x' }] }, { signal: controller.signal });
      const rec = await standIn.waitForRequest((r) => r.path === '/api/chat');
      await sleep(30);
      assert.equal(rec.outcome, 'pending');
      assert.equal(rec.tokensSent, 0);
      controller.abort();
      assert.equal((await failure(pending)).name, 'AbortError');
      assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
      assert.equal(rec.fault, 'hang');
    });

    it('hangAfterTokens: some tokens, then silence until the client leaves', async () => {
      standIn.injectFault('/api/generate', { kind: 'hangAfterTokens', afterTokens: 2 });
      const controller = new AbortController();
      const res = await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' }, { signal: controller.signal });
      const reader = res.body!.getReader();
      let text = '';
      while (text.split('\n').length < 3) text += new TextDecoder().decode((await reader.read()).value as Uint8Array | undefined);
      const rec = standIn.requestsTo('/api/generate')[0]!;
      await sleep(30);
      assert.equal(rec.tokensSent, 2);
      assert.equal(rec.outcome, 'pending');
      controller.abort();
      assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
    });
  });

  describe('connection life cycle', () => {
    it('sends no headers before the first token, so only a request signal can cancel a slow start', async () => {
      standIn.latency = { ...FAST, timeToFirstTokenMs: 2000 };
      const controller = new AbortController();
      let answered = false;
      const pending = post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' }, { signal: controller.signal })
        .then((r) => { answered = true; return r; });
      const rec = await standIn.waitForRequest((r) => r.path === '/api/generate');
      await sleep(50);
      assert.equal(answered, false);
      controller.abort();
      await failure(pending);
      assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
      // Closed during prompt evaluation: no token ever left.
      assert.equal(rec.firstTokenAt, undefined);
      assert.equal(rec.textSent, undefined);
    });

    it('records when the first token left and the text streamed so far, thinking excluded', async () => {
      standIn.latency = { ...FAST, timeToFirstTokenMs: 40, perTokenMs: 5 };
      standIn.reply(() => ({ tokens: wordTokens('total += step;'), thinking: ['hmm'] }));
      const done = lastOf(await lines(await post(standIn, '/api/generate', { model: 'deepseek-r1:7b', prompt: 'x' })));
      assert.equal(done.done, true);
      const rec = standIn.requestsTo('/api/generate')[0]!;
      assert.equal(rec.textSent, 'total += step;');
      assert.equal(rec.tokensSent, 4, 'one thinking token and three response tokens');
      assert.ok(rec.firstTokenAt !== undefined && rec.slotAt !== undefined && rec.endedAt !== undefined);
      assert.ok(rec.firstTokenAt - rec.slotAt >= 39, `prefill took ${rec.firstTokenAt - rec.slotAt} ms`);
      assert.ok(rec.endedAt >= rec.firstTokenAt);

      // A client that leaves mid-stream: the text is what it received, cut short.
      standIn.reply(() => ({ tokens: wordTokens('a b c d e f g h i j k l m n o p q r s t') }));
      const client = new Ollama({ host: standIn.url });
      const stream = await client.generate({ model: 'llama3.2:3b', prompt: 'y', stream: true });
      let received = '';
      for await (const chunk of stream) {
        received += chunk.response;
        if (received.length >= 5) break;
      }
      stream.abort();
      const cut = standIn.requestsTo('/api/generate')[1]!;
      assert.equal(await standIn.waitForOutcome(cut), 'clientClosed');
      assert.ok(cut.textSent !== undefined && cut.textSent.startsWith(received) && cut.textSent.length < 39, JSON.stringify(cut.textSent));
    });

    it('goDown refuses connections (ECONNREFUSED); comeUp listens on the same port with nothing loaded', async () => {
      const port = standIn.port;
      await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' })); // leaves a keep-alive socket
      assert.deepEqual(standIn.loadedModels(), ['llama3.2:3b']);
      await standIn.goDown();
      assert.equal(standIn.isUp, false);
      const err = await failure(fetch(standIn.url + '/api/version'));
      assert.equal((err.cause as { code?: string } | undefined)?.code, 'ECONNREFUSED');

      await standIn.comeUp();
      assert.equal(standIn.port, port);
      assert.equal((await fetch(standIn.url + '/api/version')).status, 200);
      assert.deepEqual(standIn.loadedModels(), []);
      await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' }));
      assert.equal(standIn.loadCount('llama3.2:3b'), 2);
    });

    it('goDown drops streams in flight, recorded as faults, not client closes', async () => {
      standIn.latency = { ...FAST, perTokenMs: 50 };
      const pending = failure(post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x' }).then((r) => r.text()));
      const rec = await standIn.waitForRequest((r) => r.path === '/api/generate' && r.tokensSent > 0);
      await standIn.goDown();
      assert.ok((await pending) instanceof Error);
      assert.equal(await standIn.waitForOutcome(rec), 'fault');
    });

    it('reloads when num_ctx changes and not otherwise', async () => {
      const gen = async (numCtx?: number): Promise<void> => {
        await lines(await post(standIn, '/api/generate', { model: 'qwen2.5-coder:7b', prompt: 'x', ...(numCtx ? { options: { num_ctx: numCtx } } : {}) }));
      };
      await gen(8192);
      await gen(8192);
      assert.equal(standIn.loadCount('qwen2.5-coder:7b'), 1);
      assert.equal(standIn.reloadCount('qwen2.5-coder:7b'), 0);
      await gen(4096);
      assert.equal(standIn.loadCount('qwen2.5-coder:7b'), 2);
      assert.equal(standIn.reloadCount('qwen2.5-coder:7b'), 1);
      await gen(); // no num_ctx means the default, 4096: no reload
      assert.equal(standIn.reloadCount('qwen2.5-coder:7b'), 1);

      // A reload while another request still streams: both finish, and keep_alive 0 still unloads.
      standIn.latency = { ...FAST, perTokenMs: 10 };
      const slow = post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'x', options: { num_ctx: 2048 } }).then(lines);
      await standIn.waitForRequest((r) => (r.body as Line | undefined)?.model === 'llama3.2:3b' && r.tokensSent > 0);
      await lines(await post(standIn, '/api/generate', { model: 'llama3.2:3b', prompt: 'y', keep_alive: 0 }));
      assert.equal(lastOf(await slow).done, true);
      assert.equal(standIn.reloadCount('llama3.2:3b'), 1);
      assert.equal(standIn.loadedModels().includes('llama3.2:3b'), false);
    });

    it('waits for requests past and future, and times out with a description', async () => {
      await fetch(standIn.url + '/api/tags');
      const past = await standIn.waitForRequest((r) => r.path === '/api/tags');
      assert.equal(past.outcome, 'completed');
      const future = standIn.waitForRequest((r: RecordedRequest) => (r.body as Line | undefined)?.model === 'llama3.2:3b');
      await post(standIn, '/api/show', { model: 'llama3.2:3b' });
      assert.equal((await future).path, '/api/show');
      const err = await failure(standIn.waitForRequest((r) => r.path === '/never', 20));
      assert.match(err.message, /timed out.*GET \/api\/tags/);
    });

    it('answers unknown routes, wrong methods and bad bodies like the daemon', async () => {
      const unknown = await fetch(standIn.url + '/api/nothing');
      assert.equal(unknown.status, 404);
      assert.equal(await unknown.text(), '404 page not found');
      assert.equal((await fetch(standIn.url + '/api/generate')).status, 405);
      const bad = await post(standIn, '/api/generate', 'not json');
      assert.equal(bad.status, 400);
      assert.match(String((await bad.json() as Line).error), /invalid character/);
      const noModel = await post(standIn, '/api/generate', { prompt: 'x' });
      assert.equal(noModel.status, 400);
      assert.deepEqual(await noModel.json(), { error: 'model is required' });
      const unknownModel = await post(standIn, '/api/generate', { model: 'ghost', prompt: 'x' });
      assert.equal(unknownModel.status, 404);
      assert.deepEqual(await unknownModel.json(), { error: "model 'ghost' not found" });
      const embedOnly = await post(standIn, '/api/generate', { model: 'nomic-embed-text', prompt: 'x' });
      assert.equal(embedOnly.status, 400);
    });

    it('runs several independent stand-ins at once', async () => {
      const other = await startStandIn({ version: '0.9.0', models: [] });
      assert.notEqual(other.port, standIn.port);
      assert.deepEqual(await (await fetch(other.url + '/api/version')).json(), { version: '0.9.0' });
      assert.deepEqual(await (await fetch(other.url + '/api/tags')).json(), { models: [] });
      assert.equal(standIn.requests.length, 0);
    });
  });

  describe('with the real ollama client', () => {
    it('streams generate and ends on the done chunk', async () => {
      standIn.reply(() => ({ tokens: ['x', ' = ', '1'] }));
      const client = new Ollama({ host: standIn.url });
      let text = '';
      let final: Line | undefined;
      for await (const chunk of await client.generate({ model: 'qwen2.5-coder:7b', prompt: 'let', suffix: ';', stream: true })) {
        text += chunk.response;
        if (chunk.done) final = chunk as unknown as Line;
      }
      assert.equal(text, 'x = 1');
      assert.equal(final?.done_reason, 'stop');
      assert.equal(final?.eval_count, 3);
    });

    it('streams chat with thinking', async () => {
      const client = new Ollama({ host: standIn.url });
      let thinking = '';
      let content = '';
      for await (const c of await client.chat({ model: 'deepseek-r1:7b', messages: [{ role: 'user', content: 'why' }], stream: true })) {
        thinking += c.message.thinking ?? '';
        content += c.message.content;
      }
      assert.ok(thinking.length > 0);
      assert.match(content, /why/);
    });

    it('abort() ends the loop with AbortError and the stand-in records clientClosed', async () => {
      standIn.latency = { ...FAST, perTokenMs: 10 };
      standIn.reply(() => ({ tokens: wordTokens('a b c d e f g h i j k l m n o p') }));
      const client = new Ollama({ host: standIn.url });
      const stream = await client.generate({ model: 'llama3.2:3b', prompt: 'x', stream: true });
      const err = await failure((async () => {
        for await (const _chunk of stream) stream.abort();
      })());
      assert.equal(err.name, 'AbortError');
      const rec = standIn.requestsTo('/api/generate')[0]!;
      assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
      assert.ok(rec.tokensSent < 16);
    });

    it('surfaces HTTP errors as ResponseError with status_code', async () => {
      const client = new Ollama({ host: standIn.url });
      const missing = await failure(client.generate({ model: 'ghost', prompt: 'x', stream: true }));
      assert.equal(missing.name, 'ResponseError');
      assert.equal(missing.status_code, 404);
      assert.equal(missing.error, "model 'ghost' not found");
      const noInsert = await failure(client.generate({ model: 'qwen2.5-coder:1.5b-base', prompt: 'a', suffix: 'b' }));
      assert.equal(noInsert.status_code, 400);
      assert.match(noInsert.message, /does not support insert/);
      const show = await failure(client.show({ model: 'ghost' }));
      assert.equal(show.status_code, 404);
    });

    it('throws on an error line, on a stream without done, and skips a malformed line', async () => {
      const client = new Ollama({ host: standIn.url });
      const drain = async (): Promise<string> => {
        let text = '';
        for await (const c of await client.generate({ model: 'llama3.2:3b', prompt: 'x', stream: true })) text += c.response;
        return text;
      };
      standIn.injectFault('/api/generate', { kind: 'midStreamError', afterTokens: 1, error: 'out of memory' });
      assert.equal((await failure(drain())).message, 'out of memory');
      standIn.injectFault('/api/generate', { kind: 'endWithoutDone', afterTokens: 1 });
      assert.match((await failure(drain())).message, /Did not receive done/);

      standIn.reply(() => ({ tokens: ['a', 'b'] }));
      standIn.injectFault('/api/generate', { kind: 'malformedLine', afterTokens: 1 });
      const warn = console.warn;
      console.warn = () => undefined; // the client logs the bad line
      try {
        assert.equal(await drain(), 'ab');
      } finally {
        console.warn = warn;
      }
    });
  });
});
