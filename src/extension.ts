import * as vscode from 'vscode';
import { aboutThisSetup } from './features/diagnostics/runDiagnostics';
import { HearthActions, settingsAndLogActions } from './features/actions/hearthActions';
import { ChatFeature } from './features/chat/chatFeature';
import { CompletionFeature } from './features/completion/completionFeature';
import { ConnectionFeature } from './features/connection/connectionFeature';
import { DiagnosticsFeature } from './features/diagnostics/diagnosticsFeature';
import { registerInstructionCommands } from './features/instructions/instructionCommands';
import { instructionMessages } from './features/instructions/instructionMessages';
import { InstructionsService } from './features/instructions/instructionsService';
import { toInstructionsSummary } from './features/instructions/instructionsSummary';
import { ollamaDrafter } from './features/instructions/ollamaDrafter';
import { ModelsFeature } from './features/models/modelsFeature';
import { HearthViewProvider } from './features/panel/hearthViewProvider';
import { StatusTabPresenter } from './features/panel/statusTabPresenter';
import { ViewChannel } from './features/panel/viewChannel';
import { SetupFeature } from './features/setup/setupFeature';
import { HearthStatusBar } from './features/statusBar/statusBar';
import { hearthApi } from './hearthApi';
import type { HearthApi } from './hearthApi';
import { OllamaService } from './ollama/ollamaService';
import { instructionSettings } from './core/settings/hearthSettings';
import { HearthConfiguration } from './vscode/hearthConfiguration';
import { OutputLogger } from './vscode/outputLogger';


/** The composition root: builds the services once, wires them, and registers them for disposal. */
export function activate(context: vscode.ExtensionContext): HearthApi {
  const log = new OutputLogger();
  const config = new HearthConfiguration(process.env.OLLAMA_HOST);
  const channel = new ViewChannel();
  const actions = new HearthActions();
  const { showFailure } = actions;
  const ollama = new OllamaService(() => config.connection, log);
  const connection = new ConnectionFeature({ ollama, config, log, memento: context.globalState, showFailure });
  const monitor = connection.monitor;
  const instructions = new InstructionsService(() => instructionSettings(config.settings), log);
  const drafter = ollamaDrafter(ollama, monitor, () => config.settings.chat.model);
  const completions = new CompletionFeature({ ollama, monitor, instructions, log, config, showFailure });
  const models = new ModelsFeature({ ollama, monitor, config, view: channel, showFailure });
  const setup = new SetupFeature({ view: channel, monitor, config, pulls: models.pulls, log, platform: process.platform });
  const about = { connection: () => config.connection, settings: () => config.settings, about: aboutThisSetup };
  const diagnostics = new DiagnosticsFeature({ ollama, ...about, instructions: () => toInstructionsSummary(instructions.state) });
  const chat = new ChatFeature({ context, ollama, monitor, instructions, beginChatStream: () => completions.beginChatStream(), config, log, view: channel });
  const statusBar = new HearthStatusBar({ config, monitor, ollama, stats: completions.stats });
  const statusTab = new StatusTabPresenter(channel, {
    config,
    monitor,
    instructions: { summary: () => toInstructionsSummary(instructions.state), onDidChange: instructions.onDidChange },
    stats: completions.stats,
    setup,
    loaded: models.loaded,
    pulls: models.pulls,
    diagnostics: diagnostics.runner,
  });
  actions.provide({ retry: () => connection.retry(), startOllamaHelp: () => setup.show(), ...models.actions, ...settingsAndLogActions(log) });
  const provider = new HearthViewProvider(context.extensionUri, channel, {
    ...channel.messages,
    ...actions.messages,
    ...models.messages,
    ...setup.messages,
    ...diagnostics.messages,
    ...instructionMessages(instructions, drafter),
    ...chat.messages,
  }, log);

  context.subscriptions.push(
    ...[log, config, channel, actions, connection, { dispose: () => ollama.dispose() }, instructions, completions, models, setup, diagnostics, chat],
    ...[statusBar, statusTab, provider, vscode.window.registerWebviewViewProvider(HearthViewProvider.viewId, provider)],
    config.onDidChange(['instructions'], () => void instructions.reconfigure()),
    ...registerInstructionCommands(instructions, drafter),
  );
  connection.start((context.extension.packageJSON as { version?: string }).version ?? '?');
  void instructions.refresh();
  return hearthApi({ ollama, monitor, instructions, completions, chat, channel, provider, models, diagnostics: diagnostics.runner, statusBar, statusTab, setup });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
