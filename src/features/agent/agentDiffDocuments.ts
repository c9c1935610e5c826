import * as vscode from 'vscode';

export const AGENT_DIFF_SCHEME = 'hearth-agent';

/** Diffs kept open at once; older sides go blank rather than growing without end. */
const KEPT = 40;

/**
 * The two sides of an agent change as read-only documents, shown in VS Code's
 * diff editor: the edit waiting for approval (what will be written, exactly)
 * or a change a run made (the summary's "open as diff"). Nothing here writes
 * a file; the approval in the chat does, through the executor.
 */
export class AgentDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(AGENT_DIFF_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '';
  }

  /** Opens `before` ↔ `after` for `path` under `title`; resolves once the editor shows it. */
  async show(path: string, before: string, after: string, title: string): Promise<void> {
    const id = ++this.next;
    const side = (name: string, text: string): vscode.Uri => {
      const key = `${id}-${name}`;
      this.texts.set(key, text);
      return vscode.Uri.from({ scheme: AGENT_DIFF_SCHEME, path: `/${path}`, query: key });
    };
    const left = side('before', before);
    const right = side('after', after);
    while (this.texts.size > KEPT * 2) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
