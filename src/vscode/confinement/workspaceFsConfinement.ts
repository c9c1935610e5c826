import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfinementFs, FsEntry, RegularRead } from '../../core/confinement/confinementFs';

/**
 * workspace.fs reads whole files: beyond this a file is refused rather than
 * read, so a huge file on a virtual file system cannot stall the extension
 * host (on disk, reads are bounded instead).
 */
export const WHOLE_FILE_READ_LIMIT = 8 * 1024 * 1024;

/**
 * ConfinementFs over `workspace.fs`, for folders on virtual and remote file
 * systems. Its stat follows links but says when a path is one
 * (FileType.SymbolicLink), and it has no realpath: so confinement refuses every
 * link here, since where a link leads cannot be proven. Paths are the URI's
 * POSIX paths under one folder URI (same scheme and authority).
 */
export class WorkspaceFsConfinement implements ConfinementFs {
  readonly style = { separator: '/' as const, caseInsensitive: false };

  constructor(private readonly folder: vscode.Uri) {}

  get root(): string {
    return this.folder.path;
  }

  join(base: string, segments: readonly string[]): string {
    return segments.length === 0 ? base : path.posix.join(base, ...segments);
  }

  async lstat(target: string): Promise<FsEntry | undefined> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(this.uri(target));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileNotADirectory')) return undefined;
      throw error;
    }
    // The link bit comes with the target's type: the link is what matters here.
    if (stat.type & vscode.FileType.SymbolicLink) return { kind: 'symlink', size: stat.size };
    if (stat.type & vscode.FileType.File) return { kind: 'file', size: stat.size };
    if (stat.type & vscode.FileType.Directory) return { kind: 'directory', size: stat.size };
    return { kind: 'other', size: stat.size };
  }

  async readRegular(target: string, entry: FsEntry, maxBytes: number): Promise<RegularRead> {
    if (entry.size > WHOLE_FILE_READ_LIMIT) {
      return { kind: 'refused', reason: `it is larger than ${WHOLE_FILE_READ_LIMIT / (1024 * 1024)} MiB, and this file system can only read whole files` };
    }
    const bytes = await vscode.workspace.fs.readFile(this.uri(target));
    return { kind: 'bytes', bytes: bytes.subarray(0, maxBytes), size: bytes.length };
  }

  private uri(target: string): vscode.Uri {
    return this.folder.with({ path: target });
  }
}
