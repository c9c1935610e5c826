import * as vscode from 'vscode';
import { editorRequestText } from '../../core/chat/editorRequests';
import type { EditorRequest } from '../../core/chat/editorRequests';
import { ConversationStore } from '../../core/chat/conversationStore';
import type { Logger } from '../../core/logger';
import type { OllamaService } from '../../ollama/ollamaService';
import type { HostToWebview, ViewTab } from '../../shared/protocol';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { InstructionsService } from '../instructions/instructionsService';
import type { ChatViewPort } from '../panel/hearthViewProvider';
import { ChatContextTracker } from './chatContextTracker';
import { ChatController } from './chatController';
import { ChatMessageHandler } from './chatViewPort';
import { ProposalDiff } from './proposalDiff';
import { WorkspaceStoreFs } from './workspaceStoreFs';

export interface ChatFeatureDeps {
  readonly context: vscode.ExtensionContext;
  readonly ollama: OllamaService;
  readonly monitor: ConnectionMonitor;
  readonly instructions: InstructionsService;
  /** While held, completions wait or pause: chat and completions share the daemon. */
  readonly beginChatStream: () => vscode.Disposable;
  readonly settings: () => HearthSettings;
  readonly log: Logger;
  /** Posts to the Hearth view; false when it is not loaded. */
  readonly post: (message: HostToWebview) => boolean;
  /** Brings the Hearth view forward on a tab. */
  readonly reveal: (tab: ViewTab) => Promise<void>;
}

const REQUEST_COMMANDS: Record<EditorRequest, string> = {
  explain: 'hearth.chat.explain',
  fix: 'hearth.chat.fix',
  writeTests: 'hearth.chat.writeTests',
  addDocs: 'hearth.chat.addDocs',
};

/**
 * The sidebar chat and everything that lives as long as it: the controller,
 * the conversation store under the extension's workspace storage, the editor
 * context tracker, the diff preview for "Apply", and the chat commands.
 */
export class ChatFeature implements vscode.Disposable {
  readonly controller: ChatController;
  readonly port: ChatViewPort;
  readonly proposals = new ProposalDiff();
  /** Where the conversations are kept (one JSON file each). */
  readonly storeFolder: vscode.Uri;
  private readonly tracker: ChatContextTracker;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ChatFeatureDeps) {
    const { context, log } = deps;
    // Per workspace; a window without a folder keeps its chats in the global storage.
    const folder = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
    this.storeFolder = vscode.Uri.joinPath(folder, 'conversations');
    const store = new ConversationStore(new WorkspaceStoreFs(this.storeFolder), log);
    this.tracker = new ChatContextTracker(log);
    this.controller = new ChatController({
      answers: { ollama: deps.ollama, beginChatStream: deps.beginChatStream },
      monitor: deps.monitor,
      instructions: deps.instructions,
      store,
      context: this.tracker,
      settings: deps.settings,
      memento: context.workspaceState,
      log,
      post: deps.post,
    });
    this.port = new ChatMessageHandler(this.controller, this.tracker, this.proposals, log);
    const refresh = (): void => this.controller.pushSession();
    this.disposables.push(
      this.controller,
      this.tracker,
      this.proposals,
      this.tracker.onDidChange(refresh),
      deps.monitor.onDidChange(refresh),
      deps.instructions.onDidChange(refresh),
      vscode.commands.registerCommand('hearth.chat.new', async () => {
        await deps.reveal('chat');
        await this.controller.newChat();
      }),
      vscode.commands.registerCommand('hearth.chat.open', () => deps.reveal('chat')),
      ...Object.entries(REQUEST_COMMANDS).map(([request, command]) => vscode.commands.registerCommand(command, () => this.ask(request as EditorRequest))),
    );
  }

  /** Settings changed: the chat model, num_ctx or host may differ. */
  onSettingsChanged(): void {
    this.controller.pushSession();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Explain / Fix / Write tests / Add docs: the selection goes along, the request is written and sent. */
  private async ask(request: EditorRequest): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('Hearth: select some code in an editor first.');
      return;
    }
    this.tracker.useSelection(editor);
    await this.deps.reveal('chat');
    const text = editorRequestText(request, languageName(editor.document.languageId));
    if (this.controller.streaming) {
      // One answer at a time: the request waits in the input, written, for the user to send.
      this.controller.compose(text);
      vscode.window.setStatusBarMessage('Hearth: an answer is still streaming; your request is in the chat input.', 4000);
      return;
    }
    await this.controller.send(text);
  }
}

function languageName(id: string): string {
  const names: Record<string, string> = { typescript: 'TypeScript', javascript: 'JavaScript', typescriptreact: 'TypeScript React', javascriptreact: 'JavaScript React', python: 'Python', csharp: 'C#', cpp: 'C++', go: 'Go', rust: 'Rust', java: 'Java', shellscript: 'shell' };
  return names[id] ?? id;
}
