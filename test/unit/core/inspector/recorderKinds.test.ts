import * as assert from 'node:assert/strict';
import { runAgent } from '../../../../src/core/agent/agentRun';
import { verifyCommandsFrom } from '../../../../src/core/agent/verifyCommands';
import { AnswerRun } from '../../../../src/core/chat/answerRun';
import { CharsPerTokenEstimator } from '../../../../src/core/completion/charsPerToken';
import { createCompletionPipeline } from '../../../../src/core/completion/createCompletionPipeline';
import { TokenCountProbe } from '../../../../src/core/completion/tokenCountProbe';
import { InspectorRecorder } from '../../../../src/core/inspector/inspectorRecorder';
import type { ExchangeRecord } from '../../../../src/core/inspector/exchangeRecord';
import { describeExchange } from '../../../../src/core/inspector/describeExchange';
import { nullLogger } from '../../../../src/core/logger';
import { MemoryExecutor } from '../../../fakes/memoryExecutor';
import type { RecordedRequest } from '../../../fakes/ollamaStandIn';
import { scriptedChat, textReply } from '../../../fakes/standInScript';
import { StandInService } from '../../../fakes/standInService';

const TIMEOUTS = { metadataMs: 2_000, firstChunkMs: 2_000, idleMs: 2_000 };
const BASE = 'qwen2.5-coder:1.5b-base';
const CHAT = 'qwen2.5-coder:7b';

/** The recorder's body is the stand-in's raw body, byte for byte (UTF-8). */
function assertSameBytes(record: ExchangeRecord | undefined, request: RecordedRequest | undefined): void {
  assert.ok(record?.body !== undefined, 'the recorder kept a body');
  assert.ok(request, 'the stand-in saw the request');
  assert.ok(Buffer.from(record.body, 'utf8').equals(Buffer.from(request.rawBody, 'utf8')), `recorded ${record.body.slice(0, 120)}… vs sent ${request.rawBody.slice(0, 120)}…`);
  assert.equal(record.url, `http://${String(request.headers.host)}${request.path}`);
}

describe('inspector: every kind of request is recorded exactly as sent', () => {
  let rig: StandInService;
  let recorder: InspectorRecorder;
  beforeEach(async () => {
    recorder = new InspectorRecorder();
    rig = await StandInService.start({ recorder, timeouts: TIMEOUTS });
  });
  afterEach(() => rig.close());

  it('a completion from the real pipeline: its body, its origin id, the daemon figures, and post-processing replayed to the text shown', async () => {
    rig.standIn.reply((req) => (req.path === '/api/generate' && req.body.prompt !== '' ? { tokens: ['a', ' + b;\n', '}\n', 'const x = 1;'] } : undefined));
    const built = createCompletionPipeline({
      backend: rig.service, settings: () => ({ model: BASE, numCtx: 4096, maxTokens: 64, whileChatStreams: 'wait' }), log: nullLogger,
      baseDebounceMs: () => 0, orphanGraceMs: 0, daemonAvailable: () => true,
    });
    const outcome = await built.pipeline.complete({ docKey: 'file:///w/a.ts', docPrefix: 'function add(a, b) {\n  return ', docSuffix: '\n', languageId: 'typescript', explicit: true, filePath: 'a.ts' }, new AbortController().signal);
    built.pipeline.dispose();
    assert.equal(outcome.kind, 'answer');
    const record = recorder.latest('completion');
    const sent = rig.standIn.requestsTo('/api/generate').filter((r) => (r.body as { prompt?: string }).prompt !== '').at(-1);
    assertSameBytes(record, sent);
    assert.equal(record?.start.trace.originId, `completion-${outcome.kind === 'answer' ? outcome.requestId : -1}`);
    assert.equal(record?.start.endpoint, '/api/generate');
    const detail = describeExchange(record);
    const shown = detail.sections.find((s) => s.title === 'Shown');
    assert.equal(shown?.text, outcome.kind === 'answer' ? outcome.text : '', 'the replayed rules end in the text the editor got');
    assert.ok(detail.sections.some((s) => s.title === 'Post-processing, rule by rule' && /end of (line|block)/.test(s.text)));
    assert.ok(detail.sections.some((s) => s.title === 'Model output (raw, as streamed)' && s.text.startsWith('a + b;')));
  });

  it('a chat answer: messages as sent, the turn id as origin, prompt_eval_count and eval_count', async () => {
    const request = { model: CHAT, messages: [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Say “hé” — ünïcode 🚀' }] };
    const run = new AnswerRun({ server: rig.service, beginChatStream: () => ({ dispose: () => undefined }) }, request, undefined, undefined, undefined, { kind: 'chat', originId: 'turn-1' });
    const result = await run.run();
    assert.equal(result.outcome.status, 'done');
    const record = recorder.byOrigin('turn-1');
    assertSameBytes(record, rig.standIn.requestsTo('/api/chat').at(-1));
    assert.equal(record?.start.trace.kind, 'chat');
    assert.equal(record?.textParts.join(''), result.text);
    const facts = describeExchange(record).facts;
    assert.ok(facts.some((f) => f.label === 'prompt_eval_count' && Number(f.value) > 0));
    assert.ok(facts.some((f) => f.label === 'eval_count' && Number(f.value) > 0));
  });

  it('a chat answer stopped by the user says so', async () => {
    rig.standIn.latency.perTokenMs = 20;
    rig.standIn.reply(() => ({ tokens: Array.from({ length: 200 }, () => 'word ') }));
    const run = new AnswerRun({ server: rig.service, beginChatStream: () => ({ dispose: () => undefined }) }, { model: CHAT, messages: [{ role: 'user', content: 'Long, please' }] }, () => run.stop(), undefined, undefined, { kind: 'chat', originId: 'turn-2' });
    const result = await run.run();
    assert.equal(result.outcome.status, 'stopped');
    assert.deepEqual(recorder.byOrigin('turn-2')?.ending, { kind: 'aborted', reason: 'stopped by the user' });
  });

  it('agent steps: each model step with its run/step origin and the tools offered', async () => {
    rig.standIn.reply(scriptedChat([{ turn: 0, reply: textReply('Nothing to do.') }]));
    const record = await runAgent({
      id: 'run-7', task: 'Look around.', model: CHAT, instructions: '', verifyCommands: verifyCommandsFrom(''), server: rig.service,
      executor: new MemoryExecutor({}), approve: () => Promise.resolve({ approved: true }), onEvent: () => undefined, signal: new AbortController().signal,
      contextTokens: 4096, charsPerToken: 3.5, approval: { autoApproveEdits: false },
    });
    assert.equal(record.outcome.kind, 'answered');
    const step = recorder.byOrigin('run-7/1');
    assert.equal(step?.start.trace.kind, 'agentStep');
    assertSameBytes(step, rig.standIn.requestsTo('/api/chat').at(0));
    assert.ok(describeExchange(step).sections.some((s) => s.title === 'Tools offered (7)'));
  });

  it('a warm-up and a token-count probe, each under its own kind', async () => {
    const warmed = await rig.service.warm(BASE);
    assert.ok(warmed.ok);
    assertSameBytes(recorder.latest('warmUp'), rig.standIn.requestsTo('/api/generate').at(-1));
    const estimator = new CharsPerTokenEstimator();
    const probe = new TokenCountProbe((request, signal, trace) => rig.service.generate(request, signal, trace), estimator, nullLogger);
    probe.probe({ model: BASE, request: { model: BASE, prompt: 'x'.repeat(400), raw: true }, promptChars: 400, numCtx: 4096 });
    await rig.standIn.waitForRequest((r) => (r.body as { options?: { num_predict?: number } } | undefined)?.options?.num_predict === 1);
    await waitUntil(() => recorder.latest('probe')?.ending !== undefined);
    const record = recorder.latest('probe');
    assert.equal(record?.start.trace.originId, 'token-count');
    assertSameBytes(record, rig.standIn.requestsTo('/api/generate').at(-1));
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
