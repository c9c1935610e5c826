import type { SetupInputs } from '../../core/setup/setupSummary';
import { displayHost } from '../../core/ollamaHost';
import type { ConnectionConfig } from '../../core/connection/connectionConfig';
import type { HearthSettings } from '../../vscode/settings';
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
  };
}
