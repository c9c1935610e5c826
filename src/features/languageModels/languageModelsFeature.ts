import * as vscode from 'vscode';
import type { ConnectionMonitor } from '../../core/connection/connectionMonitor';
import type { ModelServer } from '../../core/engine/modelServer';
import { LM_VENDOR } from '../../core/languageModels/chatModelEntries';
import type { HearthConfiguration } from '../../vscode/hearthConfiguration';
import { HearthChatModelProvider } from './hearthChatModelProvider';

export interface LanguageModelsDeps {
  readonly server: Pick<ModelServer, 'hostLabel' | 'listModels' | 'chat' | 'chatWithTools'>;
  readonly monitor: Pick<ConnectionMonitor, 'state' | 'onDidChange'>;
  readonly config: Pick<HearthConfiguration, 'settings' | 'onDidChange'>;
  readonly beginChatStream: () => vscode.Disposable;
}

/**
 * Contributes Hearth's chat models to VS Code's language model API (vendor
 * "hearth", declared in package.json's languageModelChatProviders), and tells
 * VS Code when the list changes: the daemon came up or went down, a model was
 * pulled or removed, or num_ctx (the models' window) changed.
 */
export class LanguageModelsFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];
  private listed = '';

  constructor(deps: LanguageModelsDeps) {
    const provider = new HearthChatModelProvider({
      server: deps.server,
      knownModels: () => (deps.monitor.state.status === 'connected' ? deps.monitor.state.models : undefined),
      numCtx: () => deps.config.settings.ollama.numCtx,
      beginChatStream: deps.beginChatStream,
    });
    this.listed = this.modelKey(deps.monitor.state);
    this.disposables = [
      provider,
      vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider),
      deps.monitor.onDidChange((state) => {
        const key = this.modelKey(state);
        if (key === this.listed) return;
        this.listed = key;
        provider.refresh();
      }),
      deps.config.onDidChange(['ollama'], () => provider.refresh()),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** What the picker shows depends on: the names, digests and capabilities of the installed models. */
  private modelKey(state: LanguageModelsDeps['monitor']['state']): string {
    if (state.status !== 'connected') return state.status;
    return state.models.map((m) => `${m.name}@${m.digest}:${m.capabilities.join(',')}`).join('|');
  }
}
