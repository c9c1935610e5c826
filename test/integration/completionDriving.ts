// Shared by the in-host suites that drive inline completions: typing as the
// keyboard does, a fresh line to type on, and waiting for the provider's outcome.
import * as vscode from 'vscode';
import type { HearthApi } from '../../src/hearthApi';
import type { ServedCompletion } from '../../src/features/completion/completionFeature';

/**
 * Resolves with the first provider outcome (from now on) that satisfies
 * `pred`; after 30 s (a hang guard) rejects naming what it waited for, the
 * active editor's line and the last of `recent` (the outcomes seen so far).
 */
export function nextServed(api: HearthApi, pred: (s: ServedCompletion) => boolean, what: string, recent: readonly ServedCompletion[] = []): Promise<ServedCompletion> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      const active = vscode.window.activeTextEditor;
      const where = active ? `${active.document.languageId} ${JSON.stringify(active.document.lineAt(active.selection.active.line).text)}` : 'no active editor';
      reject(new Error(`timed out waiting for ${what} (editor: ${where}); last outcomes: ${JSON.stringify(recent.slice(-5).map((s) => s.outcome))}`));
    }, 30_000);
    const sub = api.completions.onDidServe((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(s);
    });
  });
}

/** Types `text` one character at a time through the `type` command, as keystrokes arrive. */
export async function typeKeys(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

/** A fresh line at the end of `editor`'s document, with the cursor on it, the keyboard focus in its editor and no ghost text; returns that editor. */
export async function newLineAtEnd(editor: vscode.TextEditor): Promise<vscode.TextEditor> {
  const shown = await vscode.window.showTextDocument(editor.document, { preserveFocus: false, preview: false });
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const end = shown.document.lineAt(shown.document.lineCount - 1).range.end;
  await shown.edit((b) => b.insert(end, '\n'));
  const last = shown.document.lineAt(shown.document.lineCount - 1).range.end;
  shown.selection = new vscode.Selection(last, last);
  await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  return shown;
}
