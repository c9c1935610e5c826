import { detectFimFamily } from '../../core/fimFamily';
import type { ModelInfo } from '../../ollama/ollamaTypes';
import type { CompletionModelStats, InstructionsSummary, ModelSummary, PanelState } from '../../shared/protocol';
import type { ConnectionState } from '../connection/connectionMonitor';

export interface PanelInputs {
  readonly connection: ConnectionState;
  readonly host: string;
  readonly completionModel: string;
  readonly chatModel: string;
  readonly completionsEnabled: boolean;
  readonly instructions: InstructionsSummary;
  readonly completionStats?: readonly CompletionModelStats[];
}

/** The view's state, derived from the connection and settings (pure; tested). */
export function toPanelState(inputs: PanelInputs): PanelState {
  const { connection, host } = inputs;
  const common = {
    completionModel: inputs.completionModel,
    chatModel: inputs.chatModel,
    completionsEnabled: inputs.completionsEnabled,
    instructions: inputs.instructions,
    ...(inputs.completionStats !== undefined && inputs.completionStats.length > 0 ? { completionStats: inputs.completionStats } : {}),
  };
  switch (connection.status) {
    case 'connecting':
      return { ...common, connection: { status: 'connecting', host }, models: [] };
    case 'down':
      return {
        ...common,
        connection: { status: 'down', host, message: connection.failure.message, actions: connection.failure.actions },
        models: [],
      };
    case 'connected': {
      const models = connection.models.map(toModelSummary);
      const modelsMessage = connection.modelsFailure?.message ?? (models.length === 0 ? 'No models installed yet. Pull one with "ollama pull qwen2.5-coder:1.5b-base" (completion) and "ollama pull qwen2.5-coder:7b" (chat).' : undefined);
      return {
        ...common,
        connection: { status: 'connected', host, version: connection.version },
        models,
        ...(modelsMessage ? { modelsMessage } : {}),
      };
    }
    default: {
      const unreachable: never = connection;
      return unreachable;
    }
  }
}

export function toModelSummary(m: ModelInfo): ModelSummary {
  return {
    name: m.name,
    sizeBytes: m.sizeBytes,
    family: m.family,
    parameterSize: m.parameterSize,
    quantization: m.quantization,
    capabilities: m.capabilities,
    fim: m.capabilities.includes('insert') || detectFimFamily(m.name) !== undefined,
  };
}
