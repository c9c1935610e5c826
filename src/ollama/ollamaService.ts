import { Ollama } from 'ollama';
import type { ChatResponse, GenerateResponse, ModelResponse, ProgressResponse, ShowResponse } from 'ollama';
import { Emitter } from '../core/emitter';
import type { Event } from '../core/emitter';
import type { Logger } from '../core/logger';
import { displayHost } from '../core/ollamaHost';
import { findModel, sameModel, toLoadedModels, toModelInfo } from './modelCatalog';
import { OllamaError, invalidHostFailure, toOllamaFailure } from './ollamaFailure';
import type { OllamaFailure, Result } from './ollamaFailure';
import type {
  Activity,
  ChatRequest,
  ConnectionConfig,
  GenerateRequest,
  GenerationStats,
  LoadedModel,
  ModelInfo,
  PullProgress,
  StreamEvent,
  ToolStreamEvent,
} from './ollamaTypes';
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
export class OllamaService {
  private readonly showCache = new Map<string, ModelInfo>();
  private models: readonly ModelInfo[] | undefined;
  private loaded = new Set<string>();
  private readonly running = new Map<number, { model: string; phase: 'loading' | 'generating' }>();
  private nextRequestId = 1;
  private readonly activityEmitter = new Emitter<Activity>();
  readonly onDidChangeActivity: Event<Activity> = this.activityEmitter.event;
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
  ) {}

  get hostLabel(): string {
    return displayHost(this.config().host);
  }

  /** Models from the last successful listModels(), if any. */
  get cachedModels(): readonly ModelInfo[] | undefined {
    return this.models;
  }

  get activity(): Activity {
    const last = [...this.running.values()].pop();
    if (!last) return { phase: 'idle', inFlight: 0 };
    const phase = [...this.running.values()].some((r) => r.phase === 'generating') ? 'generating' : 'loading';
    return { phase, inFlight: this.running.size, model: last.model };
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
        infos.push(...(await Promise.all(batch.map((tag) => this.describe(client, tag, signal)))));
      }
      return infos.sort((a, b) => a.name.localeCompare(b.name));
    });
    if (result.ok) this.models = result.value;
    return result;
  }

  /** Forgets cached model data: the daemon restarted or models were pulled. */
  invalidateModels(): void {
    this.models = undefined;
    this.showCache.clear();
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
  async *generate(request: GenerateRequest, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    for await (const event of this.stream('generate', request.model, request.prompt.length + (request.suffix?.length ?? 0), signal, (client) =>
      client.generate({
        ...request,
        stream: true,
        keep_alive: this.config().keepAlive,
        options: { ...request.options, num_ctx: this.config().numCtx },
      }),
    )) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  /** Streams /api/chat. Throws OllamaError; aborting `signal` closes the connection. */
  async *chat(request: ChatRequest, signal: AbortSignal): AsyncGenerator<StreamEvent, void, undefined> {
    // Without tools the daemon sends no tool calls; a `for await` here also
    // closes the inner stream (and its connection) when the caller stops early.
    for await (const event of this.chatWithTools({ ...request, tools: undefined }, signal)) {
      if (event.kind !== 'toolCalls') yield event;
    }
  }

  /** /api/chat with `tools`: also yields `message.tool_calls` as they stream. Thinking stays separate, as in chat. */
  chatWithTools(request: ChatRequest, signal: AbortSignal): AsyncGenerator<ToolStreamEvent, void, undefined> {
    const chars = request.messages.reduce((n, m) => n + m.content.length + (m.tool_calls ? JSON.stringify(m.tool_calls).length : 0), 0);
    return this.stream('chat', request.model, chars, signal, (client) =>
      client.chat({
        model: request.model,
        messages: request.messages.map((m) => ({
          role: m.role,
          content: m.content,
          ...(m.tool_calls ? { tool_calls: m.tool_calls.map((c) => ({ function: { name: c.function.name, arguments: { ...c.function.arguments } } })) } : {}),
          ...(m.tool_name !== undefined ? { tool_name: m.tool_name } : {}),
        })),
        ...(request.tools && request.tools.length > 0 ? { tools: request.tools.map((t) => ({ type: t.type, function: { ...t.function } })) } : {}),
        ...(request.think !== undefined ? { think: request.think } : {}),
        stream: true,
        keep_alive: this.config().keepAlive,
        options: { ...request.options, num_ctx: this.config().numCtx },
      }),
    );
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
      for await (const event of this.generate({ model, prompt: '' }, guard.signal)) {
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
    this.activityEmitter.dispose();
    this.unreachableEmitter.dispose();
  }

  private client(signal: AbortSignal): Ollama {
    const { host, headers } = this.config();
    // A client per request: cheap, and its fetch carries this request's signal,
    // which the package does not do for its non-streaming calls.
    return new Ollama({ host: host.url, headers: { ...headers }, fetch: fetchWithSignal(signal, host.url) });
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

  private async describe(client: Ollama, tag: ModelResponse, signal: AbortSignal): Promise<ModelInfo> {
    const key = `${tag.name}@${tag.digest}`;
    const cached = this.showCache.get(key);
    if (cached) return cached;
    if (signal.aborted) throw signal.reason;
    let show: ShowResponse;
    try {
      show = await client.show({ model: tag.name });
    } catch (error) {
      // One unreadable model must not hide the others; it is listed without capabilities.
      if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw error;
      this.log.warn(`show ${tag.name} failed: ${(error as Error).message}`);
      show = { template: '', capabilities: [], model_info: {} } as unknown as ShowResponse;
    }
    const info = toModelInfo(tag, show);
    this.showCache.set(key, info);
    return info;
  }

  private async *stream(
    kind: 'generate' | 'chat',
    model: string,
    promptChars: number,
    signal: AbortSignal,
    start: (client: Ollama) => Promise<AsyncIterable<GenerateResponse | ChatResponse> & { abort(): void }>,
  ): AsyncGenerator<ToolStreamEvent, void, undefined> {
    const invalid = this.config().invalidHost;
    if (invalid) throw new OllamaError(invalidHostFailure(invalid));
    const id = this.nextRequestId++;
    const guard = new RequestGuard(signal);
    const isLoaded = [...this.loaded].some((name) => sameModel(name, model));
    this.setPhase(id, model, isLoaded ? 'generating' : 'loading');
    const started = Date.now();
    let midStream = false;
    let finished = false;
    guard.arm(this.timeouts.firstChunkMs);
    try {
      const iterator = await start(this.client(guard.signal));
      for await (const chunk of iterator) {
        if (!midStream) {
          midStream = true;
          this.setPhase(id, model, 'generating');
        }
        guard.arm(this.timeouts.idleMs);
        const text = 'message' in chunk ? chunk.message.content : chunk.response;
        const thinking = 'message' in chunk ? chunk.message.thinking : chunk.thinking;
        if (thinking) yield { kind: 'thinking', text: thinking };
        if (text) yield { kind: 'text', text };
        const calls = 'message' in chunk ? chunk.message.tool_calls : undefined;
        if (calls && calls.length > 0) yield { kind: 'toolCalls', calls: calls.map((c) => ({ function: { ...c.function } })) };
        if (chunk.done) {
          finished = true;
          const stats = toStats(chunk);
          this.loaded.add(model);
          this.log.info(
            `${kind} ${model}: ${promptChars} chars → ${stats.promptTokens} prompt tokens, ${stats.evalTokens} generated (${stats.doneReason}) in ${stats.totalMs.toFixed(0)} ms ` +
              `[load ${stats.loadMs.toFixed(0)} ms, prompt ${stats.promptEvalMs.toFixed(0)} ms, ${tokensPerSecond(stats)} tok/s]`,
          );
          yield { kind: 'done', stats };
          return;
        }
      }
    } catch (error) {
      const failure = toOllamaFailure(error, { host: this.hostLabel, model, timedOut: guard.timedOut, midStream });
      if (failure.kind === 'cancelled') this.log.debug(`${kind} ${model}: cancelled after ${Date.now() - started} ms`);
      else this.log.warn(`${kind} ${model} failed after ${Date.now() - started} ms: ${failure.detail}`);
      if (failure.kind === 'unreachable') this.unreachableEmitter.fire();
      throw new OllamaError(failure);
    } finally {
      // Reached on completion, error, and when the consumer stops iterating
      // early (`break`/`return`): then the connection must still be closed.
      if (!finished) guard.abort();
      guard.dispose();
      this.running.delete(id);
      this.activityEmitter.fire(this.activity);
    }
  }

  private setPhase(id: number, model: string, phase: 'loading' | 'generating'): void {
    this.running.set(id, { model, phase });
    this.activityEmitter.fire(this.activity);
  }
}

const NS_PER_MS = 1e6;

function toPullProgress(chunk: ProgressResponse): PullProgress {
  // Go omits zero values: a layer's first line has no `completed`, status lines have no digest.
  const raw = chunk as Partial<ProgressResponse>;
  return {
    status: String(raw.status ?? ''),
    ...(raw.digest ? { digest: raw.digest } : {}),
    ...(typeof raw.total === 'number' ? { total: raw.total } : {}),
    ...(typeof raw.completed === 'number' ? { completed: raw.completed } : {}),
  };
}

/**
 * The registry's words arrive as an `{"error"}` line; say what they mean for a
 * pull. The daemon, not VS Code, downloads: it is the one that needs internet.
 * "Retry" would only reconnect; a failed download offers to pull again instead.
 */
function pullFailure(failure: OllamaFailure, model: string): OllamaFailure {
  if (failure.kind !== 'streamError' && failure.kind !== 'modelMissing') return failure;
  const text = failure.detail.replace(/^Error: /, '');
  const others = failure.actions.filter((a) => a.id !== 'retry' && a.id !== 'pullModel');
  if (failure.kind === 'modelMissing' || /file does not exist|manifest unknown|not found/i.test(text)) {
    return {
      ...failure,
      message: `Ollama found no model "${model}" in the registry. Check the name and tag at https://ollama.com/library, then pull again.`,
      actions: others,
    };
  }
  const again = [{ id: 'pullModel' as const, label: 'Try again' }, ...others];
  if (/dial tcp|no such host|lookup |i\/o timeout|connection refused|TLS handshake/i.test(text)) {
    return {
      ...failure,
      message: `Ollama could not reach the model registry to pull "${model}" (${text}). The Ollama daemon itself needs internet access (or a proxy set in its environment).`,
      actions: again,
    };
  }
  return { ...failure, message: `Pulling "${model}" failed: ${text}`, actions: again };
}

function toStats(chunk: GenerateResponse | ChatResponse): GenerationStats {
  return {
    doneReason: chunk.done_reason ?? 'stop',
    totalMs: (chunk.total_duration ?? 0) / NS_PER_MS,
    loadMs: (chunk.load_duration ?? 0) / NS_PER_MS,
    promptTokens: chunk.prompt_eval_count ?? 0,
    promptEvalMs: (chunk.prompt_eval_duration ?? 0) / NS_PER_MS,
    evalTokens: chunk.eval_count ?? 0,
    evalMs: (chunk.eval_duration ?? 0) / NS_PER_MS,
  };
}

function tokensPerSecond(stats: GenerationStats): string {
  return stats.evalMs > 0 ? ((stats.evalTokens * 1000) / stats.evalMs).toFixed(1) : '–';
}
