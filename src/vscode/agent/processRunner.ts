import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { CommandResult } from '../../core/agent/agentTypes';
import { ToolFailure } from '../../core/agent/agentTypes';
import type { CommandSpec } from '../../core/agent/commandLine';

export interface ProcessLimits {
  readonly timeoutMs: number;
  readonly maxOutputChars: number;
}

/** After SIGTERM, a process tree gets this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;

/**
 * Runs an approved command in `cwd` as the core's CommandSpec says: argv
 * without a shell, or exactly the approved line through /bin/sh -c (cmd.exe
 * on Windows). The command leads its own process group (detached), so Stop,
 * the timeout, and the end of the command itself end the whole tree (kill
 * of the negative pid): nothing the agent started outlives its step. Output
 * (stdout and stderr as they arrive) keeps its head and tail within the cap.
 * Aborting `signal` rejects once the tree is gone. Needs nothing from VS Code.
 */
export function runProcess(command: CommandSpec, cwd: string, limits: ProcessLimits, signal: AbortSignal): Promise<CommandResult> {
  signal.throwIfAborted();
  const windows = process.platform === 'win32';
  const [file, args] =
    command.kind === 'argv'
      ? [command.argv[0] ?? '', command.argv.slice(1)]
      : windows
        ? [process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `"${command.line}"`]]
        : ['/bin/sh', ['-c', command.line]];
  const output = new CappedOutput(limits.maxOutputChars);
  return new Promise<CommandResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, { cwd, shell: false, detached: !windows, windowsHide: true, windowsVerbatimArguments: windows && command.kind === 'shell', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(new ToolFailure(`Could not start ${file}: ${String(error)}`));
      return;
    }
    let timedOut = false;
    let settled = false;
    const stop = (): void => killTree(child);
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, limits.timeoutMs);
    signal.addEventListener('abort', stop, { once: true });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.add(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.add(chunk));
    const finish = (exitCode: number | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      if (signal.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('stopped'));
      else resolve({ exitCode, output: output.text(), outputTruncated: output.truncated, timedOut });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      const what = error.code === 'ENOENT' ? `${file}: command not found` : `Could not run ${file}: ${error.message}`;
      reject(new ToolFailure(what));
    });
    // What the command left running in its group (a background job, a watcher) ends with it; that also
    // closes the pipes those held, so the step does not wait for its timeout.
    child.on('exit', () => killTree(child, 'SIGKILL'));
    // 'close' waits for the pipes: output written just before exit is kept.
    child.on('close', (code) => finish(code));
  });
}

/** Ends the process group `child` leads (on Windows, its tree through taskkill). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    return; // ESRCH: the group is gone already.
  }
  if (signal === 'SIGKILL') return;
  setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone within the grace period.
    }
  }, KILL_GRACE_MS).unref();
}

/** The first and last characters of a stream within `max`: the command's start and its verdict (a test summary) both survive. */
export class CappedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;

  constructor(private readonly max: number) {}

  get truncated(): boolean {
    return this.dropped > 0;
  }

  add(chunk: string): void {
    const headRoom = Math.floor(this.max / 2) - this.head.length;
    if (headRoom > 0) {
      this.head += chunk.slice(0, headRoom);
      chunk = chunk.slice(headRoom);
    }
    if (chunk === '') return;
    const tailMax = this.max - Math.floor(this.max / 2);
    const joined = this.tail + chunk;
    this.dropped += Math.max(0, joined.length - tailMax);
    this.tail = joined.slice(Math.max(0, joined.length - tailMax));
  }

  text(): string {
    return this.dropped > 0 ? `${this.head}\n[… ${this.dropped} characters of output not kept …]\n${this.tail}` : this.head + this.tail;
  }
}
