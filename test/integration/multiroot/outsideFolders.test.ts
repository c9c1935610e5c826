// Runs in a multi-root window: folder 1 is test/fixtures/second-folder (a root
// AGENTS.md with "Folder B rule"), folder 2 the usual workspace. Repository
// instructions belong to the folder that holds the file, never to folder 1 by
// default; files outside every folder get none, and the view says why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { InstructionsState } from '../../../src/features/instructions/instructionsService';
import { activateHearth, setHearthSetting, waitForEvent } from '../hearthApi';

function chainOf(state: InstructionsState): string[] {
  return state.status === 'ready' ? state.resolved.files.map((f) => `${state.folder.name}/${f.relPath}`) : [`<${state.status}>`];
}

describe('Multi-root window: instructions only for files inside a folder', function () {
  this.timeout(60_000);
  let api: HearthApi;
  let first: vscode.WorkspaceFolder;
  let second: vscode.WorkspaceFolder;
  const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-outside-'));
  const waitForState = (pred: (s: InstructionsState) => boolean, what: string): Promise<InstructionsState> =>
    waitForEvent(() => api.instructions.state, api.instructions.onDidChange, pred, what, 15_000, (s) => `state is ${JSON.stringify(chainOf(s))}`);

  before(async () => {
    api = await activateHearth();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 2, 'a multi-root window');
    [first, second] = folders as [vscode.WorkspaceFolder, vscode.WorkspaceFolder];
    assert.ok(fs.existsSync(path.join(first.uri.fsPath, 'AGENTS.md')), 'folder 1 has a root AGENTS.md');
    await setHearthSetting('instructions.completionDigest', true);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setHearthSetting('instructions.completionDigest', undefined);
    fs.rmSync(outsideDir, { recursive: true, force: true });
  });

  it('with no file open, the chat gets the first folder\'s root files (the documented rule)', async () => {
    assert.equal(vscode.window.activeTextEditor, undefined, 'no editor is open yet');
    const state = await api.instructions.resolve();
    assert.deepEqual(chainOf(state), [`${first.name}/AGENTS.md`]);
    assert.match(await api.instructions.systemText(), /Folder B rule/);
  });

  it('a file in the second folder gets its own folder\'s chain, never the first folder\'s', async () => {
    const file = vscode.Uri.joinPath(second.uri, 'monorepo', 'packages', 'api', 'src', 'server.ts');
    await vscode.window.showTextDocument(file);
    const state = await waitForState((s) => s.status === 'ready' && s.forFile === 'monorepo/packages/api/src/server.ts', 'the api chain');
    assert.deepEqual(chainOf(state), [`${second.name}/monorepo/AGENTS.md`, `${second.name}/monorepo/packages/api/AGENTS.md`]);
    assert.doesNotMatch(await api.instructions.systemText(file), /Folder B rule/);
  });

  it('a file in the first folder gets the first folder\'s chain', async () => {
    const file = vscode.Uri.joinPath(first.uri, 'src', 'b.ts');
    await vscode.window.showTextDocument(file);
    const state = await waitForState((s) => s.status === 'ready' && s.forFile === 'src/b.ts', 'the first folder\'s chain');
    assert.deepEqual(chainOf(state), [`${first.name}/AGENTS.md`]);
  });

  for (const kind of ['an untitled buffer', 'a file from outside every folder'] as const) {
    it(`${kind} gets no repository instructions, and the view, the chat and the command say why`, async () => {
      let uri: vscode.Uri;
      if (kind === 'an untitled buffer') {
        const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export const scratch = 1;\n' });
        uri = doc.uri;
        await vscode.window.showTextDocument(doc);
      } else {
        const file = path.join(outsideDir, 'elsewhere.ts');
        fs.writeFileSync(file, 'export const elsewhere = 1;\n');
        uri = vscode.Uri.file(file);
        await vscode.window.showTextDocument(uri);
      }
      const state = await waitForState((s) => s.status === 'outsideWorkspace', `no instructions for ${kind}`);
      assert.ok(state.status === 'outsideWorkspace');
      assert.equal(state.file, uri.scheme === 'file' ? uri.fsPath : uri.path);
      assert.equal(await api.instructions.systemText(), '', 'the chat sends none');
      assert.equal(await api.instructions.systemText(uri), '');
      assert.equal(await api.instructions.completionDigest(uri), '', 'completions get none');
      const summary = api.statusTabState().instructions;
      assert.deepEqual(summary, { status: 'outsideWorkspace', file: state.file });
      assert.equal(api.chat.service.session().instructions.status, 'outsideWorkspace');
      const shown = await vscode.commands.executeCommand<string>('hearth.showEffectiveInstructions');
      assert.match(shown, /is not inside a workspace folder, so no repository instructions apply to it\. Nothing is sent\./);
      // Revert: an untitled buffer is dirty, and closing it would ask to save.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
