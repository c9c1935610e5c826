import * as assert from 'node:assert/strict';
import { DeltaBatcher } from '../../../../src/core/chat/deltaBatcher';
import { AnswerRun } from '../../../../src/core/chat/answerRun';
import type { AnswerOutcome } from '../../../../src/core/chat/answerRun';
import type { AnswerEngine } from '../../../../src/core/chat/chatPorts';
import type { ChatRequest } from '../../../../src/core/engine/engineTypes';
import type { OllamaService } from '../../../../src/ollama/ollamaService';
import { wordTokens } from '../../../fakes/ollamaStandIn';
import type { OllamaStandIn } from '../../../fakes/ollamaStandIn';
import { StandInService } from '../../../fakes/standInService';

describe('AnswerRun against the stand-in', () => {
  let rig: StandInService;
  let standIn: OllamaStandIn;
  let service: OllamaService;
  let gpuHeld = 0;
  const engine = (): AnswerEngine => ({
    server: service,
    beginChatStream: () => {
      gpuHeld++;
      return { dispose: () => gpuHeld-- };
    },
  });
  /** Runs one answer; `onText` sees each piece as it arrives. */
  const streamAnswer = async (request: ChatRequest, signal: AbortSignal, onText: (text: string, thinking: string) => void): Promise<AnswerOutcome> =>
    (await new AnswerRun(engine(), request, onText, signal).run()).outcome;
  const request = { model: 'llama3.2:3b', messages: [{ role: 'user' as const, content: 'hi' }] };

  beforeEach(async () => {
    // A watchdog short enough for the silent-server case, long enough for a loaded machine.
    rig = await StandInService.start({
      standIn: { latency: { loadMs: 0, timeToFirstTokenMs: 1, perPromptTokenMs: 0, perTokenMs: 5 } },
      timeouts: { metadataMs: 1_000, firstChunkMs: 2_000, idleMs: 1_000 },
    });
    ({ standIn, service } = rig);
    gpuHeld = 0;
  });
  afterEach(async () => {
    await rig.close();
  });

  it('streams text and thinking apart, and reports the final statistics', async () => {
    standIn.reply(() => ({ tokens: wordTokens('The answer.'), thinking: wordTokens('Hmm.') }));
    let text = '';
    let thinking = '';
    const outcome = await streamAnswer({ ...request, model: 'deepseek-r1:7b', think: true }, new AbortController().signal, (t, th) => {
      text += t;
      thinking += th;
      assert.equal(gpuHeld, 1, 'completions are held back while the answer streams');
    });
    assert.equal(text, 'The answer.');
    assert.equal(thinking, 'Hmm.');
    assert.equal(outcome.status, 'done');
    assert.ok(outcome.status === 'done' && outcome.stats.evalTokens === 3);
    assert.equal(gpuHeld, 0, 'released when the answer ends');
  });

  it('stop closes the connection: the stand-in sees it and the outcome is "stopped"', async () => {
    standIn.reply(() => ({ tokens: wordTokens('w '.repeat(200)) }));
    const abort = new AbortController();
    let chunks = 0;
    const outcome = await streamAnswer(request, abort.signal, () => {
      if (++chunks === 3) abort.abort();
    });
    assert.deepEqual(outcome, { status: 'stopped' });
    const [rec] = standIn.requestsTo('/api/chat');
    assert.ok(rec);
    assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
    assert.ok(rec.tokensSent < 200);
    assert.equal(gpuHeld, 0);
  });

  for (const [name, fault, kind] of [
    ['an error line mid-stream', { kind: 'midStreamError', afterTokens: 2, error: 'out of memory' }, 'streamError'],
    ['a stream that ends without done', { kind: 'endWithoutDone', afterTokens: 2 }, 'streamIncomplete'],
    ['a server that goes silent', { kind: 'hangAfterTokens', afterTokens: 2 }, 'timeout'],
    ['a 500 before any text', { kind: 'status', status: 500, error: 'llama runner process has terminated' }, 'server'],
  ] as const) {
    it(`${name} is an error outcome with what arrived kept by the caller`, async () => {
      standIn.reply(() => ({ tokens: wordTokens('one two three four five') }));
      standIn.injectFault('/api/chat', fault);
      let text = '';
      const outcome = await streamAnswer(request, new AbortController().signal, (t) => (text += t));
      assert.equal(outcome.status, 'error');
      assert.equal(outcome.status === 'error' && outcome.failure.kind, kind);
      if (fault.kind !== 'status') assert.equal(text, 'one two');
      assert.equal(gpuHeld, 0);
    });
  }

  it('its result carries what arrived; stop() by its owner closes the request; it runs once', async () => {
    standIn.latency.perTokenMs = 20;
    standIn.reply(() => ({ tokens: wordTokens('a b c d e f g h i j k l m n o p'), thinking: wordTokens('Let me see.') }));
    const pieces: string[] = [];
    const run = new AnswerRun(engine(), { ...request, model: 'deepseek-r1:7b', think: true }, (text) => {
      if (text) pieces.push(text);
      if (pieces.length === 3) run.stop();
    });
    const result = await run.run();
    assert.equal(result.outcome.status, 'stopped');
    assert.equal(result.thinking, 'Let me see.');
    assert.equal(result.text, pieces.join(''));
    assert.equal(result.text, run.text, 'the run shows the same text while it streams');
    const [rec] = standIn.requestsTo('/api/chat');
    assert.ok(rec);
    assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
    await assert.rejects(run.run(), /runs once/);
  });

  it('an answer whose caller already gave up ends as "stopped", empty, with completions let go', async () => {
    const abort = new AbortController();
    abort.abort();
    const result = await new AnswerRun(engine(), request, undefined, abort.signal).run();
    assert.deepEqual(result, { outcome: { status: 'stopped' }, text: '', thinking: '' });
    assert.equal(gpuHeld, 0);
  });

  it('a reply past its byte cap is cut there: the request is closed and the outcome says "capped"', async () => {
    standIn.reply(() => ({ tokens: Array.from({ length: 400 }, () => 'ab ') }));
    let text = '';
    const run = new AnswerRun(engine(), request, (t) => (text += t), undefined, 100);
    const result = await run.run();
    assert.deepEqual(result.outcome, { status: 'capped', limitBytes: 100 });
    assert.equal(result.text, text);
    assert.equal(text.length, 102, 'the piece that crossed the cap is the last one kept');
    const [rec] = standIn.requestsTo('/api/chat');
    assert.ok(rec);
    assert.equal(await standIn.waitForOutcome(rec), 'clientClosed');
    assert.equal(gpuHeld, 0);
  });

  it('a missing model is an error that offers to pull it', async () => {
    const outcome = await streamAnswer({ ...request, model: 'nope:1b' }, new AbortController().signal, () => undefined);
    assert.ok(outcome.status === 'error');
    assert.equal(outcome.failure.kind, 'modelMissing');
    assert.ok(outcome.failure.actions.some((a) => a.id === 'pullModel'));
  });
});

describe('DeltaBatcher', () => {
  it('delivers once per interval, in order, and everything on flush', async () => {
    const delivered: string[] = [];
    const batcher = new DeltaBatcher((text, thinking) => delivered.push(`${thinking}|${text}`), 20);
    batcher.add('a', '');
    batcher.add('b', 't');
    assert.deepEqual(delivered, []);
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(delivered, ['t|ab']);
    batcher.add('c', '');
    batcher.flush();
    assert.deepEqual(delivered, ['t|ab', '|c']);
    batcher.add('lost', '');
    batcher.discard();
    await new Promise((r) => setTimeout(r, 40));
    assert.deepEqual(delivered, ['t|ab', '|c']);
  });
});
