import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { ModelServer } from '../../core/engine/modelServer';
import { LoadedModels } from '../../core/models/loadedModels';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { updateUserSetting } from '../../vscode/hearthConfiguration';
import type { ShowFailure } from '../../core/engine/ollamaFailure';
import type { ActionTable } from '../actions/hearthActions';
import type { PanelChannel } from '../panel/panelChannel';
import type { WebviewHandlers } from '../../core/panel/webviewHandlers';
import { ModelPulls } from './modelPulls';
import { pullModelCommand } from './pullModelCommand';
import { selectModel } from './selectModel';

export interface ModelsFeatureDeps {
  readonly ollama: Pick<ModelServer, 'pull' | 'hostLabel' | 'cachedModels' | 'listModels' | 'loadedModels' | 'onDidChangeActivity'>;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange' | 'refreshModels'>;
  readonly config: HearthConfiguration;
  readonly panel: PanelChannel;
  readonly showFailure: ShowFailure;
}

/**
 * The daemon's models as Hearth manages them: pulls (one per model, with
 * progress and Cancel), which models are loaded and where, the model list on
 * demand, and the choice of a role's model.
 */
export class ModelsFeature implements vscode.Disposable {
  readonly pulls: ModelPulls;
  readonly loaded: LoadedModels;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ModelsFeatureDeps) {
    const { ollama, monitor, config, panel, showFailure } = deps;
    this.pulls = new ModelPulls({ ollama, monitor, settings: () => config.settings, showFailure });
    this.loaded = new LoadedModels(ollama, monitor, () => panel.isVisible);
    this.disposables = [
      this.pulls,
      this.loaded,
      // The view shows what is loaded: have it fresh when someone looks.
      panel.onDidLoad(() => void this.loaded.refresh()),
      vscode.commands.registerCommand('hearth.refreshModels', () => this.refreshList()),
    ];
  }

  /** Pull model, Use a FIM-capable model / Change the chat model: the actions that are this feature's. */
  get actions(): Pick<ActionTable, 'pullModel' | 'selectCompletionModel' | 'selectChatModel'> {
    const { ollama, config, showFailure } = this.deps;
    return {
      pullModel: pullModelCommand({ ollama, settings: () => config.settings, pulls: this.pulls }),
      selectCompletionModel: () => selectModel(ollama, 'completion', config.settings.completion.model, showFailure),
      selectChatModel: () => selectModel(ollama, 'chat', config.settings.chat.model, showFailure),
    };
  }

  get messages(): WebviewHandlers<'setModel' | 'cancelPull' | 'refreshModels'> {
    return {
      setModel: ({ role, model }) => updateUserSetting(role === 'completion' ? 'completion.model' : 'chat.model', model),
      cancelPull: ({ model }) => {
        this.pulls.cancel(model);
      },
      refreshModels: () => Promise.all([this.refreshList(), this.loaded.refresh()]),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Re-reads the model list; says so when it cannot. Resolves with the installed names. */
  private async refreshList(): Promise<string[]> {
    const state = await this.deps.monitor.refreshModels();
    if (state.status === 'down') void this.deps.showFailure(state.failure);
    else if (state.status === 'connected' && state.modelsFailure) void this.deps.showFailure(state.modelsFailure, 'warning');
    return state.status === 'connected' ? state.models.map((m) => m.name) : [];
  }
}
