import type { RequestTrace, TrimNote } from '../inspector/requestTrace';
import type { ChatPrompt } from './chatPrompt';
import type { StoredTurn } from './conversation';

/**
 * What the inspector shows beside a chat request: the answer's turn id (its
 * "Inspect" action finds the request by it) and what the budget cut. The
 * notes are worked out only when the inspector opens the request.
 */
export function chatTrace(turnId: string, prompt: ChatPrompt, history: readonly StoredTurn[], contextTokens: number): RequestTrace {
  return { kind: 'chat', originId: turnId, details: { trims: () => chatTrims(prompt, history, contextTokens) } };
}

export function chatTrims(prompt: ChatPrompt, history: readonly StoredTurn[], contextTokens: number): TrimNote[] {
  const window = `to fit ${contextTokens} tokens with a quarter kept for the answer`;
  const notes: TrimNote[] = [];
  if (prompt.droppedTurns > 0) {
    const dropped = history.slice(0, prompt.droppedTurns);
    const chars = dropped.reduce((n, turn) => n + turn.text.length, 0);
    notes.push({ what: `${prompt.droppedTurns} oldest turn(s) left out`, why: window, chars });
  }
  if (prompt.instructionsTrimmed) notes.push({ what: 'instructions trimmed from the root end', why: window });
  for (const label of prompt.trimmedAttachments) notes.push({ what: `attachment ${label} truncated`, why: window });
  return notes;
}
