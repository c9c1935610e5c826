import type { SetupInputs } from './setupSummary';
import { displayHost } from '../ollamaHost';
import type { ConnectionConfig } from '../connection/connectionConfig';
import type { HearthSettings } from '../settings/hearthSettings';
import type { ConnectionState } from '../connection/connectionMonitor';

/** The pure setup logic's view of Hearth's live state. */
export function setupInputs(state: ConnectionState, settings: HearthSettings, connection: ConnectionConfig, platform: string): SetupInputs {
  return {
    connection: state.status,
    ...(state.status === 'down' ? { failureKind: state.failure.kind } : {}),
    models: state.status === 'connected' ? state.models : [],
    completionModel: settings.completion.model,
    chatModel: settings.chat.model,
    completionsEnabled: settings.completion.enabled,
    completionTemplate: settings.completion.template,
    platform,
    host: { url: displayHost(connection.host), isLoopback: connection.host.isLoopback },
    ollamaEngine: settings.engine === 'ollama',
  };
}
