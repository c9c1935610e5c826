import * as vscode from 'vscode';
import { maskKeysIn } from '../../core/connection/apiKeys';
import type { HostToWebview, ViewTab } from '../../shared/protocol';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';

/** The Hearth view in the activity bar; "panel" in the code, after its id. */
export const PANEL_VIEW_ID = 'hearth.panel';

/**
 * The way to the panel's webview. It exists before the webview does (VS Code
 * creates it when the user first opens the view, and again after disposing
 * it), so every feature gets the channel at construction and posts through
 * it; a post while no webview is loaded is dropped, since the webview asks
 * for everything when it loads.
 */
export class PanelChannel implements vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** A tab asked for before the webview loaded; shown once it says it is ready. */
  private pendingTab: ViewTab | undefined;
  private readonly loaded = new vscode.EventEmitter<void>();
  /** The webview (re)loaded and wants everything: its state, the chat, the tab to show. */
  readonly onDidLoad = this.loaded.event;

  /**
   * `secrets`: stored API keys. The view shows what servers answered (error
   * texts), and a proxy may echo the header it rejected; a message holding a
   * key has it masked before it leaves the host.
   */
  constructor(private readonly secrets: () => readonly string[] = () => []) {}

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
    void this.view.webview.postMessage(this.masked(message));
    return true;
  }

  /** Focuses the view and selects `tab` (once the webview has loaded, if it has not yet). */
  async reveal(tab: ViewTab): Promise<void> {
    this.pendingTab = tab;
    await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
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

  private masked(message: HostToWebview): HostToWebview {
    return maskKeysIn(message, this.secrets());
  }
}
