import * as vscode from 'vscode';
import type { CompletionStats } from '../../core/completion/completionStats';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { ModelServer } from '../../core/engine/modelServer';
import { displayHost } from '../../core/ollamaHost';
import { SETTINGS_SECTIONS } from '../../core/settings/hearthSettings';
import { describeStatus } from '../../core/statusBar/statusModel';
import type { StatusInputs, StatusView } from '../../core/statusBar/statusModel';
import { findModel } from '../../ollama/modelCatalog';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { showStatusMenu } from './statusMenu';

export interface StatusBarSources {
  readonly config: HearthConfiguration;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>;
  readonly ollama: Pick<ModelServer, 'activity' | 'onDidChangeActivity'>;
  readonly stats: Pick<CompletionStats, 'snapshot' | 'onDidChange'>;
}

/**
 * The Hearth status bar item: the connection, what the daemon is doing, what
 * needs attention; redrawn when one of these changes. Clicking it opens the
 * Hearth menu (`hearth.showMenu`).
 */
export class HearthStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private last: StatusView | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly sources: StatusBarSources) {
    this.item = vscode.window.createStatusBarItem('hearth.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Hearth';
    this.item.command = 'hearth.showMenu';
    this.item.show();
    const update = (): void => this.update();
    this.disposables = [
      this.item,
      sources.config.onDidChange(SETTINGS_SECTIONS, update),
      sources.monitor.onDidChange(update),
      sources.ollama.onDidChangeActivity(update),
      sources.stats.onDidChange(update),
      vscode.commands.registerCommand('hearth.showMenu', () =>
        showStatusMenu(sources.config.settings.completion.enabled, sources.monitor.state.status === 'connected'),
      ),
    ];
    this.update();
  }

  /** The last status shown: tests read it. */
  get view(): StatusView | undefined {
    return this.last;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private update(): void {
    const view = describeStatus(this.inputs());
    if (this.last !== undefined && JSON.stringify(view) === JSON.stringify(this.last)) return;
    this.last = view;
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip.join('\n\n'), true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Hearth: ${view.kind}`, role: 'button' };
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
  }

  private inputs(): StatusInputs {
    const { config, monitor, ollama, stats } = this.sources;
    const settings = config.settings;
    return {
      connection: monitor.state,
      activity: ollama.activity,
      completionsEnabled: settings.completion.enabled,
      completionModel: settings.completion.model,
      chatModel: settings.chat.model,
      host: displayHost(config.connection.host),
      completionStats: stats.snapshot(),
      findModel,
    };
  }
}
