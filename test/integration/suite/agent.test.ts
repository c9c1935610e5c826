import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StoredAssistantTurn } from '../../../src/core/chat/conversation';
import { ConversationStore } from '../../../src/core/chat/conversationStore';
import { nullLogger } from '../../../src/core/logger';
import { WorkspaceStoreFs } from '../../../src/features/chat/workspaceStoreFs';
import type { HearthApi } from '../../../src/hearthApi';
import type { AgentApprovalView } from '../../../src/shared/agentView';
import { OllamaStandIn } from '../../fakes/ollamaStandIn';
import { defaultModels } from '../../fakes/standInModels';
import { callText, scriptedChat, textReply } from '../../fakes/standInScript';
import { activateHearth, setHearthSetting, waitForConnection, waitForEvent } from '../hearthApi';
import { agentFixture, alive, poll, readBytes, readText } from '../agentFixture';

const QWEN = defaultModels().find((m) => m.name === 'qwen2.5-coder:7b')!;
const call = (name: string, args: Record<string, unknown>): ReturnType<typeof textReply> => textReply(callText(QWEN, [{ name, args }]));

// Agent mode inside the real VS Code, against the stand-in playing a scripted
// model. Every approval goes through the view's own message (chatAgentDecide),
// the same route a click takes.
describe('Agent mode, inside VS Code', function () {
  this.timeout(90_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let root: vscode.Uri;
  let cleanup: () => Promise<void>;

  const send = (message: unknown): Promise<void> => api.panel.handleMessage(message);
  const lastTurn = (): StoredAssistantTurn => {
    const turn = api.chat.service.active().turns.at(-1);
    assert.ok(turn?.role === 'assistant', 'the conversation ends with an answer');
    return turn;
  };
  /** Waits for the run to ask, then returns what the view shows for it. */
  const pending = (kind: AgentApprovalView['kind']): Promise<{ turnId: string; approval: AgentApprovalView }> =>
    poll(() => {
      const turn = api.chat.service.active().turns.at(-1);
      const approval = turn?.role === 'assistant' ? turn.agent?.pending : undefined;
      return turn && approval?.kind === kind ? { turnId: turn.id, approval } : undefined;
    }, `a ${kind} waiting for approval`);
  const decide = (p: { turnId: string; approval: AgentApprovalView }, decision: string): Promise<void> =>
    send({ type: 'chatAgentDecide', turnId: p.turnId, stepId: p.approval.stepId, decision });

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 2, perPromptTokenMs: 0, perTokenMs: 1 } });
    api = await activateHearth();
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    root = folder.uri;
    cleanup = await agentFixture(root);
    await vscode.window.showTextDocument(vscode.Uri.joinPath(root, 'calc.js'));
    await waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'ready' && s.forFile === 'calc.js', 'the root AGENTS.md chain', 15_000, (s) => s.status);
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
  });

  beforeEach(async () => {
    // A run a failed test left waiting must not hold the next one back.
    api.chat.service.stop();
    await api.chat.service.whenIdle();
    await api.chat.service.newChat();
    await send({ type: 'chatSetModel', model: 'qwen2.5-coder:7b' });
    await send({ type: 'chatSetMode', mode: 'agent' });
    assert.equal(api.chat.service.session().mode, 'agent');
  });

  after(async () => {
    await send({ type: 'chatSetMode', mode: 'ask' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cleanup();
    for (const key of ['chat.model', 'ollama.host']) await setHearthSetting(key, undefined);
    await standIn.close();
  });

  it('fixes a failing test: reads AGENTS.md and the file, edits (approved), runs the test command (approved), sees it pass, summarizes', async () => {
    let testCommand = '';
    standIn.reply(scriptedChat([
      { turn: 0, reply: call('read_file', { path: 'AGENTS.md' }) },
      {
        afterTool: { name: 'read_file', includes: '## Testing' },
        reply: (ctx) => {
          testCommand = /`(node [^`]+)`/.exec(ctx.lastTool?.content ?? '')?.[1] ?? '';
          return call('read_file', { path: 'calc.js' });
        },
      },
      { afterTool: { name: 'read_file', includes: 'a - b' }, reply: call('edit_file', { path: 'calc.js', old_text: 'a - b', new_text: 'a + b' }) },
      { afterTool: { name: 'edit_file', includes: 'Edited' }, reply: () => call('run_command', { command: testCommand }) },
      { afterTool: { name: 'run_command', includes: 'PASS' }, reply: textReply('Fixed `add` in calc.js (it subtracted); `node test.js` passes.') },
    ]));
    const before = await readBytes(root, 'calc.js');
    const answered = send({ type: 'chatSend', text: 'The test fails. Fix it.' });

    const edit = await pending('edit');
    assert.deepEqual(edit.approval, { kind: 'edit', stepId: edit.approval.stepId, tool: 'edit_file', path: 'calc.js', oldText: '\uFEFFexports.add = (a, b) => a - b;\r', newText: '\uFEFFexports.add = (a, b) => a + b;\r', created: false });
    assert.deepEqual(await readBytes(root, 'calc.js'), before, 'nothing is written before the approval');
    await decide(edit, 'approve');

    const command = await pending('command');
    assert.deepEqual(command.approval, { kind: 'command', stepId: command.approval.stepId, line: 'node test.js', shell: false });
    await decide(command, 'approve');
    await answered;

    const turn = lastTurn();
    assert.equal(turn.status, 'done');
    assert.equal(turn.text, 'Fixed `add` in calc.js (it subtracted); `node test.js` passes.');
    assert.equal(await readText(root, 'calc.js'), '\uFEFFexports.add = (a, b) => a + b;\r\n');
    const steps = turn.agent?.steps.filter((s) => s.kind === 'tool').map((s) => [s.tool, s.state, s.approval ?? '']);
    assert.deepEqual(steps, [['read_file', 'ok', 'auto'], ['read_file', 'ok', 'auto'], ['edit_file', 'ok', 'approved'], ['run_command', 'ok', 'approved']]);
    assert.match(turn.agent?.steps.find((s) => s.tool === 'run_command')?.result ?? '', /PASS[\s\S]*exit code 0/);
    assert.deepEqual(turn.agent?.changes, [{ path: 'calc.js', created: false }]);
    assert.equal(turn.agent?.outcome, 'answered');
    const system = ((standIn.requestsTo('/api/chat').at(-1)?.body as { messages: { role: string; content: string }[] }).messages[0]?.content) ?? '';
    assert.match(system, /node test\.js/, 'the system message names the AGENTS.md test command');
  });

  it('a rejected edit leaves the file untouched, and the model is told', async () => {
    standIn.reply(scriptedChat([
      { turn: 0, reply: call('edit_file', { path: 'calc.js', old_text: 'exports.add', new_text: 'exports.sum' }) },
      { afterTool: { name: 'edit_file', includes: 'rejected' }, reply: textReply('Understood: calc.js stays as it is.') },
    ]));
    const before = await readBytes(root, 'calc.js');
    const answered = send({ type: 'chatSend', text: 'Rename add to sum.' });
    await decide(await pending('edit'), 'reject');
    await answered;
    assert.deepEqual(await readBytes(root, 'calc.js'), before);
    const tool = (standIn.requestsTo('/api/chat').at(-1)?.body as { messages: { role: string; content: string }[] }).messages.at(-1);
    assert.equal(tool?.role, 'tool');
    assert.match(tool?.content ?? '', /The user rejected this step/);
    const turn = lastTurn();
    assert.deepEqual(turn.agent?.steps.filter((s) => s.kind === 'tool').map((s) => [s.tool, s.state]), [['edit_file', 'rejected']]);
    assert.deepEqual(turn.agent?.changes, []);
    assert.equal(turn.text, 'Understood: calc.js stays as it is.');
  });

  it('Undo restores every changed file byte for byte and deletes created ones, from the saved run, also after the view reloads', async () => {
    standIn.reply(scriptedChat([
      { turn: 0, reply: call('create_file', { path: 'docs/changes.md', content: '# Changes\n' }) },
      { afterTool: { name: 'create_file' }, reply: call('edit_file', { path: 'calc.js', old_text: 'exports.add', new_text: '// checked\r\nexports.add' }) },
      { afterTool: { name: 'edit_file' }, reply: textReply('Done.') },
    ]));
    const before = await readBytes(root, 'calc.js');
    const answered = send({ type: 'chatSend', text: 'Document the change.' });
    await decide(await pending('edit'), 'approve');
    await decide(await pending('edit'), 'approve');
    await answered;
    assert.equal(await readText(root, 'docs/changes.md'), '# Changes\n');
    const turn = lastTurn();
    assert.deepEqual(turn.agent?.changes.map((c) => [c.path, c.created]).sort(), [['calc.js', false], ['docs/changes.md', true]]);

    // What Undo needs is on disk with the conversation, and the view gets the run back when it reloads.
    await api.chat.service.whenIdle();
    const stored = await new ConversationStore(new WorkspaceStoreFs(api.chat.storeFolder), nullLogger).loadAll();
    const saved = stored.conversations.flatMap((c) => c.turns).find((t) => t.id === turn.id);
    assert.ok(saved?.role === 'assistant');
    assert.deepEqual(saved.agentChanges?.find((c) => c.path === 'docs/changes.md'), { path: 'docs/changes.md', before: null, after: '# Changes\n' });
    const reposted: unknown[] = [];
    const sub = api.chat.service.onDidPost((m) => reposted.push(m));
    await api.chat.service.onViewReady();
    sub.dispose();
    const turns = reposted.find((m): m is { type: 'chatTurns'; turns: { id: string; agent?: unknown; agentChanges?: unknown }[] } => (m as { type: string }).type === 'chatTurns');
    const shown = turns?.turns.find((t) => t.id === turn.id);
    assert.ok(shown?.agent, 'the reloaded view gets the run');
    assert.equal(shown.agentChanges, undefined, 'file contents for Undo stay on the host');

    await send({ type: 'chatAgentUndo', turnId: turn.id });
    assert.deepEqual(await readBytes(root, 'calc.js'), before);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(root, 'docs', 'changes.md'))));
    assert.deepEqual(lastTurn().agent?.undo?.problems, []);
  });

  it('Stop during a command kills its whole process tree', async () => {
    standIn.reply(scriptedChat([{ turn: 0, reply: call('run_command', { command: 'node sleeper.js' }) }]));
    const answered = send({ type: 'chatSend', text: 'Run the sleeper.' });
    await decide(await pending('command'), 'approve');
    const pids = await poll(async () => {
      const text = await readText(root, 'sleeper.pids').catch(() => '');
      return text.includes(' ') ? text.trim().split(' ').map(Number) : undefined;
    }, 'the sleeper and its child to start');
    assert.ok(pids.every(alive), 'both processes run before Stop');
    await send({ type: 'chatStop' });
    await answered;
    assert.equal(lastTurn().status, 'stopped');
    await poll(() => (pids.every((pid) => !alive(pid)) ? true : undefined), 'no process of the command to be left');
  });

  it('a model without the tools capability gets no Agent mode; the view says why and offers one that has it', async () => {
    await send({ type: 'chatSetModel', model: 'deepseek-r1:7b' });
    const session = api.chat.service.session();
    assert.equal(session.mode, 'ask', 'the conversation falls back to Ask');
    assert.equal(session.agent.available, false);
    assert.ok(!session.agent.available && session.agent.reason === 'noTools');
    assert.match(session.agent.available ? '' : session.agent.message, /deepseek-r1:7b cannot call tools/);
    assert.deepEqual(session.agent.available ? [] : session.agent.offers.map((o) => o.name).sort(), ['llama3.2:3b', 'qwen2.5-coder:7b']);
    standIn.reply(() => textReply('Just an answer.'));
    await send({ type: 'chatSend', text: 'Fix the test.' });
    const body = standIn.requestsTo('/api/chat').at(-1)?.body as { tools?: unknown };
    assert.equal(body.tools, undefined, 'sent as a plain chat question');
    assert.equal(lastTurn().agent, undefined);
  });
});
