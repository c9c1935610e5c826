// Pure: no `vscode` import (ESLint enforces it).
import type { CharsPerTokenEstimator } from './charsPerToken';
import type { Logger } from '../logger';
import type { GenerateRequest, StreamEvent } from '../engine/engineTypes';
import type { RequestTrace } from '../inspector/requestTrace';

/** Counts a model's ratio should rest on before probing stops. */
export const CALIBRATION_SAMPLES = 3;

export interface ProbedPrompt {
  readonly model: string;
  /** The request whose stream was stopped before its final chunk. */
  readonly request: GenerateRequest;
  readonly promptChars: number;
  readonly numCtx: number;
}

/**
 * Learns a model's characters per token although Hearth stops most streams
 * at the end of the answer, before the final chunk that carries
 * `prompt_eval_count`. Right after such a stream, the same prompt goes again
 * with num_predict 1: the daemon still holds it in its KV cache, so this
 * costs about one token of generation, and it ends with the prompt's real
 * token count. It runs only while the model's ratio rests on fewer than
 * CALIBRATION_SAMPLES counts, only for prompts whose windows the budget cut
 * (for a file that fits whole the ratio changes nothing), one at a time, and
 * it yields the daemon at once to a real request (yieldToRequest).
 */
export class TokenCountProbe {
  private running: AbortController | undefined;

  constructor(
    private readonly generate: (request: GenerateRequest, signal: AbortSignal, trace: RequestTrace) => AsyncIterable<StreamEvent>,
    private readonly estimator: CharsPerTokenEstimator,
    private readonly log: Logger,
  ) {}

  wanted(model: string): boolean {
    return this.running === undefined && this.estimator.samples(model) < CALIBRATION_SAMPLES;
  }

  /** Sends the probe; it settles on its own. */
  probe(prompt: ProbedPrompt): void {
    const controller = new AbortController();
    this.running = controller;
    void this.run(prompt, controller);
  }

  /** A real request is about to start: it gets the daemon's slot, not the probe. */
  yieldToRequest(): void {
    this.running?.abort();
    this.running = undefined;
  }

  private async run(prompt: ProbedPrompt, controller: AbortController): Promise<void> {
    const request: GenerateRequest = { ...prompt.request, options: { ...prompt.request.options, num_predict: 1 } };
    try {
      for await (const event of this.generate(request, controller.signal, { kind: 'probe', originId: 'token-count' })) {
        if (event.kind !== 'done') continue;
        const taken = this.estimator.observe(prompt.model, prompt.promptChars, event.stats.promptTokens, prompt.numCtx);
        this.log.debug(
          `completion token count ${prompt.model}: ${prompt.promptChars} chars = ${event.stats.promptTokens} tokens${taken ? '' : ' (not used)'}; ` +
            `now ${this.estimator.charsPerToken(prompt.model).toFixed(2)} chars per token`,
        );
      }
    } catch {
      // Aborted for a real request, or failed: the next stopped stream tries again.
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }
}
