import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { DiagnosticsAction, HostToWebview, ModelRole, PanelState, SetupAction, ViewTab, WebviewToHost } from '../../shared/protocol';
import { parseWebviewMessage } from '../../shared/protocol';
import { panelHtml } from './panelHtml';

export interface PanelHandlers {
  /** The webview (re)loaded and was sent the state. */
  viewReady(): void;
  retry(): Promise<unknown>;
  refreshModels(): Promise<unknown>;
  setModel(role: 'completion' | 'chat', model: string): Promise<void>;
  runAction(action: Extract<WebviewToHost, { type: 'runAction' }>['action']): Promise<void>;
  /** Opens a listed instruction file; refuses paths the view was not shown. */
  openInstructionFile(path: string): Promise<void>;
  manageTrust(): Promise<void>;
  showEffectiveInstructions(): Promise<void>;
  createAgentsMd(): Promise<void>;
  /** Pulls a model the setup offered for the role; refuses any other name. */
  pullForRole(role: ModelRole, model: string): Promise<void>;
  cancelPull(model: string): Promise<void>;
  diagnostics(action: DiagnosticsAction): Promise<void>;
  setupAction(action: SetupAction): Promise<void>;
}

export type ChatWebviewMessage = Extract<WebviewToHost, { type: `chat${string}` }>;

/** The chat's side of the view: told when the webview (re)loads, and given its messages. */
export interface ChatViewPort {
  onViewReady(): void;
  receive(message: ChatWebviewMessage): Promise<void>;
}

/**
 * The Hearth webview view. It holds no state of its own: the webview asks for
 * the state when it (re)loads, and gets every change pushed.
 */
export class HearthViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'hearth.panel';
  private view: vscode.WebviewView | undefined;
  /** A tab asked for before the webview loaded; shown once it says it is ready. */
  private pendingTab: ViewTab | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly state: () => PanelState,
    private readonly handlers: PanelHandlers,
    private readonly chat: ChatViewPort,
    private readonly log: Logger,
  ) {}

  /** True once the view has been resolved and not disposed (tests read it). */
  get isResolved(): boolean {
    return this.view !== undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    view.webview.html = panelHtml(view.webview, this.extensionUri);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)),
      view.onDidDispose(() => {
        this.view = undefined;
      }),
    );
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Pushes the current state, if the view is open. */
  refresh(): void {
    this.post({ type: 'state', state: this.state() });
  }

  /** Focuses the view and selects `tab`. */
  async reveal(tab: ViewTab): Promise<void> {
    this.pendingTab = tab;
    await vscode.commands.executeCommand(`${HearthViewProvider.viewId}.focus`);
    if (this.view && this.post({ type: 'showTab', tab })) this.pendingTab = undefined;
  }

  /** Sends a message if the webview is loaded; false when it is not (it asks for everything on load). */
  post(message: HostToWebview): boolean {
    if (!this.view) return false;
    void this.view.webview.postMessage(message);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** A message from the webview (or a test standing in for it): validated, then carried out. */
  async handleMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the Hearth view: ${safePreview(raw)}`);
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.refresh();
          this.handlers.viewReady();
          this.chat.onViewReady();
          if (this.pendingTab) this.post({ type: 'showTab', tab: this.pendingTab });
          this.pendingTab = undefined;
          return;
        case 'retry':
          await this.handlers.retry();
          return;
        case 'refreshModels':
          await this.handlers.refreshModels();
          return;
        case 'setModel':
          await this.handlers.setModel(message.role, message.model);
          return;
        case 'runAction':
          await this.handlers.runAction(message.action);
          return;
        case 'openInstructionFile':
          await this.handlers.openInstructionFile(message.path);
          return;
        case 'manageTrust':
          await this.handlers.manageTrust();
          return;
        case 'showEffectiveInstructions':
          await this.handlers.showEffectiveInstructions();
          return;
        case 'createAgentsMd':
          await this.handlers.createAgentsMd();
          return;
        case 'pullForRole':
          await this.handlers.pullForRole(message.role, message.model);
          return;
        case 'cancelPull':
          await this.handlers.cancelPull(message.model);
          return;
        case 'diagnostics':
          await this.handlers.diagnostics(message.action);
          return;
        case 'setupAction':
          await this.handlers.setupAction(message.action);
          return;
        case 'chatSend':
        case 'chatStop':
        case 'chatRegenerate':
        case 'chatEditResend':
        case 'chatNew':
        case 'chatOpen':
        case 'chatRename':
        case 'chatDelete':
        case 'chatExport':
        case 'chatSetModel':
        case 'chatRemoveContext':
        case 'chatAttachFile':
        case 'chatCodeAction':
        case 'chatOpenLink':
          await this.chat.receive(message);
          return;
        default: {
          const unreachable: never = message;
          throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
        }
      }
    } catch (error) {
      this.log.error(error instanceof Error ? error : String(error));
    }
  }
}

function safePreview(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return typeof value;
  }
}
