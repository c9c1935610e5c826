import { detectFimFamily } from '../fimFamily';
import { findModel, sameModelName } from '../modelName';
import type { LoadedModel, ModelInfo } from '../engine/engineTypes';
import type { CompletionModelStats, DiagnosticsSummary, InstructionsSummary, LoadedModelSummary, ModelRole, ModelSummary, StatusTabState, PullSummary, SetupSummary } from '../../shared/statusTab';
import type { ConnectionState } from '../connection/connectionMonitor';

export interface StatusTabInputs {
  readonly connection: ConnectionState;
  readonly host: string;
  readonly completionModel: string;
  readonly chatModel: string;
  readonly completionsEnabled: boolean;
  readonly instructions: InstructionsSummary;
  readonly completionStats?: readonly CompletionModelStats[];
  readonly setup: SetupSummary;
  /** /api/ps, as last asked. */
  readonly loaded: readonly LoadedModel[];
  readonly pulls: readonly PullSummary[];
  readonly diagnostics?: DiagnosticsSummary;
  /** What the engine does not report (engineLimits); empty for Ollama. */
  readonly notReported?: readonly string[];
}

// Dates this far out mean keep_alive -1 ("stays loaded"); the daemon reports year 2318.
const FOREVER_MS = 100 * 365 * 24 * 3600_000;

/** The view's state, derived from the connection and settings (pure; tested). */
export function toStatusTabState(inputs: StatusTabInputs, now: number = Date.now()): StatusTabState {
  const { connection, host } = inputs;
  const common = {
    completionModel: inputs.completionModel,
    chatModel: inputs.chatModel,
    completionsEnabled: inputs.completionsEnabled,
    instructions: inputs.instructions,
    ...(inputs.completionStats !== undefined && inputs.completionStats.length > 0 ? { completionStats: inputs.completionStats } : {}),
    setup: inputs.setup,
    pulls: inputs.pulls,
    ...(inputs.diagnostics ? { diagnostics: inputs.diagnostics } : {}),
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
      const models = connection.models.map((m) => ({ ...toModelSummary(m, findModel(inputs.loaded, m.name), now), ...rolesOf(m.name, inputs) }));
      const modelsMessage = connection.modelsFailure?.message ?? (models.length === 0 ? 'No models installed yet: pull one from the setup steps above, or with "ollama pull <model>".' : undefined);
      return {
        ...common,
        connection: { status: 'connected', host, version: connection.version, ...(inputs.notReported?.length ? { notReported: inputs.notReported } : {}) },
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

export function toModelSummary(m: ModelInfo, loaded?: LoadedModel, now: number = Date.now()): ModelSummary {
  return {
    name: m.name,
    sizeBytes: m.sizeBytes,
    family: m.family,
    parameterSize: m.parameterSize,
    quantization: m.quantization,
    capabilities: m.capabilities,
    fim: m.capabilities.includes('insert') || detectFimFamily(m.name) !== undefined,
    ...(loaded ? { loaded: toLoadedSummary(loaded, now) } : {}),
  };
}

/** Compared here, by the one name rule, so the view never compares names itself. */
function rolesOf(name: string, inputs: StatusTabInputs): { roles?: ModelRole[] } {
  const roles: ModelRole[] = [];
  if (sameModelName(name, inputs.completionModel)) roles.push('completion');
  if (sameModelName(name, inputs.chatModel)) roles.push('chat');
  return roles.length > 0 ? { roles } : {};
}

function toLoadedSummary(m: LoadedModel, now: number): LoadedModelSummary {
  const expires = Date.parse(m.expiresAt);
  return {
    sizeBytes: m.sizeBytes,
    vramBytes: m.sizeVramBytes,
    ...(m.contextLength !== undefined ? { contextLength: m.contextLength } : {}),
    ...(Number.isFinite(expires) && expires - now < FOREVER_MS ? { expiresAt: new Date(expires).toISOString() } : {}),
  };
}
