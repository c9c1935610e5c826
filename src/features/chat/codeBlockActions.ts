import * as vscode from 'vscode';
import { hiddenCodeWarning } from '../../core/chat/hiddenCodeWarning';
import { fileNameFor } from '../../core/chat/languageFiles';
import type { CodeAction } from '../../shared/protocol';
import type { ProposalDiff } from './proposalDiff';

/**
 * What the buttons on a code block in a reply do. The code has already been
 * checked to come from the model's answer; nothing here runs it.
 */
export async function runCodeAction(action: CodeAction, code: string, language: string, proposals: ProposalDiff): Promise<void> {
  if (!(await confirmHiddenCharacters(action, code))) return;
  switch (action) {
    case 'copy':
      await vscode.env.clipboard.writeText(code);
      vscode.window.setStatusBarMessage('$(check) Hearth: code copied', 2000);
      return;
    case 'insert': {
      const editor = targetEditor();
      if (!editor) return;
      const inserted = await editor.edit((edit) => {
        for (const selection of editor.selections) edit.replace(selection, code);
      });
      if (!inserted) void vscode.window.showErrorMessage('Hearth: the code could not be inserted (the editor may be read-only).');
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      return;
    }
    case 'apply': {
      const editor = targetEditor();
      if (editor) await proposals.propose(editor, code);
      return;
    }
    case 'saveAs':
      await saveAsNewFile(code, language);
      return;
    default: {
      const unreachable: never = action;
      throw new Error(`unknown code action ${String(unreachable)}`);
    }
  }
}

/**
 * Code that reads one way and does another (bidi controls, zero-width
 * characters) reaches a file only after the user saw a warning naming them
 * and chose to go on; true when there is nothing to warn about.
 */
async function confirmHiddenCharacters(action: CodeAction, code: string): Promise<boolean> {
  const warning = hiddenCodeWarning(action, code);
  if (!warning) return true;
  const choice = await vscode.window.showWarningMessage(warning.message, { modal: true, detail: warning.detail }, warning.proceed);
  return choice === warning.proceed;
}

/** The editor the user last worked in: focus is in the chat, so not necessarily the focused one. */
function targetEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'file' || e.document.uri.scheme === 'untitled');
  if (!editor) void vscode.window.showWarningMessage('Hearth: open the file to change first, then use the code block again.');
  return editor;
}

async function saveAsNewFile(code: string, language: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = fileNameFor(language);
  const target = await vscode.window.showSaveDialog({
    title: 'Hearth: save the code block as a new file',
    saveLabel: 'Save',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(code.endsWith('\n') ? code : `${code}\n`));
  await vscode.window.showTextDocument(target, { preview: false });
}
