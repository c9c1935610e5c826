import type { CompletionBackend } from '../../src/core/completion/completionOutcome';
import type { CompletionPipeline } from '../../src/core/completion/completionPipeline';
import { createCompletionPipeline } from '../../src/core/completion/createCompletionPipeline';
import type { GenerateRequest } from '../../src/core/engine/engineTypes';
import { InspectorRecorder } from '../../src/core/inspector/inspectorRecorder';
import { nullLogger } from '../../src/core/logger';
import { resolveOllamaHost } from '../../src/core/ollamaHost';
import type { ModelServer } from '../../src/core/engine/modelServer';
import { OllamaService } from '../../src/ollama/ollamaService';
import { OpenAiService } from '../../src/openai/openAiService';
import { NaiveScheduler, noCache } from './naiveScheduler';

export type ConfigName = 'hearth' | 'naive';
/** The server the pipeline talks to: Ollama, or a vLLM server over the OpenAI-compatible API (both stand-ins). */
export type BenchEngine = 'ollama' | 'vllm';
export const MODEL = 'qwen2.5-coder:1.5b-base';
export const NUM_CTX = 4096;
/** The settings' defaults. */
const MAX_TOKENS = 128;
const BASE_DEBOUNCE_MS = 150;
const NAIVE_DEBOUNCE_MS = 300;

export interface BenchPipeline {
  readonly pipeline: CompletionPipeline;
  readonly service: Pick<ModelServer, 'warm'> & { dispose(): void };
}

/**
 * The real pipeline over the real OllamaService, built by the factory the
 * extension uses, as Hearth ships it or as the naive baseline (fixed 300 ms
 * debounce, no abort, no cache, the whole answer read, nothing after a line).
 * `onGenerate` sees every request as it is sent.
 */
export function benchPipeline(config: ConfigName, url: string, onGenerate: (request: GenerateRequest) => void, workClock?: () => number, engine: BenchEngine = 'ollama'): BenchPipeline {
  const connection = { host: resolveOllamaHost(url, undefined), headers: {}, keepAlive: '30m', numCtx: NUM_CTX };
  // Recording as the extension does (the inspector closed): its cost is part of what is measured.
  const recorder = new InspectorRecorder();
  const service: ModelServer & { dispose(): void } =
    engine === 'vllm' ? new OpenAiService(() => connection, () => ({ capabilities: {} }), nullLogger) : new OllamaService(() => connection, nullLogger, undefined, recorder);
  const backend: CompletionBackend = {
    get hostLabel() {
      return service.hostLabel;
    },
    findModel: (name, signal) => service.findModel(name, signal),
    generate: (request, signal, trace) => {
      onGenerate(request);
      return service.generate(request, signal, trace);
    },
  };
  const naive = config === 'naive';
  const { pipeline } = createCompletionPipeline(
    {
      backend,
      settings: () => ({ model: MODEL, numCtx: NUM_CTX, maxTokens: MAX_TOKENS, whileChatStreams: 'wait' }),
      log: nullLogger,
      baseDebounceMs: () => BASE_DEBOUNCE_MS,
      daemonAvailable: () => true,
    },
    {
      ...(workClock !== undefined ? { workClock } : {}),
      ...(naive ? { scheduler: new NaiveScheduler(NAIVE_DEBOUNCE_MS), cache: noCache, stopEarly: false, proposeAfterLine: false } : {}),
    },
  );
  return { pipeline, service };
}
