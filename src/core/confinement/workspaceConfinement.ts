import { checkRelPath, isInsideRoot, relativeToRoot } from './confinedPath';
import type { ConfinementFs, FsEntry } from './confinementFs';

/**
 * THE trust boundary for files: every path Hearth reads (or, later, writes) on
 * a repository's or a model's say-so goes through these functions. A path is
 * inside the workspace folder only when its REAL path is: every symbolic link
 * on the way (the file, any directory) is resolved and the result must lie in
 * the folder's own real path. A link that stays inside keeps working; one that
 * leaves is refused with a reason naming it. Only regular files are ever
 * opened (a FIFO, socket or device is refused before any open, and reads do
 * not block); reads are bounded. On a file system that cannot resolve links
 * (workspace.fs), any link is refused: it cannot be proven to stay inside.
 */

export type ConfinedEntry =
  /** `path` is the real path; `relPath` the real path relative to the folder's real path, in '/' form. */
  | { readonly kind: 'file'; readonly path: string; readonly relPath: string; readonly entry: FsEntry }
  | { readonly kind: 'directory'; readonly path: string; readonly relPath: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly reason: string };

export type ConfinedRead =
  | { readonly kind: 'file'; readonly bytes: Uint8Array; readonly size: number; readonly relPath: string }
  | { readonly kind: 'directory' }
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly reason: string };

export type ConfinedWriteTarget =
  /** Write `path` (a real path, or the real parent plus new names); create `createDirectories` below that parent first. */
  | { readonly kind: 'writable'; readonly path: string; readonly exists: boolean; readonly createDirectories: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string };

const NOT_REGULAR = 'it is not a regular file (a named pipe, socket or device); only regular files are read';

/** What `relPath` (folder-relative, '/' separated) is, by real path. */
export async function resolveConfined(fs: ConfinementFs, root: string, relPath: string): Promise<ConfinedEntry> {
  const checked = checkRelPath(relPath);
  if (!checked.ok) return { kind: 'refused', reason: checked.reason };
  const { segments } = checked;
  if (fs.realpath === undefined) return walkWithoutLinks(fs, root, segments);
  const real = await fs.realpath(fs.join(root, segments));
  // Nothing there, or a link that leads nowhere: nothing to read either way (most lookups end here).
  if (real === undefined) return { kind: 'absent' };
  const realRoot = await fs.realpath(root);
  if (realRoot === undefined) return { kind: 'refused', reason: 'the workspace folder is not there' };
  const inside = relativeToRoot(realRoot, real, fs.style);
  if (inside === undefined) return { kind: 'refused', reason: await describeEscape(fs, root, realRoot, segments, real) };
  const entry = await fs.lstat(real);
  return classify(entry, real, inside, 'it changed while it was being checked');
}

/** Reads at most `maxBytes` of the regular file at `relPath`, confined as resolveConfined says. */
export async function readConfined(fs: ConfinementFs, root: string, relPath: string, maxBytes: number): Promise<ConfinedRead> {
  const found = await resolveConfined(fs, root, relPath);
  if (found.kind === 'directory') return { kind: 'directory' };
  if (found.kind !== 'file') return found;
  const read = await fs.readRegular(found.path, found.entry, Math.max(0, maxBytes));
  if (read.kind === 'refused') return read;
  return { kind: 'file', bytes: read.bytes, size: read.size, relPath: found.relPath };
}

/**
 * Where a write to `relPath` may go, for a file that may not exist yet: the
 * nearest existing ancestor (or the file itself) must be inside the folder by
 * real path; the names below it are new. An existing target must be a
 * regular file; a dangling link on the way is refused (writing through it
 * would create its target, wherever that is).
 */
export async function resolveConfinedWrite(fs: ConfinementFs, root: string, relPath: string): Promise<ConfinedWriteTarget> {
  const checked = checkRelPath(relPath);
  if (!checked.ok) return { kind: 'refused', reason: checked.reason };
  const { segments } = checked;
  if (segments.length === 0) return { kind: 'refused', reason: 'the path names the workspace folder itself' };
  if (fs.realpath === undefined) return writeWithoutLinks(fs, root, segments);
  const realRoot = await fs.realpath(root);
  if (realRoot === undefined) return { kind: 'refused', reason: 'the workspace folder is not there' };
  for (let depth = segments.length; depth > 0; depth--) {
    const lexical = fs.join(root, segments.slice(0, depth));
    if ((await fs.lstat(lexical)) === undefined) continue;
    const name = segments.slice(0, depth).join('/');
    const real = await fs.realpath(lexical);
    if (real === undefined) return { kind: 'refused', reason: `${name} is a symbolic link that leads nowhere` };
    if (!isInsideRoot(realRoot, real, fs.style)) return { kind: 'refused', reason: await describeEscape(fs, root, realRoot, segments, real) };
    const entry = await fs.lstat(real);
    if (depth === segments.length) {
      if (entry?.kind === 'file') return { kind: 'writable', path: real, exists: true, createDirectories: [] };
      return { kind: 'refused', reason: entry?.kind === 'directory' ? 'it is a directory' : NOT_REGULAR };
    }
    if (entry?.kind !== 'directory') return { kind: 'refused', reason: `${name} is not a directory` };
    return newPath(fs, real, segments.slice(depth));
  }
  return newPath(fs, realRoot, segments);
}

function newPath(fs: ConfinementFs, parent: string, names: readonly string[]): ConfinedWriteTarget {
  return { kind: 'writable', path: fs.join(parent, names), exists: false, createDirectories: names.slice(0, -1) };
}

function classify(entry: FsEntry | undefined, path: string, relPath: string, linkReason: string): ConfinedEntry {
  switch (entry?.kind) {
    case undefined:
      return { kind: 'absent' };
    case 'file':
      return { kind: 'file', path, relPath, entry };
    case 'directory':
      return { kind: 'directory', path, relPath };
    case 'symlink':
      return { kind: 'refused', reason: linkReason };
    case 'other':
      return { kind: 'refused', reason: NOT_REGULAR };
  }
}

/**
 * Without realpath, walk from the folder down: any link on the way refuses
 * the path (where it leads cannot be known), unless nothing is there at all.
 */
async function walkWithoutLinks(fs: ConfinementFs, root: string, segments: readonly string[]): Promise<ConfinedEntry> {
  let link: string | undefined;
  let entry: FsEntry | undefined = await fs.lstat(root);
  // The folder the user opened is trusted as it is, even when it is itself a link.
  if (segments.length === 0) return entry === undefined ? { kind: 'absent' } : { kind: 'directory', path: root, relPath: '' };
  for (let i = 0; i < segments.length && entry !== undefined; i++) {
    if (entry.kind !== 'directory' && entry.kind !== 'symlink') return { kind: 'absent' };
    entry = await fs.lstat(fs.join(root, segments.slice(0, i + 1)));
    if (entry?.kind === 'symlink') link ??= segments.slice(0, i + 1).join('/');
  }
  if (entry === undefined) return { kind: 'absent' };
  if (link !== undefined) return { kind: 'refused', reason: unprovableLink(link, segments) };
  return classify(entry, fs.join(root, segments), segments.join('/'), unprovableLink(segments.join('/'), segments));
}

async function writeWithoutLinks(fs: ConfinementFs, root: string, segments: readonly string[]): Promise<ConfinedWriteTarget> {
  for (let i = 0; i < segments.length; i++) {
    const entry = await fs.lstat(fs.join(root, segments.slice(0, i + 1)));
    if (entry === undefined) return newPath(fs, fs.join(root, segments.slice(0, i)), segments.slice(i));
    const name = segments.slice(0, i + 1).join('/');
    if (entry.kind === 'symlink') return { kind: 'refused', reason: unprovableLink(name, segments) };
    const last = i === segments.length - 1;
    if (!last && entry.kind !== 'directory') return { kind: 'refused', reason: `${name} is not a directory` };
    if (last && entry.kind === 'file') return { kind: 'writable', path: fs.join(root, segments), exists: true, createDirectories: [] };
    if (last) return { kind: 'refused', reason: entry.kind === 'directory' ? 'it is a directory' : NOT_REGULAR };
  }
  return { kind: 'refused', reason: 'the path names the workspace folder itself' };
}

function unprovableLink(name: string, segments: readonly string[]): string {
  const which = name === segments.join('/') ? 'it is a symbolic link' : `${name} is a symbolic link`;
  return `${which}, and on this file system Hearth cannot tell whether it stays inside the workspace folder`;
}

/** Names the link that leaves the folder, for the warning; only runs on the refusal path. */
async function describeEscape(fs: ConfinementFs, root: string, realRoot: string, segments: readonly string[], real: string): Promise<string> {
  const resolve = fs.realpath?.bind(fs);
  for (let depth = 1; resolve !== undefined && depth <= segments.length; depth++) {
    const lexical = fs.join(root, segments.slice(0, depth));
    if ((await fs.lstat(lexical))?.kind !== 'symlink') continue;
    const target = await resolve(lexical);
    if (target === undefined || isInsideRoot(realRoot, target, fs.style)) continue;
    if (depth === segments.length) return `it is a symbolic link to ${target}, outside the workspace folder`;
    return `${segments.slice(0, depth).join('/')} is a symbolic link to ${target}, outside the workspace folder`;
  }
  return `its real path ${real} is outside the workspace folder`;
}
