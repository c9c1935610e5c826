import * as vscode from 'vscode';
import { HearthActions, settingsAndLogActions } from './features/actions/hearthActions';
import { ApiKeysFeature } from './features/apiKeys/apiKeysFeature';
import { AgentFeature } from './features/agent/agentFeature';
import { ChatFeature } from './features/chat/chatFeature';
import { CompletionFeature } from './features/completion/completionFeature';
import { ConnectionFeature } from './features/connection/connectionFeature';
import { DiagnosticsFeature } from './features/diagnostics/diagnosticsFeature';
import { aboutThisSetup } from './features/diagnostics/runDiagnostics';
import { InspectorFeature } from './features/inspector/inspectorFeature';
import { InstructionsFeature } from './features/instructions/instructionsFeature';
import { LanguageModelsFeature } from './features/languageModels/languageModelsFeature';
import { ModelsFeature } from './features/models/modelsFeature';
import { HearthPanelProvider } from './features/panel/hearthPanelProvider';
import { StatusTabPresenter } from './features/panel/statusTabPresenter';
import { PanelChannel } from './features/panel/panelChannel';
import { SetupFeature } from './features/setup/setupFeature';
import { HearthStatusBar } from './features/statusBar/statusBar';
import { hearthApi } from './hearthApi';
import type { HearthApi } from './hearthApi';
import { createModelServer } from './openai/createModelServer';
import { HearthConfiguration } from './vscode/hearthConfiguration';
import { OutputLogger } from './vscode/outputLogger';

/** The composition root: builds every service once, hands each what it needs, registers all for disposal. */
export function activate(context: vscode.ExtensionContext): HearthApi {
  const apiKeys = new ApiKeysFeature({ context });
  const log = new OutputLogger(apiKeys.mask);
  const config = new HearthConfiguration(process.env.OLLAMA_HOST, apiKeys.keys);
  const panel = new PanelChannel(() => apiKeys.keys.allKeys());
  const actions = new HearthActions();
  const { showFailure } = actions;
  const inspector = new InspectorFeature({ extensionUri: context.extensionUri, config, log });
  const ollama = createModelServer(() => config.settings, () => config.connection, log, inspector.recorder);
  const connection = new ConnectionFeature({ ollama, config, log, memento: context.globalState, showFailure, runAction: (id) => actions.run(id) });
  const { monitor } = connection;
  const instructions = new InstructionsFeature({ ollama, monitor, config, log });
  const completions = new CompletionFeature({ ollama, monitor, instructions: instructions.service, log, config, showFailure });
  inspector.followCompletions(completions.onDidServe);
  const models = new ModelsFeature({ ollama, monitor, config, panel, showFailure });
  const setup = new SetupFeature({ panel, monitor, config, pulls: models.pulls, log, platform: process.platform });
  const diagnostics = new DiagnosticsFeature({
    ollama,
    connection: () => config.connection,
    settings: () => config.settings,
    instructions: () => instructions.summary(),
    about: aboutThisSetup,
    mask: apiKeys.mask,
  });
  const agent = new AgentFeature({ ollama, config, beginChatStream: () => completions.beginChatStream() });
  const chat = new ChatFeature({ context, ollama, monitor, instructions: instructions.service, beginChatStream: () => completions.beginChatStream(), config, log, panel, agent: agent.runtime });
  const languageModels = new LanguageModelsFeature({ server: ollama, monitor, config, beginChatStream: () => completions.beginChatStream() });
  const statusBar = new HearthStatusBar({ config, monitor, ollama, stats: completions.stats });
  const { pulls, loaded } = models;
  const sources = { config, monitor, stats: completions.stats, setup, loaded, pulls, diagnostics: diagnostics.runner };
  const statusTab = new StatusTabPresenter(panel, { ...sources, instructions: { summary: () => instructions.summary(), onDidChange: instructions.service.onDidChange } });
  actions.provide({ retry: () => connection.retry(), startOllamaHelp: () => setup.show(), ...models.actions, ...settingsAndLogActions(log), ...apiKeys.actions(() => config.connection) });
  const table = { ...panel.messages, ...actions.messages, ...models.messages, ...setup.messages, ...diagnostics.messages, ...instructions.messages, ...chat.messages };
  const provider = new HearthPanelProvider(context.extensionUri, panel, { ...table, ...inspector.messages }, log);

  context.subscriptions.push(
    ...[apiKeys, log, config, panel, actions, inspector, ollama, connection, instructions, completions, models, setup, diagnostics, agent, chat, languageModels, statusBar, statusTab, provider],
    vscode.window.registerWebviewViewProvider(HearthPanelProvider.viewId, provider),
  );
  apiKeys.whenLoaded(config, () => connection.start((context.extension.packageJSON as { version?: string }).version ?? '?'));
  void instructions.service.refresh();
  return hearthApi({ ollama, monitor, instructions: instructions.service, completions, chat, panel, provider, models, diagnostics: diagnostics.runner, statusBar, statusTab, setup, inspector, apiKeys, logFolder: context.logUri });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
