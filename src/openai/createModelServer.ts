import type { ConnectionConfig } from '../core/connection/connectionConfig';
import type { ModelServer } from '../core/engine/modelServer';
import type { Logger } from '../core/logger';
import type { HearthSettings } from '../core/settings/hearthSettings';
import { OllamaService } from '../ollama/ollamaService';
import { OpenAiService } from './openAiService';

export type DisposableModelServer = ModelServer & { dispose(): void };

/**
 * The one ModelServer every feature gets, by hearth.engine. Chosen once at
 * activation: switching engines mid-session would strand requests and caches
 * of the other, so a change asks for a window reload instead.
 */
export function createModelServer(settings: () => HearthSettings, connection: () => ConnectionConfig, log: Logger): DisposableModelServer {
  if (settings().engine === 'openai') return new OpenAiService(connection, () => ({ capabilities: settings().openai.capabilities }), log);
  return new OllamaService(connection, log);
}
