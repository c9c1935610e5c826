import type { Activity, FindModel, ModelInfo } from '../engine/engineTypes';
import type { ConnectionState } from '../connection/connectionMonitor';
import { describeCompletionStats } from '../completion/completionStats';
import type { CompletionModelStats } from '../../shared/statusTab';

export type StatusKind = 'connecting' | 'connected' | 'down' | 'loading' | 'generating' | 'disabled' | 'attention';

export interface StatusInputs {
  readonly connection: ConnectionState;
  readonly activity: Activity;
  readonly completionsEnabled: boolean;
  readonly completionModel: string;
  readonly chatModel: string;
  readonly host: string;
  /** Inline completion figures per model, once there are any. */
  readonly completionStats?: readonly CompletionModelStats[];
  readonly findModel: FindModel;
}

export interface StatusView {
  readonly kind: StatusKind;
  /** Status bar text with codicons. */
  readonly text: string;
  /** Markdown lines for the tooltip. */
  readonly tooltip: readonly string[];
  readonly severity: 'normal' | 'warning' | 'error';
}

/** What the status bar says, decided without VS Code so it can be tested. */
export function describeStatus(inputs: StatusInputs): StatusView {
  const { connection, activity } = inputs;
  const lines = [`**Hearth** — Ollama at \`${inputs.host}\``];
  if (connection.status === 'connecting') {
    return { kind: 'connecting', text: '$(loading~spin) Hearth', tooltip: [...lines, 'Connecting…'], severity: 'normal' };
  }
  if (connection.status === 'down') {
    return {
      kind: 'down',
      text: '$(debug-disconnect) Hearth',
      tooltip: [...lines, `$(error) ${connection.failure.message}`, 'Click for options (Retry).'],
      severity: 'error',
    };
  }
  lines.push(`Ollama ${connection.version}, ${connection.models.length} model${connection.models.length === 1 ? '' : 's'} installed`);
  const problems = modelProblems(connection.models, inputs, connection.modelsFailure?.message);
  lines.push(
    `Completion model: \`${inputs.completionModel || '(none)'}\`${inputs.completionsEnabled ? '' : ' — completions off'}`,
    `Chat model: \`${inputs.chatModel || '(none)'}\``,
    ...problems.map((p) => `$(warning) ${p}`),
    ...(inputs.completionStats ?? []).map((s) => `Completions with \`${s.model}\`: ${describeCompletionStats(s)}`),
  );
  if (activity.phase === 'loading') {
    return { kind: 'loading', text: '$(loading~spin) Hearth: loading model', tooltip: [...lines, `Loading ${activity.model ?? 'model'}…`], severity: 'normal' };
  }
  if (activity.phase === 'generating') {
    return { kind: 'generating', text: '$(sync~spin) Hearth', tooltip: [...lines, `Generating with ${activity.model ?? 'model'}…`], severity: 'normal' };
  }
  if (problems.length > 0) {
    return { kind: 'attention', text: '$(warning) Hearth', tooltip: lines, severity: 'warning' };
  }
  if (!inputs.completionsEnabled) {
    return { kind: 'disabled', text: '$(circle-slash) Hearth', tooltip: lines, severity: 'normal' };
  }
  return { kind: 'connected', text: '$(flame) Hearth', tooltip: lines, severity: 'normal' };
}

function modelProblems(models: readonly ModelInfo[], inputs: StatusInputs, listFailure: string | undefined): string[] {
  if (listFailure) return [listFailure];
  const problems: string[] = [];
  if (models.length === 0) problems.push('No models installed. Pull a model to start.');
  else {
    if (inputs.completionsEnabled && inputs.completionModel && !inputs.findModel(models, inputs.completionModel)) {
      problems.push(`Completion model "${inputs.completionModel}" is not installed.`);
    }
    if (inputs.chatModel && !inputs.findModel(models, inputs.chatModel)) {
      problems.push(`Chat model "${inputs.chatModel}" is not installed.`);
    }
  }
  return problems;
}
