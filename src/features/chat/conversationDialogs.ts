import * as vscode from 'vscode';
import type { ConversationService } from '../../core/chat/conversationService';
import { conversationToMarkdown } from '../../core/chat/conversationMarkdown';

// What the conversation list's buttons ask the user before the chat core acts:
// a new name, a confirmation, where to save the export.

export async function renameConversation(chat: ConversationService, id: string): Promise<void> {
  const conversation = chat.conversation(id);
  if (!conversation) return;
  const title = await vscode.window.showInputBox({
    title: 'Hearth: rename conversation',
    value: conversation.title,
    prompt: 'A name for this conversation',
    validateInput: (text) => (text.trim() === '' ? 'The name cannot be empty' : undefined),
  });
  if (title !== undefined) await chat.rename(id, title);
}

export async function deleteConversation(chat: ConversationService, id: string): Promise<void> {
  const conversation = chat.conversation(id);
  if (!conversation) return;
  const choice = await vscode.window.showWarningMessage(`Delete the conversation "${conversation.title}"?`, { modal: true, detail: 'This cannot be undone.' }, 'Delete');
  if (choice === 'Delete') await chat.remove(id);
}

export async function exportConversation(chat: ConversationService, id: string): Promise<void> {
  const conversation = chat.conversation(id);
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
