import type { ConfinedRead } from '../confinement/workspaceConfinement';

/** A read that found a regular file, or a file that exists but may not be read (with why). */
export type InstructionRead =
  | {
      readonly bytes: Uint8Array;
      /** The full size on disk, so a bounded read still knows how much it left unread. */
      readonly size: number;
      /** Folder-relative real path, when a link inside the folder led elsewhere: edits there must refresh this path. */
      readonly target?: string;
    }
  | { readonly refused: string };

/**
 * The one file-system operation instruction resolution needs. Paths are
 * folder-relative POSIX paths, so a resolver can never name a file outside
 * its folder; the VS Code side reads them through the confinement rule
 * (instructionFsOver), so a link cannot lead outside either. Tests use an
 * in-memory tree, or the real rule over a temporary folder.
 */
export interface InstructionFs {
  /**
   * Reads up to `maxBytes` from a folder-relative POSIX path ('' = folder root,
   * 'pkg/a/AGENTS.md'). `undefined` when the file does not exist or is a
   * directory; `refused` when it exists but must not be read (a link out of
   * the folder, a FIFO); other failures (permissions, I/O) reject.
   */
  read(relPath: string, maxBytes: number): Promise<InstructionRead | undefined>;
}

/** An InstructionFs whose reads go through the confinement rule (core/confinement). */
export function instructionFsOver(read: (relPath: string, maxBytes: number) => Promise<ConfinedRead>): InstructionFs {
  return {
    async read(relPath, maxBytes) {
      const found = await read(relPath, maxBytes);
      switch (found.kind) {
        case 'file':
          return { bytes: found.bytes, size: found.size, ...(found.relPath !== relPath ? { target: found.relPath } : {}) };
        case 'refused':
          return { refused: found.reason };
        case 'absent':
        case 'directory':
          return undefined;
      }
    },
  };
}
