import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { Conversation, StoredAssistantTurn } from '../../../src/core/chat/conversation';
import { ConversationStore } from '../../../src/core/chat/conversationStore';
import { nullLogger } from '../../../src/core/logger';
import { WorkspaceStoreFs } from '../../../src/features/chat/workspaceStoreFs';
import type { ChatSession, HostToWebview } from '../../../src/shared/protocol';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import type { RecordedRequest } from '../../fakes/ollamaStandIn';
import { activateHearth, setHearthSetting, waitForChatSession, waitForConnection, waitForEvent } from '../hearthApi';

interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  options?: { num_ctx?: number };
  think?: boolean;
}

const bodyOf = (r: RecordedRequest): ChatBody => r.body as ChatBody;

describe('Chat, inside VS Code', function () {
  this.timeout(60_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let root: vscode.Uri;
  const posted: HostToWebview[] = [];
  const subscriptions: vscode.Disposable[] = [];

  const send = (message: unknown): Promise<void> => api.panel.handleMessage(message);
  const active = (): Conversation => api.chat.service.active();
  const lastAnswer = (): StoredAssistantTurn => {
    const turn = active().turns.at(-1);
    assert.ok(turn?.role === 'assistant', 'the conversation ends with an answer');
    return turn;
  };
  const session = (): ChatSession => api.chat.service.session();
  const waitForSession = (pred: (s: ChatSession) => boolean, what: string): Promise<ChatSession> =>
    waitForChatSession(api, pred, what, 15_000, (s) => JSON.stringify({ context: s.context, streaming: s.streaming, setup: s.setup }).slice(0, 400));

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 5 } });
    api = await activateHearth();
    subscriptions.push(api.chat.service.onDidPost((m) => posted.push(m)));
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    root = folder.uri;
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
    await api.chat.service.newChat();
  });

  after(async () => {
    for (const s of subscriptions) s.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['chat.model', 'ollama.host']) await setHearthSetting(key, undefined);
    await standIn.close();
  });

  it('sends the question with the AGENTS.md chain and the attached selection, and stores the streamed answer', async () => {
    const file = vscode.Uri.joinPath(root, 'monorepo', 'packages', 'api', 'src', 'server.ts');
    const editor = await vscode.window.showTextDocument(file);
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    editor.selection = new vscode.Selection(all.start, all.end);
    await waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/api/src/server.ts', 'the api chain', 15_000, (s) => s.status);
    const chips = await waitForSession((s) => s.context.some((c) => c.kind === 'selection' && c.label.startsWith('server.ts:')), 'the selection chip');
    assert.deepEqual(chips.instructions, { status: 'ready', files: ['monorepo/AGENTS.md', 'monorepo/packages/api/AGENTS.md'], tokens: chips.instructions.status === 'ready' ? chips.instructions.tokens : 0 });

    standIn.reply(() => ({ tokens: wordTokens('It exports the port.\n\n```ts\nexport const port = 8080;\n```') }));
    await send({ type: 'chatSend', text: 'What does this file do?' });

    const request = await standIn.waitForRequest((r) => r.path === '/api/chat');
    const body = bodyOf(request);
    assert.equal(body.model, 'qwen2.5-coder:7b');
    const system = body.messages[0];
    assert.equal(system?.role, 'system');
    assert.ok(system.content.includes('Root rule') && system.content.includes('API rule'), system.content);
    assert.ok(system.content.indexOf('Root rule') < system.content.indexOf('API rule'), 'the nearest instructions come last');
    const question = body.messages.at(-1);
    assert.equal(question?.role, 'user');
    assert.ok(question.content.includes(editor.document.getText().trim()), 'the selection travels with the question');
    assert.ok(question.content.trimEnd().endsWith('What does this file do?'));
    assert.equal(body.options?.num_ctx, 4096, 'the same num_ctx as completions');

    const answer = lastAnswer();
    assert.equal(answer.status, 'done');
    assert.equal(answer.text, 'It exports the port.\n\n```ts\nexport const port = 8080;\n```');
    const deltas = posted.filter((m) => m.type === 'chatDelta' && m.turnId === answer.id);
    assert.ok(deltas.length > 0, 'the answer was streamed to the view');
    assert.equal(deltas.map((m) => (m.type === 'chatDelta' ? m.text : '')).join(''), answer.text, 'the deltas add up to the answer');
    assert.equal(active().title, 'What does this file do?');
  });

  it('Stop closes the connection at the stand-in and keeps the partial answer, on disk too', async () => {
    standIn.latency.perTokenMs = 40;
    standIn.reply(() => ({ tokens: wordTokens(Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ')) }));
    const before = standIn.requestsTo('/api/chat').length;
    const sending = send({ type: 'chatSend', text: 'Write a long essay' });
    const request = await standIn.waitForRequest((r) => r.path === '/api/chat' && standIn.requestsTo('/api/chat').indexOf(r) === before, 15_000);
    await standIn.waitForRequest(() => request.tokensSent >= 5, 15_000);
    await waitForSession((s) => s.streaming, 'streaming to show');
    await send({ type: 'chatStop' });
    assert.equal(await standIn.waitForOutcome(request, 10_000), 'clientClosed', 'the HTTP request was closed');
    await sending;
    const answer = lastAnswer();
    assert.equal(answer.status, 'stopped');
    assert.match(answer.text, /^ ?word0 word1 word2 word3/);
    assert.ok(request.tokensSent < 300);
    standIn.latency.perTokenMs = 5;

    const stored = await new ConversationStore(new WorkspaceStoreFs(api.chat.storeFolder), nullLogger).loadAll();
    const onDisk = stored.conversations.find((c) => c.id === active().id)?.turns.at(-1);
    assert.ok(onDisk?.role === 'assistant');
    assert.equal(onDisk.status, 'stopped');
    assert.equal(onDisk.text, answer.text);
  });

  it('an error mid-stream leaves the partial answer, a readable error and a Retry that works', async () => {
    standIn.reply(() => ({ tokens: wordTokens('Partial answer then more words follow here') }));
    standIn.injectFault('/api/chat', { kind: 'midStreamError', afterTokens: 2, error: 'CUDA error: out of memory' });
    await send({ type: 'chatSend', text: 'Try something heavy' });
    const failed = lastAnswer();
    assert.equal(failed.status, 'error');
    assert.match(failed.error?.message ?? '', /out of memory/);
    assert.ok(failed.error?.actions.some((a) => a.id === 'retryTurn'), 'Retry is offered');
    assert.equal(failed.text, 'Partial answer');
    const turnsBefore = active().turns.length;

    await send({ type: 'chatRegenerate', turnId: failed.id });
    const retried = lastAnswer();
    assert.notEqual(retried.id, failed.id);
    assert.equal(retried.status, 'done');
    assert.equal(retried.text, 'Partial answer then more words follow here');
    assert.equal(active().turns.length, turnsBefore, 'the failed answer was replaced, the question kept');
  });

  it('a daemon that is down gives a clear error in the conversation; the question is kept', async () => {
    await standIn.goDown();
    try {
      await send({ type: 'chatSend', text: 'Are you there?' });
      const failed = lastAnswer();
      assert.equal(failed.status, 'error');
      assert.match(failed.error?.message ?? '', /Cannot reach Ollama/);
      assert.ok(failed.error?.actions.some((a) => a.id === 'startOllamaHelp'));
      assert.equal(active().turns.at(-2)?.text, 'Are you there?');
    } finally {
      await standIn.comeUp();
    }
    await waitForConnection(api, (s) => s.status === 'connected', 'the stand-in back', 30_000);
  });

  it('restores the conversation when the webview is disposed and re-created', async () => {
    const id = active().id;
    const expected = active().turns.map((t) => t.id);
    posted.length = 0;
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const turnsPosted = (): HostToWebview | undefined => posted.find((m) => m.type === 'chatTurns');
    const restored = await waitForEvent(
      turnsPosted,
      (listener) =>
        api.chat.service.onDidPost(() => {
          listener(turnsPosted());
        }),
      (m) => m !== undefined,
      'the turns after the reload',
      30_000,
      () => posted.map((m) => m.type).join(','),
    );
    assert.ok(restored?.type === 'chatTurns');
    assert.equal(restored.conversationId, id);
    assert.deepEqual(restored.turns.map((t) => t.id), expected);
    assert.ok(posted.some((m) => m.type === 'chatSession' && m.session.activeId === id));
  });

  it('edit-and-resend replaces the question and what followed it', async () => {
    const question = active().turns.find((t) => t.role === 'user' && t.text === 'Try something heavy');
    assert.ok(question);
    standIn.reply(() => ({ tokens: wordTokens('A lighter answer') }));
    await send({ type: 'chatEditResend', turnId: question.id, text: 'Try something light' });
    const turns = active().turns;
    assert.equal(turns.at(-2)?.text, 'Try something light');
    assert.equal(turns.at(-1)?.text, 'A lighter answer');
    assert.ok(!turns.some((t) => t.text === 'Are you there?'), 'later turns are dropped');
    const request = standIn.requestsTo('/api/chat').at(-1);
    assert.ok(request);
    assert.ok(!bodyOf(request).messages.some((m) => m.content.includes('Try something heavy')));
  });

  it('only acts on code that the answer contains, and refuses command links', async () => {
    const answer = active().turns.find((t) => t.role === 'assistant' && t.text.includes('export const port'));
    assert.ok(answer);
    assert.equal(api.chat.service.isFromAnswer(answer.id, 'export const port = 8080;\n'), true);
    assert.equal(api.chat.service.isFromAnswer(answer.id, 'process.exit(1)'), false);
    const executed: string[] = [];
    const sub = vscode.commands.registerCommand('hearth.test.probe', () => executed.push('probe'));
    try {
      await send({ type: 'chatOpenLink', href: 'command:hearth.test.probe' });
      await send({ type: 'chatCodeAction', action: 'copy', turnId: answer.id, code: 'rm -rf /', language: 'sh' });
      assert.deepEqual(executed, []);
      assert.notEqual(await vscode.env.clipboard.readText(), 'rm -rf /');
      await send({ type: 'chatCodeAction', action: 'copy', turnId: answer.id, code: 'export const port = 8080;', language: 'ts' });
      assert.equal(await vscode.env.clipboard.readText(), 'export const port = 8080;');
    } finally {
      sub.dispose();
    }
  });

  it('Explain This sends the request with exactly the selection attached', async () => {
    const file = vscode.Uri.joinPath(root, 'src', 'app.ts');
    const editor = await vscode.window.showTextDocument(file);
    const start = editor.document.getText().indexOf('export function addTodo');
    assert.ok(start >= 0);
    const from = editor.document.positionAt(start);
    editor.selection = new vscode.Selection(from, new vscode.Position(from.line + 3, 1));
    standIn.reply(() => ({ tokens: wordTokens('It appends a todo.') }));
    const before = standIn.requestsTo('/api/chat').length;
    await vscode.commands.executeCommand('hearth.chat.explain');
    await api.chat.service.whenIdle();
    const request = standIn.requestsTo('/api/chat')[before];
    assert.ok(request, 'the request was sent');
    const question = bodyOf(request).messages.at(-1)?.content ?? '';
    assert.ok(question.includes(editor.document.getText(editor.selection)), 'the selection is attached');
    assert.ok(!question.includes('completeTodo'), 'only the selection');
    assert.match(question, /Explain what the selected TypeScript code does/);
    const asked = active().turns.at(-2);
    assert.ok(asked?.role === 'user');
    assert.deepEqual(asked.context.map((c) => [c.kind, c.label]), [['selection', 'app.ts:7-10']]);
    assert.equal(lastAnswer().text, 'It appends a todo.');
  });

  it('an editor request made while an answer streams waits, written, in the input', async () => {
    standIn.latency.perTokenMs = 40;
    standIn.reply(() => ({ tokens: wordTokens('slow '.repeat(200)) }));
    const sending = send({ type: 'chatSend', text: 'Something long' });
    await waitForSession((s) => s.streaming, 'streaming');
    posted.length = 0;
    await vscode.commands.executeCommand('hearth.chat.fix');
    const composed = posted.find((m) => m.type === 'chatCompose');
    assert.ok(composed?.type === 'chatCompose');
    assert.match(composed.text, /Find the bugs in the selected TypeScript code/);
    await send({ type: 'chatStop' });
    await sending;
    standIn.latency.perTokenMs = 5;
  });

  it('lists only chat-capable models, and remembers the choice per conversation', async () => {
    const s = session();
    const names = s.models.map((m) => m.name);
    assert.ok(names.includes('qwen2.5-coder:7b') && names.includes('llama3.2:3b') && names.includes('deepseek-r1:7b'));
    assert.ok(!names.includes('qwen2.5-coder:1.5b-base') && !names.includes('nomic-embed-text:latest') && !names.includes('codellama:7b-code'));
    const first = active().id;
    await send({ type: 'chatSetModel', model: 'deepseek-r1:7b' });
    assert.equal(active().model, 'deepseek-r1:7b');
    standIn.reply(() => ({ tokens: wordTokens('Answer.'), thinking: wordTokens('Let me think.') }));
    await send({ type: 'chatSend', text: 'Think first' });
    const answer = lastAnswer();
    assert.equal(answer.thinking, 'Let me think.');
    assert.equal(answer.text, 'Answer.');
    assert.equal(bodyOf(standIn.requestsTo('/api/chat').at(-1)!).think, true);

    await send({ type: 'chatNew' });
    assert.notEqual(active().id, first);
    assert.equal(active().model, 'qwen2.5-coder:7b', 'a new chat starts on the configured model');
    await send({ type: 'chatOpen', conversationId: first });
    assert.equal(active().model, 'deepseek-r1:7b');
  });
});
