/**
 * The one file-system operation instruction resolution needs. The VS Code
 * adapter implements it over `workspace.fs` for one workspace folder; tests use
 * an in-memory tree. Paths are folder-relative POSIX paths, so a resolver can
 * never address a file outside its folder.
 */
export interface InstructionFs {
  /**
   * Reads up to `maxBytes` from a folder-relative POSIX path ('' = folder root,
   * 'pkg/a/AGENTS.md'). `undefined` when the file does not exist or is a
   * directory; other failures (permissions, I/O) reject. `size` is the full size
   * on disk, so a bounded read still knows how much it left unread.
   */
  read(relPath: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | undefined>;
}
