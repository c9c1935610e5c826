import { Ollama } from 'ollama';
import type { ChatResponse, GenerateResponse } from 'ollama';
import { Emitter } from '../core/emitter';
import type { Event } from '../core/emitter';
import type { Logger } from '../core/logger';
import { displayHost } from '../core/ollamaHost';
import { findModel, sameModelName } from '../core/modelName';
import { toLoadedModels } from './modelCatalog';
import { OllamaError, invalidHostFailure, toOllamaFailure } from '../core/engine/ollamaFailure';
import type { Result } from '../core/engine/ollamaFailure';
import type { ModelServer } from '../core/engine/modelServer';
import { chunkEvents, closedEnding, doneLine, exchangeEnding, pullFailure, toPullProgress, toStats } from './ollamaResponses';
import type { ExchangeRecord } from '../core/inspector/exchangeRecord';
import type { RequestRecorder } from '../core/inspector/inspectorRecorder';
import type { RequestTrace } from '../core/inspector/requestTrace';
import type { ConnectionConfig } from '../core/connection/connectionConfig';
import type { Activity, ChatRequest, GenerateRequest, GenerationStats, LoadedModel, ModelInfo, PullProgress, StreamEvent } from '../core/engine/engineTypes';
import type { ToolChatRequest, ToolStreamEvent } from '../core/engine/engineTypes';
import { ModelDescriptions } from './modelDescriptions';
import { chatBody, chatChars, generateBody } from './ollamaRequests';
import { RequestActivity } from './requestActivity';
import { RequestGuard, fetchWithSignal } from './requestGuard';

export interface OllamaServiceTimeouts {
  /** version, tags, show, ps: small answers that a healthy daemon gives at once. */
  readonly metadataMs: number;
  /** Until the first chunk of a stream: covers loading a large model from disk. */
  readonly firstChunkMs: number;
  /** Between two chunks of a stream. */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: OllamaServiceTimeouts = { metadataMs: 10_000, firstChunkMs: 180_000, idleMs: 60_000 };

const SHOW_CONCURRENCY = 4;

/**
 * The single place that talks to the Ollama daemon. Every request carries an
 * AbortSignal that closes its HTTP connection; every failure becomes an
 * OllamaFailure; keep_alive and num_ctx are the same on every request so chat
 * and completion never reload a shared model.
 */
export class OllamaService implements ModelServer {
  private readonly descriptions: ModelDescriptions;
  private models: readonly ModelInfo[] | undefined;
  private loaded = new Set<string>();
  private readonly requests = new RequestActivity();
  readonly onDidChangeActivity: Event<Activity> = this.requests.onDidChange;
  private readonly unreachableEmitter = new Emitter<void>();
  /**
   * A generation or pull found the daemon unreachable (refused or reset): it
   * stopped or is restarting. The connection monitor checks at once instead
   * of at its next poll.
   */
  readonly onDidFindUnreachable: Event<void> = this.unreachableEmitter.event;

  constructor(
    private readonly config: () => ConnectionConfig,
    private readonly log: Logger,
    private readonly timeouts: OllamaServiceTimeouts = DEFAULT_TIMEOUTS,
    /** The inspector's recorder: every generation and chat request, byte for byte. */
    private readonly recorder?: RequestRecorder,
  ) {
    this.descriptions = new ModelDescriptions(log);
  }

  get hostLabel(): string {
    return displayHost(this.config().host);
  }

  /** Models from the last successful listModels(), if any. */
  get cachedModels(): readonly ModelInfo[] | undefined {
    return this.models;
  }

  get activity(): Activity {
    return this.requests.current;
  }

  async version(signal?: AbortSignal): Promise<Result<string>> {
    return this.metadata('version', undefined, signal, async (client) => (await client.version()).version);
  }

  /** Installed models with capabilities. /api/show answers are cached per digest. */
  async listModels(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<Result<readonly ModelInfo[]>> {
    if (this.models && !options.refresh) return { ok: true, value: this.models };
    const result = await this.metadata('tags', undefined, options.signal, async (client, signal) => {
      const tags = await client.list();
      const infos: ModelInfo[] = [];
      // A few /api/show calls at a time: a daemon with dozens of models stays responsive.
      for (let i = 0; i < tags.models.length; i += SHOW_CONCURRENCY) {
        const batch = tags.models.slice(i, i + SHOW_CONCURRENCY);
        infos.push(...(await Promise.all(batch.map((tag) => this.descriptions.describe(client, tag, signal)))));
      }
      return infos.sort((a, b) => a.name.localeCompare(b.name));
    });
    if (result.ok) this.models = result.value;
    return result;
  }

  /** Forgets cached model data: the daemon restarted or models were pulled. */
  invalidateModels(): void {
    this.models = undefined;
    this.descriptions.clear();
  }

  async findModel(name: string, signal?: AbortSignal): Promise<Result<ModelInfo | undefined>> {
    const list = await this.listModels(signal ? { signal } : {});
    return list.ok ? { ok: true, value: findModel(list.value, name) } : list;
  }

  async loadedModels(signal?: AbortSignal): Promise<Result<readonly LoadedModel[]>> {
    const result = await this.metadata('ps', undefined, signal, async (client) => toLoadedModels(await client.ps()));
    if (result.ok) this.loaded = new Set(result.value.map((m) => m.name));
    return result;
  }

  /** Streams /api/generate. Throws OllamaError; aborting `signal` closes the connection. */
  async *generate(request: GenerateRequest, signal: AbortSignal, trace: RequestTrace = { kind: 'other' }): AsyncGenerator<StreamEvent, void, undefined> {
    const chars = request.prompt.length + (request.suffix?.length ?? 0);
    for await (const event of this.stream('generate', request.model, chars, signal, trace, (client) => client.generate(generateBody(request, this.config())))) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  /** Streams /api/chat. Throws OllamaError; aborting `signal` closes the connection. */
  async *chat(request: ChatRequest, signal: AbortSignal, trace: RequestTrace = { kind: 'chat' }): AsyncGenerator<StreamEvent, void, undefined> {
    // Without tools the daemon sends no tool calls; a `for await` here also
    // closes the inner stream (and its connection) when the caller stops early.
    for await (const event of this.chatWithTools({ ...request, tools: [] }, signal, trace)) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  /** /api/chat with `tools`: also yields `message.tool_calls` as they stream. Thinking stays separate, as in chat. */
  chatWithTools(request: ToolChatRequest, signal: AbortSignal, trace: RequestTrace = { kind: 'agentStep' }): AsyncGenerator<ToolStreamEvent, void, undefined> {
    return this.stream('chat', request.model, chatChars(request.messages), signal, trace, (client) => client.chat(chatBody(request, request.tools, this.config())));
  }

  /**
   * Streams /api/pull progress until 'success', then forgets the cached model
   * list. Throws OllamaError (also for an `{"error"}` line under HTTP 200);
   * aborting `signal` closes the connection, which stops the download (the
   * daemon keeps finished layers, so a later pull resumes).
   */
  async *pull(model: string, signal: AbortSignal): AsyncGenerator<PullProgress, void, undefined> {
    const invalid = this.config().invalidHost;
    if (invalid) throw new OllamaError(invalidHostFailure(invalid));
    const guard = new RequestGuard(signal);
    const started = Date.now();
    let midStream = false;
    let finished = false;
    // Between two lines only the first-chunk allowance: the daemon says nothing
    // while it verifies the digest of a multi-gigabyte layer.
    guard.arm(this.timeouts.firstChunkMs);
    this.log.info(`pull ${model}: started`);
    try {
      const iterator = await this.client(guard.signal).pull({ model, stream: true });
      for await (const chunk of iterator) {
        midStream = true;
        guard.arm(this.timeouts.firstChunkMs);
        const progress = toPullProgress(chunk);
        if (progress.status === 'success') {
          // Before yielding: a consumer that stops at 'success' must still see the new model.
          finished = true;
          this.invalidateModels();
          this.log.info(`pull ${model}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
        yield progress;
        if (finished) return;
      }
    } catch (error) {
      const failure = pullFailure(toOllamaFailure(error, { host: this.hostLabel, model, timedOut: guard.timedOut, midStream }), model);
      if (failure.kind === 'cancelled') this.log.info(`pull ${model}: cancelled after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      else this.log.warn(`pull ${model} failed: ${failure.detail}`);
      throw new OllamaError(failure);
    } finally {
      // Also reached when the consumer stops iterating early: close the download.
      if (!finished) guard.abort();
      guard.dispose();
    }
  }

  /** Loads a model with an empty prompt so the first real request does not pay the load. */
  async warm(model: string, signal?: AbortSignal): Promise<Result<GenerationStats>> {
    const guard = new RequestGuard(signal);
    try {
      let stats: GenerationStats | undefined;
      for await (const event of this.generate({ model, prompt: '' }, guard.signal, { kind: 'warmUp' })) {
        if (event.kind === 'done') stats = event.stats;
      }
      return stats ? { ok: true, value: stats } : { ok: false, failure: toOllamaFailure(new Error('Did not receive done'), { host: this.hostLabel, model }) };
    } catch (error) {
      return { ok: false, failure: toOllamaFailure(error, { host: this.hostLabel, model }) };
    } finally {
      guard.dispose();
    }
  }

  dispose(): void {
    this.requests.dispose();
    this.unreachableEmitter.dispose();
  }

  private client(signal: AbortSignal, record?: ExchangeRecord): Ollama {
    const { host, headers } = this.config();
    // A client per request: cheap, and its fetch carries this request's signal,
    // which the package does not do for its non-streaming calls.
    return new Ollama({ host: host.url, headers: { ...headers }, fetch: fetchWithSignal(signal, host.url, record) });
  }

  private async metadata<T>(
    what: string,
    model: string | undefined,
    signal: AbortSignal | undefined,
    call: (client: Ollama, signal: AbortSignal) => Promise<T>,
  ): Promise<Result<T>> {
    const invalid = this.config().invalidHost;
    if (invalid) return { ok: false, failure: invalidHostFailure(invalid) };
    const guard = new RequestGuard(signal);
    guard.arm(this.timeouts.metadataMs);
    try {
      return { ok: true, value: await call(this.client(guard.signal), guard.signal) };
    } catch (error) {
      const failure = toOllamaFailure(error, { host: this.hostLabel, timedOut: guard.timedOut, ...(model ? { model } : {}) });
      // The monitor polls a stopped daemon every few seconds and logs the outage
      // once itself; repeating "unreachable" on every poll would bury the log.
      if (failure.kind === 'unreachable') this.log.debug(`${what} failed: ${failure.detail}`);
      else if (failure.kind !== 'cancelled') this.log.warn(`${what} failed: ${failure.detail}`);
      return { ok: false, failure };
    } finally {
      guard.dispose();
    }
  }

  private async *stream(
    kind: 'generate' | 'chat',
    model: string,
    promptChars: number,
    signal: AbortSignal,
    trace: RequestTrace,
    start: (client: Ollama) => Promise<AsyncIterable<GenerateResponse | ChatResponse> & { abort(): void }>,
  ): AsyncGenerator<ToolStreamEvent, void, undefined> {
    const invalid = this.config().invalidHost;
    if (invalid) throw new OllamaError(invalidHostFailure(invalid));
    const guard = new RequestGuard(signal);
    const record = this.recorder?.begin({ trace, engine: 'ollama', endpoint: `/api/${kind}`, model });
    const isLoaded = [...this.loaded].some((name) => sameModelName(name, model));
    const id = this.requests.begin(model, isLoaded ? 'generating' : 'loading');
    const started = Date.now();
    let midStream = false;
    let finished = false;
    guard.arm(this.timeouts.firstChunkMs);
    try {
      const iterator = await start(this.client(guard.signal, record));
      for await (const chunk of iterator) {
        if (!midStream) {
          midStream = true;
          this.requests.set(id, model, 'generating');
        }
        guard.arm(this.timeouts.idleMs);
        for (const event of chunkEvents(chunk)) {
          record?.received(event);
          yield event;
        }
        if (chunk.done) {
          finished = true;
          const stats = toStats(chunk);
          this.loaded.add(model);
          this.log.info(doneLine(kind, model, promptChars, stats));
          record?.received({ kind: 'done', stats });
          yield { kind: 'done', stats };
          return;
        }
      }
    } catch (error) {
      const failure = toOllamaFailure(error, { host: this.hostLabel, model, timedOut: guard.timedOut, midStream });
      record?.end(exchangeEnding(failure, signal));
      if (failure.kind === 'cancelled') this.log.debug(`${kind} ${model}: cancelled after ${Date.now() - started} ms`);
      else this.log.warn(`${kind} ${model} failed after ${Date.now() - started} ms: ${failure.detail}`);
      if (failure.kind === 'unreachable') this.unreachableEmitter.fire();
      throw new OllamaError(failure);
    } finally {
      // Reached on completion, error, and when the consumer stops iterating
      // early (`break`/`return`): then the connection must still be closed.
      if (!finished) guard.abort();
      record?.end(closedEnding(signal));
      guard.dispose();
      this.requests.end(id);
    }
  }
}
