import * as vscode from 'vscode';
import { displayHost } from './core/ollamaHost';
import { registerCommands } from './features/commands/registerCommands';
import { ChatFeature } from './features/chat/chatFeature';
import { CompletionFeature } from './features/completion/completionFeature';
import { toConnectionConfig } from './features/connection/connectionConfig';
import { registerDiagnostics } from './features/diagnostics/registerDiagnostics';
import { ConnectionMonitor } from './features/connection/connectionMonitor';
import type { ConnectionState } from './features/connection/connectionMonitor';
import { OutageNotifier } from './features/connection/outageNotifier';
import { noticeRemoteHost } from './features/connection/remoteHostNotice';
import { registerInstructionCommands } from './features/instructions/instructionCommands';
import { InstructionsService } from './features/instructions/instructionsService';
import type { InstructionSettings } from './features/instructions/instructionsService';
import { toInstructionsSummary } from './features/instructions/instructionsSummary';
import { ollamaDrafter } from './features/instructions/ollamaDrafter';
import { HearthViewProvider } from './features/panel/hearthViewProvider';
import { panelHandlers } from './features/panel/panelHandlers';
import { toPanelState } from './features/panel/panelState';
import { HearthStatusBar } from './features/status/statusBar';
import type { StatusView } from './features/status/statusModel';
import { OllamaService } from './ollama/ollamaService';
import type { ConnectionConfig } from './ollama/ollamaTypes';
import type { PanelState } from './shared/protocol';
import { OutputLogger } from './vscode/outputLogger';
import { onDidChangeSettings, readSettings } from './vscode/settings';
import type { HearthSettings } from './vscode/settings';

/** What activate() returns: read by the integration tests, open to other extensions. */
export interface HearthApi {
  readonly ollama: OllamaService;
  readonly connection: ConnectionMonitor;
  readonly instructions: InstructionsService;
  readonly completions: Pick<CompletionFeature, 'onDidServe' | 'stats' | 'beginChatStream'>;
  readonly chat: ChatFeature;
  readonly view: Pick<HearthViewProvider, 'handleMessage' | 'isResolved'>;
  connectionState(): ConnectionState;
  statusView(): StatusView | undefined;
  panelState(): PanelState;
}

export function activate(context: vscode.ExtensionContext): HearthApi {
  const log = new OutputLogger();
  let settings = readSettings();
  let connection: ConnectionConfig = toConnectionConfig(settings.ollama, process.env.OLLAMA_HOST);

  const ollama = new OllamaService(() => connection, log);
  const monitor = new ConnectionMonitor(ollama, log);
  const statusBar = new HearthStatusBar();
  const notifier = new OutageNotifier();
  const instructions = new InstructionsService(() => instructionSettings(settings), log);
  const completions = new CompletionFeature({ ollama, monitor, instructions, log, settings: () => settings });
  const panelState = (): PanelState =>
    toPanelState({
      connection: monitor.state,
      host: displayHost(connection.host),
      completionModel: settings.completion.model,
      chatModel: settings.chat.model,
      completionsEnabled: settings.completion.enabled,
      instructions: toInstructionsSummary(instructions.state),
      completionStats: completions.stats.snapshot(),
    });
  // The view hands the chat its messages and the chat posts to the view; the
  // view only calls the chat once a message arrives, after activate() returned.
  const view: HearthViewProvider = new HearthViewProvider(
    context.extensionUri,
    panelState,
    panelHandlers(instructions),
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
    });
    view.refresh();
  };

  context.subscriptions.push(
    log,
    statusBar,
    view,
    { dispose: () => monitor.dispose() },
    { dispose: () => ollama.dispose() },
    vscode.window.registerWebviewViewProvider(HearthViewProvider.viewId, view),
    instructions,
    completions,
    chat,
    completions.stats.onDidChange(render),
    ...registerCommands({ ollama, monitor, log, settings: () => settings }),
    ...registerDiagnostics({ ollama, monitor, connection: () => connection, settings: () => settings, instructions: () => instructions.state }),
    ...registerInstructionCommands(instructions, ollamaDrafter(ollama, monitor, () => settings.chat.model)),
    instructions.onDidChange(() => view.refresh()),
    monitor.onDidChange((state) => {
      notifier.onState(state);
      render();
    }),
    ollama.onDidChangeActivity(render),
    onDidChangeSettings((sections) => {
      settings = readSettings();
      if (sections.has('ollama')) {
        const previous = connection.host.url;
        connection = toConnectionConfig(settings.ollama, process.env.OLLAMA_HOST);
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
    connectionState: () => monitor.state,
    statusView: () => statusBar.view,
    panelState,
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
