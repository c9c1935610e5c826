// Process-lifecycle helpers shared by the runners: code-server runs in its own
// process group (so Ctrl+C in a terminal does not reach it half-way), which
// means every exit path of ours must take the group down explicitly.
import type { ChildProcess } from 'node:child_process';

/** Sends `signal` to the whole process group led by `pid`; false if it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `child` has exited, or after `ms` (a hang guard), whichever is first. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs `cleanup` once on SIGINT/SIGTERM/SIGHUP and then exits with 128+signal.
 * Node's default for these signals skips 'exit' handlers, which would leave
 * code-server and Chromium running. Returns a function that removes the handlers.
 */
export function exitOnSignals(cleanup: () => Promise<void>): () => void {
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let running = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (running) return;
    running = true;
    console.error(`\n[hearth] ${signal}: stopping code-server and the browser…`);
    cleanup()
      .catch((err: unknown) => console.error('[hearth] cleanup failed:', err))
      .finally(() => process.exit(codes[signal] ?? 1));
  };
  const signals = Object.keys(codes) as NodeJS.Signals[];
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
