// Issue #17, item 4, from the user's side inside VS Code: a small num_ctx, an
// AGENTS.md larger than the window and a large selection. The instructions are
// trimmed to a quarter of the window where the Status tab shows it; before Send
// the meter names the selection that will be cut; the answer says what was
// cut, from its first moment; the request is what the view said.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { ChatAssistantTurn, ChatSession, HostToWebview } from '../../../src/shared/protocol';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import { activateHearth, setHearthSetting, waitForChatSession, waitForConnection, waitForEvent } from '../hearthApi';

const NEAREST = 'NEAREST RULE: name tests after behaviour.';

describe('Chat trims to the window, and says so, inside VS Code', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let dir: string;
  const posted: HostToWebview[] = [];
  const subscriptions: vscode.Disposable[] = [];

  const waitForSession = (pred: (s: ChatSession) => boolean, what: string): Promise<ChatSession> =>
    waitForChatSession(api, pred, what, 30_000, (s) => JSON.stringify(s.budget));

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 5 } });
    api = await activateHearth();
    subscriptions.push(api.chat.service.onDidPost((m) => posted.push(m)));
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('ollama.numCtx', 1024);
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    dir = path.join(folder.uri.fsPath, 'trim-window');
    fs.mkdirSync(dir, { recursive: true });
    // About 2,500 tokens of instructions against a 1,024-token window, and the nearest file's rule.
    fs.mkdirSync(path.join(dir, 'pkg'));
    fs.writeFileSync(path.join(dir, 'AGENTS.md'), `# Rules\n\n${'Keep every function short and named for what it does. '.repeat(180)}\n`);
    fs.writeFileSync(path.join(dir, 'pkg', 'AGENTS.md'), `${NEAREST}\n`);
    fs.writeFileSync(path.join(dir, 'pkg', 'big.ts'), Array.from({ length: 300 }, (_, i) => `export const value${i} = ${i};`).join('\n'));
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
    await api.chat.service.newChat();
  });

  after(async () => {
    for (const s of subscriptions) s.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['chat.model', 'ollama.host', 'ollama.numCtx']) await setHearthSetting(key, undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    await standIn.close();
  });

  it('the meter names the cuts before Send, and the answer says what was cut from its first moment', async () => {
    const file = vscode.Uri.file(path.join(dir, 'pkg', 'big.ts'));
    const editor = await vscode.window.showTextDocument(file);
    editor.selection = new vscode.Selection(0, 0, editor.document.lineCount, 0);
    await waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'ready' && s.forFile === 'trim-window/pkg/big.ts', 'the chain for big.ts', 30_000, (s) => s.status);
    const before = await waitForSession((s) => s.budget.contextTokens === 1024 && s.budget.trimmedAttachments.length > 0, 'the meter to name the cut selection');
    const label = before.context.find((c) => c.kind === 'selection')?.label ?? '';
    assert.ok(label.startsWith('big.ts:'), JSON.stringify(before.context));
    assert.deepEqual(before.budget.trimmedAttachments, [label]);
    assert.equal(before.budget.instructionsTrimmed, false, 'the chain already fits: the budget came from the window');
    const shown = api.statusTabState().instructions;
    assert.ok(shown.status === 'ready' && shown.trimNote !== undefined, `the Status tab says the chain was trimmed: ${JSON.stringify(shown)}`);
    const effective = await api.instructions.systemText();

    standIn.reply(() => ({ tokens: wordTokens('Short functions, then.') }));
    const sentAt = standIn.requestsTo('/api/chat').length;
    await api.panel.handleMessage({ type: 'chatSend', text: 'What should change here?' });

    const answer = api.chat.service.active().turns.at(-1);
    assert.ok(answer?.role === 'assistant' && answer.status === 'done', JSON.stringify(answer));
    assert.deepEqual(answer.trim, { contextTokens: 1024, droppedTurns: 0, attachments: [label], instructions: false });
    const forAnswer = posted.filter((m) => m.type === 'chatTurn' || m.type === 'chatDelta');
    const noted = forAnswer.findIndex((m) => m.type === 'chatTurn' && m.turn.id === answer.id && (m.turn as ChatAssistantTurn).trim !== undefined);
    const firstDelta = forAnswer.findIndex((m) => m.type === 'chatDelta' && m.turnId === answer.id);
    assert.ok(noted >= 0 && noted < firstDelta, 'the view was told before the first word of the answer');

    const request = standIn.requestsTo('/api/chat')[sentAt];
    assert.ok(request, 'the request was sent');
    const body = request.body as { messages: { role: string; content: string }[]; options?: { num_ctx?: number } };
    assert.equal(body.options?.num_ctx, 1024);
    const system = body.messages[0]?.content ?? '';
    assert.ok(system.includes(NEAREST), 'the nearest rule is kept');
    assert.ok(system.endsWith(effective), 'what Show Effective Instructions opens is what was sent');
    assert.match(body.messages.at(-1)?.content ?? '', new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(selected, truncated\\)`));
  });
});
