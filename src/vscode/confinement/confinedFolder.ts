import * as vscode from 'vscode';
import type { ConfinementFs } from '../../core/confinement/confinementFs';
import { readConfined, resolveConfined, resolveConfinedWrite } from '../../core/confinement/workspaceConfinement';
import type { ConfinedEntry, ConfinedRead, ConfinedWriteTarget } from '../../core/confinement/workspaceConfinement';
import { NodeConfinementFs } from './nodeConfinementFs';
import { WorkspaceFsConfinement } from './workspaceFsConfinement';

/**
 * One workspace folder seen through the confinement rule
 * (core/confinement/workspaceConfinement.ts): folders on disk through node:fs,
 * which resolves links, anything else through workspace.fs, which cannot (so
 * links there are refused). Instruction files, chat attachments and links in
 * replies read through this; an agent's tools should too (resolveForWrite).
 */
export class ConfinedFolder {
  private constructor(
    readonly uri: vscode.Uri,
    private readonly fs: ConfinementFs,
    private readonly root: string,
  ) {}

  static of(folder: vscode.Uri): ConfinedFolder {
    if (folder.scheme === 'file') return new ConfinedFolder(folder, new NodeConfinementFs(), folder.fsPath);
    const fs = new WorkspaceFsConfinement(folder);
    return new ConfinedFolder(folder, fs, fs.root);
  }

  /** At most `maxBytes` of the regular file at a folder-relative '/' path. */
  read(relPath: string, maxBytes: number): Promise<ConfinedRead> {
    return readConfined(this.fs, this.root, relPath, maxBytes);
  }

  resolve(relPath: string): Promise<ConfinedEntry> {
    return resolveConfined(this.fs, this.root, relPath);
  }

  resolveForWrite(relPath: string): Promise<ConfinedWriteTarget> {
    return resolveConfinedWrite(this.fs, this.root, relPath);
  }
}

/**
 * Reads a file the user picked or a reply named, by URI: only inside a
 * workspace folder, and only as the confinement rule allows.
 */
export async function readWorkspaceFile(uri: vscode.Uri, maxBytes: number): Promise<ConfinedRead> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relPath = folder ? folderRelativePath(folder.uri, uri) : undefined;
  if (!folder || relPath === undefined) return { kind: 'refused', reason: 'it is outside the workspace folders' };
  return ConfinedFolder.of(folder.uri).read(relPath, maxBytes);
}

/** Folder-relative '/' path of `uri`, or undefined when it is not inside `folder` (textually; confinement checks the real path). */
export function folderRelativePath(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return undefined;
  // Disks on Windows and macOS ignore case, and VS Code matches folders that way there too.
  const fold = uri.scheme === 'file' && (process.platform === 'win32' || process.platform === 'darwin') ? (p: string): string => p.toLowerCase() : (p: string): string => p;
  const base = folder.path.replace(/\/+$/, '');
  if (fold(uri.path) === fold(base)) return '';
  if (!fold(uri.path).startsWith(`${fold(base)}/`)) return undefined;
  return uri.path.slice(base.length + 1);
}
