import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import { runCodeAction } from '../../../src/features/chat/codeBlockActions';
import type { ProposalOutcome } from '../../../src/features/chat/proposalDiff';
import { activateHearth } from '../hearthApi';

/** The right side of the diff Hearth shows, as VS Code holds it. */
function shownProposal(): vscode.Uri | undefined {
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'hearth-proposal') return tab.input.modified;
  }
  return undefined;
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The text VS Code shows on the right of the diff, once it equals `expected` (it re-reads after an edit). */
async function shownText(expected: string): Promise<string> {
  const uri = await until(shownProposal, 'the proposal diff');
  const document = await vscode.workspace.openTextDocument(uri);
  await until(() => (document.getText() === expected ? true : undefined), `the diff to show ${JSON.stringify(expected.slice(0, 80))}; it shows ${JSON.stringify(document.getText().slice(0, 200))}`);
  return document.getText();
}

async function editAt(document: vscode.TextDocument, offset: number, length: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
}

const source = ['// header', 'export function total(items: number[]): number {', '  let sum = 0;', '  for (const i of items) sum += i;', '  return sum;', '}', '', 'export const two = 2;', ''].join('\n');

describe('Apply from the chat writes exactly the diff shown', function () {
  this.timeout(60_000);
  let api: HearthApi;
  let root: vscode.Uri;
  let file: vscode.Uri;
  let editor: vscode.TextEditor;

  before(async () => {
    api = await activateHearth();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    root = folder.uri;
  });

  beforeEach(async () => {
    file = vscode.Uri.joinPath(root, `apply-target-${Date.now()}.ts`);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(source));
    editor = await vscode.window.showTextDocument(file);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('hearth.chat.rejectProposal');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(file);
  });

  const selectText = (text: string): void => {
    const start = editor.document.getText().indexOf(text);
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + text.length));
  };

  it('an edit above the target moves it: the diff follows, and accepting writes what it shows', async () => {
    selectText('export const two = 2;');
    await runCodeAction('apply', 'export const two = 3;', 'typescript', api.chat.proposals);
    await shownText(source.replace('two = 2', 'two = 3'));

    await editAt(editor.document, 0, '// header'.length, '// a new header\n// over two lines');
    const expected = editor.document.getText().replace('two = 2', 'two = 3');
    const shown = await shownText(expected);

    assert.equal(await vscode.commands.executeCommand('hearth.chat.acceptProposal'), true);
    assert.equal(editor.document.getText(), shown, 'the file holds exactly what the diff showed');
    assert.equal(shownProposal(), undefined, 'the diff is closed');
  });

  it('an edit inside the target shows the diff again before anything is written, and never falls back to the whole file', async () => {
    selectText('  return sum;');
    const { decided } = await api.chat.proposals.propose({
      document: editor.document,
      span: { start: source.indexOf('  return sum;'), end: source.indexOf('  return sum;') + '  return sum;'.length },
      newText: '  return sum * 2;',
      summary: 'replaces the selection',
    });
    const firstUri = await until(shownProposal, 'the first diff');
    await editAt(editor.document, editor.document.getText().indexOf('sum;'), 3, 'total');

    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('hearth.chat.acceptProposal'), false, 'the first accept only shows the change again');
    assert.equal(editor.document.getText(), before, 'nothing was written');
    const secondUri = await until(() => {
      const uri = shownProposal();
      return uri && uri.toString() !== firstUri.toString() ? uri : undefined;
    }, 'a new diff');
    const shown = await shownText(before.replace('  return total;', '  return sum * 2;'));
    assert.ok(shown.startsWith('// header\nexport function total'), 'the rest of the file is kept');
    assert.notEqual(secondUri.toString(), firstUri.toString());

    assert.equal(await vscode.commands.executeCommand('hearth.chat.acceptProposal'), true);
    assert.equal(editor.document.getText(), shown);
    assert.equal(await decided, 'applied');
  });

  it('a short snippet with an edit racing the diff never replaces the whole file', async () => {
    selectText('let sum = 0;');
    await runCodeAction('apply', 'let sum = 10;', 'typescript', api.chat.proposals);
    await shownText(source.replace('let sum = 0;', 'let sum = 10;'));
    // Typing on the last line while the diff is open (the old code re-planned without the selection here).
    await editAt(editor.document, editor.document.getText().length, 0, '// typed while the diff was open\n');
    const shown = await shownText(editor.document.getText().replace('let sum = 0;', 'let sum = 10;'));
    assert.equal(await vscode.commands.executeCommand('hearth.chat.acceptProposal'), true);
    assert.equal(editor.document.getText(), shown);
    assert.ok(editor.document.getText().includes('export const two = 2;'));
  });

  it('Discard leaves the file as it was and says so to the caller', async () => {
    const { decided } = await api.chat.proposals.propose({ document: editor.document, span: { start: 0, end: 9 }, newText: '// changed', summary: 'replaces the selection' });
    await until(shownProposal, 'the diff');
    await vscode.commands.executeCommand('hearth.chat.rejectProposal');
    const outcome: ProposalOutcome = await decided;
    assert.equal(outcome, 'discarded');
    assert.equal(editor.document.getText(), source);
    assert.equal(shownProposal(), undefined);
  });

  it('a second proposal supersedes the first, which is never written', async () => {
    const first = await api.chat.proposals.propose({ document: editor.document, span: { start: 0, end: 9 }, newText: '// first', summary: 'replaces the selection' });
    await api.chat.proposals.propose({ document: editor.document, span: { start: 0, end: 9 }, newText: '// second', summary: 'replaces the selection' });
    assert.equal(await first.decided, 'superseded');
    assert.equal(await vscode.commands.executeCommand('hearth.chat.acceptProposal'), true);
    assert.ok(editor.document.getText().startsWith('// second\n'));
  });
});

describe('Save as new file from the chat', function () {
  this.timeout(60_000);

  it('writes the block with a final newline to the file chosen in the save dialog and opens it', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const api = await activateHearth();
    const target = vscode.Uri.joinPath(folder.uri, 'snippet.py');
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    const saving = runCodeAction('saveAs', 'print("hi")', 'python', api.chat.proposals);
    // The save dialog proposes <folder>/snippet.py; accept it as a user pressing Enter would.
    await until(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return vscode.workspace.fs.stat(target).then(() => true, () => undefined);
    }, 'the file to be saved', 20_000);
    await saving;
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 'print("hi")\n');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the new file is opened');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(target);
  });
});
