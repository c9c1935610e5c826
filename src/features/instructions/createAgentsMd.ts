import * as vscode from 'vscode';
import { AGENTS_MD_STARTER, DRAFT_SOURCE_FILES, DRAFT_SOURCE_MAX_BYTES, draftPrompt } from './agentsMdTemplate';

/** Drafts AGENTS.md text with the chat model; the composition root supplies it. */
export interface AgentsMdDrafter {
  /** The chat model's name when it is installed and the daemon is up. */
  availableModel(): Promise<string | undefined>;
  draft(prompt: string, signal: AbortSignal): AsyncIterable<string>;
}

/**
 * Creates a starter AGENTS.md at a workspace root (never overwriting one), and
 * offers to have the chat model draft it from the README and manifests. The
 * draft lands as an unsaved edit: the user reviews it before anything is saved.
 */
export async function createAgentsMd(drafter: AgentsMdDrafter): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder();
  if (!folder) return undefined;
  const target = vscode.Uri.joinPath(folder.uri, 'AGENTS.md');
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(`Hearth: ${folder.name} already has an AGENTS.md; opened it.`);
    return target;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(AGENTS_MD_STARTER));
  const editor = await vscode.window.showTextDocument(target);
  const model = await drafter.availableModel();
  if (!model) return target;
  const choice = await vscode.window.showInformationMessage(
    `Hearth created AGENTS.md. Draft its content from the README and manifests with ${model}?`,
    'Draft it',
    'Keep the starter',
  );
  if (choice === 'Draft it') await draftInto(editor, folder, drafter);
  return target;
}

async function draftInto(editor: vscode.TextEditor, folder: vscode.WorkspaceFolder, drafter: AgentsMdDrafter): Promise<void> {
  const sources = await readSources(folder);
  if (sources.length === 0) {
    void vscode.window.showInformationMessage('Hearth: no README or manifest found to draft from; the starter stays.');
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Hearth: drafting AGENTS.md', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const listener = token.onCancellationRequested(() => controller.abort());
      try {
        let text = '';
        for await (const piece of drafter.draft(draftPrompt(sources), controller.signal)) text += piece;
        const body = stripOuterFence(text).trim();
        if (!body) return;
        const doc = editor.document;
        const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
        await editor.edit((edit) => edit.replace(all, `${body}\n`));
      } catch (error) {
        if (!controller.signal.aborted) void vscode.window.showErrorMessage(`Hearth: drafting AGENTS.md failed: ${(error as Error).message}`);
      } finally {
        listener.dispose();
      }
    },
  );
}

async function readSources(folder: vscode.WorkspaceFolder): Promise<{ path: string; text: string }[]> {
  const sources: { path: string; text: string }[] = [];
  for (const path of DRAFT_SOURCE_FILES) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, path));
      sources.push({ path, text: new TextDecoder().decode(bytes.subarray(0, DRAFT_SOURCE_MAX_BYTES)) });
    } catch {
      // Absent files are the norm: most repositories have two or three of these.
    }
  }
  return sources;
}

function stripOuterFence(text: string): string {
  const match = /^\s*```(?:markdown|md)?\s*\n([\s\S]*?)\n```\s*$/.exec(text);
  return match?.[1] ?? text;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Hearth: open a folder first; AGENTS.md belongs at a repository root.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create AGENTS.md in which folder?' });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
