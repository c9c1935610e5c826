import * as vscode from 'vscode';
import { conversationToMarkdown } from '../../core/chat/conversationMarkdown';
import type { Logger } from '../../core/logger';
import type { ChatViewPort, ChatWebviewMessage } from '../panel/hearthViewProvider';
import type { ChatContextTracker } from './chatContextTracker';
import type { ChatController } from './chatController';
import { openChatLink } from './chatLinks';
import { runCodeAction } from './codeBlockActions';
import type { ProposalDiff } from './proposalDiff';

/**
 * The chat's messages from the webview, already shape-checked by
 * parseWebviewMessage; here they are checked against the host's own state
 * (known conversations, code that the answer contains) and carried out.
 */
export class ChatMessageHandler implements ChatViewPort {
  constructor(
    private readonly chat: ChatController,
    private readonly context: ChatContextTracker,
    private readonly proposals: ProposalDiff,
    private readonly log: Logger,
  ) {}

  onViewReady(): void {
    void this.chat.onViewReady();
  }

  async receive(message: ChatWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'chatSend':
        return this.chat.send(message.text);
      case 'chatStop':
        this.chat.stop();
        return;
      case 'chatRegenerate':
        return this.chat.regenerate(message.turnId);
      case 'chatEditResend':
        return this.chat.editResend(message.turnId, message.text);
      case 'chatNew':
        return this.chat.newChat();
      case 'chatOpen':
        return this.chat.open(message.conversationId);
      case 'chatRename':
        return this.rename(message.conversationId);
      case 'chatDelete':
        return this.remove(message.conversationId);
      case 'chatExport':
        return this.export(message.conversationId);
      case 'chatSetModel':
        return this.chat.setModel(message.model);
      case 'chatRemoveContext':
        this.context.remove(message.chipId);
        return;
      case 'chatAttachFile':
        return this.context.pickFiles();
      case 'chatCodeAction':
        if (!this.chat.isFromAnswer(message.turnId, message.code)) {
          this.log.warn(`Chat: ignored a code action whose code is not in turn ${message.turnId}`);
          return;
        }
        return runCodeAction(message.action, message.code, message.language, this.proposals);
      case 'chatOpenLink':
        return openChatLink(message.href, this.log);
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled chat message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private async rename(id: string): Promise<void> {
    const conversation = this.chat.conversation(id);
    if (!conversation) return;
    const title = await vscode.window.showInputBox({
      title: 'Hearth: rename conversation',
      value: conversation.title,
      prompt: 'A name for this conversation',
      validateInput: (text) => (text.trim() === '' ? 'The name cannot be empty' : undefined),
    });
    if (title !== undefined) await this.chat.rename(id, title);
  }

  private async remove(id: string): Promise<void> {
    const conversation = this.chat.conversation(id);
    if (!conversation) return;
    const choice = await vscode.window.showWarningMessage(`Delete the conversation "${conversation.title}"?`, { modal: true, detail: 'This cannot be undone.' }, 'Delete');
    if (choice === 'Delete') await this.chat.remove(id);
  }

  private async export(id: string): Promise<void> {
    const conversation = this.chat.conversation(id);
    if (!conversation) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${conversation.title.replace(/[^\w .-]+/g, '').trim().slice(0, 60) || 'conversation'}.md`;
    const target = await vscode.window.showSaveDialog({
      title: 'Hearth: export conversation as Markdown',
      filters: { Markdown: ['md'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(conversationToMarkdown(conversation)));
    const open = await vscode.window.showInformationMessage(`Hearth: conversation exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
    if (open === 'Open') await vscode.window.showTextDocument(target);
  }
}
