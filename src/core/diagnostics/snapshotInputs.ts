import type { InstructionsInEffect, SnapshotSettings } from './diagnosticsSnapshot';
import type { HearthSettings } from '../settings/hearthSettings';
import { engineLimits } from '../engine/engineLimits';
import type { InstructionsSummary } from '../../shared/statusTab';

export function snapshotSettings(settings: HearthSettings): SnapshotSettings {
  return {
    completionModel: settings.completion.model,
    chatModel: settings.chat.model,
    numCtx: settings.ollama.numCtx,
    keepAlive: settings.ollama.keepAlive,
    completionEnabled: settings.completion.enabled,
    completionTemplate: settings.completion.template,
    notReported: engineLimits(settings.engine),
  };
}

/** The instructions for the active file, reduced to what the report says about them. */
export function instructionsInEffect(summary: InstructionsSummary): InstructionsInEffect {
  if (summary.status !== 'ready') return { status: summary.status };
  return {
    status: 'ready',
    files: summary.files.filter((f) => !f.empty).length,
    tokens: summary.tokens,
    ...(summary.forFile !== undefined ? { forFile: summary.forFile } : {}),
    ...(summary.trimNote ? { trimNote: summary.trimNote } : {}),
  };
}
