import * as vscode from 'vscode';
import type { StoreFs } from '../../core/chat/conversationStore';

/** The conversation store's folder through VS Code's file system (the extension's storage). */
export class WorkspaceStoreFs implements StoreFs {
  constructor(private readonly folder: vscode.Uri) {}

  async list(): Promise<string[]> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(this.folder);
      return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return [];
      throw error;
    }
  }

  async read(name: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(name));
  }

  async write(name: string, data: Uint8Array): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(this.uri(name), data);
  }

  async rename(from: string, to: string): Promise<void> {
    await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: true });
  }

  async remove(name: string): Promise<void> {
    await vscode.workspace.fs.delete(this.uri(name), { useTrash: false });
  }

  private uri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder, name);
  }
}
