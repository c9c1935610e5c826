// A hostile repository inside a real VS Code: instruction files, imports and
// directories that are symbolic links in and out of the workspace folder, a
// FIFO named AGENTS.md, files outside the folder, and the same links picked as
// chat attachments or named by a reply. Links and FIFOs are made on disk (the
// extension host runs on this machine), as `git clone` would make them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import type { HearthApi } from '../../../src/hearthApi';
import type { InstructionsState } from '../../../src/features/instructions/instructionsService';
import { activateHearth, setHearthSetting, waitForEvent } from '../hearthApi';

function chainOf(state: InstructionsState): string[] {
  return state.status === 'ready' ? state.resolved.files.map((f) => f.relPath) : [`<${state.status}>`];
}

describe('Confinement of repository files, inside VS Code', function () {
  this.timeout(60_000);
  let api: HearthApi;
  let root: string;
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-outside-'));
  const secret = path.join(outside, 'secret.md');
  const fifos: string[] = [];
  const cleanups: (() => unknown)[] = [];
  const warnings: string[] = [];

  const abs = (rel: string): string => path.join(root, ...rel.split('/'));
  const file = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), text);
  };
  const link = (rel: string, target: string): void => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.symlinkSync(target, abs(rel));
  };
  const open = async (rel: string): Promise<InstructionsState> => {
    await vscode.window.showTextDocument(vscode.Uri.file(abs(rel)));
    return waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'ready' && s.forFile === rel, rel, 15_000, (s) => `chain is ${JSON.stringify(chainOf(s))}`);
  };
  const refusalIn = (state: InstructionsState, rel: string): string | undefined =>
    state.status === 'ready' ? state.resolved.warnings.find((w) => w.startsWith(`${rel}: not used`)) : undefined;

  before(async () => {
    api = await activateHearth();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    root = folder.uri.fsPath;
    fs.writeFileSync(secret, 'OUTSIDE SECRET: ~/.ssh/config would be here\n');
    fs.mkdirSync(path.join(outside, 'dir'));
    fs.writeFileSync(path.join(outside, 'dir', 'AGENTS.md'), 'OUTSIDE DIR RULES\n');
    fs.writeFileSync(path.join(outside, 'dir', 'lib.ts'), 'export const lib = 1;\n');
    // Fresh directories, never resolved before, so no earlier cache answers for them.
    file('hostile/inside/x.ts', 'export const x = 1;\n');
    link('hostile/inside/AGENTS.md', '../../monorepo/packages/api/AGENTS.md');
    file('hostile/outside/x.ts', 'export const x = 1;\n');
    link('hostile/outside/AGENTS.md', secret);
    link('hostile/alias', '../monorepo/packages/web');
    link('hostile/vendor', path.join(outside, 'dir'));
    file('hostile/imports/AGENTS.md', 'Imports rule.\n@in.md\n@out.md\n');
    file('hostile/imports/x.ts', 'export const x = 1;\n');
    link('hostile/imports/in.md', '../../monorepo/AGENTS.md');
    link('hostile/imports/out.md', secret);
    file('hostile/fifo/x.ts', 'export const x = 1;\n');
    fs.mkdirSync(abs('hostile/fifo'), { recursive: true });
    execFileSync('mkfifo', [abs('hostile/fifo/AGENTS.md')]);
    fifos.push(abs('hostile/fifo/AGENTS.md'));
    await setHearthSetting('instructions.imports', true);
    const window = vscode.window as unknown as Record<'showWarningMessage', (...args: unknown[]) => Thenable<unknown>>;
    const original = window.showWarningMessage;
    window.showWarningMessage = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' | '));
      return Promise.resolve(undefined);
    };
    cleanups.push(() => (window.showWarningMessage = original));
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setHearthSetting('instructions.imports', undefined);
    // A reader that did block on a FIFO (the bug this guards) is released by a writer.
    for (const fifo of fifos) {
      try {
        fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // No reader was waiting.
      }
    }
    fs.rmSync(abs('hostile'), { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('uses an AGENTS.md that links to a file inside the folder', async () => {
    const state = await open('hostile/inside/x.ts');
    assert.deepEqual(chainOf(state), ['hostile/inside/AGENTS.md']);
    assert.match(await api.instructions.systemText(), /API rule: return typed errors/);
  });

  it('refuses an AGENTS.md that links out of the folder, with the reason in the view, and sends none of it', async () => {
    const state = await open('hostile/outside/x.ts');
    assert.equal(refusalIn(state, 'hostile/outside/AGENTS.md'), `hostile/outside/AGENTS.md: not used, it is a symbolic link to ${fs.realpathSync(secret)}, outside the workspace folder`);
    assert.doesNotMatch(await api.instructions.systemText(), /OUTSIDE SECRET/);
    const summary = api.statusTabState().instructions;
    assert.ok(summary.status === 'ready');
    assert.deepEqual(summary.files.map((f) => [f.path, f.refused]), [['hostile/outside/AGENTS.md', true]]);
    assert.ok(summary.warnings?.some((w) => w.includes('hostile/outside/AGENTS.md') && w.includes('outside the workspace folder')), JSON.stringify(summary.warnings));
    const shown = await vscode.commands.executeCommand<string>('hearth.showEffectiveInstructions');
    assert.doesNotMatch(shown, /OUTSIDE SECRET/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows a directory link that stays inside, and refuses one that leaves', async () => {
    const inside = await open('hostile/alias/src/app.ts');
    assert.deepEqual(chainOf(inside), ['hostile/alias/AGENTS.override.md']);
    assert.match(await api.instructions.systemText(), /Web rule: no inline styles/);
    const outsideState = await open('hostile/vendor/lib.ts');
    assert.match(refusalIn(outsideState, 'hostile/vendor/AGENTS.md') ?? '', /hostile\/vendor is a symbolic link to .*, outside the workspace folder/);
    assert.doesNotMatch(await api.instructions.systemText(), /OUTSIDE DIR RULES/);
  });

  it('expands an import that links inside, and refuses one that links out', async () => {
    const state = await open('hostile/imports/x.ts');
    const text = await api.instructions.systemText();
    assert.match(text, /Imports rule\.[\s\S]*Use pnpm\. Root rule\./);
    assert.doesNotMatch(text, /OUTSIDE SECRET/);
    assert.ok(state.status === 'ready' && state.resolved.warnings.some((w) => /import "@out\.md" refused: it is a symbolic link to .*outside the workspace folder/.test(w)), chainOf(state).join());
  });

  it('resolves past a FIFO named AGENTS.md without hanging, and says it is not a regular file', async () => {
    const state = await open('hostile/fifo/x.ts');
    assert.match(refusalIn(state, 'hostile/fifo/AGENTS.md') ?? '', /not a regular file/);
  });

  it('does not attach a picked file that links out of the folder, and says why; one that links inside is attached', async () => {
    await vscode.commands.executeCommand('hearth.panel.focus');
    await api.chat.service.ready();
    const pick = async (rel: string): Promise<void> => {
      const window = vscode.window as unknown as Record<'showQuickPick', (...args: unknown[]) => Thenable<unknown>>;
      const original = window.showQuickPick;
      window.showQuickPick = () => Promise.resolve([{ label: rel, uri: vscode.Uri.file(abs(rel)) }]);
      try {
        await api.panel.handleMessage({ type: 'chatAttachFile' });
      } finally {
        window.showQuickPick = original;
      }
    };
    await pick('hostile/outside/AGENTS.md');
    assert.ok(warnings.some((w) => /hostile\/outside\/AGENTS\.md was not attached: it is a symbolic link to .*outside the workspace folder/.test(w)), warnings.join('\n'));
    assert.ok(!api.chat.service.session().context.some((c) => c.kind === 'file'), 'nothing attached');
    await pick('hostile/fifo/AGENTS.md');
    assert.ok(warnings.some((w) => /hostile\/fifo\/AGENTS\.md was not attached: it is not a regular file/.test(w)), warnings.join('\n'));
    await pick('hostile/inside/AGENTS.md');
    const chips = api.chat.service.session().context.filter((c) => c.kind === 'file');
    assert.deepEqual(chips.map((c) => c.path), ['hostile/inside/AGENTS.md']);
    await api.panel.handleMessage({ type: 'chatRemoveContext', chipId: chips[0]?.id ?? '' });
  });

  it('does not open a file a reply links to when it leads out of the folder', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.panel.handleMessage({ type: 'chatOpenLink', href: 'hostile/outside/AGENTS.md' });
    const activeText = (): string | undefined => vscode.window.activeTextEditor?.document.getText();
    assert.equal(activeText(), undefined, 'nothing was opened');
    assert.ok(warnings.some((w) => w.includes('hostile/outside/AGENTS.md is not a file in this workspace')), warnings.join('\n'));
    await api.panel.handleMessage({ type: 'chatOpenLink', href: 'hostile/inside/AGENTS.md' });
    assert.match(activeText() ?? '', /API rule/);
  });

  it('gives an untitled buffer and a file from outside the folder no instructions, even with a root AGENTS.md', async () => {
    file('AGENTS.md', '# Root\n\nWorkspace root rule.\n');
    cleanups.push(() => fs.rmSync(abs('AGENTS.md'), { force: true }));
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export const scratch = 1;\n' });
    await vscode.window.showTextDocument(doc);
    await waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'outsideWorkspace', 'untitled: none', 15_000, (s) => JSON.stringify(chainOf(s)));
    assert.equal(await api.instructions.systemText(), '');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(vscode.Uri.file(secret));
    await waitForEvent(() => api.instructions.state, api.instructions.onDidChange, (s) => s.status === 'outsideWorkspace' && s.file === secret, 'outside: none', 15_000, (s) => JSON.stringify(chainOf(s)));
    assert.equal(await api.instructions.systemText(), '');
  });
});
