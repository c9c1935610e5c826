import * as assert from 'node:assert/strict';
import type { CharsPerTokenEstimator } from '../../../../src/core/completion/charsPerToken';
import type { CompletionStats } from '../../../../src/core/completion/completionStats';
import { createCompletionPipeline } from '../../../../src/core/completion/createCompletionPipeline';
import type { GpuArbiter } from '../../../../src/core/completion/gpuArbiter';
import { nullLogger } from '../../../../src/core/logger';
import type { CompletionPipeline } from '../../../../src/core/completion/completionPipeline';
import type { CompletionOutcome, CompletionRequestRecord, PipelineSettings } from '../../../../src/core/completion/completionOutcome';
import type { CompletionQuery } from '../../../../src/core/completion/completionRequest';
import { wordTokens } from '../../../fakes/ollamaStandIn';
import type { OllamaStandIn, RecordedRequest } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';

const TIMEOUTS = { metadataMs: 2_000, firstChunkMs: 2_000, idleMs: 2_000 };
const BASE = 'qwen2.5-coder:1.5b-base';

interface Rig {
  pipeline: CompletionPipeline;
  estimator: CharsPerTokenEstimator;
  arbiter: GpuArbiter;
  stats: CompletionStats;
  records: CompletionRequestRecord[];
  settings: PipelineSettings;
  available: boolean;
}

const q = (docPrefix: string, docSuffix = '', explicit = true): CompletionQuery => ({
  docKey: 'file:///w/a.ts',
  docPrefix,
  docSuffix,
  languageId: 'typescript',
  explicit,
  filePath: 'a.ts',
});

const generations = (standIn: OllamaStandIn): RecordedRequest[] =>
  standIn.requestsTo('/api/generate').filter((r) => (r.body as { prompt?: string }).prompt !== '');
const bodyOf = (r: RecordedRequest | undefined): Record<string, unknown> => (r?.body ?? {}) as Record<string, unknown>;
const answer = (o: CompletionOutcome): string => (o.kind === 'answer' ? o.text : `<${o.kind}${'reason' in o ? `:${o.reason}` : ''}>`);

describe('CompletionPipeline against the stand-in', () => {
  let daemon: StandInService;
  let standIn: OllamaStandIn;
  let rig: Rig;
  const signal = (): AbortSignal => new AbortController().signal;

  function build(settings: Partial<PipelineSettings> = {}, options: { baseDebounceMs?: number; proposeAfterLine?: boolean } = {}): Rig {
    // A fresh service per build: its model list is read anew.
    const service = daemon.serviceWith({});
    const records: CompletionRequestRecord[] = [];
    const state: Pick<Rig, 'settings' | 'available'> = { settings: { model: BASE, numCtx: 4096, maxTokens: 64, whileChatStreams: 'wait', ...settings }, available: true };
    const built = createCompletionPipeline(
      {
        backend: service,
        settings: () => state.settings,
        log: nullLogger,
        // No debounce: each automatic request starts at once and supersedes the previous one.
        baseDebounceMs: () => options.baseDebounceMs ?? 0,
        orphanGraceMs: 0,
        daemonAvailable: () => state.available,
      },
      options.proposeAfterLine !== undefined ? { proposeAfterLine: options.proposeAfterLine } : {},
    );
    const r: Rig = Object.assign(state, built, { records });
    r.pipeline.onDidFinishRequest((record) => records.push(record));
    return r;
  }

  beforeEach(async () => {
    daemon = await StandInService.start({ standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 1, perPromptTokenMs: 0, perTokenMs: 2 } }, timeouts: TIMEOUTS });
    standIn = daemon.standIn;
    rig = build();
  });
  afterEach(async () => {
    rig.pipeline.dispose();
    await daemon.close();
  });

  it('a model without insert gets raw mode with its own FIM tokens, stop tokens and num_predict', async () => {
    standIn.reply(() => ({ tokens: wordTokens('Result = compute(x);\nreturn xResult;') }));
    const outcome = await rig.pipeline.complete(q('const x', '\n'), signal());
    assert.equal(answer(outcome), 'Result = compute(x);');
    const body = bodyOf(generations(standIn)[0]);
    assert.equal(body.raw, true);
    assert.equal(body.prompt, '<|fim_prefix|>const x<|fim_suffix|>\n<|fim_middle|>');
    assert.equal(body.suffix, undefined);
    assert.equal(body.think, undefined, 'think is only sent to thinking models');
    const options = body.options as Record<string, unknown>;
    assert.equal(options.num_predict, 64);
    assert.equal(options.num_ctx, 4096);
    assert.ok((options.stop as string[]).includes('<|endoftext|>'));
    assert.ok((options.stop as string[]).includes('<|file_sep|>'));
    assert.equal(body.keep_alive, '30m');
  });

  it('a model with insert gets Ollama’s suffix; an empty suffix is sent as a newline', async () => {
    rig.settings = { ...rig.settings, model: 'qwen2.5-coder:7b' };
    standIn.reply(() => ({ tokens: wordTokens(' 1;') }));
    assert.equal(answer(await rig.pipeline.complete(q('const x =', '\nconsole.log(x);\n'), signal())), ' 1;');
    assert.equal(answer(await rig.pipeline.complete(q('let y =', ''), signal())), ' 1;');
    const [first, second] = generations(standIn).map(bodyOf);
    assert.equal(first?.suffix, '\nconsole.log(x);\n');
    assert.equal(first?.prompt, 'const x =');
    assert.equal(first?.raw, undefined);
    assert.equal((first?.options as Record<string, unknown>).stop, undefined, 'the Modelfile’s own stop list stays in force');
    assert.equal(second?.suffix, '\n');
  });

  it('a forced template gives raw mode; a thinking model is told not to think', async () => {
    rig.settings = { ...rig.settings, model: 'deepseek-r1:7b', template: 'deepseek-coder' };
    standIn.reply(() => ({ tokens: wordTokens(' 2;'), thinking: wordTokens('hmm') }));
    assert.equal(answer(await rig.pipeline.complete(q('y ='), signal())), ' 2;');
    const body = bodyOf(generations(standIn)[0]);
    assert.equal(body.think, false);
    assert.equal(body.raw, true);
    assert.equal(body.prompt, '<｜fim▁begin｜>y =<｜fim▁hole｜><｜fim▁end｜>');
  });

  it('stops the stream at the end of the answer and closes the connection', async () => {
    standIn.reply(() => ({ tokens: [...wordTokens('Result = compute(x);\n'), ...Array.from({ length: 200 }, (_, i) => ` t${i}`)] }));
    assert.equal(answer(await rig.pipeline.complete(q('const x', '\n'), signal())), 'Result = compute(x);');
    const request = generations(standIn)[0]!;
    assert.equal(await standIn.waitForOutcome(request, 5_000), 'clientClosed');
    assert.ok(request.tokensSent < 50, `generation stopped early (${request.tokensSent} tokens)`);
    assert.equal(rig.records[0]?.end, 'stopped');
  });

  it('serves the same position and type-through from the cache, with no request', async () => {
    standIn.reply(() => ({ tokens: wordTokens('Result = compute(x);') }));
    assert.equal(answer(await rig.pipeline.complete(q('const x', '\n', false), signal())), 'Result = compute(x);');
    const again = await rig.pipeline.complete(q('const x', '\n', false), signal());
    assert.ok(again.kind === 'answer' && again.origin === 'cache');
    const typed = await rig.pipeline.complete(q('const xRes', '\n', false), signal());
    assert.equal(answer(typed), 'ult = compute(x);');
    assert.ok(typed.kind === 'answer' && typed.origin === 'typeThrough');
    const back = await rig.pipeline.complete(q('const x', '\n', false), signal());
    assert.ok(back.kind === 'answer' && back.origin === 'cache' && back.text === 'Result = compute(x);', 'walk-back');
    assert.equal(generations(standIn).length, 1);
    const [s] = rig.stats.snapshot();
    assert.equal(s?.requests, 1);
    assert.equal(s?.shown, 1, 'a re-served or typed-through suggestion is not a new one');
  });

  describe('in the middle of a complete line', () => {
    const line = 'const total = sum(items';
    const after = '\nconsole.log(total);\n';
    /** The model repeats the rest of the line at the cursor, and proposes a line after it. */
    const model = (r: { body: Record<string, unknown> }): { tokens: string[] } => {
      const prompt = String(r.body.prompt);
      if (prompt.includes(`${line}<|fim_suffix|>);`)) return { tokens: wordTokens(');') };
      if (prompt.includes(`${line});<|fim_suffix|>\nconsole`)) return { tokens: wordTokens('\nconst count = items.length;\nmore();') };
      return { tokens: wordTokens('unexpected') };
    };

    it('an empty answer at the cursor asks at once what follows the line, and both are served again from the cache', async () => {
      // With a minute's debounce, only an explicit request and an undelayed follow-up finish in time.
      rig.pipeline.dispose();
      rig = build({}, { baseDebounceMs: 60_000 });
      standIn.reply(model);
      const outcome = await rig.pipeline.complete(q(line, `);${after}`), signal());
      assert.ok(outcome.kind === 'answer' && outcome.origin === 'model', JSON.stringify(outcome));
      assert.equal(outcome.text, '\nconst count = items.length;');
      assert.equal(outcome.restOfLine, ');');
      assert.equal(outcome.emptyRequestIds?.length, 1, 'the request that found nothing at the cursor');
      assert.deepEqual(
        generations(standIn).map((r) => String(bodyOf(r).prompt)),
        [`<|fim_prefix|>${line}<|fim_suffix|>);${after}<|fim_middle|>`, `<|fim_prefix|>${line});<|fim_suffix|>${after}<|fim_middle|>`],
      );
      assert.equal(rig.stats.snapshot()[0]?.shown, 1, 'the empty answer was not shown');
      const back = await rig.pipeline.complete(q(line, `);${after}`), signal());
      assert.ok(back.kind === 'answer' && back.origin === 'cache' && back.text === '\nconst count = items.length;' && back.restOfLine === ');', JSON.stringify(back));
      assert.equal(generations(standIn).length, 2, 'walking back asks nothing');
    });

    it('a CRLF line keeps its line break out of the skipped text', async () => {
      standIn.reply((r) => (String(r.body.prompt).includes('<|fim_suffix|>\r\n') ? { tokens: wordTokens('\r\nnext();') } : { tokens: wordTokens(');') }));
      const outcome = await rig.pipeline.complete(q(line, ');\r\nconsole.log(total);\r\n'), signal());
      assert.ok(outcome.kind === 'answer' && outcome.restOfLine === ');' && outcome.text.trim() === 'next();', JSON.stringify(outcome));
    });

    it('no second request where the model had something to insert, at the end of a line, or where it is turned off', async () => {
      standIn.reply(() => ({ tokens: wordTokens(', 0') }));
      assert.equal(answer(await rig.pipeline.complete(q(line, `);${after}`), signal())), ', 0');
      standIn.reply(() => ({ tokens: [] }));
      assert.equal(answer(await rig.pipeline.complete(q(`${line});`, after), signal())), '');
      assert.equal(answer(await rig.pipeline.complete({ ...q(`${line}s`, `);${after}`), proposeAfterLine: false }, signal())), '');
      assert.equal(generations(standIn).length, 3);
      rig.pipeline.dispose();
      rig = build({}, { proposeAfterLine: false });
      standIn.reply(model);
      assert.equal(answer(await rig.pipeline.complete(q(line, `);${after}`), signal())), '');
      assert.equal(generations(standIn).length, 4);
    });

    it('when nothing follows the line either, the answer is the empty one, without restOfLine', async () => {
      standIn.reply((r) => ({ tokens: String(r.body.prompt).includes(`${line}<|fim_suffix|>`) ? wordTokens(');') : wordTokens('\nconsole.log(total);') }));
      const outcome = await rig.pipeline.complete(q(line, `);${after}`), signal());
      assert.ok(outcome.kind === 'answer' && outcome.text === '' && outcome.restOfLine === undefined, JSON.stringify(outcome));
      assert.equal(generations(standIn).length, 2);
      assert.equal(outcome.emptyRequestIds?.length, 1, 'the follow-up’s generation is reported as shown nowhere');
      assert.notEqual(outcome.emptyRequestIds?.[0], outcome.requestId);
    });
  });

  it('a newer request aborts the running one at the daemon', async () => {
    standIn.reply(() => ({ tokens: Array.from({ length: 300 }, (_, i) => ` w${i}`) }));
    standIn.latency.perTokenMs = 10;
    const first = rig.pipeline.complete(q('let a = ', '', false), signal());
    const running = await standIn.waitForRequest((r) => r.path === '/api/generate' && bodyOf(r).prompt !== '', 5_000);
    standIn.reply(() => ({ tokens: wordTokens('42;') }));
    const second = await rig.pipeline.complete(q('let b = ', '', false), signal());
    assert.deepEqual(await first, { kind: 'skipped', reason: 'superseded' });
    assert.equal(answer(second), '42;');
    assert.equal(await standIn.waitForOutcome(running, 5_000), 'clientClosed');
    assert.equal(rig.records.find((r) => r.request.prompt.includes('let a'))?.end, 'aborted');
  });

  it('a likely typo is not asked about: its request waits, and the Backspace replaces it', async () => {
    standIn.reply(() => ({ tokens: wordTokens('t;') }));
    const code = 'let largest = 0;\nconst x = ';
    const typo = rig.pipeline.complete(q(`${code}largesl`, '\n', false), signal());
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(generations(standIn).length, 0, 'without the typo hold, a zero debounce would have sent it already');
    const fixed = await rig.pipeline.complete(q(`${code}larges`, '\n', false), signal());
    assert.deepEqual(await typo, { kind: 'skipped', reason: 'superseded' });
    assert.equal(answer(fixed), 't;');
    assert.deepEqual(generations(standIn).map((r) => String(bodyOf(r).prompt).includes('largesl')), [false]);
  });

  it('a missing model fails once with a clear failure, then is not asked again until reset', async () => {
    rig.settings = { ...rig.settings, model: 'nope:1b' };
    const first = await rig.pipeline.complete(q('x'), signal());
    assert.ok(first.kind === 'failed' && first.failure.kind === 'modelMissing');
    assert.match(first.failure.message, /"nope:1b" is not installed/);
    assert.deepEqual(first.failure.actions.map((a) => a.id), ['pullModel', 'openSettings']);
    for (let i = 0; i < 5; i++) {
      const again = await rig.pipeline.complete(q(`x${i}`), signal());
      assert.ok(again.kind === 'skipped' && again.reason === 'blocked' && again.failure?.kind === 'modelMissing');
    }
    assert.equal(generations(standIn).length, 0);
    assert.equal(standIn.requestsTo('/api/tags').length, 1, 'the model list is read once, not per keystroke');
    rig.pipeline.resetFailures();
    assert.equal((await rig.pipeline.complete(q('y'), signal())).kind, 'failed');
  });

  it('a model that can neither insert nor take a known template fails with what to do', async () => {
    rig.settings = { ...rig.settings, model: 'llama3.2:3b' };
    const outcome = await rig.pipeline.complete(q('x'), signal());
    assert.ok(outcome.kind === 'failed' && outcome.failure.kind === 'noInsert');
    assert.match(outcome.failure.message, /cannot fill in the middle/);
    assert.ok(outcome.failure.actions.some((a) => a.id === 'selectCompletionModel'));
    assert.equal(generations(standIn).length, 0);
  });

  it('daemon down: no request, but the cache still serves', async () => {
    standIn.reply(() => ({ tokens: wordTokens('Result = 1;') }));
    await rig.pipeline.complete(q('const x'), signal());
    rig.available = false;
    assert.deepEqual(await rig.pipeline.complete(q('const y'), signal()), { kind: 'skipped', reason: 'daemonDown' });
    assert.equal(answer(await rig.pipeline.complete(q('const xRe'), signal())), 'sult = 1;');
    assert.equal(generations(standIn).length, 1);
  });

  it('a request that cannot reach the daemon is skipped quietly, without back-off', async () => {
    await rig.pipeline.complete(q('warm'), signal()); // model list cached
    await standIn.goDown();
    const outcome = await rig.pipeline.complete(q('const z'), signal());
    assert.ok(outcome.kind === 'skipped' && outcome.reason === 'unavailable' && outcome.failure?.kind === 'unreachable');
    await standIn.comeUp();
    standIn.reply(() => ({ tokens: wordTokens('ok;') }));
    assert.equal(answer(await rig.pipeline.complete(q('const w'), signal())), 'ok;');
  });

  it('a server error backs off automatic requests; an explicit one still goes', async () => {
    standIn.injectFault('/api/generate', { kind: 'status', status: 500, error: 'out of memory' });
    const failed = await rig.pipeline.complete(q('a', '', false), signal());
    assert.ok(failed.kind === 'failed' && failed.failure.kind === 'server');
    assert.equal((await rig.pipeline.complete(q('ab', '', false), signal())).kind, 'skipped');
    standIn.reply(() => ({ tokens: wordTokens('c;') }));
    assert.equal(answer(await rig.pipeline.complete(q('abc', '', true), signal())), 'c;');
    assert.equal(answer(await rig.pipeline.complete(q('abcd', '', false), signal())), 'c;', 'a success ends the back-off');
  });

  it('while chat streams: "wait" holds the request until chat ends', async () => {
    standIn.reply(() => ({ tokens: wordTokens('1;') }));
    const chat = rig.arbiter.beginChatStream();
    const pending = rig.pipeline.complete(q('n ='), signal());
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(generations(standIn).length, 0, 'nothing is sent while chat has the GPU');
    chat.dispose();
    assert.equal(answer(await pending), '1;');
    assert.equal(generations(standIn).length, 1);
  });

  it('while chat streams: "pause" skips completions, and they resume after', async () => {
    rig.settings = { ...rig.settings, whileChatStreams: 'pause' };
    standIn.reply(() => ({ tokens: wordTokens('1;') }));
    const chat = rig.arbiter.beginChatStream();
    assert.deepEqual(await rig.pipeline.complete(q('n ='), signal()), { kind: 'skipped', reason: 'chatStreaming' });
    chat.dispose();
    assert.equal(answer(await rig.pipeline.complete(q('n ='), signal())), '1;');
    assert.equal(generations(standIn).length, 1);
  });

  it('a cancelled caller gets "cancelled" and its request is closed', async () => {
    standIn.reply(() => ({ tokens: Array.from({ length: 300 }, (_, i) => ` w${i}`) }));
    standIn.latency.perTokenMs = 10;
    const controller = new AbortController();
    const pending = rig.pipeline.complete(q('let c = '), controller.signal);
    const running = await standIn.waitForRequest((r) => r.path === '/api/generate' && bodyOf(r).prompt !== '', 5_000);
    controller.abort();
    assert.deepEqual(await pending, { kind: 'skipped', reason: 'cancelled' });
    assert.equal(await standIn.waitForOutcome(running, 5_000), 'clientClosed');
  });

  describe('chars per token, from the daemon’s prompt_eval_count', () => {
    // Longer than any window a 1024-token context allows: the budget cuts it, so the ratio matters.
    const longFile = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i});`).join('\n');
    const cutQuery = (tail: string): CompletionQuery => q(`${longFile}\n${tail}`, '\n');
    const isProbe = (r: RecordedRequest): boolean => r.path === '/api/generate' && (bodyOf(r).options as Record<string, unknown> | undefined)?.num_predict === 1;
    const probes = (): RecordedRequest[] => generations(standIn).filter(isProbe);

    beforeEach(() => {
      rig.settings = { ...rig.settings, numCtx: 1024 };
    });

    it('learns from a stream that ends on its own', async () => {
      standIn.reply(() => ({ tokens: wordTokens('compute(400);') }));
      assert.equal(answer(await rig.pipeline.complete(cutQuery('const last = '), signal())), 'compute(400);');
      // The stand-in counts 4 characters a token; the default guess is 3.5.
      assert.equal(rig.estimator.samples(BASE), 1);
      assert.ok(Math.abs(rig.estimator.charsPerToken(BASE) - 4) < 0.1, String(rig.estimator.charsPerToken(BASE)));
      assert.deepEqual(probes(), [], 'no probe: the stream brought its own count');
    });

    it('after a stream stopped before its final chunk, one cheap probe of the same prompt brings the count', async () => {
      standIn.reply(() => ({ tokens: [...wordTokens('compute(400);\n'), ...Array.from({ length: 100 }, (_, i) => ` t${i}`)] }));
      assert.equal(answer(await rig.pipeline.complete(cutQuery('const last = '), signal())), 'compute(400);');
      assert.equal(rig.records[0]?.end, 'stopped');
      const probe = await standIn.waitForRequest(isProbe, 5_000);
      assert.equal(await standIn.waitForOutcome(probe, 5_000), 'completed');
      assert.equal(bodyOf(probe).prompt, rig.records[0]?.request.prompt, 'the same prompt: the daemon has it cached');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(rig.estimator.samples(BASE), 1);
      assert.ok(Math.abs(rig.estimator.charsPerToken(BASE) - 4) < 0.1, String(rig.estimator.charsPerToken(BASE)));
    });

    it('no probe for a file that fits the window whole, nor once the ratio is known', async () => {
      standIn.reply(() => ({ tokens: [...wordTokens('compute(1);\n'), ...Array.from({ length: 100 }, (_, i) => ` t${i}`)] }));
      assert.equal(answer(await rig.pipeline.complete(q('const small = ', '\n'), signal())), 'compute(1);');
      for (let i = 0; i < 3; i++) rig.estimator.observe(BASE, 4000, 1000);
      assert.equal(answer(await rig.pipeline.complete(cutQuery('const known = '), signal())), 'compute(1);');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(probes(), []);
    });

    it('a probe yields the daemon to the next real request at once', async () => {
      standIn.latency.timeToFirstTokenMs = 300;
      standIn.reply(() => ({ tokens: [...wordTokens('compute(400);\n'), ...Array.from({ length: 100 }, (_, i) => ` t${i}`)] }));
      await rig.pipeline.complete(cutQuery('const last = '), signal());
      const probe = await standIn.waitForRequest(isProbe, 5_000);
      await rig.pipeline.complete(cutQuery('const next = '), signal());
      assert.equal(await standIn.waitForOutcome(probe, 5_000), 'clientClosed');
    });
  });

  it('reports the overhead of each answer', async () => {
    standIn.reply(() => ({ tokens: wordTokens('1;') }));
    const outcome = await rig.pipeline.complete(q('n ='), signal());
    assert.ok(outcome.kind === 'answer' && outcome.overheadMs >= 0 && outcome.overheadMs < 1000);
    assert.equal(outcome.kind === 'answer' ? outcome.requestId : undefined, rig.records[0]?.id);
  });
});
