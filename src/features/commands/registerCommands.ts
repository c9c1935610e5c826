import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { OllamaService } from '../../ollama/ollamaService';
import type { OutputLogger } from '../../vscode/outputLogger';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import { updateUserSetting } from '../../vscode/hearthConfiguration';
import { showFailure } from '../../vscode/failureActions';
import { selectModel } from '../models/selectModel';
import { showStatusMenu } from '../statusBar/statusMenu';

export interface CommandDeps {
  readonly ollama: OllamaService;
  readonly monitor: ConnectionMonitor;
  readonly log: OutputLogger;
  readonly settings: () => HearthSettings;
}

/** The palette commands of the foundation (category "Hearth" in package.json). */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { ollama, monitor, log, settings } = deps;
  return [
    vscode.commands.registerCommand('hearth.showMenu', () =>
      showStatusMenu(settings().completion.enabled, monitor.state.status === 'connected'),
    ),
    vscode.commands.registerCommand('hearth.retryConnection', async () => {
      const state = await monitor.retry();
      // An explicit Retry that still fails deserves an answer, not silence.
      if (state.status === 'down') void showFailure(state.failure);
      return state.status;
    }),
    vscode.commands.registerCommand('hearth.refreshModels', async () => {
      const state = await monitor.refreshModels();
      if (state.status === 'down') void showFailure(state.failure);
      else if (state.status === 'connected' && state.modelsFailure) void showFailure(state.modelsFailure, 'warning');
      return state.status === 'connected' ? state.models.map((m) => m.name) : [];
    }),
    vscode.commands.registerCommand('hearth.toggleCompletions', async () => {
      const enabled = !settings().completion.enabled;
      await updateUserSetting('completion.enabled', enabled);
      vscode.window.setStatusBarMessage(`Hearth: inline completions ${enabled ? 'on' : 'off'}`, 2500);
      return enabled;
    }),
    vscode.commands.registerCommand('hearth.selectCompletionModel', () => selectModel(ollama, 'completion', settings().completion.model)),
    vscode.commands.registerCommand('hearth.selectChatModel', () => selectModel(ollama, 'chat', settings().chat.model)),
    vscode.commands.registerCommand('hearth.showLogs', () => log.show()),
    vscode.commands.registerCommand('hearth.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:hearth.hearth'),
    ),
  ];
}
