import type * as vscode from 'vscode';
import { transportFor } from '../../core/completion/fimTransport';
import type { Logger } from '../../core/logger';
import { findModel } from '../../ollama/modelCatalog';
import type { OllamaService } from '../../ollama/ollamaService';
import type { HearthSettings } from '../../core/settings/hearthSettings';
import type { ConnectionMonitor, ConnectionState } from '../../core/connection/connectionMonitor';

/**
 * Loads the completion model before the first keystroke needs it (a cold
 * load takes seconds): when the daemon is first reached, when it comes back
 * after an outage (it may have restarted empty; a request that meets the
 * restart makes the monitor notice at once), when the model changes, and
 * when the configured model appears in the daemon's list.
 */
export class CompletionWarmer implements vscode.Disposable {
  private wasConnected = false;
  private wasPresent = false;
  private warming: AbortController | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly ollama: Pick<OllamaService, 'warm'>,
    private readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>,
    private readonly settings: () => HearthSettings,
    private readonly log: Logger,
  ) {
    this.subscription = monitor.onDidChange((state) => this.onState(state));
    this.onState(monitor.state);
  }

  /** The completion model or its settings changed. */
  settingsChanged(): void {
    this.warm();
  }

  dispose(): void {
    this.warming?.abort();
    this.subscription.dispose();
  }

  private onState(state: ConnectionState): void {
    const connected = state.status === 'connected';
    // Pulled outside Hearth (`ollama pull` in a terminal, then Refresh): the model is new to the list.
    const present = connected && findModel(state.models, this.settings().completion.model) !== undefined;
    if ((connected && !this.wasConnected) || (present && !this.wasPresent)) this.warm();
    this.wasConnected = connected;
    this.wasPresent = present;
  }

  private warm(): void {
    const state = this.monitor.state;
    const settings = this.settings();
    if (!settings.completion.enabled || state.status !== 'connected') return;
    const model = findModel(state.models, settings.completion.model);
    const template = settings.completion.template === 'auto' ? undefined : settings.completion.template;
    // A missing or unusable model is reported when a completion asks for it; loading it would only cost memory.
    if (model === undefined || transportFor(model, template).kind === 'unsupported') return;
    this.warming?.abort();
    const controller = new AbortController();
    this.warming = controller;
    const started = Date.now();
    void this.ollama.warm(model.name, controller.signal).then((result) => {
      if (this.warming === controller) this.warming = undefined;
      if (result.ok) this.log.info(`Warmed ${model.name} for completions in ${Date.now() - started} ms`);
      else if (result.failure.kind !== 'cancelled') this.log.warn(`Could not warm ${model.name}: ${result.failure.detail}`);
    });
  }
}
