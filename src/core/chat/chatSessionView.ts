import { isChatModel } from './chatModels';
import type { Conversation } from './conversation';
import type { ModelInfo } from '../engine/engineTypes';
import { findModel } from '../modelName';
import type { InstructionsSummary } from '../../shared/statusTab';
import type { ChatBudget, ChatInstructionsSummary, ChatModelOption, ChatSession, ChatSetupHint, ContextChip } from '../../shared/protocol';
import type { ConnectionState } from '../connection/connectionMonitor';

export interface SessionInputs {
  readonly conversations: readonly Conversation[];
  readonly active: Conversation;
  readonly connection: ConnectionState;
  readonly context: readonly ContextChip[];
  readonly budget: ChatBudget;
  readonly instructions: InstructionsSummary;
  readonly streaming: boolean;
  readonly mode: ChatSession['mode'];
  readonly agent: ChatSession['agent'];
  readonly warnings: readonly string[];
}

/** The chat's state for the webview (pure; tested). */
export function toChatSession(inputs: SessionInputs): ChatSession {
  const { active, connection } = inputs;
  const models = connection.status === 'connected' ? connection.models.filter(isChatModel) : [];
  const setup = setupHint(connection, models, active.model);
  const listed = inputs.conversations.some((c) => c.id === active.id) ? inputs.conversations : [active, ...inputs.conversations];
  return {
    conversations: listed.map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, turns: c.turns.length })),
    activeId: active.id,
    title: active.title,
    model: active.model,
    models: models.map(toOption),
    context: inputs.context,
    budget: inputs.budget,
    instructions: toChatInstructions(inputs.instructions),
    streaming: inputs.streaming,
    mode: inputs.mode,
    agent: inputs.agent,
    ...(setup ? { setup } : {}),
    warnings: inputs.warnings,
  };
}

function toOption(m: ModelInfo): ChatModelOption {
  return { name: m.name, parameterSize: m.parameterSize, thinking: m.capabilities.includes('thinking') };
}

function setupHint(connection: ConnectionState, chatModels: readonly ModelInfo[], model: string): ChatSetupHint | undefined {
  switch (connection.status) {
    case 'connecting':
      return { reason: 'connecting', message: 'Connecting to Ollama…', actions: [] };
    case 'down':
      return { reason: 'down', message: connection.failure.message, actions: connection.failure.actions };
    case 'connected':
      if (connection.modelsFailure) return { reason: 'down', message: connection.modelsFailure.message, actions: connection.modelsFailure.actions };
      if (chatModels.length === 0) {
        return {
          reason: 'noModels',
          message: 'Ollama has no chat model installed yet. Pull one, for example qwen2.5-coder:7b (4.7 GB) or llama3.2:3b (2.0 GB) for smaller GPUs.',
          actions: [{ id: 'pullModel', label: 'Pull a model' }],
        };
      }
      if (!findModel(chatModels, model)) {
        return {
          reason: 'modelMissing',
          message: `The chat model "${model}" is not installed. Pick an installed model above, or pull it.`,
          actions: [
            { id: 'pullModel', label: 'Pull a model' },
            { id: 'selectChatModel', label: 'Change the default chat model' },
          ],
        };
      }
      return undefined;
    default: {
      const unreachable: never = connection;
      return unreachable;
    }
  }
}

function toChatInstructions(summary: InstructionsSummary): ChatInstructionsSummary {
  if (summary.status !== 'ready') return { status: summary.status };
  const files = summary.files.filter((f) => !f.empty && !f.refused && f.keptBytes > 0).map((f) => f.path);
  return { status: 'ready', files, tokens: summary.tokens };
}
