import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HearthApi } from '../../../src/hearthApi';
import type { InstructionsState } from '../../../src/features/instructions/instructionsService';
import { activateHearth, waitForEvent } from '../hearthApi';

const enc = new TextEncoder();

function chainOf(state: InstructionsState): string[] {
  return state.status === 'ready' ? state.resolved.files.map((f) => f.relPath) : [`<${state.status}>`];
}

/** Waits until the service announces a state satisfying `pred` (or already has it). */
function waitForChain(api: HearthApi, pred: (s: InstructionsState) => boolean, what: string): Promise<InstructionsState> {
  return waitForEvent(() => api.instructions.state, api.instructions.onDidChange, pred, what, 15_000, (s) => `chain is ${JSON.stringify(chainOf(s))}`);
}

describe('AGENTS.md instructions, inside VS Code', function () {
  this.timeout(60_000);
  let api: HearthApi;
  let root: vscode.Uri;
  const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root, 'monorepo', ...rel.split('/'));
  const write = (rel: string, text: string): Thenable<void> => vscode.workspace.fs.writeFile(file(rel), enc.encode(text));
  const open = async (rel: string): Promise<void> => {
    await vscode.window.showTextDocument(file(rel));
  };

  before(async () => {
    api = await activateHearth();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    root = folder.uri;
    // The monorepo tree is in the fixture workspace from the start: Linux file
    // watchers can miss files in directories created a moment earlier, and
    // these tests are about Hearth's reaction to events, not the watcher's.
    await vscode.workspace.fs.stat(file('packages/api/AGENTS.md'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('resolves the chain of the active file: opening files in different packages changes it', async () => {
    await open('packages/api/src/server.ts');
    let state = await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/api/src/server.ts', 'the api chain');
    assert.deepEqual(chainOf(state), ['monorepo/AGENTS.md', 'monorepo/packages/api/AGENTS.md']);
    assert.ok(state.status === 'ready' && state.resolved.text.indexOf('Root rule') < state.resolved.text.indexOf('API rule'), 'nearest comes last');

    await open('packages/web/src/app.ts');
    state = await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/web/src/app.ts', 'the web chain');
    assert.deepEqual(chainOf(state), ['monorepo/AGENTS.md', 'monorepo/packages/web/AGENTS.override.md'], 'the override file beats AGENTS.md');

    await open('packages/docs/guide.md');
    state = await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/docs/guide.md', 'the docs chain');
    assert.deepEqual(chainOf(state), ['monorepo/AGENTS.md']);
  });

  it('updates without a reload when a nested AGENTS.md is edited, created or deleted', async () => {
    await open('packages/api/src/server.ts');
    await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/api/src/server.ts', 'the api chain');

    await write('packages/api/AGENTS.md', '# API\n\nAPI rule v2: prefer Result types.\n');
    await waitForChain(api, (s) => s.status === 'ready' && s.resolved.text.includes('API rule v2'), 'the edited text');

    await write('packages/api/src/AGENTS.md', '# API src\n\nSource rule.\n');
    let state = await waitForChain(api, (s) => chainOf(s).length === 3, 'the new nested file');
    assert.deepEqual(chainOf(state), ['monorepo/AGENTS.md', 'monorepo/packages/api/AGENTS.md', 'monorepo/packages/api/src/AGENTS.md']);

    await vscode.workspace.fs.delete(file('packages/api/src/AGENTS.md'));
    state = await waitForChain(api, (s) => chainOf(s).length === 2, 'the deletion');
    assert.ok(state.status === 'ready' && !state.resolved.text.includes('Source rule'));
  });

  it('gives chat the exact text shown by "Show effective instructions"', async () => {
    await open('packages/web/src/app.ts');
    await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/web/src/app.ts', 'the web chain');
    const system = await api.instructions.systemText(file('packages/web/src/app.ts'));
    assert.match(system, /Web rule: no inline styles/);
    assert.doesNotMatch(system, /shadowed/);
    const shown = await vscode.commands.executeCommand<string>('hearth.showEffectiveInstructions');
    assert.ok(shown.endsWith(system), 'the document holds the system text verbatim');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists the chain in the view state, nearest last, with sizes and token estimates', async () => {
    await open('packages/api/src/server.ts');
    await waitForChain(api, (s) => s.status === 'ready' && s.forFile === 'monorepo/packages/api/src/server.ts', 'the api chain');
    const summary = api.statusTabState().instructions;
    assert.equal(summary.status, 'ready');
    assert.ok(summary.status === 'ready');
    assert.deepEqual(summary.files.map((f) => f.path), ['monorepo/AGENTS.md', 'monorepo/packages/api/AGENTS.md']);
    for (const f of summary.files) {
      assert.ok(f.bytes > 0 && f.tokens > 0 && !f.trimmed, JSON.stringify(f));
    }
  });

  it('"Create AGENTS.md" writes a starter at the root, and never overwrites one', async () => {
    const target = vscode.Uri.joinPath(root, 'AGENTS.md');
    // Without a reachable chat model no drafting offer blocks the command.
    assert.notEqual(api.connectionState().status, 'connected');
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri>('hearth.createAgentsMd');
      assert.equal(created?.toString(), target.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(text, /## Build and test/);
      await vscode.workspace.fs.writeFile(target, enc.encode('# Mine\n'));
      await vscode.commands.executeCommand('hearth.createAgentsMd');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), '# Mine\n');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(target);
    }
  });
});
