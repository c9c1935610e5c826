/** Until a model has answered, code averages about this many characters per token. */
export const DEFAULT_CHARS_PER_TOKEN = 3.5;
const SMOOTHING = 0.3;
/** Too few tokens say little about the tokenizer. */
const MIN_SAMPLE_TOKENS = 32;
// Code tokenizes to 2.5–4.5 characters per token. A sample far outside comes
// from a count that did not cover the whole prompt: servers that report only
// tokens not found in the KV cache, or a prompt cut at num_ctx.
const MIN_SAMPLE_RATIO = 1.5;
const MAX_SAMPLE_RATIO = 6.5;
/** No learned ratio exceeds this: the most text a prompt of N tokens can be planned with. */
export const MAX_CHARS_PER_TOKEN = MAX_SAMPLE_RATIO;
/** A count this close to num_ctx may be a truncated prompt. */
const TRUNCATION_SHARE = 0.95;

/**
 * Characters per token for each model, learned from `prompt_eval_count` with
 * an exponential moving average: Ollama has no tokenize endpoint, and a wrong
 * guess either wastes context or lets the daemon truncate the prompt.
 */
export class CharsPerTokenEstimator {
  private readonly models = new Map<string, { ratio: number; samples: number }>();

  constructor(private readonly defaultRatio = DEFAULT_CHARS_PER_TOKEN) {}

  /** Returns whether the sample was taken (a count that cannot be trusted is ignored). */
  observe(model: string, promptChars: number, promptEvalCount: number, numCtx?: number): boolean {
    if (!(promptEvalCount >= MIN_SAMPLE_TOKENS) || promptChars <= 0) return false;
    if (numCtx !== undefined && promptEvalCount >= numCtx * TRUNCATION_SHARE) return false;
    const sample = promptChars / promptEvalCount;
    if (sample < MIN_SAMPLE_RATIO || sample > MAX_SAMPLE_RATIO) return false;
    const previous = this.models.get(model);
    this.models.set(
      model,
      previous === undefined ? { ratio: sample, samples: 1 } : { ratio: previous.ratio + SMOOTHING * (sample - previous.ratio), samples: previous.samples + 1 },
    );
    return true;
  }

  charsPerToken(model: string): number {
    return this.models.get(model)?.ratio ?? this.defaultRatio;
  }

  /** How many counts the model's ratio rests on. */
  samples(model: string): number {
    return this.models.get(model)?.samples ?? 0;
  }
}
