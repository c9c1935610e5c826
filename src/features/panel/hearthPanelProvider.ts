import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { panelHtml } from './panelHtml';
import type { PanelChannel } from './panelChannel';
import { PANEL_VIEW_ID } from './panelChannel';
import { handleWebviewMessage } from '../../core/panel/webviewHandlers';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';

/**
 * The Hearth view as VS Code creates it: a locked-down webview whose
 * messages are validated (parseWebviewMessage) and handed to the one handler
 * for their type. It holds no state: the webview asks for everything when it
 * loads, and every change is pushed through the PanelChannel.
 */
export class HearthPanelProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = PANEL_VIEW_ID;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly channel: PanelChannel,
    private readonly handlers: WebviewHandlers,
    private readonly log: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = panelHtml(view.webview, this.extensionUri);
    this.disposables.push(
      this.channel.attach(view),
      view.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
    );
  }

  /** A message from the webview (or a test standing in for it): validated, then carried out. */
  handleMessage(raw: unknown): Promise<void> {
    return handleWebviewMessage(this.handlers, raw, this.log);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
