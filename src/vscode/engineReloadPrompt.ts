import * as vscode from 'vscode';
import type { HearthConfiguration } from './hearthConfiguration';

/**
 * The model server is chosen once at activation (see createModelServer): a
 * changed hearth.engine takes effect after a window reload, and the user is
 * told so instead of finding the old engine still answering.
 */
export function engineReloadPrompt(config: HearthConfiguration): vscode.Disposable {
  const chosen = config.settings.engine;
  return config.onDidChange(['engine'], () => {
    if (config.settings.engine === chosen) return;
    void vscode.window
      .showInformationMessage(`Hearth switches to the ${config.settings.engine === 'openai' ? 'OpenAI-compatible' : 'Ollama'} engine after a window reload.`, 'Reload Window')
      .then((choice) => (choice ? vscode.commands.executeCommand('workbench.action.reloadWindow') : undefined));
  });
}
