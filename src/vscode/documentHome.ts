import * as vscode from 'vscode';

/**
 * The URI a document belongs to, for what depends on where it lives
 * (instructions, a path in a prompt): a notebook cell belongs to its
 * notebook; any other document to itself.
 */
export function documentHome(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== 'vscode-notebook-cell') return uri;
  const cell = uri.toString();
  const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === cell));
  return notebook?.uri ?? uri;
}

/** How the view names a document that is not in any workspace folder. */
export function outsideName(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return uri.fsPath;
  if (uri.scheme === 'untitled') return uri.path;
  return uri.toString(true);
}
