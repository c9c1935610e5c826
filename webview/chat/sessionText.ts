import type { ChatBudget, ChatInstructionsSummary, ChatTrim } from '../../src/shared/protocol';

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
  /** Attachments or instructions the next message would cut, or a draft that outgrows the window. */
  readonly trimNote?: string;
}

/** The meter for the next message: the host's estimate plus the draft being typed (`draftChars`). */
export function budgetView(budget: ChatBudget, draftChars = 0): BudgetView {
  const max = Math.max(1, budget.contextTokens);
  const high = Math.max(0, max - budget.reservedTokens);
  const draftTokens = draftChars > 0 ? Math.ceil(draftChars / Math.max(1, budget.charsPerToken)) : 0;
  const tokens = budget.promptTokens + draftTokens;
  const value = Math.min(max, Math.max(0, tokens));
  const window = `${compactTokens(budget.contextTokens)}-token window`;
  const draft = draftTokens > 0 ? ` (${draftTokens.toLocaleString('en-US')} of them the message being typed)` : '';
  const label = `Context: about ${tokens.toLocaleString('en-US')}${draft} of ${budget.contextTokens.toLocaleString('en-US')} tokens used; ${budget.reservedTokens.toLocaleString('en-US')} kept free for the answer`;
  const n = budget.droppedTurns;
  const droppedNote = n > 0 ? `The oldest ${n === 1 ? 'turn is' : `${n} turns are`} not sent: the conversation outgrew the model's ${window}.` : undefined;
  const cuts = cutList(budget.trimmedAttachments, budget.instructionsTrimmed);
  const trimNote =
    cuts.length > 0
      ? `To fit the model's ${window}, sending now cuts ${joinList(cuts)}.`
      : draftTokens > 0 && tokens > high
        ? `This message outgrows the model's ${window}: sending it leaves out older turns or cuts attachments first, and the answer says what.`
        : undefined;
  return {
    value,
    max,
    high,
    text: `${compactTokens(tokens)} / ${compactTokens(budget.contextTokens)}`,
    label,
    ...(droppedNote ? { droppedNote } : {}),
    ...(trimNote ? { trimNote } : {}),
  };
}

/** Said with an answer whose request was trimmed: what was left out or cut, at the moment it happened. */
export function trimText(trim: ChatTrim): string {
  const parts: string[] = [];
  if (trim.droppedTurns > 0) parts.push(`left out the ${trim.droppedTurns === 1 ? 'oldest turn' : `${trim.droppedTurns} oldest turns`}`);
  const cuts = cutList(trim.attachments, trim.instructions);
  if (cuts.length > 0) parts.push(`cut ${joinList(cuts)}`);
  return `To fit the model's ${compactTokens(trim.contextTokens)}-token window, this question was sent trimmed: Hearth ${joinList(parts)}.`;
}

function cutList(attachments: readonly string[], instructions: boolean): string[] {
  return [...attachments, ...(instructions ? ['the instructions (from the root end)'] : [])];
}

/** "a", "a and b", "a, b and c". */
function joinList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
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
