import * as assert from 'node:assert/strict';
import { HEARTH_SYSTEM_PROMPT } from '../../../../src/core/chat/chatPrompt';
import { findModel } from '../../../../src/core/modelName';
import { wordTokens } from '../../../fakes/ollamaStandIn';
import { attachment } from './chatFixtures';
import { INSTRUCTIONS, bodyOf, startRig } from './chatRig';
import type { Rig } from './chatRig';

describe('ConversationService (the chat core) against the stand-in', () => {
  let rig: Rig;

  beforeEach(async () => {
    rig = await startRig();
  });

  afterEach(async () => {
    rig.chat.dispose();
    await rig.daemon.close();
  });

  it('saves the question before the request leaves, streams the answer to the view, and resolves with the settled turn', async () => {
    let onDiskWhenAsked: string[] = [];
    rig.standIn.reply(() => {
      onDiskWhenAsked = [...rig.fs.files.keys()];
      return { tokens: wordTokens('Bonjour, voici la réponse.') };
    });
    const answer = await rig.chat.send('What does this do?');
    assert.ok(answer);
    assert.equal(answer.status, 'done');
    assert.equal(answer.text, 'Bonjour, voici la réponse.');
    assert.ok(answer.stats && answer.stats.evalTokens > 0 && answer.stats.promptTokens > 0);
    assert.ok(onDiskWhenAsked.some((name) => name.endsWith('.json')), 'the question was on disk when the daemon was asked');
    const deltas = rig.posted.filter((m) => m.type === 'chatDelta');
    assert.equal(deltas.map((m) => (m.type === 'chatDelta' ? m.text : '')).join(''), answer.text, 'the deltas add up to the answer');
    assert.deepEqual((await rig.stored())?.turns.map((t) => [t.role, t.text]), [['user', 'What does this do?'], ['assistant', answer.text]]);
    assert.equal(rig.chat.active().title, 'What does this do?');
    assert.equal(rig.gpuHeld, 0, 'completions are let go once the answer ends');
  });

  it('sends, as the system message, exactly the instructions the session shows', async () => {
    rig.attachments = [attachment('app.ts:1-3', 'const port = 8080;')];
    rig.chat.pushSession();
    const shown = rig.lastSession();
    assert.deepEqual(shown?.instructions, { status: 'ready', files: ['AGENTS.md'], tokens: 10 });
    rig.standIn.reply(() => ({ tokens: wordTokens('Oui.') }));
    await rig.chat.send('Explain');
    const body = bodyOf(rig.standIn.requestsTo('/api/chat').at(-1));
    assert.equal(body.messages[0]?.role, 'system');
    assert.equal(body.messages[0]?.content, `${HEARTH_SYSTEM_PROMPT}\n\n${INSTRUCTIONS.text}`);
    assert.ok(body.messages.at(-1)?.content.includes('const port = 8080;'), 'the attachment travels with the question');

    // What the view is shown changes: the next request follows it, not a copy of its own.
    rig.instructions = { summary: { status: 'untrusted' }, text: '' };
    rig.chat.pushSession();
    assert.deepEqual(rig.lastSession()?.instructions, { status: 'untrusted' });
    await rig.chat.send('And now?');
    assert.equal(bodyOf(rig.standIn.requestsTo('/api/chat').at(-1)).messages[0]?.content, HEARTH_SYSTEM_PROMPT);
  });

  it('Stop closes the request at the daemon and keeps the partial answer, marked stopped, on disk too', async () => {
    rig.standIn.latency.perTokenMs = 30;
    rig.standIn.reply(() => ({ tokens: wordTokens(Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ')) }));
    const sending = rig.chat.send('Write a lot');
    const request = await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    await rig.standIn.waitForRequest(() => request.tokensSent >= 4, 5_000);
    assert.equal(rig.chat.streaming, true);
    rig.chat.stop();
    const answer = await sending;
    assert.equal(await rig.standIn.waitForOutcome(request), 'clientClosed');
    assert.equal(answer?.status, 'stopped');
    assert.match(answer?.text ?? '', /^w0 w1 w2/);
    assert.ok(request.tokensSent < 200);
    const last = (await rig.stored())?.turns.at(-1);
    assert.equal(last?.role === 'assistant' && last.status, 'stopped');
    assert.equal(rig.chat.streaming, false);
  });

  it("the caller's AbortSignal stops the answer the same way, end to end", async () => {
    rig.standIn.latency.perTokenMs = 30;
    rig.standIn.reply(() => ({ tokens: wordTokens('x '.repeat(200)) }));
    const abort = new AbortController();
    const sending = rig.chat.send('Go', [], abort.signal);
    const request = await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    await rig.standIn.waitForRequest(() => request.tokensSent >= 2, 5_000);
    abort.abort();
    assert.equal((await sending)?.status, 'stopped');
    assert.equal(await rig.standIn.waitForOutcome(request), 'clientClosed');
  });

  it('an error mid-stream keeps what arrived with a readable error and Retry, and Retry answers again', async () => {
    rig.standIn.reply(() => ({ tokens: wordTokens('Partial answer then the rest') }));
    rig.standIn.injectFault('/api/chat', { kind: 'midStreamError', afterTokens: 2, error: 'CUDA error: out of memory' });
    const failed = await rig.chat.send('Try');
    assert.equal(failed?.status, 'error');
    assert.equal(failed?.text, 'Partial answer');
    assert.match(failed?.error?.message ?? '', /out of memory/);
    assert.deepEqual(failed?.error?.actions.map((a) => a.id)[0], 'retryTurn');
    assert.ok(!failed?.error?.actions.some((a) => a.id === 'retry'), 'Retry means this turn, not the connection');

    const retried = await rig.chat.regenerate(failed?.id ?? '');
    assert.equal(retried?.status, 'done');
    assert.equal(retried?.text, 'Partial answer then the rest');
    assert.deepEqual(rig.chat.active().turns.map((t) => t.role), ['user', 'assistant'], 'the failed answer was replaced, the question kept');
  });

  it('an answer past the reply cap is stopped at the daemon, keeps what arrived, and says why with Open Settings', async () => {
    rig.maxReplyBytes = 10_000;
    // 3-byte characters: the cap counts bytes, not characters.
    rig.standIn.reply(() => ({ tokens: Array.from({ length: 5_000 }, () => '€€€€ ') }));
    const answer = await rig.chat.send('Repeat forever');
    const request = rig.standIn.requestsTo('/api/chat').at(-1);
    assert.ok(request);
    assert.equal(await rig.standIn.waitForOutcome(request), 'clientClosed');
    assert.ok(request.tokensSent < 5_000, `${request.tokensSent} tokens sent`);
    assert.equal(answer?.status, 'error');
    const bytes = new TextEncoder().encode(answer?.text ?? '').length;
    assert.ok(bytes > 10_000 && bytes <= 10_013, `${bytes} bytes kept`);
    assert.match(answer?.error?.message ?? '', /^Stopped at 10\.0 KB: this answer passed the reply cap \(hearth\.chat\.maxReplyBytes\)/);
    assert.deepEqual(answer?.error?.actions.map((a) => a.id), ['openSettings']);
    const stored = (await rig.stored())?.turns.at(-1);
    assert.equal(stored?.text, answer?.text, 'what arrived is on disk');
    assert.equal(rig.gpuHeld, 0);
  });

  it('a question that cannot fit the window fails with Open Settings, and nothing is sent', async () => {
    rig.numCtx = 512;
    const answer = await rig.chat.send('x'.repeat(20_000));
    assert.equal(answer?.status, 'error');
    assert.match(answer?.error?.message ?? '', /do not fit the model's context window \(512 tokens\)/);
    assert.deepEqual(answer?.error?.actions.map((a) => a.id), ['openSettings']);
    assert.equal(rig.standIn.requestsTo('/api/chat').length, 0);
  });

  it('one answer at a time: a second message while one streams is refused, with a note', async () => {
    rig.standIn.latency.perTokenMs = 20;
    rig.standIn.reply(() => ({ tokens: wordTokens('slow '.repeat(40)) }));
    const first = rig.chat.send('First');
    await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    assert.equal(await rig.chat.send('Second'), undefined);
    assert.equal(rig.flashes.length, 1);
    rig.chat.stop();
    await first;
    assert.equal(rig.standIn.requestsTo('/api/chat').length, 1);
  });

  it('a message sent before the view knew an answer had started is given back to the input, not dropped', async () => {
    // Found by npm run soak: the view still showed Send while the host saved the
    // first question; the second, sent then, was refused after the view had
    // already emptied its input, and was gone.
    rig.standIn.latency.perTokenMs = 20;
    rig.standIn.reply(() => ({ tokens: wordTokens('slow '.repeat(40)) }));
    const first = rig.chat.send('First');
    await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    rig.posted.length = 0;
    assert.equal(await rig.chat.send('Second, sent too soon'), undefined);
    assert.deepEqual(rig.posted.filter((m) => m.type === 'chatCompose'), [{ type: 'chatCompose', text: 'Second, sent too soon' }]);
    rig.chat.stop();
    await first;
    assert.deepEqual((await rig.stored())?.turns.filter((t) => t.role === 'user').map((t) => t.text), ['First'], 'nothing half-sent is stored');
  });

  it('edit-and-resend replaces the question and what followed it', async () => {
    rig.standIn.reply(() => ({ tokens: wordTokens('One.') }));
    await rig.chat.send('First question');
    await rig.chat.send('Second question');
    const first = rig.chat.active().turns[0];
    assert.ok(first);
    rig.standIn.reply(() => ({ tokens: wordTokens('Edited.') }));
    await rig.chat.editResend(first.id, 'First, edited');
    assert.deepEqual(rig.chat.active().turns.map((t) => t.text), ['First, edited', 'Edited.']);
    assert.equal(rig.chat.active().title, 'First, edited');
    assert.equal(bodyOf(rig.standIn.requestsTo('/api/chat').at(-1)).messages.length, 2, 'system and the edited question only');
  });

  it('each conversation keeps its model: only an installed one, and a thinking model is asked to think', async () => {
    await rig.chat.setModel('not-installed:1b');
    assert.equal(rig.chat.active().model, 'llama3.2:3b');
    await rig.chat.setModel('deepseek-r1:7b');
    assert.equal(rig.chat.active().model, 'deepseek-r1:7b');
    rig.standIn.reply(() => ({ tokens: wordTokens('Answer.'), thinking: wordTokens('Hmm.') }));
    const answer = await rig.chat.send('Think');
    assert.equal(answer?.thinking, 'Hmm.');
    const body = bodyOf(rig.standIn.requestsTo('/api/chat').at(-1));
    assert.equal(body.model, 'deepseek-r1:7b');
    assert.equal(body.think, true);
    await rig.chat.newChat();
    assert.equal(rig.chat.active().model, 'llama3.2:3b', 'a new chat starts on the configured model');
  });

  it('deleting the conversation being answered stops the answer first', async () => {
    rig.standIn.latency.perTokenMs = 30;
    rig.standIn.reply(() => ({ tokens: wordTokens('y '.repeat(200)) }));
    const sending = rig.chat.send('Long');
    const request = await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    const id = rig.chat.active().id;
    await rig.chat.remove(id);
    assert.equal((await sending)?.status, 'stopped');
    assert.equal(await rig.standIn.waitForOutcome(request), 'clientClosed');
    assert.notEqual(rig.chat.active().id, id);
    assert.equal([...rig.fs.files.keys()].some((name) => name.startsWith(id)), false);
  });

  it('closing the window mid-answer writes what arrived, marked interrupted', async () => {
    rig.standIn.latency.perTokenMs = 30;
    rig.standIn.reply(() => ({ tokens: wordTokens('z '.repeat(200)) }));
    const sending = rig.chat.send('Long');
    await rig.standIn.waitForRequest((r) => r.path === '/api/chat');
    const streamed = (): string => rig.chat.active().turns.at(-1)?.text ?? '';
    while (streamed().length < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    const partial = streamed();
    rig.chat.dispose();
    await sending;
    const versions = rig.fs.written.map((w) => JSON.parse(w.text) as { turns: { status?: string; text: string }[] });
    const interrupted = versions.find((c) => c.turns.at(-1)?.status === 'interrupted');
    assert.ok(interrupted, `written: ${versions.map((c) => c.turns.at(-1)?.status).join(', ')}`);
    assert.equal(interrupted.turns.at(-1)?.text, partial, 'what had arrived when the window closed');
  });

  it('the budget counts the window the model really gets: num_ctx capped by its own context length', () => {
    rig.numCtx = 1_000_000;
    rig.chat.pushSession();
    const budget = rig.lastSession()?.budget;
    const own = rig.connection.status === 'connected' ? findModel(rig.connection.models, 'llama3.2:3b')?.contextLength : undefined;
    assert.ok(own !== undefined && own < 1_000_000);
    assert.equal(budget?.contextTokens, own);
  });
});
