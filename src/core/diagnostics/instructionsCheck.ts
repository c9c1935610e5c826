import { check, code } from './diagnosticCheck';
import type { DiagnosticCheck } from './diagnosticCheck';
import type { DiagnosticsSnapshot } from './diagnosticsSnapshot';

export function instructionsCheck(s: DiagnosticsSnapshot): DiagnosticCheck {
  const id = 'instructions';
  const title = 'Instructions in effect';
  const state = s.instructions;
  switch (state.status) {
    case 'disabled':
      return check(id, title, 'skip', 'Repository instructions are off (`hearth.instructions.enabled`): no AGENTS.md is applied.');
    case 'untrusted':
      return check(id, title, 'skip', 'This workspace is not trusted (Restricted Mode), so its AGENTS.md files are not applied.',
        'If you trust the repository, trust the folder (`Workspaces: Manage Workspace Trust`) to apply them.');
    case 'noFolder':
      return check(id, title, 'skip', 'No workspace folder is open, so there are no repository instructions.');
    case 'outsideWorkspace':
      return check(id, title, 'skip', 'The active file is not inside a workspace folder, so no repository instructions apply to it.');
    case 'ready': {
      const where = state.forFile !== undefined ? `for ${code(state.forFile)}` : 'at the folder root';
      if (state.files === 0) {
        return check(id, title, 'skip', `No AGENTS.md applies ${where}.`, 'Write one with `Hearth: Create AGENTS.md` to give the chat your project\'s conventions.');
      }
      const detail = `${state.files} ${state.files === 1 ? 'file' : 'files'} ${where}, about ${state.tokens} tokens.`;
      if (state.trimNote) {
        return check(id, title, 'warn', `${detail} Over the budget: ${state.trimNote}.`,
          'Raise `hearth.instructions.budgetBytes`, or shorten the files nearest the root (they are trimmed first).');
      }
      return check(id, title, 'pass', `${detail} \`Hearth: Show Effective Instructions\` shows the exact text.`);
    }
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}
