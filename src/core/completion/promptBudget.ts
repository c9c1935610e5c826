export interface BudgetInput {
  /** The `num_ctx` every request uses (hearth.ollama.numCtx). */
  readonly numCtx: number;
  /** `num_predict` for completions: the answer must fit after the prompt. */
  readonly numPredict: number;
  /** From CharsPerTokenEstimator for the model. */
  readonly charsPerToken: number;
  /** Share of the prompt for other files' snippets; 0 when there are none. */
  readonly contextShare?: number;
  /** Characters already spent on the header (the digest). */
  readonly headerChars?: number;
  /** Share of the remaining prompt for the prefix; the suffix gets the rest. */
  readonly prefixShare?: number;
}

export interface PromptBudget {
  readonly totalChars: number;
  readonly contextChars: number;
  readonly prefixChars: number;
  readonly suffixChars: number;
}

export const DEFAULT_PREFIX_SHARE = 0.75;
export const DEFAULT_CONTEXT_SHARE = 0.2;
const MIN_MARGIN_TOKENS = 64;
const MARGIN_SHARE = 0.05;

/**
 * Characters for each part of the prompt. The daemon truncates an over-long
 * prompt silently (from the start, losing the FIM tokens), so the budget is
 * the context minus the answer (`num_predict`) minus a margin for template
 * tokens, file paths and code that tokenizes worse than the average.
 */
export function planPromptBudget(input: BudgetInput): PromptBudget {
  const margin = Math.max(MIN_MARGIN_TOKENS, Math.round(input.numCtx * MARGIN_SHARE));
  const tokens = Math.max(0, input.numCtx - input.numPredict - margin);
  const totalChars = Math.floor(tokens * input.charsPerToken);
  const contextChars = Math.floor(totalChars * clampShare(input.contextShare ?? 0));
  const rest = Math.max(0, totalChars - contextChars - (input.headerChars ?? 0));
  const prefixChars = Math.floor(rest * clampShare(input.prefixShare ?? DEFAULT_PREFIX_SHARE));
  return { totalChars, contextChars, prefixChars, suffixChars: rest - prefixChars };
}

export interface PromptWindow {
  readonly prefix: string;
  readonly suffix: string;
  /** Offset in the document prefix where the prefix window starts. */
  readonly prefixStart: number;
}

/** Lines per block the prefix window's start snaps to. */
export const WINDOW_BLOCK_LINES = 32;

/**
 * The prefix and suffix windows, cut on line boundaries. `docPrefix` must be
 * the document from its first character (line numbers anchor the window).
 * Budget one side leaves unused goes to the other.
 *
 * The prefix window's start snaps forward to a multiple of WINDOW_BLOCK_LINES,
 * so it stays put while the user types and moves by a whole block now and then:
 * the daemon reuses the longest common prompt prefix from its KV cache, and a
 * window sliding by a line per keystroke would change the prompt's head every
 * time. The price is up to a block of lines less context.
 */
export function windowPrompt(
  docPrefix: string,
  docSuffix: string,
  budget: Pick<PromptBudget, 'prefixChars' | 'suffixChars'>,
  blockLines = WINDOW_BLOCK_LINES,
): PromptWindow {
  const spareFromPrefix = Math.max(0, budget.prefixChars - docPrefix.length);
  const suffix = takeSuffix(docSuffix, budget.suffixChars + spareFromPrefix);
  const spareFromSuffix = Math.max(0, budget.suffixChars - suffix.length);
  const prefixStart = prefixWindowStart(docPrefix, budget.prefixChars + spareFromSuffix, blockLines);
  return { prefix: docPrefix.slice(prefixStart), suffix, prefixStart };
}

export function prefixWindowStart(text: string, budget: number, blockLines = WINDOW_BLOCK_LINES): number {
  if (text.length <= budget) return 0;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const first = lineStarts.findIndex((start) => text.length - start <= budget);
  // Even the cursor line alone is too long (minified code): cut inside it.
  if (first < 0) return text.length - budget;
  const snapped = Math.ceil(first / Math.max(1, blockLines)) * Math.max(1, blockLines);
  const snappedStart = lineStarts[snapped];
  // Snap only while at least half the budget remains in use.
  if (snappedStart !== undefined && text.length - snappedStart >= budget / 2) return snappedStart;
  return lineStarts[first] ?? 0;
}

function takeSuffix(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const cut = text.lastIndexOf('\n', budget);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, Math.max(0, budget));
}

function clampShare(share: number): number {
  return Math.min(1, Math.max(0, share));
}
