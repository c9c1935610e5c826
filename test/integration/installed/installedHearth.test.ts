// Smoke suite for Hearth as a user gets it: installed from hearth-<version>.vsix
// into a fresh profile with `code-server --install-extension`, not loaded from
// this repository (test/integration/runInstalled.ts sets that up). The code
// under test is the installed copy: this file imports only types from src/.
// A file missing from the package fails here: the main bundle (activation),
// the view's stylesheets, font and script (the webview's requests, which the
// runner records from the browser), the completion and chat paths.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { StoredAssistantTurn } from '../../../src/core/chat/conversation';
import type { ServedCompletion } from '../../../src/features/completion/completionFeature';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import { setHearthSetting, waitForConnection, waitForEvent } from '../hearthApi';
import { describeCost, measureActivation } from './activationCost';
import { readWebviewRequests, type WebviewRequest } from './webviewRequests';

const installedDir = process.env.HEARTH_INSTALLED_EXTENSIONS_DIR ?? '';
const expectedVersion = process.env.HEARTH_EXPECTED_VERSION ?? '';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Into the session's log, which the runner prints (this host's console reaches only the browser). */
function report(line: string): void {
  const log = process.env.HEARTH_TEST_LOG;
  if (log) fs.appendFileSync(log, `[hearth] ${line}\n`);
}

describe('Hearth installed from its VSIX', function () {
  this.timeout(60_000);
  let standIn: OllamaStandIn;
  let api: HearthApi | undefined;
  let extensionPath = '';
  const cleanups: (() => Thenable<void>)[] = [];
  const hearth = (): HearthApi => {
    assert.ok(api, 'Hearth activated in the first test');
    return api;
  };

  before(async () => {
    assert.ok(installedDir && expectedVersion, 'the runner says where it installed which version');
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 5 } });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const cleanup of cleanups) await cleanup();
    for (const key of ['ollama.host', 'completion.model']) await setHearthSetting(key, undefined);
    await standIn.close();
  });

  it('is the copy installed from the package, and activates', async () => {
    const extension = vscode.extensions.getExtension<HearthApi>('hearth.hearth');
    assert.ok(extension, 'hearth.hearth is installed');
    extensionPath = extension.extensionUri.fsPath;
    assert.equal(path.dirname(extensionPath), installedDir, `loaded from ${extensionPath}, not from the profile's extensions folder`);
    assert.equal((extension.packageJSON as { version?: unknown }).version, expectedVersion);
    const { api: activated, cost } = await measureActivation(extension);
    report(`VS Code ${vscode.version}: ${describeCost(cost)}`);
    assert.equal(extension.isActive, true);
    api = activated;
  });

  it('connects to the daemon named in its settings', async () => {
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(hearth(), (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
  });

  it('opens its view, which loads its stylesheets, font and script without a failed request', async () => {
    await vscode.commands.executeCommand('hearth.panel.focus');
    // The chat's store loads with the view; the loop below waits for the view's own files.
    await hearth().chat.service.ready();
    // Fonts load when text first uses them; the Chat tab's buttons use the codicons.
    const ours = (r: WebviewRequest): boolean => r.path.startsWith(extensionPath + '/');
    const loaded = (r: WebviewRequest, type: string): boolean => ours(r) && r.resourceType === type && r.status === 200;
    const wanted = ['script', 'stylesheet', 'font'];
    let seen: WebviewRequest[] = [];
    for (let tries = 0; tries < 100; tries++) {
      seen = readWebviewRequests();
      if (wanted.every((type) => seen.some((r) => loaded(r, type)))) break;
      await sleep(100);
    }
    const list = seen.map((r) => `${r.status ?? r.failure} ${r.resourceType} ${ours(r) ? r.path.slice(extensionPath.length + 1) : r.url}`).join('\n  ');
    // Any error status fails, and any of Hearth's files that did not arrive; VS
    // Code itself sometimes aborts and repeats a webview page's navigation.
    const failed = seen.filter((r) => (r.status ?? 0) >= 400 || (r.status === undefined && ours(r)));
    assert.equal(failed.length, 0, `failed requests in the view:\n  ${list}`);
    for (const type of wanted) assert.ok(seen.some((r) => loaded(r, type)), `no ${type} of Hearth's loaded in the view:\n  ${list}`);
    report(`the view's requests:\n  ${list}`);
  });

  it('offers a completion from the daemon, which Tab (commit) inserts', async () => {
    await setHearthSetting('completion.model', 'qwen2.5-coder:7b'); // has `insert`: Ollama's suffix
    standIn.reply(() => ({ tokens: wordTokens(' 42') }));
    // Hearth completes files on disk (scheme file), not untitled buffers.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the session opened a workspace folder');
    const file = vscode.Uri.joinPath(folder.uri, 'installed_smoke.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('answer ='));
    cleanups.push(() => vscode.workspace.fs.delete(file));
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const served = waitForEvent<ServedCompletion | undefined>(
      () => undefined,
      (listener) => hearth().completions.onDidServe(listener),
      (s) => s?.outcome.kind === 'answer' && s.outcome.text === ' 42',
      'the answer " 42"',
      30_000,
      (s) => JSON.stringify(s?.outcome),
    );
    await vscode.commands.executeCommand('hearth.suggestCompletion');
    await served;
    // The ghost text appears a moment after the provider answers; commit is Tab's command.
    for (let tries = 0; tries < 50 && document.getText() === 'answer ='; tries++) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      await sleep(100);
    }
    assert.equal(document.getText(), 'answer = 42');
  });

  it('answers a chat question with the daemon’s streamed reply', async () => {
    standIn.reply(() => ({ tokens: wordTokens('Installed and **answering**.') }));
    const chat = hearth().chat.service;
    await chat.newChat();
    const chats = standIn.requestsTo('/api/chat').length;
    // What the view's Send posts; it settles when the answer has streamed in.
    await hearth().panel.handleMessage({ type: 'chatSend', text: 'Are you there?' });
    const sent = standIn.requestsTo('/api/chat').slice(chats);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.outcome, 'completed');
    const answer = chat.active().turns.at(-1) as StoredAssistantTurn | undefined;
    assert.equal(answer?.role, 'assistant');
    assert.equal(answer.status, 'done');
    assert.equal(answer.text, 'Installed and **answering**.');
  });
});
