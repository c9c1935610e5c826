import * as vscode from 'vscode';
import { displayHost } from './core/ollamaHost';
import { toSetupSummary } from './core/setup/setupSummary';
import type { SetupInputs } from './core/setup/setupSummary';
import { registerCommands } from './features/commands/registerCommands';
import { ChatFeature } from './features/chat/chatFeature';
import { CompletionFeature } from './features/completion/completionFeature';
import { registerDiagnostics } from './features/diagnostics/registerDiagnostics';
import { aboutThisSetup } from './features/diagnostics/runDiagnostics';
import { ConnectionMonitor } from './core/connection/connectionMonitor';
import type { ConnectionState } from './core/connection/connectionMonitor';
import { OutageNotifier } from './features/connection/outageNotifier';
import { noticeRemoteHost } from './features/connection/remoteHostNotice';
import { registerInstructionCommands } from './features/instructions/instructionCommands';
import { InstructionsService } from './features/instructions/instructionsService';
import type { InstructionSettings } from './features/instructions/instructionsService';
import { toInstructionsSummary } from './features/instructions/instructionsSummary';
import { ollamaDrafter } from './features/instructions/ollamaDrafter';
import { DiagnosticsRunner } from './core/diagnostics/diagnosticsRunner';
import { LoadedModels } from './core/models/loadedModels';
import { ModelPulls } from './features/models/modelPulls';
import { HearthViewProvider } from './features/panel/hearthViewProvider';
import type { PanelHandlers } from './features/panel/hearthViewProvider';
import { registerSetupCommands } from './features/setup/setupCommands';
import { SetupContextKeys } from './features/setup/setupContextKeys';
import { setupInputs } from './core/setup/setupInputs';
import { StatusTabFocus } from './core/setup/statusTabFocus';
import { panelHandlers } from './features/panel/panelHandlers';
import { toPanelState } from './core/statusTab/statusTabState';
import { HearthStatusBar } from './features/statusBar/statusBar';
import type { StatusView } from './core/statusBar/statusModel';
import { OllamaService } from './ollama/ollamaService';
import { findModel } from './ollama/modelCatalog';
import type { ConnectionConfig } from './core/connection/connectionConfig';
import type { PanelState, SetupSummary } from './shared/protocol';
import { OutputLogger } from './vscode/outputLogger';
import { HearthConfiguration } from './vscode/hearthConfiguration';
import { SETTINGS_SECTIONS } from './core/settings/hearthSettings';
import type { HearthSettings } from './core/settings/hearthSettings';

/** What activate() returns: read by the integration tests, open to other extensions. */
export interface HearthApi {
  readonly ollama: OllamaService;
  readonly connection: ConnectionMonitor;
  readonly instructions: InstructionsService;
  readonly completions: Pick<CompletionFeature, 'onDidServe' | 'stats' | 'beginChatStream'>;
  readonly chat: ChatFeature;
  readonly view: Pick<HearthViewProvider, 'handleMessage' | 'isResolved'>;
  readonly pulls: ModelPulls;
  readonly diagnostics: DiagnosticsRunner;
  readonly loadedModels: LoadedModels;
  /** What the view's buttons run (the tests press them here). */
  readonly panelHandlers: PanelHandlers;
  connectionState(): ConnectionState;
  statusView(): StatusView | undefined;
  panelState(): PanelState;
  /** The walkthrough's context keys as Hearth last set them. */
  setupContext(): Readonly<Record<string, string | boolean>>;
}

export function activate(context: vscode.ExtensionContext): HearthApi {
  const log = new OutputLogger();
  const config = new HearthConfiguration(process.env.OLLAMA_HOST);
  let settings = config.settings;
  let connection: ConnectionConfig = config.connection;

  const ollama = new OllamaService(() => connection, log);
  const monitor = new ConnectionMonitor(ollama, log);
  const statusBar = new HearthStatusBar();
  const notifier = new OutageNotifier();
  const instructions = new InstructionsService(() => instructionSettings(settings), log);
  const completions = new CompletionFeature({ ollama, monitor, instructions, log, settings: () => settings });
  const pulls = new ModelPulls({ ollama, monitor, settings: () => settings });
  const diagnostics = new DiagnosticsRunner({ ollama, connection: () => connection, settings: () => settings, instructions: () => toInstructionsSummary(instructions.state), about: aboutThisSetup });
  const setupKeys = new SetupContextKeys(process.platform);
  const currentSetupInputs = (): SetupInputs => setupInputs(monitor.state, settings, connection, process.platform);
  const setup = (): SetupSummary => toSetupSummary(currentSetupInputs());
  const panelState = (): PanelState =>
    toPanelState({
      connection: monitor.state,
      host: displayHost(connection.host),
      completionModel: settings.completion.model,
      chatModel: settings.chat.model,
      completionsEnabled: settings.completion.enabled,
      instructions: toInstructionsSummary(instructions.state),
      completionStats: completions.stats.snapshot(),
      setup: setup(),
      loaded: loaded.models,
      pulls: pulls.summaries,
      diagnostics: diagnostics.summary,
    });
  // These call the view only after activate() returns, when `view` below exists.
  const focus = new StatusTabFocus((message) => view.post(message));
  const loaded = new LoadedModels(ollama, monitor, () => view.isVisible);
  const handlers = panelHandlers({ instructions, setup, pulls, loaded, diagnostics, focus, log });
  // The view hands the chat its messages and the chat posts to the view; the
  // view only calls the chat once a message arrives, after activate() returned.
  const view: HearthViewProvider = new HearthViewProvider(
    context.extensionUri,
    panelState,
    handlers,
    { onViewReady: () => chat.port.onViewReady(), receive: (message) => chat.port.receive(message) },
    log,
  );
  const chat = new ChatFeature({
    context,
    ollama,
    monitor,
    instructions,
    beginChatStream: () => completions.beginChatStream(),
    settings: () => settings,
    log,
    post: (message) => view.post(message),
    reveal: (tab) => view.reveal(tab),
  });

  const render = (): void => {
    statusBar.update({
      connection: monitor.state,
      activity: ollama.activity,
      completionsEnabled: settings.completion.enabled,
      completionModel: settings.completion.model,
      chatModel: settings.chat.model,
      host: displayHost(connection.host),
      completionStats: completions.stats.snapshot(),
      findModel,
    });
    view.refresh();
    const current = setup();
    setupKeys.update(current);
    focus.stateChanged(current);
  };

  context.subscriptions.push(
    log,
    statusBar,
    view,
    { dispose: () => monitor.dispose() },
    { dispose: () => ollama.dispose() },
    vscode.window.registerWebviewViewProvider(HearthViewProvider.viewId, view),
    pulls,
    diagnostics,
    loaded,
    pulls.onDidChange(render),
    diagnostics.onDidChange(render),
    loaded.onDidChange(render),
    instructions,
    completions,
    chat,
    completions.stats.onDidChange(render),
    ...registerCommands({ ollama, monitor, log, settings: () => settings }),
    ...registerDiagnostics({ ollama, settings: () => settings, pulls, diagnostics }),
    ...registerSetupCommands({ inputs: currentSetupInputs, pulls, focus }),
    ...registerInstructionCommands(instructions, ollamaDrafter(ollama, monitor, () => settings.chat.model)),
    instructions.onDidChange(() => view.refresh()),
    monitor.onDidChange((state) => {
      notifier.onState(state);
      render();
    }),
    ollama.onDidChangeActivity(render),
    config,
    config.onDidChange(SETTINGS_SECTIONS, (sections) => {
      settings = config.settings;
      if (sections.has('ollama')) {
        const previous = connection.host.url;
        connection = config.connection;
        if (connection.host.url !== previous || connection.invalidHost) {
          log.info(`Ollama host is now ${displayHost(connection.host)} (${connection.host.source})`);
          void noticeRemoteHost(connection.host, context.globalState);
          void monitor.reset();
        }
      }
      if (sections.has('instructions')) void instructions.reconfigure();
      completions.onSettingsChanged(sections);
      chat.onSettingsChanged();
      render();
    }),
  );

  const version = (context.extension.packageJSON as { version?: string }).version ?? '?';
  log.info(`Hearth ${version} activating; Ollama host ${displayHost(connection.host)} (${connection.host.source})`);
  render();
  void noticeRemoteHost(connection.host, context.globalState);
  void monitor.start();
  void instructions.refresh();

  return {
    ollama,
    connection: monitor,
    instructions,
    completions,
    chat,
    view,
    pulls,
    diagnostics,
    loadedModels: loaded,
    panelHandlers: handlers,
    connectionState: () => monitor.state,
    statusView: () => statusBar.view,
    panelState,
    setupContext: () => setupKeys.snapshot,
  };
}

function instructionSettings(settings: HearthSettings): InstructionSettings {
  const i = settings.instructions;
  return {
    enabled: i.enabled,
    completionDigest: i.completionDigest,
    options: { fallbackFileNames: i.fallbackFileNames, budgetBytes: i.budgetBytes, importsEnabled: i.imports },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
