import * as vscode from 'vscode';
import { classifyLink } from '../../core/chat/linkTarget';
import type { Logger } from '../../core/logger';
import { ConfinedFolder } from '../../vscode/confinement/confinedFolder';

const OPEN = 'Open';

/**
 * Opens a link the user clicked in a reply, after checking it: web links only
 * once the user confirmed the real address (a link's label can be another
 * URL; VS Code's own link protection asks only about untrusted domains), then
 * through openExternal; workspace paths open in the editor; anything else is
 * refused.
 */
export async function openChatLink(href: string, log: Logger): Promise<void> {
  const target = classifyLink(href);
  switch (target.kind) {
    case 'external': {
      // The URL as parsed: hidden characters percent-encoded, the host in punycode, so what shows is what opens.
      const choice = await vscode.window.showInformationMessage('Open this address from the chat in your browser?', { modal: true, detail: target.url }, OPEN);
      if (choice === OPEN) await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
      return;
    }
    case 'workspaceFile': {
      const uri = await findInWorkspace(target.path);
      if (!uri) {
        void vscode.window.showWarningMessage(`Hearth: ${target.path} is not a file in this workspace.`);
        return;
      }
      const line = target.line !== undefined ? Math.max(0, target.line - 1) : undefined;
      await vscode.window.showTextDocument(uri, {
        preview: true,
        ...(line !== undefined ? { selection: new vscode.Range(line, 0, line, 0) } : {}),
      });
      return;
    }
    case 'refused':
      log.info(`Chat link not opened (${target.reason}): ${href.slice(0, 200)}`);
      vscode.window.setStatusBarMessage(`Hearth: that link was not opened (${target.reason}).`, 4000);
      return;
    default: {
      const unreachable: never = target;
      throw new Error(`unknown link target ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A path from a reply opens only as a regular file inside a folder by real path (no link out, no FIFO). */
async function findInWorkspace(path: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const found = await ConfinedFolder.of(folder.uri).resolve(path).catch(() => undefined);
    if (found?.kind === 'file') return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
  }
  return undefined;
}
