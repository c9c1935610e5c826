import { headWithinBytes, utf8ByteLength } from './utf8Text';

export interface BudgetInput {
  /** The text we hold (possibly only a prefix of the file). */
  readonly text: string;
  /** What the whole file weighs, unread rest included. */
  readonly bytes: number;
}

export interface BudgetOutcome {
  readonly text: string;
  readonly keptBytes: number;
  readonly trimmed: boolean;
}

/**
 * Shares `budgetBytes` over a root → leaf chain, spending it from the leaf up:
 * the nearest file is the most specific, so the shallowest files are shortened
 * or dropped first. The file where the budget runs out keeps its head (cut on a
 * line or code-point boundary); every file above it is dropped, so a deeper
 * file is never cut while a shallower one survives.
 */
export function applyInstructionBudget(files: readonly BudgetInput[], budgetBytes: number): BudgetOutcome[] {
  const outcomes: BudgetOutcome[] = new Array<BudgetOutcome>(files.length);
  let remaining = Math.max(0, budgetBytes);
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i];
    if (file === undefined) continue;
    const textBytes = utf8ByteLength(file.text);
    if (file.bytes <= remaining && textBytes >= file.bytes) {
      outcomes[i] = { text: file.text, keptBytes: textBytes, trimmed: false };
      remaining -= textBytes;
      continue;
    }
    const head = headWithinBytes(file.text, remaining).trimEnd();
    const keptBytes = utf8ByteLength(head);
    outcomes[i] = { text: head, keptBytes, trimmed: keptBytes < file.bytes };
    remaining = 0;
  }
  return outcomes;
}
