import * as vscode from 'vscode';
import { PullProgressTracker } from '../../core/pullProgressTracker';
import { failureOf } from '../../core/engine/failureOf';
import { sameModel } from '../../ollama/modelCatalog';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ModelRole } from '../../shared/statusTab';
import type { OllamaFailure, ShowFailure } from '../../core/engine/ollamaFailure';
import { abortSignalFrom } from '../../vscode/cancellation';
import { updateUserSetting } from '../../vscode/hearthConfiguration';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';

export interface PullModelOptions {
  /** Select the model for this role once it is installed. */
  readonly role?: ModelRole;
  /** Cancels like the notification's Cancel button does (for callers with their own Cancel). */
  readonly cancellation?: vscode.CancellationToken;
  /** The models the settings name now; without a role, roles are offered only for a model not in use yet. */
  readonly configured?: { readonly completion: string; readonly chat: string };
  /** Sees what the notification shows, with the bar's position (0–100) rather than its increment. */
  readonly onProgress?: (percent: number, message: string) => void;
  /** Announces a failed pull with its actions (without it the caller reports the outcome). */
  readonly showFailure?: ShowFailure;
}

export type PullOutcome =
  | { readonly status: 'pulled'; readonly model: string; readonly selectedFor?: ModelRole }
  | { readonly status: 'cancelled'; readonly model: string }
  | { readonly status: 'failed'; readonly model: string; readonly failure: OllamaFailure };

/**
 * Pulls a model behind a cancellable progress notification (percent and bytes
 * of the layer being downloaded). Cancel closes the HTTP request, which stops
 * the download in the daemon. On success the model list is re-read and the
 * model is selected for `role`; a failure is shown with its actions.
 */
export async function pullModel(
  ollama: Pick<ModelServer, 'pull' | 'hostLabel'>,
  monitor: Pick<ConnectionMonitor, 'refreshModels'>,
  model: string,
  options: PullModelOptions = {},
): Promise<PullOutcome> {
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Hearth: pulling ${model}`, cancellable: true },
    (progress, token) => streamPull(ollama, model, progress, options.cancellation ? [token, options.cancellation] : [token], options.onProgress),
  );
  switch (outcome.status) {
    case 'pulled': {
      await monitor.refreshModels();
      if (options.role) {
        await updateUserSetting(options.role === 'completion' ? 'completion.model' : 'chat.model', model);
        void vscode.window.showInformationMessage(`Hearth: ${model} is installed and now the ${options.role} model.`);
        return { ...outcome, selectedFor: options.role };
      }
      void offerRoles(model, options.configured);
      return outcome;
    }
    case 'cancelled':
      vscode.window.setStatusBarMessage(`Hearth: pull of ${model} cancelled`, 4000);
      return outcome;
    case 'failed':
      // Not awaited: the notification waits for the user, the caller should not.
      void options.showFailure?.(outcome.failure);
      return outcome;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

async function streamPull(
  ollama: Pick<ModelServer, 'pull' | 'hostLabel'>,
  model: string,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  tokens: readonly vscode.CancellationToken[],
  onProgress: PullModelOptions['onProgress'],
): Promise<PullOutcome> {
  const links = tokens.map(abortSignalFrom);
  const signal = AbortSignal.any(links.map((l) => l.signal));
  const tracker = new PullProgressTracker();
  let percent = 0;
  try {
    for await (const line of ollama.pull(model, signal)) {
      const step = tracker.update(line);
      progress.report(step);
      percent += step.increment;
      onProgress?.(percent, step.message);
    }
    return { status: 'pulled', model };
  } catch (error) {
    const failure = failureOf(error, { host: ollama.hostLabel, model });
    return failure.kind === 'cancelled' ? { status: 'cancelled', model } : { status: 'failed', model, failure };
  } finally {
    for (const link of links) link.dispose();
  }
}

async function offerRoles(model: string, configured: PullModelOptions['configured']): Promise<void> {
  const inUse = configured !== undefined && [configured.completion, configured.chat].some((name) => sameModel(name, model));
  if (inUse) {
    void vscode.window.showInformationMessage(`Hearth: ${model} is installed.`);
    return;
  }
  const forCompletion = 'Use for completions';
  const forChat = 'Use for chat';
  const choice = await vscode.window.showInformationMessage(`Hearth: ${model} is installed.`, forCompletion, forChat);
  if (choice === forCompletion) await updateUserSetting('completion.model', model);
  if (choice === forChat) await updateUserSetting('chat.model', model);
}
