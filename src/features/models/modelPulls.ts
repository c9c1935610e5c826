import * as vscode from 'vscode';
import type { ModelServer } from '../../core/engine/modelServer';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { ModelRole, PullSummary } from '../../shared/statusTab';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import { pullModel } from './pullModel';
import type { PullOutcome } from './pullModel';

export interface ModelPullsDeps {
  readonly ollama: Pick<ModelServer, 'pull' | 'hostLabel'>;
  readonly monitor: Pick<ConnectionMonitor, 'refreshModels'>;
  readonly settings: () => HearthSettings;
  readonly showFailure: ShowFailure;
}

interface RunningPull {
  readonly model: string;
  readonly role: ModelRole | undefined;
  readonly cancel: vscode.CancellationTokenSource;
  readonly outcome: Promise<PullOutcome>;
  percent: number;
  message: string;
}

// The daemon sends several progress lines a second; the view re-renders on each
// event, so it hears at most this often (start and end are never delayed).
const PROGRESS_EVENT_MS = 250;
const KEPT_FAILURES = 3;

/**
 * Every pull in this window, whoever started it (the palette, the view's setup
 * steps, the walkthrough): one download per model, its progress for the view,
 * and a Cancel that closes the HTTP request like the notification's does.
 */
export class ModelPulls implements vscode.Disposable {
  private readonly running = new Map<string, RunningPull>();
  private readonly failures = new Map<string, PullSummary>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ModelPullsDeps) {}

  /** Running pulls first, then recent failures. */
  get summaries(): readonly PullSummary[] {
    const running = [...this.running.values()].map((p): PullSummary => ({
      model: p.model,
      ...(p.role ? { role: p.role } : {}),
      status: 'running',
      percent: Math.round(p.percent),
      message: p.message,
    }));
    return [...running, ...this.failures.values()];
  }

  isRunning(model: string): boolean {
    return this.running.has(key(model));
  }

  /**
   * Pulls `model` behind a progress notification and selects it for `role`
   * once installed. A second request for a model being pulled joins the first.
   */
  pull(model: string, role?: ModelRole): Promise<PullOutcome> {
    const existing = this.running.get(key(model));
    if (existing) {
      void vscode.window.showInformationMessage(`Hearth: ${model} is already being pulled.`);
      return existing.outcome;
    }
    this.failures.delete(key(model));
    const settings = this.deps.settings();
    const cancel = new vscode.CancellationTokenSource();
    const entry: RunningPull = {
      model,
      role,
      cancel,
      percent: 0,
      message: 'starting',
      outcome: pullModel(this.deps.ollama, this.deps.monitor, model, {
        ...(role ? { role } : {}),
        cancellation: cancel.token,
        showFailure: this.deps.showFailure,
        configured: { completion: settings.completion.model, chat: settings.chat.model },
        onProgress: (percent, message) => {
          entry.percent = percent;
          entry.message = message;
          this.fireSoon();
        },
      }).then((outcome) => this.finish(entry, outcome)),
    };
    this.running.set(key(model), entry);
    this.fireNow();
    return entry.outcome;
  }

  /** Cancels a running pull; false when none runs for `model`. */
  cancel(model: string): boolean {
    const entry = this.running.get(key(model));
    if (!entry) return false;
    entry.cancel.cancel();
    return true;
  }

  dispose(): void {
    for (const entry of this.running.values()) entry.cancel.cancel();
    if (this.pending) clearTimeout(this.pending);
    this.emitter.dispose();
  }

  private finish(entry: RunningPull, outcome: PullOutcome): PullOutcome {
    this.running.delete(key(entry.model));
    entry.cancel.dispose();
    if (outcome.status === 'failed') {
      this.failures.set(key(entry.model), {
        model: entry.model,
        ...(entry.role ? { role: entry.role } : {}),
        status: 'failed',
        percent: Math.round(entry.percent),
        message: outcome.failure.message,
      });
      while (this.failures.size > KEPT_FAILURES) this.failures.delete(this.failures.keys().next().value ?? '');
    }
    this.fireNow();
    return outcome;
  }

  private fireSoon(): void {
    this.pending ??= setTimeout(() => this.fireNow(), PROGRESS_EVENT_MS);
  }

  private fireNow(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.emitter.fire();
  }
}

/** Ollama compares names case-insensitively. */
function key(model: string): string {
  return model.trim().toLowerCase();
}
