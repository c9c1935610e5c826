import * as vscode from 'vscode';
import type { ExchangeRecord } from '../../core/inspector/exchangeRecord';
import { curlCommand, replayFile } from '../../core/inspector/reproducibleRequest';

// "Copy as reproducible request": a curl command on the clipboard, or a JSON
// file the user picks a place for. Both carry masked header values; nothing
// is sent anywhere.

export async function copyCurl(record: ExchangeRecord): Promise<void> {
  const curl = curlCommand(record);
  if (!curl.ok) {
    void vscode.window.showWarningMessage(`Hearth: ${curl.reason}`);
    return;
  }
  await vscode.env.clipboard.writeText(curl.value);
  void vscode.window.showInformationMessage('Hearth: the request is on the clipboard as a curl command (header values masked).');
}

export async function saveReplayFile(record: ExchangeRecord): Promise<void> {
  const file = replayFile(record);
  if (!file.ok) {
    void vscode.window.showWarningMessage(`Hearth: ${file.reason}`);
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `hearth-request-${record.id}.json`;
  const target = await vscode.window.showSaveDialog({
    title: 'Save the request as JSON',
    filters: { JSON: ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(file.value));
  void vscode.window.showInformationMessage(`Hearth: saved the request to ${vscode.workspace.asRelativePath(target)} (header values masked).`);
}
