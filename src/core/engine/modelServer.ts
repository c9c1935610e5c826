import type { Event } from '../emitter';
import type { Activity, ChatRequest, GenerateRequest, GenerationStats, LoadedModel, ModelInfo, PullProgress, StreamEvent, ToolChatRequest, ToolStreamEvent } from './engineTypes';
import type { Result } from './ollamaFailure';
import type { RequestTrace } from '../inspector/requestTrace';

/**
 * What Hearth asks of a model server, in its own terms. OllamaService (src/ollama)
 * and OpenAiService (src/openai, any OpenAI-compatible server) implement it,
 * and EngineSwitch hands each call to the one hearth.engine names; pure code takes the slice it needs as
 * `Pick<ModelServer, ...>`, so plain mocha and the benchmark hand it the real
 * service talking to the stand-in. Every streaming call takes an AbortSignal
 * that closes the HTTP request (which stops generation at the server) and
 * throws an OllamaError; the others answer with a Result.
 */
export interface ModelServer {
  /** The server's address as shown to the user: no credentials. */
  readonly hostLabel: string;
  /** Models from the last successful listModels(), if any. */
  readonly cachedModels: readonly ModelInfo[] | undefined;
  readonly activity: Activity;
  readonly onDidChangeActivity: Event<Activity>;
  /** A request found the server unreachable (it stopped or is restarting). */
  readonly onDidFindUnreachable: Event<void>;
  version(signal?: AbortSignal): Promise<Result<string>>;
  listModels(options?: { refresh?: boolean; signal?: AbortSignal }): Promise<Result<readonly ModelInfo[]>>;
  /** Forgets cached model data: the server restarted or models were pulled. */
  invalidateModels(): void;
  findModel(name: string, signal?: AbortSignal): Promise<Result<ModelInfo | undefined>>;
  loadedModels(signal?: AbortSignal): Promise<Result<readonly LoadedModel[]>>;
  // `trace` says who asks and why, for the inspector: kept by reference, read only when it is open.
  generate(request: GenerateRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<StreamEvent>;
  chat(request: ChatRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<StreamEvent>;
  /** Chat that offers tools (the agent): yields the model's tool calls beside its text and thinking. */
  chatWithTools(request: ToolChatRequest, signal: AbortSignal, trace?: RequestTrace): AsyncIterable<ToolStreamEvent>;
  pull(model: string, signal: AbortSignal): AsyncIterable<PullProgress>;
  /** Loads a model so the first real request does not pay for it. */
  warm(model: string, signal?: AbortSignal): Promise<Result<GenerationStats>>;
}
