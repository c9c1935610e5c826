import type { ChatBudget, ChatInstructionsSummary } from '../../src/shared/protocol';

/** "1.2k", "18k", "950": compact token counts for the meter. */
export function compactTokens(tokens: number): string {
  if (!Number.isFinite(tokens) || tokens < 0) return '0';
  if (tokens < 1000) return String(Math.round(tokens));
  const k = tokens / 1000;
  return `${k < 10 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
}

export interface BudgetView {
  readonly value: number;
  readonly max: number;
  /** Beyond this the answer's reserve is eaten into: older turns are dropped. */
  readonly high: number;
  readonly text: string;
  readonly label: string;
  readonly droppedNote?: string;
}

export function budgetView(budget: ChatBudget): BudgetView {
  const max = Math.max(1, budget.contextTokens);
  const high = Math.max(0, max - budget.reservedTokens);
  const value = Math.min(max, Math.max(0, budget.promptTokens));
  const label = `Context: about ${budget.promptTokens.toLocaleString('en-US')} of ${budget.contextTokens.toLocaleString('en-US')} tokens used; ${budget.reservedTokens.toLocaleString('en-US')} kept free for the answer`;
  const n = budget.droppedTurns;
  const droppedNote =
    n > 0
      ? `The oldest ${n === 1 ? 'turn is' : `${n} turns are`} not sent: the conversation outgrew the model's ${compactTokens(budget.contextTokens)}-token window.`
      : undefined;
  return { value, max, high, text: `${compactTokens(budget.promptTokens)} / ${compactTokens(budget.contextTokens)}`, label, ...(droppedNote ? { droppedNote } : {}) };
}

/** "Instructions: AGENTS.md › packages/api/AGENTS.md", or why there are none. */
export function instructionsLine(summary: ChatInstructionsSummary): string {
  switch (summary.status) {
    case 'disabled':
      return 'Instructions: off (hearth.instructions.enabled)';
    case 'untrusted':
      return 'Instructions: not applied — this workspace is not trusted';
    case 'noFolder':
      return 'Instructions: none — no folder is open';
    case 'outsideWorkspace':
      return 'Instructions: none — the active file is not in a workspace folder';
    case 'ready':
      return summary.files.length === 0 ? 'Instructions: none (no AGENTS.md applies)' : `Instructions: ${summary.files.join(' › ')}`;
    default: {
      const unreachable: never = summary;
      return unreachable;
    }
  }
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", else a date. */
export function relativeTime(then: number, now: number): string {
  const minutes = Math.round((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  return new Date(then).toISOString().slice(0, 10);
}
