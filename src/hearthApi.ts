import type { ConnectionMonitor, ConnectionState } from './core/connection/connectionMonitor';
import type { DiagnosticsRunner } from './core/diagnostics/diagnosticsRunner';
import type { LoadedModels } from './core/models/loadedModels';
import type { StatusView } from './core/statusBar/statusModel';
import type { Uri } from 'vscode';
import type { ConnectionConfig } from './core/connection/connectionConfig';
import type { ApiKeysFeature } from './features/apiKeys/apiKeysFeature';
import type { ChatFeature } from './features/chat/chatFeature';
import type { CompletionFeature } from './features/completion/completionFeature';
import type { InspectorFeature } from './features/inspector/inspectorFeature';
import type { InstructionsService } from './features/instructions/instructionsService';
import type { ModelsFeature } from './features/models/modelsFeature';
import type { HearthPanelProvider } from './features/panel/hearthPanelProvider';
import type { StatusTabPresenter } from './features/panel/statusTabPresenter';
import type { PanelChannel } from './features/panel/panelChannel';
import type { SetupFeature } from './features/setup/setupFeature';
import type { HearthStatusBar } from './features/statusBar/statusBar';
import type { ModelServer } from './core/engine/modelServer';
import type { StatusTabState } from './shared/statusTab';

/** What activate() returns: read by the integration tests, open to other extensions. */
export interface HearthApi {
  readonly ollama: ModelServer;
  readonly connection: ConnectionMonitor;
  readonly instructions: InstructionsService;
  readonly completions: Pick<CompletionFeature, 'onDidServe' | 'stats' | 'beginChatStream'>;
  readonly chat: Pick<ChatFeature, 'service' | 'storeFolder' | 'proposals'>;
  /** The view as its webview sees it: a message goes through the same validation and table as a click. */
  readonly panel: { handleMessage(raw: unknown): Promise<void>; readonly isResolved: boolean };
  readonly pulls: ModelsFeature['pulls'];
  readonly diagnostics: DiagnosticsRunner;
  readonly loadedModels: LoadedModels;
  connectionState(): ConnectionState;
  statusView(): StatusView | undefined;
  statusTabState(): StatusTabState;
  /** The walkthrough's context keys as Hearth last set them. */
  setupContext(): Readonly<Record<string, string | boolean>>;
  /** The offer to move a key out of the settings, as activation makes it. The keys themselves are not reachable here. */
  offerKeyMigration(connection: ConnectionConfig, headers: Readonly<Record<string, string>>): Promise<void>;
  /** Where the "Hearth" log channel's file is (the extension's log folder). */
  readonly logFolder: Uri;
  /** The prompt inspector: its recorder and its editor. */
  readonly inspector: Pick<InspectorFeature, 'recorder' | 'panel'>;
}

export interface HearthParts {
  readonly ollama: ModelServer;
  readonly monitor: ConnectionMonitor;
  readonly instructions: InstructionsService;
  readonly completions: CompletionFeature;
  readonly chat: ChatFeature;
  readonly panel: PanelChannel;
  readonly provider: HearthPanelProvider;
  readonly models: ModelsFeature;
  readonly diagnostics: DiagnosticsRunner;
  readonly statusBar: HearthStatusBar;
  readonly statusTab: StatusTabPresenter;
  readonly setup: SetupFeature;
  readonly apiKeys: ApiKeysFeature;
  readonly logFolder: Uri;
  readonly inspector: InspectorFeature;
}

export function hearthApi(parts: HearthParts): HearthApi {
  const { panel, provider, monitor } = parts;
  return {
    ollama: parts.ollama,
    connection: monitor,
    instructions: parts.instructions,
    completions: parts.completions,
    chat: parts.chat,
    panel: {
      handleMessage: (raw) => provider.handleMessage(raw),
      get isResolved() {
        return panel.isResolved;
      },
    },
    pulls: parts.models.pulls,
    diagnostics: parts.diagnostics,
    loadedModels: parts.models.loaded,
    connectionState: () => monitor.state,
    statusView: () => parts.statusBar.view,
    statusTabState: () => parts.statusTab.state,
    setupContext: () => parts.setup.contextKeys,
    offerKeyMigration: (connection, headers) => parts.apiKeys.offerMigration(connection, headers),
    logFolder: parts.logFolder,
    inspector: parts.inspector,
  };
}
