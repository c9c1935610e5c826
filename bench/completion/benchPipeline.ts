import { CharsPerTokenEstimator } from '../../src/core/completion/charsPerToken';
import { systemClock } from '../../src/core/completion/clock';
import { CompletionCache } from '../../src/core/completion/completionCache';
import { CompletionScheduler } from '../../src/core/completion/completionScheduler';
import { CompletionStats } from '../../src/core/completion/completionStats';
import { GpuArbiter } from '../../src/core/completion/gpuArbiter';
import { ModelBackoff } from '../../src/core/completion/modelBackoff';
import { nullLogger } from '../../src/core/logger';
import { resolveOllamaHost } from '../../src/core/ollamaHost';
import { CompletionPipeline } from '../../src/core/completion/completionPipeline';
import type { CompletionBackend } from '../../src/core/completion/completionPipeline';
import type { OllamaFailure } from '../../src/core/engine/ollamaFailure';
import { OllamaService } from '../../src/ollama/ollamaService';
import type { GenerateRequest } from '../../src/core/engine/engineTypes';
import { NaiveScheduler, noCache } from './naiveScheduler';

export type ConfigName = 'hearth' | 'naive';
export const MODEL = 'qwen2.5-coder:1.5b-base';
export const NUM_CTX = 4096;
/** The settings' defaults. */
const MAX_TOKENS = 128;
const BASE_DEBOUNCE_MS = 150;
const NAIVE_DEBOUNCE_MS = 300;

export interface BenchPipeline {
  readonly pipeline: CompletionPipeline;
  readonly service: OllamaService;
}

/**
 * The real pipeline over the real OllamaService, configured as Hearth ships
 * it or as the naive baseline (fixed 300 ms debounce, no abort, no cache, the
 * whole answer read). `onGenerate` sees every request as it is sent.
 */
export function benchPipeline(config: ConfigName, url: string, onGenerate: (request: GenerateRequest) => void, workClock?: () => number): BenchPipeline {
  const service = new OllamaService(() => ({ host: resolveOllamaHost(url, undefined), headers: {}, keepAlive: '30m', numCtx: NUM_CTX }), nullLogger);
  const backend: CompletionBackend = {
    get hostLabel() {
      return service.hostLabel;
    },
    findModel: (name, signal) => service.findModel(name, signal),
    generate: (request, signal) => {
      onGenerate(request);
      return service.generate(request, signal);
    },
  };
  const hearth = config === 'hearth';
  const pipeline = new CompletionPipeline({
    backend,
    settings: () => ({ model: MODEL, numCtx: NUM_CTX, maxTokens: MAX_TOKENS, whileChatStreams: 'wait' }),
    clock: systemClock,
    log: nullLogger,
    scheduler: hearth ? new CompletionScheduler(systemClock, () => ({ baseDebounceMs: BASE_DEBOUNCE_MS })) : new NaiveScheduler(NAIVE_DEBOUNCE_MS),
    cache: hearth ? new CompletionCache() : noCache,
    estimator: new CharsPerTokenEstimator(),
    stats: new CompletionStats(),
    arbiter: new GpuArbiter(),
    backoff: new ModelBackoff<OllamaFailure>(systemClock),
    daemonAvailable: () => true,
    stopEarly: hearth,
    proposeAfterLine: hearth,
    ...(workClock !== undefined ? { workClock } : {}),
  });
  return { pipeline, service };
}
