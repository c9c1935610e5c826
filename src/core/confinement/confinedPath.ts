/**
 * The textual half of confinement: which folder-relative paths may be asked
 * for at all. A path from a repository (an import line, a fallback name) or
 * from a model (an agent's tool call) is refused here before any file system
 * call when it could mean something else on another OS or climb out of the
 * folder. The real-path half is in workspaceConfinement.ts.
 */

export type RelPathCheck = { readonly ok: true; readonly segments: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * Splits a folder-relative POSIX path into its segments ('' = the folder
 * itself). `.` and empty segments are dropped; everything that is not a plain
 * name is refused: `..` anywhere (callers that allow climbing inside the folder
 * normalise first), absolute and home-relative paths, Windows separators,
 * drive letters and UNC paths, and NUL bytes (which end a path in C).
 */
export function checkRelPath(relPath: string): RelPathCheck {
  if (relPath.includes('\u0000')) return { ok: false, reason: 'the path contains a NUL byte' };
  if (relPath.includes('\\')) return { ok: false, reason: 'the path uses "\\" separators (only "/" is allowed)' };
  if (/^[A-Za-z]:/.test(relPath)) return { ok: false, reason: 'the path names a drive' };
  if (relPath.startsWith('/')) return { ok: false, reason: 'the path is absolute' };
  if (relPath.startsWith('~')) return { ok: false, reason: 'the path is relative to a home folder' };
  const segments = relPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'the path climbs with ".."' };
  return { ok: true, segments };
}

/** How a file system spells paths: its separator, and whether it ignores case (Windows, macOS). */
export interface PathStyle {
  readonly separator: '/' | '\\';
  readonly caseInsensitive: boolean;
}

/**
 * True when `candidate` is `root` or lies below it. Both must be real paths
 * (no links, no `..`) in the same style; a sibling that merely starts with
 * the same characters (`/work/app-evil` next to `/work/app`) is outside.
 */
export function isInsideRoot(root: string, candidate: string, style: PathStyle): boolean {
  const fold = (path: string): string => (style.caseInsensitive ? path.toLowerCase() : path);
  const base = fold(stripTrailingSeparators(root, style.separator));
  const path = fold(candidate);
  if (path === base) return true;
  // A file system root ('/' or 'C:\') already ends with the separator.
  const prefix = base.endsWith(style.separator) ? base : base + style.separator;
  return path.startsWith(prefix);
}

/**
 * `candidate` relative to `root`, in '/' form, or undefined when it is not
 * inside. Lets a caller name a link's target by its folder-relative path.
 */
export function relativeToRoot(root: string, candidate: string, style: PathStyle): string | undefined {
  if (!isInsideRoot(root, candidate, style)) return undefined;
  const base = stripTrailingSeparators(root, style.separator);
  const rest = candidate.slice(base.length).split(style.separator).filter((segment) => segment !== '');
  return rest.join('/');
}

function stripTrailingSeparators(path: string, separator: string): string {
  let end = path.length;
  // Keep a lone root separator ('/') and a drive root ('C:\').
  while (end > 1 && path[end - 1] === separator && !(separator === '\\' && end === 3 && path[1] === ':')) end--;
  return path.slice(0, end);
}
