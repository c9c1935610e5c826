import * as vscode from 'vscode';

/**
 * A document the user types code into, wherever it lives: a file on any file
 * system that can save it (disk, a remote, a virtual workspace's provider), an
 * untitled buffer, or a notebook cell. Not the output panel, a diff's
 * read-only side, git's views or the SCM input.
 */
export function isEditableDocument(document: vscode.TextDocument): boolean {
  const { scheme } = document.uri;
  if (scheme === 'untitled' || scheme === 'vscode-notebook-cell') return true;
  return vscode.workspace.fs.isWritableFileSystem(scheme) === true;
}
