// Proves the plumbing: the suites run inside an extension host that loaded
// Hearth from the repository.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('Hearth smoke', () => {
  it('is installed as the development extension and activates', async () => {
    const extension = vscode.extensions.getExtension('hearth.hearth');
    assert.ok(extension, 'hearth.hearth is not loaded');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers hearth.showMenu', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('hearth.showMenu'), 'hearth.showMenu is not registered');
  });
});
