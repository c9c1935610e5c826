import { describeTrim } from '../../core/instructions/resolvedInstructions';
import type { InstructionsSummary } from '../../shared/statusTab';
import type { InstructionsState } from './instructionsService';

/** What the view shows of the instructions in effect (pure; tested). */
export function toInstructionsSummary(state: InstructionsState): InstructionsSummary {
  switch (state.status) {
    case 'disabled':
    case 'untrusted':
    case 'noFolder':
      return { status: state.status };
    case 'ready': {
      const trimNote = describeTrim(state.resolved);
      return {
        status: 'ready',
        folder: state.folder.name,
        ...(state.forFile !== undefined ? { forFile: state.forFile } : {}),
        files: state.resolved.files.map((f) => ({
          path: f.relPath,
          bytes: f.bytes,
          keptBytes: f.keptBytes,
          tokens: f.tokens,
          trimmed: f.trimmed,
          empty: f.empty,
          refused: f.refused,
        })),
        tokens: state.resolved.tokens,
        ...(trimNote ? { trimNote } : {}),
      };
    }
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
