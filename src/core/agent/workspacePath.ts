export type PathCheck = { readonly ok: true; readonly path: string; readonly repairs: readonly string[] } | { readonly ok: false; readonly error: string };

export interface PathCheckOptions {
  /** Fix what is unambiguous (Windows separators, a path inside the workspace given absolutely). */
  readonly repair: boolean;
  /** The workspace folder's absolute path, to accept absolute paths that lie inside it. */
  readonly workspaceRoot?: string;
}

const RELATIVE_HINT = 'Use a path relative to the workspace root, e.g. "src/app.ts".';

/**
 * The lexical half of confining a model's path argument: it must name
 * something under the workspace root without leaving it by `..`, and must
 * not be absolute (POSIX, drive letter, UNC, `~`, file URI) unless it lies
 * inside the workspace root as written. The result uses `/` and has no `.` or
 * `..` segments. The real-path half (symlinks, junctions) is the
 * confinement module's, behind the ToolExecutor.
 */
export function checkWorkspacePath(raw: string, options: PathCheckOptions): PathCheck {
  const repairs: string[] = [];
  let path = raw.trim();
  if (path === '') return { ok: false, error: `The path is empty. ${RELATIVE_HINT}` };
  // eslint-disable-next-line no-control-regex -- a NUL or line break in a path is an attack or a slip, never a name
  if (/[\0-\x1f]/.test(path)) return { ok: false, error: 'The path contains control characters.' };
  if (path.includes('\\')) {
    if (!options.repair) return { ok: false, error: `"${raw}" uses backslashes. Use "/" between folders. ${RELATIVE_HINT}` };
    path = path.replace(/\\/g, '/');
    repairs.push('backslashes taken as "/"');
  }
  const withinRoot = options.repair ? insideRoot(path, options.workspaceRoot) : undefined;
  if (withinRoot !== undefined) {
    path = withinRoot;
    repairs.push('absolute path inside the workspace made relative');
  } else if (isAbsolute(path)) {
    return { ok: false, error: `"${raw}" is an absolute path; only files inside the workspace can be used. ${RELATIVE_HINT}` };
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { ok: false, error: `"${raw}" leaves the workspace (".."). ${RELATIVE_HINT}` };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { ok: true, path: segments.length === 0 ? '.' : segments.join('/'), repairs };
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:/.test(path) || /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}

/** `path` relative to `root` when it names something inside it; undefined otherwise. */
function insideRoot(path: string, root: string | undefined): string | undefined {
  if (root === undefined || root === '') return undefined;
  let candidate = path.replace(/^file:\/\//i, '');
  if (/^\/[A-Za-z]:/.test(candidate)) candidate = candidate.slice(1);
  const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
  // Windows paths compare case-insensitively; POSIX ones exactly.
  const windows = /^[A-Za-z]:/.test(base);
  const same = (a: string, b: string): boolean => (windows ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (same(candidate, base)) return '.';
  const head = candidate.slice(0, base.length + 1);
  return same(head, `${base}/`) ? candidate.slice(base.length + 1) : undefined;
}
