import * as vscode from 'vscode';
import type { AgentRuntime } from '../../core/agent/agentPorts';
import type { ChatEnvironment, ChatNotifications } from '../../core/chat/chatPorts';
import { ConversationService } from '../../core/chat/conversationService';
import { ConversationStore } from '../../core/chat/conversationStore';
import { editorRequestText } from '../../core/chat/editorRequests';
import type { EditorRequest } from '../../core/chat/editorRequests';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { Disposable } from '../../core/emitter';
import type { ModelServer } from '../../core/engine/modelServer';
import type { Logger } from '../../core/logger';
import type { WebviewToHost } from '../../shared/protocol';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import type { InstructionsService } from '../instructions/instructionsService';
import { toInstructionsSummary } from '../instructions/instructionsSummary';
import type { PanelChannel } from '../panel/panelChannel';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import { ChatContextTracker } from './chatContextTracker';
import { openChatLink } from './chatLinks';
import { runCodeAction } from './codeBlockActions';
import { deleteConversation, exportConversation, renameConversation } from './conversationDialogs';
import { ProposalDiff } from './proposalDiff';
import { WorkspaceStoreFs } from './workspaceStoreFs';

export interface ChatFeatureDeps {
  readonly context: vscode.ExtensionContext;
  readonly ollama: Pick<ModelServer, 'chat' | 'hostLabel'>;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>;
  readonly instructions: Pick<InstructionsService, 'state' | 'onDidChange'>;
  /** While held, completions wait or pause: chat and completions share the daemon. */
  readonly beginChatStream: () => Disposable;
  readonly config: HearthConfiguration;
  readonly log: Logger;
  readonly panel: PanelChannel;
  /** Agent mode's tools and settings (features/agent). */
  readonly agent?: AgentRuntime;
}

type ChatMessageType = Extract<WebviewToHost['type'], `chat${string}`>;

const REQUEST_COMMANDS: Record<EditorRequest, string> = {
  explain: 'hearth.chat.explain',
  fix: 'hearth.chat.fix',
  writeTests: 'hearth.chat.writeTests',
  addDocs: 'hearth.chat.addDocs',
};

/**
 * The sidebar chat in VS Code: the chat core (ConversationService) with the
 * editor, the notifications, the extension's storage and the view plugged
 * in, and what lives as long as it does: the editor context tracker, the diff
 * preview for "Apply", the chat commands.
 */
export class ChatFeature implements vscode.Disposable {
  readonly service: ConversationService;
  readonly proposals = new ProposalDiff();
  /** Where the conversations are kept (one JSON file each). */
  readonly storeFolder: vscode.Uri;
  private readonly tracker: ChatContextTracker;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ChatFeatureDeps) {
    const { context, config, log, panel, monitor, instructions } = deps;
    // Per workspace; a window without a folder keeps its chats in the global storage.
    const folder = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
    this.storeFolder = vscode.Uri.joinPath(folder, 'conversations');
    this.tracker = new ChatContextTracker(log);
    const env: ChatEnvironment = {
      connection: () => monitor.state,
      chatModel: () => config.settings.chat.model,
      numCtx: () => config.settings.ollama.numCtx,
      maxReplyBytes: () => config.settings.chat.maxReplyBytes,
      instructions: () => {
        const state = instructions.state;
        return { summary: toInstructionsSummary(state), text: state.status === 'ready' ? state.resolved.text : '' };
      },
    };
    this.service = new ConversationService({
      engine: { server: deps.ollama, beginChatStream: deps.beginChatStream },
      env,
      context: this.tracker,
      notifications: vscodeNotifications,
      store: new ConversationStore(new WorkspaceStoreFs(this.storeFolder), log),
      memory: context.workspaceState,
      log,
      post: (message) => panel.post(message),
      ...(deps.agent ? { agent: deps.agent } : {}),
    });
    const refresh = (): void => this.service.pushSession();
    this.disposables = [
      this.tracker,
      this.proposals,
      this.tracker.onDidChange(refresh),
      monitor.onDidChange(refresh),
      instructions.onDidChange(refresh),
      // The chat model of new conversations, num_ctx (the budget), the host.
      config.onDidChange(['chat', 'ollama'], refresh),
      // Agent mode appears once the folder is trusted, and with the folders it works in.
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
      panel.onDidLoad(() => void this.service.onViewReady()),
      vscode.commands.registerCommand('hearth.chat.new', async () => {
        await panel.reveal('chat');
        await this.service.newChat();
      }),
      vscode.commands.registerCommand('hearth.chat.open', () => panel.reveal('chat')),
      ...Object.entries(REQUEST_COMMANDS).map(([request, command]) => vscode.commands.registerCommand(command, () => this.ask(request as EditorRequest))),
    ];
  }

  /**
   * The chat's part of the view's message table. The shapes were checked by
   * parseWebviewMessage; here ids and code are checked against the host's own
   * state (known conversations, code the answer contains).
   */
  get messages(): WebviewHandlers<ChatMessageType> {
    const { service: chat, tracker: context, proposals } = this;
    const log = this.deps.log;
    return {
      chatSend: ({ text }) => chat.send(text),
      chatStop: () => chat.stop(),
      chatRegenerate: ({ turnId }) => chat.regenerate(turnId),
      chatEditResend: ({ turnId, text }) => chat.editResend(turnId, text),
      chatNew: () => chat.newChat(),
      chatOpen: ({ conversationId }) => chat.open(conversationId),
      chatRename: ({ conversationId }) => renameConversation(chat, conversationId),
      chatDelete: ({ conversationId }) => deleteConversation(chat, conversationId),
      chatExport: ({ conversationId }) => exportConversation(chat, conversationId),
      chatSetModel: ({ model }) => chat.setModel(model),
      chatRemoveContext: ({ chipId }) => context.remove(chipId),
      chatAttachFile: () => context.pickFiles(),
      chatCodeAction: async ({ action, turnId, code, language }) => {
        if (!chat.isFromAnswer(turnId, code)) {
          log.warn(`Chat: ignored a code action whose code is not in turn ${turnId}`);
          return;
        }
        await runCodeAction(action, code, language, proposals);
      },
      chatOpenLink: ({ href }) => openChatLink(href, log),
      chatSetMode: ({ mode }) => chat.setMode(mode),
      chatAgentDecide: ({ turnId, stepId, decision }) => {
        // Only the step the run is waiting on: a stale click or a forged message decides nothing.
        if (!chat.agent?.decide(turnId, stepId, decision)) log.warn(`Agent: ignored a decision for step ${stepId} of ${turnId}, which is not waiting`);
      },
      chatAgentDiff: ({ turnId, stepId, path }) => chat.agent?.showDiff(turnId, stepId, path),
      chatAgentUndo: async ({ turnId }) => {
        await chat.ready();
        const problems = (await chat.agent?.undo(turnId)) ?? [];
        if (problems.length > 0) void vscode.window.showWarningMessage(`Hearth: Undo left some files as they are. ${problems.join(' ')}`);
      },
    };
  }

  dispose(): void {
    this.service.dispose();
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
    await this.deps.panel.reveal('chat');
    const text = editorRequestText(request, languageName(editor.document.languageId));
    if (this.service.streaming) {
      // One answer at a time: the request waits in the input, written, for the user to send.
      this.service.compose(text);
      vscode.window.setStatusBarMessage('Hearth: an answer is still streaming; your request is in the chat input.', 4000);
      return;
    }
    await this.service.send(text);
  }
}

/** The chat core's notices as VS Code shows them. */
const vscodeNotifications: ChatNotifications = {
  warn: (message) => void vscode.window.showWarningMessage(`Hearth: ${message}`),
  flash: (message, ms) => void vscode.window.setStatusBarMessage(message, ms),
};

function languageName(id: string): string {
  const names: Record<string, string> = { typescript: 'TypeScript', javascript: 'JavaScript', typescriptreact: 'TypeScript React', javascriptreact: 'JavaScript React', python: 'Python', csharp: 'C#', cpp: 'C++', go: 'Go', rust: 'Rust', java: 'Java', shellscript: 'shell' };
  return names[id] ?? id;
}
