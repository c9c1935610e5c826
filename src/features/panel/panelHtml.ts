import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { panelDocument } from './panelDocument';

/** The panel's page, with resources only from the extension's dist/ and media/ folders. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const uri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return panelDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: uri('dist', 'webview.js'),
    styleUris: [uri('media', 'panel.css'), uri('dist', 'codicons.css'), uri('media', 'chat.css')],
  });
}
