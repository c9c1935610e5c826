// What a workbench run (an e2e suite, the editor benchmark) starts, and the one
// way to stop it: whatever came up, once, also on Ctrl+C.
import type { Browser } from 'playwright-core';
import type { OllamaStandIn } from '../fakes/ollamaStandIn';
import type { CodeServer } from './codeServer';
import { exitOnSignals } from './processes';

/** Each part is set as it comes up, so a failed start stops only what started. */
export interface WorkbenchParts {
  standIn?: OllamaStandIn;
  server?: CodeServer;
  browser?: Browser;
  closeLog?: () => Promise<void>;
}

/**
 * Stops the browser, flushes the console log, stops code-server and the
 * stand-in: once however often it is called, and on SIGINT/SIGTERM/SIGHUP too
 * (code-server runs in its own process group and would outlive us).
 */
export function closerFor(parts: WorkbenchParts): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      removeSignalHandlers();
      await parts.browser?.close().catch(() => undefined);
      await parts.closeLog?.();
      await parts.server?.stop();
      await parts.standIn?.close();
    })());
  const removeSignalHandlers = exitOnSignals(close);
  return close;
}
