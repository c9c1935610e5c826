// The prompt inspector inside a real VS Code, against the Ollama stand-in:
// after a completion, a chat answer and an agent step, every request the
// inspector holds is byte for byte what the stand-in received; "Inspect Last
// Completion" and a chat answer's "Inspect" open the right one; the copied
// curl command, run with the system's curl, gets the same answer.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { runAgent } from '../../../src/core/agent/agentRun';
import { verifyCommandsFrom } from '../../../src/core/agent/verifyCommands';
import type { ServedCompletion } from '../../../src/features/completion/completionFeature';
import type { HearthApi } from '../../../src/hearthApi';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import { MemoryExecutor } from '../../fakes/memoryExecutor';
import { activateHearth, setHearthSetting, waitForConnection, waitForEvent } from '../hearthApi';

const SECRET = 'Bearer inspector-test-secret-42';
const CHAT_ANSWER = 'Use a map, then sum.';

describe('The prompt inspector, inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let file: vscode.Uri;

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 2 } });
    standIn.reply((req) => (req.path === '/api/chat' ? { tokens: wordTokens(CHAT_ANSWER) } : req.body.prompt === '' ? undefined : { tokens: wordTokens('_sum(values)\n') }));
    api = await activateHearth();
    await setHearthSetting('ollama.headers', { Authorization: SECRET });
    await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    file = vscode.Uri.joinPath(folder.uri, 'src', 'inspector_target.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('values = [1, 2]\ntotal = compute'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['ollama.headers', 'completion.model', 'chat.model', 'ollama.host']) await setHearthSetting(key, undefined);
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await standIn.close();
  });

  it('Inspect Last Completion opens the request behind the ghost text, as the stand-in received it', async () => {
    const editor = await vscode.window.showTextDocument(file);
    const end = editor.document.lineAt(1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const served = waitForEvent<ServedCompletion | undefined>(
      () => undefined,
      api.completions.onDidServe,
      (s) => s?.outcome.kind === 'answer' && s.outcome.text !== '' && s.outcome.origin === 'model',
      'a completion shown',
      30_000,
      () => 'none yet',
    );
    await vscode.commands.executeCommand('hearth.suggestCompletion');
    const outcome = (await served)?.outcome;
    assert.ok(outcome?.kind === 'answer' && outcome.requestId !== undefined);
    await vscode.commands.executeCommand('hearth.inspectLastCompletion');
    const { panel, recorder } = api.inspector;
    assert.ok(panel.isOpen, 'the inspector editor is open');
    const record = recorder.get(panel.selected ?? -1);
    assert.equal(record?.start.trace.originId, `completion-${outcome.requestId}`);
    assert.equal(record?.start.trace.kind, 'completion');
    assert.ok(record?.notes.includes('shown'), JSON.stringify(record?.notes));
    const sent = standIn.requestsTo('/api/generate').filter((r) => (r.body as { prompt?: string }).prompt !== '').at(-1);
    assert.equal(record?.body, sent?.rawBody, 'the exact bytes the stand-in received');
  });

  it('a chat answer\'s Inspect opens its request; the copied curl command replays it with the same answer and no secret', async () => {
    await api.chat.service.newChat();
    await api.panel.handleMessage({ type: 'chatSend', text: 'How do I total a list?' });
    const answer = api.chat.service.active().turns.at(-1);
    assert.ok(answer?.role === 'assistant' && answer.status === 'done', JSON.stringify(answer));
    await api.panel.handleMessage({ type: 'inspectTurn', turnId: answer.id });
    const { panel, recorder } = api.inspector;
    const record = recorder.get(panel.selected ?? -1);
    assert.equal(record?.start.trace.originId, answer.id);
    assert.equal(record?.body, standIn.requestsTo('/api/chat').at(-1)?.rawBody);
    assert.equal(standIn.requestsTo('/api/chat').at(-1)?.headers.authorization, SECRET, 'the daemon got the header');

    await vscode.env.clipboard.writeText('');
    await panel.handleMessage({ type: 'inspectorEntry', action: 'copyCurl', id: record?.id });
    const curl = await waitForClipboard();
    assert.ok(!curl.includes(SECRET) && curl.includes("-H 'Authorization: <masked>'"), curl);
    const before = standIn.requests.length;
    // Replayed with the system's curl (the test runner installs none of its own; CI images carry it).
    const { stdout } = await promisify(execFile)('sh', ['-c', curl], { encoding: 'utf8' });
    const replayed = standIn.requests.slice(before);
    assert.equal(replayed.length, 1);
    assert.equal(replayed[0]?.rawBody, record?.body, 'the same bytes again');
    const text = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { message?: { content?: string } }).message?.content ?? '').join('');
    assert.equal(text, answer.text);
  });

  it('an agent step is recorded with its run/step origin, through the same service', async () => {
    const run = await runAgent({
      id: 'inspector-run', task: 'Say hello.', model: 'qwen2.5-coder:7b', instructions: '', verifyCommands: verifyCommandsFrom(''), server: api.ollama,
      executor: new MemoryExecutor({}), approve: () => Promise.resolve({ approved: true }), onEvent: () => undefined, signal: new AbortController().signal,
      contextTokens: 4096, charsPerToken: 3.5, approval: { autoApproveEdits: false },
    });
    assert.equal(run.outcome.kind, 'answered');
    const step = api.inspector.recorder.byOrigin('inspector-run/1');
    assert.equal(step?.start.trace.kind, 'agentStep');
    assert.equal(step?.body, standIn.requestsTo('/api/chat').at(-1)?.rawBody);
  });

  it('the inspector\'s entries are exactly the generation and chat requests the stand-in received, body for body', () => {
    // The stand-in is this suite's own (its port too): everything it saw, against everything recorded for its address.
    const received = standIn.requests.filter((r) => r.path === '/api/generate' || r.path === '/api/chat');
    // The curl replay went around Hearth: the one request the inspector cannot know.
    const fromHearth = received.filter((r) => String(r.headers['user-agent'] ?? '').startsWith('ollama-js'));
    const recorded = api.inspector.recorder.entries.filter((r) => r.url?.startsWith(`${standIn.url}/`));
    assert.ok(recorded.length >= 3, `completion, chat and agent step at least: ${recorded.length}`);
    assert.deepEqual(recorded.map((r) => r.body).sort(), fromHearth.map((r) => r.rawBody).sort());
  });
});

async function waitForClipboard(): Promise<string> {
  for (let tries = 0; tries < 50; tries++) {
    const text = await vscode.env.clipboard.readText();
    if (text !== '') return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('nothing reached the clipboard');
}
