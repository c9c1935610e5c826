import type { PathStyle } from './confinedPath';

/** What is at a path, without following a link there. 'other' is a FIFO, socket or device. */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface FsEntry {
  readonly kind: EntryKind;
  readonly size: number;
  /** Device and inode (or similar), when the file system has them: a read checks it opened this same file. */
  readonly identity?: string;
}

export type RegularRead =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly size: number }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * The few file-system calls confinement needs, so the rule is written once and
 * tested without VS Code. Two adapters implement it: over node:fs for folders
 * on disk (src/vscode/confinement/nodeConfinementFs.ts), and over
 * `workspace.fs` for virtual and remote file systems, which cannot resolve a
 * link (workspaceFsConfinement.ts). Paths are the adapter's own absolute paths.
 */
export interface ConfinementFs {
  readonly style: PathStyle;
  /** `base` with plain name segments appended. */
  join(base: string, segments: readonly string[]): string;
  /** The entry at `path` itself (a link is reported as a link); undefined when nothing is there. */
  lstat(path: string): Promise<FsEntry | undefined>;
  /**
   * The path with every link on the way resolved, undefined when nothing is
   * there (or a link leads nowhere). Absent on a file system that cannot tell
   * where a link leads: confinement then refuses every link.
   */
  realpath?(path: string): Promise<string | undefined>;
  /**
   * Reads at most `maxBytes` from the start of the regular file `entry`
   * described, without following a link and without blocking (a FIFO swapped
   * in after the check must not hang the read): refuses when the file opened
   * is no longer that regular file. `size` is the whole file's size.
   */
  readRegular(path: string, entry: FsEntry, maxBytes: number): Promise<RegularRead>;
}
