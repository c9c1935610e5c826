import type * as vscode from 'vscode';

/**
 * A VS Code CancellationToken as an AbortSignal, so cancellation reaches the
 * HTTP request to Ollama. Dispose the result in `finally` to drop the listener.
 */
export function abortSignalFrom(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
    return { signal: controller.signal, dispose: () => undefined };
  }
  const listener = token.onCancellationRequested(() => controller.abort());
  return {
    signal: controller.signal,
    dispose: () => {
      listener.dispose();
    },
  };
}
