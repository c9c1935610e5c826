// hearth.engine "openai" inside a real VS Code, against the stand-in in its vLLM
// mode: inline completions over /v1/completions, a chat answer over
// /v1/chat/completions (SSE), a superseded completion closed at the server,
// and the Status tab saying what this engine does not report. Timeouts are
// hang guards only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { ServedCompletion } from '../../../src/features/completion/completionFeature';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { newLineAtEnd, nextServed as nextServedFrom, typeKeys } from '../completionDriving';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import type { RecordedRequest } from '../../fakes/ollamaStandIn';
import { defaultModels } from '../../fakes/standInModels';
import { callText, scriptedChat, textReply } from '../../fakes/standInScript';

const SETTINGS = ['engine', 'openai.host', 'openai.capabilities', 'completion.model', 'completion.debounceMs', 'chat.model'];
const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;

describe('OpenAI-compatible engine (vLLM stand-in), inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let editor: vscode.TextEditor;
  let file: vscode.Uri;
  const bodyOf = (r: RecordedRequest | undefined): Record<string, unknown> => (r?.body ?? {}) as Record<string, unknown>;

  const nextServed = (pred: (s: ServedCompletion) => boolean, what: string): Promise<ServedCompletion> => nextServedFrom(api, pred, what);
  const type = typeKeys;
  async function newLine(): Promise<void> {
    editor = await newLineAtEnd(editor);
  }

  before(async () => {
    standIn = await OllamaStandIn.start({ openai: { flavor: 'vllm' }, latency: { loadMs: 0, timeToFirstTokenMs: 20, perPromptTokenMs: 0, perTokenMs: 5 }, numParallel: 1 });
    api = await activateHearth();
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('quickSuggestions', { other: 'off', comments: 'off', strings: 'off' }, vscode.ConfigurationTarget.Global);
    await setHearthSetting('completion.debounceMs', 800);
    await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('openai.host', standIn.url);
    // The API reports no capabilities: the settings name the chat model's tool support (for agent mode).
    await setHearthSetting('openai.capabilities', { 'qwen2.5-coder:7b': ['tools'] });
    await setHearthSetting('engine', 'openai');
    await waitForConnection(api, (s) => s.status === 'connected' && s.version === 'vLLM 0.11.0', 'the vLLM stand-in', 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    file = vscode.Uri.joinPath(folder.uri, 'src', 'openai_target.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('# Completions from a team server.\nseed = 1\n'));
    editor = await vscode.window.showTextDocument(file);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of SETTINGS) await setHearthSetting(key, undefined);
    await vscode.workspace.getConfiguration('editor').update('quickSuggestions', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await standIn.close();
  });

  it('the Status tab names the server and says what this engine does not report', () => {
    const connection = api.statusTabState().connection;
    assert.equal(connection.status, 'connected');
    assert.equal(connection.status === 'connected' ? connection.version : '', 'vLLM 0.11.0');
    const notReported = (connection.status === 'connected' ? connection.notReported : undefined) ?? [];
    assert.ok(notReported.some((line) => line.includes('/api/ps')), JSON.stringify(notReported));
    assert.ok(notReported.some((line) => line.includes('hearth.openai.capabilities')));
    assert.equal(standIn.requestsTo('/api/tags').length, 0, 'nothing of Ollama\'s API is asked');
  });

  it('an inline completion comes from /v1/completions with the model family\'s FIM template', async () => {
    standIn.reply(() => ({ tokens: wordTokens('_total(values)') }));
    await newLine();
    const answered = nextServed((s) => s.outcome.kind === 'answer' && s.outcome.text === '_total(values)', 'the answer');
    await type('total = compute');
    await answered;
    const body = bodyOf(standIn.requestsTo('/v1/completions').at(-1));
    assert.equal(body.model, 'qwen2.5-coder:1.5b-base');
    assert.equal(body.suffix, undefined);
    assert.match(String(body.prompt), /total = compute<\|fim_suffix\|>/);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.max_tokens, 128);
  });

  it('a superseded completion is closed at the server', async () => {
    standIn.reply((req) =>
      String(req.body.prompt).includes('slow = <|fim_suffix|>') ? { tokens: Array.from({ length: 400 }, (_, i) => ` part${i}`) } : { tokens: wordTokens('fast') },
    );
    standIn.latency.perTokenMs = 25;
    try {
      await newLine();
      const lastId = standIn.requests.at(-1)?.id ?? 0;
      await type('slow = ');
      const first = await standIn.waitForRequest((r) => r.id > lastId && r.path === '/v1/completions' && String(bodyOf(r).prompt).includes('slow = <|fim_suffix|>'), 15_000);
      await type('z');
      assert.equal(await standIn.waitForOutcome(first, 15_000), 'clientClosed');
      assert.ok(first.tokensSent < 400, 'generation stopped early');
    } finally {
      standIn.latency.perTokenMs = 5;
    }
  });

  it('a chat answer streams from /v1/chat/completions', async () => {
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
    await api.chat.service.newChat();
    standIn.reply(() => ({ tokens: wordTokens('Served by the team GPU.') }));
    // Resolves once the answer has streamed to its end (as in the chat suite).
    await api.panel.handleMessage({ type: 'chatSend', text: 'Who answers?' });
    const answer = api.chat.service.active().turns.at(-1);
    assert.ok(answer?.role === 'assistant', 'the conversation ends with an answer');
    assert.equal(answer.status, 'done');
    assert.equal(answer.text, 'Served by the team GPU.');
    const body = bodyOf(standIn.requestsTo('/v1/chat/completions').at(-1));
    assert.equal(body.model, 'qwen2.5-coder:7b');
    assert.equal(body.stream, true);
    assert.ok(Array.isArray(body.messages) && body.messages.length >= 1);
  });

  it('agent mode runs over /v1/chat/completions: tools offered, the call run, its result sent back by tool_call_id', async () => {
    const send = (message: unknown): Promise<void> => api.panel.handleMessage(message);
    await api.chat.service.newChat();
    await send({ type: 'chatSetModel', model: 'qwen2.5-coder:7b' });
    await send({ type: 'chatSetMode', mode: 'agent' });
    try {
      assert.equal(api.chat.service.session().mode, 'agent', 'agent mode is offered for a model the settings give tools');
      standIn.reply(scriptedChat([
        { turn: 0, reply: textReply(callText(QWEN, [{ name: 'list_dir', args: { path: 'src' } }])) },
        { afterTool: { name: 'list_dir', includes: 'openai_target.py' }, reply: textReply('src holds openai_target.py.') },
      ]));
      const before = standIn.requestsTo('/v1/chat/completions').length;
      await send({ type: 'chatSend', text: 'What is in src?' });
      const turn = api.chat.service.active().turns.at(-1);
      assert.ok(turn?.role === 'assistant', 'the conversation ends with an answer');
      assert.equal(turn.status, 'done');
      assert.equal(turn.text, 'src holds openai_target.py.');
      assert.deepEqual(turn.agent?.steps.filter((s) => s.kind === 'tool').map((s) => [s.tool, s.state]), [['list_dir', 'ok']]);
      const requests = standIn.requestsTo('/v1/chat/completions').slice(before);
      assert.equal(requests.length, 2, 'one request per model turn');
      const last = bodyOf(requests.at(-1)) as { tools?: unknown[]; messages: Record<string, unknown>[] };
      assert.ok((last.tools?.length ?? 0) > 0, 'the tools went with the request');
      const calls = last.messages.flatMap((m) => (m.role === 'assistant' ? ((m.tool_calls as { id: string }[] | undefined) ?? []) : []));
      const results = last.messages.filter((m) => m.role === 'tool');
      assert.equal(calls.length, 1);
      assert.deepEqual(results.map((m) => m.tool_call_id), calls.map((c) => c.id), 'the result answers the call by its id');
      assert.match(String(results[0]?.content), /openai_target\.py/);
    } finally {
      await send({ type: 'chatSetMode', mode: 'ask' });
    }
  });
});
