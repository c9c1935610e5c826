import * as vscode from 'vscode';
import type { FailureActionId, OllamaFailure } from '../core/engine/ollamaFailure';

const OLLAMA_DOWNLOAD = 'https://ollama.com/download';

/**
 * Shows a failure as a notification whose buttons do what they say. Returns the
 * action the user chose (after running it), so callers can chain on Retry.
 */
export async function showFailure(failure: OllamaFailure, severity: 'error' | 'warning' = 'error'): Promise<FailureActionId | undefined> {
  const labels = failure.actions.map((a) => a.label);
  const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  const chosen = await show(`Hearth: ${failure.message}`, ...labels);
  const action = failure.actions.find((a) => a.label === chosen);
  if (action) await runFailureAction(action.id, failure);
  return action?.id;
}

export async function runFailureAction(id: FailureActionId, failure?: OllamaFailure): Promise<void> {
  switch (id) {
    case 'retry':
      await vscode.commands.executeCommand('hearth.retryConnection');
      return;
    case 'startOllamaHelp':
      await showStartHelp();
      return;
    case 'pullModel':
      // Pulls with progress; without a model (none in the failure) it asks for one.
      await vscode.commands.executeCommand('hearth.pullModel', failure?.model ? { model: failure.model } : undefined);
      return;
    case 'selectCompletionModel':
      await vscode.commands.executeCommand('hearth.selectCompletionModel');
      return;
    case 'selectChatModel':
      await vscode.commands.executeCommand('hearth.selectChatModel');
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('hearth.openSettings');
      return;
    case 'showLogs':
      await vscode.commands.executeCommand('hearth.showLogs');
      return;
    default: {
      const unreachable: never = id;
      throw new Error(`unknown failure action ${String(unreachable)}`);
    }
  }
}

async function showStartHelp(): Promise<void> {
  const how =
    process.platform === 'darwin'
      ? 'Open the Ollama app, or run "ollama serve" in a terminal.'
      : process.platform === 'win32'
        ? 'Start Ollama from the Start menu, or run "ollama serve" in a terminal.'
        : 'Run "systemctl start ollama" (if installed as a service) or "ollama serve" in a terminal.';
  const choice = await vscode.window.showInformationMessage(
    `Hearth needs the Ollama daemon. ${how} Not installed yet? Get it from ${OLLAMA_DOWNLOAD}. Hearth reconnects by itself once it is up.`,
    'Open download page',
    'Retry now',
  );
  if (choice === 'Open download page') await vscode.env.openExternal(vscode.Uri.parse(OLLAMA_DOWNLOAD));
  if (choice === 'Retry now') await vscode.commands.executeCommand('hearth.retryConnection');
}
