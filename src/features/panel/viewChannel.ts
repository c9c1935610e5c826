import * as vscode from 'vscode';
import type { HostToWebview, ViewTab } from '../../shared/protocol';
import type { WebviewHandlers } from '../../core/view/webviewHandlers';

export const VIEW_ID = 'hearth.panel';

/**
 * The way to the Hearth view's webview. It exists before the view does (VS
 * Code creates the view when the user first opens it, and again after it is
 * disposed), so every feature gets it at construction and posts through it;
 * a post while no webview is loaded is dropped, since the webview asks for
 * everything when it loads.
 */
export class ViewChannel implements vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** A tab asked for before the webview loaded; shown once it says it is ready. */
  private pendingTab: ViewTab | undefined;
  private readonly loaded = new vscode.EventEmitter<void>();
  /** The webview (re)loaded and wants everything: its state, the chat, the tab to show. */
  readonly onDidLoad = this.loaded.event;

  /** True while VS Code has the view (tests read it). */
  get isResolved(): boolean {
    return this.view !== undefined;
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** VS Code resolved the view; it stays until VS Code disposes it. */
  attach(view: vscode.WebviewView): vscode.Disposable {
    this.view = view;
    return view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
  }

  /** Sends a message if the webview is loaded; false when it is not. */
  post(message: HostToWebview): boolean {
    if (!this.view) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  /** Focuses the view and selects `tab` (once the webview has loaded, if it has not yet). */
  async reveal(tab: ViewTab): Promise<void> {
    this.pendingTab = tab;
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (this.view && this.post({ type: 'showTab', tab })) this.pendingTab = undefined;
  }

  /** The webview's own message: it loaded. */
  get messages(): WebviewHandlers<'ready'> {
    return {
      ready: () => {
        this.loaded.fire();
        if (this.pendingTab) this.post({ type: 'showTab', tab: this.pendingTab });
        this.pendingTab = undefined;
      },
    };
  }

  dispose(): void {
    this.loaded.dispose();
  }
}
