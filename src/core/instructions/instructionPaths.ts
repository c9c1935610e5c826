/**
 * Folder-relative POSIX path helpers. Everything the resolver touches is named
 * by such a path ('' is the folder root), which is what keeps a resolver inside
 * its own workspace folder.
 */

/**
 * Collapses '.', empty segments and '..' of a folder-relative path. Returns
 * `undefined` when the path is absolute or climbs above the folder root.
 */
export function normalizeRelPath(path: string): string | undefined {
  if (path.startsWith('/') || isForeignAbsolute(path)) return undefined;
  const parts: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(segment);
  }
  return parts.join('/');
}

/** Windows drive paths, UNC paths and home-relative paths are never folder-relative. */
function isForeignAbsolute(path: string): boolean {
  return /^[A-Za-z]:/.test(path) || path.startsWith('\\') || path.startsWith('~');
}

export function joinRelPath(dir: string, name: string): string {
  if (dir === '') return name;
  if (name === '') return dir;
  return `${dir}/${name}`;
}

/** The directory holding a path: 'a/b/c.md' → 'a/b', 'c.md' → ''. */
export function parentDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The directories from the folder root down to `dir`: 'a/b' → ['', 'a', 'a/b']. */
export function directoryChain(dir: string): string[] {
  const chain = [''];
  if (dir === '') return chain;
  const parts = dir.split('/');
  for (let i = 1; i <= parts.length; i++) chain.push(parts.slice(0, i).join('/'));
  return chain;
}

/** True when `path` is `ancestor` itself or lies below it ('' contains everything). */
export function isSameOrBelow(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(`${ancestor}/`);
}
