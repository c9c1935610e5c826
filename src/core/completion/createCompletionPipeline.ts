import type { OllamaFailure } from '../engine/ollamaFailure';
import type { Logger } from '../logger';
import { AdaptiveDebounce } from './adaptiveDebounce';
import { CharsPerTokenEstimator } from './charsPerToken';
import { systemClock } from './clock';
import type { Clock } from './clock';
import { CompletionCache } from './completionCache';
import type { CompletionBackend, PipelineSettings } from './completionOutcome';
import { CompletionPipeline } from './completionPipeline';
import type { CompletionPipelineParts } from './completionPipeline';
import { CompletionScheduler } from './completionScheduler';
import { CompletionStats } from './completionStats';
import { GpuArbiter } from './gpuArbiter';
import { ModelBackoff } from './modelBackoff';
import { ModelRequests } from './modelRequests';
import { TokenCountProbe } from './tokenCountProbe';

/** What the pipeline needs from its host: the extension, a test, the benchmark. */
export interface CompletionPipelineDeps {
  readonly backend: CompletionBackend;
  readonly settings: () => PipelineSettings;
  readonly log: Logger;
  /** hearth.completion.debounceMs: the base the adaptive debounce starts from. */
  readonly baseDebounceMs: () => number;
  /** False while the connection monitor knows the daemon is down: nothing is sent then. */
  readonly daemonAvailable: () => boolean;
  readonly clock?: Clock;
  /** How long a request nobody waits for keeps running for reuse (the scheduler's default unless set). */
  readonly orphanGraceMs?: number;
}

/** How the benchmark (and a test or two) vary the pipeline; the extension passes none of it. */
export interface PipelineVariant {
  /** The clock overheadMs is measured on (the benchmark passes its process's CPU time); performance.now() by default. */
  readonly workClock?: () => number;
  /** Stop a stream as soon as the answer is complete; on by default. */
  readonly stopEarly?: boolean;
  /** Propose what follows a complete line when nothing fits in its middle; on by default. */
  readonly proposeAfterLine?: boolean;
  /** The benchmark's naive baseline replaces these. */
  readonly scheduler?: CompletionPipelineParts['scheduler'];
  readonly cache?: CompletionPipelineParts['cache'];
}

/** The pipeline and the parts its host reads: figures for the view, the GPU hand-over with chat, the learned token ratio. */
export interface BuiltPipeline {
  readonly pipeline: CompletionPipeline;
  readonly stats: CompletionStats;
  readonly arbiter: GpuArbiter;
  readonly estimator: CharsPerTokenEstimator;
}

/** The one place the completion pipeline is put together. */
export function createCompletionPipeline(deps: CompletionPipelineDeps, variant: PipelineVariant = {}): BuiltPipeline {
  const clock = deps.clock ?? systemClock;
  const workNow = variant.workClock ?? (() => performance.now());
  const stats = new CompletionStats();
  const arbiter = new GpuArbiter();
  const estimator = new CharsPerTokenEstimator();
  const cache = variant.cache ?? new CompletionCache();
  const backoff = new ModelBackoff<OllamaFailure>(clock);
  const tokenCounts = new TokenCountProbe((request, signal, trace) => deps.backend.generate(request, signal, trace), estimator, deps.log);
  const grace = deps.orphanGraceMs;
  const scheduler =
    variant.scheduler ?? new CompletionScheduler(clock, new AdaptiveDebounce(deps.baseDebounceMs), () => (grace !== undefined ? { orphanGraceMs: grace } : {}));
  const requests = new ModelRequests({
    backend: deps.backend,
    clock,
    workNow,
    log: deps.log,
    arbiter,
    tokenCounts,
    estimator,
    stats,
    backoff,
    cache,
    stopEarly: variant.stopEarly ?? true,
  });
  const pipeline = new CompletionPipeline({
    backend: deps.backend,
    settings: deps.settings,
    log: deps.log,
    scheduler,
    cache,
    requests,
    tokenCounts,
    estimator,
    stats,
    arbiter,
    backoff,
    daemonAvailable: deps.daemonAvailable,
    proposeAfterLine: variant.proposeAfterLine ?? true,
    workNow,
  });
  return { pipeline, stats, arbiter, estimator };
}
