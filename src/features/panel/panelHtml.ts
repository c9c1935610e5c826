import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PANEL_STYLESHEETS, panelDocument } from './panelDocument';

/** The panel's page, with resources only from the extension's dist/ and media/ folders. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const uri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return panelDocument({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: uri('dist', 'webview.js'),
    styleUris: PANEL_STYLESHEETS.map((path) => uri(...path)),
  });
}
