import { Emitter } from '../emitter';
import type { Event } from '../emitter';
import type { GenerationStats } from '../engine/engineTypes';
import { OllamaError } from '../engine/ollamaFailure';
import type { OllamaFailure } from '../engine/ollamaFailure';
import type { Logger } from '../logger';
import type { CharsPerTokenEstimator } from './charsPerToken';
import type { Clock } from './clock';
import type { CompletionCache } from './completionCache';
import { describeRequest } from './completionLog';
import { completionTrace } from './completionTrace';
import type { CompletionBackend, CompletionRequestRecord, PipelineSettings } from './completionOutcome';
import type { CompletionWindow, PreparedRequest } from './completionRequest';
import type { CompletionStats } from './completionStats';
import type { GpuArbiter } from './gpuArbiter';
import type { ModelBackoff } from './modelBackoff';
import { isStreamComplete, postProcessCompletion } from './postProcess';
import type { RequestResult, StartCompletion } from './scheduledCompletion';
import type { TokenCountProbe } from './tokenCountProbe';

/** What one model request produced; the scheduler hands it to every caller it answers. */
export interface ModelAnswer extends RequestResult {
  /** The request's number in the log and in the records. */
  readonly id: number;
  /** The answer post-processed for the position the request was made for (and cached there). */
  readonly answer: string;
  /** Work on the stream (stop checks) and on post-processing, on the work clock. */
  readonly overheadMs: number;
}

export interface ModelRequestsDeps {
  readonly backend: Pick<CompletionBackend, 'generate'>;
  readonly clock: Clock;
  /** The clock overhead is measured on (see PipelineVariant.workClock). */
  readonly workNow: () => number;
  readonly log: Logger;
  readonly arbiter: GpuArbiter;
  readonly tokenCounts: TokenCountProbe;
  readonly estimator: CharsPerTokenEstimator;
  readonly stats: CompletionStats;
  readonly backoff: ModelBackoff<OllamaFailure>;
  readonly cache: Pick<CompletionCache, 'store'>;
  /** Stop a stream as soon as the answer is complete (off only for the benchmark's naive baseline). */
  readonly stopEarly: boolean;
}

/** One request to plan: the model, where the prompt windows fall, and the body to send. */
export interface ModelRequestPlan {
  readonly model: string;
  readonly window: CompletionWindow;
  readonly prepared: PreparedRequest;
  readonly whileChatStreams: PipelineSettings['whileChatStreams'];
}

/**
 * The requests themselves: each waits for the GPU if chat has it, streams,
 * stops at the end of the answer, then post-processes and caches its answer
 * for its own position, and resolves with it. Every request is logged once and
 * reported when it ends.
 */
export class ModelRequests {
  private nextId = 1;
  private readonly finished = new Emitter<CompletionRequestRecord>();
  readonly onDidFinish: Event<CompletionRequestRecord> = this.finished.event;

  constructor(private readonly deps: ModelRequestsDeps) {}

  starter(plan: ModelRequestPlan): StartCompletion<ModelAnswer> {
    return (signal, onPartial) => this.run(plan, signal, onPartial);
  }

  dispose(): void {
    this.finished.dispose();
  }

  private async run({ model, window, prepared, whileChatStreams }: ModelRequestPlan, signal: AbortSignal, onPartial: (textSoFar: string) => void): Promise<ModelAnswer> {
    const { deps } = this;
    const id = this.nextId++;
    const startedAt = deps.clock.now();
    // Latency counts from when the daemon is asked, not from the wait for chat to finish.
    let sentAt = startedAt;
    let raw = '';
    let end: CompletionRequestRecord['end'] = 'failed';
    let stats: GenerationStats | undefined;
    let error: unknown;
    let overheadMs = 0;
    try {
      if (whileChatStreams === 'wait' && !(await deps.arbiter.whenIdle(signal))) {
        throw new DOMException('superseded while waiting for chat', 'AbortError');
      }
      deps.tokenCounts.yieldToRequest();
      sentAt = deps.clock.now();
      for await (const event of deps.backend.generate(prepared.request, signal, completionTrace(id, window, prepared))) {
        if (event.kind === 'done') stats = event.stats;
        if (event.kind !== 'text') continue;
        raw += event.text;
        onPartial(raw);
        if (!deps.stopEarly) continue;
        const t = deps.workNow();
        const complete = isStreamComplete(raw, prepared.text);
        overheadMs += deps.workNow() - t;
        // Leaving the loop closes the HTTP request: the daemon stops generating.
        if (complete) {
          end = 'stopped';
          break;
        }
      }
      if (end !== 'stopped') end = 'complete';
    } catch (e) {
      error = e;
      end = signal.aborted || isCancelled(e) ? 'aborted' : 'failed';
      throw e;
    } finally {
      const endedAt = deps.clock.now();
      deps.log.info(describeRequest(id, prepared, end, raw, endedAt - startedAt, stats, error));
      this.finished.fire({ id, model, request: prepared.request, end, raw, startedAt, endedAt });
    }
    deps.stats.recordLatency(model, deps.clock.now() - sentAt);
    const { numCtx } = window;
    if (stats !== undefined) deps.estimator.observe(model, prepared.promptChars, stats.promptTokens, numCtx);
    else if (end === 'stopped' && window.cut && deps.tokenCounts.wanted(model)) {
      deps.tokenCounts.probe({ model, request: prepared.request, promptChars: prepared.promptChars, numCtx });
    }
    deps.backoff.succeed(model);
    const t = deps.workNow();
    const answer = postProcessCompletion({ ...prepared.text, raw });
    // Cached for this position even if its caller has gone: walking back to it shows it at once.
    deps.cache.store(window.position, answer, id);
    overheadMs += deps.workNow() - t;
    return { raw, id, answer, overheadMs };
  }
}

function isCancelled(error: unknown): boolean {
  if (error instanceof OllamaError) return error.failure.kind === 'cancelled';
  return error instanceof Error && error.name === 'AbortError';
}
