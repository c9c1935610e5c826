import * as vscode from 'vscode';
import { planApply } from '../../core/chat/applyPlan';
import type { ApplyPlan } from '../../core/chat/applyPlan';
import { hiddenCodeWarning } from '../../core/chat/hiddenCodeWarning';
import { fileNameFor } from '../../core/chat/languageFiles';
import type { CodeAction } from '../../shared/protocol';
import type { ProposalDiff, ProposalRequest } from './proposalDiff';

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
      // Returns once the diff is shown; the chat does not wait for the decision.
      if (editor) await proposals.propose(applyRequest(editor, code));
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

const HOW: Record<ApplyPlan['how'], string> = {
  selection: 'replaces the selection',
  matched: 'replaces the matching block',
  file: 'replaces the whole file',
};

/** Where a block from the chat goes in the editor's file: see planApply. */
function applyRequest(editor: vscode.TextEditor, code: string): ProposalRequest {
  const document = editor.document;
  const selection = editor.selection.isEmpty ? undefined : { start: document.offsetAt(editor.selection.start), end: document.offsetAt(editor.selection.end) };
  const plan = planApply(document.getText(), selection, code);
  return { document, span: plan, newText: plan.newText, summary: HOW[plan.how] };
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
