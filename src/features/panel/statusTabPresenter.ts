import type * as vscode from 'vscode';
import type { CompletionStats } from '../../core/completion/completionStats';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { DiagnosticsRunner } from '../../core/diagnostics/diagnosticsRunner';
import type { Event } from '../../core/emitter';
import type { LoadedModels } from '../../core/models/loadedModels';
import { displayHost } from '../../core/ollamaHost';
import { SETTINGS_SECTIONS } from '../../core/settings/hearthSettings';
import { toStatusTabState } from '../../core/panel/statusTabState';
import { engineLimits } from '../../core/engine/engineLimits';
import type { InstructionsSummary, SetupSummary, StatusTabState } from '../../shared/statusTab';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import type { ModelPulls } from '../models/modelPulls';
import type { PanelChannel } from './panelChannel';

export interface StatusTabSources {
  readonly config: Pick<HearthConfiguration, 'settings' | 'connection' | 'onDidChange'>;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>;
  readonly instructions: { summary(): InstructionsSummary; readonly onDidChange: Event<unknown> };
  readonly stats: Pick<CompletionStats, 'snapshot' | 'onDidChange'>;
  /** Derived from the connection and the settings, whose changes are heard already. */
  readonly setup: { summary(): SetupSummary };
  readonly loaded: Pick<LoadedModels, 'models' | 'onDidChange'>;
  readonly pulls: Pick<ModelPulls, 'summaries' | 'onDidChange'>;
  readonly diagnostics: Pick<DiagnosticsRunner, 'summary' | 'onDidChange'>;
}

/**
 * Keeps the Status tab in step: whenever one of its sources changes, the
 * tab's state is derived again and posted only if it differs from what the
 * webview last got (a completion changes the daemon's activity twice and the
 * figures once; only the figures are news here). A webview that loads gets
 * the whole state.
 */
export class StatusTabPresenter implements vscode.Disposable {
  private lastPosted: string | undefined;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly panel: Pick<PanelChannel, 'post' | 'onDidLoad'>,
    private readonly sources: StatusTabSources,
  ) {
    const update = (): void => this.update();
    this.subscriptions = [
      panel.onDidLoad(() => {
        this.lastPosted = undefined;
        this.update();
      }),
      sources.config.onDidChange(SETTINGS_SECTIONS, update),
      sources.monitor.onDidChange(update),
      sources.instructions.onDidChange(update),
      sources.stats.onDidChange(update),
      sources.loaded.onDidChange(update),
      sources.pulls.onDidChange(update),
      sources.diagnostics.onDidChange(update),
    ];
  }

  get state(): StatusTabState {
    const { config, monitor, instructions, stats, setup, loaded, pulls, diagnostics } = this.sources;
    const settings = config.settings;
    return toStatusTabState({
      connection: monitor.state,
      host: displayHost(config.connection.host),
      completionModel: settings.completion.model,
      chatModel: settings.chat.model,
      completionsEnabled: settings.completion.enabled,
      instructions: instructions.summary(),
      completionStats: stats.snapshot(),
      setup: setup.summary(),
      loaded: loaded.models,
      pulls: pulls.summaries,
      diagnostics: diagnostics.summary,
      notReported: engineLimits(settings.engine),
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private update(): void {
    const state = this.state;
    const key = JSON.stringify(state);
    if (key === this.lastPosted) return;
    if (this.panel.post({ type: 'state', state })) this.lastPosted = key;
  }
}
