import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { InstructionFs } from '../../core/instructions/instructionFs';

/**
 * InstructionFs over one workspace folder. On disk it reads only the first
 * `maxBytes` (a 5 MB AGENTS.md costs a few KiB); other schemes go through
 * workspace.fs, which can only read whole files.
 */
export class WorkspaceInstructionFs implements InstructionFs {
  constructor(private readonly folder: vscode.Uri) {}

  async read(relPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined> {
    const uri = relPath ? vscode.Uri.joinPath(this.folder, ...relPath.split('/')) : this.folder;
    if (uri.scheme === 'file') return readFilePrefix(uri.fsPath, maxBytes);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
    if ((stat.type & vscode.FileType.File) === 0) return undefined;
    const bytes = await vscode.workspace.fs.readFile(uri);
    return { bytes: bytes.subarray(0, maxBytes), size: stat.size };
  }
}

async function readFilePrefix(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return undefined;
    const length = Math.min(maxBytes, stat.size);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead), size: stat.size };
  } finally {
    await handle.close();
  }
}
