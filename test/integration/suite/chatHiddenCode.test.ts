// Issue #11, item 2, on the host's side: code that reads one way and does
// another (Trojan Source) reaches a file only after a warning that names its
// hidden characters, and a link opens only after the user saw its real address.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';

const TROJAN = 'let role = "user\u202E \u2066// admin\u2069 \u2066";\nconst ok\u200B = true;';
const PLAIN = 'export const port = 8080;';

interface Asked {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
}

type Dialog = (message: string, options: vscode.MessageOptions, ...items: string[]) => Thenable<string | undefined>;

describe('Hidden characters and links from the chat, inside VS Code', function () {
  this.timeout(60_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  let turnId = '';
  const asked: Asked[] = [];
  /** What the user answers to the next modal dialog. */
  let answer: string | undefined;
  const opened: string[] = [];
  let restore: (() => void) | undefined;

  const send = (message: unknown): Promise<void> => api.panel.handleMessage(message);
  const editorWith = async (content: string): Promise<vscode.TextEditor> => {
    const document = await vscode.workspace.openTextDocument({ language: 'javascript', content });
    return vscode.window.showTextDocument(document);
  };

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 1 } });
    // Modal dialogs would wait for a click nobody makes: answer them, and record what they showed.
    const window = vscode.window as unknown as { showWarningMessage: Dialog; showInformationMessage: Dialog };
    const env = vscode.env as unknown as { openExternal: (uri: vscode.Uri) => Thenable<boolean> };
    const saved = { warn: window.showWarningMessage, info: window.showInformationMessage, open: env.openExternal };
    const modal =
      (original: Dialog): Dialog =>
      (message, options, ...items) => {
        if (!options?.modal) return original.call(vscode.window, message, options, ...items);
        asked.push({ message, detail: options.detail ?? '', buttons: items });
        return Promise.resolve(answer);
      };
    window.showWarningMessage = modal(saved.warn);
    window.showInformationMessage = modal(saved.info);
    env.openExternal = (uri) => {
      opened.push(uri.toString(true));
      return Promise.resolve(true);
    };
    restore = () => {
      window.showWarningMessage = saved.warn;
      window.showInformationMessage = saved.info;
      env.openExternal = saved.open;
    };
    api = await activateHearth();
    await setHearthSetting('chat.model', 'qwen2.5-coder:7b');
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected', 'the stand-in', 30_000);
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
    await api.chat.service.newChat();
    standIn.reply(() => ({ tokens: wordTokens(`Two snippets:\n\n\`\`\`js\n${TROJAN}\n\`\`\`\n\n\`\`\`ts\n${PLAIN}\n\`\`\`\n`) }));
    await send({ type: 'chatSend', text: 'Give me code' });
    await api.chat.service.whenIdle();
    const last = api.chat.service.active().turns.at(-1);
    assert.ok(last?.role === 'assistant' && last.status === 'done', 'the answer arrived');
    turnId = last.id;
  });

  beforeEach(() => {
    asked.length = 0;
    opened.length = 0;
    answer = undefined;
  });

  after(async () => {
    restore?.();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['chat.model', 'ollama.host']) await setHearthSetting(key, undefined);
    await standIn.close();
  });

  it('Insert of code with bidi and zero-width characters warns first, naming them by line; dismissed, the file is untouched', async () => {
    const editor = await editorWith('// start\n');
    await send({ type: 'chatCodeAction', action: 'insert', turnId, code: TROJAN, language: 'js' });
    assert.equal(asked.length, 1, 'one warning');
    const [warning] = asked;
    assert.match(warning?.message ?? '', /5 invisible or bidirectional control characters/);
    assert.match(warning?.detail ?? '', /Line 1: U\+202E RIGHT-TO-LEFT OVERRIDE, U\+2066 LEFT-TO-RIGHT ISOLATE, U\+2069 POP DIRECTIONAL ISOLATE \(4 in all\)/);
    assert.match(warning?.detail ?? '', /Line 2: U\+200B ZERO WIDTH SPACE/);
    assert.deepEqual(warning?.buttons, ['Insert Anyway']);
    assert.equal(editor.document.getText(), '// start\n', 'nothing was inserted');
  });

  it('Insert Anyway puts the code in exactly as written', async () => {
    const editor = await editorWith('');
    answer = 'Insert Anyway';
    await send({ type: 'chatCodeAction', action: 'insert', turnId, code: TROJAN, language: 'js' });
    assert.equal(asked.length, 1);
    assert.equal(editor.document.getText(), TROJAN);
  });

  it('Apply warns the same way, and dismissed proposes nothing; plain code is inserted without a warning', async () => {
    const editor = await editorWith('const before = 1;\n');
    await send({ type: 'chatCodeAction', action: 'apply', turnId, code: TROJAN, language: 'js' });
    assert.deepEqual(asked.map((a) => a.buttons), [['Apply Anyway']]);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff).length, 0, 'no diff was opened');
    assert.equal(editor.document.getText(), 'const before = 1;\n');
    const plain = await editorWith('');
    await send({ type: 'chatCodeAction', action: 'insert', turnId, code: PLAIN, language: 'ts' });
    assert.equal(asked.length, 1, 'no second warning');
    assert.equal(plain.document.getText(), PLAIN);
  });

  it('a link opens only after a confirmation that shows its real address', async () => {
    await send({ type: 'chatOpenLink', href: 'https://evil.example/steal?to=\u202Egood' });
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.detail, 'https://evil.example/steal?to=%E2%80%AEgood', 'the address as it opens, its hidden character spelled out');
    assert.deepEqual(opened, [], 'dismissed: nothing opened');
    answer = 'Open';
    await send({ type: 'chatOpenLink', href: 'https://evil.example/steal' });
    assert.deepEqual(opened, ['https://evil.example/steal']);
  });
});
