import ignore from 'ignore';
import type { Ignore } from 'ignore';
import * as vscode from 'vscode';
import type { FileText, SearchMatch, SearchQuery } from '../../core/agent/agentTypes';
import { ToolFailure } from '../../core/agent/agentTypes';

/** Files looked at per search: a search that needs more is too broad for a small model's window anyway. */
const MAX_FILES = 5_000;

/** The agent's search over one workspace folder: files as VS Code finds them, each read through the confined executor. */
export interface SearchScope {
  readonly folder: vscode.Uri;
  readText(relPath: string, signal: AbortSignal): Promise<FileText>;
}

/**
 * Text or regex search for the agent's `search` tool. Files come from
 * `workspace.findFiles` with its default excludes, which are the user's
 * `files.exclude`; `.gitignore` files (each for its own folder and below, as
 * git reads them) are applied with the `ignore` library, and `.git` is never
 * searched. Every file is read through the confinement rule, so a link out
 * of the folder yields nothing. Binary, non-UTF-8 and oversized files are
 * skipped. Matching is case-insensitive for plain text (how people and
 * small models search) and as written for a regex.
 */
export async function searchWorkspace(scope: SearchScope, query: SearchQuery, signal: AbortSignal): Promise<{ readonly matches: readonly SearchMatch[]; readonly truncated: boolean }> {
  const test = matcher(query);
  const source = new vscode.CancellationTokenSource();
  const cancel = (): void => source.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const base = query.path === '' ? scope.folder : vscode.Uri.joinPath(scope.folder, query.path);
    const [files, ignoreFiles] = await Promise.all([
      vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*'), undefined, MAX_FILES, source.token),
      vscode.workspace.findFiles(new vscode.RelativePattern(scope.folder, '**/.gitignore'), undefined, 500, source.token),
    ]);
    const ignored = await gitignoreRules(scope, ignoreFiles, signal);
    const paths = files.map((f) => relPath(scope.folder, f)).filter((p): p is string => p !== undefined && !isIgnored(ignored, p)).sort();
    const matches: SearchMatch[] = [];
    for (const path of paths) {
      signal.throwIfAborted();
      const file = await scope.readText(path, signal).catch((error: unknown) => {
        if (error instanceof ToolFailure) return undefined;
        throw error;
      });
      if (!file?.exists) continue;
      const lines = file.text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (!test(line)) continue;
        if (matches.length >= query.maxResults) return { matches, truncated: true };
        matches.push({ path, line: i + 1, text: line.trim() });
      }
    }
    return { matches, truncated: files.length >= MAX_FILES };
  } finally {
    signal.removeEventListener('abort', cancel);
    source.dispose();
  }
}

function matcher(query: SearchQuery): (line: string) => boolean {
  if (!query.regex) {
    const needle = query.pattern.toLowerCase();
    return (line) => line.toLowerCase().includes(needle);
  }
  let re: RegExp;
  try {
    re = new RegExp(query.pattern);
  } catch (error) {
    throw new ToolFailure(`"${query.pattern}" is not a valid regular expression (${error instanceof Error ? error.message : String(error)}); fix it or search for plain text.`);
  }
  return (line) => re.test(line);
}

interface GitIgnore {
  /** The folder the .gitignore sits in, '' for the root, else ending in '/'. */
  readonly dir: string;
  readonly rules: Ignore;
}

async function gitignoreRules(scope: SearchScope, files: readonly vscode.Uri[], signal: AbortSignal): Promise<GitIgnore[]> {
  const out: GitIgnore[] = [{ dir: '', rules: ignore().add('.git/') }];
  for (const uri of files) {
    const path = relPath(scope.folder, uri);
    if (path === undefined) continue;
    const file = await scope.readText(path, signal).catch(() => undefined);
    if (!file?.exists) continue;
    const dir = path.slice(0, path.length - '.gitignore'.length);
    out.push({ dir, rules: ignore().add(file.text) });
  }
  return out;
}

/** Ignored when any .gitignore above the file (or a folder on the way) ignores it. */
function isIgnored(rules: readonly GitIgnore[], path: string): boolean {
  return rules.some((r) => path.startsWith(r.dir) && r.rules.ignores(path.slice(r.dir.length)));
}

function relPath(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  const base = folder.path.replace(/\/+$/, '');
  return uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : undefined;
}
