/** What a link in a chat reply may do once the user clicks it. */
export type LinkTarget =
  | { readonly kind: 'external'; readonly url: string }
  /** A workspace-relative path (POSIX), with an optional 1-based line. */
  | { readonly kind: 'workspaceFile'; readonly path: string; readonly line?: number }
  | { readonly kind: 'refused'; readonly reason: string };

const MAX_HREF = 2048;

/**
 * Classifies a link from model output (untrusted). Only http(s) leaves the
 * editor; relative paths open workspace files and may not climb out of the
 * workspace; every other scheme (command:, javascript:, data:, vscode:,
 * file:) is refused, because a reply must never run anything.
 */
export function classifyLink(href: string): LinkTarget {
  const raw = href.trim();
  if (raw === '' || raw.length > MAX_HREF) return { kind: 'refused', reason: 'empty or too long' };
  // Browsers ignore tabs and newlines inside schemes ("java\tscript:"): so do we, before deciding.
  const compact = [...raw].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f && ch.trim() !== '').join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      const url = new URL(compact);
      if (url.username || url.password) return { kind: 'refused', reason: 'a link with credentials' };
      return { kind: 'external', url: url.href };
    } catch {
      return { kind: 'refused', reason: 'not a valid URL' };
    }
  }
  if (scheme !== undefined) return { kind: 'refused', reason: `links with "${scheme}:" are not opened from the chat` };
  if (compact.startsWith('//')) return { kind: 'refused', reason: 'a protocol-relative link' };
  if (compact.startsWith('#')) return { kind: 'refused', reason: 'an in-page anchor' };
  return workspacePath(raw);
}

function workspacePath(raw: string): LinkTarget {
  const [pathPart = '', fragment = ''] = raw.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(pathPart.split('?', 1)[0] ?? '');
  } catch {
    return { kind: 'refused', reason: 'a malformed path' };
  }
  if (path.includes('\u0000') || path.includes('\\')) return { kind: 'refused', reason: 'a malformed path' };
  const segments: string[] = [];
  for (const segment of path.replace(/^\/+/, '').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { kind: 'refused', reason: 'a path outside the workspace' };
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  if (segments.length === 0) return { kind: 'refused', reason: 'an empty path' };
  const line = /^L(\d+)/i.exec(fragment)?.[1];
  return { kind: 'workspaceFile', path: segments.join('/'), ...(line ? { line: Number(line) } : {}) };
}
