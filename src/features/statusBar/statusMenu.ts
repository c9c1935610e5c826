import * as vscode from 'vscode';

interface MenuItem extends vscode.QuickPickItem {
  readonly command: string;
}

/** The quick pick behind the status bar item. */
export async function showStatusMenu(completionsEnabled: boolean, connected: boolean): Promise<void> {
  const items: MenuItem[] = [
    {
      label: completionsEnabled ? '$(circle-slash) Disable inline completions' : '$(check) Enable inline completions',
      command: 'hearth.toggleCompletions',
    },
    { label: '$(symbol-method) Select completion model…', command: 'hearth.selectCompletionModel' },
    { label: '$(comment-discussion) Select chat model…', command: 'hearth.selectChatModel' },
    connected
      ? { label: '$(refresh) Refresh models', command: 'hearth.refreshModels' }
      : { label: '$(debug-restart) Retry connection to Ollama', command: 'hearth.retryConnection' },
    { label: '$(search) Open the Inspector (what was sent to the model)', command: 'hearth.inspector.open' },
    { label: '$(output) Show logs', command: 'hearth.showLogs' },
    { label: '$(gear) Open settings', command: 'hearth.openSettings' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Hearth', placeHolder: 'Choose an action' });
  if (picked) await vscode.commands.executeCommand(picked.command);
}
