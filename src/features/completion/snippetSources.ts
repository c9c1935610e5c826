import * as vscode from 'vscode';
import type { SnippetSource } from '../../core/completion/contextSnippets';
import { documentHome } from '../../vscode/documentHome';
import { isEditableDocument } from '../../vscode/editableDocument';

const MAX_RECENT = 8;
const MAX_SOURCES = 6;
/** Lines around a visible range or the last edit that a snippet may come from. */
const LINES_AROUND = 60;

interface RecentEdit {
  readonly uri: string;
  readonly line: number;
}

/**
 * Where context snippets come from: files visible in other editors and files
 * edited recently, each as a window of lines around what the user looks at or
 * last changed (never a whole file: snippet selection runs per request).
 */
export class SnippetSourceTracker implements vscode.Disposable {
  /** Most recent first. */
  private recent: RecentEdit[] = [];
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const change = e.contentChanges[0];
        if (change === undefined || !isEditableDocument(e.document)) return;
        const uri = e.document.uri.toString();
        this.recent = [{ uri, line: change.range.start.line }, ...this.recent.filter((r) => r.uri !== uri)].slice(0, MAX_RECENT);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const uri = document.uri.toString();
        this.recent = this.recent.filter((r) => r.uri !== uri);
      }),
    ];
  }

  /** Other files for a completion in `document`, read lazily; undefined when there are none. */
  sourcesFor(document: vscode.TextDocument): (() => SnippetSource[]) | undefined {
    const self = document.uri.toString();
    const regions = new Map<string, { document: vscode.TextDocument; line: number }>();
    for (const editor of vscode.window.visibleTextEditors) {
      const other = editor.document;
      const uri = other.uri.toString();
      if (uri === self || !isEditableDocument(other) || regions.has(uri)) continue;
      const visible = editor.visibleRanges[0];
      regions.set(uri, { document: other, line: visible ? Math.floor((visible.start.line + visible.end.line) / 2) : 0 });
    }
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    for (const edit of this.recent) {
      const other = open.get(edit.uri);
      if (edit.uri === self || other === undefined || regions.has(edit.uri)) continue;
      regions.set(edit.uri, { document: other, line: edit.line });
    }
    if (regions.size === 0) return undefined;
    const chosen = [...regions.values()].slice(0, MAX_SOURCES);
    return () =>
      chosen.map(({ document: other, line }) => {
        const from = Math.max(0, line - LINES_AROUND);
        const to = Math.min(other.lineCount - 1, line + LINES_AROUND);
        return {
          path: vscode.workspace.asRelativePath(documentHome(other.uri), false),
          text: other.getText(new vscode.Range(from, 0, to, other.lineAt(to).text.length)),
        };
      });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
