import * as vscode from 'vscode';
import type { ResolvedHost } from '../../core/ollamaHost';
import { displayHost } from '../../core/ollamaHost';

const SEEN_KEY = 'hearth.remoteHostsAcknowledged';

/**
 * Hearth's promise is that code stays on this machine. When the configured
 * daemon is elsewhere, say so once per host, so it is never a surprise.
 */
export async function noticeRemoteHost(host: ResolvedHost, state: vscode.Memento, openSettings: () => Promise<unknown>): Promise<void> {
  if (host.isLoopback) return;
  const label = displayHost(host);
  const seen = state.get<string[]>(SEEN_KEY, []);
  if (seen.includes(label)) return;
  await state.update(SEEN_KEY, [...seen, label]);
  const choice = await vscode.window.showWarningMessage(
    `Hearth sends your code to ${label}, which is not this machine (from ${host.source === 'env' ? 'OLLAMA_HOST' : 'the hearth.ollama.host setting'}). Use a host you trust, over https or a private network.`,
    'OK',
    'Open Settings',
  );
  if (choice === 'Open Settings') await openSettings();
}
