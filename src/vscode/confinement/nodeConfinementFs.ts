import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type { ConfinementFs, EntryKind, FsEntry, RegularRead } from '../../core/confinement/confinementFs';

// Not defined on Windows, where neither is needed: links are resolved before
// the open, and there are no FIFOs in the file system.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

/**
 * ConfinementFs over node:fs, for workspace folders on disk (the `file`
 * scheme). It needs nothing from VS Code, so unit tests run it against real
 * links, FIFOs and directories in a temporary folder.
 */
export class NodeConfinementFs implements ConfinementFs {
  readonly style = { separator: path.sep, caseInsensitive: process.platform === 'win32' || process.platform === 'darwin' };

  join(base: string, segments: readonly string[]): string {
    return segments.length === 0 ? base : path.join(base, ...segments);
  }

  async lstat(target: string): Promise<FsEntry | undefined> {
    try {
      return toEntry(await lstat(target));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async realpath(target: string): Promise<string | undefined> {
    try {
      return await realpath(target);
    } catch (error) {
      // ELOOP: links that lead to each other lead nowhere, like a dangling one.
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ELOOP') return undefined;
      throw error;
    }
  }

  async readRegular(target: string, entry: FsEntry, maxBytes: number): Promise<RegularRead> {
    // O_NONBLOCK: if a FIFO took the file's place since the check, open returns at once instead of waiting for a writer.
    let handle;
    try {
      handle = await open(target, constants.O_RDONLY | NO_FOLLOW | NON_BLOCKING);
    } catch (error) {
      // ELOOP: a link took the file's place; ENOENT: it is gone. Either way not what was checked.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || isMissing(error)) return { kind: 'refused', reason: 'it changed while it was being read' };
      throw error;
    }
    try {
      const opened = toEntry(await handle.stat());
      if (opened.kind !== 'file' || (entry.identity !== undefined && opened.identity !== entry.identity)) {
        return { kind: 'refused', reason: 'it changed while it was being read' };
      }
      const buffer = Buffer.alloc(Math.min(maxBytes, opened.size));
      let filled = 0;
      // A file can shrink between stat and read; stop at its end.
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return { kind: 'bytes', bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, filled), size: opened.size };
    } finally {
      await handle.close();
    }
  }
}

function toEntry(stats: Stats): FsEntry {
  return { kind: kindOf(stats), size: stats.size, identity: `${stats.dev}:${stats.ino}` };
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

/** Nothing there: the path, or a directory on the way, does not exist (or is a file). */
function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
