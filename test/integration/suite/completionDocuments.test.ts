// Ghost text where users type, beyond files on disk: an untitled buffer, a
// notebook cell (the built-in ipynb support, offline), and a document on a
// file system Hearth sees only through workspace.fs (a virtual workspace's
// provider). Real VS Code, the Ollama stand-in, explicit triggers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { ServedCompletion } from '../../../src/features/completion/completionFeature';
import { OllamaStandIn, wordTokens } from '../../fakes/ollamaStandIn';
import type { RecordedRequest } from '../../fakes/ollamaStandIn';
import { activateHearth, setHearthSetting, waitForConnection } from '../hearthApi';
import { MemoryFileSystem } from '../memoryFileSystem';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Inline completions in untitled buffers, notebook cells and virtual file systems', function () {
  this.timeout(120_000);
  let standIn: OllamaStandIn;
  let api: HearthApi;
  const cleanups: (() => unknown)[] = [];

  const promptOf = (r: RecordedRequest | undefined): string => {
    const prompt = (r?.body as { prompt?: unknown } | undefined)?.prompt;
    return typeof prompt === 'string' ? prompt : '';
  };

  /** Asks for a completion at the cursor of `editor` and waits for the answer Hearth serves for that document. */
  async function suggest(editor: vscode.TextEditor, text: string): Promise<RecordedRequest> {
    standIn.reply(() => ({ tokens: wordTokens(text) }));
    const uri = editor.document.uri.toString();
    const lastId = standIn.requests.at(-1)?.id ?? 0;
    const served = new Promise<ServedCompletion>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no answer served for ${uri}`));
      }, 30_000);
      const sub = api.completions.onDidServe((s) => {
        if (s.uri !== uri || s.outcome.kind !== 'answer' || s.outcome.text !== text) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      });
    });
    await vscode.commands.executeCommand('hearth.suggestCompletion');
    await served;
    const request = standIn.requests.find((r) => r.id > lastId && r.path === '/api/generate' && promptOf(r) !== '');
    assert.ok(request, 'the request reached the stand-in');
    return request;
  }

  /** Tab: accepts the ghost text VS Code shows, polling while it renders (a hang guard, not a timing assertion). */
  async function accept(editor: vscode.TextEditor, expectedLine: string): Promise<void> {
    const line = (): string => editor.document.lineAt(editor.selection.active.line).text;
    for (let i = 0; i < 50 && line() !== expectedLine; i++) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      if (line() !== expectedLine) await sleep(100);
    }
    assert.equal(line(), expectedLine);
  }

  function cursorAtEnd(editor: vscode.TextEditor): void {
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
  }

  before(async () => {
    standIn = await OllamaStandIn.start({ latency: { loadMs: 0, timeToFirstTokenMs: 5, perPromptTokenMs: 0, perTokenMs: 2 } });
    api = await activateHearth();
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('quickSuggestions', { other: 'off', comments: 'off', strings: 'off' }, vscode.ConfigurationTarget.Global);
    await editorConfig.update('inlineSuggest.enabled', true, vscode.ConfigurationTarget.Global);
    cleanups.push(async () => {
      for (const key of ['quickSuggestions', 'inlineSuggest.enabled']) await editorConfig.update(key, undefined, vscode.ConfigurationTarget.Global);
    });
    await setHearthSetting('completion.model', 'qwen2.5-coder:1.5b-base');
    await setHearthSetting('instructions.completionDigest', true);
    await setHearthSetting('ollama.host', standIn.url);
    await waitForConnection(api, (s) => s.status === 'connected' && s.models.length === standIn.models.length, 'the stand-in', 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['completion.model', 'instructions.completionDigest', 'ollama.host']) await setHearthSetting(key, undefined);
    for (const cleanup of cleanups.reverse()) await cleanup();
    await standIn.close();
  });

  it('an untitled buffer gets ghost text, and no repository instructions in its prompt', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def add(a, b):\n    return ' });
    const editor = await vscode.window.showTextDocument(doc);
    cursorAtEnd(editor);
    const request = await suggest(editor, 'a + b');
    await accept(editor, '    return a + b');
    assert.doesNotMatch(promptOf(request), /Root rule|API rule/, 'an untitled buffer belongs to no repository');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a notebook cell gets ghost text, with the instructions of the folder its notebook is in', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const uri = vscode.Uri.joinPath(folder.uri, 'monorepo', 'packages', 'api', 'analysis.ipynb');
    const notebookJson = {
      cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import math\n', 'area = math.'] }],
      metadata: { language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(notebookJson)));
    cleanups.push(() => vscode.workspace.fs.delete(uri).then(undefined, () => undefined));
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(0).document;
    assert.equal(cell.uri.scheme, 'vscode-notebook-cell');
    assert.equal(cell.languageId, 'python');
    const editor = await vscode.window.showTextDocument(cell);
    assert.equal(vscode.window.activeTextEditor?.document, cell, 'the cell has the keyboard');
    cursorAtEnd(editor);
    const request = await suggest(editor, 'pi * r ** 2');
    await accept(editor, 'area = math.pi * r ** 2');
    assert.match(promptOf(request), /API rule: return typed errors/, 'the digest of monorepo/packages/api, where the notebook lives');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a document on a file system seen only through workspace.fs gets ghost text', async () => {
    const memfs = new MemoryFileSystem('hearth-vfs');
    memfs.add('/proj/calc.py', vscode.FileType.File, 'def double(x):\n    return ');
    const registration = vscode.workspace.registerFileSystemProvider(memfs.scheme, memfs, { isCaseSensitive: true });
    cleanups.push(() => registration.dispose());
    const editor = await vscode.window.showTextDocument(memfs.uri('/proj/calc.py'));
    cursorAtEnd(editor);
    await suggest(editor, 'x * 2');
    await accept(editor, '    return x * 2');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
