import type { CommandResult, DiagnosticItem, DirEntry, FileText, SearchMatch, SearchQuery, ToolExecutor } from '../../src/core/agent/agentTypes';
import { ToolFailure } from '../../src/core/agent/agentTypes';
import type { CommandSpec } from '../../src/core/agent/commandLine';

/** A command the fake workspace knows: it sees the files and answers like a process would. */
export type FakeCommand = (files: ReadonlyMap<string, string>, command: CommandSpec) => { exitCode: number; output: string };

/**
 * A ToolExecutor over an in-memory file tree, for tests and the benchmark:
 * the same contract as the VS Code one (ToolFailure for what the model should
 * hear, writes only over the expected content), without a disk or a shell.
 * Commands are looked up by their exact line.
 */
export class MemoryExecutor implements ToolExecutor {
  readonly files: Map<string, string>;
  readonly commandsRun: string[] = [];
  readonly writes: string[] = [];

  constructor(files: Record<string, string>, private readonly commands: Record<string, FakeCommand> = {}, private readonly problems: Record<string, DiagnosticItem[]> = {}) {
    this.files = new Map(Object.entries(files));
  }

  readText(path: string): Promise<FileText> {
    const text = this.files.get(path);
    if (text === undefined && this.isDir(path)) return Promise.reject(new ToolFailure(`${path} is a folder, not a file. Use list_dir.`));
    if (text !== undefined && text.includes('\0')) return Promise.reject(new ToolFailure(`${path} is a binary file.`));
    return Promise.resolve(text === undefined ? { exists: false } : { exists: true, text });
  }

  listDir(path: string): Promise<readonly DirEntry[]> {
    if (!this.isDir(path)) return Promise.reject(new ToolFailure(this.files.has(path) ? `${path} is a file, not a folder.` : `${path} does not exist.`));
    const prefix = path === '.' ? '' : `${path}/`;
    const names = new Map<string, DirEntry['kind']>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const [head = '', ...rest] = file.slice(prefix.length).split('/');
      names.set(head, rest.length > 0 ? 'dir' : 'file');
    }
    return Promise.resolve([...names].sort(([a], [b]) => a.localeCompare(b)).map(([name, kind]) => ({ name, kind })));
  }

  search(query: SearchQuery): Promise<{ matches: readonly SearchMatch[]; truncated: boolean }> {
    let test: (line: string) => boolean;
    try {
      const re = query.regex ? new RegExp(query.pattern) : undefined;
      test = re ? (l) => re.test(l) : (l) => l.includes(query.pattern);
    } catch (error) {
      return Promise.reject(new ToolFailure(`Invalid regular expression: ${(error as Error).message}`));
    }
    const prefix = query.path === '.' ? '' : `${query.path}/`;
    const matches: SearchMatch[] = [];
    for (const [path, text] of [...this.files].sort(([a], [b]) => a.localeCompare(b))) {
      if (!path.startsWith(prefix)) continue;
      text.split('\n').forEach((line, i) => {
        if (test(line)) matches.push({ path, line: i + 1, text: line.trim() });
      });
    }
    return Promise.resolve({ matches: matches.slice(0, query.maxResults), truncated: matches.length > query.maxResults });
  }

  writeText(path: string, text: string, expected: string | undefined): Promise<void> {
    if (this.files.get(path) !== expected) return Promise.reject(new ToolFailure(`${path} changed since it was read; read it again.`));
    this.files.set(path, text);
    this.writes.push(path);
    return Promise.resolve();
  }

  runCommand(command: CommandSpec, limits: { timeoutMs: number; maxOutputChars: number }, signal: AbortSignal): Promise<CommandResult> {
    signal.throwIfAborted();
    this.commandsRun.push(command.line);
    const known = this.commands[command.line];
    const result = known ? known(this.files, command) : { exitCode: 127, output: `sh: ${command.line.split(' ')[0] ?? ''}: command not found` };
    const truncated = result.output.length > limits.maxOutputChars;
    return Promise.resolve({ exitCode: result.exitCode, output: truncated ? result.output.slice(-limits.maxOutputChars) : result.output, outputTruncated: truncated, timedOut: false });
  }

  diagnostics(path: string): Promise<readonly DiagnosticItem[]> {
    if (!this.files.has(path)) return Promise.reject(new ToolFailure(`${path} does not exist.`));
    return Promise.resolve(this.problems[path] ?? []);
  }

  private isDir(path: string): boolean {
    return path === '.' || [...this.files.keys()].some((f) => f.startsWith(`${path}/`));
  }
}
