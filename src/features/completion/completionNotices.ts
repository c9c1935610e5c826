import * as vscode from 'vscode';
import type { OllamaFailure } from '../../core/engine/ollamaFailure';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { CompletionOutcome } from '../../core/completion/completionOutcome';

const STATUS_MESSAGE_MS = 5_000;

/**
 * Tells the user why completions do not come, without nagging: each failure
 * (per model and kind) is announced once with its actions, until settings
 * change; after that the pipeline's back-off keeps requests from being sent,
 * and an explicit request that cannot be served gets a brief status bar
 * message instead of silence. A daemon that is down is the connection
 * monitor's to announce (once); the status bar keeps showing it.
 */
export class CompletionNotices {
  private readonly announced = new Set<string>();

  constructor(private readonly showFailure: ShowFailure) {}

  onOutcome(outcome: CompletionOutcome, explicit: boolean): void {
    const failure = failureIn(outcome);
    if (failure === undefined) {
      if (explicit && outcome.kind === 'skipped' && (outcome.reason === 'daemonDown' || outcome.reason === 'unavailable')) {
        this.flash(outcome.failure?.message ?? 'Ollama is not reachable; completions resume once it is back.');
      }
      if (explicit && outcome.kind === 'skipped' && outcome.reason === 'noModel') this.flash('No completion model is set (hearth.completion.model).');
      return;
    }
    const key = `${failure.model ?? ''}\u0000${failure.kind}`;
    if (!this.announced.has(key)) {
      this.announced.add(key);
      const userMustAct = failure.kind === 'modelMissing' || failure.kind === 'noInsert';
      void this.showFailure(failure, userMustAct ? 'error' : 'warning');
      return;
    }
    if (explicit) this.flash(failure.message);
  }

  /** Settings changed: a failure that comes back is news again. */
  reset(): void {
    this.announced.clear();
  }

  private flash(message: string): void {
    vscode.window.setStatusBarMessage(`$(warning) Hearth: ${message}`, STATUS_MESSAGE_MS);
  }
}

/** The failure an outcome reports to the user, if any (a skip for a known cool-down carries its cause). */
function failureIn(outcome: CompletionOutcome): OllamaFailure | undefined {
  if (outcome.kind === 'failed') return outcome.failure;
  if (outcome.kind === 'skipped' && outcome.reason === 'blocked') return outcome.failure;
  return undefined;
}
